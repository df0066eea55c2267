"""Hostile and broken files (tests/hostile.py): each loads in its own process under a time limit and
ends in a Network whose rows add up or in a DataError; never a hang, never another exception."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from . import hostile

CASES = hostile.cases(seed=0)  # full size: 10,000 files load in seconds, not minutes


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folders = [(name, hostile.write(files, root / f"case{i:02d}")) for i, (name, files) in enumerate(CASES)]
    with ThreadPoolExecutor(2) as pool:  # one fresh process per case
        return dict(zip([n for n, _ in folders], pool.map(lambda nf: hostile.run(nf[1], timeout=60), folders)))


def test_the_corpus_is_large_and_seeded():
    assert len(CASES) >= 30
    mangled = lambda seed: [f for n, f in hostile.cases(seed=seed, scale=0.001) if n.startswith("mangled")]  # noqa: E731
    assert mangled(0) == mangled(0) and mangled(0) != mangled(1)  # the same seed, the same bytes; another seed, others


@pytest.mark.parametrize("name", [n for n, _ in CASES])
def test_nothing_hangs_nothing_crashes(outcomes, name):
    assert outcomes[name]["outcome"] in ("loaded", "DataError"), outcomes[name]


def _texts(outcomes, name) -> str:
    return " | ".join(outcomes[name].get("texts", []))


def test_runaway_recurrences_are_left_out_and_said(outcomes):
    for name in ("rrule interval 0", "rrule secondly without end", "rrule minutely without end"):
        assert outcomes[name]["meetings"] == 0 and "left out" in _texts(outcomes, name), name
    # daily until the export's real date (the file's time: the stamps differ, so none is the export's), not year 9000
    import pandas as pd

    assert 150 < outcomes["dtstamp in year 9000"]["meetings"] <= (pd.Timestamp.now() - pd.Timestamp("2024-01-02")).days + 2


def test_what_cannot_be_unpacked_or_read_is_listed_and_the_rest_loads(outcomes):
    for name in ("encrypted zip member", "corrupt deflate member", "deflate64 member", "1 MiB without a newline"):
        assert outcomes[name]["outcome"] in ("loaded", "DataError"), name
    junk = outcomes["junk beside real files"]
    assert junk["outcome"] == "loaded" and junk["contacts"] == 3 and junk["meetings"] == 2 and junk["not_loaded"] >= 6
    assert outcomes["binary file named csv"]["contacts"] == 2


def test_no_value_is_invented(outcomes):
    for name, r in outcomes.items():
        if r["outcome"] == "loaded":
            assert r["hours"] < 1e6, name  # no infinite or year-long meeting
    assert "finite number" in _texts(outcomes, "infinite duration without end")
    assert "unknown time zone" in _texts(outcomes, "unknown tzid")
    assert outcomes["windows zone name"]["meetings"] == 1
    assert outcomes["one bad dtstart"]["meetings"] == 1 and "cannot read" in _texts(outcomes, "one bad dtstart")
    assert outcomes["vcard without end"]["contacts"] == 1 and "without END:VCARD" in _texts(outcomes, "vcard without end")
    assert "mixes UTF-8" in _texts(outcomes, "mixed utf-8 and cp1252")
    assert "GB18030" in _texts(outcomes, "gb18030")


def test_a_fifo_is_never_opened(tmp_path):
    # reading a FIFO blocks until someone writes to it: netlib must not even open it
    import os

    folder = hostile.write(hostile._good(), tmp_path / "f")
    os.mkfifo(folder / "pipe.csv")
    r = hostile.run(folder, timeout=60)
    assert r["outcome"] == "loaded" and r["contacts"] == 2 and r["not_loaded"] == 1
    assert any("not a regular file" in t for t in r["texts"])
    named = hostile.run(folder / "pipe.csv", timeout=60)  # named alone: nothing else to load
    assert named["outcome"] == "DataError"


def test_an_unreadable_file_is_listed_or_said(tmp_path, monkeypatch):
    # as root every file is readable: the permission error is simulated where netlib reads
    import netlib
    import netlib.io as nio

    folder = hostile.write({**hostile._good(), "secret.csv": b"contact_id,name\nc9,Cy\n"}, tmp_path / "f")
    real = nio.read_path

    def refuse(path):
        if path.name == "secret.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(nio, "read_path", refuse)
    net = netlib.load(folder)
    assert len(net.contacts) == 2
    p = net.problems[net.problems["action"] == "not loaded"]
    assert p["source"].str.endswith("secret.csv").any() and p["problem"].str.contains("may not read").any()
    with pytest.raises(netlib.DataError, match="cannot be read"):
        netlib.load(folder / "secret.csv")
