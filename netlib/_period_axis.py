"""Axes of periods (quarters, months, years) for netlib's charts: labels that never run together."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _period_ticks(ax: Axes, periods: pd.PeriodIndex, beside: float = 0.0) -> None:
    """Label the bars at 0, 1, ... of ``periods`` so that no two labels touch at the axes' width (less
    ``beside`` inches for a legend): every quarter or month ("Q1", "Jan") with the year under the first
    of each year; where they do not fit, every second (third, sixth); else the years alone, thinned.
    Every period keeps a tick."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    digit = FontProperties(size=rcParams["xtick.labelsize"]).get_size_in_points() / 72 * 0.65  # inches per character
    fig, spec = ax.figure, ax.get_subplotspec()
    if fig.get_layout_engine() is not None and spec is not None:  # laid out: the axes get their column, less the y axis's labels
        usable = (spec.colspan.stop - spec.colspan.start) / spec.get_gridspec().ncols * fig.get_figwidth() - 0.9 - beside
    else:
        usable = ax.get_position().width * fig.get_figwidth() - beside
    slot = max(usable, 0.5) / max(len(periods), 1)
    kind = periods.freqstr[0]
    within = (periods.quarter - 1) if kind == "Q" else (periods.month - 1) if kind == "M" else np.arange(len(periods))
    part = [f"Q{q}" for q in periods.quarter] if kind == "Q" else list(periods.strftime("%b")) if kind == "M" else None
    choices = [(within % step == 0, True) for step in {"Q": (1, 2), "M": (1, 2, 3, 6)}.get(kind, ())]
    years = np.r_[True, periods.year[1:] != periods.year[:-1]]
    choices += [(years & (np.cumsum(years) % step == 1 % step), False) for step in (1, 2, 5, 10)]
    for pick, with_part in choices:
        at = np.flatnonzero(pick)
        first = np.r_[True, periods.year[at][1:] != periods.year[at][:-1]]  # the first label of each year names it
        labels = [(f"{part[i]}\n{periods.year[i]}" if f else part[i]) if with_part else str(periods.year[i]) for i, f in zip(at, first)]
        wide = np.array([max(len(s) for s in label.split("\n")) for label in labels]) * digit
        if len(at) < 2 or (np.diff(at) * slot >= (wide[1:] + wide[:-1]) / 2 + 0.1).all():
            break
    ax.set_xticks(np.arange(len(periods)), minor=True)
    ax.set_xticks(at, labels)


def _freq(index: pd.Index) -> str:
    s = str(index[0])
    return "Q" if "Q" in s else ("M" if len(s) == 7 else "Y")


def _freq_name(index: pd.Index) -> str:
    return {"Q": "quarter", "M": "month", "Y": "year"}[_freq(index)]
