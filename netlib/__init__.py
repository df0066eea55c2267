"""netlib: answers about your professional network from the files you already have.

Load exports with :func:`load` (or the sample with :func:`load_sample`), then
ask how far you reach (:mod:`netlib.reach`), what your networking effort buys
(:mod:`netlib.effort`) and how your relationships decay (:mod:`netlib.decay`).
"""

from netlib import datasets
from netlib.datasets import generate, load_sample
from netlib.io import from_frames, load, write_csv
from netlib.model import DataError, Me, Network

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Me",
    "Network",
    "datasets",
    "from_frames",
    "generate",
    "load",
    "load_sample",
    "write_csv",
]
