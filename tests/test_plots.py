"""Charts: assertions on the artists, not pixels."""

import matplotlib.pyplot as plt
import pandas as pd
import numpy as np
import pytest

import netlib
from netlib import plots

from .hand import day, hand_network


@pytest.fixture
def net():
    return hand_network()


def test_functions_take_ax_and_return_it(sample):
    fig, ax = plt.subplots()
    assert plots.plot_reach_growth(netlib.reach_growth(sample), ax=ax) is ax
    # without ax: the current axes
    assert plots.plot_survival(netlib.survival(sample)) is plt.gca()


def test_reach_growth_layers_and_labels(net):
    ax = plots.plot_reach_growth(netlib.reach_growth(net))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["connected before meeting", "one-to-many", "one-to-one"]
    assert "people" in ax.get_ylabel()


def test_effort_bars_match_table(net):
    e = netlib.effort(net)
    ax = plots.plot_effort(e)
    heights = sorted(round(p.get_height(), 6) for p in ax.patches)
    expected = sorted(round(v, 6) for v in e[["people_per_hour", "new_people_per_hour", "warm_people_per_hour"]].to_numpy().ravel())
    assert heights == expected
    assert [t.get_text() for t in ax.get_xticklabels()] == ["people met", "new people", "close contacts kept"]
    assert "1.5 h" in ax.get_legend().get_texts()[1].get_text()


def test_segment_share_bars_and_overall_line(net):
    r = netlib.reach(net, by="mode", segment="prospect")
    ax = plots.plot_segment_share(r, overall=0.25)
    assert sorted(p.get_width() for p in ax.patches) == pytest.approx(sorted(r["segment_share"] * 100))
    assert ax.lines[0].get_xdata()[0] == pytest.approx(25)


def test_going_cold_rows_overdue_first_then_soonest(sample):
    st = netlib.status(sample)
    ax = plots.plot_going_cold(st, horizon_days=60)
    overdue = st[st["status"] == "cooling"].sort_values("days_to_cold")
    soon = st[(st["status"] != "cooling") & (st["days_to_cold"] <= 60)].sort_values("days_to_cold")
    soon = pd.concat([overdue, soon]).head(25)
    assert len(overdue) > 0
    by_height = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]), reverse=True)
    assert [name for _, name in by_height] == soon["name"].tolist()  # overdue at the top, then the soonest
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx(soon["days_to_cold"].tolist())


def test_strength_over_time_has_a_line_per_contact_and_threshold(net):
    df = netlib.strength_over_time(net, ["a", "b"], freq="D")
    ax = plots.plot_strength_over_time(df, names={"a": "Ann"})
    assert [l.get_label() for l in ax.lines] == ["Ann", "b", "warm threshold"]


def test_egogram_rings(sample):
    layer = netlib.layer_of(sample)
    ax = plots.plot_egogram(layer)
    assert len(ax.patches) == 4  # the four rings
    assert [len(c.get_offsets()) for c in ax.collections[:4]] == [5, 10, 35, 100]


def test_survival_lines_per_group(sample):
    km = netlib.survival(sample)
    ax = plots.plot_survival(km)
    assert len(ax.lines) == km["group"].nunique()
    assert ax.get_ylim()[0] == 0


def test_ego_network_highlights_close_contacts(net):
    # close contacts (strength >= the warm threshold) are what the reach page counts; never called 'warm' there
    G = netlib.ego_graph(net, as_of=day(41), segment="prospect")
    ax = plots.plot_ego_network(G)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["weaker", "close (strength 0.5 or more)", "target segment", "you"]
    G = netlib.ego_graph(net, as_of=day(41), warm_threshold=0.25)
    assert "close (strength 0.25 or more)" in [t.get_text() for t in plots.plot_ego_network(G).get_legend().get_texts()]


def test_ego_network_of_the_strongest_is_the_same_picture_and_counts_the_rest(sample):
    # the graph of the 60 strongest draws what the whole graph draws with max_nodes=60, in the same places
    whole = plots.plot_ego_network(netlib.ego_graph(sample), max_nodes=60)
    top = plots.plot_ego_network(netlib.ego_graph(sample, top=60), max_nodes=60, ax=plt.figure().gca())
    for a, b in zip(whole.collections, top.collections, strict=True):
        np.testing.assert_allclose(a.get_offsets(), b.get_offsets())
    notes = [[t.get_text() for t in ax.texts if "not drawn" in t.get_text()] for ax in (whole, top)]
    assert notes[0] == notes[1] == [f"{netlib.ego_graph(sample).degree(netlib.analysis.reach.ME) - 60:,} weaker contacts not drawn"]


def test_distribution_and_over_time_charts(sample):
    ax = plots.plot_strength_distribution(netlib.tie_strength(sample))
    assert ax.get_xscale() == "log" and ax.lines[0].get_xdata()[0] == 0.5
    ax2 = plt.figure().gca()
    plots.plot_reach_over_time(netlib.reach(sample, by=["year", "mode"]), ax=ax2)
    assert ax2.get_ylabel() == "distinct people per year"
    ax3 = plt.figure().gca()
    plots.plot_effort_over_time(netlib.effort(sample, by=["year", "mode"]), ax=ax3)
    assert ax3.get_title(loc="left") == "Networking hours per year"


