"""Charts: one function per chart, in the seaborn way.

Every function takes what an analysis function returns (never a Network to
compute from), draws on ``ax`` (the current Axes if None) and returns it;
pyplot is imported only when a function needs a new Axes, and nothing here
calls ``plt.show()``.  Colours are the Okabe-Ito palette (safe for colour-blind
readers); every axis says its unit.  Every text a function draws gets the fonts its characters
need, a name in Chinese or Devanagari as well as in Latin letters (:mod:`netlib._fonts`;
:func:`use_fonts` does the same for charts of your own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from netlib import _fonts, _params
from netlib._fonts import use_fonts
from netlib._period_axis import _freq, _freq_name, _period_ticks
from netlib._words import plural
from netlib.analysis.reach import ME
from netlib.model import DEFAULT_HORIZON_DAYS, WARM_THRESHOLD
from netlib.present import LABELS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.axes import Axes

__all__ = [
    "PALETTE",
    "LABELS",
    "plot_plans",
    "plot_reach_growth",
    "plot_reach_over_time",
    "plot_segment_share",
    "plot_ego_network",
    "plot_effort",
    "plot_effort_over_time",
    "plot_strength_distribution",
    "plot_strength_over_time",
    "plot_going_cold",
    "plot_egogram",
    "plot_survival",
    "plot_backtest",
    "use_fonts",
]

#: Okabe-Ito colours by category.
PALETTE = {
    "one_to_one": "#0072B2",
    "one_to_many": "#E69F00",
    "connection": "#999999",
    "solo": "#CC79A7",
    "warm": "#D55E00",
    "cold": "#56B4E9",
    "segment": "#009E73",
    "me": "#000000",
}
_CYCLE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]



def _ax(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _label(x) -> str:
    return _literal(LABELS.get(x, str(x)))


def _literal(text) -> str:
    """Text from the data drawn as it is: a name or channel holding ``$...$`` is never read as
    mathematics (matplotlib would fail on ``$\\frac{1}{0$`` or typeset ``$x$``).

    Examples
    --------
    >>> _literal("Ann $x$")
    'Ann \\\\$x\\\\$'
    """
    return str(text).replace("$", r"\$")


def _color(x, i: int) -> str:
    return PALETTE.get(x, _CYCLE[i % len(_CYCLE)])


def _hours(h: float) -> str:
    """'1.5 h' for small numbers, '526 h' for large."""
    return f"{h:.1f} h" if h < 10 else f"{h:,.0f} h"


def _nothing(ax, title: str | None, text: str):
    """An empty chart that says why it is empty (no data of this kind in the files)."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", wrap=True, color="#444444")
    ax.set_xticks([])
    ax.set_yticks([])
    _tidy(ax, title, None, None)
    return ax


def _tidy(ax, title: str | None, xlabel: str | None, ylabel: str | None) -> None:
    if title:
        ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)


@_fonts.readable
@_params.document
def plot_reach_growth(growth: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "Your network over time",
                      **kwargs) -> Axes:
    """Stacked areas of cumulative people, by how they were first met.

    Parameters
    ----------
    growth : DataFrame
        :func:`netlib.reach_growth` output (index: period, columns: categories).
    {ax}
    {title}
    **kwargs
        Passed to ``Axes.stackplot``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_reach_growth(netlib.reach_growth(netlib.load_sample()))
    >>> len(ax.collections) == 3
    True
    """
    _params.table("plot_reach_growth", "growth", growth, [], "netlib.reach_growth()")
    ax = _ax(ax)
    if growth.empty:
        return _nothing(ax, title, "Nobody with a connection date or a meeting in your files yet.")
    cols = list(growth.columns)
    ax.stackplot(growth.index, *[growth[c].to_numpy() for c in cols], labels=[_label(c) for c in cols],
                 colors=[_color(c, i) for i, c in enumerate(cols)], alpha=0.85, **kwargs)
    ax.legend(loc="upper left", frameon=False)
    ax.set_xlim(growth.index.min(), growth.index.max())
    _tidy(ax, title, "", "people in your network (cumulative)")
    return ax


