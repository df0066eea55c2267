"""Synthetic networks with planted truth, and the embedded sample.

:func:`generate` simulates a working professional's networking day by day.
Group events (breakfast clubs, meetups, conferences, webinars) follow the
persona's calendar; posts reach an audience nobody lists; one-to-one
meetings follow a **self-exciting (Hawkes) process** whose parameters are
planted and returned, so that the analyses can be checked against them:

* each contact *i* has a pull ``S_i(t) = sum_k w_k * 2**(-(t - t_k) / h)``
  over past meetings *k* with them (``w`` = 1 for one-to-one, 0.3 for a group
  meeting: the tie-decay model with half-life ``h``);
* on each day, a one-to-one with *i* happens with probability
  ``1 - exp(-(mu_i + beta * S_i) * f_weekday)``, where ``mu_i`` is the
  contact's own base rate (log-normal across contacts) and ``f_weekday``
  lowers weekends;
* warm contacts introduce new people: each day ``Poisson(gamma * sum_i S_i)``
  introductions, each introducer drawn in proportion to ``S_i``; the new
  contact's first meeting is a one-to-one.

The planted values are in ``Network.truth`` (a dict), and for the sample in
``data/sample/truth.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import _params
from netlib._files import OutputFolder, write_files
from netlib.anonymize import pseudonymize
from netlib.io import from_frames, load, write_csv
from netlib.model import DAYS_PER_MONTH, Me, Network

__all__ = [
    "generate", "load_sample", "open_network", "sample_path", "write_sample", "write_mbox", "write_snapshot",
    "write_facts", "snapshot_key", "SNAPSHOT_ENV", "FACTS_ENV", "PERSONAS", "SAMPLE_ARGS", "Persona", "Club",
]

#: Arguments that made ``data/sample`` (also stored in its truth.json).
SAMPLE_ARGS = {"seed": 0, "start": "2022-09-01", "years": 4, "persona": "consultant"}


@dataclass(frozen=True)
class Club:
    """A recurring group event."""

    channel: str
    title: str
    every_days: int
    weekday: int  # 0 = Monday
    hour: float  # local start time
    duration_min: float
    pool: int  # regulars
    attend_p: float  # chance a regular comes
    guests: float  # new people per event (Poisson mean)
    location: str


@dataclass(frozen=True)
class Persona:
    """Planted behaviour of one kind of professional."""

    name: str
    email: str
    company: str
    tz: str
    segment: str
    clubs: tuple[Club, ...]
    conferences_per_year: float
    conference_new: tuple[int, int]
    webinars_per_year: float
    webinar_audience: tuple[int, int]
    posts_per_week: float
    post_audience: tuple[int, int]
    channel_mix: dict[str, float]
    mu_median_per_year: float = 0.3
    mu_sigma: float = 1.0
    beta: float = 0.0045
    half_life_days: float = 75.0
    weights: dict[str, float] = field(default_factory=lambda: {"one_to_one": 1.0, "one_to_many": 0.3})
    gamma: float = 0.0005
    old_connections: int = 90
    segment_share: dict[str, float] = field(
        default_factory=lambda: {"introduction": 0.45, "club": 0.30, "conference": 0.20, "webinar": 0.35, "old": 0.15}
    )
    weekend_factor: float = 0.25


PERSONAS: dict[str, Persona] = {
    "consultant": Persona(
        name="Alex Morgan",
        email="alex.morgan@morgan-advisory.example",
        company="Morgan Advisory",
        tz="Europe/London",
        segment="prospect",
        clubs=(
            Club("breakfast club", "Thursday Business Breakfast", 7, 3, 7.0, 90, 24, 0.6, 0.5, "The Grand Hotel"),
            Club("meetup", "Growth Leaders Meetup", 28, 1, 18.5, 120, 30, 0.35, 2.0, "Innovation Hub"),
        ),
        conferences_per_year=2,
        conference_new=(8, 16),
        webinars_per_year=4,
        webinar_audience=(40, 160),
        posts_per_week=0.5,
        post_audience=(150, 1200),
        channel_mix={"coffee": 0.45, "call": 0.25, "video": 0.2, "lunch": 0.1},
    ),
    "engineer": Persona(
        name="Sam Okafor",
        email="sam.okafor@byteforge.example",
        company="ByteForge",
        tz="America/New_York",
        segment="peer",
        clubs=(Club("meetup", "Rust Users Meetup", 28, 2, 18.5, 120, 18, 0.3, 2.0, "Tech Library"),),
        conferences_per_year=1,
        conference_new=(6, 12),
        webinars_per_year=2,
        webinar_audience=(30, 80),
        posts_per_week=0.1,
        post_audience=(50, 300),
        channel_mix={"video": 0.45, "call": 0.2, "coffee": 0.25, "lunch": 0.1},
        mu_median_per_year=0.6,
        beta=0.0065,
        half_life_days=60.0,
        old_connections=60,
        segment_share={"introduction": 0.5, "club": 0.5, "conference": 0.4, "webinar": 0.3, "old": 0.3},
    ),
    "founder": Persona(
        name="Mei Lin",
        email="mei@lumen-labs.example",
        company="Lumen Labs",
        tz="Asia/Singapore",
        segment="investor",
        clubs=(Club("breakfast club", "Founders Breakfast", 14, 4, 7.5, 90, 16, 0.5, 1.0, "Marina Club"),),
        conferences_per_year=4,
        conference_new=(12, 25),
        webinars_per_year=10,
        webinar_audience=(80, 400),
        posts_per_week=2.0,
        post_audience=(400, 5000),
        channel_mix={"coffee": 0.35, "video": 0.35, "call": 0.2, "lunch": 0.1},
        half_life_days=90.0,
        segment_share={"introduction": 0.35, "club": 0.2, "conference": 0.25, "webinar": 0.15, "old": 0.1},
    ),
}

_FIRST = [
    "Ada", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Noah",
    "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoë", "Aisha",
    "Bruno", "Carmen", "Diego", "Elena", "Felix", "Greta", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Marco", "Nadia",
    "Oscar", "Priya", "Rafael", "Sofia", "Tomás", "Uma", "Viktor", "Wen", "Yara", "Zain", "Astrid", "Björn", "Céline",
    "Daniel", "Eva", "Finn", "Gabriel", "Helena", "Isaac", "Jana", "Karim", "Lucía", "Mateo", "Nina", "Omar", "Paula",
    "Raj", "Sara", "Theo", "Ursula", "Valentina", "William", "Xavier", "Yasmin",
]
_LAST = [
    "Adams", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "García", "Hughes", "Ivanova", "Jensen", "Kowalski",
    "Larsen", "Müller", "Nakamura", "O'Brien", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Usman", "Vargas",
    "Weber", "Xu", "Yilmaz", "Zhang", "Andersen", "Bianchi", "Costa", "Dijkstra", "Esposito", "Fontaine", "Gonzalez",
    "Horvat", "Iyer", "Johansson", "Kim", "Lindqvist", "Moreau", "Novak", "Okonkwo", "Park", "Ramos", "Silva",
    "Torres", "Ueda", "Van", "Dijk", "Walsh", "Yamamoto", "Zimmermann", "Abbott", "Brennan", "Chen", "Dalton", "Evans",
    "Fraser", "Gupta", "Haas",
]
_CJK = ["王 芳", "李 伟", "佐藤 花子", "김 민준", "陈 静"]
_COMPANIES = [
    "Acme Analytics", "Blue Harbor Capital", "Cobalt Systems", "Delta Logistics", "Evergreen Health", "Fjord Energy",
    "Granite Legal", "Helix Bio", "Ionic Retail", "Juniper Media", "Kestrel Ventures", "Lattice Software",
    "Meridian Bank", "Northwind Foods", "Orbit Telecom", "Pinnacle Consulting", "Quartz Design", "Riverbend Insurance",
    "Summit Partners", "Tidal Robotics", "Umbra Security", "Vantage Realty", "Willow Education", "Xenon Materials",
    "Yellowstone Travel", "Zephyr Aerospace", "Atlas Manufacturing", "Beacon Nonprofit", "Cascade Water",
    "Driftwood Hospitality",
]
_TITLES = [
    "CEO", "CFO", "CTO", "COO", "Head of Sales", "Head of Marketing", "Operations Director", "Product Manager",
    "Engineering Manager", "Software Engineer", "Data Scientist", "Partner", "Managing Director", "Founder",
    "HR Director", "Procurement Lead", "Business Development Manager", "Account Executive", "Consultant", "Investor",
    "Analyst", "Designer", "Journalist", "Professor",
]
_OTHER_TAGS = ["client", "peer", "partner", "supplier", "investor", "prospect", "press", "friend"]
_CHANNEL_MIN = {"coffee": (30, 60), "call": (15, 45), "video": (25, 50), "lunch": (60, 90)}


#: The longest calendar :func:`generate` simulates, in years.
MAX_YEARS = 10
#: The most people the generator holds (contacts met and not met).
_CAPACITY = 4000


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
    _params.seed("generate", "seed", seed)  # checked, kept as given (the truth records them)
    _params.when("generate", "start", start)
    _params.number("generate", "years", years, high=MAX_YEARS,
                   why=f"The generator holds {_CAPACITY:,} people, which the busiest persona nears in about 20 years")
    _params.choice("generate", "persona", persona, sorted(PERSONAS))
    fields = {f.name for f in dataclass_fields(Persona)}
    for name in overrides:
        if name not in fields:
            _params.fail("generate", "**overrides", name, "names of Persona fields: " + ", ".join(sorted(fields)))
    p = replace(PERSONAS[persona], **overrides) if overrides else PERSONAS[persona]
    rng = np.random.default_rng(seed)
    start = pd.Timestamp(start).normalize()
    n_days = int(round(years * 365.25))
    day0 = start.tz_localize(None)
    weekday = (day0.dayofweek + np.arange(n_days)) % 7
    decay = 2.0 ** (-1.0 / p.half_life_days)

    cap = _CAPACITY
    mu = rng.lognormal(np.log(p.mu_median_per_year / 365.25), p.mu_sigma, size=cap)
    entry = np.full(cap, -2, dtype=np.int64)
    how = np.empty(cap, dtype=object)
    intro_by = np.full(cap, -1, dtype=np.int64)
    S = np.zeros(cap)
    n = 0

    def new(k: int, day: int, kind: str) -> np.ndarray:
        nonlocal n
        idx = np.arange(n, n + k)
        if n + k > cap:
            raise RuntimeError("generator capacity exceeded; use fewer years")
        entry[idx] = day
        how[idx] = kind
        n += k
        return idx

    new(p.old_connections, -1, "old")  # connections made before the calendar starts
    pools = [new(c.pool, 0, "club") for c in p.clubs]
    club_days = [np.flatnonzero(weekday == c.weekday) for c in p.clubs]
    club_days = [d[:: max(1, c.every_days // 7)] for d, c in zip(club_days, p.clubs)]
    weekdays_only = np.flatnonzero(weekday < 5)
    conf_days = np.sort(rng.choice(weekdays_only, size=rng.poisson(p.conferences_per_year * years), replace=False))
    web_days = np.sort(rng.choice(weekdays_only, size=rng.poisson(p.webinars_per_year * years), replace=False))
    post_days = np.sort(rng.choice(n_days, size=rng.poisson(p.posts_per_week * n_days / 7), replace=False))

    rows: list[tuple] = []  # (day, hour, duration, channel, title, location, audience, attendees)

    def meet(day, hour, dur, channel, title, location, audience, people):
        rows.append((day, hour, dur, channel, title, location, audience, np.asarray(people, dtype=np.int64)))

    wk_factor = np.where(weekday >= 5, p.weekend_factor, 1.0)
    mix = list(p.channel_mix)
    mix_p = np.array([p.channel_mix[c] for c in mix])
    events = {d: [] for d in range(n_days)}
    for ci, days in enumerate(club_days):
        for d in days:
            events[int(d)].append(("club", ci))
    for d in conf_days:
        events[int(d)].append(("conference", 0))
    for d in web_days:
        events[int(d)].append(("webinar", 0))
    for d in post_days:
        events[int(d)].append(("post", 0))

    planned_one = {}
    if future is not None:  # the plan's days: drawn apart, so that the days before are the same as without it
        frng = np.random.default_rng([seed, 7])
        t_day = int((pd.Timestamp(future["from"]).tz_localize(None).normalize() - day0).days)
        kinds = [e for d in range(min(t_day, n_days)) for e in events[d]]  # every event before, once each
        for d in range(t_day, n_days):
            events[d] = []
        targets = [int(str(c)[1:]) for c in future.get("targets", [])]
        turn = 0
        for m, (n1, nm) in enumerate(zip(future["one_to_one"], future["one_to_many"], strict=True)):
            # the whole days inside the month: a meeting on a day cut by the month's end (a day's
            # meeting hours can fall on either side of it) would count in the month before or after
            lo, hi = int(np.ceil(t_day + m * DAYS_PER_MONTH)), int(np.floor(t_day + (m + 1) * DAYS_PER_MONTH))
            for d in np.sort(lo + np.floor(frng.uniform(0, hi - lo, size=int(n1))).astype(int)):
                if targets and d < n_days:
                    planned_one.setdefault(int(d), []).append(targets[turn % len(targets)])
                turn += 1
            for d in lo + np.floor(frng.uniform(0, hi - lo, size=int(nm))).astype(int):
                if d < n_days and kinds:
                    events[int(d)].append(kinds[frng.integers(len(kinds))])
        t_future = t_day
    else:
        t_future = n_days

    # The day loop is the simulation clock: each step is vectorised over contacts.
    for d in range(n_days):
        active = np.flatnonzero(entry[:n] < d)
        lam = (mu[active] + p.beta * S[active]) * wk_factor[d]
        hit = active[rng.random(active.size) < 1 - np.exp(-lam)] if d < t_future else np.array(planned_one.get(d, []), dtype=np.int64)
        adds = []
        for i in hit:
            ch = mix[rng.choice(len(mix), p=mix_p)]
            lo, hi = _CHANNEL_MIN[ch]
            meet(d, rng.choice([8.5, 9, 10, 11, 12.5, 14, 15, 16, 17]), 5 * rng.integers(lo // 5, hi // 5 + 1), ch,
                 ch.capitalize(), "", np.nan, [i])
            adds.append((i, p.weights["one_to_one"]))
        # introductions by warm contacts
        total = S[:n].sum()
        k_intro = rng.poisson(p.gamma * total * wk_factor[d]) if total > 0 else 0
        if k_intro:
            who = rng.choice(n, size=k_intro, p=S[:n] / total)
            for introducer, i in zip(who, new(k_intro, d, "introduction")):
                intro_by[i] = introducer
                meet(d, rng.choice([9, 10, 11, 14, 15, 16]), 30, "call" if rng.random() < 0.4 else "coffee",
                     "Introduction", "", np.nan, [i])
                adds.append((i, p.weights["one_to_one"]))
        for kind, ci in events[d]:
            if kind == "club":
                c = p.clubs[ci]
                pool = pools[ci]
                came = pool[rng.random(pool.size) < c.attend_p]
                guests = new(rng.poisson(c.guests), d, "club")
                # a few guests join the regulars; regulars drift away now and then
                stay = guests[rng.random(guests.size) < 0.25]
                leave = rng.random(pool.size) < 0.02
                pools[ci] = np.concatenate([pool[~leave], stay])
                people = np.concatenate([came, guests])
                if people.size == 0:
                    continue
                meet(d, c.hour, c.duration_min, c.channel, c.title, c.location, np.nan, people)
            elif kind == "conference":
                fresh = new(rng.integers(*p.conference_new), d, "conference")
                known = np.flatnonzero(entry[:n] < d)
                seen = rng.choice(known, size=min(known.size, rng.integers(2, 8)), replace=False) if known.size else known
                people = np.concatenate([fresh, seen])
                meet(d, 9.0, 480, "conference", "Industry Conference", "Convention Centre", np.nan, people)
            elif kind == "webinar":
                fresh = new(rng.integers(2, 6), d, "webinar")
                known = np.flatnonzero(entry[:n] < d)
                seen = rng.choice(known, size=min(known.size, rng.integers(1, 5)), replace=False) if known.size else known
                people = np.concatenate([fresh, seen])
                meet(d, 16.0, 60, "webinar", "Webinar", "online", float(rng.integers(*p.webinar_audience)), people)
            else:
                meet(d, 12.0, 15, "post", "LinkedIn post", "online", float(rng.integers(*p.post_audience)), [])
            if kind != "post":
                adds += [(i, p.weights["one_to_many"]) for i in people]
        S[:n] *= decay
        if adds:
            ii, ww = zip(*adds)
            np.add.at(S, np.array(ii), np.array(ww))

    return _assemble(rng, p, start, n, entry, how, intro_by, rows, seed, years, persona, mu)


def _assemble(rng, p: Persona, start, n, entry, how, intro_by, rows, seed, years, persona, mu) -> Network:
    """Turn the simulated arrays into canonical frames and a validated Network."""
    ids = np.array([f"c{i:04d}" for i in range(n)])
    names = _names(rng, n)
    company = rng.choice(_COMPANIES, size=n)
    seg = np.array([rng.random() < p.segment_share.get(h, 0.2) for h in how[:n]])
    other = rng.choice([t for t in _OTHER_TAGS if t != p.segment], size=n)
    tags = np.where(seg, p.segment, other)
    extra = rng.choice(_OTHER_TAGS, size=n)
    second = (rng.random(n) < 0.15) & (extra != tags)
    tags = np.where(second, np.char.add(np.char.add(tags.astype(str), ";"), extra), tags)
    domain = pd.Series(company).str.lower().str.replace(r"[^a-z]+", "-", regex=True).str.strip("-") + ".example"
    local = pd.Series(names).str.lower().str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    local = local.str.replace(r"[^a-z ]+", "", regex=True).str.strip().str.replace(" ", ".", regex=False)
    local = local.where(local != "", pd.Series([f"contact{i}" for i in range(n)]))
    email = np.where(rng.random(n) < 0.85, (local + "@" + domain).to_numpy(), "")
    first_day = pd.Series(entry[:n]).clip(lower=0)
    lag = rng.integers(0, 15, size=n)
    old_day = -rng.integers(30, 365 * 6, size=n)
    conn = np.where(how[:n] == "old", old_day, np.where(rng.random(n) < 0.7, first_day + lag, -99999))
    connected = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    has = conn > -99999
    connected[has] = start.tz_localize(None) + pd.to_timedelta(conn[has], unit="D")
    contacts = pd.DataFrame(
        {
            "contact_id": ids,
            "name": names,
            "email": email,
            "company": company,
            "title": rng.choice(_TITLES, size=n),
            "tags": tags,
            "source": np.where(has, "linkedin", "address book"),
            "connected_on": connected.dt.strftime("%Y-%m-%d").fillna(""),
            "introduced_by": np.where(intro_by[:n] >= 0, ids[np.clip(intro_by[:n], 0, None)], ""),
        }
    )
    r = pd.DataFrame(rows, columns=["day", "hour", "dur", "channel", "title", "location", "audience", "people"])
    local_start = start.tz_localize(None) + pd.to_timedelta(r["day"], unit="D") + pd.to_timedelta(r["hour"] * 60, unit="min")
    start_utc = local_start.dt.tz_localize(p.tz, ambiguous=False, nonexistent="shift_forward")
    r = r.assign(start=start_utc).sort_values("start", kind="stable").reset_index(drop=True)
    meetings = pd.DataFrame(
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
    me = Me(name=p.name, emails=(p.email,), ids=(p.name,), how="sample")
    net = from_frames(contacts, meetings, me=me, tz=p.tz, source="generated")
    net.truth = {
        "seed": seed,
        "start": str(start.date()),
        "years": years,
        "persona": persona,
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
        "first_met_how": pd.Series(how[:n]).value_counts().to_dict(),
    }
    return net


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique synthetic full names, a few CJK, a few with credentials."""
    combos = np.array([f"{first} {last}" for first in _FIRST for last in _LAST])
    names = rng.choice(combos, size=n, replace=False).astype(object)
    k = max(1, n // 80)
    names[rng.choice(n, size=min(k, len(_CJK)), replace=False)] = _CJK[: min(k, len(_CJK))]
    return names


def write_mbox(path: str | os.PathLike, *, seed: int = 0, correspondents: int = 30, days: int = 365,
               start: str = "2025-01-06", owner: str = "alex@example.org", people: dict | None = None) -> dict:
    """Write a mailbox (mbox, Google Takeout style) with planted truth, for tests and workshops.

    Each correspondent writes and is answered in threads spread over ``days``; mixed in: mailing
    lists, bulk mail, notifications from no-reply senders, auto-replies, Gmail promotions and spam,
    calendar invitations, a copy of one message, broadcasts to more than
    :data:`netlib.model.EMAIL_BROADCAST` people, cold messages never answered and newsletters
    never answered.

    Parameters
    ----------
    path : path
        The mbox file to write.
    seed : int
        Random seed: the same seed writes the same bytes.
    correspondents : int
        People who write to the owner and are answered.
    days : int
        Days the mail spans.
    start : str
        The first day.
    owner : str
        The owner's address.
    people : dict, optional
        The correspondents, address to name (for example contacts of a generated network, so that
        the mail merges with them); default ``correspondents`` invented people.

    Returns
    -------
    dict
        The planted truth: ``interactions`` (per correspondent address: thread-days that are
        interactions), ``sent`` (messages the owner wrote that count), ``broadcasts``,
        ``left_out`` (messages per reason, keyed as :data:`netlib.io.mail.LEFT_OUT`), ``one_way``
        (addresses mail went to or came from one way only) and ``messages``.

    Examples
    --------
    >>> import tempfile, netlib
    >>> truth = write_mbox(tempfile.mkdtemp() + "/mail.mbox", correspondents=5, days=60)
    >>> sorted(truth["left_out"])[:2]
    ['auto', 'calendar']
    """
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp(start, tz="UTC")
    if people:
        names = {str(a).lower(): str(n) for a, n in people.items()}
        people = list(names)
    else:
        people = [f"{n.lower().replace(' ', '.')}@corp{i % 7}.example" for i, n in enumerate(_names(rng, correspondents))]
        names = dict(zip(people, _names(np.random.default_rng(seed + 1), correspondents)))
    msgs, truth = [], {"interactions": {}, "sent": 0, "broadcasts": 0, "left_out": {}, "one_way": [], "messages": 0}

    def add(when, frm, to, subject, extra=(), thread=None, mid=None, labels="Inbox"):
        mid = mid or f"<{len(msgs)}.{seed}@mail.example>"
        head = [f"X-GM-THRID: {thread or len(msgs) + 10**6}", f"X-Gmail-Labels: {labels}", f"From: {frm}", f"To: {to}",
                f"Date: {when:%a, %d %b %Y %H:%M:%S +0000}", f"Message-ID: {mid}", f"Subject: {subject}", *extra]
        msgs.append((when, f"From {len(msgs)}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\n" + "\n".join(head) + "\n\nHello.\n"))
        return mid

    def left(code, n=1):
        truth["left_out"][code] = truth["left_out"].get(code, 0) + n

    for k, addr in enumerate(people):  # correspondents: threads both ways, a few days each
        days_used = set()
        for j in range(int(rng.integers(1, 5))):
            d = int(rng.integers(0, days - 2))
            thread = f"{k}{j:03d}"
            when = t0 + pd.Timedelta(days=d, hours=9 + int(rng.integers(0, 6)))
            first = add(when, f'"{names[addr]}" <{addr}>', owner, f"Thread {k}.{j}", thread=thread)
            reply_day = d + int(rng.integers(0, 2))
            add(t0 + pd.Timedelta(days=reply_day, hours=17), f"Alex <{owner}>", f'"{names[addr]}" <{addr}>',
                f"Re: Thread {k}.{j}", (f"In-Reply-To: {first}", f"References: {first}"), thread=thread, labels="Sent")
            truth["sent"] += 1
            days_used |= {(thread, d), (thread, reply_day)}
        truth["interactions"][addr] = len(days_used)
    copy = msgs[0]
    msgs.append((copy[0], copy[1].replace("X-Gmail-Labels: Inbox", "X-Gmail-Labels: Inbox,Important")))  # the same Message-ID
    left("duplicate")
    for i in range(int(rng.integers(5, 15))):  # newsletters and lists
        add(t0 + pd.Timedelta(days=i, hours=6), f"News {i % 3} <news{i % 3}@letters.example>", owner, f"Issue {i}",
            ("List-Unsubscribe: <mailto:unsub@letters.example>",))
        left("list")
    for i in range(3):
        add(t0 + pd.Timedelta(days=i, hours=7), "Shop <offers@shop.example>", owner, "Sale", ("Precedence: bulk",))
        left("list")
    for i in range(4):
        add(t0 + pd.Timedelta(days=i, hours=8), "Service <noreply@service.example>", owner, f"Receipt {i}")
        left("no-reply")
    add(t0 + pd.Timedelta(days=3, hours=8), f'"{names[people[0]]}" <{people[0]}>', owner, "Out of office",
        ("Auto-Submitted: auto-replied",))
    left("auto")
    for label in ("Category Promotions,Inbox", "Spam"):
        add(t0 + pd.Timedelta(days=4, hours=8), "Deals <deals@promo.example>", owner, "Offer", labels=label)
        left("label")
    add(t0 + pd.Timedelta(days=5, hours=8), f'"{names[people[1 % len(people)]]}" <{people[1 % len(people)]}>', owner,
        "Invitation: Coffee @ Mon", ("Content-Type: text/calendar; method=REQUEST",))
    left("calendar")
    for i in range(2):  # broadcasts to everyone and more
        to = ", ".join(people + [f"list{i}-{j}@many.example" for j in range(12)])
        add(t0 + pd.Timedelta(days=30 * (i + 1), hours=12), f"Alex <{owner}>", to, f"Update {i}", labels="Sent")
        truth["broadcasts"] += 1
        truth["sent"] += 1
    for i in range(3):  # cold outreach, never answered; a stranger who was never answered
        addr = f"prospect{i}@cold.example"
        add(t0 + pd.Timedelta(days=40 + i, hours=10), f"Alex <{owner}>", addr, "Introducing myself", labels="Sent")
        truth["one_way"].append(addr)
        left("one-way")
    add(t0 + pd.Timedelta(days=50, hours=10), "Stranger <someone@unknown.example>", owner, "Question")
    truth["one_way"].append("someone@unknown.example")
    left("one-way")
    msgs.sort(key=lambda m: m[0])
    write_files(Path(path).parent, {Path(path).name: "\n".join(m[1] for m in msgs) + "\n"})
    truth["messages"] = len(msgs)
    return truth


def sample_path() -> Path:
    """The folder holding the embedded sample (``data/sample``).

    From a repository checkout (or an editable install), ``data/sample`` itself; installed from
    a wheel, the copy the wheel carries (``netlib/_shipped/sample``).  ``NETLIB_SAMPLE``
    overrides both.

    Examples
    --------
    >>> (sample_path() / "meetings.csv").exists()
    True
    """
    env = os.environ.get("NETLIB_SAMPLE")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "data" / "sample", here / "_shipped" / "sample"):
        if (cand / "meetings.csv").exists():
            return cand
    raise FileNotFoundError(
        f"netlib's sample data is missing: neither {here.parent / 'data' / 'sample'} nor {here / '_shipped' / 'sample'} "
        "holds it. Reinstall netlib, or write a sample of your own with `netlib sample --out DIR`"
    )


