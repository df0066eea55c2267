"""Peak memory of a process tree, for the benchmarks: every process's ``VmHWM``, sampled while it runs.

``ru_maxrss`` carries over an ``exec`` (a child forked from a large process starts with its
parent's figure) and ``RUSAGE_CHILDREN`` keeps the largest child of the whole session, so the
benchmarks read each process's own high-water mark from ``/proc/PID/status`` instead: the largest
one seen is the largest process's peak (a kernel's, for ``netlib report``).  Linux only.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path


def status_mb(field: str, pid: int | str = "self") -> float:
    """MB of ``field`` (``VmHWM``, ``VmRSS``) in /proc/PID/status; 0 when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """This process's VmHWM back to its resident memory now (Linux's /proc/self/clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def tree(root: int) -> list[int]:
    """root and every process descended from it."""
    children: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(p.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def watched(cmd: list[str], limit_mb: float = float("inf"), timeout: float = float("inf"), env: dict | None = None,
            every: float = 0.1) -> tuple[subprocess.CompletedProcess, dict]:
    """Run cmd, sampling every process of its tree every ``every`` seconds.

    Returns the finished process (stdout and stderr as text) and ``wall`` (seconds), ``largest_mb``
    (the largest VmHWM seen, whichever process), ``largest_cmd`` (its command line), ``processes``
    (how many were seen), ``each`` (every process's (VmHWM, command line), largest first) and ``killed`` (None, or why the tree was killed: a process's resident
    memory over ``limit_mb``, or the run over ``timeout`` seconds).
    """
    t0 = time.perf_counter()
    peaks: dict[int, tuple[float, str]] = {}
    killed = None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=env, start_new_session=True)
        while proc.poll() is None:
            for pid in tree(proc.pid):
                hwm = status_mb("VmHWM", pid)
                if hwm > peaks.get(pid, (0.0, ""))[0]:
                    peaks[pid] = (hwm, peaks.get(pid, (0, ""))[1] or _cmdline(pid))
                if killed is None and status_mb("VmRSS", pid) > limit_mb:
                    killed = f"killed: over {limit_mb:.0f} MB resident"
            if killed is None and time.perf_counter() - t0 > timeout:
                killed = f"killed: over {timeout:.0f} s"
            if killed:
                os.killpg(proc.pid, 9)
                proc.wait()
                break
            time.sleep(every)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        res = subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())
    hwm, c = max(peaks.values(), default=(0.0, ""))
    return res, {"wall": wall, "largest_mb": hwm, "largest_cmd": c, "killed": killed, "processes": len(peaks),
                 "each": sorted(peaks.values(), reverse=True)}


def code_version() -> str:
    """The commit of netlib measured, and whether netlib/ differs from it (others may be editing it)."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "netlib"], capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "netlib (not a git checkout)"
    return f"netlib at {head}" + (" with uncommitted changes in netlib/" if dirty else "")