@_fonts.readable
@_params.document
def plot_reach_over_time(reach_table: pd.DataFrame, *, ax: Axes | None = None, value: str = "people",
                         title: str | None = "People met per period", **kwargs) -> Axes:
    """Bars of distinct people met per period, side by side for each mode or channel; a period
    with no meeting is a zero, never a line drawn across it.

    Parameters
    ----------
    reach_table : DataFrame
        :func:`netlib.reach` with ``by=[period, "mode"]`` (or ``"channel"``).
    {ax}
    value : {"people", "segment_people", "segment_share"}
        The column to draw.
    {title}
    **kwargs
        Passed to ``Axes.bar``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_reach_over_time(netlib.reach(netlib.load_sample(), by=["quarter", "mode"]))
    >>> len(ax.containers)
    2
    """
    _params.table("plot_reach_over_time", "reach_table", reach_table, ["people"], 'netlib.reach(net, by=["quarter", "mode"])')
    _params.choice("plot_reach_over_time", "value", value, [c for c in ("people", "segment_people", "segment_share") if c in reach_table])
    _two_levels("plot_reach_over_time", "reach_table", reach_table, 'netlib.reach(net, by=["quarter", "mode"])')
    ax = _ax(ax)
    if reach_table.empty:
        return _nothing(ax, title, "No meetings in your files: a calendar or messages export would fill this chart.")
    wide = reach_table[value].unstack(fill_value=0)
    periods = pd.PeriodIndex(wide.index.astype(str), freq=_freq(wide.index))
    every = pd.period_range(periods.min(), periods.max(), freq=periods.freq)  # a period with no meeting is a 0, not a line across it
    wide = wide.set_axis(periods).reindex(every, fill_value=0)
    x = np.arange(len(every))
    width = 0.8 / max(len(wide.columns), 1)
    for i, col in enumerate(wide.columns):
        ax.bar(x + (i - (len(wide.columns) - 1) / 2) * width, wide[col].to_numpy(), width=width, color=_color(col, i),
               label=_label(col), **kwargs)
    inside = len(wide.columns) <= 3  # modes: one row in the headroom above the bars; channels: a column beside the chart
    if inside:
        ax.legend(frameon=False, loc="upper left", ncols=max(len(wide.columns), 1))
    else:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _period_ticks(ax, every, 0 if inside else 0.6 + max(len(_label(c)) for c in wide.columns) * 0.6 * 10 / 72)
    _tidy(ax, title, "", f"distinct {value} per {_freq_name(wide.index)}")
    top = float(np.nanmax(wide.to_numpy())) if wide.size else 0.0
    ax.set_ylim(0, top * (1.25 if inside else 1.05) if top > 0 else 1)
    return ax


def _two_levels(func: str, name: str, data: pd.DataFrame, made_by: str) -> None:
    """A table grouped by a period and one more key (a two-level index), as the over-time charts draw."""
    if data.index.nlevels != 2:
        _params.fail(func, name, f"<a table with {data.index.nlevels} index level(s)>", f"what {made_by} returns (by a period and a mode)")


