"""The generator: a professional's networking simulated day by day, its planted values kept.

The model is described in :mod:`netlib.datasets`.  :class:`_Simulation` holds the world (the people
in :class:`_People`, the calendar of group events, the meetings so far) and runs one day at a time,
one method per step: one-to-one meetings, introductions by warm ties, group events, then the day's
decay and the strength the day's meetings add.  The assembly functions turn what it simulated into
canonical frames and a validated Network.

Every random number comes from one generator in a fixed order (a plan's days from a second one),
so that the same seed gives the same network: a step never draws on behalf of another.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

import numpy as np
import pandas as pd

from netlib import _params
from netlib.datasets._personas import (
    _CAPACITY,
    _CHANNEL_MIN,
    _COMPANIES,
    _OTHER_TAGS,
    _TITLES,
    MAX_YEARS,
    PERSONAS,
    Persona,
    _names,
)
from netlib.io import from_frames
from netlib.model import DAYS_PER_MONTH, Me, Network

#: The hours a one-to-one meeting may start at, and an introduction.
_ONE_TO_ONE_HOURS = [8.5, 9, 10, 11, 12.5, 14, 15, 16, 17]
_INTRODUCTION_HOURS = [9, 10, 11, 14, 15, 16]


def generate(
    seed: int = 0,
    start: str | pd.Timestamp = "2023-01-01",
    years: float = 3,
    persona: str = "consultant",
    future: dict | None = None,
    **overrides: object,
) -> Network:
    """Simulate a professional's network with planted, known parameters.

    Parameters
    ----------
    seed : int
        Random seed, a whole number of 0 or more: the same seed gives the same network.
    start : date
        First day of the simulated calendar (text such as ``"2023-01-01"``, 1900 to 2200).
    years : float
        Length of the calendar: above 0 and at most :data:`MAX_YEARS` (10; the generator holds
        4,000 people, which the busiest persona nears in about 20 years).
    persona : {"consultant", "engineer", "founder"}
        Which planted behaviour to simulate (see :data:`PERSONAS`).
    future : dict, optional
        From the day ``future["from"]`` on, the persona's own choices are replaced by a plan (to
        check :func:`netlib.plan` inside the generator's world): month ``m`` (30.44-day blocks from
        that day) holds ``future["one_to_one"][m]`` one-to-one meetings with ``future["targets"]``
        (contact ids) in turn and ``future["one_to_many"][m]`` group events, each of a kind the
        persona held before (a club meeting, a conference, a webinar, a post) drawn by how often it
        happened, and run by the world's own rules (regulars, guests, strangers); each on a random
        whole day of its month (one the month's end does not cut, so that it is measured in it).
        Introductions by warm ties go on as before.  The days before are the same as without a plan.
    **overrides
        Replace any :class:`Persona` field, e.g. ``half_life_days=45``.

    Raises
    ------
    netlib.ArgumentError
        An argument out of its range, naming it and what is allowed.

    Returns
    -------
    Network
        With an extra attribute ``truth`` (a dict of the planted values).

    Examples
    --------
    >>> net = generate(seed=1, years=1)
    >>> net.truth["half_life_days"]
    75.0
    >>> bool((net.meetings["mode"] == "one_to_one").any())
    True
    """
    p = _persona_of(seed, start, years, persona, overrides)
    start = pd.Timestamp(start).normalize()
    sim = _Simulation(p, seed, start, years, future)
    sim.run()
    net = _network(sim, start)
    net.truth = _truth(p, sim.people, seed=seed, start=start, years=years, persona=persona)
    return net


def simulate_frames(seed: int = 0, start: str | pd.Timestamp = "2023-01-01", years: float = 3, persona: str = "consultant",
                    **overrides: object) -> tuple[pd.DataFrame, pd.DataFrame, Persona]:
    """The canonical frames :func:`generate` builds its Network from, before validation: ``contacts``
    (``contact_id``, ``name``, ``email``, ``company``, ``title``, ``tags``, ``source``, ``connected_on``,
    ``introduced_by``), ``meetings`` (``meeting_id``, ``start``, ``duration_min``, ``channel``, ``title``,
    ``location``, ``attendees``, ``audience``) and the persona, for a writer that changes them before
    writing (the team sample, :mod:`netlib.datasets._team`).  The same arguments give the same rows as
    :func:`generate`'s network.

    Examples
    --------
    >>> contacts, meetings, p = simulate_frames(seed=1, years=1)
    >>> len(contacts) == len(generate(seed=1, years=1).contacts), p.name
    (True, 'Alex Morgan')
    """
    p = _persona_of(seed, start, years, persona, overrides)
    start = pd.Timestamp(start).normalize()
    sim = _Simulation(p, seed, start, years, None)
    sim.run()
    ids = np.array([f"c{i:04d}" for i in range(sim.people.n)])
    return _contacts(sim.rng, p, sim.people, ids, start), _meetings(sim.rows, ids, start, p.tz), p


def _persona_of(seed, start, years, persona: str, overrides: dict) -> Persona:
    """:func:`generate`'s arguments checked (kept as given: the truth records them), and the persona
    with its overrides."""
    _params.seed("generate", "seed", seed)
    _params.when("generate", "start", start)
    _params.number("generate", "years", years, high=MAX_YEARS,
                   why=f"The generator holds {_CAPACITY:,} people, which the busiest persona nears in about 20 years")
    _params.choice("generate", "persona", persona, sorted(PERSONAS))
    fields = {f.name for f in dataclass_fields(Persona)}
    for name in overrides:
        if name not in fields:
            _params.fail("generate", "**overrides", name, "names of Persona fields: " + ", ".join(sorted(fields)))
    return replace(PERSONAS[persona], **overrides) if overrides else PERSONAS[persona]


class _People:
    """Everyone the generator holds, met or not yet (room for :data:`_CAPACITY`): each one's base
    rate ``mu``, the day they entered (-1 before the calendar, -2 not yet), how, who introduced them,
    and their pull ``S`` (strength from past meetings).  The first ``n`` are in the world."""

    def __init__(self, rng: np.random.Generator, p: Persona, cap: int = _CAPACITY) -> None:
        self.mu = rng.lognormal(np.log(p.mu_median_per_year / 365.25), p.mu_sigma, size=cap)
        self.entry = np.full(cap, -2, dtype=np.int64)
        self.how = np.empty(cap, dtype=object)
        self.intro_by = np.full(cap, -1, dtype=np.int64)
        self.S = np.zeros(cap)
        self.n = 0

    def new(self, k: int, day: int, kind: str) -> np.ndarray:
        """``k`` new people entering on ``day`` by way of ``kind``: their positions."""
        idx = np.arange(self.n, self.n + k)
        if self.n + k > len(self.entry):
            raise RuntimeError("generator capacity exceeded; use fewer years")
        self.entry[idx] = day
        self.how[idx] = kind
        self.n += k
        return idx

    def known_before(self, day: int) -> np.ndarray:
        """The positions of the people who entered before ``day``."""
        return np.flatnonzero(self.entry[: self.n] < day)


class _Simulation:
    """The generator's world and its clock: :meth:`run` steps through the days, each step
    vectorised over contacts.

    ``rows`` collects the meetings as ``(day, hour, duration, channel, title, location, audience,
    attendee positions)``; ``events`` holds each day's group events as ``(kind, club index)``.
    """

    def __init__(self, p: Persona, seed: int, start: pd.Timestamp, years: float, future: dict | None) -> None:
        self.p = p
        self.rng = np.random.default_rng(seed)
        self.n_days = int(round(years * 365.25))
        self.day0 = start.tz_localize(None)
        self.weekday = (self.day0.dayofweek + np.arange(self.n_days)) % 7
        self.decay = 2.0 ** (-1.0 / p.half_life_days)
        self.wk_factor = np.where(self.weekday >= 5, p.weekend_factor, 1.0)
        self.mix = list(p.channel_mix)
        self.mix_p = np.array([p.channel_mix[c] for c in self.mix])
        self.people = _People(self.rng, p)
        self.people.new(p.old_connections, -1, "old")  # connections made before the calendar starts
        self.pools = [self.people.new(c.pool, 0, "club") for c in p.clubs]
        self.events = self._calendar(years)
        self.rows: list[tuple] = []
        self.planned_one: dict[int, list[int]] = {}
        self.t_future = self.n_days
        if future is not None:
            self.planned_one, self.t_future = self._plan(future, seed)

    # --- the calendar -----------------------------------------------------------------------

    def _calendar(self, years: float) -> dict[int, list[tuple[str, int]]]:
        """Each day's group events: the clubs on their weekdays, conferences and webinars on
        random weekdays, posts on random days."""
        p, rng, weekday = self.p, self.rng, self.weekday
        club_days = [np.flatnonzero(weekday == c.weekday) for c in p.clubs]
        club_days = [d[:: max(1, c.every_days // 7)] for d, c in zip(club_days, p.clubs)]
        weekdays_only = np.flatnonzero(weekday < 5)
        conf_days = np.sort(rng.choice(weekdays_only, size=rng.poisson(p.conferences_per_year * years), replace=False))
        web_days = np.sort(rng.choice(weekdays_only, size=rng.poisson(p.webinars_per_year * years), replace=False))
        post_days = np.sort(rng.choice(self.n_days, size=rng.poisson(p.posts_per_week * self.n_days / 7), replace=False))
        events: dict[int, list[tuple[str, int]]] = {d: [] for d in range(self.n_days)}
        for ci, days in enumerate(club_days):
            for d in days:
                events[int(d)].append(("club", ci))
        for kind, days in (("conference", conf_days), ("webinar", web_days), ("post", post_days)):
            for d in days:
                events[int(d)].append((kind, 0))
        return events

    def _plan(self, future: dict, seed: int) -> tuple[dict[int, list[int]], int]:
        """The plan's days, drawn apart (so that the days before are the same as without it): the
        persona's own events from its first day on replaced by the plan's, and its one-to-ones
        (day -> targets).  Returns those and the plan's first day."""
        frng = np.random.default_rng([seed, 7])
        t_day = int((pd.Timestamp(future["from"]).tz_localize(None).normalize() - self.day0).days)
        kinds = [e for d in range(min(t_day, self.n_days)) for e in self.events[d]]  # every event before, once each
        for d in range(t_day, self.n_days):
            self.events[d] = []
        targets = [int(str(c)[1:]) for c in future.get("targets", [])]
        planned_one: dict[int, list[int]] = {}
        turn = 0
        for m, (n1, nm) in enumerate(zip(future["one_to_one"], future["one_to_many"], strict=True)):
            # the whole days inside the month: a meeting on a day cut by the month's end (a day's
            # meeting hours can fall on either side of it) would count in the month before or after
            lo, hi = int(np.ceil(t_day + m * DAYS_PER_MONTH)), int(np.floor(t_day + (m + 1) * DAYS_PER_MONTH))
            for d in np.sort(lo + np.floor(frng.uniform(0, hi - lo, size=int(n1))).astype(int)):
                if targets and d < self.n_days:
                    planned_one.setdefault(int(d), []).append(targets[turn % len(targets)])
                turn += 1
            for d in lo + np.floor(frng.uniform(0, hi - lo, size=int(nm))).astype(int):
                if d < self.n_days and kinds:
                    self.events[int(d)].append(kinds[frng.integers(len(kinds))])
        return planned_one, t_day

    # --- the day loop -----------------------------------------------------------------------

    def run(self) -> None:
        """Every day of the calendar, in order."""
        for d in range(self.n_days):
            adds = self._one_to_ones(d)
            adds += self._introductions(d)
            adds += self._group_events(d)
            self._end_of_day(adds)

    def _meet(self, day, hour, dur, channel, title, location, audience, people) -> None:
        """Record one meeting (``people``: the attendees' positions)."""
        self.rows.append((day, hour, dur, channel, title, location, audience, np.asarray(people, dtype=np.int64)))

    def _one_to_ones(self, d: int) -> list[tuple[np.ndarray, float]]:
        """The day's one-to-ones: each contact met with probability ``1 - exp(-(mu + beta S) f)``
        (from the plan's first day, the plan's meetings instead).  Returns the strength they add."""
        p, rng, people = self.p, self.rng, self.people
        if d < self.t_future:
            active = people.known_before(d)
            lam = (people.mu[active] + p.beta * people.S[active]) * self.wk_factor[d]
            hit = active[rng.random(active.size) < 1 - np.exp(-lam)]
        else:
            hit = np.array(self.planned_one.get(d, []), dtype=np.int64)
        for i in hit:
            ch = self.mix[rng.choice(len(self.mix), p=self.mix_p)]
            lo, hi = _CHANNEL_MIN[ch]
            self._meet(d, rng.choice(_ONE_TO_ONE_HOURS), 5 * rng.integers(lo // 5, hi // 5 + 1), ch, ch.capitalize(), "", np.nan, [i])
        return [(hit, p.weights["one_to_one"])]

    def _introductions(self, d: int) -> list[tuple[np.ndarray, float]]:
        """Warm contacts introduce ``Poisson(gamma * sum S)`` new people, each introducer drawn in
        proportion to ``S``; each new contact's first meeting is a one-to-one."""
        p, rng, people = self.p, self.rng, self.people
        n = people.n
        total = people.S[:n].sum()
        k_intro = rng.poisson(p.gamma * total * self.wk_factor[d]) if total > 0 else 0
        if not k_intro:
            return []
        who = rng.choice(n, size=k_intro, p=people.S[:n] / total)
        fresh = people.new(k_intro, d, "introduction")
        people.intro_by[fresh] = who
        for i in fresh:
            self._meet(d, rng.choice(_INTRODUCTION_HOURS), 30, "call" if rng.random() < 0.4 else "coffee", "Introduction", "", np.nan, [i])
        return [(fresh, p.weights["one_to_one"])]

    def _group_events(self, d: int) -> list[tuple[np.ndarray, float]]:
        """The day's clubs, conferences, webinars and posts (a post meets nobody)."""
        adds = []
        for kind, ci in self.events[d]:
            if kind == "post":
                self._meet(d, 12.0, 15, "post", "LinkedIn post", "online", float(self.rng.integers(*self.p.post_audience)), [])
                continue
            people = self._club(d, ci) if kind == "club" else self._conference(d) if kind == "conference" else self._webinar(d)
            adds.append((people, self.p.weights["one_to_many"]))
        return adds

    def _club(self, d: int, ci: int) -> np.ndarray:
        """A club meeting: the regulars who come and new guests; a few guests join the regulars,
        regulars drift away now and then.  Returns who came (a meeting only if someone did)."""
        c, rng, pool = self.p.clubs[ci], self.rng, self.pools[ci]
        came = pool[rng.random(pool.size) < c.attend_p]
        guests = self.people.new(rng.poisson(c.guests), d, "club")
        stay = guests[rng.random(guests.size) < 0.25]
        leave = rng.random(pool.size) < 0.02
        self.pools[ci] = np.concatenate([pool[~leave], stay])
        people = np.concatenate([came, guests])
        if people.size:
            self._meet(d, c.hour, c.duration_min, c.channel, c.title, c.location, np.nan, people)
        return people

    def _conference(self, d: int) -> np.ndarray:
        """A conference: new people, and a few the owner knew already."""
        fresh = self.people.new(self.rng.integers(*self.p.conference_new), d, "conference")
        people = np.concatenate([fresh, self._some_known(d, 2, 8)])
        self._meet(d, 9.0, 480, "conference", "Industry Conference", "Convention Centre", np.nan, people)
        return people

    def _webinar(self, d: int) -> np.ndarray:
        """A webinar: a few new people and a few known ones listed, before an audience."""
        fresh = self.people.new(self.rng.integers(2, 6), d, "webinar")
        people = np.concatenate([fresh, self._some_known(d, 1, 5)])
        self._meet(d, 16.0, 60, "webinar", "Webinar", "online", float(self.rng.integers(*self.p.webinar_audience)), people)
        return people

    def _some_known(self, d: int, low: int, high: int) -> np.ndarray:
        """Between ``low`` and ``high - 1`` people (at most all) who entered before day ``d``."""
        known = self.people.known_before(d)
        return self.rng.choice(known, size=min(known.size, self.rng.integers(low, high)), replace=False) if known.size else known

    def _end_of_day(self, adds: list[tuple[np.ndarray, float]]) -> None:
        """Strength decays by a day, then the day's meetings add theirs (``w`` per meeting)."""
        S = self.people.S
        S[: self.people.n] *= self.decay
        who = [people for people, _ in adds]
        if sum(len(people) for people in who):
            weights = np.concatenate([np.full(len(people), w) for people, w in adds])
            np.add.at(S, np.concatenate(who), weights)


# --- assembly: the simulated arrays as canonical frames and a validated Network ------------------


def _network(sim: _Simulation, start: pd.Timestamp) -> Network:
    """The simulated people and meetings as a validated Network (the owner the persona)."""
    p, people = sim.p, sim.people
    ids = np.array([f"c{i:04d}" for i in range(people.n)])
    contacts = _contacts(sim.rng, p, people, ids, start)
    meetings = _meetings(sim.rows, ids, start, p.tz)
    me = Me(name=p.name, emails=(p.email,), ids=(p.name,), how="sample")
    return from_frames(contacts, meetings, me=me, tz=p.tz, source="generated")


def _contacts(rng: np.random.Generator, p: Persona, people: _People, ids: np.ndarray, start: pd.Timestamp) -> pd.DataFrame:
    """The contacts table: names, companies, tags, addresses, connection dates, introducers."""
    n = people.n
    names = _names(rng, n)
    company = rng.choice(_COMPANIES, size=n)
    tags = _tags(rng, p, people.how[:n])
    email = _emails(rng, names, company)
    connected, has = _connected_on(rng, people, start)
    return pd.DataFrame(
        {
            "contact_id": ids,
            "name": names,
            "email": email,
            "company": company,
            "title": rng.choice(_TITLES, size=n),
            "tags": tags,
            "source": np.where(has, "linkedin", "address book"),
            "connected_on": connected.dt.strftime("%Y-%m-%d").fillna(""),
            "introduced_by": np.where(people.intro_by[:n] >= 0, ids[np.clip(people.intro_by[:n], 0, None)], ""),
        }
    )


def _tags(rng: np.random.Generator, p: Persona, how: np.ndarray) -> np.ndarray:
    """The persona's segment, by the share planted for how each contact was first met, else another
    tag; some get a second tag."""
    n = len(how)
    seg = np.array([rng.random() < p.segment_share.get(h, 0.2) for h in how])
    other = rng.choice([t for t in _OTHER_TAGS if t != p.segment], size=n)
    tags = np.where(seg, p.segment, other)
    extra = rng.choice(_OTHER_TAGS, size=n)
    second = (rng.random(n) < 0.15) & (extra != tags)
    return np.where(second, np.char.add(np.char.add(tags.astype(str), ";"), extra), tags)


def _emails(rng: np.random.Generator, names: np.ndarray, company: np.ndarray) -> np.ndarray:
    """``first.last@company.example`` for most contacts, "" for the others."""
    n = len(names)
    domain = pd.Series(company).str.lower().str.replace(r"[^a-z]+", "-", regex=True).str.strip("-") + ".example"
    local = pd.Series(names).str.lower().str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    local = local.str.replace(r"[^a-z ]+", "", regex=True).str.strip().str.replace(" ", ".", regex=False)
    local = local.where(local != "", pd.Series([f"contact{i}" for i in range(n)]))
    return np.where(rng.random(n) < 0.85, (local + "@" + domain).to_numpy(), "")


def _connected_on(rng: np.random.Generator, people: _People, start: pd.Timestamp) -> tuple[pd.Series, np.ndarray]:
    """When each contact connected (old connections years before, most others soon after they were
    first met, some never): the dates and whether there is one."""
    n = people.n
    first_day = pd.Series(people.entry[:n]).clip(lower=0)
    lag = rng.integers(0, 15, size=n)
    old_day = -rng.integers(30, 365 * 6, size=n)
    conn = np.where(people.how[:n] == "old", old_day, np.where(rng.random(n) < 0.7, first_day + lag, -99999))
    connected = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    has = conn > -99999
    connected[has] = start.tz_localize(None) + pd.to_timedelta(conn[has], unit="D")
    return connected, has


def _meetings(rows: list[tuple], ids: np.ndarray, start: pd.Timestamp, tz: str) -> pd.DataFrame:
    """The meetings table, in order of start (local times in the persona's zone, written in UTC)."""
    r = pd.DataFrame(rows, columns=["day", "hour", "dur", "channel", "title", "location", "audience", "people"])
    local_start = start.tz_localize(None) + pd.to_timedelta(r["day"], unit="D") + pd.to_timedelta(r["hour"] * 60, unit="min")
    start_utc = local_start.dt.tz_localize(tz, ambiguous=False, nonexistent="shift_forward")
    r = r.assign(start=start_utc).sort_values("start", kind="stable").reset_index(drop=True)
    return pd.DataFrame(
        {
            "meeting_id": [f"m{i:05d}" for i in range(len(r))],
            "start": r["start"].map(lambda t: t.isoformat()),
            "duration_min": r["dur"].astype(float),
            "channel": r["channel"],
            "title": r["title"],
            "location": r["location"],
            "attendees": r["people"].map(lambda a: ";".join(ids[a])),
            "audience": r["audience"].astype("Int64"),
        }
    )


def _truth(p: Persona, people: _People, **args) -> dict:
    """The planted values: :func:`generate`'s arguments, the persona's parameters, how people were
    first met."""
    return {
        "seed": args["seed"],
        "start": str(args["start"].date()),
        "years": args["years"],
        "persona": args["persona"],
        "me": {"name": p.name, "email": p.email, "tz": p.tz},
        "segment": p.segment,
        "half_life_days": p.half_life_days,
        "weights": p.weights,
        "beta_per_day": p.beta,
        "mu_median_per_year": p.mu_median_per_year,
        "mu_sigma": p.mu_sigma,
        "gamma_intros_per_strength_day": p.gamma,
        "weekend_factor": p.weekend_factor,
        "segment_share_by_first_met": p.segment_share,
        "clubs": [c.__dict__ for c in p.clubs],
        "conferences_per_year": p.conferences_per_year,
        "webinars_per_year": p.webinars_per_year,
        "posts_per_week": p.posts_per_week,
        "channel_mix_one_to_one": p.channel_mix,
        "first_met_how": pd.Series(people.how[: people.n]).value_counts().to_dict(),
    }
