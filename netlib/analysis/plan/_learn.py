"""What a plan draws on, learnt from the person's own data: :class:`Kind` (one mode or channel of
meetings), :class:`Learnt` (the half-life, the kinds, the introductions, each with its source),
:func:`learn`, and :func:`group_sizes` (the distribution a plan's group meetings are drawn from)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days, first_meeting, meeting_days, meeting_weights
from netlib._words import plural
from netlib.model import CONVERSATION_CHANNELS, DAYS_PER_MONTH, DEFAULT_HALF_LIFE_DAYS, Network
from netlib.org import _internal

#: The modes a plan simulates: a channel counts as the one most of its meetings were.  The two modes
#: are learnt from meetings only (calls, coffees, events...): a written conversation, an e-mail
#: thread's day or a LinkedIn message (:data:`netlib.model.CONVERSATION_CHANNELS`), is no hour at a
#: meeting, and its three minutes among hour-long group meetings made a group meeting look nearly
#: free.  Each written channel is a kind of its own (``email``, ``message``), priced from itself.
MODES = ("one_to_one", "one_to_many")

#: What a written conversation is called where a meeting would be ("your 48 email conversations").
WRITTEN = "conversation"


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

    def table(self, kinds=None) -> pd.DataFrame:
        """The assumptions as a table, value and source: the half-life, then for each kind named
        (modes or channels, e.g. the keys of a plan's ``mix``) what an hour of it brings.

        Parameters
        ----------
        kinds : list of str, optional
            The modes or channels to show (keys of :attr:`kinds`); default the two modes and the
            written channels (e-mail, messages: :data:`netlib.model.CONVERSATION_CHANNELS`) your
            data holds, which a plan "as you did so far" prices apart from meetings
            (:func:`current_plan`).

        Examples
        --------
        >>> import netlib
        >>> learn(netlib.load_sample(), half_life_days=90).table().index[3:5].tolist()
        ['one-to-one meeting (hours)', 'group meeting (hours)']
        """
        if kinds is None:
            kinds = [*MODES, *sorted(set(self.kinds) & CONVERSATION_CHANNELS)]
        rows = [("half-life (days)", round(self.half_life_days, 1), self.sources["half-life (days)"]),
                ("people introduced a month per unit of tie strength", round(self.intro_rate * DAYS_PER_MONTH, 4),
                 self.sources["introductions"]),
                ("target segment's share of people introduced", round(self.intro_segment_share, 2), self.sources["intro segment"])]
        for name in dict.fromkeys(kinds):
            rows += _kind_rows(self.kinds[name])
        return pd.DataFrame({"value": [r[1] for r in rows], "source": [r[2] for r in rows]},
                            index=pd.Index([r[0] for r in rows], name="assumption"))


def _kind_rows(k: Kind) -> list[tuple]:
    """The rows of :meth:`Learnt.table` for one kind: (assumption, value, source)."""
    name = k.name
    what = {"one_to_one": "", "one_to_many": ""}.get(name, f"{name}: ")
    written = name in CONVERSATION_CHANNELS  # an e-mail thread's day, a LinkedIn conversation's: priced as itself
    label = {"one_to_one": "one-to-one meeting (hours)", "one_to_many": "group meeting (hours)"}.get(
        name, f"{name}: a {WRITTEN}, one thread on one day (hours)" if written else f"{name}: meeting length (hours)")
    rows = [(label, round(k.hours, 2), k.sources["hours"])]
    if written:
        rows.append((f"{name}: counts as", "a message to one of your targets (it adds what a one-to-one meeting adds)"
                     if k.mode == "one_to_one" else "a message to several people (each as a group meeting adds), at its own length",
                     k.sources["mode"] + "; not a meeting: the plans' one-to-one and group meetings are learnt without it"))
    elif name not in MODES:
        rows.append((f"{name}: counts as", "one-to-one meetings with your targets" if k.mode == "one_to_one" else "group meetings",
                     k.sources["mode"]))
    if k.mode == "one_to_many":
        rows += [(f"{what}people at a group meeting (median)", float(np.median(k.group_sizes)),
                  k.sources["sizes"].rstrip() + ": each of a plan's group meetings reaches the people listed at one of them "
                  "(the distribution: netlib.analysis.plan.group_sizes)"),
                 (f"{what}unlisted audience at a group meeting", "not counted",
                  "a plan reaches the people your group meetings list, never an audience count"),
                 (f"{what}chance a person met at a group meeting is new", round(k.p_new, 2), k.sources["p_new"]),
                 (f"{what}target segment's share of new people", round(k.segment_share_new, 2), k.sources["segment"])]
    return rows


def learn(net: Network, as_of=None, half_life_days: float | None = None, segment=None, *, half_life_source: str | None = None) -> Learnt:
    """What a plan is simulated with, from ``net`` up to ``as_of``: the half-life, and for each
    mode and each channel of your meetings its usual length, whether it is mostly one-to-one or
    group meetings, its group sizes and audience, the chance a person met there is new and the
    segment's share of them.  Internal work (a meeting with colleagues only,
    :func:`netlib.org.internal_meetings`) is no networking and teaches a plan nothing.  The two
    modes are learnt from meetings and events alone: an e-mail thread's day or a LinkedIn message
    (:data:`netlib.model.CONVERSATION_CHANNELS`) is written, not met, and is a channel of its own
    (its sources say how many were left to it), so that three-minute e-mails to two people do not
    make a group meeting look nearly free.

    Parameters
    ----------
    net : Network
        Your network.
    as_of : date-like, optional
        The day the plan starts (default the end of the data: the later of the last meeting and the
        files' export moment).
    half_life_days : float, optional
        The half-life to use; default the one fitted from your data, or 90 days when it cannot be.
    segment : str, dict or callable, optional
        The target segment (see :func:`netlib.segment.segment_mask`).
    half_life_source : str, optional
        Where a ``half_life_days`` given comes from, in words, for the assumptions' table (a report
        passes :func:`netlib.decay.choose_half_life`'s ``source``, the one its decay page shows);
        default: "given, not fitted".

    Examples
    --------
    >>> import netlib
    >>> L = learn(netlib.load_sample())
    >>> L.p_new > 0, L.kinds["coffee"].mode, L.kinds["meetup"].mode
    (True, 'one_to_one', 'one_to_many')
    >>> hl = netlib.decay.choose_half_life(netlib.load_sample(), half_life_days=60)  # a report's one half-life
    >>> learn(netlib.load_sample(), half_life_days=hl.days, half_life_source=hl.source).table().iloc[0].tolist()
    [60.0, 'set for this report; every page of the report and every run of a plan use this half-life']
    """
    T = _as_of(net, as_of, "learn")
    src = {}
    half_life_days, sigma, src["half-life (days)"] = _half_life(net, T, half_life_days, half_life_source)
    _params.number("learn", "half_life_days", half_life_days)
    h = _History.of(net, T, segment)
    kinds = {}
    for name in h.names():  # one step per mode and channel
        k = h.kind(name, segment)
        if k is not None:
            kinds[name] = k
    rate, share, n_intro = _introductions(net, T, half_life_days, segment, src)
    return Learnt(half_life_days, kinds, src, rate, share, sigma, n_intro)


def _half_life(net: Network, T: pd.Timestamp, half_life_days: float | None, half_life_source: str | None) -> tuple[float, float, str]:
    """The half-life a plan uses, its uncertainty (the sd of its logarithm) and its source: the one
    given (certain), else the one fitted (its 95% interval as a lognormal spread), else the default
    (half to twice it, 95% of the time)."""
    from netlib.decay import fit_half_life

    if half_life_days is not None:
        if half_life_source is not None:
            return half_life_days, 0.0, f"{half_life_source}; every page of the report and every run of a plan use this half-life"
        return half_life_days, 0.0, "given, not fitted (half_life_days: a report passes the half-life its decay and front pages use)"
    try:
        fit = fit_half_life(net, T)
    except ValueError:  # too few repeat one-to-one meetings to fit one
        fit = None
    if fit is None or not fit.identifiable or not np.isfinite(fit.half_life_days):
        d = DEFAULT_HALF_LIFE_DAYS
        return float(d), float(np.log(2) / 1.96), f"netlib default (your data cannot show one): {d / 2:g} to {d * 2:g} days, 95% of the time"
    if np.isfinite(fit.ci_low) and np.isfinite(fit.ci_high) and fit.ci_low > 0:
        sigma = float(np.log(fit.ci_high / fit.ci_low) / (2 * 1.96))  # the 95% interval as a lognormal spread
        return float(fit.half_life_days), sigma, f"fitted from your one-to-one meetings (95% interval {fit.ci_low:.0f} to {fit.ci_high:.0f} days)"
    return float(fit.half_life_days), 0.0, "fitted from your one-to-one meetings"


@dataclass(eq=False)
class _History:
    """Your meetings up to the plan's start as :func:`learn` reads them: which count (``before``:
    networking, not internal work), each one's mode, whether it was written (``written``: on a
    channel of :data:`netlib.model.CONVERSATION_CHANNELS`), channel (an integer code into ``lowered``,
    the channels lower-cased, none as ""), minutes and audience, and each attendance (``mpos``,
    ``cpos``) with whether it was the person's first meeting and whether the person is in the
    segment."""

    before: np.ndarray
    of_mode: dict
    written: np.ndarray
    channel: np.ndarray
    lowered: list
    minutes: np.ndarray
    audience: np.ndarray
    mpos: np.ndarray
    cpos: np.ndarray
    first: np.ndarray
    seg: np.ndarray | None
    recent: np.ndarray
    new_at: np.ndarray

    @classmethod
    def of(cls, net: Network, T: pd.Timestamp, segment) -> _History:
        """The history of ``net`` up to ``T``."""
        from netlib.segment import segment_mask

        meet = net.meetings
        internal = _internal(net)  # internal work: no planner input (all False without an organisation)
        before = (meet["start"] <= T).to_numpy() & ~internal
        # mode and channel as integer codes (the network's own, cached), each channel lower-cased, none as ""
        mcodes, mlabels = net.codes("mode")
        mlabels = list(mlabels)
        of_mode = {name: mcodes == (mlabels.index(name) if name in mlabels else -2) for name in MODES}
        ccodes, clabels = net.codes("channel")
        lowered, code = np.unique(np.array([str(x).lower() for x in clabels] + [""], dtype=object), return_inverse=True)
        channel = code.ravel()[ccodes]  # code -1 (no channel) reads the last label, ""
        written = np.isin(lowered, list(CONVERSATION_CHANNELS))[channel]  # an e-mail thread's day, a LinkedIn message: no meeting
        # each attendance: whether it was the person's first meeting, the segment of those people
        mpos, cpos = net.positions()
        start = meeting_days(net)[mpos]
        keep = (start <= days(T)) & ~internal[mpos]
        if not keep.all():
            mpos, cpos, start = mpos[keep], cpos[keep], start[keep]
        first = _first_days(net)[cpos] == start  # the person's first meeting (each of them, when on the same day)
        return cls(before, of_mode, written, channel, lowered.tolist(), meet["duration_min"].to_numpy(dtype=float),
                   meet["audience"].fillna(0).to_numpy(dtype=float), mpos, cpos, first,
                   segment_mask(net, segment).to_numpy()[cpos] if segment is not None else None,
                   (meet["start"] > T - pd.Timedelta(days=365)).to_numpy(),  # group figures: from the last year when it holds enough
                   np.bincount(mpos[first], minlength=len(meet)))  # people met for the first time at each meeting

    def names(self) -> list[str]:
        """The kinds to learn: the two modes, then every channel of the meetings that count."""
        return [*MODES, *sorted(set(np.array(self.lowered, dtype=object)[np.unique(self.channel[self.before])].tolist()) - {""})]

    def kind(self, name: str, segment) -> Kind | None:
        """What an hour of the mode or channel ``name`` brings (None: a channel with no meeting).  A
        mode is learnt from meetings only: the written conversations of that mode are left to their
        own channels, and its sources say how many."""
        is_mode = name in MODES
        rows = self.before & (self.of_mode[name] if is_mode else (self.channel == self.lowered.index(name)))
        if not rows.any() and not is_mode:
            return None
        ks = {}
        apart = ""
        if is_mode and (rows & self.written).any():  # e-mails and messages: not this mode's meetings, channels of their own
            apart = self.written_apart(rows & self.written, name)
            rows = rows & ~self.written
        kmode = name if is_mode else ("one_to_many" if self.of_mode["one_to_many"][rows].mean() > 0.5 else "one_to_one")
        noun = WRITTEN if name in CONVERSATION_CHANNELS else "meeting"
        ks["mode"] = f"most of your {plural(int(rows.sum()), f'{name} {noun}')}" if not is_mode else ""
        hours, ks["hours"] = self.hours(rows, name, kmode)
        ks["hours"] += apart
        group = rows & self.of_mode["one_to_many"]
        last_year = (group & self.recent).sum() >= 10
        if last_year:
            group = group & self.recent
        return self.groups(Kind(name, kmode, hours, int(rows.sum()), None, 0.0, None, 0.0, 0.0, ks), group, last_year, segment)

    def hours(self, rows: np.ndarray, name: str, kmode: str) -> tuple[float, str]:
        """A meeting's usual length in hours, and its source."""
        length = self.minutes[rows & (self.minutes > 0) & self.of_mode[kmode]]
        default = 1.0 if kmode == "one_to_one" else 2.0
        what = name.replace("_", "-") + (f" {WRITTEN}" if name in CONVERSATION_CHANNELS else " meeting")
        if kmode == "one_to_one":  # the mean: an hour buys the one-to-ones your hours bought (short meetings
            # among hour-long ones do not make every hour a dozen meetings)
            return (float(length.mean()) / 60 if len(length) else default,
                    f"the hours of your {plural(len(length), what)} over their number" if len(length)
                    else "netlib default (none in your data)")
        return (float(np.median(length)) / 60 if len(length) else default,
                f"median of your {plural(len(length), what)}" if len(length) else "netlib default (none in your data)")

    def written_apart(self, rows: np.ndarray, mode: str) -> str:
        """What a mode's source adds for the written conversations ``rows`` it was not learnt from:
        how many, and the channels that price them."""
        names = sorted({self.lowered[c] for c in np.unique(self.channel[rows])})
        to = "to one person" if mode == "one_to_one" else "to several people"
        return (f"; meetings only, not your {plural(int(rows.sum()), 'e-mail or message', 'e-mails and messages')} {to} "
                f"(written, not met: priced as their own {'channel' if len(names) == 1 else 'channels'}, " + " and ".join(names) + ")")

    def groups(self, k: Kind, group: np.ndarray, last_year: bool, segment) -> Kind:
        """``k`` with what its group meetings ``group`` bring: their sizes, audience, people and new
        people, the chance of someone new and the segment's share of them (defaults without any)."""
        ks, mpos = k.sources, self.mpos
        of = "" if k.name in MODES else k.name + " "
        span = " over the last year" if last_year else ""
        at = group[mpos]  # attendances at this kind's group meetings
        by_meeting = np.argsort(mpos[at], kind="stable")  # each group meeting's people, in the order of the meetings
        offsets = np.r_[0, np.cumsum(np.bincount(mpos[at], minlength=len(group))[group])]
        sizes = np.diff(offsets).astype(float)  # the people listed at each (its n_people)
        none = "netlib default (no such group meeting in your data)"
        meetings = plural(len(sizes), f"{of}group meeting")
        ks["sizes"] = f"the attendees listed at your {meetings}{span}" if len(sizes) else none
        ks["audience"] = f"the audience {'count' if len(sizes) == 1 else 'counts'} of your {meetings} (none: 0)" if len(sizes) else none
        p_new = float(self.first[at].mean()) if at.any() else 0.5
        ks["p_new"] = f"your {plural(int(at.sum()), 'attendance')} at {of}group meetings{span}" if at.any() else none
        met = at & self.first
        if self.seg is not None and met.any():
            share = float(self.seg[met].mean())
            ks["segment"] = f"the people you first met at {of}group meetings ({int(met.sum())})"
        else:
            share = 0.0
            ks["segment"] = "no segment named" if segment is None else "nobody first met at such group meetings in your data"
        k.group_sizes = sizes if len(sizes) else np.array([10.0])
        k.audience = float(np.median(self.audience[group])) if group.any() else 0.0
        k.audiences = self.audience[group] if len(sizes) else np.array([0.0])
        k.p_new, k.segment_share_new = p_new, share
        k.group_new = self.new_at[group].astype(float) if len(sizes) else np.array([10.0 * p_new])
        k.first_met = int(met.sum())
        k.group_people = self.cpos[at][by_meeting] if len(sizes) else None
        k.group_offsets = offsets if len(sizes) else None
        return k


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
    >>> import numpy as np
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


def _introductions(net: Network, T, half_life_days: float, segment, src: dict) -> tuple[float, float, int]:
    """How fast warm ties bring new people: contacts introduced (``introduced_by``) whose first
    meeting fell before ``T``, over the integral of your total tie strength across your data's
    days up to ``T`` (strength-days, exact: each meeting's decayed contribution integrated); and
    the segment's share among them, and how many they are."""
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
    who = "the one person" if n == 1 else f"the {n:,} people"
    src["introductions"] = f"{who} introduced to you, over your ties' total strength over those days"
    if segment is None:
        src["intro segment"] = "no segment named"
        return n / strength_days, 0.0, n
    seg = segment_mask(net, segment).to_numpy()[intro]
    src["intro segment"] = f"{who} introduced to you"
    return n / strength_days, float(seg.mean()), n


def _twice(k: Kind) -> tuple[np.ndarray, np.ndarray]:
    """Each of the kind's group meetings' list of people stored twice over, end to end, and where
    each meeting's doubled list starts (see :func:`netlib.analysis.plan._simulation._came_again`).

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
