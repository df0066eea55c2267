"""The team sample (#33): ``netlib sample --team N`` / :func:`netlib.datasets.write_team_sample`.

The planted truth is checked against the files themselves, read here with the csv module and the
mbox's headers (never through netlib), and then against :func:`netlib.load_team`."""

from __future__ import annotations

import csv
import email.utils
import json
import mailbox
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib._files import OutputError
from netlib.cli import main
from netlib.datasets import write_sample, write_team_sample
from netlib.datasets._team import MEMBER_FILES, SEGMENT
from netlib.team import MIN_GROUP
from netlib.io._reader import Input
from netlib.io._registry import NetlibTruth


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """A team of five, one year each: (folder, truth)."""
    out = tmp_path_factory.mktemp("team")
    return out, write_team_sample(out, members=5, seed=4, years=1)


def _rows(path: Path, skip_to: str | None = None) -> list[dict]:
    """A CSV's rows as dicts (``skip_to``: the header's first field, for LinkedIn's preamble)."""
    text = path.read_text(encoding="utf-8")
    if skip_to:
        text = text[text.index(skip_to):]
    return list(csv.DictReader(text.splitlines()))


def _identities(folder: Path) -> dict[str, set]:
    """What a member's files say about each person they hold: e-mail addresses (contacts.csv),
    profile URLs (Connections.csv) and name + company (both)."""
    contacts = _rows(folder / "contacts.csv")
    links = _rows(folder / "Connections.csv", skip_to="First Name,")
    return {"email": {r["email"].lower() for r in contacts if r["email"]},
            "url": {r["URL"] for r in links},
            "name": {(r["name"], r["company"]) for r in contacts} | {(f"{r['First Name']} {r['Last Name']}", r["Company"]) for r in links},
            "ids": {r["contact_id"]: r for r in contacts}}


def test_each_member_folder_holds_real_exports(team):
    out, truth = team
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(truth["members"])
    for m, who in truth["members"].items():
        folder = out / m
        shares = ["share.toml"] if who["share"] == "names" else []  # the first member shares names with the team
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted([*MEMBER_FILES, *shares])
        assert (folder / "Connections.csv").read_text(encoding="utf-8").startswith("Notes:\n")
        assert _rows(folder / "contacts.csv")[0].keys() >= {"contact_id", "name", "email", "company", "tags"}
        assert _rows(folder / "meetings.csv")[0].keys() >= {"meeting_id", "start", "end", "attendees"}
        box = mailbox.mbox(folder / "mail.mbox")
        sent = [msg for msg in box if "Sent" in (msg["X-Gmail-Labels"] or "")]
        assert sent and all(email.utils.parseaddr(msg["From"]) == (who["name"], who["email"]) for msg in sent)  # the member's mail says whose it is


def test_each_member_loads_alone_with_no_problem_the_single_sample_has_not(team, tmp_path):
    out, truth = team
    write_sample(tmp_path, mailbox=True, years=1)
    single = netlib.load(tmp_path)
    known = set(single.problems["problem"])
    for m, who in truth["members"].items():
        net = netlib.load(out / m)
        assert (net.me.name, net.me.emails) == (who["name"], (who["email"],))
        own = {"netlib team share setting (not data)"} if who["share"] == "names" else set()  # share.toml: no data, no problem
        assert set(net.sources["format"]) == {"netlib contacts", "netlib meetings", "LinkedIn connections", "e-mail (mbox)", *own}
        assert (net.sources["rows_skipped"][net.sources["format"] != "e-mail (mbox)"] == 0).all()
        assert set(net.problems["problem"]) <= known, m
        assert net.problems["source"].astype(str).str.endswith("mail.mbox").all()


