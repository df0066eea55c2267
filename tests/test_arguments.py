"""Hostile arguments to the Python API (#28): each is an ArgumentError that names the argument and
what is allowed, raised before any large work, never a traceback from inside numpy or pandas."""

import datetime
import inspect
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib import _params, decay, segment
from netlib.analysis import effort, plan, reach
from netlib._params import ArgumentError


@pytest.fixture(scope="module")
def net():
    return netlib.load_sample()


def message(call) -> str:
    with pytest.raises(ArgumentError) as err:
        call()
    return str(err.value)


# --- plans: bounded arguments -------------------------------------------------------------------

ONE = {"one_to_one": 1.0}


@pytest.mark.parametrize("kwargs,name,allowed", [
    ({"hours_per_month": 10, "months": 10**6}, "months", "at most 60"),
    ({"hours_per_month": 10, "months": 61}, "months", "at most 60"),
    ({"hours_per_month": 1e12}, "hours_per_month", "at most 14880"),
    ({"hours_per_month": float("inf")}, "hours_per_month", "at most 14880"),
    ({"hours_per_month": 10, "runs": 10**9}, "runs", "at most 10000"),
    ({"hours_per_month": 10, "seed": "abc"}, "seed", "a whole number of 0 or more"),
    ({"hours_per_month": 10, "seed": -1}, "seed", "a whole number of 0 or more"),
    ({"hours_per_month": 10, "seed": 1.5}, "seed", "a whole number of 0 or more"),
], ids=["months-1e6", "months-61", "hours-1e12", "hours-inf", "runs-1e9", "seed-abc", "seed-negative", "seed-float"])
def test_a_plans_arguments_are_bounded(net, kwargs, name, allowed):
    text = message(lambda: netlib.plan(net, mix=ONE, **kwargs))
    assert text.startswith(f"plan(): {name} must be ") and allowed in text, text


def test_compare_plans_checks_every_plans_bounds_before_learning(net, monkeypatch):
    monkeypatch.setattr(plan, "learn", lambda *a, **k: pytest.fail("learnt before the arguments were checked"))
    text = message(lambda: netlib.compare_plans(net, {"a": {"hours_per_month": 1e12, "mix": ONE}}))
    assert text.startswith("compare_plans(): hours_per_month must be ") and "at most 14880" in text
    text = message(lambda: netlib.compare_plans(net, {"a": {"hours_per_month": 5, "mix": ONE}}, months=10**6))
    assert text.startswith("compare_plans(): months must be ")
    assert message(lambda: netlib.compare_plans(net, {"a": [5]})).startswith("compare_plans(): plans must be a dict")


def test_the_bounds_themselves_are_allowed(net):
    L = plan.learn(net)
    t = netlib.plan(net, plan.MAX_HOURS_PER_MONTH, ONE, months=plan.MAX_MONTHS, runs=2, seed=None, learnt=L, uncertain=False)
    assert t["month"].max() == plan.MAX_MONTHS


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("call,func", [
    (lambda n: netlib.plan(n, 10, ONE, as_of="3000"), "plan"),
    (lambda n: netlib.status(n, as_of="9999-12-31"), "status"),
    (lambda n: netlib.tie_strength(n, as_of="1066-10-14"), "tie_strength"),
    (lambda n: netlib.reach(n, end="2999-01-01"), "reach"),
], ids=["plan-3000", "status-9999", "tie_strength-1066", "reach-end-2999"])
def test_a_date_outside_1900_to_2200_is_refused(net, call, func):
    text = message(lambda: call(net))
    assert text.startswith(f"{func}(): ") and "from 1900-01-01 to 2200-01-01" in text, text


def test_an_as_of_far_past_the_data_and_today_is_refused(net):
    text = message(lambda: netlib.status(net, as_of="2199-01-01"))
    assert text.startswith("status(): as_of must be no later than ") and "10 years after" in text
    assert netlib.status(net, as_of=net.meetings["start"].max() + pd.Timedelta(days=3 * 365)).shape[0] == len(net.contacts)


