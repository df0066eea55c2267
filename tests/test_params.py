"""Shared parameters (netlib/_params.py): one description each, and every public analysis and plot
function rejects a bad argument with one message shape (function, argument, value, what is allowed)."""

import networkx as nx
import pandas as pd
import pytest

import netlib
from netlib import plots
from netlib._params import DOCS, ArgumentError, document


@pytest.fixture(scope="module")
def net():
    return netlib.load_sample()


@pytest.fixture(scope="module")
def tables(net):
    return {"reach": netlib.reach(net, by="mode"), "status": netlib.status(net), "effort": netlib.effort(net)}


ANALYSES = [
    ("reach", lambda n: netlib.reach(n, by="week"), "by", "week"),
    ("reach", lambda n: netlib.reach(n, start="last spring"), "start", "last spring"),
    ("attended", lambda n: netlib.analysis.reach.attended(n, end="soon"), "end", "soon"),
    ("reach_growth", lambda n: netlib.reach_growth(n, freq="week"), "freq", "week"),
    ("reach_growth", lambda n: netlib.reach_growth(n, by="mode"), "by", "mode"),
    ("ego_graph", lambda n: netlib.ego_graph(n, max_group=1), "max_group", "1"),
    ("ego_graph", lambda n: netlib.referral_reach(n, warm_threshold=-1), "warm_threshold", "-1"),
    ("ego_graph", lambda n: netlib.brokerage(n, as_of="never"), "as_of", "never"),
    ("effort", lambda n: netlib.effort(n, by="week"), "by", "week"),
    ("effort", lambda n: netlib.effort(n, half_life_days=0), "half_life_days", "0"),
    ("effort", lambda n: netlib.effort(n, end="tomorrow"), "end", "tomorrow"),
    ("tie_strength", lambda n: netlib.tie_strength(n, half_life_days=float("nan")), "half_life_days", "nan"),
    ("tie_strength", lambda n: netlib.tie_strength(n, as_of="yesterday"), "as_of", "yesterday"),
    ("meeting_weights", lambda n: netlib.tie_strength(n, weights=[1, 2]), "weights", "[1, 2]"),
    ("strength_over_time", lambda n: netlib.strength_over_time(n, ["c0100"], freq="fortnightly"), "freq", "fortnightly"),
    ("status", lambda n: netlib.status(n, cooling_k=0), "cooling_k", "0"),
    ("status", lambda n: netlib.status(n, dormant_days=-3), "dormant_days", "-3"),
    ("peak_strength", lambda n: netlib.peak_strength(n, half_life_days=-1), "half_life_days", "-1"),
    ("dormant_ties", lambda n: netlib.dormant_ties(n, segment_bonus=-1), "segment_bonus", "-1"),
    ("tie_strength", lambda n: netlib.layer_of(n, as_of="later"), "as_of", "later"),
    ("layers", lambda n: netlib.layers(n, as_of="later"), "as_of", "later"),
    ("survival", lambda n: netlib.survival(n, by="mode"), "by", "mode"),
    ("survival", lambda n: netlib.survival(n, ended_after_days=0), "ended_after_days", "0"),
    ("fit_half_life", lambda n: netlib.fit_half_life(n, iterations=0), "iterations", "0"),
    ("segment_mask", lambda n: netlib.segment_mask(n, 42), "segment", "42"),
    ("segment_mask", lambda n: netlib.segment_mask(n, {"hobby": "golf"}), "segment", "hobby"),
    ("headline", lambda n: netlib.report.headline(n, as_of="end of year"), "as_of", "end of year"),
]


@pytest.mark.parametrize("func,call,name,value", ANALYSES, ids=[f"{a[0]}-{a[2]}" for a in ANALYSES])
def test_analyses_reject_a_bad_argument_with_one_message(net, func, call, name, value):
    import netlib.report  # noqa: F401 (the headline is the report's front page)

    with pytest.raises(ArgumentError) as err:
        call(net)
    text = str(err.value)
    assert text.startswith(f"{func}(): {name} must be ") and value in text, text