def load_sample() -> Network:
    """Load the embedded sample network (``data/sample``), with its truth.

    Examples
    --------
    >>> net = load_sample()
    >>> net.me.name
    'Alex Morgan'
    >>> 200 < len(net.contacts) < 1000 and 1000 <= len(net.meetings) <= 3000
    True
    """
    folder = sample_path()
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    net = load(folder / "contacts.csv", folder / "meetings.csv", me=[truth["me"]["name"], truth["me"]["email"]], tz=truth["me"]["tz"])
    net.truth = truth
    return net


def write_sample(folder: str | os.PathLike, *, mailbox: bool = False, **kwargs) -> Network:
    """Generate a network and write it as canonical CSVs plus ``truth.json``.

    Parameters
    ----------
    folder : path
        Where to write ``contacts.csv``, ``meetings.csv`` and ``truth.json`` (created).  Never over
        a file of those names that netlib did not write there, nor through a link
        (:class:`netlib.OutputError` before any work; see :func:`netlib.write_csv`).
    mailbox : bool
        Also write ``mail.mbox``: the last year of e-mail with 40 of the owner's contacts (their
        own addresses, so that mail and calendar name the same people), plus newsletters,
        notifications, broadcasts and one-way mail (:func:`write_mbox`); its planted truth is
        ``truth["mail"]``.
    **kwargs
        Passed to :func:`generate`; default the arguments of the embedded sample (:data:`SAMPLE_ARGS`).

    Examples
    --------
    >>> import tempfile
    >>> net = write_sample(tempfile.mkdtemp(), mailbox=True, years=1)
    >>> sorted(net.truth["mail"])[:2]
    ['broadcasts', 'interactions']
    """
    args = {**SAMPLE_ARGS, **kwargs}
    folder = Path(folder)
    names = ["contacts.csv", "meetings.csv", "truth.json"] + (["mail.mbox"] if mailbox else [])
    OutputFolder(folder, names).check()  # before any work: never over a file of the user's (checked again as each is written)
    net = generate(**args)
    write_csv(net, folder)
    if mailbox:
        c = net.contacts[net.contacts["email"].fillna("").str.contains("@")]
        pick = c.sample(n=min(40, len(c)), random_state=int(args["seed"]))
        end = net.meetings["start"].max()
        net.truth["mail"] = write_mbox(Path(folder, "mail.mbox"), seed=int(args["seed"]), owner=net.me.emails[0],
                                       people=dict(zip(pick["email"], pick["name"], strict=True)), days=365,
                                       start=str((end - pd.Timedelta(days=365)).date()))
    write_files(folder, {"truth.json": json.dumps(net.truth, indent=2, default=str, ensure_ascii=False) + "\n"})
    return net


