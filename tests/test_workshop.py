"""Workshop: checks know each participant's data and teach; every notebook runs in a participant's
copy, blank and with the solutions filled in."""

from pathlib import Path

import nbformat
import pytest

import netlib
from netlib import workshop
from netlib._workshop_kit import WORKSHOP_DATA, copy_workshop

WORKSHOP = sorted((Path(__file__).resolve().parent.parent / "notebooks" / "workshop").glob("*.ipynb"))


@pytest.fixture(scope="module")
def participant(tmp_path_factory):
    """A participant's copy, as `make workshop SEED=7 PERSONA=consultant` makes it."""
    out = tmp_path_factory.mktemp("participant") / "my-workshop"
    done = copy_workshop(out, seed=7, persona="consultant")
    assert [p.name for p in done.written] == [p.name for p in WORKSHOP] and done.data == out / WORKSHOP_DATA
    return out


@pytest.fixture(scope="module")
def pooled():
    """The sample (as "me") pooled with two neighbours' networks, made from their seeds."""
    return workshop.pool(netlib.load_sample(), {"left": 11, "right": (23, "engineer")})


def test_a_pooled_team_is_me_and_the_neighbours_networks_from_their_seeds(pooled):
    from netlib.datasets import SAMPLE_ARGS

    assert list(pooled.members.index) == ["me", "left", "right"]
    right = netlib.generate(seed=23, persona="engineer", start=SAMPLE_ARGS["start"], years=SAMPLE_ARGS["years"])
    assert pooled.networks["right"].meetings.shape[0] == len(right.meetings)  # as make workshop SEED=23 PERSONA=engineer made it
    assert list(workshop.pool(netlib.load_sample(), [5]).members.index) == ["me", "seed 5"]
    with pytest.raises(ValueError, match="not 'me'"):
        workshop.pool(netlib.load_sample(), {"me": 3})


@pytest.mark.parametrize("name,by_hand", [
    ("team_only_one", lambda t: int(netlib.team_reach(t).loc["team", "only"])),
    ("team_best_introducer_me", lambda t: int((netlib.best_introducers(t)["member"] == "me").sum())),
    ("team_sole_prospects", lambda t: len(netlib.sole_holders(t, segment="prospect"))),
])
def test_team_checks_say_right_and_not_yet(sample, pooled, name, by_hand):
    workshop.use(sample)
    workshop.use_team(pooled)
    want = by_hand(pooled)
    assert want > 0 and workshop.expected(name) == want
    assert workshop.check(name, want).right and workshop.check(name, want + 0.4).right  # a whole number: within 0.5
    wrong = workshop.check(name, want + 1)
    assert not wrong.right and "too high" in wrong.message and f"{want:,}" not in wrong.message.split("Hint")[1]
    assert not workshop.check(name, want - 1).right and not workshop.check(name, None).right


def test_team_checks_follow_the_team_they_are_given(sample, pooled):
    workshop.use(sample)
    workshop.use_team(pooled)
    pooled_only = workshop.expected("team_only_one")
    alone = netlib.load_team({"me": sample})
    workshop.use_team(alone)  # alone: everyone reached is reached by one member, me
    assert workshop.expected("team_only_one") == netlib.team_reach(alone).loc["me", "reached"] != pooled_only
    assert not workshop.check("team_only_one", pooled_only).right
    with pytest.raises(TypeError, match="takes a Team"):
        workshop.use_team(sample)


def test_a_team_check_before_the_team_is_set_says_run_the_first_cells(sample, monkeypatch):
    monkeypatch.setitem(workshop._STATE, "team", None)
    workshop.use(sample)
    with pytest.raises(RuntimeError, match="use_team"):
        workshop.check("team_only_one", 3)


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


def _run(path: Path, tmp_path: Path, fill: bool, participant: Path):
    """The participant's copy of ``path`` run in their folder (as JupyterLab runs it there), the
    answers filled in with the solutions or left as handed out."""
    from netlib.report import run_notebook

    nb = nbformat.read(participant / path.name, as_version=4)
    if fill:
        for c in nb.cells:
            if "answer" in c.metadata.get("tags", []):
                c.source = "answer = " + workshop.solution(c.metadata["exercise"])
    src = tmp_path / path.name
    nbformat.write(nb, src)
    out = tmp_path / ("run_" + path.name)
    run_notebook(src, out, cwd=participant, timeout=120)
    done = nbformat.read(out, as_version=4)
    shown = "".join(o.get("data", {}).get("text/plain", "") for c in done.cells for o in c.get("outputs", []))
    mine = netlib.load(participant / WORKSHOP_DATA)
    assert f"<Network: {len(mine.contacts)} contacts, {len(mine.meetings)} meetings" in shown  # the participant's own data
    return done


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_notebook_with_solutions_is_all_right(path, tmp_path, participant):
    nb = _run(path, tmp_path, fill=True, participant=participant)
    checks = [c for c in nb.cells if c.cell_type == "code" and "workshop.check(" in c.source]
    assert checks
    for c in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        assert text.startswith("✓ Right"), text


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.stem)
def test_notebook_as_handed_out_runs_and_says_not_yet(path, tmp_path, participant):
    nb = _run(path, tmp_path, fill=False, participant=participant)
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