@_fonts.readable
@_params.document
def plot_segment_share(reach_table: pd.DataFrame, *, ax: Axes | None = None, overall: float | None = None,
                       segment_label: str = "target segment", title: str | None = "How much of your reach is the right people",
                       **kwargs) -> Axes:
    """Horizontal bars of the segment's share of people reached, per group.

    Parameters
    ----------
    reach_table : DataFrame
        :func:`netlib.reach` with a ``segment`` (columns ``segment_share``, ``people``).
    {ax}
    overall : float, optional
        The share over all reach, drawn as a dashed line.
    segment_label : str
        How the axis names the segment.
    {title}
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> import netlib
    >>> r = netlib.reach(netlib.load_sample(), by="channel", segment="prospect")
    >>> len(plot_segment_share(r).patches) == len(r)
    True
    """
    _params.table("plot_segment_share", "reach_table", reach_table, ["people", "segment_share"],
                  'netlib.reach(net, by="channel", segment=...)')
    ax = _ax(ax)
    if reach_table.empty:  # netlib.right_people says why in its note (no segment, no tags, nobody met)
        return _nothing(ax, title, reach_table.attrs.get("note") or "No meetings in your files: nobody was reached in any channel.")
    if not (reach_table["segment_share"].fillna(0) > 0).any():  # not "0% of 122" bars on a 0-5% axis
        return _nothing(ax, title, f"Nobody you met is {segment_label}.")
    r = reach_table.sort_values("segment_share")
    y = np.arange(len(r))
    ax.barh(y, r["segment_share"].to_numpy() * 100, color=PALETTE["segment"], **kwargs)
    ax.set_yticks(y, [_label(i) for i in r.index])
    for yi, (share, people) in enumerate(zip(r["segment_share"], r["people"])):
        ax.annotate(f"{share:.0%} of {people}", (share * 100, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8)
    if overall is not None:
        ax.axvline(overall * 100, color="black", ls="--", lw=1, label=f"all reach: {overall:.0%}")
        ax.legend(frameon=False, loc="lower right")
    _tidy(ax, title, f"share of people reached who are {_literal(segment_label)} (%)", "")
    ax.set_xlim(0, max(5.0, float(r["segment_share"].max()) * 130))
    return ax


@_fonts.readable
@_params.document
def plot_ego_network(G: nx.Graph, *, ax: Axes | None = None, max_nodes: int = 250, seed: int = 0, labels: int = 15,
                     title: str | None = "You, your contacts and the ties between them", **kwargs) -> Axes:
    """Your ego network: close contacts highlighted, ties between contacts drawn.

    Shows you in the centre, the ``max_nodes`` strongest contacts, and the
    ties between them (introductions, meetings together); close contacts (strength at least the
    warm threshold: the warm ties and those as strong but silent past their rhythm, see
    :func:`netlib.referral_reach`) in orange, contacts in the target segment outlined in green.

    Parameters
    ----------
    G : networkx.Graph
        :func:`netlib.ego_graph` output (its ``top`` strongest contacts are enough; those it left
        out are counted with the others not drawn).
    {ax}
    max_nodes : int
        How many of the strongest contacts to draw.
    seed : int
        Seed of the layout (the same seed draws the same picture).
    labels : int
        How many of the strongest contacts to name.
    {title}
    **kwargs
        Passed to ``networkx.draw_networkx_nodes``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_ego_network(netlib.ego_graph(netlib.load_sample(), segment="prospect"), max_nodes=60)
    >>> len(ax.collections) >= 2
    True
    """
    import networkx as nx

    if not isinstance(G, nx.Graph) or ME not in G:
        _params.fail("plot_ego_network", "G", f"<{type(G).__name__}>", "what netlib.ego_graph() returns (a graph with you in it)")
    _params.number("plot_ego_network", "max_nodes", max_nodes, low=1, inclusive=True, integer=True)
    _params.number("plot_ego_network", "labels", labels, inclusive=True, integer=True)
    ax = _ax(ax)
    strength = {n: d.get("strength", 0.0) for n, d in G.nodes(data=True) if n != ME}
    keep = sorted(strength, key=strength.get, reverse=True)[:max_nodes]
    H = G.subgraph([ME, *keep])
    # angle from a spring layout of the ties between contacts (clusters stay together), its nodes
    # in G's order (a subgraph of a large graph iterates in a set's order, which changes from one
    # process to the next); distance from you by strength rank (strongest closest)
    kept = set(keep)
    ties = nx.Graph()
    ties.add_nodes_from(n for n in G if n in kept)
    ties.add_edges_from(H.subgraph(keep).edges())
    spring = nx.spring_layout(ties, seed=seed, weight=None)
    rank = {n: i / max(len(keep) - 1, 1) for i, n in enumerate(keep)}
    pos = {ME: np.zeros(2)}
    for n in keep:
        angle = np.arctan2(spring[n][1], spring[n][0])
        r = 0.25 + 0.75 * rank[n]
        pos[n] = np.array([r * np.cos(angle), r * np.sin(angle)])
    contact_edges = [(u, v) for u, v in H.edges() if ME not in (u, v)]
    close_edges = [(ME, v) for v in keep if H.nodes[v]["close"]]
    nx.draw_networkx_edges(H, pos, edgelist=contact_edges, ax=ax, edge_color="#bbbbbb", width=0.6)
    nx.draw_networkx_edges(H, pos, edgelist=close_edges, ax=ax, edge_color=PALETTE["warm"], width=0.8, alpha=0.6)
    close = [n for n in keep if H.nodes[n]["close"]]
    weaker = [n for n in keep if not H.nodes[n]["close"]]
    seg = [n for n in keep if H.nodes[n]["in_segment"]]
    size = lambda ns: [20 + 40 * min(strength[n], 3) for n in ns]  # noqa: E731
    nx.draw_networkx_nodes(H, pos, nodelist=weaker, ax=ax, node_color=PALETTE["cold"], node_size=size(weaker),
                           label="weaker", **kwargs)
    nx.draw_networkx_nodes(H, pos, nodelist=close, ax=ax, node_color=PALETTE["warm"], node_size=size(close),
                           label=f"close (strength {G.graph.get('warm_threshold', WARM_THRESHOLD):g} or more)", **kwargs)
    if seg:
        nx.draw_networkx_nodes(H, pos, nodelist=seg, ax=ax, node_color="none", edgecolors=PALETTE["segment"],
                               linewidths=1.5, node_size=size(seg), label="target segment")
    nx.draw_networkx_nodes(H, pos, nodelist=[ME], ax=ax, node_color=PALETTE["me"], node_size=120, label="you")
    _name_labels(ax, [(_literal(H.nodes[n].get("name", n)), pos[n]) for n in keep[:int(labels)]])
    left_out = len(strength) - len(keep) + G.graph.get("left_out", 0)  # not in G itself (ego_graph's top)
    if left_out:
        ax.text(0.0, 0.0, f"{left_out:,} weaker contacts not drawn", transform=ax.transAxes, fontsize=8,
                color="#555555")
    ax.legend(frameon=False, loc="upper left", fontsize=8, markerscale=0.8)
    ax.set_axis_off()
    if title:
        ax.set_title(title, loc="left")
    return ax


def _name_labels(ax: Axes, labels: list, size: float = 7) -> int:
    """Write each (text, point) beside its point, strongest first, where it overlaps no label
    written before: right or left of the point, above or below it; a name with no free place is
    left out.  Returns how many were left out.  A name is ``size`` points high and about 0.55 of
    that wide per letter."""
    ax.figure.canvas.draw_idle()
    placed, skipped = [], 0
    for text, xy in labels:  # at most a few dozen names: one step each
        px, py = ax.transData.transform(xy)
        k = ax.figure.dpi / 72
        w, h = len(text) * 0.55 * size * k, size * k
        for dx, dy in ((4, 3), (4, -3 - size), (-4 - len(text) * 0.55 * size, 3), (-4 - len(text) * 0.55 * size, -3 - size)):
            box = (px + dx * k, py + dy * k, px + dx * k + w, py + dy * k + h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                placed.append(box)
                ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", fontsize=size, color="#333333")
                break
        else:
            skipped += 1
    return skipped


@_fonts.readable
@_params.document
def plot_effort(effort_table: pd.DataFrame, *, ax: Axes | None = None,
                metrics: tuple[str, ...] = ("people_per_hour", "new_people_per_hour", "warm_people_per_hour"),
                title: str | None = "What an hour of networking buys", **kwargs) -> Axes:
    """Grouped bars: people, new people and close contacts per hour, per mode.

    Each group's total hours are in its legend label.

    Parameters
    ----------
    effort_table : DataFrame
        :func:`netlib.effort` output (``by="mode"`` or ``"channel"``).
    {ax}
    metrics : tuple of str
        The rate columns to draw, one group of bars each.
    {title}
    **kwargs
        Passed to ``Axes.bar``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_effort(netlib.effort(netlib.load_sample()))
    >>> len(ax.patches)
    6
    """
    _params.table("plot_effort", "effort_table", effort_table, ["hours", *metrics], "netlib.effort()")
    ax = _ax(ax)
    if effort_table.empty:
        return _nothing(ax, title, "No meetings in your files: no hours to compare.")
    e = effort_table
    x = np.arange(len(metrics))
    width = 0.8 / max(len(e), 1)
    names = {"people_per_hour": "people met", "new_people_per_hour": "new people", "warm_people_per_hour": "close contacts kept",
             "hours_per_new_person": "hours per new person"}
    for i, (group, row) in enumerate(e.iterrows()):  # one bar series per mode: two or three, not rows of data
        vals = row[list(metrics)].to_numpy(dtype=float)
        bars = ax.bar(x + (i - (len(e) - 1) / 2) * width, np.nan_to_num(vals), width, color=_color(group, i),
                      label=f"{_label(group)} ({_hours(row['hours'])})", **kwargs)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in vals], fontsize=8, padding=2)
    ax.set_xticks(x, [names.get(m, m) for m in metrics])
    ax.legend(frameon=False, title="mode (hours spent)")
    _tidy(ax, title, "", "per hour spent")
    return ax


