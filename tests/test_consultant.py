"""A real person's exports, loaded as the README tells a user (one address as --me): the figures
match the planted truth of tests/consultant.py."""

import json

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.cli import main

from . import consultant
from .conftest import DATA

FOLDER = DATA / "consultant"
TRUTH = json.loads((DATA / "consultant_truth.json").read_text())


@pytest.fixture(scope="module")
def net():
    return netlib.load(FOLDER, me=TRUTH["me"]["email"], tz="America/New_York")


def test_the_fixture_is_what_the_generator_writes(tmp_path):
    truth = consultant.write(tmp_path / "consultant")
    assert json.loads(json.dumps(truth)) == TRUTH
    for p in FOLDER.iterdir():
        new = tmp_path / "consultant" / p.name
        if p.suffix == ".zip":  # compressed bytes may differ between zlib versions: compare what is inside
            import zipfile

            with zipfile.ZipFile(p) as a, zipfile.ZipFile(new) as b:
                assert {i.filename: a.read(i) for i in a.infolist()} == {i.filename: b.read(i) for i in b.infolist()}
        else:
            assert new.read_bytes() == p.read_bytes(), p.name


def test_every_file_is_read_and_every_row_accounted_for(net):
    s = net.sources
    assert set(s["format"]) == {"LinkedIn connections", "LinkedIn messages", "iCalendar", "Google contacts (current)"}
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()


def test_the_owner_is_found_whole_from_one_address(net):
    me = net.me
    assert me.name == "Ada Example"
    assert set(me.emails) >= {TRUTH["me"]["email"], TRUTH["me"]["personal"]}  # her own Google card
    assert not net.contacts["name"].str.contains("Ada").any()
    assert not net.contacts["url"].str.contains("ada-example").any()


def test_without_a_google_card_the_owner_still_leaves_no_trace(tmp_path):
    # LinkedIn (messages name Ada by name and profile) and the calendar (her address and CN) only
    net = netlib.load(FOLDER / "Complete_LinkedInDataExport_01-05-2026.zip", FOLDER / "ada@example.org.ics",
                      me="ada@example.org", tz="America/New_York")
    assert net.me.name == "Ada Example" and any("ada-example" in i for i in net.me.ids)
    assert not net.contacts["name"].str.contains("Ada").any()
    assert "Fay Note" in set(net.contacts["name"])  # her only correspondent is not taken for her


def test_inference_does_not_take_the_only_correspondent_for_the_owner():
    net = netlib.load(FOLDER, tz="America/New_York")
    assert net.me.name == "Ada Example" and "Fay Note" in set(net.contacts["name"])


def test_a_me_that_matches_nothing_is_said_and_inference_takes_over(tmp_path, capsys):
    net = netlib.load(FOLDER, me="ada@example.exmaple", tz="America/New_York")
    p = net.problems[net.problems["source"] == "me"]
    assert p["value"].tolist() == ["ada@example.exmaple"] and "inferred instead (Ada Example)" in p["problem"].item()
    assert net.me.name == "Ada Example" and len(net.contacts) == TRUTH["contacts"]
    assert main(["summary", str(FOLDER), "--me", "ada@example.exmaple", "--tz", "America/New_York"]) == 0
    err = capsys.readouterr().err
    assert "--me ada@example.exmaple" in err and "matches no address" in err


def test_one_person_one_contact(net):
    assert len(net.contacts) == TRUTH["contacts"]
    assert net.contacts["inferred"].sum() == 35  # the breakfast people in neither LinkedIn nor Google (pool[25:])
    cal = net.contacts[net.contacts["name"] == "Cal Bare"]
    assert len(cal) == 1 and cal["emails"].item() == "cal@partner.example"  # the address he was invited at
    st = netlib.status(net, as_of=TRUTH["as_of"])
    assert str(st.loc[cal.index[0], "last_met"].date()) == TRUTH["last_met"]["Cal Bare"]
    assert not net.contacts["name"].str.contains("@").any()


def test_one_to_one_meetings_per_person(net):
    mpos, cpos = net.positions()
    one = (net.meetings["mode"].to_numpy() == "one_to_one")[mpos]
    counts = pd.Series(net.contacts["name"].to_numpy()[cpos[one]]).value_counts()
    assert counts.to_dict() == TRUTH["one_to_one"]


