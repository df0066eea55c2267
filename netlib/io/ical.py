"""iCalendar ``.ics`` files (Google, Outlook, Apple), parsed with ``icalendar``.

* Recurring events (``RRULE``, ``RDATE``, ``EXDATE``, moved instances with
  ``RECURRENCE-ID``) are expanded by ``recurring-ical-events`` in the
  event's own time zone, so a weekly 08:30 in London stays 08:30 local across
  daylight-saving changes; series are expanded up to the data's end (the
  latest ``DTSTAMP``, i.e. when the calendar was exported, else the latest
  start).
* Times: UTC (``...Z``), ``TZID=`` zones and floating times (read in the
  calendar's ``X-WR-TIMEZONE`` or the ``tz`` passed to ``load``).
* Networking meetings only: all-day (``VALUE=DATE``) and multi-day events,
  events marked free (``TRANSP:TRANSPARENT``) and cancelled events are left
  out (:data:`netlib.io._reader.NOT_A_MEETING`), and so, once the owner is
  known, are events the owner declined and events with nobody else.  A master
  event none of whose occurrences is a meeting is a skipped row; a single
  occurrence left out of a kept series is a ``left out`` problem.
* People: every ``ATTENDEE`` and the ``ORGANIZER``, by e-mail address (the
  ``CN`` name is kept for inferred contacts).  Rooms and resources
  (``CUTYPE=RESOURCE`` or ``ROOM``) are not people; attendees who
  ``DECLINED`` were not there (a token marked ``declined``, so that the
  owner's own refusal can be seen).
* Channel: ``video`` when the event carries a video-call link (Google Meet,
  Zoom, Teams), else ``meeting``.

Rows are ``VEVENT`` components; ``line`` is the line of their ``BEGIN:VEVENT``.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from netlib._kernels import STR
from netlib._params import is_zone
from netlib._words import plural
from netlib.io._reader import NOT_A_MEETING, Frames, Input, Options
from netlib.io._reader import VIDEO_LINK as _VIDEO
from netlib.io._text import line_numbers
from netlib.model import DataError, ProblemLog


def sniff(inp: Input) -> str | None:
    """``"calendar"`` for a file that starts with ``BEGIN:VCALENDAR``."""
    return "calendar" if inp.text[:4096].lstrip("\ufeff \r\n").startswith("BEGIN:VCALENDAR") else None  # a prefix: never copy a whole file


_BAD_EVENT = (ValueError, TypeError, AttributeError, KeyError, LookupError, OverflowError)


def _prop(component, name: str):
    """A property's value; the first one when a broken file repeats it."""
    v = component.get(name)
    return v[0] if isinstance(v, list) and v else v


def _email(value) -> str:
    return str(value).strip().removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()


