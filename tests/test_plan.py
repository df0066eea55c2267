"""What if: plans simulated forward from a person's own history; hand-worked limits."""

import pytest

import netlib
from netlib.plan import learn


@pytest.fixture(scope="module")
def sample():
    return netlib.load_sample()


def _warm(table):
    return table[table["metric"] == "warm ties"].set_index("month")


def test_no_hours_is_pure_decay(sample):
    L = learn(sample, half_life_days=90)
    t = netlib.plan(sample, 0, {"one_to_one": 1.0}, months=4, runs=30, learnt=L)
    s0 = netlib.tie_strength(sample, half_life_days=90).to_numpy()
    d = 2 ** (-30.44 / 90)
    want = [int((s0 * d**m >= 0.5).sum()) for m in range(1, 5)]
    w = _warm(t)
    assert w["median"].tolist() == want and (w["low"] == w["high"]).all()  # no chance involved: one answer
    assert (t.loc[t["metric"] == "new people", "median"] == 0).all()


def test_one_to_one_hours_keep_exactly_the_named_people_warm(sample):
    L = learn(sample, half_life_days=90)
    s0 = netlib.tie_strength(sample, half_life_days=90)
    targets = list(s0.sort_values().index[:3])  # the three weakest ties: cold without the plan
    t = netlib.plan(sample, 3 * L.one_to_one_hours, {"one_to_one": 1.0}, targets=targets, months=5, runs=10, learnt=L)
    d = 2 ** (-30.44 / 90)
    others = s0.drop(targets).to_numpy()
    want = [3 + int((others * d**m >= 0.5).sum()) for m in range(1, 6)]  # a meeting a month each: strength >= 1
    assert _warm(t)["median"].tolist() == want


def test_plans_compare_from_one_history_and_are_drawn_as_fans(sample):
    import matplotlib

    matplotlib.use("Agg")
    plans = {"one-to-one": {"hours_per_month": 10, "mix": {"one_to_one": 1.0}},
             "events": {"hours_per_month": 10, "mix": {"one_to_many": 1.0}}}
    t = netlib.compare_plans(sample, plans, months=6, runs=60, seed=1)
    new = t[t["metric"] == "new people"].pivot(index="month", columns="plan", values="median")
    assert (new["one-to-one"] == 0).all() and new["events"].iloc[-1] > 0  # only group meetings bring new people
    assert (t["low"] <= t["median"]).all() and (t["median"] <= t["high"]).all()
    again = netlib.compare_plans(sample, plans, months=6, runs=60, seed=1)
    assert again.drop(columns="date").equals(t.drop(columns="date"))  # the same seed, the same table
    ax = netlib.plots.plot_plans(t, metric="new people")
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["one-to-one", "events"]
    assert set(t.attrs["learnt"].table().index) >= {"half-life (days)", "chance a person met at a group meeting is new"}


@pytest.mark.parametrize("mix", [{"one_to_one": 0.5}, {"coffee": 1.0}, {"one_to_one": -1, "one_to_many": 2}, {}])
def test_a_mix_that_is_not_one_whole_is_refused(sample, mix):
    with pytest.raises(netlib.ArgumentError, match="mix"):
        netlib.plan(sample, 10, mix, months=1, runs=1)
