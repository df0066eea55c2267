"""What if: plans simulated forward from a person's own history; hand-worked limits."""

import numpy as np
import pandas as pd
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
    L.intro_rate = 0.0  # nobody introduced either: what is left is decay
    t = netlib.plan(sample, 0, {"one_to_one": 1.0}, months=4, runs=30, learnt=L, uncertain=False)
    s0 = netlib.tie_strength(sample, half_life_days=90).to_numpy()
    d = 2 ** (-30.44 / 90)
    want = [int((s0 * d**m >= 0.5).sum()) for m in range(1, 5)]
    w = _warm(t)
    assert w["median"].tolist() == want and (w["low"] == w["high"]).all()  # no chance involved: one answer
    assert (t.loc[t["metric"] == "new people", "median"] == 0).all()


def test_one_to_one_hours_keep_exactly_the_named_people_warm(sample):
    L = learn(sample, half_life_days=90)
    L.intro_rate = 0.0
    s0 = netlib.tie_strength(sample, half_life_days=90)
    targets = list(s0.sort_values().index[:3])  # the three weakest ties: cold without the plan
    t = netlib.plan(sample, 3 * L.one_to_one_hours, {"one_to_one": 1.0}, targets=targets, months=5, runs=10, learnt=L, uncertain=False)
    d = 2 ** (-30.44 / 90)
    others = s0.drop(targets).to_numpy()
    want = [3 + int((others * d**m >= 0.5).sum()) for m in range(1, 6)]  # a meeting a month each, any day: >= 2**(-30.44/90)
    assert _warm(t)["median"].tolist() == want


def test_plans_compare_from_one_history_and_are_drawn_as_fans(sample):
    import matplotlib

    matplotlib.use("Agg")
    plans = {"one-to-one": {"hours_per_month": 10, "mix": {"one_to_one": 1.0}},
             "events": {"hours_per_month": 10, "mix": {"one_to_many": 1.0}}}
    t = netlib.compare_plans(sample, plans, months=6, runs=60, seed=1)
    new = t[t["metric"] == "new people"].pivot(index="month", columns="plan", values="median")
    assert (new["events"] > new["one-to-one"]).all()  # group meetings bring new people; one-to-ones only through introductions
    assert (t["low"] <= t["median"]).all() and (t["median"] <= t["high"]).all()
    again = netlib.compare_plans(sample, plans, months=6, runs=60, seed=1)
    assert again.drop(columns="date").equals(t.drop(columns="date"))  # the same seed, the same table
    ax = netlib.plots.plot_plans(t, metric="new people")
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["one-to-one", "events"]
    assert set(t.attrs["learnt"].table().index) >= {"half-life (days)", "chance a person met at a group meeting is new"}


@pytest.mark.parametrize("mix", [{"one_to_one": 0.5}, {"knitting": 1.0}, {"one_to_one": -1, "one_to_many": 2}, {}])
def test_a_mix_that_is_not_one_whole_is_refused(sample, mix):
    with pytest.raises(netlib.ArgumentError, match="mix"):
        netlib.plan(sample, 10, mix, months=1, runs=1)


@pytest.fixture(scope="module")
def channels(tmp_path_factory):
    """Two meetups of 4 strangers each (everyone new there), a coffee of 30 minutes with each of 3 old contacts."""
    d = tmp_path_factory.mktemp("channels")
    people = [f"p{i}" for i in range(8)] + ["a", "b", "c"]
    (d / "contacts.csv").write_text("contact_id,name,email,company,title,tags,source,connected_on,introduced_by\n"
                                    + "".join(f"{p},Person {p},{p}@x.example,,,{'prospect' if p in ('p0', 'p4') else ''},,,\n"
                                              for p in people))
    rows = ["m1,2025-01-10T18:00:00Z,2025-01-10T20:00:00Z,meetup,Meetup,,p0;p1;p2;p3,",
            "m2,2025-02-10T18:00:00Z,2025-02-10T20:00:00Z,meetup,Meetup,,p4;p5;p6;p7,",
            "m3,2025-02-20T09:00:00Z,2025-02-20T09:30:00Z,coffee,Coffee,,a,",
            "m4,2025-02-21T09:00:00Z,2025-02-21T09:30:00Z,coffee,Coffee,,b,",
            "m5,2025-02-22T09:00:00Z,2025-02-22T09:30:00Z,coffee,Coffee,,c,"]
    (d / "meetings.csv").write_text("meeting_id,start,end,channel,title,location,attendees,audience\n" + "\n".join(rows) + "\n")
    return netlib.load(d)