def test_planted_overlaps_are_what_the_files_show(team):
    out, truth = team
    ids = {m: _identities(out / m) for m in truth["members"]}
    people = truth["people"]
    for p, person in people.items():  # each holder's files write the person as the truth says, and only they do
        holders = set()
        for m, files in ids.items():
            by = {"email": person["email"] in files["email"], "profile": person["url"] in files["url"],
                  "name": (person["name"], person["company"]) in files["name"]}
            if any(by.values()):
                holders.add(m)
            how = person["written"].get(m)
            if how == "email":
                assert by["email"] and by["name"], (p, m)
            elif how == "profile":
                assert by["profile"] and not by["email"], (p, m)
            elif how == "name":
                assert by["name"] and not by["email"] and not by["profile"], (p, m)
        assert holders == set(person["members"]), p
    assert {"email", "profile", "name"} <= {h for person in people.values() for h in person["written"].values()}
    # no other address or profile is in two members' files: the overlaps are the planted ones
    mates = {who["email"] for who in truth["members"].values()}
    planted_emails, planted_urls = {x["email"] for x in people.values()}, {x["url"] for x in people.values()}
    for a, b in combinations(ids, 2):
        assert ids[a]["email"] & ids[b]["email"] <= planted_emails | mates
        assert ids[a]["url"] & ids[b]["url"] <= planted_urls
        n = sum(1 for x in people.values() if a in x["members"] and b in x["members"])
        assert truth["overlaps"]["pairs"][f"{a};{b}"] == n
    assert set(truth["overlaps"]["people"]) == {p for p, x in people.items() if len(x["members"]) >= 2}


def _meetings(folder: Path) -> pd.DataFrame:
    m = pd.DataFrame(_rows(folder / "meetings.csv"))
    m["start"] = pd.to_datetime(m["start"], utc=True)
    return m


def test_best_introducers_and_sole_ties_are_what_the_meetings_show(team):
    out, truth = team
    T = pd.Timestamp(truth["as_of"])
    strength = defaultdict(dict)
    last = defaultdict(dict)
    for m in truth["members"]:
        meet = _meetings(out / m)
        assert meet["start"].max() == T  # the last meeting of every member: the team meeting at T
        one = meet[~meet["attendees"].str.contains(";")]
        for p in truth["people"]:
            mine = one[one["attendees"] == p]
            if len(mine):
                strength[p][m] = float(np.exp2(-((T - mine["start"]) / pd.Timedelta(days=1)) / 90).sum())
                last[p][m] = (T - mine["start"].max()) / pd.Timedelta(days=1)
    for company, best in truth["best_introducers"].items():
        at = [p for p, x in truth["people"].items() if x["company"] == company]
        per = {m: max(strength[p].get(m, 0.0) for p in at) for m in truth["members"]}
        ranked = sorted(per, key=per.get, reverse=True)
        assert ranked[0] == best["member"] and per[ranked[0]] > 5 * per[ranked[1]] and per[ranked[0]] > 2, company
        assert per[ranked[0]] == pytest.approx(best["strength"], abs=1e-5)
        assert last[best["person"]][best["member"]] < 14  # recent: the last two weeks
    for m, ties in truth["sole_held"].items():
        assert len(ties) == 3 and sum(t["going_cold"] for t in ties) == 1
        for t in ties:
            assert set(strength[t["person"]]) == {m} and truth["people"][t["person"]]["tags"] == SEGMENT
            assert (last[t["person"]][m] > 75) == t["going_cold"]  # overdue: silent past 2.5 x its 30-day rhythm


def test_the_team_sample_is_the_same_for_a_seed(tmp_path):
    a = write_team_sample(tmp_path / "a", members=2, seed=9, years=1)
    b = write_team_sample(tmp_path / "b", members=2, seed=9, years=1)
    c = write_team_sample(tmp_path / "c", members=2, seed=10, years=1)
    assert a == b and a != c
    for m in a["members"]:
        for name in MEMBER_FILES:
            assert (tmp_path / "a" / m / name).read_bytes() == (tmp_path / "b" / m / name).read_bytes(), name
    assert (tmp_path / "a" / "ada" / "contacts.csv").read_bytes() != (tmp_path / "c" / "ada" / "contacts.csv").read_bytes()


def test_the_team_sample_never_overwrites_a_file_netlib_did_not_write(tmp_path):
    (tmp_path / "bo").mkdir()
    (tmp_path / "bo" / "contacts.csv").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="netlib did not write"):
        write_team_sample(tmp_path, members=2, years=1)
    assert (tmp_path / "bo" / "contacts.csv").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "truth.json").exists() and not list((tmp_path / "ada").glob("*.*"))  # refused before any file was written
    (tmp_path / "bo" / "contacts.csv").unlink()
    (tmp_path / "truth.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="truth.json"):
        write_team_sample(tmp_path, members=2, years=1)
    (tmp_path / "truth.json").unlink()
    write_team_sample(tmp_path, members=2, years=1)
    write_team_sample(tmp_path, members=2, years=1)  # its own files: written again


def test_sample_command_writes_a_team(tmp_path, capsys):
    assert main(["sample", "--team", "2", "--years", "1", "--seed", "3", "--out", str(tmp_path)]) == 0
    said = capsys.readouterr().out
    assert "a team of 2 (ada, bo)" in said and "Halcyon Grid: ada" in said
    assert json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))["seed"] == 3
    with pytest.raises(SystemExit):
        main(["sample", "--team", "1", "--out", str(tmp_path / "x")])
    assert "from 2 to 8" in capsys.readouterr().err


