"""netlib's own CSV format: ``contacts.csv`` and ``meetings.csv``.

The columns are described in ``docs/data-model.md``.  A file is recognised by
its header: ``contact_id`` makes it a contacts file, ``meeting_id`` a
meetings file.  Bad rows are skipped and bad optional values cleared, each
recorded in the problem log (``strict=True`` raises instead).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR, arrow_csv, index_positions, lower, split_list, strictly_increasing, to_number
from netlib.io._reader import Frames, Input, Options, normalize_tags, split_emails
from netlib.io._reader import column as _col
from netlib.io._text import Table, as_date, cells, fields, parse_datetime, read_csv, read_csv_bytes, require_columns, sniff_sep
from netlib.model import DEFAULT_DURATION_MIN, LONGEST_MEETING_MIN, DataError, ProblemLog, default_duration, place_ref

CONTACT_FIELDS = ["contact_id", "name", "email", "company", "title", "tags", "source", "connected_on", "introduced_by"]
MEETING_FIELDS = ["meeting_id", "start", "end", "duration_min", "channel", "title", "location", "attendees", "audience"]
#: The columns each canonical file must have.
REQUIRED = {"contacts": ["contact_id", "name"], "meetings": ["meeting_id", "start"]}


def sniff(inp: Input) -> str | None:
    """``"contacts"`` or ``"meetings"`` from the header line, read from the bytes when they can be
    parsed as they are (a large file is never decoded just to be recognised)."""
    first = inp.header_bytes()
    return kind_of_header(fields(first if first is not None else inp.head(1)[0]))


def kind_of_header(header: list[str]) -> str | None:
    """``"contacts"``, ``"meetings"`` or None from a header's column names (identity rules are neither)."""
    cols = {c.strip() for c in header}
    if cols >= {"this", "that", "relation"}:
        return None
    if "meeting_id" in cols:
        return "meetings"
    if "contact_id" in cols:
        return "contacts"
    return None


def _skip(table: Table, log: ProblemLog, skipped: np.ndarray, mask: np.ndarray, column: str, problem, expected=None, values=None) -> np.ndarray:
    """Record rows newly failing ``mask`` as skipped; return the updated skip mask."""
    new = np.asarray(mask, dtype=bool) & ~skipped
    if new.any():
        prob = problem[new] if isinstance(problem, (pd.Series, np.ndarray)) else problem
        log.add_frame(cells(table, new, column, values), prob, "skipped row", expected=expected)
    return skipped | new


def _duplicates(ids: pd.Series, table: Table, skipped: np.ndarray) -> tuple[np.ndarray, pd.Series | str]:
    """Rows whose id repeats an earlier kept row, and the text naming the first."""
    if not skipped.any() and strictly_increasing(ids):
        return np.zeros(len(ids), dtype=bool), ""  # sorted ids: unique (and no text to name a first line)
    live = ids.where(~skipped)
    dup = (live.duplicated() & live.notna()).to_numpy()
    text = pd.Series("", index=ids.index, dtype=object)
    if dup.any():
        first = np.flatnonzero(~dup & ~skipped)[index_positions(pd.Index(live[~dup & ~skipped]), live[dup])]
        text[dup] = "duplicate id: the same id is already on line " + pd.Series(table.line[first]).astype(str).to_numpy(dtype=object)
        if not isinstance(table.source, str):  # files read together: the first may be in another file
            other = table.source[first] != table.source[dup]
            text.iloc[np.flatnonzero(dup)[other]] = "duplicate id: already loaded from " + place_ref(table.source[first][other], table.line[first][other])
    return dup, text


