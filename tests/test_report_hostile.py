"""A report made from hostile names: no value from the files runs in a browser or in a spreadsheet.

The sample's most visible contacts (the most met, and the first of the next steps) are renamed to
the payloads an outsider can put in a LinkedIn name, an e-mail display name or a calendar
attendee; their companies start formulas after a bare carriage return; a channel is markup.  The
report is made as a user makes it (``netlib report FOLDER``), every page is opened in Chromium,
and every CSV netlib wrote or carried in a page is read as a spreadsheet that ends rows at CR would.
"""

import base64
import re
from pathlib import Path

import pandas as pd
import pytest

import netlib
from netlib.cli import main
from tests.test_report import browser, visible_text  # noqa: F401 (the module's Chromium, shared)

#: Names that break out of an attribute, open an element, close a script, or make a Markdown link.
PAYLOADS = [
    'Eve" onload="window.__xss=1//',
    "<img src=x onerror=\"window.__xss=2\">",
    "</script><script>window.__xss=3</script>",
    "[click me](javascript:window.__xss=4)",
    "Mallory' onmouseover='window.__xss=5",
    "<svg onload=window.__xss=6>",
]
COMPANY = "Acme\r=1+1"
CHANNEL = "<b onmouseover=window.__xss=7>coffee</b>"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    src = netlib.datasets.sample_path()
    contacts = pd.read_csv(src / "contacts.csv", dtype=str, keep_default_na=False)
    meetings = pd.read_csv(src / "meetings.csv", dtype=str, keep_default_na=False)
    net = netlib.load_sample()
    steps = netlib.next_steps(net)
    seen = list(dict.fromkeys([*steps.index[:3], *net.attendance["contact_id"].value_counts().index[:3]]))[: len(PAYLOADS)]
    rows = contacts["contact_id"].isin(seen)
    contacts.loc[rows, "name"] = contacts.loc[rows, "contact_id"].map(dict(zip(seen, PAYLOADS, strict=False)))
    contacts.loc[rows, "company"] = COMPANY
    meetings.loc[meetings["channel"] == "coffee", "channel"] = CHANNEL
    data = root / "data"
    data.mkdir()
    contacts.to_csv(data / "contacts.csv", index=False, lineterminator="\r\n")  # as a spreadsheet saves it: the CR quoted
    meetings.to_csv(data / "meetings.csv", index=False, lineterminator="\r\n")
    out = root / "report"
    assert main(["report", str(data), "--me", "Alex Morgan", "--segment", "partner", "--out", str(out)]) == 0
    return out, [contacts.loc[contacts["contact_id"] == c, "name"].iloc[0] for c in seen]


def _formula_lines(text: str) -> list[str]:
    """Every row a spreadsheet that ends rows at any CR or LF would start with a formula."""
    return [line for line in re.split(r"[\r\n]", text) if re.match(r'"?[=+\-@]', line)]


def test_hostile_names_reach_the_pages_as_text(hostile_report):
    out, names = hostile_report
    shown = "\n".join(visible_text(p) for p in out.glob("*.html"))
    assert sum(name in shown for name in names) >= 3, "the payloads must reach the pages for the test to mean anything"


def test_no_handler_runs_and_no_element_appears_in_chromium(hostile_report, browser):  # noqa: F811
    out, _ = hostile_report
    for page_path in sorted(out.glob("*.html")):
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(page_path.as_uri(), wait_until="load")
        for img in page.query_selector_all("img")[:20]:  # hover: an injected onmouseover would run now
            img.hover()
        assert page.evaluate("window.__xss") is None, f"{page_path.name}: a payload ran"
        injected = page.evaluate("""() => {
            const bad = [];
            for (const e of document.querySelectorAll('*')) {
                for (const a of e.attributes) {
                    if (a.name.startsWith('on') && a.value.includes('__xss')) bad.push(e.tagName + ' ' + a.name);
                    if (['href', 'src', 'action'].includes(a.name) && /^\\s*javascript:/i.test(a.value)) bad.push(e.tagName + ' ' + a.name);
                }
                if (e.tagName === 'SCRIPT' && e.textContent.includes('__xss')) bad.push('SCRIPT');
            }
            return bad;
        }""")
        assert injected == [], f"{page_path.name}: injected {injected}"
        assert dialogs == [], f"{page_path.name}: a dialog opened"
        page.close()


