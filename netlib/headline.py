"""The headline figures: what a report's front page shows first (:func:`headline`)."""

from __future__ import annotations

import pandas as pd

from netlib import _params
from netlib.model import DEFAULT_HORIZON_DAYS

__all__ = ["headline"]


@_params.document
def headline(net, *, as_of=None, half_life_days: float | None = None, horizon_days: float = DEFAULT_HORIZON_DAYS) -> pd.Series:
    """The figures on a report's front page.

    ``people_reached`` (distinct people met), ``hours`` (meeting hours),
    ``people_per_hour_one_to_one`` and ``people_per_hour_one_to_many``
    (from :func:`netlib.effort`), ``warm_ties`` (:func:`netlib.warm_ties` at
    ``as_of``: the same count as the decay page and month 0 of every plan) and
    ``going_cold`` (the ties to get in touch with: overdue, or cold within ``horizon_days``, judged by
    networking meetings alone: :func:`netlib.going_cold`'s count, the same as the next steps').

    Parameters
    ----------
    {net}
    {as_of}
    half_life_days : float, optional
        Days for a tie to lose half its strength; None: the one every page uses
        (:func:`netlib.decay.choose_half_life`).
    horizon_days : float
        How far ahead "going cold" looks, in days.

    Examples
    --------
    >>> import netlib
    >>> h = headline(netlib.load_sample())
    >>> h["people_reached"] == int(netlib.reach(netlib.load_sample()).loc["all", "people"])
    True
    """
    import netlib

    half_life_days = netlib.decay.choose_half_life(net, as_of, half_life_days).days
    e = netlib.effort(net, end=_end(net, as_of), half_life_days=half_life_days)
    per_hour = e["people_per_hour"]
    return pd.Series(
        {
            "people_reached": int(netlib.reach(net, end=_end(net, as_of)).loc["all", "people"]),
            "hours": float(e["hours"].sum()),
            "people_per_hour_one_to_one": float(per_hour.get("one_to_one", float("nan"))),
            "people_per_hour_one_to_many": float(per_hour.get("one_to_many", float("nan"))),
            "warm_ties": netlib.warm_ties(net, as_of, half_life_days),
            "going_cold": int(netlib.decay.going_cold(net, as_of, half_life_days, horizon_days=horizon_days, limit=1).attrs["total"]),
        },
        dtype=object,
    )


def _end(net, as_of):
    """The window that ends with ``as_of`` (included)."""
    t = _params.when("headline", "as_of", as_of)
    return None if t is None else t + pd.Timedelta(microseconds=1)