def read_calendar(text: str, source: str, log: ProblemLog, tz: str, mtime: float | None = None):
    """Return (rows_read, rows_kept, meetings, tokens, me_hints, how the export's moment was found,
    the moment the calendar's content shows it was written at or after: :func:`export_moment`).
    ``mtime``: the file's modification time (seconds since 1970), one witness of that moment."""
    import icalendar

    try:
        cal = _one_calendar(icalendar.Calendar.from_ical(text, multiple=True))
    except _BAD_EVENT as err:  # icalendar's own errors on a broken structure (a ValueError, or e.g. an
        # AttributeError on a VTIMEZONE that repeats its TZID): the file as a whole cannot be read
        why = str(err) if isinstance(err, ValueError) else f"icalendar failed on it: {type(err).__name__}: {err}"
        raise DataError(f"not a readable iCalendar file ({why}); a property written twice where RFC 5545 allows one "
                        "(such as TZID) or a broken line is the usual cause", source=source,
                        expected="RFC 5545 BEGIN:VCALENDAR ... END:VCALENDAR") from None
    # line of every BEGIN:VEVENT, in order, and the UID that follows it (unfolded text)
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    begins = [m.start() for m in re.finditer(r"^BEGIN:VEVENT", text, re.M)]
    lines = line_numbers(text, begins)
    uids = re.findall(r"^BEGIN:VEVENT\r?\n(?:(?!END:VEVENT).*\r?\n)*?UID:(.*?)\r?$", unfolded, re.M)
    line_of_uid = {}
    for uid, line in zip(uids, lines):  # a moved or cancelled occurrence repeats its series' UID: the first one
        line_of_uid.setdefault(uid, line)
    zone = _calendar_zone(cal, tz, source, log)
    _unknown_zones(cal, unfolded, zone, source, log, line_of_uid)
    read_events = list(cal.walk("VEVENT"))  # rows read: every event, those dropped next too
    dropped = _drop_runaway_series(cal, source, log, line_of_uid)
    events = list(cal.walk("VEVENT"))
    # the owner's address as Google writes it: the calendar's name, and its export's file name (ada@example.org.ics)
    file_name = source.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".ics")
    hints = [h for h in (_email(_prop(cal, "X-WR-CALNAME") or ""), file_name.lower()) if re.fullmatch(r"[^@\s/]+@[^@\s/]+\.\w+", h)]

    def utc(v) -> pd.Timestamp | None:
        if v is None:
            return None
        v = v.dt if hasattr(v, "dt") else v
        if isinstance(v, dt.datetime):
            t = pd.Timestamp(v)
            return (t.tz_localize(zone) if t.tzinfo is None else t).tz_convert("UTC").as_unit("ns")
        return pd.Timestamp(v).tz_localize(zone).tz_convert("UTC").as_unit("ns")  # outside 1677-2262: OutOfBoundsDatetime

    def safe_utc(v):
        try:
            return utc(v)
        except _BAD_EVENT:
            return None

    # series are expanded up to the moment of the export (:func:`export_moment`), never past today
    starts = [t for t in (safe_utc(_prop(e, "DTSTART")) for e in events) if t is not None]
    horizon, how, guess, shown = export_moment(cal, events, safe_utc, mtime, starts)
    if guess:
        log.add(source, None, "DTSTAMP", f"{horizon:%Y-%m-%d %H:%M} UTC", guess, "guessed")
    first = min(starts) if starts else horizon
    window = (first.to_pydatetime() - dt.timedelta(days=1), horizon.to_pydatetime() + dt.timedelta(days=1))
    occurrences = _expand(cal, window, source, log, line_of_uid)
    # the window reaches a day past the export's moment (a margin for the zones): a series'
    # occurrence after that moment had not happened when the file was written, and is no meeting
    series = {str(_prop(e, "UID") or "") for e in events if _prop(e, "RRULE") is not None or _prop(e, "RDATE") is not None}
    rows, toks, left_out = [], [], []
    used_uids, failed = set(), {}
    line_of_uid, line_of_change = _lines_of(read_events, lines, line_of_uid, safe_utc)
    for occ in occurrences:  # icalendar hands components one by one; calendars hold thousands, not millions
        uid = str(_prop(occ, "UID") or "")
        line = line_of_change.get((uid, safe_utc(_prop(occ, "RECURRENCE-ID"))), line_of_uid.get(uid))
        try:
            row, people = _occurrence(occ, uid, line, utc)
        except _BAD_EVENT as err:
            failed.setdefault(uid, (line, f"an event netlib cannot read ({type(err).__name__}: {err}): left out"))
            continue
        if row is None:
            left_out.append((uid, line, str(_prop(occ, "SUMMARY") or ""), people))  # people: the reason
            continue
        if uid in series and row[1] > horizon:
            continue
        rows.append((*row, line_of_uid.get(uid)))  # and the series' line: the row read, for the accounting
        toks += people
        used_uids.add(uid)
        hints += [p[1] for p in people if p[4]]
    for uid, (line, problem) in failed.items():
        if uid not in used_uids:
            log.add(source, line, "VEVENT", uid, problem, "skipped row")
    for _uid, line, title, reason in _first_per_uid(left_out, used_uids):  # a series none of whose occurrences is a meeting
        log.add(source, line, "VEVENT", title, NOT_A_MEETING[reason], "skipped row")
    for uid, line, title, reason in left_out:
        if uid in used_uids:  # one occurrence of a kept series
            log.add(source, line, "VEVENT", title, NOT_A_MEETING[reason], "left out")
    return (*_frames(rows, toks, read_events, used_uids, {**failed, **dict.fromkeys(dropped)}, source, log, hints, line_of_uid,
                     {u for u, *_ in left_out}), f"series expanded up to {horizon:%Y-%m-%d %H:%M} UTC: {how}", shown)


