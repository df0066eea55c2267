"""netlib.backtest: what netlib would have said at a cut, scored against what happened next."""

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.decay import auc, average_precision, backtest, contact_chance

DAY0 = pd.Timestamp("2023-01-02T10:00Z")
CUT = DAY0 + pd.Timedelta(days=400)


def _weekly(ids: list[str], first: int, last: int, tag: str) -> list[dict]:
    """One meeting a week with all of ``ids`` from day ``first`` to day ``last``."""
    return [{"meeting_id": f"{tag}{d}", "start": (DAY0 + pd.Timedelta(days=d)).isoformat(), "duration_min": 60,
             "channel": "breakfast club", "attendees": ";".join(ids), "audience": ""} for d in range(first, last + 1, 7)]


def _hand() -> netlib.Network:
    """Four groups of 20 ties, met weekly (days 0, 7, ...):

    * A until day 294, then never; C until day 147, then never (not met after the cut);
    * B until the end (day 602), met again after the cut at day 400;
    * D with B until day 399, then never: at the cut B and D look the same;
    * one more contact, met once (too little history to score).
    """
    g = {k: [f"{k}{i:02d}" for i in range(20)] for k in "ABCD"}
    rows = (_weekly(g["A"], 0, 294, "a") + _weekly(g["C"], 0, 147, "c") + _weekly(g["B"] + g["D"], 0, 399, "bd")
            + _weekly(g["B"], 406, 602, "b") + _weekly(["once"], 35, 35, "o"))
    ids = [i for k in "ABCD" for i in g[k]] + ["once"]
    contacts = pd.DataFrame({"contact_id": ids, "name": [f"Person {i}" for i in ids]})
    return netlib.from_frames(contacts, pd.DataFrame(rows))


def _pairwise_auc(y, s) -> float:
    pos, neg = s[y], s[~y]
    return float(np.mean([(p > n) + 0.5 * (p == n) for p, n in itertools.product(pos, neg)]))


def _loop_ap(y, s) -> float:
    """Average precision, one distinct threshold at a time (a loop, independent of the kernel)."""
    total, ap, prev_recall = y.sum(), 0.0, 0.0
    for thr in sorted(set(s), reverse=True):
        top = s >= thr
        recall = (y & top).sum() / total
        ap += (recall - prev_recall) * (y & top).sum() / top.sum()
        prev_recall = recall
    return ap


@pytest.mark.parametrize("seed", range(5))
def test_scores_match_independent_computations(seed):
    rng = np.random.default_rng(seed)
    y = rng.random(60) < 0.4
    s = np.round(rng.random(60) + 0.3 * y, 1)  # rounded: many ties in score
    assert auc(y, s) == pytest.approx(_pairwise_auc(y, s))
    assert average_precision(y, s) == pytest.approx(_loop_ap(y, s))


def test_hand_network_scores_are_worked_out_exactly():
    bt = backtest(_hand(), at=CUT)
    s = bt.scores.set_index(["task", "model", "metric"])["value"]
    # every model ranks B (met again) above A and C (never again) and cannot tell B from D (the same
    # past): AUC = (20*20 + 20*20 + 20*20*0.5) / (20 * 60); at the top B and D tie, half met again
    for model in ("netlib forecast", "netlib strength", "recency", "frequency", "every 30 days", "every 90 days"):
        assert s["contact", model, "auc"] == pytest.approx(1000 / 1200), model
        assert s["contact", model, "average_precision"] == pytest.approx(0.5), model
    # the warm ties at the cut are B and D (A and C are silent past eight times their weekly gap):
    # netlib lists them all as going cold within 90 days (a weekly tie silent eight weeks is cold),
    # and D went silent: precision 20/40, recall 1; half of them are still warm 182 days on
    assert s["going cold", "netlib forecast", "precision"] == pytest.approx(0.5)
    assert s["going cold", "netlib forecast", "recall"] == pytest.approx(1.0)
    assert s["going cold", "netlib forecast", "stayed_warm"] == pytest.approx(0.5)
    assert s["going cold", "every 30 days", "recall"] == 0  # silent one day: no cadence is overdue
    lo = bt.left_out.iloc[0]
    assert (lo["ties_known"], lo["too_little_history"], lo["scored"]) == (81, 1, 80)
    o = bt.outcomes.set_index("contact_id")
    assert o.loc["B00", "met_again"] and not o.loc["D00", "met_again"]
    # the forecast's facts are the same for B and D (57 meetings after the first, the last a day before the
    # cut); A (42 after the first, silent 106 days: 15 weekly gaps) lies between B and C (21, silent 253 days:
    # 36 gaps) on each of them: BG/NBD's chance (0.99, 3e-5, 5e-14: its odds of having ended grow with
    # ((alpha + age) / (alpha + t_x)) ** (r + x)), log silence and log silence over the gap; the weights learnt
    # at days 218 and 127 (A and B met again after, C not after 218) are +0.09, -0.65 and -1.02, all ranking
    # the same way, so B = D > A > C
    assert o.loc["B00", "forecast"] == o.loc["D00", "forecast"] > o.loc["A00", "forecast"] > o.loc["C00", "forecast"]


