"""Self-contained HTML reports: the notebooks run headless, exported for reading offline.

:func:`build_report` runs every report notebook with papermill (an explicit
``python3`` kernel and working directory), writes the executed copies to a
build folder (never into ``notebooks/``), and exports each to one HTML page
without code, without the cells tagged ``interactive`` and without anything
loaded from another host, plus an ``index.html`` of headline figures linking
to the pages.

The rooms: :mod:`~netlib.report.kernels` (the kernels a report shares between its pages, and
stopping them however it ends), :mod:`~netlib.report.run` (running the pages, several at a time),
:mod:`~netlib.report.pages` (a page's name and title, and its HTML), :mod:`~netlib.report.front`
(the front page and the next steps' files), :mod:`~netlib.report.folder` (the locked output
folder); the headline figures are :func:`netlib.headline.headline`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from netlib._kernels import cores
from netlib.headline import headline
from netlib.report.folder import _ReportFolder, _try_lock  # noqa: F401 (the tests')
from netlib.report.front import _NEXT_STEPS_FILES
from netlib.report.kernels import (  # noqa: F401 (_at_exit: netlib.cli's; the others: the tests')
    _BUILD_PREFIX,
    STOP_SECONDS,
    KernelPool,
    _at_exit,
    _kernel_manager_class,
    _remove_stale_builds,
    kernel_encryption_available,
    run_notebook,
)
from netlib.report.pages import TEMPLATES_DIR, Page, ReportError, pages_of  # noqa: F401 (TEMPLATES_DIR, Page: the tests')
from netlib.report.run import _build, _kernel_env

__all__ = ["build_report", "run_notebook", "headline", "ReportError", "NOTEBOOKS_DIR", "kernel_encryption_available"]

def _notebooks_dir() -> Path:
    """The report notebooks: the repository's ``notebooks/`` in a checkout (or an editable install),
    else the copies a wheel carries (``netlib/_shipped/notebooks``, see ``setup.py``)."""
    here = Path(__file__).resolve().parent.parent
    repo = here.parent / "notebooks"
    return repo if (repo / "01_load_and_check.ipynb").exists() else here / "_shipped" / "notebooks"


#: Where the report notebooks live (the repository's ``notebooks/``).
NOTEBOOKS_DIR = _notebooks_dir()

#: Notebooks run at the same time, each worker with a kernel of its own (None: one per core).
REPORT_WORKERS: int | None = None


def build_report(
    sources=None,
    *,
    me=None,
    tz: str = "UTC",
    as_of: str | None = None,
    half_life_days: float | None = None,
    segment: str | None = None,
    anonymize: bool = False,
    load_options: dict | None = None,
    out: str | os.PathLike = "reports",
    build: str | os.PathLike | None = None,
    notebooks_dir: str | os.PathLike | None = None,
    progress: Callable[[str], None] | None = print,
    timeout: int = 600,
    loaded: Callable | None = None,
    salt: str | None = None,
) -> Path:
    """Run the report notebooks and write one offline HTML page each, plus ``index.html``.

    Parameters
    ----------
    sources : path or list of paths, optional
        Your exports; default the embedded sample.
    me, tz, as_of, half_life_days, segment, anonymize, load_options
        Passed to every notebook's ``parameters`` cell (``interactive`` is
        always False); ``load_options`` go on to :func:`netlib.load`.
    out : path
        Folder for the HTML pages (created).
    build : path, optional
        Folder to keep the executed notebooks in (default: a private temporary folder, removed
        at the end; a failed notebook is kept in ``out`` as ``<name>.failed.ipynb``).
    notebooks_dir : path, optional
        Where the notebooks are (default :data:`NOTEBOOKS_DIR`).
    progress : callable, optional
        Receives one line per step; None for silence.
    timeout : int
        Seconds a single cell may run.
    loaded : callable, optional
        Called with the Network the index page is made from (the CLI warns there about a
        ``--me`` that matched nothing).
    salt : str, optional
        With ``anonymize``: a secret for pseudonyms that stay the same across runs; default
        ``NETLIB_SALT`` from the environment, else a new random one for this run.

    Returns
    -------
    Path
        The ``index.html`` written.

    Raises
    ------
    ReportError
        A notebook failed: the message names the notebook, the cell and the exception.
    """
    say = progress or (lambda _msg: None)
    out = Path(out).resolve()
    nb_dir = Path(notebooks_dir or NOTEBOOKS_DIR).resolve()
    notebooks = sorted(nb_dir.glob("0*.ipynb"))
    if not notebooks:
        raise ReportError(f"no report notebooks (0*.ipynb) in {nb_dir}")
    given = [] if sources is None else ([sources] if isinstance(sources, (str, os.PathLike)) else list(sources))
    for src in given:
        if not Path(src).expanduser().exists():  # before any folder is made or any kernel started
            raise FileNotFoundError(f"{src}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    paths = [str(Path(s).resolve()) for s in given] if sources is not None else None
    params = {"sources": paths, "me": me, "tz": tz, "as_of": as_of, "half_life_days": half_life_days, "segment": segment,
              "anonymize": anonymize, "interactive": False, "load_options": load_options or {}}
    from netlib.anonymize import secret_salt

    # one secret for every page of this report (new on each run unless given or in NETLIB_SALT)
    salt = secret_salt(salt) if anonymize else None
    run = (params, salt, nb_dir, notebooks, out, say, timeout, loaded)
    if build:
        build = Path(build).resolve()
        build.mkdir(parents=True, exist_ok=True)
        return _load_and_build(build, *run)
    import atexit
    import tempfile

    _remove_stale_builds()
    atexit.unregister(_at_exit)  # once, however many reports this process makes
    atexit.register(_at_exit)  # after every thread has ended: see there
    with tempfile.TemporaryDirectory(prefix=f"{_BUILD_PREFIX}{os.getpid()}-") as tmp:  # private (0700), removed at the end
        return _load_and_build(Path(tmp), *run)


def _load_and_build(build: Path, params: dict, salt: str | None, nb_dir: Path, notebooks: list[Path], out: Path, say, timeout: int,
                    loaded: Callable | None) -> Path:
    """The report in the build folder ``build``: the kernels start (seconds) while the files are loaded
    and checked once, before the output folder is made (a folder with nothing netlib recognises is a
    DataError here, and stops them); every notebook opens this network from a snapshot."""
    from netlib.datasets import open_network

    pages = pages_of(notebooks)
    workers = max(1, min(len(notebooks), REPORT_WORKERS or cores()))
    with _kernel_env(build, salt) as (env, snapshot, facts), KernelPool(build, nb_dir, workers, env) as pool:
        say("loading your files once for every page ...")
        net = open_network(params["sources"], me=params["me"], tz=params["tz"], anonymize=params["anonymize"], salt=salt,
                           **params["load_options"])
        with _ReportFolder(out, [p.href for p in pages] + [*_NEXT_STEPS_FILES, "index.html"]) as folder:
            return _build(params, net, notebooks, pages, build, snapshot, facts, say, timeout, loaded, folder, pool)