def _lines_of(events: list, lines: list, first: dict, utc) -> tuple[dict, dict]:
    """Where each event is written: a series' line (its event without ``RECURRENCE-ID``, else the
    first with its UID), and each changed occurrence's own line by (UID, ``RECURRENCE-ID`` in UTC),
    so that a cancelled or declined occurrence is reported at its own lines, not its series'.
    ``events`` are the calendar's ``VEVENT`` components in file order, ``lines`` where each
    ``BEGIN:VEVENT`` is; when the two do not pair up (a broken file), the UIDs' first lines alone."""
    if len(events) != len(lines):
        return first, {}
    masters, changes = {}, {}
    for e, line in zip(events, lines, strict=True):  # a calendar's events: thousands at most
        uid, rid = str(_prop(e, "UID") or ""), _prop(e, "RECURRENCE-ID")
        if rid is None:
            masters.setdefault(uid, line)
        else:
            changes[(uid, utc(rid))] = line
    return {**first, **masters}, changes


def _one_calendar(calendars: list):
    """A file's calendars as one: some writers put several ``VCALENDAR`` in one file (Outlook does
    with ``METHOD:PUBLISH``; files joined by hand).  The first one's properties, every one's
    components, in order.  No calendar at all is icalendar's own ValueError."""
    if not calendars:
        raise ValueError("no BEGIN:VCALENDAR ... END:VCALENDAR in the file")
    first = calendars[0]
    for other in calendars[1:]:  # a few calendars: components moved, not copied
        first.subcomponents.extend(other.subcomponents)
    return first


#: Producers (``PRODID``) known to write the export's time into every ``DTSTAMP``.
EXPORT_STAMPS = re.compile(r"Google", re.I)
#: Producers known to write the time each event last changed into ``DTSTAMP`` (Apple Calendar and
#: iCloud, CalDAV servers and the clients that sync with them): a series never edited since March
#: would end in March if its ``DTSTAMP`` were taken for the export's time.
CHANGE_STAMPS = re.compile(r"Apple|iCloud|Sabre|Nextcloud|ownCloud|Mozilla|Thunderbird|Cyrus|Fastmail|Radicale|DAViCal|Baikal|"
                           r"SOGo|Zimbra|Evolution|Davx|Posteo|mailbox\.org", re.I)


