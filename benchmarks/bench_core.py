"""Speed and memory of netlib's core path against a bare pyarrow + numpy floor.

    python benchmarks/bench_core.py [--contacts 100000] [--meetings 1000000] [--keep DIR | --data DIR]
                                    [--repeat 3] [--warm MB] [--shape uniform|skewed|everyone|both]

1. Writes a synthetic data set in netlib's canonical CSV format, of the shape ``--shape`` says:
   ``uniform`` (the default; a fast numpy variant of the generator: 70% one-to-one meetings, the
   rest groups of 2-27 people, about 5 attendances per meeting on average, everyone in about as
   many meetings), ``skewed`` (attendance following a Zipf law, the files of
   ``../shared/bench/gen_skewed.py``: a few people in a large share of all meetings),
   ``everyone`` (skewed, and one contact in every meeting) or ``both`` (uniform, then skewed).
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


def make_skewed(folder: Path, n_contacts: int, n_meetings: int, everyone: bool = False) -> dict:
    """Write contacts.csv and meetings.csv whose attendance follows a Zipf law; return their sizes.

    The same files as ``../shared/bench/gen_skewed.py N_CONTACTS N_MEETINGS DIR`` (seed 7; a few people
    in a large share of all meetings, as an organisation's assistants, a founder or a club's host are).
    ``everyone``: one contact, ``c0000000`` (in almost no meeting otherwise), attends every meeting: added
    to each attendee list that does not already name it, so one-to-one meetings become meetings of two.
    """
    import pandas as pd

    rng = np.random.default_rng(7)
    ids = np.array([f"c{i:07d}" for i in range(n_contacts)])
    pd.DataFrame({"contact_id": ids, "name": [f"Person {i}" for i in range(n_contacts)],
                  "email": [f"p{i}@example.com" for i in range(n_contacts)],
                  "company": rng.choice([f"Co{i}" for i in range(2000)], n_contacts),
                  "title": rng.choice(["Engineer", "Director", "CEO", "Consultant", "Analyst"], n_contacts)}).to_csv(
        folder / "contacts.csv", index=False)
    size = np.where(rng.random(n_meetings) < 0.7, 1, rng.integers(2, 30, n_meetings))
    start = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365 * 24 * 60, n_meetings), unit="min")
    pop = rng.zipf(1.3, size.sum()) % n_contacts
    att = np.split(ids[pop], np.cumsum(size)[:-1])
    lists = [";".join(a) for a in att]
    rows = int(size.sum())
    if everyone:
        missing = [ids[0] not in a for a in att]
        lists = [f"{ids[0]};{x}" if m else x for x, m in zip(lists, missing)]
        rows += sum(missing)
    pd.DataFrame({"meeting_id": [f"m{i:08d}" for i in range(n_meetings)], "start": start.strftime("%Y-%m-%dT%H:%M"),
                  "duration_min": np.where(size == 1, 45, 90), "channel": np.where(size == 1, "coffee", "event"),
                  "attendees": lists}).to_csv(folder / "meetings.csv", index=False)
    return {"contacts": n_contacts, "meetings": n_meetings, "attendance": rows,
            "csv_mb": round(sum((folder / f).stat().st_size for f in ("contacts.csv", "meetings.csv")) / 1e6, 1)}


#: The shapes of data the benchmarks write: bench_core's uniform data, the Zipf-law attendance of
#: gen_skewed.py, and the same with one contact in every meeting.
SHAPES = {"uniform": make_data, "skewed": make_skewed,
          "everyone": lambda folder, n_contacts, n_meetings: make_skewed(folder, n_contacts, n_meetings, everyone=True)}


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
    # the start's type is inferred: timestamps in UTC ("...Z", uniform data) or without an offset (skewed data)
    meetings = pacsv.read_csv(folder / "meetings.csv", convert_options=pacsv.ConvertOptions(column_types={"attendees": pa.string()}))
    lists = pc.split_pattern(meetings["attendees"].combine_chunks(), ";")
    n = pc.list_value_length(lists).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists).to_numpy()
    cpos = pc.index_in(flat, value_set=contacts["contact_id"]).to_numpy(zero_copy_only=False)
    start = meetings["start"].combine_chunks().cast(pa.int64()).to_numpy() / 86400.0
    as_of = start.max()
    w_meeting = np.where(n == 1, 1.0, 0.3) * np.exp2(-(as_of - start) / HALF_LIFE)
    s = np.bincount(cpos, weights=w_meeting[parent], minlength=contacts.num_rows)
    out = {"seconds": time.perf_counter() - t, "checksum": float(s.sum()), "peak_rss_mb": _peak_rss_mb()}
    # Not timed, after the peak is read: the same sum with a person listed twice in one meeting counted
    # once, as netlib counts them (the skewed data lists people twice; the uniform data never does); the
    # meeting's weight still goes by the length of its list.
    pair = np.unique(parent.astype(np.int64) * contacts.num_rows + cpos)
    out["checksum_once"] = float(w_meeting[pair // contacts.num_rows].sum())
    return out


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
    out.setdefault("peak_rss_mb", _peak_rss_mb())
    print(json.dumps(out))


def _measure(kind: str, folder: Path, warm_mb: int) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", kind, str(folder), "--warm", str(warm_mb)], capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"{kind} run failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def compare(folder: Path, repeat: int, warm_mb: int) -> dict:
    """Floor and netlib on the data in folder, ``repeat`` runs each, alternating; prints the runs and summaries."""
    runs = {"floor": [], "netlib": []}
    for _ in range(repeat):
        for kind in runs:
            runs[kind].append(_measure(kind, folder, warm_mb))
    med = {k: {m: float(np.median([r[m] for r in v])) for m in v[0] if not m.startswith("checksum")} for k, v in runs.items()}
    floor, net = med["floor"], med["netlib"]
    secs = {k: ", ".join(f"{r['seconds']:.2f}" for r in v) for k, v in runs.items()}
    print(f"runs (s): floor {secs['floor']}; netlib {secs['netlib']}; memory warmed first: {warm_mb} MB")
    print(f"{'median':8}{'time (s)':>10}{'peak RSS (MB)':>16}")
    print(f"{'floor':8}{floor['seconds']:>10.2f}{floor['peak_rss_mb']:>16.0f}")
    print(f"{'netlib':8}{net['seconds']:>10.2f}{net['peak_rss_mb']:>16.0f}   (load alone {net['load_seconds']:.2f} s)")
    print(f"{'ratio':8}{net['seconds'] / floor['seconds']:>10.2f}{net['peak_rss_mb'] / floor['peak_rss_mb']:>16.2f}   (target: 2 or less)")
    best = {k: min(r["seconds"] for r in v) for k, v in runs.items()}
    print(f"{'best':8}{'floor':>10}{'netlib':>10}{'ratio':>8}   (fastest run of each: what is left when the machine's noise is not)")
    print(f"{'':8}{best['floor']:>10.2f}{best['netlib']:>10.2f}{best['netlib'] / best['floor']:>8.2f}")
    paired = [n["seconds"] / f["seconds"] for f, n in zip(runs["floor"], runs["netlib"])]
    print(f"{'paired':8}{float(np.median(paired)):>28.2f}   (median of each netlib run over the floor run just before it)")
    fc, fo, nc = runs["floor"][0]["checksum"], runs["floor"][0]["checksum_once"], runs["netlib"][0]["checksum"]
    agree = abs(nc - fc) <= 1e-6 * max(1.0, fc)
    once = abs(nc - fo) <= 1e-6 * max(1.0, fo)
    print(f"sum of tie strengths: netlib {nc:.6f}, floor {fc:.6f} ({'agree' if agree else 'DIFFER'})"
          + ("" if agree else f"; floor counting a person listed twice in a meeting once {fo:.6f} ({'agree' if once else 'DIFFER'})"))
    return {"floor": floor, "netlib": net, "best": best, "paired": float(np.median(paired))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--meetings", type=int, default=1_000_000)
    ap.add_argument("--keep", help="write the data set here and keep it (in a folder per shape when there are several)")
    ap.add_argument("--data", help="measure the contacts.csv and meetings.csv already in this folder")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side, alternating; medians (and the fastest runs) are compared")
    ap.add_argument("--warm", type=int, default=0, help="MB each run allocates and frees first (see _warm_memory)")
    ap.add_argument("--shape", choices=[*SHAPES, "both"], default="uniform",
                    help="the data's shape (see above); both: uniform, then skewed")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(*args.child, args.warm)
    shapes = ["uniform", "skewed"] if args.shape == "both" else [args.shape]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _procs import code_version

    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; {code_version()}")
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            folder = Path(args.data or args.keep or tmp)
            if len(shapes) > 1:
                folder = folder / shape
            if not (args.data and (folder / "meetings.csv").exists()):
                folder.mkdir(parents=True, exist_ok=True)
                t = time.perf_counter()
                size = SHAPES[shape](folder, args.contacts, args.meetings)
                print(f"{shape} data: {size} written in {time.perf_counter() - t:.1f} s")
            else:
                print(f"{shape} data: {folder}")
            summary[shape] = compare(folder, args.repeat, args.warm)
    if len(summary) > 1:
        print(f"\n{'shape':10}{'floor s':>9}{'netlib s':>10}{'ratio':>7}{'paired':>8}{'floor MB':>10}{'netlib MB':>11}{'ratio':>7}   (medians)")
        for shape, r in summary.items():
            f, n = r["floor"], r["netlib"]
            print(f"{shape:10}{f['seconds']:>9.2f}{n['seconds']:>10.2f}{n['seconds'] / f['seconds']:>7.2f}{r['paired']:>8.2f}"
                  f"{f['peak_rss_mb']:>10.0f}{n['peak_rss_mb']:>11.0f}{n['peak_rss_mb'] / f['peak_rss_mb']:>7.2f}")


if __name__ == "__main__":
    main()
