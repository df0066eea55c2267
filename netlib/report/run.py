"""Running a report's pages: the network written once for every kernel, what several pages share
worked out once, the notebooks run several at a time, and the pages written in order."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

from netlib.report.front import _NEXT_STEPS_FILES, _front_page
from netlib.report.kernels import STOP_SECONDS, KernelPool, _close_event_loop, _join
from netlib.report.pages import Page, ReportError, _export

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


@contextlib.contextmanager
def _kernel_env(build: Path, salt: str | None) -> Iterator[tuple[dict[str, str], Path, Path]]:
    """What the report's kernels find in their environment (given to them when they start): where the
    snapshot of the network (written before any page runs) and what several pages share (written
    before any page that reads it runs) will be, and the salt of the pseudonyms; never in a
    notebook (a failed one is kept in ``--out``).  Gives the variables and the two files' paths;
    the files go at the end."""
    from netlib.datasets import FACTS_ENV, SNAPSHOT_ENV

    files = {SNAPSHOT_ENV: build / ".network.pickle", FACTS_ENV: build / ".facts.pickle"}
    env = {k: str(v) for k, v in files.items()}
    if salt is not None:
        env["NETLIB_SALT"] = salt
    try:
        yield env, files[SNAPSHOT_ENV], files[FACTS_ENV]
    finally:
        for f in files.values():
            f.unlink(missing_ok=True)


def _build(params, net, notebooks, pages, build, snapshot: Path, facts: Path, say, timeout, loaded, folder,
           pool: KernelPool) -> Path:
    """The body of :func:`netlib.report.build_report`, inside the locked output folder: writes the snapshot of
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

    return _run_pages(params, notebooks, pages, build, say, timeout, loaded, folder, net, pool, publish, share)


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


class _Workers:
    """The workers that run a report's notebooks, one per kernel of the pool, each running its share
    of the notebooks in turn, the heaviest first (see :class:`netlib.report.kernels._Kernel` and
    :data:`_HEAVY`).  ``futures[i]`` ends with notebook ``i``'s seconds or its error.  No page runs
    before ``ready`` (the snapshot is written), none of :data:`_SHARING` before ``shared``."""

    def __init__(self, params, notebooks, pages, build: Path, say, timeout: int, pool: KernelPool) -> None:
        self.params, self.notebooks, self.pages, self.build, self.say, self.timeout, self.pool = (
            params, notebooks, pages, build, say, timeout, pool)
        self.futures: list[Future] = [Future() for _ in notebooks]
        self.todo = sorted(range(len(notebooks)), key=lambda i: _heavy_first(notebooks[i].stem))  # the order pages are taken in
        self.lock = threading.Lock()
        self.ready = threading.Event()  # the snapshot is written (or the report failed before it was)
        self.shared = threading.Event()  # what several pages share is written (or the report failed before it was)
        self.threads = [threading.Thread(target=self.work, args=(k,), name=f"netlib-report-{k + 1}", daemon=True)
                        for k in range(len(pool.kernels))]
        pool.track(self.threads)
        for t in self.threads:
            t.start()

    def take(self) -> int | None:
        """The next page to run: the first in :func:`_heavy_first` order that needs nothing not yet
        written; when only pages that read what is shared are left, the first of them once it is."""
        while True:
            with self.lock:
                if not self.todo:
                    return None
                for i in self.todo:
                    if self.shared.is_set() or self.notebooks[i].stem not in _SHARING:
                        self.todo.remove(i)
                        return i
            self.shared.wait()

    def work(self, k: int) -> None:
        notebooks, pages = self.notebooks, self.pages
        kernel = self.pool.kernel(k)  # meanwhile, publish() and share() run in the main thread
        try:
            self.ready.wait()
            while True:
                i = self.take()
                if i is None:
                    return
                if not self.futures[i].set_running_or_notify_cancel():
                    continue
                self.say(f"started: {pages[i].title} ({notebooks[i].name})")  # no number: several run at once
                t0 = time.perf_counter()
                try:
                    kernel.run(notebooks[i], self.build / notebooks[i].name, self.params, self.timeout, self.say)
                except BaseException as err:  # noqa: BLE001 (handed to the main thread, which reports it)
                    self.futures[i].set_exception(err)
                else:
                    self.futures[i].set_result(time.perf_counter() - t0)
        finally:
            kernel.close()
            _close_event_loop()

    def stop(self) -> None:
        """A failed page, Ctrl-C, kill: the notebooks still running are stopped, not waited for."""
        for f in self.futures:
            f.cancel()
        self.pool.kill()
        # a worker still waiting for its kernel's start (or a reply from a kernel now gone) is a daemon
        # thread: waited for a moment, then left to end with this process, never waited for on end
        _join(self.threads, STOP_SECONDS)


