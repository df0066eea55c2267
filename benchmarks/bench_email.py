"""Speed and memory of netlib's e-mail reader against the standard library and a bare byte scan.

    python benchmarks/bench_email.py [--messages 20000] [--attachment-kb 15] [--keep FILE | --data FILE] [--repeat 3]

1. Writes a realistic mbox (Google Takeout style): threads between the owner and about 600
   correspondents, mailing lists, bulk mail, notifications, broadcasts, and base64 attachments on
   about a third of the messages (``--attachment-kb`` on average), so that most bytes are bodies.
2. Runs, each in a fresh process so that peak memory (resident, file-backed pages of the memory
   map included) is its own, ``--repeat`` times, alternating:
   * **floor**: a bare byte scan of the mapped file that counts message boundaries;
   * **netlib**: ``netlib.load(mbox)``: headers parsed, messages filtered, interactions made;
   * **stdlib**: ``mailbox.mbox`` reading the same headers (From, To, Cc, Date, Message-ID).
3. Prints the medians and the ratios to the floor.

No timing is asserted anywhere: this is a measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def make_mbox(path: Path, n: int, attachment_kb: float, seed: int = 0) -> dict:
    """A Takeout-like mbox of ``n`` messages; returns what was planted."""
    rng = random.Random(seed)
    people = [f"person{i}@corp{i % 40}.example" for i in range(600)]
    lists = [f"news@list{i}.example" for i in range(30)]
    junk = base64.b64encode(rng.randbytes(int(attachment_kb * 1024 * 1.5) + 1))
    t0 = 1_700_000_000
    counts = {"kept": 0, "list": 0, "auto": 0, "broadcast": 0}
    with open(path, "wb") as f:
        for i in range(n):  # writing the data set: not what is measured
            t = t0 + i * 600
            tm = time.gmtime(t)
            date = f"{DAYS[tm.tm_wday]}, {tm.tm_mday:02d} {MONTHS[tm.tm_mon - 1]} {tm.tm_year} {tm.tm_hour:02d}:{tm.tm_min:02d}:00 +0000"
            sep = f"From {i}@xxx {DAYS[tm.tm_wday]} {MONTHS[tm.tm_mon - 1]} {tm.tm_mday:02d} {tm.tm_hour:02d}:{tm.tm_min:02d}:00 +0000 {tm.tm_year}"
            kind = rng.random()
            other = rng.choice(people)
            extra = []
            if kind < 0.25:
                frm, to, labels = rng.choice(lists), "ada@example.org", "Inbox"
                extra = [f"List-Id: <{frm.split('@')[1]}>", "List-Unsubscribe: <mailto:u@x.example>"]
                counts["list"] += 1
            elif kind < 0.35:
                frm, to, labels = "no-reply@notify.example", "ada@example.org", "Inbox,Category Updates"
                counts["auto"] += 1
            elif kind < 0.37:
                frm, to, labels = "ada@example.org", ", ".join(rng.sample(people, 15)), "Sent"
                counts["broadcast"] += 1
            elif kind < 0.68:
                frm, to, labels = "Ada Example <ada@example.org>", f"Person <{other}>", "Sent"
                counts["kept"] += 1
            else:
                frm, to, labels = f'"Last, First {i % 97}" <{other}>', "Ada Example <ada@example.org>", "Inbox,Important"
                counts["kept"] += 1
            thread = f"{abs(hash(other)) % 10**9 + i // 50}"
            head = [f"X-GM-THRID: {thread}", f"X-Gmail-Labels: {labels}", f"From: {frm}", f"To: {to}", f"Date: {date}",
                    f"Message-ID: <{i}.{seed}@mail.example>", f"Subject: Subject {i}", *extra,
                    'Content-Type: multipart/mixed; boundary="b"']
            body = ["--b", "Content-Type: text/plain", "", f"Message {i}.", "From the desk of someone: a body line.", ""]
            if rng.random() < 0.33:
                size = int(len(junk) * rng.uniform(0.2, 1.8))
                body += ["--b", "Content-Type: application/pdf", "Content-Transfer-Encoding: base64", "",
                         *(junk[k:k + 76].decode() for k in range(0, min(size, len(junk)), 76))]
            body += ["--b--", ""]
            f.write(("\n".join([sep, *head, "", *body]) + "\n").encode())
    return counts


FLOOR = r"""
import mmap, sys, time
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    n, at = int(m[:5] == b"From "), 0
    while (at := m.find(b"\n\nFrom ", at) + 1) > 0:  # one find per boundary, in C
        n += 1
print(n, time.perf_counter() - t)
"""

NETLIB = r"""
import sys, time
import netlib
from netlib.io import mail
spent = [0.0]
def timed(fn):  # the e-mail reader's own share of load: reading the file and making interactions
    def inner(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t
    return inner
mail.read, mail.interactions = timed(mail.read), timed(mail.interactions)
t = time.perf_counter()
net = netlib.load(sys.argv[1], me="ada@example.org")
print(f"{len(net.meetings)}_interactions,_reader_{spent[0]:.2f}_s", time.perf_counter() - t)
"""

STDLIB = r"""
import mailbox, sys, time
t = time.perf_counter()
n = 0
for msg in mailbox.mbox(sys.argv[1], create=False):
    _ = (msg["From"], msg.get_all("To"), msg.get_all("Cc"), msg["Date"], msg["Message-ID"])
    n += 1
print(n, time.perf_counter() - t)
"""


def run(code: str, path: Path) -> tuple[float, float, str]:
    """(seconds measured inside, peak resident MB of the process, what it printed)."""
    script = code + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True).stdout.split()
    return float(out[-2]), int(out[-1]) / 1024, out[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=20000)
    ap.add_argument("--attachment-kb", type=float, default=45)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the mbox here and keep it")
    ap.add_argument("--data", type=Path, help="an mbox written before with --keep")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    path = args.data or args.keep or Path(tmp) / "All mail Including Spam and Trash.mbox"
    if args.data is None:
        planted = make_mbox(path, args.messages, args.attachment_kb)
        print("planted", json.dumps(planted))
    size = path.stat().st_size / 2**20
    results = {"floor": [], "netlib": [], "stdlib": []}
    for _ in range(args.repeat):
        for name, code in (("floor", FLOOR), ("netlib", NETLIB), ("stdlib", STDLIB)):
            results[name].append(run(code, path))
    med = {k: sorted(v, key=lambda r: r[0])[len(v) // 2] for k, v in results.items()}
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{size:.0f} MB mbox, medians of {args.repeat}")
    for k, (sec, mb, printed) in med.items():
        print(f"  {k:7s} {sec:7.2f} s  {sec / med['floor'][0]:7.1f}x floor  peak {mb:6.0f} MB  ({printed})")
    for k in ("netlib", "stdlib"):  # each run over the floor run just before it: steadier on a noisy machine
        paired = sorted(r[0] / f[0] for r, f in zip(results[k], results["floor"], strict=True))
        print(f"  {k}: every run {', '.join(f'{r[0]:.2f}' for r in results[k])} s; paired ratios median "
              f"{paired[len(paired) // 2]:.1f}x, fastest runs {min(r[0] for r in results[k]) / min(f[0] for f in results['floor']):.1f}x")
    if args.data is None and args.keep is None:
        path.unlink()


if __name__ == "__main__":
    main()
