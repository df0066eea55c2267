"""Derived per-Network facts shared by the analyses: UTC times, windows, meeting days, first
meetings, groupings, meeting weights and tie strength.

One home for what :mod:`netlib.reach`, :mod:`netlib.effort` and :mod:`netlib.decay` all need,
so that they stand side by side as peers and never import each other.  Facts that cost a pass
over every meeting or attendance are cached on the Network (:meth:`netlib.Network.cached`) with
the columns they depend on, and computed again when those change.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from netlib import _params
from netlib._kernels import day_numbers
from netlib.model import DEFAULT_WEIGHTS, Network

__all__ = [
    "network", "as_of", "window", "window_end", "days", "in_window", "check_by", "meeting_days", "first_meeting", "connected_first",
    "GROUPINGS", "PERIODS", "group_codes", "meeting_weights", "meeting_contributions", "strength",
]

#: Dependencies of the facts that read meeting times and who attended (see :meth:`Network.cached`).
_ATTENDED = ("meetings.start", "attendance", "meetings.index", "contacts.index")


def network(func: str, net) -> Network:
    """``net`` when it is a :class:`~netlib.Network`; else an
    :class:`~netlib._params.ArgumentError` of ``func`` saying where one comes from.

    Examples
    --------
    >>> network("effort", None)
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: effort(): net must be a Network from netlib.load(), netlib.from_frames() or netlib.load_sample(); got None
    """
    fix = ("A table is not a network: load your files with netlib.load(...)" if isinstance(net, (pd.DataFrame, pd.Series))
           else None)
    return _params.instance(func, "net", net, Network, _params.NETWORK, fix)


#: How far past both your last meeting and today an ``as_of`` may lie: 40 half-lives of the
#: default 90 days, when every tie has long faded to nothing (a later date is most likely a typo).
AS_OF_AHEAD = pd.DateOffset(years=10)


def exported(net: Network) -> pd.Timestamp | None:
    """The latest moment the files' content shows they were exported at or after
    (``net.sources["exported"]``: a calendar's export stamp, a mailbox's newest message, a
    LinkedIn export's newest connection), or None when no file shows one."""
    col = net.sources.get("exported")
    if col is None or not col.notna().any():
        return None
    return pd.Timestamp(col.max()).tz_convert("UTC").as_unit("ns")


def data_end(net: Network) -> pd.Timestamp:
    """The default moment of every figure: the later of the last meeting's start and the moment the
    files show they were exported (:func:`exported`), so that months of silence between the last
    meeting and the export count as silence; today at midnight UTC when there is neither."""
    last = net.meetings["start"].max() if len(net.meetings) else None
    shown = exported(net)
    known = [t for t in (last, shown) if t is not None and t is not pd.NaT]
    return max(known) if known else pd.Timestamp.now(tz="UTC").normalize()


def as_of(net: Network, when=None, func: str = "as_of") -> pd.Timestamp:
    """The moment an analysis measures at: ``when`` in UTC, by default the end of the data
    (:func:`data_end`: the later of the last meeting's start and the files' export moment); a
    ``when`` that is no date, or lies more than :data:`AS_OF_AHEAD` (10 years) past both the last
    meeting and today, is an :class:`~netlib._params.ArgumentError` of ``func``."""
    network(func, net)
    if when is None:
        return data_end(net)
    t = _params.when(func, "as_of", when)
    now = pd.Timestamp.now(tz="UTC").normalize()
    if t > now + AS_OF_AHEAD:  # only then is the last meeting looked up
        last = net.meetings["start"].max() if len(net.meetings) else pd.NaT
        latest = max(now, last) if last is not pd.NaT else now
        if t > latest + AS_OF_AHEAD:
            _params.fail(func, "as_of", _params.shown(when),
                         f"no later than {latest + AS_OF_AHEAD:%Y-%m-%d}, 10 years after the later of your last meeting "
                         f"and today (by then every tie has faded to nothing)", "Check the year")
    return t


def window(func: str, start=None, end=None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``start`` and ``end`` arguments of ``func`` in UTC (None where not given), checked: a
    window whose ``end`` is not after its ``start`` is an :class:`~netlib._params.ArgumentError`
    (it would hold no meeting), not an empty answer.

    Examples
    --------
    >>> window("reach", "2024-01-01", "2023-01-01")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: reach(): end must be after start (2024-01-01 00:00 UTC); got '2023-01-01'. The window holds
    the meetings from start up to end: swap them
    """
    lo, hi = _params.when(func, "start", start), _params.when(func, "end", end)
    ordered(func, lo, hi, end)
    return lo, hi


def ordered(func: str, lo: pd.Timestamp | None, hi: pd.Timestamp | None, end=None) -> None:
    """An :class:`~netlib._params.ArgumentError` of ``func`` when the window ``[lo, hi)`` is empty
    because ``hi`` is not after ``lo`` (``end`` is the argument as given, shown in the message)."""
    if lo is not None and hi is not None and hi <= lo:
        _params.fail(func, "end", _params.shown(hi if end is None else end), f"after start ({lo:%Y-%m-%d %H:%M} UTC)",
                     "The window holds the meetings from start up to end: swap them")


def window_end(net: Network, end=None, func: str = "window_end") -> pd.Timestamp:
    """The exclusive end of a window: ``end`` in UTC, by default the end of the data
    (:func:`data_end`, the moment every other figure is measured at) or just after the last
    meeting (one second) when that is later, so that the window holds every meeting."""
    if end is not None:
        return _params.when(func, "end", end)
    if not len(net.meetings):
        return data_end(net)
    return max(net.meetings["start"].max() + pd.Timedelta(seconds=1), data_end(net))


_EPOCH = pd.Timestamp(0, tz="UTC")


def days(ts: pd.Timestamp) -> float:
    """A UTC time as days since 1970-01-01 (a float), the unit of :func:`meeting_days`.

    Examples
    --------
    >>> days(pd.Timestamp("1970-01-02 12:00", tz="UTC"))
    1.5
    """
    return (ts - _EPOCH) / pd.Timedelta(days=1)


def in_window(meetings: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> np.ndarray:
    """True for meetings starting in ``[start, end)`` (UTC times from :func:`window`; None: open)."""
    keep = np.ones(len(meetings), dtype=bool)
    lo, hi = start, end
    if lo is not None:
        keep &= (meetings["start"] >= lo).to_numpy()
    if hi is not None:
        keep &= (meetings["start"] < hi).to_numpy()
    return keep


def meeting_days(net: Network) -> np.ndarray:
    """:func:`day_numbers` of every meeting's start, cached on the Network."""
    return net.cached("meeting_days", lambda n: day_numbers(n.meetings["start"]), ("meetings.start",))


def first_meeting(net: Network) -> pd.Series:
    """Position (in ``net.meetings``) of each contact's first meeting, indexed by contact position.

    Meetings are ranked once by (start, position); each contact's first is
    the minimum rank over their attendances (a grouped min, no sort of the
    attendance).  Cached on the Network.
    """
    return net.cached("first_meeting", _first_meeting, _ATTENDED)


def _first_meeting(net: Network) -> pd.Series:
    mpos, cpos = net.positions()
    if len(mpos) == 0:
        return pd.Series(dtype=np.int64)
    day = meeting_days(net)
    if (day[1:] >= day[:-1]).all():  # meetings already in time order (as files usually list them)
        order = rank = np.arange(len(day))
    else:
        order = np.lexsort((np.arange(len(day)), day))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
    best = np.full(len(net.contacts), len(order), dtype=np.int64)
    np.minimum.at(best, cpos, rank[mpos])  # a grouped min without sorting the attendance
    seen = np.flatnonzero(best < len(order))
    return pd.Series(order[best[seen]], index=seen)


def connected_first(net: Network, contacts: np.ndarray, meetings: np.ndarray) -> np.ndarray:
    """True where contact ``contacts[i]`` (a position) was connected before the UTC day of meeting
    ``meetings[i]`` (a position): :func:`first_met`'s rule for "met by connection"."""
    conn = net.contacts["connected_on"].array[contacts]
    return np.asarray(conn < net.meetings["start"].array[meetings].floor("D"), dtype=bool)


#: What the analyses group meetings by (``by=``).
GROUPINGS = {"mode", "channel", "month", "quarter", "year"}


#: Periods for ``by=`` and ``freq=``, as pandas period codes.
PERIODS = {"month": "M", "quarter": "Q", "year": "Y"}


def _group_key(df: pd.DataFrame, by: str | None, time_col: str = "start") -> pd.Series:
    if by is None:
        return pd.Series("all", index=df.index)
    if by in PERIODS:
        return df[time_col].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(PERIODS[by]).astype(str)
    return df[by]


def check_by(func: str, by):
    """``by`` when it is None, one of :data:`GROUPINGS` or a list of them (else an ArgumentError of ``func``)."""
    return _params.choice(func, "by", by, [None, *sorted(GROUPINGS)], several=True)


def group_codes(meetings: pd.DataFrame, by: str | list[str] | None, net: Network | None = None) -> tuple[np.ndarray, pd.Index]:
    """An integer code per meeting for the ``by`` grouping, and the sorted group labels.

    ``by`` may be a list (e.g. ``["quarter", "mode"]``): the labels are then a
    MultiIndex.  Given the ``net`` whose ``meetings`` these are, a ``mode`` or
    ``channel`` grouping reuses its cached codes (:meth:`Network.codes`).

    Examples
    --------
    >>> m = pd.DataFrame({"mode": ["one_to_one", "one_to_many", "one_to_one"]})
    >>> codes, labels = group_codes(m, "mode")
    >>> codes.tolist(), labels.tolist()
    ([1, 0, 1], ['one_to_many', 'one_to_one'])
    """
    if by is None:
        return np.zeros(len(meetings), dtype=np.int64), pd.Index(["all"])
    if net is not None and isinstance(by, str) and by in ("mode", "channel") and meetings is net.meetings:
        codes, labels = net.codes(by)
        order = np.argsort(np.asarray(labels, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return rank[codes], pd.Index(np.asarray(labels, dtype=object)[order])
    if isinstance(by, (list, tuple)):
        if not len(meetings):  # no meeting: no group (a MultiIndex of nothing still needs its levels)
            return np.zeros(0, dtype=np.int64), pd.MultiIndex.from_arrays([[] for _ in by], names=list(by))
        # each key's codes (sorted labels), then one number per combination: the order of the
        # combinations is the order of their labels, with no tuple per meeting
        parts = [_codes(meetings, b) for b in by]
        combined = np.zeros(len(meetings), dtype=np.int64)
        for codes, labels in parts:  # one step per key (two or three)
            combined = combined * len(labels) + codes
        present, codes = np.unique(combined, return_inverse=True)
        levels, rest = [], present
        for _, labels in reversed(parts):
            levels.append(np.asarray(labels, dtype=object)[rest % len(labels)])
            rest = rest // len(labels)
        return codes.astype(np.int64), pd.MultiIndex.from_arrays(levels[::-1], names=list(by))
    codes, labels = _codes(meetings, by)
    return codes, labels


def _codes(meetings: pd.DataFrame, by: str) -> tuple[np.ndarray, pd.Index]:
    """Codes and sorted labels of one key; periods factorised as periods, named once each."""
    if by in PERIODS:
        period = meetings["start"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(PERIODS[by])
        codes, labels = pd.factorize(period, sort=True)
        return codes.astype(np.int64), pd.Index(labels.astype(str), dtype=object)
    codes, labels = pd.factorize(_group_key(meetings, by), sort=True)
    return codes.astype(np.int64), pd.Index(labels)


def meeting_weights(net: Network, weights: dict[str, float] | Callable[[pd.DataFrame], object] | None = None) -> pd.Series:
    """The weight of each meeting: what one attendance adds to a tie's strength.

    Parameters
    ----------
    net : Network
        Your network, from :func:`netlib.load` (or :func:`netlib.load_sample`).
    weights : dict or callable, optional
        A dict keyed by mode (``one_to_one``, ``one_to_many``, ``solo``) and
        optionally by channel (a channel key wins over the mode); modes not
        given keep :data:`DEFAULT_WEIGHTS`, channels not given use their mode.
        Or a callable taking ``net.meetings`` and returning one weight per
        meeting.

    Examples
    --------
    >>> import netlib
    >>> w = meeting_weights(netlib.load_sample(), {"lunch": 1.5})
    >>> sorted(w.unique().tolist())
    [0.3, 1.0, 1.5]
    """
    m = net.meetings
    if callable(weights):
        w = pd.Series(np.asarray(weights(m), dtype=float), index=m.index)
        if len(w) != len(m):
            _params.fail("meeting_weights", "weights", weights, "a callable returning one weight per meeting")
    elif weights is not None and not isinstance(weights, dict):
        _params.fail("meeting_weights", "weights", weights, "a dict of mode or channel -> weight, a callable, or None")
    else:
        table = {**DEFAULT_WEIGHTS, **(weights or {})}
        by_channel = {k: v for k, v in table.items() if k not in DEFAULT_WEIGHTS}
        mode_codes, modes = net.codes("mode")
        w = pd.Series(pd.Series(modes).map(table).to_numpy(dtype=float)[mode_codes], index=m.index)
        if by_channel:  # channel keys win over the mode's weight
            chan_codes, channels = net.codes("channel")
            unknown = set(by_channel) - set(channels)
            if unknown == set(weights):
                _params.fail("meeting_weights", "weights", weights, "keyed by modes or channels in the data",
                             f"The keys {sorted(unknown)} are neither modes {sorted(DEFAULT_WEIGHTS)} nor channels in the data")
            per_channel = pd.Series(channels).map(by_channel).to_numpy(dtype=float)[chan_codes]
            w = w.where(np.isnan(per_channel), per_channel)
    if (w < 0).any() or w.isna().any():
        _params.fail("meeting_weights", "weights", weights, "numbers of 0 or more")
    return w.rename("weight")


def meeting_contributions(net: Network, T: pd.Timestamp, half_life_days: float, weights=None,
                          func: str = "meeting_contributions") -> np.ndarray:
    """What each meeting adds to each of its attendees' strength at ``T``:
    ``w_k * 2 ** (-(T - t_k) / h)``, 0 for meetings after ``T`` (one value per meeting).
    A ``half_life_days`` that is not a positive number is an ArgumentError of ``func``."""
    half_life_days = _params.number(func, "half_life_days", half_life_days)
    w = meeting_weights(net, weights).to_numpy()
    age = days(T) - meeting_days(net)
    return np.where(age >= 0, w * np.exp2(-np.clip(age, 0, None) / half_life_days), 0.0)


def strength(net: Network, T: pd.Timestamp, half_life_days: float, weights=None, func: str = "strength") -> np.ndarray:
    """Every contact's tie strength at ``T`` (one value per row of ``net.contacts``): the sum of
    :func:`meeting_contributions` over their attendances (see :func:`netlib.decay.tie_strength`)."""
    mpos, cpos = net.positions()
    contrib = meeting_contributions(net, T, half_life_days, weights, func)
    return np.bincount(cpos, weights=contrib[mpos], minlength=len(net.contacts))
