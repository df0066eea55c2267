"""Tie strength: each contact's strength at a moment (:func:`tie_strength`), on a time grid
(:func:`strength_over_time`) and at its highest (:func:`peak_strength`), and the events
(attendances on the time axis) every part of decay reads them from (:func:`_events`).

``s_i(t) = sum over meetings k of i with t_k <= t of  w_k * 2 ** (-(t - t_k) / h)``
(see :mod:`netlib.decay`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._facts import meeting_contributions, meeting_days, meeting_weights, network, window
from netlib._facts import strength as _strength
from netlib._kernels import day_numbers, decayed_cumsum
from netlib.model import DEFAULT_HALF_LIFE_DAYS, Network
from netlib.org import _internal, org_domains

#: What telling internal work apart reads besides the meetings (:func:`netlib.org.internal_meetings`).
_ORG_DEPENDS = ("contacts.emails", "meetings.audience", "meetings.index")


def _events(net: Network, weights=None) -> pd.DataFrame:
    """Attendance rows with contact position, time (days since epoch) and weight, sorted by contact
    then time.  Kept on the Network for the default weights (an explorer's every redraw asks for
    it): callers take rows of it, never change it."""
    if weights is None:
        return net.cached("events", lambda n: _sorted_events(n, None), ("meetings.start", "meetings.mode", "attendance"))
    return _sorted_events(net, weights)


def _event_arrays(net: Network, T: float, weights=None, networking: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Contact position, day, weight and meeting position of the events up to day ``T`` (sorted by
    contact then time, as :func:`_events`): the cached arrays themselves when none is later, never
    a copy of the whole frame (millions of rows at an organisation's size).  Read, never change.
    ``networking``: internal work left out (:func:`netlib.org.internal_meetings`)."""
    ev = _events(net, weights)
    cols = tuple(ev[k].to_numpy() for k in ("c", "t", "w", "m"))
    keep = cols[1] <= T
    if networking:
        internal = _internal(net)
        if internal.any():
            keep = keep & ~internal[cols[3]]
    return cols if keep.all() else tuple(a[keep] for a in cols)


def _sorted_events(net: Network, weights) -> pd.DataFrame:
    w = meeting_weights(net, weights).to_numpy()
    mpos, cpos = net.positions()
    t = meeting_days(net)[mpos]
    order = np.lexsort((t, cpos))  # by contact, then time; ties keep the attendance order (a stable sort)
    # the arrays are new (taken in order): the frame holds them as they are, without a copy
    return pd.DataFrame({"c": cpos[order], "t": t[order], "w": w[mpos[order]], "m": mpos[order]}, copy=False)


def _strength_at(net: Network, T: pd.Timestamp, half_life_days: float, weights, func: str, networking: bool) -> np.ndarray:
    """Every contact's strength at ``T`` (one value per row of ``net.contacts``); ``networking``:
    from networking meetings alone, internal work adding nothing (:func:`netlib.org.internal_meetings`)."""
    internal = _internal(net) if networking else None
    if internal is None or not internal.any():
        return _strength(net, T, half_life_days, weights, func)
    mpos, cpos = net.positions()
    contrib = np.where(internal, 0.0, meeting_contributions(net, T, half_life_days, weights, func))
    return np.bincount(cpos, weights=contrib[mpos], minlength=len(net.contacts))


@_params.document
def tie_strength(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None,
                 networking: bool = True) -> pd.Series:
    """Tie strength of every contact at ``as_of``, from your networking meetings.

    ``s_i(t) = sum_{k: t_k <= t} w_k * 2 ** (-(t - t_k) / h)`` over the
    meetings *k* that contact *i* attended, with ``h = half_life_days`` and
    ``w_k`` from :func:`meeting_weights`.  Unit: meeting-equivalents (1.0 =
    one one-to-one meeting at ``as_of``).  Meetings after ``as_of`` are
    ignored, and so is internal work (a meeting with colleagues only,
    :func:`netlib.org.internal_meetings`) unless ``networking=False``: a colleague met only
    there has strength 0, as on every page.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}
    networking : bool
        True: internal work adds no strength (what every page shows); False: every meeting counts.

    Returns
    -------
    Series
        Indexed by ``contact_id`` (every contact; 0.0 for never met), named
        ``strength``.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> s = tie_strength(net, as_of="2026-09-01")
    >>> s.name, bool((s >= 0).all())
    ('strength', True)
    >>> bool((tie_strength(net, networking=False) >= tie_strength(net)).all())  # internal work adds to it
    True
    """
    s = _strength_at(net, _as_of(net, as_of, "tie_strength"), half_life_days, weights, "tie_strength", bool(networking))
    return pd.Series(s, index=net.contacts.index, name="strength")


#: The most values :func:`strength_over_time` returns (grid times x contacts): 80 MB of floats.
STRENGTH_CELLS = 10_000_000

#: The most grid x contact cells :func:`strength_over_time` looks up at once (a few 32 MB temporaries).
_BLOCK_CELLS = 4_000_000


