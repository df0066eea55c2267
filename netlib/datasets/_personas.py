"""The planted behaviours the generator simulates (:class:`Persona`, :class:`Club`, :data:`PERSONAS`)
and the synthetic names, companies and titles it draws from."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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

#: The longest calendar :func:`netlib.datasets.generate` simulates, in years.
MAX_YEARS = 10
#: The most people the generator holds (contacts met and not met).
_CAPACITY = 4000


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique synthetic full names, a few CJK, a few with credentials."""
    combos = np.array([f"{first} {last}" for first in _FIRST for last in _LAST])
    names = rng.choice(combos, size=n, replace=False).astype(object)
    k = max(1, n // 80)
    names[rng.choice(n, size=min(k, len(_CJK)), replace=False)] = _CJK[: min(k, len(_CJK))]
    return names