@pytest.mark.parametrize("value", [20240101, np.int64(20240101), 1.7e18, True])
def test_a_plain_number_is_no_date(net, value):
    text = message(lambda: netlib.status(net, as_of=value))
    assert text.startswith("status(): as_of must be a date") and "not a number" in text, text
    if value == 20240101:
        assert "'2024-01-01'" in text  # the fix spells the date out


@pytest.mark.parametrize("value", ["2025-01-01", datetime.date(2025, 1, 1), np.datetime64("2025-01-01"),
                                   pd.Timestamp("2025-01-01", tz="Europe/Paris")])
def test_dates_of_every_kind_are_still_read(net, value):
    assert netlib.status(net, as_of=value)["status"].notna().all()


@pytest.mark.parametrize("call,func", [
    (lambda n: netlib.reach(n, start="2024-01-01", end="2023-01-01"), "reach"),
    (lambda n: netlib.reach(n, start="2024-01-01", end="2024-01-01"), "reach"),
    (lambda n: netlib.analysis.reach.attended(n, start="2024-06-01", end="2024-01-01"), "attended"),
    (lambda n: netlib.right_people(n, "prospect", start="2024-06-01", end="2024-01-01"), "right_people"),
    (lambda n: netlib.effort(n, start="2025-01-01", end="2024-01-01"), "effort"),
    (lambda n: netlib.strength_over_time(n, ["c0100"], start="2025-01-01", end="2024-01-01"), "strength_over_time"),
], ids=["reach", "reach-empty", "attended", "right_people", "effort", "strength_over_time"])
def test_a_window_ending_before_it_starts_is_refused(net, call, func):
    text = message(lambda: call(net))
    assert text.startswith(f"{func}(): end must be after start (") and "swap them" in text, text


# --- what is not a network ------------------------------------------------------------------------

def _public_functions_taking_net():
    for module in (reach, effort, decay, plan, segment):
        for name, func in vars(module).items():
            if (inspect.isfunction(func) and func.__module__ == module.__name__ and not name.startswith("_")
                    and next(iter(inspect.signature(func).parameters), None) == "net"):
                yield f"{module.__name__.split('.')[-1]}.{name}", func


DUMMIES = {"contacts": ["c0100"], "hours_per_month": 1, "mix": ONE, "plans": {"a": {"hours_per_month": 1, "mix": ONE}},
           "segment": "prospect"}


@pytest.mark.parametrize("bad", [None, pd.DataFrame({"meetings": [1]}), "data/sample"], ids=["None", "DataFrame", "path"])
@pytest.mark.parametrize("name,func", list(_public_functions_taking_net()), ids=[n for n, _ in _public_functions_taking_net()])
def test_what_is_not_a_network_is_refused(name, func, bad):
    required = [p.name for p in list(inspect.signature(func).parameters.values())[1:] if p.default is inspect.Parameter.empty
                and p.kind is p.POSITIONAL_OR_KEYWORD]
    text = message(lambda: func(bad, *[DUMMIES[r] for r in required]))
    assert f"(): net must be a Network from netlib.load()" in text, text
    assert "<DataFrame>" in text if isinstance(bad, pd.DataFrame) else True  # never the whole table


def test_the_callable_modules_refuse_a_table_as_users_call_them():
    assert message(lambda: netlib.effort(None)).startswith("effort(): net must be a Network")
    assert "A table is not a network" in message(lambda: netlib.reach(pd.DataFrame({"a": [1]})))


# --- decay ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("grid", [[], [0, 30], [float("nan")], "abc", 90, list(range(1, 300))],
                         ids=["empty", "zero", "nan", "text", "number", "too-many"])
def test_a_half_life_grid_must_hold_half_lives(net, grid):
    text = message(lambda: netlib.fit_half_life(net, grid=grid))
    assert text.startswith("fit_half_life(): grid must be None or a list of 1 to 200 half-lives"), text


