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


def _ics(*events: str, prodid: str = "-//t//EN", method: str = "") -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n{method}{body}END:VCALENDAR\r\n"


def _event(uid: str, start: str, extra: str = "", stamp: str = "20240601T000000Z") -> str:
    return (f"UID:{uid}\r\nDTSTAMP:{stamp}\r\nDTSTART:{start}\r\nDURATION:PT30M\r\nSUMMARY:{uid}\r\n"
            f"ORGANIZER;CN=Pat:mailto:pat@x.example\r\nATTENDEE;CN=Bo:mailto:bo@x.example{extra}")


def _load_ics(tmp_path, text: str, mtime: str | None = None):
    import os

    path = tmp_path / "c.ics"
    path.write_text(text, newline="")
    if mtime is not None:
        t = pd.Timestamp(mtime, tz="UTC").timestamp()
        os.utime(path, (t, t))
    net = netlib.load(tmp_path)
    s = net.sources
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()
    return net


GOOD = _event("good", "20240103T100000Z")


@pytest.mark.parametrize("rule", ["FREQ=INVALID;COUNT=3", "FREQ=WEEKLY;BYDAY= TU;COUNT=3"])
def test_a_recurrence_rule_the_parser_flags_broken_is_one_skipped_event(tmp_path, rule):
    net = _load_ics(tmp_path, _ics(_event("bad", "20240102T100000Z", f"\r\nRRULE:{rule}"), GOOD))
    assert net.meetings["title"].tolist() == ["good"]
    p = net.problems[net.problems["action"] == "skipped row"]
    assert len(p) == 1 and p["problem"].iloc[0].startswith("a recurrence rule netlib cannot read") and p["line"].iloc[0] == 4


@pytest.mark.parametrize("start", ["00010102T100000Z", "99991231T100000Z"])
@pytest.mark.parametrize("rule", ["", "\r\nRRULE:FREQ=DAILY"])
def test_a_start_in_year_1_or_9999_is_one_skipped_event(tmp_path, start, rule):
    net = _load_ics(tmp_path, _ics(_event("bad", start, rule), GOOD))
    assert net.meetings["title"].tolist() == ["good"]
    p = net.problems[net.problems["action"] == "skipped row"]
    assert len(p) == 1 and "outside the years" in p["problem"].iloc[0]


# the export's moment: where series are cut (#34)

WEEKLY = "\r\nRRULE:FREQ=WEEKLY"  # every Tuesday from 2 January 2024, no end


def _weekly_until(net) -> pd.Timestamp:
    return net.meetings.loc[net.meetings["title"] == "series", "start"].max()


def test_google_writes_the_export_time_into_every_dtstamp(tmp_path):
    text = _ics(_event("series", "20240102T100000Z", WEEKLY, stamp="20240401T090000Z"), _event("one", "20240110T100000Z", stamp="20240401T090000Z"),
                prodid="-//Google Inc//Google Calendar 70.9054//EN", method="METHOD:PUBLISH\r\n")
    net = _load_ics(tmp_path, text, mtime="2026-01-01")  # copied long after: the file's time is not the export's
    assert _weekly_until(net) == pd.Timestamp("2024-03-26 10:00", tz="UTC")
    assert net.sources["detail"].item().startswith("series expanded up to 2024-04-01 09:00 UTC: the export's time")
    assert not (net.problems["action"] == "guessed").any()


def test_apple_writes_the_last_change_so_the_newest_witness_ends_the_series(tmp_path):
    # a series last edited in March, another event changed in June, the file written on 1 July
    text = _ics(_event("series", "20240102T100000Z", WEEKLY + "\r\nLAST-MODIFIED:20240305T080000Z", stamp="20240305T080000Z"),
                _event("one", "20240110T100000Z", "\r\nLAST-MODIFIED:20240610T080000Z", stamp="20240610T080000Z"),
                prodid="-//Apple Inc.//macOS 14.5//EN")
    net = _load_ics(tmp_path, text, mtime="2024-07-01 12:00")
    assert _weekly_until(net) == pd.Timestamp("2024-06-25 10:00", tz="UTC")  # the last week before the moment (1 July, 12:00)
    detail = net.sources["detail"].item()
    assert detail.startswith("series expanded up to 2024-07-01 12:00 UTC") and "Apple" in detail and "modification time" in detail
    guess = net.problems[net.problems["action"] == "guessed"]
    assert guess["column"].tolist() == ["DTSTAMP"] and "not written in the calendar" in guess["problem"].iloc[0]
    # an Apple calendar imported in one go carries one DTSTAMP everywhere: still the time of a change, not of the export
    same = text.replace("DTSTAMP:20240610T080000Z", "DTSTAMP:20240305T080000Z")
    assert _weekly_until(_load_ics(tmp_path, same, mtime="2024-07-01 12:00")) == pd.Timestamp("2024-06-25 10:00", tz="UTC")


