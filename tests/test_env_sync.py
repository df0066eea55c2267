"""environment.yml lists the same direct dependencies and lower bounds as pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: Packages the conda route installs with pip: fonts conda-forge does not package (netlib/_fonts.py), and
#: duckdb (the optional ``scale`` extra), which conda-forge names python-duckdb: pip keeps pyproject's name.
PYPI_ONLY = {"noto-cjk-sans-otc", "manimgx-fonts", "duckdb"}


def _name_bound(spec: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][^,;\s]*))?\s*", spec)
    assert m, f"unexpected requirement {spec!r}: use 'name>=version'"
    return m.group(1).lower().replace("_", "-"), m.group(2) or ""


def pyproject_deps() -> dict[str, str]:
    proj = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(proj["dependencies"])
    for extra in proj["optional-dependencies"].values():
        specs += [s for s in extra if not s.startswith("netlib")]
    out = dict(_name_bound(s) for s in specs)
    out["python"] = proj["requires-python"].lstrip(">=")
    return out


def conda_deps() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    specs = [d for d in env["dependencies"] if isinstance(d, str) and d != "pip"]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert len(pip) == 1 and pip[0]["pip"][-1] == "-e .", "the pip section ends by installing the project itself"
    from_pypi = pip[0]["pip"][:-1]  # what conda-forge does not have, and nothing else
    assert {_name_bound(s)[0] for s in from_pypi} <= PYPI_ONLY, f"from PyPI, not conda-forge: {from_pypi}"
    return dict(_name_bound(s) for s in specs + from_pypi)


def test_same_dependencies_and_lower_bounds():
    assert conda_deps() == pyproject_deps()


def test_lower_bounds_only():
    text = (ROOT / "pyproject.toml").read_text()
    assert not re.search(r'"[A-Za-z0-9_\-]+\s*(==|<|~=)', text), "pyproject.toml pins: use lower bounds only"