@_fonts.readable
@_params.document
def plot_effort_over_time(effort_table: pd.DataFrame, *, ax: Axes | None = None, value: str = "hours",
                          title: str | None = "", **kwargs) -> Axes:
    """Stacked bars of hours (or another effort column) per period and mode.

    Parameters
    ----------
    effort_table : DataFrame
        :func:`netlib.effort` with ``by=[period, "mode"]``.
    {ax}
    value : str
        The column to stack (``"hours"``, ``"people"``, ``"new_people"``, ``"touches"``...).
    title : str or None
        The chart's title; ``""`` for one made from ``value``, None for none.
    **kwargs
        Passed to ``Axes.bar``.

    Examples
    --------
    >>> import netlib
    >>> t = netlib.effort(netlib.load_sample(), by=["quarter", "mode"])
    >>> ax = plot_effort_over_time(t)
    >>> len(ax.patches) == t.index.get_level_values(0).nunique() * 2
    True
    """
    _params.table("plot_effort_over_time", "effort_table", effort_table, ["hours"], 'netlib.effort(net, by=["quarter", "mode"])')
    _params.choice("plot_effort_over_time", "value", value, list(effort_table.columns))
    _two_levels("plot_effort_over_time", "effort_table", effort_table, 'netlib.effort(net, by=["quarter", "mode"])')
    ax = _ax(ax)
    if effort_table.empty:
        return _nothing(ax, title or f"Networking {value} over time", "No meetings in your files: a calendar or messages export would fill this chart.")
    wide = effort_table[value].unstack(fill_value=0)
    x = pd.PeriodIndex(wide.index.astype(str), freq=_freq(wide.index)).to_timestamp()
    width = {"M": 25, "Q": 80, "Y": 330}[_freq(wide.index)]
    bottom = np.zeros(len(wide))
    for i, col in enumerate(wide.columns):
        vals = wide[col].to_numpy(dtype=float)
        ax.bar(x, vals, width=width, bottom=bottom, color=_color(col, i), label=_label(col), align="edge", **kwargs)
        bottom += vals
    ax.legend(frameon=False)
    unit = {"hours": "hours", "people": "people", "new_people": "new people", "touches": "touches"}.get(value, value)
    if title == "":
        title = f"Networking {unit} per {_freq_name(wide.index)}"
    _tidy(ax, title, "", f"{unit} per {_freq_name(wide.index)}")
    return ax