def test_networking_hours_are_time_with_other_people(net):
    e = netlib.effort(net)
    assert e.index.tolist() == ["one_to_many", "one_to_one"]  # no "solo": nothing alone is a meeting
    assert e["hours"].to_dict() == pytest.approx(TRUTH["hours"])
    assert len(net.meetings) == TRUTH["meetings"]
    breakfasts = net.meetings[net.meetings["title"] == "NY Founders Breakfast"].sort_values("start")
    assert breakfasts["n_people"].tolist() == TRUTH["breakfast_sizes"] and (breakfasts["mode"] == "one_to_many").all()


def test_what_is_not_a_meeting_is_counted_per_reason(net):
    p = net.problems[net.problems["problem"].str.startswith("not a networking meeting")]
    reason = p["problem"].str.extract(r"not a networking meeting: (an all-day|nobody else|it was cancelled|you declined)")[0]
    got = reason.value_counts().to_dict()
    want = TRUTH["not_meetings"]
    assert got == {"an all-day": want["all-day"], "nobody else": want["nobody else"], "it was cancelled": want["cancelled"],
                   "you declined": want["declined"]}
    # Bea's series is kept: the one week Ada declined is one occurrence left out, not a skipped row
    assert p.loc[p["value"] == "Bea / Ada weekly", "action"].tolist() == ["left out"]
    assert {"Vera Vendor", "Gus Cafe"}.isdisjoint(net.contacts["name"])  # people of what did not happen are no contacts


def test_who_is_warm_overdue_and_cold(net):
    st = netlib.status(net, as_of=TRUTH["as_of"]).set_index("name")
    assert st.loc[list(TRUTH["status"]), "status"].to_dict() == TRUTH["status"]


def test_the_going_cold_list_names_the_overdue_first(net):
    g = netlib.decay.going_cold(net, as_of=TRUTH["as_of"], limit=10)
    assert g["name"].iloc[0] == "Dan Monthly" and g["reason"].iloc[0].startswith("met every month until 4 Aug 2025; silent for 5 months")
    assert "Eve Biweekly" not in set(g["name"])  # cold already: a dormant-or-cold tie, not a reminder
    assert g.attrs["left_out"] == g.attrs["total"] - 10 > 0


def test_dormant_ties_say_why_there_are_none(net):
    d = netlib.dormant_ties(net, as_of=TRUTH["as_of"])
    assert d.empty and "go back 2.0 years" in d.attrs["note"] and "cannot show any" in d.attrs["note"]


def test_a_bare_address_is_never_the_name_when_a_name_is_known(tmp_path):
    ics = (FOLDER / "ada@example.org.ics").read_text()
    # a newcomer invited bare first, then under her name
    block = ("BEGIN:VEVENT\r\nDTSTART:2025060{d}T150000Z\r\nDTEND:2025060{d}T153000Z\r\nDTSTAMP:20260105T150000Z\r\n"
             "ORGANIZER;CN=Ada Example:mailto:ada@example.org\r\nUID:zoe{d}@google.com\r\n"
             "ATTENDEE;PARTSTAT=ACCEPTED;CN={cn}:mailto:zoe@new.example\r\nSUMMARY:Zoe\r\nEND:VEVENT\r\n")
    extra = block.format(d=2, cn="zoe@new.example") + block.format(d=3, cn="Zoe Real") + block.format(d=4, cn="Zoe Real")
    (tmp_path / "cal.ics").write_text(ics.replace("END:VCALENDAR", extra + "END:VCALENDAR"))
    net = netlib.load(tmp_path / "cal.ics", me="ada@example.org")
    assert net.contacts.loc["inferred:zoe@new.example", "name"] == "Zoe Real"


def test_one_listed_attendee_at_an_event_is_not_a_one_to_one():
    c = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"]})
    m = pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2024-01-02T18:00Z", "2024-01-03T18:00Z"], "duration_min": [120, 30],
                      "channel": ["Tech Meetup", "coffee"], "attendees": ["a", "a"]})
    assert netlib.from_frames(c, m).meetings["mode"].tolist() == ["one_to_many", "one_to_one"]


def test_realistic_numbers_hold_in_every_planted_group(net):
    # the weekly tie is warm and its meetings add up: 103 half-hours
    st = netlib.status(net, as_of=TRUTH["as_of"]).set_index("name")
    assert st.loc["Bea Weekly", "meetings"] == TRUTH["one_to_one"]["Bea Weekly"]
    assert np.isclose(st.loc["Bea Weekly", "median_gap_days"], 7)