def test_outlook_and_unknown_producers_by_their_stamps(tmp_path):
    outlook = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
    equal = _ics(_event("series", "20240102T100000Z", WEEKLY, stamp="20240501T070000Z"), _event("one", "20240110T100000Z", stamp="20240501T070000Z"),
                 prodid=outlook, method="METHOD:PUBLISH\r\n")
    net = _load_ics(tmp_path, equal, mtime="2025-01-01")
    assert _weekly_until(net) == pd.Timestamp("2024-04-30 10:00", tz="UTC")
    assert "every event carries the same DTSTAMP" in net.sources["detail"].item()
    # one event: its stamp proves nothing; the newest witness is the file's time
    alone = _ics(_event("series", "20240102T100000Z", WEEKLY + "\r\nLAST-MODIFIED:20240201T000000Z", stamp="20240201T000000Z"), prodid=outlook)
    net = _load_ics(tmp_path, alone, mtime="2024-03-01")
    assert _weekly_until(net) == pd.Timestamp("2024-02-27 10:00", tz="UTC")
    assert (net.problems["action"] == "guessed").sum() == 1
    # never past today, whatever the witnesses say
    future = alone.replace("LAST-MODIFIED:20240201T000000Z", "LAST-MODIFIED:90000101T000000Z")
    assert _weekly_until(_load_ics(tmp_path, future, mtime="2024-03-01")) == pd.Timestamp("2024-02-27 10:00", tz="UTC")


def test_the_export_moment_the_content_shows_is_kept_and_never_the_files_time(tmp_path):
    # the moment the figures are measured at by default comes from what the file says, never from
    # its modification time (a copy, an unzip or a backup changes that)
    google = _ics(_event("one", "20240110T100000Z", stamp="20240619T090000Z"), prodid="-//Google Inc//Google Calendar 70.9054//EN")
    net = _load_ics(tmp_path, google, mtime="2026-01-01")
    assert net.sources["exported"].item() == pd.Timestamp("2024-06-19 09:00", tz="UTC")
    assert netlib._facts.as_of(net) == pd.Timestamp("2024-06-19 09:00", tz="UTC")  # five months of silence after the meeting
    # Apple: each DTSTAMP is a change; the file was written after the newest change it records
    apple = _ics(_event("a", "20240102T100000Z", "\r\nLAST-MODIFIED:20240305T080000Z", stamp="20240305T080000Z"),
                 _event("b", "20240110T100000Z", stamp="20240410T080000Z"), prodid="-//Apple Inc.//macOS 14.5//EN")
    net = _load_ics(tmp_path, apple, mtime="2026-01-01")
    assert net.sources["exported"].item() == pd.Timestamp("2024-04-10 08:00", tz="UTC")
    # no stamp at all: nothing shown beyond the meetings, and the figures' moment is the last meeting
    bare = _ics("UID:x\r\nDTSTART:20240110T100000Z\r\nDURATION:PT30M\r\nSUMMARY:x\r\nATTENDEE;CN=Bo:mailto:bo@x.example")
    net = _load_ics(tmp_path, bare, mtime="2026-01-01")
    assert net.sources["exported"].isna().all() and netlib._facts.as_of(net) == pd.Timestamp("2024-01-10 10:00", tz="UTC")


def test_a_vendor_tzid_icalendar_guesses_is_a_guessed_problem(tmp_path):
    # Thunderbird and Evolution prefix zone names; icalendar strips the prefix and only warns
    text = _ics(_event("a", "20240102T100000Z").replace("DTSTART:20240102T100000Z",
                                                        "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20240102T100000"))
    net = _load_ics(tmp_path, text)
    assert net.meetings["start"].item() == pd.Timestamp("2024-01-02 09:00", tz="UTC")  # 10:00 in Berlin
    guess = net.problems[(net.problems["action"] == "guessed") & (net.problems["column"] == "TZID")]
    assert len(guess) == 1 and "Europe/Berlin" in guess["problem"].item()