def test_the_future_never_reaches_what_netlib_said():
    """What netlib said at the cut comes from the past alone: dropping every meeting after the cut
    changes the outcomes, never the forecast, strength or status."""
    net = _hand()
    past = netlib.from_frames(net.contacts.reset_index()[["contact_id", "name"]],
                              _meetings_until(net, CUT))
    a = backtest(net, at=CUT, half_life_days=90).outcomes.set_index("contact_id")
    b = contact_chance(past, as_of=CUT, half_life_days=90)
    assert np.allclose(a["forecast"], b.loc[a.index], equal_nan=True)
    st = netlib.status(past, as_of=CUT, half_life_days=90)
    assert (a["status"] == st.loc[a.index, "status"]).all()


def _meetings_until(net: netlib.Network, t: pd.Timestamp) -> pd.DataFrame:
    m = net.meetings[net.meetings["start"] <= t].reset_index()
    who = net.attendance.groupby("meeting_id")["contact_id"].agg(";".join)
    return pd.DataFrame({"meeting_id": m["meeting_id"], "start": m["start"].astype(str), "duration_min": m["duration_min"],
                         "channel": m["channel"], "attendees": m["meeting_id"].map(who).fillna(""), "audience": ""})


def test_rolling_cuts_summary_and_calibration_on_the_sample():
    bt = backtest(netlib.load_sample())
    cuts = bt.scores["cut"].nunique()
    assert cuts == 8 and (bt.summary["cuts"] <= cuts).all()
    assert (bt.summary["low"] <= bt.summary["mean"]).all() and (bt.summary["mean"] <= bt.summary["high"]).all()
    assert bt.calibration["ties"].sum() == len(bt.outcomes)
    assert bt.left_out["scored"].sum() == len(bt.outcomes)
    assert (bt.left_out["ties_known"] == bt.left_out["too_little_history"] + bt.left_out["scored"]).all()
    assert "AUC" in str(bt.note) and len(bt.margin("recency")) == cuts


def test_too_short_a_history_is_said_not_scored():
    net = netlib.generate(seed=1, years=1)
    bt = backtest(net)
    assert bt.scores.empty and bt.outcomes.empty
    assert "needs 18 months of history" in str(bt.note)


def test_contact_chance_is_a_probability_where_a_rhythm_is_known():
    net = netlib.load_sample()
    p = contact_chance(net)
    met = netlib.status(net)["meetings"]
    assert p.dropna().between(0, 1).all()
    assert p[met < 2].isna().all()


def test_bgnbd_chance_is_worked_out_by_hand():
    from netlib.decay._backtest import _meeting_chance

    params = np.array([1.0, 10.0, 1.0, 3.0])  # r, alpha, a, b
    x, t_x, age = np.array([2.0, 0.0, 1.0]), np.array([20.0, 0.0, 10.0]), np.array([20.0, 20.0, 20.0])
    # met 3 times, the last today: alive 1 / (1 + a / (b + x - 1) * ((alpha + age) / (alpha + t_x)) ** (r + x))
    #   = 1 / (1 + 1/4 * 1) = 0.8; met within 10 days if alive: 1 - (30 / 40) ** 3 = 37/64; 0.8 * 37/64 = 0.4625
    # met once, 20 days ago: alive (no meeting to end after); 1 - (30 / 40) ** 1 = 0.25
    # met twice, the last 10 days ago: alive 1 / (1 + 1/3 * (30 / 20) ** 2) = 1 / 1.75; (1 - (30 / 40) ** 2) / 1.75 = 0.25
    assert _meeting_chance(params, x, t_x, age, 10.0) == pytest.approx([0.4625, 0.25, 0.25])