@_fonts.readable
@_params.document
def plot_strength_distribution(strength: pd.Series, *, ax: Axes | None = None, threshold: float | None = None,
                               title: str | None = "How strong your ties are", status: pd.DataFrame | None = None, **kwargs) -> Axes:
    """Histogram of tie strength (met contacts only, log scale), with the warm threshold.

    The legend counts the ties at or above the threshold (the close contacts of
    :func:`netlib.referral_reach`); with ``status``, how many of them are warm ties
    (:func:`netlib.warm_ties`) and how many as strong but silent past their rhythm.

    Parameters
    ----------
    strength : Series
        :func:`netlib.tie_strength` output.
    {ax}
    threshold : float, optional
        Drawn as a vertical line (default :data:`netlib.model.WARM_THRESHOLD`).
    {title}
    status : DataFrame, optional
        :func:`netlib.status` output at the same moment and half-life.
    **kwargs
        Passed to ``Axes.hist``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_strength_distribution(netlib.tie_strength(netlib.load_sample()))
    >>> len(ax.patches) > 5
    True
    """
    _params.table("plot_strength_distribution", "strength", strength, [], "netlib.tie_strength()", series=True)
    ax = _ax(ax)
    threshold = WARM_THRESHOLD if threshold is None else _params.number("plot_strength_distribution", "threshold", threshold)
    s = strength[strength > 0]
    lo = max(float(s.min()), 1e-4) if len(s) else 1e-3
    bins = np.geomspace(lo, max(float(s.max()), lo * 10), 30) if len(s) else 10
    ax.hist(s, bins=bins, color=PALETTE["cold"], edgecolor="white", **kwargs)
    ax.set_xscale("log")
    n = int((s >= threshold).sum())
    if status is None:
        says = "(warm ties unless silent past their rhythm)"
    else:
        warm = int(status["status"].reindex(s.index[s >= threshold]).isin(("active", "cooling")).sum())
        says = f"{plural(warm, 'warm tie')}, {n - warm} silent past their rhythm"
    ax.axvline(threshold, color=PALETTE["warm"], lw=2, label=f"warm threshold {threshold:g}: {plural(n, 'close contact')} at or above it\n{says}")
    ax.legend(frameon=False)
    _tidy(ax, title, "tie strength (meeting-equivalents, log scale)", "contacts")
    return ax


