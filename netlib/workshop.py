"""Checked exercises for the workshop notebooks (``notebooks/workshop/``).

A notebook starts with ``net = netlib.workshop.use(...)`` (the team exercise also with
``team = netlib.workshop.use_team(netlib.workshop.pool(net, neighbours))``); each exercise then
ends with ``netlib.workshop.check("name", answer)``, which says *right* or gives
a hint that helps without giving the answer away.  The expected answer is
computed from **the participant's own data** by the exercise's solution, which
is real netlib code: ``netlib.workshop.solution("name")`` shows it.

Examples
--------
>>> import netlib
>>> net = use(netlib.load_sample())
>>> check("two_half_lives", 0.25).right
True
>>> check("two_half_lives", 0.5).right
False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netlib.model import Network

__all__ = ["use", "use_team", "pool", "check", "solution", "EXERCISES", "PRECISION", "Exercise", "Result"]


#: How a question words the precision it asks for, by the number of decimals (the notebooks' questions say it).
PRECISION = {0: "a whole number", 1: "to one decimal", 2: "to two decimals", 3: "to three decimals"}


@dataclass(frozen=True)
class Exercise:
    """One exercise: the code that answers it, how answers compare, and a hint.

    A number is right within half a unit of the last decimal its question asks for
    (``decimals``: 0.5 for a whole number, 0.05 for one decimal); without ``decimals``, within
    ``rel_tol`` of the right answer.
    """

    code: str
    hint: str
    kind: str = "number"  # number, text, one_of
    #: The decimals the question asks for (its wording: :data:`PRECISION`); None: ``rel_tol`` applies.
    decimals: int | None = None
    rel_tol: float = 0.01
    #: What the exercise needs that a participant's data may lack, said when it does not apply.
    needs: str = "something your data does not have"
    #: Code that is True when the right answer is degenerate on this data (every share zero, say):
    #: then any answer would look right, and the check says so instead.
    degenerate: str | None = None

    def tolerance(self, right: float) -> float:
        """How far from ``right`` an answer may be and still be right."""
        if self.decimals is not None:
            return 0.5 * 10.0 ** -self.decimals
        return self.rel_tol * abs(right)


EXERCISES: dict[str, Exercise] = {
    # reach
    "people_last_year": Exercise(
        'netlib.reach(net, start=net.meetings["start"].max() - pd.Timedelta(days=365)).loc["all", "people"]',
        "netlib.reach takes start= and end=; the data's last meeting is net.meetings['start'].max().",
        decimals=0,
    ),
    "prospect_share": Exercise(
        'netlib.reach(net, segment="prospect").loc["all", "segment_share"]',
        "netlib.reach has a segment= argument; the share is a number between 0 and 1.",
        decimals=2,
        needs="meetings, and contacts tagged 'prospect'",
        degenerate='netlib.reach(net, segment="prospect").loc["all", "segment_people"] == 0',
    ),
    "best_channel_for_prospects": Exercise(
        'netlib.reach(net, by="channel", segment="prospect").query("people >= 20")["segment_share"].idxmax()',
        "Break reach down by channel with a segment, keep channels with at least 20 people, then take the largest share.",
        kind="text",
        needs="a channel where you met at least 20 people, and contacts tagged 'prospect'",
        degenerate='netlib.reach(net, by="channel", segment="prospect").query("people >= 20")["segment_share"].nunique() <= 1',
    ),
    "referral_only": Exercise(
        'int((netlib.referral_reach(net)["distance"] == 2).sum())',
        "netlib.referral_reach lists people at distance 1 (your close contacts) and 2 (people a close contact knows).",
        decimals=0,
        needs="warm ties",
    ),
    # effort
    "hours_one_to_one": Exercise(
        'netlib.effort(net).loc["one_to_one", "hours"]',
        "netlib.effort gives one row per mode; hours is a column.",
        decimals=0,
        needs="one-to-one meetings",
    ),
    "new_people_ratio": Exercise(
        'netlib.effort(net).loc["one_to_many", "new_people_per_hour"] / netlib.effort(net).loc["one_to_one", "new_people_per_hour"]',
        "Divide one-to-many's new people per hour by one-to-one's.",
        decimals=1,
        needs="one-to-one and one-to-many meetings, and new people met one-to-one",
    ),
    "warm_per_hour_winner": Exercise(
        'netlib.effort(net)["warm_people_per_hour"].idxmax()',
        "Compare warm_people_per_hour between the two modes; the answer is a mode name like 'one-to-one'.",
        kind="text",
        needs="meetings of both modes",
        degenerate='netlib.effort(net)["warm_people_per_hour"].nunique() <= 1',
    ),
    # decay
    "two_half_lives": Exercise(
        "1 * 2 ** (-2)",
        "Strength halves every half-life: after one it is 1/2, after two ...",
        decimals=2,
    ),
    "warm_ties": Exercise(
        'int(netlib.status(net)["status"].isin(["active", "cooling"]).sum())',
        "netlib.status gives every contact a status; warm ties are the active and the cooling ones.",
        decimals=0,
    ),
    "first_to_go_cold": Exercise(
        'netlib.status(net).nsmallest(1, "days_to_cold")["name"].iloc[0]',
        "netlib.status has days_to_cold for warm ties; the answer is the contact's name.",
        kind="one_of",
        needs="a warm tie",
    ),
    "top_dormant": Exercise(
        'netlib.dormant_ties(net, segment="prospect").index[0]',
        "netlib.dormant_ties ranks dormant ties, best first; give the contact_id (the index).",
        kind="text",
        needs="a dormant tie (one silent for 3 years or more: meetings over more than 3 years)",
    ),
    # planning
    "hours_for_20_new_people": Exercise(
        '20 * netlib.effort(net).loc["one_to_many", "hours_per_new_person"]',
        "hours_per_new_person tells how many hours one new person costs; you want 20 of them, one-to-many.",
        decimals=1,
        needs="one-to-many meetings where you met someone new",
    ),
    "plan_new_people": Exercise(
        'netlib.plan(net, 10, {"one_to_many": 1.0}, months=6).query("metric == \'new people\' and month == 6")["median"].iloc[0]',
        'netlib.plan(net, 10, {"one_to_many": 1.0}, months=6) gives a table per month and metric; take the median of '
        '"new people" in month 6 (keep the default seed, so that your futures are the ones checked).',
        decimals=0,
        needs="group meetings in your data",
    ),
    "plan_warm_ties": Exercise(
        'netlib.plan(net, 10, {"one_to_one": 1.0}, months=6).query("metric == \'warm ties\' and month == 6")["median"].iloc[0]',
        'The same table for a plan of 10 hours a month all one-to-one: the median of "warm ties" in month 6.',
        decimals=0,
    ),
    # team (the networks of the participant and their neighbours pooled: netlib.workshop.pool)
    "team_only_one": Exercise(
        'netlib.team_reach(team).loc["team", "only"]',
        'netlib.team_reach(team) has a row "team" for all of you together; its column only counts people one member alone reached.',
        decimals=0,
        needs="people any member reached",
    ),
    "team_best_introducer_me": Exercise(
        'int((netlib.best_introducers(team)["member"] == "me").sum())',
        'netlib.best_introducers(team) gives one row per company with its best introducer in the column member; count the rows '
        'where that member is "me".',
        decimals=0,
        needs="a company someone in the team can be introduced to",
        degenerate='netlib.best_introducers(team).empty',
    ),
    "team_sole_prospects": Exercise(
        'len(netlib.sole_holders(team, segment="prospect"))',
        'netlib.sole_holders(team, segment="prospect") lists each warm tie to a prospect that one member alone holds: one row each.',
        decimals=0,
        needs="contacts tagged 'prospect'",
        degenerate='not netlib.segment_mask(team.people_network(), "prospect").any()',
    ),
}

_STATE: dict = {"net": None, "team": None}


def use(net: Network) -> Network:
    """Set the network the checks compute their answers from (and return it).

    Parameters
    ----------
    net : Network
        The participant's network: the checks compute their answers from it.
    """
    _STATE["net"] = net
    return net


def use_team(team):
    """Set the team the team exercises compute their answers from (and return it).

    Parameters
    ----------
    team : Team
        The pooled networks (:func:`pool`, or :func:`netlib.load_team`).
    """
    from netlib.team import Team

    if not isinstance(team, Team):
        raise TypeError(f"use_team takes a Team (netlib.workshop.pool(net, neighbours) or netlib.load_team(...)), not {type(team).__name__}")
    _STATE["team"] = team
    return team


def pool(net: Network, neighbours: dict | list | None = None, *, persona: str = "consultant"):
    """Your network and your neighbours' pooled as a team (:func:`netlib.load_team`): you are ``"me"``,
    each neighbour the network ``make workshop SEED=...`` made for them, from their seed.

    Parameters
    ----------
    net : Network
        Your own network.
    neighbours : dict or list
        Each neighbour's seed: ``{"ana": 11, "ben": (23, "engineer")}`` (a name, then a seed, or a seed
        and a persona), or a list of seeds (named ``seed 11``...).
    persona : str
        The persona of a neighbour given by their seed alone.

    Returns
    -------
    Team

    Examples
    --------
    >>> import netlib
    >>> team = pool(netlib.load_sample(), {"ana": 11})
    >>> list(team.members.index)
    ['me', 'ana']
    """
    from netlib.datasets import SAMPLE_ARGS, generate
    from netlib.team import load_team

    given = neighbours or {}
    if isinstance(given, (list, tuple)):
        given = {f"seed {s}": s for s in given}
    if not isinstance(given, dict) or "me" in given:
        raise ValueError("neighbours is a dict of a name (not 'me') to a seed, e.g. {'ana': 11, 'ben': (23, 'engineer')}, or a list of seeds")
    args = {k: v for k, v in SAMPLE_ARGS.items() if k not in ("seed", "persona")}  # as make workshop writes each participant's
    nets = {"me": net}
    for name, seed in given.items():  # a few neighbours
        s, p = seed if isinstance(seed, (list, tuple)) else (seed, persona)
        nets[str(name)] = generate(seed=int(s), persona=p, **args)
    return load_team(nets)


def _team():
    if _STATE["team"] is None:
        raise RuntimeError("run the notebook's first cells: netlib.workshop.use_team(team) tells the checks whose team to use")
    return _STATE["team"]


def _env(net: Network | None = None) -> dict:
    """What an exercise's code may name: netlib, the network, the team (when its code names it), pandas, numpy."""
    return {"netlib": _api(), "net": net or _net(), "pd": pd, "np": np, "team": _STATE["team"]}