def test_going_cold_with_nobody_going_cold_draws_an_empty_chart(sample):
    st = netlib.status(sample)
    st = st[st["status"].isin(["cold", "never_met"])]  # nobody overdue or warm
    ax = plots.plot_going_cold(st)
    assert len(ax.patches) == 0 and "no tie is overdue" in ax.texts[-1].get_text()


def test_text_from_the_data_is_drawn_literally(tmp_path):
    # a contact's name or a channel holding $...$ once made matplotlib fail (mathtext) and the report with it
    import matplotlib.pyplot as plt

    c = pd.DataFrame({"contact_id": ["a", "b"], "name": ["$\\frac{1}{0$", "Bo $^$"]})
    m = pd.DataFrame({"meeting_id": ["m1", "m2", "m3"], "start": ["2024-01-02T10:00Z", "2024-01-09T10:00Z", "2024-01-16T10:00Z"],
                      "duration_min": 30, "channel": ["$\\alpha$", "call", "call"], "attendees": ["a", "a;b", "a"]})
    net = netlib.from_frames(c, m)
    fig, axes = plt.subplots(1, 3)
    plots.plot_going_cold(netlib.status(net), ax=axes[0])
    plots.plot_effort(netlib.effort(net, by="channel"), ax=axes[1])
    plots.plot_strength_over_time(netlib.strength_over_time(net, ["a", "b"]), names=net.contacts["name"].to_dict(), ax=axes[2])
    fig.savefig(tmp_path / "x.png")
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert any("frac" in x for x in labels)


def test_a_quarter_without_meetings_is_a_zero_not_a_line_across_it():
    c = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"]})
    m = pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2024-01-10T10:00Z", "2024-10-10T10:00Z"], "duration_min": 30,
                      "channel": "coffee", "attendees": "a"})
    ax = plots.plot_reach_over_time(netlib.reach(netlib.from_frames(c, m), by=["quarter", "mode"]))
    assert [b.get_height() for b in ax.containers[0]] == [1, 0, 0, 1]  # zero bars, nothing drawn across the gap


def test_names_on_the_ego_network_do_not_overlap():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from netlib.plots import _name_labels

    fig, ax = plt.subplots(figsize=(4, 4))
    ax.set_xlim(-1, 1), ax.set_ylim(-1, 1)
    left_out = _name_labels(ax, [(f"Person {i}", (0.0, 0.0)) for i in range(5)])  # five names at one point
    boxes = [t.get_window_extent() for t in ax.texts]
    assert left_out == 1 and len(ax.texts) == 4  # right, below right, left, below left; the fifth has no place
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    plt.close(fig)


@pytest.mark.parametrize("by,size,layout", [
    (["quarter", "mode"], (9, 4), "constrained"),     # the report's reach page
    (["quarter", "channel"], (11, 4), "constrained"),  # the reach explorer by channel: 8 channels, a legend beside
    (["quarter", "channel"], (6.5, 4), "constrained"),
    (["month", "mode"], (9, 4), "constrained"),
    (["quarter", "mode"], (4, 3), None),
    (["year", "channel"], (4, 3), "constrained"),
], ids=["report", "explorer", "half", "months", "small", "years"])
def test_period_labels_never_run_together(sample, by, size, layout):
    table = netlib.reach(sample, by=by)
    fig, ax = plt.subplots(figsize=size, layout=layout)
    plots.plot_reach_over_time(table, ax=ax)
    fig.canvas.draw()
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent() for t in labels]
    assert len(boxes) >= 2 and not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), [t.get_text() for t in labels]
    periods = pd.PeriodIndex(table.index.get_level_values(0).unique().astype(str), freq=by[0][0].upper())
    ticks = {*ax.get_xticks(), *ax.get_xticks(minor=True)}
    assert ticks == set(range(len(pd.period_range(periods.min(), periods.max())))), ticks  # every period keeps a tick
    assert all(b.x1 <= fig.bbox.x1 for b in boxes)
    plt.close(fig)


def test_quarters_name_their_year_once():
    c = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"]})
    m = pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2023-08-10T10:00Z", "2024-10-10T10:00Z"], "duration_min": 30,
                      "channel": "coffee", "attendees": "a"})
    fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
    plots.plot_reach_over_time(netlib.reach(netlib.from_frames(c, m), by=["quarter", "mode"]), ax=ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q3\n2023", "Q4", "Q1\n2024", "Q2", "Q3", "Q4"]
    plt.close(fig)


def test_plot_backtest_draws_every_model_with_its_range_and_says_why_when_empty():
    bt = netlib.backtest(netlib.load_sample())
    ax = plots.plot_backtest(bt)
    auc = bt.summary[(bt.summary["task"] == "contact") & (bt.summary["metric"] == "auc")]
    assert [t.get_text() for t in ax.get_yticklabels()] == auc["model"].tolist()[::-1]
    dots = [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "o"]
    assert np.allclose(sorted(dots), sorted(auc["mean"]))
    plt.close("all")
    empty = netlib.backtest(netlib.generate(seed=1, years=1))
    ax = plots.plot_backtest(empty)
    assert "18 months" in ax.texts[0].get_text()
    plt.close("all")


def test_an_empty_segment_chart_gives_the_tables_reason_not_no_meetings():
    net = netlib.load_sample()
    right = netlib.right_people(net.replace(contacts=net.contacts.assign(tags="")), None)
    assert right.empty and len(net.meetings)
    ax = plots.plot_segment_share(right)
    assert ax.texts[0].get_text() == right.attrs["note"] and "No meetings" not in ax.texts[0].get_text()
    plt.close("all")
