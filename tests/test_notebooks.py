"""The notebooks: committed clean, parameterised, and running top to bottom on the sample."""

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from .conftest import committed_notebook, tracked_notebooks

ROOT = Path(__file__).resolve().parent.parent
# the notebooks git holds, as git holds them: a participant's run and saved notebook, a checkpoint
# or an Untitled.ipynb leaves the tests as they were (conftest.tracked_notebooks)
NOTEBOOKS = tracked_notebooks(ROOT / "notebooks")
REPORT_NOTEBOOKS = tracked_notebooks(ROOT / "notebooks", "0*.ipynb")


def test_there_are_notebooks():
    assert [p.stem for p in REPORT_NOTEBOOKS] == ["01_load_and_check", "02_reach", "03_effort", "04_decay", "05_next_steps", "06_plan"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean(path, tmp_path):
    text = committed_notebook(path)
    nb = nbformat.reads(text, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs (nbstripout)"
    held = tmp_path / path.name
    held.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", str(held)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def _parameter_names(path) -> set[str]:
    """The names a notebook's parameters cell sets, checked: a title first, then the one cell tagged
    ``parameters``, holding assignments of literals only (what papermill can replace)."""
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is nb.cells[1]
    names = set()
    for stmt in ast.parse(tagged[0].source).body:
        assert isinstance(stmt, ast.Assign), f"{path.name}: the parameters cell holds assignments only"
        ast.literal_eval(stmt.value)  # raises if not a literal
        names.add(stmt.targets[0].id)
    return names


@pytest.mark.parametrize("path", REPORT_NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_holds_only_literals(path):
    assert {"sources", "me", "as_of", "half_life_days", "segment", "anonymize", "interactive"} <= _parameter_names(path)


@pytest.mark.parametrize("path", REPORT_NOTEBOOKS, ids=lambda p: p.stem)
def test_cells_are_short(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            logic = [l for l in cell.source.splitlines() if l.strip() and not l.startswith(("import ", "from "))]
            assert len(logic) <= 6, f"{path.name}: move this logic into netlib:\n{cell.source}"


@pytest.mark.parametrize("interactive", [False, True])
@pytest.mark.parametrize("path", REPORT_NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_on_the_sample(path, interactive, tmp_path):
    from netlib.report import run_notebook

    out = run_notebook(path, tmp_path / path.name, {"interactive": interactive}, cwd=path.parent, timeout=120)
    nb = nbformat.read(out, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "plt.subplots" in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"no figure from:\n{cell.source}"
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error"
    tagged = [c for c in nb.cells if c.cell_type == "code" and "interactive" in c.metadata.get("tags", [])]
    assert all(bool(c.outputs) == interactive for c in tagged)


def test_the_plan_page_says_why_it_has_no_segment_chart(tmp_path):
    # a sentence inside an if/else block is never shown: it once left an empty section
    from netlib.report import run_notebook

    path = next(p for p in REPORT_NOTEBOOKS if p.stem == "06_plan")
    nb = nbformat.read(run_notebook(path, tmp_path / path.name, {}, cwd=path.parent, timeout=120), as_version=4)
    shown = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))  # sentences: escaped HTML
    assert "No target segment was named" in shown


TEAM_NOTEBOOK = ROOT / "notebooks" / "team" / "07_team.ipynb"
#: Contacts in tests/data/team of members who share no names (Ada, Cy), and their companies, no member
#: who shares names (Bo) knows: never on the team page (tests/test_team.py has the team by hand).
PRIVATE = ["Tess Tran", "Eve Evans", "Ida Ives", "Kai Kim", "Acme", "India Co", "Kilo"]


def test_the_team_notebook_is_no_report_notebook_and_takes_the_runners_parameters():
    assert TEAM_NOTEBOOK not in REPORT_NOTEBOOKS and TEAM_NOTEBOOK in NOTEBOOKS
    names = _parameter_names(TEAM_NOTEBOOK)
    assert names == {"team", "viewer", "tz", "as_of", "segment", "company", "anonymize", "interactive"}  # netlib/report/team.py passes these


@pytest.mark.parametrize("viewer,interactive", [(None, False), ("ada", True)])
def test_the_team_notebook_runs_headless_and_the_team_page_names_nobody_private(viewer, interactive, tmp_path):
    from netlib.report import run_notebook

    params = {"team": str(ROOT / "tests" / "data" / "team"), "viewer": viewer, "as_of": "2025-06-01T12:00Z", "interactive": interactive}
    out = run_notebook(TEAM_NOTEBOOK, tmp_path / TEAM_NOTEBOOK.name, params, cwd=TEAM_NOTEBOOK.parent, timeout=120)
    nb = nbformat.read(out, as_version=4)
    shown = ""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.outputs:
            assert o.get("output_type") != "error"
            shown += "".join(str(v) for v in o.get("data", {}).values()) + str(o.get("text", ""))
        if "plt.subplots" in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"no figure from:\n{cell.source}"
    tagged = [c for c in nb.cells if c.cell_type == "code" and "interactive" in c.metadata.get("tags", [])]
    assert tagged and all(bool(c.outputs) == interactive for c in tagged)
    assert "Dan Ortiz" in shown and "Gia Green" in shown  # Bo shares names
    if viewer is None:
        assert not [n for n in PRIVATE if n in shown], "the team page names a contact of a member who shares no names"
        assert "<5" in shown or "&lt;5" in shown  # a team of three: its small counts suppressed, and said so
    else:
        assert "Tess Tran" in shown and "Eve Evans" not in shown  # Ada's own contact; Cy's is Cy's
