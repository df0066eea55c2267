"""``netlib doctor`` (``make check``): is this laptop ready for the notebooks and the workshop?

A check that takes seconds, not the test suite's minutes: Python, the packages the notebooks
import, the sample, the notebooks, then one small notebook run headless in the ``python3`` kernel
JupyterLab starts (it imports netlib, draws a chart, runs a workshop check and makes a slider,
whose widget state must come back).  Each line says OK or FAIL, and a FAIL says how to fix it.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from netlib._words import plural

__all__ = ["Check", "doctor", "REQUIRED"]

#: The packages the notebooks and JupyterLab need, and the extra of netlib that brings each.
REQUIRED = {"numpy": None, "pandas": None, "matplotlib": None, "ipykernel": None, "nbclient": None, "nbformat": None,
            "ipywidgets": "lab", "jupyterlab": "lab", "jupyterlab_widgets": "lab"}

#: How a FAIL of the environment is fixed from the repository, and with pip.
SETUP_FIX = "in the project folder run `make setup` (or: pip install 'netlib[lab]')"

#: The small notebook the check runs: what every workshop notebook does, in four cells.
CELLS = [
    "import sys\nimport netlib\nnet = netlib.workshop.use(netlib.load_sample())\nprint(sys.executable)",
    "import matplotlib.pyplot as plt\nfrom netlib import plots\nfig, ax = plt.subplots(figsize=(4, 3))\nplots.plot_effort(netlib.effort(net), ax=ax);",
    'netlib.workshop.check("two_half_lives", 0.25)',
    'import ipywidgets\nipywidgets.IntSlider(value=3, min=0, max=10, description="check")',
]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@dataclass
class Check:
    """One line of the check: whether it passed, what was checked, and how to fix a failure."""

    ok: bool
    what: str
    fix: str = ""

    def __str__(self) -> str:
        return f"OK    {self.what}" if self.ok else f"FAIL  {self.what}\n      fix: {self.fix}"


def _python() -> Check:
    v = sys.version_info
    return Check(v >= (3, 11), f"Python {v.major}.{v.minor}.{v.micro} ({sys.executable})",
                 "install Python 3.11 or newer, then `make setup PYTHON=python3.11` (or create the environment again with it)")


def _imports() -> Check:
    missing = []
    for name in REQUIRED:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        return Check(False, "missing packages: " + ", ".join(missing), SETUP_FIX)
    import netlib

    return Check(True, f"netlib {netlib.__version__} and the packages the notebooks import ({', '.join(REQUIRED)})")


def _sample() -> Check:
    import netlib

    net = netlib.load_sample()
    return Check(True, f"the embedded sample loads: {plural(len(net.contacts), 'contact')}, {plural(len(net.meetings), 'meeting')}")


def _notebooks() -> Check:
    from netlib._workshop_kit import NOTEBOOKS, notebooks_dir, workshop_dir

    report, work = sorted(notebooks_dir().glob(NOTEBOOKS)), sorted(workshop_dir().glob(NOTEBOOKS))
    return Check(len(report) >= 6 and len(work) >= 4, f"the notebooks: {plural(len(report), 'report notebook')} and {plural(len(work), 'workshop notebook')} "
                 f"in {notebooks_dir()}", "reinstall netlib (pip install --force-reinstall netlib), or fetch a fresh copy of the project")


def _outputs(nb) -> list[dict]:
    return [o for c in nb.cells for o in c.get("outputs", [])]


def _kernel_manager():
    """The ``python3`` kernel as JupyterLab starts it (whatever Python its kernelspec names: that is
    what is checked), its traffic encrypted where Jupyter offers it, as ``make lab`` asks."""
    from jupyter_client import AsyncKernelManager
    from traitlets.config import Config

    from netlib.report import kernel_encryption_available

    config = Config({"KernelManager": {"transport_encryption": "auto"}}) if kernel_encryption_available() else Config()
    return AsyncKernelManager(kernel_name="python3", config=config)


def _run_notebook() -> list[Check]:
    """The kernel, the notebook and the widget: three lines from one small run."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, km=_kernel_manager(), timeout=60, startup_timeout=60, store_widget_state=True)
    kernel_fix = ("JupyterLab's 'Python 3' kernel must be this environment's Python: start JupyterLab with `make lab`, or run "
                  f"`{sys.executable} -m ipykernel install --user` to make it so")
    try:
        client.execute()
    except CellExecutionError as err:
        text = str(err).strip().splitlines()
        why = text[-1] if text else "an error"
        if "ModuleNotFoundError" in why:
            return [Check(False, f"the kernel starts but cannot import what the notebooks need ({why})", kernel_fix)]
        return [Check(True, "a kernel starts"), Check(False, f"a small notebook fails: {why}", SETUP_FIX)]
    except Exception as err:  # noqa: BLE001 (whatever stops a kernel from starting is reported as this line's FAIL, with its fix)
        return [Check(False, f"no kernel starts ({type(err).__name__}: {err})", kernel_fix)]
    first = "".join(o.get("text", "") for o in nb.cells[0].outputs).strip()
    lines = [Check(True, f"a kernel starts ({first or 'python3'})")]
    figure = any("image/png" in o.get("data", {}) for o in nb.cells[1].outputs)
    right = any("Right" in o.get("data", {}).get("text/plain", "") for o in nb.cells[2].outputs)
    backend = os.environ.get("MPLBACKEND")
    lines.append(Check(figure and right, "a small notebook runs: the sample loads, a chart is drawn, a workshop check says Right"
                       if figure and right else f"a small notebook runs but {'draws no chart' if not figure else 'its check is not Right'}",
                       f"unset MPLBACKEND (it is {backend!r}) in the terminal, then start again" if backend and not figure else SETUP_FIX))
    view = any(WIDGET_VIEW in o.get("data", {}) for o in nb.cells[3].outputs)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    slider = any(s.get("model_name") == "IntSliderModel" and s.get("state", {}).get("value") == 3 for s in state.values())
    lines.append(Check(view and slider, "a widget renders (a slider's view and state came back from the kernel)" if view and slider
                       else "a widget does not render (no view or state came back from the kernel)", SETUP_FIX))
    return lines


def doctor(say: Callable[[str], None] = print) -> bool:
    """Check that this environment runs the notebooks, one line per check (``say``); True when all passed.

    Parameters
    ----------
    say : callable
        Receives each line as it is known (default :func:`print`).

    Returns
    -------
    bool
        Whether every check passed.
    """
    t0 = time.monotonic()
    checks: list[Check] = []
    for step in (_python, _imports, _sample, _notebooks, _run_notebook):
        if step not in (_python, _imports) and not all(c.ok for c in checks):
            break  # the rest needs Python and the packages
        try:
            found = step()
        except Exception as err:  # noqa: BLE001 (any failure of a check is that check's FAIL line, with a fix)
            found = Check(False, f"{step.__name__.strip('_')}: {type(err).__name__}: {err}", SETUP_FIX)
        for c in found if isinstance(found, list) else [found]:
            checks.append(c)
            say(str(c))
    passed = all(c.ok for c in checks)
    seconds = time.monotonic() - t0
    failed = sum(not c.ok for c in checks)
    say(f"\nall {plural(len(checks), 'check')} passed in {seconds:.0f} s: ready for the notebooks and the workshop" if passed else
        f"\n{failed:,} of {plural(len(checks), 'check')} failed ({seconds:.0f} s): "
        + ("fix it, then run the check again" if failed == 1 else "fix them from the top, then run the check again"))
    return passed