def test_unknown_ids_are_an_argument_error_and_still_a_key_error(net):
    with pytest.raises(ArgumentError) as err:
        netlib.strength_over_time(net, ["c0100", "nobody"])
    assert isinstance(err.value, KeyError)
    assert str(err.value) == "strength_over_time(): contacts must be ids of net.contacts; got ['nobody']"


def test_a_grid_too_fine_is_refused_before_it_is_made(net):
    tracemalloc.start()
    try:
        text = message(lambda: netlib.strength_over_time(net, ["c0100"], freq="s"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert text.startswith("strength_over_time(): freq must be a frequency giving at most 10,000,000 grid times"), text
    assert peak < 20e6, peak  # the 126 million seconds were never laid out
    assert message(lambda: netlib.strength_over_time(net, ["c0100"], freq="0D")).startswith("strength_over_time(): freq")
    # the cap counts values: a daily grid is fine for one contact, not for 20,000 columns of it
    ids = list(net.contacts.index) * 40
    assert "for 22,160 contacts" in message(lambda: netlib.strength_over_time(net, ids, freq="D"))


def test_strength_over_time_in_blocks_is_tie_strength_on_each_date(net, monkeypatch):
    st = netlib.status(net)
    chosen = ["c0100", st.index[st["status"] == "never_met"][0], "c0190", "c0100"]  # one never met, one twice
    monkeypatch.setattr(decay._strength, "_BLOCK_CELLS", 50)  # many blocks of a few grid times each (in decay's strength room)
    df = netlib.strength_over_time(net, chosen, freq="W", half_life_days=60)
    assert list(df.columns) == chosen
    for when in df.index[[0, 7, 100, -1]]:
        s = netlib.tie_strength(net, as_of=when, half_life_days=60)
        assert df.loc[when].to_numpy() == pytest.approx(s[chosen].to_numpy())
    assert netlib.strength_over_time(net, [], freq="MS").shape[1] == 0


# --- the generator --------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,name", [
    ({"years": 1000}, "years"), ({"years": float("nan")}, "years"), ({"years": -1}, "years"), ({"years": 0}, "years"),
    ({"seed": -1}, "seed"), ({"seed": "x"}, "seed"), ({"start": "garbage"}, "start"), ({"start": 20230101}, "start"),
    ({"persona": "astronaut"}, "persona"), ({"knitting": 3}, "**overrides"),
], ids=["years-1000", "years-nan", "years-negative", "years-0", "seed-negative", "seed-text", "start-garbage",
        "start-number", "persona", "override"])
def test_the_generator_refuses_what_it_cannot_simulate(kwargs, name):
    text = message(lambda: netlib.generate(**kwargs))
    assert text.startswith(f"generate(): {name} must be "), text


# --- checks offered to the readers and the anonymiser ----------------------------------------------

@pytest.mark.parametrize("tz", ["Mars/Olympus", "", " UTC", None, 5])
def test_an_unknown_time_zone_is_named(tz):
    text = message(lambda: _params.timezone("load", "tz", tz))
    assert text.startswith("load(): tz must be an IANA time zone name"), text


@pytest.mark.parametrize("tz", ["UTC", "Europe/London", "America/New_York"])
def test_a_time_zone_name_is_kept(tz):
    assert _params.timezone("load", "tz", tz) == tz


@pytest.mark.parametrize("salt", ["x", "1234567", b"long enough bytes", 12345678])
def test_a_short_salt_is_refused_without_showing_it(salt):
    text = message(lambda: _params.salt("pseudonymize", "salt", salt))
    assert text.startswith("pseudonymize(): salt must be a secret of at least 8 characters")
    shown = text.split("got ")[1].split(">")[0]
    assert shown in ("<text of 1 character", "<text of 7 characters", "<bytes", "<int"), shown  # never the salt itself


def test_an_argument_never_prints_a_whole_table():
    big = pd.DataFrame({"a": range(1000)})
    assert message(lambda: _params.number("f", "x", big)) == "f(): x must be a finite number above 0; got <DataFrame>"
    assert "<a list of 1,000, starting [0, 1, 2]>" in message(lambda: _params.number("f", "x", list(range(1000))))
