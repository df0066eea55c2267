"""netlib: answers about your professional network from the files you already have.

Load exports with :func:`load` (or the sample with :func:`load_sample`), then
ask how far you reach (:mod:`netlib.reach`), what your networking effort buys
(:mod:`netlib.effort`) and how your relationships decay (:mod:`netlib.decay`).

``netlib.reach`` and ``netlib.effort`` are modules that can be called like their main
function: ``netlib.reach(net)`` is ``netlib.reach.reach(net)``, and ``netlib.reach.first_met``
is there too.  ``netlib.workshop`` is loaded on first use.
"""

import importlib
import inspect
import types

from netlib import anonymize, datasets, decay, effort, io, plan, plots, reach, widgets
from netlib._files import OutputError
from netlib._params import ArgumentError
from netlib.datasets import generate, load_sample, open_network
from netlib.decay import (
    assumptions,
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
from netlib.plan import compare_plans
from netlib.reach import brokerage, ego_graph, first_met, reach_growth, referral_reach, right_people
from netlib.segment import segment_mask

__version__ = "0.1.0"


class _CallableModule(types.ModuleType):
    """A module that can be called like its main function (``netlib.reach(net)``)."""

    def __call__(self, *args, **kwargs):
        return self.__call_target__(*args, **kwargs)


def _callable(module: types.ModuleType, func) -> None:
    module.__class__ = _CallableModule
    module.__call_target__ = func
    module.__signature__ = inspect.signature(func)


_callable(reach, reach.reach)
_callable(effort, effort.effort)
_callable(plan, plan.plan)


def __getattr__(name: str):
    if name == "workshop":  # the exercises' checks call the package: loaded after it, on first use
        return importlib.import_module("netlib.workshop")
    raise AttributeError(f"module 'netlib' has no attribute {name!r}")


__all__ = [
    "anonymize",
    "datasets",
    "decay",
    "io",
    "plots",
    "widgets",
    "workshop",
    "assumptions",
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
]
