"""Memory probe: every public analysis, chart, explorer and report page of netlib on data of several shapes.

    python benchmarks/probe_shapes.py [--contacts N] [--meetings M] [--shapes skewed everyone uniform]
                                      [--data DIR] [--only REGEX] [--no-pages] [--no-report] [--json FILE]

Shapes (written by ``bench_core``; ``--data DIR`` keeps them in ``DIR/<shape>`` and reuses them):

* ``skewed``: attendance following a Zipf law (``../shared/bench/gen_skewed.py``, the same files);
* ``everyone``: the same, and one contact (``c0000000``) in every meeting;
* ``uniform``: ``bench_core.make_data``, the data of ``make bench``.

For each shape, in a fresh process per row:

* **functions**: the network is loaded (``netlib.load(DIR)``), a call's inputs are made, the
  process's peak resident memory is reset (``/proc/self/clear_refs``), then the call runs alone.
  ``peak`` is the process's ``VmHWM`` during the call (the network's own memory included),
  ``+MB`` that peak over the resident memory just before the call.  ``load`` is the load's own row.
  Every public function of ``netlib.__all__``, ``netlib.decay``, ``netlib.analysis.plan`` (small
  runs), ``netlib.org``, ``netlib.segment``, ``netlib.headline`` and every ``netlib.plots.plot_*``
  (drawn to a PNG in memory), each explorer of ``netlib.widgets`` (built, then one control moved),
  with the arguments the report's pages give them (``notebooks/0*.ipynb``).
* **pages**: each notebook's code cells run in turn in one plain Python process (Agg backend),
  its ``sources`` the data folder, so the page loads the files itself (a report's kernel opens a
  snapshot instead); the peak of the whole page and its heaviest cell.
* **report**: ``netlib report DIR --out OUT``, and the same with ``--anonymize``: wall time and the
  peak of the largest process of the tree (its kernels are children), sampled from every
  process's ``VmHWM`` every 0.1 s (``_procs.watched``), with ``RUSAGE_CHILDREN`` beside it.

A watchdog kills any process of a row whose resident memory passes ``--limit-mb`` (default
12,000): the row then reads ``killed``.  Prints one table per shape, sorted by peak memory.
Nothing is asserted: this is a measuring tool.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _procs import code_version, reset_peak, status_mb, watched
from bench_core import SHAPES

ROOT = Path(__file__).resolve().parent.parent
HL = "90"  # the half-life the rows give (the pages choose one first; choose_half_life and fit_half_life have their own rows)

# name: (setup, call).  Both run with netlib, np, pd, plt, io, net (loaded) and DATA (the folder) in scope;
# a setup of NOLOAD: nothing loaded first (the call loads the files itself).
NOLOAD = "<no network loaded first>"
TOP4 = f"top = netlib.status(net, half_life_days={HL}).nlargest(4, 'strength').index\n"
TAG = "tags = netlib.segment.tag_counts(net); seg = tags.index[0] if len(tags) else None\n"
PLANS = "plans = netlib.analysis.plan.contrasting_plans(net)\n"  # as the plan page does
DRAW = "\nax.figure.savefig(io.BytesIO(), format='png'); plt.close('all')"
CASES: dict[str, tuple[str, str]] = {
    # the core path and the network's own tables
    "load": ("", ""),  # measured by every row; this one does nothing more
    "open_network(anonymize=True)": (NOLOAD, "netlib.open_network([str(DATA)], anonymize=True, salt='probe-salt-0123')"),
    "anonymize.pseudonymize": ("", "netlib.anonymize.pseudonymize(net, salt='probe-salt-0123')"),
    "from_frames": (NOLOAD, "kw = dict(dtype=str, keep_default_na=False)\n"
                            "netlib.from_frames(pd.read_csv(DATA / 'contacts.csv', **kw), pd.read_csv(DATA / 'meetings.csv', **kw))"),
    "net.attendance": ("", "net.attendance"),
    "net.summary": ("", "net.summary()"),
    "write_csv": ("import tempfile; out = tempfile.mkdtemp()", "netlib.write_csv(net, out)"),
    # reach
    "reach": ("", "netlib.reach(net)"),
    "reach(by=quarter,mode)": ("", "netlib.reach(net, by=['quarter', 'mode'])"),
    "reach_growth": ("", "netlib.reach_growth(net)"),
    "first_met": ("", "netlib.first_met(net)"),
    "right_people": ("", "netlib.right_people(net, None)"),
    "referral_reach": ("", f"netlib.referral_reach(net, segment=None, half_life_days={HL})"),
    "ego_graph(top=150)": ("", f"netlib.ego_graph(net, segment=None, top=150, half_life_days={HL})"),
    "ego_graph(defaults)": ("", "netlib.ego_graph(net)"),
    "brokerage": ("", "netlib.brokerage(net)"),
    "segment_mask(tag)": (TAG, "netlib.segment_mask(net, seg)"),
    "tag_counts": ("", "netlib.segment.tag_counts(net)"),
    # effort
    "effort": ("", f"netlib.effort(net, half_life_days={HL})"),
    "effort(by=month,mode)": ("", "netlib.effort(net, by=['month', 'mode'])"),
    "effort(by=channel)": ("", f"netlib.effort(net, by='channel', half_life_days={HL})"),
    "effort(by=quarter,mode)": ("", f"netlib.effort(net, by=['quarter', 'mode'], half_life_days={HL})"),
    # decay
    "tie_strength": ("", f"netlib.tie_strength(net, half_life_days={HL})"),
    "meeting_weights": ("", "netlib.decay.meeting_weights(net)"),
    "choose_half_life": ("", "netlib.decay.choose_half_life(net)"),
    "fit_half_life": ("", "netlib.fit_half_life(net)"),
    "half_life_note": ("", "netlib.half_life_note(net)"),
    "assumptions": ("", f"netlib.assumptions({HL})"),
    "status": ("", f"netlib.status(net, half_life_days={HL})"),
    "warm_ties": ("", f"netlib.warm_ties(net, half_life_days={HL})"),
    "going_cold": ("", f"netlib.decay.going_cold(net, half_life_days={HL})"),
    "peak_strength": ("", f"netlib.peak_strength(net, half_life_days={HL})"),
    "strength_over_time(top 4)": (TOP4, f"netlib.strength_over_time(net, top, half_life_days={HL})"),
    "strength_over_time(top 4, daily)": (TOP4, f"netlib.strength_over_time(net, top, freq='D', half_life_days={HL})"),
    "strength_over_time(top 100)": (f"top = netlib.status(net, half_life_days={HL}).nlargest(100, 'strength').index",
                                    f"netlib.strength_over_time(net, top, half_life_days={HL})"),
    "dormant_ties": ("", f"netlib.dormant_ties(net, segment=None, half_life_days={HL})"),
    "next_steps": ("", f"netlib.next_steps(net, half_life_days={HL})"),
    "layer_of": ("", f"netlib.layer_of(net, half_life_days={HL})"),
    "layers": ("", f"netlib.layers(net, half_life_days={HL})"),
    "survival": ("", "netlib.survival(net)"),
    "survival_data": ("", "netlib.decay.survival_data(net)"),
    # plan (small runs; the plan page's own run, 200 runs, is in the page rows)
    "plan.learn": ("", f"netlib.analysis.plan.learn(net, half_life_days={HL})"),
    "plan.current_plan": ("", "netlib.analysis.plan.current_plan(net)"),
    "plan.default_targets": ("", f"netlib.analysis.plan.default_targets(net, half_life_days={HL})"),
    "plan.contrasting_plans": ("", "netlib.analysis.plan.contrasting_plans(net)"),
    "plan(20 runs)": (PLANS + "spec = next(iter(plans.values()))",
                      f"netlib.plan(net, spec['hours_per_month'], spec['mix'], runs=20, half_life_days={HL})"),
    "compare_plans(20 runs)": (PLANS, f"netlib.compare_plans(net, plans, runs=20, seed=0, half_life_days={HL})"),
    "plan.group_sizes+summary+note": (PLANS + f"table = netlib.compare_plans(net, plans, runs=5, seed=0, half_life_days={HL})",
                                      "P = netlib.analysis.plan; P.group_sizes(table); P.summary(table); P.note(plans, table); "
                                      "P.segment_note(table, None)"),
    # organisation, headline, present
    "org_domains": ("", "netlib.org.org_domains(net)"),
    "colleagues": ("", "netlib.org.colleagues(net)"),
    "internal_meetings": ("", "netlib.org.internal_meetings(net)"),
    "internal_summary": ("", "netlib.org.internal_summary(net)"),
    "headline": ("import netlib.headline", f"netlib.headline.headline(net, half_life_days={HL})"),
    "present.organisation+data_moment": ("from netlib import present", "present.organisation(net); present.data_moment(net)"),
    # charts (their inputs made before the peak is reset)
    "plot_reach_growth": ("g = netlib.reach_growth(net)", "ax = netlib.plots.plot_reach_growth(g)" + DRAW),
    "plot_reach_over_time": ("r = netlib.reach(net, by=['quarter', 'mode'])", "ax = netlib.plots.plot_reach_over_time(r)" + DRAW),
    "plot_segment_share": ("r = netlib.right_people(net, None)",
                           "ax = netlib.plots.plot_segment_share(r, overall=r.attrs.get('overall'))" + DRAW),
    "plot_ego_network": (f"G = netlib.ego_graph(net, top=150, half_life_days={HL})",
                         "ax = netlib.plots.plot_ego_network(G, max_nodes=150)" + DRAW),
    "plot_effort": (f"e = netlib.effort(net, half_life_days={HL})", "ax = netlib.plots.plot_effort(e)" + DRAW),
    "plot_effort_over_time": (f"e = netlib.effort(net, by=['quarter', 'mode'], half_life_days={HL})",
                              "ax = netlib.plots.plot_effort_over_time(e)" + DRAW),
    "plot_strength_distribution": (f"s = netlib.tie_strength(net, half_life_days={HL})",
                                   "ax = netlib.plots.plot_strength_distribution(s)" + DRAW),
    "plot_strength_over_time": (TOP4 + f"series = netlib.strength_over_time(net, top, half_life_days={HL})",
                                "ax = netlib.plots.plot_strength_over_time(series, names=net.contacts['name'].to_dict())" + DRAW),
    "plot_going_cold": (f"st = netlib.status(net, half_life_days={HL})", "ax = netlib.plots.plot_going_cold(st)" + DRAW),
    "plot_egogram": (f"lay = netlib.layer_of(net, half_life_days={HL}); st = netlib.status(net, half_life_days={HL})",
                     "ax = netlib.plots.plot_egogram(lay, strength=st['strength'])" + DRAW),
    "plot_survival": ("km = netlib.survival(net)", "ax = netlib.plots.plot_survival(km)" + DRAW),
    "plot_plans": (PLANS + f"table = netlib.compare_plans(net, plans, runs=20, seed=0, half_life_days={HL})",
                   "ax = netlib.plots.plot_plans(table, metric='warm ties')" + DRAW),
    # explorers: built (one chart drawn), then one control moved (the redraw it triggers)
    "decay_explorer": ("import contextlib; from netlib import widgets",
                       f"with contextlib.redirect_stdout(io.StringIO()):\n"
                       f"    box = widgets.decay_explorer(net, half_life_days={HL}); box.children[0].children[0].children[0].value = 45"),
    "reach_explorer": ("import contextlib; from netlib import widgets",
                       "with contextlib.redirect_stdout(io.StringIO()):\n"
                       "    box = widgets.reach_explorer(net); box.children[1].value = 'channel'"),
    "effort_explorer": ("import contextlib; from netlib import widgets",
                        f"with contextlib.redirect_stdout(io.StringIO()):\n"
                        f"    box = widgets.effort_explorer(net, half_life_days={HL}); box.children[0].children[0].value = 2.0"),
    "plan_explorer": ("import contextlib; from netlib import widgets",
                      "with contextlib.redirect_stdout(io.StringIO()):\n"
                      "    box = widgets.plan_explorer(net, runs=20); box.children[0].children[0].value = 15.0"),
}


# ---------------------------------------------------------------- in the measured process

def _status(field: str) -> float:
    return status_mb(field)


def _child_case(data: str, name: str) -> dict:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd

    import netlib

    setup, call = CASES[name]
    base = _status("VmRSS")
    scope = {"netlib": netlib, "np": np, "pd": pd, "plt": plt, "io": io, "DATA": Path(data)}
    if setup == NOLOAD:
        reset_peak()
        t = time.perf_counter()
        exec(call, scope)
        peak = _status("VmHWM")
        return {"seconds": time.perf_counter() - t, "peak_mb": peak, "plus_mb": peak - base}
    t = time.perf_counter()
    scope["net"] = netlib.load(data)
    load_s = time.perf_counter() - t
    load_peak = _status("VmHWM")
    if name == "load":
        return {"seconds": load_s, "peak_mb": load_peak, "plus_mb": load_peak - base, "load_peak_mb": load_peak}
    exec(setup, scope)
    before = _status("VmRSS")
    reset_peak()
    t = time.perf_counter()
    exec(call, scope)
    seconds = time.perf_counter() - t
    peak = _status("VmHWM")
    return {"seconds": seconds, "peak_mb": peak, "plus_mb": peak - before, "load_peak_mb": load_peak, "load_seconds": load_s}


def _child_page(data: str, notebook: str) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells = [c for c in json.loads(Path(notebook).read_text())["cells"] if c["cell_type"] == "code"]
    scope: dict = {"__name__": "__main__"}
    os.chdir(tempfile.mkdtemp())  # a page may write files (next steps' downloads)
    rows, total = [], time.perf_counter()
    for i, cell in enumerate(cells):
        src = "".join(cell["source"])
        if i == 0:  # the parameters, as `netlib report DIR` sets them
            src += f"\nsources = [{data!r}]\ninteractive = False\n"
        for stmt in ast.parse(src).body:  # one row per top-level statement
            code = ast.get_source_segment(src, stmt) or ""
            before = _status("VmRSS")
            reset_peak()
            t = time.perf_counter()
            exec(compile(ast.Module([stmt], []), f"{Path(notebook).name}[{i}]", "exec"), scope)
            seconds = time.perf_counter() - t
            peak = _status("VmHWM")
            plt.close("all")
            if not isinstance(stmt, ast.Import | ast.ImportFrom):
                rows.append({"cell": i, "code": " ".join(code.split())[:90], "seconds": seconds, "peak_mb": peak,
                             "plus_mb": peak - before, "parameters": i == 0})
    top = max(rows, key=lambda r: r["peak_mb"])
    work = [r for r in rows if not r["parameters"] and "open_network(" not in r["code"]]
    heavy = max(work, key=lambda r: r["plus_mb"])
    return {"seconds": time.perf_counter() - total, "peak_mb": top["peak_mb"], "plus_mb": top["plus_mb"],
            "heaviest": f"peak in: {top['code'][:40]}; largest after the load: +{heavy['plus_mb']:.0f} MB, "
                        f"{heavy['seconds']:.1f} s in {heavy['code']}", "cells": rows}


# ---------------------------------------------------------------- in the probe

def _run_child(args: list[str], limit_mb: float, timeout: float) -> dict:
    res, watch = watched([sys.executable, __file__, "--child", *args], limit_mb, timeout)
    if watch["killed"]:
        return {"error": watch["killed"], "peak_mb": watch["largest_mb"], "seconds": watch["wall"]}
    if res.returncode:
        last = [ln for ln in res.stderr.strip().splitlines() if ln.strip()][-1:] or ["?"]
        return {"error": f"failed: {last[0][:160]}", "peak_mb": watch["largest_mb"], "seconds": watch["wall"]}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["sampled_mb"] = watch["largest_mb"]
    return out


def _report(data: Path, out: Path, limit_mb: float, timeout: float, flags: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    if "--anonymize" in flags:
        env["NETLIB_SALT"] = "probe-salt-0123"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res, watch = watched([sys.executable, "-m", "netlib", "report", str(data), "--out", str(out), *flags], limit_mb, timeout, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row = {"seconds": watch["wall"], "peak_mb": watch["largest_mb"], "plus_mb": None,
           "rusage_children_mb": after / 1024 if after > before else None,
           "largest": _processes(watch["each"])}
    if watch["killed"]:
        row["error"] = watch["killed"]
    elif res.returncode:
        row["error"] = f"failed: {res.stderr.strip()[-200:]}"
    else:
        row["pages"] = re.findall(r"\] (.+?): wrote \S+ \(([\d.]+) s\)", res.stdout)
    return row


def _processes(each: list[tuple[float, str]]) -> str:
    """The report's processes and their peaks, in words: the command's, then its kernels'."""
    command = [mb for mb, cmd in each if "netlib report" in cmd]
    kernels = [mb for mb, cmd in each if "ipykernel" in cmd]
    return (f"command {', '.join(f'{mb:.0f}' for mb in command)} MB; "
            f"{len(kernels)} kernels {', '.join(f'{mb:.0f}' for mb in kernels)} MB")


