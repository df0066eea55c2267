"""Decay: tie strength, status, dormant ties, layers, survival, half-life fit."""

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib import decay

DAY0 = pd.Timestamp("2024-01-01T12:00Z")


def day(d: float) -> str:
    return (DAY0 + pd.Timedelta(days=d)).isoformat()


def small_net(meetings, contacts=("a", "b", "c", "d")):
    """meetings: list of (id, day, attendees list, channel)."""
    c = pd.DataFrame({"contact_id": list(contacts), "name": [x.upper() for x in contacts], "tags": ["prospect"] + [""] * (len(contacts) - 1)})
    m = pd.DataFrame(
        {
            "meeting_id": [x[0] for x in meetings],
            "start": [day(x[1]) for x in meetings],
            "duration_min": 60,
            "attendees": [";".join(x[2]) for x in meetings],
            "channel": [x[3] if len(x) > 3 else "coffee" for x in meetings],
        },
        columns=["meeting_id", "start", "duration_min", "attendees", "channel"],
    )
    return netlib.from_frames(c, m)


@pytest.fixture
def hand():
    # a: one-to-one at day 0 and 90; b and c together at day 90 (group); d never; a again at day 400 (future)
    return small_net([("m1", 0, ["a"]), ("m2", 90, ["a"]), ("m3", 90, ["b", "c"], "breakfast club"), ("m4", 400, ["a"])])


def test_tie_strength_hand_worked(hand):
    s = decay.tie_strength(hand, as_of=day(180), half_life_days=90)
    # a: 2^-2 + 2^-1; b, c: 0.3 * 2^-1; d: never met; m4 is after as_of
    assert s.to_dict() == pytest.approx({"a": 0.75, "b": 0.15, "c": 0.15, "d": 0.0})
    assert s.name == "strength"


def test_tie_strength_default_as_of_is_last_meeting(hand):
    s = decay.tie_strength(hand, half_life_days=100)
    assert s["a"] == pytest.approx(2 ** -4 + 2 ** -3.1 + 1)


def test_weights_dict_by_mode_and_channel(hand):
    s = decay.tie_strength(hand, as_of=day(90), weights={"one_to_many": 0.5})
    assert s["b"] == pytest.approx(0.5)
    s = decay.tie_strength(hand, as_of=day(90), weights={"breakfast club": 2.0})
    assert s["b"] == pytest.approx(2.0) and s["a"] == pytest.approx(1 + 2 ** -1)


def test_weights_callable(hand):
    s = decay.tie_strength(hand, as_of=day(90), weights=lambda m: np.where(m["channel"] == "coffee", 3.0, 0.0))
    assert s["a"] == pytest.approx(3 + 3 * 2 ** -1) and s["b"] == 0


def test_bad_weights(hand):
    with pytest.raises(ValueError, match="neither modes"):
        decay.tie_strength(hand, weights={"coffe": 1.0})
    with pytest.raises(ValueError, match="0 or more"):
        decay.tie_strength(hand, weights={"one_to_one": -1})


def test_tie_strength_matches_plain_loop(sample):
    as_of = pd.Timestamp("2025-06-01T00:00Z")
    s = decay.tie_strength(sample, as_of=as_of, half_life_days=60)
    w = decay.meeting_weights(sample)
    start = sample.meetings["start"]
    expected = dict.fromkeys(sample.contacts.index, 0.0)
    for mid, cid in sample.attendance.itertuples(index=False):  # independent plain loop
        t = start[mid]
        if t <= as_of:
            expected[cid] += w[mid] * 2 ** (-((as_of - t).total_seconds() / 86400) / 60)
    assert np.allclose(s.to_numpy(), pd.Series(expected)[s.index].to_numpy())


def test_edge_cases():
    no_meetings = netlib.from_frames(pd.DataFrame({"contact_id": ["a"], "name": ["A"]}),
                                     pd.DataFrame(columns=["meeting_id", "start", "duration_min", "attendees"]))
    assert decay.tie_strength(no_meetings).tolist() == [0.0]
    assert decay.status(no_meetings)["status"].tolist() == ["never_met"]
    one = small_net([("m1", 0, ["a"])], contacts=("a",))
    assert decay.tie_strength(one).tolist() == [1.0]
    future = small_net([("m1", 10, ["a"]), ("m2", 20, [])], contacts=("a",))
    assert decay.tie_strength(future, as_of=day(0)).tolist() == [0.0]
    assert decay.status(future, as_of=day(0))["status"].tolist() == ["never_met"]
    assert decay.tie_strength(future, as_of=day(10)).tolist() == [1.0]  # solo meeting m2 adds nothing


def test_decayed_cumsum_matches_loop():
    rng = np.random.default_rng(0)
    n = 500
    g = np.sort(rng.integers(0, 40, n))
    t = np.concatenate([np.sort(rng.uniform(0, 1000, (g == k).sum())) for k in np.unique(g)])
    w = rng.uniform(0.1, 2, n)
    starts = np.r_[True, g[1:] != g[:-1]]
    got = decay.decayed_cumsum(t, w, starts, 30.0)
    x = np.empty(n)
    for k in range(n):
        x[k] = w[k] + (0 if starts[k] else x[k - 1] * 2 ** (-(t[k] - t[k - 1]) / 30.0))
    assert np.allclose(got, x)


def test_strength_over_time_agrees_with_tie_strength(sample):
    df = decay.strength_over_time(sample, ["c0100", "c0190"], freq="MS", half_life_days=45)
    for when in df.index[[3, 20, -1]]:
        s = decay.tie_strength(sample, as_of=when, half_life_days=45)
        assert df.loc[when].to_numpy() == pytest.approx(s[["c0100", "c0190"]].to_numpy())
    with pytest.raises(KeyError):
        decay.strength_over_time(sample, ["nobody"])


