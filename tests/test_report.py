"""`netlib report`: parameters reach the notebooks, failures are clear, pages work offline in a real browser."""

import json
import os
import re
import shutil
from html import unescape
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import netlib
from netlib.cli import main
from netlib.report import ReportError, build_report

PARAMS = {"half_life_days": 60, "segment": "client", "anonymize": True}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    lines = []
    index = build_report(out=root / "reports", build=root / "build", progress=lines.append, **PARAMS)
    return index, root, lines


CONSULTANT = Path(__file__).parent / "data" / "consultant"


@pytest.fixture(scope="module")
def consultant_report(tmp_path_factory):
    """The report on a realistic export (tests/consultant.py), as the README tells a user to make it."""
    out = tmp_path_factory.mktemp("consultant") / "report"
    assert main(["report", str(CONSULTANT), "--me", "ada@example.org", "--tz", "America/New_York", "--out", str(out)]) == 0
    return out / "index.html"


def visible_text(page: Path) -> str:
    """What a reader sees of a page: no script, no style, no attribute."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.hidden -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.hidden and data.strip():
                self.parts.append(data.strip())

    t = Text()
    t.feed(page.read_text(encoding="utf-8"))
    return "\n".join(t.parts)


#: What no page may show: a Python repr, a missing value as Python prints it, scientific notation,
#: a UTC offset where a local time belongs, a column name in snake_case with a unit word ("None of the plans..." is English).
NOT_FOR_READERS = re.compile(r"\bNaN\b|<NA>|\bNone\b(?! of )|\bNaT\b|\bnan\b|\d\.\d+e[+-]\d+|\w+\(\w+=|Timestamp\(|\+00:00"
                             r"|\b(?:rows_read|people_per_hour|new_people|segment_share|first_meeting|hours_per_new_person)\b")


@pytest.mark.parametrize("which", ["sample", "consultant"])
def test_every_page_reads_like_a_report(report, consultant_report, which):
    index = report[0] if which == "sample" else consultant_report
    given = str(netlib.datasets.sample_path().resolve()) if which == "sample" else str(CONSULTANT.resolve())
    for page in sorted(index.parent.glob("*.html")):
        text = visible_text(page)
        assert given not in text, f"{page.name} shows the path of the folder given"
        bad = sorted({m.group(0) for m in NOT_FOR_READERS.finditer(text)})
        assert not bad, f"{page.name} shows {bad}"
        html = page.read_text(encoding="utf-8")  # no library warning (a FutureWarning, a missing glyph) reaches a page
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, f"{page.name} shows a warning"


def test_the_realistic_report_says_what_to_do_next(consultant_report):
    folder = consultant_report.parent
    import icalendar

    csv = pd.read_csv(folder / "next_steps.csv")
    events = list(icalendar.Calendar.from_ical((folder / "next_steps.ics").read_text()).walk("VEVENT"))
    assert len(events) == len(csv) > 0 and not any("ATTENDEE" in e for e in events)
    truth = json.loads((Path(__file__).parent / "data" / "consultant_truth.json").read_text())
    overdue = [name for name, status in truth["status"].items() if status == "cooling"]  # planted: Dan Monthly
    assert overdue and csv["name"].iloc[: len(overdue)].tolist() == overdue  # overdue first
    assert csv.loc[0, "reason"].startswith("met every month until")
    front = visible_text(consultant_report)
    assert "What to do next" in front and csv["name"].iloc[0] in front
    reach = visible_text(folder / "02_reach.html")
    assert "No target segment named" in reach  # no segment given: the tags the data has, not "prospect"
    assert "close contacts (strength 0.5 or more), and nobody beyond them" in reach or "could refer you to" in reach
    decay = visible_text(folder / "04_decay.html")  # two cuts, each with too few ties not met again: said, not scored
    assert "How well this worked on your past" in decay and "Not scored:" in decay


def test_the_decay_page_says_how_well_its_forecast_worked_on_your_past(report):
    index, _, _ = report
    decay = visible_text(index.parent / "04_decay.html")
    assert "How well this worked on your past" in decay and "ranked the ties you met again" in decay and "AUC" in decay
    html = (index.parent / "04_decay.html").read_text(encoding="utf-8")
    alt = [unescape(a) for a in re.findall(r'aria-label="(Chart: How well it worked[^"]*)"', html)]
    assert alt and "Categories: netlib forecast, netlib strength, recency, frequency, every 30 days, every 90 days." in alt[0]


def _chromium() -> str | None:
    for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if p and Path(p).exists():
            return p
    return None


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser test: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium found: install Debian's chromium package to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield b
        b.close()


def test_pages_and_progress(report):
    index, root, lines = report
    names = sorted(p.name for p in index.parent.iterdir() if not p.name.startswith("."))  # not the manifest
    assert names == ["01_load_and_check.html", "02_reach.html", "03_effort.html", "04_decay.html", "05_next_steps.html",
                     "06_plan.html", "index.html", "next_steps.csv", "next_steps.ics"]
    assert lines[0].startswith("loading your files once") and lines[-1].startswith("report: ")
    assert lines[1] == "started: What if (06_plan.ipynb)"  # the heaviest pages start first (netlib.report.run._HEAVY)
    wrote = [ln.split(": wrote ")[1].split()[0] for ln in lines if ": wrote " in ln]
    assert sorted(wrote) == [n for n in names if n.startswith("0")]  # each page once, as soon as its notebook ends (#30)
    assert not list(Path(netlib.report.NOTEBOOKS_DIR).glob("*-executed*"))  # nothing written into notebooks/
    assert sorted(p.name for p in (root / "build").glob("*.ipynb")) == [n.replace(".html", ".ipynb") for n in names[:6]]


def test_the_public_names_stay_where_they_were():
    # netlib/report.py became the package netlib/report/ (#29); the headline figures are netlib.headline
    import netlib.headline
    import netlib.report as r

    assert set(r.__all__) == {"build_report", "run_notebook", "headline", "ReportError", "NOTEBOOKS_DIR", "kernel_encryption_available"}
    assert all(hasattr(r, name) for name in r.__all__) and r.headline is netlib.headline.headline
    templates = Path(netlib.__file__).parent / "templates"
    assert templates == r.TEMPLATES_DIR and (templates / "netlib_front" / "index.html.j2").exists()
    assert (r.NOTEBOOKS_DIR / "01_load_and_check.ipynb").exists()


def test_parameters_reach_the_notebooks(report):
    index, root, _ = report
    nb = nbformat.read(root / "build" / "04_decay.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "half_life_days = 60" in injected.source and 'segment = "client"' in injected.source
    assert "anonymize = True" in injected.source and "interactive = False" in injected.source
    assert "half-life 60 days" in index.read_text()
    front = visible_text(index)
    assert "of your reach tagged 'client'" in front and "of your contacts are tagged 'client'" in front  # the segment's card


def test_pages_hold_no_code_no_widgets_no_remote_resources(report):
    index, _, _ = report
    for page in index.parent.glob("*.html"):
        text = page.read_text()
        assert "netlib.open_network" not in text  # no input cells
        assert "widget-view" not in text and "require.js" not in text.lower() and "mathjax" not in text.lower()
        assert "<script src=" not in text and "<link" not in text


def test_anonymized_report_leaks_no_name_or_address(report):
    index, _, _ = report
    sample = netlib.load_sample()
    secrets = set(sample.contacts["name"]) | set(sample.contacts["emails"].str.split(";").explode()) - {""}
    secrets |= {sample.me.name, *sample.me.emails}
    text = "\n".join(p.read_text() for p in index.parent.glob("*.html"))
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == []


@pytest.mark.parametrize("which", ["sample", "consultant"])
def test_every_page_works_offline_in_chromium(report, consultant_report, browser, tmp_path, which):
    index = report[0] if which == "sample" else consultant_report
    for page_path in sorted(index.parent.glob("*.html")):
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri(), wait_until="load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth])")
        charts = page.eval_on_selector_all(".netlib-chart", "els => els.map(e => [e.getAttribute('aria-label') || '', "
                                           "e.getAttribute('role'), !!e.querySelector(':scope > svg')])")
        if page_path.name not in ("index.html", "05_next_steps.html"):  # a list and links: no chart
            assert charts, f"{page_path.name}: no figures"
        assert all(label.startswith("Chart: ") and role == "img" and svg for label, role, svg in charts), \
            f"{page_path.name}: a chart without a description, or not drawn inline: {charts}"
        assert all(done and width > 0 for done, width in images), f"{page_path.name}: an image did not load"
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == [], f"{page_path.name} left the file"
        assert errors == [], f"{page_path.name}: JavaScript errors {errors}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{page_path.name} scrolls sideways"
        cut = page.eval_on_selector_all(".jp-OutputArea-output, .netlib-table", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1)"
                                        ".map(e => e.textContent.slice(0, 60))")
        assert cut == [], f"{page_path.name}: a table is cut off on the right: {cut}"
        alts = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt') || '')")
        assert all(a.startswith("Chart: ") for a in alts), f"{page_path.name}: an image without a description: {alts}"
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
        local = [h for h in hrefs if h and not h.startswith(("data:", "#", "http"))]
        assert all((index.parent / h).exists() for h in local), f"{page_path.name}: a link to nothing"
        page.screenshot(path=str(tmp_path / f"{page_path.stem}.png"), full_page=True)
        if page_path.name == "05_next_steps.html":
            downloads = page.eval_on_selector_all("a[download]", "els => els.map(e => e.getAttribute('download'))")
            assert downloads == ["next_steps.csv", "next_steps.ics"]
        if page_path.name == "index.html":
            assert {"next_steps.csv", "next_steps.ics", "05_next_steps.html"} <= set(local)
            page.click("text=Decay")
            assert page.url.endswith("04_decay.html")
        page.close()
    assert (tmp_path / "index.png").stat().st_size > 10_000


#: The size on screen, in CSS pixels, of every word drawn in the charts of a page, with the words:
#: matplotlib writes a text as glyph outlines in a group ``text_N`` (its words in a comment) whose
#: inner transform scales them by the font size / 100 (``matplotlib.textpath.FONT_SCALE``).
CHART_TEXT_PX = """() => [...document.querySelectorAll('.netlib-chart > svg g[id^="text_"]')].map(g => {
    const glyphs = g.querySelector('g[transform*="scale("]'), m = glyphs && glyphs.getScreenCTM();
    const words = [...g.childNodes].find(n => n.nodeType === Node.COMMENT_NODE);
    return [m ? 100 * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : null, words ? words.data.trim() : g.id];
})"""

#: Tables and charts a reader cannot see whole: cut by a box that hides what overflows it, or by the
#: edge of the screen.  ``scroll``: a box that scrolls sideways shows all of it (on a screen; on paper
#: nothing scrolls).  A box laid out as a table row, or inline, neither scrolls nor cuts.
CUT_OFF = """scroll => [...document.querySelectorAll('.netlib-table table, .netlib-chart > svg')].filter(t => {
    let right = t.getBoundingClientRect().right;
    for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
        const style = getComputedStyle(e), overflow = style.overflowX, box = e.getBoundingClientRect();
        if (overflow === 'visible' || ['inline', 'contents', 'table-row', 'table-row-group'].includes(style.display)) continue;
        const inside = box.left + e.clientLeft + e.clientWidth;  // (the right edge of what it shows)
        if (scroll && ['auto', 'scroll'].includes(overflow)) {  // all of it, scrolled: as far as it shows
            right = inside - parseFloat(style.paddingRight);
            continue;
        }
        if (right > inside + 1) return true;
    }
    return right > document.documentElement.clientWidth + 1;
}).map(t => t.tagName + ': ' + (t.textContent || '').slice(0, 40))"""


@pytest.mark.parametrize("which", ["sample", "consultant"])
def test_charts_are_readable_on_a_phone(report, consultant_report, browser, which):
    # #31: at 390 px the 911-px chart images shrank to 344 px and their words to about 5 px. A chart is
    # SVG at the size it was drawn, scrolled sideways inside the page where the screen is narrower
    index = report[0] if which == "sample" else consultant_report
    for page_path in sorted(index.parent.glob("0*.html")):
        for width in (390, 1366):
            page = browser.new_page(viewport={"width": width, "height": 844})
            page.goto(page_path.as_uri(), wait_until="load")
            where = f"{page_path.name} at {width} px"
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{where} scrolls sideways"
            sizes = page.evaluate(CHART_TEXT_PX)
            if page_path.name != "05_next_steps.html":
                assert len(sizes) >= 10, f"{where}: no words found in the charts"
            small = sorted({(round(px or 0, 1), words) for px, words in sizes if not px or px < 9})
            assert small == [], f"{where}: words too small to read in a chart: {small[:8]}"
            assert page.evaluate(CUT_OFF, True) == [], f"{where}: a table or chart cut off, out of reach"
            if width == 1366:  # a wide screen shows every chart whole
                assert page.eval_on_selector_all(".netlib-chart", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1)"
                                                 ".length") == 0, where
            page.close()


#: A4 less the page's margins (12 mm each side, ``templates/netlib_offline``), in CSS pixels.
A4_CONTENT = ((210 - 24) / 25.4 * 96, (297 - 24) / 25.4 * 96)


def test_every_page_prints_without_blank_pages_or_cut_charts(report, browser, tmp_path):
    # #31: printing the decay page took 8 to 10 pages with page 1 mostly blank (a whole table could not
    # be split, so it went to the next page), and a wide table was cut at the page's edge
    import math

    for page_path in sorted(report[0].parent.glob("*.html")):
        page = browser.new_page(viewport={"width": round(A4_CONTENT[0]), "height": round(A4_CONTENT[1])})
        page.emulate_media(media="print")
        page.goto(page_path.as_uri(), wait_until="load")
        name = page_path.name
        assert page.evaluate(CUT_OFF, False) == [], f"{name}: a table or chart is cut at the paper's edge"
        assert page.eval_on_selector_all("nav", "els => els.filter(e => e.offsetParent !== null).length") == 0, f"{name}: navigation printed"
        avoid = page.evaluate("""() => ({
            charts: [...document.querySelectorAll('.netlib-chart')].map(e => getComputedStyle(e).breakInside),
            rows: [...document.querySelectorAll('tr')].map(e => getComputedStyle(e).breakInside),
            heads: [...document.querySelectorAll('thead')].map(e => getComputedStyle(e).display),
            outputs: [...document.querySelectorAll('.jp-OutputArea-child')].map(e => getComputedStyle(e).breakInside),
            forced: [...document.querySelectorAll('*')].filter(e => ['page', 'always', 'left', 'right'].includes(
                getComputedStyle(e).breakBefore) || ['page', 'always', 'left', 'right'].includes(getComputedStyle(e).breakAfter)).length,
            height: document.documentElement.scrollHeight})""")
        assert set(avoid["charts"]) <= {"avoid"} and set(avoid["rows"]) <= {"avoid"}, f"{name}: a chart or row may be split"
        assert set(avoid["heads"]) <= {"table-header-group"}, f"{name}: a table's header is not repeated on each page"
        assert set(avoid["outputs"]) <= {"auto"} and avoid["forced"] == 0, f"{name}: a long table cannot flow on"
        pdf = page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        (tmp_path / f"{page_path.stem}.pdf").write_bytes(pdf)
        needed = math.ceil(avoid["height"] / A4_CONTENT[1])  # the pages its content fills, one after the other
        assert needed <= pages <= needed + 1, f"{name}: {pages} printed pages for {avoid['height'] / A4_CONTENT[1]:.1f} pages of content"
        page.close()


@pytest.fixture
def broken_notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    params = nbformat.v4.new_code_cell("sources = None\ninteractive = False")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, folder / "01_broken.ipynb")
    return folder


def test_failing_notebook_gives_a_clear_error(broken_notebooks, tmp_path):
    with pytest.raises(ReportError) as err:
        build_report(out=tmp_path / "out", notebooks_dir=broken_notebooks, progress=None)
    msg = str(err.value)
    assert "01_broken.ipynb failed in cell" in msg and "ZeroDivisionError" in msg and "division by zero" in msg
    assert str(tmp_path) in msg  # points to the executed copy with the traceback


def test_cli_exits_non_zero_on_failure(broken_notebooks, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(netlib.report, "NOTEBOOKS_DIR", broken_notebooks)
    assert main(["report", "--out", str(tmp_path / "out")]) == 1
    assert "report failed: 01_broken.ipynb failed" in capsys.readouterr().err


def test_kernel_traffic_is_encrypted_where_jupyter_can(broken_notebooks, tmp_path, capfd):
    """Recent ipykernel warns on every start that local TCP traffic is unencrypted; the report asks
    for CurveZMQ where jupyter_client and pyzmq offer it, so the warning (and the plain text) are gone."""
    from netlib.report import kernel_encryption_available

    with pytest.raises(ReportError):  # the broken notebook still starts a kernel and runs two cells
        build_report(out=tmp_path / "out", notebooks_dir=broken_notebooks, progress=None)
    err = capfd.readouterr().err
    if kernel_encryption_available():
        assert "without encryption" not in err


def _notebook(path: Path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


def _stream(cell, name: str) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == name)


def test_pages_share_a_kernel_yet_each_starts_as_in_a_new_one(tmp_path, monkeypatch):
    # one kernel per worker runs its pages in turn (starting one and importing netlib costs more than
    # most pages' own work); what a page leaves behind never reaches the next
    folder = tmp_path / "notebooks"
    folder.mkdir()
    warn = "import email\nexec(\"import warnings\\nwarnings.warn('shown on every page')\", vars(email))"
    _notebook(folder / "01_first.ipynb", "import os, matplotlib.pyplot as plt\nprint(os.getpid())",
              "leaked = 1\nplt.rcParams['lines.linewidth'] = 9\nplt.figure()\nos.chdir('/')", warn)
    _notebook(folder / "02_second.ipynb", "import os, matplotlib.pyplot as plt\nprint(os.getpid())",
              "assert 'leaked' not in globals() and 'os' in globals()\n"
              "assert plt.rcParams['lines.linewidth'] != 9 and not plt.get_fignums()\nprint(os.getcwd())", warn, "1 / 0")
    monkeypatch.setattr(netlib.report, "REPORT_WORKERS", 1)
    with pytest.raises(ReportError, match=r"02_second.ipynb failed in cell 5 \(code cell 4\): ZeroDivisionError"):
        build_report(out=tmp_path / "out", build=tmp_path / "build", notebooks_dir=folder, progress=None)
    first, second = ([c for c in nbformat.read(tmp_path / "build" / f"{n}.ipynb", as_version=4).cells if c.cell_type == "code"]
                     for n in ("01_first", "02_second"))
    # the counts start at 1 on each page (papermill's cell of parameters first), as in a new kernel
    assert [c.execution_count for c in second] == [1, 2, 3, 4, 5]
    assert _stream(first[1], "stdout") == _stream(second[1], "stdout")  # the same kernel process
    assert _stream(second[2], "stdout").strip() == str(folder)  # the working directory is back
    assert all("shown on every page" in _stream(page[3], "stderr") for page in (first, second))


def _sleepy_notebook(folder: Path, marker: Path) -> Path:
    """A notebook whose second cell hangs on the first run only (the marker file remembers)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell("import pathlib, time"),
                nbformat.v4.new_code_cell(f"m = pathlib.Path({str(marker)!r})\nif not m.exists():\n    try:\n        m.touch()\n    except OSError:\n        pass\n    time.sleep(60)"),
                nbformat.v4.new_code_cell("done = True")]
    path = folder / "sleepy.ipynb"
    nbformat.write(nb, path)
    return path