def test_no_csv_starts_a_formula_on_any_line(hostile_report):
    out, _ = hostile_report
    written = (out / "next_steps.csv").read_bytes().decode("utf-8")
    assert "Acme\r'=1+1" in written, "the hostile company must be in the list for the test to mean anything"
    assert _formula_lines(written) == []
    carried = []  # the CSV downloads inside the pages
    for page in out.glob("*.html"):
        carried += [base64.b64decode(d).decode("utf-8")
                    for d in re.findall(r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page.read_text())]
    assert carried, "the pages carry CSV downloads"
    for text in carried:
        assert _formula_lines(text) == []


def test_write_csv_neutralises_formulas_after_a_line_break(tmp_path):
    net = netlib.from_frames(
        pd.DataFrame({"contact_id": ["c1", "c2"], "name": ["Ann\n@SUM(1)", "Bo"], "company": [COMPANY, "=cmd|' /C calc'!A0"]}),
        pd.DataFrame({"meeting_id": ["m1"], "start": ["2024-03-01T10:00Z"], "end": ["2024-03-01T11:00Z"],
                      "channel": ["coffee\r+1"], "attendees": ["c1;c2"]}),
    )
    for path in netlib.write_csv(net, tmp_path / "out"):
        assert _formula_lines(path.read_bytes().decode("utf-8")) == [], path.name
    back = pd.read_csv(tmp_path / "out" / "contacts.csv", dtype=str)
    assert back.set_index("contact_id").loc["c1", "company"] == "Acme\r'=1+1"  # the text kept, made harmless


def test_the_charts_draw_the_names_inline_and_nothing_in_them_runs(hostile_report):
    # a chart is SVG written into the page (#31): a name is drawn as outlines and kept in an escaped comment
    out, names = hostile_report
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("0*.html")}
    charts = sum(t.count('class="netlib-chart"') for t in pages.values())
    assert charts >= 10 and sum(len(re.findall(r'class="netlib-chart"[^>]*>\s*<svg ', t)) for t in pages.values()) == charts
    drawn = "".join(re.findall(r"<!-- (.*?) -->", "".join(pages.values())))
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=3&lt;/script&gt;" in drawn and "&lt;b onmouseover=window.__xss=7&gt;" in drawn, \
        "payloads must be drawn in the charts for the test to mean anything"
    assert not re.search(r"<(?:script|foreignObject|iframe)\b|\son\w+=", re.sub(r"<!--.*?-->", "", "".join(
        re.findall(r"<svg\b.*?</svg>", "".join(pages.values()), flags=re.DOTALL)), flags=re.DOTALL), flags=re.IGNORECASE)


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__xss=8</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=9"><g/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><img src=x onerror="window.__xss=10"></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:window.__xss=11"><path d="M 0 0"/></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/track.png"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><path style="fill: url(https://example.org/x)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><!-- a comment --><svg/><script>window.__xss=12</script>',  # not one whole element
])
def test_an_svg_that_could_run_or_load_goes_into_an_image(svg):
    from netlib.report.pages import _svg_element

    shown = _svg_element(svg)
    assert shown.startswith('<img src="data:image/svg+xml;base64,') and shown.endswith('">')
    assert base64.b64decode(shown.split(",", 1)[1][:-2]).decode("utf-8") == svg  # whole, in an image where nothing runs


def test_a_matplotlib_chart_goes_into_the_page_inline():
    import io

    import matplotlib.pyplot as plt

    from netlib.report.pages import _svg_element

    fig, ax = plt.subplots()
    ax.set_title(PAYLOADS[5])
    ax.imshow([[0, 1], [1, 0]])  # an embedded PNG: the one link a chart holds but its own ids
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    shown = _svg_element(buffer.getvalue())
    assert shown.startswith("<svg ") and shown.endswith("</svg>") and "<metadata>" not in shown and "<?xml" not in shown
