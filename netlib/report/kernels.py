"""The report's kernels: started while the files load, shared between pages, stopped however the report ends.

A report runs its notebooks in a few kernels (one per worker), each running its pages in turn as if
each had a kernel of its own (:class:`_Kernel`).  The kernels of one report are a :class:`KernelPool`,
made by each :func:`netlib.report.build_report` call with the environment its kernels get; nothing
about a report lives in this module but the pools whose kernels may still run, which the clean-up at
exit stops (:func:`_at_exit`: a signal and the end of the process are the process's, not a report's).
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from netlib.report.pages import ReportError

#: Seconds a stopped report waits for its threads once their kernels are killed (Ctrl-C ends the
#: command within about this).
STOP_SECONDS = 0.5

_BUILD_PREFIX = "netlib-report-"


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

    ``env``: variables the kernel gets besides this process's environment.  ``svg``: figures are
    shown as SVG, for a report's pages (:func:`_svg_figures`), else as matplotlib's inline backend
    shows them.  Every kernel manager it had stays in ``managers``, so that :meth:`kill` reaches a
    kernel whose start is still under way.
    """

    def __init__(self, connection_file: Path, cwd: str | os.PathLike | None, env: dict[str, str] | None = None,
                 svg: bool = False) -> None:
        self.connection_file, self.cwd, self.env, self.svg = Path(connection_file), cwd, dict(env or {}), svg
        self.km = None
        self.managers: list = []
        self.used = False  # a notebook ran in this kernel since it started

    def start(self) -> None:
        """Start the kernel and import what every page imports; after a failure there is no kernel."""
        from jupyter_core.utils import run_sync

        self.km = _kernel_manager_class()(kernel_name="python3", **_kernel_config(self.connection_file))
        self.managers.append(self.km)
        try:
            # the kernel's own messages (a shutdown's traceback, its warnings) go to a log in the
            # private build folder, not to the user's terminal; the kernel keeps its copy of the file
            with open(self.connection_file.with_suffix(".log"), "ab") as log:
                # as nbclient starts its kernels: history in memory, never in the user's IPython profile
                run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"],
                                               cwd=None if self.cwd is None else str(self.cwd),
                                               env={**os.environ, **self.env}, stderr=log)
            self._execute(f"import netlib.report.kernels\nnetlib.report.kernels._kernel_started(svg={self.svg})\ndel netlib")
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
                self._execute("import netlib.report.kernels\nnetlib.report.kernels._between_notebooks()")
            self.used = True
            try:
                pm.execute_notebook(str(path), str(out), parameters=parameters or {}, kernel_name="python3", language="python",
                                    progress_bar=False, execution_timeout=timeout, km=self.km, engine_name=_engine())
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

    def kill(self) -> None:
        """Kill every process of this kernel that still runs, one still starting too (from any thread)."""
        for km in list(self.managers):
            process = getattr(km.provisioner, "process", None)  # (None until launched, and once it has ended)
            if process is not None and process.poll() is None:
                process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):  # killed: nothing more to do
                    process.wait(5)


