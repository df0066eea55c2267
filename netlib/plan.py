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

__all__ = ["plan", "compare_plans", "contrasting_plans", "note", "summary", "current_plan", "learn", "Learnt", "Kind", "METRICS"]

#: What :func:`plan` reports each month.
METRICS = ("warm ties", "people reached", "new people", "segment reached")
_DAYS_PER_MONTH = 30.44


@dataclass(eq=False)
class Kind:
    """How one kind of networking hour works in your own data: a mode (``one_to_one``,
    ``one_to_many``) or a channel (``coffee``, ``meetup``, ``email``...)."""

    name: str
    mode: str  # what an hour of it is: one-to-one meetings with targets, or group meetings
    hours: float  # a meeting's usual length
    meetings: int  # how many of your meetings it is learnt from
    group_sizes: np.ndarray  # people listed at each of its group meetings
    audience: float  # unlisted audience at one of its group meetings (median)
    p_new: float  # chance a person met at one of its group meetings is new
    segment_share_new: float  # share of the target segment among those new people
    pool: np.ndarray  # contacts (positions) met at its group meetings: who a group meeting brings again
    sources: dict


@dataclass(eq=False)
class Learnt:
    """What :func:`plan` draws on, learnt from the person's own data, each with where it came from:
    the half-life and one :class:`Kind` per mode and per channel of your meetings."""

    half_life_days: float
    kinds: dict
    sources: dict

    # the two modes' figures, by their old names
    one_to_one_hours = property(lambda self: self.kinds["one_to_one"].hours)
    one_to_many_hours = property(lambda self: self.kinds["one_to_many"].hours)
    group_sizes = property(lambda self: self.kinds["one_to_many"].group_sizes)
    audience = property(lambda self: self.kinds["one_to_many"].audience)
    p_new = property(lambda self: self.kinds["one_to_many"].p_new)
    segment_share_new = property(lambda self: self.kinds["one_to_many"].segment_share_new)

    def table(self, kinds=("one_to_one", "one_to_many")) -> pd.DataFrame:
        """The assumptions as a table, value and source: the half-life, then for each kind named
        (modes or channels, e.g. the keys of a plan's ``mix``) what an hour of it brings."""
        rows = [("half-life (days)", round(self.half_life_days, 1), self.sources["half-life (days)"])]
        for name in dict.fromkeys(kinds):
            k = self.kinds[name]
            what = {"one_to_one": "", "one_to_many": ""}.get(name, f"{name}: ")
            label = {"one_to_one": "one-to-one meeting (hours)", "one_to_many": "group meeting (hours)"}.get(
                name, f"{name}: meeting length (hours)")
            rows.append((label, round(k.hours, 2), k.sources["hours"]))
            if name not in ("one_to_one", "one_to_many"):
                rows.append((f"{name}: counts as", "one-to-one meetings with your targets" if k.mode == "one_to_one"
                             else "group meetings", k.sources["mode"]))
            if k.mode == "one_to_many":
                rows += [(f"{what}people at a group meeting (median)", float(np.median(k.group_sizes)), k.sources["sizes"]),
                         (f"{what}unlisted audience at a group meeting (median)", k.audience, k.sources["audience"]),
                         (f"{what}chance a person met at a group meeting is new", round(k.p_new, 2), k.sources["p_new"]),
                         (f"{what}target segment's share of new people", round(k.segment_share_new, 2), k.sources["segment"])]
        return pd.DataFrame({"value": [r[1] for r in rows], "source": [r[2] for r in rows]},
                            index=pd.Index([r[0] for r in rows], name="assumption"))


