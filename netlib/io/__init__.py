"""Readers: files the user exported -> one validated :class:`~netlib.model.Network`.

:func:`load` takes files and folders, recognises each file's format from its
content (never its name), reads it into the canonical frames, then hands them
to :mod:`netlib.identity` and :mod:`netlib.model`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from netlib import identity
from netlib.io import canonical
from netlib.io._text import Table, decode, read_csv, read_path, sniff_sep
from netlib.model import CONTACT_COLUMNS, MEETING_COLUMNS, STR, DataError, Me, Network, ProblemLog, compute_mode, index_positions, isin

__all__ = ["load", "read_file", "from_frames", "write_csv", "open_network"]


@dataclass
class Frames:
    """What one reader returns: canonical frames and its row accounting."""

    format: str
    contacts: pd.DataFrame | None = None
    meetings: pd.DataFrame | None = None
    tokens: pd.DataFrame | None = None
    rows_read: int = 0
    extra: dict = field(default_factory=dict)


def _canonical(text: str, source: str, log: ProblemLog, tz: str) -> Frames | None:
    first = text.split("\n", 1)[0]
    sep = sniff_sep(first)
    kind = canonical.sniff([c.strip().strip('"') for c in first.split(sep)])
    if kind is None:
        return None
    table, too_long = read_csv(text, source, sep=sep)
    _record_too_long(table, too_long, log)
    if table.n_read == 0 or (len(table.data) == 0):
        raise DataError("the file has a header but no data rows", source=source, line=2, expected="one row per " + kind[:-1])
    if kind == "contacts":
        frames = Frames("netlib contacts", contacts=canonical.read_contacts(table, log, tz), rows_read=table.n_read)
    else:
        meetings, tokens = canonical.read_meetings(table, log, tz)
        frames = Frames("netlib meetings", meetings=meetings, tokens=tokens, rows_read=table.n_read)
    _require_rows(frames, source, log)
    return frames


def _require_rows(frames: Frames, source: str, log: ProblemLog) -> None:
    """A file whose every row was skipped is an error, not an empty result."""
    kept = sum(len(f) for f in (frames.contacts, frames.meetings) if f is not None)
    if kept == 0 and frames.rows_read > 0:
        p = log.frame()
        first = p[p["source"] == source].iloc[0] if (p["source"] == source).any() else None
        detail = f"; the first: line {first['line']}, column {first['column']!r}: {first['problem']}" if first is not None else ""
        raise DataError(
            f"no usable row: all {frames.rows_read} rows were skipped{detail}",
            source=source,
            fix="Fix the rows listed, or check that this is the file you meant",
        )


def _record_too_long(table: Table, too_long: list, log: ProblemLog) -> None:
    if too_long:
        lines, values, problems = zip(*too_long)
        log.add_frame(
            pd.DataFrame({"source": table.source, "line": list(lines), "column": None, "value": list(values)}),
            pd.Series(problems),
            "skipped row",
            expected="as many fields as the header has (quote values that contain the separator)",
        )


#: Readers tried in order on every file; each returns None when the file is
#: not its format.
READERS: list[Callable[[str, str, ProblemLog, str], Frames | None]] = [_canonical]


def read_file(path: str | os.PathLike, log: ProblemLog, tz: str = "UTC", *, source: str | None = None) -> Frames | None:
    """Read one file with the first reader that recognises it (None if none does)."""
    path = Path(path)
    source = source or str(path)
    text, _ = decode(read_path(path), source)
    text = text.replace("\r\n", "\n") if "\r\n" in text else text
    for reader in READERS:
        frames = reader(text, source, log, tz)
        if frames is not None:
            return frames
    return None


def _expand(sources: Iterable[str | os.PathLike]) -> list[tuple[Path, bool]]:
    """Files to read: each file given, and every file inside each folder given."""
    out = []
    for s in sources:
        p = Path(s).expanduser()
        if p.is_dir():
            out += [(f, False) for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")]
        elif p.exists():
            out.append((p, True))
        else:
            raise FileNotFoundError(f"{p}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    return out


def _drop_duplicate_ids(df: pd.DataFrame, id_col: str, log: ProblemLog) -> tuple[pd.DataFrame, np.ndarray]:
    """Across files, keep the first row of each id; later ones are skipped rows.

    Returns the kept rows and, for every input row, its new position (-1 if dropped).
    """
    dup = df[id_col].duplicated().to_numpy() if len(df) else np.zeros(0, bool)
    if dup.any():
        first = df.drop_duplicates(id_col).set_index(id_col)
        where = first.loc[df.loc[dup, id_col], "file"].astype(str).to_numpy() + " line " + first.loc[df.loc[dup, id_col], "line"].astype(str).to_numpy()
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
    em = contacts["emails"].str.split(";").explode()
    by_email = em.isin(keys).groupby(level=0).any()
    is_me = by_email | contacts["contact_id"].str.lower().isin(keys) | identity.normalize_name(contacts["name"]).isin(keys)
    if is_me.any():
        log.add_frame(
            pd.DataFrame({"source": contacts.loc[is_me, "file"], "line": contacts.loc[is_me, "line"], "column": "contact_id",
                          "value": contacts.loc[is_me, "contact_id"]}),
            "this contact is you (me=): you are never one of your own contacts",
            "skipped row",
        )
        found = contacts.loc[is_me]
        extra_emails = tuple(e for e in found["emails"].str.split(";").explode().dropna() if e and e not in me.emails)
        me = Me(
            me.name or found["name"].iloc[0],
            me.emails + extra_emails,
            me.ids + tuple(found["contact_id"]) + tuple(found["name"]),
            me.how,
            me.removed,
        )
    return contacts.loc[~is_me], me


def _empty(columns: list[str], id_col: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in [id_col, *columns]})


def load(*sources: str | os.PathLike, me: str | list[str] | Me | None = None, tz: str = "UTC", strict: bool = False) -> Network:
    """Load exported files and folders into one :class:`~netlib.Network`.

    Parameters
    ----------
    *sources : path
        Files, or folders whose every file is tried.  Each file's format is
        recognised from its content.
    me : str or list of str, optional
        Who the data belongs to: e-mail addresses, names, profile URLs or
        contact ids.  *Me* is never a contact nor an attendee.
    tz : str
        IANA time zone in which times without a UTC offset are read.
    strict : bool
        Raise :class:`~netlib.DataError` at the first bad row or value
        instead of skipping it and recording it in ``Network.problems``.

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
    log = ProblemLog(strict)
    files = _expand(sources)
    contacts, meetings, tokens, src_rows = [], [], [], []
    for path, explicit in files:
        source = str(path)
        frames = read_file(path, log, tz, source=source)
        if frames is None:
            if explicit:
                raise DataError(
                    "not a format netlib recognises",
                    source=source,
                    line=1,
                    expected="netlib's contacts.csv (contact_id,name,...) or meetings.csv (meeting_id,start,...)",
                    fix="See docs/data-model.md for the columns",
                )
            log.add(source, None, None, None, "not a format netlib recognises: the file was not loaded", "not loaded")
            src_rows.append({"source": source, "format": "not recognised", "rows_read": 0})
            continue
        contacts += [frames.contacts] if frames.contacts is not None else []
        if frames.meetings is not None:
            offset = sum(len(x) for x in meetings)
            meetings.append(frames.meetings)
            t = frames.tokens  # adjusted in place: copying millions of tokens is the costly part
            if offset:
                t["mrow"] += offset
            t["src"] = np.int16(len(src_rows))
            tokens.append(t)
        src_rows.append({"source": source, "format": frames.format, "rows_read": frames.rows_read})
    if not any(r["format"] != "not recognised" for r in src_rows):
        raise DataError("no file in " + ", ".join(map(str, sources)) + " is a format netlib recognises", expected="contacts or meetings exports")

    return _assemble(contacts, meetings, tokens, [r["source"] for r in src_rows], me, log, src_rows)