def test_the_team_truth_is_netlibs_own(team):
    out, _ = team
    if not hasattr(NetlibTruth, "TEAM_KEYS"):
        pytest.skip("netlib/io/_registry.py's NetlibTruth does not know the team truth yet (#33: the lead's edit)")
    assert NetlibTruth.sniff(Input((out / "truth.json").read_bytes(), "truth.json")) == "planted truth"


def test_load_team_finds_the_planted_overlaps_introducers_and_sole_ties(team):
    out, truth = team
    t = netlib.team.load_team(out)
    assert t.members["share"].to_dict() == {m: w["share"] for m, w in truth["members"].items()}  # ada's share.toml
    paths = netlib.team.team_page(t).table("paths")  # people not named read alike: one row each, counted
    assert len(paths) and not paths.duplicated().any()
    assert t.as_of == pd.Timestamp(truth["as_of"])
    assert list(t.members.index) == list(truth["members"])
    assert t.members["emails"].tolist() == [x["email"] for x in truth["members"].values()]
    overlap = netlib.team.team_overlap(t)
    for pair, n in truth["overlaps"]["pairs"].items():
        a, b = pair.split(";")
        assert overlap.loc[a, b] == n, pair
    several = t.people[t.people["n_members"] >= 2]
    assert sorted(several["members"].str.split(";").map(tuple)) == sorted(tuple(x) for x in truth["overlaps"]["people"].values())
    best = netlib.team.best_introducers(t, company=truth["target_companies"])
    for company, b in truth["best_introducers"].items():
        assert best.loc[company, "member"] == b["member"] and best.loc[company, "target_name"] == b["name"]
        assert best.loc[company, "strength"] == pytest.approx(b["strength"], abs=1e-4)
    sole = netlib.team.sole_holders(t, segment=SEGMENT)
    got = {(r.member, r.name, bool(r.going_cold)) for r in sole.itertuples()}
    assert got == {(m, x["name"], x["going_cold"]) for m, ties in truth["sole_held"].items() for x in ties}
    assert (t.members["internal"] == pd.Series(truth["internal_meetings"])).all()


def test_every_page_lists_the_planted_best_introducers_and_names_only_what_is_shared(team):
    """Each planted target company has five people the team knows (netlib.team.MIN_GROUP): the team
    page and every member's page list it with its planted best introducer and the path's bucket,
    the contact named only where a member who shares names (or the reader) knows them; no page names a
    person only members who share no names know, and no count of 1 to 4 reaches a page."""
    out, truth = team
    t = netlib.team.load_team(out)
    sharing = {m for m, w in truth["members"].items() if w["share"] == "names"}
    by = t.people["members"].str.split(";")
    for viewer in [None, *truth["members"]]:
        page = netlib.team.team_page(t, viewer)
        open_to = sharing | {viewer}
        for company, b in truth["best_introducers"].items():
            row = page.best.loc[company]
            assert (row["member"], row["bucket"]) == (b["member"], "strong"), (viewer, company)
            assert row["target_name"] == (b["name"] if b["member"] in open_to else "(not shared)"), (viewer, company)
            assert pd.isna(row["members"])  # three members have a path there: fewer than 5
        private = set(t.people.loc[by.map(lambda ms, o=open_to: not set(ms) & o), "name"])
        assert private
        text = " | ".join([page.heading, *page.notes.values()] + [str(v) for s in ("best", "paths", "sole", "own", "buckets", "shared")
                                                                   for v in page.table(s).to_numpy(dtype=object).ravel()])
        assert [n for n in private if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)] == [], viewer  # Jana Dijk is not Jana Dijkstra
        for section, cols in (("best", ["members", "paths"]), ("paths", ["paths"])):
            values = pd.to_numeric(page.table(section)[cols].stack(), errors="coerce").dropna()  # "<5" is no number
            assert not values.between(1, MIN_GROUP - 1).any() or section == "paths" and (values == 1).all(), (viewer, section)
