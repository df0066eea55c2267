"""What if: simulate the coming months of networking under a plan, from your own history.

:func:`plan` splits a monthly budget of hours between one-to-one and one-to-many meetings and
runs the months forward many times.  What it draws on is learnt from the person's own data
(:func:`learn`): meeting lengths and group sizes per mode, the chance that a person met at a group
meeting is new, the target segment's share among them, the half-life (fitted where the data
supports one, else the default), and each tie's current strength.  One-to-one hours go to
``targets`` in turn (by default the next-steps list: overdue and valuable ties first).  The
number of meetings a month is the plan's (hours / usual length, the fractions carried to the next
month); what varies between runs is who a group meeting brings and how big it is.

:func:`compare_plans` runs several plans on the same network; ``netlib.plots.plot_plans`` draws
them as fan charts (median and 90% band).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of, days, meeting_days
from netlib.model import DEFAULT_WEIGHTS, WARM_THRESHOLD, Network

__all__ = ["plan", "compare_plans", "learn", "Learnt", "METRICS"]

#: What :func:`plan` reports each month.
METRICS = ("warm ties", "people reached", "new people", "segment reached")
_DAYS_PER_MONTH = 30.44


@dataclass(eq=False)
class Learnt:
    """What :func:`plan` draws on, learnt from the person's own data, each with where it came from."""

    half_life_days: float
    one_to_one_hours: float
    one_to_many_hours: float
    group_sizes: np.ndarray
    audience: float
    p_new: float
    segment_share_new: float
    sources: dict

    def table(self) -> pd.DataFrame:
        """The assumptions as a table: value and source."""
        rows = [("half-life (days)", round(self.half_life_days, 1)), ("one-to-one meeting (hours)", round(self.one_to_one_hours, 2)),
                ("group meeting (hours)", round(self.one_to_many_hours, 2)),
                ("people at a group meeting (median)", float(np.median(self.group_sizes))),
                ("unlisted audience at a group meeting (median)", self.audience),
                ("chance a person met at a group meeting is new", round(self.p_new, 2)),
                ("target segment's share of new people", round(self.segment_share_new, 2))]
        return pd.DataFrame({"value": [v for _, v in rows], "source": [self.sources[k] for k, _ in rows]},
                            index=pd.Index([k for k, _ in rows], name="assumption"))


def learn(net: Network, as_of=None, half_life_days: float | None = None, segment=None) -> Learnt:
    """What a plan is simulated with, from ``net`` up to ``as_of``.

    Parameters
    ----------
    net : Network
        Your network.
    as_of : date-like, optional
        The day the plan starts (default the last meeting).
    half_life_days : float, optional
        The half-life to use; default the one fitted from your data, or 90 days when it cannot be.
    segment : str, dict or callable, optional
        The target segment (see :func:`netlib.segment.segment_mask`).

    Examples
    --------
    >>> import netlib
    >>> learn(netlib.load_sample()).p_new > 0
    True
    """
    from netlib.decay import fit_half_life
    from netlib.segment import segment_mask

    T = _as_of(net, as_of, "learn")
    src = {}
    if half_life_days is None:
        fit = fit_half_life(net, T)
        ok = fit.identifiable and np.isfinite(fit.half_life_days)
        half_life_days = float(fit.half_life_days) if ok else 90.0
        src["half-life (days)"] = "fitted from your one-to-one meetings" if ok else "netlib default (your data cannot show one)"
    else:
        src["half-life (days)"] = "given"
    _params.number("learn", "half_life_days", half_life_days)
    m = net.meetings[net.meetings["start"] <= T]
    hours = m["duration_min"] / 60
    one, many = (m["mode"] == "one_to_one").to_numpy(), (m["mode"] == "one_to_many").to_numpy()

    def median_or(x, default, key, what):
        src[key] = f"median of your {len(x)} {what}" if len(x) else "netlib default (none in your data)"
        return float(np.median(x)) if len(x) else default

    h1 = median_or(hours[one].to_numpy(), 1.0, "one-to-one meeting (hours)", "one-to-one meetings")
    hm = median_or(hours[many].to_numpy(), 2.0, "group meeting (hours)", "group meetings")
    # the people a group meeting lists (who could become ties); an audience nobody lists adds reach only
    sizes = m.loc[many, "n_people"].to_numpy().astype(float)
    audience = m.loc[many, "audience"].fillna(0).to_numpy().astype(float)
    src["people at a group meeting (median)"] = (f"the attendees listed at your {len(sizes)} group meetings" if len(sizes) else
                                                 "netlib default (no group meeting in your data)")
    src["unlisted audience at a group meeting (median)"] = (f"your {len(sizes)} group meetings" if len(sizes) else
                                                            "netlib default (no group meeting in your data)")
    aud = float(np.median(audience)) if len(audience) else 0.0
    sizes = sizes if len(sizes) else np.array([10.0])
    mpos, cpos = net.positions()
    start = meeting_days(net)[mpos]
    keep = start <= days(T)
    first = pd.Series(start[keep]).groupby(cpos[keep]).transform("min").to_numpy() == start[keep]
    grp = net.meetings["mode"].to_numpy()[mpos][keep] == "one_to_many"
    p_new = float(first[grp].mean()) if grp.any() else 0.5
    src["chance a person met at a group meeting is new"] = (f"your {int(grp.sum())} attendances at group meetings" if grp.any()
                                                            else "netlib default (no group meeting in your data)")
    if segment is not None and grp.any():
        seg = segment_mask(net, segment).to_numpy()[cpos[keep][grp & first]]
        share = float(seg.mean()) if len(seg) else 0.0
        src["target segment's share of new people"] = f"the people you first met at group meetings ({len(seg)})"
    else:
        share = 0.0
        src["target segment's share of new people"] = "no segment named" if segment is None else "no group meeting in your data"
    return Learnt(half_life_days, h1, hm, sizes, aud, p_new, share, src)


