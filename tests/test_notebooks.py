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


@pytest.mark.parametrize("path", REPORT_NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_holds_only_literals(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is nb.cells[1]
    names = set()
    for stmt in ast.parse(tagged[0].source).body:
        assert isinstance(stmt, ast.Assign), f"{path.name}: the parameters cell holds assignments only"
        ast.literal_eval(stmt.value)  # raises if not a literal
        names.add(stmt.targets[0].id)
    assert {"sources", "me", "as_of", "half_life_days", "segment", "anonymize", "interactive"} <= names


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