def read_contacts(table: Table, log: ProblemLog, tz: str) -> pd.DataFrame:
    """Validate a canonical contacts table.

    Skips rows with an empty or duplicate ``contact_id`` or an empty
    ``name``; clears invalid e-mail addresses, unparseable ``connected_on``
    dates and self-introductions.  Returns one row per kept contact with the
    columns of ``Network.contacts`` plus ``contact_id``.
    """
    df = table.data
    require_columns(df, REQUIRED["contacts"], table.source, "contacts")
    cid, name = _col(df, "contact_id"), _col(df, "name")
    skipped = np.zeros(len(df), dtype=bool)
    skipped = _skip(table, log, skipped, (cid == "").to_numpy(), "contact_id", "contact_id is empty", "a unique id for each contact")
    skipped = _skip(table, log, skipped, (name == "").to_numpy(), "name", "name is empty", "the contact's name")
    dup, text = _duplicates(cid, table, skipped)
    skipped = _skip(table, log, skipped, dup, "contact_id", text, "a unique id for each contact")

    out = pd.DataFrame({"contact_id": cid, "name": name})
    out = pd.concat([out, split_emails(_col(df, "email"), table, log)], axis=1)
    for c in ("company", "title", "source"):
        out[c] = _col(df, c)
    out["tags"] = normalize_tags(_col(df, "tags"))

    raw = _col(df, "connected_on")
    when, _ = parse_datetime(raw, tz)
    bad = (raw != "") & when.isna() & ~skipped
    log.add_frame(cells(table, bad, "connected_on"), "connected_on is not a date: the value was cleared", "cleared",
                  expected="an ISO 8601 date such as 2024-03-04")
    out["connected_on"] = as_date(when, tz)

    intro = _col(df, "introduced_by")
    selfref = (intro != "") & (intro == cid) & ~skipped
    log.add_frame(cells(table, selfref, "introduced_by"), "a contact cannot introduce themselves: the value was cleared", "cleared")
    out["introduced_by"] = intro.mask(selfref, "")
    out["inferred"] = False
    out["file"] = table.source
    out["line"] = table.line
    return out.loc[~skipped].reset_index(drop=True) if skipped.any() else out


