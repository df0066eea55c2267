"""The netlib command."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import netlib
from netlib.cli import main

from .conftest import DATA


def test_summary_of_sample(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert "netlib summary for Alex Morgan" in out and "one-to-one" in out and "rows_read" in out


def test_summary_lists_problems(capsys):
    assert main(["summary", str(DATA / "canonical" / "messy"), "--tz", "Europe/London"]) == 0
    out = capsys.readouterr().out
    assert "negative duration" in out and "not loaded" in out


def test_bad_file_exits_2_with_message(tmp_path, capsys):
    p = tmp_path / "x.csv"
    p.write_text("meeting_id,when\n1,2\n")
    assert main(["summary", str(p)]) == 2
    assert "missing required column 'start'" in capsys.readouterr().err


def test_sample_command(tmp_path):
    assert main(["sample", "--out", str(tmp_path), "--seed", "5", "--persona", "engineer", "--years", "1"]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {"contacts.csv", "meetings.csv", "truth.json", ".netlib-files.json"}  # + what netlib wrote


@pytest.mark.parametrize("cmd", [[], ["summary"], ["sample"], ["report"], ["anonymize"], ["workshop"], ["notebooks"], ["doctor"]])
def test_help(cmd):
    out = subprocess.run([sys.executable, "-m", "netlib.cli", *cmd, "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "usage: netlib" in out.stdout


def test_loader_options_on_the_command_line(capsys):
    exports = str(DATA / "exports")
    assert main(["summary", exports]) == 2  # the attendee lists need their event dates
    assert "does not say when the event was" in capsys.readouterr().err
    args = ["summary", exports, "--tz", "Europe/London", "--event", "eventbrite.csv=2024-12-05T18:00,Data Night,150",
            "--event", "meetup.tsv=2019-03-28T19:00", "--message-minutes", "3", "--no-merge"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Eventbrite attendees" in out and "3 min per message" in out and "netlib summary for Pat Owner" in out


@pytest.mark.parametrize("args,says", [
    (["report", "--tz", "Mars/X"], "is not a time zone"),
    (["report", "--as-of", "9999-12-31"], "is not a date between 1970 and 2200"),
    (["report", "--as-of", "nan"], "is not a date"),
    (["report", "--as-of", ""], "is not a date"),
    (["report", "--half-life", "nan"], "is not a number of days above 0"),
    (["report", "--half-life", "-5"], "is not a number of days above 0"),
    (["summary", "--tz", "Nowhere/City"], "is not a time zone"),
])
def test_arguments_are_checked_before_any_work(args, says, capsys):
    with pytest.raises(SystemExit) as err:
        main(args)
    assert err.value.code == 2 and says in capsys.readouterr().err


def test_an_out_that_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "f").write_text("mine")
    with pytest.raises(SystemExit):
        main(["sample", "--out", str(tmp_path / "f")])
    assert "is a file, not a folder" in capsys.readouterr().err and (tmp_path / "f").read_text() == "mine"


def test_an_event_of_negative_length_is_refused(tmp_path, capsys):
    assert main(["summary", str(DATA / "exports" / "eventbrite.csv"), "--event", "eventbrite.csv=2024-11-30T18:00,X,-100"]) == 2
    assert "number of minutes above 0" in capsys.readouterr().err


def test_a_missing_optional_package_names_the_extra_in_one_line(monkeypatch, capsys):
    import netlib.cli as cli

    def needs_lab(args):
        raise ModuleNotFoundError("No module named 'jupyterlab'", name="jupyterlab")

    monkeypatch.setattr(cli, "_summary", needs_lab)
    assert cli.main(["summary"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'netlib[lab]'" in err and "Traceback" not in err


def test_the_explorers_say_which_extra_brings_ipywidgets(monkeypatch):
    import sys

    import netlib

    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # as if not installed
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'netlib\[lab\]'"):
        netlib.widgets.effort_explorer(netlib.load_sample())


def test_version_and_python_dash_m(capsys):
    import subprocess
    import sys

    import netlib.cli as cli

    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.startswith("netlib ")
    r = subprocess.run([sys.executable, "-m", "netlib", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("netlib ")


def test_a_stop_signal_that_lands_where_its_exception_would_be_lost_comes_again(monkeypatch):
    # a KeyboardInterrupt raised in the import system's lock callbacks (or a __del__) is printed and
    # dropped, and a killed report ran on; there the handler sends the signal again a moment later
    import signal
    import sys
    import threading

    from netlib import cli

    handlers, sent = {}, threading.Event()
    monkeypatch.setattr(signal, "signal", lambda signum, handler: handlers.setdefault(signum, handler))
    monkeypatch.setattr(cli.os, "kill", lambda pid, signum: sent.set())
    cli._exit_cleanly_on_signals()
    stop = handlers[signal.SIGTERM]
    lost = {}
    exec(compile("import sys\nframe = sys._getframe()", "<frozen importlib._bootstrap>", "exec"), lost)
    stop(signal.SIGTERM, lost["frame"])  # no exception here
    assert sent.wait(5)
    with pytest.raises(KeyboardInterrupt, match="SIGTERM"):
        stop(signal.SIGTERM, sys._getframe())


def test_the_sample_command_writes_a_folder_that_loads_clean(tmp_path, capsys):
    assert main(["sample", "--out", str(tmp_path), "--seed", "7", "--years", "1"]) == 0
    assert "0 problems" in capsys.readouterr().out
    assert main(["summary", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Problems: 0 " in out and "netlib planted truth" in out


def test_workshop_command_copies_the_notebooks_and_the_participants_data(tmp_path, capsys):
    out = tmp_path / "my-workshop"
    assert main(["workshop", "--out", str(out), "--seed", "7", "--persona", "engineer", "--years", "1"]) == 0
    said = capsys.readouterr().out
    assert "wrote 5 notebooks" in said and "mydata" in said and "make lab DIR=" in said
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["01_reach.ipynb", "02_effort.ipynb", "03_decay.ipynb", "04_plan.ipynb",
                                                           "05_team.ipynb"]
    assert json.loads((out / "mydata" / "truth.json").read_text(encoding="utf-8"))["persona"] == "engineer"
    assert main(["workshop", "--out", str(out)]) == 0 and "kept 5 notebooks" in capsys.readouterr().out
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "04_plan.ipynb").write_text("{}", encoding="utf-8")
    assert main(["workshop", "--out", str(tmp_path / "theirs")]) == 1
    assert "netlib did not write" in capsys.readouterr().err


def test_notebooks_command_copies_the_report_notebooks_and_the_workshop(tmp_path, capsys):
    from netlib._workshop_kit import notebooks_dir

    assert main(["notebooks", "--out", str(tmp_path)]) == 0
    assert "wrote 6 notebooks" in capsys.readouterr().out
    for p in [*notebooks_dir().glob("0*.ipynb"), *notebooks_dir().glob("workshop/0*.ipynb")]:
        assert (tmp_path / p.relative_to(notebooks_dir())).read_bytes() == p.read_bytes()  # the report's copies as they are
    assert main(["notebooks", "--out", str(tmp_path)]) == 0 and "kept 6 notebooks" in capsys.readouterr().out


def test_notebooks_command_finds_a_wheels_notebooks(tmp_path, monkeypatch, capsys):
    # installed from a wheel, the notebooks are netlib/_shipped/notebooks (setup.py), which netlib.report finds
    import shutil

    import netlib.report
    from netlib._workshop_kit import notebooks_dir

    shipped = tmp_path / "site-packages" / "netlib" / "_shipped" / "notebooks"
    shutil.copytree(notebooks_dir(), shipped, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    monkeypatch.setattr(netlib.report, "NOTEBOOKS_DIR", shipped)
    assert main(["notebooks", "--out", str(tmp_path / "mine")]) == 0
    assert (tmp_path / "mine" / "06_plan.ipynb").exists() and (tmp_path / "mine" / "workshop" / "04_plan.ipynb").exists()


def test_doctor_says_fail_with_a_fix_and_exits_1(monkeypatch, capsys):
    import netlib._doctor as doctor

    monkeypatch.setitem(doctor.REQUIRED, "netlib_no_such_package", "lab")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("OK    Python 3.") and "FAIL  missing packages: netlib_no_such_package" in out and "fix: " in out
    assert "checks failed" in out and "a kernel starts" not in out  # the rest needs the packages: not tried


def test_the_summary_says_when_the_files_were_exported_after_the_last_meeting():
    from netlib.cli import summary_text

    net = netlib.load_sample()
    last = net.meetings["start"].max()
    later = net.replace(sources=net.sources.assign(exported=last + pd.Timedelta(days=40)))
    assert f"exported {last + pd.Timedelta(days=40):%Y-%m-%d}: every figure is measured then" in summary_text(later)
    assert "exported" not in summary_text(net).split("Files read:")[0]
