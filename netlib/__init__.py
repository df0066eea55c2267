"""netlib: answers about your professional network from the files you already have.

Load exports with :func:`load` (or the sample with :func:`load_sample`), then
ask how far you reach (:func:`reach`), what your networking effort buys (:func:`effort`),
what a plan would bring (:func:`plan`) and how your relationships decay (:mod:`netlib.decay`).
A team's exports together: :func:`load_team` and :mod:`netlib.team`.

``netlib.reach``, ``netlib.effort`` and ``netlib.plan`` are functions; their modules are
:mod:`netlib.analysis.reach`, :mod:`netlib.analysis.effort` and :mod:`netlib.analysis.plan`.
``netlib.workshop`` is loaded on first use.
"""

import importlib
import sys

from netlib import _deprecated, analysis, anonymize, datasets, decay, io, plots, team, widgets
from netlib._files import OutputError
from netlib._params import ArgumentError
from netlib.analysis.effort import effort
from netlib.analysis.plan import compare_plans, plan
from netlib.analysis.reach import brokerage, ego_graph, first_met, reach, reach_growth, referral_reach, right_people
from netlib.datasets import generate, load_sample, open_network
from netlib.decay import (
    assumptions,
    backtest,
    dormant_ties,
    fit_half_life,
    half_life_note,
    layer_of,
    layers,
    next_steps,
    peak_strength,
    status,
    strength_over_time,
    survival,
    tie_strength,
    warm_ties,
)
from netlib.io import from_frames, load, write_csv
from netlib.model import DataError, Me, Network
from netlib.segment import segment_mask
from netlib.team import Team, best_introducers, intro_paths, load_team, member_view, sole_holders, team_overlap, team_reach

__version__ = "0.2.0"

_deprecated.install(sys.modules[__name__])  # netlib.plan.learn and from netlib.reach import X: warn, for one release


def __getattr__(name: str):
    if name == "workshop":  # the exercises' checks call the package: loaded after it, on first use
        return importlib.import_module("netlib.workshop")
    raise AttributeError(f"module 'netlib' has no attribute {name!r}")


__all__ = [
    "analysis",
    "anonymize",
    "datasets",
    "decay",
    "io",
    "plots",
    "team",
    "widgets",
    "workshop",
    "assumptions",
    "backtest",
    "brokerage",
    "dormant_ties",
    "next_steps",
    "ego_graph",
    "effort",
    "first_met",
    "fit_half_life",
    "half_life_note",
    "layer_of",
    "layers",
    "peak_strength",
    "reach",
    "reach_growth",
    "right_people",
    "plan",
    "compare_plans",
    "referral_reach",
    "segment_mask",
    "status",
    "strength_over_time",
    "survival",
    "tie_strength",
    "warm_ties",
    "ArgumentError",
    "DataError",
    "OutputError",
    "Me",
    "Network",
    "from_frames",
    "generate",
    "load",
    "load_sample",
    "open_network",
    "write_csv",
    "Team",
    "load_team",
    "team_reach",
    "team_overlap",
    "intro_paths",
    "best_introducers",
    "sole_holders",
    "member_view",
]
