"""The package as a whole: its import graph has no circle, its public names do not trap, and every
public function documents every parameter."""

import ast
import importlib
import inspect
import re
import types
from pathlib import Path

import networkx as nx
import pytest

import netlib

PACKAGE = Path(netlib.__file__).parent

#: The modules a user reaches: every name in their ``__all__`` is public.
PUBLIC_MODULES = ["netlib", "netlib.model", "netlib.io", "netlib.identity", "netlib.analysis.reach", "netlib.analysis.effort", "netlib.analysis.plan", "netlib.decay",
                  "netlib.segment", "netlib.present", "netlib.plots", "netlib.widgets", "netlib.anonymize", "netlib.datasets", "netlib.workshop",
                  "netlib.report", "netlib.cli", "netlib.team"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").exists() or (PACKAGE.parent / rel / "__init__.py").exists()


def import_graph() -> nx.DiGraph:
    """Every import between netlib's modules, at the top of a file or inside a function."""
    G = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        here = _module_name(path)
        G.add_node(here)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # ``from netlib import plots`` imports the module plots; ``from netlib import load``, the package
                targets = [f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module for a in node.names]
            for t in targets:
                if t.split(".")[0] == "netlib" and _is_module(t) and t != here:
                    G.add_edge(here, t)
    return G


def test_the_package_has_no_import_circle():
    G = import_graph()
    assert len(G) > 20
    circles = [c for c in nx.simple_cycles(G)]
    assert circles == [], "import circles: " + "; ".join(" -> ".join(c + [c[0]]) for c in circles)


def test_the_kernels_import_no_netlib_module():
    assert list(import_graph().successors("netlib._kernels")) == []


def test_the_analyses_are_peers():
    """reach, effort and decay never import each other (nor io); the planner, above them, may use decay."""
    G = import_graph()
    for name in ("netlib.analysis.reach", "netlib.analysis.effort", "netlib.decay"):
        assert not set(G.successors(name)) & {"netlib.analysis.reach", "netlib.analysis.effort", "netlib.analysis.plan", "netlib.decay", "netlib.io"}, name


def test_a_reader_is_one_file_and_one_registry_line():
    from netlib.io import READERS

    for reader in READERS:
        assert callable(reader.sniff) and callable(reader.read), reader.__name__
        assert list(inspect.signature(reader.read).parameters) == ["inp", "kind", "log", "opt"], reader.__name__
    G = import_graph()
    readers = {r.__name__ for r in READERS}
    for r in readers:  # readers lean on the shared helpers, never on each other
        assert not set(G.successors(r)) & readers, r


def test_reach_effort_and_plan_are_functions():
    """No module changes its class (#29): the three analyses are plain functions, their modules in netlib.analysis."""
    from netlib.analysis import effort, plan, reach

    for name, module in [("reach", reach), ("effort", effort), ("plan", plan)]:
        func = getattr(netlib, name)
        assert inspect.isfunction(func) and func is getattr(module, name)
        assert type(module) is types.ModuleType
    assert netlib.first_met is reach.first_met and effort.COLUMNS
    assert netlib.model.MODES == ("solo", "one_to_one", "one_to_many")
    for path in PACKAGE.rglob("*.py"):
        assert "__class__ =" not in path.read_text(encoding="utf-8"), path


def test_old_spellings_warn_and_work():
    """netlib.plan.learn(net), from netlib.reach import first_met and import netlib.effort: for one release."""
    import sys

    from netlib.analysis import plan, reach

    net = netlib.load_sample()
    with pytest.warns(DeprecationWarning, match=r"netlib.plan.current_plan is now netlib.analysis.plan.current_plan"):
        now = netlib.plan.current_plan(net)
    assert now == plan.current_plan(net)
    with pytest.warns(DeprecationWarning, match=r"netlib.reach.first_met is now netlib.analysis.reach.first_met"):
        from netlib.reach import first_met
    assert first_met is reach.first_met
    with pytest.warns(DeprecationWarning, match="netlib.effort.effort is now"):
        old = importlib.import_module("netlib.effort")  # what `import netlib.effort` does
        assert old is sys.modules["netlib.effort"] and old.effort is netlib.analysis.effort.effort
    assert inspect.isfunction(netlib.effort) and netlib.plan.METRICS == plan.METRICS  # importing the old name leaves the function
    with pytest.raises(AttributeError, match="now 'netlib.analysis.reach'"):
        sys.modules["netlib.reach"].nothing_here  # noqa: B018


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_all_names_exist(module):
    mod = importlib.import_module(module)
    missing = [n for n in mod.__all__ if not hasattr(mod, n)]
    assert missing == []


def documented_parameters(doc: str) -> set[str]:
    """The names listed in a numpydoc ``Parameters`` section (``a, b : type`` lines, ``**kwargs``)."""
    m = re.search(r"^([ \t]*)Parameters\n[ \t]*-+\n(.*?)(?=^[ \t]*(?:Returns|Yields|Raises|Attributes|Examples|Notes|See Also|References)\n[ \t]*-+\n|\Z)",
                  doc, re.S | re.M)
    if not m:
        return set()
    indent = len(m.group(1))
    names = set()
    for line in m.group(2).splitlines():
        if line.strip() and len(line) - len(line.lstrip()) == indent:
            names |= {n.strip().lstrip("*") for n in line.split(" : ")[0].split(",")}
    return names


def public_functions():
    seen = {}
    for module in PUBLIC_MODULES:
        mod = importlib.import_module(module)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.ismodule(obj) and callable(obj):
                obj = obj.__call__
            if inspect.isfunction(obj) and obj.__module__.startswith("netlib"):
                seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return sorted(seen.items())


@pytest.mark.parametrize("name,func", public_functions(), ids=[n for n, _ in public_functions()])
def test_every_public_function_documents_every_parameter(name, func):
    params = [p.name for p in inspect.signature(func).parameters.values() if p.name not in ("self",)]
    missing = [p for p in params if p not in documented_parameters(inspect.getdoc(func) or "")]
    assert missing == [], f"{name} does not document {missing}"


def test_no_function_over_100_lines_and_no_file_over_800():
    """Analyses a maintainer can hold in mind (#29): every function, docstring included, fits in
    100 lines, every file in 800."""
    long_functions, long_files = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 800:
            long_files.append(f"{path.relative_to(PACKAGE.parent)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 100:
                long_functions.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert long_functions == [] and long_files == []
