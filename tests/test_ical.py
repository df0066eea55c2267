"""iCalendar: UTC, TZID and all-day times, recurrences across a DST change, rooms, declines, cancellations."""

import pandas as pd
import pytest

import netlib

from .conftest import DATA

ICS = DATA / "exports" / "calendar.ics"


def test_events_times_and_recurrence():
    net = netlib.load(ICS)
    m = net.meetings.sort_values("start")
    weekly = m[m["title"].str.startswith("1:1 Pat / Eli")]
    # weekly Tuesday 08:30 London from 5 March, 19 March excluded, 9 April moved to 10:00, until 16 April;
    # the clocks go forward on 31 March, so 08:30 local is 08:30 UTC before and 07:30 UTC after
    assert weekly["start"].dt.strftime("%m-%d %H:%M").tolist() == [
        "03-05 08:30", "03-12 08:30", "03-26 08:30", "04-02 07:30", "04-09 09:00", "04-16 07:30"]
    assert (weekly["duration_min"] == 30).all() and (weekly["mode"] == "one_to_one").all()
    sync = m[m["title"] == "Quarterly partner sync"].iloc[0]
    assert sync["start"] == pd.Timestamp("2024-03-04T10:00Z") and sync["channel"] == "video"


def test_people_rooms_declines_and_owner():
    net = netlib.load(ICS)
    sync = net.meetings.index[net.meetings["title"] == "Quarterly partner sync"][0]
    people = net.attendance.loc[net.attendance["meeting_id"] == sync, "contact_id"].tolist()
    assert people == ["inferred:bram@example.net"]  # not the room, not Dana who declined, not the owner
    assert net.me.emails == ("pat@example.org",) and net.me.name == "Pat Owner"
    assert net.contacts.loc["inferred:eli@example.org", "name"] == "Eli Sample"  # from CN


def test_all_day_and_cancelled_are_left_out_and_recorded():
    # networking time is time with other people: an all-day conference adds no hours (it once added 24)
    net = netlib.load(ICS)
    assert not net.meetings["title"].eq("Example Conf").any()
    p = net.problems[net.problems["action"] == "skipped row"].set_index("value")
    assert p.loc["Example Conf", "line"] == 71 and "an all-day event" in p.loc["Example Conf", "problem"]
    assert p["problem"].str.contains("not a networking meeting: it was cancelled").sum() == 1
    assert net.sources[["rows_read", "rows_kept", "rows_skipped"]].values.tolist() == [[4, 2, 2]]
    assert net.summary()["hours"] == round(net.meetings["duration_min"].sum() / 60, 1) < 24


def test_the_owner_from_the_calendar_name_and_file_name(tmp_path):
    # an export whose events list nobody in most entries still names its owner: X-WR-CALNAME and the file name
    text = ICS.read_text().replace("X-WR-CALNAME", "X-WR-CALNAME-OLD")
    (tmp_path / "pat@example.org.ics").write_text(text)
    from netlib.io import Options, read_file
    from netlib.model import ProblemLog

    frames = read_file((tmp_path / "pat@example.org.ics").read_bytes(), str(tmp_path / "pat@example.org.ics"), ProblemLog(), Options())
    assert "pat@example.org" in frames.hints


def test_a_time_zone_that_repeats_its_tzid_is_a_data_error_not_a_crash(tmp_path):
    # found by the fuzz test: icalendar raised AttributeError ('list' object has no attribute 'strip')
    text = ICS.read_text(encoding="utf-8")
    assert "TZID:Europe/London\r\n" in text or "TZID:Europe/London\n" in text
    broken = tmp_path / "calendar.ics"
    broken.write_text(text.replace("TZID:Europe/London", "TZID:Europe/London\r\nTZID:Europe/London", 1), encoding="utf-8", newline="")
    with pytest.raises(netlib.DataError, match="not a readable iCalendar file.*AttributeError.*TZID"):
        netlib.load(broken)