PLOTS = [
    ("plot_effort", lambda t: plots.plot_effort(t["reach"]), "effort_table"),
    ("plot_effort", lambda t: plots.plot_effort(t["effort"], metrics=("people_per_minute",)), "effort_table"),
    ("plot_effort_over_time", lambda t: plots.plot_effort_over_time(t["effort"]), "effort_table"),
    ("plot_effort_over_time", lambda t: plots.plot_effort_over_time(netlib.effort(netlib.load_sample(), by=["quarter", "mode"]),
                                                                    value="joy"), "value"),
    ("plot_survival", lambda t: plots.plot_survival(t["status"]), "km"),
    ("plot_backtest", lambda t: plots.plot_backtest(t["status"]), "backtest"),
    ("plot_reach_growth", lambda t: plots.plot_reach_growth([1, 2]), "growth"),
    ("plot_reach_over_time", lambda t: plots.plot_reach_over_time(t["reach"]), "reach_table"),
    ("plot_reach_over_time", lambda t: plots.plot_reach_over_time(t["status"]), "reach_table"),
    ("plot_segment_share", lambda t: plots.plot_segment_share(t["reach"]), "reach_table"),
    ("plot_ego_network", lambda t: plots.plot_ego_network(nx.path_graph(3)), "G"),
    ("plot_strength_distribution", lambda t: plots.plot_strength_distribution(t["status"]), "strength"),
    ("plot_strength_over_time", lambda t: plots.plot_strength_over_time(t["status"]), "series"),
    ("plot_going_cold", lambda t: plots.plot_going_cold(t["effort"]), "status"),
    ("plot_going_cold", lambda t: plots.plot_going_cold(t["status"], horizon_days=0), "horizon_days"),
    ("plot_egogram", lambda t: plots.plot_egogram(t["status"]), "layer"),
    ("plot_plans", lambda t: plots.plot_plans(t["effort"]), "plans"),
    ("plot_team_reach", lambda t: netlib.team.plot_team_reach(t["effort"]), "reach"),
    ("plot_team_overlap", lambda t: netlib.team.plot_team_overlap(t["effort"]), "overlap"),
    ("plot_sole_holders", lambda t: netlib.team.plot_sole_holders(t["status"]), "sole"),
]


@pytest.mark.parametrize("func,call,name", PLOTS, ids=[f"{p[0]}-{p[2]}" for p in PLOTS])
def test_plots_reject_the_wrong_table_with_one_message(tables, func, call, name):
    with pytest.raises(ArgumentError) as err:
        call(tables)
    assert str(err.value).startswith(f"{func}(): {name} must be "), str(err.value)


def test_every_public_analysis_and_plot_is_checked():
    checked = {f for f, *_ in ANALYSES} | {f for f, *_ in PLOTS}
    plot_names = {n for n in [*plots.__all__, *netlib.team.__all__] if n.startswith("plot_")}
    assert plot_names <= checked
    analyses = {"reach", "reach_growth", "ego_graph", "effort", "tie_strength", "strength_over_time", "status",
                "peak_strength", "dormant_ties", "layers", "survival", "fit_half_life", "segment_mask"}
    assert analyses <= checked


def test_the_message_names_the_argument_the_value_and_what_is_allowed(net):
    with pytest.raises(ArgumentError, match=r"^survival\(\): by must be one of 'first_mode', 'first_channel', None; got 'mode'$"):
        netlib.survival(net, by="mode")
    with pytest.raises(ValueError):  # an ArgumentError is a ValueError, as seaborn's are
        netlib.reach_growth(net, freq="week")


def test_shared_descriptions_fill_in_at_their_indentation():
    @document
    def f(net, as_of=None):
        """Do.

        Parameters
        ----------
        {net}
        {as_of}
        """

    assert "\n        net : Network\n            Your network" in f.__doc__
    assert "{as_of}" not in f.__doc__ and DOCS["as_of"].splitlines()[0] in f.__doc__
    with pytest.raises(KeyError, match="no shared description named 'nope'"):
        document(type("X", (), {"__doc__": "x\n    {nope}\n", "__qualname__": "X"}))


def test_an_unknown_contact_id_stays_a_key_error(net):
    with pytest.raises(KeyError, match="strength_over_time\\(\\): contacts must be ids of net.contacts"):
        netlib.strength_over_time(net, ["nobody"])


@pytest.mark.parametrize("value", ["2024-06-30", pd.Timestamp("2024-06-30", tz="Europe/Paris"), None])
def test_dates_are_read_as_utc(value):
    from netlib._params import when

    got = when("f", "as_of", value)
    assert got is None if value is None else str(got.tz) == "UTC"
