"""The main job at scale: ``netlib report`` end to end, beside the core path on the same data.

    python benchmarks/bench_report.py [--sizes personal heavy organisation] [--keep DIR]

For each size (personal: 2,000 contacts and 5,000 meetings; heavy: 20,000 and 200,000;
organisation: 100,000 and 1,000,000), writes canonical CSVs (``bench_core.make_data``), then in
fresh processes:

* **core**: ``netlib.load`` + ``tie_strength`` + ``effort`` + ``reach`` (the floor of the report);
* **report**: ``netlib report DIR --out ...``: wall time, each page's time (from its progress
  lines), and the peak resident memory of the largest process in the tree (the command or one of
  its kernels; ``RUSAGE_CHILDREN``).

* **explorers**: in one fresh process, each explorer widget is built on the network, then one of
  its controls is moved and the redraw it triggers is timed (the median of five moves, the chart
  drawn to an Agg canvas as a kernel would).

Prints the figures and the ratio of the report's wall time to the core path's.  No timing is
asserted anywhere: this is a measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import make_data  # noqa: E402

SIZES = {"personal": (2_000, 5_000), "heavy": (20_000, 200_000), "organisation": (100_000, 1_000_000)}

CORE = r"""
import sys, time
import netlib
t = time.perf_counter()
net = netlib.load(sys.argv[1])
netlib.tie_strength(net); netlib.effort(net); netlib.reach(net)
print(time.perf_counter() - t)
"""

EXPLORERS = r"""
import contextlib, io, sys, time, statistics
import matplotlib
matplotlib.use("Agg")
import netlib
from netlib import widgets
net = netlib.load(sys.argv[1])

def moved(box, path, values):
    control = box
    for i in path:
        control = control.children[i]
    times = []
    for v in values:  # each move redraws once (the controls do not update while dragged)
        with contextlib.redirect_stdout(io.StringIO()):
            t = time.perf_counter()
            control.value = v
            times.append(time.perf_counter() - t)
    return statistics.median(times)

quiet = contextlib.redirect_stdout(io.StringIO())
with quiet:
    decay = widgets.decay_explorer(net)
    reach = widgets.reach_explorer(net, segment="prospect")
    effort = widgets.effort_explorer(net)
    plan = widgets.plan_explorer(net, segment="prospect")
print("decay", moved(decay, (0, 0, 0), [30, 60, 120, 45, 90]))
print("reach", moved(reach, (1,), ["channel", "mode", "channel", "mode", "channel"]))
print("effort", moved(effort, (0, 0), [2.0, 1.5, 0.5, 1.0, 2.5]))
print("plan", moved(plan, (0, 0), [5.0, 15.0, 25.0, 8.0, 12.0]))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["personal", "heavy"], choices=sorted(SIZES))
    ap.add_argument("--keep", type=Path, help="keep the data sets and reports in this folder")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp())
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for size in args.sizes:
        contacts, meetings = SIZES[size]
        data = root / size / "data"
        if not (data / "meetings.csv").exists():
            data.mkdir(parents=True, exist_ok=True)
            make_data(data, contacts, meetings)
        core = float(subprocess.run([sys.executable, "-c", CORE, str(data)], capture_output=True, text=True, check=True,
                                    env=env).stdout.split()[-1])
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "netlib", "report", str(data), "--out", str(root / size / "report")],
                             capture_output=True, text=True, env=env)
        wall = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if out.returncode:
            print(f"{size}: report failed: {out.stderr[-500:]}")
            continue
        pages = re.findall(r"\] (.+?): wrote \S+ \(([\d.]+) s\)", out.stdout)
        print(f"{size} ({contacts:,} contacts, {meetings:,} meetings): report {wall:.1f} s wall, core path {core:.2f} s, "
              f"ratio {wall / core:.0f}x; largest process peak {max(peak, before) / 1024:.0f} MB"
              + ("" if peak > before else " (a size before it peaked higher)"))
        for title, secs in pages:
            print(f"    {title:18s} {float(secs):6.1f} s")
        redraw = subprocess.run([sys.executable, "-c", EXPLORERS, str(data)], capture_output=True, text=True, env=env)
        if redraw.returncode:
            print(f"    explorers failed: {redraw.stderr[-300:]}")
        for line in redraw.stdout.splitlines():
            name, secs = line.split()
            print(f"    {name} explorer redraw {float(secs) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
