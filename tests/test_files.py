"""netlib._files and every writer that uses it: no user file lost, no write through a link,
a damaged manifest or a refusing disk is one clear message, nothing half-written."""

import errno
import json
import os
import subprocess
import sys

import pytest

import netlib
from netlib._files import MANIFEST, OutputError, OutputFolder, write_files
from netlib.cli import main


@pytest.fixture(scope="module")
def small():
    return netlib.generate(seed=1, years=0.5)


def test_a_file_of_the_users_is_never_overwritten(tmp_path, small):
    (tmp_path / "contacts.csv").write_text("the user's own\n")
    with pytest.raises(OutputError, match="contacts.csv, which netlib did not write"):
        netlib.write_csv(small, tmp_path)
    assert (tmp_path / "contacts.csv").read_text() == "the user's own\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]  # nothing else written either


def test_netlibs_own_files_are_written_again(tmp_path, small):
    netlib.write_csv(small, tmp_path)
    first = (tmp_path / "meetings.csv").read_text()
    netlib.write_csv(small, tmp_path)
    assert (tmp_path / "meetings.csv").read_text() == first
    assert json.loads((tmp_path / MANIFEST).read_text()) == ["contacts.csv", "meetings.csv"]


def test_no_write_through_or_over_a_link(tmp_path, small):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "contacts.csv").symlink_to(victim)
    with pytest.raises(OutputError, match="as a link"):
        netlib.write_csv(small, out)
    assert victim.read_text() == "precious\n"
    # a link planted under the name of a file netlib wrote before is refused too
    out2 = tmp_path / "out2"
    netlib.write_csv(small, out2)
    (out2 / "contacts.csv").unlink()
    (out2 / "contacts.csv").symlink_to(victim)
    with pytest.raises(OutputError, match="as a link"):
        netlib.write_csv(small, out2)
    assert victim.read_text() == "precious\n"


def test_a_link_planted_as_the_manifest_is_not_written_through(tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text('["a.csv"]')
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).symlink_to(victim)
    with pytest.raises(OutputError, match="damaged"):
        write_files(out, {"a.csv": "x\n"})
    assert victim.read_text() == '["a.csv"]' and not (out / "a.csv").exists()


@pytest.mark.parametrize("content", [b'["contacts.csv", "meet', b"", b"\x00\xff", b'{"a": 1}', b"[1, 2]"])
def test_a_damaged_manifest_is_a_clear_message(tmp_path, content):
    (tmp_path / MANIFEST).write_bytes(content)
    with pytest.raises(OutputError, match=r"damaged.*delete \.netlib-files\.json"):
        write_files(tmp_path, {"a.csv": "x\n"})
    assert not (tmp_path / "a.csv").exists()


def test_a_refusing_disk_leaves_nothing_half_written(tmp_path, monkeypatch):
    real = os.fdopen
    calls = []

    def full(fd, *args, **kwargs):  # the second file's write finds the disk full
        f = real(fd, *args, **kwargs)
        calls.append(fd)
        if len(calls) == 2:
            def write(_data):
                raise OSError(errno.ENOSPC, "No space left on device")
            f.write = write
        return f

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(OutputError, match="the disk is full; nothing was written"):
        write_files(tmp_path, {"a.csv": "x\n", "b.csv": "y\n"})
    assert list(tmp_path.iterdir()) == []  # neither file, no partial, no manifest


def test_a_read_only_folder_is_a_clear_message(tmp_path, monkeypatch):
    import tempfile

    def read_only(*_args, **_kwargs):  # as on a read-only disk (root writes into a folder without write bits)
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OutputError, match="read-only disk; nothing was written"):
        write_files(tmp_path, {"a.csv": "x\n"})
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_is_no_file_name_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a file name"):
        OutputFolder(tmp_path, []).write_all({"../x.csv": "x"})


# -- the command line --------------------------------------------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netlib", *args], capture_output=True, text=True, timeout=300)