@functools.cache
def _engine() -> str:
    """The name of papermill's nbclient engine as the report runs it: the executed notebook is
    written once, when it ends, however it ends (done, failed, timed out, its kernel dead), not
    also before and after every cell.

    papermill writes the whole notebook, every chart in it, twice a cell, so that a long run can be
    watched; nobody watches a report's build folder, and on the sample's pages those writes were
    0.3 s of the report process's time, each made while the page's kernel waits for its next cell."""
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class SavedWhenDone(NotebookExecutionManager):
        def save(self, **kwargs):
            if self.end_time is not None:  # set by notebook_complete, which runs however the notebook ends
                return super().save(**kwargs)
            return None

    class Engine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, **kwargs):
            """papermill's ``Engine.execute_notebook``, with :class:`SavedWhenDone`."""
            nb_man = SavedWhenDone(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                   autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register("netlib-report", Engine)
    return "netlib-report"


def _close_event_loop() -> None:
    """Close the event loop of this thread that jupyter_client's blocking calls ran on: jupyter_core
    makes one a thread (``ensure_event_loop``) and never closes it, and Python says so in a
    ResourceWarning ("unclosed event loop") when the thread has ended.  Called at the end of every
    thread that starts or uses a kernel: a pool's start threads (:meth:`KernelPool._start`) and a
    report's workers (``netlib.report.run``)."""
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()  # this thread's (made now if it had none: closed all the same)
    if not loop.is_running():
        loop.close()
    asyncio.set_event_loop(None)


def _stop_clients(km) -> None:
    """Close the channels of every client of ``km`` (nbclient leaves open those of a kernel it did not start)."""
    if km is not None:
        for kc in km.clients:
            kc.stop_channels()
        km.clients.clear()


@functools.cache
def _kernel_manager_class() -> type:
    """jupyter_client's kernel manager, keeping its clients (see :func:`_stop_clients`), whose
    ``python3`` kernel is this very interpreter."""
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

    return TrackedKernelManager


class KernelPool:
    """The kernels of one report (one per worker), each started on a thread of its own as soon as the
    build folder exists, while the files load (:func:`netlib.report.build_report`).

    ``env``: the variables the kernels get besides this process's environment (where the snapshot
    of the network is, the salt of the pseudonyms); the kernels show figures as SVG, for the pages
    (:func:`_svg_figures`).  Used as a context manager: the pool counts as
    running from its start until every thread it knows of (:meth:`track`) has ended, so that the
    clean-up at exit (:func:`_at_exit`) stops a kernel launched by a start still under way when the
    report was stopped.
    """

    def __init__(self, build: Path, cwd: Path, workers: int, env: dict[str, str]) -> None:
        self.kernels = [_Kernel(build / f".{k + 1}.kernel.json", cwd, env, svg=True) for k in range(workers)]
        self.starts = [threading.Thread(target=self._start, args=(k,), name=f"netlib-kernel-{i + 1}", daemon=True)
                       for i, k in enumerate(self.kernels)]
        self.others: list[threading.Thread] = []

    def __enter__(self) -> KernelPool:
        _RUNNING.difference_update([p for p in _RUNNING if not p.running()])  # (of reports that ended)
        _RUNNING.add(self)
        for t in self.starts:
            t.start()
        return self

    def __exit__(self, kind, *exc) -> None:
        if kind is not None:  # the kernels of a report that failed (once its pages ran, they are gone already)
            self.abandon()
        if not self.running():  # else stopped at exit
            _RUNNING.discard(self)

    def running(self) -> bool:
        """Whether a thread of the pool still runs (and might start a kernel)."""
        return any(t.is_alive() for t in self.starts + self.others)

    @staticmethod
    def _start(kernel: _Kernel) -> None:
        try:
            with contextlib.suppress(Exception):  # the first page starts it again, and reports what fails then
                kernel.start()
        finally:
            _close_event_loop()  # the loop this thread's start ran on: the kernel is used from its worker's

    def track(self, threads: list[threading.Thread]) -> None:
        """Count ``threads`` (the workers that run the pages, and may start a kernel again) as the pool's."""
        self.others.extend(threads)

    def kernel(self, i: int) -> _Kernel:
        """Kernel ``i`` once its start has ended (started, or not: its first page starts it again)."""
        self.starts[i].join()
        return self.kernels[i]

    def kill(self) -> None:
        """Kill every kernel of the pool that still runs (the pages still running are stopped, not waited for)."""
        for k in self.kernels:
            k.kill()

    def abandon(self) -> None:
        """Stop every kernel, one still starting too: the report failed before its pages ran.  A
        start that does not end within :data:`STOP_SECONDS` once its kernel is killed (it waits for a
        reply that will not come) is left to its daemon thread, which ends with this process; a
        kernel it launches after that is stopped at exit (:func:`_at_exit`)."""
        deadline = time.monotonic() + STOP_SECONDS
        for t in self.starts:
            while t.is_alive() and time.monotonic() < deadline:
                self.kill()
                t.join(0.1)
        for k, t in zip(self.kernels, self.starts, strict=True):
            if not t.is_alive():  # (a start still running owns its kernel manager)
                k.close()


#: The pools whose kernels may still run: the one thing about reports this process keeps, because
#: the end of the process (:func:`_at_exit`) and a signal (``netlib.cli._end_now``) are the process's.
_RUNNING: set[KernelPool] = set()


def _join(threads, seconds: float) -> None:
    """Wait for ``threads`` to end, for at most ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))


def _at_exit() -> None:
    """A run stopped while a kernel was starting leaves that kernel running: it notices its parent
    gone only after the parent exits, then writes a connection file of its own (ipykernel does when
    it finds none) and ends without removing it.  Stop such kernels, then remove this process's
    build folder."""
    for pool in list(_RUNNING):
        pool.kill()
    _RUNNING.clear()
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


# What follows runs inside a report's kernel, not in the process that makes the report.

#: The matplotlib settings and working directory of a report kernel as it started (see :class:`_Kernel`).
_KERNEL_START: dict = {}


def _kernel_started(svg: bool = False) -> None:
    """Run in a report kernel once it has started: import what every page imports, show figures as
    SVG (``svg``: a report's pages, see :func:`_svg_figures`), and remember the matplotlib settings (once pyplot's backend is set
    up) and working directory."""
    import gc

    import matplotlib
    import matplotlib.pyplot as plt

    import netlib  # noqa: F401 (imported once for every page of this kernel)

    plt.close(plt.figure())  # the inline backend configures matplotlib on the first figure
    _drawn_once()
    if svg:
        _svg_figures()
    rc = {k: v for k, v in matplotlib.rcParams.copy().items() if k != "backend"}  # the backend is set up now
    _KERNEL_START.update(rc=rc, cwd=os.getcwd())
    # what every page shares (modules, classes, matplotlib's fonts and settings) lives as long as the
    # kernel: the collector need not look through it again after every cell and between two pages
    # (a full collection of the imported libraries is 0.1 s, and IPython's reset makes one per page)
    gc.collect()
    gc.freeze()


def _drawn_once() -> None:
    """Run in a report kernel: a cell's figures are drawn once, when the inline backend shows them
    (as SVG, :func:`_svg_figures`), not also to an Agg canvas just before.

    pyplot in IPython draws every open figure after each cell (its "REPL display hook", for
    figures that update in place in a window); the inline backend then shows and closes them.
    That first draw was a third of every chart's time on the report's pages and nothing used it.
    The figures shown, and their SVG, are the same (tested)."""
    import matplotlib.pyplot as plt

    plt.uninstall_repl_displayhook()


def _svg_figures() -> None:
    """Run in a report kernel: every figure is shown as SVG, with the alt text
    :func:`netlib.present.describe` gives it, and no PNG is made.

    A page's charts then stay sharp at any zoom, on a phone and on paper, and are shown at their
    own size (the page's CSS scrolls a chart wider than a phone sideways rather than shrinking its
    words; see ``templates/netlib_offline``).  Text is drawn as glyph outlines (``svg.fonttype``
    ``path``, matplotlib's default): the chart looks the same without the fonts it was drawn
    with, names in any script included.  The ids inside an SVG are hashed with a fixed salt: the
    same figure gives the same SVG, and two charts on a page share an id only for the same
    content; no date or creator is written into it.
    """
    import matplotlib
    from IPython import get_ipython
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    from netlib._alt_text import describe

    matplotlib.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "netlib"})
    formatters = get_ipython().display_formatter.formatters

    def svg(fig):
        data = print_figure(fig, "svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        return data, {"alt": describe(fig)}

    formatters["image/svg+xml"].for_type(Figure, svg)
    # netlib.present.show_alt_text registers a PNG with its alt text after every cell: not drawn here
    formatters["image/png"].enabled = False


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
    _drawn_once()  # (again, in case a page switched backends, which installs pyplot's hook anew)
    os.chdir(_KERNEL_START["cwd"])
    get_ipython().reset(new_session=True)