def test_a_participants_copy_reads_their_data_and_keeps_their_work(tmp_path):
    out = tmp_path / "my-workshop"
    copy_workshop(out, seed=3, persona="engineer", years=1)
    nb = nbformat.read(out / "01_reach.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert params.source.startswith('sources = "mydata"  #')
    original = nbformat.read(WORKSHOP[0], as_version=4)
    assert [c.source for c in nb.cells if c is not params] == [c.source for c in original.cells if "parameters" not in c.metadata.get("tags", [])]
    worked = (out / "01_reach.ipynb").read_text(encoding="utf-8").replace("answer = None", "answer = 290", 1)
    (out / "01_reach.ipynb").write_text(worked, encoding="utf-8")
    again = copy_workshop(out, seed=3, persona="engineer", years=1)
    assert again.written == [] and len(again.kept) == len(WORKSHOP) and (out / "01_reach.ipynb").read_text(encoding="utf-8") == worked
    (out / "02_effort.ipynb").unlink()
    assert [p.name for p in copy_workshop(out).written] == ["02_effort.ipynb"]  # what is missing comes back


def test_a_copy_never_overwrites_a_file_netlib_did_not_write(tmp_path):
    (tmp_path / "03_decay.ipynb").write_text("the participant's own notebook", encoding="utf-8")
    with pytest.raises(netlib.OutputError, match="netlib did not write"):
        copy_workshop(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["03_decay.ipynb"]  # nothing written
    (tmp_path / "03_decay.ipynb").unlink()
    (tmp_path / "03_decay.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    with pytest.raises(netlib.OutputError, match="link"):
        copy_workshop(tmp_path)


def test_every_number_question_says_its_precision():
    questions = {}
    for p in WORKSHOP:
        cells = nbformat.read(p, as_version=4).cells
        for before, c in zip(cells, cells[1:]):
            if c.metadata.get("exercise"):
                questions[c.metadata["exercise"]] = before.source
    for name, ex in workshop.EXERCISES.items():
        if ex.kind == "number":
            assert ex.decimals is not None, name
            assert workshop.PRECISION[ex.decimals] in questions[name], f"{name}: the question must say {workshop.PRECISION[ex.decimals]!r}"
        else:
            assert not any(w in questions[name] for w in workshop.PRECISION.values()), name


@pytest.fixture
def toy(monkeypatch, sample):
    """Exercises with known answers: (name, right answer, decimals)."""
    workshop.use(sample)

    def add(right: float, decimals: int | None) -> str:
        name = f"toy_{right}_{decimals}"
        monkeypatch.setitem(workshop.EXERCISES, name, workshop.Exercise(repr(right), "use netlib.toy.", decimals=decimals))
        return name

    return add


def test_a_number_is_right_to_the_precision_the_question_asks(toy):
    one = toy(9.23, 1)
    assert workshop.check(one, 9.23).right and workshop.check(one, 9.2).right and workshop.check(one, 9.279).right
    assert not workshop.check(one, 9.29).right and not workshop.check(one, 9.17).right
    whole = toy(290, 0)
    assert workshop.check(whole, 290).right and workshop.check(whole, 290.4).right and workshop.check(whole, "290").right
    r = workshop.check(whole, 292)
    assert not r.right and "too high" in r.message and "290" not in r.message
    two = toy(0.3435, 2)
    assert workshop.check(two, 0.34).right and workshop.check(two, 0.3435).right and not workshop.check(two, 0.35).right
    assert workshop.check("new_people_ratio", round(workshop.expected("new_people_ratio"), 1)).right  # the real exercises too
    assert workshop.check("plan_warm_ties", round(workshop.expected("plan_warm_ties"))).right


def test_an_answer_right_to_fewer_decimals_is_told_to_round_without_the_number(toy):
    one = toy(9.23, 1)
    r = workshop.check(one, 9)
    assert not r.right and "round to one decimal, as the question asks" in r.message and "9.2" not in r.message
    r = workshop.check(toy(9.26, 1), 9.2)  # cut off, not rounded
    assert not r.right and "round to one decimal" in r.message and "do not cut" in r.message and "9.3" not in r.message
    r = workshop.check(toy(0.3435, 2), 0.3)
    assert "round to two decimals" in r.message and "0.34" not in r.message
    r = workshop.check(toy(290.7, 0), 290)
    assert "round to the nearest whole number" in r.message and "291" not in r.message
    r = workshop.check(toy(9.23, 1), 8)  # not a rounding of the answer: the ordinary hint
    assert "too low" in r.message and "round" not in r.message


def test_a_hundred_times_off_either_way_gets_the_fraction_or_percentage_hint(toy):
    share = toy(0.3435, 2)
    for answer in (35, 34.35, 34):
        r = workshop.check(share, answer)
        assert not r.right and "looks like a percentage" in r.message and "0.34" not in r.message, answer
    percent = toy(34.35, 1)
    for answer in (0.34, 0.3435, 0.35):
        r = workshop.check(percent, answer)
        assert not r.right and "looks like a fraction" in r.message and "34.35" not in r.message, answer
    assert "too high" in workshop.check(percent, 60).message  # far from either: no such hint
    assert "looks like a percentage" in workshop.check("prospect_share", round(100 * workshop.expected("prospect_share"))).message


def test_notebooks_run_and_saved_in_jupyterlab_leave_the_tests_lists_as_they_were(tmp_path):
    # a facilitator who opened notebooks/ in JupyterLab leaves outputs, .ipynb_checkpoints and scratch
    # notebooks: the tests look at what git holds (tests/conftest.py), never at those
    import shutil
    import subprocess

    from .conftest import committed_notebook, tracked_notebooks

    if shutil.which("git") is None:
        pytest.skip("no git")
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    nb = repo / "notebooks" / "01_reach.ipynb"
    shutil.copyfile(WORKSHOP[0], nb)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "notebooks"], ["commit", "-q", "-m", "notebooks"]):
        subprocess.run(git + args, cwd=repo, check=True, capture_output=True)
    saved = nbformat.read(nb, as_version=4)
    saved.cells[2].outputs = [nbformat.v4.new_output("stream", text="ran")]
    saved.cells[2].execution_count = 1
    nbformat.write(saved, nb)
    (repo / "notebooks" / ".ipynb_checkpoints").mkdir()
    nbformat.write(saved, repo / "notebooks" / ".ipynb_checkpoints" / "01_reach-checkpoint.ipynb")
    nbformat.write(saved, repo / "notebooks" / "Untitled.ipynb")
    assert tracked_notebooks(repo / "notebooks") == [nb]
    assert all(c.get("outputs", []) == [] for c in nbformat.reads(committed_notebook(nb), as_version=4).cells)
    assert "ran" in nb.read_text(encoding="utf-8")
    shutil.rmtree(repo / ".git")  # not a checkout (an sdist): the files, checkpoints left out
    assert tracked_notebooks(repo / "notebooks") == [repo / "notebooks" / "01_reach.ipynb", repo / "notebooks" / "Untitled.ipynb"]


def test_the_copy_and_the_setup_check_count_in_words(tmp_path, monkeypatch):
    # #31: "wrote 1 notebook", "kept 1 notebook ... as it is", "1 of 5 checks failed ...: fix it", "1 contact, 1 meeting"
    import netlib._doctor as doctor
    from netlib._workshop_kit import Copied

    one = Copied(tmp_path, written=[tmp_path / "a.ipynb"], kept=[tmp_path / "b.ipynb"]).lines()
    assert one[0].startswith("wrote 1 notebook to ") and one[1].startswith(f"kept 1 notebook already in {tmp_path} as it is (")
    two = Copied(tmp_path, written=[tmp_path / "a.ipynb"] * 2, kept=[tmp_path / "b.ipynb"] * 2).lines()
    assert two[0].startswith("wrote 2 notebooks to ") and " as they are (" in two[1]
    steps = [lambda: doctor.Check(True, "a"), lambda: doctor.Check(True, "b"), lambda: doctor.Check(False, "c", "fix c")]
    for name, step in zip(["_python", "_imports", "_sample"], steps, strict=True):
        monkeypatch.setattr(doctor, name, step)
    monkeypatch.setattr(doctor, "_notebooks", lambda: doctor.Check(True, "d"))
    said = []
    assert doctor.doctor(said.append) is False
    assert said[-1].startswith("\n1 of 3 checks failed (") and said[-1].endswith("s): fix it, then run the check again")
    monkeypatch.setattr(doctor, "_sample", lambda: doctor.Check(True, "c"))
    monkeypatch.setattr(doctor, "_run_notebook", lambda: [doctor.Check(False, "e", "x"), doctor.Check(False, "f", "y")])
    said.clear()
    assert doctor.doctor(said.append) is False and said[-1].startswith("\n2 of 6 checks failed (") and "fix them from the top" in said[-1]
    monkeypatch.undo()

    class Tiny:  # a sample of one contact and one meeting, as the check words it
        contacts, meetings = [0], [0]

    monkeypatch.setattr(netlib, "load_sample", Tiny)
    assert doctor._sample().what == "the embedded sample loads: 1 contact, 1 meeting"
    monkeypatch.setattr(netlib, "load_sample", lambda: type("Two", (), {"contacts": [0] * 1204, "meetings": [0, 1]}))
    assert doctor._sample().what == "the embedded sample loads: 1,204 contacts, 2 meetings"