def _one_line_at_a_time(say: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` for several threads: one line whole before the next (``print`` writes a line and its
    end separately, so two threads could run two lines together)."""
    lock = threading.Lock()

    def said(line: str) -> None:
        with lock:
            say(line)

    return said


def _run_pages(params, notebooks, pages, build, say, timeout, loaded, folder, net, pool: KernelPool,
               publish: Callable[[], None], share: Callable[[], None]) -> Path:
    """Run the notebooks, several at a time where the machine has the cores (:class:`_Workers`), and
    write the pages in order, each as soon as it can be.  While the kernels finish starting,
    ``publish()`` writes the snapshot of the network they open; then, while the pages that need
    nothing more run, ``share()`` computes and writes what several pages share, and the pages that
    read it (:data:`_SHARING`) run once it is written.  The front page is made after it, while the
    pages run, and written last."""
    say = _one_line_at_a_time(say)  # the workers say when they start a page, this thread when it wrote one
    workers = _Workers(params, notebooks, pages, build, say, timeout, pool)
    front: Future = Future()  # the front page is made meanwhile, in this process
    try:
        try:
            publish()
            workers.ready.set()
            share()
        finally:
            workers.ready.set()
            workers.shared.set()
        import papermill  # noqa: F401 (a second to import: once the snapshot is written, not before)
        # (the front page's thread is not waited for after a failure: it ends with this process)
        threading.Thread(target=_make_front, args=(front, params, pages, loaded, net), name="netlib-report-front",
                         daemon=True).start()
        _write_pages(notebooks, pages, workers.futures, build, folder, timeout, say)
    except BaseException:
        workers.stop()
        raise
    for t in workers.threads:
        t.join()  # every page is done: the workers are closing their kernels
    done = front.result()
    for name in _NEXT_STEPS_FILES:
        folder.write(name, done[name])
    index = folder.write("index.html", done["index.html"])  # last: a report without it is visibly partial
    say(f"report: {index}")
    return index


def _make_front(front: Future, params: dict, pages: list[Page], loaded, net) -> None:
    """Make the front page into ``front`` (on a thread of its own, while the pages run)."""
    try:
        front.set_result(_front_page(params, pages, loaded, net))
    except BaseException as err:  # noqa: BLE001 (raised by front.result(), in the main thread)
        front.set_exception(err)


def _write_pages(notebooks, pages: list[Page], futures: list[Future], build: Path, folder, timeout: int, say) -> None:
    """Write each page as soon as its notebook has run, while the others still run (in order, the
    pages run heaviest first would all wait for the first page, run late, and be exported one after
    the other at the end: 0.6 s of the sample's 6), each said as ``[k/n]``, the k-th page written;
    a failed notebook is kept in the output folder and stops the report with a
    :class:`ReportError` that says where it failed."""
    from concurrent.futures import as_completed

    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    n = len(notebooks)
    which = {fut: i for i, fut in enumerate(futures)}
    for done, fut in enumerate(as_completed(futures), start=1):  # numbered as written: [1/6] is the first page done
        i = which[fut]
        nb, page = notebooks[i], pages[i]
        executed = build / nb.name
        try:
            page.seconds = fut.result()
        except CellTimeoutError:
            kept = folder.keep(executed)
            raise ReportError(f"{nb.name}: a cell gave no answer in {timeout} s, twice; the partly executed notebook is "
                              f"{kept}. Pass a longer timeout if your data is very large") from None
        except DeadKernelError:  # out of memory (the system killed it), or killed by hand
            kept = f"; the partly executed notebook is {folder.keep(executed)}" if executed.exists() else ""
            raise ReportError(f"{nb.name}: the kernel running it died (out of memory, or killed){kept}") from None
        except pm.PapermillExecutionError as err:
            kept = folder.keep(executed)
            raise ReportError(
                f"{nb.name} failed in cell {err.exec_count} (code cell {err.cell_index}): {err.ename}: {err.evalue}. "
                f"The executed notebook with the full traceback is {kept}"
            ) from None
        folder.write(page.href, _export(executed, page, pages))
        say(f"[{done}/{n}] {page.title}: wrote {page.href} ({page.seconds:.1f} s)")
