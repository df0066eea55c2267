"""The team view at scale (#33, docs/scale.md): a team of 200 on one machine, and an organisation's
heaviest step out of core with DuckDB.

    python benchmarks/bench_team_scale.py team [--members 200] [--years 5] [--mail-per-year 2000] [--data DIR | --keep DIR]
    python benchmarks/bench_team_scale.py org  [--rows 100000000] [--members 10000] [--people 5000000]
                                               [--memory-limit 3GB] [--data DIR | --keep DIR]

``team``
    Writes one folder per member (in /tmp unless ``--keep``): netlib's ``contacts.csv`` and
    ``meetings.csv`` of ``--years`` of a generated calendar (:func:`netlib.datasets._generate.simulate_frames`,
    the personas in turn), a weekly team meeting with eight other members (internal work), a quarter
    of each member's contacts drawn from an organisation-wide pool of 30,000 outside people (the
    same address in every member's files: a few known to many members, most to one or two), and a
    Gmail ``mail.mbox`` of ``--mail-per-year`` messages a year (threads with the member's contacts
    in both directions, one in seven a newsletter).  Then, in a fresh process: every member loaded
    with :func:`netlib.load` (time, peak memory), and :func:`netlib.load_team` on those networks:
    members recognised, people merged across members, each member's ties measured (the pooling:
    time, peak memory).  Also the same pooling as one grouped aggregation over an Arrow table
    (``pyarrow.Table.group_by``) of every member's networking meetings, for comparison.

``org``
    Writes ``--rows`` interactions (member, person, time, weight) as Parquet with DuckDB (in /tmp
    unless ``--keep``), then, in a fresh process with ``memory_limit`` and a spill folder, runs the
    heaviest step as SQL: per (member, person) the decayed strength ``sum(w * 2 ** (-(T - t) / h))``,
    the count and the last contact; then per person how many members know them, how many warmly,
    and the best introducer (``arg_max``).  Prints time and peak memory of each step.

Needs ``pip install "netlib[scale]"`` (DuckDB) for ``org``.  No timing is asserted anywhere; nothing
is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HALF_LIFE = 90.0
FIRM = "bigfirm.example"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _word(i: int) -> str:
    """A short pronounceable-enough tag for ``i`` (letters only: names keep no digits)."""
    out = ""
    i += 26 * 27
    while i:
        i, r = divmod(i, 26)
        out = _LETTERS[r] + out
    return out.capitalize()


# --------------------------------------------------------------------------------------------- team data


def _member_frames(i: int, n: int, years: float, start: str) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """Member ``i``'s contacts and meetings as netlib's CSV frames, with pool people and colleagues."""
    from netlib.datasets._generate import simulate_frames

    name, email = f"Member {_word(i)}", f"member{i}@{FIRM}"
    c, m, _ = simulate_frames(seed=i, start=start, years=years, persona=["consultant", "engineer", "founder"][i % 3],
                              name=name, email=email, company="Bigfirm")
    rng = np.random.default_rng([i, 7])
    tag = _word(i)
    c["name"] = c["name"] + " " + tag  # no two members' generated contacts share a name
    has = c["email"] != ""
    c.loc[has, "email"] = c.loc[has, "email"].str.replace("@", "." + tag.lower() + "@", n=1, regex=False)
    k = int(0.25 * len(c))
    rows = rng.choice(len(c), size=k, replace=False)
    pool = np.unique(np.floor(30000 * rng.random(k * 2) ** 2.5).astype(int))[:k]  # a few people known to many members
    rows = rows[: len(pool)]
    c.loc[rows, "name"] = [f"Pool {_word(p + 1000)} Person" for p in pool]
    c.loc[rows, "email"] = [f"pool{p}@org{p % 997}.example" for p in pool]
    c.loc[rows, "company"] = [f"Org {p % 997}" for p in pool]
    mates = [(i + d) % n for d in range(1, 9) if (i + d) % n != i]
    team = pd.DataFrame({"contact_id": [f"team{j}" for j in mates], "name": [f"Member {_word(j)}" for j in mates],
                         "email": [f"member{j}@{FIRM}" for j in mates], "company": "Bigfirm", "title": "", "tags": "colleague",
                         "source": "address book", "connected_on": "", "introduced_by": ""})
    mondays = pd.date_range(start, periods=int(years * 52), freq="W-MON", tz="UTC") + pd.Timedelta(hours=9)
    weekly = pd.DataFrame({"meeting_id": [f"t{w:04d}" for w in range(len(mondays))], "start": mondays.strftime("%Y-%m-%dT%H:%M:%SZ"),
                           "duration_min": 60.0, "channel": "meeting", "title": "Team meeting", "location": "Office",
                           "attendees": ";".join(f"team{j}" for j in mates), "audience": pd.array([pd.NA] * len(mondays), dtype="Int64")})
    return pd.concat([c, team], ignore_index=True), pd.concat([m, weekly], ignore_index=True), name, email


def _mbox(path: Path, owner: tuple[str, str], people: pd.DataFrame, n: int, start: str, years: float, seed: int) -> None:
    """A Gmail Takeout mbox of ``n`` messages: threads with ``people`` (address, name) both ways, one
    in seven a newsletter; headers and a one-line body."""
    rng = np.random.default_rng([seed, 9])
    t0 = pd.Timestamp(start, tz="UTC").value // 10**9
    span = int(years * 365.25 * 86400)
    when = np.sort(t0 + rng.integers(0, span, size=n))
    who = np.floor(len(people) * rng.random(n) ** 2).astype(int)  # some correspondents far more than others
    news = rng.random(n) < 1 / 7
    sent = rng.random(n) < 0.45
    addr, names = people["email"].to_numpy(), people["name"].to_numpy()
    stamps = pd.to_datetime(when, unit="s", utc=True)
    date = stamps.strftime("%a, %d %b %Y %H:%M:%S +0000")
    sep = stamps.strftime("%a %b %d %H:%M:%S +0000 %Y")
    me = f'"{owner[0]}" <{owner[1]}>'
    out = []
    for k in range(n):  # writing the data set: not what is measured
        a = addr[who[k]]
        if news[k]:
            frm, to, labels, extra = f"News <news{k % 5}@letters.example>", owner[1], "Inbox", "\nList-Unsubscribe: <mailto:u@letters.example>"
        elif sent[k]:
            frm, to, labels, extra = me, f'"{names[who[k]]}" <{a}>', "Sent", ""
        else:
            frm, to, labels, extra = f'"{names[who[k]]}" <{a}>', me, "Inbox", ""
        out.append(f"From {k}@xxx {sep[k]}\nX-GM-THRID: {who[k] * 1000 + k // 40}\nX-Gmail-Labels: {labels}\nFrom: {frm}\nTo: {to}\n"
                   f"Date: {date[k]}\nMessage-ID: <{k}.{seed}@mail.example>\nSubject: About {who[k]}{extra}\n\nHello.\n")
    path.write_text("\n".join(out), encoding="utf-8")


def make_team(root: Path, n: int, years: float, mail_per_year: int, start: str = "2021-01-04") -> dict:
    """Write ``n`` member folders under ``root``; return their sizes."""
    from netlib._files import csv_text

    sizes = {"members": n, "contacts": 0, "meetings": 0, "messages": 0, "bytes": 0}
    for i in range(n):
        folder = root / f"m{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        c, m, name, email = _member_frames(i, n, years, start)
        (folder / "contacts.csv").write_text(csv_text(c), encoding="utf-8")
        (folder / "meetings.csv").write_text(csv_text(m), encoding="utf-8")
        people = c[(c["email"] != "") & ~c["contact_id"].str.startswith("team")]
        _mbox(folder / "mail.mbox", (name, email), people, int(mail_per_year * years), start, years, i)
        sizes["contacts"] += len(c)
        sizes["meetings"] += len(m)
        sizes["messages"] += int(mail_per_year * years)
        sizes["bytes"] += sum(p.stat().st_size for p in folder.iterdir())
    return sizes


MEASURE_TEAM = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
import numpy as np, pandas as pd, pyarrow as pa
import netlib
from netlib.team import load_team
from netlib._facts import meeting_weights
from _procs import reset_peak, status_mb
root = Path(sys.argv[1])
folders = sorted(p for p in root.iterdir() if p.is_dir())
base = status_mb("VmRSS")
t = time.perf_counter()
nets = {p.name: netlib.load(p) for p in folders}
load_s, load_peak = time.perf_counter() - t, status_mb("VmHWM")
reset_peak()
t = time.perf_counter()
team = load_team(nets)
pool_s, pool_peak = time.perf_counter() - t, status_mb("VmHWM")
# the same pooling as one grouped aggregation over an Arrow table of every member's networking meetings
reset_peak()
t = time.perf_counter()
parts = []
for name, net in team._work.items():  # one row per (member, person, meeting): what each member's export gives
    mpos, cpos = net.positions()
    day = (net.meetings["start"].astype("int64").to_numpy()[mpos] - team.as_of.value) / 86400e9
    w = meeting_weights(net).to_numpy()[mpos]
    person = team.contacts[team.contacts["member"] == name].set_index("contact_id")["person"].reindex(net.contacts.index).to_numpy()[cpos]
    ok = (day <= 0) & pd.notna(person)
    parts.append(pa.table({"member": pa.array(np.full(int(ok.sum()), name)), "person": pa.array(person[ok], type=pa.string()),
                           "w": pa.array(w[ok] * np.exp2(day[ok] / float(sys.argv[3])))}))
table = pa.concat_tables(parts)
ties = table.group_by(["member", "person"]).aggregate([("w", "sum"), ("w", "count")])
arrow_s, arrow_peak = time.perf_counter() - t, status_mb("VmHWM")
got = ties.to_pandas().set_index(["member", "person"])["w_sum"]
want = team.ties.set_index(["member", "person"])["strength"].reindex(got.index)
diff = float((got - want).abs().max())
print(json.dumps({"members": len(nets), "contacts": int(sum(len(n.contacts) for n in nets.values())),
                  "meetings": int(sum(len(n.meetings) for n in nets.values())), "people": len(team.people), "ties": len(team.ties),
                  "shared_people": int((team.people["n_members"] >= 2).sum()), "rss_before_mb": base,
                  "load_s": load_s, "load_peak_mb": load_peak, "pool_s": pool_s, "pool_peak_mb": pool_peak,
                  "arrow_rows": table.num_rows, "arrow_ties": ties.num_rows, "arrow_s": arrow_s, "arrow_peak_mb": arrow_peak,
                  "arrow_max_abs_diff_from_load_team": diff}))
"""


