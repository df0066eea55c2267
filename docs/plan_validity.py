"""Does netlib.plan forecast a future it did not see?  A check inside the generator's own world.

    python docs/plan_validity.py [--seeds 5] [--also 10] [--streams 4] [--months 12] [--runs 200] [--out docs/plan-validity.md]

For each seed, the consultant persona lives two years as planted (the past).  netlib learns from
that past alone (``netlib.plan.learn``) and forecasts three plans with the hours a month the
persona spent over its last year: all one-to-one (the default targets: overdue ties first), all at
group meetings, and half and half.  Then the generator lives the same two years again (the same
seed: the same days) and, from that day on, follows each plan instead of its own choices
(``netlib.generate(future=...)``): the same number of meetings a month as the forecast holds, the
one-to-ones with the same targets, the group meetings drawn from the kinds of events it held
before and run by its own rules; introductions by warm ties go on as planted.  What happened is
measured with the planted half-life, not netlib's fitted one:

* warm ties: contacts with tie strength >= 0.5 at the end of the month;
* people reached: distinct people met in the month, plus the audience of its posts and webinars;
* new people: people first met since the plan began;
* segment reached: those of them tagged with the persona's target segment.

A cell (seed, plan, month, measure) is covered when what happened lies within the forecast's 90%
band.  The goal (issue #18): at least 85% of cells covered for each measure.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import netlib
from netlib.plan import counts, default_targets, learn

START, PAST_YEARS = pd.Timestamp("2023-01-02"), 2
PLANS = {"all one-to-one": {"one_to_one": 1.0}, "all at group meetings": {"one_to_many": 1.0},
         "half and half": {"one_to_one": 0.5, "one_to_many": 0.5}}


def past_of(net: netlib.Network, T: pd.Timestamp, folder: Path) -> netlib.Network:
    """The network as it stood before ``T``: its meetings before then, the people seen by then."""
    netlib.write_csv(net, folder)
    m = pd.read_csv(folder / "meetings.csv", dtype=str, keep_default_na=False)
    m = m[pd.to_datetime(m["start"], utc=True) < T]
    seen = set(";".join(m["attendees"]).split(";")) - {""}
    c = pd.read_csv(folder / "contacts.csv", dtype=str, keep_default_na=False)
    old = pd.to_datetime(c["connected_on"].where(c["connected_on"] != ""), errors="coerce", utc=True) <= T
    c = c[c["contact_id"].isin(seen) | old.to_numpy()]
    c = c.assign(introduced_by=c["introduced_by"].where(c["introduced_by"].isin(set(c["contact_id"])), ""))
    m.to_csv(folder / "meetings.csv", index=False)
    c.to_csv(folder / "contacts.csv", index=False)
    return netlib.load(folder / "contacts.csv", folder / "meetings.csv", me=net.me.emails[0])


def what_happened(world: netlib.Network, T: pd.Timestamp, months: int, half_life: float, segment: str) -> pd.DataFrame:
    """The four measures at the end of each month of the plan, in the world that lived it."""
    mpos, cpos = world.positions()
    start = world.meetings["start"].dt.tz_convert(None).to_numpy()[mpos]  # UTC
    first = pd.Series(start).groupby(cpos).min()
    tagged = world.contacts["tags"].fillna("").str.split(";").apply(lambda t: segment in t).to_numpy()
    rows = []
    for m in range(1, months + 1):  # one step per month measured
        end = T + pd.Timedelta(days=30.44 * m)
        lo = end - pd.Timedelta(days=30.44)
        warm = int((netlib.tie_strength(world, as_of=end, half_life_days=half_life) >= 0.5).sum())
        month = world.meetings[(world.meetings["start"] >= lo) & (world.meetings["start"] < end)]
        a, b, t0 = (x.tz_convert(None).to_datetime64() for x in (lo, end, T))
        met = len(set(cpos[(start >= a) & (start < b)]))
        new = first[(first >= t0) & (first < b)].index.to_numpy()
        rows += [(m, "warm ties", warm), (m, "people reached", met + month["audience"].fillna(0).sum()),
                 (m, "new people", len(new)), (m, "segment reached", int(tagged[new].sum()))]
    return pd.DataFrame(rows, columns=["month", "metric", "truth"])


def one_seed(seed: int, months: int, runs: int, planted_half_life: bool = False, stream: int = 0) -> pd.DataFrame:
    """The forecasts and outcomes of one seed; ``planted_half_life``: netlib is given the planted
    half-life instead of fitting one (a diagnosis: what is left when the fit is not to blame);
    ``stream``: another stream of the forecast's random draws (the world is the same)."""
    years = PAST_YEARS + months / 12 + 0.1
    T = (START + pd.DateOffset(years=PAST_YEARS)).tz_localize("UTC")
    lived = netlib.generate(seed=seed, start=START, years=years)
    truth_args = lived.truth
    with tempfile.TemporaryDirectory() as tmp:
        past = past_of(lived, T, Path(tmp))
    segment = truth_args["segment"]
    L = learn(past, T, truth_args["half_life_days"] if planted_half_life else None, segment)
    hours = netlib.plan.current_plan(past, T)["hours_per_month"]
    targets = default_targets(past, T, L.half_life_days, segment)
    out = []
    for name, mix in PLANS.items():  # one step per plan
        n = counts(hours, mix, L, months)
        future = {"from": T.tz_localize(None), "targets": targets,
                  "one_to_one": n.get("one_to_one", np.zeros(months, int)), "one_to_many": n.get("one_to_many", np.zeros(months, int))}
        world = netlib.generate(seed=seed, start=START, years=years, future=future)
        truth = what_happened(world, T, months, truth_args["half_life_days"], segment)
        forecast = netlib.plan(past, hours, mix, months=months, targets=targets, as_of=T, runs=runs, seed=seed + 1000 * stream, segment=segment, learnt=L)
        both = forecast.merge(truth, on=["month", "metric"])
        out.append(both.assign(seed=seed, plan=name, hours=hours))
    return pd.concat(out, ignore_index=True)


