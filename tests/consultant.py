"""A consultant's own two-year export with planted truth, written the way the services write it.

Ada Example (ada@example.org, New York) exports, on 2026-01-05:

* ``Complete_LinkedInDataExport_01-05-2026.zip``: ``Connections.csv`` (LinkedIn's three-line
  preamble, no e-mail for most people) and ``messages.csv`` (Ada writes as "Ada Example");
* ``contacts.csv``: Google Contacts (current layout), with Ada's own card holding her work and
  personal addresses;
* ``ada@example.org.ics``: her Google Calendar (CRLF, folded lines, ``TZID`` times), holding

  - a weekly 30-minute one-to-one with Bea (a series; one week off, one instance Ada declined),
  - twenty fortnightly 45-minute one-to-ones with Cal, whose address Google writes with his name
    in 17 invitations and bare in 3, and whose LinkedIn record has no e-mail,
  - a monthly one-to-one with Dan for 20 months, then nothing (overdue by the end),
  - a fortnightly one-to-one with Eve, 30 times, then nothing for 11 months (cold),
  - 24 monthly breakfasts of 20-40 people (90 minutes),
  - and what is not networking: a 5-day vacation, a 2-day conference and an out-of-office day
    (all-day), a weekly focus block and a flight with nobody else, a cancelled coffee, and a
    vendor pitch Ada declined.

``write(folder)`` writes the files and returns the planted truth (also in ``<folder>_truth.json``
beside the folder, so that the folder holds only what a user would have).
Running this module rewrites ``tests/data/consultant``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

FOLDER = Path(__file__).parent / "data" / "consultant"
ME = {"name": "Ada Example", "email": "ada@example.org", "personal": "ada.personal@example.net",
      "url": "https://www.linkedin.com/in/ada-example-4f2a91"}
AS_OF = "2026-01-02"

_FIRST = ["Ama", "Ben", "Chiara", "Dev", "Elif", "Femi", "Grete", "Hugo", "Ines", "Jun", "Kofi", "Lena", "Mateo", "Nia",
          "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor", "Wen", "Xavi", "Yara", "Zeno"]
_LAST = ["Abbot", "Brandt", "Castillo", "Dube", "Eriksen", "Fontaine", "Gallo", "Haddad", "Ito", "Jansen", "Kowalski",
         "Lindqvist", "Moreau", "Novak", "Okoro", "Petrov", "Quist", "Rahman", "Silva", "Takahashi"]


def _pool(rng: np.random.Generator, n: int) -> list[dict]:
    names = sorted({f"{f} {l}" for f in _FIRST for l in _LAST})
    picked = rng.choice(len(names), n, replace=False)
    out = []
    for i in picked:
        first, last = names[i].split(" ")
        out.append({"first": first, "last": last, "name": names[i],
                    "email": f"{first.lower()}.{last.lower()}@{['studio', 'labs', 'capital', 'works'][i % 4]}.example"})
    return out


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets, continuation lines starting with a space."""
    out, b = [], line.encode("utf-8")
    while len(b) > 75:
        cut = 75 if not out else 74
        while (b[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(b[:cut].decode("utf-8"))
        b = b[cut:]
    out.append(b.decode("utf-8"))
    return "\r\n ".join(out)


def _attendee(email: str, name: str | None, partstat: str = "ACCEPTED") -> str:
    cn = name if name else email
    return f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE;CN={cn};X-NUM-GUESTS=0:mailto:{email}"


def _local(d: datetime) -> str:
    return d.strftime("%Y%m%dT%H%M%S")


class _Calendar:
    def __init__(self) -> None:
        self.events: list[list[str]] = []
        self.n = 0

    def event(self, start: datetime | date, end: datetime | date, summary: str, people: list[str], *, organizer=None,
              rrule: str | None = None, exdates=(), extra=(), uid: str | None = None, recurrence_id: datetime | None = None) -> str:
        self.n += 1
        uid = uid or f"{self.n:04d}consult{self.n * 7919 % 100000:05d}@google.com"
        if isinstance(start, datetime):
            when = [f"DTSTART;TZID=America/New_York:{_local(start)}", f"DTEND;TZID=America/New_York:{_local(end)}"]
        else:
            when = [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
        lines = ["BEGIN:VEVENT", *when]
        if rrule:
            lines.append(f"RRULE:{rrule}")
        lines += [f"EXDATE;TZID=America/New_York:{_local(x)}" for x in exdates]
        if recurrence_id is not None:
            lines.append(f"RECURRENCE-ID;TZID=America/New_York:{_local(recurrence_id)}")
        lines.append("DTSTAMP:20260105T150000Z")
        org = organizer or (ME["email"], ME["name"])
        lines.append(f"ORGANIZER;CN={org[1]}:mailto:{org[0]}")
        lines.append(f"UID:{uid}")
        lines += people
        lines += [f"SUMMARY:{summary}", "SEQUENCE:0", *extra]
        if not any(x.startswith("STATUS:") for x in extra):
            lines.append("STATUS:CONFIRMED")
        if not any(x.startswith("TRANSP:") for x in extra):
            lines.append("TRANSP:OPAQUE")
        lines.append("END:VEVENT")
        self.events.append(lines)
        return uid

    def text(self) -> str:
        head = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", f"X-WR-CALNAME:{ME['email']}", "X-WR-TIMEZONE:America/New_York",
                "BEGIN:VTIMEZONE", "TZID:America/New_York", "X-LIC-LOCATION:America/New_York",
                "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:19700308T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:-0400",
                "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                "END:STANDARD", "END:VTIMEZONE"]
        lines = head + [x for e in self.events for x in e] + ["END:VCALENDAR"]
        return "\r\n".join(_fold(x) for x in lines) + "\r\n"


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write(folder: str | Path = FOLDER) -> dict:
    """Write the consultant's exports into ``folder`` and return the planted truth."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2026)
    me_att = _attendee(ME["email"], ME["name"])
    cal = _Calendar()
    people = {
        "bea": {"name": "Bea Weekly", "email": "bea@client.example", "company": "Client Corp"},
        "cal": {"name": "Cal Bare", "email": "cal@partner.example", "company": "Partner LLC",
                "url": "https://www.linkedin.com/in/cal-bare"},
        "dan": {"name": "Dan Monthly", "email": "dan@advisor.example", "company": "Advisor Group"},
        "eve": {"name": "Eve Biweekly", "email": "eve@startup.example", "company": "Startup Inc"},
        "fay": {"name": "Fay Note", "url": "https://www.linkedin.com/in/fay-note", "company": "Note Media"},
        "hal": {"name": "Hal Host", "email": "hal@breakfast.example", "company": "Founders Breakfast"},
    }
    # Bea: weekly, Tuesdays 10:00, two years; one week off, one instance Ada declined
    bea_uid = cal.event(datetime(2024, 1, 2, 10), datetime(2024, 1, 2, 10, 30), "Bea / Ada weekly",
                        [me_att, _attendee(people["bea"]["email"], people["bea"]["name"])],
                        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20251231T045959Z", exdates=[datetime(2024, 7, 16, 10)])
    cal.event(datetime(2025, 3, 4, 10), datetime(2025, 3, 4, 10, 30), "Bea / Ada weekly",
              [_attendee(ME["email"], ME["name"], "DECLINED"), _attendee(people["bea"]["email"], people["bea"]["name"])],
              uid=bea_uid, recurrence_id=datetime(2025, 3, 4, 10))
    bea_n = 105 - 2
    # Cal: 20 fortnightly one-to-ones; Google writes his name in 17 invitations, the bare address in 3
    cal_days = [datetime(2025, 4, 3, 14) + timedelta(days=14 * i) for i in range(20)]
    for i, d in enumerate(cal_days):
        named = i not in (4, 11, 17)
        cal.event(d, d + timedelta(minutes=45), "Ada <> Cal", [me_att, _attendee(people["cal"]["email"], people["cal"]["name"] if named else None)],
                  extra=["X-GOOGLE-CONFERENCE:https://meet.google.com/cal-ada-sync"])
    # Dan: monthly for 20 months, then silence
    cal.event(datetime(2024, 1, 1, 8, 30), datetime(2024, 1, 1, 9, 30), "Advisor check-in",
              [me_att, _attendee(people["dan"]["email"], people["dan"]["name"])], rrule="FREQ=MONTHLY;BYDAY=1MO;COUNT=20")
    # Eve: fortnightly, 30 times, then silence
    cal.event(datetime(2024, 1, 10, 16), datetime(2024, 1, 10, 16, 30), "Eve catch-up",
              [me_att, _attendee(people["eve"]["email"], people["eve"]["name"])], rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=30")
    # breakfasts: the second Wednesday of each month, 20-40 of a pool of 60
    pool = _pool(rng, 60)
    seen = np.zeros(len(pool), dtype=bool)
    sizes = []
    for k in range(24):
        y, mo = 2024 + k // 12, k % 12 + 1
        first = date(y, mo, 1)
        wed = first + timedelta(days=(2 - first.weekday()) % 7 + 7)
        size = int(rng.integers(20, 41))
        chosen = rng.choice(len(pool), size, replace=False)
        if k == 23:  # everyone in the pool comes at least once
            chosen = np.r_[np.flatnonzero(~seen), [i for i in chosen if seen[i]]][:max(size, int((~seen).sum()))]
        seen[chosen] = True
        sizes.append(len(chosen) + 1)  # and Hal, who organises
        att = [me_att] + [_attendee(pool[i]["email"], pool[i]["name"]) for i in chosen]
        start = datetime(wed.year, wed.month, wed.day, 7, 30)
        cal.event(start, start + timedelta(minutes=90), "NY Founders Breakfast", att,
                  organizer=(people["hal"]["email"], people["hal"]["name"]), extra=["LOCATION:Marina Club\\, 2nd floor"])
    assert seen.all()
    # not networking
    cal.event(date(2024, 7, 15), date(2024, 7, 20), "Vacation", [], extra=["TRANSP:TRANSPARENT"])
    cal.event(date(2025, 5, 6), date(2025, 5, 8), "NYC Data Summit", [])
    cal.event(date(2025, 11, 27), date(2025, 11, 28), "OOO", [], extra=["TRANSP:TRANSPARENT"])
    cal.event(datetime(2024, 1, 5, 9), datetime(2024, 1, 5, 12), "Focus block", [], rrule="FREQ=WEEKLY;BYDAY=FR;COUNT=80")
    cal.event(datetime(2025, 5, 5, 7), datetime(2025, 5, 5, 10), "Flight to SFO", [])
    cal.event(datetime(2025, 2, 12, 9), datetime(2025, 2, 12, 9, 45), "Coffee with Gus",
              [me_att, _attendee("gus@cafe.example", "Gus Cafe")], extra=["STATUS:CANCELLED"])
    cal.event(datetime(2025, 6, 10, 13), datetime(2025, 6, 10, 14), "Vendor pitch",
              [_attendee(ME["email"], ME["name"], "DECLINED"), _attendee("vera@vendor.example", "Vera Vendor")],
              organizer=("vera@vendor.example", "Vera Vendor"))
    (folder / f"{ME['email']}.ics").write_bytes(cal.text().encode("utf-8"))

    # Google Contacts (current layout), Ada's own card first
    header = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
              "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name", "Organization Title",
              "Organization Department", "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
              "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value"]

    def grow(first, last, company, labels, e1, e2="", notes=""):
        return [first, "", last, "", "", "", "", "", "", "", company, "", "", "", notes, "", labels, "* Work" if e1 else "", e1,
                "Home" if e2 else "", e2, "", ""]

    g = [header, grow("Ada", "Example", "Example Consulting", "* myContacts", ME["email"], ME["personal"])]
    for key, tags in (("bea", "Client"), ("dan", "Advisor"), ("eve", "Prospect"), ("hal", "")):
        p = people[key]
        first, last = p["name"].split(" ")
        g.append(grow(first, last, p["company"], "* myContacts" + (f" ::: {tags}" if tags else ""), p["email"],
                      notes="Met at the\nspring mixer." if key == "eve" else ""))
    for i in range(0, 10):
        p = pool[i]
        g.append(grow(p["first"], p["last"], "", "* myContacts ::: Prospect" if i % 3 == 0 else "* myContacts", p["email"]))
    for i in range(5):
        g.append(grow(f"Quiet{i}", "Contact", "", "* myContacts", f"quiet{i}@elsewhere.example"))
    (folder / "contacts.csv").write_bytes(("\ufeff" + _csv(g)).encode("utf-8"))

    # LinkedIn: Connections (preamble, mostly no e-mail) and messages
    conn = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]

    def crow(name, url, company, when, email=""):
        first, last = name.split(" ")
        return [first, last, url, email, company, "", when.strftime("%d %b %Y")]

    for key in ("bea", "cal", "dan", "eve", "fay", "hal"):
        p = people[key]
        conn.append(crow(p["name"], p.get("url", f"https://www.linkedin.com/in/{p['name'].lower().replace(' ', '-')}"),
                         p["company"], date(2023, 3, 1) + timedelta(days=17 * len(conn))))
    for i in range(10, 25):
        p = pool[i]
        conn.append(crow(p["name"], f"https://www.linkedin.com/in/{p['first'].lower()}{p['last'].lower()}", "",
                         date(2024, 2, 1) + timedelta(days=20 * i)))
    for i in range(10):
        conn.append(crow(f"Link{i} Only", f"https://www.linkedin.com/in/link{i}-only", "Elsewhere", date(2021, 1, 5) + timedelta(days=40 * i)))
    conn.append(["", "", "", "", "", "", "09 Aug 2019"])  # a deleted member: a date, no person
    preamble = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
                'You will only see email addresses for connections who have allowed their connections to see or download '
                'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more '
                'here https://www.linkedin.com/help/linkedin/answer/261"\n\n')
    msg = [["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE",
            "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT"]]
    fay = people["fay"]
    for k, day in enumerate([date(2025, 3, 3), date(2025, 6, 9), date(2025, 10, 20)]):
        cid = f"2-ZmF5bm90ZTAwMDAwMDAwMDA{k}MF8wMTA="
        msg.append([cid, "", fay["name"], fay["url"], ME["name"], ME["url"], f"{day} 15:02:11 UTC", "", "Coffee soon?", "INBOX", "", "No"])
        msg.append([cid, "", ME["name"], ME["url"], fay["name"], fay["url"], f"{day} 14:40:05 UTC", "", "Hi Fay!", "INBOX", "", "No"])
    zpath = folder / "Complete_LinkedInDataExport_01-05-2026.zip"
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in (("Connections.csv", preamble + _csv(conn).rstrip("\n")), ("messages.csv", _csv(msg))):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 15, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)

    truth = {
        "me": ME, "as_of": AS_OF,
        "contacts": 6 + len(pool) + 5 + 10,  # the named six, the breakfast pool, Google-only, LinkedIn-only
        "one_to_one": {"Bea Weekly": bea_n, "Cal Bare": 20, "Dan Monthly": 20, "Eve Biweekly": 30, "Fay Note": 3},
        "last_met": {"Cal Bare": str(cal_days[-1].date())},
        "breakfasts": 24, "breakfast_sizes": sizes,
        "hours": {"one_to_one": bea_n * 0.5 + 20 * 0.75 + 20 * 1.0 + 30 * 0.5 + 3 * 10 / 60, "one_to_many": 24 * 1.5},
        "meetings": bea_n + 20 + 20 + 30 + 3 + 24,
        "status": {"Bea Weekly": "active", "Cal Bare": "active", "Dan Monthly": "cooling", "Eve Biweekly": "cold"},
        "not_meetings": {"all-day": 3, "nobody else": 2, "cancelled": 1, "declined": 2},
    }
    (folder.parent / f"{folder.name}_truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


if __name__ == "__main__":
    print(write())