# --------------------------------------------------------------------------------------------- organisation

GENERATE_ORG = """
COPY (
  SELECT member,
         -- each member's people: 2,000 slots, the first far more often (u^3), slot -> person through a
         -- per-member stride, so that people are shared across members
         ((member::BIGINT * 7919 + floor(pow(u1, 3) * 2000)::BIGINT * 104729) % {people})::INTEGER AS person,
         TIMESTAMP '2025-01-01' + to_seconds((u2 * 365 * 86400)::BIGINT) AS ts,
         CASE WHEN u3 < 0.85 THEN 1.0 ELSE 0.3 END::FLOAT AS weight
  FROM (SELECT (hash(i) % {members})::INTEGER AS member,
               (hash(i * 3 + 1) % 1000003)::DOUBLE / 1000003 AS u1,
               (hash(i * 3 + 2) % 1000003)::DOUBLE / 1000003 AS u2,
               (hash(i * 3 + 3) % 1000003)::DOUBLE / 1000003 AS u3
        FROM range({rows}) t(i))
) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
"""

#: The heaviest step: members' interactions pooled into person-to-person strengths (per member and
#: person), then per person across members.
TIES_SQL = """
COPY (
  SELECT member, person,
         sum(weight * pow(2.0, -(epoch(TIMESTAMP '{as_of}') - epoch(ts)) / 86400.0 / {h})) AS strength,
         count(*) AS interactions,
         max(ts) AS last_contact
  FROM read_parquet('{src}')
  WHERE ts <= TIMESTAMP '{as_of}'
  GROUP BY member, person
) TO '{ties}' (FORMAT parquet)
"""
PEOPLE_SQL = """
COPY (
  SELECT person, count(*) AS members, count(*) FILTER (WHERE strength >= 0.5) AS warm_members,
         arg_max(member, strength) AS best_introducer, max(strength) AS best_strength
  FROM read_parquet('{ties}')
  GROUP BY person
) TO '{people}' (FORMAT parquet)
"""

