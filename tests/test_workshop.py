"""Workshop: checks know each participant's data; every notebook runs, blank and with the solutions filled in."""

from pathlib import Path

import nbformat
import pytest

import netlib
from netlib import workshop

WORKSHOP = sorted((Path(__file__).resolve().parent.parent / "notebooks" / "workshop").glob("*.ipynb"))


def test_checks_follow_the_participants_data():
    a = workshop.use(netlib.generate(seed=1, years=2))
    right_a = workshop.expected("hours_one_to_one")
    b = workshop.use(netlib.generate(seed=2, years=2, persona="engineer"))
    right_b = workshop.expected("hours_one_to_one")
    assert right_a != right_b
    assert workshop.check("hours_one_to_one", right_b).right
    assert not workshop.check("hours_one_to_one", right_a).right
    assert a is not b


def test_hints_help_without_the_answer(sample):
    workshop.use(sample)
    share = workshop.expected("prospect_share")
    r = workshop.check("prospect_share", share * 100)
    assert not r.right and "percentage" in r.message
    r = workshop.check("prospect_share", None)
    assert not r.right and "replace None" in r.message
    r = workshop.check("hours_one_to_one", 1)
    assert "too low" in r.message and f"{workshop.expected('hours_one_to_one'):,.4g}" not in r.message
    assert workshop.check("warm_per_hour_winner", " One_To_One ").right == (workshop.expected("warm_per_hour_winner") == "one_to_one")


def test_every_exercise_is_in_a_notebook():
    used = {c.metadata.get("exercise") for p in WORKSHOP for c in nbformat.read(p, as_version=4).cells}
    assert set(workshop.EXERCISES) <= used


def _run(path: Path, tmp_path: Path, fill: bool):
    from netlib.report import run_notebook

    nb = nbformat.read(path, as_version=4)
    if fill:
        for c in nb.cells:
            if "answer" in c.metadata.get("tags", []):
                c.source = "answer = " + workshop.solution(c.metadata["exercise"])
    src = tmp_path / path.name
    nbformat.write(nb, src)
    out = tmp_path / ("run_" + path.name)
    run_notebook(src, out, cwd=path.parent, timeout=120)
    return nbformat.read(out, as_version=4)


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_notebook_with_solutions_is_all_right(path, tmp_path):
    nb = _run(path, tmp_path, fill=True)
    checks = [c for c in nb.cells if c.cell_type == "code" and "workshop.check(" in c.source]
    assert checks
    for c in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        assert text.startswith("✓ Right"), text


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_notebook_as_handed_out_runs_and_says_not_yet(path, tmp_path):
    nb = _run(path, tmp_path, fill=False)
    texts = ["".join(o.get("data", {}).get("text/plain", "") for o in c.outputs) for c in nb.cells
             if c.cell_type == "code" and "workshop.check(" in c.source]
    assert texts and all(t.startswith("✗ Not yet: replace None") for t in texts)


def test_a_check_takes_a_name_as_the_charts_write_it(sample):
    workshop.use(sample)
    winner = workshop.expected("warm_per_hour_winner")
    assert workshop.check("warm_per_hour_winner", winner.replace("_", "-")).right  # "one-to-one", as on the chart
    r = workshop.check("hours_one_to_one", workshop.expected("hours_one_to_one"))
    assert r._repr_html_().startswith("<p><strong>Right:</strong> ") and r._repr_html_().count("Right") == 1  # one sentence


def test_an_exercise_the_participants_data_has_nothing_for_says_so(sample):
    short = netlib.generate(seed=3, years=1)  # one year: no tie can have been dormant for three
    workshop.use(short)
    r = workshop.check("top_dormant", "c0001")
    assert r.right is None and "dormant tie" in r.message and repr(r).startswith("– Does not apply")
    untagged = netlib.generate(seed=3, years=1)
    untagged = untagged.replace(contacts=untagged.contacts.assign(tags=""))
    workshop.use(untagged)
    r = workshop.check("prospect_share", 0.0)  # every share is zero: any answer of 0 would pass
    assert r.right is None and "cannot be checked" in r.message
    workshop.use(sample)
