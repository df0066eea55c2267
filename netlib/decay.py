"""Decay: tie strength fades without contact.

Tie strength follows the tie-decay model of Ahmad, Porter and
Beguerisse-Díaz (arXiv:1805.00193): every meeting *k* with contact *i* adds its
weight ``w_k``, and strength halves every ``h`` days without contact::

    s_i(t) = sum over meetings k of i with t_k <= t of  w_k * 2 ** (-(t - t_k) / h)

Strength is in *meeting-equivalents*: 1.0 is one one-to-one meeting today
(with the default weights), 0.5 one such meeting ``h`` days ago.

Every default here is an assumption with a source; :func:`assumptions` lists
them for display.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._facts import first_meeting, meeting_days, meeting_weights, network, window
from netlib._facts import strength as _strength
from netlib._kernels import day_numbers, decayed_cumsum
from netlib.model import CONVERSATION_CHANNELS, DAYS_PER_MONTH, DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, EMAIL_BROADCAST, EMAIL_MINUTES, WARM_THRESHOLD, Network
from netlib.org import _internal, org_domains
from netlib.segment import describe_segment, segment_mask

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
    "half_life_note",
    "Note",
]


#: A tie is overdue (*cooling*) once silent this many times its median gap (netlib's choice between
#: 2 and 3: well past its own rhythm, long before Navarro's 8).
COOLING_K = 2.5
#: ... and never before this many days of silence (a weekly tie is not overdue after a fortnight).
OVERDUE_FLOOR_DAYS = 21
#: A tie is cold once silent this many times its median gap (Navarro et al. 2017).
COLD_K = 8


@_params.document
def assumptions(half_life_days: float = DEFAULT_HALF_LIFE_DAYS, warm_threshold: float = WARM_THRESHOLD, cooling_k: float = COOLING_K,
                dormant_days: float = 3 * 365, cold_k: float = COLD_K, overdue_floor_days: float = OVERDUE_FLOOR_DAYS,
                half_life_source: str | None = None) -> pd.DataFrame:
    """The decay defaults, what they mean and where they come from.

    Parameters
    ----------
    {half_life_days}
    {warm_threshold}
    {cooling_k}
    {dormant_days}
    cold_k : float
        A tie is cold once silent this many times its median gap.
    overdue_floor_days : float
        No tie is overdue before this many days of silence.
    half_life_source : str, optional
        Where ``half_life_days`` comes from (:func:`choose_half_life`), shown before the research
        behind the default.

    Returns
    -------
    DataFrame
        Indexed by ``assumption``: ``value``, ``meaning``, ``source``.

    Examples
    --------
    >>> assumptions().loc["half_life_days", "value"]
    90
    """
    rows = [
        ("half_life_days", half_life_days, "strength halves after this many days without contact",
         (f"This report: {half_life_source}. " if half_life_source else "")
         + "Tie-decay model: Ahmad, Porter & Beguerisse-Díaz, arXiv:1805.00193. The default, 90 days, sits between Dunbar's "
         "monthly (15-layer) and yearly (150-layer) contact rates; fit_half_life() estimates it from your data"),
        ("weight one_to_one", DEFAULT_WEIGHTS["one_to_one"], "strength added by a one-to-one meeting",
         "Burke & Kraut 2014 (CHI): composed one-to-one contact grows ties more than broadcasts"),
        ("weight one_to_many", DEFAULT_WEIGHTS["one_to_many"], "strength added to each person at a group meeting",
         "netlib assumption after Burke & Kraut 2014 and Ingram & Morris 2007 (people at mixers mostly talk to people they know)"),
        ("warm_threshold", warm_threshold, "a tie is warm at or above this strength",
         "netlib assumption: one one-to-one meeting one half-life ago"),
        ("cooling_k", cooling_k, "a warm tie is overdue (cooling) once the silence exceeds k times its own median gap",
         "netlib's choice between 2 and 3: well past the tie's own rhythm, long before it decays (cold_k)"),
        ("overdue_floor_days", overdue_floor_days, "no tie is overdue before this many days of silence",
         "netlib assumption: a weekly tie is not overdue after two weeks"),
        ("cold_k", cold_k, "a tie is cold once the silence exceeds k times its own median gap",
         "Navarro, Miritello, Canales & Moro 2017 (EPJ Data Sci.): ties silent 8x their usual gap mostly decay"),
        ("dormant_days", dormant_days, "a tie is dormant after this long without contact",
         "Levin, Walter & Murnighan 2011 (Organization Science): dormant ties, out of touch 3 years or more"),
        ("layers", "5, 15, 50, 150", "circles by strength rank", "Dunbar 2018 (Trends Cogn. Sci.): reference bands, not truths "
         "(Lindenfors et al. 2021 find wide intervals)"),
        ("email_minutes", EMAIL_MINUTES, "minutes of your time per e-mail you wrote; mail only received costs none",
         "netlib assumption: no study gives one figure (change it with the email_minutes option when loading)"),
        ("email broadcast", f"more than {EMAIL_BROADCAST} recipients", "an e-mail that is one-to-many: touches, not relationships",
         "netlib assumption after Immersion (MIT Media Lab 2013) and relationship tools that read mail metadata"),
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "meaning", "source"]).set_index("assumption")


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


@_params.document
def tie_strength(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None) -> pd.Series:
    """Tie strength of every contact at ``as_of``.

    ``s_i(t) = sum_{k: t_k <= t} w_k * 2 ** (-(t - t_k) / h)`` over the
    meetings *k* that contact *i* attended, with ``h = half_life_days`` and
    ``w_k`` from :func:`meeting_weights`.  Unit: meeting-equivalents (1.0 =
    one one-to-one meeting at ``as_of``).  Meetings after ``as_of`` are
    ignored.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}

    Returns
    -------
    Series
        Indexed by ``contact_id`` (every contact; 0.0 for never met), named
        ``strength``.

    Examples
    --------
    >>> import netlib
    >>> s = tie_strength(netlib.load_sample(), as_of="2026-09-01")
    >>> s.name, bool((s >= 0).all())
    ('strength', True)
    """
    s = _strength(net, _as_of(net, as_of, "tie_strength"), half_life_days, weights, "tie_strength")
    return pd.Series(s, index=net.contacts.index, name="strength")


#: The most values :func:`strength_over_time` returns (grid times x contacts): 80 MB of floats.
STRENGTH_CELLS = 10_000_000

#: The most grid x attendance cells :func:`strength_over_time` holds at once (32 MB a block).
_BLOCK_CELLS = 4_000_000


@_params.document
def strength_over_time(net: Network, contacts, start=None, end=None, freq: str = "W", half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
                       weights=None) -> pd.DataFrame:
    """Tie strength of chosen contacts on a regular time grid.

    Same formula as :func:`tie_strength`, evaluated at every grid time at
    once (grid x meetings matrices, a block of grid times at a time, no loop over dates).

    Parameters
    ----------
    {net}
    contacts : list of contact_id
        The contacts to follow (ids of ``net.contacts``).
    start, end : date-like, optional
        The grid's range (naive means UTC); default from the first to the last meeting.
    freq : str
        pandas frequency of the grid (``"D"``, ``"W"``, ``"MS"``...).  The table holds at most
        :data:`STRENGTH_CELLS` (10 million) values, grid times x contacts: a daily grid of ten
        years for 2,700 contacts, a weekly one for 19,000.
    {half_life_days}
    {weights}

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
    w = meeting_weights(net, weights).to_numpy()
    mpos, cpos = mpos[chosen], cpos[chosen]
    # each attendance's column among the distinct chosen contacts, the attendances in runs by column
    uniq, col_of = np.unique(want, return_inverse=True)
    col = np.searchsorted(uniq, cpos)
    order = np.argsort(col, kind="stable")
    t, wk, col = meeting_days(net)[mpos][order], w[mpos][order], col[order]
    runs = np.flatnonzero(np.r_[True, col[1:] != col[:-1]]) if len(col) else np.zeros(0, dtype=np.intp)
    g = day_numbers(grid)
    out = np.zeros((len(g), len(uniq)))
    rows = max(1, _BLOCK_CELLS // max(len(t), 1))
    for a in range(0, len(g) if len(t) else 0, rows):  # one step per block of grid times: memory bounded
        age = g[a:a + rows, None] - t[None, :]
        contrib = np.where(age >= 0, wk[None, :] * np.exp2(-np.clip(age, 0, None) / half_life_days), 0.0)
        out[a:a + rows, col[runs]] = np.add.reduceat(contrib, runs, axis=1)
    return pd.DataFrame(out[:, col_of.ravel()], index=grid, columns=contacts)


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
def status(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None, warm_threshold: float = WARM_THRESHOLD,
           cooling_k: float = COOLING_K, dormant_days: float = 3 * 365, cold_k: float = COLD_K,
           overdue_floor_days: float = OVERDUE_FLOOR_DAYS) -> pd.DataFrame:
    """Where each relationship stands at ``as_of``, and when it goes cold.

    A tie's *rhythm* is the median gap between its meetings (``median_gap_days``; a tie met once
    has none).  Rules, applied in this order (see :func:`assumptions` for sources):

    * ``never_met``: no meeting on or before ``as_of``;
    * ``dormant``: ``silence_days >= dormant_days`` (3 years, Levin et al. 2011);
    * ``cold``: ``strength < warm_threshold``, or ``silence_days > cold_k * median_gap_days``
      (Navarro et al. 2017: a tie silent for more than 8 times its usual gap mostly decays);
    * ``cooling`` (overdue): ``silence_days > max(cooling_k * median_gap_days,
      overdue_floor_days)``: silent well past its own rhythm (2.5 times by default, and at least
      three weeks, so that a weekly tie is not overdue after a fortnight);
    * ``active``: warm and within its rhythm.

    ``days_to_cold`` counts the days until the tie turns cold if nothing happens: the earlier of
    ``h * log2(strength / warm_threshold)`` (from ``s * 2**(-d/h) = threshold``) and
    ``cold_k * median_gap_days - silence_days``; ``cold_on`` is that date.  ``overdue_days`` is
    how far the silence is past ``max(cooling_k * median_gap_days, overdue_floor_days)`` (negative:
    not yet due).

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}
    {warm_threshold}
    {cooling_k}
    {dormant_days}
    cold_k : float
        A tie is cold once its silence exceeds this many times its median gap (default 8).
    overdue_floor_days : float
        No tie is overdue before this many days of silence (default 21).

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``name``, ``strength`` (meeting-equivalents),
        ``first_met``, ``last_met`` (UTC), ``meetings`` (count),
        ``median_gap_days``, ``silence_days``, ``status``, ``cold_on``,
        ``days_to_cold``, ``overdue_days``.

    Examples
    --------
    >>> import netlib
    >>> st = status(netlib.load_sample())
    >>> sorted(st["status"].unique())
    ['active', 'cold', 'cooling', 'dormant', 'never_met']
    """
    return _checked_status(net, as_of, half_life_days, weights, warm_threshold, cooling_k, dormant_days, cold_k,
                           overdue_floor_days)


def _checked_status(net: Network, as_of, half_life_days, weights, warm_threshold, cooling_k, dormant_days, cold_k,
                    overdue_floor_days, networking: bool = False) -> pd.DataFrame:
    """:func:`status`, its arguments checked; ``networking``: from networking meetings only, internal
    work left out (:func:`netlib.org.internal_meetings`: what the next steps judge ties by)."""
    T = _as_of(net, as_of, "status")
    half_life_days = _params.number("status", "half_life_days", half_life_days)
    rules = tuple(_params.number("status", name, value, inclusive=name == "overdue_floor_days") for name, value in
                  (("warm_threshold", warm_threshold), ("cooling_k", cooling_k), ("dormant_days", dormant_days),
                   ("cold_k", cold_k), ("overdue_floor_days", overdue_floor_days)))
    networking = networking and bool(_internal(net).any())  # without internal work, the one status
    if weights is not None:
        return _status(net, T, half_life_days, weights, *rules, networking=networking)
    # kept on the Network (the decay page asks four times, the next steps twice; a report computes it
    # once, before its pages open the snapshot): a copy each time, so that a caller changes only its own
    key = (f"status:networking:{','.join(org_domains(net))}:" if networking else "status:") + \
        f"{T!r}:{float(half_life_days)!r}:" + ":".join(repr(float(r)) for r in rules)
    return net.cached(key, lambda n: _status(n, T, half_life_days, None, *rules, networking=networking),
                      _STATUS_DEPENDS + (_ORG_DEPENDS if networking else ())).copy()


#: The statuses of :func:`status` that are warm ties: within their rhythm (``active``) or overdue
#: but not yet cold (``cooling``).
WARM_STATUSES = ("active", "cooling")


@_params.document
def warm_ties(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> int:
    """Today's warm ties: how many contacts are warm at ``as_of``, as the decay page counts them.

    The contacts whose :func:`status` is ``active`` or ``cooling`` (:data:`WARM_STATUSES`), that is
    every contact *i* met on or before ``as_of`` with::

        s_i >= WARM_THRESHOLD                       (strength, meeting-equivalents; 0.5)
        and silence_i <= COLD_K * median_gap_i      (when the tie has a rhythm: two meeting days or more)
        and silence_i < dormant_days                (3 years)

    where ``s_i`` is :func:`tie_strength` and ``silence_i`` the days since the last meeting.  Unit:
    contacts.  The front page, the decay page and month 0 of every plan (:func:`netlib.plan.plan`)
    give this number.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}

    Returns
    -------
    int

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> n = warm_ties(net)
    >>> n == int(status(net)["status"].isin(["active", "cooling"]).sum())
    True
    >>> n <= int((tie_strength(net) >= WARM_THRESHOLD).sum())  # strong enough, and not silent past its rhythm
    True
    """
    network("warm_ties", net)
    return int(status(net, as_of, half_life_days)["status"].isin(WARM_STATUSES).sum())


#: What :func:`status` reads with the default weights: meeting times and modes, who came, the names.
_STATUS_DEPENDS = ("meetings.start", "meetings.mode", "attendance", "contacts.index", "contacts.name")
#: ... and what telling internal work apart reads besides (:func:`netlib.org.internal_meetings`).
_ORG_DEPENDS = ("contacts.emails", "meetings.audience", "meetings.index")


def _status(net: Network, T: pd.Timestamp, half_life_days: float, weights, warm_threshold: float, cooling_k: float,
            dormant_days: float, cold_k: float, overdue_floor_days: float, networking: bool = False) -> pd.DataFrame:
    """The body of :func:`status`, its arguments checked (``networking``: internal work left out)."""
    if networking:  # strength from the networking meetings' events alone
        c, t, w, _ = _event_arrays(net, _days(T), weights, networking=True)
        s_net = np.bincount(c, weights=w * np.exp2(-(_days(T) - t) / half_life_days), minlength=len(net.contacts))
        strength = pd.Series(s_net, index=net.contacts.index)
    else:
        strength = pd.Series(_strength(net, T, half_life_days, weights, "status"), index=net.contacts.index)
    c, t, _, m = _event_arrays(net, _days(T), networking=networking)
    # the events are sorted by contact: each contact's run of rows starts where the contact changes
    head = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]) if len(c) else np.zeros(0, dtype=np.intp)
    end = np.r_[head[1:], len(c)] if len(c) else head  # one past each contact's last row
    count = pd.Series(end - head, index=c[head])
    starts = net.meetings["start"]
    first = starts.iloc[m[head]].set_axis(count.index)
    last = starts.iloc[m[end - 1]].set_axis(count.index)
    last_d = day_numbers(last)
    # gaps between consecutive distinct meeting days of the same contact
    same = c[1:] == c[:-1]
    gaps = pd.Series(np.diff(t)[same], index=c[1:][same])
    median_gap = gaps.groupby(level=0, sort=False).median()
    n = len(net.contacts)
    idx = np.arange(n)

    def full(s: pd.Series) -> np.ndarray:
        return s.reindex(idx).to_numpy(dtype=float)

    med = full(median_gap)
    last_d = full(pd.Series(last_d, index=count.index))
    silence = _days(T) - last_d
    s = strength.to_numpy()
    rhythm = ~np.isnan(med)
    due = np.maximum(cooling_k * med, overdue_floor_days)  # NaN without a rhythm
    cold = (s < warm_threshold) | (rhythm & (silence > cold_k * med))
    state = np.select(
        [np.isnan(last_d), silence >= dormant_days, cold, rhythm & (silence > due)],
        ["never_met", "dormant", "cold", "cooling"],
        "active",
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        by_strength = np.where(s >= warm_threshold, half_life_days * np.log2(s / warm_threshold), np.nan)
    by_rhythm = np.where(rhythm, cold_k * med - silence, np.nan)
    to_cold = np.where(np.isin(state, ["active", "cooling"]), np.fmin(by_strength, by_rhythm), np.nan)
    out = pd.DataFrame(
        {
            "name": net.contacts["name"].to_numpy(),
            "strength": s,
            "first_met": first.reindex(idx).array,  # times with their zone: no Python object per contact
            "last_met": last.reindex(idx).array,
            "meetings": full(count).astype(float),
            "median_gap_days": med,
            "silence_days": silence,
            "status": state,
            "cold_on": _after(T, to_cold),
            "days_to_cold": to_cold,
            "overdue_days": silence - due,
        },
        index=net.contacts.index,
    )
    out["meetings"] = out["meetings"].fillna(0).astype(int)
    return out


def _every(gap: pd.Series) -> pd.Series:
    """A median gap in days as a rhythm people say ("every week", "every 2 months").

    Examples
    --------
    >>> _every(pd.Series([1.0, 7, 14, 30, 61, 400, np.nan])).tolist()
    ['every day', 'every week', 'every 2 weeks', 'every month', 'every 2 months', 'every 13 months', 'once']
    """
    g = gap.to_numpy(dtype=float)
    weeks, months = np.round(g / 7).astype("float"), np.round(g / DAYS_PER_MONTH).astype("float")
    out = np.where(g < 4, "every day",
                   np.where(g < 26, np.where(weeks <= 1, "every week", "every " + pd.Series(weeks).fillna(0).astype(int).astype(str) + " weeks"),
                            np.where(months <= 1, "every month", "every " + pd.Series(months).fillna(0).astype(int).astype(str) + " months")))
    return pd.Series(np.where(np.isnan(g), "once", out), index=gap.index)


def _span(days: pd.Series) -> pd.Series:
    """A number of days as people say it ("12 days", "3 weeks", "9 months").

    Examples
    --------
    >>> _span(pd.Series([5.0, 24, 100, 500])).tolist()
    ['5 days', '3 weeks', '3 months', '16 months']
    """
    d = days.to_numpy(dtype=float)
    d = np.where(np.isfinite(d), d, 0.0)  # a span not known (a tie that never goes cold) is never shown
    n = np.where(d < 14, np.round(d), np.where(d < 60, np.round(d / 7), np.round(d / DAYS_PER_MONTH))).astype(int)
    unit = np.where(d < 14, "day", np.where(d < 60, "week", "month"))
    return pd.Series([f"{k} {u}{'' if k == 1 else 's'}" for k, u in zip(n, unit)], index=days.index)  # one per tie shown


@_params.document
def going_cold(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None, horizon_days: float = 90, limit: int = 25,
               segment=None, segment_bonus: float = 1.0) -> pd.DataFrame:
    """Who to contact: every overdue tie and every tie that goes cold within ``horizon_days``,
    soonest and most valuable first, each with the reason in words.

    From :func:`status`: the ``cooling`` (overdue) ties, and the ``active`` ones whose
    ``days_to_cold <= horizon_days``, each tie judged by its networking meetings alone: internal
    work (a meeting with colleagues only, :func:`netlib.org.internal_meetings`) is no networking,
    so a colleague met only there is never listed, and one met also with outside people is listed
    by those meetings.  Overdue ties come first, most valuable first; then the
    others, soonest to go cold first (ties broken by value).  ``value = peak_strength * (1 +
    segment_bonus * in_segment)`` (meeting-equivalents; see :func:`peak_strength`).

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}
    horizon_days : float
        How far ahead to look for ties that go cold, in days.
    limit : int
        Most rows returned; ``.attrs["left_out"]`` says how many more there are.
    {segment}
    segment_bonus : float
        How much more a tie in the segment is worth (1: twice as much).

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``name``, ``status``, ``last_met``, ``median_gap_days``,
        ``silence_days``, ``days_to_cold``, ``cold_on``, ``value``, ``in_segment``, ``reason``
        ("met every 2 weeks until 05 Feb 2025; silent for 11 months; overdue by 9 months").
        ``.attrs``: ``total`` (ties that qualify), ``left_out`` (beyond ``limit``), ``note`` (both
        in a sentence).

    Examples
    --------
    >>> import netlib
    >>> g = going_cold(netlib.load_sample(), limit=5)
    >>> len(g) <= 5 and g.attrs["total"] == len(g) + g.attrs["left_out"]
    True
    """
    _params.number("going_cold", "horizon_days", horizon_days)
    _params.number("going_cold", "limit", limit, low=1, inclusive=True, integer=True)
    _params.number("going_cold", "segment_bonus", segment_bonus, inclusive=True)
    # ties judged by networking alone: internal work (meetings with colleagues only) is no next step
    st = _checked_status(net, as_of, half_life_days, weights, WARM_THRESHOLD, COOLING_K, 3 * 365, COLD_K, OVERDUE_FLOOR_DAYS,
                         networking=True)
    pick = (st["status"] == "cooling") | ((st["status"] == "active") & (st["days_to_cold"] <= horizon_days))
    d = st[pick].copy()
    seg = segment_mask(net, segment).loc[d.index] if segment is not None else pd.Series(False, index=d.index)
    d["in_segment"] = seg.to_numpy(dtype=bool)
    d["value"] = _checked_peak(net, as_of, half_life_days, weights, networking=True).loc[d.index] * (1 + segment_bonus * d["in_segment"])
    overdue = (d["status"] == "cooling").to_numpy()
    # overdue ties first, most valuable first; then the rest by how soon they go cold
    d = d.iloc[np.lexsort((-d["value"].to_numpy(), np.where(overdue, -d["value"], d["days_to_cold"]), ~overdue))]
    total = len(d)
    d = d.head(int(limit))
    when = np.where(d["overdue_days"] > 0, "; overdue by " + _span(d["overdue_days"]),
                    np.where(d["days_to_cold"] < 1, "; goes cold within a day", "; goes cold in " + _span(d["days_to_cold"])))
    d["reason"] = (_verbs(net, d.index, as_of, "going_cold") + " " + _every(d["median_gap_days"]) + " until "
                   + d["last_met"].dt.day.astype(str) + d["last_met"].dt.strftime(" %b %Y")
                   + "; silent for " + _span(d["silence_days"]) + when)
    out = d[["name", "status", "last_met", "median_gap_days", "silence_days", "days_to_cold", "cold_on", "value", "in_segment", "reason"]]
    out.attrs["total"], out.attrs["left_out"] = total, total - len(out)
    n_over = int(overdue.sum())
    out.attrs["note"] = Note(
        (f"{n_over} tie{'s are' if n_over != 1 else ' is'} overdue and {total - n_over} more go cold within {horizon_days:g} days"
         if total else f"No warm tie is overdue or goes cold within {horizon_days:g} days.")
        + (f"; the {len(out)} most urgent are listed, {total - len(out)} more are left out." if total > len(out) else
           ("." if total else "")))
    return out


def _verbs(net: Network, ids: pd.Index, as_of, func: str) -> np.ndarray:
    """How each contact of ``ids`` was in touch up to ``as_of``, as a reason's verb: "met" (meetings
    and calls only), "wrote" (e-mail and messages only, :data:`netlib.model.CONVERSATION_CHANNELS`)
    or "were in touch" (both).  Only the rows of these contacts are read (a list of a few dozen).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> _verbs(net, net.contacts.index[:2], None, "going_cold").tolist()
    ['met', 'met']
    """
    T = _as_of(net, as_of, func)
    att = net.attendance
    att = att[att["contact_id"].isin(ids)]
    m = net.meetings.loc[att["meeting_id"], ["start", "channel"]]
    seen = (m["start"] <= T).to_numpy()
    internal = _internal(net)
    if internal.any():  # internal work is no part of a next step's reason
        seen &= ~internal[net.meetings.index.get_indexer(att["meeting_id"])]
    written = m["channel"].isin(CONVERSATION_CHANNELS).to_numpy()
    who = att["contact_id"].to_numpy()[seen]
    any_written = pd.Series(written[seen], index=who).groupby(level=0).any().reindex(ids, fill_value=False).to_numpy()
    any_met = pd.Series(~written[seen], index=who).groupby(level=0).any().reindex(ids, fill_value=False).to_numpy()
    return np.where(any_written & any_met, "were in touch", np.where(any_written, "wrote", "met"))


@_params.document
def peak_strength(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None) -> pd.Series:
    """The highest strength each tie ever reached, up to ``as_of``.

    Strength peaks just after a meeting, so the peak is the largest
    ``x_k = w_k + 2**(-(t_k - t_{k-1})/h) * x_{k-1}`` over the contact's
    meetings (computed by :func:`netlib._kernels.decayed_cumsum`).  Unit: meeting-equivalents.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {weights}

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
    return _checked_peak(net, as_of, half_life_days, weights)


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


@_params.document
def dormant_ties(net: Network, as_of=None, segment=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None,
                 dormant_days: float = 3 * 365, segment_bonus: float = 1.0) -> pd.DataFrame:
    """Dormant ties worth reviving, best first, each with its reason.

    Levin, Walter & Murnighan (2011) found that reconnecting with *formerly
    strong* dormant ties (no contact for 3 years or more) pays back as well as
    current ties, and Walter et al. (2015) that people under-rate them.  The
    ranking score is::

        score = peak_strength * (1 + segment_bonus * in_segment)

    ties with equal score ranked by longer dormancy (more novelty).  As in :func:`going_cold`, ties
    are judged by their networking meetings alone (internal work with colleagues left out).

    Parameters
    ----------
    {net}
    {as_of}
    {segment}
    {half_life_days}
    {weights}
    {dormant_days}
    segment_bonus : float
        How much more a tie in the segment is worth (1: twice as much).

    Returns
    -------
    DataFrame
        Dormant contacts only, indexed by ``contact_id``: ``name``,
        ``company``, ``peak_strength`` (meeting-equivalents), ``meetings``,
        ``last_met``, ``years_dormant``, ``in_segment``, ``score``, ``reason``;
        ``.attrs["note"]`` says in one sentence what the data can show (a data set shorter than
        ``dormant_days`` cannot show a dormant tie).

    Examples
    --------
    >>> import netlib
    >>> top = dormant_ties(netlib.load_sample(), segment="prospect", dormant_days=365)
    >>> bool(top["score"].is_monotonic_decreasing)
    True
    """
    _params.number("dormant_ties", "segment_bonus", segment_bonus, inclusive=True)
    # ties judged by networking alone, as in going_cold: a colleague met only at internal work is never one
    st = _checked_status(net, as_of, half_life_days, weights, WARM_THRESHOLD, COOLING_K, dormant_days, COLD_K, OVERDUE_FLOOR_DAYS,
                         networking=True)
    peak = _checked_peak(net, as_of, half_life_days, weights, networking=True)
    seg = segment_mask(net, segment) if segment is not None else pd.Series(False, index=net.contacts.index)
    d = st[st["status"] == "dormant"].copy()
    d["company"] = net.contacts.loc[d.index, "company"]
    d["peak_strength"] = peak.loc[d.index]
    d["years_dormant"] = d["silence_days"] / 365.25
    d["in_segment"] = seg.loc[d.index]
    d["score"] = d["peak_strength"] * (1 + segment_bonus * d["in_segment"])
    d = d.sort_values(["score", "years_dormant"], ascending=[False, False])
    label = describe_segment(segment)
    times = np.where(d["meetings"] == 1, "once", d["meetings"].astype(str) + " times, " + _every(d["median_gap_days"]))
    d["reason"] = (
        _verbs(net, d.index, as_of, "dormant_ties") + " " + times + " until " + d["last_met"].dt.strftime("%b %Y")
        + "; silent for " + d["years_dormant"].round(1).astype(str) + " years"
        + np.where(d["in_segment"], "; in the target segment (" + label + ")", "")
    )
    out = d[["name", "company", "peak_strength", "meetings", "last_met", "years_dormant", "in_segment", "score", "reason"]]
    out.attrs["note"] = _dormant_note(net, _as_of(net, as_of, "dormant_ties"), dormant_days, len(out))
    return out


@_params.document
def next_steps(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, segment=None, contact: int = 10,
               revive: int = 5) -> pd.DataFrame:
    """What to do next: who to get in touch with this week, then dormant ties worth reviving.

    The first ``contact`` rows of :func:`going_cold` (overdue ties, most valuable first, then
    those that go cold soonest; a tie in the segment counts twice), then the first ``revive``
    of :func:`dormant_ties`.  Each row says why, in words.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {segment}
    contact : int
        Most ties to get in touch with this week.
    revive : int
        Most dormant ties to revive.

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``name``, ``action`` (``"get in touch this week"`` or
        ``"revive"``), ``reason``, ``company``, ``email``, ``in_segment``; ``.attrs["note"]``
        says what was found, and why a part is empty when it is.

    Examples
    --------
    >>> import netlib
    >>> steps = next_steps(netlib.load_sample(), contact=3, revive=2)
    >>> len(steps) <= 5 and set(steps["action"]) <= {"get in touch this week", "revive"}
    True
    """
    for name, value in (("contact", contact), ("revive", revive)):
        _params.number("next_steps", name, value, inclusive=True, integer=True)
    cold = going_cold(net, as_of, half_life_days, segment=segment, limit=max(int(contact), 1)).head(int(contact))
    dormant = dormant_ties(net, as_of, segment=segment, half_life_days=half_life_days)
    top = dormant.head(int(revive))
    c = net.contacts
    out = pd.concat([cold[["name", "reason", "in_segment"]].assign(action="get in touch this week"),
                     top[["name", "reason", "in_segment"]].assign(action="revive")])
    out["company"] = c.loc[out.index, "company"].to_numpy() if len(out) else []
    out["email"] = c.loc[out.index, "email"].to_numpy() if len(out) else []
    out = out[["name", "action", "reason", "company", "email", "in_segment"]]
    out.index.name = "contact_id"
    out.attrs["note"] = Note(f"{cold.attrs['note']} {dormant.attrs['note']}".strip())
    out.attrs["as_of"] = _as_of(net, as_of, "next_steps")  # the moment the reasons speak of
    return out


def _dormant_note(net: Network, T: pd.Timestamp, dormant_days: float, n: int) -> Note:
    """Why :func:`dormant_ties` found what it found, in one sentence (above all when it found nothing)."""
    first = net.meetings["start"].min() if len(net.meetings) else pd.NaT
    span = (T - first) / pd.Timedelta(days=1) if pd.notna(first) else 0.0
    if span < dormant_days:
        return Note(f"Your meetings go back {span / 365.25:.1f} years; a dormant tie is one silent for "
                    f"{dormant_days / 365.25:.0f} years or more, so your data cannot show any yet.")
    if n == 0:
        return Note(f"No tie you once met has been silent for {dormant_days / 365.25:.0f} years or more.")
    return Note(f"{n} ties you once met have been silent for {dormant_days / 365.25:.0f} years or more, the most valuable first.")


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

    Contacts are ranked by :func:`tie_strength`; the strongest 5 form the
    first layer, the next 10 the second, then 35, then 100 (Dunbar's 5, 15,
    50, 150, as *reference bands*, not truths).  ``meetings_per_year`` is the
    mean number of meetings per contact in the layer during the 365 days
    before ``as_of``; compare it with ``reference_rate_per_year``.

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
    recent = ((m["start"] <= T) & (m["start"] > T - pd.Timedelta(days=365))).to_numpy()
    mpos, cpos = net.positions()
    per_contact = np.bincount(cpos[recent[mpos]], minlength=len(net.contacts))  # attendances in the year, per contact
    df = pd.DataFrame({"layer": lay, "strength": s, "meetings": per_contact}, index=net.contacts.index)
    g = df[df["layer"].isin(DUNBAR_LAYERS.index)].groupby("layer")
    out = DUNBAR_LAYERS.copy()
    out["contacts"] = g.size().reindex(out.index, fill_value=0)
    out["min_strength"] = g["strength"].min().reindex(out.index)
    out["meetings_per_year"] = g["meetings"].mean().reindex(out.index)
    return out[["size", "contacts", "min_strength", "meetings_per_year", "reference_rate_per_year", "reference"]]


@_params.document
def survival(net: Network, as_of=None, ended_after_days: float = 365, by: str = "first_mode") -> pd.DataFrame:
    """Kaplan-Meier curves of staying in touch, by how people were first met.

    For each contact met at least once: the tie *ended* if the silence since
    the last meeting is at least ``ended_after_days`` at ``as_of`` (default a
    year: Dunbar's outermost contact rate); its duration is then last minus
    first meeting, in days.  Ties not ended are censored at ``as_of - first``.
    ``S(t)`` is the Kaplan-Meier product ``prod_{t_i <= t} (1 - d_i / n_i)``,
    fitted with lifelines with its 95% confidence interval.

    Parameters
    ----------
    {net}
    {as_of}
    ended_after_days : float
        Days of silence after which a tie counts as ended.
    by : {"first_mode", "first_channel", None}
        Group by the mode or channel of the first meeting, or not at all.

    Returns
    -------
    DataFrame
        ``group``, ``days``, ``survival``, ``ci_lower``, ``ci_upper``,
        ``at_risk``; ``.attrs["n"]`` holds the contacts per group,
        ``.attrs["median_days"]`` each group's median survival and ``.attrs["note"]`` what the
        chart can show, in a sentence (above all when no relationship has ended).

    Examples
    --------
    >>> import netlib
    >>> km = survival(netlib.load_sample())
    >>> sorted(km["group"].unique())
    ['one_to_many', 'one_to_one']
    >>> bool(km["survival"].between(0, 1).all())
    True
    """
    from lifelines import KaplanMeierFitter

    key = _params.choice("survival", "by", by, ["first_mode", "first_channel", None])
    d = survival_data(net, as_of, ended_after_days)
    groups = d.groupby(key) if key else [("all", d)]
    parts, n, medians = [], {}, {}
    for name, g in groups:  # one fit per group: a handful of groups, not rows
        with np.errstate(over="ignore"):  # lifelines' log-log interval overflows harmlessly where S(t) = 1
            kmf = KaplanMeierFitter().fit(g["duration_days"], g["ended"], label="survival")
        sf = kmf.survival_function_.join(kmf.confidence_interval_)
        sf.columns = ["survival", "ci_lower", "ci_upper"]
        sf["at_risk"] = kmf.event_table["at_risk"].reindex(sf.index).to_numpy()
        sf = sf.rename_axis("days").reset_index()
        sf.insert(0, "group", name)
        parts.append(sf)
        n[name] = len(g)
        medians[name] = float(kmf.median_survival_time_)
    if not parts:  # nobody met on or before as_of: no curve to draw, and an empty table that says so
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in ["days", "survival", "ci_lower", "ci_upper", "at_risk"]})
        out.insert(0, "group", pd.Series(dtype=object))
        out.attrs["n"], out.attrs["median_days"] = {}, {}
        out.attrs["note"] = Note("No relationship was met on or before this date: there is nothing to follow over time.")
        return out
    out = pd.concat(parts, ignore_index=True)
    out.attrs["n"], out.attrs["median_days"] = n, medians
    ended, span = int(d["ended"].sum()), float(d["duration_days"].max()) if len(d) else 0.0
    years = f"{ended_after_days / 365.25:.1f}".removesuffix(".0")
    if ended == 0:
        unit = f"{years} year{'' if years == '1' else 's'}"
        out.attrs["note"] = Note(
            f"No relationship has ended in your data: none of the {len(d):,} has gone {unit} without contact, so every "
            "line stays at 100%; "
            + (f"your meetings span {span / 365.25:.1f} years, too short to see one end (it needs more than {unit})."
               if span < ended_after_days else "the lines drop as ties lapse."))
    else:
        out.attrs["note"] = Note(f"{ended:,} of {len(d):,} relationships ended (went {years} year"
                                 f"{'' if years == '1' else 's'} without contact); the others are still going.")
    return out


def _after(t: pd.Timestamp, days: np.ndarray) -> np.ndarray:
    """``t`` plus each number of days, to the second; NaT where ``days`` is NaN or the date
    falls outside pandas' range (1677-2262).  Only the others are converted: pandas'
    conversion of NaN can leave a spurious overflow warning.

    Examples
    --------
    >>> _after(pd.Timestamp("2024-01-01", tz="UTC"), np.array([1.5, np.nan, 1e9])).tolist()
    [Timestamp('2024-01-02 12:00:00+0000', tz='UTC'), NaT, NaT]
    """
    naive = t.tz_convert("UTC").tz_localize(None)
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
    now = naive.to_pydatetime(warn=False)
    lo, hi = (datetime(1677, 9, 22) - now).days, (datetime(2262, 4, 11) - now).days  # within pandas' range
    fin = np.isfinite(days) & (days > lo) & (days < hi)
    ns = np.round(days[fin] * 86400e9).astype(np.int64).astype("timedelta64[ns]")
    out[fin] = naive.to_datetime64().astype("datetime64[ns]") + ns
    return pd.DatetimeIndex(out).tz_localize("UTC").round("s")


@_params.document
def survival_data(net: Network, as_of=None, ended_after_days: float = 365) -> pd.DataFrame:
    """Per contact met: ``duration_days``, ``ended`` (bool), ``first_mode``, ``first_channel``.

    The input of :func:`survival`; see there for the definitions.

    Parameters
    ----------
    {net}
    {as_of}
    ended_after_days : float
        Days of silence after which a tie counts as ended.
    """
    T = _as_of(net, as_of, "survival")
    _params.number("survival", "ended_after_days", ended_after_days)
    st = status(net, T)
    met = st[st["status"] != "never_met"]
    ended = met["silence_days"] >= ended_after_days
    end = met["last_met"].where(ended, T)
    first_m = first_meeting(net)
    mm = net.meetings.iloc[first_m.to_numpy()]
    first = pd.DataFrame({"first_mode": mm["mode"].to_numpy(), "first_channel": mm["channel"].to_numpy()},
                         index=net.contacts.index[first_m.index.to_numpy()])
    return pd.DataFrame(
        {"duration_days": (end - met["first_met"]) / pd.Timedelta(days=1), "ended": ended.astype(int)},
        index=met.index,
    ).join(first)


@dataclass
class HalfLifeFit:
    """Result of :func:`fit_half_life`.

    Attributes
    ----------
    half_life_days : float
        Maximum-likelihood half-life.
    ci_low, ci_high : float
        95% profile-likelihood interval (``2 * (logL_max - logL(h)) <= 3.84``);
        ``inf`` when the data cannot rule long half-lives out.
    beta_per_day : float
        Excitation: extra one-to-one meetings a day per unit of strength.
    n_events, n_contacts : int
        Repeat one-to-one meetings used, and contacts they involve.
    profile : DataFrame
        ``half_life_days``, ``loglik`` over the grid searched and the points that place the
        interval's ends.
    identifiable : bool
        False when the data cannot tell a half-life: too few one-to-one meetings outside a fixed
        schedule (the estimates are then NaN), or a 95% interval without a finite upper end or
        wider than a factor of :data:`MAX_INTERVAL_RATIO` (the estimates are kept, but nothing
        should use them; :func:`choose_half_life` then takes the default).
    scheduled_contacts : int
        Contacts left out of the fit because they are met on a fixed schedule.
    note : str
        What the data says, in one sentence.
    """

    half_life_days: float
    ci_low: float
    ci_high: float
    beta_per_day: float
    n_events: int
    n_contacts: int
    profile: pd.DataFrame
    identifiable: bool = True
    scheduled_contacts: int = 0
    note: str = ""

    def __repr__(self) -> str:
        if not self.identifiable:
            return f"HalfLifeFit(not identifiable: {self.note})"
        return (f"HalfLifeFit(half_life_days={self.half_life_days:.0f}, 95% CI {self.ci_low:.0f}-{self.ci_high:.0f} days, "
                f"from {self.n_events} repeat one-to-one meetings with {self.n_contacts} contacts)")


def _hawkes_profile(t, w, c, starts, is_event, exposure, T, h, state=None, max_iter=500, tol=1e-7):
    """Marginal log-likelihood at half-life ``h``, maximised over base rates and beta by EM.

    Base rates are a finite mixture: each contact's ``mu_i`` is one of K
    latent rates ``m_k`` with probabilities ``pi_k`` (a non-parametric random
    effect), so heterogeneous contacts neither overfit (one free rate each)
    nor masquerade as excitation (one rate for all).  ``state`` warm-starts
    from a neighbouring ``h``.
    """
    from scipy.special import logsumexp

    x = decayed_cumsum(t, w, starts, h)
    prev = np.r_[0.0, x[:-1]]
    gap = np.r_[0.0, np.diff(t)]
    S = np.where(starts, 0.0, prev * np.exp2(-gap / h))[is_event]
    observed = np.flatnonzero(exposure > 0)
    remap = np.full(exposure.size, -1)
    remap[observed] = np.arange(observed.size)
    ce = remap[c[is_event]]
    n = observed.size
    integral = np.bincount(c, weights=w * (h / np.log(2)) * (1 - np.exp2(-(T - t) / h)), minlength=exposure.size)[observed]
    E = exposure[observed]
    if state is None:
        m = ce.size / E.sum() * np.array([0.1, 0.4, 1.2, 4.0])
        pi = np.full(m.size, 1 / m.size)
        beta = 0.5 * ce.size / integral.sum()
    else:
        m, pi, beta = state
    K = m.size
    last = -np.inf
    for _ in range(max_iter):  # EM iterations, each vectorised over all contacts and events
        lam = m[None, :] + beta * S[:, None]
        log_lam = np.log(lam)
        ll = np.stack([np.bincount(ce, weights=log_lam[:, k], minlength=n) for k in range(K)], axis=1)
        ll -= m[None, :] * E[:, None] + beta * integral[:, None]
        lr = np.log(np.maximum(pi, 1e-300))[None, :] + ll
        per_contact = logsumexp(lr, axis=1)
        total = per_contact.sum()
        r = np.exp(lr - per_contact[:, None])
        p = m[None, :] / lam
        r_ev = r[ce]
        pi = r.mean(axis=0)
        m = np.maximum((r_ev * p).sum(axis=0) / np.maximum((r * E[:, None]).sum(axis=0), 1e-300), 1e-12)
        beta = (r_ev * (1 - p)).sum() / integral.sum()
        if abs(total - last) < tol * abs(total):
            break
        last = total
    return total, (m, pi, beta)


#: :func:`fit_half_life` fits on at most this many contacts (a stratified sample beyond it).
FIT_MAX_CONTACTS = 2000


@_params.document
def fit_half_life(net: Network, as_of=None, weights=None, grid=None, iterations: int = 500,
                  max_contacts: int | None = FIT_MAX_CONTACTS) -> HalfLifeFit:
    """The half-life that best explains your own one-to-one meetings.

    Method: each contact's repeat one-to-one meetings are modelled as a
    self-exciting (Hawkes) point process whose intensity is a base rate plus
    the decaying strength of past meetings::

        lambda_i(t) = mu_i + beta * s_i(t),   s_i(t) = sum_{t_k < t} w_k 2**(-(t - t_k)/h)

    observed from the first meeting with *i* to ``as_of``.  Base rates
    differ between contacts; they are modelled as a finite mixture of four
    latent rates (a non-parametric random effect), which avoids both the
    downward bias of one free rate per contact and the upward bias of one
    rate for all.  For each ``h`` on a log grid (7 to 1,000 days, refined
    around the best) the rates, their mixing weights and ``beta`` are fitted
    by expectation-maximisation, and the marginal log-likelihood
    (``sum_k log lambda(t_k) - integral of lambda``, mixed over the rates) is
    profiled over ``h`` and maximised.  The 95% interval is where the profile is within 1.92 of its
    maximum (likelihood ratio, chi-squared with 1 degree of freedom), its ends placed
    between grid points by bisection (:func:`_interval_end`).
    Group meetings and written conversations (:data:`netlib.model.CONVERSATION_CHANNELS`: an
    e-mail answered the next day says nothing of how fast a tie fades) feed ``s_i`` (with their
    weights), but only one-to-one meetings are the events.

    Parameters
    ----------
    {net}
    {as_of}
    {weights}
    grid : list of float, optional
        Half-lives (days) to profile: 1 to :data:`FIT_MAX_GRID` (200) numbers above 0; default a log
        grid from 7 to 1,000 days, refined around the best.
    iterations : int
        Most expectation-maximisation steps per half-life.
    max_contacts : int or None
        With more contacts than this, the fit uses a sample of this many, stratified by how many
        repeat one-to-one meetings each had (seeded: the same data gives the same sample); the
        note says so.  The cost grows with the contacts; the estimate's precision much less.
        None: every contact.

    Returns
    -------
    HalfLifeFit

    Examples
    --------
    >>> import netlib
    >>> fit = fit_half_life(netlib.load_sample())
    >>> 40 < fit.half_life_days < 120
    True
    """
    T = _days(_as_of(net, as_of, "fit_half_life"))
    grid = _half_life_grid("fit_half_life", grid)
    _params.number("fit_half_life", "iterations", iterations, low=1, inclusive=True, integer=True)
    if max_contacts is not None:
        _params.number("fit_half_life", "max_contacts", max_contacts, low=10, inclusive=True, integer=True)
    if weights is not None:
        return _fit_half_life(net, T, weights, grid, iterations, max_contacts)
    # kept on the Network (a report fits once, before its pages open the network's snapshot); a copy
    # of the profile each time, so that a caller who changes it changes only their own
    key = f"fit_half_life:{T!r}:{None if grid is None else [float(g) for g in grid]}:{iterations}:{max_contacts}"
    fit = net.cached(key, lambda n: _fit_half_life(n, T, None, grid, iterations, max_contacts), _FIT_DEPENDS)
    return replace(fit, profile=fit.profile.copy())


#: The most half-lives :func:`fit_half_life` profiles when given a ``grid`` (each is a fit of its own).
FIT_MAX_GRID = 200


def _half_life_grid(func: str, grid) -> list[float] | None:
    """A ``grid`` argument of half-lives checked: None, or 1 to :data:`FIT_MAX_GRID` finite numbers
    above 0 (an :class:`~netlib.ArgumentError` of ``func`` naming ``grid`` otherwise)."""
    if grid is None:
        return None
    expected = f"None or a list of 1 to {FIT_MAX_GRID} half-lives in days, each a finite number above 0"
    try:
        values = [float(g) for g in grid] if not isinstance(grid, (str, bytes, dict)) and len(grid) else None
    except (TypeError, ValueError, OverflowError):
        values = None
    if not values or len(values) > FIT_MAX_GRID or not all(np.isfinite(v) and v > 0 for v in values):
        _params.fail(func, "grid", _params.shown(grid), expected, "Pass e.g. grid=[30, 60, 90, 180], or None for netlib's own")
    return values


#: The widest 95% interval (its upper end over its lower) of a half-life netlib uses: wider, the
#: data cannot tell 60 days from 240, and the default is used (:func:`choose_half_life`).
MAX_INTERVAL_RATIO = 4.0

#: What :func:`fit_half_life` reads: the meetings' times, modes and channels, and who came.
_FIT_DEPENDS = ("meetings.start", "meetings.mode", "meetings.channel", "attendance", "contacts.index")


def _fit_half_life(net: Network, T: float, weights, grid, iterations: int, max_contacts: int | None) -> HalfLifeFit:
    """The body of :func:`fit_half_life`, at day ``T``."""
    c, t, w, m = _event_arrays(net, T, weights)
    starts = np.r_[True, c[1:] != c[:-1]] if len(c) else np.zeros(0, bool)
    # the events: one-to-one meetings; written conversations (e-mail, messages) feed the strength only
    one = ((net.meetings["mode"].to_numpy() == "one_to_one")
           & ~net.meetings["channel"].isin(CONVERSATION_CHANNELS).to_numpy())[m]
    is_event = one & ~starts
    if is_event.sum() < 10:
        raise ValueError(f"only {int(is_event.sum())} repeat one-to-one meetings: too few to fit a half-life (need 10 or more)")
    # a fixed schedule (a weekly one-to-one) is no excitation: the model would read the rhythm as a
    # short half-life. Contacts met on a regular rhythm are left out; what remains must suffice.
    scheduled = _scheduled(c[one], t[one])
    if scheduled.size:
        keep = ~np.isin(c, scheduled)
        c, t, w = c[keep], t[keep], w[keep]
        starts = np.r_[True, c[1:] != c[:-1]] if len(c) else np.zeros(0, bool)
        is_event = one[keep] & ~starts
    irregular = np.unique(c[is_event]).size
    if is_event.sum() < 10 or irregular < 3:
        people = lambda k: f"{k} {'person' if k == 1 else 'people'}"  # noqa: E731
        rest = f"{int(is_event.sum())} repeat one-to-one meetings with {people(irregular)}"
        note = (f"Your one-to-one meetings are mostly on a fixed schedule ({people(scheduled.size)} met on a regular "
                f"rhythm, {rest} besides): a schedule does not show how fast ties fade, so the half-life cannot be "
                f"estimated from your data." if scheduled.size else
                f"Only {rest}: too few to estimate a half-life (it needs 10 or more with at least 3 people).")
        nan = float("nan")
        return HalfLifeFit(nan, nan, nan, nan, int(is_event.sum()), irregular, pd.DataFrame(columns=["half_life_days", "loglik"]),
                           identifiable=False, scheduled_contacts=int(scheduled.size), note=note)
    sampled = ""
    people_all = np.unique(c)
    if max_contacts is not None and len(people_all) > max_contacts:
        chosen = _stratified(people_all, np.bincount(c[is_event], minlength=len(net.contacts))[people_all], int(max_contacts))
        keep = np.isin(c, chosen)
        c, t, w, starts, is_event = c[keep], t[keep], w[keep], starts[keep], is_event[keep]
        irregular = np.unique(c[is_event]).size
        sampled = f"; fitted on a sample of {len(chosen):,} of {len(people_all):,} contacts, stratified by their repeat meetings"
    first = t[np.maximum.accumulate(np.where(starts, np.arange(len(t)), 0))]  # each contact's first row (sorted by time)
    exposure = np.zeros(len(net.contacts))
    exposure[c] = T - first
    args = (t, w, c, starts, is_event, exposure, T)
    prof: dict[float, tuple] = {}
    state = None
    coarse = np.geomspace(7, 1000, 25) if grid is None else np.sort(np.asarray(grid, dtype=float))
    for h in coarse:  # the profile grid: a few dozen half-lives, each fitted vectorised
        ll, state = _hawkes_profile(*args, h, state, max_iter=iterations)
        prof[h] = (ll, state)
    if grid is None:
        best = max(prof, key=lambda h: prof[h][0])
        i = int(np.searchsorted(coarse, best))
        lo, hi = coarse[max(i - 1, 0)], coarse[min(i + 1, len(coarse) - 1)]
        state = prof[best][1]
        for h in np.geomspace(lo, hi, 13):
            if h not in prof:
                prof[h] = _hawkes_profile(*args, h, state, max_iter=iterations)
    h_best = max(prof, key=lambda h: prof[h][0])
    ci_low, ci_high = (_interval_end(prof, h_best, side, lambda h: _hawkes_profile(*args, h, prof[h_best][1], max_iter=iterations))
                       for side in (-1, 1))
    profile = pd.DataFrame({"half_life_days": list(prof), "loglik": [v[0] for v in prof.values()]})
    profile = profile.sort_values("half_life_days").reset_index(drop=True)
    h_best = float(h_best)
    basis = (f"{int(is_event.sum())} repeat one-to-one meetings with {irregular} people"
             + (f" ({scheduled.size} people met on a fixed schedule left out)" if scheduled.size else "") + sampled)
    wide = not (np.isfinite(ci_high) and ci_low > 0 and ci_high / ci_low <= MAX_INTERVAL_RATIO)
    if wide:
        upper = "no upper limit" if not np.isfinite(ci_high) else f"{ci_high:.0f} days"
        note = (f"Your one-to-one meetings cannot pin the half-life down: its 95% interval runs from {ci_low:.0f} days "
                f"to {upper} (from {basis}), wider than a factor of {MAX_INTERVAL_RATIO:g}, so it is not used.")
    else:
        note = f"estimated from {basis}"
    return HalfLifeFit(h_best, ci_low, ci_high, float(prof[h_best][1][2]), int(is_event.sum()),
                       int(np.unique(c[is_event]).size), profile, identifiable=not wide,
                       scheduled_contacts=int(scheduled.size), note=note)


def _interval_end(prof: dict, best: float, side: int, evaluate, steps: int = 4) -> float:
    """Where the profile log-likelihood falls 1.92 below its maximum (the end of the 95% interval),
    on the ``side`` (-1 below ``best``, +1 above) of the best half-life: the first grid point
    beyond it is found walking out from ``best``, the crossing is then bracketed by ``steps``
    bisections in log h (each a new point of the profile, added to ``prof``) and placed by linear
    interpolation.  0 or inf when the grid never falls that far (the data cannot rule out shorter
    or longer half-lives).  Reading the interval off the grid instead would put its ends at grid
    points inside it: a third too narrow on the default grid.

    Examples
    --------
    A profile that is a parabola in log h (its maximum at 80 days, standard error 0.15 in log h):
    its 95% interval ends at ``80 * exp(+-1.96 * 0.15)``, 59.6 and 107.4 days.

    >>> f = lambda h: (-(np.log(h) - np.log(80)) ** 2 / (2 * 0.15 ** 2), None)
    >>> prof = {h: f(h) for h in [*np.geomspace(10, 640, 25), 80.0]}  # a grid 1.19 apart, and the maximum
    >>> [round(_interval_end(prof, 80.0, side, f)) for side in (-1, 1)]
    [60, 107]
    """
    cut = prof[best][0] - 1.92
    grid = sorted(prof)
    i = grid.index(best)
    inside, outside = best, None
    for h in (reversed(grid[:i]) if side < 0 else grid[i + 1:]):  # walk out from the best
        if prof[h][0] < cut:
            outside = h
            break
        inside = h
    if outside is None:
        return 0.0 if side < 0 else float("inf")
    for _ in range(steps):  # bisect the bracket in log h
        mid = float(np.sqrt(inside * outside))
        prof[mid] = evaluate(mid)
        inside, outside = (mid, outside) if prof[mid][0] >= cut else (inside, mid)
    a, b = prof[inside][0], prof[outside][0]
    return float(np.exp(np.log(inside) + (a - cut) / (a - b) * (np.log(outside) - np.log(inside))))


def _stratified(ids: np.ndarray, repeats: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """``n`` of ``ids``, each stratum of repeat meetings (0, 1, 2-3, 4-7, 8-15, 16+) in its own share.

    Examples
    --------
    >>> len(_stratified(np.arange(100), np.r_[np.zeros(50), np.arange(50)], 20))
    20
    """
    rng = np.random.default_rng(seed)
    strata = np.digitize(repeats, [1, 2, 4, 8, 16])
    counts = np.bincount(strata, minlength=6)
    take = np.floor(counts * n / len(ids)).astype(int)
    take[np.argsort(-(counts * n / len(ids) - take))[: n - take.sum()]] += 1  # the largest remainders
    return np.sort(np.concatenate([rng.choice(ids[strata == k], size=min(take[k], counts[k]), replace=False)
                                   for k in range(6) if take[k]]))


#: A contact's one-to-one meetings are a fixed schedule when their gaps vary this little (coefficient
#: of variation, std / mean) over at least :data:`SCHEDULE_MIN_MEETINGS` meetings.
SCHEDULE_MAX_CV = 0.3
SCHEDULE_MIN_MEETINGS = 5


def _scheduled(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Contacts whose one-to-one meetings (``c``, ``t`` in day order per contact) keep a fixed
    rhythm: at least :data:`SCHEDULE_MIN_MEETINGS` of them, gaps with a coefficient of variation
    below :data:`SCHEDULE_MAX_CV`.

    Examples
    --------
    >>> c = np.array([0] * 6 + [1] * 6)
    >>> t = np.r_[np.arange(6) * 7.0, np.cumsum([0, 3, 20, 1, 40, 9.0])]
    >>> _scheduled(c, t).tolist()
    [0]
    """
    if len(c) < 2:
        return np.zeros(0, dtype=c.dtype)
    same = c[1:] == c[:-1]
    gaps = pd.DataFrame({"c": c[1:][same], "g": np.diff(t)[same]})
    stats = gaps.groupby("c")["g"].agg(["mean", "std", "size"])
    regular = (stats["size"] >= SCHEDULE_MIN_MEETINGS - 1) & (stats["std"] < SCHEDULE_MAX_CV * stats["mean"])
    return stats.index[regular].to_numpy()


class Note(str):
    """A sentence that notebooks show as text (and code sees as a plain string).  It carries values
    from the user's files (names, tags), so a notebook shows it as escaped HTML, never as Markdown
    or HTML that such a value could extend (see :func:`netlib.present.say`)."""

    def _repr_html_(self) -> str:
        import html

        return f"<p>{html.escape(str(self))}</p>"


class HalfLife(NamedTuple):
    """The half-life every page of a report uses, and where it comes from (:func:`choose_half_life`)."""

    days: float
    source: str


@_params.document
def choose_half_life(net: Network, as_of=None, half_life_days: float | None = None) -> HalfLife:
    """The one half-life to use, and where it comes from, in words: the one given; else the one your
    one-to-one meetings show (:func:`fit_half_life`) when they pin it down (a 95% interval with a
    finite upper end, at most :data:`MAX_INTERVAL_RATIO` times its lower end); else netlib's
    default, :data:`netlib.model.DEFAULT_HALF_LIFE_DAYS` (90 days).  Every page of a report names
    the same one (the decay, plan and next-steps pages and the front page).

    Parameters
    ----------
    {net}
    {as_of}
    half_life_days : float, optional
        A half-life of your own, in days (the command line's ``--half-life``); None to let the
        data speak.

    Returns
    -------
    HalfLife
        ``days`` and ``source``, a sentence for the reader.

    Examples
    --------
    >>> import netlib
    >>> hl = choose_half_life(netlib.load_sample())
    >>> round(hl.days), hl.source  # doctest: +ELLIPSIS
    (73, 'fitted from your one-to-one meetings (95% interval 59 to 92 days, ...)')
    >>> choose_half_life(netlib.load_sample(), half_life_days=60)
    HalfLife(days=60.0, source='set for this report')
    """
    network("choose_half_life", net)
    if half_life_days is not None:
        return HalfLife(_params.number("choose_half_life", "half_life_days", half_life_days), "set for this report")
    try:
        fit = fit_half_life(net, as_of)
    except ValueError as err:
        why = f"your data has {err}"
    else:
        if fit.identifiable:
            return HalfLife(float(round(fit.half_life_days)), f"fitted from your one-to-one meetings (95% interval "
                            f"{fit.ci_low:.0f} to {fit.ci_high:.0f} days, {fit.note})")
        why = fit.note[0].lower() + fit.note[1:].rstrip(".")
    return HalfLife(float(DEFAULT_HALF_LIFE_DAYS), f"netlib's default, from research on tie decay (Ahmad, Porter & "
                    f"Beguerisse-Díaz, arXiv:1805.00193): {why}")


@_params.document
def half_life_note(net: Network, as_of=None, default_days: float = DEFAULT_HALF_LIFE_DAYS) -> Note:
    """What the data says about the half-life, in one sentence: the fit, or why there is none.

    Parameters
    ----------
    {net}
    {as_of}
    default_days : float
        The half-life the charts use when there is no fit.

    Examples
    --------
    >>> import netlib
    >>> print(half_life_note(netlib.load_sample()))  # doctest: +ELLIPSIS
    Your one-to-one meetings suggest a half-life of about 73 days (95% interval 59 to 92 days, ...
    """
    network("half_life_note", net)
    try:
        fit = fit_half_life(net, as_of)
    except ValueError as err:
        return Note(f"Not enough data to estimate your own half-life ({err}); the charts use {default_days:g} days.")
    if not fit.identifiable:
        return Note(f"{fit.note} The charts use {default_days:g} days.")
    hi = "no upper limit" if fit.ci_high == float("inf") else f"{fit.ci_high:.0f} days"
    return Note(f"Your one-to-one meetings suggest a half-life of about {fit.half_life_days:.0f} days (95% interval "
                f"{fit.ci_low:.0f} to {hi}, from {fit.n_events} repeat meetings with {fit.n_contacts} people); "
                f"the charts use the half-life set in the parameters.")
