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
