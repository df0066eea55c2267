"""The team report (``netlib report TEAM_FOLDER --team``): one page for the whole team and one for
each member, from the notebook ``notebooks/team/07_team.ipynb`` run once per reader.

Who reads which page decides what it may show (:mod:`netlib.team`'s privacy rules): the team page
(``index.html``) is for everyone, so it names a member's contacts only where that member's
``share.toml`` says so and shows no figure over fewer than :data:`netlib.team.MIN_GROUP` people;
a member's page (``member-<name>.html``) adds that member's own contacts by name.  The team page
links to no member's page: each member is handed their own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from netlib.report.folder import _ReportFolder
from netlib.report.kernels import _BUILD_PREFIX, KernelPool, _at_exit, _remove_stale_builds
from netlib.report.pages import Page, ReportError, _export

#: The team notebook, beside the report notebooks.
TEAM_NOTEBOOK = Path("team") / "07_team.ipynb"


def member_page(name: str, taken: set[str] | None = None) -> str:
    """The file name of a member's page: ``member-`` and the member's name in lower-case letters,
    digits and dashes (another character becomes a dash; ``-2`` and on when two names meet).

    Examples
    --------
    >>> member_page("Ada Lovelace")
    'member-ada-lovelace.html'
    >>> member_page("../../etc", {"member-etc.html"})
    'member-etc-2.html'
    >>> member_page("member-2")
    'member-2.html'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "member"
    slug = slug if slug.startswith("member-") else f"member-{slug}"  # an anonymised team's member-2 stays member-2
    href, k = f"{slug}.html", 1
    while taken and href in taken:
        k += 1
        href = f"{slug}-{k}.html"
    return href


def build_team_report(folder: str | os.PathLike, *, tz: str = "UTC", as_of: str | None = None, segment: str | None = None,
                      company: str | None = None, anonymize: bool = False, salt: str | None = None, out: str | os.PathLike = "reports",
                      notebooks_dir: str | os.PathLike | None = None, progress: Callable[[str], None] | None = print,
                      timeout: int = 600) -> Path:
    """Run the team notebook for the team and for each member, and write the pages.

    Parameters
    ----------
    folder : path
        The team's folder: one subfolder of exports per member (:func:`netlib.load_team`).
    tz, as_of, segment, company
        Passed to the notebook's ``parameters`` cell (``company``: a target company for the
        introductions; default the companies the team reaches most).
    anonymize : bool
        Every person's and member's name and address replaced (:func:`netlib.team.pseudonymize_team`):
        members are ``member-1``... on every page and in the pages' file names.
    salt : str, optional
        With ``anonymize``: a secret for pseudonyms that stay the same across runs (default
        ``NETLIB_SALT``, else a new random one for this run).
    out : path
        Folder for the pages (created; never a file netlib did not write is overwritten).
    notebooks_dir : path, optional
        Where the report notebooks are (default :data:`netlib.report.NOTEBOOKS_DIR`).
    progress : callable, optional
        Receives one line per step; None for silence.
    timeout : int
        Seconds a single cell may run.

    Returns
    -------
    Path
        The team page, ``index.html``.
    """
    import atexit
    import tempfile

    import papermill as pm

    import netlib
    from netlib.report import NOTEBOOKS_DIR

    say = progress or (lambda _msg: None)
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder. Pass the folder that holds one folder of exports per member.")
    nb_dir = Path(notebooks_dir or NOTEBOOKS_DIR).resolve()
    notebook = nb_dir / TEAM_NOTEBOOK
    if not notebook.exists():
        raise ReportError(f"no team notebook ({TEAM_NOTEBOOK}) in {nb_dir}")
    say("loading each member's files ...")
    team = netlib.load_team(folder, tz=tz, as_of=as_of)  # once here, so that a folder that is no team fails before any page
    if anonymize:
        from netlib.anonymize import secret_salt
        from netlib.team import pseudonymize_team

        salt = secret_salt(salt)  # one secret for every page, given to the kernel in its environment, never as a parameter
        team = pseudonymize_team(team, salt)
    members = [str(m) for m in team.members.index]
    pages = [Page("07_team", "Team", "index.html", 0.0)]
    for name in members:
        pages.append(Page(f"member:{name}", f"{name}'s view", member_page(name, {p.href for p in pages}), 0.0))
    params = {"team": str(folder.resolve()), "tz": tz, "as_of": as_of, "segment": segment, "company": company,
              "anonymize": anonymize, "interactive": False}
    out = Path(out).resolve()
    _remove_stale_builds()
    atexit.unregister(_at_exit)
    atexit.register(_at_exit)
    with tempfile.TemporaryDirectory(prefix=f"{_BUILD_PREFIX}{os.getpid()}-") as tmp, \
            KernelPool(Path(tmp), nb_dir, 1, {"NETLIB_SALT": salt} if anonymize else {}) as pool, _ReportFolder(out, [p.href for p in pages]) as written:
        kernel = pool.kernel(0)
        try:
            for k, page in enumerate(pages, start=1):
                viewer = None if k == 1 else members[k - 2]
                executed = Path(tmp) / f"07_team-{k}.ipynb"
                try:
                    kernel.run(notebook, executed, {**params, "viewer": viewer}, timeout, say)
                except pm.PapermillExecutionError as err:
                    raise ReportError(f"{TEAM_NOTEBOOK.name} for {page.title} failed in cell {err.exec_count}: {err.ename}: "
                                      f"{err.evalue}. The executed notebook is {written.keep(executed)}") from None
                # the team page's navigation names no member's page; a member's page links back to it
                shown = [pages[0]] if k == 1 else [pages[0], page]
                written.write(page.href, _export(executed, page, shown))
                say(f"[{k}/{len(pages)}] {page.title}: wrote {page.href}")
        finally:
            kernel.close()
    say(f"team report: {out / 'index.html'}")
    say("hand each member their own page (" + ", ".join(p.href for p in pages[1:]) + "): it names their contacts")
    return out / "index.html"
