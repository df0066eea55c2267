"""One plan simulated month by month, every run at once: :class:`Simulation`, whose state is the
runs' tie strengths and counts and whose methods are the steps of a month (introductions by warm
ties, one-to-one meetings, group meetings, the new people, the metrics), and the draws a group
meeting makes (:func:`_came_again`).

The names :func:`plan` reads here at run time are the ones a test may patch in this room:
:data:`DRAWS_PER_MONTH`, :data:`DRAWS_PER_BLOCK`, ``cores`` and ``run_threads``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import pairwise

import numpy as np
import pandas as pd

from netlib._facts import days, meeting_days
from netlib._kernels import cores, keyed_integers, run_threads
from netlib.analysis.plan._learn import Kind, Learnt
from netlib.model import DAYS_PER_MONTH, DEFAULT_WEIGHTS, WARM_THRESHOLD, Network

#: The most people a plan's meetings bring a month (one a one-to-one, a group's size for a group
#: meeting), summed over its runs, before :func:`plan` runs fewer futures (never fewer than
#: :data:`MIN_RUNS`): the work stays bounded for a network of thousands of meetings a month.
DRAWS_PER_MONTH, MIN_RUNS = 1_000_000, 40

#: The people :func:`plan` draws for group meetings at a time (whole meetings, about this many).
DRAWS_PER_BLOCK = 1_000_000

#: The most new people one introduced person brings, on average, over the whole life of their tie
#: (the branching ratio ``rate x one-to-one weight x h / ln 2``).  Introductions compound: the people
#: introduced are warm ties that introduce in turn, and at a ratio of 1 or more the plan's network
#: grows without end.  A rate learnt from a few introductions over a short history can say 20 (a
#: few days of data, two people introduced); each run's rate is held to this ratio, and the table
#: says in what share of runs (``.attrs["intro_capped"]``).  0.5 is a modelling bound, not a measured
#: one: the sample's own introductions give 0.03.
MAX_INTRO_RATIO = 0.5

#: What :func:`plan` reports each month.
METRICS = ("warm ties", "people reached", "new people", "segment reached")
#: A tie silent this long is dormant, never warm (:func:`netlib.decay.status`'s default, 3 years).
DORMANT_DAYS = 3 * 365


def fewer_runs(kinds: list[Kind], per_month: dict, runs: int) -> int:
    """The runs a plan simulates: ``runs``, or fewer (never fewer than :data:`MIN_RUNS`) when every run
    would draw more than :data:`DRAWS_PER_MONTH` people a month over all runs (a one-to-one counts one,
    a group meeting its mean size): the band is then rougher, not biased."""
    draws = max((per_month[k.name].max() * (float(np.mean(k.group_sizes)) if k.mode == "one_to_many" else 1.0) for k in kinds),
                default=0.0)
    return int(min(runs, max(MIN_RUNS, DRAWS_PER_MONTH // max(draws, 1.0))))


@dataclass(eq=False)
class _Meetings:
    """A month's group meetings of one kind, every run's, meeting after meeting: the kind, the people
    each brings again (``known``), the meeting of yours each is drawn from (``pick``), its run as a
    row offset of the runs x contacts matrices (``row``), its strength at the month's end (``day``)
    and where on its list its block of people starts (``first``; None: drawn as it goes)."""

    kind: Kind
    known: np.ndarray
    pick: np.ndarray
    row: np.ndarray
    day: np.ndarray
    first: np.ndarray | None


class Simulation:
    """One plan's months, every run at once (see :func:`plan` for the model).

    The state each step changes lives here: ``S`` (runs x contacts tie strengths), ``last`` (the
    month each contact was last met in the plan), who was ``met`` before, the new people's strengths
    (``cohorts`` of group meetings, ``intros``) and the counts so far.  :meth:`run` is the month loop;
    each step is a method, and each thread's share of a month's group meetings is :meth:`place` on
    its block of them.

    Parameters
    ----------
    net : Network
        Your network.
    learnt : Learnt
        What the plan draws on (:func:`learn`).
    T : Timestamp
        The day the plan starts.
    per_month : dict
        Kind name -> meetings of that kind each month (:func:`counts`), in the plan's order.
    target_pos : ndarray
        Positions in ``net.contacts`` of the one-to-one hours' targets, in turn.
    months, runs : int
        How far ahead, and the futures asked for (fewer when too many draws: :func:`fewer_runs`).
    seed : int or None
        The random seed.
    segment : str, dict or callable, optional
        The target segment.
    uncertain : bool
        Draw what was learnt from its own uncertainty in each run.

    Examples
    --------
    >>> import netlib
    >>> import numpy as np
    >>> from netlib.analysis.plan import counts, learn
    >>> net = netlib.load_sample()
    >>> L = learn(net, half_life_days=90)
    >>> sim = Simulation(net, L, net.meetings["start"].max(), counts(5, {"one_to_one": 1.0}, L, 2), np.arange(10), months=2,
    ...                  runs=5, seed=0)
    >>> sim.run()["month"].tolist()
    [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
    """

    def __init__(self, net: Network, learnt: Learnt, T: pd.Timestamp, per_month: dict, target_pos: np.ndarray, *, months: int,
                 runs: int, seed: int | None, segment=None, uncertain: bool = True) -> None:
        self.net, self.L, self.T, self.segment, self.uncertain = net, learnt, T, segment, uncertain
        self.kinds = [learnt.kinds[k] for k in per_month]
        self.per_month, self.target_pos, self.months = per_month, target_pos, months
        self.asked, self.runs = runs, fewer_runs(self.kinds, per_month, runs)
        self.ids = net.contacts.index
        self.rng = np.random.default_rng(seed)
        self.today()
        self.draw_learnt()
        self.start()

    def today(self) -> None:
        """Today as the decay page has it (:func:`netlib.warm_ties`): each tie's strength, silence and
        rhythm at the plan's half-life: month 0 in every run, and the ties warm today (a run's own
        half-life, drawn from its interval, makes its ties as strong as it would; a tie that is cold
        today turns warm only by a meeting in the plan)."""
        from netlib.decay import COLD_K, WARM_STATUSES, status
        from netlib.decay._status import _pace

        st = status(self.net, self.T, self.L.half_life_days)
        self.warm0 = np.isin(st["status"].to_numpy(), WARM_STATUSES)
        self.s0 = st["strength"].to_numpy(dtype=float)
        self.silence0 = st["silence_days"].to_numpy(dtype=float)  # NaN: never met
        cold_after = COLD_K * _pace(st["median_gap_days"].to_numpy(dtype=float))  # cold by rhythm past this silence (as status)
        self.cold_after = np.where(np.isnan(cold_after), np.inf, cold_after)  # no rhythm (met on one day): never by rhythm

    def draw_learnt(self) -> None:
        """What was learnt, drawn once per run from its uncertainty (or as it is).  The half-life: one
        of 16 values over its interval (its lognormal's 16 quantiles), each run's ties as strong
        today as that half-life makes them; the introduction rate; each segment share."""
        L, runs, rng = self.L, self.runs, self.rng
        if self.uncertain and L.half_life_sigma > 0:
            from scipy.stats import norm

            self.grid = L.half_life_days * np.exp(L.half_life_sigma * norm.ppf((np.arange(16) + 0.5) / 16))
        else:
            self.grid = np.array([L.half_life_days])
        self.which = rng.integers(0, len(self.grid), size=runs)
        self.h = self.grid[self.which]
        self.decay = np.exp2(-DAYS_PER_MONTH / self.h)
        rate = rng.gamma(L.intros, L.intro_rate / L.intros, size=runs) if self.uncertain and L.intros else np.full(runs, L.intro_rate)
        most = MAX_INTRO_RATIO * np.log(2) / (DEFAULT_WEIGHTS["one_to_one"] * self.h)  # the rate at the bound, per run
        self.intro_capped = int((rate > most).sum())
        self.rate = np.minimum(rate, most)
        self.intro_share = self.share_of(L.intro_segment_share, L.intros)
        self.group_share = {k.name: self.share_of(k.segment_share_new, k.first_met) for k in self.kinds}

    def share_of(self, share: float, n: int) -> np.ndarray:
        """A segment share per run, from the ``n`` people it rests on."""
        if self.uncertain and n and self.segment is not None:
            return self.rng.beta(share * n + 1, (1 - share) * n + 1, size=self.runs)
        return np.full(self.runs, share)

    def start(self) -> None:
        """The state the plan starts from: today's strengths (per run, at its half-life), who was met
        before, the segment, nothing new yet; and one resampling seed per kind of group meeting."""
        from netlib.decay import tie_strength  # networking meetings only, as the status self.s0 comes from
        from netlib.segment import segment_mask

        net, T, L, grid, ids, runs = self.net, self.T, self.L, self.grid, self.ids, self.runs
        today = net.cached(f"plan_strengths:{T}:{grid.tolist()}", lambda n: np.stack(
            [self.s0 if g == L.half_life_days else tie_strength(n, T, float(g)).to_numpy() for g in grid]).astype(np.float32),
            ("meetings.start", "meetings.mode", "meetings.channel", "meetings.audience", "attendance", "contacts.index",
             "contacts.emails"))
        mpos, cpos = net.positions()
        self.met = np.zeros(len(ids), dtype=bool)  # met before: a target met for the first time is a new person
        self.met[cpos[meeting_days(net)[mpos] <= days(T)]] = True
        self.seg = segment_mask(net, self.segment).to_numpy() if self.segment is not None else np.zeros(len(ids), dtype=bool)
        self.S = today[self.which]  # runs x contacts
        self.last = np.full((runs, len(ids)), -1, dtype=np.int16)  # the month each contact was last met in the plan (-1: not yet)
        self.pool = np.flatnonzero(self.met)  # people a kind with no group meeting of yours brings again: anyone met before
        self.cohorts, self.cohort_sizes = [], []  # the new people of each month's group meetings: one strength for all, how many
        self.intros = []  # the people introduced each month: their strengths (runs x most in a run), 0 where none
        self.new_count, self.seg_count = np.zeros(runs), np.zeros(runs)
        self.turn, self.out = 0, []
        # your group meetings themselves are a sample of what such meetings bring: each run draws its
        # meetings from a resample of them (a bootstrap), so that the band also says how well they show it
        # (one seed per kind: entry i of run r's resample is keyed_integers(r x meetings + i), never written out)
        self.resampled = {k.name: int(self.rng.integers(0, 2**63)) for k in self.kinds if k.mode == "one_to_many" and self.uncertain}

    def run(self) -> pd.DataFrame:
        """The months one after the other, each step on every run at once: the table of :func:`plan`."""
        for month in range(self.months):
            introduced = self.introduced()  # from the strength the month starts with
            self.fade()
            self.introductions(introduced)
            for k in self.kinds:  # one step per kind of hour in the plan
                n = self.per_month[k.name][month]
                if n and k.mode == "one_to_one":
                    self.one_to_one(n)
                elif n:
                    self.group_meetings(k, n)
            self.newcomers()
            self.out.append(self.metrics(month))
        return self.table()

    def at_month_end(self, w: float, shape: tuple) -> np.ndarray:
        """Meetings of weight ``w`` on random days of the month, as they count at the month's end (runs x ...)."""
        h = self.h.reshape(-1, *[1] * (len(shape) - 1))
        return (w * np.exp2(-self.rng.uniform(0, DAYS_PER_MONTH, size=shape) / h)).astype(np.float32)

    def introduced(self) -> np.ndarray:
        """How many people warm ties introduce this month, per run: Poisson, at your own rate, in
        proportion to your total strength integrated over the month."""
        total = (self.S.sum(axis=1) + sum(c * n for c, n in zip(self.cohorts, self.cohort_sizes, strict=True))
                 + sum(x.sum(axis=1) for x in self.intros))
        return self.rng.poisson(self.rate * total * self.h / np.log(2) * (1 - self.decay))

    def fade(self) -> None:
        """Every strength a month older: times ``2**(-30.44 / h)``, each run at its half-life."""
        self.S *= self.decay[:, None]
        self.cohorts = [c * self.decay for c in self.cohorts]
        self.intros = [x * self.decay[:, None] for x in self.intros]

    def introductions(self, k_intro: np.ndarray) -> None:
        """The month begins: nobody reached yet, and the people introduced met one-to-one, each on a
        random day (new people, in the segment at its share)."""
        runs = self.runs
        self.reached = np.zeros((runs, len(self.ids)), dtype=bool)
        self.strangers, self.first_time = k_intro.astype(float), 0  # people not among your contacts yet
        self.seg_count += self.rng.binomial(k_intro, self.intro_share) if self.uncertain else k_intro * self.intro_share
        width = int(k_intro.max()) if len(k_intro) else 0
        self.intros.append(self.at_month_end(DEFAULT_WEIGHTS["one_to_one"], (runs, width)) * (np.arange(width) < k_intro[:, None]))
        self.group_new = np.zeros(runs)

    def one_to_one(self, n: int) -> None:
        """``n`` one-to-one meetings with the targets, in turn, the same in every run (a target never
        met before is a new person)."""
        if not len(self.target_pos):
            return
        who = self.target_pos[(self.turn + np.arange(n)) % len(self.target_pos)]
        self.turn += n
        _add(self.S, np.repeat(np.arange(self.runs), n), np.tile(who, self.runs),
             self.at_month_end(DEFAULT_WEIGHTS["one_to_one"], (self.runs, n)).ravel())
        self.reached[:, who] = True
        fresh = np.unique(who[~self.met[who]])
        self.first_time += len(fresh)
        self.seg_count += self.seg[fresh].sum()
        self.met[fresh] = True

    def group_meetings(self, k: Kind, n: int) -> None:
        """``n`` group meetings of kind ``k`` in every run, each like one of your own of its kind: its
        size, its share of people new to you, its own people for the rest (:meth:`came_again`)."""
        rng, runs = self.rng, self.runs
        pick = rng.integers(0, len(k.group_sizes), size=(runs, n))
        if k.name in self.resampled:  # the entries drawn of this run's own resample of your group meetings
            pick = keyed_integers(np.arange(runs)[:, None] * len(k.group_sizes) + pick, len(k.group_sizes), self.resampled[k.name])
        size = k.group_sizes[pick].round().astype(int)
        share_new = np.divide(k.group_new, k.group_sizes, out=np.full(len(k.group_sizes), k.p_new), where=k.group_sizes > 0)
        fresh = rng.binomial(size, np.clip(share_new[pick], 0, 1))
        new_k = fresh.sum(axis=1).astype(float)
        self.group_new += new_k
        share = self.group_share[k.name]
        self.seg_count += rng.binomial(new_k.astype(int), share) if self.uncertain else new_k * share
        known = size - fresh  # runs x meetings: the people each meeting brings again
        day = self.at_month_end(DEFAULT_WEIGHTS["one_to_many"], (runs, n)).ravel()  # one day per meeting
        row = np.repeat(np.arange(runs) * len(self.ids), n)  # each meeting's run, as its row in the runs x contacts matrices
        kn, pk = known.ravel(), pick.ravel()
        # where each meeting's block starts on its list: drawn at once (the same numbers as block by block)
        first = None if k.group_people is None else _block_starts(k, pk, rng)
        self.came_again(_Meetings(k, kn, pk, row, day, first), n)

    def came_again(self, m: _Meetings, n: int) -> None:
        """The existing people every run's group meetings bring, a million or so at a time over whole
        meetings (a few arrays of that size, reused, not a dozen of ten times it).  Past two blocks of
        draws the runs are shared out between threads, each adding to rows of its own (a kind with no
        group meeting of yours draws as it goes: on one thread)."""
        threads = min(cores(), self.runs) if m.first is not None and m.known.sum() >= 2 * DRAWS_PER_BLOCK else 1
        cuts = np.linspace(0, self.runs, threads + 1).astype(int) * n
        if threads > 1:
            run_threads([partial(self.place, m, lo, hi) for lo, hi in pairwise(cuts)])
        else:
            self.place(m, 0, len(m.known))

    def place(self, m: _Meetings, lo: int, hi: int) -> None:
        """Meetings ``lo`` to ``hi`` of ``m`` (whole runs), a block at a time: who comes again, their
        strength added, each reached.  One thread's work."""
        for a, b in _blocks(m.known[lo:hi], DRAWS_PER_BLOCK):
            a, b = a + lo, b + lo
            cell = np.repeat(m.row[a:b], m.known[a:b])
            cell += _came_again(m.kind, m.pick[a:b], m.known[a:b], self.pool, self.rng, None if m.first is None else m.first[a:b])
            _add_flat(self.S, cell, np.repeat(m.day[a:b], m.known[a:b]))
            self.reached.ravel()[cell] = True

    def newcomers(self) -> None:
        """The month's new people so far: this month's group meetings' new people are one cohort, all
        at the group weight."""
        self.strangers += self.group_new
        self.cohorts.append(np.full(self.runs, DEFAULT_WEIGHTS["one_to_many"], dtype=np.float32))
        self.cohort_sizes.append(self.group_new)
        self.new_count += self.strangers + self.first_time

    def metrics(self, month: int) -> dict:
        """Each run's :data:`METRICS` at the end of ``month``.  A contact is warm as
        :func:`netlib.warm_ties` has it: strong enough, and not silent past ``COLD_K`` times its
        rhythm (a tie met in the plan: since the middle of the month it was last met) nor dormant."""
        warm_new = sum((c >= WARM_THRESHOLD) * n for c, n in zip(self.cohorts, self.cohort_sizes, strict=True))
        warm_intro = sum((x >= WARM_THRESHOLD).sum(axis=1) for x in self.intros)
        last = self.last
        last[self.reached] = month
        # A tie met later is never colder, so each contact has an earliest month it must last have been
        # met in (-1: not met in the plan, for a tie warm today still within its rhythm) to count:
        # worked out on a small months x contacts table, then one comparison over runs x contacts
        # (instead of runs x contacts float silences every month: 3x faster at the heavy size)
        silence = (month - np.arange(month + 1)[:, None] + 0.5) * DAYS_PER_MONTH  # met in month l = 0..month
        ok = (silence <= self.cold_after) & (silence < DORMANT_DAYS)
        first_ok = np.where(ok.any(axis=0), ok.argmax(axis=0), month + 1)
        unmet = self.silence0 + (month + 1) * DAYS_PER_MONTH
        unmet_ok = (unmet <= self.cold_after) & (unmet < DORMANT_DAYS) & self.warm0
        warm = (self.S >= WARM_THRESHOLD) & (last >= np.where(unmet_ok, -1, first_ok).astype(last.dtype))
        return {"warm ties": warm.sum(axis=1) + warm_new + warm_intro, "people reached": self.reached.sum(axis=1) + self.strangers,
                "new people": self.new_count.copy(), "segment reached": self.seg_count.copy()}

    def table(self) -> pd.DataFrame:
        """The months' metrics as :func:`plan`'s table: median and 5th to 95th percentile over runs."""
        dates = pd.date_range(self.T.tz_convert("UTC").normalize(), periods=self.months + 1, freq=pd.DateOffset(months=1))
        now = float(self.warm0.sum())  # netlib.warm_ties(net, T, half-life)
        rows = [(0, dates[0], "warm ties", now, now, now), (0, dates[0], "new people", 0.0, 0.0, 0.0),
                (0, dates[0], "segment reached", 0.0, 0.0, 0.0)]  # month 0: today, the same in every run
        dates = dates[1:]
        for month, metrics in enumerate(self.out, start=1):
            for name, values in metrics.items():
                rows.append((month, dates[month - 1], name, float(np.median(values)), float(np.percentile(values, 5)),
                             float(np.percentile(values, 95))))
        table = pd.DataFrame(rows, columns=["month", "date", "metric", "median", "low", "high"])
        table.attrs["learnt"] = self.L
        table.attrs["runs"] = self.runs
        table.attrs["runs_asked"] = self.asked
        table.attrs["intro_capped"] = self.intro_capped / self.runs
        return table


def _add(S: np.ndarray, run: np.ndarray, contact: np.ndarray, weight: np.ndarray) -> None:
    """``S[run, contact] += weight`` with repeats added up (see :func:`_add_flat`)."""
    _add_flat(S, run * S.shape[1] + contact, weight)


def _add_flat(S: np.ndarray, cell: np.ndarray, weight: np.ndarray) -> None:
    """``S.flat[cell] += weight`` with repeats added up, in place (``np.add.at``: since numpy 1.25
    faster than a bincount over the whole matrix, for a million additions into four million cells
    13 ms against 24).  ``S`` is C-contiguous."""
    np.add.at(S.ravel(), cell, weight)


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


def _came_again(k: Kind, pick: np.ndarray, known: np.ndarray, contacts, rng: np.random.Generator,
                first: np.ndarray | None = None) -> np.ndarray:
    """Who comes again to meetings drawn from your own group meetings ``pick`` (one per meeting,
    ``known[i]`` people each), in meeting order: the people of the meeting drawn, a block of
    ``known[i]`` of its list from a random place on, wrapping round (each of its people comes with
    the same chance, nobody twice), so that a club's meeting brings the club's regulars and a
    conference its crowd.  A kind without group meetings in your data brings any of ``contacts``
    (positions: the people met before the plan; a number n: any of the first n), each as likely.  ``first``: where each block starts on its list,
    drawn already (:class:`Simulation` draws them for a month's meetings at once); else drawn here.

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
