"""A simulator of real exports, for the tests (#27): ``write_exports(persona, seed, out) -> truth``.

It writes one person's data the way the services export it, byte for byte in their formats
(docs/data-model.md, /work/shared/reference/export-formats.md and email.md):

* Google Calendar ``.ics`` (CRLF, lines folded at 75 octets, IANA ``VTIMEZONE`` blocks, one-off
  events in UTC, series in their zone) and Outlook ``.ics`` (``PRODID:-//Microsoft Corporation//Outlook
  16.0 MIMEDIR//EN``, Windows zone names such as ``GMT Standard Time`` with their 1601 rules, properties
  in Outlook's alphabetical order, ``SUMMARY;LANGUAGE=en-gb``), both with a ``DTSTAMP`` at the export
  moment, exceptions (``RECURRENCE-ID``: a moved week, a week the owner declined, a cancelled week),
  ``EXDATE``, cancelled events and what is no meeting (all-day, free, focus blocks, flights);
* Google Contacts CSV (current layout, UTF-8 with BOM), Outlook.com contacts CSV (61 columns, UTF-8) and
  classic Outlook contacts CSV (92 quoted columns, Windows-1252, CRLF, ``0/0/00`` dates);
* LinkedIn's ``Complete_LinkedInDataExport_MM-DD-YYYY.zip`` (``Connections.csv`` with its three-line
  preamble, newest first, no final newline; ``messages.csv`` with the 12-column header; ``Invitations.csv``);
* a Gmail Takeout ``All mail Including Spam and Trash.mbox`` (``X-GM-THRID``, ``X-Gmail-Labels``,
  ``Delivered-To``, RFC 2047 names) or a Maildir (``cur/``, ``new/``);
* Meetup attendee lists (tab-separated ``.xls`` or ``.csv``) and an Eventbrite attendee report.

A persona is a kind and a seed (:data:`KINDS`, :func:`personas`); its traits vary the way real users
vary: one or several owner addresses, and which one each mailbox belongs to; solo, or employee with
colleagues at the company's domain and internal meetings; two people of one name at different
companies; nicknames, married names, mixed-case and bare addresses; home time zone and travel; an
export taken weeks or months after the last meeting; names in several scripts; regular series and
irregular contact.

The planted truth (a JSON-able dict, also written to ``<out>_truth.json`` beside the folder, so that
the folder holds only what a user would have) is computed from what was written, under the rules of
docs/data-model.md and issue #27, never by netlib:

* ``me``: the owner's addresses, name, profile, which address ``me=`` names and which address each
  mailbox belongs to;
* ``people``: who is who (each person's addresses and profiles -> one person id), ``colleague``;
* ``one_to_one``: per person, the one-to-one meetings (calendar, LinkedIn conversation-days, e-mail
  thread-days) that are networking;
* ``hours``: networking hours by mode; a meeting whose other people are all colleagues is internal
  work, not networking (#27), and adds nothing;
* ``status``: each planted tie's status at ``as_of`` (the export moment), by netlib's documented rules
  (netlib/decay/: strength with a 90-day half-life, weights 1 / 0.3, warm at 0.5, cooling past
  ``max(2.5 x rhythm, 21 days)``, cold past 8 x rhythm or below warm, dormant after 3 years);
* ``this_week``: every tie ``going_cold`` should list at ``as_of`` (overdue, then going cold within 90
  days), with ``overdue`` the ones that come first.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.header import Header
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import numpy as np

UTC = timezone.utc
KINDS = ("consultant", "cofounder", "corporate", "academic", "organiser", "stale")
SEEDS = (0, 1, 2, 3)

#: what netlib's documented rules use (docs/data-model.md; netlib/decay/), restated here so that the
#: truth never comes from netlib itself
HALF_LIFE, WARM, COOLING_K, FLOOR, COLD_K, DORMANT = 90.0, 0.5, 2.5, 21.0, 8.0, 3 * 365.0
WEIGHT = {"one_to_one": 1.0, "one_to_many": 0.3}
EMAIL_MINUTES, MESSAGE_MINUTES, BROADCAST = 3.0, 5.0, 10
HORIZON = 90.0


def personas() -> list[tuple[str, int]]:
    """Every (kind, seed) of the suite: 6 kinds x 4 seeds."""
    return [(k, s) for k in KINDS for s in SEEDS]


# --------------------------------------------------------------------------------------------- names

_FIRST = ["Ama", "Ben", "Chiara", "Dev", "Elif", "Femi", "Grete", "Hugo", "Ines", "Jun", "Kofi", "Lena", "Mateo", "Nia",
          "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor", "Wen", "Xavi", "Yara", "Zeno", "Aiko", "Bruno",
          "Carmen", "Dario", "Esme", "Farah", "Gus", "Hana", "Ivo", "Jana", "Kai", "Lior", "Mina", "Nils"]
_LAST = ["Abbot", "Brandt", "Castillo", "Dube", "Eriksen", "Fontaine", "Gallo", "Haddad", "Ito", "Jansen", "Kowalski",
         "Lindqvist", "Moreau", "Novak", "Okoro", "Petrov", "Quist", "Rahman", "Silva", "Takahashi", "Ueda", "Varga",
         "Weber", "Yilmaz", "Zhou", "Bauer", "Costa", "Duarte", "Engel", "Fischer"]
#: names in other scripts and with accents: (first, last, ascii local part of their address)
_WORLD = [("José", "Álvarez", "jose.alvarez"), ("Zoë", "Müller", "zoe.mueller"), ("Søren", "Ødegaard", "soren.odegaard"),
          ("Anaïs", "Lefèvre", "anais.lefevre"), ("Łukasz", "Wiśniewski", "lukasz.wisniewski"), ("Çağla", "Öztürk", "cagla.ozturk"),
          ("伟", "王", "wei.wang"), ("娜", "李", "na.li"), ("敏", "张", "min.zhang"), ("健", "佐藤", "ken.sato"),
          ("محمد", "العلي", "m.alali"), ("فاطمة", "حداد", "f.haddad"), ("Дмитрий", "Иванов", "d.ivanov"),
          ("Анна", "Смирнова", "a.smirnova"), ("Inês", "Conceição", "ines.conceicao"), ("Björn", "Åberg", "bjorn.aberg")]
_COMPANIES = ["Northwind Labs", "Bluefin Capital", "Orchard Health", "Kestrel Media", "Harbour Logistics", "Tallis Partners",
              "Quarry Analytics", "Meridian Bank", "Lumen Studio", "Cobalt Works", "Fennel Foods", "Granite Legal"]
PUBLIC = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk"]


def _slug(s: str) -> str:
    return "".join(ch for ch in s.lower().replace(" ", "-") if ch.isalnum() or ch == "-")


def _domain(company: str) -> str:
    return _slug(company.split()[0]) + ".example"


# --------------------------------------------------------------------------------------------- the world


@dataclass(eq=False)
class Person:
    pid: str
    first: str
    last: str
    company: str = ""
    title: str = ""
    emails: list[str] = field(default_factory=list)  # lower case, the first the primary one
    url: str = ""  # LinkedIn profile
    meetup: str = ""  # Meetup profile
    colleague: bool = False
    nickname: str = ""  # the name on invitations and mail when it is not first + last
    written: dict = field(default_factory=dict)  # how each source writes the address: {"calendar": "Pat.Jones@Firm.Example"}
    group: str = ""  # the planted group: weekly, overdue, cold, dormant...
    records: set = field(default_factory=set)  # the contact files they are in

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def shown(self) -> str:  # the name invitations and mail show
        return f"{self.nickname} {self.last}" if self.nickname else self.name

    def address(self, where: str) -> str:
        return self.written.get(where, self.emails[0])


@dataclass
class Meeting:
    """A meeting netlib should keep (networking or internal), as the truth sees it."""

    start: datetime  # UTC
    minutes: float
    people: tuple[str, ...]
    source: str
    group_channel: bool = False  # a meetup or event list: one-to-many whatever its size
    audience: int = 0

    @property
    def mode(self) -> str:
        if self.audience or len(self.people) >= 2 or (self.group_channel and self.people):
            return "one_to_many"
        return "one_to_one" if len(self.people) == 1 else "solo"


@dataclass
class Ev:
    """One calendar entry as the calendar writes it (a series with its exceptions, or a one-off)."""

    start: datetime  # local, naive
    minutes: int
    tz: str
    summary: str
    people: list  # (address as written, CN or None, PARTSTAT)
    organizer: tuple  # (address, CN)
    rrule: str = ""
    exdates: list = field(default_factory=list)  # local starts
    overrides: list = field(default_factory=list)  # (recurrence id local, new local start or None, partstat of the owner, status)
    status: str = ""
    transp: str = ""
    allday: tuple | None = None  # (first day, day after the last)
    location: str = ""
    video: bool = False
    uid: str = ""


class World:
    def __init__(self, kind: str, seed: int):
        self.kind, self.seed = kind, seed
        self.rng = np.random.default_rng([KINDS.index(kind), seed, 27])
        self.people: dict[str, Person] = {}
        self.ledger: list[Meeting] = []
        self.calendars: dict[str, dict] = {}  # file name -> {"flavour", "events", "name", ...}
        self.conversations: list[dict] = []
        self.mail: dict[str, list[dict]] = {}  # mailbox -> messages
        self.mailboxes: dict[str, dict] = {}  # mailbox -> {"owner": address, "format": "takeout"|"maildir"}
        self.meetups: dict[str, dict] = {}
        self.eventbrite: dict[str, dict] = {}
        self.traits: list[str] = []
        self.planted: dict[str, str] = {}  # pid -> planted group
        self._names = self._name_pool()
        self._n = 0

    # people ------------------------------------------------------------------------------------
    def _name_pool(self):
        pool = [(f, l, f"{f.lower()}.{l.lower()}") for f in _FIRST for l in _LAST]
        order = self.rng.permutation(len(pool))
        return [pool[i] for i in order]

    def person(self, company: str = "", *, world: bool = False, domain: str | None = None, colleague: bool = False,
               first: str | None = None, last: str | None = None, local: str | None = None, title: str = "", **kw) -> Person:
        if first is None:
            if world:
                used = {(p.first, p.last) for p in self.people.values()}
                left = [w for w in _WORLD if (w[0], w[1]) not in used and (self.kind != "corporate" or _cp1252(w[0] + w[1]))]
                first, last, local = left[int(self.rng.integers(len(left)))]
            else:
                used = {(p.first, p.last) for p in self.people.values()}
                while True:
                    first, last, local = self._names.pop()
                    if (first, last) not in used:
                        break
        local = local or f"{first.lower()}.{last.lower()}"
        self._n += 1
        pid = f"p{self._n:03d}"
        dom = domain or (_domain(company) if company else PUBLIC[self._n % len(PUBLIC)])
        p = Person(pid, first, last, company, title or self.pick(["Director", "Engineer", "Partner", "Founder", "Analyst",
                                                                   "Head of Sales", "Product Manager", ""]),
                   [f"{local}@{dom}".lower()], colleague=colleague, **kw)
        self.people[pid] = p
        return p

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def linked(self, p: Person, slug_extra: str = "") -> Person:
        slug = quote(_slug(p.first + "-" + p.last)) or "member"  # LinkedIn percent-encodes other scripts
        p.url = f"https://www.linkedin.com/in/{slug}{slug_extra or '-' + format(int(self.rng.integers(16**6)), '06x')}"
        p.records.add("linkedin")
        return p

    # calendars -----------------------------------------------------------------------------------
    def calendar(self, file: str, flavour: str, owner_address: str, tz: str, name: str) -> str:
        self.calendars[file] = {"flavour": flavour, "owner": owner_address, "tz": tz, "events": [], "calname": name}
        return file

    def event(self, cal: str, people: list[Person], start: datetime, minutes: int, summary: str, *, tz: str | None = None,
              organizer: Person | None = None, every_weeks: int = 0, monthly: int = 0, count: int = 0, until: datetime | None = None,
              open_ended: bool = False, exdates=(), moved=(), declined=(), cancelled=(), status: str = "", video: bool = False,
              location: str = "", extra_people: list = (), counts: bool = True, owner_partstat: str = "ACCEPTED") -> list[datetime]:
        """A calendar entry (a one-off, or a series every ``every_weeks`` weeks or every month on the
        ``monthly``-th weekday of ``start``), its meetings added to the ledger when ``counts``: each
        occurrence up to the export moment, less those the owner declined, cancelled or excluded.
        ``moved``: (index, new local start); ``exdates``, ``declined``, ``cancelled``: indexes."""
        c = self.calendars[cal]
        tz = tz or c["tz"]
        zone = ZoneInfo(tz)
        occ = []
        k = 0
        while True:
            if every_weeks:
                d = start + timedelta(weeks=every_weeks * k)
            elif monthly:
                d = _nth_weekday(start.year, start.month + k, start.weekday(), monthly, start.time())
            else:
                d = start
            if count and k >= count:
                break
            if until is not None and d > until:
                break
            if (open_ended or not (every_weeks or monthly)) and d.replace(tzinfo=zone).astimezone(UTC) > self.export + timedelta(days=10):
                break
            occ.append(d)
            k += 1
            if not (every_weeks or monthly):
                break
        rrule = ""
        if every_weeks or monthly:
            day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()]
            rrule = (f"FREQ=WEEKLY;INTERVAL={every_weeks};BYDAY={day}" if every_weeks else f"FREQ=MONTHLY;BYDAY={monthly}{day}")
            if count:
                rrule += f";COUNT={count}"
            elif not open_ended:
                last_utc = occ[-1].replace(tzinfo=zone).astimezone(UTC)
                rrule += f";UNTIL={last_utc:%Y%m%dT%H%M%S}Z"
            if c["flavour"] == "outlook" and every_weeks:
                rrule += ";WKST=MO"  # Outlook names the week start of weekly series
        moved = dict(moved)
        atts = [(p.address("calendar"), p.shown if not p.written.get("bare") else None, "ACCEPTED") for p in people] + list(extra_people)
        org = (organizer.address("calendar"), organizer.shown) if organizer else (c["owner"], self.me["name"])
        ev = Ev(start, minutes, tz, summary, atts, org, rrule=rrule, status=status, video=video, location=location)
        ev.exdates = [occ[i] for i in exdates]
        for i in declined:
            ev.overrides.append((occ[i], None, "DECLINED", ""))
        for i in cancelled:
            ev.overrides.append((occ[i], None, "ACCEPTED", "CANCELLED"))
        for i, new in moved.items():
            ev.overrides.append((occ[i], new, "ACCEPTED", ""))
        ev.owner_partstat = owner_partstat
        c["events"].append(ev)
        kept = []
        gone = set(exdates) | set(declined) | set(cancelled)
        for i, d in enumerate(occ):
            if i in gone:
                continue
            d = moved.get(i, d)
            t = d.replace(tzinfo=zone).astimezone(UTC)
            if t > self.export:  # after the export moment: not in the data (#27)
                continue
            kept.append(t)
            if counts and status != "CANCELLED" and owner_partstat != "DECLINED":
                pids = tuple(p.pid for p in people) + tuple(x[3] for x in extra_people if len(x) > 3)
                self.ledger.append(Meeting(t, minutes, pids, f"calendar {cal}"))
        return kept

    def not_meetings(self, cal: str, when: datetime):
        """What a calendar holds that is no networking meeting (docs/data-model.md)."""
        c = self.calendars[cal]
        tz = c["tz"]
        v = when.date()
        c["events"].append(Ev(datetime.combine(v, datetime.min.time()), 0, tz, "Annual leave", [], (c["owner"], self.me["name"]),
                              transp="TRANSPARENT", allday=(v, v + timedelta(days=5))))
        c["events"].append(Ev(when.replace(hour=9, minute=0), 180, tz, "Focus time", [], (c["owner"], self.me["name"]),
                              rrule="FREQ=WEEKLY;INTERVAL=1;BYDAY=" + ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][when.weekday()] + ";COUNT=12"))
        c["events"].append(Ev((when + timedelta(days=40)).replace(hour=7, minute=0), 150, tz, "Flight BA0117", [], (c["owner"], self.me["name"])))
        gus = self.person("Cancelled Co")
        self.event(cal, [gus], (when + timedelta(days=61)).replace(hour=9, minute=0), 45, "Coffee", status="CANCELLED", counts=False)
        gus.records.clear()
        if c["flavour"] == "google":
            vera = self.person("Vendor Inc")
            self.event(cal, [vera], (when + timedelta(days=75)).replace(hour=13, minute=0), 60, "Vendor pitch", organizer=vera,
                       owner_partstat="DECLINED", counts=False)
            c["events"].append(Ev((when + timedelta(days=90)).replace(hour=12, minute=0), 60, tz, "Lunch (tentative hold)",
                                  [], (c["owner"], self.me["name"]), transp="TRANSPARENT"))

    # LinkedIn --------------------------------------------------------------------------------------
    def conversation(self, people: list[Person], days: list[datetime], *, title: str = ""):
        """A LinkedIn conversation: on each day, the other side writes and the owner answers (UTC times)."""
        cid = "2-" + format(int(self.rng.integers(16**12)), "012x") + "ZXhhbXBsZQ=="
        msgs = []
        for d in days:
            who = people[int(self.rng.integers(len(people)))]
            msgs.append((d, who.pid, [x.pid for x in people if x is not who] + ["me"]))
            msgs.append((d + timedelta(minutes=int(self.rng.integers(5, 300))), "me", [x.pid for x in people]))
        self.conversations.append({"cid": cid, "title": title, "msgs": msgs})
        for p in people:
            p.records.add("linkedin-messages")

    # mail ----------------------------------------------------------------------------------------
    def mailbox(self, name: str, owner: str, fmt: str):
        self.mailboxes[name] = {"owner": owner, "format": fmt}
        self.mail[name] = []

    def thread(self, box: str, people: list[Person], days: list[datetime], *, subject: str = "", owner_from: str | None = None):
        """An e-mail thread: on each day a counterpart writes (to the owner, the others in Cc) and the owner answers all."""
        own = owner_from or self.mailboxes[box]["owner"]
        tid = str(int(self.rng.integers(10**18, 9 * 10**18)))
        subject = subject or self.pick(["Catch-up", "Intro", "Proposal", "Next steps", "Quick question", "Follow-up", "Coffee?"])
        root = None
        refs: list[str] = []
        for k, d in enumerate(days):
            who = people[k % len(people)]
            others = [p for p in people if p is not who]
            mid = f"<{tid}.{k}a@{who.address('mail').split('@')[1]}>"
            self.mail[box].append({"when": d, "from": (who.shown, who.address("mail")), "to": [(self.me["name"], own)],
                                   "cc": [(p.shown, p.address("mail")) for p in others], "id": mid, "refs": list(refs),
                                   "thread": tid, "subject": subject if not refs else "Re: " + subject, "labels": "Inbox"})
            refs.append(mid)
            root = root or mid
            reply = d + timedelta(minutes=int(self.rng.integers(20, 240)))
            rid = f"<{tid}.{k}b@{own.split('@')[1]}>"
            self.mail[box].append({"when": reply, "from": (self.me["name"], own), "to": [(p.shown, p.address("mail")) for p in people],
                                   "cc": [], "id": rid, "refs": list(refs), "thread": tid, "subject": "Re: " + subject,
                                   "labels": "Sent"})
            refs.append(rid)

    def mail_noise(self, box: str, start: datetime):
        own = self.mailboxes[box]["owner"]
        add = self.mail[box].append
        for i in range(6):
            add({"when": start + timedelta(days=9 * i, hours=6), "from": ("The Weekly", "news@letters.example"), "to": [("", own)],
                 "cc": [], "id": f"<n{i}@letters.example>", "refs": [], "thread": f"9{i}01", "subject": f"Issue {i}",
                 "labels": "Inbox,Category Updates", "extra": ["List-Unsubscribe: <mailto:unsub@letters.example>"]})
        for i in range(3):
            add({"when": start + timedelta(days=13 * i, hours=7), "from": ("Service", "noreply@service.example"), "to": [("", own)],
                 "cc": [], "id": f"<r{i}@service.example>", "refs": [], "thread": f"9{i}02", "subject": f"Your receipt {i}",
                 "labels": "Inbox"})
        add({"when": start + timedelta(days=20, hours=8), "from": ("Deals", "deals@promo.example"), "to": [("", own)], "cc": [],
             "id": "<p1@promo.example>", "refs": [], "thread": "9003", "subject": "50% off", "labels": "Category Promotions,Inbox"})
        for i in range(2):  # cold outreach never answered: one-way
            add({"when": start + timedelta(days=30 + i, hours=10), "from": (self.me["name"], own),
                 "to": [("", f"prospect{i}@cold.example")], "cc": [], "id": f"<c{i}@{own.split('@')[1]}>", "refs": [],
                 "thread": f"9{i}04", "subject": "Introducing myself", "labels": "Sent"})

    def broadcast(self, box: str, people: list[Person], when: datetime, subject: str):
        """A message the owner sent to more than 10 people: one-to-many, an audience, nobody met."""
        own = self.mailboxes[box]["owner"]
        self.mail[box].append({"when": when, "from": (self.me["name"], own), "to": [(self.me["name"], own)],
                               "bcc": [(p.shown, p.address("mail")) for p in people], "cc": [],
                               "id": f"<b{len(self.mail[box])}@{own.split('@')[1]}>", "refs": [], "thread": str(10**17 + len(self.mail[box])),
                               "subject": subject, "labels": "Sent"})

    # event lists -------------------------------------------------------------------------------------
    def meetup(self, file: str, group: str, people: list[Person], start: datetime, minutes: int, title: str, *, no_show=(),
               host: bool = True):
        for p in people + list(no_show):
            if not p.meetup:
                p.meetup = f"https://www.meetup.com/{group}/members/{int(self.rng.integers(10**8, 10**9))}/"
        for p in people:  # a no-show's row is skipped: only those who came are records
            p.records.add("meetup")
        self.meetups[file] = {"group": group, "people": [p.pid for p in people], "no_show": [p.pid for p in no_show],
                              "start": start, "minutes": minutes, "title": title, "host": host}
        self.ledger.append(Meeting(start.replace(tzinfo=ZoneInfo(self.me["tz"])).astimezone(UTC), minutes,
                                   tuple(p.pid for p in people), f"meetup {file}", group_channel=True))

    def eventbrite_list(self, file: str, people: list[Person], start: datetime, minutes: int, title: str, refunded=()):
        for p in people:  # a refunded ticket's row is skipped
            p.records.add("eventbrite")
        self.eventbrite[file] = {"people": [p.pid for p in people], "refunded": [p.pid for p in refunded], "start": start,
                                 "minutes": minutes, "title": title}
        self.ledger.append(Meeting(start.replace(tzinfo=ZoneInfo(self.me["tz"])).astimezone(UTC), minutes,
                                   tuple(p.pid for p in people), f"eventbrite {file}", group_channel=True))


def _cp1252(s: str) -> bool:
    """Whether classic Outlook's Windows-1252 file can hold ``s`` (names in other scripts it cannot)."""
    try:
        s.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _nth_weekday(year: int, month: int, weekday: int, n: int, at) -> datetime:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first = date(year, month, 1)
    d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return datetime.combine(d, at)


