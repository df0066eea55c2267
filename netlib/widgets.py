"""Interactive explorers for JupyterLab: sliders that re-draw netlib's own charts.

Each explorer returns an ipywidgets box; displaying it (the last line of a
cell) shows the controls and a chart drawn by the same ``netlib.plots``
function the static report uses.  They work headless too (the chart is drawn
once with the defaults), but a report never depends on them: notebooks put
them in cells tagged ``interactive``.
"""

from __future__ import annotations

import pandas as pd

from netlib import _params, plots
from netlib.analysis.effort import effort
from netlib.analysis.reach import reach
from netlib.decay import WARM_THRESHOLD, status, strength_over_time, tie_strength
from netlib.model import DEFAULT_HALF_LIFE_DAYS, Network

__all__ = ["decay_explorer", "reach_explorer", "effort_explorer", "plan_explorer"]



def _ipywidgets():
    """ipywidgets, or an error saying which extra installs it (it is part of ``netlib[lab]``)."""
    try:
        import ipywidgets
    except ModuleNotFoundError:
        raise ModuleNotFoundError("netlib's explorers need ipywidgets, part of JupyterLab use: pip install 'netlib[lab]'",
                                  name="ipywidgets") from None
    return ipywidgets

def _figure(width: float = 9, height: float = 4):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")


def _show(fig) -> None:
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


@_params.document
def decay_explorer(net: Network, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, warm_threshold: float = WARM_THRESHOLD, as_of=None,
                   top: int = 40):
    """Half-life and threshold sliders, a contact picker: strength curves and status counts update.

    Parameters
    ----------
    {net}
    {half_life_days}
        The slider starts here.
    {warm_threshold}
        The slider starts here.
    {as_of}
    top : int
        How many of the strongest contacts the picker offers.

    Examples
    --------
    >>> import netlib
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel it draws once to stdout
    ...     box = decay_explorer(netlib.load_sample())
    >>> type(box).__name__
    'VBox'
    """
    w = _ipywidgets()

    _params.number("decay_explorer", "top", top, low=1, inclusive=True, integer=True)
    strongest = tie_strength(net, as_of, half_life_days).nlargest(top).index
    options = [(f"{net.contacts.at[c, 'name']}", c) for c in strongest]
    h = w.IntSlider(value=int(half_life_days), min=7, max=365, step=1, description="half-life (days)",
                    continuous_update=False, style={"description_width": "initial"})
    thr = w.FloatSlider(value=warm_threshold, min=0.05, max=3.0, step=0.05, description="warm threshold",
                        continuous_update=False, style={"description_width": "initial"})
    who = w.SelectMultiple(options=options, value=tuple(c for _, c in options[:3]), rows=6, description="contacts")

    def draw(h_days: int, threshold: float, contacts: tuple) -> None:
        fig, ax = _figure()
        if contacts:
            series = strength_over_time(net, list(contacts), half_life_days=h_days, end=as_of)
            plots.plot_strength_over_time(series, ax=ax, names=net.contacts["name"].to_dict(), threshold=threshold)
        _show(fig)
        counts = status(net, as_of, h_days, warm_threshold=threshold)["status"].value_counts()
        from IPython.display import display

        display(counts.rename("contacts").to_frame().T)

    out = w.interactive_output(draw, {"h_days": h, "threshold": thr, "contacts": who})
    return w.VBox([w.HBox([w.VBox([h, thr]), who]), out])


@_params.document
def reach_explorer(net: Network, *, segment=None, freq: str = "quarter"):
    """Date range and mode pickers: people met per period and the segment's share update.

    Parameters
    ----------
    {net}
    {segment}
    freq : {"month", "quarter", "year"}
        The period of the chart's points.

    Examples
    --------
    >>> import netlib
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel it draws once to stdout
    ...     box = reach_explorer(netlib.load_sample(), segment="prospect")
    >>> type(box).__name__
    'VBox'
    """
    w = _ipywidgets()

    _params.choice("reach_explorer", "freq", freq, ["month", "quarter", "year"])
    months = pd.period_range(net.meetings["start"].min().tz_localize(None), net.meetings["start"].max().tz_localize(None), freq="M")
    rng = w.SelectionRangeSlider(options=[str(m) for m in months], index=(0, len(months) - 1), description="months",
                                 continuous_update=False, layout={"width": "600px"})
    by = w.ToggleButtons(options=[("by mode", "mode"), ("by channel", "channel")], value="mode")

    def draw(window: tuple, group: str) -> None:
        start = pd.Period(window[0], "M").start_time
        end = pd.Period(window[1], "M").end_time
        import matplotlib.pyplot as plt

        # the periods across the whole width; the segment's share, when there is a segment, below them
        rows = 1 if segment is None else 2
        fig, axes = plt.subplots(rows, 1, figsize=(11, 4 * rows), layout="constrained", squeeze=False)
        plots.plot_reach_over_time(reach(net, start, end, by=[freq, group]), ax=axes[0, 0])
        if segment is not None:
            share = reach(net, start, end, by=group, segment=segment)
            total = reach(net, start, end, segment=segment)["segment_share"].iloc[0]
            plots.plot_segment_share(share, ax=axes[1, 0], overall=total)
        _show(fig)

    out = w.interactive_output(draw, {"window": rng, "group": by})
    return w.VBox([rng, by, out])


