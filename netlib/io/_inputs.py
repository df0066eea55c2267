"""The files :func:`netlib.load` is given, as :class:`~netlib.io.Input`\\ s: each file named, each file
in each folder and each member of each zip, one at a time.

What cannot be read is never opened or never stops the load; it is a ``not loaded`` problem with the
reason: a FIFO or device file, an unreadable file or folder, hidden files and folders (``.git``,
``.DS_Store``), a link to a folder inside a folder, a zip member that is encrypted, compressed in a
way Python cannot read, corrupt, or larger than the limit netlib unpacks.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from netlib.io._reader import Input
from netlib.io._text import read_path
from netlib.model import DataError, ProblemLog

#: What a zip member that cannot be unpacked raises (besides :class:`_TooLarge`).
_UNPACK_ERRORS = (RuntimeError, NotImplementedError, zlib.error, zipfile.BadZipFile, EOFError)


def gather(sources: Iterable[str | os.PathLike], log: ProblemLog, max_member: int) -> Iterator[tuple[Input, bool]]:
    """Each file given, each file in each folder and each member of each zip as an :class:`Input`,
    with whether it was named explicitly; read one at a time (every path is checked first).
    ``max_member``: the largest zip member unpacked (:data:`netlib.io.MAX_MEMBER_BYTES`)."""
    paths = [Path(s).expanduser() for s in sources]
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    for p in paths:
        files = _walk(p, log) if p.is_dir() else [(p, True)]
        for f, explicit in files:
            yield from _file_inputs(f, explicit, log, max_member)


def _skip(log: ProblemLog, where: str, why: str) -> None:
    """``where`` was not loaded, and why."""
    log.add(where, None, None, None, f"{why}: not loaded", "not loaded")


def _unreadable_folder(log: ProblemLog, err: OSError) -> None:
    """What :func:`os.walk` could not list: not loaded."""
    _skip(log, str(err.filename), "a folder netlib may not read")


def _walk(folder: Path, log: ProblemLog) -> list[tuple[Path, bool]]:
    """Every visible file under ``folder``, in name order, as (path, named explicitly: False).  Hidden
    folders, links to folders (never followed: a link can loop, or lead out of the folder) and folders
    netlib may not read are said, not skipped silently."""
    files = []
    for root, dirs, names in os.walk(folder, onerror=partial(_unreadable_folder, log)):
        for d in [d for d in dirs if d.startswith(".")]:
            _skip(log, str(Path(root) / d), "a hidden folder")
        links = {d for d in dirs if not d.startswith(".") and (Path(root) / d).is_symlink()}
        for d in sorted(links):
            _skip(log, str(Path(root) / d), "a link to a folder (netlib does not follow links inside a folder; name its target to load it)")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        files += [(Path(root) / n, False) for n in sorted(names) if not n.startswith(".")]
    return files


def _file_inputs(f: Path, explicit: bool, log: ProblemLog, max_member: int) -> Iterator[tuple[Input, bool]]:
    """One file as an :class:`Input`, or a zip archive's members; nothing (a ``not loaded`` problem)
    for what cannot be read.  A file named explicitly that cannot be read is an error."""
    try:
        st = f.stat()
    except OSError as err:
        _skip(log, str(f), f"a file netlib cannot look at ({err.strerror})")
        return
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end: never opened
        _skip(log, str(f), "not a regular file (a pipe, socket or device)")
        return
    try:
        data = read_path(f)
    except OSError as err:
        if explicit:
            raise DataError(f"the file cannot be read ({err.strerror})", source=str(f),
                            fix="Check the file's permissions, or copy it somewhere you can read") from None
        _skip(log, str(f), f"a file netlib may not read ({err.strerror})")
        return
    if data[:4] != b"PK\x03\x04":
        yield Input(data, str(f), st.st_mtime, explicit), explicit
    else:  # a zip archive, e.g. LinkedIn's data export
        yield from _zip_inputs(f, st.st_mtime, log, max_member)


def _zip_inputs(f: Path, mtime: float, log: ProblemLog, max_member: int) -> Iterator[tuple[Input, bool]]:
    """Each visible member of the zip archive ``f`` as an :class:`Input` (never named explicitly)."""
    try:
        with zipfile.ZipFile(f) as z:
            members = [i for i in z.infolist() if not i.is_dir() and not any(part.startswith(".") for part in Path(i.filename).parts)]
            for i in members:
                try:
                    member = _unpack(z, i, max_member)
                except _UNPACK_ERRORS as err:
                    _skip(log, f"{f}/{i.filename}", f"a zip member that cannot be unpacked ({type(err).__name__}: {err})")
                    continue
                except _TooLarge as err:
                    _skip(log, f"{f}/{i.filename}", str(err))
                    continue
                yield Input(member, f"{f}/{i.filename}", _zip_time(i, mtime), False), False
    except zipfile.BadZipFile as err:
        raise DataError(f"a zip archive that cannot be opened ({err})", source=str(f),
                        fix="Download the export again; the file may be incomplete") from None


class _TooLarge(Exception):
    """A zip member over the limit netlib unpacks."""


def _unpack(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A zip member's bytes, at most ``limit``: the size its header gives is checked first, and the
    unpacking reads one byte more than the limit at most."""
    too_large = (f"a zip member of {max(info.file_size, limit + 1) / 2**20:,.0f} MB unpacked, more than the "
                 f"{limit >> 20} MB netlib unpacks (unzip it and name the file: netlib maps a large file instead of "
                 "reading it)")
    if info.file_size > limit:
        raise _TooLarge(too_large)
    with z.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(too_large)
    return data


def _zip_time(info: zipfile.ZipInfo, archive_mtime: float) -> float:
    """When a zip member was last changed, in seconds since 1970: its header's local date and time
    (read in this machine's zone; zip stores no zone), never after the archive itself."""
    try:
        return min(dt.datetime(*info.date_time).timestamp(), archive_mtime)
    except (ValueError, OverflowError):  # a header with month 0 or day 0
        return archive_mtime
