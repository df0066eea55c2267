"""Files nobody here wrote (#34): the calendars the peer libraries test themselves with, and CPython's
e-mail test messages, each alone in a folder through ``netlib.load``.

Nothing is copied into this repository: the files are those the project's own dependencies install
(icalendar's and recurring-ical-events' test calendars) and the interpreter's standard library test
package (``test.test_email``).  Each file must load or raise ``DataError`` naming it, within a time
limit, with rows read = rows kept + rows skipped.  For a calendar, the meetings netlib keeps must be
exactly the occurrences an independent ``recurring_ical_events`` expansion of the same file gives
over the same window, after netlib's documented filters (see :func:`_independent`).
"""

from __future__ import annotations

import collections
import datetime as dt
import email.parser
import email.policy
import email.utils
import importlib.util
import re
import shutil
import signal
from pathlib import Path

import pandas as pd
import pytest

import netlib

#: Seconds one file may take to load (the slowest peer file takes well under one).
LIMIT = 30


def _installed(package: str, pattern: str) -> list[Path]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    return sorted(p for root in spec.submodule_search_locations for p in Path(root).glob(pattern))


CALENDARS = _installed("icalendar", "tests/**/*.ics") + _installed("recurring_ical_events", "**/*.ics")
MESSAGES = _installed("test.test_email", "data/msg_*.txt")


def _name(path: Path) -> str:
    return "/".join(path.parts[-3:])


def _load_alone(tmp_path: Path, path: Path, **options):
    """``netlib.load`` of a folder holding only a copy of ``path``: the Network, or the DataError."""

    def too_long(*_):
        raise TimeoutError(f"{_name(path)} took more than {LIMIT} s to load")

    shutil.copy(path, tmp_path / path.name)
    before = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(LIMIT)
    try:
        net = netlib.load(tmp_path, **options)
    except netlib.DataError as err:  # the only exception allowed
        return err
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    s = net.sources
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all(), s
    return net


def test_the_peer_corpora_are_there():
    # the dependencies pinned in pyproject.toml ship their test calendars; if a release stops, this says so
    assert len(CALENDARS) >= 200, f"only {len(CALENDARS)} peer calendars found in icalendar and recurring_ical_events"


def _first(component, name):
    v = component.get(name)
    return v[0] if isinstance(v, list) and v else v


def _utc(value, zone: str) -> pd.Timestamp:
    """A DTSTART or DTEND as UTC by the standard library (not pandas, which netlib uses); a floating
    time in ``zone``, a date at its midnight."""
    import zoneinfo

    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return pd.Timestamp(value.astimezone(dt.timezone.utc))


def _meeting_id(occ, uid: str, zone: str, me: set[str]) -> str | None:
    """netlib's id for an occurrence that netlib's documented filters keep, else None: not cancelled,
    not all-day, not marked free, not a day or longer nor ending before its start, with someone
    besides the owner who did not decline (rooms are not people), and not declined by the owner."""
    start = _first(occ, "DTSTART").dt
    if not isinstance(start, dt.datetime) or str(_first(occ, "STATUS") or "").upper() == "CANCELLED":
        return None
    if str(_first(occ, "TRANSP") or "").upper() == "TRANSPARENT":
        return None
    s, end, length = _utc(start, zone), _first(occ, "DTEND"), _first(occ, "DURATION")
    e = _utc(end.dt, zone) if end is not None else s + pd.Timedelta(length.dt) if length is not None else s
    if e < s or e - s >= pd.Timedelta(days=1):
        return None
    people = []
    organizer = _first(occ, "ORGANIZER")
    if organizer is not None:
        people.append((str(organizer).lower().removeprefix("mailto:").strip(), False))
    attendees = occ.get("ATTENDEE", [])
    for a in attendees if isinstance(attendees, list) else [attendees]:
        if str(a.params.get("CUTYPE", "INDIVIDUAL")).upper() not in ("RESOURCE", "ROOM"):
            people.append((str(a).lower().removeprefix("mailto:").strip(), str(a.params.get("PARTSTAT", "")).upper() == "DECLINED"))
    if any(p in me and declined for p, declined in people) or not any(p not in me and not declined for p, declined in people):
        return None
    return f"ical:{uid}:{s.isoformat()}"