def table(results: pd.DataFrame) -> pd.DataFrame:
    """Share of (seed, plan, month) cells whose outcome lies in the forecast's 90% band, per measure and plan."""
    r = results.assign(covered=(results["truth"] >= results["low"] - 1e-9) & (results["truth"] <= results["high"] + 1e-9))
    per_plan = r.pivot_table(index="metric", columns="plan", values="covered", aggfunc="mean")
    per_plan["all plans"] = r.groupby("metric")["covered"].mean()
    return per_plan.reindex(index=list(netlib.plan.METRICS), columns=[*PLANS, "all plans"])


FINDINGS = """## What it shows (2026-12-02)

* **People reached, new people and segment reached** are covered in 93%, 97% and 92% of cells
  (92%, 94% and 94% over ten seeds; 94%, 96% and 90% on average over four streams of the
  forecast's draws): the goal is met. Three changes since the last table (88%, 86%, 81%):
  * A group meeting brings the people of the meeting of yours it is drawn from (a club's meeting
    its regulars, a conference its crowd), no longer people drawn from everyone who came to any
    group meeting.
  * Each simulated future draws its group meetings from a resample of yours (a bootstrap), so
    that the band also says how well a year of your meetings shows what such meetings bring: a
    conference that brought 40 new people, held once, may or may not come round again.
  * The check itself: the generator put a planned meeting on a random day of its month, and a
    meeting on the day the month's 30.44-day end cuts could be measured in the next month.  The
    one-to-one plans missed "people reached" by one person in about one cell in six for that
    alone.  The planned meetings now fall on whole days inside their month (tested).
* **Warm ties** are covered in 86% of cells over these five seeds and 90% over ten, above the goal
  by a margin within the forecast's own chance: with four streams of its random draws the five
  seeds give 83% to 90%, 87% on average (the other measures 87% or more in every stream). The
  half-life's 95% interval had been read off the fitting grid, which made it a third too narrow;
  placed where the profile crosses its cut, the intervals are 66-125, 62-110, 56-97, 48-91 and
  69-132 days around fits of 90, 81, 73, 66 and 96, and every one holds the planted 75 (before,
  seed 4's missed it). The weak cell is warm ties under all-group plans (82%; 87% over ten seeds).
  In the generator's world half or more of the warm ties a year of group meetings leaves are
  people first met during that year: guests who stay and come back week after week (38 of 58, 16
  of 33, 34 of 57, 21 of 39 and 29 of 45 at month 12, planted half-life). The forecast's new
  people never come again: it reaches a similar total by bringing back past regulars instead, but
  its spread is narrower than the world's: with the planted half-life given, the group plans' warm
  ties land from 20% below to 40% above the forecast's centre over the year. What would close it:
  new people who come again at the rate the person's own newcomers did.
"""


