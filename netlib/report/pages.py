"""The report's pages: their names and titles, and one executed notebook made into one offline HTML page."""

from __future__ import annotations

import base64
import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

#: The nbconvert and Jinja templates of the pages and the front page (``netlib/templates``).
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

_TITLES = {"01_load_and_check": "Load and check", "02_reach": "Reach", "03_effort": "Effort", "04_decay": "Decay",
           "05_next_steps": "What to do next", "06_plan": "What if"}


class ReportError(RuntimeError):
    """A notebook failed while building a report: which notebook, which cell, which exception."""


@dataclass
class Page:
    name: str
    title: str
    href: str
    seconds: float


def pages_of(notebooks: list[Path]) -> list[Page]:
    """One page for each notebook, named after it (its title from :data:`_TITLES`, else its name)."""
    return [Page(p.stem, _TITLES.get(p.stem, p.stem), f"{p.stem}.html", 0.0) for p in notebooks]


def _export(executed: Path, page: Page, pages: list[Page]) -> str:
    """One executed notebook -> one offline HTML page (no input, no interactive cells)."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = f"netlib: {page.title}"
    with _EXPORTING:  # one exporter for every page (its templates loaded once): one page at a time through it
        body, _ = _exporter().from_notebook_node(nb, resources={"netlib_pages": [{"href": p.href, "title": p.title} for p in pages]})
    return body


_EXPORTING = threading.Lock()


@functools.cache
def _exporter():
    """The HTML exporter of every page, made once per process (building it loads and compiles the
    templates: 0.24 s of processor time for a report's six pages); the pages come out the same."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="netlib_offline", extra_template_basedirs=[str(TEMPLATES_DIR)], exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True, filters={"netlib_svg": _svg_element})
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"interactive", "parameters"}), enabled=True)
    return exporter


#: What a chart's SVG may not hold to be written into a page as it is: anything that runs, loads or
#: links (matplotlib writes none of it; its only links are ``#id`` references and embedded PNGs).
_SVG_UNSAFE = re.compile(r"<(?!/?(?:svg|g|defs|path|use|clipPath|rect|image|style|metadata|title|desc|text|tspan|"
                         r"linearGradient|radialGradient|stop|pattern|mask|circle|ellipse|line|polyline|polygon|symbol)[\s>/])"
                         r"|\son\w+\s*=|(?:href\s*=\s*[\"'](?!#|data:image/(?:png|jpeg);base64,))|javascript:|url\((?!#)",
                         re.IGNORECASE)


def _svg_element(svg: str) -> str:
    """A chart's SVG as it goes into a page: the ``<svg>`` element alone (no XML declaration,
    doctype or RDF metadata), written inline so that it stays sharp at any zoom and on paper and its words can be
    measured; an SVG holding anything that could run, load or link (:data:`_SVG_UNSAFE`) goes into
    an ``<img>`` instead, where nothing in it runs.

    Examples
    --------
    >>> _svg_element('<?xml version="1.0"?>\\n<svg width="10pt"><path d="M 0 0"/></svg>\\n')
    '<svg width="10pt"><path d="M 0 0"/></svg>'
    >>> _svg_element('<svg><script>alert(1)</script></svg>').startswith('<img src="data:image/svg+xml;base64,')
    True
    """
    start = svg.find("<svg")
    element = svg[start:].strip() if start >= 0 else ""
    element = re.sub(r"\s*<metadata>.*?</metadata>", "", element, count=1, flags=re.DOTALL)  # (matplotlib's RDF: a page has its own)
    comments = re.sub(r"<!--.*?-->", "", element, flags=re.DOTALL)  # (a chart's words are in comments, escaped)
    if element.endswith("</svg>") and not _SVG_UNSAFE.search(comments):
        return element
    return f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg.encode("utf-8")).decode("ascii")}">'