def _days(start: datetime, end: datetime, every: float, rng, jitter: float = 0.0) -> list[datetime]:
    out, d = [], start
    while d <= end:
        out.append(d)
        d = d + timedelta(days=every + (float(rng.uniform(-jitter, jitter)) if jitter else 0))
    return out


# --------------------------------------------------------------------------------------------- the kinds


def _common_network(w: World, cal: str, box: str | None, *, start: datetime, clubs: bool = True, world_names: int = 3,
                    same_name: bool = False, nickname: bool = False, married: bool = False, mixed_case: bool = False,
                    open_series: bool = False, li_only: int = 8, contacts_file: str = "google", weekly_open: bool = True):
    """The outside network every kind shares: planted ties (weekly, overdue, cold, dormant), irregular
    coffees, LinkedIn conversations, e-mail correspondents, a club, and the chosen traits."""
    rng, E, tz = w.rng, w.export, w.me["tz"]
    zone = ZoneInfo(tz)
    local_E = E.astimezone(zone).replace(tzinfo=None)
    # weekly: a client met every week, the series open-ended (the export cuts it) or ending at the export
    weekly = w.linked(w.person(w.pick(_COMPANIES)), "")
    weekly.records.add(contacts_file)
    weekly.group = "weekly"
    wd = (local_E.weekday() + (1 if open_series else 3)) % 7  # the series' weekday: the day after the export, or later
    first = start + timedelta(days=(wd - start.weekday()) % 7)
    first = first.replace(hour=10, minute=0)
    w.event(cal, [weekly], first, 30, f"{weekly.first} / {w.me['first']} weekly", every_weeks=1, open_ended=weekly_open,
            until=None if weekly_open else local_E,
            exdates=[5], moved=[(9, first + timedelta(weeks=9, hours=3))],
            declined=[14] if w.calendars[cal]["flavour"] == "google" else [], cancelled=[20], video=True)
    w.planted[weekly.pid] = "weekly"
    # overdue: monthly for 14 months, then silent for about 4 months
    over = w.person(w.pick(_COMPANIES))
    over.records.add(contacts_file)
    end = local_E - timedelta(days=int(rng.integers(110, 140)))
    m0 = end - timedelta(days=13 * 30.5)
    w.event(cal, [over], _nth_weekday(m0.year, m0.month, 0, 1, datetime.min.time().replace(hour=8, minute=30)), 60, "Advisor check-in",
            monthly=1, count=14)
    w.planted[over.pid] = "overdue"
    # cold: fortnightly for a year, silent for 9-10 months
    cold = w.linked(w.person(w.pick(_COMPANIES)))
    cold.records.add(contacts_file)
    cend = local_E - timedelta(days=int(rng.integers(280, 310)))
    c0 = cend - timedelta(weeks=2 * 24)
    c0 = c0.replace(hour=16, minute=0)
    w.event(cal, [cold], c0, 30, "Catch-up", every_weeks=2, count=25)
    w.planted[cold.pid] = "cold"
    # dormant: LinkedIn messages four years ago
    dormant = w.linked(w.person(w.pick(_COMPANIES)))
    d0 = (E - timedelta(days=int(rng.integers(1300, 1500)))).replace(hour=11, minute=0, second=0, microsecond=0)
    w.conversation([dormant], [d0 + timedelta(days=21 * i) for i in range(5)])
    w.planted[dormant.pid] = "dormant"
    # active by mail or messages: a correspondent written to every 10 days up to the export
    if box:
        pen = w.person(w.pick(_COMPANIES))
        pen.records.add(contacts_file)
        days = [d.replace(hour=9) for d in _days((E - timedelta(days=200)).replace(minute=0, second=0, microsecond=0),
                                                  E - timedelta(days=3), 10, rng)]
        for i in range(0, len(days), 3):
            w.thread(box, [pen], days[i:i + 3])
        w.planted[pen.pid] = "mail"
    # irregular coffees and calls with a dozen people, each a few times at random
    for i in range(12):
        p = w.person(w.pick(_COMPANIES) if i % 3 else "", world=i < world_names)
        if i % 2:
            w.linked(p)
        if i % 4 != 3:
            p.records.add(contacts_file)
        for _ in range(int(rng.integers(1, 5))):
            d = start + timedelta(days=int(rng.integers(0, (local_E - start).days - 1)))
            d = d.replace(hour=int(rng.integers(8, 17)), minute=int(rng.choice([0, 30])))
            w.event(cal, [p], d, int(rng.choice([30, 45, 60])), rng.choice(["Coffee", "Intro call", "Lunch"]).item(),
                    video=bool(rng.integers(2)))
    # e-mail correspondents (a few also on the calendar)
    if box:
        for i in range(8):
            p = w.person(w.pick(_COMPANIES) if i % 2 else "")
            if i % 3 == 0:
                p.records.add(contacts_file)
            for _ in range(int(rng.integers(1, 4))):
                d0 = start + timedelta(days=int(rng.integers(0, (local_E - start).days - 10)))
                d0 = datetime(d0.year, d0.month, d0.day, int(rng.integers(8, 12)), 0, tzinfo=UTC)
                w.thread(box, [p], [d0 + timedelta(days=(1 + int(rng.integers(0, 3))) * j) for j in range(int(rng.integers(1, 3)))])
        # a thread with two people (one-to-many)
        a, b = w.person("Tallis Partners"), w.person("Tallis Partners")
        a.records.add(contacts_file)
        d0 = datetime(local_E.year, local_E.month, 1, 10, tzinfo=UTC) - timedelta(days=60)
        w.thread(box, [a, b], [d0, d0 + timedelta(days=1), d0 + timedelta(days=2)], subject="Workshop plan")
        w.mail_noise(box, E - timedelta(days=150))
    # LinkedIn conversations with a few people, and connections met nowhere
    for i in range(4):
        p = w.linked(w.person(w.pick(_COMPANIES), world=i == 0 and world_names > 3))
        d0 = (E - timedelta(days=int(rng.integers(20, 600)))).replace(minute=0, second=0, microsecond=0)
        w.conversation([p], [d0 + timedelta(days=int(rng.integers(0, 30)))] +
                       [d0 + timedelta(days=40 + 20 * j) for j in range(int(rng.integers(0, 3)))])
    g1, g2 = w.linked(w.person(w.pick(_COMPANIES))), w.linked(w.person(w.pick(_COMPANIES)))
    w.conversation([g1, g2], [(E - timedelta(days=45)).replace(minute=0, second=0, microsecond=0)], title="Panel prep")
    for i in range(li_only):
        w.linked(w.person(w.pick(_COMPANIES)))
    # a breakfast club on the calendar: monthly, 8-14 of a pool of 18
    if clubs:
        host = w.person("Founders Breakfast")
        pool = [w.person(w.pick(_COMPANIES) if i % 2 else "") for i in range(18)]
        for i, p in enumerate(pool[:6]):
            w.linked(p)
        for k in range(12):
            mo = local_E - timedelta(days=30.5 * (12 - k) + 10)
            d = _nth_weekday(mo.year, mo.month, 3, 2, datetime.min.time().replace(hour=7, minute=30))
            came = [pool[i] for i in sorted(rng.choice(len(pool), int(rng.integers(8, 15)), replace=False))]
            if k == 11:
                came = sorted(set(came) | set(pool), key=lambda p: p.pid)  # everyone comes once
            w.event(cal, came, d, 90, "Founders Breakfast", organizer=host, location="The Grand Hotel, Room 2",
                    extra_people=[(host.address("calendar"), host.shown, "ACCEPTED", host.pid)])
    # traits
    if same_name:  # two James Smiths: one in LinkedIn and the address book (same company), one only in the address book
        js_a = w.linked(w.person("Acme Ltd", first="James", last="Smith", local="jsmith"))
        js_a.records.add(contacts_file)
        js_a.company_written = {"linkedin": "Acme Ltd", contacts_file: "Acme"}
        js_b = w.person("Beta Corp", first="James", last="Smith", local="james.smith")
        js_b.records.add(contacts_file)
        for p, k in ((js_a, 3), (js_b, 2)):
            for j in range(k):
                d = (local_E - timedelta(days=30 + 45 * j + (7 if p is js_b else 0))).replace(hour=14, minute=0, second=0, microsecond=0)
                w.event(cal, [p], d, 45, "James / " + w.me["first"])
        w.traits.append("same-name: two James Smiths at different companies, one with a LinkedIn and an address-book record")
    if nickname:
        bob = w.linked(w.person(w.pick(_COMPANIES), first="Robert", last="Chen", local="bob.chen", nickname="Bob"))
        bob.records.add(contacts_file)
        for j in range(3):
            d = (local_E - timedelta(days=20 + 33 * j)).replace(hour=12, minute=30, second=0, microsecond=0)
            w.event(cal, [bob], d, 60, "Lunch with Bob")
        if box:
            w.thread(box, [bob], [(E - timedelta(days=70)).replace(minute=0, second=0, microsecond=0)])
        w.traits.append("nickname: Robert Chen is 'Bob Chen' on invitations and mail")
    if married:
        maria = w.person(w.pick(_COMPANIES), first="Maria", last="Lopez", local="maria.lopez")
        maria.emails.append("maria.garcia@gmail.com")
        w.linked(maria)
        maria.linkedin_email = True
        maria.records.add(contacts_file)
        maria.contacts_name = ("Maria", "Garcia")  # the address book still has her maiden name, with both addresses
        for j in range(2):
            d = (local_E - timedelta(days=15 + 50 * j)).replace(hour=11, minute=0, second=0, microsecond=0)
            w.event(cal, [maria], d, 45, "Maria catch-up")
        if box:
            maria.written["mail"] = "maria.garcia@gmail.com"
            w.thread(box, [maria], [(E - timedelta(days=90)).replace(minute=0, second=0, microsecond=0)])
            maria.written.pop("mail")
        w.traits.append("married name: Maria Lopez is Maria Garcia in the address book, with her old and new addresses")
    if mixed_case:
        pat = w.person("Firm Partners", first="Pat", last="Jones", local="pat.jones", domain="firm-partners.example")
        pat.records.add(contacts_file)
        pat.written["calendar"] = "Pat.Jones@Firm-Partners.Example"
        for j in range(4):
            d = (local_E - timedelta(days=12 + 26 * j)).replace(hour=15, minute=0, second=0, microsecond=0)
            if j == 2:
                pat.written["bare"] = True
            w.event(cal, [pat], d, 30, "Pat sync")
            pat.written.pop("bare", None)
        if box:
            pat.written["mail"] = "PAT.JONES@FIRM-PARTNERS.EXAMPLE"
            w.thread(box, [pat], [(E - timedelta(days=33)).replace(minute=0, second=0, microsecond=0)])
            pat.written.pop("mail")
        w.traits.append("mixed-case and bare addresses: Pat Jones invited as Pat.Jones@Firm-Partners.Example, once bare")


