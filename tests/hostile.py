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
    # (delivered to the owner: a mailbox says whose it is; with two people on every message and nothing
    # else, netlib cannot tell which of them the owner is, and takes neither)
    return {"a.eml": _eml("Ann Lee <ann@x.example>", "Me <me@x.example>", extra="Message-ID: <1@x>\nDelivered-To: me@x.example\n"),
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
    """The case's files under ``folder`` (made, even for a case of no file): bytes, :class:`Sparse`
    files and :class:`Link` links."""
    folder.mkdir(parents=True, exist_ok=True)
    for rel, data in case.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            p.symlink_to(folder / data.target, target_is_directory=(folder / data.target).is_dir())
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


def peak_mb():
    # this process's own high-water mark (VmHWM: the memory of the image exec'd, not of the parent it was
    # forked from, which ru_maxrss keeps across exec: a child of a large test process read 659 MB)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


try:
    net = netlib.load(sys.argv[1])
    s = net.sources
    ok = bool((s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all())
    print(json.dumps({"outcome": "loaded" if ok else "rows do not add up", "contacts": len(net.contacts),
                      "meetings": len(net.meetings), "hours": float(net.meetings["duration_min"].sum() / 60),
                      "problems": len(net.problems), "not_loaded": int((s["format"] == "not recognised").sum())
                      + int((net.problems["action"] == "not loaded").sum()) - int((s["format"] == "not recognised").sum()),
                      "texts": sorted(set(net.problems["problem"].astype(str).str.slice(0, 80)))[:30],
                      "peak_mb": peak_mb()}))
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
    print()
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, files, what, check) in enumerate(command_cases()):
            r = run_command(write(files, Path(tmp) / f"cmd{i:02d}"), what, check)
            shown = what if isinstance(what, str) else "netlib " + " ".join(what)
            print(f"| {name} | `{shown}` | {r['outcome']}: {r.get('said', '')} |")


# ------------------------------------------------------------------------------------------------
# The second corpus: commands and calls, each in its own process (#28).  A case is a folder of files,
# what to run there (a ``netlib`` command line, or Python code after ``import netlib``), and what the
# user must find afterwards.  ``run_command`` reports the exit status, the last line of stderr,
# whether a traceback was shown, and whether the files the case calls the user's are unchanged.

#: Names an outsider can put in a LinkedIn name, an e-mail display name or a calendar attendee.
PAYLOADS = ['Eve" onload="window.__xss=1//', '<img src=x onerror="window.__xss=2">', "</script><script>window.__xss=3</script>",
            "[click me](javascript:window.__xss=4)"]


def _hostile_folder() -> dict[str, bytes]:
    names = PAYLOADS + ["Ann Lee"]
    contacts = HEADER_C + "".join(f'c{i},"{n.replace(chr(34), chr(34) * 2)}",p{i}@x.example,"Acme\r=1+1",\n' for i, n in enumerate(names))
    meetings = HEADER_M + "".join(f"m{k}{i},2024-0{1 + k}-0{1 + i}T10:00Z,,45,coffee,c{i}\n" for i in range(len(names)) for k in range(3))
    return {"in/contacts.csv": contacts.encode(), "in/meetings.csv": meetings.encode()}


def command_cases(seed: int = 0) -> list[tuple[str, dict[str, bytes], list[str] | str, dict]]:
    """(name, {relative path: bytes}, a command line (list) or Python code (str), what to check)
    for every command case; ``seed`` draws the sample's seed where one is used.  What to check:
    ``exit`` (the status), ``says`` (in stderr), ``kept`` (files that must be unchanged), ``pages``
    (a report folder whose pages must carry no payload unescaped), ``csv`` (files no line of which
    may start a formula)."""
    rng = random.Random(seed)
    s = str(rng.randrange(1000))
    good = {f"in/{k}": v for k, v in _good().items()}
    google = {"Downloads/contacts.csv": b"Name,E-mail 1 - Value\nAnn,ann@x.example\n"}
    return [
        # injection
        ("script from a display name", _hostile_folder(), ["report", "in", "--out", "out"], {"exit": 0, "pages": "out"}),
        ("bare CR before a formula", _hostile_folder(), ["anonymize", "in", "--out", "anon", "--companies", "keep"],
         {"exit": 0, "csv": ["anon/contacts.csv"]}),
        # user files lost
        ("anonymize into the input folder", good, ["anonymize", "in", "--out", "in"],
         {"exit": 1, "says": "which netlib did not write", "kept": ["in/contacts.csv", "in/meetings.csv"]}),
        ("sample into Downloads", google, ["sample", "--out", "Downloads", "--seed", s, "--years", "0.5"],
         {"exit": 1, "says": "which netlib did not write", "kept": ["Downloads/contacts.csv"]}),
        ("a link planted as an output file", {**good, "victim.txt": b"precious\n", "out/contacts.csv": Link("victim.txt")},
         ["anonymize", "in", "--out", "out"], {"exit": 1, "says": "as a link", "kept": ["victim.txt"]}),
        ("a link planted as the report's manifest", {"victim.txt": b"precious\n", "out/.netlib-report.json": Link("victim.txt")},
         ["report", "--out", "out"], {"exit": 1, "says": "damaged", "kept": ["victim.txt"]}),
        ("a truncated manifest", {**good, "out/.netlib-files.json": b'["contacts.csv", "meet'}, ["anonymize", "in", "--out", "out"],
         {"exit": 1, "says": "damaged"}),
        ("a folder that cannot be written", good, ["anonymize", "in", "--out", "/proc/1/netlib-cannot-write"],
         {"exit": 1, "says": "cannot make the folder"}),
        # hangs and memory
        ("a salt file that never ends", {}, ["report", "--anonymize", "--salt-file", "/dev/zero", "--out", "out"],
         {"exit": 2, "says": "ordinary file"}),
        ("a plan of a million months", {}, "netlib.plan(netlib.load_sample(), 10, {'one_to_one': 1.0}, months=10**6)",
         {"exit": 1, "says": "months must be"}),
        ("a plan of 10^12 hours", {}, "netlib.plan(netlib.load_sample(), 1e12, {'one_to_one': 1.0})",
         {"exit": 1, "says": "hours_per_month must be"}),
        ("strength by the second", {}, "netlib.strength_over_time(netlib.load_sample(), ['c0001'], freq='s')",
         {"exit": 1, "says": "ArgumentError"}),
        # crashes: command line
        ("--event of 10^9 minutes", {}, ["summary", "--event", "t.csv=2024-11-30T18:00,Night,1e9"], {"exit": 2, "says": "at most 1440"}),
        ("--event of 1e308 minutes", {}, ["summary", "--event", "t.csv=2024-11-30T18:00,Night,1e308"], {"exit": 2, "says": "at most 1440"}),
        ("--event without =", {}, ["summary", "--event", "x"], {"exit": 2, "says": "FILE=START"}),
        ("sample --seed -1", {}, ["sample", "--seed", "-1", "--out", "o"], {"exit": 2, "says": "not a seed"}),
        ("sample --years nan", {}, ["sample", "--years", "nan", "--out", "o"], {"exit": 2, "says": "number of years"}),
        ("sample --years 1e9", {}, ["sample", "--years", "1e9", "--out", "o"], {"exit": 2, "says": "number of years"}),
        ("sample --start garbage", {}, ["sample", "--start", "garbage", "--out", "o"], {"exit": 2, "says": "not a date"}),
        ("report --out empty", {}, ["report", "--out", ""], {"exit": 2, "says": "empty name"}),
        # crashes: the Python API
        ("plan as of year 3000", {}, "netlib.plan(netlib.load_sample(), 10, {'one_to_one': 1.0}, as_of='3000')", {"exit": 1, "says": "as_of"}),
        ("status as of 9999-12-31", {}, "netlib.status(netlib.load_sample(), '9999-12-31')", {"exit": 1, "says": "as_of"}),
        ("status as of an integer", {}, "netlib.status(netlib.load_sample(), 20240101)", {"exit": 1, "says": "'2024-01-01'"}),
        ("plan with seed 'abc'", {}, "netlib.plan(netlib.load_sample(), 10, {'one_to_one': 1.0}, seed='abc')", {"exit": 1, "says": "seed"}),
        ("load with an unknown tz", good, "netlib.load('in', tz='Mars/Olympus')", {"exit": 1, "says": "tz must be"}),
        ("fit_half_life with an empty grid", {}, "netlib.fit_half_life(netlib.load_sample(), grid=[])", {"exit": 1, "says": "grid"}),
        ("effort of None", {}, "netlib.effort(None)", {"exit": 1, "says": "net must be"}),
        ("reach of a DataFrame", {}, "import pandas; netlib.reach(pandas.DataFrame())", {"exit": 1, "says": "net must be"}),
        ("strength of unknown ids", {}, "netlib.strength_over_time(netlib.load_sample(), ['nobody'])", {"exit": 1, "says": "nobody"}),
        ("write_csv to a file", {"f.txt": b"x"}, "netlib.write_csv(netlib.load_sample(), 'f.txt')", {"exit": 1, "says": "is a file"}),
        ("from_frames given a list", {}, "netlib.from_frames([{'contact_id': 'c1'}], [])", {"exit": 1, "says": "contacts must be"}),
        ("generate 1000 years", {}, "netlib.generate(years=1000)", {"exit": 1, "says": "years must be"}),
        ("reach from after its end", {}, "netlib.reach(netlib.load_sample(), start='2025-01-01', end='2024-01-01')", {"exit": 1, "says": "end"}),
        ("a one-character salt", {}, "netlib.anonymize.pseudonymize(netlib.load_sample(), salt='x')", {"exit": 1, "says": "at least 8"}),
    ]


def _injected(text: str) -> list[str]:
    """What a payload made of a page, as a browser parses it: an attribute ``on...`` that carries
    ``__xss``, a script that holds it, a link or source that runs script."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Page(HTMLParser):
        script = False

        def handle_starttag(self, tag, attrs):
            self.script = tag == "script"
            for name, value in attrs:
                if name.startswith("on") and "__xss" in (value or ""):
                    found.append(f"<{tag} {name}>")
                if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}=javascript:>")

        def handle_data(self, data):
            if self.script and "__xss" in data:
                found.append("<script>")

    Page().feed(text)
    return found


_COMMAND_CHILD = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_DATA, (int(sys.argv[1]), int(sys.argv[1])))
if sys.argv[2] == "--code":
    import netlib
    exec(sys.argv[3])
else:
    from netlib.cli import main
    sys.exit(main(sys.argv[2:]))
"""


def run_command(folder: Path, what: list[str] | str, check: dict, timeout: float = 120) -> dict:
    """Run a command case in ``folder`` in a fresh process with at most :data:`MEMORY`; the outcome
    as a dict: ``outcome`` (``exit N``, ``timeout``), ``said`` (stderr's last line), ``traceback``
    (whether stderr showed one outside an API case's own error), ``lost`` (files of the user's that
    changed), ``injected`` (payloads found unescaped in the pages), ``formulas`` (CSV lines that start one)."""
    import re
    import time

    kept = {k: (folder / k).read_bytes() for k in check.get("kept", [])}
    argv = ["--code", what] if isinstance(what, str) else what
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    t0 = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-c", _COMMAND_CHILD, str(MEMORY), *argv], cwd=folder, capture_output=True, text=True,
                             timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout", "seconds": round(time.perf_counter() - t0)}
    lines = res.stderr.strip().splitlines()
    out = {"outcome": f"exit {res.returncode}", "said": lines[-1][:200] if lines else "",
           "traceback": "Traceback" in res.stderr and not isinstance(what, str), "seconds": round(time.perf_counter() - t0, 1),
           "lost": [k for k, v in kept.items() if (folder / k).read_bytes() != v]}
    if "pages" in check:
        text = "\n".join(p.read_text(encoding="utf-8") for p in (folder / check["pages"]).glob("*.html"))
        out["injected"] = _injected(text)
    if "csv" in check:
        out["formulas"] = [ln for f in check["csv"] for ln in re.split(r"[\r\n]", (folder / f).read_bytes().decode("utf-8"))
                           if re.match(r'"?[=+\-@]', ln)]
    return out