def test_strength_over_time_on_hand_worked_days():
    """Strength on a grid, by hand: a met at noon on days 0 and 10 (weights 1, one-to-one; and 0.3, the
    club), h = 10 days.  The grid starts at midnight of its first day, so its times are days -10.5,
    -0.5, 9.5 and 19.5: 0 before the first meeting, then 2**-0.95 (the club is still ahead), then
    2**-1.95 + 0.3 x 2**-0.95.  e, never met: 0 throughout."""
    from .hand import DAY0, hand_network

    net = hand_network()
    df = decay.strength_over_time(net, ["a", "e"], start=DAY0 - pd.Timedelta(days=10), end=DAY0 + pd.Timedelta(days=20),
                                  freq="10D", half_life_days=10)
    a = df["a"].to_numpy()
    assert a == pytest.approx([0.0, 0.0, 2 ** -0.95, 2 ** -1.95 + 0.3 * 2 ** -0.95])
    assert (df["e"] == 0).all()


def test_strength_over_time_of_a_contact_at_every_meeting_is_linear_in_memory():
    """One contact at 200,000 meetings, a weekly grid of ten years (#30): the table is read from the
    running sum, never a grid x meetings matrix (that took 4 GB for 450,000 meetings)."""
    import tracemalloc

    n = 200_000
    starts = pd.Timestamp("2015-01-01T09:00Z") + pd.to_timedelta(np.arange(n) * 26, unit="min")
    meetings = pd.DataFrame({"meeting_id": [f"m{i}" for i in range(n)], "start": starts, "duration_min": 20.0,
                             "channel": "call", "attendees": "a"})
    net = netlib.from_frames(pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Ben"]}), meetings)
    netlib.tie_strength(net)  # the shared facts (positions, days), made once for every analysis
    tracemalloc.start()
    try:
        df = decay.strength_over_time(net, ["a", "b"], start="2015-01-01", end="2025-01-01", freq="W", half_life_days=30)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40e6, f"{peak / 1e6:.0f} MB"
    at = df.index[[10, 100, 200]]
    direct = [netlib.tie_strength(net, as_of=when, half_life_days=30)["a"] for when in at]
    assert df.loc[at, "a"].to_numpy() == pytest.approx(direct) and (df["b"] == 0).all()


def test_status_rules_and_cold_on():
    # a: weekly for 10 weeks then silent 100 days -> warm? strength small -> cold
    # b: monthly, last met 5 days ago -> active; c: once, 4 years ago -> dormant; d: never
    # e: weekly rhythm for 40 weeks, silent 60 days, still warm but past 8 times its gap -> cold (Navarro)
    meets = [(f"a{k}", 7 * k, ["a"]) for k in range(10)]
    meets += [(f"b{k}", 1500 + 30 * k, ["b"]) for k in range(5)]
    meets += [("c0", 200, ["c"])]
    meets += [(f"e{k}", 1200 + 7 * k, ["e"]) for k in range(40)]
    meets += [("f0", 1500 + 30 * 4 + 5 - 10, ["f"])]  # f: met once, 10 days ago: no rhythm
    meets += [(f"g{k}", 1329 + 7 * k, ["g"]) for k in range(39)]  # g: weekly, silent 30 days: overdue, not cold
    net = small_net(meets, contacts=("a", "b", "c", "d", "e", "f", "g"))
    as_of = day(1500 + 30 * 4 + 5)
    st = decay.status(net, as_of=as_of, half_life_days=90)
    assert st["status"].to_dict() == {"a": "dormant", "b": "active", "c": "dormant", "d": "never_met", "e": "cold",
                                      "f": "active", "g": "cooling"}
    assert st.loc["g", "overdue_days"] == pytest.approx(30 - 21)  # the floor: 2.5 x 7 days is under three weeks
    assert st.loc["b", "median_gap_days"] == 30 and st.loc["e", "median_gap_days"] == 7
    assert st.loc["b", "meetings"] == 5 and st.loc["d", "meetings"] == 0
    assert st.loc["b", "silence_days"] == pytest.approx(5)
    # cold_on: the earlier of 8 times the gap after the last meeting (b) and the strength crossing (f, closed form)
    assert st.loc["b", "cold_on"] == st.loc["b", "last_met"] + pd.Timedelta(days=8 * 30)
    assert decay.tie_strength(net, as_of=st.loc["b", "cold_on"], half_life_days=90)["b"] > decay.WARM_THRESHOLD
    assert st.loc["f", "days_to_cold"] == pytest.approx(90 - 10)
    s_then = decay.tie_strength(net, as_of=st.loc["f", "cold_on"], half_life_days=90)["f"]
    assert s_then == pytest.approx(decay.WARM_THRESHOLD, rel=1e-6)
    assert pd.isna(st.loc["a", "cold_on"])


def test_a_tie_met_several_times_a_day_is_not_cold_after_a_few_days():
    """The rules read a tie's pace: its median gap, never under 21 / 2.5 = 8.4 days.  a: three
    meetings a day for 20 days (median gap 8 hours), silent 5 days: active, not cold (8 x 8 hours
    is under 3 days) nor overdue, and cold by its rhythm only after 8 x 8.4 = 67.2 days (its strength,
    some 50 meeting-equivalents, stays above the threshold far longer); b: monthly, as before."""
    meets = [(f"a{k}", k / 3, ["a"]) for k in range(60)] + [(f"b{k}", 30 * k, ["b"]) for k in range(3)]
    net = small_net(meets, contacts=("a", "b"))
    as_of = day(59 / 3 + 5)
    st = decay.status(net, as_of=as_of, half_life_days=90)
    assert st.loc["a", "median_gap_days"] == pytest.approx(1 / 3)
    assert st.loc["a", "status"] == "active" and st.loc["a", "overdue_days"] == pytest.approx(5 - 21)
    assert st.loc["a", "days_to_cold"] == pytest.approx(8 * 8.4 - 5)
    b = st.loc["b"]  # the earlier of its rhythm's 8 x 30 days and its strength's crossing
    assert b["days_to_cold"] == pytest.approx(min(8 * 30 - b["silence_days"], 90 * np.log2(b["strength"] / 0.5)))
    assert "A" not in decay.going_cold(net, as_of=as_of, half_life_days=90, horizon_days=30)["name"].tolist()


def test_peak_strength_and_dormant_ranking():
    meets = [("a1", 0, ["a"]), ("a2", 1, ["a"]), ("b1", 0, ["b"]), ("c1", 0, ["c"]), ("c2", 10, ["c"]), ("d1", 1200, ["d"])]
    net = small_net(meets)
    peak = decay.peak_strength(net, half_life_days=90)
    assert peak["a"] == pytest.approx(1 + 2 ** (-1 / 90))
    assert peak["c"] == pytest.approx(1 + 2 ** (-10 / 90))
    top = decay.dormant_ties(net, segment="prospect", half_life_days=90)
    assert top.index.tolist() == ["a", "c", "b"]  # a is in the segment: score doubled
    assert top.loc["a", "score"] == pytest.approx(2 * peak["a"])
    assert "target segment" in top.loc["a", "reason"] and "target segment" not in top.loc["c", "reason"]


def test_layers(sample):
    lay = decay.layers(sample)
    assert lay["contacts"].tolist() == [5, 10, 35, 100]
    assert lay["min_strength"].is_monotonic_decreasing
    # hand check of the implied contact rate of the top layer
    top5 = decay.layer_of(sample).eq("1-5")
    T = sample.meetings["start"].max()
    recent = sample.meetings.index[(sample.meetings["start"] > T - pd.Timedelta(days=365))]
    att = sample.attendance[sample.attendance.meeting_id.isin(recent) & sample.attendance.contact_id.isin(top5[top5].index)]
    assert lay.loc["1-5", "meetings_per_year"] == pytest.approx(len(att) / 5)


def test_survival_matches_lifelines_and_hand_km():
    # three one-to-one contacts: durations 10 (ended), 20 (censored), 30 (ended)
    meets = [("a1", 0, ["a"]), ("a2", 10, ["a"]), ("b1", 680, ["b"]), ("c1", 0, ["c"]), ("c2", 30, ["c"])]
    net = small_net(meets, contacts=("a", "b", "c"))
    km = decay.survival(net, as_of=day(700), ended_after_days=365)
    s = km.set_index("days")["survival"]
    # KM: at 10: 1 - 1/3; at 20 censored; at 30: (2/3) * (1 - 1/1) = 0
    assert s[10] == pytest.approx(2 / 3) and s[30] == pytest.approx(0)
    assert km.attrs["n"] == {"one_to_one": 3}


def test_survival_groups(sample):
    km = decay.survival(sample)
    data = decay.survival_data(sample)
    assert set(km["group"]) == {"one_to_one", "one_to_many"}
    assert sum(km.attrs["n"].values()) == len(data)
    assert ((km["survival"] >= 0) & (km["survival"] <= 1)).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fit_half_life_recovers_planted_value(seed):
    net = netlib.generate(seed=seed, years=3)
    fit = decay.fit_half_life(net)
    planted = net.truth["half_life_days"]
    assert abs(fit.half_life_days - planted) <= 0.25 * planted
    assert fit.ci_low < fit.half_life_days < fit.ci_high
    assert fit.profile["loglik"].max() == pytest.approx(fit.profile.set_index("half_life_days").loc[fit.half_life_days, "loglik"])


def test_fit_half_life_needs_data():
    with pytest.raises(ValueError, match="too few"):
        decay.fit_half_life(small_net([("m1", 0, ["a"]), ("m2", 5, ["a"])]))


def test_assumptions_have_sources():
    a = decay.assumptions()
    assert a["source"].str.len().gt(10).all()
    assert {"half_life_days", "warm_threshold", "cooling_k", "dormant_days"} <= set(a.index)


def test_a_fixed_schedule_is_not_read_as_a_half_life():
    # weekly and fortnightly one-to-ones on a calendar: the self-exciting model once read the rhythm as a
    # 7-day half-life with an interval from 0; the rhythm now says nothing and the fit says so
    meets = [(f"a{k}", 7 * k, ["a"]) for k in range(60)] + [(f"b{k}", 3 + 14 * k, ["b"]) for k in range(30)]
    meets += [(f"c{k}", 5 + 30 * k, ["c"]) for k in range(14)]
    fit = decay.fit_half_life(small_net(meets, contacts=("a", "b", "c", "d")))
    assert not fit.identifiable and np.isnan(fit.half_life_days) and fit.scheduled_contacts == 3
    assert "fixed schedule" in fit.note
    assert "The charts use 90 days" in decay.half_life_note(small_net(meets, contacts=("a", "b", "c", "d")))


def test_a_half_life_interval_ends_where_the_profile_falls_1_92_below_its_maximum():
    # the interval was once read off the grid: its ends were the last grid points inside it, a third
    # too narrow (the planner's bands with it)
    fit = decay.fit_half_life(netlib.generate(seed=4, years=2))
    p = fit.profile
    at = np.interp(np.log([fit.ci_low, fit.ci_high]), np.log(p["half_life_days"]), p["loglik"])
    assert at == pytest.approx(p["loglik"].max() - 1.92, abs=0.05)


def test_half_life_intervals_cover_the_planted_value_on_the_generator():
    # 3 planted half-lives x 5 seeds of the generator (whose ties decay with a known half-life)
    rows = []
    for h in (30, 75, 150):
        for seed in range(5):
            fit = decay.fit_half_life(netlib.generate(seed=seed, half_life_days=float(h)))
            rows.append((h, fit.ci_low <= h <= fit.ci_high, fit.half_life_days / h - 1))
    df = pd.DataFrame(rows, columns=["planted", "covered", "error"])
    assert df["covered"].mean() >= 0.9
    assert (df.groupby("planted")["error"].median().abs() <= 0.10).all()


def test_a_date_before_every_meeting_gives_empty_answers_not_errors(sample):
    # netlib report --as-of 1990-01-01 once failed deep inside the decay page
    km = decay.survival(sample, as_of="1990-01-01")
    assert km.empty and "nothing to follow" in km.attrs["note"]
    assert (decay.status(sample, as_of="1990-01-01")["status"] == "never_met").all()
    assert decay.going_cold(sample, as_of="1990-01-01").empty


def test_next_steps_are_the_ties_going_cold_then_the_dormant_ones():
    net = netlib.load_sample()
    steps = netlib.next_steps(net, contact=6, revive=3)
    cold = netlib.decay.going_cold(net, limit=6)
    dormant = netlib.dormant_ties(net).head(3)
    assert steps.index.tolist() == cold.index.tolist() + dormant.index.tolist()
    assert steps["action"].tolist() == ["get in touch this week"] * len(cold) + ["revive"] * len(dormant)
    assert steps["reason"].tolist() == cold["reason"].tolist() + dormant["reason"].tolist()
    assert steps["email"].tolist() == net.contacts.loc[steps.index, "email"].tolist()
    assert str(steps.attrs["note"]).startswith(str(cold.attrs["note"]))


def test_a_half_life_fit_on_a_stratified_sample_agrees_with_the_full_fit():
    net = netlib.load_sample()  # planted half-life 75 days
    full = decay.fit_half_life(net, max_contacts=None)
    part = decay.fit_half_life(net, max_contacts=300)
    assert full.ci_low <= part.half_life_days <= full.ci_high
    assert "sample of 300 of 523 contacts" in part.note and "sample" not in full.note
    assert decay.fit_half_life(net, max_contacts=300).half_life_days == part.half_life_days  # seeded: the same sample


def test_a_half_life_fit_is_made_once_per_network_and_each_caller_gets_its_own_profile():
    net = netlib.load_sample()
    first = decay.fit_half_life(net)
    first.profile.loc[:, "loglik"] = 0.0  # a caller changing what it got
    again = decay.fit_half_life(net)
    assert again.half_life_days == first.half_life_days and (again.profile["loglik"] != 0).all()
    assert len([k for k in net._facts if k.startswith("fit_half_life")]) == 1  # kept on the network
    assert repr(decay.fit_half_life(net, weights={"one_to_many": 0.3})) == repr(again)  # the default weights, uncached


def test_where_each_tie_stands_is_worked_out_once_and_follows_the_data():
    net = netlib.load_sample()
    first = decay.status(net)
    first.loc[:, "status"] = "changed by a caller"
    again = decay.status(net)
    assert (again["status"] != "changed by a caller").all()  # each caller gets its own copy
    assert len([k for k in net._facts if k.startswith("status:")]) == 1  # kept on the network
    who = again.index[0]
    with pytest.raises(netlib.model.ReadOnlyError):  # a Network's tables are read-only
        net.contacts.loc[who, "name"] = "Renamed Person"
    net = net.replace(contacts=net.contacts.assign(name=net.contacts["name"].where(net.contacts.index != who, "Renamed Person")))
    assert decay.status(net).loc[who, "name"] == "Renamed Person"  # a new Network: worked out again
    pd.testing.assert_frame_equal(decay.status(net, half_life_days=60), decay.status(net, half_life_days=60.0))


def test_peak_strength_is_worked_out_once_and_follows_the_meetings():
    meets = [("a1", 0, ["a"]), ("a2", 1, ["a"]), ("b1", 0, ["b"]), ("d1", 1200, ["d"])]
    net = small_net(meets)
    first = decay.peak_strength(net, half_life_days=90)
    first[:] = -1.0  # a caller's own copy
    assert decay.peak_strength(net, half_life_days=90)["a"] == pytest.approx(1 + 2 ** (-1 / 90))
    assert len([k for k in net._facts if k.startswith("peak_strength:")]) == 1  # kept on the network
    starts = net.meetings["start"].where(net.meetings.index != net.meetings.index[1], net.meetings["start"].iloc[1] - pd.Timedelta(days=1))
    net = net.replace(meetings=net.meetings.assign(start=starts))  # a2 on the day of a1: a new Network, worked out again
    assert decay.peak_strength(net, half_life_days=90)["a"] == pytest.approx(2.0)
    assert decay.peak_strength(net, half_life_days=90, weights={"one_to_one": 2.0})["a"] == pytest.approx(4.0)  # not kept
    assert decay.peak_strength(net, half_life_days=90)["c"] == 0.0  # never met


def _poisson_network(seed: int, people: int = 6, per: int = 4, days: float = 720) -> netlib.Network:
    """One-to-one meetings at random times (a Poisson process: no meeting makes the next more
    likely), too few to show any half-life."""
    rng = np.random.default_rng(seed)
    rows = [{"meeting_id": f"m{i}-{k}", "start": pd.Timestamp("2023-01-02", tz="UTC") + pd.Timedelta(days=float(d)),
             "duration_min": 60, "channel": "coffee", "attendees": f"c{i}"}
            for i in range(people) for k, d in enumerate(np.sort(rng.uniform(0, days, per)))]
    contacts = pd.DataFrame({"contact_id": [f"c{i}" for i in range(people)], "name": [f"P{i}" for i in range(people)]})
    return netlib.from_frames(contacts, pd.DataFrame(rows))


def test_a_half_life_from_no_information_is_not_used():
    # #27: 827 days with a 95% interval of 0 to infinity was called identifiable, and the plan page used it
    net = _poisson_network(2)
    fit = netlib.fit_half_life(net)
    assert round(fit.half_life_days) == 827 and fit.ci_high == float("inf")
    assert not fit.identifiable and "cannot pin the half-life down" in fit.note and "no upper limit" in fit.note
    chosen = netlib.decay.choose_half_life(net)
    assert chosen.days == netlib.model.DEFAULT_HALF_LIFE_DAYS == 90
    assert chosen.source.startswith("netlib's default") and "cannot pin" in chosen.source
    assert "The charts use 90 days" in netlib.half_life_note(net)


def test_the_one_half_life_is_the_one_given_else_a_fit_that_pins_it_down(sample):
    assert netlib.decay.choose_half_life(sample, half_life_days=45) == (45.0, "set for this report")
    fit = netlib.fit_half_life(sample)
    assert fit.identifiable and fit.ci_high / fit.ci_low <= netlib.decay.MAX_INTERVAL_RATIO
    chosen = netlib.decay.choose_half_life(sample)
    assert chosen.days == round(fit.half_life_days) and chosen.source.startswith("fitted from your one-to-one meetings")


def test_a_reason_says_wrote_for_mail_and_messages_and_met_for_meetings():
    # #27: "met 2 times, every day until Jul 2022" for a LinkedIn conversation
    t0 = pd.Timestamp("2024-01-01", tz="UTC")
    rows = [{"meeting_id": f"{who}{k}", "start": t0 + pd.Timedelta(weeks=k), "duration_min": 30, "channel": ch, "attendees": who}
            for k in range(8) for who, ch in (("mail", "email"), ("cafe", "coffee"), ("both", "email" if k % 2 else "coffee"))]
    rows.append({"meeting_id": "end", "start": t0 + pd.Timedelta(weeks=14), "duration_min": 30, "channel": "coffee", "attendees": "other"})
    contacts = pd.DataFrame({"contact_id": ["mail", "cafe", "both", "other"], "name": ["Mia", "Cai", "Bo", "Oz"]})
    net = netlib.from_frames(contacts, pd.DataFrame(rows))
    cold = decay.going_cold(net, half_life_days=90)
    verbs = cold.loc[["mail", "cafe", "both"], "reason"].str.split(" every").str[0].tolist()
    assert verbs == ["wrote", "met", "were in touch"]


def _colleagues_network():
    """#27: the owner sara@acme.example; T = 2025-06-30 10:00 UTC.
    cleo (colleague): a weekly internal one-to-one for 20 weeks, the last 30 days before T (overdue, were it networking);
    dan (colleague): a weekly internal one-to-one for 20 weeks up to the day before T, and three client reviews with olu
    (one-to-many, 60 min) 25, 65 and 105 days before T; olu (client): those three reviews only;
    eve (colleague): one internal one-to-one four years before T; vic (outside): one coffee four years before T."""
    T = pd.Timestamp("2025-06-30T10:00Z")
    rows = [(f"c{k}", T - pd.Timedelta(days=30 + 7 * k), "call", "cleo") for k in range(20)]
    rows += [(f"d{k}", T - pd.Timedelta(days=1 + 7 * k), "call", "dan") for k in range(20)]
    rows += [(f"r{k}", T - pd.Timedelta(days=d), "meeting", "dan;olu") for k, d in enumerate((25, 65, 105))]
    rows += [("e0", T - pd.Timedelta(days=4 * 365), "call", "eve"), ("v0", T - pd.Timedelta(days=4 * 365), "coffee", "vic")]
    contacts = pd.DataFrame({"contact_id": ["cleo", "dan", "olu", "eve", "vic"], "name": ["Cleo", "Dan", "Olu", "Eve", "Vic"],
                             "email": ["cleo@acme.example", "dan@acme.example", "olu@client.example", "eve@acme.example",
                                       "vic@vic.example"]})
    meetings = pd.DataFrame({"meeting_id": [r[0] for r in rows], "start": [r[1].isoformat() for r in rows],
                             "duration_min": 60, "channel": [r[2] for r in rows], "attendees": [r[3] for r in rows]})
    return netlib.from_frames(contacts, meetings, me="sara@acme.example"), T


def test_going_cold_judges_ties_by_networking_alone_hand_worked():
    net, T = _colleagues_network()
    g = decay.going_cold(net, as_of=T, limit=100)
    # cleo, met only at internal work, is never listed (she would be overdue: silent 30 days > max(2.5 x 7, 21));
    # dan and olu are listed by the three reviews alone: strength 0.3 x (2^(-25/90) + 2^(-65/90) + 2^(-105/90)) = 0.563,
    # warm for 90 x log2(0.563 / 0.5) = 15.4 more days (with dan's weekly internal meetings it would be 8 x 7 - 1 = 55)
    assert sorted(g.index) == ["dan", "olu"]
    s = 0.3 * sum(2 ** (-d / 90) for d in (25, 65, 105))
    assert g.loc["dan", "days_to_cold"] == pytest.approx(90 * np.log2(s / 0.5))
    assert g.loc["dan", "days_to_cold"] == pytest.approx(g.loc["olu", "days_to_cold"])
    assert g.loc["dan", "median_gap_days"] == pytest.approx(40)
    assert g.loc["dan", "reason"] == "met every month until 5 Jun 2025; silent for 4 weeks; goes cold in 2 weeks"
    # the status judges ties by networking too: cleo is a colleague met only at internal work; by every meeting, overdue
    assert decay.status(net, as_of=T).loc["cleo", "status"] == "internal"
    assert decay.status(net, as_of=T, networking=False).loc["cleo", "status"] == "cooling"


def test_next_steps_never_name_a_colleague_met_only_at_internal_work():
    net, T = _colleagues_network()
    steps = netlib.next_steps(net, as_of=T, contact=10, revive=10)
    assert steps.loc[steps["action"] == "get in touch this week"].index.tolist() == ["dan", "olu"]
    assert steps.loc[steps["action"] == "revive"].index.tolist() == ["vic"]  # eve: internal work only


def _warm_network():
    """Each meaning of 'warm' apart, hand-worked; the owner sara@acme.example, T = 2025-06-30 10:00 UTC, half-life 90 days.
    act (outside): a coffee every 14 days, 10 times, the last 3 days before T: active.
    cool (outside): a coffee every 14 days, 6 times, the last 40 days before T: overdue (40 > max(2.5 x 14, 21) = 35), not
      cold (40 <= 8 x 14 = 112), strength 2^(-40/90) x (1 - 2^(-84/90)) / (1 - 2^(-14/90)) = 3.43: cooling, a warm tie.
    lapsed (outside): a weekly coffee, 20 times, the last 70 days before T: strength 7.3 >= 0.5, but silent past
      8 x max(7, 8.4) = 67.2 days: cold by its rhythm; a close contact, not a warm tie.
    cleo (colleague): a weekly internal call, 20 times, the last 2 days before T, and a call with dan 9 days before T:
      internal work only.
    dan (colleague) and olu (client): three reviews together (one-to-many) 25, 65 and 105 days before T, strength
      0.3 x (2^(-25/90) + 2^(-65/90) + 2^(-105/90)) = 0.563, rhythm 40 days: active; dan also at weekly internal calls.
    weak (outside): one coffee 200 days before T: strength 2^(-200/90) = 0.21: cold."""
    T = pd.Timestamp("2025-06-30T10:00Z")
    rows = [(f"a{k}", 3 + 14 * k, "coffee", "act") for k in range(10)]
    rows += [(f"k{k}", 40 + 14 * k, "coffee", "cool") for k in range(6)]
    rows += [(f"l{k}", 70 + 7 * k, "coffee", "lapsed") for k in range(20)]
    rows += [(f"c{k}", 2 + 7 * k, "call", "cleo") for k in range(20)] + [("cd", 9, "call", "cleo;dan")]
    rows += [(f"d{k}", 1 + 7 * k, "call", "dan") for k in range(20)]
    rows += [(f"r{k}", d, "meeting", "dan;olu") for k, d in enumerate((25, 65, 105))] + [("w0", 200, "coffee", "weak")]
    ids = ["act", "cool", "lapsed", "cleo", "dan", "olu", "weak"]
    contacts = pd.DataFrame({"contact_id": ids, "name": [i.title() for i in ids],
                             "email": [f"{i}@{'acme' if i in ('cleo', 'dan') else 'out'}.example" for i in ids]})
    meetings = pd.DataFrame({"meeting_id": [r[0] for r in rows], "start": [(T - pd.Timedelta(days=r[1])).isoformat() for r in rows],
                             "duration_min": 45, "channel": [r[2] for r in rows], "attendees": [r[3] for r in rows]})
    return netlib.from_frames(contacts, meetings, me="sara@acme.example"), T


def test_warm_means_one_thing_on_every_page_hand_worked():
    import matplotlib.pyplot as plt

    from netlib import plots

    net, T = _warm_network()
    st = decay.status(net, as_of=T, half_life_days=90)
    assert st["status"].to_dict() == {"act": "active", "cool": "cooling", "lapsed": "cold", "cleo": "internal",
                                      "dan": "active", "olu": "active", "weak": "cold"}
    assert st.loc["cool", "strength"] == pytest.approx(2 ** (-40 / 90) * (1 - 2 ** (-84 / 90)) / (1 - 2 ** (-14 / 90)))
    assert st.loc["dan", "strength"] == pytest.approx(0.3 * sum(2 ** (-d / 90) for d in (25, 65, 105)))
    # cleo: no networking strength, her dates those of the internal work, never going cold
    assert st.loc["cleo", "strength"] == 0 and st.loc["cleo", "meetings"] == 21 and st.loc["cleo", "silence_days"] == pytest.approx(2)
    assert np.isnan(st.loc["cleo", "days_to_cold"]) and pd.isna(st.loc["cleo", "cold_on"])
    # the front page, the decay page (active + cooling) and the warm ties: 4, never cleo, always cool
    from netlib.headline import headline

    front = headline(net, as_of=T, half_life_days=90)["warm_ties"]
    assert front == decay.warm_ties(net, as_of=T, half_life_days=90) == (st["status"] == "active").sum() + (st["status"] == "cooling").sum() == 4
    assert decay.warm_ties(net, as_of=T, half_life_days=90, networking=False) == 5  # with cleo
    # the reach page: close contacts (strength >= 0.5) are the 4 warm ties and lapsed, as strong but silent past its rhythm
    r = netlib.referral_reach(net, as_of=T, half_life_days=90)
    assert sorted(r.index[r["distance"] == 1]) == ["act", "cool", "dan", "lapsed", "olu"]
    assert r.attrs["note"].startswith("5 close contacts (strength 0.5 or more), and nobody beyond them")
    G = netlib.ego_graph(net, as_of=T, half_life_days=90)
    assert "cleo" not in G and "cleo" not in r.index  # no networking tie: not even at distance 2 through dan
    warm = st.index[st["status"].isin(decay.WARM_STATUSES)]
    assert set(warm) <= set(r.index[r["distance"] == 1])
    # the strength curves and the histogram: networking strength, its legend splitting the close contacts as the pages do
    s = netlib.tie_strength(net, as_of=T, half_life_days=90)
    assert s["cleo"] == 0 and s["dan"] == pytest.approx(st.loc["dan", "strength"]) and netlib.tie_strength(net, T, 90, networking=False)["cleo"] > 1
    curve = netlib.strength_over_time(net, ["cleo", "dan"], end=T, freq="D", half_life_days=90)
    assert (curve["cleo"] == 0).all() and curve["dan"].iloc[-1] == pytest.approx(st.loc["dan", "strength"], rel=0.01)
    assert netlib.layer_of(net, T, 90)["cleo"] == "none"
    ax = plots.plot_strength_distribution(s, status=st)
    assert ax.get_legend().get_texts()[0].get_text() == "warm threshold 0.5: 5 close contacts at or above it\n4 warm ties, 1 silent past their rhythm"
    plt.close("all")
    # the next steps: cool is overdue; cleo, met only at internal work, never a step
    assert "cleo" not in netlib.next_steps(net, as_of=T, half_life_days=90).index


def test_going_cold_without_an_organisation_is_unchanged():
    net, T = _colleagues_network()
    net.me = netlib.Me("Ada", ("ada@gmail.com",))  # no organisation: every meeting is networking
    assert "cleo" in decay.going_cold(net, as_of=T, limit=100).index


# --- the rooms and the fitter ---------------------------------------------------------------------

def test_the_half_life_fitter_is_the_fit_in_the_lifelines_style():
    net = netlib.load_sample()
    fitter = decay.HalfLifeFitter().fit(net)
    fit = decay.fit_half_life(net)  # the same fit, kept on the network once for both
    assert len([k for k in net._facts if k.startswith("fit_half_life")]) == 1
    assert list(fitter.summary.index) == ["half_life_days", "beta_per_day"]
    assert list(fitter.summary.columns) == ["coef", "coef lower 95%", "coef upper 95%"]
    assert fitter.summary.loc["half_life_days"].tolist() == [fit.half_life_days, fit.ci_low, fit.ci_high]
    assert fitter.summary.loc["beta_per_day", "coef"] == fit.beta_per_day == fitter.beta_per_day_
    ci = fitter.confidence_interval_
    assert list(ci.columns) == ["95% lower-bound", "95% upper-bound"] and list(ci.index) == ["half_life_days"]
    assert ci.loc["half_life_days"].tolist() == [fit.ci_low, fit.ci_high]
    assert fitter.half_life_days_ == fit.half_life_days and fitter.identifiable_ and fitter.note_ == fit.note
    assert (fitter.n_events_, fitter.n_contacts_) == (fit.n_events, fit.n_contacts)
    assert fitter.log_likelihood_ == fitter.profile_["loglik"].max()
    pd.testing.assert_frame_equal(fitter.profile_, fit.profile)
    assert repr(fitter.result_) == repr(fit) and repr(fitter).startswith("<netlib.decay.HalfLifeFitter: HalfLifeFit(")
    # the options are the function's, checked when the fitter is made; the data's limits when it fits
    part = decay.HalfLifeFitter(max_contacts=300).fit(net)
    assert part.half_life_days_ == decay.fit_half_life(net, max_contacts=300).half_life_days and "sample of 300" in part.note_
    with pytest.raises(netlib.ArgumentError, match=r"^HalfLifeFitter\(\): grid"):
        decay.HalfLifeFitter(grid=[0, 30])
    with pytest.raises(netlib.ArgumentError, match=r"^HalfLifeFitter.fit\(\): net must be a Network"):
        decay.HalfLifeFitter().fit(None)
    with pytest.raises(ValueError, match="too few"):
        decay.HalfLifeFitter().fit(small_net([("m1", 0, ["a"]), ("m2", 5, ["a"])]))
    with pytest.raises(AttributeError, match="before fit"):
        decay.HalfLifeFitter().summary  # noqa: B018


def test_a_fitter_on_a_fixed_schedule_says_so_and_estimates_nothing():
    meets = [(f"a{k}", 7 * k, ["a"]) for k in range(60)] + [(f"b{k}", 3 + 14 * k, ["b"]) for k in range(30)]
    meets += [(f"c{k}", 5 + 30 * k, ["c"]) for k in range(14)]
    fitter = decay.HalfLifeFitter().fit(small_net(meets, contacts=("a", "b", "c", "d")))
    assert not fitter.identifiable_ and fitter.summary["coef"].isna().all() and "fixed schedule" in fitter.note_


#: Every name code, notebooks and tests reach through netlib.decay (``netlib.decay.X``, ``from
#: netlib.decay import X``), the public ones and the few private ones other modules use.
USED_NAMES = ["DEFAULT_WEIGHTS", "HalfLife", "choose_half_life", "WARM_THRESHOLD", "assumptions", "meeting_weights", "tie_strength",
              "strength_over_time", "status", "warm_ties", "WARM_STATUSES", "going_cold", "COOLING_K", "COLD_K", "OVERDUE_FLOOR_DAYS",
              "peak_strength", "dormant_ties", "next_steps", "DUNBAR_LAYERS", "layer_of", "layers", "survival", "survival_data",
              "fit_half_life", "HalfLifeFit", "HalfLifeFitter", "half_life_note", "Note", "MAX_INTERVAL_RATIO", "STRENGTH_CELLS",
              "FIT_MAX_CONTACTS", "FIT_MAX_GRID", "decayed_cumsum", "_events", "_verbs", "_as_of"]


def test_every_name_reached_through_decay_is_there_and_says_it_is_decays():
    import importlib

    module = importlib.import_module("netlib.decay")
    assert [n for n in USED_NAMES if not hasattr(module, n)] == []
    for name in module.__all__:  # a public function or class names the package, not its room
        obj = getattr(module, name)
        if callable(obj) and getattr(obj, "__module__", "").startswith("netlib.decay"):
            assert obj.__module__ == "netlib.decay", name
    assert netlib.decay.status is netlib.status and callable(netlib.decay.status)  # the function, never a room


def test_the_rooms_of_decay_are_short():
    import ast
    from pathlib import Path

    for path in sorted(Path(decay.__file__).parent.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 800, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno + 1 <= 100, f"{path.name}: {node.name}"


def test_the_notes_of_decay_count_in_words():
    # #31: one tie, one relationship, one more: singular; several: plural
    weekly = [(f"g{k}", 1329 + 7 * k, ["g"]) for k in range(39)]  # weekly, silent 30 days: overdue
    once = [("f0", 1615, ["f"])]  # met once, 10 days ago: goes cold within 90 days
    as_of = day(1625)
    net = small_net(weekly + once, contacts=("f", "g"))
    assert str(decay.going_cold(net, as_of=as_of, half_life_days=90, limit=1).attrs["note"]) == \
        "1 tie is overdue and 1 more goes cold within 90 days; the most urgent is listed, 1 more is left out."
    more = [(f"h{k}", 1330 + 7 * k, ["h"]) for k in range(39)] + [("i0", 1616, ["i"]), ("j0", 1617, ["j"])]
    net = small_net(weekly + once + more, contacts=("f", "g", "h", "i", "j"))
    assert str(decay.going_cold(net, as_of=as_of, half_life_days=90, limit=2).attrs["note"]) == \
        "2 ties are overdue and 3 more go cold within 90 days; the 2 most urgent are listed, 3 more are left out."
    three = small_net([("a1", 0, ["a"]), ("a2", 10, ["a"]), ("b1", 680, ["b"]), ("c1", 0, ["c"]), ("c2", 30, ["c"])], contacts=("a", "b", "c"))
    assert str(decay.survival(three, as_of=day(700)).attrs["note"]) == \
        "2 of 3 relationships ended (went 1 year without contact); the other is still going."
    one = small_net([("a1", 0, ["a"]), ("a2", 10, ["a"])], contacts=("a",))
    assert str(decay.survival(one, as_of=day(700)).attrs["note"]) == "1 of 1 relationship ended (went 1 year without contact)."
    assert str(decay.survival(one, as_of=day(100)).attrs["note"]).startswith(
        "No relationship has ended in your data: your one relationship has not gone 1 year without contact")
    dormant = small_net([("a1", 0, ["a"]), ("a2", 10, ["a"]), ("d1", 1200, ["d"])], contacts=("a", "d"))
    assert str(decay.dormant_ties(dormant, half_life_days=90).attrs["note"]) == "1 tie you once met has been silent for 3 years or more."
    dormant = small_net([("a1", 0, ["a"]), ("c1", 5, ["c"]), ("d1", 1200, ["d"])], contacts=("a", "c", "d"))
    assert str(decay.dormant_ties(dormant, half_life_days=90).attrs["note"]) == \
        "2 ties you once met have been silent for 3 years or more, the most valuable first."


def test_a_tie_met_on_one_day_is_said_to_be_met_once_on_that_day():
    net = small_net([("f0", 100, ["a"]), ("b0", 0, ["b"]), ("b1", 30, ["b"]), ("b2", 60, ["b"])], contacts=("a", "b"))
    reasons = decay.going_cold(net, as_of=day(110), half_life_days=90, horizon_days=365).set_index("name")["reason"]
    assert reasons["A"].startswith("met once, on ") and " until " not in reasons["A"]
    assert reasons["B"].startswith("met every month until ")
    dormant = small_net([("d0", 0, ["d"]), ("d1", 30, ["d"]), ("e0", 10, ["e"]), ("x", 1500, ["x"])], contacts=("d", "e", "x"))
    said = decay.dormant_ties(dormant, as_of=day(1500)).set_index("name")["reason"]
    assert said["D"].startswith("met twice, 4 weeks apart, the last in ") and said["E"].startswith("met once, in ")
    two = small_net([("c0", 0, ["c"]), ("c1", 100, ["c"])], contacts=("c",))
    reason = decay.going_cold(two, as_of=day(130), half_life_days=90, horizon_days=365)["reason"].iloc[0]
    assert reason.startswith("met twice, 3 months apart, the last on ")  # one gap is no rhythm: not "every 3 months"


def test_the_front_pages_going_cold_is_the_next_steps_count():
    """One count of the ties to get in touch with: the front page's card is going_cold's total (overdue,
    or cold within the horizon, judged by networking meetings alone), as the next-steps page says it."""
    from netlib.headline import headline

    net = netlib.load_sample()
    h = headline(net)
    days = decay.choose_half_life(net).days
    g = decay.going_cold(net, half_life_days=days, limit=5)
    assert h["going_cold"] == g.attrs["total"] > len(g)
    n_over = int((decay.going_cold(net, half_life_days=days, limit=10_000)["status"] == "cooling").sum())
    assert f"{n_over} ties are overdue and {h['going_cold'] - n_over} more go cold" in g.attrs["note"]


def test_survival_counts_networking_ties_only():
    # tests/test_org.py's network without x1: Cleo is met only at internal work (i1, i2), Dan at internal
    # work first (i2, day 7) and at a talk (x3, day 28): Cleo is no tie, Dan's starts at the talk
    from .test_org import CONTACTS, MEETINGS

    net = netlib.from_frames(CONTACTS, MEETINGS[MEETINGS["meeting_id"] != "x1"], me="sara@acme.example")
    data = netlib.decay.survival_data(net, as_of="2024-03-01")
    assert "cleo" not in data.index and {"dan", "olu", "pat", "nia"} <= set(data.index)
    # not ended (silent 32 days, under a year): censored at as_of, 1 Mar 00:00 less the talk's 29 Jan 10:00
    assert data.loc["dan", "duration_days"] == pytest.approx(31 + 14 / 24) and data.loc["dan", "ended"] == 0
    assert data.loc["dan", ["first_mode", "first_channel"]].tolist() == ["one_to_many", "talk"]