def test_a_channel_brings_what_it_brought_you(channels):
    L = learn(channels, half_life_days=60, segment="prospect")
    meetup, coffee = L.kinds["meetup"], L.kinds["coffee"]
    assert (meetup.mode, meetup.hours, meetup.p_new, meetup.segment_share_new) == ("one_to_many", 2.0, 1.0, 0.25)
    assert (coffee.mode, coffee.hours) == ("one_to_one", 0.5)
    # 4 hours a month of meetups: two meetups of four people, every one new, a quarter of them prospects
    t = netlib.plan(channels, 4, {"meetup": 1.0}, months=2, runs=5, learnt=L, uncertain=False).set_index(["metric", "month"])["median"]
    assert t[("new people", 1)] == 8 and t[("new people", 2)] == 16 and t[("segment reached", 2)] == 4
    # 1.5 hours a month of coffee: three half-hour coffees, one with each target
    t = netlib.plan(channels, 1.5, {"coffee": 1.0}, targets=["a", "b", "c"], months=2, runs=5, learnt=L, uncertain=False)
    assert t[t["metric"] == "new people"]["median"].eq(0).all()
    assert t[(t["metric"] == "people reached")]["median"].tolist() == [3, 3]
    assert {"coffee: counts as", "meetup: chance a person met at a group meeting is new"} <= set(L.table(["coffee", "meetup"]).index)


def test_warm_ties_introduce_people_at_your_own_rate(sample):
    # with no hours, the only new people are those introduced: their mean is rate x strength-days
    L = learn(sample, half_life_days=90)
    t = netlib.plan(sample, 0, {"one_to_one": 1.0}, months=1, runs=4000, learnt=L, seed=3, uncertain=False)
    s0 = netlib.tie_strength(sample, half_life_days=90).sum()
    want = L.intro_rate * s0 * 90 / np.log(2) * (1 - 2 ** (-30.44 / 90))  # the month's integral of decaying strength
    new = t[t["metric"] == "new people"]
    assert new["median"].iloc[0] == pytest.approx(round(want), abs=1)
    assert L.table().loc["people introduced a month per unit of tie strength", "value"] > 0


def test_a_plan_of_very_many_meetings_runs_fewer_futures_and_says_so(sample, monkeypatch):
    # the bound on the work counts a one-to-one as one person brought, a group meeting as its size
    L = learn(sample, half_life_days=90)
    monkeypatch.setattr(netlib.plan, "DRAWS_PER_MONTH", 2_000)
    plans = {"one-to-one": {"hours_per_month": 100 * L.kinds["one_to_one"].hours, "mix": {"one_to_one": 1.0}}}
    t = netlib.compare_plans(sample, plans, months=2, runs=200, seed=0)
    assert t.attrs["runs"] == 40 and t.attrs["runs_asked"] == 200  # 100 meetings a month: 2,000 // 100 = 20, at least MIN_RUNS
    assert "40 futures were run instead of 200" in netlib.plan.note(plans, t)
    small = netlib.plan(sample, L.kinds["one_to_one"].hours, {"one_to_one": 1.0}, months=2, runs=200, learnt=L)
    assert small.attrs["runs"] == 200


