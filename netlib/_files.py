"""Writing into a user's folder without ever losing one of their files.

Every file netlib writes for a user (the report's pages, ``netlib anonymize``'s and ``netlib
sample``'s CSVs, :func:`netlib.write_csv`, :func:`netlib.datasets.write_mbox`) goes through
:class:`OutputFolder`:

- **never over a file netlib did not write**: a manifest in the folder lists what netlib wrote
  there; any other file of the same name stops the write before anything is written, with a
  message that says what to do;
- **never through a link**: a name that is a symbolic link (even one netlib's manifest lists) is
  refused, and every file is first written under a new, random name opened with ``O_EXCL`` (which
  never follows a link) and then renamed over its target, which replaces a directory entry and
  writes into no other file;
- **whole or not at all**: files written together are all written first, then renamed; a full
  disk, a read-only folder or Ctrl-C on the way removes what was written so far and leaves the
  folder as it was; the manifest itself is replaced the same way, so a kill never leaves half of it.

Only the standard library: this room sits beside ``_kernels`` at the bottom of the house.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["OutputError", "OutputFolder", "write_files", "MANIFEST", "neutralise_formulas", "csv_text"]

#: The manifest of the files netlib wrote in a folder (the report keeps its own, older name).
MANIFEST = ".netlib-files.json"

#: Most bytes of a manifest netlib reads (a list of a few file names).
_MANIFEST_LIMIT = 1 << 20


class OutputError(RuntimeError):
    """A folder netlib was asked to write into cannot take the files: one of them is the user's
    own, or a link, or the disk refused.  Nothing was written.  The command line exits 1."""


def _describe(err: OSError) -> str:
    """An OSError in the words a user acts on."""
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EROFS:
        return "the folder is on a read-only disk"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.EDQUOT:
        return "over the disk quota"
    return err.strerror or str(err)


class OutputFolder:
    """A folder netlib writes files into, as described in the module's docstring.

    Parameters
    ----------
    out : path
        The folder (created with its parents).  It may itself be a link to a folder.
    names : iterable of str
        The file names this run may write; each is checked before anything is written.
    manifest : str
        The manifest's file name in ``out``.
    what : str
        How the refusal messages name the files (e.g. "the report's pages").

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "contacts.csv").write_text("the user's own\\n")
    >>> OutputFolder(d, ["contacts.csv"]).check()
    Traceback (most recent call last):
    ...
    netlib._files.OutputError: ... holds contacts.csv, which netlib did not write: netlib never overwrites it. ...
    >>> OutputFolder(d, ["meetings.csv"]).write_all({"meetings.csv": "a,b\\n"})
    [...meetings.csv')]
    """

    def __init__(self, out: str | os.PathLike, names: Iterable[str], *, manifest: str = MANIFEST,
                 what: str = "these files") -> None:
        self.out, self.names, self.manifest, self.what = Path(out), list(names), manifest, what
        self.ours: set[str] = set()

    # -- checks -----------------------------------------------------------------------------
    def check(self) -> OutputFolder:
        """Make the folder and refuse (:class:`OutputError`) when a name is the user's own or a link."""
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out} is a file, not a folder: name a folder to write into")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot make the folder {self.out}: {_describe(err)}") from None
        self.ours = self._read_manifest()
        links = [n for n in self.names if (self.out / n).is_symlink()]
        if links:
            raise OutputError(f"{self.out} holds {', '.join(links)} as a link: netlib never writes through or over a link. "
                              "Pass another folder, or remove the link")
        foreign = [n for n in self.names if os.path.lexists(self.out / n) and n not in self.ours]
        if foreign:
            them = ", ".join(foreign)
            raise OutputError(f"{self.out} holds {them}, which netlib did not write: netlib never overwrites "
                              f"{'them' if len(foreign) > 1 else 'it'}. Pass another folder, or move "
                              f"{'those files' if len(foreign) > 1 else 'that file'} away")
        return self

    def _read_manifest(self) -> set[str]:
        path = self.out / self.manifest
        if not os.path.lexists(path):
            return set()
        damaged = (f"{path}: netlib's list of the files it wrote in this folder is damaged, so netlib cannot tell its own "
                   f"files from yours. Check which files in {self.out} are yours, then delete {path.name} (netlib will "
                   "refuse to overwrite any file it then finds), or pass another folder")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as err:
            raise OutputError(f"{damaged} ({_describe(err)})") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OutputError(f"{damaged} (it is not a regular file)")
            data = os.read(fd, _MANIFEST_LIMIT + 1)
        finally:
            os.close(fd)
        try:
            names = json.loads(data.decode("utf-8")) if len(data) <= _MANIFEST_LIMIT else None
        except (UnicodeDecodeError, ValueError):
            names = None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise OutputError(f"{damaged} (it is not a JSON list of file names)")
        return set(names)

    # -- writing ----------------------------------------------------------------------------
    def _partial(self, name: str, data: bytes) -> Path:
        """``data`` in a new file of a random name beside ``name`` (``O_EXCL``: never a link)."""
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=self.out)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Path(tmp)

    def write_all(self, files: Mapping[str, str | bytes]) -> list[Path]:
        """Write every file of ``files`` ({name: text or bytes}) whole, or none of them.

        Returns the paths written, in the order given.  Raises :class:`OutputError` for a name
        that is not the user's to lose (see :meth:`check`, run here again) or when the disk refuses;
        then no file was changed.
        """
        unknown = [n for n in files if n not in self.names]
        self.names += unknown
        self.check()
        partials: dict[str, Path] = {}
        try:
            for name, data in files.items():
                if "/" in name or os.sep in name or name in ("", ".", ".."):
                    raise ValueError(f"{name!r} is not a file name")
                partials[name] = self._partial(name, data.encode("utf-8") if isinstance(data, str) else data)
            self.ours.update(files)
            os.replace(self._partial(self.manifest, json.dumps(sorted(self.ours)).encode("utf-8")), self.out / self.manifest)
            paths = []
            for name, tmp in partials.items():
                target = self.out / name
                if target.is_symlink():  # planted since the check: replace the link itself, never write through it
                    raise OutputError(f"{target} became a link while netlib wrote: nothing was written there")
                os.replace(tmp, target)
                paths.append(target)
            return paths
        except OSError as err:
            raise OutputError(f"cannot write into {self.out}: {_describe(err)}; nothing was written") from None
        finally:
            for tmp in partials.values():
                tmp.unlink(missing_ok=True)

    def write(self, name: str, data: str | bytes) -> Path:
        """Write one file whole (see :meth:`write_all`)."""
        return self.write_all({name: data})[0]