def export_moment(cal, events: list, utc, mtime: float | None,
                  starts: list) -> tuple[pd.Timestamp, str, str | None, pd.Timestamp | None]:
    """When the calendar was exported: the end of its series' expansion.  Returns (the moment, how it
    was found, the text of a ``guessed`` problem or None, the moment the calendar's *content* shows
    it was written at or after, or None).

    RFC 5545 lets ``DTSTAMP`` be either the time the file was written or the time an event last
    changed.  Google writes the export's time into every event; Apple Calendar and CalDAV servers
    write each event's last change.  So ``DTSTAMP`` is taken for the export's time when the producer
    is one that writes it so (:data:`EXPORT_STAMPS`), or when every event of an unknown producer
    carries the same one; otherwise (:data:`CHANGE_STAMPS`, differing stamps, a single event) the
    moment is the newest of ``LAST-MODIFIED``, ``DTSTAMP`` and the file's modification time, a
    guess recorded when the calendar has a recurring series (whose length it sets).  Nothing is
    ever after today: a stamp in year 9000 is a typo or an attack, never a reason to expand for
    millennia.  A calendar with none of these ends at its latest start up to today.

    The last value is what the file itself says (never its modification time, which a copy or an
    unzip changes): the export's time where the stamps give it, else the newest ``LAST-MODIFIED``
    or ``DTSTAMP`` (the file was written after every change it records).  It becomes
    ``Network.sources["exported"]``, and so the default moment the figures are measured at.

    Parameters
    ----------
    cal : icalendar.Calendar
        The calendar.
    events : list
        Its ``VEVENT`` components.
    utc : callable
        A property's value as a UTC time, None when it has none or it cannot be read.
    mtime : float or None
        The file's modification time, seconds since 1970.
    starts : list of Timestamp
        The events' starts.
    """
    now = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)
    stamps = [t for t in (utc(_prop(e, "DTSTAMP")) for e in events) if t is not None and t <= now]
    producer = str(_prop(cal, "PRODID") or "").strip()
    if stamps and EXPORT_STAMPS.search(producer):
        return max(stamps), f"the export's time, which its producer ({producer}) writes into every DTSTAMP", None, max(stamps)
    if len(stamps) >= 2 and len(set(stamps)) == 1 and len(stamps) == len(events) and not CHANGE_STAMPS.search(producer):
        return stamps[0], "the export's time: every event carries the same DTSTAMP", None, stamps[0]
    changed = [t for t in (utc(_prop(e, "LAST-MODIFIED")) for e in events) if t is not None and t <= now]
    file_time = pd.Timestamp(int(min(mtime, now.timestamp())), unit="s", tz="UTC").as_unit("ns") if mtime is not None else None
    witnesses = [(max(changed), "the newest LAST-MODIFIED")] if changed else []
    witnesses += [(max(stamps), "the newest DTSTAMP")] if stamps else []
    witnesses += [(file_time, "the file's modification time")] if file_time is not None else []
    if not witnesses:
        latest = max([t for t in starts if t <= now] or [now])
        return latest, "the calendar says nothing of when it was exported: its latest start up to today", None, None
    moment, which = max(witnesses, key=lambda w: w[0])
    why = (f"its producer ({producer}) writes when each event last changed into DTSTAMP" if CHANGE_STAMPS.search(producer)
           else "the calendar does not say when it was exported (its DTSTAMPs differ, or there is one event)")
    how = f"{why}, so series run to the newest of LAST-MODIFIED, DTSTAMP and the file's modification time: {which}"
    recurring = any(e.get("RRULE") is not None or e.get("RDATE") is not None for e in events)
    shown = max(changed + stamps) if changed or stamps else None
    return moment, how, (f"the export's moment is not written in the calendar: {how}" if recurring else None), shown


#: The most occurrences one series may have up to the data's end (a daily meeting for 13 years);
#: the rest are cut and recorded.
MAX_OCCURRENCES = 5000