def _counts(hours: float, share: float, length: float, months: int) -> np.ndarray:
    """Meetings each month: the plan's hours over the usual length, fractions carried forward."""
    total = np.floor(np.arange(1, months + 1) * hours * share / length + 1e-9)
    return np.diff(np.r_[0.0, total]).astype(int)


@_params.document
def plan(net: Network, hours_per_month: float, mix: dict, *, months: int = 12, targets=None, as_of=None, runs: int = 200,
         seed: int | None = 0, half_life_days: float | None = None, segment=None, learnt: Learnt | None = None) -> pd.DataFrame:
    """Simulate ``months`` of networking under a plan; one row per month and metric.

    Each month: every tie's strength decays by ``2**(-30.44 / h)``; each one-to-one meeting adds
    :data:`netlib.DEFAULT_WEIGHTS` ``["one_to_one"]`` (1) to the next target in turn; each group
    meeting brings a number of listed people drawn from your own group meetings, each new with
    your own chance ``p_new`` (a new person starts at the group weight, 0.3), the rest existing
    contacts drawn at random among those you met at group meetings (each + 0.3), and your usual
    unlisted audience (reach, not ties).  Counted at the end of the month: ``warm ties``
    (strength >= 0.5), ``people reached`` that month (audience included), ``new people`` so far
    and ``segment reached`` (new people in the segment so far, at your own share).

    Parameters
    ----------
    {net}
    hours_per_month : float
        Hours a month the plan spends.
    mix : dict
        Share of the hours per mode: ``{"one_to_one": 0.5, "one_to_many": 0.5}`` (shares add up to 1).
    months : int
        How far ahead.
    targets : list of contact ids, optional
        Who the one-to-one hours go to, in turn; default the next-steps list
        (:func:`netlib.decay.next_steps`), then the strongest ties.
    {as_of}
    runs : int
        Simulated futures (the band is their 5th to 95th percentile).
    seed : int, optional
        Random seed (the same seed gives the same table).
    half_life_days : float, optional
        Default: fitted from your data (:func:`learn`).
    {segment}
    learnt : Learnt, optional
        What :func:`learn` found, to reuse across plans.

    Returns
    -------
    DataFrame
        ``month`` (1...), ``date``, ``metric``, ``median``, ``low``, ``high``; ``.attrs["learnt"]``.

    Examples
    --------
    >>> import netlib
    >>> p = plan(netlib.load_sample(), 10, {"one_to_one": 1.0}, months=3, runs=20)
    >>> sorted(p["metric"].unique()) == sorted(METRICS)
    True
    """
    hours_per_month = _params.number("plan", "hours_per_month", hours_per_month, inclusive=True)
    months = int(_params.number("plan", "months", months, low=1, inclusive=True, integer=True))
    runs = int(_params.number("plan", "runs", runs, low=1, inclusive=True, integer=True))
    if not isinstance(mix, dict) or not mix or set(mix) - {"one_to_one", "one_to_many"} or \
            any(not np.isfinite(v) or v < 0 for v in mix.values()) or abs(sum(mix.values()) - 1) > 1e-6:
        _params.fail("plan", "mix", mix, 'shares of the hours per mode adding up to 1, e.g. {"one_to_one": 0.5, "one_to_many": 0.5}')
    T = _as_of(net, as_of, "plan")
    L = learnt or learn(net, T, half_life_days, segment)
    from netlib.decay import next_steps, tie_strength

    s0 = tie_strength(net, T, L.half_life_days).reindex(net.contacts.index).fillna(0.0).to_numpy()
    ids = net.contacts.index
    if targets is None:
        first = list(next_steps(net, T, L.half_life_days, segment=segment).index) if len(net.meetings) else []
        rest = [c for c in ids[np.argsort(-s0, kind="stable")] if c not in set(first)]
        targets = first + rest
    target_pos = ids.get_indexer(pd.Index(list(targets)))
    if (target_pos < 0).any():
        _params.fail("plan", "targets", list(targets), "contact ids of this network (net.contacts.index)")
    n1 = _counts(hours_per_month, mix.get("one_to_one", 0.0), L.one_to_one_hours, months)
    nm = _counts(hours_per_month, mix.get("one_to_many", 0.0), L.one_to_many_hours, months)
    mpos, cpos = net.positions()
    pool = np.unique(cpos[net.meetings["mode"].to_numpy()[mpos] == "one_to_many"])
    rng = np.random.default_rng(seed)
    decay = 2.0 ** (-_DAYS_PER_MONTH / L.half_life_days)
    w1, wm = DEFAULT_WEIGHTS["one_to_one"], DEFAULT_WEIGHTS["one_to_many"]
    S = np.tile(s0.astype(np.float32), (runs, 1))  # runs x contacts
    cohorts, cohort_sizes = [], []  # the new people of each month: one strength for all of them, and how many
    new_count = np.zeros(runs)
    turn, out = 0, []
    for month in range(months):  # one step per month; each step works on every run at once
        S *= decay
        cohorts = [c * decay for c in cohorts]
        reached = np.zeros((runs, len(ids)), dtype=bool)
        if n1[month] and len(target_pos):
            who = target_pos[(turn + np.arange(n1[month])) % len(target_pos)]
            turn += n1[month]
            np.add.at(S, (slice(None), who), w1)
            reached[:, who] = True
        new_now = np.zeros(runs)
        if nm[month]:
            size = rng.choice(L.group_sizes, size=(runs, nm[month])).round().astype(int)
            fresh = rng.binomial(size, L.p_new)
            new_now = fresh.sum(axis=1).astype(float)
            known = (size - fresh).sum(axis=1)
            if len(pool) and known.sum():  # the existing people every run's group meetings bring, drawn at once
                run = np.repeat(np.arange(runs), known)
                met = rng.choice(pool, size=len(run), replace=True)
                np.add.at(S, (run, met), wm)
                reached[run, met] = True
        cohorts.append(np.full(runs, wm, dtype=np.float32))
        cohort_sizes.append(new_now)
        new_count += new_now
        warm_new = sum((c >= WARM_THRESHOLD) * n for c, n in zip(cohorts, cohort_sizes, strict=True))
        metrics = {"warm ties": (S >= WARM_THRESHOLD).sum(axis=1) + warm_new,
                   "people reached": reached.sum(axis=1) + new_now + nm[month] * L.audience,
                   "new people": new_count.copy(), "segment reached": new_count * L.segment_share_new}
        out.append(metrics)
    rows = []
    dates = pd.date_range(T.tz_convert("UTC").normalize(), periods=months + 1, freq=pd.DateOffset(months=1))[1:]
    for month, metrics in enumerate(out, start=1):
        for name, values in metrics.items():
            rows.append((month, dates[month - 1], name, float(np.median(values)), float(np.percentile(values, 5)),
                         float(np.percentile(values, 95))))
    table = pd.DataFrame(rows, columns=["month", "date", "metric", "median", "low", "high"])
    table.attrs["learnt"] = L
    return table


