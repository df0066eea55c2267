"""The team's charts (#33): :func:`plot_team_reach`, :func:`plot_team_overlap` and :func:`plot_sole_holders`,
in the way of :mod:`netlib.plots` (a table in, an Axes out, pyplot imported only for a new Axes, no
``plt.show()``), and :func:`team_page`, the tables one reader of a team page may see.

A figure the privacy rules suppress (NA: a count of 1 to 4 people, :data:`netlib.team.MIN_GROUP`) is
drawn as suppressed, never as 0: no bar, and "<5" written where it would be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from netlib import _fonts, _params
from netlib.plots import PALETTE, _ax, _literal, _nothing, _tidy
from netlib.team._privacy import MIN_GROUP

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_team_reach", "plot_team_overlap", "plot_sole_holders"]

#: How a suppressed figure is written on a chart.
SUPPRESSED = f"<{MIN_GROUP}"
_GREY = "#777777"


def _values(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(the values as floats with 0 where suppressed, whether each is suppressed)."""
    v = pd.to_numeric(column, errors="coerce").astype(float)
    gone = v.isna().to_numpy()
    return np.nan_to_num(v.to_numpy()), gone


def _count(value) -> str:
    """A count as a chart writes it: ``1,234``, or ``<5`` when suppressed."""
    return SUPPRESSED if pd.isna(value) else f"{int(value):,}"


def _whole_numbers(ax) -> None:
    """Ticks of the counts' axis at whole numbers only (a count of people has no halves)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _bar_labels(ax, bars, values: np.ndarray, gone: np.ndarray, horizontal: bool = True) -> None:
    """Each bar's count at its end; a suppressed one says ``<5`` in grey where its bar would start."""
    labels = [SUPPRESSED if g else f"{int(v):,}" for v, g in zip(values, gone, strict=True)]
    texts = ax.bar_label(bars, labels=labels, fontsize=8, padding=2)
    for t, g in zip(texts, gone, strict=True):
        if g:
            t.set_color(_GREY)


@_fonts.readable
@_params.document
def plot_team_reach(reach: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "", **kwargs) -> Axes:
    """Per member: the people they know, of those the ones only they reach, and their warm ties.

    Three horizontal bars per member (people, from :func:`netlib.team.team_reach`): ``known`` (contacts,
    met or not), ``only`` (reached by this member and no other) and ``warm`` (active or cooling ties).
    The team's own figures (its ``"team"`` row: every person the team knows, counted once) are in the
    title.  A suppressed count (NA, fewer than :data:`netlib.team.MIN_GROUP` people) has no bar and
    says ``<5``.

    Parameters
    ----------
    reach : DataFrame
        :func:`netlib.team.team_reach` output (with or without ``viewer=``).
    {ax}
    title : str or None
        The chart's title; ``""`` for one that gives the team's totals, None for none.
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> from netlib.team import team_reach
    >>> from netlib.team._load import _example_team
    >>> ax = plot_team_reach(team_reach(_example_team()))
    >>> [int(p.get_width()) for p in ax.patches][::3]   # ada: known, only, warm
    [2, 1, 1]
    >>> ax.get_title(loc="left")
    'The team knows 5 people; 3 of them through one member only'
    """
    _params.table("plot_team_reach", "reach", reach, ["known", "only", "warm"], "netlib.team_reach()")
    ax = _ax(ax)
    members = reach.drop(index="team", errors="ignore")
    team = reach.loc["team"] if "team" in reach.index else None
    if title == "":
        title = "People the team knows" if team is None else (
            f"The team knows {_count(team['known'])} people; {_count(team['only'])} of them through one member only")
    if members.empty:
        return _nothing(ax, title, "No member in the team: load_team found no member's folder.")
    series = [("known", "people they know", "#0072B2"), ("only", "of those, only they reach", PALETTE["segment"]),
              ("warm", "warm ties (active or cooling)", PALETTE["warm"])]
    y = np.arange(len(members))[::-1] * (len(series) + 1.0)
    for k, (col, label, color) in enumerate(series):
        values, gone = _values(members[col])
        bars = ax.barh(y - k, values, height=0.9, color=color, label=label, **kwargs)
        _bar_labels(ax, bars, values, gone)
    ax.set_yticks(y - 1, [_literal(m) for m in members.index])
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _whole_numbers(ax)
    right = max(float(_values(members[c])[0].max()) for c, *_ in series)
    ax.set_xlim(0, max(right * 1.15, 1.0))
    _tidy(ax, title, f"people ({SUPPRESSED}: fewer than {MIN_GROUP}, not shown)" if members[[c for c, *_ in series]].isna().any().any()
          else "people", "")
    return ax