def _table(shape: str, size: dict, rows: dict[str, dict]) -> None:
    print(f"\n== {shape}: {size}")
    print(f"{'row':46s}{'peak MB':>9}{'+MB':>8}{'seconds':>9}  note")
    for name, r in sorted(rows.items(), key=lambda kv: -(kv[1].get("peak_mb") or 0)):
        plus = r.get("plus_mb")
        plus = "" if plus is None or math.isnan(plus) else f"{plus:.0f}"
        note = r.get("error") or r.get("heaviest") or r.get("largest") or ""
        flag = " *" if (r.get("peak_mb") or 0) > 2048 else ""
        print(f"{name:46s}{r.get('peak_mb', 0):>9.0f}{plus:>8}{r.get('seconds', 0):>9.2f}  {note}{flag}")
    print("(* over 2 GB; peak: the process's VmHWM during the row's call, the network included; "
          "+MB: that over the resident memory just before the call)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--meetings", type=int, default=1_000_000)
    ap.add_argument("--shapes", nargs="+", default=["skewed", "everyone"], choices=sorted(SHAPES))
    ap.add_argument("--data", type=Path, help="write (or reuse) the data sets in DIR/<shape>")
    ap.add_argument("--only", help="rows whose name matches this regular expression")
    ap.add_argument("--no-functions", action="store_true")
    ap.add_argument("--no-pages", action="store_true")
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--limit-mb", type=float, default=12_000, help="kill a row's process above this resident memory")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a row may take")
    ap.add_argument("--json", type=Path, help="write every row here")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, data, what = args.child
        print(json.dumps(_child_case(data, what) if kind == "case" else _child_page(data, what)))
        return
    root = args.data or Path(tempfile.mkdtemp(prefix="netlib-probe-"))
    pick = re.compile(args.only) if args.only else None
    version = code_version()
    print(version, flush=True)
    results = {}
    for shape in args.shapes:
        data = root / shape
        if not (data / "meetings.csv").exists():
            data.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            size = SHAPES[shape](data, args.contacts, args.meetings)
            print(f"{shape}: {size} written in {time.perf_counter() - t:.0f} s", flush=True)
        size = {"contacts": args.contacts, "meetings": args.meetings,
                "csv_mb": round(sum(f.stat().st_size for f in data.glob("*.csv")) / 1e6, 1)}
        rows: dict[str, dict] = {}
        jobs = []
        if not args.no_functions:
            jobs += [(name, ["case", str(data), name]) for name in CASES]
        if not args.no_pages:
            jobs += [(f"page {nb.stem}", ["page", str(data), str(nb)]) for nb in sorted((ROOT / "notebooks").glob("0*.ipynb"))]
        for name, child in jobs:
            if pick and not pick.search(name):
                continue
            rows[name] = r = _run_child(child, args.limit_mb, args.timeout)
            print(f"  {shape:9s} {name:40s} {r.get('peak_mb', 0):7.0f} MB {r.get('seconds', 0):7.2f} s  "
                  f"{r.get('error') or r.get('heaviest') or ''}", flush=True)
        for flags in ([], ["--anonymize"]):
            name = " ".join(["netlib report", *flags])
            if args.no_report or (pick and not pick.search(name)):
                continue
            rows[name + " (largest process)"] = r = _report(data, root / f"report-{shape}", args.limit_mb, args.timeout, flags)
            print(f"  {shape:9s} {name:40s} {r['peak_mb']:7.0f} MB {r['seconds']:7.2f} s  {r.get('error', '')}", flush=True)
        results[shape] = {"size": size, "rows": rows, "code": version, "end": code_version()}
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str))
    for shape, res in results.items():
        _table(shape, res["size"], res["rows"])
    print(f"measured: {version} at the start, {code_version()} at the end")


if __name__ == "__main__":
    main()
