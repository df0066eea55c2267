"""The facilitator's guide (docs/workshop.md) followed word for word: its commands run as written on a
fresh copy of the project, its timings add up to the session, and its words match the charts and
the code they describe (read from the code, never copied into the test)."""

import colorsys
import contextlib
import inspect
import os
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import netlib
from netlib import plots, workshop

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "workshop.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKSHOP = sorted((ROOT / "notebooks" / "workshop").glob("0*.ipynb"))

#: The guide's commands run in a copy of the project that shares this project's .venv (a symlink):
#: make is told its install stamps are up to date (-o), so that no test ever installs into it.
MAKE = "make -o .venv/.installed -o .venv/.installed-lab"


def code_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(language, command lines) of every fenced block, comments and blank lines left out."""
    blocks = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M):
        lines = [re.sub(r"\s+#\s.*$", "", line).strip() for line in body.splitlines()]
        blocks.append((lang, [line for line in lines if line and not line.startswith("#")]))
    return blocks


def bash_commands() -> list[str]:
    return [c for lang, lines in code_blocks(GUIDE) if lang == "bash" for c in lines]


def inline_commands(prefix: str) -> list[str]:
    """Inline code (single backticks) that starts with ``prefix``, outside the fenced blocks."""
    prose = re.sub(r"^```.*?^```", "", GUIDE, flags=re.S | re.M)
    return [c.strip() for c in re.findall(r"`([^`\n]+)`", prose) if c.startswith(prefix)]


def test_every_shell_command_runs_without_an_activated_environment():
    commands = bash_commands()
    assert commands and any(c.startswith("make check") for c in commands) and any(c.startswith("make workshop") for c in commands)
    for c in commands:
        assert c.startswith(("make ", ".venv/bin/")), f"{c!r} needs an activated environment: use a make target or .venv/bin/"
    assert "make test" not in GUIDE  # the laptops are checked in seconds (make check), not by the test suite
    windows = [c for lang, lines in code_blocks(GUIDE) if lang == "bat" for c in lines]
    assert windows and all(c.startswith((".venv\\Scripts\\", "python -m venv .venv")) for c in windows), windows


def test_every_netlib_command_the_guide_names_parses():
    from netlib.cli import _parser

    named = [c for lang, lines in code_blocks(GUIDE) for c in lines] + inline_commands(".venv") + inline_commands("netlib ")
    named += re.findall(r"Windows: (\.venv\\Scripts\\netlib [^`\n]+)", GUIDE)
    calls = [re.sub(r"^(\.venv[/\\](bin|Scripts)[/\\])?netlib ", "", c) for c in named if re.match(r"^(\.venv[/\\](bin|Scripts)[/\\])?netlib ", c)]
    assert any(c.startswith("doctor") for c in calls) and any(c.startswith("workshop") for c in calls)
    for call in calls:
        _parser().parse_args(shlex.split(call.replace("\\", "/")))  # exits 2 on a wrong command or option


def _fresh_copy(tmp: Path) -> Path:
    """The files git tracks, as they are in the working tree, in a new folder; .venv shared."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: no list of the project's files to copy")
    repo = tmp / "netlib-copy"
    for name in out.stdout.decode("utf-8").split("\0"):
        src = ROOT / name
        if name and src.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    return repo


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONPATH", "NETLIB_SAMPLE", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    for name in ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR"):  # nothing of this machine's user
        env[name] = str(tmp / name.lower())
    env["BROWSER"] = "true"  # JupyterLab opens no browser window
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a CI container runs as root, which Jupyter refuses unless told; a laptop does not
        config = tmp / "jupyter_config_dir"
        config.mkdir(exist_ok=True)
        (config / "jupyter_server_config.json").write_text('{"ServerApp": {"allow_root": true}}', encoding="utf-8")
    return env


