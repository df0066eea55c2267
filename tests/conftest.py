import subprocess
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent

# JupyterLab saves a checkpoint of every notebook (and file) opened into .ipynb_checkpoints/ beside
# it: never tests, whatever they are named (pytest's default norecursedirs skips dot-folders; this
# holds when a run names a folder or changes norecursedirs).
collect_ignore_glob = ["**/.ipynb_checkpoints/*", ".ipynb_checkpoints/*"]


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def sample():
    import netlib

    return netlib.load_sample()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def tracked_notebooks(folder: Path, pattern: str = "**/*.ipynb") -> list[Path]:
    """The notebooks under ``folder`` that the repository holds: in a git checkout those git tracks
    (never a checkpoint JupyterLab saved, nor a scratch or participant's notebook nobody committed);
    elsewhere (an sdist) the files matching ``pattern``, checkpoints and other dot-folders left out.

    With this list, running and saving the notebooks in JupyterLab leaves ``make test`` as it was:
    test_notebooks.py's ``NOTEBOOKS = tracked_notebooks(ROOT / "notebooks")``."""
    found = sorted(p for p in folder.glob(pattern) if not any(part.startswith(".") for part in p.relative_to(folder).parts))
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--full-name", "."], cwd=folder, capture_output=True, check=True)
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, check=True, text=True)
    except (OSError, subprocess.CalledProcessError):  # not a git checkout, or no git
        return found
    root = Path(top.stdout.strip())
    tracked = {(root / p).resolve() for p in out.stdout.decode("utf-8").split("\0") if p}
    return [p for p in found if p.resolve() in tracked]


def committed_notebook(path: Path) -> str:
    """The text of the notebook ``path`` as git holds it (the index: what is, or is about to be,
    committed), so that a notebook someone ran and saved in JupyterLab without committing it leaves
    the tests as they were; the file itself outside a git checkout or when git does not hold it."""
    try:
        out = subprocess.run(["git", "show", f":./{path.name}"], cwd=path.parent, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return path.read_text(encoding="utf-8")
    return out.stdout.decode("utf-8")