def _net() -> Network:
    if _STATE["net"] is None:
        raise RuntimeError("run the notebook's first cells: netlib.workshop.use(net) tells the checks whose data to use")
    return _STATE["net"]


def expected(name: str, net: Network | None = None):
    """The right answer to exercise ``name`` for this network.

    Parameters
    ----------
    name : str
        The exercise (a key of :data:`EXERCISES`).
    net : Network, optional
        Whose data; default the network given to :func:`use`.
    """
    ex = _exercise(name)
    if "team" in ex.code:
        _team()  # said plainly when the notebook's first cells have not run
    return eval(ex.code, _env(net))


def _api():
    """The ``netlib`` package, as the exercises' code names it (imported by then: this module is
    reached only through ``netlib.workshop``, which the package loads on first use)."""
    import sys

    return sys.modules["netlib"]


def solution(name: str) -> str:
    """The code that answers exercise ``name`` (for after the participant has tried).

    Parameters
    ----------
    name : str
        The exercise (a key of :data:`EXERCISES`).

    Examples
    --------
    >>> print(solution("hours_one_to_one"))
    netlib.effort(net).loc["one_to_one", "hours"]
    """
    return _exercise(name).code


def _exercise(name: str) -> Exercise:
    if name not in EXERCISES:
        raise KeyError(f"no exercise {name!r}; the exercises are {sorted(EXERCISES)}")
    return EXERCISES[name]


