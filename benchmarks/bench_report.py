"""The main job at scale: ``netlib report`` end to end, beside the core path on the same data.

    python benchmarks/bench_report.py [--sizes personal heavy organisation] [--shape uniform|skewed|everyone|both]
                                      [--keep DIR] [--no-explorers]

For each size (personal: 2,000 contacts and 5,000 meetings; heavy: 20,000 and 200,000;
organisation: 100,000 and 1,000,000) and each shape of data (``uniform``: ``bench_core.make_data``,
everyone in about as many meetings; ``skewed``: attendance following a Zipf law, the files of
``../shared/bench/gen_skewed.py``; ``everyone``: skewed, and one contact in every meeting; ``both``:
uniform and skewed), writes canonical CSVs, then in fresh processes:

* **core**: ``netlib.load`` + ``tie_strength`` + ``effort`` + ``reach`` (the floor of the report):
  its time and its peak resident memory (``VmHWM``);
* **report**: ``netlib report DIR --out ...``: wall time, each page's time (from its progress
  lines), and the peak resident memory of the largest process in the tree (the command or one of
  its kernels), sampled from every process's ``VmHWM`` every 0.1 s (``benchmarks/_procs.py``;
  ``RUSAGE_CHILDREN`` keeps the largest child of the whole session and ``ru_maxrss`` carries over
  an exec, so neither tells one run's largest process);

* **explorers**: in one fresh process, each explorer widget is built on the network, then one of
  its controls is moved and the redraw it triggers is timed (the median of five moves, the chart
  drawn to a PNG as the inline backend sends it to JupyterLab; before 2026-12-07 it was not drawn at all).

Prints the figures, then a table of every size and shape: the core path's and the report's time and
largest process's peak, and the report's ratios to the core path (targets: every process under
2 GB, the report within 10x the core path's time).  No timing is asserted anywhere: this is a
measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _procs import code_version, watched
from bench_core import SHAPES

SIZES = {"personal": (2_000, 5_000), "heavy": (20_000, 200_000), "organisation": (100_000, 1_000_000)}

CORE = r"""
import sys, time
import netlib
t = time.perf_counter()
net = netlib.load(sys.argv[1])
netlib.tie_strength(net); netlib.effort(net); netlib.reach(net)
seconds = time.perf_counter() - t
peak = next(int(ln.split()[1]) / 1024 for ln in open("/proc/self/status") if ln.startswith("VmHWM:"))
print(seconds, peak)
"""

EXPLORERS = r"""
import contextlib, io, sys, time, statistics
import matplotlib
matplotlib.use("Agg")
import netlib
from netlib import widgets
net = netlib.load(sys.argv[1])
segment = sys.argv[2] if len(sys.argv) > 2 else None

def _show_as_a_kernel_does(fig):  # outside a kernel display(fig) prints a repr: draw the PNG the inline backend sends
    import matplotlib.pyplot as plt
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    plt.close(fig)

widgets._show = _show_as_a_kernel_does

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
    reach = widgets.reach_explorer(net, segment=segment)
    effort = widgets.effort_explorer(net)
    plan = widgets.plan_explorer(net, segment=segment)
print("decay", moved(decay, (0, 0, 0), [30, 60, 120, 45, 90]))
print("reach", moved(reach, (1,), ["channel", "mode", "channel", "mode", "channel"]))
print("effort", moved(effort, (0, 0), [2.0, 1.5, 0.5, 1.0, 2.5]))
print("plan", moved(plan, (0, 0), [5.0, 15.0, 25.0, 8.0, 12.0]))
"""


def run(data: Path, out: Path, env: dict, segment: str | None, explorers: bool) -> dict:
    """The core path, the report and the explorers on the data in ``data``; prints them as they come."""
    core_s, core_mb = map(float, subprocess.run([sys.executable, "-c", CORE, str(data)], capture_output=True, text=True,
                                                check=True, env=env).stdout.split()[-2:])
    res, watch = watched([sys.executable, "-m", "netlib", "report", str(data), "--out", str(out)], env=env)
    row = {"core_s": core_s, "core_mb": core_mb, "report_s": watch["wall"], "report_mb": watch["largest_mb"],
           "largest": "a kernel" if "ipykernel" in watch["largest_cmd"] else "the command"}
    if res.returncode:
        print(f"    report failed (largest process so far {watch['largest_mb']:.0f} MB): {res.stderr[-500:]}")
        return {**row, "failed": True}
    print(f"    core path {core_s:.2f} s, peak {core_mb:.0f} MB; report {watch['wall']:.1f} s wall "
          f"({watch['wall'] / core_s:.0f}x), largest process ({row['largest']}) peak {watch['largest_mb']:.0f} MB "
          f"({watch['largest_mb'] / core_mb:.1f}x)")
    for title, secs in re.findall(r"\] (.+?): wrote \S+ \(([\d.]+) s\)", res.stdout):
        print(f"    {title:18s} {float(secs):6.1f} s")
    if explorers:
        redraw = subprocess.run([sys.executable, "-c", EXPLORERS, str(data), *([segment] if segment else [])],
                                capture_output=True, text=True, env=env)
        if redraw.returncode:
            print(f"    explorers failed: {redraw.stderr[-300:]}")
        for line in redraw.stdout.splitlines():
            name, secs = line.split()
            print(f"    {name} explorer redraw {float(secs) * 1000:6.0f} ms")
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["personal", "heavy"], choices=list(SIZES))
    ap.add_argument("--shape", choices=[*SHAPES, "both"], default="uniform", help="the data's shape; both: uniform and skewed")
    ap.add_argument("--keep", type=Path, help="keep the data sets and reports in this folder (and reuse its data)")
    ap.add_argument("--no-explorers", action="store_true", help="do not time the explorers' redraws")
    args = ap.parse_args()
    shapes = ["uniform", "skewed"] if args.shape == "both" else [args.shape]
    root = args.keep or Path(tempfile.mkdtemp())
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {code_version()}")
    table = {}
    for size in args.sizes:
        contacts, meetings = SIZES[size]
        for shape in shapes:
            data = root / size / shape
            if not (data / "meetings.csv").exists():
                data.mkdir(parents=True, exist_ok=True)
                SHAPES[shape](data, contacts, meetings)
            print(f"{size}, {shape} ({contacts:,} contacts, {meetings:,} meetings):", flush=True)
            table[size, shape] = run(data, root / size / f"report-{shape}", env, "prospect" if shape == "uniform" else None,
                                     not args.no_explorers)
    print(f"\n{'size':13}{'shape':9}{'core s':>8}{'core MB':>9}{'report s':>10}{'report MB':>11}{'time x':>8}{'memory x':>10}"
          "   (report MB: its largest process's peak)")
    for (size, shape), r in table.items():
        flag = "  over 2 GB" if max(r["core_mb"], r["report_mb"]) > 2048 else ""
        flag += "  over 10x" if size == "organisation" and r["report_s"] > 10 * r["core_s"] else ""
        flag += "  FAILED" if r.get("failed") else ""
        print(f"{size:13}{shape:9}{r['core_s']:>8.2f}{r['core_mb']:>9.0f}{r['report_s']:>10.1f}{r['report_mb']:>11.0f}"
              f"{r['report_s'] / r['core_s']:>8.1f}{r['report_mb'] / r['core_mb']:>10.1f}{flag}")
    print("targets at the organisation size, both shapes: every process under 2 GB; the report within 10x the core path's time")


if __name__ == "__main__":
    main()
