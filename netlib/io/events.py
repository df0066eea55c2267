"""Event attendee lists: Eventbrite's attendee report and Meetup's attendee download.

Each file is **one one-to-many event**.  Neither export says when the event
was (Eventbrite's ``Order Date`` is when a ticket was bought), so its start,
title and length come from the ``events`` option of :func:`netlib.load`,
keyed by file name: ``events={"attendees.csv": {"start": "2024-11-30T18:00",
"title": "Data Summit", "duration_min": 120}}`` (title defaults to the file
name, length to 120 minutes).  Missing it is a clear :class:`DataError`.

* Eventbrite: one row per ticket; ``Attendee Status`` ``Refunded``,
  ``Cancelled``, ``Transferred`` or ``Not Attending`` were not there (skipped
  rows).  People come with e-mail, job title and company.
* Meetup (comma- or tab-separated): people who were marked ``Attendance = Y``
  when anyone is marked, else those who answered ``RSVP = Yes``; they come
  with their Meetup profile URL.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from netlib._kernels import STR
from netlib.io._reader import Frames, Input, Options, records
from netlib.io._reader import column as _col
from netlib.io._text import cells, find_header, head_lines, parse_datetime, read_csv, sniff_sep
from netlib.model import LONGEST_MEETING_MIN, DataError, ProblemLog

NOT_THERE = {"refunded", "cancelled", "canceled", "transferred", "not attending", "deleted"}


def sniff(inp: Input) -> str | None:
    """``"eventbrite"`` or ``"meetup"`` from the header line."""
    text = inp.text
    first = inp.head(1)[0]
    sep = sniff_sep(first)
    if find_header(text, ["Attendee Status", "Email"], max_lines=2, sep=sep) is not None and ("Order #" in first or "Order no." in first):
        return "eventbrite"
    if find_header(text, ["Name", "User ID", "RSVP"], max_lines=2, sep=sep) is not None:
        return "meetup"
    return None


def _event(source: str, events: dict | None, tz: str, kind: str) -> tuple[pd.Timestamp, str, float]:
    name = Path(source).name
    spec = (events or {}).get(name) or (events or {}).get(source)
    if not spec or "start" not in spec:
        raise DataError(
            f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind} attendee list does not say when the event was",
            source=source,
            expected="the event's start, title and length",
            fix=(f"on the command line add --event \"{name}=2024-11-30T18:00,My event,120\" (FILE=START[,TITLE[,MINUTES]]); "
                 f"in Python pass load(..., events={{{name!r}: {{'start': '2024-11-30T18:00', 'title': 'My event', 'duration_min': 120}}}})"),
        )
    start, _ = parse_datetime(pd.Series([str(spec["start"])]), tz)
    if start.isna().iloc[0]:
        raise DataError("the event start is not a date-time", source=source, value=spec["start"], expected="2024-11-30T18:00")
    try:
        minutes = float(spec.get("duration_min", 120))
    except (TypeError, ValueError):
        minutes = float("nan")
    if not 0 < minutes <= LONGEST_MEETING_MIN:
        raise DataError("the event's length is not a number of minutes above 0 and at most a day", source=source,
                        value=spec.get("duration_min"), expected=f"0 to {LONGEST_MEETING_MIN:g} minutes, e.g. 120",
                        fix="give each day of a longer event as an event of its own")
    return start.iloc[0], str(spec.get("title", Path(source).stem)), minutes


def read_attendees(text: str, source: str, log: ProblemLog, tz: str, kind: str, events: dict | None = None):
    start, title, minutes = _event(source, events, tz, kind.capitalize())
    sep = sniff_sep(head_lines(text)[0])
    table = read_csv(text, source, log, sep=sep)
    df = table.data
    if kind == "eventbrite":
        status = _col(df, "Attendee Status")
        absent = status.str.lower().isin(NOT_THERE).to_numpy(dtype=bool)
        log.add_frame(cells(table, absent, "Attendee Status"), "this ticket holder was not there", "skipped row")
        name = (_col(df, "First Name") + " " + _col(df, "Last Name").where(_col(df, "Last Name") != "", _col(df, "Surname"))).str.strip()
        email, url = _col(df, "Email"), pd.Series("", index=df.index, dtype=STR)
        company, job = _col(df, "Company"), _col(df, "Job Title")
        token = email.str.lower().where(email != "", name)
    else:
        attended = _col(df, "Attendance").str.upper() == "Y"
        there = attended if attended.any() else (_col(df, "RSVP").str.lower() == "yes")
        absent = ~there.to_numpy(dtype=bool)
        log.add_frame(cells(table, absent, "Attendance" if attended.any() else "RSVP"),
                      "not marked as attending" if attended.any() else "did not RSVP yes", "skipped row")
        name, email = _col(df, "Name"), pd.Series("", index=df.index, dtype=STR)
        url = _col(df, "URL of Member Profile")
        company, job = pd.Series("", index=df.index, dtype=STR), _col(df, "Title")
        token = url.where(url != "", name)
    rec = records(table, log, name=name, emails=email, company=company, title=job, url=url,
                  connected=pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"), source=kind, skip=absent, email_column="Email")
    m = pd.DataFrame({"meeting_id": [f"{kind}:{Path(source).name}"], "start": [start], "end": [start + pd.Timedelta(minutes=minutes)],
                      "duration_min": [minutes], "channel": ["event" if kind == "eventbrite" else "meetup"], "title": [title],
                      "location": [""], "audience": [np.nan], "file": [source], "line": [1]})
    keep = ~absent
    t = pd.DataFrame({"mrow": 0, "token": token[keep].to_numpy(), "line": table.line[keep], "name": name[keep].to_numpy()})
    t = t[t["token"] != ""].drop_duplicates("token").astype({"token": STR})
    return table, rec, m, t


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """An attendee list: its attendees as contact records, and one meeting they all attended."""
    table, rec, meetings, tokens = read_attendees(inp.text, inp.source, log, opt.tz, kind, opt.events)
    return Frames(f"{kind.capitalize()} attendees", contacts=rec, meetings=meetings, tokens=tokens, rows_read=table.n_read,
                  owner_listed=False)
