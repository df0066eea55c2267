"""The team report as the README tells a team to make it: ``netlib report TEAM --team`` (#33), on the
hand-worked team of three in tests/data/team (Bo's share.toml shares names; Ada and Cy share none)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import netlib
from tests.test_report import _chromium, visible_text

TEAM = Path(__file__).parent / "data" / "team"


@pytest.fixture(scope="module")
def team_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("team-report")
    run = subprocess.run([sys.executable, "-m", "netlib", "report", str(TEAM), "--team", "--out", str(out)],
                         capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONWARNINGS": "default"})
    assert run.returncode == 0, run.stderr
    return out, run.stdout.splitlines(), run.stderr


def test_the_team_page_and_each_members_own_page_are_written(team_report):
    out, lines, stderr = team_report
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["index.html", "member-ada.html", "member-bo.html", "member-cy.html"]
    assert lines[0] == "loading each member's files ..."
    assert [ln.split("] ")[1] for ln in lines if ln.startswith("[")] == [
        "Team: wrote index.html", "ada's view: wrote member-ada.html", "bo's view: wrote member-bo.html",
        "cy's view: wrote member-cy.html"]
    assert any("hand each member their own page" in ln for ln in lines)
    assert "Warning" not in stderr


def test_the_team_page_names_no_contact_of_a_member_who_shares_none(team_report):
    out, _, _ = team_report
    team = netlib.load_team(TEAM)
    by = team.people["members"].str.split(";")
    private = set(team.people.loc[by.map(lambda ms: "bo" not in ms), "name"])  # known to Ada or Cy alone: never named
    shared = set(team.people.loc[by.map(lambda ms: "bo" in ms), "name"])
    assert private and shared
    page = visible_text(out / "index.html")
    assert sorted(n for n in private if n in page) == []
    ada = visible_text(out / "member-ada.html")
    mine = set(team.people.loc[by.map(lambda ms: "ada" in ms), "name"])
    assert mine and all(n in ada for n in mine)  # Ada's own page lists her own ties by name
    cy_only = set(team.people.loc[by.map(lambda ms: ms == ["cy"]), "name"])
    assert cy_only and not any(n in ada for n in cy_only)  # and none of Cy's
    assert "member-ada.html" not in (out / "index.html").read_text(encoding="utf-8")  # the team page links to no member's page


def test_the_team_pages_work_offline_in_chromium(team_report):
    path = _chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser test: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium found")
    from playwright.sync_api import sync_playwright

    out, _, _ = team_report
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for page_path in sorted(out.glob("*.html")):
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            requests, errors = [], []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(page_path.as_uri(), wait_until="load")
            charts = page.eval_on_selector_all(".netlib-chart", "els => els.map(e => [e.getAttribute('aria-label') || '', "
                                               "!!e.querySelector(':scope > svg')])")
            assert len(charts) >= 3 and all(label.startswith("Chart: ") and svg for label, svg in charts), page_path.name
            assert [u for u in requests if not u.startswith(("file:", "data:"))] == [], page_path.name
            assert errors == [], page_path.name
            hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
            local = [h for h in hrefs if h and not h.startswith(("data:", "#", "http"))]
            assert all((out / h).exists() for h in local), f"{page_path.name}: a link to nothing"
            page.close()
        browser.close()


def test_an_anonymised_team_report_names_nobody(tmp_path):
    """--anonymize as for one person: no person's or member's name, address or folder on any page, the
    members as member-1... in the pages and their file names, and the same figures."""
    out = tmp_path / "anon"
    run = subprocess.run([sys.executable, "-m", "netlib", "report", str(TEAM), "--team", "--anonymize", "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.glob("*.html")) == ["index.html", "member-1.html", "member-2.html", "member-3.html"]
    team = netlib.load_team(TEAM)
    secrets = {*team.people["name"], *team.members["name"], *team.members["emails"].str.split(";").explode(),
               *team.people["emails"].str.split(";").explode(), *[f"{m}'s" for m in team.members.index], str(TEAM)} - {""}
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert sorted(s for s in secrets if s in text) == [], page.name
    reach = visible_text(out / "index.html")
    assert "member-1" in reach and "Contact " in reach  # member-2 (Bo) shares names: pseudonyms, never a real name
