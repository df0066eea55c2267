"""The team sample (#33): :func:`write_team_sample`, several members' exports with planted structure.

Each member of a small firm is a generated network (:func:`netlib.datasets.generate`'s simulation,
one seed per member) written as one person's exports: netlib's ``contacts.csv`` and ``meetings.csv``,
LinkedIn's ``Connections.csv`` (profile URLs) and a Gmail ``mail.mbox`` that names its owner.  Over
them the writer plants what a team view has to find:

* **people known to several members**, each member's files writing them as that member's export
  would: the same e-mail address, or (LinkedIn) the same profile URL, or only the name and company;
* **target companies** (companies no generated contact works at), five people the team knows at each
  (as many as the team page needs to name a company whose people no sharing member knows:
  :data:`netlib.team.MIN_GROUP`), and for each one planted **best introducer**: the member who met
  someone there every two weeks for the last six months; the others met someone there once or twice,
  long ago;
* **ties held by one member only** to people of the target segment (tag :data:`SEGMENT`): per member,
  two kept warm (met every 20 days until last week) and one going cold (met every month until
  100 days ago: overdue);
* **meetings between members** (a weekly team meeting, catch-ups in pairs): internal work, at the
  firm's own domain.

Every generated contact's name is unique across the team, so that no overlap arises by chance.  The
truth (``truth.json`` beside the member folders) is computed from what was written, by netlib's
documented formula for tie strength (``sum of 2 ** (-(T - t) / 90)`` over one-to-one meetings), never
by netlib itself.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import _params
from netlib._files import OutputFolder, csv_text, write_files
from netlib.datasets._generate import simulate_frames
from netlib.datasets._mail import write_mbox
from netlib.datasets._personas import _CJK, _FIRST, _LAST, _TITLES, MAX_YEARS, PERSONAS, SAMPLE_ARGS

__all__ = ["write_team_sample", "TEAM_SIZES", "SEGMENT", "FIRM"]

#: The fewest and most members a team sample has.
TEAM_SIZES = (2, 8)
#: The tag of the target segment (only planted people carry it).
SEGMENT = "key-account"
#: The members' firm and its mail domain: meetings among members are internal work there.
FIRM = ("Northlight Partners", "northlight.example")
_MEMBERS = [("ada", "Ada Lovell"), ("bo", "Bo Nyberg"), ("cy", "Cy Hale"), ("dee", "Dee Marsh"), ("eli", "Eli Brook"),
            ("fay", "Fay Osei"), ("gus", "Gus Moran"), ("hal", "Hal Pryce")]
_TARGETS = ["Halcyon Grid", "Ostara Bank", "Vireo Health"]
#: People the team knows at each target company: the fewest the team page needs to name a company no
#: sharing member knows anyone at (netlib.team.MIN_GROUP, 5).
_PER_TARGET = 5
_CHANNELS = {"coffee": 45, "video": 30, "lunch": 75, "call": 25}
#: The half-life the truth's strengths are computed with (netlib's default, docs/data-model.md).
_HALF_LIFE = 90.0
#: Files each member folder holds.
MEMBER_FILES = ("contacts.csv", "meetings.csv", "Connections.csv", "mail.mbox")
#: The member whose folder says they share their contacts' names with the team (``share.toml``, read by
#: :func:`netlib.load_team`): the first; the others keep the default, strength buckets and counts only.
SHARING = 0
SHARE_TOML = '# what this member lets the rest of the team see of their contacts (netlib.load_team)\nshare = "names"\n'

_PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only '
             'see email addresses for connections who have allowed their connections to see or download their email address using this '
             'setting https://www.linkedin.com/psettings/privacy/email. You can learn more here '
             'https://www.linkedin.com/help/linkedin/answer/261"\n\n')


def write_team_sample(folder: str | os.PathLike, *, members: int = 5, seed: int = 0, years: float = SAMPLE_ARGS["years"],
                      start: str = SAMPLE_ARGS["start"], persona: str = "consultant") -> dict:
    """Write a team's exports with planted overlaps, best introducers and ties one member holds.

    ``folder/<member>/`` holds one member's ``contacts.csv`` and ``meetings.csv`` (netlib's own CSVs),
    ``Connections.csv`` (LinkedIn's export) and ``mail.mbox`` (a Gmail Takeout whose Sent mail names the
    member); each loads on its own with :func:`netlib.load`, and the whole with
    :func:`netlib.load_team`.  ``folder/truth.json`` holds what was planted (see the module's docstring).

    Parameters
    ----------
    folder : path
        Where to write (created).  Never over a file netlib did not write there, nor through a link
        (:class:`netlib.OutputError`, before any work).
    members : int
        How many members, from 2 to 8.
    seed : int
        Random seed: the same seed writes the same files.
    years : float
        Length of each member's calendar (at least 1, at most :data:`netlib.datasets.MAX_YEARS`).
    start : date
        First day of the calendars.
    persona : {"consultant", "engineer", "founder"}
        The planted behaviour every member's own networking follows.

    Returns
    -------
    dict
        The planted truth, as written to ``truth.json``: ``members`` (name, addresses, file counts),
        ``people`` (each planted person: name, company, address, profile, ``members`` who know them and
        how each member's files write them), ``overlaps`` (``people``: person -> members; ``pairs``:
        people two members both know, per pair), ``target_companies``, ``best_introducers`` (company ->
        member, person, strength; and every member's strongest tie there), ``sole_held`` (member -> the
        segment ties only they hold, warm or going cold), ``internal_meetings`` and ``as_of``.

    Examples
    --------
    >>> import tempfile, netlib
    >>> truth = write_team_sample(tempfile.mkdtemp(), members=3, years=1)
    >>> sorted(truth["members"])
    ['ada', 'bo', 'cy']
    >>> truth["best_introducers"]["Halcyon Grid"]["member"]
    'ada'
    """
    _params.seed("write_team_sample", "seed", seed)
    members = int(_params.number("write_team_sample", "members", members, low=TEAM_SIZES[0], high=TEAM_SIZES[1], inclusive=True,
                                 integer=True))
    _params.number("write_team_sample", "years", years, low=1, high=MAX_YEARS, inclusive=True)
    _params.when("write_team_sample", "start", start)
    _params.choice("write_team_sample", "persona", persona, sorted(PERSONAS))
    folder = Path(folder)
    who = [m for m, _ in _MEMBERS[:members]]
    OutputFolder(folder, ["truth.json"]).check()  # before any work: never over a file of the user's
    for k, m in enumerate(who):
        OutputFolder(folder / m, [*MEMBER_FILES, *(["share.toml"] if k == SHARING else [])]).check()
    plan = _TeamPlan(members, seed, years, start, persona)
    for k, m in enumerate(who):
        write_files(folder / m, {**plan.files(m), **({"share.toml": SHARE_TOML} if k == SHARING else {})})
    truth = plan.truth()
    write_files(folder, {"truth.json": json.dumps(truth, indent=2, ensure_ascii=False) + "\n"})
    return truth


class _TeamPlan:
    """The team's world: each member's generated frames, renamed so that no two members share a
    contact by chance, the planted people and the meetings with them, the internal meetings."""

    def __init__(self, n: int, seed: int, years: float, start: str, persona: str) -> None:
        self.seed, self.years, self.persona = seed, years, persona
        self.rng = np.random.default_rng([seed, 33])
        self.members = _MEMBERS[:n]
        self.ids = [m for m, _ in self.members]
        self.day0 = pd.Timestamp(start).tz_localize(None).normalize()
        n_days = int(round(years * 365.25))
        end = self.day0 + pd.Timedelta(days=n_days)
        self.T = (end + pd.Timedelta(days=(7 - end.dayofweek) % 7) + pd.Timedelta(hours=9)).tz_localize("UTC")  # a Monday, 09:00 UTC
        self.frames = {}
        for i, (m, name) in enumerate(self.members):
            email = f"{name.lower().replace(' ', '.')}@{FIRM[1]}"
            self.frames[m] = simulate_frames(seed=seed * 100 + i, start=start, years=years, persona=persona,
                                             name=name, email=email, company=FIRM[0])
        pool = self._name_pool()
        self.people = self._planted(pool)
        self._rename(pool[len(self.people):])
        self.visits: list[tuple] = []  # (member, person, days before T, channel)
        self.written: dict[tuple[str, str], str] = {}  # (member, person) -> "email", "profile" or "name"
        self._plant_shared()
        self._plant_targets()
        self._plant_sole()

    # --- names ------------------------------------------------------------------------------

    def _name_pool(self) -> list[str]:
        """Every full name the team may use, shuffled: first x last, then double-barrelled ones."""
        combos = [f"{f} {last}" for f in _FIRST for last in _LAST]
        extra = [f"{f} {a}-{b}" for f in _FIRST for a, b in zip(_LAST, _LAST[1:])]
        return [str(x) for x in self.rng.permutation(combos)] + [str(x) for x in self.rng.permutation(extra)]

    def _rename(self, pool: list[str]) -> None:
        """Every generated contact a name of its own across the team (the first member keeps the
        generator's names in other scripts), and an address made from it."""
        at = 0
        for i, m in enumerate(self.ids):
            c = self.frames[m][0]
            keep = c["name"].isin(_CJK).to_numpy() & (i == 0)
            k = int((~keep).sum())
            c.loc[~keep, "name"] = pool[at:at + k]
            at += k
            local = _local(c["name"]).where(~keep, c["email"].str.split("@").str[0])
            has = c["email"].astype(str) != ""
            c["email"] = np.where(has, local + "@" + _domain(c["company"]), "")
            c["introduced_by"] = c["introduced_by"].fillna("")

    # --- the planted people -----------------------------------------------------------------

    def _planted(self, pool: list[str]) -> pd.DataFrame:
        """The planted people: shared (3 per member), at the target companies (:data:`_PER_TARGET`
        each), held by one member (3 per member); names first from the pool, addresses and profiles
        from the names."""
        n = len(self.ids)
        targets = _TARGETS[: min(len(_TARGETS), n)]
        kinds = ["shared"] * (3 * n) + [f"target:{c}" for c in targets for _ in range(_PER_TARGET)] + ["sole"] * (3 * n)
        k = len(kinds)
        company = np.array([x.split(":", 1)[1] if x.startswith("target:") else "" for x in kinds], dtype=object)
        others = self.rng.choice(sorted({*self.frames[self.ids[0]][0]["company"]}), size=k)
        company = np.where(company == "", others, company)
        names = pd.Series(pool[:k], dtype=object)
        tags = np.where(np.array(kinds) == "sole", SEGMENT, self.rng.choice(["client", "prospect", "partner", "peer"], size=k))
        slug = _local(names).str.replace(".", "-", regex=False)
        hexes = [f"{x:06x}" for x in self.rng.integers(0, 16 ** 6, size=k)]
        return pd.DataFrame({
            "person": [f"p{i + 1:03d}" for i in range(k)], "kind": kinds, "name": names, "company": company,
            "title": self.rng.choice(_TITLES, size=k), "tags": tags,
            "email": (_local(names) + "@" + _domain(pd.Series(company))).to_numpy(),
            "url": ["https://www.linkedin.com/in/" + s + "-" + h for s, h in zip(slug, hexes, strict=True)],
        }).set_index("person")

    def _hold(self, member: str, person: str, days: list[float]) -> None:
        """``member`` knows ``person`` and met them one to one ``days`` before T; how the member's
        files write them: the first holder by address, the next by profile, then by name, in turn."""
        if (member, person) not in self.written:
            order = sum(1 for (_, p) in self.written if p == person)
            self.written[(member, person)] = ["email", "profile", "name"][order % 3] if order else "email"
        channels = list(_CHANNELS)
        for d in days:
            self.visits.append((member, person, float(d), channels[int(self.rng.integers(len(channels)))]))

    def _plant_shared(self) -> None:
        """Each shared person known to two to four members, met one to six times over the calendar."""
        span = int(round(self.years * 365.25)) - 7
        for p in self.people.index[self.people["kind"] == "shared"]:
            k = int(self.rng.integers(2, min(4, len(self.ids)) + 1))
            for m in self.rng.choice(self.ids, size=k, replace=False):
                days = np.sort(self.rng.choice(np.arange(3, span), size=int(self.rng.integers(1, 7)), replace=False))[::-1]
                self._hold(str(m), p, days.tolist())

    def _plant_targets(self) -> None:
        """Per target company (people X, Y, Z, V, W): its best introducer meets X every 14 days for the
        last six months and met Z once; the next member met X twice long ago and Y once; the one after
        met Y once and V nearly a year ago; the one after met Y once and W nearly a year ago (nobody else
        knows anyone there: the first member, who shares names, only at the first company)."""
        n = len(self.ids)
        for j, company in enumerate(_TARGETS[: min(len(_TARGETS), n)]):
            x, y, z, v, w = self.people.index[self.people["kind"] == f"target:{company}"]
            best, nxt, third = self.ids[j % n], self.ids[(j + 1) % n], self.ids[(j + 2) % n]
            self._hold(best, x, [2 + 14 * k for k in range(13)][::-1])
            self._hold(nxt, x, [300, 200])
            self._hold(nxt, y, [320])
            self._hold(third, y, [250])
            self._hold(best, z, [330])
            self._hold(nxt, v, [345])
            self._hold(third, w, [355])

    def _plant_sole(self) -> None:
        """Per member, three people of the segment no other member knows: two met every 20 days until
        5 days ago (warm), one met every 30 days until 100 days ago (overdue: going cold)."""
        sole = list(self.people.index[self.people["kind"] == "sole"])
        for i, m in enumerate(self.ids):
            a, b, c = sole[3 * i: 3 * i + 3]
            self._hold(m, a, [5 + 20 * k for k in range(15)][::-1])
            self._hold(m, b, [6 + 20 * k for k in range(15)][::-1])
            self._hold(m, c, [100 + 30 * k for k in range(11)][::-1])

    # --- each member's files ------------------------------------------------------------------

    def _member_email(self, m: str) -> str:
        return f"{dict(self.members)[m].lower().replace(' ', '.')}@{FIRM[1]}"

    def _contacts(self, m: str) -> pd.DataFrame:
        """The member's contacts: the generated ones, the other members (colleagues), the planted
        people the member knows, each written as :attr:`written` says."""
        c = self.frames[m][0].copy()
        mates = [x for x in self.ids if x != m]
        team = pd.DataFrame({"contact_id": [f"team-{x}" for x in mates], "name": [dict(self.members)[x] for x in mates],
                             "email": [self._member_email(x) for x in mates], "company": FIRM[0], "title": "Partner",
                             "tags": "colleague", "source": "address book", "connected_on": "", "introduced_by": ""})
        mine = [p for (x, p) in self.written if x == m]
        p = self.people.loc[mine]
        how = np.array([self.written[(m, q)] for q in mine], dtype=object)
        first_met = self._first_met(m, mine)
        planted = pd.DataFrame({"contact_id": list(mine), "name": p["name"].to_numpy(), "email": np.where(how == "email", p["email"], ""),
                                "company": p["company"].to_numpy(), "title": p["title"].to_numpy(), "tags": p["tags"].to_numpy(),
                                "source": np.where(how == "name", "address book", "linkedin"), "connected_on": first_met,
                                "introduced_by": ""})
        out = pd.concat([c, team, planted], ignore_index=True)
        # the exports are made at T: no connection is dated after it (netlib reads the newest one as
        # a witness of the export's moment, Network.sources["exported"])
        day = pd.to_datetime(out["connected_on"].where(out["connected_on"] != ""), errors="coerce")
        out.loc[(day > self.T.tz_localize(None).normalize()).to_numpy(), "connected_on"] = self.T.strftime("%Y-%m-%d")
        return out

    def _first_met(self, m: str, people: list[str]) -> list[str]:
        """The day each of ``people`` was first met by ``m`` (their LinkedIn connection date)."""
        v = pd.DataFrame(self.visits, columns=["member", "person", "days", "channel"])
        v = v[v["member"] == m].groupby("person")["days"].max()
        return [(self.T - pd.Timedelta(days=float(v[p]))).strftime("%Y-%m-%d") for p in people]

    def _meetings(self, m: str) -> pd.DataFrame:
        """The member's meetings: generated, planted one-to-ones, and internal ones (weekly team meeting
        on Mondays up to T, catch-ups of each pair of members every eight weeks), in order of start."""
        g = self.frames[m][1].copy()
        g["start"] = pd.to_datetime(g["start"], utc=True)
        v = pd.DataFrame([x for x in self.visits if x[0] == m], columns=["member", "person", "days", "channel"])
        start = self._start(v["days"])
        one = pd.DataFrame({"start": start, "duration_min": v["channel"].map(_CHANNELS).astype(float), "channel": v["channel"],
                            "title": v["channel"].str.capitalize() + " with " + self.people["name"].reindex(v["person"]).to_numpy(),
                            "location": "", "attendees": v["person"].to_numpy(), "audience": pd.array([pd.NA] * len(v), dtype="Int64")})
        internal = self._internal(m)
        out = pd.concat([g, one, internal], ignore_index=True).sort_values("start", kind="stable").reset_index(drop=True)
        end = out["start"] + pd.to_timedelta(out["duration_min"], unit="min")
        return pd.DataFrame({"meeting_id": [f"m{i:05d}" for i in range(len(out))], "start": _iso(out["start"]), "end": _iso(end),
                             "channel": out["channel"], "title": out["title"], "location": out["location"].fillna(""),
                             "attendees": out["attendees"], "audience": out["audience"].astype("Int64")})

    def _internal(self, m: str) -> pd.DataFrame:
        """The member's meetings with other members only: the weekly team meeting and pair catch-ups."""
        mondays = pd.date_range(self.day0 + pd.Timedelta(days=(7 - self.day0.dayofweek) % 7), self.T.tz_localize(None).normalize(),
                                freq="7D").tz_localize("UTC") + pd.Timedelta(hours=9)
        mates = ";".join(f"team-{x}" for x in self.ids if x != m)
        rows = [pd.DataFrame({"start": mondays, "duration_min": 60.0, "channel": "meeting", "title": "Team meeting",
                              "location": "Office", "attendees": mates, "audience": pd.array([pd.NA] * len(mondays), dtype="Int64")})]
        for k, (a, b) in enumerate(combinations(self.ids, 2)):
            if m in (a, b):
                days = mondays[k % 8::8] + pd.Timedelta(days=2, hours=5)
                days = days[days < self.T]
                rows.append(pd.DataFrame({"start": days, "duration_min": 30.0, "channel": "meeting", "title": "Catch-up",
                                          "location": "Office", "attendees": f"team-{b if m == a else a}",
                                          "audience": pd.array([pd.NA] * len(days), dtype="Int64")}))
        return pd.concat(rows, ignore_index=True)

    def _start(self, days: pd.Series) -> pd.Series:
        """When a planted one-to-one ``days`` before T starts: 10:00 UTC that day."""
        return self.T.normalize() - pd.to_timedelta(days, unit="D") + pd.Timedelta(hours=10)

    def _connections(self, contacts: pd.DataFrame) -> str:
        """LinkedIn's ``Connections.csv`` of the member's LinkedIn contacts (newest first, no address,
        a profile URL each; a planted person's the one the truth holds)."""
        c = contacts[(contacts["source"] == "linkedin") & (contacts["connected_on"] != "")].copy()
        url = self.people["url"].reindex(c["contact_id"]).to_numpy(dtype=object)
        own = "https://www.linkedin.com/in/" + _local(c["name"]).str.replace(".", "-", regex=False) + "-" + c["contact_id"].str.lower()
        c["url"] = np.where(pd.isna(url), own.to_numpy(dtype=object), url)
        c = c.assign(day=pd.to_datetime(c["connected_on"])).sort_values("day", ascending=False, kind="stable")
        parts = c["name"].str.split(" ", n=1)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for first, last, url, company, title, day in zip(parts.str[0], parts.str[1].fillna(""), c["url"], c["company"], c["title"],
                                                         c["day"].dt.strftime("%d %b %Y"), strict=True):
            w.writerow([first, last, url, "", company, title, day])
        return _PREAMBLE + buf.getvalue().rstrip("\n")

    def _mailbox(self, m: str, contacts: pd.DataFrame) -> str:
        """A year of the member's e-mail up to T (:func:`netlib.datasets.write_mbox`) with 40 generated
        contacts, the member's own name on the mail they sent."""
        gen = contacts[contacts["contact_id"].str.match(r"c\d+$") & (contacts["email"] != "")]
        pick = gen.sample(n=min(40, len(gen)), random_state=self.seed * 100 + self.ids.index(m))
        owner, name = self._member_email(m), dict(self.members)[m]
        with tempfile.TemporaryDirectory() as tmp:
            write_mbox(Path(tmp, "mail.mbox"), seed=self.seed * 100 + self.ids.index(m), owner=owner, owner_name=name, days=365,
                       people=dict(zip(pick["email"], pick["name"], strict=True)),
                       start=str((self.T - pd.Timedelta(days=367)).date()))
            text = Path(tmp, "mail.mbox").read_text(encoding="utf-8")
        return text

    def files(self, m: str) -> dict[str, str]:
        """The member's folder: file name -> text."""
        contacts = self._contacts(m)
        return {"contacts.csv": csv_text(contacts), "meetings.csv": csv_text(self._meetings(m)),
                "Connections.csv": self._connections(contacts), "mail.mbox": self._mailbox(m, contacts)}

    # --- the truth ----------------------------------------------------------------------------

    def _strengths(self) -> pd.Series:
        """Each (member, person) tie's strength at T: ``sum of 2 ** (-age / 90)`` over its one-to-ones (age in days)."""
        v = pd.DataFrame(self.visits, columns=["member", "person", "days", "channel"])
        age = (self.T - self._start(v["days"])) / pd.Timedelta(days=1)
        return np.exp2(-age / _HALF_LIFE).groupby([v["member"], v["person"]]).sum()

    def truth(self) -> dict:
        """What was planted, as :func:`write_team_sample` returns it."""
        s = self._strengths()
        holders = {p: [m for m in self.ids if (m, p) in self.written] for p in self.people.index}
        pairs = {f"{a};{b}": sum(1 for h in holders.values() if a in h and b in h) for a, b in combinations(self.ids, 2)}
        best = {}
        for company in sorted(set(self.people["company"]) & set(_TARGETS)):
            at = self.people.index[self.people["company"] == company]
            per = s[s.index.get_level_values("person").isin(at)]
            top = per.groupby(level="member").max().sort_values(ascending=False)
            (m, p) = per.idxmax()
            best[company] = {"member": m, "person": p, "name": self.people.at[p, "name"], "strength": round(float(per.max()), 6),
                             "per_member": {k: round(float(v), 6) for k, v in top.items()}}
        sole = {}
        for m in self.ids:
            mine = [p for p in self.people.index[self.people["kind"] == "sole"] if (m, p) in self.written]
            last = {p: min(d for (x, q, d, _) in self.visits if x == m and q == p) for p in mine}
            sole[m] = [{"person": p, "name": self.people.at[p, "name"], "strength": round(float(s[(m, p)]), 6),
                        "days_since": last[p], "going_cold": last[p] >= 100} for p in mine]
        return {
            "team": True, "seed": self.seed, "years": self.years, "persona": self.persona, "start": str(self.day0.date()),
            "as_of": self.T.isoformat(), "half_life_days": _HALF_LIFE, "segment": SEGMENT, "firm": {"name": FIRM[0], "domain": FIRM[1]},
            "members": {m: {"name": name, "email": self._member_email(m), "emails": [self._member_email(m)],
                            "share": "names" if k == SHARING else "buckets"} for k, (m, name) in enumerate(self.members)},
            "people": {p: {**{k: str(r[k]) for k in ("kind", "name", "company", "email", "url", "tags")}, "members": holders[p],
                           "written": {m: self.written[(m, p)] for m in holders[p]}} for p, r in self.people.iterrows()},
            "overlaps": {"people": {p: h for p, h in holders.items() if len(h) >= 2}, "pairs": pairs},
            "target_companies": sorted(best), "best_introducers": best, "sole_held": sole,
            "internal_meetings": {m: len(self._internal(m)) for m in self.ids},
        }


def _local(names: pd.Series) -> pd.Series:
    """The local part of an address made from a name: ``first.last`` in ASCII."""
    s = pd.Series(names, dtype=object).astype(str).str.lower().str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    return s.str.replace(r"[^a-z -]+", "", regex=True).str.strip().str.replace(r"[ ]+", ".", regex=True)


def _domain(company: pd.Series) -> pd.Series:
    """A company's mail domain, as the generator writes it: ``acme-analytics.example``."""
    return pd.Series(company, dtype=object).astype(str).str.lower().str.replace(r"[^a-z]+", "-", regex=True).str.strip("-") + ".example"


def _iso(t: pd.Series) -> pd.Series:
    """UTC times as ``2025-06-01T09:00:00Z``."""
    return pd.to_datetime(t, utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