MEASURE_ORG = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
import duckdb
from _procs import reset_peak, status_mb
src, out, limit, spill = sys.argv[1], sys.argv[3], sys.argv[4], sys.argv[5]
con = duckdb.connect(config={"memory_limit": limit, "threads": 2, "temp_directory": spill, "preserve_insertion_order": False})
res = {"duckdb": duckdb.__version__, "memory_limit": limit}
for step, sql in (("ties", sys.argv[6]), ("people", sys.argv[7])):
    reset_peak()
    t = time.perf_counter()
    con.execute(sql)
    res[step + "_s"], res[step + "_peak_mb"] = time.perf_counter() - t, status_mb("VmHWM")
res["ties"] = con.execute(f"SELECT count(*) FROM read_parquet('{out}/ties.parquet')").fetchone()[0]
res["people"], res["shared"], res["warm_shared"] = con.execute(
    f"SELECT count(*), count(*) FILTER (WHERE members >= 2), count(*) FILTER (WHERE warm_members >= 2) FROM read_parquet('{out}/people.parquet')").fetchone()
print(json.dumps(res))
"""


def make_org(path: Path, rows: int, members: int, people: int) -> float:
    """Write the interactions as Parquet with DuckDB; seconds taken."""
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect(config={"threads": 2, "memory_limit": "3GB", "temp_directory": str(path.parent / "spill")})
    con.execute(GENERATE_ORG.format(rows=rows, members=members, people=people, path=path))
    return time.perf_counter() - t


def _run(script: str, *args: str) -> dict:
    """Run ``script`` in a fresh Python; its last line of JSON."""
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    import pyarrow

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"pandas {pd.__version__}, pyarrow {pyarrow.__version__}, numpy {np.__version__}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["team", "org"])
    ap.add_argument("--members", type=int)
    ap.add_argument("--years", type=float, default=5)
    ap.add_argument("--mail-per-year", type=int, default=2000)
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--people", type=int, default=5_000_000)
    ap.add_argument("--memory-limit", default="3GB")
    ap.add_argument("--keep", type=Path, help="write the data here and keep it (outside the repository)")
    ap.add_argument("--data", type=Path, help="data written before with --keep")
    a = ap.parse_args()
    here = str(Path(__file__).resolve().parent)
    root = a.data or a.keep or Path(tempfile.mkdtemp(prefix="netlib-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    print(_machine())
    try:
        if a.what == "team":
            if not a.data:
                t = time.perf_counter()
                sizes = make_team(root, a.members or 200, a.years, a.mail_per_year)
                print(json.dumps({"written_s": round(time.perf_counter() - t, 1), **sizes}))
            print(json.dumps(_run(MEASURE_TEAM, str(root), here, str(HALF_LIFE))))
        else:
            src = root / "interactions.parquet"
            if not a.data:
                print(json.dumps({"generate_s": make_org(src, a.rows, a.members or 10_000, a.people), "parquet_mb": src.stat().st_size / 1e6}))
            spill = root / "spill"
            spill.mkdir(exist_ok=True)
            q = {"src": src, "ties": root / "ties.parquet", "people": root / "people.parquet", "as_of": "2026-01-01", "h": HALF_LIFE}
            print(json.dumps(_run(MEASURE_ORG, str(src), here, str(root), a.memory_limit, str(spill), TIES_SQL.format(**q),
                                  PEOPLE_SQL.format(**q))))
    finally:
        if not (a.keep or a.data):
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