def open_network(sources=None, *, me=None, tz: str = "UTC", anonymize: bool = False, salt: str | None = None,
                 **load_options) -> Network:
    """What a notebook or report opens: the given sources, or the embedded sample.

    Parameters
    ----------
    sources : path or list of paths, optional
        Files or folders; None or empty means the sample (``data/sample``).
    me, tz
        As for :func:`load`.
    anonymize : bool
        Replace names, addresses and free text with pseudonyms
        (:func:`netlib.anonymize.pseudonymize`).
    salt : str, optional
        The secret the pseudonyms are made with; default ``NETLIB_SALT`` from the environment, else
        a new random one (:func:`netlib.anonymize.secret_salt`).
    **load_options
        Passed to :func:`load` (``merge``, ``message_minutes``, ``day_first``, ``events``).

    Examples
    --------
    >>> net = open_network(anonymize=True)
    >>> net.me.name
    'You'
    """
    snap = os.environ.get(SNAPSHOT_ENV)
    if snap and Path(snap).is_file():  # a report's notebook: the network its report loaded once
        saved = _read_mapped(snap)
        if saved["key"] == snapshot_key(sources, me, tz, anonymize, load_options):
            net = saved["net"]
            facts = os.environ.get(FACTS_ENV)
            if facts and Path(facts).is_file():  # what the report worked out for its pages meanwhile
                more = _read_mapped(facts)
                if more["key"] == saved["key"]:
                    net.adopt_facts(more["facts"])
            return net
    if sources is None or (not isinstance(sources, (str, os.PathLike)) and len(sources) == 0):
        net = load_sample()
    else:
        paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        net = load(*paths, me=me, tz=tz, **load_options)
    if anonymize:
        net = pseudonymize(net, salt)
    return net