def test_a_file_of_several_calendars_is_read_as_one(tmp_path):
    # Outlook can write several VCALENDARs in one file; so can files joined by hand
    one = _ics(_event("a", "20240102T100000Z"), GOOD)
    two = _ics(_event("b", "20240104T100000Z"))
    net = _load_ics(tmp_path, one + two)
    assert sorted(net.meetings["title"]) == ["a", "b", "good"] and net.sources["rows_read"].item() == 3


def test_a_series_never_runs_past_the_exports_moment(tmp_path):
    # #27: the window reached a day past the export (DTSTAMP, Google's), and the next morning's
    # weekly meeting was counted: one meeting too many, and the data's end the day after the export
    ev = ("BEGIN:VEVENT\r\nUID:weekly@google.com\r\nDTSTAMP:20240310T180000Z\r\nDTSTART:20240108T100000Z\r\n"
          "DTEND:20240108T103000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Coffee\r\nORGANIZER;CN=Me:mailto:me@x.example\r\n"
          "ATTENDEE;CN=Bo:mailto:bo@x.example\r\nEND:VEVENT\r\n")
    text = ("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n" + ev
            + "END:VCALENDAR\r\n")
    (tmp_path / "cal.ics").write_text(text)
    net = netlib.load(tmp_path / "cal.ics", me="me@x.example")
    assert len(net.meetings) == 9  # 8 Jan to 4 Mar; 11 Mar comes after the export on the evening of 10 Mar
    assert net.meetings["start"].max() == pd.Timestamp("2024-03-04T10:00Z")



@pytest.mark.parametrize("cap,count,said", [(0, 1, "a series with 1 occurrence up to"), (2, 3, "a series with 3 occurrences up to")])
def test_a_series_cut_counts_its_occurrences_in_words(tmp_path, monkeypatch, cap, count, said):
    # #31: "1 occurrence", "3 occurrences" (the cap is 5,000; patched so that a small series reaches it)
    from netlib.io import Options, read_file
    from netlib.model import ProblemLog

    monkeypatch.setattr("netlib.io.ical.MAX_OCCURRENCES", cap)
    log = ProblemLog()
    text = _ics(_event("series", "20240102T100000Z", f"\r\nRRULE:FREQ=WEEKLY;COUNT={count}"))
    try:
        read_file(text.encode(), str(tmp_path / "c.ics"), log, Options())
    except netlib.DataError as err:  # a cap of 0 leaves the file no row: "its one row was skipped"
        assert cap == 0 and "no usable row: its one row was skipped: line 4" in str(err)
    cut = log.frame()
    cut = cut.loc[cut["action"] == "left out", "problem"]
    assert len(cut) == 1 and cut.item().startswith(said) and f"the first {cap} were kept" in cut.item()


def test_a_cancelled_or_declined_occurrence_is_reported_at_its_own_lines(tmp_path):
    # a weekly series (line 4), its 9 January cancelled (line 14) and its 16 January declined (line 24):
    # each left out at its own BEGIN:VEVENT, not at the series' nor at the file's last event of that UID
    series = _event("w", "20240102T100000Z", "\r\nATTENDEE;CN=Me:mailto:me@x.example\r\nRRULE:FREQ=WEEKLY;COUNT=4")
    cancelled = _event("w", "20240109T100000Z", "\r\nRECURRENCE-ID:20240109T100000Z\r\nSTATUS:CANCELLED")
    declined = _event("w", "20240116T100000Z", "\r\nRECURRENCE-ID:20240116T100000Z\r\nATTENDEE;PARTSTAT=DECLINED;CN=Me:mailto:me@x.example")
    text = _ics(series, cancelled, declined)
    begins = [i + 1 for i, ln in enumerate(text.split("\r\n")) if ln == "BEGIN:VEVENT"]
    (tmp_path / "c.ics").write_text(text, newline="")
    net = netlib.load(tmp_path / "c.ics", me="me@x.example")
    p = net.problems.set_index("problem")["line"]
    assert p[p.index.str.contains("cancelled")].tolist() == [begins[1]]
    assert p[p.index.str.contains("declined")].tolist() == [begins[2]]
    assert len(net.meetings) == 2  # 2 and 23 January
