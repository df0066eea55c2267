"""The report's output folder: locked against a second run while a report is written into it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from netlib._files import OutputError, OutputFolder, _describe
from netlib.report.pages import ReportError


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
