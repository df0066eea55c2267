"""A plan and several side by side: :func:`plan` (the arguments checked, a :class:`Simulation` run),
:func:`compare_plans`, and the plans worth comparing: what you did so far (:func:`current_plan`),
:func:`contrasting_plans`, who the one-to-one hours go to (:func:`default_targets`) and how many
meetings a plan holds each month (:func:`counts`)."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import network
from netlib.analysis.plan._learn import Learnt, learn
from netlib.analysis.plan._simulation import Simulation
from netlib.model import CONVERSATION_CHANNELS, DAYS_PER_MONTH, DEFAULT_HALF_LIFE_DAYS, Network
from netlib.org import _internal

#: The bounds of :func:`plan`'s arguments.  A plan looks a few years ahead at most (what it learns
#: from your past says little about five years on); its hours are at most every hour of a 31-day
#: month in twenty people's calendars (the files of a team, or overlapping meetings, can show more
#: hours than one person's month holds: a plan "as you did so far" repeats them); its runs are
#: enough for a smooth band and bounded in memory (runs x contacts strengths).  A plan's cost is
#: bounded by the people its meetings bring, whatever its hours (:data:`DRAWS_PER_MONTH`).
MAX_MONTHS, MAX_HOURS_PER_MONTH, MAX_RUNS = 60, 24 * 31 * 20, 10_000


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
        segment share (:func:`learn`); a mostly one-to-one channel's hours go to the targets.  The
        two modes are learnt from meetings and events alone: e-mails and messages
        (:data:`netlib.model.CONVERSATION_CHANNELS`) are channels of their own, ``email`` and
        ``message``, at their own few minutes (:func:`current_plan` names them).
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
        would bring more than :data:`DRAWS_PER_MONTH` people a month over all runs);
        ``.attrs["intro_capped"]``: the share of runs whose introduction rate was held to
        :data:`MAX_INTRO_RATIO` (each introduced person bringing at most that many more).

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
    _mix("plan", mix, L)
    target_pos = _targets("plan", net, default_targets(net, T, L.half_life_days, segment) if targets is None else targets)
    return Simulation(net, L, T, counts(hours_per_month, mix, L, months), target_pos, months=months, runs=runs, seed=seed,
                      segment=segment, uncertain=uncertain).run()


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


def _mix(func: str, mix, L: Learnt) -> dict:
    """``mix`` when it is shares of the hours adding up to 1, per kind ``L`` learnt (mode or channel)."""
    if not isinstance(mix, dict) or not mix or set(mix) - set(L.kinds) or \
            any(not np.isfinite(v) or v < 0 for v in mix.values()) or abs(sum(mix.values()) - 1) > 1e-6:
        _params.fail(func, "mix", mix, "shares of the hours adding up to 1, per mode or per channel of your meetings ("
                     + ", ".join(sorted(L.kinds)) + '), e.g. {"one_to_one": 0.5, "one_to_many": 0.5}')
    return mix


def _targets(func: str, net: Network, targets) -> np.ndarray:
    """The positions of ``targets`` (contact ids) in ``net.contacts``; an id not there is refused."""
    target_pos = net.contacts.index.get_indexer(pd.Index(list(targets)))
    if (target_pos < 0).any():
        _params.fail(func, "targets", list(targets), "contact ids of this network (net.contacts.index)")
    return target_pos


@_params.document
def default_targets(net: Network, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, segment=None) -> list:
    """Who a plan's one-to-one hours go to, in turn, unless it names them: the next-steps list
    (:func:`netlib.decay.next_steps`: overdue and valuable ties first), then every other
    contact from the strongest tie down.

    Parameters
    ----------
    {net}
    {as_of}
    {half_life_days}
    {segment}

    Returns
    -------
    list
        Contact ids, each once: every contact of ``net``.

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

    Parameters
    ----------
    hours_per_month : float
        Hours a month the plan spends.
    mix : dict
        Share of the hours per mode or channel (see :func:`plan`); a kind with no share holds none.
    learnt : Learnt
        What :func:`learn` found: each kind's usual length (hours).
    months : int
        How many months.

    Returns
    -------
    dict
        Kind -> an array of ``months`` whole numbers of meetings.

    Examples
    --------
    >>> import netlib
    >>> L = learn(netlib.load_sample(), half_life_days=90)
    >>> counts(2 * L.one_to_one_hours, {"one_to_one": 1.0}, L, 3)["one_to_one"].tolist()
    [2, 2, 2]
    """
    return {k: _counts(hours_per_month, share, learnt.kinds[k].hours, months) for k, share in mix.items() if share > 0}


def _counts(hours: float, share: float, length: float, months: int) -> np.ndarray:
    """Meetings each month: the plan's hours over the usual length, fractions carried forward."""
    total = np.floor(np.arange(1, months + 1) * hours * share / length + 1e-9)
    return np.diff(np.r_[0.0, total]).astype(int)