def _expand(cal, window: tuple, source: str, log: ProblemLog, line_of_uid: dict) -> list:
    """Every occurrence in ``window``: the whole calendar at once, or, when that fails, event by
    event, so that one broken event is one skipped row and the rest loads.  A series with more than
    :data:`MAX_OCCURRENCES` occurrences keeps the first ones (a recorded problem)."""
    import recurring_ical_events

    try:
        occurrences = list(recurring_ical_events.of(cal).between(*window))
    except Exception:  # noqa: BLE001 (the expansion library has its own error family: find the event(s) it fails on)
        occurrences = []
        zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        by_uid: dict[str, list] = {}
        for e in cal.walk("VEVENT"):
            by_uid.setdefault(str(_prop(e, "UID") or id(e)), []).append(e)
        for uid, comps in by_uid.items():  # one step per event: only on this failure path
            one = type(cal)()
            for c in (*zones, *comps):
                one.add_component(c)
            try:
                occurrences += list(recurring_ical_events.of(one).between(*window))
            except Exception as err:  # noqa: BLE001 (as above: one event's failure is one skipped row)
                log.add(source, line_of_uid.get(uid), "VEVENT", uid, f"an event netlib cannot read ({type(err).__name__}: "
                        f"{str(err)[:120]}): left out", "skipped row")
    counts: dict[str, int] = {}
    kept = []
    for occ in occurrences:
        uid = str(_prop(occ, "UID") or "")
        counts[uid] = counts.get(uid, 0) + 1
        if counts[uid] <= MAX_OCCURRENCES:
            kept.append(occ)
    for uid, n in counts.items():
        if n > MAX_OCCURRENCES:
            log.add(source, line_of_uid.get(uid), "RRULE", uid, f"a series with {plural(n, 'occurrence')} up to the data's end: the first "
                    f"{MAX_OCCURRENCES:,} were kept", "left out")
    return kept


def _calendar_zone(cal, tz: str, source: str, log: ProblemLog) -> str:
    """The zone floating times are read in: ``X-WR-TIMEZONE`` (a Windows name such as ``W. Europe
    Standard Time`` mapped to its IANA zone), else ``tz``.  An unknown name is a recorded guess, and the
    property is removed so that the expansion library does not reject the whole calendar."""
    name = _prop(cal, "X-WR-TIMEZONE")
    if name is None:
        return tz
    name = str(name)
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # pragma: no cover - an older icalendar
        WINDOWS_TO_OLSON = {}
    zone = WINDOWS_TO_OLSON.get(name, name)
    if not is_zone(zone):
        log.add(source, None, "X-WR-TIMEZONE", name, f"an unknown time zone: floating times were read in {tz}", "guessed")
        zone = tz
    if zone != name:
        del cal["X-WR-TIMEZONE"]
        if zone != tz:
            cal.add("X-WR-TIMEZONE", zone)
    return zone


def _unknown_zones(cal, unfolded: str, zone: str, source: str, log: ProblemLog, line_of_uid: dict) -> None:
    """Record every ``TZID`` neither defined in the file nor known to the system: its times are read in
    ``zone`` (never silently as UTC)."""
    defined = {str(c.get("TZID")) for c in cal.walk("VTIMEZONE")}
    for tzid in sorted(set(re.findall(r"[;:]TZID=\"?([^\":;]+)\"?[:;]", unfolded)) - defined):
        parts = tzid.strip("/").split("/")
        # a vendor's prefix (/mozilla.org/20070129_1/Europe/Berlin): icalendar reads the zone, and warns (read())
        names = [tzid] + (["/".join(parts[-k:]) for k in (1, 2, 3)] if tzid.startswith("/") else [])
        if not any(is_zone(name) for name in names):
            log.add(source, None, "TZID", tzid, f"an unknown time zone: its times were read in {zone}", "guessed")


#: The first and last moments a nanosecond timestamp holds, a day in from each end (time zones).
_EARLIEST, _LATEST = dt.datetime(1677, 9, 23), dt.datetime(2262, 4, 10)


def _holds(value) -> bool:
    """Whether a date or time can be a meeting time: within the years a nanosecond timestamp holds
    (1677 to 2262; a ``DTSTART`` in year 1 or 9999 is a typo or an attack, never a meeting).  Read
    from the value's own fields, so that an odd time zone is never asked for its offset here."""
    v = value.dt if hasattr(value, "dt") else value
    if isinstance(v, dt.datetime):
        v = v.replace(tzinfo=None)
    elif isinstance(v, dt.date):
        v = dt.datetime(v.year, v.month, v.day)
    else:  # a period or duration: read, and checked, where it is used
        return True
    return _EARLIEST <= v <= _LATEST


