"""What a command prints in the terminal (#31): progress lines numbered in the order the pages are
written, and no library warning."""

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netlib.datasets import sample_path
from netlib.report import run
from netlib.report.pages import pages_of

#: Seconds each fake page takes: the heaviest, run first, end last, so pages end in another order
#: than their numbers or the order they started in.
SECONDS = {"06_plan": 0.6, "04_decay": 0.45, "02_reach": 0.05, "01_load_and_check": 0.1, "03_effort": 0.05, "05_next_steps": 0.05}


class FakeKernel:
    dies_on = None

    def run(self, path, out, params, timeout, say):
        time.sleep(SECONDS[Path(path).stem])
        if Path(path).stem == self.dies_on:
            from nbclient.exceptions import DeadKernelError

            raise DeadKernelError("Kernel died")

    def close(self):
        pass


class FakePool:
    def __init__(self, workers):
        self.kernels = [FakeKernel() for _ in range(workers)]

    def track(self, threads):
        pass

    def kernel(self, k):
        return self.kernels[k]

    def kill(self):
        pass


class FakeFolder:
    def __init__(self, root):
        self.root, self.written = root, []

    def write(self, name, text):
        self.written.append(name)
        return self.root / name


def _lines(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(run, "_export", lambda executed, page, pages: f"<p>{page.title}</p>")
    monkeypatch.setattr(run, "_front_page", lambda params, pages, loaded, net: dict.fromkeys((*run._NEXT_STEPS_FILES, "index.html"), ""))
    notebooks = [Path(f"{name}.ipynb") for name in SECONDS]
    lines, overlapped, busy = [], [], threading.Lock()

    def say(line):  # a slow terminal: two threads saying at once would overlap here (noted, never raised in a worker)
        if not busy.acquire(blocking=False):
            overlapped.append(line)
            busy.acquire()
        try:
            time.sleep(0.002)
            lines.append(line)
        finally:
            busy.release()

    folder = FakeFolder(tmp_path)
    run._run_pages({}, notebooks, pages_of(notebooks), tmp_path, say, 60, None, folder, None, FakePool(workers),
                   lambda: None, lambda: None)
    assert overlapped == [], "two threads said a line at once"
    return lines, folder


@pytest.mark.parametrize("workers", [1, 3])
def test_progress_is_numbered_in_the_order_pages_are_written(tmp_path, monkeypatch, workers):
    lines, folder = _lines(tmp_path, monkeypatch, workers)
    wrote = [ln for ln in lines if ": wrote " in ln]
    started = [ln for ln in lines if ln.startswith("started: ")]
    assert len(wrote) == len(started) == 6 and lines[-1].startswith("report: ")
    assert [int(re.match(r"\[(\d)/6\] ", ln).group(1)) for ln in wrote] == [1, 2, 3, 4, 5, 6]  # never [6/6] before [1/6]
    assert [ln.split(": wrote ")[1].split()[0] for ln in wrote] == folder.written[:6]  # each said as it is written
    assert not any(re.search(r"\[\d+/\d+\]", ln) for ln in started)  # several run at once: a start claims no place
    assert started[0] == "started: What if (06_plan.ipynb)"  # the heaviest first
    for ln in wrote:  # a page is said started before it is said written
        title = ln.split("] ", 1)[1].split(": wrote ")[0]
        assert lines.index(next(s for s in started if s.startswith(f"started: {title} ("))) < lines.index(ln)
    if workers > 1:  # what shows the old numbering was wrong: the first page written is not page 1
        assert not wrote[0].endswith("01_load_and_check.html") and "06_plan.html" in wrote[-1]


def test_a_kernel_that_dies_is_a_report_error_not_a_traceback(tmp_path, monkeypatch):
    from netlib.report import ReportError

    monkeypatch.setattr(FakeKernel, "dies_on", "03_effort")  # as the system's out-of-memory killer does
    with pytest.raises(ReportError, match=r"^03_effort.ipynb: the kernel running it died \(out of memory, or killed\)$"):
        _lines(tmp_path, monkeypatch, 2)


def test_netlib_summary_prints_no_warning(tmp_path):
    """No library warning (a pandas FutureWarning, a DeprecationWarning, a ResourceWarning) reaches the
    terminal: every warning is shown (``-W default``), FutureWarnings stop the command."""
    done = subprocess.run([sys.executable, "-W", "default", "-W", "error::FutureWarning", "-m", "netlib", "summary", str(sample_path())],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert "Problems:" in done.stdout


def test_every_thread_that_starts_or_uses_a_kernel_closes_its_event_loop(tmp_path, monkeypatch):
    """jupyter_core gives each thread an event loop for jupyter_client's blocking calls and never
    closes it: a ResourceWarning ('unclosed event loop') when the thread ends. The pool's start threads
    close theirs where the kernels are made (netlib.report.kernels), the report's workers theirs."""
    from jupyter_core.utils import ensure_event_loop

    from netlib.report import kernels

    loops = []

    def uses_a_loop(*args):  # what run_sync does on the thread: a loop made for it
        loops.append(ensure_event_loop())

    monkeypatch.setattr(kernels._Kernel, "start", uses_a_loop)
    pool = kernels.KernelPool(tmp_path, tmp_path, 2, {})
    with pool:
        for k in range(2):
            pool.kernel(k)
    assert len(loops) == 2 and all(loop.is_closed() for loop in loops)
    monkeypatch.setattr(FakeKernel, "close", uses_a_loop)
    loops.clear()
    _lines(tmp_path, monkeypatch, 2)
    assert len(loops) == 2 and all(loop.is_closed() for loop in loops)