def _serve_lab(command: str, repo: Path, env: dict) -> str:
    """Start the JupyterLab command, fetch its page once it says where it listens, stop it; its page's first bytes."""
    proc = subprocess.Popen(command, shell=True, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 90
        url = None
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.25)
            found = re.search(r"(http://(?:127\.0\.0\.1|localhost):\d+/lab\?token=\w+)", "".join(lines))
            url = found.group(1) if found else None
        assert url, f"{command}: JupyterLab did not start:\n" + "".join(lines)[-3000:]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # this machine's own server, never a proxy
        with opener.open(url, timeout=30) as page:
            assert page.status == 200
            return page.read(2000).decode("utf-8", "replace")
    finally:
        with contextlib.suppress(ProcessLookupError):  # the make started here and its JupyterLab, nothing else
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "netlib").exists(), reason="no project .venv to share (make would create one)")
def test_the_guides_commands_run_as_written_on_a_fresh_copy(tmp_path):
    repo, env = _fresh_copy(tmp_path), _env(tmp_path)
    ran = {}
    for command in bash_commands():
        shell = command.replace("make ", MAKE + " ", 1) if command.startswith("make ") else command
        if command.startswith("make lab"):
            assert "JupyterLab" in _serve_lab(shell, repo, env)
            ran[command] = ""
            continue
        r = subprocess.run(shell, shell=True, cwd=repo, env=env, capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, f"{command}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
        ran[command] = r.stdout
    check = next(out for c, out in ran.items() if c.startswith("make check"))
    assert "FAIL" not in check and re.search(r"all \d+ checks passed", check) and check.count("\nOK ") >= 6
    copy = repo / "my-workshop"
    assert sorted(p.name for p in copy.glob("*.ipynb")) == [p.name for p in WORKSHOP]
    assert netlib.load(copy / "mydata").problems.empty  # the participant's data loads clean
    founder = next(c for c in ran if c.startswith("make sample"))
    out = repo / re.search(r"OUT=(\S+)", founder).group(1)
    assert netlib.load(out).problems.empty and '"persona": "founder"' in (out / "truth.json").read_text(encoding="utf-8")
    assert (repo / "shared" / "contacts.csv").exists()
    for command in {c for c in inline_commands("make ") if c not in ran}:  # named in the prose: the targets exist
        r = subprocess.run(MAKE + " -n " + command.removeprefix("make "), shell=True, cwd=repo, env=env, capture_output=True, text=True)
        assert r.returncode == 0, f"{command}: {r.stderr}"


def _timing_rows() -> list[tuple[int, int, str, str, str]]:
    """(start, end in minutes, part, notebook, what to do) of the guide's timing table."""
    rows = []
    for h0, m0, h1, m1, part, nb, what in re.findall(r"^\|\s*(\d+):(\d\d)-(\d+):(\d\d)\s*\|\s*([^|]+?)\s*\|\s*`?([^|`]*?)`?\s*\|\s*([^|]+?)\s*\|$", GUIDE, flags=re.M):
        rows.append((int(h0) * 60 + int(m0), int(h1) * 60 + int(m1), part, nb, what))
    return rows


def test_the_timings_add_up_to_the_session():
    session = int(re.search(r"^# .*?a (\d+)-minute", GUIDE, flags=re.M).group(1))
    every = _timing_rows()
    rows = [r for r in every if "optional" not in r[2]]  # an optional part comes after the session, outside its minutes
    assert rows and rows[0][0] == 0 and rows[-1][1] == session
    for (_, end, *_), (start, *_) in zip(rows, rows[1:]):
        assert end == start, "the parts follow each other without a gap or an overlap"
    assert sum(end - start for start, end, *_ in rows) == session
    assert all(start >= session for start, _, part, *_ in every if "optional" in part), "an optional part starts after the session"
    rows = every
    by_name = {p.stem: p for p in WORKSHOP}
    assert {nb for *_, nb, _ in rows if nb} == set(by_name), "every workshop notebook has its time, and only they"
    for start, end, part, nb, what in rows:
        if not nb:
            continue
        cells = nbformat.read(by_name[nb], as_version=4).cells
        minutes = int(re.search(r"\((\d+) min\)", cells[0].source.splitlines()[0]).group(1))
        assert minutes == end - start, f"{nb}: its title says {minutes} min, the guide gives {end - start}"
        exercises = sum(1 for c in cells if c.metadata.get("exercise"))
        assert f"{exercises} exercises" in what, f"{nb} has {exercises} exercises"
    assert re.search(rf"\b{session}-minute workshop", README), "the README names the session's length"


def _hue_name(rgb) -> str:
    """The colour word a reader would use for ``rgb``."""
    h, s, v = colorsys.rgb_to_hsv(*rgb[:3])
    if s < 0.15:
        return "black" if v < 0.2 else "white" if v > 0.9 else "grey"
    hue = h * 360
    for limit, name in [(15, "red"), (45, "orange"), (70, "yellow"), (165, "green"), (255, "blue"), (290, "purple"), (345, "pink")]:
        if hue < limit:
            return name
    return "red"


COLOUR_WORDS = {"red", "orange", "yellow", "green", "blue", "purple", "pink", "grey", "gray", "black", "white", "brown"}


def _section(start: str, end: str) -> str:
    return GUIDE[GUIDE.index(start):GUIDE.index(end)]


def test_the_guide_says_what_the_decay_chart_shows(sample):
    from netlib.decay import COLD_K, COOLING_K, OVERDUE_FLOOR_DAYS

    ax = plots.plot_going_cold(netlib.status(sample))
    legend = ax.get_legend()
    entries = [(_hue_name(h.get_facecolor()), t.get_text()) for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)]
    chart_text = " ".join([t for _, t in entries] + [ax.get_xlabel()])
    assert set(re.findall(r"(\d+(?:\.\d+)?)x\b", chart_text)) == {f"{COOLING_K:g}", f"{COLD_K:g}"}  # the chart says the code's multiples
    decay = _section("**Decay (notebook 3).**", "**Plan (notebook 4).**")
    for colour, label in entries:
        word = label.split()[0]
        assert re.search(rf"\*\*{colour}\*\* bars[^*]*\*{word}\*", decay, flags=re.I), f"the guide must call the {colour} bars *{word}* ({label})"
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", decay)} & COLOUR_WORDS
    assert said <= {c for c, _ in entries}, f"the guide names colours the chart does not draw: {said}"
    assert f"{COOLING_K:g} times their usual gap" in decay and f"{COLD_K:g} times its usual gap" in decay
    assert f"at least {OVERDUE_FLOOR_DAYS:g} days" in decay


