"""The generator: deterministic, planted truth recorded, sample up to date."""

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import netlib
from netlib.datasets import PERSONAS, SAMPLE_ARGS, generate, sample_path, write_sample


def _frames(net):
    return [net.contacts.drop(columns=["file"]), net.meetings.drop(columns=["file"]), net.attendance]


def test_same_seed_same_network():
    a, b = generate(seed=3, years=1), generate(seed=3, years=1)
    for x, y in zip(_frames(a), _frames(b)):
        pd.testing.assert_frame_equal(x, y)
    assert a.truth == b.truth


def test_other_seed_other_network():
    a, b = generate(seed=3, years=1), generate(seed=4, years=1)
    assert not a.meetings["start"].equals(b.meetings["start"])


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_personas_are_realistic(persona):
    net = generate(seed=1, years=2, persona=persona)
    m = net.meetings
    weeks = 2 * 52.18
    assert 2 <= (m["mode"] == "one_to_one").sum() / weeks <= 12  # one-to-ones a week
    assert (m["mode"] == "one_to_many").sum() > 20
    assert net.contacts["introduced_by"].ne("").sum() > 5
    assert net.problems.empty
    assert net.truth["persona"] == persona


def test_overrides_are_planted():
    net = generate(seed=1, years=1, half_life_days=30)
    assert net.truth["half_life_days"] == 30


def test_sample_files_are_up_to_date(tmp_path):
    truth = json.loads((sample_path() / "truth.json").read_text())
    args = {k: truth[k] for k in SAMPLE_ARGS}
    write_sample(tmp_path, **args)
    for name in ("contacts.csv", "meetings.csv", "truth.json"):
        assert (tmp_path / name).read_bytes() == (sample_path() / name).read_bytes(), f"{name}: run `make sample-data`"


def test_sample_size_and_truth(sample):
    assert 200 <= len(sample.contacts) <= 1000
    assert 1000 <= len(sample.meetings) <= 3000
    assert sample.truth["half_life_days"] == 75
    assert sample.me.name == "Alex Morgan"


def test_load_sample_from_any_working_directory(tmp_path):
    code = "import netlib; print(len(netlib.load_sample().meetings))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 1000


def test_a_sample_with_a_mailbox_mails_its_own_contacts(tmp_path):
    # the mailbox's correspondents are contacts of the calendar: mail and meetings name the same people
    net = write_sample(tmp_path, mailbox=True, years=1)
    truth = net.truth["mail"]
    got = netlib.load(tmp_path, me=net.me.emails[0])
    email = got.meetings.index[got.meetings["channel"] == "email"]
    att = got.attendance[got.attendance["meeting_id"].isin(email)].merge(got.contacts[["email"]], left_on="contact_id", right_index=True)
    assert att.groupby("email").size().to_dict() == truth["interactions"]
    assert not att["contact_id"].str.startswith("inferred:").any()  # each merged with its contact record
    assert len(got.contacts) == len(net.contacts)
    s = got.sources.set_index("format").loc["e-mail (mbox)"]
    assert s["rows_read"] == truth["messages"] == s["rows_kept"] + s["rows_skipped"]


def test_a_future_plan_leaves_the_past_as_it_was_and_holds_its_meetings():
    T = pd.Timestamp("2024-06-01", tz="UTC")
    future = {"from": "2024-06-01", "one_to_one": [10, 10, 10], "one_to_many": [3, 3, 3], "targets": ["c0001", "c0002"]}
    plain, planned = generate(seed=1, years=2), generate(seed=1, years=2, future=future)
    before = [n.meetings[n.meetings["start"] < T].drop(columns="file") for n in (plain, planned)]
    pd.testing.assert_frame_equal(before[0], before[1])
    after = planned.meetings[(planned.meetings["start"] >= T) & (planned.meetings["start"] < T + pd.Timedelta(days=3 * 30.44))]
    planned_one = after[after["mode"] == "one_to_one"]
    intros = (planned_one["title"] == "Introduction").sum()
    assert len(planned_one) - intros == 30  # the plan's one-to-ones; introductions go on besides
    att = planned.attendance[planned.attendance["meeting_id"].isin(planned_one.index[planned_one["title"] != "Introduction"])]
    assert set(att["contact_id"]) == {"c0001", "c0002"}  # with the targets, in turn
    assert (after["mode"] == "one_to_many").sum() == 9