def _independent(data: bytes, net, horizon: pd.Timestamp) -> tuple[set[str], set[str]]:
    """(the meeting ids an independent expansion keeps, the UIDs it cannot expand).  The events
    netlib leaves out before expanding (:func:`_expandable`) are taken out; the rest expanded by
    recurring_ical_events from 1678 (the first year a time can hold) to a day after netlib's export
    moment, the whole calendar at once or, when that fails, event by event; at most
    ``MAX_OCCURRENCES`` occurrences of a series."""
    import icalendar
    import recurring_ical_events

    from netlib.io.ical import MAX_OCCURRENCES

    cal, *more = icalendar.Calendar.from_ical(data, multiple=True)  # several VCALENDARs: read as one, as netlib does
    for other in more:
        cal.subcomponents.extend(other.subcomponents)
    zone = str(_first(cal, "X-WR-TIMEZONE") or "UTC")
    window = (dt.datetime(1678, 1, 1), (horizon + pd.Timedelta(days=1)).to_pydatetime())
    left_out = {str(_first(e, "UID") or "") for e in cal.walk("VEVENT") if not _expandable(e)}
    cal.subcomponents[:] = [c for c in cal.subcomponents if c.name != "VEVENT" or str(_first(c, "UID") or "") not in left_out]
    try:
        occurrences, broken = list(recurring_ical_events.of(cal).between(*window)), set()
    except Exception:  # the peer library's own failure: one event at a time, as netlib does
        occurrences, broken = [], set()
        zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        by_uid = collections.defaultdict(list)
        for e in cal.walk("VEVENT"):
            by_uid[str(_first(e, "UID") or "")].append(e)  # events without a UID: one group, as one broken event
        for uid, comps in by_uid.items():
            one = icalendar.Calendar()
            for c in (*zones, *comps):
                one.add_component(c)
            try:
                occurrences += list(recurring_ical_events.of(one).between(*window))
            except Exception:
                broken.add(uid)
    me, seen, kept = {e.lower() for e in net.me.emails}, collections.Counter(), set()
    for occ in occurrences:
        uid = str(_first(occ, "UID") or "")
        seen[uid] += 1
        mid = _meeting_id(occ, uid, zone, me) if seen[uid] <= MAX_OCCURRENCES else None
        if mid is not None:
            kept.add(mid)
    return kept, broken


@pytest.mark.parametrize("path", CALENDARS, ids=_name)
def test_a_peer_calendar_alone_keeps_what_an_independent_expansion_keeps(tmp_path, path):
    net = _load_alone(tmp_path, path)
    if isinstance(net, netlib.DataError):
        # not a calendar netlib reads (a lone VEVENT, VALARM or VTIMEZONE: no BEGIN:VCALENDAR), not one
        # icalendar can parse, or one without a networking meeting: each said about this very file
        assert str(tmp_path) in str(net), net
        return
    horizon = pd.Timestamp(re.search(r"up to (\S+ \S+) UTC", net.sources["detail"].item()).group(1), tz="UTC")
    want, broken = _independent(path.read_bytes(), net, horizon)
    got = set(net.meetings.index)
    # an event the peer library cannot expand either is a skipped row in netlib (named by its UID), never a meeting
    skipped = net.problems[net.problems["action"] == "skipped row"]
    assert broken - {""} <= set(skipped["value"].astype(str)), broken
    assert "" not in broken or skipped["problem"].str.contains("cannot read").any()  # no UID: said all the same
    assert got == want, (sorted(got - want)[:3], sorted(want - got)[:3])


def _expandable(event) -> bool:
    """netlib's documented checks before expanding: no series more often than daily or with an
    interval below 1, no recurrence rule icalendar flags as broken, no start outside 1677-2262."""
    try:
        start = _first(event, "DTSTART")
        if start is not None and not 1678 <= start.dt.year <= 2261:  # a time holds 1677-09 to 2262-04
            return False
        rule = _first(event, "RRULE")
        if rule is None:
            return True
        freq, interval = str((rule.get("FREQ") or [""])[0]).upper(), (rule.get("INTERVAL") or [1])[0]
    except (ValueError, TypeError, AttributeError, KeyError, LookupError, OverflowError):
        return False
    return freq not in ("SECONDLY", "MINUTELY", "HOURLY") and isinstance(interval, int) and interval >= 1


@pytest.mark.skipif(not MESSAGES, reason="this interpreter has no test.test_email package (a distribution that strips "
                    "the standard library's tests); the calendars above still run")
@pytest.mark.parametrize("path", MESSAGES, ids=_name)
def test_a_python_test_message_alone_loads_and_invents_no_address(tmp_path, path):
    net = _load_alone(tmp_path, path, email_one_way=True)
    if isinstance(net, netlib.DataError):
        assert str(tmp_path) in str(net), net
        return
    message = email.parser.BytesParser(policy=email.policy.compat32).parse(path.open("rb"), headersonly=True)
    written = {a.lower() for _, a in email.utils.getaddresses([str(v) for k in ("From", "To", "Cc", "Bcc")
                                                               for v in message.get_all(k, [])]) if "@" in a}
    found = {e for emails in net.contacts["emails"] for e in emails.split(";") if e}
    assert found <= written, found - written
