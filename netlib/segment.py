"""The target segment: which contacts are "the right people".

A segment is given as a tag (``"prospect"``), a dict of column -> regular
expression (``{"title": "founder|ceo", "tags": "investor"}``, all must match,
case-insensitive), or a callable taking the contacts table and returning a
boolean per contact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from netlib import _params
from netlib._kernels import split_list
from netlib.model import Network

__all__ = ["Segment", "segment_mask", "describe_segment", "tag_counts"]

Segment = str | dict | Callable[[pd.DataFrame], object] | None


def segment_mask(net: Network, segment: Segment) -> pd.Series:
    """True for each contact in the segment (all True when ``segment`` is None).

    Parameters
    ----------
    net : Network
        Your network, from :func:`netlib.load` (or :func:`netlib.load_sample`).
    segment : str, dict, callable or None
        A tag, a dict of contacts column -> regular expression (all must match), a callable taking
        the contacts table and returning one boolean per contact, or None for everyone.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> int(segment_mask(net, "prospect").sum()) == int(net.contacts["tags"].str.split(";").apply(lambda t: "prospect" in t).sum())
    True
    >>> bool(segment_mask(net, {"title": "^ceo$|founder"}).any())
    True
    """
    _params.instance("segment_mask", "net", net, Network, _params.NETWORK)
    c = net.contacts
    if segment is None:
        return pd.Series(True, index=c.index, name="in_segment")
    if isinstance(segment, str):
        tag = segment.strip().lower()
        mask = c["tags"].fillna("").str.contains(rf"(?:^|;){re.escape(tag)}(?:;|$)", regex=True)
    elif isinstance(segment, dict):
        mask = pd.Series(True, index=c.index)
        for col, pattern in segment.items():
            if col not in c.columns:
                _params.fail("segment_mask", "segment", segment, f"keyed by contacts columns ({', '.join(c.columns)})",
                             f"{col!r} is not one of them")
            mask &= c[col].fillna("").astype(str).str.contains(pattern, case=False, regex=True)
    elif callable(segment):
        mask = pd.Series(segment(c), index=c.index)
        if mask.dtype != bool:
            _params.fail("segment_mask", "segment", segment, "a callable returning one True/False per contact")
    else:
        _params.fail("segment_mask", "segment", segment, "a tag, a dict of contacts column -> regular expression, or a callable")
    return mask.astype(bool).rename("in_segment")


def describe_segment(segment: Segment) -> str:
    """A short human label for a segment.

    Parameters
    ----------
    segment : str, dict, callable or None
        As for :func:`segment_mask`.
    """
    if segment is None:
        return "everyone"
    if isinstance(segment, str):
        return f"tagged {segment!r}"
    if isinstance(segment, dict):
        return " and ".join(f"{k} ~ /{v}/" for k, v in segment.items())
    return getattr(segment, "__name__", "custom segment")


def tag_counts(net: Network) -> pd.Series:
    """How many contacts carry each tag, most first (ties by name).

    Parameters
    ----------
    net : Network
        Your network, from :func:`netlib.load` (or :func:`netlib.load_sample`).

    Returns
    -------
    Series
        Contacts per tag, indexed by ``tag``; empty when no contact has a tag.

    Examples
    --------
    >>> import netlib
    >>> t = tag_counts(netlib.load_sample())
    >>> int(t["prospect"]) == int(segment_mask(netlib.load_sample(), "prospect").sum())
    True
    """
    _params.instance("tag_counts", "net", net, Network, _params.NETWORK)
    row, tag = split_list(net.contacts["tags"].fillna("").astype(str).str.lower(), ";")
    counts = pd.DataFrame({"row": row, "tag": tag.to_numpy(dtype=object)}).drop_duplicates().groupby("tag").size()
    return counts.sort_index().sort_values(ascending=False, kind="stable").rename("contacts")
