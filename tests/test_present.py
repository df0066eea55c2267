"""Tables and sentences as a reader sees them: labels, rounding, local dates, no NaN, no paths."""

import base64
import re

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib import present
from netlib.model import Me


def test_show_labels_rounds_dates_in_the_users_zone_and_dashes_what_is_missing():
    df = pd.DataFrame({"mode": ["one_to_many", "one_to_one"], "people_per_hour": [1.69444, np.nan], "people": [1200.0, 5.0],
                       "segment_share": [0.0513, 0.004], "first_meeting": pd.to_datetime(["2024-12-02T14:00Z", "2024-07-01T13:00Z"]),
                       "connected_on": pd.to_datetime(["2024-03-04", "2024-03-05"]).tz_localize("UTC")})
    s = present.show(df, tz="America/New_York")
    assert s.shown.columns.tolist() == ["mode", "people per hour", "people", "share", "first meeting", "connected on"]
    assert s.shown.to_numpy().tolist() == [
        ["one-to-many", "1.69", "1,200", "5%", "2 Dec 2024, 09:00", "4 Mar 2024"],  # 14:00 UTC is 09:00 in New York (EST)
        ["one-to-one", "\u2013", "5", "<1%", "1 Jul 2024, 09:00", "5 Mar 2024"],  # EDT; a calendar date stays its day
    ]
    assert "\u2013 no value" in s.html and "NaN" not in s.html


@pytest.mark.parametrize("x, text", [(0.051123, "0.05"), (12.345, "12.3"), (5.11e-5, "<0.01"), (123456.7, "123,457"), (2.0, "2")])
def test_numbers_never_in_scientific_notation(x, text):
    assert present.show(pd.DataFrame({"v": [x]})).shown.iloc[0, 0] == text


def test_a_long_table_shows_its_top_and_carries_the_rest_as_csv():
    df = pd.DataFrame({"name": [f"P{i}" for i in range(40)], "score": np.arange(40.0)})
    df.loc[3, "name"] = "=HYPERLINK(1)"
    s = present.show(df, max_rows=10, name="people")
    assert len(s.shown) == 10 and "and 30 more" in s.html and 'download="people.csv"' in s.html
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", s.html).group(1)
    back = pd.read_csv(__import__("io").StringIO(base64.b64decode(data).decode()))
    assert len(back) == 40 and back.loc[3, "name"] == "'=HYPERLINK(1)"  # safe to open in a spreadsheet


def test_file_names_are_shown_relative_to_the_folder_given():
    files = ["/home/ann/exports/contacts.csv", "/home/ann/exports/Basic_LinkedInDataExport.zip/Connections.csv"]
    df = pd.DataFrame({"source": files, "problem": ["duplicate id: already loaded from [/home/ann/exports/contacts.csv] line 3", "x"]})
    shown = present.show(df, files=files).shown
    assert shown["source"].tolist() == ["contacts.csv", "Basic_LinkedInDataExport.zip/Connections.csv"]
    assert shown["problem"].iloc[0] == "duplicate id: already loaded from [contacts.csv] line 3"
    assert present.relative_files(["C:\\Users\\ann\\x.csv", "C:\\Users\\ann\\c\\y.ics"]) == "C:\\Users\\ann\\"  # on any platform


def test_the_owner_and_problems_in_words():
    assert present.who(Me("Ada", ("ada@example.org",), (), "given", 3)) == (
        "You are Ada (ada@example.org). You were taken out of 3 attendee lists: you are never one of your own contacts.")
    p = pd.DataFrame({"action": ["guessed"] * 3 + ["cleared"],
                      "problem": [f"matched on the display name alone to contact [{n}] (in {k} meetings)" for n, k in
                                  (("a", 3), ("b", 12), ("c", 1))] + ["not an e-mail address: the value was cleared"]})
    counts = present.problem_counts(p)
    assert counts.tolist() == [3, 1]
    assert counts.index[0] == ("guessed", "matched on the display name alone to contact … (in 1 to 12 meetings)")