@_fonts.readable
@_params.document
def plot_team_overlap(overlap: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "People two members both reach",
                      cmap: str = "Blues", **kwargs) -> Axes:
    """A members x members heatmap of the people two members both reach, each count written in its cell.

    The diagonal is each member's own people reached (:func:`netlib.team.team_overlap`).  A suppressed
    cell (NA: 1 to 4 people, fewer than :data:`netlib.team.MIN_GROUP`) is hatched grey and says
    ``<5``, never 0.

    Parameters
    ----------
    overlap : DataFrame
        :func:`netlib.team.team_overlap` output (square, members on both axes).
    {ax}
    {title}
    cmap : str
        The matplotlib colour map of the counts.
    **kwargs
        Passed to ``Axes.imshow``.

    Examples
    --------
    >>> from netlib.team import team_overlap
    >>> from netlib.team._load import _example_team
    >>> ax = plot_team_overlap(team_overlap(_example_team(), viewer="ada"))
    >>> sorted({t.get_text() for t in ax.texts})   # every cell of a team of three counts fewer than 5
    ['0', '<5']
    """
    if not isinstance(overlap, pd.DataFrame) or list(overlap.index) != list(overlap.columns):
        _params.fail("plot_team_overlap", "overlap", _params.shown(overlap), "what netlib.team_overlap() returns (members x members)")
    ax = _ax(ax)
    if overlap.empty:
        return _nothing(ax, title, "No member in the team: nobody to compare.")
    v = overlap.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    gone = np.isnan(v)
    n = len(overlap)
    diagonal = np.eye(n, dtype=bool)
    shaded = ~gone & ~diagonal  # the colours compare pairs; each member's own reach (far larger) is written, not shaded
    top = max(float(v[shaded].max()) if shaded.any() else 0.0, 1.0)
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    ax.imshow(np.ma.masked_array(np.nan_to_num(v), mask=~shaded), cmap=colormaps[cmap].with_extremes(bad="#f4f4f4"), vmin=0, vmax=top,
              **kwargs)
    for i, j in zip(*np.nonzero(gone), strict=True):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#bbbbbb", lw=0))
    for i in range(n):
        for j in range(n):
            dark = shaded[i, j] and v[i, j] > 0.6 * top
            ax.text(j, i, SUPPRESSED if gone[i, j] else f"{int(v[i, j]):,}", ha="center", va="center", fontsize=9,
                    color=_GREY if gone[i, j] else ("white" if dark else "black"), fontweight="bold" if i == j else "normal")
    names = [_literal(m) for m in overlap.index]
    ax.set_xticks(range(n), names, rotation=45 if n > 4 else 0, ha="right" if n > 4 else "center")
    ax.set_yticks(range(n), names)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, loc="left")
    ax.set_xlabel(f"people both reach (the diagonal: each member's own; {SUPPRESSED}: fewer than {MIN_GROUP}, not shown)"
                  if gone.any() else "people both reach (the diagonal: each member's own)", fontsize=8)
    return ax


def _per_member(sole: pd.DataFrame) -> pd.DataFrame:
    """``sole.attrs["per_member"]`` (its counts, suppressed where the table's viewer may not see them),
    or the counts of the table's rows when it has none."""
    per = sole.attrs.get("per_member")
    if isinstance(per, pd.DataFrame) and {"sole_warm", "going_cold"} <= set(per.columns):
        return per
    g = sole.groupby("member", sort=False)
    return pd.DataFrame({"sole_warm": g.size(), "going_cold": g["going_cold"].sum()}).astype("int64")


@_fonts.readable
@_params.document
def plot_sole_holders(sole: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "Warm ties only one member holds",
                      **kwargs) -> Axes:
    """Per member: the warm ties only they hold (the team's key-person risk), those going cold in orange.

    One horizontal bar per member of :func:`netlib.team.sole_holders`' ``.attrs["per_member"]``
    (people): its length is ``sole_warm``, its orange part ``going_cold`` (overdue, or cold within the
    horizon), its blue part the rest.  A suppressed count (NA) has no bar and says ``<5``.

    Parameters
    ----------
    sole : DataFrame
        :func:`netlib.team.sole_holders` output (with or without ``viewer=``).
    {ax}
    {title}
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> from netlib.team import sole_holders
    >>> from netlib.team._load import _example_team
    >>> ax = plot_sole_holders(sole_holders(_example_team()))
    >>> [t.get_text() for t in ax.get_yticklabels()], [int(p.get_width()) for p in ax.patches[3:]]   # kept warm
    (['ada', 'bo', 'cy'], [0, 1, 1])
    """
    _params.table("plot_sole_holders", "sole", sole, ["member", "going_cold"], "netlib.sole_holders()")
    ax = _ax(ax)
    per = _per_member(sole)
    if per.empty:
        return _nothing(ax, title, "No member in the team: nobody holds a tie.")
    total, gone = _values(per["sole_warm"])
    cold, cold_gone = _values(per["going_cold"])
    if not gone.any() and total.sum() == 0:
        return _nothing(ax, title, "No warm tie is held by one member only:\nevery warm tie has a second member to fall back on.")
    steady = np.where(gone | cold_gone, 0.0, total - cold)
    cold = np.where(gone, 0.0, cold)
    y = np.arange(len(per))[::-1]
    ax.barh(y, cold, color=PALETTE["warm"], label="going cold (overdue, or cold within the horizon)", **kwargs)
    bars = ax.barh(y, steady, left=cold, color=PALETTE["one_to_one"], label="kept warm", **kwargs)
    labels = [SUPPRESSED if g else (f"{int(t):,} ({SUPPRESSED} going cold)" if cg else f"{int(t):,} ({int(c):,} going cold)")
              for t, c, g, cg in zip(total, cold, gone, cold_gone, strict=True)]
    texts = ax.bar_label(bars, labels=labels, fontsize=8, padding=3)
    for t, g in zip(texts, gone | cold_gone, strict=True):
        if g:
            t.set_color(_GREY)
    ax.set_yticks(y, [_literal(m) for m in per.index])
    ax.set_xlim(0, max(float(total.max()) * 1.4, 1.0))
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _whole_numbers(ax)
    _tidy(ax, title, f"warm ties no other member holds warm (people; {SUPPRESSED}: fewer than {MIN_GROUP}, not shown)"
          if (gone | cold_gone).any() else "warm ties no other member holds warm (people)", "")
    return ax
