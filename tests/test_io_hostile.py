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
        # the calendar's only event: nothing usable is left, and the error says why (its rows were not counted before)
        assert outcomes[name]["outcome"] == "DataError" and "no usable row" in outcomes[name]["message"], name
        assert "left out" in outcomes[name]["message"], name
    # daily until the export's real date (the file's time: the stamps differ, so none is the export's), not year 9000
    import pandas as pd

    assert 150 < outcomes["dtstamp in year 9000"]["meetings"] <= (pd.Timestamp.now() - pd.Timestamp("2024-01-02")).days + 3


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
    import netlib.io._inputs as nio  # where load reads each file

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


def test_one_bad_message_is_one_problem_and_the_mailbox_loads(outcomes):
    # a message without a readable date crashed the whole load (#34); a date out of range moved as_of (#28)
    for name in ("mail without a date", "mbox separator without a date"):
        assert outcomes[name]["meetings"] == 1 and "no date" in _texts(outcomes, name), name
    for name in ("mbox separator dated 9999", *(f"mail dated {y}" for y in ("0000", "2500", "3609", "9999", "2099", "1960"))):
        assert outcomes[name]["meetings"] == 1 and "dated before 1970 or after" in _texts(outcomes, name), name
    assert outcomes["5000 nested comments in To"]["meetings"] == 2  # the address after the comments was read
    assert "nobody but you" in _texts(outcomes, "20000 unclosed comments in From")  # a comment to the end: no sender
    assert outcomes["200000 encoded words in a subject"]["seconds"] < 30
    assert outcomes["mail without date and message-id, obsolete spacing"]["meetings"] == 2


def test_one_bad_event_is_one_skipped_row_and_unusable_files_are_listed(outcomes):
    for name in ("rrule freq invalid", "rrule byday with a space"):
        assert outcomes[name]["meetings"] == 1 and "recurrence rule netlib cannot read" in _texts(outcomes, name), name
    for name in ("dtstart in year 0001", "dtstart in year 9999"):
        assert outcomes[name]["meetings"] == 1 and "outside the years" in _texts(outcomes, name), name
    for name in ("holidays calendar beside contacts", "previous next_steps.ics beside contacts"):
        r = outcomes[name]
        assert (r["contacts"], r["not_loaded"]) == (2, 1) and "no usable row" in _texts(outcomes, name), name
    assert outcomes["symlinked subfolder"]["not_loaded"] == 1 and "link to a folder" in _texts(outcomes, "symlinked subfolder")
    assert outcomes["lotus notes vcard"]["contacts"] == 1


def test_files_too_large_are_refused_from_their_size(outcomes):
    # a 3 GB sparse mailbox and video, zip members whose headers claim 3.7 GB: listed, never read (#28)
    for name in ("3 GB sparse files beside the exports", "zip members claiming 3.7 GB"):
        r = outcomes[name]
        assert (r["contacts"], r["meetings"], r["not_loaded"]) == (2, 2, 2), name
        assert r["peak_mb"] < 512, name  # the loads of two small files; the whole file would be 3,000 MB
    assert "more than the 128 MB" in _texts(outcomes, "3 GB sparse files beside the exports")
    assert "more than the 1024 MB netlib unpacks" in _texts(outcomes, "zip members claiming 3.7 GB")


def test_a_zip_member_is_unpacked_only_up_to_the_limit(tmp_path, monkeypatch):
    # the size in the member's header is checked before unpacking; a header that lies is caught by zipfile
    import zipfile

    import netlib
    import netlib.io as nio

    with zipfile.ZipFile(tmp_path / "e.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("contacts.csv", "contact_id,name\n" + "".join(f"c{i},N{i}\n" for i in range(2000)))
        z.writestr("small.csv", "contact_id,name\nc9,Cy\n")
    monkeypatch.setattr(nio, "MAX_MEMBER_BYTES", 1000)
    net = netlib.load(tmp_path / "e.zip")
    assert net.contacts.index.tolist() == ["c9"]
    gone = net.problems[net.problems["action"] == "not loaded"]
    assert gone["source"].str.endswith("contacts.csv").all() and len(gone) == 1
    with zipfile.ZipFile(tmp_path / "e.zip") as z:  # a header that claims less: unpacking stops at its size, and the CRC fails
        info = z.getinfo("contacts.csv")
        info.file_size = 10
        with pytest.raises(zipfile.BadZipFile):
            nio._unpack(z, info, nio.MAX_MEMBER_BYTES)
