"""Explorers: they build, and moving a control re-draws with the new value."""

import contextlib
import io

import netlib
from netlib import widgets


def _quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()) as buf:
        out = fn(*args, **kwargs)
    return out, buf.getvalue()


def test_decay_explorer_redraws(sample):
    box, first = _quiet(widgets.decay_explorer, sample)
    slider = box.children[0].children[0].children[0]
    assert slider.description == "half-life (days)"
    _, text = _quiet(setattr, slider, "value", 30)
    assert "status" in first and "status" in text and first != text


def test_reach_and_effort_explorers_build(sample):
    box, text = _quiet(widgets.reach_explorer, sample, segment="prospect")
    assert len(box.children) == 3 and "Figure" in text
    box, text = _quiet(widgets.effort_explorer, sample)
    weight = box.children[0].children[0]
    _, again = _quiet(setattr, weight, "value", 2.0)
    assert "Figure" in again


def test_plan_explorer_redraws_with_the_hours(sample):
    box, first = _quiet(widgets.plan_explorer, sample, months=3, runs=10)
    hours = box.children[0].children[0]
    assert hours.description == "hours a month" and "Figure" in first
    _, again = _quiet(setattr, hours, "value", 25.0)
    assert "Figure" in again


def _figures(monkeypatch):
    """The figures the explorers show, kept instead of displayed."""
    import matplotlib.pyplot as plt

    shown = []
    monkeypatch.setattr(widgets, "_show", lambda fig: (fig.canvas.draw(), shown.append(fig), plt.close(fig)))
    return shown


def test_the_reach_explorer_uses_the_whole_width_for_what_it_shows(sample, monkeypatch):
    shown = _figures(monkeypatch)
    box, _ = _quiet(widgets.reach_explorer, sample)  # no segment: one chart, across the figure
    _quiet(setattr, box.children[1], "value", "channel")
    for fig in shown:
        (ax,) = fig.axes
        assert ax.get_position().width > 0.6  # not the left half beside an empty one
    assert [len(fig.axes[0].get_legend().get_texts()) for fig in shown] == [2, len(netlib.reach(sample, by="channel"))]
    shown.clear()
    _quiet(widgets.reach_explorer, sample, segment="prospect")  # a segment: its share below, as wide
    (fig,) = shown
    top, bottom = fig.axes
    assert bottom.get_position().y1 < top.get_position().y0 and bottom.get_position().width > 0.6


def test_the_effort_window_starts_on_all_years(sample, monkeypatch):
    shown = _figures(monkeypatch)
    box, _ = _quiet(widgets.effort_explorer, sample)
    window = box.children[0].children[2]
    assert (window.description, window.label, window.index) == ("window", "all years", 0)  # shown selected, not blank
    everything = [p.get_height() for p in shown[-1].axes[0].patches]
    _quiet(setattr, window, "label", window.options[1][0])  # one year, then all years again
    one_year = [p.get_height() for p in shown[-1].axes[0].patches]
    _quiet(setattr, window, "label", "all years")
    assert [p.get_height() for p in shown[-1].axes[0].patches] == everything != one_year