@_fonts.readable
@_params.document
def plot_strength_over_time(series: pd.DataFrame, *, ax: Axes | None = None, names: dict | None = None,
                            threshold: float | None = None, title: str | None = "Tie strength over time", **kwargs) -> Axes:
    """One line per contact of strength over time, with the warm threshold.

    Parameters
    ----------
    series : DataFrame
        :func:`netlib.strength_over_time` output.
    {ax}
    names : dict, optional
        contact_id -> label for the legend.
    threshold : float, optional
        Drawn as a horizontal line (default :data:`netlib.model.WARM_THRESHOLD`).
    {title}
    **kwargs
        Passed to ``Axes.plot``.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> ax = plot_strength_over_time(netlib.strength_over_time(net, ["c0100", "c0190"]))
    >>> len(ax.lines)
    3
    """
    _params.table("plot_strength_over_time", "series", series, [], "netlib.strength_over_time()")
    if not isinstance(series.index, pd.DatetimeIndex):
        _params.fail("plot_strength_over_time", "series", f"<a table indexed by {type(series.index).__name__}>",
                     "what netlib.strength_over_time() returns (indexed by time)")
    ax = _ax(ax)
    threshold = WARM_THRESHOLD if threshold is None else _params.number("plot_strength_over_time", "threshold", threshold)
    for i, col in enumerate(series.columns):
        ax.plot(series.index, series[col].to_numpy(), color=_CYCLE[i % len(_CYCLE)],
                label=_literal((names or {}).get(col, col)), **kwargs)
    ax.axhline(threshold, color="black", ls="--", lw=1, label="warm threshold")
    ax.legend(frameon=False, fontsize=8)
    _tidy(ax, title, "", "tie strength (meeting-equivalents)")
    ax.set_ylim(bottom=0)
    return ax


@_fonts.readable
@_params.document
def plot_going_cold(status: pd.DataFrame, *, ax: Axes | None = None, horizon_days: float = DEFAULT_HORIZON_DAYS, max_rows: int = 25,
                    title: str | None = "Who goes cold next, if nothing happens", **kwargs) -> Axes:
    """Timeline of the overdue ties and the warm ties that go cold within ``horizon_days``.

    One row per contact, overdue ties at the top, then the soonest to go cold: a bar from now
    to the date the tie goes cold (see :func:`netlib.status`); overdue ties in the warm colour.

    Parameters
    ----------
    status : DataFrame
        :func:`netlib.status` output.
    {ax}
    horizon_days : float
        How far ahead to look, in days.
    max_rows : int
        Most contacts shown (the soonest).
    {title}
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> import netlib
    >>> st = netlib.status(netlib.load_sample())
    >>> ax = plot_going_cold(st, horizon_days=60)
    >>> len(ax.patches) == min(25, int(((st["days_to_cold"] <= 60) | (st["status"] == "cooling")).sum()))
    True
    """
    _params.table("plot_going_cold", "status", status, ["name", "status", "days_to_cold", "cold_on"], "netlib.status()")
    _params.number("plot_going_cold", "horizon_days", horizon_days)
    _params.number("plot_going_cold", "max_rows", max_rows, low=1, inclusive=True, integer=True)
    ax = _ax(ax)
    pick = (status["status"] == "cooling") | (status["days_to_cold"] <= horizon_days)
    soon = status[pick]
    soon = soon.assign(_late=soon["status"] != "cooling").sort_values(["_late", "days_to_cold"]).head(max_rows)  # overdue first
    y = np.arange(len(soon))[::-1]
    colors = [PALETTE["warm"] if s == "cooling" else PALETTE["one_to_one"] for s in soon["status"]]
    ax.barh(y, soon["days_to_cold"].to_numpy(), color=colors, **kwargs)
    ax.set_yticks(y, [_literal(n) for n in soon["name"].astype(str)], fontsize=8)
    for yi, days, d in zip(y, soon["days_to_cold"], soon["cold_on"]):
        ax.annotate(f"{d:%d %b %Y}", (days, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_xlim(0, max(horizon_days, float(soon["days_to_cold"].max()) * 1.15 if len(soon) else 0))
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=PALETTE["one_to_one"], label="active"), Patch(color=PALETTE["warm"], label="overdue (silent 2.5x their usual gap)")],
              frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the bars, never over a date
    _tidy(ax, title, "days until the tie goes cold (weak, or silent 8x its usual gap)", "")
    if soon.empty:
        ax.text(0.5, 0.5, f"no tie is overdue or goes cold within {horizon_days:g} days", transform=ax.transAxes, ha="center")
    return ax


