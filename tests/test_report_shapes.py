"""Every report page on data of another shape (#30, done when): attendance that follows a Zipf law
(a few people in a large share of all meetings, as an organisation's assistants, a founder or a
club's host are) and one contact in every meeting, at a size CI affords (1,000 contacts, 2,000
meetings: the shape, not the size, is what is tried here).

The data is ``benchmarks/bench_core.py``'s ``everyone`` shape (the files of
``../shared/bench/gen_skewed.py`` with ``c0000000``, "Person 0", added to every attendee list),
written as netlib's canonical CSVs, with a tag on every third contact so that a segment can be
named and every chart of every page is drawn.
"""

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from netlib.report import build_report

from .test_report import NOT_FOR_READERS, visible_text

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["01_load_and_check", "02_reach", "03_effort", "04_decay", "05_next_steps", "06_plan"]
HEAVY = "Person 0"  # c0000000: at every one of the 2,000 meetings


def _shapes() -> dict:
    """``bench_core.SHAPES``: the one generator of the benchmark's shapes (loaded from its file:
    ``benchmarks/`` is no package)."""
    spec = importlib.util.spec_from_file_location("netlib_bench_core", ROOT / "benchmarks" / "bench_core.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses and pickles look the module up by name)
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module.SHAPES


@pytest.fixture(scope="module")
def skewed(tmp_path_factory):
    """The report of a skewed network with one heavy contact, a segment named."""
    root = tmp_path_factory.mktemp("shapes")
    data = root / "in"
    data.mkdir()
    size = _shapes()["everyone"](data, 1_000, 2_000)
    contacts = pd.read_csv(data / "contacts.csv", dtype=str, keep_default_na=False)
    contacts["tags"] = ["client" if k % 3 == 0 else "" for k in range(len(contacts))]  # Person 0 is a client
    contacts.to_csv(data / "contacts.csv", index=False)
    lines = []
    index = build_report(data, out=root / "out", segment="client", progress=lines.append)
    return index, lines, size


def test_the_data_has_the_shape_asked_for(skewed):
    _, _, size = skewed
    # one contact at each of the 2,000 meetings, the rest following a Zipf law: many times the uniform share
    assert size["meetings"] == 2_000 and size["attendance"] > 2 * 2_000


def test_every_page_is_written_without_an_error(skewed):
    index, lines, _ = skewed
    out = index.parent
    assert sorted(p.name for p in out.glob("*.html")) == sorted([f"{p}.html" for p in PAGES] + ["index.html"])
    assert [int(m.group(1)) for ln in lines if (m := re.match(r"\[(\d)/6\] ", ln))] == [1, 2, 3, 4, 5, 6]
    for page in sorted(out.glob("*.html")):
        html, text = page.read_text(encoding="utf-8"), visible_text(page)
        assert "Traceback" not in html and "Error" not in text, f"{page.name} shows an error"
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, f"{page.name} shows a warning"
        bad = sorted({m.group(0) for m in NOT_FOR_READERS.finditer(text)})
        assert not bad, f"{page.name} shows {bad}"
    assert (out / "next_steps.csv").stat().st_size > 0 and (out / "next_steps.ics").stat().st_size > 0


@pytest.mark.parametrize("name", PAGES)
def test_each_page_draws_every_chart_its_notebook_draws(skewed, name):
    """With a segment named, every plot_ call of a page's notebook is one chart on the page, each an
    SVG with something drawn in it (its alt text names what: a chart that only says "no data" has none)."""
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    calls = sum(len(re.findall(r"\bplot_\w+\(", c.source)) for c in nb.cells if c.cell_type == "code")
    html = (skewed[0].parent / f"{name}.html").read_text(encoding="utf-8")
    divs = re.findall(r'<div ([^>]*class="netlib-chart"[^>]*)>\s*<(svg|img)\b', html)
    charts = [re.search(r'aria-label="Chart: ([^"]*)"', attrs).group(1) for attrs, _ in divs]
    assert html.count('class="netlib-chart"') == len(charts) == calls, f"{name}: {len(charts)} charts drawn, {calls} asked for"
    empty = [c for c in charts if not re.search(r"\b(?:Series|Categories|Labels): \S", c)]
    assert empty == [], f"{name}: charts with nothing drawn: {empty}"


def _alt_texts(page: Path) -> list[str]:
    return re.findall(r'aria-label="Chart: ([^"]*)"', page.read_text(encoding="utf-8"))


def test_the_heavy_contact_is_shown_as_the_strongest_tie(skewed):
    out = skewed[0].parent
    load = visible_text(out / "01_load_and_check.html")
    assert re.search(r"\ncontacts\n1,000\n", load) and re.search(r"\nmeetings\n2,000\n", load)
    ego = next(a for a in _alt_texts(out / "02_reach.html") if a.startswith("You, your contacts"))
    assert ego.split("Labels: ")[1].startswith(f"{HEAVY};")  # the closest, named first
    over_time = next(a for a in _alt_texts(out / "04_decay.html") if a.startswith("Tie strength over time"))
    assert over_time.split("Series: ")[1].startswith(f"{HEAVY},")  # the first of the strongest ties drawn
    steps = pd.read_csv(out / "next_steps.csv", dtype=str, keep_default_na=False)
    assert set(steps["in segment"]) <= {"yes", "no"} and (steps.loc[steps["name"] == HEAVY, "in segment"] == "yes").all()


def test_the_heavy_contact_met_on_the_last_day_is_no_next_step(skewed):
    """A tie met several times a day has a rhythm of hours: the rules read it as at least 8.4 days
    (netlib.decay.status), so the contact met at every meeting, on the data's last day, does not
    'go cold in 3 days' and is not listed to get in touch with this week."""
    steps = pd.read_csv(skewed[0].parent / "next_steps.csv", dtype=str, keep_default_na=False)
    assert HEAVY not in set(steps.loc[steps["action"] == "get in touch this week", "name"])
