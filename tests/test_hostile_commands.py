"""Hostile commands and calls (tests/hostile.py, the second corpus, #28): each runs in its own process
under a time and memory limit and ends in a clear message with the exit status the case names (a
one-line error, never a traceback), with no file of the user's changed, no payload unescaped in a
page and no CSV line that starts a formula."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from . import hostile

CASES = hostile.command_cases(seed=0)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    root = tmp_path_factory.mktemp("commands")

    def one(i_case):
        i, (name, files, what, check) = i_case
        return name, hostile.run_command(hostile.write(files, root / f"cmd{i:02d}"), what, check)

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(one, enumerate(CASES)))


def test_the_corpus_is_seeded():
    assert [c[2] for c in hostile.command_cases(0)] == [c[2] for c in hostile.command_cases(0)]
    assert len(CASES) >= 30


@pytest.mark.parametrize("name, check", [(c[0], c[3]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_case_ends_as_it_should(outcomes, name, check):
    r = outcomes[name]
    assert r["outcome"] == f"exit {check['exit']}", r
    assert not r["traceback"], r
    if "says" in check:
        assert check["says"] in r["said"], r
    assert r["lost"] == [], r
    assert r.get("injected", []) == [] and r.get("formulas", []) == [], r