def test_anonymize_into_the_input_folder_keeps_the_users_files(tmp_path):
    netlib.datasets.write_sample(tmp_path / "mine", years=0.5)  # netlib's files ...
    (tmp_path / "mine" / MANIFEST).unlink()  # ... that the user now owns: netlib's record of them is gone
    before = {p.name: p.read_bytes() for p in (tmp_path / "mine").iterdir()}
    r = _run("anonymize", str(tmp_path / "mine"), "--out", str(tmp_path / "mine"))
    assert r.returncode == 1, r.stderr
    assert r.stderr.count("\n") == 1 and "netlib did not write" in r.stderr and "Traceback" not in r.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "mine").iterdir()} == before


def test_sample_never_replaces_googles_contacts_csv(tmp_path):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "contacts.csv").write_text("Name,E-mail 1 - Value\nAnn,ann@x.example\n")
    r = _run("sample", "--out", str(downloads), "--years", "0.5")
    assert r.returncode == 1 and "contacts.csv, which netlib did not write" in r.stderr, r.stderr
    assert sorted(p.name for p in downloads.iterdir()) == ["contacts.csv"]
    assert main(["sample", "--out", str(tmp_path / "new"), "--years", "0.5"]) == 0
    assert main(["sample", "--out", str(tmp_path / "new"), "--years", "0.5", "--seed", "3"]) == 0  # its own files again


def test_report_writes_through_no_planted_link(tmp_path, monkeypatch):
    from netlib.report import ReportError, _ReportFolder

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".index.html.partial").symlink_to(victim)  # the name a page was once written under: never used now
    (out / ".netlib-report.json").symlink_to(victim)  # the manifest
    with pytest.raises(ReportError, match="damaged"), _ReportFolder(out, ["index.html"]) as folder:
        folder.write("index.html", "<p>page</p>")
    assert not (out / ".netlib-report.lock").exists()  # the lock goes with the refusal
    (out / ".netlib-report.json").unlink()
    with _ReportFolder(out, ["index.html"]) as folder:
        folder.write("index.html", "<p>page</p>")
    assert victim.read_text() == "precious\n" and (out / "index.html").read_text() == "<p>page</p>"
    assert (out / ".index.html.partial").is_symlink()  # left as it was


def test_a_lock_that_is_a_device_is_busy_not_read_forever(tmp_path):
    from netlib.report import ReportError, _ReportFolder

    (tmp_path / ".netlib-report.lock").symlink_to("/dev/zero")
    with pytest.raises(ReportError, match="busy"), _ReportFolder(tmp_path, ["index.html"]):
        pass


@pytest.mark.parametrize("args, says", [
    (["sample", "--seed", "-1"], "is not a seed"),
    (["sample", "--years", "nan"], "is not a number of years"),
    (["sample", "--years", "1e9"], "is not a number of years"),
    (["sample", "--start", "garbage"], "is not a date"),
    (["report", "--out", ""], "an empty name is not a folder"),
    (["summary", "--event", "x"], "an --event needs FILE=START"),
    (["summary", "--event", "t.csv=2024-11-30T18:00,Night,1e9"], "at most 1440"),
    (["summary", "--event", "t.csv=2024-11-30T18:00,Night,1e308"], "at most 1440"),
    (["report", "--anonymize", "--salt-file", "/dev/zero"], "must be an ordinary file"),
    (["report", "--anonymize", "--salt-file", "FIFO"], "must be an ordinary file"),
])
def test_bad_arguments_are_one_line_exit_2(args, says, tmp_path):
    if "FIFO" in args:  # a named pipe nobody writes to: opening it for reading once waited for ever
        os.mkfifo(tmp_path / "salt")
        args = [str(tmp_path / "salt") if a == "FIFO" else a for a in args]
    r = _run(*args, *(["--out", str(tmp_path / "o")] if args[0] == "sample" else []))
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert says in r.stderr and "Traceback" not in r.stderr
