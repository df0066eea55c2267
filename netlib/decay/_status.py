"""Where each relationship stands and what to do next: :func:`status` (active, cooling, cold,
dormant, never met, and when a tie goes cold), :func:`warm_ties`, who to contact
(:func:`going_cold`), dormant ties worth reviving (:func:`dormant_ties`), both together
(:func:`next_steps`), and the reasons they give in words."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._facts import network
from netlib._kernels import day_numbers
from netlib._words import plural
from netlib.decay._assumptions import COLD_K, COOLING_K, OVERDUE_FLOOR_DAYS
from netlib.decay._notes import Note
from netlib.decay._strength import _ORG_DEPENDS, _checked_peak, _event_arrays, _strength_at
from netlib.model import CONVERSATION_CHANNELS, DAYS_PER_MONTH, DEFAULT_HALF_LIFE_DAYS, DEFAULT_HORIZON_DAYS, WARM_THRESHOLD, Network
from netlib.org import _internal, org_domains
from netlib.segment import describe_segment, segment_mask


@_params.document
def status(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None, warm_threshold: float = WARM_THRESHOLD,
           cooling_k: float = COOLING_K, dormant_days: float = 3 * 365, cold_k: float = COLD_K,
           overdue_floor_days: float = OVERDUE_FLOOR_DAYS, networking: bool = True) -> pd.DataFrame:
    """Where each relationship stands at ``as_of``, and when it goes cold, judged by your networking meetings.

    Every tie is judged by its networking meetings alone: internal work (a meeting with colleagues
    only, :func:`netlib.org.internal_meetings`) is no networking, so it warms no tie and keeps none
    in its rhythm (``networking=False`` counts every meeting).  A tie's *rhythm* is the median gap
    between its meetings (``median_gap_days``; a tie met once has none).  Rules, applied in this
    order (see :func:`assumptions` for sources):

    * ``never_met``: no meeting on or before ``as_of``;
    * ``internal``: met on or before ``as_of``, but only at internal work (a colleague): no
      networking tie, its strength 0; its dates, meetings and gaps are those of the internal work;
    * ``dormant``: ``silence_days >= dormant_days`` (3 years, Levin et al. 2011);
    * ``cold``: ``strength < warm_threshold``, or ``silence_days > cold_k * pace``
      (Navarro et al. 2017: a tie silent for more than 8 times its usual gap mostly decays);
    * ``cooling`` (overdue): ``silence_days > cooling_k * pace``: silent well past its own rhythm
      (2.5 times by default);
    * ``active``: warm and within its rhythm.

    where ``pace = max(median_gap_days, overdue_floor_days / cooling_k)``: the rhythm, never
    faster than 8.4 days by default, so that a tie is never overdue before three weeks of silence
    (a weekly tie is not overdue after a fortnight) nor cold by its rhythm before 67 days (a
    contact met several times a day does not go cold after a few days).

    ``days_to_cold`` counts the days until the tie turns cold if nothing happens: the earlier of
    ``h * log2(strength / warm_threshold)`` (from ``s * 2**(-d/h) = threshold``) and
    ``cold_k * pace - silence_days``; ``cold_on`` is that date.  ``overdue_days`` is
    how far the silence is past ``cooling_k * pace`` (negative:
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
    networking : bool
        True: each tie judged by its networking meetings, internal work left out (what every page
        shows); False: by every meeting, colleagues' internal work too (no ``internal`` status).

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
    >>> st = status(netlib.load_sample())  # a consultant's: no colleague, so no ``internal`` status
    >>> sorted(st["status"].unique())
    ['active', 'cold', 'cooling', 'dormant', 'never_met']
    """
    return _checked_status(net, as_of, half_life_days, weights, warm_threshold, cooling_k, dormant_days, cold_k,
                           overdue_floor_days, networking=bool(networking))


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
def warm_ties(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, networking: bool = True) -> int:
    """Today's warm ties: how many contacts are warm at ``as_of``, as every page counts them.

    *Warm* means one thing in netlib: the contacts whose :func:`status` is ``active`` or
    ``cooling`` (:data:`WARM_STATUSES`), that is every contact *i* met at a networking meeting on
    or before ``as_of`` with::

        s_i >= WARM_THRESHOLD                       (strength, meeting-equivalents; 0.5)
        and silence_i <= COLD_K * pace_i            (when the tie has a rhythm: two meeting days or more)
        and silence_i < dormant_days                (3 years)

    where ``s_i`` is :func:`tie_strength`, ``silence_i`` the days since the last meeting and
    ``pace_i`` the median gap, at least 8.4 days, all of networking meetings: internal work (a
    meeting with colleagues only) is left out, so a colleague met only there is never a warm tie
    (``networking=False`` counts it).  Unit: contacts.  The front page, the decay page (active plus
    cooling), the reach page (the warm ties among its close contacts) and month 0 of every plan
    (:func:`netlib.analysis.plan.plan`) give this number.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    networking : bool
        True: judged by networking meetings alone, as :func:`status`; False: by every meeting.

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
    >>> n <= int((netlib.tie_strength(net) >= WARM_THRESHOLD).sum())  # strong enough, and not silent past its rhythm
    True
    """
    network("warm_ties", net)
    return int(status(net, as_of, half_life_days, networking=networking)["status"].isin(WARM_STATUSES).sum())


#: What :func:`status` reads with the default weights: meeting times and modes, who came, the names.
_STATUS_DEPENDS = ("meetings.start", "meetings.mode", "attendance", "contacts.index", "contacts.name")


def _pace(median_gap_days, cooling_k: float = COOLING_K, overdue_floor_days: float = OVERDUE_FLOOR_DAYS) -> np.ndarray:
    """The rhythm the overdue and cold rules read: the tie's median gap, and never faster than
    ``overdue_floor_days / cooling_k`` (8.4 days by default), so that neither rule calls a tie met
    several times a day overdue or cold after a few days of silence; NaN stays NaN.

    Examples
    --------
    >>> _pace(np.array([0.1, 7.0, 30.0, np.nan])).round(1).tolist()
    [8.4, 8.4, 30.0, nan]
    """
    return np.maximum(np.asarray(median_gap_days, dtype=float), overdue_floor_days / cooling_k)  # (NaN propagates)


def _status(net: Network, T: pd.Timestamp, half_life_days: float, weights, warm_threshold: float, cooling_k: float,
            dormant_days: float, cold_k: float, overdue_floor_days: float, networking: bool = False) -> pd.DataFrame:
    """The body of :func:`status`, its arguments checked (``networking``: internal work left out)."""
    s = _strength_at(net, T, half_life_days, weights, "status", networking)
    c, t, _, m = _event_arrays(net, _days(T), networking=networking)
    met = _meetings_of(net, c, t, m)
    med, last_d = met["median_gap_days"].to_numpy(), met["last_d"].to_numpy()
    silence = _days(T) - last_d
    rhythm = ~np.isnan(med)
    pace = _pace(med, cooling_k, overdue_floor_days)  # the rhythm both rules read: at least the floor's (NaN without one)
    due = cooling_k * pace  # = max(cooling_k * med, overdue_floor_days)
    cold = (s < warm_threshold) | (rhythm & (silence > cold_k * pace))
    state = np.select(
        [np.isnan(last_d), silence >= dormant_days, cold, rhythm & (silence > due)],
        ["never_met", "dormant", "cold", "cooling"],
        "active",
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        by_strength = np.where(s >= warm_threshold, half_life_days * np.log2(s / warm_threshold), np.nan)
    by_rhythm = np.where(rhythm, cold_k * pace - silence, np.nan)
    to_cold = np.where(np.isin(state, ["active", "cooling"]), np.fmin(by_strength, by_rhythm), np.nan)
    out = pd.DataFrame({"name": net.contacts["name"].to_numpy(), "strength": s, "first_met": met["first_met"].array,
                        "last_met": met["last_met"].array, "meetings": met["meetings"].to_numpy(), "median_gap_days": med,
                        "silence_days": silence, "status": state, "cold_on": _after(T, to_cold), "days_to_cold": to_cold,
                        "overdue_days": silence - due}, index=net.contacts.index)
    if networking:  # the contacts met only at internal work: status "internal", their dates those of that work
        c, t, _, m = _event_arrays(net, _days(T))
        only = np.zeros(len(out), dtype=bool)
        only[c] = True
        only &= state == "never_met"
        if only.any():
            every = _meetings_of(net, *(a[only[c]] for a in (c, t, m)))
            cols = ["first_met", "last_met", "meetings", "median_gap_days"]
            for col in cols:  # column by column: the times keep their dtype
                out[col] = out[col].where(~only, every[col].to_numpy() if col == "meetings" else every[col].array)
            out.loc[only, "silence_days"] = _days(T) - every["last_d"].to_numpy()[only]
            out.loc[only, "status"] = "internal"
    return out


def _meetings_of(net: Network, c: np.ndarray, t: np.ndarray, m: np.ndarray) -> pd.DataFrame:
    """Per row of ``net.contacts``, from events sorted by contact then time (contact position ``c``,
    day ``t``, meeting position ``m``, as :func:`_event_arrays` gives them): ``first_met``,
    ``last_met`` (UTC), ``meetings`` (0 without any), ``median_gap_days`` (between consecutive
    meeting days) and ``last_d`` (the last meeting's day number); NaN or NaT for a contact with none."""
    # each contact's run of rows starts where the contact changes
    head = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]) if len(c) else np.zeros(0, dtype=np.intp)
    end = np.r_[head[1:], len(c)] if len(c) else head  # one past each contact's last row
    idx = np.arange(len(net.contacts))
    starts = net.meetings["start"]
    first = starts.iloc[m[head]].set_axis(c[head])
    last = starts.iloc[m[end - 1]].set_axis(c[head])
    same = c[1:] == c[:-1]  # gaps between consecutive distinct meeting days of the same contact
    median_gap = pd.Series(np.diff(t)[same], index=c[1:][same]).groupby(level=0, sort=False).median()
    count = np.zeros(len(idx), dtype=np.int64)
    count[c[head]] = end - head
    last_d = np.full(len(idx), np.nan)
    last_d[c[head]] = day_numbers(last)
    return pd.DataFrame({"first_met": first.reindex(idx).array,  # times with their zone: no Python object per contact
                         "last_met": last.reindex(idx).array, "meetings": count,
                         "median_gap_days": median_gap.reindex(idx).to_numpy(dtype=float), "last_d": last_d})


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
def going_cold(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None,
               horizon_days: float = DEFAULT_HORIZON_DAYS, limit: int = 25, segment=None, segment_bonus: float = 1.0) -> pd.DataFrame:
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
    once = d["median_gap_days"].isna().to_numpy()  # no rhythm: met on one day only
    twice = (d["meetings"] == 2).to_numpy()  # one gap is no rhythm to speak of: "met twice, 3 years apart"
    rhythm = np.where(twice, "twice, " + _span(d["median_gap_days"]) + " apart", _every(d["median_gap_days"]))
    d["reason"] = (_verbs(net, d.index, as_of, "going_cold") + " " + rhythm + np.where(once, ", on ", np.where(twice, ", the last on ", " until "))
                   + d["last_met"].dt.day.astype(str) + d["last_met"].dt.strftime(" %b %Y")
                   + "; silent for " + _span(d["silence_days"]) + when)
    out = d[["name", "status", "last_met", "median_gap_days", "silence_days", "days_to_cold", "cold_on", "value", "in_segment", "reason"]]
    out.attrs["total"], out.attrs["left_out"] = total, total - len(out)
    n_over = int(overdue.sum())
    out.attrs["note"] = Note(
        (f"{plural(n_over, 'tie')} {'is' if n_over == 1 else 'are'} overdue and {total - n_over:,} more "
         f"{'goes' if total - n_over == 1 else 'go'} cold within {plural(horizon_days, 'day')}"
         if total else f"No warm tie is overdue or goes cold within {plural(horizon_days, 'day')}.")
        + (f"; {_listed(len(out), total - len(out))}." if total > len(out) else ("." if total else "")))
    return out


