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

import inspect
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days, first_meeting, meeting_days, meeting_weights, network, strength
from netlib._kernels import cores, keyed_integers, run_threads
from netlib.model import DAYS_PER_MONTH, DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, WARM_THRESHOLD, Network
from netlib.org import _internal

__all__ = ["plan", "compare_plans", "group_sizes", "SIZE_BINS", "DORMANT_DAYS", "contrasting_plans", "note", "segment_note", "summary",
           "current_plan", "default_targets", "counts", "learn", "Learnt", "Kind", "METRICS", "MAX_MONTHS", "MAX_HOURS_PER_MONTH", "MAX_RUNS"]

#: The most people a plan's meetings bring a month (one a one-to-one, a group's size for a group
#: meeting), summed over its runs, before :func:`plan` runs fewer futures (never fewer than
#: :data:`MIN_RUNS`): the work stays bounded for a network of thousands of meetings a month.
DRAWS_PER_MONTH, MIN_RUNS = 1_000_000, 40

#: The bounds of :func:`plan`'s arguments.  A plan looks a few years ahead at most (what it learns
#: from your past says little about five years on); its hours are at most every hour of a 31-day
#: month in twenty people's calendars (the files of a team, or overlapping meetings, can show more
#: hours than one person's month holds: a plan "as you did so far" repeats them); its runs are
#: enough for a smooth band and bounded in memory (runs x contacts strengths).  A plan's cost is
#: bounded by the people its meetings bring, whatever its hours (:data:`DRAWS_PER_MONTH`).
MAX_MONTHS, MAX_HOURS_PER_MONTH, MAX_RUNS = 60, 24 * 31 * 20, 10_000

#: What :func:`plan` reports each month.
METRICS = ("warm ties", "people reached", "new people", "segment reached")
#: A tie silent this long is dormant, never warm (:func:`netlib.decay.status`'s default, 3 years).
DORMANT_DAYS = 3 * 365


@dataclass(eq=False)
class Kind:
    """How one kind of networking hour works in your own data: a mode (``one_to_one``,
    ``one_to_many``) or a channel (``coffee``, ``meetup``, ``email``...)."""

    name: str
    mode: str  # what an hour of it is: one-to-one meetings with targets, or group meetings
    hours: float  # a meeting's usual length
    meetings: int  # how many of your meetings it is learnt from
    group_sizes: np.ndarray  # people listed at each of its group meetings (the lengths of their lists in group_people)
    audience: float  # unlisted audience at one of its group meetings (median)
    audiences: np.ndarray  # the unlisted audience of each of its group meetings (0 where none), beside group_sizes
    p_new: float  # chance a person met at one of its group meetings is new
    segment_share_new: float  # share of the target segment among those new people
    sources: dict
    group_new: np.ndarray | None = None  # people met for the first time at each group meeting, beside group_sizes
    first_met: int = 0  # people first met at its group meetings: the segment share rests on them
    group_people: np.ndarray | None = None  # the contacts (positions) at each group meeting, meeting after meeting (None: no such meeting)
    group_offsets: np.ndarray | None = None  # where each group meeting's people start in group_people (and end: len + 1)

    @cached_property
    def twice(self) -> tuple[np.ndarray, np.ndarray]:
        """Each group meeting's people stored twice over, end to end (made once: :func:`_twice`)."""
        return _twice(self)


@dataclass(eq=False)
class Learnt:
    """What :func:`plan` draws on, learnt from the person's own data, each with where it came from:
    the half-life and one :class:`Kind` per mode and per channel of your meetings."""

    half_life_days: float
    kinds: dict
    sources: dict
    intro_rate: float = 0.0  # people introduced a day per unit of total tie strength
    intro_segment_share: float = 0.0  # share of the target segment among people introduced
    half_life_sigma: float = 0.0  # uncertainty of the half-life: sd of its logarithm (0: given, certain)
    intros: int = 0  # people introduced the rate is learnt from (its uncertainty)

    def __deepcopy__(self, memo: dict) -> Learnt:
        """Itself: what was learnt is not changed after :func:`learn`, and a plan's table carries it
        in ``attrs``, which pandas copies deeply with every frame made from the table (each
        column a chart selects would copy every group meeting's list of people).

        Examples
        --------
        >>> import copy, netlib
        >>> t = compare_plans(netlib.load_sample(), {"1:1": {"hours_per_month": 8, "mix": {"one_to_one": 1.0}}}, months=1, runs=5)
        >>> t[t["metric"] == "warm ties"].attrs["learnt"] is t.attrs["learnt"]
        True
        """
        return self

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
        rows = [("half-life (days)", round(self.half_life_days, 1), self.sources["half-life (days)"]),
                ("people introduced a month per unit of tie strength", round(self.intro_rate * DAYS_PER_MONTH, 4),
                 self.sources["introductions"]),
                ("target segment's share of people introduced", round(self.intro_segment_share, 2), self.sources["intro segment"])]
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
                rows += [(f"{what}people at a group meeting (median)", float(np.median(k.group_sizes)),
                          k.sources["sizes"].rstrip() + ": each of a plan's group meetings reaches the people listed at one of them "
                          "(the distribution: netlib.analysis.plan.group_sizes)"),
                         (f"{what}unlisted audience at a group meeting", "not counted",
                          "a plan reaches the people your group meetings list, never an audience count"),
                         (f"{what}chance a person met at a group meeting is new", round(k.p_new, 2), k.sources["p_new"]),
                         (f"{what}target segment's share of new people", round(k.segment_share_new, 2), k.sources["segment"])]
        return pd.DataFrame({"value": [r[1] for r in rows], "source": [r[2] for r in rows]},
                            index=pd.Index([r[0] for r in rows], name="assumption"))