def test_run_notebook_runs_once_more_after_a_cell_gives_no_answer(tmp_path):
    from netlib.report import run_notebook

    said = []
    out = run_notebook(_sleepy_notebook(tmp_path, tmp_path / "seen"), tmp_path / "out.ipynb", timeout=3, say=said.append)
    assert said == ["sleepy.ipynb: a cell gave no answer in 3 s; running the notebook once more"]
    assert nbformat.read(out, as_version=4).cells[2].get("execution_count") is not None


def test_run_notebook_gives_up_after_a_second_timeout(tmp_path):
    from nbclient.exceptions import CellTimeoutError

    from netlib.report import run_notebook

    path = _sleepy_notebook(tmp_path, tmp_path / "never" / "seen")  # the marker cannot be written: hangs every time
    with pytest.raises(CellTimeoutError):
        run_notebook(path, tmp_path / "out.ipynb", timeout=2)


def test_the_report_never_overwrites_a_users_file_and_locks_its_folder(tmp_path, capsys):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    assert main(["report", "--out", str(out)]) == 1
    assert "holds index.html, which netlib did not write" in capsys.readouterr().err
    assert (out / "index.html").read_text() == "my own page" and not (out / ".netlib-report.lock").exists()
    (out / "index.html").unlink()
    from netlib.report import _ReportFolder

    with _ReportFolder(out, ["index.html"]):  # another run is writing there
        assert main(["report", "--out", str(out)]) == 1
    assert "is busy" in capsys.readouterr().err
    (tmp_path / "afile").write_text("x")
    with pytest.raises(SystemExit):  # the command line refuses it before any work
        main(["report", "--out", str(tmp_path / "afile")])
    assert "is a file, not a folder" in capsys.readouterr().err
    with pytest.raises(ReportError, match="is a file, not a folder"):  # and so does the function
        build_report(out=tmp_path / "afile", progress=None)
    assert (tmp_path / "afile").read_text() == "x"