def test_next_steps_as_csv_and_calendar_reminders_invite_nobody():
    steps = netlib.next_steps(netlib.load_sample(), contact=4, revive=2)
    ics = present.next_steps_ics(steps, day="2026-12-07")
    import icalendar

    events = list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert len(events) == len(steps) and not any("ATTENDEE" in e or "ORGANIZER" in e for e in events)
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in events)
    on = {str(e["SUMMARY"]).split(" with ", 1)[1]: e.decoded("DTSTART").isoformat() for e in events}
    for name, action in zip(steps["name"], steps["action"], strict=True):
        assert on[name] == ("2026-12-14" if action == "revive" else "2026-12-07")
    csv = pd.read_csv(__import__("io").StringIO(present.next_steps_csv(steps)))
    assert csv["name"].tolist() == steps["name"].tolist() and "reason" in csv


def test_every_chart_says_what_it_shows():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    net = netlib.load_sample()
    fig, ax = plt.subplots()
    netlib.plots.plot_segment_share(netlib.right_people(net), segment_label="carrying the tag", ax=ax)
    text = present.describe(fig)
    assert text.startswith("Chart: How much of your reach is the right people.") and "Categories: " in text
    assert all(t in text for t in netlib.right_people(net).index)
    plt.close(fig)
    fig, ax = plt.subplots()
    netlib.plots.plot_segment_share(netlib.right_people(net, "nobody-has-this"), segment_label="tagged 'x'", ax=ax)
    assert "Nobody you met is tagged 'x'." in present.describe(fig)  # not 0% bars on a 0-5% axis
    plt.close(fig)


def test_a_huge_table_keeps_the_page_small(monkeypatch):
    monkeypatch.setattr(present, "MAX_DOWNLOAD_ROWS", 100)
    s = present.show(pd.DataFrame({"v": np.arange(1000)}), max_rows=5)
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", s.html).group(1)
    assert len(base64.b64decode(data).decode().splitlines()) == 101 and "the first 100 of 1,000 rows" in s.html


def test_a_line_number_is_no_quantity():
    shown = present.show(pd.DataFrame({"line": [2225, 7], "rows": [2225, 7]})).shown
    assert shown.to_numpy().tolist() == [["2225", "2,225"], ["7", "7"]]


def test_an_empty_table_says_what_it_is_told():
    empty = pd.DataFrame({"name": pd.Series(dtype=object)})
    assert "(no rows)" in present.show(empty).html
    assert "(no rows)" not in present.show(empty, empty="").html
    assert "Nothing was left out." in present.show(empty, empty="Nothing was left out.").html


def test_counts_are_worded_for_one_and_for_many():
    assert [present.plural(n, "problem") for n in (0, 1, 2, 1.0, 12345)] == ["0 problems", "1 problem", "2 problems", "1 problem",
                                                                           "12,345 problems"]
    assert present.plural(1, "entry", "entries") == "1 entry" and present.plural(3, "entry", "entries") == "3 entries"
    assert "taken out of 1 attendee list:" in present.who(Me("Ada", ("ada@example.org",), (), "given", 1))
    shown = present.show(pd.DataFrame({"gap": pd.to_timedelta([1, 2, 400], unit="D")})).shown["gap"].tolist()
    assert shown == ["1 day", "2 days", "400 days"]
    steps = netlib.next_steps(netlib.load_sample(), contact=1, revive=0)
    assert "1 reminder from" in present.downloads(steps, day="2026-12-07").html
    net = netlib.from_frames(
        pd.DataFrame({"contact_id": ["c1", "c2"], "name": ["Ann", "Bo"], "email": ["ann@acme.example", "bo@other.example"]}),
        pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2024-03-01T10:00Z", "2024-03-02T10:00Z"],
                      "end": ["2024-03-01T11:00Z", "2024-03-02T11:00Z"], "attendees": ["c1", "c2"]}), me="me@acme.example")
    assert "1 contact is a colleague (an address there). 1 meeting with colleagues only took" in present.organisation(net)