def read_meetings(table: Table, log: ProblemLog, tz: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a canonical meetings table.

    Skips rows with an empty or duplicate ``meeting_id``, an unparseable
    ``start``, a negative duration or an end before the start.  A meeting with
    neither ``end`` nor ``duration_min`` gets its channel's default length
    (:data:`netlib.model.DEFAULT_DURATION_MIN`), recorded as ``defaulted``.

    Returns
    -------
    meetings : DataFrame
        One row per kept meeting (``meeting_id`` a column).
    tokens : DataFrame
        ``mrow`` (position of the meeting in ``meetings``), ``token`` (the
        attendee as written), ``line``: for the identity stage to resolve.
    """
    require_columns(table.data, REQUIRED["meetings"], table.source, "meetings")
    # Arrow splits the attendee lists with the GIL released: on a second thread, while this one
    # checks the other columns (and alone writes to the problem log, so its order is unchanged)
    with ThreadPoolExecutor(1, thread_name_prefix="netlib-split") as ex:
        try:
            split = ex.submit(_attendee_lists, table).result
        except RuntimeError:  # no threads here (e.g. a browser-based Python): split in turn
            split = partial(_attendee_lists, table)
        meetings, keep = _meeting_columns(table, log, tz)
        row, tokens = split()
    table.data.drop(columns=["attendees", "start", "end", "duration_min", "audience"], errors="ignore", inplace=True)  # read
    if keep.all():
        mrow = row
    else:
        on = keep[row]
        row, tokens = row[on], tokens[on].reset_index(drop=True)
        mrow = (np.cumsum(keep) - 1)[row]  # each meeting's position among the kept ones
    line = table.line.astype(np.int32, copy=False)[row]  # 32 bits: half the memory over every attendee
    tok = pd.DataFrame({"mrow": mrow, "token": tokens, "line": line}, copy=False)
    return (meetings if keep.all() else meetings.loc[keep].reset_index(drop=True)), tok


def _attendee_lists(table: Table) -> tuple[np.ndarray, pd.Series]:
    """:func:`split_list` of the attendees column: (meeting row, attendee as written)."""
    return split_list(_col(table.data, "attendees"), ";")


def _meeting_columns(table: Table, log: ProblemLog, tz: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Every meetings column but the attendees, checked; and which rows are kept."""
    df = table.data
    mid = _col(df, "meeting_id")
    skipped = np.zeros(len(df), dtype=bool)
    skipped = _skip(table, log, skipped, (mid == "").to_numpy(), "meeting_id", "meeting_id is empty", "a unique id for each meeting")
    dup, text = _duplicates(mid, table, skipped)
    skipped = _skip(table, log, skipped, dup, "meeting_id", text, "a unique id for each meeting")

    start_raw = _col(df, "start")
    start, guessed_start = parse_datetime(start_raw, tz)
    skipped = _skip(table, log, skipped, start.isna().to_numpy(), "start", "start is not a date-time",
                    "an ISO 8601 date-time such as 2024-03-04T10:00 or 2024-03-04T10:00+01:00")

    end_raw = _col(df, "end")
    end, guessed_end = parse_datetime(end_raw, tz)
    bad_end = ((end_raw != "") & end.isna()).to_numpy()
    log.add_frame(cells(table, bad_end & ~skipped, "end"), "end is not a date-time: the value was cleared", "cleared",
                  expected="an ISO 8601 date-time")

    dur_raw = _col(df, "duration_min")
    dur = to_number(dur_raw)
    dur = dur.where(np.isfinite(dur.to_numpy()))  # "inf" and "nan" parse as numbers but are no length
    bad_dur = ((dur_raw != "") & dur.isna()).to_numpy()
    log.add_frame(cells(table, bad_dur & ~skipped, "duration_min"), "duration_min is not a finite number: the value was cleared",
                  "cleared", expected="a number of minutes")
    skipped = _skip(table, log, skipped, (dur < 0).to_numpy(), "duration_min", "negative duration", "a number of minutes, 0 or more")
    # a meeting longer than a day (10^9 minutes, an end years after the start) is a data error, not
    # effort: the length is cleared, and the meeting takes its channel's default length like one without
    too_long = (dur > LONGEST_MEETING_MIN).to_numpy() & ~skipped
    log.add_frame(cells(table, too_long, "duration_min"), "duration_min is longer than a day: the value was cleared", "cleared",
                  expected=f"a number of minutes up to {LONGEST_MEETING_MIN:g} (a day)")
    dur = dur.where(~too_long)
    if end.notna().any():
        late = (((end - start).dt.total_seconds() / 60) > LONGEST_MEETING_MIN).to_numpy() & ~skipped
        log.add_frame(cells(table, late, "end"), "end is more than a day after start: the value was cleared", "cleared",
                      expected="an end within a day of the start")
        end = end.where(~late)
    if end.notna().any():
        span = (end - start).dt.total_seconds() / 60
        skipped = _skip(table, log, skipped, (span < 0).to_numpy(), "end", "end is before start", "an end after the start")
        both = (span.notna() & dur.notna() & ((span - dur).abs() > 1)).to_numpy() & ~skipped
        log.add_frame(cells(table, both, "duration_min"), "duration_min disagrees with end - start: end was used", "cleared")
        no_end, duration = span.isna().to_numpy(), span.fillna(dur)
    else:  # no end anywhere (the column is often left out): nothing to compare with the durations
        no_end, duration = np.ones(len(start), dtype=bool), dur.astype(float)
    channel = lower(_col(df, "channel"))
    channel = channel.where(channel != "", "unspecified")
    neither = dur.isna().to_numpy() & no_end
    if neither.any():  # the channel's default length, looked up only for the meetings that need it
        default = pd.Series(np.nan, index=channel.index)
        default[neither] = default_duration(channel[neither]).to_numpy()
        log.add_frame(cells(table, neither & ~skipped, "duration_min", default),
                      "no end or duration_min: the channel's default length was used", "defaulted")
        duration = duration.fillna(default)
    if no_end.all():  # plain datetime64 arithmetic, then back to UTC
        ns = start.array.as_unit("ns").asi8.view("M8[ns]") + (duration.to_numpy() * 60e9).astype("timedelta64[ns]")  # a view: UTC, NaT kept
        end = pd.Series(ns, index=start.index).dt.tz_localize("UTC")
    elif no_end.any():
        end = end.copy()
        end[no_end] = start[no_end] + pd.to_timedelta(duration[no_end], unit="min")

    guessed = (guessed_start | guessed_end).to_numpy() & ~skipped
    log.add_frame(cells(table, guessed, "start"), "a local time made ambiguous or non-existent by a daylight-saving change: read as standard time", "guessed")

    aud_raw = _col(df, "audience")
    audience = to_number(aud_raw)
    bad_aud = (((aud_raw != "") & audience.isna()) | (audience < 0)).to_numpy() & ~skipped
    log.add_frame(cells(table, bad_aud, "audience"), "audience is not a head count: the value was cleared", "cleared",
                  expected="a whole number of people, 0 or more")
    audience = audience.mask(bad_aud)

    meetings = pd.DataFrame(
        {
            "meeting_id": mid,
            "start": start,
            "end": end,
            "duration_min": duration.astype(float),
            "channel": channel,
            "title": _col(df, "title"),
            "location": _col(df, "location"),
            "audience": audience.astype(float),
            "file": table.source,
            "line": table.line,
        },
        copy=False,
    )
    return meetings, ~skipped


__all__ = ["sniff", "read", "read_contacts", "read_meetings", "together_key", "read_together", "DEFAULT_DURATION_MIN"]


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A canonical contacts or meetings file: parsed by pyarrow from its bytes where they are plain
    UTF-8 with one record per line (netlib's own large files), else from the decoded text."""
    first = inp.header_bytes()
    table = read_csv_bytes(inp.data, inp.source, header=first) if first is not None else None
    if table is not None:
        inp.release()  # parsed: the file's bytes (or mapping) can go before the checks make their columns
    else:  # pyarrow need not fail twice on the same UTF-8; re-encoded from another encoding it may succeed
        text = inp.text
        table = read_csv(text, inp.source, log, sep=sniff_sep(inp.head(1)[0]), fast=first is None or inp.encoding != "utf-8")
    if table.n_read == 0 or len(table.data) == 0:
        raise DataError("the file has a header but no data rows", source=inp.source, line=2, expected="one row per " + kind[:-1])
    if kind == "contacts":
        return Frames("netlib contacts", contacts=contact_records(read_contacts(table, log, opt.tz)), rows_read=table.n_read)
    meetings, tokens = read_meetings(table, log, opt.tz)
    return Frames("netlib meetings", meetings=meetings, tokens=tokens, rows_read=table.n_read,  # name: the token itself
                  owner_listed=False)


def together_key(inp: Input, kind: str) -> str | None:
    """What a small canonical file can be read together under (its kind and header line), or None.

    It can when its bytes are held in memory and can be parsed as they are
    (:func:`netlib.io._text.bytes_header`), its header names the required columns, and a data row
    follows.  Anything else (an empty body, a missing column) is read alone, with its own error.
    """
    if not isinstance(inp.data, bytes):
        return None
    first = inp.header_bytes()
    if first is None or not {c.strip() for c in fields(first)} >= set(REQUIRED[kind]):
        return None
    if not inp.data[len(first.encode("utf-8")) + 1:].strip():
        return None
    return first


def read_together(inps: list[Input], kind: str, log: ProblemLog, opt: Options) -> Frames | None:
    """Small canonical files of one :func:`together_key`, checked as one table.

    A folder of 10,000 one-row files costs about what one file of 10,000 rows costs: the fixed
    cost of parsing and checking a table is paid once.  Each row keeps its own file and line, in
    problems and in the ``file`` column; ``Frames.files`` and ``Frames.file_rows`` give each
    file's rows.  None when the bytes together are not one regular CSV (a blank line, a quoted
    newline): then each file is read on its own, as :func:`read` would.
    """
    first = inps[0].header_bytes()
    skip = len(first.encode("utf-8")) + 1
    bodies = [i.data[skip:] if i.data.endswith(b"\n") else i.data[skip:] + b"\n" for i in inps]
    if any(b.find(b"\r") >= 0 for b in bodies):  # pyarrow would end a record at a lone carriage return
        return None
    rows = np.fromiter((b.count(b"\n") for b in bodies), dtype=np.int64, count=len(bodies))
    df = arrow_csv(first.encode("utf-8") + b"\n" + b"".join(bodies), fields(first), sniff_sep(first))
    if df is None or len(df) != rows.sum():
        return None
    files = [i.source for i in inps]
    line = np.arange(len(df), dtype=np.int64) - np.repeat(np.cumsum(rows) - rows, rows) + 2  # each file's own lines
    table = Table(df, line, np.repeat(np.array(files, dtype=object), rows), 1, len(df))
    for i in inps:
        i.release()
    if kind == "contacts":
        return Frames("netlib contacts", contacts=contact_records(read_contacts(table, log, opt.tz)), rows_read=len(df),
                      files=files, file_rows=rows)
    meetings, tokens = read_meetings(table, log, opt.tz)
    return Frames("netlib meetings", meetings=meetings, tokens=tokens, rows_read=len(df), owner_listed=False,
                  files=files, file_rows=rows)


def contact_records(c: pd.DataFrame) -> pd.DataFrame:
    """Canonical contacts in the record shape of :func:`netlib.identity.merge_contacts`."""
    file = pa.array(c["file"].astype(STR).fillna("")).cast(pa.large_string())
    rid = pc.binary_join_element_wise(file, pa.array(c["line"].to_numpy()).cast(pa.large_string()), pa.scalar(":", pa.large_string()))
    return c.assign(rid=rid.to_pandas(types_mapper={pa.large_string(): STR}.get).array, url="")  # by position