def test_the_charts_the_guide_discusses_are_the_workshops_charts():
    drawn = {name for p in WORKSHOP for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code"
             for name in re.findall(r"plots\.(plot_\w+)\(", c.source)}
    titles = {inspect.signature(getattr(plots, f)).parameters["title"].default for f in drawn}
    named = re.findall(r"^\* \*([^*]+)\*:", _section("## What to discuss", "## The questions"), flags=re.M)
    assert len(named) >= 5
    for title in named:
        assert title in titles, f"*{title}* is no chart the workshop draws (their titles: {sorted(titles)})"


def test_the_figures_the_guide_quotes_are_the_codes():
    from netlib.datasets import PERSONAS
    from netlib.model import DEFAULT_WEIGHTS

    consultant = PERSONAS["consultant"]
    shares = consultant.segment_share
    others = [v for k, v in shares.items() if k != "introduction"]
    assert f"{shares['introduction']:.0%} of\n  introduced people" in GUIDE or f"{shares['introduction']:.0%} of introduced people" in GUIDE
    assert f"{min(others) * 100:.0f}-{max(others) * 100:.0f}% elsewhere" in GUIDE
    assert f"{consultant.half_life_days:g} days for the consultant" in GUIDE
    assert f"(one-to-one {DEFAULT_WEIGHTS['one_to_one']:.1f}, one-to-many {DEFAULT_WEIGHTS['one_to_many']:.1f})" in GUIDE
    assert f"*to one decimal* is right\nwithin {workshop.Exercise('0', '', decimals=1).tolerance(0):g}" in GUIDE
    assert f"*a whole number* within {workshop.Exercise('0', '', decimals=0).tolerance(0):g}" in GUIDE


def test_the_readme_tells_a_pip_user_how_to_get_the_notebooks():
    pip = README[README.index("As a package"):README.index("Other routes")]
    assert "netlib notebooks --out" in pip and "netlib workshop --out" in pip
