"""The model: DataError messages, modes, default durations, the problem log."""

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.model import DataError, ProblemLog, compute_mode, default_duration


def test_data_error_names_everything():
    e = DataError("start is not a date-time", source="m.csv", line=7, column="start", value="soon",
                  expected="an ISO 8601 date-time", fix="Write 2024-03-04T10:00")
    assert str(e) == ("m.csv, line 7, column 'start': start is not a date-time: got 'soon', "
                      "expected an ISO 8601 date-time. Write 2024-03-04T10:00")
    assert isinstance(e, ValueError)
    assert (e.source, e.line, e.column, e.value) == ("m.csv", 7, "start", "soon")


def test_modes():
    n = pd.Series([0, 1, 2, 1, 0])
    aud = pd.Series([None, None, None, 50, 0])
    assert compute_mode(n, aud).tolist() == ["solo", "one_to_one", "one_to_many", "one_to_many", "solo"]


def test_default_duration_by_channel():
    got = default_duration(pd.Series(["Coffee", "breakfast club", "Friday breakfast", "webinar", "", None, "zoo"]))
    assert got.tolist() == [45, 90, 60, 60, 60, 60, 60]


def test_problem_log_strict_raises_first_problem():
    log = ProblemLog(strict=True)
    rows = pd.DataFrame({"source": ["f.csv"], "line": [4], "column": ["start"], "value": ["x"]})
    with pytest.raises(DataError, match="f.csv, line 4, column 'start': bad start: got 'x'"):
        log.add_frame(rows, "bad start", "skipped row")


def test_problem_log_collects_in_order():
    log = ProblemLog()
    log.add("a.csv", 2, "x", 1, "p1", "cleared")
    log.add_frame(pd.DataFrame({"source": ["b.csv"] * 2, "line": [3, 4], "column": "y", "value": ["u", "v"]}),
                  pd.Series(["p2", "p3"], index=[10, 11]), "skipped row")
    f = log.frame()
    assert f["problem"].tolist() == ["p1", "p2", "p3"]
    assert f.columns.tolist() == ["source", "line", "column", "value", "problem", "action"]


def test_summary_counts(sample):
    s = sample.summary()
    m = sample.meetings
    assert s["meetings_one_to_one"] + s["meetings_one_to_many"] + s["meetings_solo"] == len(m)
    assert s["hours"] == round(m["duration_min"].sum() / 60, 1)


def test_attendance_is_made_on_first_use_and_keeps_the_positions(tmp_path):
    import netlib

    net = netlib.load(netlib.datasets.sample_path())
    mpos, cpos = net.positions()
    netlib.tie_strength(net), netlib.effort(net), netlib.reach(net)
    assert net.__dict__["_attendance"] is None  # the analyses work on positions alone
    assert repr(net).count(f"{len(mpos)} attendances") == 1
    att = net.attendance
    assert att["meeting_id"].tolist() == net.meetings.index[mpos].tolist()
    assert att["contact_id"].tolist() == net.contacts.index[cpos].tolist()
    assert net.positions()[0] is mpos  # still the same arrays: nothing recomputed
    assert net.attendance is att
    fewer = net.replace(attendance=att.iloc[:10].copy())  # a replaced table: positions follow it
    assert len(fewer.positions()[0]) == 10 and len(net.positions()[0]) == len(mpos)
    with pytest.raises(netlib.model.ReadOnlyError, match=r"net.replace\(attendance="):
        net.attendance = None


def test_mode_codes_known_at_load_equal_a_fresh_factorize():
    import netlib
    from netlib.model import compute_mode

    net = netlib.load(netlib.datasets.sample_path())
    seeded = net._facts["codes:mode"][1]
    assert net.codes("mode") is seeded  # seeded by load, not computed below
    codes, labels = net.codes("mode")
    fresh_codes, fresh_labels = pd.factorize(net.meetings["mode"])
    assert codes.tolist() == fresh_codes.tolist() and labels.tolist() == fresh_labels.tolist()
    assert net.meetings["mode"].tolist() == compute_mode(net.meetings["n_people"], net.meetings["audience"], net.meetings["channel"]).tolist()
    net = net.replace(meetings=net.meetings.iloc[::-1])  # a replaced table: the codes follow it
    assert net.codes("mode")[0].tolist() == pd.factorize(net.meetings["mode"])[0].tolist()

    net._seed_codes("mode", np.array([2, 0, 2, 1] + [1] * (len(net.meetings) - 4)), ["solo", "one_to_one", "one_to_many"])
    codes, labels = net.codes("mode")
    assert codes[:4].tolist() == [0, 1, 0, 2] and labels.tolist() == ["one_to_many", "solo", "one_to_one"]


