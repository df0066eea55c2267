"""Speed and memory of netlib's core path against a bare pyarrow + numpy floor.

    python benchmarks/bench_core.py [--contacts 100000] [--meetings 1000000] [--keep DIR | --data DIR]
                                    [--repeat 3] [--warm MB]

1. Writes a synthetic data set in netlib's canonical CSV format (fast numpy
   variant of the generator: 70% one-to-one meetings, the rest groups of 2-27
   people, about 5 attendances per meeting on average).
2. Runs, each in a fresh process so that peak memory is its own:
   * **netlib**: ``netlib.load`` + ``tie_strength`` + ``effort`` + ``reach``;
   * **floor**: the same essential work done directly: read both CSVs with
     pyarrow, split the attendee lists, map them to contact positions, one
     ``np.bincount`` of decayed weights.
   Each side runs ``--repeat`` times, alternating; medians are compared.
3. Prints time and peak resident memory of both and their ratios.

No timing is asserted anywhere: this is a measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

HALF_LIFE = 90.0


def make_data(folder: Path, n_contacts: int, n_meetings: int, seed: int = 0) -> dict:
    """Write contacts.csv and meetings.csv; return their sizes."""
    rng = np.random.default_rng(seed)
    ids = pa.array(np.char.add("c", np.char.zfill(np.arange(n_contacts).astype(str), 7)))
    first = np.array(["Ada", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas"])
    last = np.array(["Adams", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "García", "Hughes", "Ivanova", "Jensen"])
    k = np.arange(n_contacts)
    names = pc.binary_join_element_wise(pa.array(first[k % 10]), pa.array(last[(k // 10) % 10]), pa.array(k.astype(str)), " ")
    emails = pc.utf8_lower(pc.binary_join_element_wise(pa.array(first[k % 10]), pa.array(k.astype(str)), "@example.org", ""))
    contacts = pa.table(
        {
            "contact_id": ids,
            "name": names,
            "email": emails,
            "company": pa.array(np.char.add("Company ", (k % 5000).astype(str))),
            "tags": pa.array(np.where(rng.random(n_contacts) < 0.2, "prospect", "")),
            "connected_on": pa.array(np.where(rng.random(n_contacts) < 0.5, "2022-06-01", "")),
        }
    )
    group = rng.random(n_meetings) < 0.3
    size = np.where(group, rng.integers(2, 28, n_meetings), 1)
    offsets = np.r_[0, np.cumsum(size)].astype(np.int32)
    # distinct people within a meeting: a random first person, then a fixed stride coprime to n_contacts
    parent = np.repeat(np.arange(n_meetings), size)
    j = np.arange(offsets[-1]) - offsets[:-1][parent]
    first_person = rng.integers(0, n_contacts, n_meetings)
    who = (first_person[parent] + j * 7919) % n_contacts
    att = pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), ids.take(pa.array(who))), ";")
    t0 = np.datetime64("2022-01-01T00:00:00", "s")
    start = t0 + rng.integers(0, 3 * 365 * 86400, n_meetings).astype("timedelta64[s]")
    start.sort()
    channel = np.where(group, np.array(["breakfast club", "conference", "meetup"])[rng.integers(0, 3, n_meetings)],
                       np.array(["coffee", "call", "video"])[rng.integers(0, 3, n_meetings)])
    meetings = pa.table(
        {
            "meeting_id": pa.array(np.char.add("m", np.char.zfill(np.arange(n_meetings).astype(str), 8))),
            "start": pa.array(np.char.add(np.datetime_as_string(start, unit="s"), "Z")),
            "duration_min": pa.array(np.where(group, 90, 45)),
            "channel": pa.array(channel),
            "attendees": att,
        }
    )
    opts = pacsv.WriteOptions(quoting_style="needed")
    pacsv.write_csv(contacts, folder / "contacts.csv", opts)
    pacsv.write_csv(meetings, folder / "meetings.csv", opts)
    return {"contacts": n_contacts, "meetings": n_meetings, "attendance": int(offsets[-1]),
            "csv_mb": round(sum((folder / f).stat().st_size for f in ("contacts.csv", "meetings.csv")) / 1e6, 1)}


def run_netlib(folder: Path) -> dict:
    import netlib

    t = time.perf_counter()
    net = netlib.load(folder / "contacts.csv", folder / "meetings.csv")
    t_load = time.perf_counter() - t
    s = netlib.tie_strength(net, half_life_days=HALF_LIFE)
    e = netlib.effort(net, half_life_days=HALF_LIFE)
    r = netlib.reach(net)
    return {"seconds": time.perf_counter() - t, "load_seconds": t_load, "checksum": float(s.sum()),
            "people": int(r.loc["all", "people"]), "hours": float(e["hours"].sum())}


def run_floor(folder: Path) -> dict:
    t = time.perf_counter()
    contacts = pacsv.read_csv(folder / "contacts.csv", convert_options=pacsv.ConvertOptions(column_types={"contact_id": pa.string()}))
    meetings = pacsv.read_csv(
        folder / "meetings.csv",
        convert_options=pacsv.ConvertOptions(column_types={"start": pa.timestamp("s", tz="UTC"), "attendees": pa.string()}),
    )
    lists = pc.split_pattern(meetings["attendees"].combine_chunks(), ";")
    n = pc.list_value_length(lists).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists).to_numpy()
    cpos = pc.index_in(flat, value_set=contacts["contact_id"]).to_numpy(zero_copy_only=False)
    start = meetings["start"].combine_chunks().cast(pa.int64()).to_numpy() / 86400.0
    as_of = start.max()
    w_meeting = np.where(n == 1, 1.0, 0.3) * np.exp2(-(as_of - start) / HALF_LIFE)
    s = np.bincount(cpos, weights=w_meeting[parent], minlength=contacts.num_rows)
    return {"seconds": time.perf_counter() - t, "checksum": float(s.sum())}


def _warm_memory(mb: int) -> None:
    """Allocate and free ``mb`` MB through malloc before measuring (``--warm``; off by default).

    On the virtual machine these figures come from, touching fresh memory costs
    from 0.1 s to over 2 s per 1.5 GB, differently from run to run.  After a large
    free, glibc keeps the pages for reuse, so a warmed run mostly reuses memory
    that is already backed: faster and steadier, but its peak RSS then includes
    memory kept by malloc.  The default (cold) is what a user's fresh process sees.
    """
    if mb > 0:
        chunks = [np.ones(100_000_000, np.uint8) for _ in range(max(1, mb // 100))]
        del chunks
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset the peak resident set size


def _peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM; a warm-up resets it first)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child(kind: str, folder: str, warm_mb: int) -> None:
    _warm_memory(warm_mb)
    out = run_netlib(Path(folder)) if kind == "netlib" else run_floor(Path(folder))
    out["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(out))


def _measure(kind: str, folder: Path, warm_mb: int) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", kind, str(folder), "--warm", str(warm_mb)], capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"{kind} run failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--meetings", type=int, default=1_000_000)
    ap.add_argument("--keep", help="write the data set here and keep it")
    ap.add_argument("--data", help="measure the contacts.csv and meetings.csv already in this folder")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side, alternating; medians (and the fastest runs) are compared")
    ap.add_argument("--warm", type=int, default=0, help="MB each run allocates and frees first (see _warm_memory)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(*args.child, args.warm)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.data or args.keep or tmp)
        if not args.data:
            folder.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            size = make_data(folder, args.contacts, args.meetings)
            print(f"data: {size} written in {time.perf_counter() - t:.1f} s")
        print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        runs = {"floor": [], "netlib": []}
        for _ in range(args.repeat):
            for kind in runs:
                runs[kind].append(_measure(kind, folder, args.warm))
    med = {k: {m: float(np.median([r[m] for r in v])) for m in v[0] if m != "checksum"} for k, v in runs.items()}
    floor, net = med["floor"], med["netlib"]
    secs = {k: ", ".join(f"{r['seconds']:.2f}" for r in v) for k, v in runs.items()}
    print(f"runs (s): floor {secs['floor']}; netlib {secs['netlib']}; memory warmed first: {args.warm} MB")
    print(f"{'median':8}{'time (s)':>10}{'peak RSS (MB)':>16}")
    print(f"{'floor':8}{floor['seconds']:>10.2f}{floor['peak_rss_mb']:>16.0f}")
    print(f"{'netlib':8}{net['seconds']:>10.2f}{net['peak_rss_mb']:>16.0f}   (load alone {net['load_seconds']:.2f} s)")
    print(f"{'ratio':8}{net['seconds'] / floor['seconds']:>10.2f}{net['peak_rss_mb'] / floor['peak_rss_mb']:>16.2f}   (target: 2 or less)")
    best = {k: min(r["seconds"] for r in v) for k, v in runs.items()}
    print(f"{'best':8}{'floor':>10}{'netlib':>10}{'ratio':>8}   (fastest run of each: what is left when the machine's noise is not)")
    print(f"{'':8}{best['floor']:>10.2f}{best['netlib']:>10.2f}{best['netlib'] / best['floor']:>8.2f}")
    paired = [n["seconds"] / f["seconds"] for f, n in zip(runs["floor"], runs["netlib"])]
    print(f"{'paired':8}{float(np.median(paired)):>28.2f}   (median of each netlib run over the floor run just before it)")
    fc, nc = runs["floor"][0]["checksum"], runs["netlib"][0]["checksum"]
    agree = abs(nc - fc) <= 1e-6 * max(1.0, fc)
    print(f"sum of tie strengths: netlib {nc:.6f}, floor {fc:.6f} ({'agree' if agree else 'DIFFER'})")


if __name__ == "__main__":
    main()