def test_the_planners_validity_check_runs():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("plan_validity", Path(__file__).parents[1] / "docs" / "plan_validity.py")
    pv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pv)
    results = pv.one_seed(0, months=2, runs=20)
    cover = pv.table(results)
    assert list(cover.index) == list(netlib.analysis.plan.METRICS) and list(cover.columns) == [*pv.PLANS, "all plans"]
    assert ((results["low"] <= results["median"]) & (results["median"] <= results["high"])).all()
    assert (results.loc[results["metric"] == "new people", "truth"] >= 0).all()


def test_a_future_plans_meetings_fall_inside_their_month():
    # a meeting on the last day of a month (its hour past the month's 30.44-day end) was counted in the
    # next month by the planner's validity check: months held one meeting more or less than the plan
    T = pd.Timestamp("2024-06-01", tz="UTC")
    n = [20] * 12
    planned = generate(seed=2, years=3, future={"from": "2024-06-01", "one_to_one": n, "one_to_many": [0] * 12,
                                               "targets": ["c0001", "c0002", "c0003"]})
    m = planned.meetings[(planned.meetings["start"] >= T) & (planned.meetings["title"] != "Introduction")]
    month = ((m["start"] - T) / pd.Timedelta(days=30.44)).astype(int)
    assert month[m["mode"] == "one_to_one"].value_counts().sort_index().head(12).tolist() == n


def test_a_report_snapshot_and_its_facts_open_as_the_network_they_were_written_from(tmp_path, monkeypatch):
    from netlib import decay
    from netlib.datasets import FACTS_ENV, SNAPSHOT_ENV, open_network, snapshot_key, write_facts, write_snapshot

    src = str(sample_path())
    net = netlib.load(src)
    key = snapshot_key([src], None, "UTC", False, {})
    write_snapshot(net, tmp_path / "net", key)
    before = set(net.valid_facts())
    st = decay.status(net)
    write_facts(net, tmp_path / "facts", key, since=before)
    monkeypatch.setenv(SNAPSHOT_ENV, str(tmp_path / "net"))
    monkeypatch.setenv(FACTS_ENV, str(tmp_path / "facts"))
    opened = open_network([src])
    for a, b in zip(_frames(net), _frames(opened), strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert any(k.startswith("status:") for k in opened._facts)  # worked out by the report, not again
    pd.testing.assert_frame_equal(decay.status(opened), st)
    # the arrays lie on a private map of the file, each at a multiple of 64 bytes, read-only as every Network's tables
    minutes = opened.meetings["duration_min"].to_numpy()
    assert minutes.ctypes.data % 64 == 0 and not minutes.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        minutes[0] = -1.0
    assert open_network([src]).meetings["duration_min"].iloc[0] == net.meetings["duration_min"].iloc[0]
    assert open_network([src], tz="Europe/Paris").meetings is not opened.meetings  # other parameters: the files


def test_a_file_not_written_for_a_report_is_refused(tmp_path):
    from netlib.datasets import _read_mapped

    (tmp_path / "x").write_bytes(b"not a snapshot, but long enough to map")
    with pytest.raises(ValueError, match="not a file netlib wrote"):
        _read_mapped(tmp_path / "x")


def test_a_participants_sample_folder_loads_clean(tmp_path):
    # netlib sample writes truth.json beside the CSVs: the loader knows it as netlib's own, not a problem
    from netlib.io._registry import NetlibTruth

    net = write_sample(tmp_path, seed=7, years=1)
    assert NetlibTruth.KEYS <= net.truth.keys()  # what the loader recognises the truth by is what the generator writes
    got = netlib.load(tmp_path)
    assert got.problems.empty and "0 problems" in repr(got)
    s = got.sources.set_index(got.sources["source"].map(lambda p: os.path.basename(p)))
    assert s.loc["truth.json", "format"] == NetlibTruth.FORMAT and s.loc["truth.json", "rows_read"] == 0
    assert (got.sources["rows_read"] == got.sources["rows_kept"] + got.sources["rows_skipped"]).all()
    assert len(got.meetings) == len(net.meetings) and len(got.contacts) == len(net.contacts)


def test_only_netlibs_own_truth_is_known_and_named_alone_it_is_an_error(tmp_path):
    write_sample(tmp_path, seed=7, years=1)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    (tmp_path / "settings.json").write_text(json.dumps({k: v for k, v in truth.items() if k != "weights"}), encoding="utf-8")
    got = netlib.load(tmp_path)
    p = got.problems
    assert list(p["source"].map(os.path.basename)) == ["settings.json"] and p["action"].iloc[0] == "not loaded"
    with pytest.raises(netlib.DataError, match="planted truth netlib sample wrote, not data"):
        netlib.load(tmp_path / "truth.json")
