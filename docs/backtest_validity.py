"""Does netlib's forecast of who you will be in touch with beat the rules people use today?

    python docs/backtest_validity.py [--seeds 5] [--exports 4] [--out docs/backtest-validity.md]

For each of the generator's personas (consultant, engineer, founder; four years each, ``--seeds``
seeds) and each realistic persona written in the services' own export formats by
``tests/exports.py`` (``--exports`` seeds of each kind, loaded as the README tells a user:
``netlib.load(folder, me=..., tz=...)``), :func:`netlib.backtest` cuts the data every quarter over
the last two years and scores, on the same ties at each cut, netlib's forecast and strength against
recency alone, frequency and the 30- and 90-day cadences.

A persona passes when netlib's forecast beats the baseline on the mean AUC over cuts by a margin
larger than the spread of that margin over the cuts (its standard deviation), the issue's test
(#32).  The table is written to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import netlib

GENERATED = ("consultant", "engineer", "founder")
BASELINES = ("recency", "frequency", "every 30 days", "every 90 days")


def one(name: str, net: netlib.Network) -> dict:
    """The persona's row: mean AUC and AP of each model, the margins over recency and the
    90-day cadence with their spread over cuts, and the forecast's calibration error."""
    bt = netlib.backtest(net)
    if bt.scores.empty:
        return {"persona": name, "cuts": 0, "note": str(bt.note)}
    s = bt.summary[bt.summary["task"] == "contact"].set_index(["model", "metric"])
    # ties: the mean scored at the cuts that were scored
    row = {"persona": name, "cuts": int(bt.scores["cut"].nunique()), "ties": int(round(bt.left_out.loc[bt.left_out["scored"] > 0, "scored"].mean()))}
    for model in ("netlib forecast", "netlib strength", *BASELINES):
        row[f"AUC {model}"] = s.loc[(model, "auc"), "mean"]
        row[f"AP {model}"] = s.loc[(model, "average_precision"), "mean"]
    for base in ("recency", "every 90 days"):
        m = bt.margin(base)
        row[f"margin over {base}"], row[f"sd over {base}"] = m.mean(), m.std(ddof=0)
    cal = bt.calibration
    row["calibration error"] = float(np.average((cal["predicted"] - cal["observed"]).abs(), weights=cal["ties"]))
    return row


def rows(seeds: int, exports: int) -> list[dict]:
    out = []
    for persona in GENERATED:
        for seed in range(seeds):
            out.append(one(f"generated {persona} {seed}", netlib.generate(seed=seed, persona=persona, years=4)))
            print(out[-1]["persona"], file=sys.stderr, flush=True)
    if exports:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from exports import KINDS, write_exports

        with tempfile.TemporaryDirectory() as tmp:
            for kind in KINDS:
                for seed in range(exports):
                    folder = Path(tmp) / f"{kind}-{seed}"
                    t = write_exports(kind, seed, folder)
                    net = netlib.load(folder, me=t["me"]["me"], tz=t["me"]["tz"], events=t["events"] or None)
                    out.append(one(f"exports {kind} {seed}", net))
                    print(out[-1]["persona"], file=sys.stderr, flush=True)
    return out


MODELS = ("netlib forecast", "netlib strength", *BASELINES)
SHORT = ("forecast", "strength", "recency", "frequency", "30 days", "90 days")


def table(found: list[dict]) -> str:
    df = pd.DataFrame(found)
    lines = ["| persona | cuts | ties | " + " | ".join(f"AUC {m}" for m in SHORT) + " | " + " | ".join(f"AP {m}" for m in SHORT)
             + " | margin over recency (sd) | margin over 90 days (sd) | calibration error |",
             "|---|---:|---:|" + "---:|" * (2 * len(SHORT) + 3)]
    for _, r in df.iterrows():
        if not r["cuts"]:
            lines.append(f"| {r['persona']} | 0 | | {r['note']} |" + "|" * (2 * len(SHORT) + 2))
            continue
        lines.append(
            f"| {r['persona']} | {r['cuts']} | {r['ties']:.0f} | " + " | ".join(f"{r[f'AUC {m}']:.3f}" for m in MODELS) + " | "
            + " | ".join(f"{r[f'AP {m}']:.3f}" for m in MODELS) + " | "
            f"{r['margin over recency']:+.3f} ({r['sd over recency']:.3f}) "
            f"| {r['margin over every 90 days']:+.3f} ({r['sd over every 90 days']:.3f}) | {r['calibration error']:.3f} |")
    out = "\n".join(lines) + "\n"
    for label, group in (("generated", df[df["persona"].str.startswith("generated")]),
                         ("realistic exports", df[df["persona"].str.startswith("exports")])):
        scored = group[group["cuts"] > 0]
        if not len(scored):
            continue
        passed = {b: int((scored[f"margin over {b}"] > scored[f"sd over {b}"]).sum()) for b in ("recency", "every 90 days")}
        beat = {b: int((scored[f"margin over {b}"] > 0).sum()) for b in ("recency", "every 90 days")}
        auc = ", ".join(f"{m} {scored[f'AUC {k}'].mean():.3f}" for m, k in zip(SHORT, MODELS))
        ap = ", ".join(f"{m} {scored[f'AP {k}'].mean():.3f}" for m, k in zip(SHORT, MODELS))
        out += (f"\n**{label}**: {len(scored)} of {len(group)} personas scored. The forecast's mean AUC is above recency "
                f"alone's in {beat['recency']}, by more than the margin's spread over cuts in {passed['recency']}; above the "
                f"every-90-days rule's in {beat['every 90 days']}, by more than the spread in {passed['every 90 days']}. "
                f"Mean AUC over personas: {auc}. Mean average precision: {ap}. Mean calibration error of the "
                f"forecast: {scored['calibration error'].mean():.3f}.\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--exports", type=int, default=4)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    text = table(rows(a.seeds, a.exports))
    if a.out:
        head = Path(a.out).read_text(encoding="utf-8").split("<!-- table -->")[0] if Path(a.out).exists() else ""
        Path(a.out).write_text(head + "<!-- table -->\n" + text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