def learn(net: Network, as_of=None, half_life_days: float | None = None, segment=None) -> Learnt:
    """What a plan is simulated with, from ``net`` up to ``as_of``: the half-life, and for each
    mode and each channel of your meetings its usual length, whether it is mostly one-to-one or
    group meetings, its group sizes and audience, the chance a person met there is new and the
    segment's share of them.

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
    >>> L = learn(netlib.load_sample())
    >>> L.p_new > 0, L.kinds["coffee"].mode, L.kinds["meetup"].mode
    (True, 'one_to_one', 'one_to_many')
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
    meet = net.meetings
    before = (meet["start"] <= T).to_numpy()
    mode = meet["mode"].to_numpy()
    channel = meet["channel"].fillna("").astype(str).str.lower().to_numpy()
    minutes = meet["duration_min"].to_numpy(dtype=float)
    n_people = meet["n_people"].to_numpy(dtype=float)
    audience = meet["audience"].fillna(0).to_numpy(dtype=float)
    # each attendance: whether it was the person's first meeting, the segment of those people
    mpos, cpos = net.positions()
    start = meeting_days(net)[mpos]
    keep = start <= days(T)
    mpos, cpos, start = mpos[keep], cpos[keep], start[keep]
    first = pd.Series(start).groupby(cpos).transform("min").to_numpy() == start
    seg = segment_mask(net, segment).to_numpy()[cpos] if segment is not None else None
    kinds = {}
    names = ["one_to_one", "one_to_many", *sorted(set(channel[before]) - {""})]
    for name in names:  # one step per mode and channel
        rows = before & ((mode == name) if name in ("one_to_one", "one_to_many") else (channel == name))
        if not rows.any() and name not in ("one_to_one", "one_to_many"):
            continue
        ks = {}
        is_mode = name in ("one_to_one", "one_to_many")
        kmode = name if is_mode else ("one_to_many" if (mode[rows] == "one_to_many").mean() > 0.5 else "one_to_one")
        ks["mode"] = f"most of your {int(rows.sum())} {name} meetings" if not is_mode else ""
        group = rows & (mode == "one_to_many")
        length = minutes[rows & (minutes > 0) & (mode == kmode)]
        default = 1.0 if kmode == "one_to_one" else 2.0
        hours = float(np.median(length)) / 60 if len(length) else default
        ks["hours"] = (f"median of your {len(length)} {name.replace('_', '-')} meetings" if len(length)
                       else "netlib default (none in your data)")
        sizes = n_people[group]
        ks["sizes"] = (f"the attendees listed at your {len(sizes)} {'' if is_mode else name + ' '}group meetings" if len(sizes)
                       else "netlib default (no such group meeting in your data)")
        ks["audience"] = (f"the audience counts of your {len(sizes)} {'' if is_mode else name + ' '}group meetings (none: 0)"
                          if len(sizes) else "netlib default (no such group meeting in your data)")
        at = group[mpos]  # attendances at this kind's group meetings
        p_new = float(first[at].mean()) if at.any() else 0.5
        ks["p_new"] = (f"your {int(at.sum())} attendances at {'' if is_mode else name + ' '}group meetings" if at.any()
                       else "netlib default (no such group meeting in your data)")
        if seg is not None and (at & first).any():
            share = float(seg[at & first].mean())
            ks["segment"] = f"the people you first met at {'' if is_mode else name + ' '}group meetings ({int((at & first).sum())})"
        else:
            share = 0.0
            ks["segment"] = "no segment named" if segment is None else "nobody first met at such group meetings in your data"
        kinds[name] = Kind(name, kmode, hours, int(rows.sum()), sizes if len(sizes) else np.array([10.0]),
                           float(np.median(audience[group])) if group.any() else 0.0, p_new, share,
                           np.unique(cpos[at]), ks)
    return Learnt(half_life_days, kinds, src)


def _counts(hours: float, share: float, length: float, months: int) -> np.ndarray:
    """Meetings each month: the plan's hours over the usual length, fractions carried forward."""
    total = np.floor(np.arange(1, months + 1) * hours * share / length + 1e-9)
    return np.diff(np.r_[0.0, total]).astype(int)