def _owner(w: World, first: str, last: str, addresses: dict, tz: str, me_key: str):
    w.me = {"first": first, "last": last, "name": f"{first} {last}", "addresses": addresses, "tz": tz,
            "url": f"https://www.linkedin.com/in/{_slug(first + '-' + last)}-{w.seed}a7", "me": addresses[me_key]}


def _build(kind: str, seed: int) -> World:
    w = World(kind, seed)
    rng = w.rng
    if kind == "consultant":
        # a solo consultant: a personal Gmail address (seeds 0, 1) or her own domain (2, 3); Google calendar,
        # contacts, Takeout of the same address, LinkedIn
        tz = ["Europe/London", "America/New_York"][seed % 2]
        own = "ada.example.{}@gmail.com".format(1980 + seed) if seed < 2 else f"ada@example-consulting-{seed}.example"
        _owner(w, "Ada", "Example", {"main": own}, tz, "main")
        w.export = datetime(2026, 1, 12, 15, 0, tzinfo=UTC) + timedelta(days=7 * seed)
        w.calendar(f"{own}.ics", "google", own, tz, own)
        w.mailbox("Takeout/Mail/All mail Including Spam and Trash.mbox", own, "takeout")
        w.traits += ["solo consultant, one address", f"home time zone {tz}",
                     "open weekly series whose next week falls the day after the export" if seed % 2 == 0 else "series end before the export"]
        _common_network(w, f"{own}.ics", "Takeout/Mail/All mail Including Spam and Trash.mbox", start=datetime(2024, 1, 8),
                        same_name=seed in (1, 3), nickname=seed in (0, 2), married=seed == 2, mixed_case=seed in (1, 2),
                        open_series=seed % 2 == 0, world_names=2 + seed)
        w.not_meetings(f"{own}.ics", datetime(2024, 7, 15))
        w.own_card = "google"
    elif kind == "cofounder":
        # a startup co-founder in London: Outlook .ics (Windows zone names) of her work address, Outlook.com
        # contacts, LinkedIn, a Takeout mbox of her personal Gmail, Meetup lists of the meetup she hosts,
        # an Eventbrite report; colleagues at the company's domain and internal meetings
        tz = "Europe/London"
        dom = ["lumenrobotics", "quillhealth", "tidepay", "ferncloud"][seed] + ".example"
        work, personal = f"sara@{dom}", f"sara.okoye.{seed}@gmail.com"
        _owner(w, "Sara", "Okoye", {"work": work, "personal": personal}, tz, "work")
        w.org = dom
        w.export = datetime(2026, 3, 9, 17, 0, tzinfo=UTC) + timedelta(days=7 * seed)
        cal = w.calendar("Calendar.ics", "outlook", work, tz, "Calendar")
        box = "Takeout/Mail/All mail Including Spam and Trash.mbox"
        w.mailbox(box, personal, "takeout")
        w.traits += ["work and personal addresses; --me names work, the mailbox is the personal Gmail",
                     "employee-founder: colleagues at the company domain, all-hands, co-founder sync, 1:1s with reports",
                     "travel: meetings in New York written in Eastern Standard Time"]
        _common_network(w, cal, box, start=datetime(2024, 3, 4), same_name=seed in (0, 2), nickname=seed == 1, married=seed == 3,
                        mixed_case=seed in (0, 3), open_series=seed % 2 == 1, world_names=3, contacts_file="outlook")
        _colleagues(w, cal, dom, n=6 + seed, start=datetime(2024, 3, 4), box=None)
        _travel(w, cal, "America/New_York", datetime(2025, 10, 13))
        _host_meetups(w, start=datetime(2025, 5, 14), n=3 + seed % 2, group=f"london-{dom.split('.')[0]}-builders")
        w.not_meetings(cal, datetime(2024, 8, 5))
        w.own_card = "outlook"
    elif kind == "corporate":
        # an account director at a large company: Outlook .ics, classic Outlook contacts (cp1252), LinkedIn,
        # a Maildir of the work address; many colleagues, internal meetings, client meetings with colleagues
        tz = ["America/New_York", "Europe/London"][seed % 2]
        dom = ["meridianbank", "harbourlogistics", "orchardhealth", "granitelegal"][seed] + ".example"
        work = f"tom.reyes@{dom}"
        _owner(w, "Tom", "Reyes", {"work": work}, tz, "work")
        w.org = dom
        w.export = datetime(2025, 11, 17, 16, 0, tzinfo=UTC) + timedelta(days=7 * seed)
        cal = w.calendar("Calendar.ics", "outlook", work, tz, "Calendar")
        box = "Maildir"
        w.mailbox(box, work, "maildir")
        w.traits += ["employee of a large company: one work address, Maildir of it",
                     "colleagues at the company domain, internal meetings, client meetings with a colleague"]
        _common_network(w, cal, box, start=datetime(2023, 12, 4), same_name=True, nickname=seed % 2 == 0, mixed_case=seed % 2 == 1,
                        open_series=seed in (0, 3), world_names=2, contacts_file="outlook-classic", clubs=seed % 2 == 0)
        _colleagues(w, cal, dom, n=10 + seed, start=datetime(2023, 12, 4), box=box)
        if seed % 2:
            _travel(w, cal, "Europe/Berlin", datetime(2025, 6, 9))
        w.not_meetings(cal, datetime(2024, 8, 12))
        w.own_card = None
    elif kind == "academic":
        # a professor who travels: Google calendar of the university address with events in several zones,
        # Google contacts with her own card (university + personal), LinkedIn, a Maildir of the university
        # address; --me is the university address (seeds 0, 1) or the personal one (2, 3)
        tz = "Europe/Berlin"
        dom = ["uni-freiburg", "tu-delft", "uni-bologna", "kth"][seed] + ".example"
        uni, personal = f"l.novak@{dom}", f"lena.novak{seed}@outlook.com"
        _owner(w, "Lena", "Novak", {"university": uni, "personal": personal}, tz, "university" if seed < 2 else "personal")
        w.org = dom
        w.export = datetime(2025, 9, 22, 14, 0, tzinfo=UTC) + timedelta(days=7 * seed)
        cal = w.calendar(f"{uni}.ics", "google", uni, tz, uni)
        box = "Maildir"
        w.mailbox(box, uni, "maildir")
        w.traits += ["university and personal addresses; --me names " + ("the university one" if seed < 2 else "the personal one, "
                     "known only from her own card"), "travel: conferences in America/Los_Angeles and Asia/Tokyo",
                     "names in several scripts (Chinese, Japanese, Arabic, Cyrillic, accents)", "lab meetings with colleagues only"]
        _common_network(w, cal, box, start=datetime(2023, 10, 2), world_names=8, same_name=seed == 2, married=seed in (0, 1),
                        mixed_case=seed == 3, open_series=seed % 2 == 0, clubs=False)
        _colleagues(w, cal, dom, n=5, start=datetime(2023, 10, 2), box=box, lab=True)
        _travel(w, cal, "America/Los_Angeles", datetime(2024, 6, 17))
        _travel(w, cal, "Asia/Tokyo", datetime(2025, 3, 10), world=True)
        w.not_meetings(cal, datetime(2024, 8, 1))
        w.own_card = "google"
    elif kind == "organiser":
        # a community organiser: personal Gmail, Google calendar, monthly Meetup lists of the group she hosts,
        # an Eventbrite report of a conference day, a Takeout mbox with announcement broadcasts
        tz = ["Europe/London", "America/New_York", "Europe/Berlin", "Europe/London"][seed]
        own = f"mo.haddad.{seed}@gmail.com"
        _owner(w, "Mo", "Haddad", {"main": own}, tz, "main")
        w.export = datetime(2026, 5, 4, 18, 0, tzinfo=UTC) + timedelta(days=7 * seed)
        cal = w.calendar(f"{own}.ics", "google", own, tz, own)
        box = "Takeout/Mail/All mail Including Spam and Trash.mbox"
        w.mailbox(box, own, "takeout")
        w.traits += ["community organiser hosting a monthly meetup (Meetup lists) and a conference (Eventbrite)",
                     "accents written in two Unicode forms", "announcement e-mails to more than 10 people"]
        _common_network(w, cal, box, start=datetime(2024, 5, 6), nickname=seed in (1, 3), same_name=seed == 0,
                        mixed_case=seed == 2, open_series=seed % 2 == 0, clubs=False, world_names=4)
        _host_meetups(w, start=datetime(2025, 6, 11), n=6 + seed % 3, group=["data-folk", "py-ladies-ish", "ml-evenings", "civic-tech"][seed],
                      eventbrite=True, broadcast=box)
        w.not_meetings(cal, datetime(2024, 9, 2))
        w.own_card = None
    elif kind == "stale":
        # an export taken months after the last meeting (a new job, a sabbatical): Google calendar,
        # contacts and LinkedIn, exported five weeks to ten months after the last meeting
        tz = ["America/New_York", "Europe/London", "Asia/Singapore", "America/New_York"][seed]
        own = f"kim.lee.{seed}@icloud.com"
        _owner(w, "Kim", "Lee", {"main": own}, tz, "main")
        stale_days = [38, 150, 245, 300][seed]  # five weeks to ten months (the latest export, 16 Nov 2026, is before today)
        last = datetime(2026, 1, 20, 18, 0, tzinfo=UTC)
        w.export = last  # while generating: meetings run up to here
        cal = w.calendar(f"{own}.ics", "google", own, tz, own)
        w.traits += [f"export taken {stale_days} days after the last meeting"]
        _common_network(w, cal, None, start=datetime(2023, 9, 4), same_name=seed == 1, nickname=seed == 2, mixed_case=seed == 3,
                        open_series=False, world_names=3, weekly_open=False)
        w.not_meetings(cal, datetime(2024, 7, 1))
        w.export = last + timedelta(days=stale_days)
        w.own_card = "google"
    else:
        raise ValueError(f"unknown persona kind {kind!r}; kinds: {', '.join(KINDS)}")
    return w