#: The environment variable that points a report's notebooks at the network the report loaded.
SNAPSHOT_ENV = "NETLIB_SNAPSHOT"

#: The environment variable that points a report's notebooks at what it worked out on that network
#: for several pages (:func:`write_facts`), written after the network, once ready.
FACTS_ENV = "NETLIB_FACTS"


def snapshot_key(sources, me, tz, anonymize, load_options) -> str:
    """What a snapshot was made from: a notebook uses it only when its own parameters are the same.

    Parameters
    ----------
    sources, me, tz, anonymize, load_options
        As for :func:`open_network`.

    Examples
    --------
    >>> snapshot_key(None, None, "UTC", False, {}) == snapshot_key([], None, "UTC", False, {})
    False
    """
    paths = sources if sources is None or isinstance(sources, (str, os.PathLike)) else list(sources)
    return json.dumps([paths, me, tz, bool(anonymize), load_options], sort_keys=True, default=str)


def write_snapshot(net: Network, path: str | os.PathLike, key: str) -> Path:
    """Save ``net`` for the notebooks of one report (:data:`SNAPSHOT_ENV`): they open it in
    milliseconds instead of loading every file again, its arrays mapped from the file, not read
    (:func:`_write_mapped`), so that every page's kernel shares them in memory.

    Parameters
    ----------
    net : Network
        The network the report loaded (anonymised already, when it is).
    path : path
        Where to write it (the report's private build folder).
    key : str
        :func:`snapshot_key` of the parameters it was loaded with.
    """
    return _write_mapped({"key": key, "net": net}, path)


