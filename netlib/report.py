"""Self-contained HTML reports: the notebooks run headless, exported for reading offline.

:func:`build_report` runs every report notebook with papermill (an explicit
``python3`` kernel and working directory), writes the executed copies to a
build folder (never into ``notebooks/``), and exports each to one HTML page
without code, without the cells tagged ``interactive`` and without anything
loaded from another host, plus an ``index.html`` of headline figures linking
to the pages.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from netlib import _params
from netlib._files import OutputError, OutputFolder, _describe
from netlib._kernels import cores

__all__ = ["build_report", "run_notebook", "headline", "ReportError", "NOTEBOOKS_DIR", "kernel_encryption_available"]

#: Where the report notebooks live (the repository's ``notebooks/``).
def _notebooks_dir() -> Path:
    """The report notebooks: the repository's ``notebooks/`` in a checkout (or an editable install),
    else the copies a wheel carries (``netlib/_shipped/notebooks``, see ``setup.py``)."""
    here = Path(__file__).resolve().parent
    repo = here.parent / "notebooks"
    return repo if (repo / "01_load_and_check.ipynb").exists() else here / "_shipped" / "notebooks"


NOTEBOOKS_DIR = _notebooks_dir()
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_TITLES = {"01_load_and_check": "Load and check", "02_reach": "Reach", "03_effort": "Effort", "04_decay": "Decay",
           "05_next_steps": "What to do next", "06_plan": "What if"}


class ReportError(RuntimeError):
    """A notebook failed while building a report: which notebook, which cell, which exception."""


@dataclass
class Page:
    name: str
    title: str
    href: str
    seconds: float


@_params.document
def headline(net, *, as_of=None, half_life_days: float | None = None, horizon_days: float = 90) -> pd.Series:
    """The figures on a report's front page.

    ``people_reached`` (distinct people met), ``hours`` (meeting hours),
    ``people_per_hour_one_to_one`` and ``people_per_hour_one_to_many``
    (from :func:`netlib.effort`), ``warm_ties`` (:func:`netlib.warm_ties` at
    ``as_of``: the same count as the decay page and month 0 of every plan) and
    ``going_cold`` (warm ties that fall below the warm threshold within ``horizon_days``).

    Parameters
    ----------
    {net}
    {as_of}
    half_life_days : float, optional
        Days for a tie to lose half its strength; None: the one every page uses
        (:func:`netlib.decay.choose_half_life`).
    horizon_days : float
        How far ahead "going cold" looks, in days.

    Examples
    --------
    >>> import netlib
    >>> h = headline(netlib.load_sample())
    >>> h["people_reached"] == int(netlib.reach(netlib.load_sample()).loc["all", "people"])
    True
    """
    import netlib

    half_life_days = netlib.decay.choose_half_life(net, as_of, half_life_days).days
    e = netlib.effort(net, end=_end(net, as_of), half_life_days=half_life_days)
    st = netlib.status(net, as_of, half_life_days)
    per_hour = e["people_per_hour"]
    return pd.Series(
        {
            "people_reached": int(netlib.reach(net, end=_end(net, as_of)).loc["all", "people"]),
            "hours": float(e["hours"].sum()),
            "people_per_hour_one_to_one": float(per_hour.get("one_to_one", float("nan"))),
            "people_per_hour_one_to_many": float(per_hour.get("one_to_many", float("nan"))),
            "warm_ties": netlib.warm_ties(net, as_of, half_life_days),
            "going_cold": int((st["days_to_cold"] <= horizon_days).sum()),
        },
        dtype=object,
    )


def _end(net, as_of):
    """The window that ends with ``as_of`` (included)."""
    t = _params.when("headline", "as_of", as_of)
    return None if t is None else t + pd.Timedelta(microseconds=1)


def kernel_encryption_available() -> bool:
    """Whether jupyter_client offers ``transport_encryption`` and pyzmq has CurveZMQ.

    ``netlib report`` and ``make lab`` then encrypt the local traffic between Jupyter and
    its kernels, which carries your contacts' names and addresses.
    """
    import zmq
    from jupyter_client.manager import KernelManager

    return "transport_encryption" in KernelManager.class_trait_names() and bool(zmq.has("curve"))


def _kernel_config(connection_file: Path | None = None) -> dict:
    """The kernel's configuration: its connection file, and encryption where Jupyter offers it.

    The connection file (the kernel's ports and signing key) goes where ``connection_file`` says,
    inside the report's private folder, so that a run that is killed leaves none behind in the
    shared temporary folder (jupyter_client's default place).  Kernels talk to their client over
    local TCP; recent ipykernel warns on every start that this is unencrypted.  Notebooks here hold
    personal data, so ask for CurveZMQ ("auto": only kernels that declare support get keys) when
    it is available; otherwise run as before.
    """
    from traitlets.config import Config

    km = {"transport_encryption": "auto"} if kernel_encryption_available() else {}
    if connection_file is not None:
        km["connection_file"] = str(connection_file)
    return {"config": Config({"KernelManager": km})} if km else {}


def run_notebook(path: str | os.PathLike, out: str | os.PathLike, parameters: dict | None = None, *,
                 cwd: str | os.PathLike | None = None, timeout: int = 600, say: Callable[[str], None] | None = None) -> Path:
    """Execute a notebook with papermill (kernel ``python3``), writing the executed copy to ``out``.

    No cell may run longer than ``timeout`` seconds.  A cell that times out
    is run once more, in a new kernel: with ipykernel 7 a kernel now and then
    finishes a cell but its reply never reaches the client, which would
    otherwise wait forever (nteract/papermill#711, jupyter/jupyter_client#922).
    A second timeout raises ``nbclient.exceptions.CellTimeoutError``; errors
    inside the notebook raise ``papermill.PapermillExecutionError`` at once.

    Parameters
    ----------
    path : path
        The notebook to run.
    out : path
        Where to write the executed copy.
    parameters : dict, optional
        Values for the notebook's ``parameters`` cell.
    cwd : path, optional
        The kernel's working directory (default: the current one).
    timeout : int
        Seconds a single cell may run.
    say : callable, optional
        Receives one line when a notebook is run again.

    Returns
    -------
    Path
        ``out``.
    """
    kernel = _Kernel(Path(out).with_name(f".{Path(out).stem}.kernel.json"), cwd)
    try:
        kernel.run(path, out, parameters, timeout, say)
    finally:
        kernel.close()
    return Path(out)


class _Kernel:
    """One kernel that runs notebooks one after another, each as if in a kernel of its own.

    Starting a kernel and importing netlib, pandas and matplotlib in it cost one to two seconds of
    processor time, more than most report pages' own work; a report's pages therefore share one
    kernel per worker.  Between two notebooks :func:`_between_notebooks` runs in the kernel: the
    namespace goes (``reset(new_session=True)``, which also starts the execution count at 1 again),
    so do open figures, matplotlib settings changed since the kernel started, the "shown once"
    memory of warnings, and a changed working directory.  A notebook therefore sees only what it
    defines, as in a new kernel; the test suite runs each notebook in a kernel of its own too.  After
    a cell that gave no answer the kernel is stopped and the notebook runs once more in a new one.
    """

    def __init__(self, connection_file: Path, cwd: str | os.PathLike | None) -> None:
        self.connection_file, self.cwd = Path(connection_file), cwd
        self.km = None
        self.used = False  # a notebook ran in this kernel since it started

    def start(self) -> None:
        """Start the kernel and import what every page imports; after a failure there is no kernel."""
        from jupyter_core.utils import run_sync

        self.km = _kernel_manager_class()(kernel_name="python3", **_kernel_config(self.connection_file))
        try:
            # as nbclient starts its kernels: history in memory, never in the user's IPython profile
            run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"],
                                           cwd=None if self.cwd is None else str(self.cwd))
            self._execute("import netlib.report\nnetlib.report._kernel_started()\ndel netlib")
        except BaseException:
            self.close()
            raise
        self.used = False

    def _execute(self, code: str) -> None:
        """Run ``code`` in the kernel through a client of our own; a failure is a :class:`ReportError`."""
        from jupyter_core.utils import run_sync

        kc = self.km.client()
        kc.start_channels()
        try:
            run_sync(kc.wait_for_ready)(timeout=120)
            reply = run_sync(kc.execute_interactive)(code, store_history=False, allow_stdin=False, timeout=120,
                                                     output_hook=lambda _msg: None)
        finally:
            kc.stop_channels()
        content = reply["content"]
        if content["status"] != "ok":
            raise ReportError(f"could not prepare a kernel for the next page: {content.get('ename')}: {content.get('evalue')}")

    def run(self, path, out, parameters: dict | None, timeout: int, say: Callable[[str], None] | None) -> None:
        """Run the notebook at ``path`` (see :func:`run_notebook`), its executed copy to ``out``."""
        import papermill as pm
        from nbclient.exceptions import CellTimeoutError

        for attempt in (1, 2):
            if self.km is None:
                self.start()
            elif self.used:
                self._execute("import netlib.report\nnetlib.report._between_notebooks()")
            self.used = True
            try:
                pm.execute_notebook(str(path), str(out), parameters=parameters or {}, kernel_name="python3", language="python",
                                    progress_bar=False, execution_timeout=timeout, km=self.km)
                return
            except CellTimeoutError:
                self.close()
                if attempt == 2:
                    raise
                if say is not None:
                    say(f"{Path(path).name}: a cell gave no answer in {timeout} s; running the notebook once more")
            finally:
                _stop_clients(self.km)

    def close(self) -> None:
        """Stop the kernel (at once: its notebooks are done) and remove its connection file."""
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        if km is None:
            return
        _stop_clients(km)
        try:
            if run_sync(km.is_alive)():
                run_sync(km.shutdown_kernel)(now=True)
        finally:
            run_sync(km.cleanup_resources)()


def _stop_clients(km) -> None:
    """Close the channels of every client of ``km`` (nbclient leaves open those of a kernel it did not start)."""
    if km is not None:
        for kc in km.clients:
            kc.stop_channels()
        km.clients.clear()


#: The matplotlib settings and working directory of a report kernel as it started (see :class:`_Kernel`).
_KERNEL_START: dict = {}


def _kernel_started() -> None:
    """Run in a report kernel once it has started: import what every page imports, and remember
    the matplotlib settings (once pyplot's backend is set up) and working directory."""
    import matplotlib
    import matplotlib.pyplot as plt

    import netlib  # noqa: F401 (imported once for every page of this kernel)

    plt.close(plt.figure())  # the inline backend configures matplotlib on the first figure
    rc = {k: v for k, v in matplotlib.rcParams.copy().items() if k != "backend"}  # the backend is set up now
    _KERNEL_START.update(rc=rc, cwd=os.getcwd())


def _between_notebooks() -> None:
    """Run in a report kernel between two notebooks: as they were when the kernel started (see :class:`_Kernel`)."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    with warnings.catch_warnings():  # entering and leaving clears the registries of warnings shown once
        pass
    matplotlib.rcParams.update(_KERNEL_START["rc"])
    os.chdir(_KERNEL_START["cwd"])
    get_ipython().reset(new_session=True)


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
    pages = [Page(p.stem, _TITLES.get(p.stem, p.stem), f"{p.stem}.html", 0.0) for p in notebooks]
    given = [] if sources is None else ([sources] if isinstance(sources, (str, os.PathLike)) else list(sources))
    for src in given:
        if not Path(src).expanduser().exists():  # before any folder is made or any kernel started
            raise FileNotFoundError(f"{src}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    paths = [str(Path(s).resolve()) for s in given] if sources is not None else None
    params = {"sources": paths, "me": me, "tz": tz, "as_of": as_of, "half_life_days": half_life_days, "segment": segment,
              "anonymize": anonymize, "interactive": False, "load_options": load_options or {}}
    from netlib.anonymize import secret_salt
    from netlib.datasets import open_network

    # one secret for every page of this report (new on each run unless given or in NETLIB_SALT)
    salt = secret_salt(salt) if anonymize else None

    def load_and_build(build: Path) -> Path:
        # the kernels start (seconds) while the files are loaded and checked once, before the output
        # folder is made (a folder with nothing netlib recognises is a DataError here, and stops
        # them); every notebook opens this network from a snapshot
        with _kernel_env(build, salt) as (snapshot, facts):
            starting = _Starting(build, nb_dir, max(1, min(len(notebooks), REPORT_WORKERS or cores())))
            try:
                say("loading your files once for every page ...")
                net = open_network(paths, me=me, tz=tz, anonymize=anonymize, salt=salt, **params["load_options"])
                with _ReportFolder(out, [p.href for p in pages] + [*_NEXT_STEPS_FILES, "index.html"]) as folder:
                    return _build(params, net, notebooks, pages, build, snapshot, facts, say, timeout, loaded, folder, starting)
            except BaseException:  # the kernels of a report that failed (once its pages ran, they are gone already)
                starting.abandon()
                raise

    if build:
        build = Path(build).resolve()
        build.mkdir(parents=True, exist_ok=True)
        return load_and_build(build)
    import atexit
    import tempfile

    _remove_stale_builds()
    atexit.unregister(_at_exit)  # once, however many reports this process makes
    atexit.register(_at_exit)  # after every thread has ended: see there
    with tempfile.TemporaryDirectory(prefix=f"{_BUILD_PREFIX}{os.getpid()}-") as tmp:  # private (0700), removed at the end
        return load_and_build(Path(tmp))


class _Starting:
    """The report's kernels (one per worker), each started on a thread of its own as soon as the
    build folder exists, while the files load (:func:`build_report`)."""

    def __init__(self, build: Path, nb_dir: Path, workers: int) -> None:
        import threading

        self.kernels = [_Kernel(build / f".{k + 1}.kernel.json", nb_dir) for k in range(workers)]
        self.threads = [threading.Thread(target=self._start, args=(k,), name=f"netlib-kernel-{i + 1}", daemon=True)
                        for i, k in enumerate(self.kernels)]
        for t in self.threads:
            t.start()

    @staticmethod
    def _start(kernel: _Kernel) -> None:
        with contextlib.suppress(Exception):  # the first page starts it again, and reports what fails then
            kernel.start()

    def kernel(self, i: int) -> _Kernel:
        """Kernel ``i`` once its start has ended (started, or not: its first page starts it again)."""
        self.threads[i].join()
        return self.kernels[i]

    def abandon(self) -> None:
        """Stop every kernel, one still starting too: the report failed before its pages ran.  A
        start that does not end within :data:`STOP_SECONDS` once its kernel is killed (it waits for a
        reply that will not come) is left to its daemon thread, which ends with this process; a
        kernel it launches after that is stopped at exit (:func:`_at_exit`)."""
        deadline = time.monotonic() + STOP_SECONDS
        for t in self.threads:
            while t.is_alive() and time.monotonic() < deadline:
                _stop_kernels()
                t.join(0.1)
        for k, t in zip(self.kernels, self.threads, strict=True):
            if not t.is_alive():  # (a start still running owns its kernel manager)
                k.close()


def _build(params, net, notebooks, pages, build, snapshot: Path, facts: Path, say, timeout, loaded, folder,
           starting: _Starting) -> Path:
    """The body of :func:`build_report`, inside the locked output folder: writes the snapshot of
    ``net`` and what several pages share where the kernels' environment points (:func:`_kernel_env`)."""
    from netlib.datasets import snapshot_key, write_facts, write_snapshot

    key = snapshot_key(params["sources"], params["me"], params["tz"], params["anonymize"], params["load_options"])
    written: set[str] = set()

    def publish() -> None:
        # the half-life every page uses (fitted from the meetings unless given) is found before the
        # snapshot, so that the fit travels with it and every page, started now or later, names the same
        from netlib.decay import choose_half_life

        choose_half_life(net, params["as_of"], params["half_life_days"])
        written.update(net.valid_facts())
        write_snapshot(net, snapshot, key)

    def share() -> None:
        _share(net, params, [p.name for p in pages])
        write_facts(net, facts, key, since=written)

    return _run_pages(params, notebooks, pages, build, say, timeout, loaded, folder, net, starting, publish, share)


@contextlib.contextmanager
def _kernel_env(build: Path, salt: str | None) -> Iterator[tuple[Path, Path]]:
    """What the report's kernels find in their environment (set before they start): where the
    snapshot of the network (written before any page runs) and what several pages share (written
    before any page that reads it runs) will be, and the salt of the pseudonyms; never in a
    notebook (a failed one is kept in ``--out``).  Gives the two files' paths; they go at the end."""
    from netlib.datasets import FACTS_ENV, SNAPSHOT_ENV

    files = {SNAPSHOT_ENV: build / ".network.pickle", FACTS_ENV: build / ".facts.pickle"}
    _KERNEL_ENV.update({k: str(v) for k, v in files.items()})
    if salt is not None:
        _KERNEL_ENV["NETLIB_SALT"] = salt
    try:
        yield files[SNAPSHOT_ENV], files[FACTS_ENV]
    finally:
        _KERNEL_ENV.clear()
        for f in files.values():
            f.unlink(missing_ok=True)


def _share(net, params: dict, names: list[str]) -> None:
    """Compute, once for every page, what several of them would each compute again from the
    network: its events sorted by contact (the decay, plan and next-steps pages and the front page),
    where each tie stands and the strongest each tie ever was (the decay, plan and next-steps pages
    and the front page) and the fitted half-life (the decay and plan pages).  The pages read them from the file
    :func:`netlib.datasets.write_facts` writes (:meth:`netlib.Network.adopt_facts`)."""
    from netlib import decay

    decay._events(net)
    days = decay.choose_half_life(net, params["as_of"], params["half_life_days"]).days  # (the fit: found before the snapshot)
    decay.status(net, params["as_of"], days)
    decay.peak_strength(net, params["as_of"], days)


def _run_pages(params, notebooks, pages, build, say, timeout, loaded, folder, net, starting: _Starting,
               publish: Callable[[], None], share: Callable[[], None]) -> Path:
    """Run the notebooks, several at a time where the machine has the cores (one kernel per worker,
    each running its share of the notebooks in turn, the heaviest first: see :class:`_Kernel` and
    :data:`_HEAVY`), and write the pages in order, each as soon as it can be.  While the kernels
    finish starting, ``publish()`` writes the snapshot of the network they open; then, while the pages that
    need nothing more run, ``share()`` computes and writes what several pages share, and the pages
    that read it (:data:`_SHARING`) run once it is written.  The front page is made after it,
    while the pages run, and written last."""
    import threading
    from concurrent.futures import Future

    n = len(notebooks)
    futures: list[Future] = [Future() for _ in range(n)]
    todo = sorted(range(n), key=lambda i: _heavy_first(notebooks[i].stem))  # the order pages are taken in
    lock = threading.Lock()
    front: Future = Future()  # the front page is made meanwhile, in this process

    def make_front() -> None:
        try:
            front.set_result(_front_page(params, pages, loaded, net))
        except BaseException as err:  # noqa: BLE001 (raised below, in the main thread)
            front.set_exception(err)

    ready = threading.Event()  # the snapshot is written (or the report failed before it was)
    shared = threading.Event()  # what several pages share is written (or the report failed before it was)

    def take() -> int | None:
        """The next page to run: the first in :func:`_heavy_first` order that needs nothing not yet
        written; when only pages that read what is shared are left, the first of them once it is."""
        while True:
            with lock:
                if not todo:
                    return None
                for i in todo:
                    if shared.is_set() or notebooks[i].stem not in _SHARING:
                        todo.remove(i)
                        return i
            shared.wait()

    def work(k: int) -> None:
        kernel = starting.kernel(k)  # meanwhile, publish() and share() run in the main thread
        try:
            ready.wait()
            while True:
                i = take()
                if i is None:
                    return
                if not futures[i].set_running_or_notify_cancel():
                    continue
                say(f"[{i + 1}/{n}] {pages[i].title}: running {notebooks[i].name} ...")
                t0 = time.perf_counter()
                try:
                    kernel.run(notebooks[i], build / notebooks[i].name, params, timeout, say)
                except BaseException as err:  # noqa: BLE001 (handed to the main thread, which reports it)
                    futures[i].set_exception(err)
                else:
                    futures[i].set_result(time.perf_counter() - t0)
        finally:
            kernel.close()

    threads = [threading.Thread(target=work, args=(k,), name=f"netlib-report-{k + 1}", daemon=True)
               for k in range(len(starting.kernels))]
    for t in threads:
        t.start()
    try:
        try:
            publish()
            ready.set()
            share()
        finally:
            ready.set()
            shared.set()
        import papermill as pm  # (a second to import: once the snapshot is written, not before)
        from nbclient.exceptions import CellTimeoutError
        # (the front page's thread is not waited for after a failure: it ends with this process)
        threading.Thread(target=make_front, name="netlib-report-front", daemon=True).start()
        for i, (nb, page, fut) in enumerate(zip(notebooks, pages, futures, strict=True)):  # pages in order
            executed = build / nb.name
            try:
                page.seconds = fut.result()
            except CellTimeoutError:
                kept = folder.keep(executed)
                raise ReportError(f"{nb.name}: a cell gave no answer in {timeout} s, twice; the partly executed notebook is "
                                  f"{kept}. Pass a longer timeout if your data is very large") from None
            except pm.PapermillExecutionError as err:
                kept = folder.keep(executed)
                raise ReportError(
                    f"{nb.name} failed in cell {err.exec_count} (code cell {err.cell_index}): {err.ename}: {err.evalue}. "
                    f"The executed notebook with the full traceback is {kept}"
                ) from None
            folder.write(page.href, _export(executed, page, pages))
            say(f"[{i + 1}/{n}] {page.title}: wrote {page.href} ({page.seconds:.1f} s)")
    except BaseException:  # a failed page, Ctrl-C, kill: the notebooks still running are stopped, not waited for
        for f in futures:
            f.cancel()
        _stop_kernels()
        # a worker still waiting for its kernel's start (or a reply from a kernel now gone) is a daemon
        # thread: waited for a moment, then left to end with this process, never waited for on end
        _join(threads, STOP_SECONDS)
        raise
    for t in threads:
        t.join()  # every page is done: the workers are closing their kernels
    done = front.result()
    for name in _NEXT_STEPS_FILES:
        folder.write(name, done[name])
    index = folder.write("index.html", done["index.html"])  # last: a report without it is visibly partial
    say(f"report: {index}")
    return index


#: The pages that read what the report works out once for several of them (``_share``): they run
#: once it is written, the other pages meanwhile.
_SHARING = ("04_decay", "05_next_steps", "06_plan")

#: The pages that take longest, run first so that no worker is left with a long one at the end
#: (measured by ``benchmarks/bench_report.py``; on a large network the plan, reach and decay pages
#: take 3 to 8 times as long as the others).
_HEAVY = ("06_plan", "04_decay", "02_reach")


def _heavy_first(name: str) -> int:
    """Where a notebook comes in the order the workers take them (see :data:`_HEAVY`)."""
    return _HEAVY.index(name) if name in _HEAVY else len(_HEAVY)


#: Seconds a stopped report waits for its threads once their kernels are killed (Ctrl-C ends the
#: command within about this).
STOP_SECONDS = 0.5


def _join(threads, seconds: float) -> None:
    """Wait for ``threads`` to end, for at most ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))


#: Notebooks run at the same time, each worker with a kernel of its own (None: one per core).
REPORT_WORKERS: int | None = None

_BUILD_PREFIX = "netlib-report-"
_KERNELS: list = []  # the kernel processes this process started (subprocess.Popen)
_KERNEL_ENV: dict = {}  # variables the report's kernels get besides this process's environment


def _kernel_manager_class() -> type:
    """jupyter_client's kernel manager, remembering each kernel process it starts (see :func:`_at_exit`)."""
    global _TrackedKernelManager
    if _TrackedKernelManager is None:
        from jupyter_client import AsyncKernelManager

        class TrackedKernelManager(AsyncKernelManager):
            def __init__(self, **kw):
                super().__init__(**kw)
                self.clients = []  # see _stop_clients

            def client(self, **kw):
                kc = super().client(**kw)
                self.clients.append(kc)
                return kc

            @property
            def kernel_spec(self):
                """The ``python3`` kernel is this very interpreter (a ``python3`` kernelspec of the
                user's or the system's, for another Python without netlib, never takes over)."""
                spec = super().kernel_spec
                if self.kernel_name == "python3" and spec is not None and spec.language == "python":
                    spec.argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
                return spec

            async def _async_launch_kernel(self, kernel_cmd, **kw):
                if _KERNEL_ENV:
                    kw["env"] = {**(kw.get("env") or os.environ), **_KERNEL_ENV}
                if self.connection_file and "stderr" not in kw:  # the kernel's own messages (a shutdown's traceback,
                    # its warnings) go to a log in the private build folder, not to the user's terminal
                    with open(Path(self.connection_file).with_suffix(".log"), "ab") as log:  # the kernel keeps its copy
                        await super()._async_launch_kernel(kernel_cmd, stderr=log, **kw)
                else:
                    await super()._async_launch_kernel(kernel_cmd, **kw)
                process = getattr(self.provisioner, "process", None)
                if process is not None:
                    _KERNELS.append(process)

        _TrackedKernelManager = TrackedKernelManager
    return _TrackedKernelManager


_TrackedKernelManager = None


def _stop_kernels() -> None:
    """Kill every kernel this process started that still runs."""
    for process in _KERNELS:
        if process.poll() is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):  # killed: nothing more to do
                process.wait(5)


def _at_exit() -> None:
    """A run stopped while a kernel was starting leaves that kernel running: it notices its parent
    gone only after the parent exits, then writes a connection file of its own (ipykernel does when
    it finds none) and ends without removing it.  Stop such kernels, then remove this process's
    build folder."""
    _stop_kernels()
    _KERNELS.clear()
    _remove_stale_builds(own=True)


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` is running (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_builds(own: bool = False) -> None:
    """Remove the private build folders (executed notebooks, kernel connection files) of earlier
    runs of this user that were killed before they could clean up (``kill -9``, a power cut);
    ``own``: this process's, at its exit (a kernel still starting on papermill's thread when the
    run was stopped writes its connection file after the folder was removed)."""
    import shutil
    import tempfile

    for d in Path(tempfile.gettempdir()).glob(f"{_BUILD_PREFIX}*-*"):
        pid = d.name[len(_BUILD_PREFIX):].split("-", 1)[0]
        try:
            mine = d.is_dir() and not d.is_symlink() and d.stat().st_uid == os.getuid()
        except (OSError, AttributeError):  # gone meanwhile; or no user ids (Windows)
            continue
        if mine and pid.isdigit() and (int(pid) == os.getpid() if own else not _alive(int(pid))):
            shutil.rmtree(d, ignore_errors=True)


class _ReportFolder:
    """The output folder while a report is written into it: locked against a second run, and
    written through :class:`netlib._files.OutputFolder` (never over a file netlib did not write
    there, never through a link, each page whole or not at all; its manifest keeps the report's
    own name).  The old index goes first, so that an interrupted run leaves no index that looks
    complete."""

    LOCK, MANIFEST = ".netlib-report.lock", ".netlib-report.json"

    def __init__(self, out: Path, names: list[str]) -> None:
        self.out, self.names = out, names

    def __enter__(self) -> _ReportFolder:
        if self.out.exists() and not self.out.is_dir():
            raise ReportError(f"{self.out} is a file, not a folder: pass --out a folder for the pages")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            locked = self._lock()
        except OSError as err:
            raise ReportError(f"cannot write into {self.out}: {_describe(err)}; pass --out a folder you can write to") from None
        if not locked:
            raise ReportError(f"{self.out} is busy: another netlib report is writing there. Wait for it to end, "
                              "or pass another --out") from None
        try:
            self.files = OutputFolder(self.out, self.names, manifest=self.MANIFEST, what="the report's pages").check()
            if (self.out / "index.html").exists():
                (self.out / "index.html").unlink()  # ours (checked above): gone until this run writes its own
        except OutputError as err:
            self._unlock()
            raise ReportError(str(err)) from None
        except BaseException:
            self._unlock()
            raise
        return self

    @property
    def ours(self) -> set[str]:
        return self.files.ours

    def _lock(self) -> bool:
        """Take the folder's lock: an advisory lock (``flock``) on the file ``.netlib-report.lock``,
        which the system releases when this process ends, however it ends (``kill -9`` too), so a
        lock is never left behind by a killed run.  False when another process holds it, or the
        name is a link (never opened through).  The file holds this process's id, for a person
        looking; it is removed at the end while still locked."""
        lock = self.out / self.LOCK
        for _ in range(3):
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except OSError as err:
                if err.errno == errno.ELOOP:  # a link planted as the lock
                    return False
                raise
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode) or not _try_lock(fd):
                    os.close(fd)
                    return False
                try:
                    same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
                except FileNotFoundError:
                    same = False
                if not same:  # its holder removed it while this run waited: lock the new one
                    os.close(fd)
                    continue
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode("ascii"))
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
            return True
        return False

    def write(self, name: str, text: str) -> Path:
        """Write ``name`` whole or not at all, and remember that netlib wrote it."""
        try:
            return self.files.write(name, text)
        except OutputError as err:
            raise ReportError(str(err)) from None

    def keep(self, executed: Path) -> Path:
        """Keep a failed notebook's executed copy (with its traceback) in the output folder."""
        name = f"{executed.stem}.failed.ipynb"
        if os.path.lexists(self.out / name) and name not in self.ours:
            return executed
        return self.write(name, executed.read_text(encoding="utf-8"))

    def __exit__(self, *exc) -> None:
        self._unlock()

    def _unlock(self) -> None:
        fd, self._fd = getattr(self, "_fd", None), None
        if fd is not None:
            (self.out / self.LOCK).unlink(missing_ok=True)  # still locked: no other run holds this file
            os.close(fd)  # and the lock goes with it


def _try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` for this process without waiting; False if another holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _export(executed: Path, page: Page, pages: list[Page]) -> str:
    """One executed notebook -> one offline HTML page (no input, no interactive cells)."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = f"netlib: {page.title}"
    exporter = HTMLExporter(template_name="netlib_offline", extra_template_basedirs=[str(TEMPLATES_DIR)], exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"interactive", "parameters"}), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={"netlib_pages": [{"href": p.href, "title": p.title} for p in pages]})
    return body


def _rate(x: float) -> str:
    """A rate for the front page: two decimals, or an en dash when there is none (no meeting of that mode)."""
    return "\u2013" if math.isnan(x) else f"{x:.2f}"


def _segment_card(net, params: dict) -> list[tuple[str, str, str, str]]:
    """The front page's card for the target segment's share of reach, when one is named."""
    import netlib

    if not params.get("segment"):
        return []
    r = netlib.right_people(net, params["segment"], end=params["as_of"])
    share = r.attrs["overall"]
    value = "\u2013" if share is None or math.isnan(share) else f"{share:.0%}"
    return [(f"of your reach {r.attrs['label']}", value, "02_reach", r.attrs["note"])]


_NEXT_STEPS_FILES = ("next_steps.csv", "next_steps.ics")


def _front_page(params: dict, pages: list[Page], loaded: Callable | None, net) -> dict[str, str]:
    """The front page (headline figures, each linking to the page that explains it, and what to do
    next) and the next steps as ``next_steps.csv`` and ``next_steps.ics``, by file name."""
    import netlib
    from netlib import present

    if loaded is not None:
        loaded(net)
    days = netlib.decay.choose_half_life(net, params["as_of"], params["half_life_days"]).days
    steps = netlib.next_steps(net, params["as_of"], days, segment=params["segment"])
    return {"next_steps.csv": present.next_steps_csv(steps), "next_steps.ics": present.next_steps_ics(steps, tz=params["tz"]),
            "index.html": _index_html(net, params, pages, steps)}


def _short_source(source: str) -> str:
    """Where the half-life comes from, in a few words (the card's note; its page says it whole).

    Examples
    --------
    >>> _short_source("fitted from your one-to-one meetings (95% interval 59 to 92 days, ...)")
    'fitted from your one-to-one meetings'
    >>> _short_source("netlib's default, from research on tie decay (Ahmad ...): your data has ...")
    "netlib's default"
    """
    return source.split(" (")[0].split(",")[0].split(":")[0]


def _index_html(net, params: dict, pages: list[Page], steps, horizon: float = 90) -> str:
    """The front page (``templates/netlib_front/index.html.j2``, autoescape on): headline figures,
    each linking to the page that explains it; what to do next; the pages.  A card links to its page
    only when the report has that page (the notebooks folder is a parameter)."""
    import jinja2

    from netlib import present
    from netlib.decay import choose_half_life

    hl = choose_half_life(net, params["as_of"], params["half_life_days"])
    h = headline(net, as_of=params["as_of"], half_life_days=hl.days, horizon_days=horizon)
    m = net.meetings
    first, last = (present.day_text(m["start"].agg(["min", "max"]).dt.tz_convert(params["tz"])) if len(m) else (None, None))
    href = {p.name: p.href for p in pages}
    none = "distinct people per hour"
    cards = [
        ("people reached", f"{h['people_reached']:,}", "02_reach", "distinct people met"),
        ("hours spent", f"{h['hours']:,.0f}", "03_effort", "meeting hours"),
        ("people per hour, one-to-one", _rate(h["people_per_hour_one_to_one"]), "03_effort",
         none if h["people_per_hour_one_to_one"] == h["people_per_hour_one_to_one"] else "no one-to-one meeting in your files"),
        ("people per hour, one-to-many", _rate(h["people_per_hour_one_to_many"]), "03_effort",
         none if h["people_per_hour_one_to_many"] == h["people_per_hour_one_to_many"] else "no group meeting in your files"),
        *_segment_card(net, params),
        ("warm ties", f"{h['warm_ties']:,}", "04_decay", f"half-life {hl.days:g} days, {_short_source(hl.source)}"),
        (f"going cold in {horizon:g} days", f"{h['going_cold']:,}", "04_decay", "if nothing happens"),
    ]
    stale = present.data_moment(net, params["as_of"], tz=params["tz"])
    top = steps.head(5)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "netlib_front"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("index.html.j2").render(
        who=net.me.name or "your network", span=f"{first} to {last}" if len(m) else "no meetings",
        stale=stale.text.replace("`", "") if stale is not None else None,
        cards=[{"label": k, "value": v, "href": href.get(page, "#"), "note": note} for k, v, page, note in cards],
        steps=[{"name": str(n), "action": str(a), "reason": str(r)} for n, a, r in zip(top["name"], top["action"], top["reason"], strict=True)],
        steps_note=str(steps.attrs.get("note", "Nothing to do: no tie is overdue, none goes cold soon.")),
        more=max(len(steps) - len(top), 0), next_page=href.get("05_next_steps"), pages=pages,
    )