def _assemble(contacts: list, meetings: list, tokens: list, source_names: list[str], me, log: ProblemLog,
              src_rows: list[dict]) -> Network:
    """Concatenate every reader's frames, drop duplicates and me, resolve attendees."""
    me_ = identity.make_me(me)
    c = pd.concat(contacts, ignore_index=True) if contacts else _empty(CONTACT_COLUMNS, "contact_id")
    if len(contacts) > 1:  # ids are already unique within each file
        c, _ = _drop_duplicate_ids(c, "contact_id", log)
    c, me_ = _drop_me(c, me_, log)
    m = pd.concat(meetings, ignore_index=True) if meetings else _empty(MEETING_COLUMNS, "meeting_id")
    if len(meetings) > 1:
        m, newpos = _drop_duplicate_ids(m, "meeting_id", log)
    else:
        newpos = np.arange(len(m))
    if tokens:
        t = pd.concat(tokens, ignore_index=True) if len(tokens) > 1 else tokens[0]
        if len(meetings) > 1:
            t["mrow"] = newpos[t["mrow"].to_numpy()]
            t = t[t["mrow"].to_numpy() >= 0]
        t["source"] = pd.Categorical.from_codes(t.pop("src").to_numpy(), categories=source_names)
    else:
        t = pd.DataFrame({"mrow": pd.Series(dtype=np.int64), "token": pd.Series(dtype=STR), "line": pd.Series(dtype=np.int64),
                          "source": pd.Series(dtype=object)})
    c, mpos, cpos, me_ = identity.resolve_attendees(c, t, me_, log)
    c = identity.check_introductions(c, log)
    return _finish(c, m, mpos, cpos, log, me_, src_rows)


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

    Examples
    --------
    >>> c = pd.DataFrame({"contact_id": ["a"], "name": ["Ada"]})
    >>> m = pd.DataFrame({"meeting_id": ["m1"], "start": ["2024-01-02T10:00Z"], "duration_min": [30], "attendees": ["a"]})
    >>> from_frames(c, m).meetings["mode"].tolist()
    ['one_to_one']
    """
    log = ProblemLog(strict)
    cs, ms = source + ":contacts", source + ":meetings"

    def table(df: pd.DataFrame, name: str) -> Table:
        data = df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)
        return Table(data, np.arange(len(data), dtype=np.int64) + 2, name, 1, len(data))

    c = canonical.read_contacts(table(contacts, cs), log, tz)
    m, t = canonical.read_meetings(table(meetings, ms), log, tz)
    rows = [
        {"source": cs, "format": "netlib contacts", "rows_read": len(contacts)},
        {"source": ms, "format": "netlib meetings", "rows_read": len(meetings)},
    ]
    t["src"] = np.int16(1)
    return _assemble([c], [m], [t], [cs, ms], me, log, rows)


def write_csv(net: Network, folder: str | os.PathLike) -> tuple[Path, Path]:
    """Write a Network as netlib's canonical ``contacts.csv`` and ``meetings.csv``.

    Times are written in ISO 8601 with their UTC offset; inferred contacts
    are written as ordinary rows so that the files load back to the same
    Network.

    Returns
    -------
    (contacts_path, meetings_path)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
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
    pc, pm = folder / "contacts.csv", folder / "meetings.csv"
    out_c.to_csv(pc, index=False, lineterminator="\n")
    out_m.to_csv(pm, index=False, lineterminator="\n")
    return pc, pm