def compare_plans(net: Network, plans: dict, **common) -> pd.DataFrame:
    """Several plans on one network, learnt once: :func:`plan` per entry, with a ``plan`` column.

    Parameters
    ----------
    net : Network
        Your network.
    plans : dict
        Plan name -> keyword arguments of :func:`plan` (``hours_per_month``, ``mix``, ``targets``...).
    **common
        Arguments every plan shares (``months``, ``runs``, ``seed``, ``as_of``, ``segment``...).

    Examples
    --------
    >>> import netlib
    >>> t = compare_plans(netlib.load_sample(), {"1:1": {"hours_per_month": 8, "mix": {"one_to_one": 1.0}},
    ...                                          "events": {"hours_per_month": 8, "mix": {"one_to_many": 1.0}}}, months=2, runs=10)
    >>> sorted(t["plan"].unique())
    ['1:1', 'events']
    """
    if not isinstance(plans, dict) or not plans:
        _params.fail("compare_plans", "plans", plans, "a dict of plan name -> arguments of netlib.plan")
    L = common.pop("learnt", None) or learn(net, common.get("as_of"), common.get("half_life_days"), common.get("segment"))
    parts = [plan(net, **{**common, **kwargs}, learnt=L).assign(plan=name) for name, kwargs in plans.items()]
    for part in parts:
        part.attrs.clear()  # one Learnt for all, set below (pandas compares attrs when it concatenates)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["learnt"] = L
    return out