@pytest.fixture(scope="module")
def clubs(tmp_path_factory):
    """Two clubs of four members each, four meetings each: everyone new at a club's first meeting, nobody after."""
    d = tmp_path_factory.mktemp("clubs")
    people = [f"{c}{i}" for c in "ab" for i in range(4)]
    (d / "contacts.csv").write_text("contact_id,name,email\n" + "".join(f"{p},Person {p},{p}@x.example\n" for p in people))
    rows = [f"{c}{k},2025-0{k + 1}-{10 + (c == 'b'):02d}T18:00:00Z,2025-0{k + 1}-{10 + (c == 'b'):02d}T19:00:00Z,meetup,"
            f"Club {c},,{';'.join(f'{c}{i}' for i in range(4))}," for c in "ab" for k in range(4)]
    (d / "meetings.csv").write_text("meeting_id,start,end,channel,title,location,attendees,audience\n" + "\n".join(rows) + "\n")
    return netlib.load(d)


def test_a_group_meeting_brings_the_people_of_the_meeting_it_is_drawn_from(clubs):
    # drawn independently from everyone who came to any group meeting, a "club a" meeting once brought
    # club b's members as often as its own: no club kept its regulars
    k = learn(clubs, half_life_days=90).kinds["one_to_many"]
    ids = clubs.contacts.index
    rng = np.random.default_rng(0)
    pick = rng.integers(0, len(k.group_sizes), size=500)
    known = rng.integers(1, 5, size=500)
    came = netlib.plan._came_again(k, pick, known, len(ids), rng)
    clubs_of = ids[came].str[0].to_numpy()
    for i, block in enumerate(np.split(np.arange(len(came)), np.cumsum(known)[:-1])):
        assert len(set(came[block])) == known[i]  # nobody twice at one meeting
        assert set(clubs_of[block]) == {clubs.meetings.index[pick[i]][0]}  # the people of the meeting drawn
    assert set(ids[came[np.repeat(known == 4, known)]]) == set(ids)  # a whole meeting brings all its members


def test_each_future_draws_from_a_resample_of_your_group_meetings(clubs):
    # a quarter of the meetings brought four new people, the rest none: forty meetings a month bring
    # about forty new people; how many depends also on how well eight meetings show that quarter
    L = learn(clubs, half_life_days=90)
    new = {u: netlib.plan(clubs, 40 * L.kinds["one_to_many"].hours, {"one_to_many": 1.0}, months=1, runs=1000, seed=1,
                          learnt=L, uncertain=u).query("metric == 'new people'").iloc[0] for u in (False, True)}
    assert new[False]["low"] > 15 and new[True]["low"] == 0  # 0.75 ** 8 = 10% of resamples hold no first meeting
    assert new[True]["high"] > new[False]["high"]


@pytest.mark.parametrize("threads", [2, 3])
def test_a_plan_shared_out_between_threads_is_the_plan_worked_in_one(sample, monkeypatch, threads):
    # a month's group meetings bring thousands of people: the runs are shared out between threads,
    # each adding to its own rows; the same random numbers, so the same table
    L = learn(sample, half_life_days=90)
    args = dict(hours_per_month=40, mix={"one_to_many": 0.7, "one_to_one": 0.3}, months=3, runs=30, learnt=L, seed=5)
    monkeypatch.setattr(netlib.plan, "DRAWS_PER_BLOCK", 50)  # blocks of 50 people: every month threads
    monkeypatch.setattr(netlib.plan, "cores", lambda: 1)
    alone = netlib.plan(sample, **args)
    calls = []
    real = netlib.plan.run_threads
    monkeypatch.setattr(netlib.plan, "cores", lambda: threads)
    monkeypatch.setattr(netlib.plan, "run_threads", lambda parts: calls.append(len(parts)) or real(parts))
    pd.testing.assert_frame_equal(netlib.plan(sample, **args), alone)
    assert calls and set(calls) == {threads}