@_fonts.readable
@_params.document
def plot_egogram(layer: pd.Series, *, ax: Axes | None = None, strength: pd.Series | None = None, seed: int = 0,
                 title: str | None = "Your circles (Dunbar's layers as reference bands)", **kwargs) -> Axes:
    """Concentric rings: you in the middle, contacts placed in their layer's ring.

    Parameters
    ----------
    layer : Series
        :func:`netlib.layer_of` output.
    {ax}
    strength : Series, optional
        :func:`netlib.tie_strength` output: sizes the dots.
    seed : int
        Seed of the placement on each ring.
    {title}
    **kwargs
        Passed to ``Axes.scatter``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_egogram(netlib.layer_of(netlib.load_sample()))
    >>> len(ax.collections)
    5
    """
    _params.table("plot_egogram", "layer", layer, [], "netlib.layer_of()", series=True)
    ax = _ax(ax)
    rings = ["1-5", "6-15", "16-50", "51-150"]
    rng = np.random.default_rng(seed)
    from matplotlib.patches import Circle

    for r, name in enumerate(rings, start=1):
        ax.add_patch(Circle((0, 0), r, fill=False, color="#cccccc", lw=1))
        ax.annotate(f"top {name.split('-')[1]}", (r * np.cos(np.pi / 4), r * np.sin(np.pi / 4)), ha="center", va="center",
                    fontsize=7, color="#444444", bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}, zorder=5)
    for r, name in enumerate(rings, start=1):
        members = layer.index[layer == name]
        theta = np.linspace(0, 2 * np.pi, len(members), endpoint=False) + rng.uniform(0, 2 * np.pi)
        radius = r - 0.5 + rng.uniform(-0.3, 0.3, len(members))
        sizes = 10 + 30 * np.minimum(strength.loc[members].to_numpy(), 3) if strength is not None else 18
        ax.scatter(radius * np.cos(theta), radius * np.sin(theta), s=sizes, color=_CYCLE[r - 1],
                   label=f"{name}: {len(members)}", **kwargs)
    ax.scatter([0], [0], s=80, color=PALETTE["me"], label="you")
    ax.set_aspect("equal")
    ax.set_xlim(-4.3, 4.3)
    ax.set_ylim(-4.3, 4.3)
    ax.set_axis_off()
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, title="rank by strength")
    if title:
        ax.set_title(title, loc="left")
    return ax


@_fonts.readable
@_params.document
def plot_survival(km: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "How long relationships last",
                  **kwargs) -> Axes:
    """Kaplan-Meier curves of staying in touch, with 95% bands, per group.

    Parameters
    ----------
    km : DataFrame
        :func:`netlib.survival` output.
    {ax}
    {title}
    **kwargs
        Passed to ``Axes.step``.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_survival(netlib.survival(netlib.load_sample()))
    >>> len(ax.lines)
    2
    """
    _params.table("plot_survival", "km", km, ["group", "days", "survival", "ci_lower", "ci_upper"], "netlib.survival()")
    ax = _ax(ax)
    if km.empty:
        return _nothing(ax, title, "Nobody met yet: there is no relationship to follow over time.")
    n = km.attrs.get("n", {})
    for i, (group, g) in enumerate(km.groupby("group", sort=True)):  # one curve per group
        c = _color(group, i)
        ax.step(g["days"], g["survival"], where="post", color=c, label=f"first met {_label(group)} (n={n.get(group, '?')})",
                **kwargs)
        ax.fill_between(g["days"], g["ci_lower"], g["ci_upper"], step="post", color=c, alpha=0.15, lw=0)
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False)
    _tidy(ax, title, "days since first meeting", "share still in touch")
    return ax



