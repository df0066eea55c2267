"""Effort: hours, touches, people, new and warm people per hour."""

import sys

import numpy as np
import pandas as pd
import pytest

from netlib import decay
from netlib.analysis.effort import effort

from .hand import day, hand_network


@pytest.fixture
def net():
    return hand_network()


def test_effort_by_mode_hand_worked(net):
    e = effort(net, by="mode")
    one, many = e.loc["one_to_one"], e.loc["one_to_many"]
    assert (one["meetings"], one["hours"], one["touches"], one["people"], one["new_people"]) == (2, 1.5, 2, 2, 1)
    # m2 (3 people) + m4 (audience 500, nobody listed) + m5 (max(2 listed, audience 100))
    assert (many["meetings"], many["hours"], many["touches"], many["people"], many["new_people"]) == (3, 2.75, 603, 4, 3)
    assert one["people_per_hour"] == pytest.approx(2 / 1.5)
    assert many["hours_per_new_person"] == pytest.approx(2.75 / 3)
    assert many["new_people_per_hour"] == pytest.approx(3 / 2.75)


def test_warm_people_credit_hand_worked(net):
    e = effort(net, by="mode")
    end = day(40) + pd.Timedelta(seconds=1)
    h = 90
    dt = lambda d: (end - day(d)) / pd.Timedelta(days=1)
    a_11, a_1m = 2 ** (-dt(0) / h), 0.3 * 2 ** (-dt(10) / h)
    b_11, b_1m = 2 ** (-dt(20) / h), 0.3 * 2 ** (-dt(10) / h)
    c_total = 0.3 * 2 ** (-dt(10) / h) + 0.3 * 2 ** (-dt(40) / h)
    assert c_total >= 0.5 > 0.3  # c warm, d (one webinar) not
    expected_11 = a_11 / (a_11 + a_1m) + b_11 / (b_11 + b_1m)
    expected_1m = a_1m / (a_11 + a_1m) + b_1m / (b_11 + b_1m) + 1.0
    assert e.loc["one_to_one", "warm_people"] == pytest.approx(expected_11)
    assert e.loc["one_to_many", "warm_people"] == pytest.approx(expected_1m)
    assert e["warm_people"].sum() == pytest.approx(3)
    assert e.loc["one_to_one", "warm_people_per_hour"] == pytest.approx(expected_11 / 1.5)


def test_effort_window_and_channel(net):
    e = effort(net, start=day(15), end=day(35), by="channel")
    assert e.index.tolist() == ["call", "post"]
    assert e.loc["post", "people"] == 0 and e.loc["post", "touches"] == 500
    assert np.isnan(e.loc["post", "hours_per_new_person"])
    # b was first met at m2 (day 10), before the window: not new
    assert e.loc["call", "new_people"] == 0


def test_connection_before_meeting_is_not_new(net):
    e = effort(net)
    assert e["new_people"].sum() == 4  # a, b, c, d; e never met


def test_warm_people_match_status_on_sample(sample):
    e = effort(sample)
    end = sample.meetings["start"].max() + pd.Timedelta(seconds=1)
    s = decay.tie_strength(sample, as_of=end)
    assert e["warm_people"].sum() <= (s >= decay.WARM_THRESHOLD).sum() + 1e-9
    assert e["hours"].sum() == pytest.approx(sample.meetings["duration_min"].sum() / 60)
    assert e["meetings"].sum() == len(sample.meetings)


@pytest.mark.parametrize("kw", [{}, {"by": "channel"}, {"by": ["quarter", "mode"]}, {"start": "2025-03-01", "end": "2025-09-01"}])
def test_large_table_fallback_gives_the_same_numbers(sample, monkeypatch, kw):
    table = effort(sample, **kw)
    monkeypatch.setattr(sys.modules["netlib.analysis.effort"], "TABLE_CELLS", 0)
    pd.testing.assert_frame_equal(effort(sample, **kw), table, check_exact=False, rtol=1e-12)


def test_all_time_credits_every_warm_person_once(sample):
    # over all time, each warm contact's credit (1) is shared among the groups that warmed them
    end = sample.meetings["start"].max() + pd.Timedelta(seconds=1)
    warm = decay.tie_strength(sample, as_of=end) >= decay.WARM_THRESHOLD
    assert effort(sample, by="channel")["warm_people"].sum() == pytest.approx(warm.sum())


def test_people_counted_even_when_a_mode_adds_no_strength(sample):
    # a zero weight makes strength no sign of a meeting: people are then counted from the meetings
    e = effort(sample, weights={"one_to_many": 0.0})
    assert e["people"].tolist() == effort(sample)["people"].tolist()
    assert e.loc["one_to_many", "warm_people"] == 0


def test_internal_work_is_no_networking_effort_hand_worked():
    # #27: tests/test_org.py's network; i1 (one-to-one) and i2 (one-to-many) are with colleagues only
    from .test_org import org_network

    e = effort(org_network(), by="mode")
    assert e["meetings"].to_dict() == {"one_to_many": 2, "one_to_one": 3}  # was 3 and 4
    # one-to-one x2 1.5 h + x4 1 + x5 0.5; one-to-many x1 0.75 + x3 2 (was 4.0 and 3.25 with i1 and i2)
    assert e["hours"].to_dict() == pytest.approx({"one_to_many": 2.75, "one_to_one": 3.0})
    assert e["touches"].to_dict() == {"one_to_many": 2 + 40, "one_to_one": 3}
    assert e["people"].to_dict() == {"one_to_many": 3, "one_to_one": 3}  # cleo, olu, dan; olu, nia, pat
    # cleo and dan were first met at internal work: colleagues, not new people
    assert e["new_people"].to_dict() == {"one_to_many": 1, "one_to_one": 2}
    # warm from networking alone (internal work warms no networking tie): at day 42 + 1 s, h = 90
    g = lambda d, w=1.0: w * 2 ** (-((42 - d) + 1 / 86400) / 90)
    assert g(14, 0.3) < 0.5 and g(28, 0.3) < 0.5  # cleo (x1) and dan (x3) are not warm
    olu = g(14, 0.3) + g(21)
    assert e.loc["one_to_many", "warm_people"] == pytest.approx(g(14, 0.3) / olu)
    assert e.loc["one_to_one", "warm_people"] == pytest.approx(g(21) / olu + 1 + 1)  # olu's share, nia, pat


def test_effort_of_an_owner_without_organisation_counts_every_meeting():
    from .test_org import org_network

    e = effort(org_network("ada@gmail.com"), by=None)
    assert (e.loc["all", "meetings"], e.loc["all", "hours"]) == (7, pytest.approx(7.25))


def test_close_contacts_are_counted_at_the_end_of_the_data_as_every_page_measures(sample):
    # files exported 120 days after the last meeting: the close contacts are those still close then
    later = sample.meetings["start"].max() + pd.Timedelta(days=120)
    stale = sample.replace(sources=sample.sources.assign(exported=later))
    close = decay.tie_strength(stale) >= decay.WARM_THRESHOLD  # at the default moment, the export
    assert decay.tie_strength(stale).equals(decay.tie_strength(sample, as_of=later))
    assert effort(stale, by="channel")["warm_people"].sum() == pytest.approx(close.sum())
    assert close.sum() < (decay.tie_strength(sample) >= decay.WARM_THRESHOLD).sum()  # four months of silence show
