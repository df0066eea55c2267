"""netlib: answers about your professional network from the files you already have.

Load exports with :func:`load` (or the sample with :func:`load_sample`), then
ask how far you reach (:mod:`netlib.reach`), what your networking effort buys
(:mod:`netlib.effort`) and how your relationships decay (:mod:`netlib.decay`).
"""

from netlib import anonymize, datasets, decay, plots, widgets, workshop
from netlib import effort as _effort_module, reach as _reach_module  # noqa: F401 (modules, before the functions shadow them)
from netlib.datasets import generate, load_sample, open_network
from netlib.decay import (
    assumptions,
    dormant_ties,
    fit_half_life,
    half_life_note,
    layer_of,
    layers,
    peak_strength,
    status,
    strength_over_time,
    survival,
    tie_strength,
)
from netlib.effort import effort
from netlib.io import from_frames, load, write_csv
from netlib.model import DataError, Me, Network
from netlib.reach import brokerage, ego_graph, first_met, reach, reach_growth, referral_reach
from netlib.segment import segment_mask

__version__ = "0.1.0"

__all__ = [
    "anonymize",
    "plots",
    "widgets",
    "workshop",
    "assumptions",
    "brokerage",
    "dormant_ties",
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
    "referral_reach",
    "segment_mask",
    "status",
    "strength_over_time",
    "survival",
    "tie_strength",
    "DataError",
    "Me",
    "Network",
    "datasets",
    "from_frames",
    "generate",
    "load",
    "load_sample",
    "open_network",
    "write_csv",
]
