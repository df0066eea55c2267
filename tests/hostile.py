"""A seeded corpus of hostile and broken inputs, and a runner that loads each in its own process.

Each case is a folder of files as a careless user or an outsider could leave them (a calendar
invitation, a contact's display name, a zip from somewhere).  :func:`run` loads one case with
``netlib.load`` in a fresh Python process under a time limit and reports the outcome:
``loaded`` (with the row accounting checked), ``DataError``, ``other: <exception>`` or
``timeout``.  ``python tests/hostile.py`` prints the outcome table (``docs/hostile-input.md``).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

HEADER_C = "contact_id,name,email,company,tags\n"
HEADER_M = "meeting_id,start,end,duration_min,channel,attendees\n"


def _ics(*events: str, extra: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{extra}{body}END:VCALENDAR\r\n".encode()


def _ev(uid: str, start: str, end: str, extra: str = "", who: str = "bo@x.example") -> str:
    return (f"UID:{uid}\r\nDTSTAMP:20240601T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{uid}\r\n"
            f"ORGANIZER;CN=Pat:mailto:pat@x.example\r\nATTENDEE;CN=Bo:mailto:{who}{extra}")


class Sparse:
    """A file of ``size`` bytes that takes no room on disk (a hole after ``head``), written by :func:`write`."""

    def __init__(self, size: int, head: bytes = b"") -> None:
        self.size, self.head = size, head


class Link:
    """A symbolic link to ``target`` (relative to the case's folder), made by :func:`write`."""

    def __init__(self, target: str) -> None:
        self.target = target


def _claims(zdata: bytes, size: int) -> bytes:
    """Every member's header (local and central) made to claim ``size`` bytes unpacked."""
    b = bytearray(zdata)
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = b.find(sig)
        while i >= 0:
            b[i + at:i + at + 4] = size.to_bytes(4, "little")
            i = b.find(sig, i + 4)
    return bytes(b)


def _eml(sender: str, to: str, date: str = "Tue, 05 Mar 2024 10:00:00 +0000", extra: str = "") -> bytes:
    head = (f"Date: {date}\n" if date else "") + f"From: {sender}\nTo: {to}\n" + extra  # the date first: a 20 kB To stays in the head
    return (head + "\nbody\n").encode()


def _mail(**odd: bytes) -> dict[str, bytes]:
    """A conversation that must load (Ann wrote, the owner answered) beside odd messages."""
    return {"a.eml": _eml("Ann Lee <ann@x.example>", "Me <me@x.example>", extra="Message-ID: <1@x>\n"),
            "b.eml": _eml("Me <me@x.example>", "ann@x.example", "Tue, 05 Mar 2024 11:00:00 +0000", "Message-ID: <2@x>\nIn-Reply-To: <1@x>\n"),
            **{f"{k}.eml": v for k, v in odd.items()}}


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _good() -> dict[str, bytes]:
    """Two real files that must keep loading beside whatever else is in the folder."""
    return {"contacts.csv": (HEADER_C + "c1,Ann Lee,ann@x.example,X,prospect\nc2,Bo Ray,bo@x.example,Y,\n").encode(),
            "meetings.csv": (HEADER_M + "m1,2024-03-01T10:00Z,2024-03-01T11:00Z,,coffee,c1\n"
                             "m2,2024-03-08T10:00Z,,30,call,c2\n").encode()}


def cases(seed: int = 0, scale: float = 1.0) -> list[tuple[str, dict[str, bytes]]]:
    """(name, {relative path: bytes}) for every case; the random parts are drawn from ``seed``.
    ``scale`` shrinks the mass cases (10,000 zip members or files, 100,000 cards) for a quick run."""
    n_members, n_cards = max(10, int(10000 * scale)), max(10, int(100000 * scale))
    rng = random.Random(seed)
    junk = bytes(rng.getrandbits(8) for _ in range(4096))
    out = [
        # hangs
        ("rrule interval 0", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z", "\r\nRRULE:FREQ=DAILY;INTERVAL=0"))}),
        ("rrule secondly without end", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T100001Z", "\r\nRRULE:FREQ=SECONDLY"))}),
        ("rrule minutely without end", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T100100Z", "\r\nRRULE:FREQ=MINUTELY"))}),
        ("dtstamp in year 9000", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z", "\r\nRRULE:FREQ=DAILY"),
                                                _ev("b", "20240103T100000Z", "20240103T103000Z").replace("DTSTAMP:20240601", "DTSTAMP:90000601"))}),
        (f"{n_members} zip members", {"many.zip": _zip({f"f{i:05d}.csv": b"contact_id,name\n" + f"c{i},N{i}\n".encode()
                                                         for i in range(n_members)})}),
        (f"{n_members} files in a folder", {f"cards/p{i:05d}.vcf": f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n".encode()
                                              for i in range(n_members)}),
        (f"{n_cards} vcards", {"big.vcf": "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@x.example\r\nEND:VCARD\r\n"
                                                for i in range(n_cards)).encode()}),
        # crashes
        ("encrypted zip member", {"e.zip": _encrypted(_zip({"contacts.csv": _good()["contacts.csv"]}))}),
        ("corrupt deflate member", {"d.zip": _corrupt(_zip({"contacts.csv": _good()["contacts.csv"] * 50}))}),
        ("deflate64 member", {"d64.zip": _deflate64(_zip({"contacts.csv": _good()["contacts.csv"]}))}),
        ("1 MiB without a newline", {"takeout.json": b"{" + b'"k": "v", ' * 120000 + b"}"}),
        ("infinite duration with end", {"meetings.csv": (HEADER_M + "m1,2024-03-01T10:00Z,2024-03-01T11:00Z,inf,coffee,c1\n").encode(),
                                        "contacts.csv": _good()["contacts.csv"]}),
        ("infinite duration without end", {"meetings.csv": (HEADER_M + "m1,2024-03-01T10:00Z,,inf,coffee,c1\n").encode(),
                                           "contacts.csv": _good()["contacts.csv"]}),
        ("mathtext in names", {"contacts.csv": (HEADER_C + "c1,$\\frac{1}{0$,a@x.example,$x$,$y\nc2,Bo $^$,b@x.example,,\n").encode(),
                               "meetings.csv": (HEADER_M + "m1,2024-03-01T10:00Z,,30,$\\alpha$,c1;c2\n").encode()}),
        # silent wrong data
        ("end before start", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20230102T103000Z"), _ev("b", "20240103T100000Z", "20240103T103000Z"))}),
        ("unknown tzid", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z").replace(
            "DTSTART:20240102T100000Z", "DTSTART;TZID=Mars/Olympus:20240102T100000").replace("DTEND:20240102T103000Z", "DTEND;TZID=Mars/Olympus:20240102T103000"))}),
        ("windows zone name", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z"), extra="X-WR-TIMEZONE:W. Europe Standard Time\r\n")}),
        ("one bad dtstart", {"c.ics": _ics(_ev("a", "2024XX02T100000Z", "20240102T103000Z"), _ev("b", "20240103T100000Z", "20240103T103000Z"))}),
        ("vcard without end", {"c.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\n"
                                         b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Ray\r\nEMAIL:bo@x.example\r\nEND:VCARD\r\n"}),
        ("vcard bad quoted-printable", {"c.vcf": b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=ZZ=\r\nEND:VCARD\r\n"
                                                 b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Ray\r\nEMAIL:bo@x.example\r\nEND:VCARD\r\n"}),
        ("mixed utf-8 and cp1252", {"contacts.csv": (HEADER_C + "c1,Zoë Lee,z@x.example,,\n").encode() + "c2,Renée Ray,r@x.example,,\n".encode("cp1252")}),
        ("gb18030", {"contacts.csv": (HEADER_C + "c1,王芳,w@x.example,,\nc2,李伟,l@x.example,,\n").encode("gb18030")}),
        # folders the way people have them
        ("junk beside real files", {**_good(), "Thumbs.db": junk, ".DS_Store": junk[:200], "report.pdf": b"%PDF-1.4\n" + junk,
                                    "empty.csv": b"", ".git/objects/ab/cdef": junk, "nested.zip": _zip({"inner.zip": _zip({"x.csv": b"a\n"})}),
                                    "mix.zip": _zip({"empty.txt": b"", "bin.dat": junk, "contacts2.csv": b"contact_id,name\nc9,Cy Poe\n"})}),
        ("binary file named csv", {**_good(), "photo.csv": junk}),
        # spreadsheet formulas from outsiders (must load; written back neutralised)
        ("formula cells", {"contacts.csv": (HEADER_C + 'c1,"=HYPERLINK(""http://x.example"",""hi"")",a@x.example,+SUM(1),@x\n').encode()}),
    ]
    # second round (#34, #28): one bad message, event or card is one problems row; files too large are listed
    mbox = (b"From a@x Tue Mar  5 10:00:00 2024\n" + _mail()["a.eml"] + b"\nFrom b@x Tue Mar  5 11:00:00 2024\n" + _mail()["b.eml"])
    out += [
        ("mail without a date", _mail(draft=_eml("Ann Lee <ann@x.example>", "me@x.example", date=""))),
        ("mbox separator without a date", {"box.mbox": mbox + b"\nFrom c@x\n" + _eml("ann@x.example", "me@x.example", date="")}),
        ("mbox separator dated 9999", {"box.mbox": mbox + b"\nFrom c@x Fri Dec 31 10:00:00 9999\n" + _eml("ann@x.example", "me@x.example", date="")}),
        *[(f"mail dated {y}", _mail(odd=_eml("Ann Lee <ann@x.example>", "me@x.example", f"Tue, 05 Mar {y} 10:00:00 +0000")))
          for y in ("0000", "2500", "3609", "9999", "2099", "1960")],
        ("5000 nested comments in To", _mail(odd=_eml("me@x.example", "(" * 5000 + "x" + ")" * 5000 + " ann@x.example"))),
        ("20000 unclosed comments in From", _mail(odd=b"Date: Wed, 06 Mar 2024 10:00:00 +0000\nTo: me@x.example\nMessage-ID: <9@x>\n"
                                                       b"From: " + b"(" * 20000 + b" ann@x.example\n\nbody\n")),
        ("200000 encoded words in a subject", _mail(odd=_eml("ann@x.example", "me@x.example", extra="Subject: " + "=?utf-8?q?a?= " * 200000 + "\n"))),
        ("mail without date and message-id, obsolete spacing", _mail(spaced=b"From  : Ann Lee <ann@x.example>\nTo  : me@x.example\n"
                                                                            b"Date  : Wed, 06 Mar 2024 10:00:00 +0000\n\nbody\n")),
        ("rrule freq invalid", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z", "\r\nRRULE:FREQ=INVALID;COUNT=3"),
                                              _ev("b", "20240103T100000Z", "20240103T103000Z"))}),
        ("rrule byday with a space", {"c.ics": _ics(_ev("a", "20240102T100000Z", "20240102T103000Z", "\r\nRRULE:FREQ=WEEKLY;BYDAY= TU"),
                                                    _ev("b", "20240103T100000Z", "20240103T103000Z"))}),
        *[(f"dtstart in year {y[:4]}", {"c.ics": _ics(_ev("a", y, y.replace("T10", "T11"), "\r\nRRULE:FREQ=DAILY"),
                                                     _ev("b", "20240103T100000Z", "20240103T103000Z"))})
          for y in ("00010102T100000Z", "99991230T100000Z")],
        ("holidays calendar beside contacts", {"contacts.csv": _good()["contacts.csv"], "holidays.ics": _ics(*(
            f"UID:h{i}\r\nDTSTAMP:20240601T000000Z\r\nDTSTART;VALUE=DATE:2024{d}\r\nSUMMARY:Holiday {i}" for i, d in enumerate(("0101", "0527"))))}),
        ("previous next_steps.ics beside contacts", {"contacts.csv": _good()["contacts.csv"], "next_steps.ics": _ics(
            "UID:n1\r\nDTSTAMP:20240601T000000Z\r\nDTSTART;VALUE=DATE:20240610\r\nSUMMARY:Get in touch with Ann Lee")}),
        ("symlinked subfolder", {**_good(), "elsewhere/more.csv": b"contact_id,name\nc9,Cy Poe\n", "in/linked": Link("elsewhere")}),
        ("lotus notes vcard", {"c.vcf": b"BEGIN:VCARD\r\nPROFILE:vCard\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nEND:VCARD\r\n"}),
        ("3 GB sparse files beside the exports", {**_good(), "archive.mbox": Sparse(3 << 30), "video.mp4": Sparse(3 << 30, b"\x00\x00\x00\x18ftyp")}),
        ("zip members claiming 3.7 GB", {**_good(), "export.zip": _claims(_zip({"big.csv": HEADER_C.encode() * 50, "mail.mbox": b"From x\n" * 50}),
                                                                         0xF0000000)}),
    ]
    # a few seeded mangles of real rows
    for k in range(6):
        data = bytearray(_good()["meetings.csv"])
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            data[i:i + rng.randint(0, 6)] = rng.choice([b",", b'"', b"\n", b"\x00", b"\xff", b"inf", b"-1", b"9999-12-31", b""])
        out.append((f"mangled meetings {k}", {"meetings.csv": bytes(data), "contacts.csv": _good()["contacts.csv"]}))
    return out


def _corrupt(zdata: bytes) -> bytes:
    """Flip bytes in the middle of the first member's compressed data (its CRC no longer matches)."""
    b = bytearray(zdata)
    start = 30 + int.from_bytes(b[26:28], "little") + int.from_bytes(b[28:30], "little")
    for i in range(start + 5, start + 25):
        b[i] ^= 0x5A
    return bytes(b)


def _encrypted(zdata: bytes) -> bytes:
    """Mark the member as encrypted (general purpose flag bit 0), as a password-protected zip is."""
    b = bytearray(zdata)
    b[6] |= 1
    cd = b.rfind(b"PK\x01\x02")
    b[cd + 8] |= 1
    return bytes(b)


def _deflate64(zdata: bytes) -> bytes:
    """Mark the member as Deflate64 (method 9), which Python's zipfile cannot read."""
    b = bytearray(zdata)
    b[8:10] = (9).to_bytes(2, "little")
    cd = b.rfind(b"PK\x01\x02")
    b[cd + 10:cd + 12] = (9).to_bytes(2, "little")
    return bytes(b)


def write(case: dict, folder: Path) -> Path:
    """The case's files under ``folder``: bytes, :class:`Sparse` files and :class:`Link` links."""
    for rel, data in case.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            p.symlink_to(folder / data.target, target_is_directory=True)
        elif isinstance(data, Sparse):
            with open(p, "wb") as f:
                f.write(data.head)
                f.truncate(data.size)
        else:
            p.write_bytes(data)
    return folder


#: The memory (heap and private mappings, RLIMIT_DATA; files netlib maps read-only do not count) a case may use.
MEMORY = 2 << 30

_CHILD = r"""
import json, resource, sys, traceback
resource.setrlimit(resource.RLIMIT_DATA, (int(sys.argv[2]), int(sys.argv[2])))
import netlib
try:
    net = netlib.load(sys.argv[1])
    s = net.sources
    ok = bool((s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all())
    print(json.dumps({"outcome": "loaded" if ok else "rows do not add up", "contacts": len(net.contacts),
                      "meetings": len(net.meetings), "hours": float(net.meetings["duration_min"].sum() / 60),
                      "problems": len(net.problems), "not_loaded": int((s["format"] == "not recognised").sum())
                      + int((net.problems["action"] == "not loaded").sum()) - int((s["format"] == "not recognised").sum()),
                      "texts": sorted(set(net.problems["problem"].astype(str).str.slice(0, 80)))[:30],
                      "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
except netlib.DataError as err:
    print(json.dumps({"outcome": "DataError", "message": str(err)[:300]}))
except Exception as err:
    print(json.dumps({"outcome": "other: " + type(err).__name__, "message": str(err)[:300]}))
"""


def run(folder: Path, timeout: float = 60) -> dict:
    """Load ``folder`` in a fresh process with at most :data:`MEMORY` of memory; the outcome as a dict
    (``timeout`` when it did not finish; a MemoryError is an outcome ``other: MemoryError``)."""
    import time

    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    t0 = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(MEMORY)], capture_output=True, text=True, timeout=timeout,
                             env=env)
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout", "seconds": round(time.perf_counter() - t0)}
    if res.returncode:
        return {"outcome": f"crashed ({res.returncode})", "message": res.stderr[-300:]}
    return {**json.loads(res.stdout.strip().splitlines()[-1]), "seconds": round(time.perf_counter() - t0, 1)}


if __name__ == "__main__":
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    with tempfile.TemporaryDirectory() as tmp:
        todo = [(name, write(files, Path(tmp) / f"case{i:02d}")) for i, (name, files) in enumerate(cases())]
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda nf: (nf[0], run(nf[1], timeout=600)), todo))
    for name, r in results:
        print(f"| {name} | {r['outcome']} | {', '.join(f'{k} {v}' for k, v in r.items() if k not in ('outcome', 'texts', 'message'))} |")