def _drop_runaway_series(cal, source: str, log: ProblemLog, line_of_uid: dict) -> set[str]:
    """Leave out, each as one skipped row with every component of its UID, the events netlib cannot
    expand: series that recur more often than daily or with an interval of 0 (no networking series
    does, and expanding them would never end), a recurrence rule the parser flags as broken
    (``FREQ=INVALID``, ``BYDAY= TU``: icalendar raises on reading it), and a start outside the
    years a time can hold (:func:`_holds`).  Returns their UIDs."""
    bad: dict[str, tuple[str, str]] = {}
    for c in cal.subcomponents:
        if c.name != "VEVENT":
            continue
        uid = str(_prop(c, "UID") or "")
        try:
            start = _prop(c, "DTSTART")
            if start is not None and not _holds(start):
                raw = start.to_ical().decode() if hasattr(start, "to_ical") else str(start)
                bad.setdefault(uid, (raw, "a start outside the years netlib can hold (1677 to 2262): left out"))
                continue
            rule = c.get("RRULE")
            rule = rule[0] if isinstance(rule, list) and rule else rule
            if rule is None:
                continue
            freq = str((rule.get("FREQ") or [""])[0]).upper()
            interval = (rule.get("INTERVAL") or [1])[0]
            text = str(rule.to_ical().decode())
        except _BAD_EVENT as err:  # icalendar's BrokenCalendarProperty (a ValueError) on a rule it could not parse
            bad.setdefault(uid, (str(c.get("RRULE", ""))[:200], f"a recurrence rule netlib cannot read ({str(err)[:120]}): left out"))
            continue
        why = ("a series recurring more often than daily" if freq in ("SECONDLY", "MINUTELY", "HOURLY") else
               "a series with a recurrence interval of 0 or less" if not isinstance(interval, int) or interval <= 0 else None)
        if why:
            bad.setdefault(uid, (text, f"{why}: left out"))
    for uid, (value, problem) in bad.items():
        log.add(source, line_of_uid.get(uid), "RRULE" if "rule" in problem or "series" in problem else "DTSTART", value,
                problem, "skipped row")
    if bad:
        cal.subcomponents[:] = [c for c in cal.subcomponents if c.name != "VEVENT" or str(_prop(c, "UID") or "") not in bad]
    return set(bad)


def _first_per_uid(left_out: list, used: set) -> list:
    """The first left-out occurrence of each event with no kept occurrence."""
    seen, out = set(), []
    for item in left_out:
        if item[0] not in used and item[0] not in seen:
            seen.add(item[0])
            out.append(item)
    return out


def _occurrence(occ, uid, line, utc):
    """One expanded occurrence: its meeting row and its people, or None and the key of
    :data:`NOT_A_MEETING` saying why it is not a networking meeting."""
    if str(_prop(occ, "STATUS") or "").upper() == "CANCELLED":
        return None, "cancelled"
    start = _prop(occ, "DTSTART")
    if not isinstance(start.dt, dt.datetime):
        return None, "all-day"
    if str(_prop(occ, "TRANSP") or "").upper() == "TRANSPARENT":
        return None, "free"
    s = utc(start)
    end = _prop(occ, "DTEND")
    if end is not None:
        e = utc(end)
    elif _prop(occ, "DURATION") is not None:
        e = s + pd.Timedelta(_prop(occ, "DURATION").dt)
    else:
        e = s
    text_blob = " ".join(str(_prop(occ, k) or "") for k in ("LOCATION", "DESCRIPTION", "X-GOOGLE-CONFERENCE", "URL"))
    channel = "video" if _VIDEO.search(text_blob) else "meeting"
    minutes = ((e - s).total_seconds() / 60)
    if pd.isna(s) or pd.isna(e) or minutes < 0:
        raise ValueError("no valid start, or an end before the start")
    if minutes >= 24 * 60:
        return None, "multi-day"
    mid = f"ical:{uid}:{s.isoformat()}"
    row = (mid, s, e, minutes, channel, str(_prop(occ, "SUMMARY") or ""), str(_prop(occ, "LOCATION") or ""), line)
    people = []
    organizer = _prop(occ, "ORGANIZER")
    if organizer is not None:
        em = _email(organizer)
        people.append((mid, em, str(organizer.params.get("CN", em)), line, True, False))
    attendees = occ.get("ATTENDEE", [])
    for a in attendees if isinstance(attendees, list) else [attendees]:
        p = a.params
        if str(p.get("CUTYPE", "INDIVIDUAL")).upper() in ("RESOURCE", "ROOM"):
            continue
        em = _email(a)
        people.append((mid, em, str(p.get("CN", em)), line, False, str(p.get("PARTSTAT", "")).upper() == "DECLINED"))
    return row, people