def test_bgnbd_likelihood_by_distinct_count_is_the_likelihood_tie_by_tie():
    # the fit computes the terms of a count once per distinct count: the very same numbers, bit for bit
    from netlib.decay._backtest import _bgnbd_loglik

    rng = np.random.default_rng(5)
    x = rng.poisson(3.0, 500).astype(float)
    age = rng.uniform(30, 900, 500)
    t_x = np.where(x > 0, age * rng.uniform(0, 1, 500), 0.0)
    for log_params in (np.log([1.0, 10.0, 1.0, 3.0]), np.array([-6.5, 11.0, 6.9, -7.0]), rng.normal(0, 2, 4)):
        plain = _bgnbd_loglik(log_params, x, t_x, age)
        assert np.array_equal(_bgnbd_loglik(log_params, x, t_x, age, np.unique(x, return_inverse=True)), plain)
        assert np.isfinite(plain).all()


def test_bgnbd_fit_recovers_the_numbers_it_was_simulated_with():
    from netlib.decay._backtest import _fit_bgnbd

    rng = np.random.default_rng(3)
    r, alpha, a, b, n, age = 2.0, 40.0, 1.0, 4.0, 4000, 730.0
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):  # a loop over simulated ties: the plain story the model tells, no kernel
        t = 0.0
        while True:
            t += rng.exponential(1 / lam[i])
            if t > age:
                break
            x[i], t_x[i] = x[i] + 1, t
            if rng.random() < p[i]:
                break
    got = _fit_bgnbd(x, t_x, np.full(n, age))
    assert got[0] / got[1] == pytest.approx(r / alpha, rel=0.15)  # the mean rate
    assert got[2] / (got[2] + got[3]) == pytest.approx(a / (a + b), rel=0.15)  # the mean chance of ending


def test_the_going_cold_flags_are_netlibs_going_cold_list():
    net = netlib.load_sample()
    cut = pd.Timestamp("2025-06-02T00:00Z")
    bt = backtest(net, at=cut, half_life_days=90)
    listed = netlib.decay.going_cold(net, as_of=cut, half_life_days=90, limit=100_000)
    o = bt.outcomes.set_index("contact_id")
    assert o["going_cold"].sum() > 10 and (o["going_cold"] == o.index.isin(listed.index)).all()
    assert set(o.index[o["this_week"]]) == set(listed.index[:10]) & set(o.index)


def test_a_past_too_small_to_learn_from_gives_no_chance():
    net, early = _hand(), DAY0 + pd.Timedelta(days=200)  # the learning date (day 18) has no quarter of history
    assert contact_chance(net, as_of=early, half_life_days=90).isna().all()
    assert contact_chance(net, as_of=CUT, half_life_days=90).notna().sum() == 80


def test_learnt_weights_point_the_way_their_facts_do(monkeypatch):
    # the realistic consultant's past holds 3 ties not met again among 220: learnt freely, the weights of
    # silence and of silence over the gap came out positive (+0.16, +0.49) and the forecast grew with
    # silence. Three are too few to learn from (MIN_EACH = 5: no weights); allowed to, a weight that would
    # make the forecast grow with silence (b2 > 0, or b2 + b3 > 0: the slope in silence s is
    # b2 / (1 + s) + b3 / (gap + s), gap >= 1) or fall with the BG/NBD chance (b1 < 0) is left out
    from netlib.decay import _backtest

    net = netlib.load(Path(__file__).parent / "data" / "consultant", me="ada@example.org", tz="America/New_York")
    ev = netlib.decay._strength._event_arrays(net, np.inf, networking=True)[:2]
    cut = pd.Timestamp("2025-07-01", tz="UTC")
    assert _backtest._learnt(net, cut, 90, 182, ev) is None
    monkeypatch.setattr(_backtest, "MIN_EACH", 1)
    beta = _backtest._learnt(net, cut, 90, 182, ev)
    assert beta is None or (beta[1] >= 0 and beta[2] <= 0 and beta[2] + beta[3] <= 0), beta  # None: no fact kept


def test_each_cut_left_out_says_why():
    # the realistic consultant: 64 of 66 ties met again after the July cut, 63 of 64 after April's
    bt = backtest(netlib.load(Path(__file__).parent / "data" / "consultant", me="ada@example.org", tz="America/New_York"))
    assert bt.scores.empty and (bt.left_out["not_scored"] == "too few ties").all()
    assert "with at least 5 of them met again in the next 6 months and 5 not" in str(bt.note)
    # the hand network cut at day 200: enough ties, but its one learning date has no quarter of history
    early = backtest(_hand(), at=DAY0 + pd.Timedelta(days=200), half_life_days=90)
    assert early.left_out["not_scored"].tolist() == ["too little past to learn from"]
    assert str(early.note).startswith("Not scored: the forecast learns from your past")
    assert (backtest(_hand(), at=CUT).left_out["not_scored"] == "").all()