def _colleagues(w: World, cal: str, dom: str, *, n: int, start: datetime, box: str | None, lab: bool = False):
    """Colleagues at the organisation's domain and internal meetings: a weekly all-hands (or lab meeting),
    a weekly 1:1 with each of three reports, a fortnightly sync with a peer; open-ended series. One
    client meeting with a colleague and a client is networking (#27: mixed meetings stay networking)."""
    rng, E = w.rng, w.export
    company = w.me.get("company") or dom.split(".")[0].replace("-", " ").title()
    team = [w.person(company, domain=dom, colleague=True) for _ in range(n)]
    for i, p in enumerate(team):
        if i % 2 == 0:
            p.records.add("outlook" if w.calendars[cal]["flavour"] == "outlook" and w.kind == "cofounder" else
                          "outlook-classic" if w.kind == "corporate" else "google")
        if i % 3 == 0:
            w.linked(p)
            p.company_written = {"linkedin": company}
    first = start + timedelta(days=(0 - start.weekday()) % 7)
    w.event(cal, team, first.replace(hour=9, minute=30), 60, "Lab meeting" if lab else "All-hands", every_weeks=1, open_ended=True)
    for i, p in enumerate(team[:3]):
        d = start + timedelta(days=(1 + i - start.weekday()) % 7)
        w.event(cal, [p], d.replace(hour=11 + i, minute=0), 30, f"1:1 {p.first} / {w.me['first']}", every_weeks=1, open_ended=True)
    d = start + timedelta(days=(3 - start.weekday()) % 7)
    w.event(cal, [team[3]], d.replace(hour=16, minute=0), 45, "Sync", every_weeks=2, open_ended=True)
    if box:  # internal mail with two colleagues
        for p in team[:2]:
            w.thread(box, [p], [(E - timedelta(days=10 + 17 * j)).replace(minute=0, second=0, microsecond=0) for j in range(4)],
                     subject="Budget")
    client = w.person(w.pick(_COMPANIES))
    client.records.add("google" if w.kind == "academic" else "outlook" if w.kind == "cofounder" else "outlook-classic")
    for j in range(3):
        d = (E.astimezone(ZoneInfo(w.me["tz"])).replace(tzinfo=None) - timedelta(days=25 + 40 * j)).replace(hour=14, minute=0, second=0, microsecond=0)
        w.event(cal, [client, team[4 % n]], d, 60, f"{client.company} quarterly review")
    w.traits.append(f"{n} colleagues at {dom}")


