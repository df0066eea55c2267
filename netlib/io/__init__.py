"""Readers: files the user exported -> one validated :class:`~netlib.model.Network`.

:func:`load` takes files and folders, recognises each file's format from its
content (never its name), reads it into the canonical frames, then hands them
to :mod:`netlib.identity` and :mod:`netlib.model`.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import identity
from netlib._files import csv_text, neutralise_formulas, write_files
from netlib._kernels import STR, isin, split_list
from netlib.io import canonical, events, google, ical, linkedin, mail, outlook, rules, vcard
from netlib.io._reader import NOT_A_MEETING, Frames, Input, Options
from netlib.io._text import GUESSED_ENCODINGS, Table, read_path
from netlib.model import CONTACT_COLUMNS, EMAIL_MINUTES, MEETING_COLUMNS, MODES, DataError, Me, Network, ProblemLog, mode_codes, mode_labels, place_ref

__all__ = ["load", "read_file", "from_frames", "write_csv", "READERS", "Input", "Options", "Frames"]

#: The readers, tried in this order on each file's content (see :mod:`netlib.io._reader` for the
#: interface).  netlib's own CSVs and e-mail come first: they are recognised from their bytes,
#: undecoded (a mailbox of 10 GB is never decoded to be recognised).
READERS = (canonical, mail, rules, ical, vcard, linkedin, google, outlook, events)


def _require_rows(frames: Frames, inps: list[Input], log: ProblemLog, since: int = 0) -> None:
    """A file whose every row was skipped is not a result (``since``: the problems logged before
    this file, never looked at again: 10,000 files cost 10,000 small looks).  Named by the user, it
    is an error; found in a folder or zip (a holidays calendar of all-day events beside the
    contacts, a previous report's ``next_steps.ics``), it is a ``not loaded`` problem naming the
    first skipped row, and the rest loads.  Its skipped rows stay in the problems, so rows read =
    rows kept + rows skipped still holds."""
    if frames.rows_read == 0 or log.mark() == since:  # nothing read, or nothing logged for this file
        return
    files, rows = (frames.files, frames.file_rows) if frames.files else ([inps[0].source], [frames.rows_read])
    named = {i.source for i in inps if i.explicit}
    p = log.frame(since)
    p = p[p["action"] == "skipped row"]
    skipped = p.groupby("source", sort=False)["line"].nunique()
    for f, n in zip(files, rows, strict=True):
        if skipped.get(f, 0) >= n:
            first = p[p["source"] == f].iloc[0]
            why = (f"no usable row: all {n} rows were skipped; the first: line {first['line']}, "
                   f"column {first['column']!r}: {first['problem']}")
            if f in named:
                raise DataError(why, source=f, fix="Fix the rows listed, or check that this is the file you meant")
            log.add(f, None, None, None, f"{why}: the file was not loaded", "not loaded")


#: Files of at most SMALL_FILE_BYTES that one reader can read together (a folder of 10,000 one-card
#: vCards, or of 10,000 one-row CSVs) are read as one table, SMALL_FILES_BYTES at most at a time.
SMALL_FILE_BYTES = 1 << 20
SMALL_FILES_BYTES = 64 << 20
#: The largest zip member netlib unpacks (into memory): checked from the member's header before any
#: byte is unpacked, and the unpacking stops there whatever the header said.  A larger member (a
#: video, a 6 GB mailbox in a Takeout zip) is listed as not loaded: unzipped, it loads as a file,
#: which netlib maps instead of reading.
MAX_MEMBER_BYTES = 1 << 30


def _together_key(inp: Input, reader, kind: str) -> tuple | None:
    """What a small file can be read together with others under: (reader, kind, the reader's key),
    or None (a large file, or a reader that reads each file alone)."""
    if inp.size > SMALL_FILE_BYTES or not hasattr(reader, "together_key"):
        return None
    key = reader.together_key(inp, kind)
    return None if key is None else (reader, kind, key)


def read_file(data: bytes | mmap.mmap, source: str, log: ProblemLog, opt: Options | None = None) -> Frames | None:
    r"""Read one file's bytes with the first reader in :data:`READERS` that recognises them (None if none does).

    Parameters
    ----------
    data : bytes or mmap
        The file's bytes.
    source : str
        The name shown in problems.
    log : ProblemLog
        Receives every row skipped and value cleared.
    opt : Options, optional
        Reader options (:class:`netlib.io.Options`).

    Examples
    --------
    >>> from netlib.model import ProblemLog
    >>> read_file(b"contact_id,name\nc1,Ada\n", "c.csv", ProblemLog()).format
    'netlib contacts'
    """
    return _read(Input(data, source), log, opt or Options())


def _read(inp: Input, log: ProblemLog, opt: Options, explicit: bool = True) -> Frames | str | None:
    """:func:`read_file` of an :class:`Input`.  A file found in a folder or zip that is not text at all
    (a photo, a PDF, an empty file) gives the reason it was not loaded instead of an error."""
    found = _sniff(inp, explicit)
    return _read_as(*found, [inp], log, opt) if isinstance(found, tuple) else found


def _sniff(inp: Input, explicit: bool = True) -> tuple | str | None:
    """(reader, kind) of the first reader in :data:`READERS` that recognises the file; None if none
    does; the reason, for a file found in a folder that is not text at all."""
    for reader in READERS:
        try:
            kind = reader.sniff(inp)
        except DataError as err:  # not text: no reader can even look at it
            if explicit:
                raise
            return err.problem
        if kind is not None:
            return reader, kind
    return None


def _read_as(reader, kind: str, inps: list[Input], log: ProblemLog, opt: Options) -> Frames | None:
    """One file read by ``reader``; or several small files it reads together (its ``read_together``,
    None when they cannot be: then the caller reads each alone)."""
    since = log.mark()
    frames = reader.read(inps[0], kind, log, opt) if len(inps) == 1 else reader.read_together(inps, kind, log, opt)
    if frames is None:
        return None
    for inp in inps:
        if inp.encoding in GUESSED_ENCODINGS:  # known once the text was needed, by the sniffers or the reader
            log.add(inp.source, None, None, inp.encoding, GUESSED_ENCODINGS[inp.encoding], "guessed")
    _require_rows(frames, inps, log, since)
    return frames


def _inputs(sources: Iterable[str | os.PathLike], log: ProblemLog) -> Iterator[tuple[Input, bool]]:
    """Each file given, each file in each folder and each member of each zip as an :class:`Input`,
    with whether it was named explicitly; read one at a time (every path is checked first).

    What cannot be read is never opened or never stops the load; it is a ``not loaded`` problem
    with the reason: a FIFO or device file, an unreadable file or folder, hidden files and folders
    (``.git``, ``.DS_Store``), a zip member that is encrypted, compressed in a way Python cannot
    read, or corrupt."""
    import stat
    import zipfile
    import zlib

    def skip(where: str, why: str) -> None:
        log.add(where, None, None, None, f"{why}: not loaded", "not loaded")

    paths = [Path(s).expanduser() for s in sources]
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    for p in paths:
        if p.is_dir():
            files = []
            for root, dirs, names in os.walk(p, onerror=lambda err: skip(str(err.filename), "a folder netlib may not read")):
                for d in [d for d in dirs if d.startswith(".")]:
                    skip(str(Path(root) / d), "a hidden folder")
                links = {d for d in dirs if not d.startswith(".") and (Path(root) / d).is_symlink()}
                for d in sorted(links):  # never followed (a link can loop, or lead out of the folder): said, not skipped silently
                    skip(str(Path(root) / d), "a link to a folder (netlib does not follow links inside a folder; name its target to load it)")
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
                files += [(Path(root) / n, False) for n in sorted(names) if not n.startswith(".")]
        else:
            files = [(p, True)]
        for f, explicit in files:
            try:
                st = f.stat()
                mode = st.st_mode
            except OSError as err:
                skip(str(f), f"a file netlib cannot look at ({err.strerror})")
                continue
            if not stat.S_ISREG(mode):  # a FIFO or a device would block or never end: never opened
                skip(str(f), "not a regular file (a pipe, socket or device)")
                continue
            try:
                data = read_path(f)
            except OSError as err:
                if explicit:
                    raise DataError(f"the file cannot be read ({err.strerror})", source=str(f),
                                    fix="Check the file's permissions, or copy it somewhere you can read") from None
                skip(str(f), f"a file netlib may not read ({err.strerror})")
                continue
            if data[:4] != b"PK\x03\x04":
                yield Input(data, str(f), st.st_mtime, explicit), explicit
                continue
            try:  # a zip archive, e.g. LinkedIn's data export
                with zipfile.ZipFile(f) as z:
                    members = [i for i in z.infolist() if not i.is_dir() and not any(part.startswith(".") for part in Path(i.filename).parts)]
                    for i in members:
                        try:
                            member = _unpack(z, i)
                        except (RuntimeError, NotImplementedError, zlib.error, zipfile.BadZipFile, EOFError) as err:
                            skip(f"{f}/{i.filename}", f"a zip member that cannot be unpacked ({type(err).__name__}: {err})")
                            continue
                        except _TooLarge as err:
                            skip(f"{f}/{i.filename}", str(err))
                            continue
                        yield Input(member, f"{f}/{i.filename}", _zip_time(i, st.st_mtime), False), False
            except zipfile.BadZipFile as err:
                raise DataError(f"a zip archive that cannot be opened ({err})", source=str(f),
                                fix="Download the export again; the file may be incomplete") from None


class _TooLarge(Exception):
    """A zip member over :data:`MAX_MEMBER_BYTES`."""


def _unpack(z, info) -> bytes:
    """A zip member's bytes, at most :data:`MAX_MEMBER_BYTES`: the size its header gives is checked
    first, and the unpacking reads one byte more than the limit at most."""
    too_large = (f"a zip member of {max(info.file_size, MAX_MEMBER_BYTES + 1) / 2**20:,.0f} MB unpacked, more than the "
                 f"{MAX_MEMBER_BYTES >> 20} MB netlib unpacks (unzip it and name the file: netlib maps a large file instead of "
                 "reading it)")
    if info.file_size > MAX_MEMBER_BYTES:
        raise _TooLarge(too_large)
    with z.open(info) as member:
        data = member.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise _TooLarge(too_large)
    return data


def _zip_time(info, archive_mtime: float) -> float:
    """When a zip member was last changed, in seconds since 1970: its header's local date and time
    (read in this machine's zone; zip stores no zone), never after the archive itself."""
    import datetime as dt

    try:
        return min(dt.datetime(*info.date_time).timestamp(), archive_mtime)
    except (ValueError, OverflowError):  # a header with month 0 or day 0
        return archive_mtime


def _drop_duplicate_ids(df: pd.DataFrame, id_col: str, log: ProblemLog) -> tuple[pd.DataFrame, np.ndarray]:
    """Across files, keep the first row of each id; later ones are skipped rows.

    Returns the kept rows and, for every input row, its new position (-1 if dropped).
    """
    dup = df[id_col].duplicated().to_numpy() if len(df) else np.zeros(0, bool)
    if dup.any():
        first = df.drop_duplicates(id_col).set_index(id_col)
        where = place_ref(first.loc[df.loc[dup, id_col], "file"].to_numpy(), first.loc[df.loc[dup, id_col], "line"].to_numpy())
        log.add_frame(
            pd.DataFrame({"source": df.loc[dup, "file"], "line": df.loc[dup, "line"], "column": id_col, "value": df.loc[dup, id_col]}),
            pd.Series("duplicate id: already loaded from " + where, index=df.index[dup]),
            "skipped row",
            expected="ids unique across all files",
        )
    newpos = np.where(dup, -1, np.cumsum(~dup) - 1)
    return (df.loc[~dup] if dup.any() else df), newpos


def _drop_me(contacts: pd.DataFrame, me: Me, log: ProblemLog) -> tuple[pd.DataFrame, Me]:
    """Contacts that are the data's owner are not contacts (recorded as skipped)."""
    keys = me.keys()
    if not keys or contacts.empty:
        return contacts, me
    row, em = split_list(contacts["emails"], ";")
    by_email = np.zeros(len(contacts), dtype=bool)
    by_email[row[isin(em, keys)]] = True
    url = identity.normalize_url(contacts["url"]) if "url" in contacts else pd.Series("", index=contacts.index)
    is_me = (by_email | isin(contacts["contact_id"].astype(str).str.lower(), keys) | isin(identity.name_key(contacts["name"]), keys)
             | (isin(url, keys) & (url != "").to_numpy(dtype=bool)))
    if is_me.any():
        log.add_frame(
            pd.DataFrame({"source": contacts.loc[is_me, "file"], "line": contacts.loc[is_me, "line"], "column": "contact_id",
                          "value": contacts.loc[is_me, "contact_id"]}),
            "this contact is you: you are never one of your own contacts",
            "skipped row",
        )
        found = contacts.loc[is_me]
        extra_emails = tuple(dict.fromkeys(e for e in found["emails"].str.split(";").explode().dropna() if e and e not in me.emails))
        cards = tuple((e, f"your own card in {f}" + (f", line {ln}" if pd.notna(ln) else ""))  # where each address of it was found
                      for es, f, ln in zip(found["emails"], found["file"], found["line"], strict=True) for e in str(es).split(";") if e)
        me = replace(
            me,
            name=me.name or found["name"].iloc[0],
            emails=me.emails + extra_emails,
            ids=tuple(dict.fromkeys(me.ids + tuple(found["contact_id"]) + tuple(found["name"]) + tuple(u for u in found.get("url", []) if u))),
            found=tuple(dict.fromkeys(me.found + cards)),
        )
    return contacts.loc[~is_me].reset_index(drop=True), me


def _not_meetings(m: pd.DataFrame, t: pd.DataFrame, owner_listed: np.ndarray, me: Me, log: ProblemLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leave out the calendar entries and conversations that are no networking meeting once the owner
    is known: those the owner declined, and those with nobody else (no other attendee who did not
    decline, no audience).  Attendees who declined are dropped.  A file row none of whose meetings
    is kept is a skipped row; otherwise each meeting left out is a ``left out`` problem."""
    declined = _flag(t.pop("declined")) if "declined" in t else np.zeros(len(t), dtype=bool)
    mrow = t["mrow"].to_numpy()
    is_me = identity.is_me(t["token"], t["name"] if "name" in t else t["token"], me)
    by_me = np.zeros(len(m), dtype=bool)
    by_me[mrow[declined & is_me]] = True
    others = np.bincount(mrow[~declined & ~is_me], minlength=len(m))
    alone = owner_listed & (others == 0) & m["audience"].isna().to_numpy()
    drop = owner_listed & (by_me | alone)
    if not drop.any():
        return m, t[~declined]
    reason = np.where(by_me, NOT_A_MEETING["declined"], NOT_A_MEETING["alone"])
    gone = pd.DataFrame({"source": m["file"].to_numpy()[drop], "line": m["line"].to_numpy()[drop], "column": "attendees",
                         "value": m["title"].to_numpy()[drop], "problem": reason[drop]})
    kept_rows = pd.MultiIndex.from_arrays([m["file"].to_numpy()[~drop], m["line"].to_numpy()[~drop]])
    partly = pd.MultiIndex.from_arrays([gone["source"], gone["line"]]).isin(kept_rows)  # the file row keeps other meetings
    skipped = gone[~partly].groupby(["source", "line", "problem"], sort=False).agg(value=("value", "first"), n=("value", "size")).reset_index()
    skipped["problem"] = skipped["problem"] + np.where(skipped["n"] > 1, " (" + skipped["n"].astype(str) + " occurrences)", "")
    log.add_frame(skipped.assign(column="attendees"), skipped["problem"], "skipped row")
    log.add_frame(gone[partly], gone.loc[partly, "problem"], "left out")
    keep = ~drop
    new_row = np.cumsum(keep) - 1
    stay = keep[mrow] & ~declined
    t = t[stay]
    return m[keep].reset_index(drop=True), t.assign(mrow=new_row[t["mrow"].to_numpy()])


def _flag(values: pd.Series) -> np.ndarray:
    """A boolean column that files without it left missing, as True/False."""
    return values.to_numpy() == True  # noqa: E712 (missing compares False)


def _empty(columns: list[str], id_col: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in [id_col, *columns]})


def load(*sources: str | os.PathLike, me: str | list[str] | Me | None = None, tz: str = "UTC", strict: bool = False,
         merge: bool = True, message_minutes: float = 5.0, day_first: bool | None = None, events: dict | None = None,
         email_minutes: float = EMAIL_MINUTES, email_one_way: bool = False, org: str | list[str] | None = None) -> Network:
    """Load exported files and folders into one :class:`~netlib.Network`.

    Recognises, from each file's content: netlib's ``contacts.csv`` and
    ``meetings.csv``; LinkedIn ``Connections.csv``, ``messages.csv`` and
    ``Invitations.csv`` (also inside the export's ``.zip``); Google Contacts
    CSV (current and legacy); Outlook contacts CSV and calendar CSV; e-mail (mbox, ``.eml``,
    Maildir: headers only);
    iCalendar ``.ics``; vCard ``.vcf``; Eventbrite and Meetup attendee lists.
    The same person in several files becomes one contact
    (:func:`netlib.identity.merge_contacts`; see ``Network.merges``).

    Parameters
    ----------
    *sources : path
        Files, folders (every file inside is tried), or zip archives.
    me : str or list of str, optional
        Who the data belongs to: e-mail addresses, names, profile URLs or
        contact ids.  When not given it is inferred from calendars and
        messages (``Network.me.how`` says how).  *Me* is never a contact nor
        an attendee.
    tz : str
        IANA time zone in which times without a UTC offset are read.
    strict : bool
        Raise :class:`~netlib.DataError` at the first bad row or value
        instead of skipping it and recording it in ``Network.problems``.
    merge : bool
        Also merge records that share only a name (never when e-mail
        addresses, profiles or companies conflict).  False keeps them apart.
        To correct single cases, add a CSV with the columns ``this``,
        ``that``, ``relation`` (``same`` or ``different``) to the sources;
        each side is an e-mail address, a profile URL, a contact id or a name.
    message_minutes : float
        Minutes of effort per LinkedIn message (default 5, an assumption).
    day_first : bool, optional
        Whether an Outlook calendar's dates put the day first; detected from
        the file when it can be.
    events : dict, optional
        For attendee lists that do not say when their event was: file name
        -> ``{"start": ..., "title": ..., "duration_min": ...}``.
    email_minutes : float
        Minutes of effort per e-mail you wrote (a netlib assumption; mail only received costs
        none).  See :mod:`netlib.io.mail`.
    email_one_way : bool
        Count e-mail counterparts that mail went to or came from only one way (newsletters, cold
        outreach) as relationships too.
    org : str or list of str, optional
        The mail domains of your organisation (``acme.com``; subdomains count too): contacts with
        an address there are your colleagues, and a meeting with colleagues only is internal work,
        not networking (:mod:`netlib.org`).  Default: the domains of your own work addresses,
        never a public mail domain such as gmail.com (``Network.me.org`` keeps what is given).

    Returns
    -------
    Network

    Raises
    ------
    FileNotFoundError
        A path does not exist.
    DataError
        A file named explicitly is not a recognised format, is empty, is not
        text, misses a required column or has no usable row; with
        ``strict=True``, any bad row or value.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load(netlib.datasets.sample_path())
    >>> net.sources[["format", "rows_read", "rows_kept", "rows_skipped"]].sum(numeric_only=True).tolist()[0] > 0
    True
    """
    if not sources:
        raise TypeError("load() needs at least one file or folder; for the sample data use netlib.load_sample()")
    from netlib import _params

    tz = _params.timezone("load", "tz", tz)  # before any file is read: an unknown zone, not a traceback
    from dataclasses import replace

    from netlib.org import org_arg

    org = org_arg("load", org)  # checked before any file is read too
    log = ProblemLog(strict)
    opt = Options(tz, message_minutes, day_first, events)
    contacts, meetings, tokens, src_rows, hints = [], [], [], [], []
    owner_tokens, rule_frames, listed = [], [], []
    mail_frames: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    together: list[Input] = []  # small files one reader reads as one table (see flush)
    together_key, together_bytes = None, 0

    def take(frames: Frames, source: str) -> None:
        files = frames.files or [source]
        rows = frames.file_rows if frames.files else [frames.rows_read]
        def src_of(file_column) -> np.ndarray:  # each row's place in the sources table, from its file
            codes = pd.Categorical(file_column, categories=pd.unique(np.asarray(files, dtype=object))).codes
            return len(src_rows) + codes.astype(np.int64)  # int8 codes for a few files: the sum must not wrap past 127

        if frames.mail is not None:  # messages: made into interactions once every mail file is read
            msgs, people = frames.mail
            mail_frames.append((msgs.assign(src=src_of(msgs["file"])), people))
        contacts.extend([frames.contacts] if frames.contacts is not None else [])
        rule_frames.extend([frames.rules] if frames.rules is not None else [])
        hints.extend(frames.hints)
        if frames.meetings is not None:
            offset = sum(len(x) for x in meetings)
            meetings.append(frames.meetings)
            listed.append(frames.owner_listed)
            t = frames.tokens  # adjusted in place: copying millions of tokens is the costly part
            if frames.files:  # each attendee's file: the file of its meeting
                t["src"] = src_of(frames.meetings["file"])[t["mrow"].to_numpy()].astype(np.int32)
            else:
                t["src"] = np.int32(len(src_rows))
            if offset:
                t["mrow"] += offset
            tokens.append(t)
            if frames.owner_listed:
                owner_tokens.append(t)
        src_rows.extend({"source": f, "format": frames.format, "rows_read": int(n), "detail": frames.detail} for f, n in zip(files, rows, strict=True))

    def flush() -> None:
        """Read the files waiting to be read together: as one table, or (when their bytes together
        are not one regular table) each alone."""
        nonlocal together_key, together_bytes
        if together:
            reader, kind = together_key[:2]
            frames = _read_as(reader, kind, together, log, opt)
            if frames is not None:
                take(frames, together[0].source)
            else:
                for inp in together:
                    take(_read_as(reader, kind, [inp], log, opt), inp.source)
        together.clear()
        together_key, together_bytes = None, 0

    for inp, explicit in _inputs(sources, log):  # one file at a time: each file's bytes are let go once read
        found = _sniff(inp, explicit)
        key = _together_key(inp, *found) if isinstance(found, tuple) else None
        if key is not None and key == together_key and together_bytes + inp.size <= SMALL_FILES_BYTES:
            together.append(inp)
            together_bytes += inp.size
            continue
        flush()
        if key is not None:  # the first of a run of small files of one kind
            together.append(inp)
            together_key, together_bytes = key, inp.size
            continue
        if isinstance(found, str):  # found in a folder or zip, and not text at all
            log.add(inp.source, None, None, None, f"{found}: the file was not loaded", "not loaded")
            src_rows.append({"source": inp.source, "format": "not recognised", "rows_read": 0, "detail": found})
            continue
        if found is None:
            if explicit:
                raise DataError(
                    "not a format netlib recognises",
                    source=inp.source,
                    line=1,
                    expected="a LinkedIn, Google, Outlook, iCalendar, vCard, Eventbrite or Meetup export, or netlib's own CSVs",
                    fix="See docs/data-model.md for netlib's own columns",
                )
            log.add(inp.source, None, None, None, "not a format netlib recognises: the file was not loaded", "not loaded")
            src_rows.append({"source": inp.source, "format": "not recognised", "rows_read": 0, "detail": ""})
            continue
        take(_read_as(*found, [inp], log, opt), inp.source)
    flush()
    me, inferred = _owner(me, owner_tokens, hints, contacts, mail_frames, src_rows, log)
    if mail_frames:  # every mailbox together: a thread's two ways may be in two files (Inbox, Sent)
        msgs, people = mail.concat(mail_frames)
        mail_frames.clear()
        me, found = _mail_owner(me, inferred, msgs, people)
        m_meet, m_tok, _ = mail.interactions(msgs, people, log, me.keys(), email_minutes, email_one_way, found)
        del msgs, people
        if len(m_meet):
            offset = sum(len(x) for x in meetings)
            meetings.append(m_meet)
            listed.append(False)
            m_tok["mrow"] += offset
            tokens.append(m_tok)
    if not any(r["format"] != "not recognised" for r in src_rows):
        raise DataError("no file in " + ", ".join(map(str, sources)) + " is a format netlib recognises",
                        expected="contacts, calendar, message or event exports")
    if not any(len(x) for x in contacts) and not any(len(x) for x in meetings):  # nothing at all: say why, if a file was unusable
        p = log.frame()
        unusable = p[(p["action"] == "not loaded") & p["problem"].str.startswith("no usable row")]
        if len(unusable):
            raise DataError(unusable["problem"].iloc[0].removesuffix(": the file was not loaded"), source=unusable["source"].iloc[0],
                            fix="Fix the rows listed, or check that these are the files you meant")
    owner_tokens.clear()  # the token lists live on only in `tokens`, which _assemble empties once resolved
    net = _assemble(contacts, meetings, tokens, [r["source"] for r in src_rows], me, log, src_rows, merge,
                    pd.concat(rule_frames, ignore_index=True) if rule_frames else None, listed)
    if org:  # the organisation as given (netlib.org); else found from your own addresses
        net.me = replace(net.me, org=org)
    return net


def _owner(me, owner_tokens: list, hints: list, contacts: list, mail_frames: list, src_rows: list[dict], log: ProblemLog):
    """The owner from ``me`` and the calendars and conversations (each names its owner: they are in
    every entry), before the mail is made into interactions: (the owner, the owner inferred from the
    files).  ``me`` as it was when nothing shows an owner.  A ``me`` is checked against every file
    that shows it, the mailboxes' addresses too."""
    if not (owner_tokens or hints or mail_frames) and me is None:
        return me, Me()
    owner_t = pd.concat(owner_tokens, ignore_index=True) if owner_tokens else pd.DataFrame(columns=["mrow", "token", "name"])
    if len(owner_t) and "src" in owner_t:  # each file by its name: Me.found says where the owner was found
        owner_t["src"] = np.asarray([r["source"] for r in src_rows], dtype=object)[owner_t["src"].to_numpy()]
    inferred = identity.infer_me(owner_t, hints) if owner_tokens or hints else Me()
    if me is None:
        return inferred, inferred
    if not isinstance(me, Me) and (owner_tokens or hints or mail_frames):  # files that show their owner: check and complete
        records = [c[["name", "emails", "url"]] for c in contacts]
        for _, people in mail_frames:  # every address on the mail, once
            p = people.drop_duplicates("token")
            records.append(pd.DataFrame({"name": p["name"].astype(str).to_numpy(), "emails": p["token"].astype(str).str.lower().to_numpy(),
                                         "url": ""}))
        records = pd.concat(records, ignore_index=True) if records else None
        return identity.complete_me(identity.make_me(me), inferred, owner_t, records, log), inferred
    return me, inferred


def _mail_owner(me, inferred: Me, msgs: pd.DataFrame, people: pd.DataFrame) -> tuple[Me, pd.DataFrame]:
    """The owner with each mailbox's owner joined (:func:`netlib.io.mail.owners`,
    :func:`netlib.identity.join_owner`), and what the mailboxes said."""
    me = identity.make_me(me)
    found = mail.owners(msgs, people, me.keys() | inferred.keys())
    return identity.join_owner(me, found, inferred), found


def _assemble(contacts: list, meetings: list, tokens: list, source_names: list[str], me, log: ProblemLog,
              src_rows: list[dict], merge: bool = True, rules: pd.DataFrame | None = None,
              listed: list[bool] | None = None) -> Network:
    """Merge every reader's contact records, drop me and duplicate meetings, resolve attendees.

    ``listed``: for each meetings frame, whether its attendee lists include the owner (calendars,
    messages): there, an entry with nobody else, or one the owner declined, is no meeting."""
    me_ = identity.make_me(me)
    if contacts:
        rec = pd.concat(contacts, ignore_index=True)
        explicit = rec["contact_id"].astype(STR).fillna("") != "" if len(contacts) > 1 else None
        if explicit is not None and explicit.any():  # explicit ids are already unique within each file
            kept, _ = _drop_duplicate_ids(rec[explicit], "contact_id", log)
            rec = pd.concat([kept, rec[~explicit]], ignore_index=True)
        c, aliases, merges = identity.merge_contacts(rec, log, merge, rules)
    else:
        c, aliases, merges = _empty(CONTACT_COLUMNS, "contact_id"), None, None
    c, me_ = _drop_me(c, me_, log)
    if len(meetings) == 1:  # one file: its table as it is (concat would copy a million rows)
        m = meetings[0] if meetings[0].index.equals(pd.RangeIndex(len(meetings[0]))) else meetings[0].reset_index(drop=True)
    else:
        m = pd.concat(meetings, ignore_index=True) if meetings else _empty(MEETING_COLUMNS, "meeting_id")
    owner_listed = np.repeat(np.asarray(listed or [False] * len(meetings), dtype=bool), [len(x) for x in meetings])
    if len(meetings) > 1:
        m, newpos = _drop_duplicate_ids(m, "meeting_id", log)
        owner_listed = owner_listed[newpos >= 0]
    if tokens:
        t = pd.concat(tokens, ignore_index=True) if len(tokens) > 1 else tokens[0]
        if len(meetings) > 1:
            t["mrow"] = newpos[t["mrow"].to_numpy()]
            t = t[t["mrow"].to_numpy() >= 0]
        t["source"] = pd.Categorical.from_codes(t.pop("src").to_numpy(), categories=source_names)
    else:
        t = pd.DataFrame({"mrow": pd.Series(dtype=np.int64), "token": pd.Series(dtype=STR), "line": pd.Series(dtype=np.int64),
                          "name": pd.Series(dtype=object), "source": pd.Series(dtype=object)})
    if owner_listed.any():
        m, t = _not_meetings(m, t, owner_listed, me_, log)
    elif "declined" in t:
        t = t[~_flag(t.pop("declined"))]
    c, mpos, cpos, me_ = identity.resolve_attendees(c, t, me_, log, aliases)
    del t
    tokens.clear()  # millions of attendee tokens, no longer needed: freed before the attendance table is built
    c = identity.check_introductions(c, log, aliases)
    net = _finish(c, m, mpos, cpos, log, me_, src_rows)
    if merges is not None:
        net.merges = merges
    return net


def from_frames(
    contacts: pd.DataFrame,
    meetings: pd.DataFrame,
    *,
    me: str | list[str] | Me | None = None,
    tz: str = "UTC",
    strict: bool = False,
    source: str = "<memory>",
) -> Network:
    """Build a Network from canonical frames held in memory.

    The frames have the columns of ``contacts.csv`` and ``meetings.csv``
    (``docs/data-model.md``) and go through exactly the checks a file does;
    ``line`` in the problems is the row's position plus 2, as if the frame
    were written to CSV with a header.

    Parameters
    ----------
    contacts, meetings : DataFrame
        Frames with the columns of ``contacts.csv`` and ``meetings.csv``.
    me, tz, strict
        As for :func:`load`.
    source : str
        The name shown in problems (``<source>:contacts``, ``<source>:meetings``).

    Examples
    --------
    >>> c = pd.DataFrame({"contact_id": ["a"], "name": ["Ada"]})
    >>> m = pd.DataFrame({"meeting_id": ["m1"], "start": ["2024-01-02T10:00Z"], "duration_min": [30], "attendees": ["a"]})
    >>> from_frames(c, m).meetings["mode"].tolist()
    ['one_to_one']
    """
    from netlib import _params

    _params.instance("from_frames", "contacts", contacts, pd.DataFrame, "a DataFrame with the columns of contacts.csv")
    _params.instance("from_frames", "meetings", meetings, pd.DataFrame, "a DataFrame with the columns of meetings.csv")
    tz = _params.timezone("from_frames", "tz", tz)
    log = ProblemLog(strict)
    cs, ms = source + ":contacts", source + ":meetings"

    def table(df: pd.DataFrame, name: str) -> Table:
        data = df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)
        return Table(data, np.arange(len(data), dtype=np.int64) + 2, name, 1, len(data))

    c = canonical.read_contacts(table(contacts, cs), log, tz)
    m, t = canonical.read_meetings(table(meetings, ms), log, tz)
    rows = [
        {"source": cs, "format": "netlib contacts", "rows_read": len(contacts), "detail": ""},
        {"source": ms, "format": "netlib meetings", "rows_read": len(meetings), "detail": ""},
    ]
    t["src"] = np.int16(1)
    return _assemble([canonical.contact_records(c)], [m], [t], [cs, ms], me, log, rows)


def write_csv(net: Network, folder: str | os.PathLike) -> tuple[Path, Path]:
    """Write a Network as netlib's canonical ``contacts.csv`` and ``meetings.csv``.

    Times are written in ISO 8601 with their UTC offset; inferred contacts
    are written as ordinary rows so that the files load back to the same
    Network.  A text cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, or with one of them after a line break inside it) is neutralised with an apostrophe.
    Both files are written whole or not at all, never over a file netlib did not write in
    ``folder`` or through a link (:class:`netlib._files.OutputFolder`; a manifest,
    ``.netlib-files.json``, lists what netlib wrote there).

    Parameters
    ----------
    net : Network
        The network to write.
    folder : path
        Where to write ``contacts.csv`` and ``meetings.csv`` (created).

    Returns
    -------
    (contacts_path, meetings_path)

    Raises
    ------
    netlib.OutputError
        ``folder`` holds a ``contacts.csv`` or ``meetings.csv`` that netlib did not write, or a link
        of that name, or the disk refused; nothing was written.
    """
    folder = Path(folder)
    c = net.contacts.reset_index()
    out_c = pd.DataFrame(
        {
            "contact_id": c["contact_id"],
            "name": c["name"],
            "email": c["emails"],
            "company": c["company"],
            "title": c["title"],
            "tags": c["tags"],
            "source": c["source"],
            "connected_on": c["connected_on"].dt.strftime("%Y-%m-%d").fillna(""),
            "introduced_by": c["introduced_by"],
        }
    )
    m = net.meetings.reset_index()
    att = net.attendance.groupby("meeting_id", sort=False)["contact_id"].agg(";".join)
    out_m = pd.DataFrame(
        {
            "meeting_id": m["meeting_id"],
            "start": m["start"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": m["end"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "channel": m["channel"],
            "title": m["title"],
            "location": m["location"],
            "attendees": m["meeting_id"].map(att).fillna(""),
            "audience": m["audience"].astype("Int64"),
        }
    )
    pc, pm = write_files(folder, {
        "contacts.csv": csv_text(_spreadsheet_safe(out_c, ["name", "email", "company", "title", "tags", "source", "introduced_by"])),
        "meetings.csv": csv_text(_spreadsheet_safe(out_m, ["channel", "title", "location", "attendees"])),
    })
    return pc, pm


def _spreadsheet_safe(df: pd.DataFrame, text_columns: list[str]) -> pd.DataFrame:
    """``df`` with every text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return, or has one of the first four or a tab right after
    a line break inside it) neutralised with an apostrophe (:func:`netlib._files.neutralise_formulas`),
    the usual defence against CSV injection: ``=HYPERLINK(...)`` from a contact's name shows as text,
    and so does ``Acme\r=1+1`` in a spreadsheet that ends rows at a bare carriage return.

    Examples
    --------
    >>> _spreadsheet_safe(pd.DataFrame({"name": ["=HYPERLINK(1)", "Ann", "-x"], "n": [-1, 2, 3]}), ["name"]).values.tolist()
    [["'=HYPERLINK(1)", -1], ['Ann', 2], ["'-x", 3]]
    """
    out = df.copy()
    for c in text_columns:
        s = out[c].astype(STR).fillna("")
        risky = s.str.contains(r"^[=+\-@\t\r]|[\r\n][=+\-@\t]", regex=True).to_numpy(dtype=bool)
        if risky.any():
            out[c] = s.where(~risky, neutralise_formulas(s))
    return out


def _utc_times(s: pd.Series) -> pd.Series:
    """``s`` as UTC times, converted only when they are not already (``pd.to_datetime`` would
    look at a million values that need nothing)."""
    if isinstance(s.dtype, pd.DatetimeTZDtype) and str(s.dtype.tz) == "UTC" and s.dtype.unit == "ns":
        return s
    return pd.to_datetime(s, utc=True).dt.as_unit("ns")


def _finish(c: pd.DataFrame, m: pd.DataFrame, mpos: np.ndarray, cpos: np.ndarray, log: ProblemLog, me: Me,
            src_rows: list[dict]) -> Network:
    """Index, type and derive the Network's tables; count rows per source."""
    c = c.copy(deep=False)  # as for meetings below: the index is set without copying every column
    c.index = pd.Index(c.pop("contact_id").astype(STR), name="contact_id")
    c["connected_on"] = _utc_times(c["connected_on"])
    for col in ("name", "email", "emails", "company", "title", "tags", "source", "introduced_by", "url"):
        c[col] = c[col].astype(STR)  # text as Arrow strings, as in the meetings (free where it already is)
    c["inferred"] = c["inferred"].astype(bool)
    c["line"] = c["line"].astype("Int64")
    m = m.copy(deep=False)  # a new frame around the same columns: the index is set without copying them
    m.index = pd.Index(m.pop("meeting_id").astype(STR), name="meeting_id")
    for col in ("start", "end"):
        m[col] = _utc_times(m[col])
    m["n_people"] = np.bincount(mpos, minlength=len(m))
    mode = mode_codes(m["n_people"], m["audience"], m["channel"])
    m["mode"] = mode_labels(mode, m.index)
    m["line"] = m["line"].astype("Int64")
    problems = log.frame()
    sources = pd.DataFrame(src_rows)
    skipped = problems[problems["action"] == "skipped row"].drop_duplicates(["source", "line"]).groupby("source").size()
    sources["rows_skipped"] = sources["source"].map(skipped).fillna(0).astype(int)
    sources["rows_kept"] = sources["rows_read"] - sources["rows_skipped"]
    if "detail" not in sources:
        sources["detail"] = ""
    sources = sources[["source", "format", "rows_read", "rows_kept", "rows_skipped", "detail"]]
    net = Network(
        contacts=pd.DataFrame({k: c[k] for k in CONTACT_COLUMNS}, copy=False),  # the columns in order, not copied
        meetings=pd.DataFrame({k: m[k] for k in MEETING_COLUMNS}, copy=False),
        attendance=None,  # made from the positions on first use: the analyses need only the positions
        problems=problems,
        sources=sources,
        me=me,
    )
    net._seed_positions(mpos, cpos)  # cached for the analyses
    net._seed_codes("mode", mode, MODES)
    return net
