"""Copies of the notebooks for people to work in: the workshop for a participant
(``netlib workshop``, ``make workshop``) and every notebook for someone who installed netlib with
pip (``netlib notebooks``).

Participants never work in the repository's notebooks (nor in the copies a wheel carries inside
``site-packages``): each gets a folder of their own, written through :class:`netlib._files.OutputFolder`
(a manifest of what netlib wrote, never over a file it did not write, never through a link).  A
notebook already there is kept as it is, edited or not, so running the command again never loses a
participant's work; it only adds what is missing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from netlib._files import OutputError, OutputFolder
from netlib._words import plural

__all__ = ["Copied", "copy_workshop", "copy_notebooks", "notebooks_dir", "workshop_dir", "WORKSHOP_DATA"]

#: The folder, beside the workshop notebooks, that ``netlib workshop --seed N`` writes a participant's own network into.
WORKSHOP_DATA = "mydata"

#: The notebooks copied from a folder: those whose names start with their number (``01_reach.ipynb``),
#: never a scratch notebook (``Untitled.ipynb``) nor a checkpoint.
NOTEBOOKS = "[0-9]*.ipynb"


def notebooks_dir() -> Path:
    """The report notebooks: the repository's ``notebooks/``, or the copies a wheel carries
    (:data:`netlib.report.NOTEBOOKS_DIR`).

    Examples
    --------
    >>> (notebooks_dir() / "01_load_and_check.ipynb").exists()
    True
    """
    from netlib.report import NOTEBOOKS_DIR

    return Path(NOTEBOOKS_DIR)


def workshop_dir() -> Path:
    """The workshop notebooks (``notebooks/workshop``, or the wheel's copies).

    Examples
    --------
    >>> sorted(p.name for p in workshop_dir().glob("*.ipynb"))[0]
    '01_reach.ipynb'
    """
    return notebooks_dir() / "workshop"


@dataclass
class Copied:
    """What a copy wrote (``written``), what it found there already and kept as it was (``kept``),
    and the data it wrote (``data``: the folder, or None)."""

    out: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    data: Path | None = None

    def lines(self) -> list[str]:
        """What happened, one line per folder, for the command line."""
        said = []
        if self.written:
            said.append(f"wrote {plural(len(self.written), 'notebook')} to {self.out.resolve()}")
        if self.kept:
            as_is = "it is" if len(self.kept) == 1 else "they are"
            said.append(f"kept {plural(len(self.kept), 'notebook')} already in {self.out.resolve()} as {as_is} (netlib never "
                        "overwrites a notebook you may have worked in): " + ", ".join(p.name for p in self.kept))
        if self.data is not None:
            said.append(f"wrote your own synthetic network to {self.data.resolve()}; the notebooks read it (sources = "
                        f"{WORKSHOP_DATA!r} in their first cell)")
        return said


def _with_sources(text: str, sources: str | None) -> str:
    """A notebook's text with its parameters cell's ``sources = None`` set to ``sources`` (the
    comment after it kept); the text unchanged for None."""
    if sources is None:
        return text
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None or not re.search(r"^sources = None\b", cell.source, flags=re.M):
        raise ValueError("a workshop notebook's first cell has no `sources = None` line to point at the data")
    cell.source = re.sub(r"^sources = None\b", f"sources = {json.dumps(sources)}", cell.source, count=1, flags=re.M)
    return nbformat.writes(nb) + "\n"


def _copy(src: Path, out: Path, copied: Copied, sources: str | None = None) -> None:
    """Every ``*.ipynb`` of ``src`` into ``out``: those not there yet written, those there kept."""
    names = sorted(p.name for p in src.glob(NOTEBOOKS))
    if not names:
        raise FileNotFoundError(f"no notebooks in {src}: reinstall netlib (pip install --force-reinstall netlib)")
    folder = OutputFolder(out, names, what="the notebooks").check()  # never over a file netlib did not write, nor a link
    new = {n: _with_sources((src / n).read_text(encoding="utf-8"), sources) for n in names if not os.path.lexists(out / n)}
    copied.kept += [out / n for n in names if n not in new]
    if new:
        copied.written += folder.write_all(new)


def copy_workshop(out: str | os.PathLike, *, seed: int | None = None, persona: str | None = None,
                  years: float | None = None) -> Copied:
    """Copy the workshop notebooks into the folder ``out`` for a participant to work in, and with
    ``seed`` or ``persona`` write a synthetic network of their own beside them (``out/mydata``),
    which the copies read.

    A notebook already in ``out`` (written by an earlier run, and perhaps worked in since) is kept as
    it is; a file of the same name that netlib did not write stops the copy before anything is
    written (:class:`netlib.OutputError`).

    Parameters
    ----------
    out : path
        The participant's folder (created).
    seed : int, optional
        Seed of the participant's own network (:func:`netlib.generate`); with neither ``seed`` nor
        ``persona``, no data is written and the notebooks use the embedded sample.
    persona : str, optional
        Its persona (:data:`netlib.datasets.PERSONAS`; default ``consultant``).
    years : float, optional
        Its length in years (default that of the embedded sample).

    Returns
    -------
    Copied
        The notebooks written and kept, and the data folder.

    Examples
    --------
    >>> import tempfile
    >>> done = copy_workshop(tempfile.mkdtemp(), seed=7, years=1)
    >>> [p.name for p in done.written], done.data.name
    (['01_reach.ipynb', '02_effort.ipynb', '03_decay.ipynb', '04_plan.ipynb', '05_team.ipynb'], 'mydata')
    >>> copy_workshop(done.out).kept == done.written   # again: nothing overwritten
    True
    """
    out = Path(out)
    copied = Copied(out)
    with_data = seed is not None or persona is not None
    if with_data:  # both folders checked before anything is written
        OutputFolder(out / WORKSHOP_DATA, ["contacts.csv", "meetings.csv", "truth.json"]).check()
    _copy(workshop_dir(), out, copied, WORKSHOP_DATA if with_data else None)
    if with_data:
        from netlib.datasets import SAMPLE_ARGS, write_sample

        args = {"seed": seed if seed is not None else SAMPLE_ARGS["seed"], "persona": persona or SAMPLE_ARGS["persona"],
                **({"years": years} if years is not None else {})}
        write_sample(out / WORKSHOP_DATA, **args)
        copied.data = out / WORKSHOP_DATA
    return copied


def copy_notebooks(out: str | os.PathLike) -> list[Copied]:
    """Copy the report notebooks into ``out``, the workshop into ``out/workshop`` and the team notebook
    into ``out/team``: the notebooks a pip install carries inside the package, where nobody should edit them.

    Notebooks already there are kept as they are (see :func:`copy_workshop`).  The copies use the
    embedded sample until their first cell's ``sources`` names your files.

    Parameters
    ----------
    out : path
        The folder to copy into (created).

    Returns
    -------
    list of Copied
        The report notebooks' copy, then the workshop's, then the team notebook's.

    Examples
    --------
    >>> import tempfile
    >>> report, work, team = copy_notebooks(tempfile.mkdtemp())
    >>> len(report.written), len(work.written), len(team.written)
    (6, 5, 1)
    """
    out = Path(out)
    for sub in ("workshop", "team"):
        if os.path.lexists(out / sub) and (out / sub).is_symlink():
            raise OutputError(f"{out / sub} is a link: netlib never writes through a link. Pass another folder, or remove the link")
    report, work, team = Copied(out), Copied(out / "workshop"), Copied(out / "team")
    for sub in ("workshop", "team"):  # before anything is written
        OutputFolder(out / sub, sorted(p.name for p in (notebooks_dir() / sub).glob(NOTEBOOKS))).check()
    _copy(notebooks_dir(), out, report)
    _copy(workshop_dir(), out / "workshop", work)
    _copy(notebooks_dir() / "team", out / "team", team)
    return [report, work, team]