@dataclass(frozen=True)
class Result:
    """What :func:`check` found; shows as one sentence in a notebook.

    ``right`` is True, False, or None when the exercise does not apply to this data.
    """

    right: bool | None
    message: str

    def __bool__(self) -> bool:
        return bool(self.right)

    @property
    def verdict(self) -> str:
        return {True: "Right", False: "Not yet", None: "Does not apply"}[self.right]

    def __repr__(self) -> str:
        return {True: "✓", False: "✗", None: "–"}[self.right] + f" {self.verdict}: {self.message}"

    def _repr_html_(self) -> str:  # the message quotes answers and names: escaped, never Markdown or HTML
        import html

        return f"<p><strong>{self.verdict}:</strong> {html.escape(self.message)}</p>"


def _norm(value) -> str:
    """A name as compared: case, spaces, hyphens and underscores aside (``one-to-many`` is
    ``one_to_many``, as the charts label it)."""
    import re

    return re.sub(r"[\s_-]+", " ", str(value)).strip().casefold()


def _right_answer(name: str, ex: Exercise):
    """(the right answer, None), or (None, a Result saying why the exercise cannot be checked on
    this data: nothing of what it asks about, or an answer that would be the same whatever one did)."""
    try:
        right = expected(name)
    except (IndexError, KeyError, ValueError, ZeroDivisionError):  # nothing of what it asks about
        right = None
    if right is None or (isinstance(right, float) and not np.isfinite(right)):
        return None, Result(None, f"this exercise needs {ex.needs}, and your data has none; skip it, or try it on the "
                                  "sample data (netlib.load_sample()).")
    env = _env()
    if ex.degenerate and bool(eval(ex.degenerate, env)):
        return None, Result(None, f"on your data every answer would look the same (it needs {ex.needs}), so it cannot be "
                                  "checked; try it on the sample data (netlib.load_sample()).")
    return right, None