def _travel(w: World, cal: str, tz: str, monday: datetime, world: bool = False):
    """A week away: meetings written in the local zone of the trip."""
    for k in range(3):
        p = w.person(w.pick(_COMPANIES), world=world)
        p.records.add("google" if w.calendars[cal]["flavour"] == "google" else "outlook" if w.kind == "cofounder" else "outlook-classic")
        d = (monday + timedelta(days=k)).replace(hour=9 + 3 * k, minute=0)
        w.event(cal, [p], d, 60, "Meeting in town", tz=tz)
    w.traits.append(f"travel to {tz}")


def _host_meetups(w: World, *, start: datetime, n: int, group: str, eventbrite: bool = False, broadcast: str | None = None):
    """Monthly meetups the owner hosts (one Meetup list each) and, optionally, an Eventbrite conference day."""
    rng = w.rng
    pool = [w.person(w.pick(_COMPANIES) if i % 2 else "") for i in range(22)]
    for i, p in enumerate(pool):
        if i % 4 == 0:
            w.linked(p)  # the same name in LinkedIn: one person, merged by name
    accents = w.person(w.pick(_COMPANIES), first="José", last="Núñez", local="jose.nunez")
    w.linked(accents)
    accents.meetup_name = "Jose\u0301 Nu\u0301n\u0303ez"  # decomposed (NFD), as some phones write it
    pool.append(accents)
    tz = w.me["tz"]
    for k in range(n):
        mo = start + timedelta(days=30.5 * k)
        d = _nth_weekday(mo.year, mo.month, 2, 2, datetime.min.time().replace(hour=18, minute=30))
        if d.replace(tzinfo=ZoneInfo(tz)) > w.export - timedelta(days=2):
            break
        came = [pool[i] for i in sorted(rng.choice(len(pool), int(rng.integers(8, 16)), replace=False))]
        if k == 0:
            came = sorted(set(came) | {accents}, key=lambda p: p.pid)
        no = [p for p in pool if p not in came][:2]
        ext = ["xls", "csv"][k % 2]
        w.meetup(f"{group}_{d:%Y-%m-%d}_attendees.{ext}", group, came, d, 150, f"{group} #{k + 1}", no_show=no)
    if eventbrite:
        d = (start + timedelta(days=100)).replace(hour=9, minute=0)
        guests = [w.person(w.pick(_COMPANIES)) for _ in range(14)] + pool[:5]
        refunded = [w.person(w.pick(_COMPANIES))]
        w.eventbrite_list(f"Attendee-Summary-{d:%Y%m%d}.csv", guests, d, 420, "Community Conf", refunded=refunded)
    if broadcast:
        for k in range(2):
            when = (w.export - timedelta(days=40 + 30 * k)).replace(minute=0, second=0, microsecond=0)
            w.broadcast(broadcast, pool[:14], when, f"{group}: next meetup")
            w.ledger.append(Meeting(when, EMAIL_MINUTES, (), "broadcast", audience=15))
    w.me["meetup"] = f"https://www.meetup.com/{group}/members/{9_000_000 + w.seed}/"
    w.traits.append(f"hosts the {group} meetup ({n} lists)")


# --------------------------------------------------------------------------------------------- writers

_ZONES = {  # IANA -> (Windows name, standard offset, daylight offset or None, DST start rule, DST end rule)
    "Europe/London": ("GMT Standard Time", "+0000", "+0100", ("-1SU", 3, "010000"), ("-1SU", 10, "020000"), "GMT", "BST"),
    "Europe/Berlin": ("W. Europe Standard Time", "+0100", "+0200", ("-1SU", 3, "020000"), ("-1SU", 10, "030000"), "CET", "CEST"),
    "America/New_York": ("Eastern Standard Time", "-0500", "-0400", ("2SU", 3, "020000"), ("1SU", 11, "020000"), "EST", "EDT"),
    "America/Los_Angeles": ("Pacific Standard Time", "-0800", "-0700", ("2SU", 3, "020000"), ("1SU", 11, "020000"), "PST", "PDT"),
    "Asia/Tokyo": ("Tokyo Standard Time", "+0900", None, None, None, "JST", None),
    "Asia/Singapore": ("Singapore Standard Time", "+0800", None, None, None, "+08", None),
}


