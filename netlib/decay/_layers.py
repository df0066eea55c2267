"""Dunbar's layers: each contact's layer by strength rank (:func:`layer_of`) and the contacts and
contact rate of each layer (:func:`layers`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib.decay._strength import tie_strength
from netlib.model import DEFAULT_HALF_LIFE_DAYS, Network
from netlib.org import _internal

#: Dunbar's layers (cumulative sizes) and the contact rate that defines each
#: (meetings a year): at least weekly for the 5, monthly for the 15, none
#: crisp for the 50, yearly for the 150 (Dunbar 2018).
DUNBAR_LAYERS = pd.DataFrame(
    {"size": [5, 15, 50, 150], "reference_rate_per_year": [52.0, 12.0, np.nan, 1.0],
     "reference": ["weekly", "monthly", "(none crisp)", "yearly"]},
    index=pd.Index(["1-5", "6-15", "16-50", "51-150"], name="layer"),
)


@_params.document
def layer_of(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None) -> pd.Series:
    """Each contact's Dunbar layer by strength rank (``"1-5"`` ... ``"151+"``, or ``"none"`` at zero strength).

    The strength is :func:`tie_strength`'s, from networking meetings: a colleague met only at
    internal work is in no layer (``"none"``).

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}

    Examples
    --------
    >>> import netlib
    >>> int(layer_of(netlib.load_sample()).value_counts()["1-5"])
    5
    """
    return _layer(tie_strength(net, as_of, half_life_days, weights))


def _layer(s: pd.Series) -> pd.Series:
    """Dunbar layer of each contact from its strength (rank bands, ``"none"`` at zero)."""
    rank = s.rank(ascending=False, method="first")
    bins = [0, 5, 15, 50, 150, np.inf]
    labels = ["1-5", "6-15", "16-50", "51-150", "151+"]
    layer = pd.cut(rank, bins=bins, labels=labels).astype(object)
    return layer.where(s > 0, "none").rename("layer")


@_params.document
def layers(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None) -> pd.DataFrame:
    """Contacts per Dunbar layer and the contact rate each layer implies.

    Contacts are ranked by :func:`tie_strength` (from networking meetings); the strongest 5 form the
    first layer, the next 10 the second, then 35, then 100 (Dunbar's 5, 15,
    50, 150, as *reference bands*, not truths).  ``meetings_per_year`` is the
    mean number of networking meetings per contact in the layer during the 365 days
    before ``as_of`` (internal work left out, as from the strength); compare it with
    ``reference_rate_per_year``.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}

    Returns
    -------
    DataFrame
        Indexed by layer: ``size`` (cumulative reference size), ``contacts``,
        ``min_strength``, ``meetings_per_year``, ``reference_rate_per_year``,
        ``reference``.

    Examples
    --------
    >>> import netlib
    >>> layers(netlib.load_sample())["contacts"].tolist()
    [5, 10, 35, 100]
    """
    T = _as_of(net, as_of, "layers")
    s = tie_strength(net, T, half_life_days, weights)
    lay = _layer(s)
    m = net.meetings
    recent = ((m["start"] <= T) & (m["start"] > T - pd.Timedelta(days=365))).to_numpy() & ~_internal(net)
    mpos, cpos = net.positions()
    per_contact = np.bincount(cpos[recent[mpos]], minlength=len(net.contacts))  # attendances in the year, per contact
    df = pd.DataFrame({"layer": lay, "strength": s, "meetings": per_contact}, index=net.contacts.index)
    g = df[df["layer"].isin(DUNBAR_LAYERS.index)].groupby("layer")
    out = DUNBAR_LAYERS.copy()
    out["contacts"] = g.size().reindex(out.index, fill_value=0)
    out["min_strength"] = g["strength"].min().reindex(out.index)
    out["meetings_per_year"] = g["meetings"].mean().reindex(out.index)
    return out[["size", "contacts", "min_strength", "meetings_per_year", "reference_rate_per_year", "reference"]]
