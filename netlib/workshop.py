"""Checked exercises for the workshop notebooks (``notebooks/workshop/``).

A notebook starts with ``net = netlib.workshop.use(...)``; each exercise then
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

__all__ = ["use", "check", "solution", "EXERCISES", "Exercise", "Result"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: the code that answers it, how answers compare, and a hint."""

    code: str
    hint: str
    kind: str = "number"  # number, text, one_of
    rel_tol: float = 0.01


EXERCISES: dict[str, Exercise] = {
    # reach
    "people_last_year": Exercise(
        'netlib.reach(net, start=net.meetings["start"].max() - pd.Timedelta(days=365)).loc["all", "people"]',
        "netlib.reach takes start= and end=; the data's last meeting is net.meetings['start'].max().",
    ),
    "prospect_share": Exercise(
        'netlib.reach(net, segment="prospect").loc["all", "segment_share"]',
        "netlib.reach has a segment= argument; the share is a number between 0 and 1.",
    ),
    "best_channel_for_prospects": Exercise(
        'netlib.reach(net, by="channel", segment="prospect").query("people >= 20")["segment_share"].idxmax()',
        "Break reach down by channel with a segment, keep channels with at least 20 people, then take the largest share.",
        kind="text",
    ),
    "referral_only": Exercise(
        'int((netlib.referral_reach(net)["distance"] == 2).sum())',
        "netlib.referral_reach lists people at distance 1 (your warm ties) and 2 (people a warm tie knows).",
    ),
    # effort
    "hours_one_to_one": Exercise(
        'netlib.effort(net).loc["one_to_one", "hours"]',
        "netlib.effort gives one row per mode; hours is a column.",
    ),
    "new_people_ratio": Exercise(
        'netlib.effort(net).loc["one_to_many", "new_people_per_hour"] / netlib.effort(net).loc["one_to_one", "new_people_per_hour"]',
        "Divide one-to-many's new people per hour by one-to-one's.",
        rel_tol=0.02,
    ),
    "warm_per_hour_winner": Exercise(
        'netlib.effort(net)["warm_people_per_hour"].idxmax()',
        "Compare warm_people_per_hour between the two modes; the answer is a mode name like 'one_to_one'.",
        kind="text",
    ),
    # decay
    "two_half_lives": Exercise(
        "1 * 2 ** (-2)",
        "Strength halves every half-life: after one it is 1/2, after two ...",
        rel_tol=1e-6,
    ),
    "warm_ties": Exercise(
        'int(netlib.status(net)["status"].isin(["active", "cooling"]).sum())',
        "netlib.status gives every contact a status; warm ties are the active and the cooling ones.",
    ),
    "first_to_go_cold": Exercise(
        'netlib.status(net).nsmallest(1, "days_to_cold")["name"].iloc[0]',
        "netlib.status has days_to_cold for warm ties; the answer is the contact's name.",
        kind="one_of",
    ),
    "top_dormant": Exercise(
        'netlib.dormant_ties(net, segment="prospect").index[0]',
        "netlib.dormant_ties ranks dormant ties, best first; give the contact_id (the index).",
        kind="text",
    ),
    # planning
    "hours_for_20_new_people": Exercise(
        '20 * netlib.effort(net).loc["one_to_many", "hours_per_new_person"]',
        "hours_per_new_person tells how many hours one new person costs; you want 20 of them, one-to-many.",
        rel_tol=0.02,
    ),
}

_STATE: dict[str, Network | None] = {"net": None}


def use(net: Network) -> Network:
    """Set the network the checks compute their answers from (and return it).

    Parameters
    ----------
    net : Network
        The participant's network: the checks compute their answers from it.
    """
    _STATE["net"] = net
    return net


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
    return eval(ex.code, {"netlib": _api(), "net": net or _net(), "pd": pd, "np": np})  # noqa: S307 - netlib's own code


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
    """What :func:`check` found; shows as one line in a notebook."""

    right: bool
    message: str

    def __bool__(self) -> bool:
        return self.right

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        return ("**Right.** " if self.right else "**Not yet.** ") + self.message.split(" ", 1)[1]


def check(name: str, answer) -> Result:
    """Whether ``answer`` is right for exercise ``name`` on this network; a hint when it is not.

    Numbers must agree within the exercise's relative tolerance (1% by
    default); names compare without regard to case or spacing.

    Parameters
    ----------
    name : str
        The exercise (a key of :data:`EXERCISES`).
    answer : object
        The participant's answer: a number or a name.
    """
    ex = _exercise(name)
    if answer is None or answer is Ellipsis:
        return Result(False, "✗ Not yet: replace None with your answer. Hint: " + ex.hint)
    right = expected(name)
    if ex.kind == "number":
        try:
            got, want = float(answer), float(right)
        except (TypeError, ValueError):
            return Result(False, f"✗ Not yet: the answer is a number, you gave {type(answer).__name__}. Hint: " + ex.hint)
        if np.isclose(got, want, rtol=ex.rel_tol, atol=1e-9):
            return Result(True, f"✓ Right: {got:,.4g}.")
        if want and np.isclose(got, want * 100, rtol=ex.rel_tol):
            return Result(False, "✗ Not yet: that looks like a percentage; give a share between 0 and 1.")
        direction = "too high" if got > want else "too low"
        return Result(False, f"✗ Not yet: {got:,.4g} is {direction}. Hint: " + ex.hint)
    norm = lambda v: " ".join(str(v).split()).casefold()  # noqa: E731
    if ex.kind == "one_of":  # ties: every name at the same value is right
        st = _api().status(_net())
        first = st["days_to_cold"].min()
        ok = {norm(n) for n in st.loc[np.isclose(st["days_to_cold"], first), "name"]}
        good = norm(answer) in ok
    else:
        good = norm(answer) == norm(right)
    return Result(good, f"✓ Right: {answer}." if good else f"✗ Not yet: {answer!r} is not it. Hint: " + ex.hint)