@_params.document
def effort_explorer(net: Network, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS):
    """Mode weights and a window: people, new people and close contacts per hour update.

    Parameters
    ----------
    {net}
    {half_life_days}

    Examples
    --------
    >>> import netlib
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel it draws once to stdout
    ...     box = effort_explorer(netlib.load_sample())
    >>> type(box).__name__
    'VBox'
    """
    w = _ipywidgets()

    one = w.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.1, description="one-to-one weight",
                        continuous_update=False, style={"description_width": "initial"})
    many = w.FloatSlider(value=0.3, min=0.0, max=3.0, step=0.1, description="one-to-many weight",
                         continuous_update=False, style={"description_width": "initial"})
    years = sorted(net.meetings["start"].dt.year.unique().tolist())
    # "all years" has a value of its own: a Dropdown whose value is None shows no option selected
    year = w.Dropdown(options=[("all years", "all")] + [(str(y), y) for y in years], value="all", description="window")

    def draw(w_one: float, w_many: float, y) -> None:
        start, end = (None, None) if y == "all" else (f"{y}-01-01", f"{y + 1}-01-01")
        table = effort(net, start, end, half_life_days=half_life_days, weights={"one_to_one": w_one, "one_to_many": w_many})
        fig, ax = _figure()
        plots.plot_effort(table, ax=ax)
        _show(fig)

    out = w.interactive_output(draw, {"w_one": one, "w_many": many, "y": year})
    return w.VBox([w.HBox([one, many, year]), out])


@_params.document
def plan_explorer(net: Network, *, hours_per_month: float = 10, months: int = 12, segment=None, runs: int = 100,
                  as_of=None):
    """Sliders for a plan's hours a month and its share of one-to-one hours, and a metric picker:
    the plan's fan chart (:func:`netlib.plan`) updates beside the same hours spent as you did so far.

    What the plan draws on is learnt once (:func:`netlib.analysis.plan.learn`); each change runs the
    months forward again (``runs`` futures).

    Parameters
    ----------
    {net}
    hours_per_month : float
        The hours slider starts here.
    months : int
        How far ahead.
    {segment}
    runs : int
        Simulated futures per plan.
    {as_of}

    Examples
    --------
    >>> import netlib
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel it draws once to stdout
    ...     box = plan_explorer(netlib.load_sample(), months=3, runs=10)
    >>> type(box).__name__
    'VBox'
    """
    from netlib.analysis.plan import METRICS, compare_plans, current_plan, default_targets, learn

    w = _ipywidgets()
    _params.number("plan_explorer", "hours_per_month", hours_per_month, inclusive=True)
    L = learn(net, as_of, None, segment)
    targets = default_targets(net, as_of, L.half_life_days, segment)  # found once: each redraw only simulates
    hours = w.FloatSlider(value=hours_per_month, min=0.0, max=max(40.0, hours_per_month), step=1.0, description="hours a month",
                          continuous_update=False, style={"description_width": "initial"})
    share = w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.1, description="share one-to-one",
                          continuous_update=False, style={"description_width": "initial"})
    metric = w.Dropdown(options=[m for m in METRICS if segment is not None or m != "segment reached"], value="warm ties",
                        description="show")
    past = current_plan(net, as_of)["mix"]

    def draw(h: float, one: float, what: str) -> None:
        plans = {"your plan": {"hours_per_month": h, "mix": {k: v for k, v in {"one_to_one": one, "one_to_many": 1 - one}.items() if v}
                               or {"one_to_one": 1.0}},
                 "as you did so far": {"hours_per_month": h, "mix": past}}
        table = compare_plans(net, plans, months=months, runs=runs, seed=0, as_of=as_of, segment=segment, learnt=L, targets=targets)
        fig, ax = _figure()
        plots.plot_plans(table, metric=what, ax=ax)
        _show(fig)

    out = w.interactive_output(draw, {"h": hours, "one": share, "what": metric})
    return w.VBox([w.HBox([hours, share, metric]), out])
