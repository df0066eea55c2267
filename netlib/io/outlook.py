"""Outlook exports: contacts CSV (Outlook.com and classic Outlook) and the classic calendar CSV.

**Contacts**: name from ``First/Middle/Last Name``, addresses from
``E-mail Address``, ``E-mail 2 Address``, ``E-mail 3 Address`` (Exchange
``/o=...`` addresses are not e-mail and are cleared), ``Company``,
``Job Title``, and ``Categories`` (``;``-separated) as tags.  Classic files
are Windows-1252 with every field quoted and empty dates written ``0/0/00``.

**Calendar** (classic Outlook, 22 quoted columns): attendees are display
names separated by ``;`` (a name may contain a comma: ``Example, Ada``),
from ``Required Attendees`` and ``Optional Attendees``; ``Meeting Resources``
(rooms) are not people.  Dates follow the Windows locale: month first
(``3/4/2024``) or day first (``21-4-2020``, ``26.2.2025``).  netlib detects
the order from the file when a day above 12 settles it, else uses
``day_first`` if given, else reads month first and records the guess; the
order used is in ``Network.sources.detail``.  All-day events count 8 hours a
day (recorded as ``defaulted``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib._kernels import STR, first_item, split_list
from netlib.io._reader import NOT_A_MEETING, Frames, Input, Options, normalize_tags, records
from netlib.io._reader import VIDEO_LINK as _VIDEO
from netlib.io._reader import column as _col
from netlib.io._text import cells, find_header, parse_dates, read_csv
from netlib.model import DataError, ProblemLog

CONTACTS = ["First Name", "Last Name", "E-mail Address"]
CALENDAR = ["Subject", "Start Date", "Start Time", "End Date", "End Time"]


def sniff(inp: Input) -> str | None:
    """``"calendar"`` or ``"contacts"`` from the header line."""
    if find_header(inp.text, CALENDAR, max_lines=2) is not None:
        return "calendar"
    if find_header(inp.text, CONTACTS, max_lines=2) is not None:
        return "contacts"
    return None


def read_contacts(text: str, source: str, log: ProblemLog, tz: str):
    table = read_csv(text, source, log, header_line=1)
    df = table.data
    name = (_col(df, "First Name") + " " + _col(df, "Middle Name") + " " + _col(df, "Last Name")).str.replace(r"\s+", " ", regex=True).str.strip()
    emails = _col(df, "E-mail Address") + ";" + _col(df, "E-mail 2 Address") + ";" + _col(df, "E-mail 3 Address")
    emails = emails.str.strip(";").str.replace(r";{2,}", ";", regex=True)
    first_email = first_item(emails, ";")
    nobody = ((name == "") & (first_email == "")).to_numpy(dtype=bool)
    log.add_frame(cells(table, nobody, "First Name"), "neither a name nor an e-mail address", "skipped row")
    rec = records(table, log, name=name.where(name != "", first_email), emails=emails, company=_col(df, "Company"),
                  title=_col(df, "Job Title"), url=pd.Series("", index=df.index, dtype=STR),
                  connected=pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"), source="outlook",
                  tags=normalize_tags(_col(df, "Categories")), skip=nobody, email_column="E-mail Address")
    return table, rec


def date_order(dates: pd.Series, day_first: bool | None) -> tuple[bool, str]:
    """Whether dates are day first, and how that was decided.

    Examples
    --------
    >>> date_order(pd.Series(["3/4/2024", "21-4-2020"]), None)
    (True, 'day first (found in the file)')
    >>> date_order(pd.Series(["3/4/2024"]), None)[1]
    'month first (assumed: no day above 12 in the file; pass day_first=True if your Windows locale writes the day first)'
    """
    parts = dates.astype(STR).fillna("").str.extract(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}")
    a, b = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[1], errors="coerce")
    # evidence only from dates valid in exactly one order (31/31/2024 is valid in neither: it is just bad)
    first_big = bool(((a > 12) & (a <= 31) & (b <= 12)).any())
    second_big = bool(((b > 12) & (b <= 31) & (a <= 12)).any())
    if first_big and second_big:
        raise DataError("the dates mix day-first and month-first forms", column="Start Date",
                        expected="one Windows locale for the whole file")
    if day_first is not None:
        if (day_first and second_big) or (not day_first and first_big):
            raise DataError(f"day_first={day_first} contradicts the dates in the file", column="Start Date",
                            fix=f"load with day_first={not day_first}")
        return day_first, f"{'day' if day_first else 'month'} first (as you passed)"
    if first_big or second_big:
        return first_big, f"{'day' if first_big else 'month'} first (found in the file)"
    return False, "month first (assumed: no day above 12 in the file; pass day_first=True if your Windows locale writes the day first)"


def read_calendar(text: str, source: str, log: ProblemLog, tz: str, day_first: bool | None = None):
    table = read_csv(text, source, log, header_line=1)
    df = table.data
    try:
        first, how = date_order(pd.concat([_col(df, "Start Date"), _col(df, "End Date")]), day_first)
    except DataError as err:
        raise DataError(err.problem, source=source, line=1, column=err.column, expected=err.expected, fix=err.fix) from None
    if how.startswith("month first (assumed"):
        log.add(source, 1, "Start Date", None, "dates read " + how, "guessed")
    d = "%d/%m/%Y" if first else "%m/%d/%Y"
    formats = [f"{d} {t}" for t in ("%I:%M:%S %p", "%H:%M:%S", "%I:%M %p", "%H:%M")]
    formats += [f.replace("%Y", "%y") for f in formats]

    def when(date_col: str, time_col: str) -> pd.Series:
        date = _col(df, date_col).str.replace(r"[.\-]", "/", regex=True)
        time = _col(df, time_col)
        return parse_dates(date + " " + time.where(time != "", "00:00:00"), formats, tz)[0]

    start, end = when("Start Date", "Start Time"), when("End Date", "End Time")
    no_start = start.isna().to_numpy()
    log.add_frame(cells(table, no_start, "Start Date"), "not a date this file's locale writes: the event was left out", "skipped row",
                  expected="a date like 3/4/2024 with a time like 10:00:00 AM")
    minutes = ((end - start).dt.total_seconds() / 60).to_numpy()
    negative = (minutes < 0) & ~no_start
    log.add_frame(cells(table, negative, "End Date"), "end is before start", "skipped row")
    # not networking meetings (netlib.io._reader.NOT_A_MEETING); "Show time as": 0 free, 3 out of office
    skip = no_start | negative
    show = _col(df, "Show time as")
    for reason, mask, column in (
        ("all-day", _col(df, "All day event").str.lower().isin(["true", "yes", "1", "wahr", "vrai", "waar"]).to_numpy(dtype=bool), "All day event"),
        ("multi-day", minutes >= 24 * 60, "End Date"),
        ("free", (show == "0").to_numpy(dtype=bool), "Show time as"),
        ("out of office", (show == "3").to_numpy(dtype=bool), "Show time as"),
    ):
        new = mask & ~skip
        log.add_frame(cells(table, new, column), NOT_A_MEETING[reason], "skipped row")
        skip |= new
    no_end = np.isnan(minutes) & ~skip
    log.add_frame(cells(table, no_end, "End Date"), "no end: the default meeting length was used", "defaulted")
    minutes = np.where(np.isnan(minutes), 60.0, minutes)
    keep = ~skip
    text_blob = _col(df, "Location") + " " + _col(df, "Description")
    m = pd.DataFrame(
        {
            "meeting_id": "outlook:" + pd.Series(table.line).astype(str) + ":" + start.dt.strftime("%Y%m%dT%H%M").fillna(""),
            "start": start,
            "end": start + pd.to_timedelta(minutes, unit="min"),
            "duration_min": minutes,
            "channel": np.where(text_blob.str.contains(_VIDEO, na=False).to_numpy(dtype=bool), "video", "meeting"),
            "title": _col(df, "Subject"),
            "location": _col(df, "Location"),
            "audience": np.nan,
            "file": source,
            "line": table.line,
        }
    )[keep].reset_index(drop=True)
    attendees = _col(df, "Required Attendees") + ";" + _col(df, "Optional Attendees")
    row, tok = split_list(attendees, ";")
    org_row, org = split_list(_col(df, "Meeting Organizer"), ";")
    row, tok = np.concatenate([row, org_row]), pd.concat([tok, org], ignore_index=True)
    kept_row = np.cumsum(keep) - 1
    on = keep[row]
    t = pd.DataFrame({"mrow": kept_row[row[on]], "token": tok[on].to_numpy(), "line": table.line[row[on]]}).drop_duplicates(["mrow", "token"])
    t["name"] = t["token"]
    hints = org.tolist()
    return table, m, t.astype({"token": STR}), hints, how


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """An Outlook contacts CSV as contact records, or an Outlook calendar CSV as meetings."""
    if kind == "contacts":
        table, rec = read_contacts(inp.text, inp.source, log, opt.tz)
        return Frames("Outlook contacts", contacts=rec, rows_read=table.n_read)
    table, meetings, tokens, hints, how = read_calendar(inp.text, inp.source, log, opt.tz, opt.day_first)
    return Frames("Outlook calendar", meetings=meetings, tokens=tokens, rows_read=table.n_read, hints=hints, detail="dates " + how)