def write_files(out: str | os.PathLike, files: Mapping[str, str | bytes], *, what: str = "these files") -> list[Path]:
    """Write ``files`` ({name: text or bytes}) into the folder ``out`` whole or not at all, never over
    a file netlib did not write or through a link (:class:`OutputFolder`).

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> [p.name for p in write_files(d, {"a.csv": "x\\n", "b.csv": "y\\n"})]
    ['a.csv', 'b.csv']
    >>> [p.name for p in write_files(d, {"a.csv": "z\\n"})]   # netlib's own: written again
    ['a.csv']
    """
    return OutputFolder(out, files, what=what).write_all(files)


def neutralise_formulas(texts):
    """Text cells as a spreadsheet shows them and never runs them: an apostrophe before every
    ``=``, ``+``, ``-``, ``@``, tab or carriage return that starts the cell **or follows a line
    break inside it** (a spreadsheet that ends rows at a bare CR would start a row there).

    ``texts`` is a pandas Series of strings (missing values stay missing).

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise_formulas(pd.Series(["=1+1", "Acme\\r=1+1", "a\\n@b", "\\r\\r=x", "Ann", "-x", None])).tolist()
    ["'=1+1", "Acme\\r'=1+1", "a\\n'@b", "'\\r\\r'=x", 'Ann', "'-x", None]
    """
    return (texts.str.replace(r"^([=+\-@\t\r])", r"'\1", regex=True)
            .str.replace(r"([\r\n])([=+\-@\t])", r"\1'\2", regex=True))


def csv_text(df) -> str:
    """``df`` as CSV text whose every cell a reader gets back whole: a cell holding a bare carriage
    return is quoted too (Python's csv module quotes only the line ending's own characters, and
    netlib's lines end in LF), by ending the lines in CRLF (RFC 4180) when some cell holds a CR.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(pd.DataFrame({"a": ["x", "y"]}))
    'a\\nx\\ny\\n'
    >>> csv_text(pd.DataFrame({"a": ["x\\ry", "z"]}))
    'a\\r\\n"x\\ry"\\r\\nz\\r\\n'
    """
    text = df.select_dtypes(exclude="number")
    has_cr = any(text[c].astype("string").str.contains("\r", regex=False).fillna(False).any() for c in text.columns)
    return df.to_csv(index=False, lineterminator="\r\n" if has_cr else "\n")