@_params.document
def current_plan(net: Network, as_of=None, days_back: int = 365) -> dict:
    """What you did over the last ``days_back`` days, as a plan's arguments: the networking hours a
    month (``hours_per_month``: hours / days x 30.44, over your data's days when it is shorter;
    internal work with colleagues only, :func:`netlib.org.internal_meetings`, left out)
    and how they split between one-to-one meetings, group meetings and written conversations
    (``mix``, shares adding up to 1).  E-mails and messages
    (:data:`netlib.model.CONVERSATION_CHANNELS`) are no meeting: their hours are in the mix under
    their own channels (``email``, ``message``), priced as themselves (:func:`learn`), so that the
    plan repeats them rather than counting a three-minute e-mail to several people as an hour at a
    group meeting.  Only the modes a plan simulates count (one-to-one and one-to-many): time spent
    alone (a post with no audience listed, ``solo``) brings nobody a plan could draw, so it is
    neither in the hours nor in the mix (it once made the plan page fail on a mix naming ``solo``).

    Parameters
    ----------
    {net}
    {as_of}
    days_back : int
        How many days before ``as_of`` to look at (default a year).

    Returns
    -------
    dict
        ``hours_per_month`` and ``mix``, arguments of :func:`plan` (with no hours: none, all one-to-one).

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
    m = m[m["mode"].isin(["one_to_one", "one_to_many"])]
    written = m["channel"].isin(list(CONVERSATION_CHANNELS)).to_numpy()  # channels are lower-cased on load
    hours = (m[~written] if written.any() else m).groupby("mode")["duration_min"].sum() / 60
    if written.any():  # e-mails and messages: each under its channel, the kind that prices it
        hours = pd.concat([hours, m[written].groupby("channel")["duration_min"].sum() / 60])
    hours = hours[hours > 0]
    if hours.empty:
        return {"hours_per_month": 0.0, "mix": {"one_to_one": 1.0}}
    per_month = float(hours.sum()) / max(span, DAYS_PER_MONTH) * DAYS_PER_MONTH
    return {"hours_per_month": round(per_month, 1), "mix": (hours / hours.sum()).to_dict()}


@_params.document
def contrasting_plans(net: Network, as_of=None, hours_per_month: float | None = None) -> dict:
    """Plans worth comparing, all with the same hours a month (default: what you spent a month
    over the last year, :func:`current_plan`): every hour one-to-one (the overdue and valuable
    ties first), every hour at group meetings, half and half, and as you did so far.  A plan of
    group meetings is left out when your data has none up to ``as_of`` (it would rest on netlib's
    defaults alone): e-mails and messages to several people are no group meeting, nor is internal
    work with colleagues only (:func:`learn` learns from neither).

    Parameters
    ----------
    {net}
    {as_of}
    hours_per_month : float, optional
        Hours a month every plan spends, 0 to :data:`MAX_HOURS_PER_MONTH`; default what you spent
        (:func:`current_plan`), or that most when you spent more (the calendar of an organisation,
        not one person's: :func:`note` says so).

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
    T = _as_of(net, as_of, "contrasting_plans")
    # an organisation's calendar can hold more hours than a plan can spend: the plans spend the most
    # one can, and note() says so (#30: the plan page once failed on such data)
    hours = min(now["hours_per_month"], MAX_HOURS_PER_MONTH) if hours_per_month is None else _params.number(
        "contrasting_plans", "hours_per_month", hours_per_month, inclusive=True, high=MAX_HOURS_PER_MONTH)
    plans = {"all one-to-one, overdue ties first": {"mix": {"one_to_one": 1.0}}}
    m = net.meetings
    if ((m["mode"] == "one_to_many").to_numpy() & (m["start"] <= T).to_numpy() & ~_internal(net)
            & ~m["channel"].isin(list(CONVERSATION_CHANNELS)).to_numpy()).any():
        plans["all at group meetings"] = {"mix": {"one_to_many": 1.0}}
        plans["half and half"] = {"mix": {"one_to_one": 0.5, "one_to_many": 0.5}}
    plans["as you did so far"] = {"mix": now["mix"]}
    return {name: {"hours_per_month": hours, **kw} for name, kw in plans.items()}


def compare_plans(net: Network, plans: dict, **common) -> pd.DataFrame:
    """Several plans on one network, learnt once: :func:`plan` per entry, with a ``plan`` column.

    Parameters
    ----------
    net : Network
        Your network.
    plans : dict
        Plan name -> keyword arguments of :func:`plan` (``hours_per_month``, ``mix``, ``targets``...).
    **common
        Arguments every plan shares (``months``, ``runs``, ``seed``, ``as_of``, ``segment``,
        ``half_life_days``, ``learnt``...), and ``half_life_source``: where a ``half_life_days``
        given comes from, for the assumptions' table (:func:`learn`).

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
    source = common.pop("half_life_source", None)  # learn's, not a plan's
    L = common.pop("learnt", None) or learn(net, common.get("as_of"), common.get("half_life_days"), common.get("segment"),
                                            half_life_source=source)
    if "targets" not in common:  # the default targets, found once for every plan that names none
        common["targets"] = default_targets(net, _as_of(net, common.get("as_of"), "compare_plans"), L.half_life_days,
                                            common.get("segment"))
    parts, runs, asked, capped = [], [], [], []
    for name, kwargs in plans.items():  # one step per plan
        part = plan(net, **{**common, **kwargs}, learnt=L)
        runs.append(part.attrs["runs"])
        asked.append(part.attrs["runs_asked"])
        capped.append(part.attrs["intro_capped"])
        part.attrs.clear()  # one Learnt for all, set below (pandas copies attrs deeply with every new frame)
        parts.append(part.assign(plan=name))
    runs, asked = min(runs), max(asked)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update(learnt=L, runs=runs, runs_asked=asked, intro_capped=max(capped))
    return out
