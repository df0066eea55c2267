"""iCalendar ``.ics`` files (Google, Outlook, Apple), parsed with ``icalendar``.

* Recurring events (``RRULE``, ``RDATE``, ``EXDATE``, moved instances with
  ``RECURRENCE-ID``) are expanded by ``recurring-ical-events`` in the
  event's own time zone, so a weekly 08:30 in London stays 08:30 local across
  daylight-saving changes; series are expanded up to the data's end (the
  latest ``DTSTAMP``, i.e. when the calendar was exported, else the latest
  start).
* Times: UTC (``...Z``), ``TZID=`` zones, floating times (read in the
  calendar's ``X-WR-TIMEZONE`` or the ``tz`` passed to ``load``), and
  all-day ``VALUE=DATE`` events, counted as 8 hours for each day (recorded as
  ``defaulted``).
* People: every ``ATTENDEE`` and the ``ORGANIZER``, by e-mail address (the
  ``CN`` name is kept for inferred contacts).  Rooms and resources
  (``CUTYPE=RESOURCE`` or ``ROOM``) are not people; attendees who
  ``DECLINED`` were not there.  Cancelled events are skipped rows.
* Channel: ``video`` when the event carries a video-call link (Google Meet,
  Zoom, Teams), else ``meeting``.

Rows are ``VEVENT`` components; ``line`` is the line of their ``BEGIN:VEVENT``.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from netlib.model import STR, DataError, ProblemLog

_VIDEO = re.compile(r"meet\.google\.com|zoom\.us|teams\.microsoft|webex\.com", re.I)
ALL_DAY_HOURS = 8


def sniff(text: str) -> bool:
    return text.lstrip("\ufeff \r\n").startswith("BEGIN:VCALENDAR")


def _email(value) -> str:
    return str(value).strip().removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()


def read(text: str, source: str, log: ProblemLog, tz: str):
    """Return (rows_read, rows_kept, meetings, tokens, me_hints)."""
    import icalendar
    import recurring_ical_events

    try:
        cal = icalendar.Calendar.from_ical(text)
    except ValueError as err:
        raise DataError(f"not a readable iCalendar file ({err})", source=source, expected="RFC 5545 BEGIN:VCALENDAR ... END:VCALENDAR") from None
    # line of every BEGIN:VEVENT, in order, and the UID that follows it (unfolded text)
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    begins = [m.start() for m in re.finditer(r"^BEGIN:VEVENT", text, re.M)]
    lines = [text.count("\n", 0, p) + 1 for p in begins]
    uids = re.findall(r"^BEGIN:VEVENT\r?\n(?:(?!END:VEVENT).*\r?\n)*?UID:(.*?)\r?$", unfolded, re.M)
    events = list(cal.walk("VEVENT"))
    line_of_uid = dict(zip(uids, lines))
    zone = str(cal.get("X-WR-TIMEZONE") or tz)
    hints = [h for h in (_email(cal.get("X-WR-CALNAME", "")),) if "@" in h]

    def utc(v) -> pd.Timestamp | None:
        if v is None:
            return None
        v = v.dt if hasattr(v, "dt") else v
        if isinstance(v, dt.datetime):
            t = pd.Timestamp(v)
            return (t.tz_localize(zone) if t.tzinfo is None else t).tz_convert("UTC")
        return pd.Timestamp(v).tz_localize(zone).tz_convert("UTC")

    stamps = [utc(e.get("DTSTAMP")) for e in events if e.get("DTSTAMP")]
    starts = [utc(e.get("DTSTART")) for e in events if e.get("DTSTART")]
    horizon = max(stamps or starts or [pd.Timestamp.now(tz="UTC")])
    first = min(starts) if starts else horizon
    occurrences = recurring_ical_events.of(cal).between(first.to_pydatetime() - dt.timedelta(days=1),
                                                         horizon.to_pydatetime() + dt.timedelta(days=1))
    rows, toks = [], []
    used_uids = set()
    for occ in occurrences:  # icalendar hands components one by one; calendars hold thousands, not millions
        uid = str(occ.get("UID", ""))
        line = line_of_uid.get(uid)
        if str(occ.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = occ.get("DTSTART")
        all_day = not isinstance(start.dt, dt.datetime)
        s = utc(start)
        end = occ.get("DTEND")
        if end is not None:
            e = utc(end)
        elif occ.get("DURATION") is not None:
            e = s + pd.Timedelta(occ.get("DURATION").dt)
        else:
            e = s + (pd.Timedelta(days=1) if all_day else pd.Timedelta(0))
        text_blob = " ".join(str(occ.get(k, "")) for k in ("LOCATION", "DESCRIPTION", "X-GOOGLE-CONFERENCE", "URL"))
        channel = "video" if _VIDEO.search(text_blob) else "meeting"
        minutes = ((e - s).total_seconds() / 60)
        if all_day:
            days = max(1, round(minutes / 1440))
            minutes = days * ALL_DAY_HOURS * 60
        mid = f"ical:{uid}:{s.isoformat()}"
        rows.append((mid, s, s + pd.Timedelta(minutes=minutes), minutes, channel, str(occ.get("SUMMARY", "")),
                     str(occ.get("LOCATION", "")), line, all_day))
        used_uids.add(uid)
        organizer = occ.get("ORGANIZER")
        if organizer is not None:
            em = _email(organizer)
            hints.append(em)
            toks.append((mid, em, str(organizer.params.get("CN", em)), line))
        attendees = occ.get("ATTENDEE", [])
        for a in attendees if isinstance(attendees, list) else [attendees]:
            p = a.params
            if str(p.get("CUTYPE", "INDIVIDUAL")).upper() in ("RESOURCE", "ROOM") or str(p.get("PARTSTAT", "")).upper() == "DECLINED":
                continue
            em = _email(a)
            toks.append((mid, em, str(p.get("CN", em)), line))
    cancelled = [e for e in events if str(e.get("STATUS", "")).upper() == "CANCELLED"]
    for e in cancelled:
        log.add(source, line_of_uid.get(str(e.get("UID", ""))), "STATUS", "CANCELLED", "a cancelled event: it did not happen", "skipped row")
    m = pd.DataFrame(rows, columns=["meeting_id", "start", "end", "duration_min", "channel", "title", "location", "line", "all_day"])
    m = m.drop_duplicates("meeting_id")
    if m["all_day"].any():
        ad = m[m["all_day"]]
        log.add_frame(pd.DataFrame({"source": source, "line": ad["line"], "column": "DTSTART", "value": ad["title"]}),
                      f"an all-day event: counted as {ALL_DAY_HOURS} hours a day", "defaulted")
    m = m.drop(columns="all_day").assign(audience=np.nan, file=source)
    for col in ("start", "end"):
        m[col] = pd.to_datetime(m[col], utc=True)
    pos = pd.Series(np.arange(len(m)), index=m["meeting_id"])
    t = pd.DataFrame(toks, columns=["meeting_id", "token", "name", "line"])
    t = t[t["meeting_id"].isin(pos.index)].drop_duplicates(["meeting_id", "token"])
    t = pd.DataFrame({"mrow": pos.reindex(t["meeting_id"]).to_numpy(), "token": t["token"].to_numpy(),
                      "line": t["line"].to_numpy(), "name": t["name"].to_numpy()}).astype({"token": STR})
    kept_events = sum(1 for e in events if str(e.get("UID", "")) in used_uids and "RECURRENCE-ID" not in e)
    n_read = sum(1 for e in events if "RECURRENCE-ID" not in e)
    return n_read, kept_events, m, t, hints