@_fonts.readable
@_params.document
def plot_plans(plans: pd.DataFrame, *, ax: Axes | None = None, metric: str = "warm ties",
               title: str | None = "What each plan would bring", **kwargs) -> Axes:
    """Fan chart of one metric over the months, per plan: the median as a line, the 90% band shaded.

    Parameters
    ----------
    plans : DataFrame
        :func:`netlib.compare_plans` (or :func:`netlib.plan`: one unnamed plan).
    {ax}
    metric : {"warm ties", "people reached", "new people", "segment reached"}
        What to draw.
    {title}
    **kwargs
        Passed to ``Axes.plot``.

    Examples
    --------
    >>> import netlib
    >>> t = netlib.compare_plans(netlib.load_sample(), {"a": {"hours_per_month": 6, "mix": {"one_to_one": 1.0}}}, months=2, runs=5)
    >>> len(plot_plans(t).lines)
    1
    """
    _params.table("plot_plans", "plans", plans, ["month", "metric", "median", "low", "high"], "netlib.compare_plans(net, {...})")
    _params.choice("plot_plans", "metric", metric, sorted(plans["metric"].unique()))
    ax = _ax(ax)
    data = plans[plans["metric"] == metric]
    groups = data.groupby("plan", sort=False) if "plan" in data else [("plan", data)]
    for i, (name, g) in enumerate(groups):
        color = _CYCLE[i % len(_CYCLE)]
        ax.fill_between(g["month"], g["low"], g["high"], color=color, alpha=0.2, linewidth=0)
        ax.plot(g["month"], g["median"], color=color, label=_literal(str(name)), **kwargs)
    ax.legend(frameon=False)
    _tidy(ax, title, "months after the end of your data", f"{metric} (median, 90% band)")
    ax.set_ylim(bottom=0)
    return ax


@_fonts.readable
@_params.document
def plot_backtest(backtest, *, ax: Axes | None = None, metric: str = "auc",
                  title: str | None = "How well it worked on your past", **kwargs) -> Axes:
    """netlib against the rules people use today, on your own past: each model's score at ranking
    who you were in touch with again (mean over the cuts as a dot, the range over cuts as a line),
    the coin toss (0.5) marked.

    Parameters
    ----------
    backtest : Backtest
        :func:`netlib.backtest` output.
    {ax}
    metric : {"auc", "average_precision"}
        Which score to draw.
    {title}
    **kwargs
        Passed to ``Axes.plot`` for the dots.

    Examples
    --------
    >>> import netlib
    >>> ax = plot_backtest(netlib.backtest(netlib.load_sample()))
    >>> [t.get_text() for t in ax.get_yticklabels()][-1]
    'netlib forecast'
    """
    import textwrap

    from netlib.decay import Backtest

    if not isinstance(backtest, Backtest):
        _params.fail("plot_backtest", "backtest", _params.shown(backtest), "what netlib.backtest(net) returns")
    _params.choice("plot_backtest", "metric", metric, ["auc", "average_precision"])
    ax = _ax(ax)
    s = backtest.summary
    s = s[(s["task"] == "contact") & (s["metric"] == metric)]
    if s.empty:  # why, in lines that fit the chart (the note is one long sentence)
        return _nothing(ax, title, textwrap.fill(str(backtest.note), 80))
    s = s.iloc[::-1].reset_index(drop=True)  # netlib's forecast on top
    y = np.arange(len(s))
    ours = s["model"].str.startswith("netlib").to_numpy()
    colors = np.where(ours, PALETTE["one_to_one"], "#777777")
    ax.hlines(y, s["low"], s["high"], colors=colors, lw=2, alpha=0.6)
    for yi, (_, r), c in zip(y, s.iterrows(), colors):
        ax.plot(r["mean"], yi, "o", color=c, ms=8, **kwargs)
        ax.annotate(f"{r['mean']:.2f}", (r["high"], yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(y, s["model"])
    base = 0.5 if metric == "auc" else None
    if base is not None:
        ax.axvline(base, color="#444444", lw=1, ls="--")
        ax.text(base, 0.5, "coin toss ", transform=ax.get_xaxis_transform(), rotation=90, ha="right", va="center", fontsize=9,
                color="#444444")  # along the line, left of it: never on a model's range
    ax.set_xlim(min(0.45, float(s["low"].min()) - 0.02), 1.0)
    cuts = int(s["cuts"].max())
    over = "dot: one cut" if cuts == 1 else f"dot: mean of {cuts} cuts; line: their range"
    _tidy(ax, title, ("AUC" if metric == "auc" else "average precision") + f" ({over})", None)
    return ax
