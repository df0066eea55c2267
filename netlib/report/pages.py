"""The report's pages: their names and titles, and one executed notebook made into one offline HTML page."""

from __future__ import annotations

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
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = f"netlib: {page.title}"
    exporter = HTMLExporter(template_name="netlib_offline", extra_template_basedirs=[str(TEMPLATES_DIR)], exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"interactive", "parameters"}), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={"netlib_pages": [{"href": p.href, "title": p.title} for p in pages]})
    return body