def test_executed_notebooks_stay_private_and_are_removed(broken_notebooks, tmp_path, monkeypatch):
    # before, they went to <parent of --out>/build/report, shared between runs and users
    import tempfile

    seen = []
    real = tempfile.TemporaryDirectory

    def spy(*a, **k):
        d = real(*a, **k)
        seen.append(Path(d.name))
        return d

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    with pytest.raises(ReportError) as err:
        build_report(out=tmp_path / "out", notebooks_dir=broken_notebooks, progress=None)
    assert seen and not seen[0].exists()  # a private folder (mkdtemp: mode 0700), removed at the end
    assert not (tmp_path / "build").exists()
    assert str(tmp_path / "out" / "01_broken.failed.ipynb") in str(err.value)


def test_a_mistyped_folder_fails_before_any_kernel_or_folder(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_contacts_only_export_renders_every_page(tmp_path):
    # the load page once failed on it ("Cannot infer number of levels from empty list")
    (tmp_path / "in").mkdir()
    shutil.copy(Path(__file__).parent / "data" / "exports" / "Connections_2025.csv", tmp_path / "in")
    index = build_report(tmp_path / "in", out=tmp_path / "out", progress=None)
    assert sorted(p.name for p in index.parent.glob("*.html")) == ["01_load_and_check.html", "02_reach.html", "03_effort.html",
                                                                    "04_decay.html", "05_next_steps.html", "06_plan.html", "index.html"]
    assert all("Traceback" not in p.read_text() for p in index.parent.glob("*.html"))


@pytest.mark.parametrize("files, extra", [
    ([CONSULTANT / "Complete_LinkedInDataExport_01-05-2026.zip"], []),
    ([CONSULTANT / "ada@example.org.ics"], []),
    ([Path(__file__).parent / "data" / "exports" / "eventbrite.csv"], ["--event", "eventbrite.csv=2024-12-05T18:00,Data Night,120"]),
], ids=["linkedin only", "calendar only", "event list only"])
def test_every_subset_of_a_users_files_renders_and_says_why_a_section_is_empty(tmp_path, files, extra, capfd):
    (tmp_path / "in").mkdir()
    for f in files:
        shutil.copy(f, tmp_path / "in")
    assert main(["report", str(tmp_path / "in"), "--me", "ada@example.org", "--out", str(tmp_path / "out"), *extra]) == 0
    err = capfd.readouterr().err
    assert "Traceback" not in err and "IPKernelApp" not in err  # nothing from the kernel (another process) on a run that worked
    pages = sorted((tmp_path / "out").glob("*.html"))
    assert len(pages) == 7 and all("Traceback" not in p.read_text() for p in pages)
    for page in pages:
        bad = sorted({m.group(0) for m in NOT_FOR_READERS.finditer(visible_text(page))})
        assert not bad, f"{page.name} shows {bad}"


def test_a_folder_with_no_recognised_file_fails_before_any_kernel(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("call Ann\n")
    assert main(["report", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    assert "is a format netlib recognises" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _dead_pid() -> int:
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_a_lock_or_build_folder_left_by_a_killed_run_is_taken_over(tmp_path, monkeypatch):
    import tempfile

    from netlib.report import _remove_stale_builds, _ReportFolder

    out = tmp_path / "out"
    out.mkdir()
    (out / _ReportFolder.LOCK).write_text(str(_dead_pid()))  # kill -9: no finally ran, the file stayed (its lock did not)
    with _ReportFolder(out, ["index.html"]):
        assert (out / _ReportFolder.LOCK).read_text() == str(os.getpid())
        with pytest.raises(ReportError, match="is busy"):  # a running holder keeps it
            _ReportFolder(out, ["index.html"]).__enter__()
    assert not (out / _ReportFolder.LOCK).exists()
    # the lock dies with its process, whatever kills it: a holder killed with SIGKILL leaves nothing to take over
    import signal
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; from netlib.report import _ReportFolder\n"
                               f"f = _ReportFolder(Path({str(out)!r}), ['index.html']).__enter__(); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(ReportError, match="is busy"):
        _ReportFolder(out, ["index.html"]).__enter__()
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    with _ReportFolder(out, ["index.html"]):
        pass
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead, live, other = (tmp_path / f"netlib-report-{_dead_pid()}-x1", tmp_path / f"netlib-report-{os.getpid()}-x2",
                         tmp_path / "netlib-report-abc")
    for d in (dead, live, other):
        d.mkdir()
        (d / "01_load_and_check.ipynb").write_text("{}")
    _remove_stale_builds()
    assert not dead.exists() and live.exists() and other.exists()


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="looks for the kernel process in /proc")
def test_a_killed_report_leaves_no_lock_no_notebook_no_kernel(tmp_path):
    # SIGTERM (kill, a closed terminal) once left the lock, the executed notebooks and the kernel's
    # connection file (its signing key) behind; now it ends like Ctrl-C, and says so
    import signal
    import subprocess
    import sys
    import time

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {"TMPDIR": str(tmp)}
    p = subprocess.Popen([sys.executable, "-m", "netlib.cli", "report", "--out", str(tmp_path / "out")], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp.glob("netlib-report-*/.*.kernel.json")) and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.1)
    kernel_files = [str(f) for f in tmp.glob("netlib-report-*/.*.kernel.json")]
    assert kernel_files, "no kernel started"
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130 and "netlib: stopped" in err and "Traceback" not in err.split("netlib: stopped")[-1]
    assert not list(tmp.iterdir()), (list(tmp.rglob("*")), err)  # no build folder, no connection file
    assert not (tmp_path / "out" / ".netlib-report.lock").exists() and not (tmp_path / "out" / "index.html").exists()
    time.sleep(3)  # the kernel sees its parent gone within a second
    cmdlines = []
    for proc in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmdlines.append(proc.read_bytes().decode(errors="replace"))
        except OSError:
            continue
    assert not [c for c in cmdlines if any(k in c for k in kernel_files)]


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="looks for the kernel process in /proc")
@pytest.mark.parametrize("after", [0.0, 0.6, 1.5, 3.0])
def test_ctrl_c_at_any_moment_ends_the_report_at_once(tmp_path, after):
    # Ctrl-C while the kernels started once left the report waiting forever on a kernel-start thread,
    # holding its lock; at each moment (kernels starting, files loading, pages running) it now ends
    # within a second or two: exit 130, no kernel, no private folder, no lock
    import signal
    import subprocess
    import sys
    import time

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {"TMPDIR": str(tmp)}
    p = subprocess.Popen([sys.executable, "-m", "netlib.cli", "report", "--out", str(tmp_path / "out")], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal
    deadline = time.monotonic() + 120
    while not list(tmp.glob("netlib-report-*")) and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    time.sleep(after)
    p.send_signal(signal.SIGINT)
    t0 = time.monotonic()
    try:
        _, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        pytest.fail("the report did not end after Ctrl-C")
    took = time.monotonic() - t0
    assert p.returncode == 130 and "netlib: stopped" in err, err
    assert took < 4, f"Ctrl-C took {took:.1f} s"  # about 1 s; a hang is what this catches
    time.sleep(1.5)  # a kernel would see its parent gone within a second
    assert not list(tmp.iterdir()), list(tmp.rglob("*"))
    assert not (tmp_path / "out" / ".netlib-report.lock").exists() and not (tmp_path / "out" / "index.html").exists()
    assert not [c for c in _cmdlines() if str(tmp) in c], "a kernel is left running"


def _cmdlines() -> list[str]:
    out = []
    for proc in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            out.append(proc.read_bytes().decode(errors="replace"))
        except OSError:
            continue
    return out


def test_the_files_are_loaded_once_for_every_page(tmp_path):
    # the notebooks open the network the report loaded: with the files gone once it has, every page still renders
    src = tmp_path / "in"
    shutil.copytree(CONSULTANT, src)

    def say(line):
        if line.startswith("[1/"):
            shutil.rmtree(src, ignore_errors=True)

    index = build_report(src, me="ada@example.org", out=tmp_path / "out", progress=say)
    assert not src.exists() and len(list(index.parent.glob("0*.html"))) == 6
    assert "Ada Example" in visible_text(index)


@pytest.mark.parametrize("shape", ["uniform", "everyone"])
def test_a_heavy_users_report_renders_every_page(tmp_path, shape):
    # the data shapes the report benchmark measures (benchmarks/bench_core.py), at a size CI can afford:
    # uniform, many times the sample, where a section that grows faster than the data would show; and
    # (#30) attendance from a Zipf law with one contact at every meeting, where a section that grows with
    # the busiest contact's meetings (a grid x meetings matrix, a contacts x contacts table) would
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from bench_core import SHAPES
    finally:
        sys.path.pop(0)
    (tmp_path / "in").mkdir()
    SHAPES[shape](tmp_path / "in", *((8_000, 60_000) if shape == "uniform" else (4_000, 30_000)))
    index = build_report(tmp_path / "in", out=tmp_path / "out", progress=None)
    pages = sorted(index.parent.glob("*.html"))
    assert [p.name for p in pages] == ["01_load_and_check.html", "02_reach.html", "03_effort.html", "04_decay.html",
                                       "05_next_steps.html", "06_plan.html", "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Traceback" not in html and "Error" not in visible_text(page), page.name
        bad = sorted({m.group(0) for m in NOT_FOR_READERS.finditer(visible_text(page))})
        assert not bad, f"{page.name} shows {bad}"
    assert (index.parent / "02_reach.html").read_text(encoding="utf-8").count('class="netlib-chart"') >= 3  # the ego network's too


def test_files_that_fail_to_load_stop_the_kernels_started_meanwhile(tmp_path, monkeypatch):
    # the kernels start while the files load; a DataError stops them and leaves no folder
    import tempfile

    from netlib import DataError

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("nothing netlib reads\n")
    import jupyter_client.launcher

    seen, real = [], tempfile.TemporaryDirectory
    monkeypatch.setattr(tempfile, "TemporaryDirectory", lambda *a, **k: seen.append(real(*a, **k)) or seen[-1])
    kernels, popen = [], jupyter_client.launcher.Popen
    monkeypatch.setattr(jupyter_client.launcher, "Popen", lambda *a, **k: kernels.append(popen(*a, **k)) or kernels[-1])
    with pytest.raises(DataError, match="recognises"):
        build_report(tmp_path / "in", out=tmp_path / "out", progress=None)
    assert seen and not Path(seen[0].name).exists() and not (tmp_path / "out").exists()
    assert kernels  # one started at least (stopping waits for those starting)
    assert all(p.poll() is not None for p in kernels)


def test_the_front_page_counts_warm_ties_as_the_decay_page_and_the_plans_do(report):
    # #27: the front page said 35 warm ties, the decay page 44 and the plan's curve started at 110
    index, _, _ = report
    lines = visible_text(index).splitlines()
    shown = int(lines[lines.index("warm ties") - 1].replace(",", ""))
    sample = netlib.load_sample()
    assert shown == netlib.warm_ties(sample, None, PARAMS["half_life_days"])
    plan = netlib.compare_plans(sample, {"a": {"hours_per_month": 5, "mix": {"one_to_one": 1.0}}}, months=2, runs=40,
                                half_life_days=PARAMS["half_life_days"])
    month0 = plan[(plan["metric"] == "warm ties") & (plan["month"] == 0)]
    assert month0["median"].tolist() == [shown]



def test_every_page_says_when_data_that_ends_long_ago_ends(report):
    """The sample ends months before today: each notebook's page says so, the what-if page too, whose
    'month 0 is today' would otherwise read as this month."""
    index, _, _ = report
    stale = netlib.present.data_moment(netlib.load_sample()) is not None
    for page in sorted(index.parent.glob("0*.html")):
        assert ("Your data ends on" in visible_text(page)) == stale, page.name