def _frames(rows, toks, events, used_uids, failed, source, log, hints, line_of_uid, left_out_uids):
    """Meetings and attendee tokens from the occurrences read, with the row accounting."""
    # ``line``: where the occurrence is written (a changed one at its own VEVENT); ``row_line``: the
    # series' (the row read: a series is one row however many of its occurrences were changed)
    m = pd.DataFrame(rows, columns=["meeting_id", "start", "end", "duration_min", "channel", "title", "location", "line", "row_line"])
    m = m.drop_duplicates("meeting_id").assign(audience=np.nan, file=source)
    for col in ("start", "end"):
        m[col] = pd.to_datetime(m[col], utc=True)
    pos = pd.Series(np.arange(len(m)), index=m["meeting_id"])
    t = pd.DataFrame([x[:4] + x[5:] for x in toks], columns=["meeting_id", "token", "name", "line", "declined"])
    # one token per person and meeting; an organizer who also declined as an attendee declined
    t = t[t["meeting_id"].isin(pos.index)].sort_values("declined", ascending=False, kind="stable")
    t = t.drop_duplicates(["meeting_id", "token"]).sort_index()
    t = pd.DataFrame({"mrow": pos.reindex(t["meeting_id"]).to_numpy(), "token": t["token"].to_numpy(),
                      "line": t["line"].to_numpy(), "name": t["name"].to_numpy(),
                      "declined": t["declined"].to_numpy(dtype=bool)}).astype({"token": STR})
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    n_read = len(masters)
    kept_events = sum(1 for e in masters if str(_prop(e, "UID") or "") in used_uids)
    for e in masters:  # events with no occurrence up to the data's end, nor left out, nor failed
        uid = str(_prop(e, "UID") or "")
        if uid not in used_uids and uid not in failed and uid not in left_out_uids:
            log.add(source, line_of_uid.get(uid), "VEVENT", uid, "an event with no occurrence up to the data's end", "skipped row")
    return n_read, kept_events, m, t, hints


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """An iCalendar file's events as meetings (see the module docstring).  A guess icalendar makes
    and only warns of (a vendor's ``TZID`` such as ``/mozilla.org/.../America/New_York`` read as
    ``America/New_York``) is a ``guessed`` problem of the file, once per text."""
    import warnings

    try:
        from icalendar.error import GloballyUniqueTZIDGuessed as guess
    except ImportError:  # pragma: no cover - an older icalendar, which does not guess
        guess = None
    with warnings.catch_warnings(record=True) as caught:
        if guess is not None:
            warnings.simplefilter("always", guess)
        n, _, meetings, tokens, hints, how, shown = read_calendar(inp.text, inp.source, log, opt.tz, inp.mtime)
    for text in dict.fromkeys(str(w.message) for w in caught if guess is not None and issubclass(w.category, guess)):
        log.add(inp.source, None, "TZID", None, text.split(" See RFC")[0], "guessed")
    for w in caught:  # any other warning goes on as it came
        if guess is None or not issubclass(w.category, guess):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return Frames("iCalendar", meetings=meetings, tokens=tokens, rows_read=n, hints=hints, detail=how, exported=shown)