@_params.document
def plan(net: Network, hours_per_month: float, mix: dict, *, months: int = 12, targets=None, as_of=None, runs: int = 200,
         seed: int | None = 0, half_life_days: float | None = None, segment=None, learnt: Learnt | None = None) -> pd.DataFrame:
    """Simulate ``months`` of networking under a plan; one row per month and metric.

    Each month: every tie's strength decays by ``2**(-30.44 / h)``; the hours of each kind in
    ``mix`` make ``hours x share / usual length`` meetings (fractions carried to the next month).
    A one-to-one meeting adds :data:`netlib.DEFAULT_WEIGHTS` ``["one_to_one"]`` (1) to the next
    target in turn; a group meeting brings a number of listed people drawn from that kind's own
    group meetings, each new with its own chance ``p_new`` (a new person starts at the group
    weight, 0.3), the rest existing contacts drawn at random among those you met at such
    meetings (each + 0.3), and its usual unlisted audience (reach, not ties).  Counted at the end of the month: ``warm ties``
    (strength >= 0.5), ``people reached`` that month (audience included), ``new people`` so far
    and ``segment reached`` (new people in the segment so far, at your own share).

    Parameters
    ----------
    {net}
    hours_per_month : float
        Hours a month the plan spends.
    mix : dict
        Share of the hours per mode or per channel of your meetings, adding up to 1:
        ``{"one_to_one": 0.5, "one_to_many": 0.5}`` or ``{"coffee": 0.5, "meetup": 0.3, "email": 0.2}``.
        A channel brings what it brought you: its own meeting length, and, when most of its
        meetings were group meetings, its own group sizes, audience, chance of someone new and
        segment share (:func:`learn`); a mostly one-to-one channel's hours go to the targets.
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
    T = _as_of(net, as_of, "plan")
    L = learnt or learn(net, T, half_life_days, segment)
    if not isinstance(mix, dict) or not mix or set(mix) - set(L.kinds) or \
            any(not np.isfinite(v) or v < 0 for v in mix.values()) or abs(sum(mix.values()) - 1) > 1e-6:
        _params.fail("plan", "mix", mix, "shares of the hours adding up to 1, per mode or per channel of your meetings ("
                     + ", ".join(sorted(L.kinds)) + '), e.g. {"one_to_one": 0.5, "one_to_many": 0.5}')
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
    kinds = [L.kinds[k] for k in mix if mix[k] > 0]
    counts = {k.name: _counts(hours_per_month, mix[k.name], k.hours, months) for k in kinds}
    rng = np.random.default_rng(seed)
    decay = 2.0 ** (-_DAYS_PER_MONTH / L.half_life_days)
    w1, wm = DEFAULT_WEIGHTS["one_to_one"], DEFAULT_WEIGHTS["one_to_many"]
    S = np.tile(s0.astype(np.float32), (runs, 1))  # runs x contacts
    cohorts, cohort_sizes = [], []  # the new people of each month: one strength for all of them, and how many
    new_count, seg_count = np.zeros(runs), np.zeros(runs)
    turn, out = 0, []
    for month in range(months):  # one step per month; each step works on every run at once
        S *= decay
        cohorts = [c * decay for c in cohorts]
        reached = np.zeros((runs, len(ids)), dtype=bool)
        new_now, audience = np.zeros(runs), 0.0
        for k in kinds:  # one step per kind of hour in the plan
            n = counts[k.name][month]
            if not n:
                continue
            if k.mode == "one_to_one":  # meetings with the targets, in turn
                if len(target_pos):
                    who = target_pos[(turn + np.arange(n)) % len(target_pos)]
                    turn += n
                    np.add.at(S, (slice(None), who), w1)
                    reached[:, who] = True
                continue
            size = rng.choice(k.group_sizes, size=(runs, n)).round().astype(int)
            fresh = rng.binomial(size, k.p_new)
            new_k = fresh.sum(axis=1).astype(float)
            new_now += new_k
            seg_count += new_k * k.segment_share_new
            audience += n * k.audience
            known = (size - fresh).sum(axis=1)
            pool = k.pool if len(k.pool) else np.arange(len(ids))
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
                   "people reached": reached.sum(axis=1) + new_now + audience,
                   "new people": new_count.copy(), "segment reached": seg_count.copy()}
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


def current_plan(net: Network, as_of=None, days_back: int = 365) -> dict:
    """What you did over the last ``days_back`` days, as a plan's arguments: the meeting hours a
    month (``hours_per_month``: hours / days x 30.44, over your data's days when it is shorter)
    and how they split between one-to-one and group meetings (``mix``, shares adding up to 1).

    Examples
    --------
    >>> import netlib
    >>> now = current_plan(netlib.load_sample())
    >>> round(sum(now["mix"].values()), 6), sorted(now["mix"]), now["hours_per_month"] > 0
    (1.0, ['one_to_many', 'one_to_one'], True)
    """
    T = _as_of(net, as_of, "current_plan")
    m = net.meetings[(net.meetings["start"] <= T) & (net.meetings["start"] > T - pd.Timedelta(days=days_back))]
    span = (T - max(m["start"].min(), T - pd.Timedelta(days=days_back))).days if len(m) else 0
    hours = m.groupby("mode")["duration_min"].sum() / 60
    hours = hours[hours > 0]
    if hours.empty:
        return {"hours_per_month": 0.0, "mix": {"one_to_one": 1.0}}
    per_month = float(hours.sum()) / max(span, _DAYS_PER_MONTH) * _DAYS_PER_MONTH
    return {"hours_per_month": round(per_month, 1), "mix": (hours / hours.sum()).to_dict()}


def contrasting_plans(net: Network, as_of=None, hours_per_month: float | None = None) -> dict:
    """Plans worth comparing, all with the same hours a month (default: what you spent a month
    over the last year, :func:`current_plan`): every hour one-to-one (the overdue and valuable
    ties first), every hour at group meetings, half and half, and as you did so far.  A plan of
    group meetings is left out when your data has none (it would rest on netlib's defaults alone).

    Returns
    -------
    dict
        Plan name -> arguments of :func:`plan`, for :func:`compare_plans`.

    Examples
    --------
    >>> import netlib
    >>> list(contrasting_plans(netlib.load_sample()))
    ['all one-to-one, overdue ties first', 'all at group meetings', 'half and half', 'as you did so far']
    """
    now = current_plan(net, as_of)
    hours = now["hours_per_month"] if hours_per_month is None else _params.number("contrasting_plans", "hours_per_month",
                                                                                 hours_per_month, inclusive=True)
    plans = {"all one-to-one, overdue ties first": {"mix": {"one_to_one": 1.0}}}
    if (net.meetings["mode"] == "one_to_many").any():
        plans["all at group meetings"] = {"mix": {"one_to_many": 1.0}}
        plans["half and half"] = {"mix": {"one_to_one": 0.5, "one_to_many": 0.5}}
    plans["as you did so far"] = {"mix": now["mix"]}
    return {name: {"hours_per_month": hours, **kw} for name, kw in plans.items()}


def note(plans: dict) -> str:
    """One sentence on what the plans of :func:`contrasting_plans` spend.

    Examples
    --------
    >>> note({"a": {"hours_per_month": 12.4, "mix": {"one_to_one": 1.0}}})
    'Each plan spends 12 hours a month: what you spent a month on meetings over the last year.'
    """
    hours = {round(float(p["hours_per_month"])) for p in plans.values()}
    if hours == {0}:
        return "Your files show no meeting hours over the last year, so every plan here spends none: give the plans hours of your own."
    if len(hours) == 1:
        return f"Each plan spends {hours.pop()} hours a month: what you spent a month on meetings over the last year."
    return "The plans spend different hours a month: " + ", ".join(f"{n} {round(float(p['hours_per_month']))}" for n, p in plans.items()) + "."


def summary(plans: pd.DataFrame, month: int | None = None) -> pd.DataFrame:
    """Each plan's outcome at one month (default the last) as "median (low to high)" per metric.

    Parameters
    ----------
    plans : DataFrame
        :func:`compare_plans`.
    month : int, optional
        Which month ahead.

    Examples
    --------
    >>> t = pd.DataFrame({"plan": ["a", "a"], "month": [1, 1], "metric": ["new people", "warm ties"],
    ...                   "median": [4.0, 30.0], "low": [2.0, 28.0], "high": [7.0, 31.0]})
    >>> summary(t).loc["a", "new people"]
    '4 (2 to 7)'
    """
    month = int(plans["month"].max()) if month is None else month
    at = plans[plans["month"] == month]
    if "plan" not in at:
        at = at.assign(plan="plan")
    text = (at["median"].round().astype(int).astype(str) + " (" + at["low"].round().astype(int).astype(str) + " to "
            + at["high"].round().astype(int).astype(str) + ")")
    out = at.assign(text=text).pivot(index="plan", columns="metric", values="text")
    out = out.reindex(index=pd.unique(at["plan"]), columns=[m for m in METRICS if m in out.columns])
    out.columns.name = None
    return out


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