def check(name: str, answer) -> Result:
    """Whether ``answer`` is right for exercise ``name`` on this network; a hint when it is not.

    A number is right when it is the right answer to the precision the question asks for (half a
    unit of its last decimal: 0.05 for "to one decimal", 0.5 for a whole number).  An answer that is
    right to fewer decimals than asked is told to round as the question asks; one about 100 times
    too large or too small is told it looks like a percentage or a fraction.  No hint gives the
    number away.  Names compare without regard to case, spacing, hyphens or underscores
    (``"one-to-many"`` as the charts label it is ``one_to_many``).  An exercise the participant's data
    has nothing for (no dormant tie, say), or whose answer is the same whatever one does (every share
    zero), says so.

    Parameters
    ----------
    name : str
        The exercise (a key of :data:`EXERCISES`).
    answer : object
        The participant's answer: a number or a name.

    Examples
    --------
    >>> import netlib
    >>> net = use(netlib.load_sample())
    >>> check("two_half_lives", 0.25)
    ✓ Right: 0.25.
    >>> check("two_half_lives", 25)
    ✗ Not yet: 25 looks like a percentage: give a share between 0 and 1 (0.25 rather than 25).
    >>> check("two_half_lives", 0.3)
    ✗ Not yet: 0.3 is close: round to two decimals, as the question asks.
    """
    ex = _exercise(name)
    if answer is None or answer is Ellipsis:
        return Result(False, "replace None with your answer. Hint: " + ex.hint)
    right, skip = _right_answer(name, ex)  # computed once: on a large network an answer takes a while
    if skip is not None:
        return skip
    if ex.kind == "number":
        return _check_number(ex, answer, right)
    if ex.kind == "one_of":  # ties: every name at the same value is right
        st = _api().status(_net())
        first = st["days_to_cold"].min()
        ok = {_norm(n) for n in st.loc[np.isclose(st["days_to_cold"], first), "name"]}
        good = _norm(answer) in ok
    else:
        good = _norm(answer) == _norm(right)
    return Result(good, f"{answer}." if good else f"{answer!r} is not it. Hint: " + ex.hint)


def _check_number(ex: Exercise, answer, right) -> Result:
    """:func:`check` of a number: right to the question's precision, or the most useful hint."""
    try:
        got, want = float(answer), float(right)
    except (TypeError, ValueError):
        return Result(False, f"the answer is a number, you gave {type(answer).__name__}. Hint: " + ex.hint)
    if not np.isfinite(got):
        return Result(False, f"the answer is a number, you gave {got}. Hint: " + ex.hint)
    tol = ex.tolerance(want)
    if abs(got - want) <= tol + 1e-9 * max(1.0, abs(want)):
        return Result(True, f"{got:,.4g}.")
    hint = _hundred_times(got, want, tol) or _rounding(got, want, ex.decimals)
    if hint:
        return Result(False, f"{got:,.4g} {hint}")
    direction = "too high" if got > want else "too low"
    return Result(False, f"{got:,.4g} is {direction}. Hint: " + ex.hint)


def _hundred_times(got: float, want: float, tol: float) -> str | None:
    """The percentage or fraction hint, when ``got`` is about 100 times ``want`` or a hundredth of it
    (about: within 5%, or the question's precision at that scale; 35 for 0.3435, 0.34 for 34.35)."""
    if want == 0 or got == 0:
        return None
    if abs(got - 100 * want) <= max(0.05 * abs(100 * want), 100 * tol):
        return "looks like a percentage: give a share between 0 and 1 (0.25 rather than 25)."
    if abs(got - want / 100) <= max(0.05 * abs(want / 100), tol / 100):
        return "looks like a fraction, a hundredth of the answer: give the number itself (25 rather than 0.25)."
    return None


def _rounding(got: float, want: float, decimals: int | None) -> str | None:
    """The rounding hint, when ``got`` is ``want`` rounded to fewer decimals than the question asks
    for, or cut off rather than rounded (9 for 9.23 asked to one decimal; 9.2 for 9.26)."""
    if decimals is None:
        return None
    same = lambda x: abs(got - x) <= 1e-9 * max(1.0, abs(want))  # noqa: E731
    fewer = any(same(round(want, k)) or same(np.floor(want * 10.0**k + 0.5) / 10.0**k) for k in range(decimals))
    cut = any(same(np.trunc(want * 10.0**k) / 10.0**k) for k in range(decimals + 1))
    if not (fewer or cut):
        return None
    asked = "to the nearest whole number" if decimals == 0 else PRECISION.get(decimals, f"to {decimals} decimals")
    return f"is close: round {asked}, as the question asks" + ("." if fewer else " (round, do not cut digits off).")
