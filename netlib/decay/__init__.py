"""Decay: tie strength fades without contact.

Tie strength follows the tie-decay model of Ahmad, Porter and
Beguerisse-Díaz (arXiv:1805.00193): every meeting *k* with contact *i* adds its
weight ``w_k``, and strength halves every ``h`` days without contact::

    s_i(t) = sum over meetings k of i with t_k <= t of  w_k * 2 ** (-(t - t_k) / h)

Strength is in *meeting-equivalents*: 1.0 is one one-to-one meeting today
(with the default weights), 0.5 one such meeting ``h`` days ago.

Every default here is an assumption with a source; :func:`assumptions` lists
them for display.

The package is one room per topic; every public name is here, ``netlib.decay.X``, and that is
the one spelling to use (the rooms are private, ``netlib.decay._status`` and so on):

- ``_strength``: :func:`tie_strength`, :func:`strength_over_time`, :func:`peak_strength`, and
  the events every other room reads strength from;
- ``_status``: :func:`status`, :func:`warm_ties`, :func:`going_cold`, :func:`dormant_ties`,
  :func:`next_steps` and the reasons they give in words;
- ``_layers``: Dunbar's layers, :func:`layer_of` and :func:`layers`;
- ``_survival``: :func:`survival` and :func:`survival_data`;
- ``_half_life``: :class:`HalfLifeFitter` and :func:`fit_half_life` (the Hawkes fit),
  :func:`choose_half_life`, :func:`half_life_note`;
- ``_assumptions``: :func:`assumptions` and the status rules' constants;
- ``_notes``: :class:`Note`, the sentences notebooks show as text;
- ``_backtest``: :func:`backtest` (what netlib would have said at earlier dates, scored against
  what happened next and against recency, frequency and fixed cadences), :class:`Backtest`,
  :func:`contact_chance` and the scores :func:`auc` and :func:`average_precision`.
"""

from netlib._facts import as_of as _as_of  # noqa: F401 (netlib.decay._as_of, as before the rooms)
from netlib._facts import meeting_weights
from netlib._kernels import decayed_cumsum as decayed_cumsum
from netlib.decay._assumptions import COLD_K, COOLING_K, OVERDUE_FLOOR_DAYS, assumptions
from netlib.decay._backtest import Backtest, auc, average_precision, backtest, contact_chance, cut_points
from netlib.decay._half_life import FIT_MAX_CONTACTS as FIT_MAX_CONTACTS
from netlib.decay._half_life import FIT_MAX_GRID as FIT_MAX_GRID
from netlib.decay._half_life import MAX_INTERVAL_RATIO as MAX_INTERVAL_RATIO
from netlib.decay._half_life import HalfLife, HalfLifeFit, HalfLifeFitter, choose_half_life, fit_half_life, half_life_note
from netlib.decay._layers import DUNBAR_LAYERS, layer_of, layers
from netlib.decay._notes import Note
from netlib.decay._status import WARM_STATUSES, dormant_ties, going_cold, next_steps, status, warm_ties
from netlib.decay._status import _verbs as _verbs
from netlib.decay._strength import STRENGTH_CELLS as STRENGTH_CELLS
from netlib.decay._strength import _events as _events
from netlib.decay._strength import peak_strength, strength_over_time, tie_strength
from netlib.decay._survival import survival, survival_data
from netlib.model import DEFAULT_WEIGHTS, WARM_THRESHOLD

# Names imported ``as`` themselves are reached as netlib.decay.X although not in __all__: the limits
# the docstrings name, the kernel the tests check against a loop, and private names other modules
# use (``_events``: the report works the events out before its pages open the network).

__all__ = [
    "DEFAULT_WEIGHTS",
    "HalfLife",
    "choose_half_life",
    "WARM_THRESHOLD",
    "assumptions",
    "meeting_weights",
    "tie_strength",
    "strength_over_time",
    "status",
    "warm_ties",
    "WARM_STATUSES",
    "going_cold",
    "COOLING_K",
    "COLD_K",
    "OVERDUE_FLOOR_DAYS",
    "peak_strength",
    "dormant_ties",
    "next_steps",
    "DUNBAR_LAYERS",
    "layer_of",
    "layers",
    "survival",
    "survival_data",
    "fit_half_life",
    "HalfLifeFit",
    "HalfLifeFitter",
    "half_life_note",
    "Note",
    "backtest",
    "Backtest",
    "contact_chance",
    "cut_points",
    "auc",
    "average_precision",
]

# The public functions and classes say they are netlib.decay's, as before the rooms: what help(),
# Sphinx and the argument tests show, and the one spelling to use.
for _name in __all__:
    _obj = globals()[_name]
    if callable(_obj) and getattr(_obj, "__module__", "").startswith("netlib.decay."):
        _obj.__module__ = __name__
del _name, _obj