def learn(net: Network, as_of=None, half_life_days: float | None = None, segment=None) -> Learnt:
    """What a plan is simulated with, from ``net`` up to ``as_of``: the half-life, and for each
    mode and each channel of your meetings its usual length, whether it is mostly one-to-one or
    group meetings, its group sizes and audience, the chance a person met there is new and the
    segment's share of them.  Internal work (a meeting with colleagues only,
    :func:`netlib.org.internal_meetings`) is no networking and teaches a plan nothing.

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
    sigma = 0.0
    if half_life_days is None:
        try:
            fit = fit_half_life(net, T)
        except ValueError:  # too few repeat one-to-one meetings to fit one
            fit = None
        ok = fit is not None and fit.identifiable and np.isfinite(fit.half_life_days)
        half_life_days = float(fit.half_life_days) if ok else 90.0
        if ok and np.isfinite(fit.ci_low) and np.isfinite(fit.ci_high) and fit.ci_low > 0:
            sigma = float(np.log(fit.ci_high / fit.ci_low) / (2 * 1.96))  # the 95% interval as a lognormal spread
            src["half-life (days)"] = f"fitted from your one-to-one meetings (95% interval {fit.ci_low:.0f} to {fit.ci_high:.0f} days)"
        elif ok:
            src["half-life (days)"] = "fitted from your one-to-one meetings"
        else:
            sigma = float(np.log(2) / 1.96)  # half to twice the default, 95% of the time
            src["half-life (days)"] = "netlib default (your data cannot show one): 45 to 180 days, 95% of the time"
    else:
        src["half-life (days)"] = ("given, not fitted (half_life_days: a report passes the half-life its decay and "
                                   "front pages use)")
    _params.number("learn", "half_life_days", half_life_days)
    meet = net.meetings
    internal = _internal(net)  # internal work: no planner input (all False without an organisation)
    before = (meet["start"] <= T).to_numpy() & ~internal
    # mode and channel as integer codes (the network's own, cached), each channel lower-cased, none as ""
    mcodes, mlabels = net.codes("mode")
    mlabels = list(mlabels)
    of_mode = {name: mcodes == (mlabels.index(name) if name in mlabels else -2) for name in ("one_to_one", "one_to_many")}
    ccodes, clabels = net.codes("channel")
    lowered, code = np.unique(np.array([str(x).lower() for x in clabels] + [""], dtype=object), return_inverse=True)
    channel = code.ravel()[ccodes]  # code -1 (no channel) reads the last label, ""
    minutes = meet["duration_min"].to_numpy(dtype=float)
    audience = meet["audience"].fillna(0).to_numpy(dtype=float)
    # each attendance: whether it was the person's first meeting, the segment of those people
    mpos, cpos = net.positions()
    start = meeting_days(net)[mpos]
    keep = (start <= days(T)) & ~internal[mpos]
    if not keep.all():
        mpos, cpos, start = mpos[keep], cpos[keep], start[keep]
    first = _first_days(net)[cpos] == start  # the person's first meeting (each of them, when on the same day)
    seg = segment_mask(net, segment).to_numpy()[cpos] if segment is not None else None
    recent = (meet["start"] > T - pd.Timedelta(days=365)).to_numpy()  # group figures: from the last year when it holds enough
    new_at = np.bincount(mpos[first], minlength=len(meet))  # people met for the first time at each meeting
    kinds = {}
    names = ["one_to_one", "one_to_many", *sorted(set(lowered[np.unique(channel[before])].tolist()) - {""})]
    for name in names:  # one step per mode and channel
        is_mode = name in ("one_to_one", "one_to_many")
        rows = before & (of_mode[name] if is_mode else (channel == lowered.tolist().index(name)))
        if not rows.any() and not is_mode:
            continue
        ks = {}
        kmode = name if is_mode else ("one_to_many" if of_mode["one_to_many"][rows].mean() > 0.5 else "one_to_one")
        ks["mode"] = f"most of your {int(rows.sum())} {name} meetings" if not is_mode else ""
        group = rows & of_mode["one_to_many"]
        last_year = (group & recent).sum() >= 10
        if last_year:
            group = group & recent
        span = "over the last year " if last_year else ""
        length = minutes[rows & (minutes > 0) & of_mode[kmode]]
        default = 1.0 if kmode == "one_to_one" else 2.0
        if kmode == "one_to_one":  # the mean: an hour buys the one-to-ones your hours bought (three-minute e-mails
            # among hour-long meetings do not make every hour a dozen meetings)
            hours = float(length.mean()) / 60 if len(length) else default
            ks["hours"] = (f"your {len(length)} {name.replace('_', '-')} meetings' hours over their number" if len(length)
                           else "netlib default (none in your data)")
        else:
            hours = float(np.median(length)) / 60 if len(length) else default
            ks["hours"] = (f"median of your {len(length)} {name.replace('_', '-')} meetings" if len(length)
                           else "netlib default (none in your data)")
        at = group[mpos]  # attendances at this kind's group meetings
        by_meeting = np.argsort(mpos[at], kind="stable")  # each group meeting's people, in the order of the meetings
        offsets = np.r_[0, np.cumsum(np.bincount(mpos[at], minlength=len(meet))[group])]
        sizes = np.diff(offsets).astype(float)  # the people listed at each (its n_people)
        ks["sizes"] = (f"the attendees listed at your {len(sizes)} {'' if is_mode else name + ' '}group meetings {span}" if len(sizes)
                       else "netlib default (no such group meeting in your data)")
        ks["audience"] = (f"the audience counts of your {len(sizes)} {'' if is_mode else name + ' '}group meetings (none: 0)"
                          if len(sizes) else "netlib default (no such group meeting in your data)")
        p_new = float(first[at].mean()) if at.any() else 0.5
        ks["p_new"] = (f"your {int(at.sum())} attendances at {'' if is_mode else name + ' '}group meetings {span}" if at.any()
                       else "netlib default (no such group meeting in your data)")
        if seg is not None and (at & first).any():
            share = float(seg[at & first].mean())
            ks["segment"] = f"the people you first met at {'' if is_mode else name + ' '}group meetings ({int((at & first).sum())})"
        else:
            share = 0.0
            ks["segment"] = "no segment named" if segment is None else "nobody first met at such group meetings in your data"
        kinds[name] = Kind(name, kmode, hours, int(rows.sum()), sizes if len(sizes) else np.array([10.0]),
                           float(np.median(audience[group])) if group.any() else 0.0,
                           audience[group] if len(sizes) else np.array([0.0]), p_new, share, ks,
                           new_at[group].astype(float) if len(sizes) else np.array([10.0 * p_new]), int((at & first).sum()),
                           cpos[at][by_meeting] if len(sizes) else None, offsets if len(sizes) else None)
    rate, share, n_intro = _introductions(net, T, half_life_days, segment, src)
    return Learnt(half_life_days, kinds, src, rate, share, sigma, n_intro)


#: The bins of :func:`group_sizes`: people listed at a group meeting.
SIZE_BINS = (1, 3, 6, 11, 21, 51, 101)


def group_sizes(learnt: Learnt | pd.DataFrame, kinds=None) -> pd.DataFrame:
    """What a plan's group meetings draw from: how many people your own group meetings listed.

    Each of a plan's group meetings is one of your group meetings of its kind drawn at random (over
    the last year when it holds ten or more), and reaches the people its attendee list held
    (:func:`plan`).  This is that distribution, binned: for each number of people listed (``1-2``,
    ``3-5``, ``6-10``, ``11-20``, ``21-50``, ``51-100``, ``101+``; a bin that none falls in is left
    out), ``meetings`` (your group meetings that listed so many) and ``share`` (of those meetings,
    0 to 1); with several kinds (modes or channels of group meetings), the columns are
    ``"<kind>: meetings"`` and ``"<kind>: share"``.

    Parameters
    ----------
    learnt : Learnt or DataFrame
        :func:`learn`, or a table of :func:`compare_plans` (its ``attrs["learnt"]``).
    kinds : list of str, optional
        Which kinds; default ``one_to_many`` (every group meeting of yours).

    Returns
    -------
    DataFrame
        Indexed by ``people listed``: ``meetings``, ``share`` (per kind when several).

    Examples
    --------
    >>> sizes = np.array([2.0, 4.0, 4.0, 30.0])
    >>> k = Kind("club", "one_to_many", 1.0, 4, sizes, 0.0, np.zeros(4), 0.0, 0.0, {}, group_people=np.arange(40),
    ...          group_offsets=np.r_[0, np.cumsum(sizes)].astype(int))
    >>> t = group_sizes(Learnt(90.0, {"one_to_many": k}, {}))
    >>> t.to_dict("index")
    {'1-2': {'meetings': 1, 'share': 0.25}, '3-5': {'meetings': 2, 'share': 0.5}, '21-50': {'meetings': 1, 'share': 0.25}}
    """
    L = learnt.attrs.get("learnt") if isinstance(learnt, pd.DataFrame) else learnt
    if not isinstance(L, Learnt):
        _params.fail("group_sizes", "learnt", _params.shown(learnt), "netlib.analysis.plan.learn(net) or a table of netlib.compare_plans")
    names = ["one_to_many"] if kinds is None else list(kinds)
    edges = np.r_[SIZE_BINS, np.inf]
    labels = [f"{a}-{int(b) - 1}" for a, b in pairwise(SIZE_BINS)] + [f"{SIZE_BINS[-1]}+"]
    parts = {}
    for name in names:  # one step per kind shown
        k = L.kinds.get(name)
        if k is None or k.mode != "one_to_many" or k.group_offsets is None:
            continue  # not a kind of group meetings, or none in your data (a default, nothing to show)
        n = np.bincount(np.searchsorted(edges, np.maximum(k.group_sizes, 1), side="right") - 1, minlength=len(labels))
        parts[name] = pd.DataFrame({"meetings": n, "share": n / max(n.sum(), 1)}, index=labels)
    if len(parts) > 1:
        parts = {name: t.add_prefix(f"{name}: ") for name, t in parts.items()}
    out = pd.concat(parts.values(), axis=1) if parts else pd.DataFrame(columns=["meetings", "share"], dtype=float)
    out = out[(out.filter(like="meetings") > 0).any(axis=1)]
    out.index.name = "people listed"
    return out


def _first_days(net: Network) -> np.ndarray:
    """Each contact's first meeting day (days since the epoch; inf for none), from
    :func:`netlib._facts.first_meeting` (kept on the Network)."""
    fm = first_meeting(net)
    first = np.full(len(net.contacts), np.inf)
    first[fm.index.to_numpy()] = meeting_days(net)[fm.to_numpy()]
    return first


def _introductions(net: Network, T, half_life_days: float, segment, src: dict) -> tuple[float, float]:
    """How fast warm ties bring new people: contacts introduced (``introduced_by``) whose first
    meeting fell before ``T``, over the integral of your total tie strength across your data's
    days up to ``T`` (strength-days, exact: each meeting's decayed contribution integrated); and
    the segment's share among them."""
    from netlib.segment import segment_mask

    c = net.contacts
    lo = net.meetings["start"].min() - pd.Timedelta(days=1)
    first = _first_days(net)
    intro = (c["introduced_by"].fillna("") != "").to_numpy() & (first > days(lo)) & (first <= days(T))
    # each meeting counts once per person who came: the sum over meetings, weighted by attendance
    attended = np.bincount(net.positions()[0], minlength=len(net.meetings)) * ~_internal(net)  # internal work warms no tie here
    t_k = meeting_days(net).astype(float)
    w = meeting_weights(net).to_numpy() * attended
    end, start = days(T), days(lo)
    a = np.maximum(t_k, start)
    lam = np.log(2) / half_life_days
    live = t_k <= end
    strength_days = float((w[live] / lam * (np.exp(-lam * (a[live] - t_k[live])) - np.exp(-lam * (end - t_k[live])))).sum())
    n = int(intro.sum())
    if n == 0 or strength_days <= 0:
        src["introductions"] = "none in your data (no introduced_by column, or no one introduced)"
        src["intro segment"] = "no one introduced"
        return 0.0, 0.0, 0
    src["introductions"] = f"the {n} people introduced to you, over your ties' total strength over those days"
    if segment is None:
        src["intro segment"] = "no segment named"
        return n / strength_days, 0.0, n
    seg = segment_mask(net, segment).to_numpy()[intro]
    src["intro segment"] = f"the {n} people introduced to you"
    return n / strength_days, float(seg.mean()), n


def default_targets(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, segment=None) -> list:
    """Who a plan's one-to-one hours go to, in turn, unless it names them: the next-steps list
    (:func:`netlib.decay.next_steps`: overdue and valuable ties first), then every other
    contact from the strongest tie down.

    Examples
    --------
    >>> import netlib
    >>> t = default_targets(netlib.load_sample())
    >>> len(t) == len(set(t)) == len(netlib.load_sample().contacts)
    True
    """
    from netlib.decay import next_steps, tie_strength

    T = _as_of(net, as_of, "default_targets")
    s0 = tie_strength(net, T, half_life_days).reindex(net.contacts.index).fillna(0.0).to_numpy()
    first = list(next_steps(net, T, half_life_days, segment=segment).index) if len(net.meetings) else []
    order = net.contacts.index[np.argsort(-s0, kind="stable")]
    return first + order[~order.isin(first)].tolist()


def counts(hours_per_month: float, mix: dict, learnt: Learnt, months: int) -> dict:
    """How many meetings of each kind in ``mix`` a plan holds each month (what :func:`plan`
    simulates): ``hours x share / usual length``, the fractions carried to the next month.

    Examples
    --------
    >>> import netlib
    >>> L = learn(netlib.load_sample(), half_life_days=90)
    >>> counts(2 * L.one_to_one_hours, {"one_to_one": 1.0}, L, 3)["one_to_one"].tolist()
    [2, 2, 2]
    """
    return {k: _counts(hours_per_month, share, learnt.kinds[k].hours, months) for k, share in mix.items() if share > 0}


def _add(S: np.ndarray, run: np.ndarray, contact: np.ndarray, weight: np.ndarray) -> None:
    """``S[run, contact] += weight`` with repeats added up (see :func:`_add_flat`)."""
    _add_flat(S, run * S.shape[1] + contact, weight)


#: The people :func:`plan` draws for group meetings at a time (whole meetings, about this many).
DRAWS_PER_BLOCK = 1_000_000


def _blocks(sizes: np.ndarray, most: int) -> list[tuple[int, int]]:
    """Consecutive ranges ``[a, b)`` of items whose ``sizes`` add up to about ``most`` each (an item
    larger than that alone), covering every item; the bounds of a loop over blocks of draws.

    Examples
    --------
    >>> _blocks(np.array([3, 3, 3, 3, 9, 1]), 6)
    [(0, 2), (2, 4), (4, 6)]
    """
    ends = np.cumsum(sizes)
    cut = np.searchsorted(ends, np.arange(most, int(ends[-1]) if len(ends) else 0, most), side="right") if len(ends) else []
    bounds = np.unique(np.r_[0, np.asarray(cut, dtype=np.int64), len(sizes)])
    return [(int(a), int(b)) for a, b in pairwise(bounds) if b > a]


def _add_flat(S: np.ndarray, cell: np.ndarray, weight: np.ndarray) -> None:
    """``S.flat[cell] += weight`` with repeats added up, in place (``np.add.at``: since numpy 1.25
    faster than a bincount over the whole matrix, for a million additions into four million cells
    13 ms against 24).  ``S`` is C-contiguous."""
    np.add.at(S.ravel(), cell, weight)


def _came_again(k: Kind, pick: np.ndarray, known: np.ndarray, contacts, rng: np.random.Generator,
                first: np.ndarray | None = None) -> np.ndarray:
    """Who comes again to meetings drawn from your own group meetings ``pick`` (one per meeting,
    ``known[i]`` people each), in meeting order: the people of the meeting drawn, a block of
    ``known[i]`` of its list from a random place on, wrapping round (each of its people comes with
    the same chance, nobody twice), so that a club's meeting brings the club's regulars and a
    conference its crowd.  A kind without group meetings in your data brings any of ``contacts``
    (positions: the people met before the plan; a number n: any of the first n), each as likely.  ``first``: where each block starts on its list,
    drawn already (:func:`plan` draws them for a month's meetings at once); else drawn here.

    Examples
    --------
    >>> k = Kind("club", "one_to_many", 1.0, 2, np.array([3.0, 2.0]), 0.0, np.zeros(2), 0.0, 0.0, {},
    ...          group_people=np.array([10, 11, 12, 20, 21]), group_offsets=np.array([0, 3, 5]))
    >>> came = _came_again(k, np.array([0, 1, 0]), np.array([3, 2, 1]), 30, np.random.default_rng(0))
    >>> sorted(came[:3].tolist()), sorted(came[3:5].tolist()), bool(came[5] in (10, 11, 12))
    ([10, 11, 12], [20, 21], True)
    """
    total = int(known.sum())
    if k.group_people is None:
        pool = np.arange(contacts) if np.ndim(contacts) == 0 else np.asarray(contacts)
        return pool[rng.integers(0, len(pool), size=total)] if len(pool) else np.zeros(0, dtype=np.int64)
    people, start = k.twice
    if first is None:
        first = _block_starts(k, pick, rng)
    # each list is stored twice over, end to end: a block that wraps round reads straight on
    # (known <= size: a meeting brings again at most the people it listed, group_sizes being the lists' lengths)
    where = np.repeat(start[pick] + first - (np.cumsum(known) - known), known)
    where += np.arange(total)
    return np.take(people, where)  # with 64-bit positions: twice as fast as indexing with 32-bit ones


def _block_starts(k: Kind, pick: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Where on its meeting's list each block of :func:`_came_again` starts: one uniform draw per
    meeting (drawn for all at once or block by block, the same numbers: one double per draw)."""
    return np.floor(rng.random(len(pick)) * np.diff(k.group_offsets)[pick]).astype(np.int64)


def _twice(k: Kind) -> tuple[np.ndarray, np.ndarray]:
    """Each of the kind's group meetings' list of people stored twice over, end to end, and where
    each meeting's doubled list starts (see :func:`_came_again`).

    Examples
    --------
    >>> k = Kind("club", "one_to_many", 1.0, 2, np.array([3.0, 2.0]), 0.0, np.zeros(2), 0.0, 0.0, {},
    ...          group_people=np.array([10, 11, 12, 20, 21]), group_offsets=np.array([0, 3, 5]))
    >>> [a.tolist() for a in _twice(k)]
    [[10, 11, 12, 10, 11, 12, 20, 21, 20, 21], [0, 6]]
    """
    size = np.diff(k.group_offsets)
    meeting = np.repeat(np.arange(len(size)), 2 * size)
    start2 = np.cumsum(2 * size) - 2 * size
    step = np.arange(int(2 * size.sum())) - start2[meeting]
    people = k.group_people[k.group_offsets[:-1][meeting] + step % np.maximum(size[meeting], 1)]
    # positions in 32 bits where they fit: half the memory to read at random, draw after draw
    small = np.int32 if max(len(people), int(people.max(initial=0))) < 2**31 else np.int64
    return people.astype(small), start2


def _counts(hours: float, share: float, length: float, months: int) -> np.ndarray:
    """Meetings each month: the plan's hours over the usual length, fractions carried forward."""
    total = np.floor(np.arange(1, months + 1) * hours * share / length + 1e-9)
    return np.diff(np.r_[0.0, total]).astype(int)


def _bounded(func: str, hours_per_month, months, runs, seed) -> tuple[float, int, int, int | None]:
    """:func:`plan`'s bounded arguments, checked (:data:`MAX_HOURS_PER_MONTH`, :data:`MAX_MONTHS`,
    :data:`MAX_RUNS`; a seed of 0 or more or None), as ``func``'s arguments."""
    hours = _params.number(func, "hours_per_month", hours_per_month, inclusive=True, high=MAX_HOURS_PER_MONTH,
                           why=f"{MAX_HOURS_PER_MONTH:,} is every hour of a 31-day month in twenty people's calendars")
    months = int(_params.number(func, "months", months, low=1, inclusive=True, integer=True, high=MAX_MONTHS,
                                why="A plan looks at most five years ahead: what your past shows says little beyond"))
    runs = int(_params.number(func, "runs", runs, low=1, inclusive=True, integer=True, high=MAX_RUNS,
                              why="A few hundred runs already give a smooth band"))
    return hours, months, runs, _params.seed(func, "seed", seed)


@_params.document
def plan(net: Network, hours_per_month: float, mix: dict, *, months: int = 12, targets=None, as_of=None, runs: int = 200,
         seed: int | None = 0, half_life_days: float | None = None, segment=None, learnt: Learnt | None = None,
         uncertain: bool = True) -> pd.DataFrame:
    """Simulate ``months`` of networking under a plan; one row per month and metric.

    Month 0 is today as the decay page has it, at the plan's half-life: ``warm ties`` at month 0
    is :func:`netlib.warm_ties`, the same in every run.
    Each month: every tie's strength decays by ``2**(-30.44 / h)``; the hours of each kind in
    ``mix`` make ``hours x share / usual length`` meetings (fractions carried to the next month;
    a one-to-one's usual length is your one-to-one hours over their number, so an hour buys the
    meetings your hours bought), each on a random day of the month (it counts
    ``w * 2**(-days left / h)`` at the month's end).
    A one-to-one meeting is with one person: it adds :data:`netlib.DEFAULT_WEIGHTS`
    ``["one_to_one"]`` (1) to the next target in turn; a group meeting is one of your own of its
    kind drawn at random (over the last year when it holds ten or more), with the people its
    attendee list held (:func:`group_sizes`), its share of people new to you (each new person
    starts at the group weight, 0.3) and its own people for the rest (each + 0.3;
    :func:`_came_again`): a club's meeting brings the club's regulars, a conference its crowd.  An
    unlisted audience (a webinar's count) is not counted.  Your warm ties also introduce new
    people, whatever the plan: a Poisson number a month with mean
    ``rate x (total strength integrated over the month)``, at your own rate (:func:`learn`), each
    met one-to-one.  Counted at the end of the month (units: people):

    * ``warm ties``: contacts warm as :func:`netlib.warm_ties` counts them (strength >= 0.5, not
      silent past ``COLD_K`` times their rhythm, a tie met in the plan silent since the middle of
      the month it was last met; not dormant), plus the new people whose strength is >= 0.5.  So
      a tie is warm only if it is warm today or met in the plan, and a contact never met only after
      a planned meeting with them;
    * ``people reached`` that month: the contacts met (one per one-to-one, the listed people of a
      group meeting) and the new people met;
    * ``new people`` so far, and ``segment reached`` (new people in the segment so far, at your own
      share).

    Parameters
    ----------
    {net}
    hours_per_month : float
        Hours a month the plan spends: 0 to :data:`MAX_HOURS_PER_MONTH` (14,880, every hour of a
        31-day month in twenty people's calendars).
    mix : dict
        Share of the hours per mode or per channel of your meetings, adding up to 1:
        ``{"one_to_one": 0.5, "one_to_many": 0.5}`` or ``{"coffee": 0.5, "meetup": 0.3, "email": 0.2}``.
        A channel brings what it brought you: its own meeting length, and, when most of its
        meetings were group meetings, its own group sizes, audience, chance of someone new and
        segment share (:func:`learn`); a mostly one-to-one channel's hours go to the targets.
    months : int
        How far ahead: 1 to :data:`MAX_MONTHS` (60, five years).
    targets : list of contact ids, optional
        Who the one-to-one hours go to, in turn; default the next-steps list
        (:func:`netlib.decay.next_steps`), then the strongest ties.
    {as_of}
    runs : int
        Simulated futures (the band is their 5th to 95th percentile): 1 to :data:`MAX_RUNS` (10,000).
    seed : int, optional
        Random seed, a whole number of 0 or more (the same seed gives the same table); None for
        fresh randomness.
    half_life_days : float, optional
        Default: fitted from your data (:func:`learn`).
    {segment}
    learnt : Learnt, optional
        What :func:`learn` found, to reuse across plans.
    uncertain : bool
        Draw what was learnt from its own uncertainty in each run (the half-life from its 95%
        interval, with your ties as strong today as that half-life makes them, those cold today
        turning warm only by a meeting in the plan; the introduction
        rate from the introductions it rests on; each segment share from the people it rests on,
        and who among the new people is in the segment; the group meetings a run draws from, as a
        resample of yours), so that the band says how little or how much your data knows; False
        uses the learnt values and your group meetings as they are.

    Returns
    -------
    DataFrame
        ``month`` (0: today, for ``warm ties``, ``new people`` and ``segment reached``; then 1...),
        ``date``, ``metric``, ``median``, ``low``, ``high``; ``.attrs["learnt"]``,
        and ``.attrs["runs"]``: the futures simulated (fewer than ``runs`` when the plan's meetings
        would bring more than :data:`DRAWS_PER_MONTH` people a month over all runs).

    Examples
    --------
    >>> import netlib
    >>> p = plan(netlib.load_sample(), 10, {"one_to_one": 1.0}, months=3, runs=20)
    >>> sorted(p["metric"].unique()) == sorted(METRICS)
    True
    """
    hours_per_month, months, runs, seed = _bounded("plan", hours_per_month, months, runs, seed)
    T = _as_of(net, as_of, "plan")
    L = learnt or learn(net, T, half_life_days, segment)
    if not isinstance(mix, dict) or not mix or set(mix) - set(L.kinds) or \
            any(not np.isfinite(v) or v < 0 for v in mix.values()) or abs(sum(mix.values()) - 1) > 1e-6:
        _params.fail("plan", "mix", mix, "shares of the hours adding up to 1, per mode or per channel of your meetings ("
                     + ", ".join(sorted(L.kinds)) + '), e.g. {"one_to_one": 0.5, "one_to_many": 0.5}')
    from netlib.decay import COLD_K, WARM_STATUSES, status
    from netlib.segment import segment_mask

    # today as the decay page has it (netlib.warm_ties): each tie's strength, silence and rhythm at the
    # plan's half-life: month 0 in every run, and the ties warm today (a run's own half-life, drawn from
    # its interval, makes its ties as strong as it would; a tie that is cold today turns warm only by a
    # meeting in the plan)
    st = status(net, T, L.half_life_days)
    warm0 = np.isin(st["status"].to_numpy(), WARM_STATUSES)
    s0 = st["strength"].to_numpy(dtype=float)
    silence0 = st["silence_days"].to_numpy(dtype=float)  # NaN: never met
    cold_after = COLD_K * st["median_gap_days"].to_numpy(dtype=float)  # cold by rhythm past this silence
    cold_after = np.where(np.isnan(cold_after), np.inf, cold_after)  # no rhythm (met on one day): never by rhythm
    ids = net.contacts.index
    if targets is None:
        targets = default_targets(net, T, L.half_life_days, segment)
    target_pos = ids.get_indexer(pd.Index(list(targets)))
    if (target_pos < 0).any():
        _params.fail("plan", "targets", list(targets), "contact ids of this network (net.contacts.index)")
    kinds = [L.kinds[k] for k in mix if mix[k] > 0]
    per_month = counts(hours_per_month, mix, L, months)
    # a bound on the work: every run draws each person a group meeting brings; past a few million
    # draws a month, fewer runs (stated in .attrs["runs"]: the band is then rougher, not biased)
    draws = max((per_month[k.name].max() * (float(np.mean(k.group_sizes)) if k.mode == "one_to_many" else 1.0) for k in kinds),
                default=0.0)
    asked = runs
    runs = int(min(runs, max(MIN_RUNS, DRAWS_PER_MONTH // max(draws, 1.0))))
    rng = np.random.default_rng(seed)
    # what was learnt, drawn once per run from its uncertainty (or as it is).  The half-life: one of
    # 16 values over its interval (its lognormal's 16 quantiles), each run's ties as strong today as
    # that half-life makes them
    if uncertain and L.half_life_sigma > 0:
        from scipy.stats import norm

        grid = L.half_life_days * np.exp(L.half_life_sigma * norm.ppf((np.arange(16) + 0.5) / 16))
    else:
        grid = np.array([L.half_life_days])
    which = rng.integers(0, len(grid), size=runs)
    h = grid[which]
    today = net.cached(f"plan_strengths:{T}:{grid.tolist()}", lambda n: np.stack(
        [s0 if g == L.half_life_days else strength(n, T, float(g), None, "plan") for g in grid]).astype(np.float32),
        ("meetings.start", "meetings.mode", "meetings.channel", "attendance", "contacts.index"))
    decay = np.exp2(-DAYS_PER_MONTH / h)
    rate = rng.gamma(L.intros, L.intro_rate / L.intros, size=runs) if uncertain and L.intros else np.full(runs, L.intro_rate)

    def share_of(share: float, n: int) -> np.ndarray:  # a segment share per run, from the n people it rests on
        return rng.beta(share * n + 1, (1 - share) * n + 1, size=runs) if uncertain and n and segment is not None else np.full(runs, share)

    intro_share = share_of(L.intro_segment_share, L.intros)
    group_share = {k.name: share_of(k.segment_share_new, k.first_met) for k in kinds}
    w1, wm = DEFAULT_WEIGHTS["one_to_one"], DEFAULT_WEIGHTS["one_to_many"]

    def at_month_end(w, shape):  # a meeting on a random day of the month, as it counts at the month's end (runs x ...)
        return (w * np.exp2(-rng.uniform(0, DAYS_PER_MONTH, size=shape) / h.reshape(-1, *[1] * (len(shape) - 1)))).astype(np.float32)

    mpos, cpos = net.positions()
    met = np.zeros(len(ids), dtype=bool)  # met before: a target met for the first time is a new person
    met[cpos[meeting_days(net)[mpos] <= days(T)]] = True
    seg = segment_mask(net, segment).to_numpy() if segment is not None else np.zeros(len(ids), dtype=bool)
    S = today[which]  # runs x contacts
    last = np.full((runs, len(ids)), -1, dtype=np.int16)  # the month each contact was last met in the plan (-1: not yet)
    pool = np.flatnonzero(met)  # people a kind with no group meeting of yours brings again: anyone met before
    cohorts, cohort_sizes = [], []  # the new people of each month's group meetings: one strength for all of them, and how many
    intros = []  # the people introduced each month: their strengths (runs x most in a run), 0 where none
    new_count, seg_count = np.zeros(runs), np.zeros(runs)
    turn, out = 0, []
    # your group meetings themselves are a sample of what such meetings bring: each run draws its
    # meetings from a resample of them (a bootstrap), so that the band also says how well they show it
    # (one seed per kind: entry i of run r's resample is keyed_integers(r x meetings + i), never written out)
    resampled = {k.name: int(rng.integers(0, 2**63)) for k in kinds if k.mode == "one_to_many" and uncertain}
    for month in range(months):  # one step per month; each step works on every run at once
        # introductions: warm ties bring people at your own rate, in proportion to your total strength
        total = S.sum(axis=1) + sum(c * n for c, n in zip(cohorts, cohort_sizes, strict=True)) + sum(x.sum(axis=1) for x in intros)
        k_intro = rng.poisson(rate * total * h / np.log(2) * (1 - decay))
        S *= decay[:, None]
        cohorts = [c * decay for c in cohorts]
        intros = [x * decay[:, None] for x in intros]
        reached = np.zeros((runs, len(ids)), dtype=bool)
        strangers, first_time = k_intro.astype(float), 0  # people not among your contacts yet
        seg_count += rng.binomial(k_intro, intro_share) if uncertain else k_intro * intro_share
        width = int(k_intro.max()) if len(k_intro) else 0
        intros.append(at_month_end(w1, (runs, width)) * (np.arange(width) < k_intro[:, None]))
        group_new = np.zeros(runs)
        for k in kinds:  # one step per kind of hour in the plan
            n = per_month[k.name][month]
            if not n:
                continue
            if k.mode == "one_to_one":  # meetings with the targets, in turn
                if len(target_pos):
                    who = target_pos[(turn + np.arange(n)) % len(target_pos)]
                    turn += n
                    _add(S, np.repeat(np.arange(runs), n), np.tile(who, runs), at_month_end(w1, (runs, n)).ravel())
                    reached[:, who] = True
                    fresh = np.unique(who[~met[who]])
                    first_time += len(fresh)
                    seg_count += seg[fresh].sum()
                    met[fresh] = True
                continue
            # each meeting like one of your own group meetings of its kind: its size, its share of
            # people new to you, its unlisted audience
            pick = rng.integers(0, len(k.group_sizes), size=(runs, n))
            if k.name in resampled:  # the entries drawn of this run's own resample of your group meetings
                pick = keyed_integers(np.arange(runs)[:, None] * len(k.group_sizes) + pick, len(k.group_sizes), resampled[k.name])
            size = k.group_sizes[pick].round().astype(int)
            share_new = np.divide(k.group_new, k.group_sizes, out=np.full(len(k.group_sizes), k.p_new), where=k.group_sizes > 0)
            fresh = rng.binomial(size, np.clip(share_new[pick], 0, 1))
            new_k = fresh.sum(axis=1).astype(float)
            group_new += new_k
            seg_count += rng.binomial(new_k.astype(int), group_share[k.name]) if uncertain else new_k * group_share[k.name]
            known = size - fresh  # runs x meetings: the people each meeting brings again
            # the existing people every run's group meetings bring: a million or so at a time over
            # whole meetings (a few arrays of that size, reused, not a dozen of ten times it)
            day = at_month_end(wm, (runs, n)).ravel()  # one day per meeting
            row = np.repeat(np.arange(runs) * len(ids), n)  # each meeting's run, as its row in the runs x contacts matrices
            kn, pk = known.ravel(), pick.ravel()

            # where each meeting's block starts on its list: drawn at once (the same numbers as block by block)
            first = None if k.group_people is None else _block_starts(k, pk, rng)

            def place(lo: int, hi: int, k=k, kn=kn, pk=pk, row=row, day=day, first=first, S=S, reached=reached) -> None:
                for a, b in _blocks(kn[lo:hi], DRAWS_PER_BLOCK):  # meetings lo..hi, a block at a time
                    a, b = a + lo, b + lo
                    cell = np.repeat(row[a:b], kn[a:b])
                    cell += _came_again(k, pk[a:b], kn[a:b], pool, rng, None if first is None else first[a:b])
                    _add_flat(S, cell, np.repeat(day[a:b], kn[a:b]))
                    reached.ravel()[cell] = True

            # past two blocks of draws, the runs are shared out between threads, each adding to rows of
            # its own (a kind with no group meeting of yours draws as it goes: on one thread)
            threads = min(cores(), runs) if first is not None and kn.sum() >= 2 * DRAWS_PER_BLOCK else 1
            cuts = np.linspace(0, runs, threads + 1).astype(int) * n
            if threads > 1:
                run_threads([lambda lo=lo, hi=hi: place(lo, hi) for lo, hi in pairwise(cuts)])
            else:
                place(0, len(kn))
        strangers += group_new
        cohorts.append(np.full(runs, wm, dtype=np.float32))
        cohort_sizes.append(group_new)
        new_count += strangers + first_time
        warm_new = sum((c >= WARM_THRESHOLD) * n for c, n in zip(cohorts, cohort_sizes, strict=True))
        warm_intro = sum((x >= WARM_THRESHOLD).sum(axis=1) for x in intros)
        # a contact is warm as netlib.warm_ties has it: strong enough, and not silent past COLD_K times
        # its rhythm (a tie met in the plan: since the middle of the month it was last met) nor dormant
        last[reached] = month
        silence = np.where(last >= 0, (month - last + 0.5) * DAYS_PER_MONTH, silence0 + (month + 1) * DAYS_PER_MONTH)
        warm = (S >= WARM_THRESHOLD) & (silence <= cold_after) & (silence < DORMANT_DAYS) & (warm0 | (last >= 0))
        metrics = {"warm ties": warm.sum(axis=1) + warm_new + warm_intro,
                   "people reached": reached.sum(axis=1) + strangers,
                   "new people": new_count.copy(), "segment reached": seg_count.copy()}
        out.append(metrics)
    dates = pd.date_range(T.tz_convert("UTC").normalize(), periods=months + 1, freq=pd.DateOffset(months=1))
    now = float(warm0.sum())  # netlib.warm_ties(net, T, half-life)
    rows = [(0, dates[0], "warm ties", now, now, now), (0, dates[0], "new people", 0.0, 0.0, 0.0),
            (0, dates[0], "segment reached", 0.0, 0.0, 0.0)]  # month 0: today, the same in every run
    dates = dates[1:]
    for month, metrics in enumerate(out, start=1):
        for name, values in metrics.items():
            rows.append((month, dates[month - 1], name, float(np.median(values)), float(np.percentile(values, 5)),
                         float(np.percentile(values, 95))))
    table = pd.DataFrame(rows, columns=["month", "date", "metric", "median", "low", "high"])
    table.attrs["learnt"] = L
    table.attrs["runs"] = runs
    table.attrs["runs_asked"] = asked
    return table


def current_plan(net: Network, as_of=None, days_back: int = 365) -> dict:
    """What you did over the last ``days_back`` days, as a plan's arguments: the networking hours a
    month (``hours_per_month``: hours / days x 30.44, over your data's days when it is shorter;
    internal work with colleagues only, :func:`netlib.org.internal_meetings`, left out)
    and how they split between one-to-one and group meetings (``mix``, shares adding up to 1).
    Only the modes a plan simulates count (one-to-one and one-to-many): time spent alone (a post
    with no audience listed, ``solo``) brings nobody a plan could draw, so it is neither in the
    hours nor in the mix (it once made the plan page fail on a mix naming ``solo``).

    Examples
    --------
    >>> import netlib
    >>> now = current_plan(netlib.load_sample())
    >>> round(sum(now["mix"].values()), 6), sorted(now["mix"]), now["hours_per_month"] > 0
    (1.0, ['one_to_many', 'one_to_one'], True)
    """
    T = _as_of(net, as_of, "current_plan")
    m = net.meetings[(net.meetings["start"] <= T) & (net.meetings["start"] > T - pd.Timedelta(days=days_back))
                     & ~_internal(net)]  # internal work (colleagues only) is no networking hour
    span = (T - max(m["start"].min(), T - pd.Timedelta(days=days_back))).days if len(m) else 0
    hours = m[m["mode"].isin(["one_to_one", "one_to_many"])].groupby("mode")["duration_min"].sum() / 60
    hours = hours[hours > 0]
    if hours.empty:
        return {"hours_per_month": 0.0, "mix": {"one_to_one": 1.0}}
    per_month = float(hours.sum()) / max(span, DAYS_PER_MONTH) * DAYS_PER_MONTH
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
    hours = now["hours_per_month"] if hours_per_month is None else _params.number(
        "contrasting_plans", "hours_per_month", hours_per_month, inclusive=True, high=MAX_HOURS_PER_MONTH)
    plans = {"all one-to-one, overdue ties first": {"mix": {"one_to_one": 1.0}}}
    if (net.meetings["mode"] == "one_to_many").any():
        plans["all at group meetings"] = {"mix": {"one_to_many": 1.0}}
        plans["half and half"] = {"mix": {"one_to_one": 0.5, "one_to_many": 0.5}}
    plans["as you did so far"] = {"mix": now["mix"]}
    return {name: {"hours_per_month": hours, **kw} for name, kw in plans.items()}


def note(plans: dict, table: pd.DataFrame | None = None) -> str:
    """A sentence or two on what the plans of :func:`contrasting_plans` spend, and on how many
    futures were simulated when a large network made :func:`compare_plans` run fewer.

    Examples
    --------
    >>> note({"a": {"hours_per_month": 12.4, "mix": {"one_to_one": 1.0}}})
    'Each plan spends 12 hours a month: what you spent a month on meetings over the last year.'
    """
    hours = {round(float(p["hours_per_month"])) for p in plans.values()}
    if hours == {0}:
        text = "Your files show no meeting hours over the last year, so every plan here spends none: give the plans hours of your own."
    elif len(hours) == 1:
        text = f"Each plan spends {hours.pop():,} hours a month: what you spent a month on meetings over the last year."
    else:
        text = "The plans spend different hours a month: " + ", ".join(f"{n} {round(float(p['hours_per_month']))}" for n, p in plans.items()) + "."
    if table is not None and table.attrs.get("runs", 0) < table.attrs.get("runs_asked", 0):
        text += (f" So many meetings a month make each future long to simulate: {table.attrs['runs']} futures were run instead"
                 f" of {table.attrs['runs_asked']}, so the bands are rougher.")
    return text


def segment_note(plans: pd.DataFrame, segment=None) -> str | None:
    """Why a plan page has no chart of the target segment, or None when it has one to draw.

    Examples
    --------
    >>> t = pd.DataFrame({"plan": ["a"], "month": [1], "metric": ["segment reached"], "median": [0.0], "low": [0.0], "high": [0.0]})
    >>> segment_note(t, None).startswith("No target segment")
    True
    >>> segment_note(t, "client").startswith("None of the plans")
    True
    """
    if segment is None:
        return ("No target segment was named (the segment parameter, e.g. a tag such as prospect): name one to see how "
                "many of the right people each plan would bring.")
    seg = plans[plans["metric"] == "segment reached"]
    if len(seg) and seg["high"].max() > 0:
        return None
    return ("None of the plans would bring anyone new in your segment: in your data, nobody first met at a group meeting "
            "and nobody introduced to you is in it, and the contacts the one-to-one hours would meet for the first time "
            "are not either.")


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
    network("compare_plans", net)
    if not isinstance(plans, dict) or not plans or not all(isinstance(kw, dict) for kw in plans.values()):
        _params.fail("compare_plans", "plans", _params.shown(plans), "a dict of plan name -> arguments of netlib.plan",
                     'Pass e.g. {"one-to-one": {"hours_per_month": 10, "mix": {"one_to_one": 1.0}}}')
    defaults = {k: v.default for k, v in inspect.signature(plan).parameters.items() if k in ("months", "runs", "seed")}
    for kwargs in plans.values():  # the bounded arguments, checked before anything is learnt
        given = {**defaults, **common, **kwargs}
        if "hours_per_month" in given:
            _bounded("compare_plans", given["hours_per_month"], given["months"], given["runs"], given["seed"])
    L = common.pop("learnt", None) or learn(net, common.get("as_of"), common.get("half_life_days"), common.get("segment"))
    if "targets" not in common:  # the default targets, found once for every plan that names none
        common["targets"] = default_targets(net, _as_of(net, common.get("as_of"), "compare_plans"), L.half_life_days,
                                            common.get("segment"))
    parts, runs, asked = [], [], []
    for name, kwargs in plans.items():  # one step per plan
        part = plan(net, **{**common, **kwargs}, learnt=L)
        runs.append(part.attrs["runs"])
        asked.append(part.attrs["runs_asked"])
        part.attrs.clear()  # one Learnt for all, set below (pandas copies attrs deeply with every new frame)
        parts.append(part.assign(plan=name))
    runs, asked = min(runs), max(asked)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update(learnt=L, runs=runs, runs_asked=asked)
    return out