def _listed(shown: int, left: int) -> str:
    """How many of a long list are shown: "the 10 most urgent are listed, 1 more is left out"."""
    top = "the most urgent is listed" if shown == 1 else f"the {shown:,} most urgent are listed"
    return f"{top}, {left:,} more {'is' if left == 1 else 'are'} left out"


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
    twice = d["meetings"] == 2  # one gap is no rhythm: "met twice, a month apart"
    times = np.where(d["meetings"] == 1, "once, in ",
                     np.where(twice, "twice, " + _span(d["median_gap_days"]) + " apart, the last in ",
                              d["meetings"].astype(str) + " times, " + _every(d["median_gap_days"]) + " until "))
    d["reason"] = (
        _verbs(net, d.index, as_of, "dormant_ties") + " " + times + d["last_met"].dt.strftime("%b %Y")
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
        ``"revive"``), ``reason``, ``company``, ``email``, ``url`` (the contact's profile URL, ""
        when none is known), ``in_segment``; ``.attrs["note"]`` says what was found, and why a part
        is empty when it is; ``.attrs["segment"]`` is the ``segment`` named (None without one, when
        ``in_segment`` is False throughout and means nothing); ``.attrs["as_of"]`` the moment the
        reasons speak of.

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
    out["url"] = c.loc[out.index, "url"].fillna("").astype(str).to_numpy(dtype=object) if len(out) else []  # "" when unknown
    out = out[["name", "action", "reason", "company", "email", "url", "in_segment"]]
    out.index.name = "contact_id"
    out.attrs["note"] = Note(f"{cold.attrs['note']} {dormant.attrs['note']}".strip())
    out.attrs["as_of"] = _as_of(net, as_of, "next_steps")  # the moment the reasons speak of
    out.attrs["segment"] = segment  # the segment named (in_segment means something), or None
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
    years = f"{dormant_days / 365.25:.0f} years or more"
    if n == 1:
        return Note(f"1 tie you once met has been silent for {years}.")
    return Note(f"{n:,} ties you once met have been silent for {years}, the most valuable first.")