def write_facts(net: Network, path: str | os.PathLike, key: str, since: set[str] | frozenset[str] = frozenset()) -> Path:
    """Save what was worked out on ``net`` since its snapshot was written (the facts not named in
    ``since``), for the notebooks of one report (:data:`FACTS_ENV`): :func:`open_network` adds
    them to the snapshot's network.  Written whole or not at all (a notebook may open the network
    meanwhile).

    Parameters
    ----------
    net : Network
        The network of the snapshot.
    path : path
        Where to write them (the report's private build folder).
    key : str
        The snapshot's :func:`snapshot_key`.
    since : set of str
        Names of the facts the snapshot holds already.
    """
    return _write_mapped({"key": key, "facts": {k: v for k, v in net.valid_facts().items() if k not in since}}, path)


#: The first bytes of a file :func:`_write_mapped` writes.
_MAPPED = b"netlib mapped 1\n"


def _write_mapped(obj, path: str | os.PathLike) -> Path:
    """Pickle ``obj`` (protocol 5) with its arrays' memory out of band, each at an offset of a
    multiple of 64, so that :func:`_read_mapped` maps them instead of copying them; written whole
    or not at all (to a neighbouring file, then renamed).  Layout: :data:`_MAPPED`, the number of
    arrays and the pickle's length, each array's offset and length (little-endian 64-bit), the
    pickle, the arrays."""
    import pickle
    import struct

    buffers: list = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    views = [b.raw() for b in buffers]
    at = len(_MAPPED) + 16 + 16 * len(views) + len(data)
    table = []
    for v in views:
        at += -at % 64
        table.append((at, v.nbytes))
        at += v.nbytes
    path = Path(path)
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as f:
        f.write(_MAPPED + struct.pack("<2Q", len(views), len(data)) + b"".join(struct.pack("<2Q", *t) for t in table))
        f.write(data)
        for (offset, _), v in zip(table, views, strict=True):
            f.write(bytes(offset - f.tell()))
            f.write(v)
    os.replace(part, path)
    return path


def _read_mapped(path: str | os.PathLike):
    """What :func:`_write_mapped` wrote, its arrays on a private (copy-on-write) map of the file:
    nothing is read until used, and the processes that open the same file share its pages in
    memory until one of them changes an array."""
    import mmap
    import pickle
    import struct

    with open(path, "rb") as f:
        view = memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY))
    if bytes(view[:len(_MAPPED)]) != _MAPPED:
        raise ValueError(f"{path}: not a file netlib wrote for a report's pages")
    head = len(_MAPPED)
    n, size = struct.unpack_from("<2Q", view, head)
    table = [struct.unpack_from("<2Q", view, head + 16 + 16 * i) for i in range(n)]
    start = head + 16 + 16 * n
    # written by this user's own report, in its private build folder
    return pickle.loads(view[start:start + size], buffers=[view[o:o + k] for o, k in table])