@_params.document
def strength_over_time(net: Network, contacts, start=None, end=None, freq: str = "W", half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
                       weights=None, networking: bool = True) -> pd.DataFrame:
    """Tie strength of chosen contacts on a regular time grid.

    Same formula as :func:`tie_strength` (internal work left out unless ``networking=False``),
    evaluated at every grid time at once: the decayed running
    sum over each contact's meetings, read at each grid time (time and memory linear in the meetings
    plus the table's size, whatever their spread over the contacts; no loop over dates).

    Parameters
    ----------
    {net}
    contacts : list of contact_id
        The contacts to follow (ids of ``net.contacts``).
    start, end : date-like, optional
        The grid's range (naive means UTC); default from the first meeting to the end of the data
        (the later of the last meeting and the files' export moment: :func:`netlib._facts.data_end`).
    freq : str
        pandas frequency of the grid (``"D"``, ``"W"``, ``"MS"``...).  The table holds at most
        :data:`STRENGTH_CELLS` (10 million) values, grid times x contacts: a daily grid of ten
        years for 2,700 contacts, a weekly one for 19,000.
    {half_life_days}
    {weights}
    networking : bool
        True: internal work adds no strength, as in :func:`tie_strength`; False: every meeting counts.

    Returns
    -------
    DataFrame
        Index: grid times (UTC); one column per contact; values in
        meeting-equivalents.

    Raises
    ------
    netlib.ArgumentError
        A bad argument; an id that is not in ``net.contacts`` is also a ``KeyError``.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> df = strength_over_time(net, ["c0100"], freq="MS")
    >>> df.columns.tolist()
    ['c0100']
    """
    network("strength_over_time", net)
    contacts = [contacts] if isinstance(contacts, str) else list(contacts)
    want = net.contacts.index.get_indexer(pd.Index(contacts, dtype=object)) if contacts else np.zeros(0, dtype=np.intp)
    if (want < 0).any():  # an ArgumentError that is also the KeyError looking the ids up in net.contacts would give
        missing = [c for c, w in zip(contacts, want) if w < 0]
        raise _params.UnknownIds("strength_over_time", "contacts", _params.shown(missing), "ids of net.contacts")
    half_life_days = _params.number("strength_over_time", "half_life_days", half_life_days)
    try:
        step = pd.tseries.frequencies.to_offset(freq)
    except (ValueError, TypeError):
        step = None
    if step is None or step.n <= 0:
        _params.fail("strength_over_time", "freq", freq, "a pandas frequency such as 'D', 'W' or 'MS'")
    m = net.meetings
    lo, hi = window("strength_over_time", start, end)
    lo = lo if lo is not None else (m["start"].min() if len(m) else pd.Timestamp.now(tz="UTC"))
    hi = hi if hi is not None else _as_of(net)
    grid = _grid("strength_over_time", lo.floor("D"), hi, freq, step, STRENGTH_CELLS // max(len(contacts), 1), len(contacts))
    mpos, cpos = net.positions()  # the chosen contacts' attendances, on positions (not millions of id strings)
    chosen = np.zeros(len(net.contacts), dtype=bool)
    chosen[want] = True
    chosen = chosen[cpos]
    if networking:  # internal work (meetings with colleagues only) adds no strength
        chosen &= ~_internal(net)[mpos]
    w = meeting_weights(net, weights).to_numpy()
    mpos, cpos = mpos[chosen], cpos[chosen]
    uniq, col_of = np.unique(want, return_inverse=True)  # the distinct chosen contacts, one column each
    out = _strength_on_grid(meeting_days(net)[mpos], w[mpos], np.searchsorted(uniq, cpos), len(uniq), day_numbers(grid), half_life_days)
    return pd.DataFrame(out[:, col_of.ravel()], index=grid, columns=contacts)


def _strength_on_grid(t: np.ndarray, w: np.ndarray, col: np.ndarray, ncol: int, g: np.ndarray, half_life_days: float) -> np.ndarray:
    """Strength of each of ``ncol`` contacts at each grid day ``g``: a ``len(g) x ncol`` array.

    The attendances (day ``t``, weight ``w``, column ``col``) in order of column and day, the strength
    just after each is the decayed running sum ``x_k = w_k + 2 ** (-(t_k - t_{k-1}) / h) * x_{k-1}``
    (:func:`netlib._kernels.decayed_cumsum`); at a grid day ``g`` a contact's strength is that of its
    last attendance ``k`` with ``t_k <= g``, faded since: ``x_k * 2 ** (-(g - t_k) / h)``, and 0 before
    its first.  Found by one binary search per cell: time ``O((n + G x C) log n)`` and memory
    ``O(n + G x C)`` for ``n`` attendances, whatever their spread over the contacts (a grid x
    attendances matrix, as before #30, took 4 GB for one contact met 450,000 times).
    """
    out = np.zeros((len(g), ncol))
    if not len(t) or not len(g):
        return out
    order = np.lexsort((t, col))
    t, w, col = t[order], w[order], col[order]
    x = decayed_cumsum(t, w, np.r_[True, col[1:] != col[:-1]], half_life_days)
    # one sorted key for (column, day): column c's days lie in [c * span, c * span + span)
    base = min(t.min(), g.min())
    span = max(t.max(), g.max()) - base + 1.0
    keys = col * span + (t - base)
    first = np.searchsorted(col, np.arange(ncol))  # each column's first attendance
    rows = max(1, _BLOCK_CELLS // ncol)
    for a in range(0, len(g), rows):  # a few blocks of grid times: temporaries bounded
        q = np.arange(ncol)[None, :] * span + (g[a:a + rows, None] - base)
        k = np.searchsorted(keys, q, side="right") - 1
        met = k >= first[None, :]  # the contact's last attendance on or before the grid day is its own
        k = np.where(met, k, 0)
        out[a:a + rows] = np.where(met, x[k] * np.exp2(-(g[a:a + rows, None] - t[k]) / half_life_days), 0.0)
    return out


def _grid(func: str, lo: pd.Timestamp, hi: pd.Timestamp, freq, step, most: int, contacts: int) -> pd.DatetimeIndex:
    """The times ``lo``, ``lo + step``... up to ``hi`` (UTC); an :class:`~netlib.ArgumentError` of
    ``func`` naming ``freq`` when they would be more than ``most``, found from the first thousand
    steps before any larger array is made."""
    try:
        probe = pd.date_range(lo, periods=1001, freq=step, tz="UTC")
    except (OverflowError, ValueError):  # steps so long that a thousand leave the dates pandas holds: few times
        probe = None
    if probe is not None and probe[-1] < hi:
        about = 1000 * ((hi - lo) / (probe[-1] - lo)) + 1
        if about > most:
            _params.fail(func, "freq", freq, f"a frequency giving at most {most:,} grid times from {lo:%Y-%m-%d} to "
                         f"{hi:%Y-%m-%d} for {contacts:,} contact{'s' if contacts != 1 else ''} (at most "
                         f"{STRENGTH_CELLS:,} values); it gives about {about:,.0f}",
                         "Use a coarser frequency ('D', 'W', 'MS'), a shorter start to end, or fewer contacts")
    return pd.date_range(lo, hi, freq=step, tz="UTC")


@_params.document
def peak_strength(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None,
                  networking: bool = True) -> pd.Series:
    """The highest strength each tie ever reached, up to ``as_of``, from your networking meetings
    (internal work left out unless ``networking=False``, as in :func:`tie_strength`).

    Strength peaks just after a meeting, so the peak is the largest
    ``x_k = w_k + 2**(-(t_k - t_{k-1})/h) * x_{k-1}`` over the contact's
    meetings (computed by :func:`netlib._kernels.decayed_cumsum`).  Unit: meeting-equivalents.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}
    networking : bool
        True: internal work adds no strength; False: every meeting counts.

    Returns
    -------
    Series
        Indexed by ``contact_id``, named ``peak_strength`` (0.0 for never met).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> bool((peak_strength(net) >= tie_strength(net) - 1e-9).all())
    True
    """
    return _checked_peak(net, as_of, half_life_days, weights, bool(networking))


def _checked_peak(net: Network, as_of, half_life_days, weights, networking: bool = False) -> pd.Series:
    """:func:`peak_strength`, its arguments checked; ``networking``: internal work left out."""
    T = _as_of(net, as_of, "peak_strength")
    half_life_days = _params.number("peak_strength", "half_life_days", half_life_days)
    networking = networking and bool(_internal(net).any())
    if weights is not None:
        peak = _peak_strength(net, T, half_life_days, weights, networking)
    else:  # kept on the Network (the next steps ask twice, the decay page twice; a report works it out once)
        key = (f"peak_strength:networking:{','.join(org_domains(net))}:" if networking else "peak_strength:") + \
            f"{T!r}:{float(half_life_days)!r}"
        peak = net.cached(key, lambda n: _peak_strength(n, T, half_life_days, None, networking),
                          ("meetings.start", "meetings.mode", "attendance", "contacts.index") + (_ORG_DEPENDS if networking else ()))
    return pd.Series(peak, index=net.contacts.index, name="peak_strength", copy=True)


def _peak_strength(net: Network, T: pd.Timestamp, half_life_days: float, weights, networking: bool = False) -> np.ndarray:
    """The body of :func:`peak_strength`: one value per row of ``net.contacts``."""
    c, t, w, _ = _event_arrays(net, _days(T), weights, networking)
    peak = np.zeros(len(net.contacts))
    if len(c):  # the events are sorted by contact: the largest value of each contact's run of rows
        starts = np.r_[True, c[1:] != c[:-1]]
        head = np.flatnonzero(starts)
        peak[c[head]] = np.maximum.reduceat(decayed_cumsum(t, w, starts, half_life_days), head)
    return peak