def _finish(c: pd.DataFrame, m: pd.DataFrame, mpos: np.ndarray, cpos: np.ndarray, log: ProblemLog, me: Me,
            src_rows: list[dict]) -> Network:
    """Index, type and derive the Network's tables; count rows per source."""
    c = c.assign(contact_id=c["contact_id"].astype(STR)).set_index("contact_id")
    c["connected_on"] = pd.to_datetime(c["connected_on"], utc=True)
    c["inferred"] = c["inferred"].astype(bool)
    c["line"] = c["line"].astype("Int64")
    m = m.assign(meeting_id=m["meeting_id"].astype(STR)).set_index("meeting_id")
    for col in ("start", "end"):
        m[col] = pd.to_datetime(m[col], utc=True)
    m["n_people"] = np.bincount(mpos, minlength=len(m)).astype(np.int64)
    m["mode"] = compute_mode(m["n_people"], m["audience"])
    m["line"] = m["line"].astype("Int64")
    attendance = pd.DataFrame(
        {"meeting_id": m.index.array.take(mpos), "contact_id": c.index.array.take(cpos)}, copy=False
    )
    problems = log.frame()
    sources = pd.DataFrame(src_rows)
    skipped = problems[problems["action"] == "skipped row"].drop_duplicates(["source", "line"]).groupby("source").size()
    kept = c.loc[~c["inferred"], "file"].value_counts().add(m["file"].value_counts(), fill_value=0)
    sources["rows_kept"] = sources["source"].map(kept).fillna(0).astype(int)
    sources["rows_skipped"] = sources["source"].map(skipped).fillna(0).astype(int)
    net = Network(
        contacts=c[CONTACT_COLUMNS],
        meetings=m[MEETING_COLUMNS],
        attendance=attendance,
        problems=problems,
        sources=sources,
        me=me,
    )
    net._seed_positions(mpos, cpos)  # cached for the analyses
    return net


def open_network(sources=None, *, me=None, tz: str = "UTC", anonymize: bool = False, salt: str = "netlib") -> Network:
    """What a notebook or report opens: the given sources, or the embedded sample.

    Parameters
    ----------
    sources : path or list of paths, optional
        Files or folders; None or empty means the sample (``data/sample``).
    me, tz
        As for :func:`load`.
    anonymize : bool
        Replace names, addresses and free text with pseudonyms
        (:func:`netlib.anonymize.pseudonymize`).

    Examples
    --------
    >>> net = open_network(anonymize=True)
    >>> net.me.name
    'You'
    """
    if sources is None or (not isinstance(sources, (str, os.PathLike)) and len(sources) == 0):
        from netlib.datasets import load_sample

        net = load_sample()
    else:
        paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        net = load(*paths, me=me, tz=tz)
    if anonymize:
        from netlib.anonymize import pseudonymize

        net = pseudonymize(net, salt)
    return net
