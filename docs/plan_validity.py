"""Does netlib.plan forecast a future it did not see?  A check inside the generator's own world.

    python docs/plan_validity.py [--seeds 5] [--also 10] [--streams 4] [--months 12] [--runs 200] [--out docs/plan-validity.md]

For each seed, the consultant persona lives two years as planted (the past).  netlib learns from
that past alone (``netlib.analysis.plan.learn``) and forecasts three plans with the hours a month the
persona spent over its last year: all one-to-one (the default targets: overdue ties first), all at
group meetings, and half and half.  Then the generator lives the same two years again (the same
seed: the same days) and, from that day on, follows each plan instead of its own choices
(``netlib.generate(future=...)``): the same number of meetings a month as the forecast holds, the
one-to-ones with the same targets, the group meetings drawn from the kinds of events it held
before and run by its own rules; introductions by warm ties go on as planted.  What happened is
measured with the planted half-life, not netlib's fitted one:

* warm ties: ``netlib.warm_ties`` at the end of the month (the decay page's count: strength >= 0.5
  and not silent past eight times the tie's own rhythm);
* people reached: distinct people met in the month (an unlisted audience of posts and webinars is
  not counted, by the forecast nor here);
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
from netlib.analysis.plan import counts, default_targets, learn

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
        warm = netlib.warm_ties(world, as_of=end, half_life_days=half_life)
        a, b, t0 = (x.tz_convert(None).to_datetime64() for x in (lo, end, T))
        met = len(set(cpos[(start >= a) & (start < b)]))
        new = first[(first >= t0) & (first < b)].index.to_numpy()
        rows += [(m, "warm ties", warm), (m, "people reached", met),
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
    hours = netlib.analysis.plan.current_plan(past, T)["hours_per_month"]
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
    return per_plan.reindex(index=list(netlib.analysis.plan.METRICS), columns=[*PLANS, "all plans"])


FINDINGS = """## What it shows (after #27's planner changes)

Warm ties, people reached and new people are covered less often than before #27 (86%, 93% and 97%
over five seeds; 90%, 92% and 94% over ten; segment reached is unchanged at 92-93%): warm ties and
people reached now miss the goal of 85%.  Four things changed together, in the forecast and, for two of them, in what is
measured:

* **Warm ties are counted as the decay page counts them** (``netlib.warm_ties``: strength >= 0.5
  and not silent past eight times the tie's rhythm), in the forecast and in what happened, and a
  tie cold today turns warm in a forecast only by a meeting in the plan.  Before, a run whose
  half-life was drawn longer than the fitted one started with ties warm that the pages count cold,
  which widened the band; month 0 is now the pages' number in every run.  Most of the drop in warm
  ties (86% to 76%) is this narrower band, mostly under group plans (75%, 72%).
* **People reached no longer counts an unlisted audience** (posts, webinars), in the forecast nor
  in what happened: a group meeting reaches the people its list held.  The audience counts, large
  and drawn with replacement, had made the bands wide (on the sample "as you did so far" ranged 15
  to 1,154 a month for 554 people); what is left is a sharper measure, covered in 84% of cells.
* **A one-to-one's usual length is your one-to-one hours over their number** (the mean), not the
  median: three-minute e-mails among hour-long meetings made every hour a dozen meetings.  On the
  consultant persona the mean is longer than the median, so each plan holds fewer one-to-ones (the
  world holds the same fewer).  The same check with the median kept (five seeds, one stream) gives
  80%, 88%, 97% and 92%: the drop of the one-to-one plans' people reached (100% to 90%) and new
  people (100% to 80%) is this change.  Why fewer planned one-to-ones are forecast worse is not
  yet understood: with fewer planned meetings, introductions (whose rate the forecast learns from
  the past) are a larger share of the new people, which points at the introduction model.
* With the planted half-life given (a diagnosis), warm ties are covered in 67% of cells: the
  forecast's own spread of warm ties is now too narrow even when the fit is not to blame.  What
  would close it, as before: new people who come again at the rate the person's own newcomers did,
  and some spread in who a one-to-one plan's targets are.
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
        cells = len(results) // len(netlib.analysis.plan.METRICS)
        method = __doc__.split("\n\n", 2)[2].strip()
        text = ["# The planner against the generator's own future", "",
                "Made by `python docs/plan_validity.py --out docs/plan-validity.md` (about a minute).", "", method, "",
                "## Coverage", "", f"Covered: share of {cells} (seed, plan, month) cells per measure whose outcome lies in the forecast's 90% band.", "",
                markdown((cover * 100).round(0).astype(int).astype(str).add("%").rename_axis("measure")), "",
                *([(f"The same over seeds 0 to {args.also - 1} ({len(every) // len(netlib.analysis.plan.METRICS)} cells per measure: "
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
