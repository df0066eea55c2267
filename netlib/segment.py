"""The target segment: which contacts are "the right people".

A segment is given as a tag (``"prospect"``), a dict of column -> regular
expression (``{"title": "founder|ceo", "tags": "investor"}``, all must match,
case-insensitive), or a callable taking the contacts table and returning a
boolean per contact.
"""

from __future__ import annotations

import re
from typing import Callable, Union

import pandas as pd

from netlib.model import Network

__all__ = ["Segment", "segment_mask", "describe_segment"]

Segment = Union[str, dict, Callable[[pd.DataFrame], object], None]


def segment_mask(net: Network, segment: Segment) -> pd.Series:
    """True for each contact in the segment (all True when ``segment`` is None).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> int(segment_mask(net, "prospect").sum()) == int(net.contacts["tags"].str.split(";").apply(lambda t: "prospect" in t).sum())
    True
    >>> bool(segment_mask(net, {"title": "^ceo$|founder"}).any())
    True
    """
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
                raise KeyError(f"segment column {col!r} is not a contacts column; choose from {list(c.columns)}")
            mask &= c[col].fillna("").astype(str).str.contains(pattern, case=False, regex=True)
    elif callable(segment):
        mask = pd.Series(segment(c), index=c.index)
        if mask.dtype != bool:
            raise TypeError("a segment callable must return one True/False per contact")
    else:
        raise TypeError(f"segment must be a tag, a dict of column -> regex, or a callable; got {type(segment).__name__}")
    return mask.astype(bool).rename("in_segment")


def describe_segment(segment: Segment) -> str:
    """A short human label for a segment."""
    if segment is None:
        return "everyone"
    if isinstance(segment, str):
        return f"tagged {segment!r}"
    if isinstance(segment, dict):
        return " and ".join(f"{k} ~ /{v}/" for k, v in segment.items())
    return getattr(segment, "__name__", "custom segment")