def markdown(df: pd.DataFrame, index: bool = True) -> str:
    """A small table as Markdown (no extra dependency)."""
    d = df.reset_index() if index else df
    head = "| " + " | ".join(map(str, d.columns)) + " |"
    rule = "|" + "---|" * len(d.columns)
    return "\n".join([head, rule, *("| " + " | ".join(map(str, r)) + " |" for r in d.itertuples(index=False))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--also", type=int, default=10, help="also the coverage over this many seeds (0: none)")
    ap.add_argument("--streams", type=int, default=4, help="the coverage with this many streams of the forecast's draws")
    ap.add_argument("--out", type=Path, help="write the tables as Markdown here")
    args = ap.parse_args()
    every = pd.concat([one_seed(s, args.months, args.runs) for s in range(max(args.seeds, args.also))], ignore_index=True)
    results = every[every["seed"] < args.seeds]
    cover = table(results)
    print((cover * 100).round(0).to_string())
    more = table(every[every["seed"] < args.also]) if args.also > args.seeds else None
    if more is not None:
        print(f"over {args.also} seeds:")
        print((more * 100).round(0).to_string())
    streams = pd.DataFrame({k: table(pd.concat([one_seed(s, args.months, args.runs, stream=k) for s in range(args.seeds)],
                                               ignore_index=True))["all plans"] for k in range(args.streams)})
    if args.streams > 1:
        streams.columns = [f"stream {k}" for k in range(args.streams)]
        streams["mean"] = streams.mean(axis=1)
        print("all plans, by stream of the forecast's draws:")
        print((streams * 100).round(0).to_string())
    given = table(pd.concat([one_seed(s, args.months, args.runs, planted_half_life=True) for s in range(args.seeds)],
                            ignore_index=True))
    print("with the planted half-life given:")
    print((given * 100).round(0).to_string())
    if args.out:
        last = results[results["month"] == args.months]
        last = last.assign(forecast=last["median"].round(0).astype(int).astype(str) + " [" + last["low"].round(0).astype(int).astype(str)
                           + ", " + last["high"].round(0).astype(int).astype(str) + "]", happened=last["truth"].round(0).astype(int))
        cells = len(results) // len(netlib.plan.METRICS)
        method = __doc__.split("\n\n", 2)[2].strip()
        text = ["# The planner against the generator's own future", "",
                "Made by `python docs/plan_validity.py --out docs/plan-validity.md` (about a minute).", "", method, "",
                "## Coverage", "", f"Covered: share of {cells} (seed, plan, month) cells per measure whose outcome lies in the forecast's 90% band.", "",
                markdown((cover * 100).round(0).astype(int).astype(str).add("%").rename_axis("measure")), "",
                *([(f"The same over seeds 0 to {args.also - 1} ({len(every) // len(netlib.plan.METRICS)} cells per measure: "
                    f"how much the figures above owe to which {args.seeds} seeds):"), "",
                   markdown((more * 100).round(0).astype(int).astype(str).add("%").rename_axis("measure")), ""] if more is not None else []),
                *([(f"All plans over the first {args.seeds} seeds, with {args.streams} streams of the forecast's random draws "
                    "(stream 0 is the table above; the world is the same in each): how much a coverage owes to the "
                    "forecast's own chance."), "",
                   markdown((streams * 100).round(0).astype(int).astype(str).add("%").rename_axis("measure")), ""]
                  if args.streams > 1 else []),
                "With the planted half-life given to netlib instead of fitted (a diagnosis, not the forecast a user gets):", "",
                markdown((given * 100).round(0).astype(int).astype(str).add("%").rename_axis("measure")), "",
                f"Month {args.months}, seed by seed: the forecast's median [90% band] and what happened.", "",
                markdown(last[["seed", "plan", "metric", "forecast", "happened"]], index=False), "", FINDINGS]
        args.out.write_text("\n".join(text) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