def _vtimezone(tz: str, flavour: str) -> list[str]:
    win, std, dst, on, off, sname, dname = _ZONES[tz]
    if flavour == "google":
        out = ["BEGIN:VTIMEZONE", f"TZID:{tz}", f"X-LIC-LOCATION:{tz}"]
        if dst:
            out += ["BEGIN:DAYLIGHT", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{dst}", f"TZNAME:{dname}",
                    f"DTSTART:1970{on[1]:02d}{_first_day(1970, on):02d}T{on[2]}", f"RRULE:FREQ=YEARLY;BYMONTH={on[1]};BYDAY={on[0]}",
                    "END:DAYLIGHT", "BEGIN:STANDARD", f"TZOFFSETFROM:{dst}", f"TZOFFSETTO:{std}", f"TZNAME:{sname}",
                    f"DTSTART:1970{off[1]:02d}{_first_day(1970, off):02d}T{off[2]}", f"RRULE:FREQ=YEARLY;BYMONTH={off[1]};BYDAY={off[0]}",
                    "END:STANDARD"]
        else:
            out += ["BEGIN:STANDARD", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{std}", f"TZNAME:{sname}", "DTSTART:19700101T000000",
                    "END:STANDARD"]
        return out + ["END:VTIMEZONE"]
    out = ["BEGIN:VTIMEZONE", f"TZID:{win}"]
    if dst:
        out += ["BEGIN:STANDARD", f"DTSTART:1601{off[1]:02d}{_first_day(1601, off):02d}T{off[2]}",
                f"RRULE:FREQ=YEARLY;BYDAY={off[0]};BYMONTH={off[1]}", f"TZOFFSETFROM:{dst}", f"TZOFFSETTO:{std.replace('+0000', '-0000')}",
                "END:STANDARD", "BEGIN:DAYLIGHT", f"DTSTART:1601{on[1]:02d}{_first_day(1601, on):02d}T{on[2]}",
                f"RRULE:FREQ=YEARLY;BYDAY={on[0]};BYMONTH={on[1]}", f"TZOFFSETFROM:{std.replace('+0000', '-0000')}", f"TZOFFSETTO:{dst}",
                "END:DAYLIGHT"]
    else:
        out += ["BEGIN:STANDARD", "DTSTART:16010101T000000", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{std}", "END:STANDARD"]
    return out + ["END:VTIMEZONE"]


def _first_day(year: int, rule) -> int:
    byday, month, _ = rule
    n = int(byday[:-2])
    wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(byday[-2:])
    if n > 0:
        return _nth_weekday(year, month, wd, n, datetime.min.time()).day
    nxt = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return (nxt - timedelta(days=(nxt.weekday() - wd) % 7)).day


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets, continuation lines starting with a space."""
    out, b = [], line.encode("utf-8")
    while len(b) > 75:
        cut = 75 if not out else 74
        while (b[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(b[:cut].decode("utf-8"))
        b = b[cut:]
    out.append(b.decode("utf-8"))
    return "\r\n ".join(out)


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _write_ics(w: World, file: str, out: Path):
    c = w.calendars[file]
    fl, stamp = c["flavour"], w.export.strftime("%Y%m%dT%H%M%SZ")
    zones = sorted({c["tz"]} | {e.tz for e in c["events"]})
    lines = []
    if fl == "google":
        lines += ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
                  "METHOD:PUBLISH", f"X-WR-CALNAME:{c['calname']}", f"X-WR-TIMEZONE:{c['tz']}"]
    else:
        lines += ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
                  "X-CALSTART:20230101T000000Z", f"X-CALEND:{stamp}", "X-CLIPSTART:20230101T000000Z", f"X-CLIPEND:{stamp}",
                  f"X-WR-RELCALID:{{0000002E-{w.seed:04d}-27AB-0000-000000000000}}", f"X-WR-CALNAME:{c['calname']}",
                  "X-PRIMARY-CALENDAR:TRUE", "X-OWNER;CN=" + f"\"{w.me['name']}\":mailto:{c['owner']}", "X-MS-OLK-WKHRSTART;TZID=\""
                  + _ZONES[c['tz']][0] + "\":090000", "X-MS-OLK-WKHREND;TZID=\"" + _ZONES[c['tz']][0] + "\":170000"]
    for z in zones:
        lines += _vtimezone(z, fl)
    n = 0
    for ev in c["events"]:
        n += 1
        ev.uid = ev.uid or (f"{n:04d}{w.seed}{n * 7919 * (KINDS.index(w.kind) + 3) % 10**10:010d}x{w.kind[:3]}@google.com" if fl == "google" else
                            f"040000008200E00074C5B7101A82E00800000000{n:08X}{w.seed:02X}{KINDS.index(w.kind):02X}0000000000000000100000000"
                            f"{n * 7919 % 10**8:08d}")
        lines += _vevent(w, c, ev, None)
        for rid, new, partstat, status in ev.overrides:
            lines += _vevent(w, c, ev, (rid, new, partstat, status))
    lines.append("END:VCALENDAR")
    text = "\r\n".join(_fold(x) for x in lines) + "\r\n"
    (out / file).write_bytes(text.encode("utf-8"))


def _vevent(w: World, c: dict, ev: Ev, override) -> list[str]:
    fl, stamp = c["flavour"], w.export.strftime("%Y%m%dT%H%M%SZ")
    zone = ZoneInfo(ev.tz)
    start = ev.start
    partstat, status = ev.owner_partstat if hasattr(ev, "owner_partstat") else "ACCEPTED", ev.status
    if override:
        rid, new, partstat, status = override
        start = new or rid
    end = start + timedelta(minutes=ev.minutes)
    tzid = ev.tz if fl == "google" else _ZONES[ev.tz][0]
    q = tzid if fl == "google" else f'"{tzid}"'
    created = (w.export - timedelta(days=900)).strftime("%Y%m%dT%H%M%SZ")
    if ev.allday:
        when = [f"DTSTART;VALUE=DATE:{ev.allday[0]:%Y%m%d}", f"DTEND;VALUE=DATE:{ev.allday[1]:%Y%m%d}"]
    elif fl == "google" and not ev.rrule and not override:  # Google writes one-off events in UTC
        s, e = (x.replace(tzinfo=zone).astimezone(UTC) for x in (start, end))
        when = [f"DTSTART:{s:%Y%m%dT%H%M%SZ}", f"DTEND:{e:%Y%m%dT%H%M%SZ}"]
    else:
        when = [f"DTSTART;TZID={q}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={q}:{end:%Y%m%dT%H%M%S}"]
    rec = []
    if override:
        rec.append(f"RECURRENCE-ID;TZID={q}:{override[0]:%Y%m%dT%H%M%S}")
    else:
        if ev.rrule:
            rec.append(f"RRULE:{ev.rrule}")
        rec += [f"EXDATE;TZID={q}:{x:%Y%m%dT%H%M%S}" for x in ev.exdates]
    org_addr, org_cn = ev.organizer
    owner = c["owner"]
    me_is_org = org_addr.lower() == owner.lower()
    if fl == "google":
        att = []
        everyone = [(owner, w.me["name"], partstat)] + [x[:3] for x in ev.people]  # Google lists the owner too
        if ev.people or not me_is_org:
            for addr, cn, ps in everyone:
                att.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={ps};RSVP=TRUE;CN={cn or addr};X-NUM-GUESTS=0:mailto:{addr}")
            if not me_is_org and org_addr.lower() not in {x[0].lower() for x in everyone}:
                att.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN={org_cn};X-NUM-GUESTS=0:mailto:{org_addr}")
        out = ["BEGIN:VEVENT", *when, *rec, f"DTSTAMP:{stamp}", f"ORGANIZER;CN={org_cn}:mailto:{org_addr}",
               f"UID:{ev.uid}", *att]
        if ev.video:
            out.append(f"X-GOOGLE-CONFERENCE:https://meet.google.com/{ev.uid[:3]}-{ev.uid[3:7]}-{ev.uid[7:10]}")
        out += [f"CREATED:{created}", "DESCRIPTION:" + (_esc("Join with Google Meet") if ev.video else ""),
                f"LAST-MODIFIED:{created}", f"LOCATION:{_esc(ev.location)}", "SEQUENCE:0",
                f"STATUS:{status or 'CONFIRMED'}", f"SUMMARY:{_esc(ev.summary)}", f"TRANSP:{ev.transp or 'OPAQUE'}", "END:VEVENT"]
        return out
    # Outlook: properties in alphabetical order; the owner is listed when someone else organised
    props = []
    people = list(ev.people)
    if not me_is_org:
        people = [(owner, w.me["name"], partstat)] + [x for x in people if x[0].lower() != org_addr.lower()]
    for addr, cn, ps in people:
        props.append(f"ATTENDEE;CN=\"{cn or addr}\";RSVP=TRUE:mailto:{addr}" if ps != "DECLINED"
                     else f"ATTENDEE;CN=\"{cn or addr}\";PARTSTAT=DECLINED;RSVP=TRUE:mailto:{addr}")
    busy = "FREE" if ev.transp == "TRANSPARENT" else "OOF" if ev.allday else "BUSY"
    body = ["CLASS:PUBLIC", f"CREATED:{created}", "DESCRIPTION:" + (_esc("Microsoft Teams meeting\nJoin: https://teams.microsoft.com/l/meetup-join/19%3ameeting") if ev.video else "\\n"),
            *[x for x in when if x.startswith("DTEND")], f"DTSTAMP:{stamp}", *[x for x in when if x.startswith("DTSTART")],
            *[x for x in rec if x.startswith("EXDATE")], f"LAST-MODIFIED:{created}", f"LOCATION:{_esc(ev.location)}",
            f"ORGANIZER;CN=\"{org_cn}\":mailto:{org_addr}", "PRIORITY:5", *[x for x in rec if x.startswith("RECURRENCE-ID")],
            *[x for x in rec if x.startswith("RRULE")], "SEQUENCE:0"]
    if status:
        body.append(f"STATUS:{status}")
    summary = ("Canceled: " if status == "CANCELLED" else "") + ev.summary
    body += [f"SUMMARY;LANGUAGE=en-gb:{_esc(summary)}", f"TRANSP:{ev.transp or 'OPAQUE'}", f"UID:{ev.uid}",
             f"X-MICROSOFT-CDO-APPT-SEQUENCE:0", f"X-MICROSOFT-CDO-BUSYSTATUS:{busy}", "X-MICROSOFT-CDO-IMPORTANCE:1",
             "X-MICROSOFT-CDO-INSTTYPE:" + ("3" if override else "1" if ev.rrule else "0"),
             *(["X-MICROSOFT-CDO-ALLDAYEVENT:TRUE"] if ev.allday else []), "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
             "X-MS-OLK-AUTOFILLLOCATION:FALSE", "X-MS-OLK-CONFTYPE:" + ("1" if ev.video else "0")]
    alarm = ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM"]
    return ["BEGIN:VEVENT", *sorted(props), *body, *alarm, "END:VEVENT"]


def _csv_text(rows, *, quote_all: bool = False, crlf: bool = False) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return buf.getvalue()


_GOOGLE_HEADER = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
                  "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name", "Organization Title",
                  "Organization Department", "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
                  "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value"]
_OUTLOOK_COM = ["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Given Yomi", "Surname Yomi", "E-mail Address",
                "E-mail 2 Address", "E-mail 3 Address", "Home Phone", "Home Phone 2", "Business Phone", "Business Phone 2", "Mobile Phone",
                "Car Phone", "Other Phone", "Primary Phone", "Pager", "Business Fax", "Home Fax", "Other Fax", "Company Main Phone",
                "Callback", "Radio Phone", "Telex", "TTY/TDD Phone", "IMAddress", "Job Title", "Department", "Company",
                "Office Location", "Manager's Name", "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street",
                "Business City", "Business State", "Business Postal Code", "Business Country/Region", "Home Street", "Home City",
                "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other City", "Other State",
                "Other Postal Code", "Other Country/Region", "Personal Web Page", "Spouse", "Schools", "Hobby", "Location",
                "Web Page", "Birthday", "Anniversary", "Notes"]
_OUTLOOK_CLASSIC = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title", "Business Street",
                    "Business Street 2", "Business Street 3", "Business City", "Business State", "Business Postal Code",
                    "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3", "Home City", "Home State",
                    "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
                    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone", "Business Fax", "Business Phone",
                    "Business Phone 2", "Callback", "Car Phone", "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN",
                    "Mobile Phone", "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex",
                    "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box",
                    "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name",
                    "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
                    "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
                    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes", "Office Location",
                    "Organizational ID Number", "Other Address PO Box", "Priority", "Private", "Profession", "Referred By",
                    "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page"]


def _contact_name(p: Person) -> tuple[str, str]:
    return getattr(p, "contacts_name", (p.first, p.last))


def _company(p: Person, where: str) -> str:
    return getattr(p, "company_written", {}).get(where, p.company)


def _write_contacts(w: World, out: Path):
    people = sorted(w.people.values(), key=lambda p: (p.last, p.first, p.pid))
    me = w.me
    addrs = list(me["addresses"].values())
    g = [p for p in people if "google" in p.records]
    if g or w.own_card == "google":
        rows = [_GOOGLE_HEADER]

        def row(first, last, nick, company, title, labels, e1, e2=""):
            return [first, "", last, "", "", "", "", "", nick, "", company, title, "", "", "", "", labels,
                    "* Work" if e1 else "", e1, "Home" if e2 else "", e2, "", ""]

        if w.own_card == "google":
            rows.append(row(me["first"], me["last"], "", "", "", "* myContacts", addrs[0], addrs[1] if len(addrs) > 1 else ""))
        for p in g:
            f, l = _contact_name(p)
            rows.append(row(f, l, p.nickname, _company(p, "google"), p.title, "* myContacts" + (" ::: Colleagues" if p.colleague else ""),
                            p.emails[0], p.emails[1] if len(p.emails) > 1 else ""))
        (out / "contacts.csv").write_bytes(("\ufeff" + _csv_text(rows)).encode("utf-8"))
    o = [p for p in people if "outlook" in p.records]
    if o or w.own_card == "outlook":
        rows = [_OUTLOOK_COM]

        def row(first, last, nick, company, title, emails):
            r = [""] * len(_OUTLOOK_COM)
            r[0], r[2], r[5], r[29], r[31] = first, last, nick, title, company
            for k, e in enumerate(emails[:3]):
                r[8 + k] = e
            return r

        if w.own_card == "outlook":
            rows.append(row(me["first"], me["last"], "", "", "", addrs))
        for p in o:
            f, l = _contact_name(p)
            rows.append(row(f, l, p.nickname, _company(p, "outlook"), p.title, p.emails))
        (out / "contacts.csv").write_bytes(_csv_text(rows).encode("utf-8"))
    oc = [p for p in people if "outlook-classic" in p.records]
    if oc:
        rows = [_OUTLOOK_CLASSIC]
        for p in oc:
            f, l = _contact_name(p)
            r = [""] * len(_OUTLOOK_CLASSIC)
            r[1], r[3], r[5], r[7] = f, l, _company(p, "outlook-classic"), p.title
            r[49], r[52] = "0/0/00", "0/0/00"
            r[54] = "Clients" if not p.colleague else ""
            for k, e in enumerate(p.emails[:3]):
                r[57 + 3 * k], r[58 + 3 * k], r[59 + 3 * k] = e, "SMTP", f"{f} {l} ({e})"
            r[66], r[80], r[81], r[86] = "Unspecified", "Normal", "False", "Normal"
            rows.append(r)
        (out / "Contacts.CSV").write_bytes(_csv_text(rows, quote_all=True, crlf=True).encode("cp1252"))


_PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only '
             'see email addresses for connections who have allowed their connections to see or download their email address using this '
             'setting https://www.linkedin.com/psettings/privacy/email. You can learn more here '
             'https://www.linkedin.com/help/linkedin/answer/261"\n\n')


def _write_linkedin(w: World, out: Path):
    E = w.export
    me = w.me
    conn = []
    for p in w.people.values():
        if not p.url:
            continue
        days_ago = int(w.rng.integers(30, 2000))
        conn.append((E - timedelta(days=days_ago), [p.first, p.last, p.url, p.emails[0] if getattr(p, "linkedin_email", False) else "",
                                                    _company(p, "linkedin"), p.title]))
    conn.sort(key=lambda x: x[0], reverse=True)  # newest first
    rows = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]
    rows += [r + [d.strftime("%d %b %Y")] for d, r in conn]
    rows.append(["", "", "", "", "", "", (E - timedelta(days=2100)).strftime("%d %b %Y")])  # a deleted member
    msg = [["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT",
            "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT"]]
    allm = []
    for c in w.conversations:
        for when, sender, to in c["msgs"]:
            if when > E:
                continue
            sp = me if sender == "me" else w.people[sender]
            s_name, s_url = (me["name"], me["url"]) if sender == "me" else (sp.name, sp.url)
            tos = [(me["name"], me["url"]) if t == "me" else (w.people[t].name, w.people[t].url) for t in to]
            allm.append([c["cid"], c["title"], s_name, s_url, ",".join(n for n, _ in tos), ",".join(u for _, u in tos),
                         when.strftime("%Y-%m-%d %H:%M:%S UTC"), "", "Thanks, talk soon" if sender == "me" else "Hello!", "INBOX", "", "No"])
    allm.sort(key=lambda r: r[6], reverse=True)
    msg += allm
    inv = [["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]]
    for p in list(w.people.values())[:6]:
        if p.url:
            when = E - timedelta(days=int(w.rng.integers(5, 60)))
            inv.append([me["name"], p.name, f"{when.month}/{when.day}/{when:%y}, {when.hour % 12 or 12}:{when:%M} {'AM' if when.hour < 12 else 'PM'}",
                        "", "OUTGOING", me["url"], p.url])
    z = out / f"Complete_LinkedInDataExport_{E:%m-%d-%Y}.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as f:
        for name, text in (("Connections.csv", _PREAMBLE + _csv_text(rows).rstrip("\n")), ("messages.csv", _csv_text(msg)),
                           ("Invitations.csv", _csv_text(inv))):
            info = zipfile.ZipInfo(name, date_time=(E.year, E.month, E.day, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            f.writestr(info, text)


def _addr(name: str, address: str) -> str:
    if not name:
        return address
    if any(ord(ch) > 127 for ch in name):
        return Header(name, "utf-8").encode() + f" <{address}>"
    if "," in name or "." in name:
        return f'"{name}" <{address}>'
    return f"{name} <{address}>"


def _write_mail(w: World, out: Path):
    for box, spec in w.mailboxes.items():
        msgs = sorted((m for m in w.mail[box] if m["when"] <= w.export), key=lambda m: m["when"])
        own = spec["owner"]
        texts = []
        for m in msgs:
            incoming = m["from"][1].lower() != own.lower()
            head = []
            if spec["format"] == "takeout":
                head += [f"X-GM-THRID: {m['thread']}", f"X-Gmail-Labels: {m['labels'] if incoming else 'Sent'}"]
            if incoming:
                head += [f"Delivered-To: {own}", f"Received: by 2002:a05:6358:{len(texts) % 9999:x} with SMTP id x; "
                         f"{m['when']:%a, %d %b %Y %H:%M:%S} -0000"]
            head += [f"MIME-Version: 1.0", f"Date: {m['when'].astimezone(ZoneInfo(w.me['tz']) if not incoming else UTC):%a, %d %b %Y %H:%M:%S %z}",
                     f"Message-ID: {m['id']}"]
            if m["refs"]:
                head += [f"References: {' '.join(m['refs'])}", f"In-Reply-To: {m['refs'][-1]}"]
            subj = m["subject"]
            head.append("Subject: " + (Header(subj, "utf-8").encode() if any(ord(ch) > 127 for ch in subj) else subj))
            head += [f"From: {_addr(*m['from'])}", "To: " + ", ".join(_addr(*x) for x in m["to"])]
            if m.get("cc"):
                head.append("Cc: " + ", ".join(_addr(*x) for x in m["cc"]))
            if m.get("bcc") and spec["format"] == "takeout":
                head.append("Bcc: " + ", ".join(_addr(*x) for x in m["bcc"]))
            head += m.get("extra", [])
            head.append('Content-Type: text/plain; charset="UTF-8"')
            body = "Thanks for this.\nFrom what I remember we agreed on Tuesday.\n"
            texts.append((m["when"], head, body))
        if spec["format"] == "takeout":
            p = out / box
            p.parent.mkdir(parents=True, exist_ok=True)
            parts = []
            for k, (when, head, body) in enumerate(texts):
                sep = f"From {1790000000000000000 + k}@xxx {when.astimezone(UTC):%a %b %d %H:%M:%S +0000 %Y}"
                parts.append(sep + "\r\n" + "\r\n".join(head) + "\r\n\r\n" + body.replace("\n", "\r\n").replace("\r\nFrom ", "\r\n>From "))
            p.write_bytes("\r\n".join(parts).encode("utf-8") + b"\r\n")
        else:
            base = out / box
            for sub in ("cur", "new", "tmp"):
                (base / sub).mkdir(parents=True, exist_ok=True)
            for k, (when, head, body) in enumerate(texts):
                ts = int(when.timestamp())
                sub, flags = ("new", "") if k >= len(texts) - 2 else ("cur", ":2,S")
                (base / sub / f"{ts}.M{k}P{1000 + k}.mailhost{flags}").write_bytes(("\n".join(head) + "\n\n" + body).encode("utf-8"))


def _write_events(w: World, out: Path) -> dict:
    events = {}
    me = w.me
    for file, m in w.meetups.items():
        sep = "\t" if file.endswith(".xls") else ","
        rows = [["Name", "Attendance", "User ID", "Title", "Event Host", "RSVP", "Guests", "RSVPed on", "Joined Group on",
                 "URL of Member Profile", "Notes"]]
        d = m["start"]
        if m["host"]:
            rows.append([me["name"], "Y", f"user {9_000_000 + w.seed}", "Organizer", "Yes", "Yes", "0", f"{d - timedelta(days=20):%m/%d/%Y}",
                         "01/15/2021", f"https://www.meetup.com/{m['group']}/members/{9_000_000 + w.seed}/", ""])
        for pid, there in [(x, True) for x in m["people"]] + [(x, False) for x in m["no_show"]]:
            p = w.people[pid]
            uid = p.meetup.rstrip("/").rsplit("/", 1)[-1]
            rows.append([getattr(p, "meetup_name", p.name), "Y" if there else "", f"user {uid}", "", "No", "Yes", "0",
                         f"{d - timedelta(days=int(w.rng.integers(1, 20))):%m/%d/%Y}", "03/02/2023", p.meetup, ""])
        text = "".join(sep.join(r) + "\n" for r in rows) if sep == "\t" else _csv_text(rows)
        (out / file).write_bytes(text.encode("utf-8"))
        events[file] = {"start": f"{d:%Y-%m-%dT%H:%M}", "title": m["title"], "duration_min": m["minutes"]}
    for file, m in w.eventbrite.items():
        hdr = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier", "Ticket Type", "Attendee #", "Group",
               "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status",
               "Home Address 1", "Home Address 2", "Home City", "Home State", "Home Zip", "Home Country",
               "How did you hear about this event?", "Job Title", "Company"]
        rows = [hdr]
        d = m["start"]
        for k, (pid, status) in enumerate([(x, "Attending" if i % 3 else "Checked In") for i, x in enumerate(m["people"])]
                                          + [(x, "Refunded") for x in m["refunded"]]):
            p = w.people[pid]
            od = d - timedelta(days=30 - k)
            rows.append([str(10_000_000_001 + k), f"{od.month}/{od.day}/{od:%y} {od.hour}:{od.minute:02d}", p.first, p.last,
                         p.emails[0], "1", "", "General Admission", str(20_000_000_001 + k), "", "Free Order", "GBP", "0", "0", "0", "0",
                         status, "", "", "", "", "", "", "Newsletter", p.title, p.company])
        (out / file).write_bytes(_csv_text(rows).encode("utf-8"))
        events[file] = {"start": f"{d:%Y-%m-%dT%H:%M}", "title": m["title"], "duration_min": m["minutes"]}
    return events


# --------------------------------------------------------------------------------------------- truth


def _mail_meetings(w: World) -> list[Meeting]:
    """Mail as docs/data-model.md reads it: one interaction per thread per UTC day, with the counterparts
    of that day who mail went both ways with (across every mailbox); the owner's minutes are 3 per message
    they wrote; a message to more than 10 is one-to-many (added where it is written)."""
    out = []
    for box, spec in w.mailboxes.items():
        own = spec["owner"].lower()
        msgs = [m for m in w.mail[box] if m["when"] <= w.export and not m.get("extra") and "Promotions" not in m["labels"]
                and "noreply" not in m["from"][1] and not m.get("bcc")]
        wrote, heard = set(), set()
        for m in msgs:
            if m["from"][1].lower() == own:
                wrote |= {a.lower() for _, a in m["to"] + m["cc"]}
            else:
                heard.add(m["from"][1].lower())
        both = wrote & heard
        groups: dict = {}
        for m in msgs:
            key = (m["thread"], m["when"].astimezone(UTC).date())
            g = groups.setdefault(key, {"start": m["when"], "sent": 0, "people": set()})
            g["start"] = min(g["start"], m["when"])
            if m["from"][1].lower() == own:
                g["sent"] += 1
            g["people"] |= {a.lower() for _, a in [m["from"]] + m["to"] + m["cc"] if a.lower() != own and a.lower() in both}
        by_addr = {a.lower(): p.pid for p in w.people.values() for a in p.emails + [p.address("mail")]}
        for g in groups.values():
            if g["people"]:
                out.append(Meeting(g["start"].astimezone(UTC), EMAIL_MINUTES * g["sent"], tuple(sorted({by_addr[a] for a in g["people"]})),
                                   f"mail {box}"))
    return out


def _message_meetings(w: World) -> list[Meeting]:
    out = []
    for c in w.conversations:
        days: dict = {}
        for when, sender, to in c["msgs"]:
            if when > w.export:
                continue
            g = days.setdefault(when.astimezone(UTC).date(), {"start": when, "n": 0, "people": set()})
            g["start"] = min(g["start"], when)
            g["n"] += 1
            g["people"] |= {x for x in [sender, *to] if x != "me"}
        out += [Meeting(g["start"], MESSAGE_MINUTES * g["n"], tuple(sorted(g["people"])), "linkedin") for g in days.values()]
    return out


def _statuses(meetings: list[Meeting], T: datetime) -> dict:
    """Every met person's status at ``T`` under netlib's documented rules (docs/data-model.md)."""
    ev: dict[str, list] = {}
    t_now = T.timestamp() / 86400
    for m in meetings:
        t = m.start.timestamp() / 86400
        if t > t_now:
            continue
        for pid in m.people:
            ev.setdefault(pid, []).append((t, WEIGHT[m.mode]))
    out = {}
    for pid, xs in ev.items():
        xs.sort()
        ts = [t for t, _ in xs]
        s = sum(wt * 2 ** (-(t_now - t) / HALF_LIFE) for t, wt in xs)
        peak, x, prev = 0.0, 0.0, None
        for t, wt in xs:
            x = wt + (2 ** (-(t - prev) / HALF_LIFE) * x if prev is not None else 0.0)
            prev = t
            peak = max(peak, x)
        gaps = np.diff(ts)
        med = float(np.median(gaps)) if len(gaps) else math.nan
        silence = t_now - ts[-1]
        rhythm = not math.isnan(med)
        pace = max(med, FLOOR / COOLING_K) if rhythm else math.nan  # the rhythm the rules read: never under 8.4 days
        due = COOLING_K * pace if rhythm else math.nan
        if silence >= DORMANT:
            st = "dormant"
        elif s < WARM or (rhythm and silence > COLD_K * pace):
            st = "cold"
        elif rhythm and silence > due:
            st = "cooling"
        else:
            st = "active"
        by_s = HALF_LIFE * math.log2(s / WARM) if s >= WARM else math.nan
        by_r = COLD_K * pace - silence if rhythm else math.nan
        to_cold = min(x for x in (by_s, by_r) if not math.isnan(x)) if not (math.isnan(by_s) and math.isnan(by_r)) else math.nan
        out[pid] = {"status": st, "strength": s, "peak": peak, "days_to_cold": to_cold, "meetings": len(xs), "silence": silence,
                    "median_gap": med}
    return out


def truth_of(w: World, events: dict) -> dict:
    ledger = w.ledger + _mail_meetings(w) + _message_meetings(w)
    colleagues = {p.pid for p in w.people.values() if p.colleague}
    internal = [m for m in ledger if m.people and set(m.people) <= colleagues]
    networking = [m for m in ledger if not (m.people and set(m.people) <= colleagues)]
    one = {}
    for m in networking:
        if m.mode == "one_to_one" and m.people[0] not in colleagues:
            one[m.people[0]] = one.get(m.people[0], 0) + 1
    hours = {"one_to_one": 0.0, "one_to_many": 0.0}
    for m in networking:
        hours[m.mode] += m.minutes / 60
    met = {pid for m in ledger for pid in m.people}
    appearing = {pid for pid, p in w.people.items() if p.records - {"linkedin-messages"} or pid in met}
    st = _statuses(networking, w.export)
    due = [pid for pid, s in st.items() if s["status"] == "cooling" or (s["status"] == "active" and s["days_to_cold"] <= HORIZON)]
    overdue = sorted((pid for pid in due if st[pid]["status"] == "cooling"), key=lambda p: -st[p]["peak"])
    people = {}
    for pid in sorted(appearing):
        p = w.people[pid]
        people[pid] = {"name": p.name, "emails": sorted({e.lower() for e in p.emails}), "urls": [u for u in (p.url, p.meetup) if u],
                       "colleague": p.colleague, "company": p.company, "records": sorted(p.records)}
    me = w.me
    return {
        "persona": f"{w.kind}-{w.seed}", "kind": w.kind, "seed": w.seed, "traits": w.traits,
        "me": {"name": me["name"], "addresses": me["addresses"], "me": me["me"], "url": me["url"], "meetup": me.get("meetup", ""), "tz": me["tz"],
               "mailboxes": {b: s["owner"] for b, s in w.mailboxes.items()}, "org": getattr(w, "org", None)},
        "export": w.export.isoformat(), "as_of": w.export.isoformat(),
        "last_meeting": max(m.start for m in ledger).isoformat(),
        "events": events,
        "people": people,
        "one_to_one": {pid: n for pid, n in sorted(one.items())},
        "hours": {k: round(v, 6) for k, v in hours.items()},
        "internal": {"meetings": len(internal), "hours": round(sum(m.minutes for m in internal) / 60, 6)},
        "meetings": len(networking),
        "status": {pid: st[pid]["status"] for pid in sorted(w.planted) if pid in st},
        "planted": dict(sorted(w.planted.items())),
        "this_week": sorted(due),
        "overdue": overdue,
    }


def _formats(w: World, out: Path) -> tuple[dict, dict]:
    """Every file written -> the format netlib should read it as (its ``Network.sources`` name), and the
    units a user could load on their own (a calendar, a contacts file, the LinkedIn zip, a mailbox, a list)."""
    files, units = {}, {}
    for cal in w.calendars:
        files[cal] = "iCalendar"
        units[cal] = "calendar"
    if (out / "contacts.csv").exists():
        files["contacts.csv"] = "Google contacts (current)" if (out / "contacts.csv").read_bytes().startswith(b"\xef\xbb\xbf") \
            else "Outlook contacts"
        units["contacts.csv"] = "contacts"
    if (out / "Contacts.CSV").exists():
        files["Contacts.CSV"] = "Outlook contacts"
        units["Contacts.CSV"] = "contacts"
    z = f"Complete_LinkedInDataExport_{w.export:%m-%d-%Y}.zip"
    for member, fmt in (("Connections.csv", "LinkedIn connections"), ("messages.csv", "LinkedIn messages"),
                        ("Invitations.csv", "LinkedIn invitations")):
        files[f"{z}/{member}"] = fmt
    units[z] = "linkedin"
    for box, spec in w.mailboxes.items():
        if spec["format"] == "takeout":
            files[box] = "e-mail (mbox)"
        else:
            for f in sorted((out / box).rglob("*")):
                if f.is_file():
                    files[f.relative_to(out).as_posix()] = "e-mail (eml)"
        units[box] = "mailbox"
    for f in w.meetups:
        files[f] = "Meetup attendees"
        units[f] = "meetup"
    for f in w.eventbrite:
        files[f] = "Eventbrite attendees"
        units[f] = "eventbrite"
    return files, units


def write_exports(persona: str, seed: int, out: str | Path) -> dict:
    """Write persona ``persona`` (one of :data:`KINDS`) with ``seed`` into the folder ``out`` and return
    the planted truth (also written to ``<out>_truth.json`` beside the folder)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = _build(persona, seed)
    for cal in w.calendars:
        _write_ics(w, cal, out)
    _write_contacts(w, out)
    _write_linkedin(w, out)
    _write_mail(w, out)
    events = _write_events(w, out)
    truth = truth_of(w, events)
    truth["files"], truth["sources"] = _formats(w, out)
    (out.parent / f"{out.name}_truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return truth


if __name__ == "__main__":
    import sys

    for kind, seed in personas():
        t = write_exports(kind, seed, Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/personas") / f"{kind}-{seed}")
        print(t["persona"], len(t["people"]), t["meetings"], t["hours"], t["internal"])