def test_a_networks_tables_cannot_be_edited_in_place_and_replace_recomputes():
    # #29: the cache found in-place edits by a checksum: two values swapped in place served the old first
    # meeting (2024-01-01 where the data said 2024-03-01). The tables are read-only now; replace() recomputes
    import netlib

    net = netlib.from_frames(
        pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Bo"]}),
        pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2024-01-01T10:00Z", "2024-03-01T10:00Z"], "duration_min": [30, 30],
                      "attendees": ["a", "b"]}))
    assert netlib.first_met(net).loc["a", "first_met"] == pd.Timestamp("2024-01-01T10:00Z")
    starts = net.meetings["start"]
    with pytest.raises(netlib.model.ReadOnlyError, match=r"net.replace\(meetings="):  # the swap that once went unseen
        net.meetings.loc[["m1", "m2"], "start"] = starts.iloc[::-1].to_numpy()
    with pytest.raises(netlib.model.ReadOnlyError):
        net.meetings["start"] = starts.iloc[::-1].to_numpy()
    with pytest.raises(netlib.model.ReadOnlyError):
        net.meetings = net.meetings.copy()
    with pytest.raises(ValueError, match="read-only"):  # a view of the values: numpy refuses the write
        net.meetings["duration_min"].to_numpy()[0] = 0.0
    swapped = net.replace(meetings=net.meetings.assign(start=starts.iloc[::-1].to_numpy()))
    assert netlib.first_met(swapped).loc["a", "first_met"] == pd.Timestamp("2024-03-01T10:00Z")  # worked out again
    assert netlib.first_met(net).loc["a", "first_met"] == pd.Timestamp("2024-01-01T10:00Z")  # the original unchanged
    assert swapped.meetings["start"].tolist() == starts.iloc[::-1].tolist() and swapped.me == net.me


def test_replace_keeps_what_it_is_not_given():
    import netlib

    net = netlib.load(netlib.datasets.sample_path())
    same = net.replace(me=netlib.Me("Someone", ("someone@x.example",)))
    assert same.contacts is net.contacts and same.meetings is net.meetings and same.me.name == "Someone"
    assert same.positions()[0].tolist() == net.positions()[0].tolist()
    with pytest.raises(TypeError, match=r"replace\(\) takes"):
        net.replace(contact=net.contacts)


def test_an_unchanged_network_computes_each_fact_once(monkeypatch):
    import netlib
    import netlib._facts as facts

    net = netlib.load(netlib.datasets.sample_path())
    calls = []
    real = facts.day_numbers
    monkeypatch.setattr(facts, "day_numbers", lambda t: calls.append(1) or real(t))
    netlib.tie_strength(net), netlib.effort(net), netlib.status(net), netlib.reach(net)
    assert len(calls) == 1


def test_a_pickled_network_keeps_its_facts(monkeypatch):
    # a report's pages open a pickled snapshot: the facts computed before it travel with it, stamped
    # with the copy's own arrays, and its tables are as read-only as the original's
    import pickle

    import netlib
    import netlib._facts as facts

    fresh = netlib.load(netlib.datasets.sample_path())
    events = netlib.decay._events(fresh)
    copy = pickle.loads(pickle.dumps(fresh))
    calls = []
    real = facts.day_numbers
    monkeypatch.setattr(facts, "day_numbers", lambda t: calls.append(1) or real(t))
    pd.testing.assert_frame_equal(netlib.decay._events(copy), events)
    assert calls == []  # carried, not computed again
    with pytest.raises(netlib.model.ReadOnlyError):
        copy.meetings.loc[copy.meetings.index[0], "start"] = pd.Timestamp("2026-05-31", tz="UTC")
    changed = copy.replace(meetings=copy.meetings.assign(start=copy.meetings["start"].where(copy.meetings.index != copy.meetings.index[0],
                                                                                          pd.Timestamp("2026-05-31", tz="UTC"))))
    netlib.decay._events(changed)
    assert calls == [1]


def test_the_network_counts_itself_in_words_that_agree():
    one = netlib.from_frames(pd.DataFrame({"contact_id": ["a"], "name": ["Ada"]}),
                             pd.DataFrame({"meeting_id": ["m1"], "start": ["2025-01-01T10:00Z"], "attendees": ["a"]}))
    assert repr(one) == "<Network: 1 contact, 1 meeting, 1 attendance, 1 problem>"  # the duration defaulted
