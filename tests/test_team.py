"""The team view (#33) on a team worked out by hand: tests/data/team, three members' real exports.

    ada/  calendar.ics (Google-style, Ada Archer <ada@alpha.example> organiser and attendee of all 6 events),
          contacts.vcf (Dan Ortiz, Delta Labs; Tess Tran, Acme, tagged Prospect; Gia Green, no address, Prospect)
    bo/   calendar.ics (Bo Berg <bo@beta.example>, 6 events), share.toml: share = "names"
    cy/   calendar.ics (Cy Cole <cy@gamma.example>, 5 events), contacts.csv (netlib's columns: Eve Evans,
          Acme Inc., prospect; Ida Ives; Kai Kim, prospect, never met; Ada Archer, the member)

Every event is at 12:00 UTC and the team is measured at T = 2025-06-01 12:00 UTC with the default
half-life h = 90 days, so a meeting d days before T adds w * 2 ** (-d / 90): d = 0 -> w, 45 -> 0.7071 w,
90 -> w / 2, 180 -> w / 4, 270 -> w / 8; w = 1 for a one-to-one meeting, 0.3 for a group one (netlib's
default weights).  The events (days before T):

    Ada: Dan 1:1 at 270 and 180; lunch with Dan and Tess at 90 and 0 (group: 0.3); Bo at 90 (members only:
         internal); Finn Ford 1:1 at 180
    Bo:  Dan 1:1 at 0; Finn 1:1 at 90 and 0; Gia Green <gia@golf.example> 1:1 at 45; Hal Hart 1:1 at 180;
         Ada at 0 (internal)
    Cy:  Eve 1:1 at 90 and 0; Ida 1:1 at 90 and 0; Finn 1:1 at 270

Ties (strength s, status by netlib.status: cold when s < 0.5; a tie met once has no rhythm):

    ada-Dan  = 1/8 + 1/4 + 0.3/2 + 0.3 = 0.825   active (gaps 90, 90, 90, silence 0); days to cold 90 log2(0.825/0.5) = 65.0
    ada-Tess = 0.3/2 + 0.3             = 0.45    cold
    ada-Finn = 1/4                     = 0.25    cold
    ada-Gia  = 0 (a card, never met)             never_met
    bo-Dan   = 1                                 active, days to cold 90 log2(1/0.5) = 90
    bo-Finn  = 1/2 + 1                 = 1.5     active, days to cold 90 log2(3) = 142.6
    bo-Gia   = 2 ** -0.5               = 0.7071  active, days to cold 90 log2(1.414) = 45 (going cold within 90 days)
    bo-Hal   = 1/4                     = 0.25    cold
    cy-Eve   = 1/2 + 1 = 1.5 active;  cy-Ida = 1.5 active;  cy-Finn = 1/8 cold;  cy-Kai = 0 never_met

Gia Green is one person by her name alone (Ada's card has no address): a guess, listed.
"""

import copy
import math
import shutil

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.team import MIN_GROUP, bucket, per_member, suppress
from netlib.team._intro import _best

from .conftest import DATA

TEAM = DATA / "team"
T = "2025-06-01T12:00Z"


def _names_in(view) -> set[str]:
    """Every text in every cell, index and note of a member's view."""
    out = set(view.notes)
    for table in view.tables().values():
        for col in table.columns:
            out |= {v for v in table[col].to_numpy(dtype=object) if isinstance(v, str)}
        out |= {v for v in table.index.to_numpy(dtype=object) if isinstance(v, str)}
    return out


@pytest.fixture(scope="module")
def team():
    return netlib.load_team(TEAM, as_of=T)


def tie(team, member, name):
    t = team.ties.merge(team.people[["name"]], left_on="person", right_index=True)
    row = t[(t["member"] == member) & (t["name"] == name)]
    assert len(row) == 1, (member, name)
    return row.iloc[0]


def person(team, name):
    return team.people.index[team.people["name"] == name][0]


# --- loading -------------------------------------------------------------------------------------------

def test_each_folder_is_a_member_whose_owner_is_found_as_for_one_person(team):
    m = team.members
    assert list(m.index) == ["ada", "bo", "cy"]
    assert m["emails"].tolist() == ["ada@alpha.example", "bo@beta.example", "cy@gamma.example"]
    assert m["name"].tolist() == ["Ada Archer", "Bo Berg", "Cy Cole"]
    assert m["share"].tolist() == ["buckets", "names", "buckets"]  # bo/share.toml says names
    assert m["internal"].tolist() == [1, 1, 0]  # Ada and Bo's sync, in each calendar
    assert team.as_of == pd.Timestamp(T)


def test_members_are_recognised_in_each_others_exports_and_are_never_people(team):
    c = team.contacts
    members_seen = c[c["is_member"].notna()]
    # Bo in Ada's calendar, Ada in Bo's calendar and in Cy's contacts.csv
    assert sorted(zip(members_seen["member"], members_seen["is_member"])) == [("ada", "bo"), ("bo", "ada"), ("cy", "ada")]
    assert members_seen["person"].isna().all()
    assert not team.people["name"].isin(["Ada Archer", "Bo Berg", "Cy Cole"]).any()


def test_the_same_outside_person_is_one_team_person(team):
    p = team.people.set_index("name")
    assert sorted(p.index) == ["Dan Ortiz", "Eve Evans", "Finn Ford", "Gia Green", "Hal Hart", "Ida Ives", "Kai Kim", "Tess Tran"]
    assert p.loc["Finn Ford", "members"] == "ada;bo;cy" and p.loc["Finn Ford", "n_members"] == 3  # one address, three members
    assert p.loc["Dan Ortiz", "members"] == "ada;bo"
    assert p.loc["Gia Green", "members"] == "ada;bo" and p.loc["Gia Green", "emails"] == "gia@golf.example"
    assert "prospect" in p.loc["Gia Green", "tags"].split(";")  # Ada's card's tag, Bo's address: one person


def test_a_merge_on_a_name_alone_is_listed_as_a_guess(team):
    g = team.problems[team.problems["action"] == "guessed"]
    assert len(g) == 1
    assert g["value"].iloc[0] == "Gia Green" and g["member"].iloc[0] == "ada, bo" and "name alone" in g["problem"].iloc[0]


def test_share_toml_is_a_team_setting_not_an_unknown_file(team):
    """Read by load_team; the loader lists it as netlib's own file, as it does truth.json: no problem row,
    no row read; named by itself it is an error that says what to load."""
    bo = team.networks["bo"]
    assert not bo.problems["source"].astype(str).str.endswith("share.toml").any()
    row = bo.sources[bo.sources["source"].astype(str).str.endswith("share.toml")]
    assert row[["format", "rows_read"]].values.tolist() == [["netlib team share setting (not data)", 0]]
    with pytest.raises(netlib.DataError, match="share setting"):
        netlib.load(TEAM / "bo" / "share.toml")


def test_ties_are_the_decayed_strengths_worked_out_by_hand(team):
    expected = {("ada", "Dan Ortiz"): (0.825, "active", 4), ("ada", "Tess Tran"): (0.45, "cold", 2), ("ada", "Finn Ford"): (0.25, "cold", 1),
                ("ada", "Gia Green"): (0.0, "never_met", 0), ("bo", "Dan Ortiz"): (1.0, "active", 1), ("bo", "Finn Ford"): (1.5, "active", 2),
                ("bo", "Gia Green"): (2 ** -0.5, "active", 1), ("bo", "Hal Hart"): (0.25, "cold", 1), ("cy", "Eve Evans"): (1.5, "active", 2),
                ("cy", "Ida Ives"): (1.5, "active", 2), ("cy", "Finn Ford"): (0.125, "cold", 1), ("cy", "Kai Kim"): (0.0, "never_met", 0)}
    assert len(team.ties) == len(expected)
    for (member, name), (s, state, n) in expected.items():
        row = tie(team, member, name)
        assert row["strength"] == pytest.approx(s) and row["status"] == state and row["contacts"] == n, (member, name)
    assert tie(team, "ada", "Dan Ortiz")["days_to_cold"] == pytest.approx(90 * math.log2(0.825 / 0.5))
    assert tie(team, "bo", "Gia Green")["days_to_cold"] == pytest.approx(45)
    assert set(team.ties["bucket"]) == {"familiar", "weak"}  # nobody at 2 or more


def test_a_mapping_names_folders_owners_and_networks(tmp_path):
    ada = netlib.load(TEAM / "ada")
    team = netlib.load_team({"ada": ada, "bo": (TEAM / "bo", "bo@beta.example"), "cy": str(TEAM / "cy")}, as_of=T, share={"ada": "names"})
    assert team.members["share"].tolist() == ["names", "names", "buckets"]  # Bo's own share.toml, Ada's flag
    assert team.members.loc["bo", "how"] == "given"
    assert len(team.people) == 8 and len(team.ties) == 12


def test_a_member_named_alike_is_recognised_as_a_guess():
    c = pd.DataFrame({"contact_id": ["b", "d"], "name": ["Bo Berg", "Dan Ortiz"], "email": ["bo.berg@gmail.example", "dan@delta.example"]})
    m = pd.DataFrame({"meeting_id": ["m1"], "start": ["2025-06-01T12:00Z"], "duration_min": [30], "attendees": ["b;d"]})
    ada = netlib.from_frames(c, m, me=["Ada Archer", "ada@alpha.example"])
    bo = netlib.from_frames(c.iloc[[1]], m.assign(attendees="d"), me=["Bo Berg", "bo@beta.example"])
    team = netlib.load_team({"ada": ada, "bo": bo})
    assert team.contacts.set_index(["member", "contact_id"]).loc[("ada", "b"), "is_member"] == "bo"
    assert list(team.people["name"]) == ["Dan Ortiz"]
    guess = team.problems[team.problems["value"] == "Bo Berg"]
    assert len(guess) == 1 and "name alone" in guess["problem"].iloc[0]
    assert team.members.loc["ada", "internal"] == 0  # Dan was there too: networking


def test_two_members_known_by_one_address_are_taken_for_neither():
    c = pd.DataFrame({"contact_id": ["d", "s"], "name": ["Dan Ortiz", "Shared Box"], "email": ["dan@delta.example", "team@alpha.example"]})
    m = pd.DataFrame({"meeting_id": ["m1"], "start": ["2025-06-01T12:00Z"], "duration_min": [30], "attendees": ["d;s"]})
    nets = {k: netlib.from_frames(c, m, me=[k.title(), f"{k}@alpha.example", "team@alpha.example"]) for k in ("ada", "bo")}
    team = netlib.load_team(nets)
    p = team.problems[team.problems["value"] == "team@alpha.example"]
    assert p["member"].tolist() == ["ada, bo"] and "taken for none of them" in p["problem"].iloc[0]
    assert list(team.people["name"]) == ["Dan Ortiz"]  # the shared box is each member's own address: netlib.load left it out


def test_no_path_to_someone_nobody_met(team):
    assert netlib.intro_paths(team, "Kai Kim").empty  # a contact of Cy's, never met: strength 0 is no tie to pass through
    assert netlib.best_introducers(team, "Kilo").empty


def test_a_share_setting_not_understood_keeps_names_private(tmp_path):
    for m in ("ada", "bo"):
        shutil.copytree(TEAM / m, tmp_path / m)
    (tmp_path / "bo" / "share.toml").write_text('share = "everything"\n', encoding="utf-8")
    team = netlib.load_team(tmp_path, as_of=T)
    assert team.members["share"].tolist() == ["buckets", "buckets"]
    p = team.problems[team.problems["column"] == "share"]
    assert len(p) == 1 and p["value"].iloc[0] == "everything" and p["action"].iloc[0] == "defaulted"


# --- reach ---------------------------------------------------------------------------------------------

def test_reach_overlap_and_people_reached_by_one_member_only(team):
    # reached (met at least once by T): ada Dan, Tess, Finn (Gia: a card only); bo Dan, Finn, Gia, Hal; cy Eve, Ida, Finn
    # members per person: Dan 2, Tess 1, Finn 3, Gia 1, Hal 1, Eve 1, Ida 1 (Kai: never met)
    # warm: ada Dan; bo Dan, Finn, Gia; cy Eve, Ida -> Dan warm with 2, Finn, Gia, Eve, Ida with 1
    r = netlib.team_reach(team)
    assert r.loc["team"].to_dict() == {"known": 8, "reached": 7, "warm": 5, "only": 5, "shared": 2, "warm_only": 4}
    assert r.loc["ada"].to_dict() == {"known": 4, "reached": 3, "warm": 1, "only": 1, "shared": 2, "warm_only": 0}
    assert r.loc["bo"].to_dict() == {"known": 4, "reached": 4, "warm": 3, "only": 2, "shared": 2, "warm_only": 2}
    assert r.loc["cy"].to_dict() == {"known": 4, "reached": 3, "warm": 2, "only": 2, "shared": 1, "warm_only": 2}
    assert r.loc[["ada", "bo", "cy"], "only"].sum() == r.loc["team", "only"]
    # overlap: ada & bo share Dan and Finn, ada & cy Finn, bo & cy Finn; the diagonal is each member's reach
    o = netlib.team_overlap(team)
    assert o.values.tolist() == [[3, 2, 1], [2, 4, 1], [1, 1, 3]]
    assert netlib.team_overlap(team, warm=True).values.tolist() == [[1, 1, 0], [1, 3, 0], [0, 0, 2]]  # Dan: warm with Ada and Bo


def test_share_of_the_segment_and_of_a_company_reached(team):
    # prospects the team knows: Tess (Ada), Gia (Ada, Bo), Eve (Cy), Kai (Cy, never met) -> 4
    # reached: Tess, Gia, Eve = 3 (0.75); warm: Gia (Bo), Eve (Cy) = 2 (0.5)
    # Acme: Tess ("Acme") and Eve ("Acme Inc.", the same company): reached 2; warm 1 (Eve)
    r = netlib.team_reach(team, segment="prospect", company="acme")
    assert r.loc["team", ["segment_people", "segment_reached", "segment_warm"]].tolist() == [4, 3, 2]
    assert r.loc["team", "segment_reached_share"] == 0.75 and r.loc["team", "segment_warm_share"] == 0.5
    assert r["segment_reached"].tolist() == [3, 1, 1, 1] and r["segment_warm"].tolist() == [2, 0, 1, 1]
    assert r.loc["team", ["company_people", "company_reached", "company_warm"]].tolist() == [2, 2, 1]
    assert r["company_warm_share"].tolist() == [0.5, 0.0, 0.0, 0.5]


# --- introductions --------------------------------------------------------------------------------------

def test_intro_paths_to_a_person_with_the_strengths_worked_out_by_hand(team):
    # Ada -> Tess direct: 0.45.  Ada -> Dan (0.825) -> Tess: Dan and Tess were at Ada's two lunches (2 others each),
    #   link = 0.3/2 + 0.3 = 0.45; path = min(0.825, 0.45) = 0.45, after the direct tie of equal strength.
    # Cy -> Eve (1.5) -> Tess: Eve works at Acme with Tess (Acme Inc. = Acme), link = COLLEAGUE_STRENGTH = 0.5;
    #   path = min(1.5, 0.5) = 0.5: the strongest.
    # Bo knows Dan (1.0) but Dan never met Tess at Bo's meetings, and works at Delta Labs: no path.
    paths = netlib.intro_paths(team, "Tess Tran")
    got = paths[["member", "via_name", "steps", "link", "first_strength", "link_strength", "strength"]]
    assert got["member"].tolist() == ["cy", "ada", "ada"]
    assert got["via_name"].fillna("").tolist() == ["Eve Evans", "", "Dan Ortiz"]
    assert got["link"].tolist() == ["same company", "direct", "met together"]
    assert got["steps"].tolist() == [2, 1, 2]
    assert got["strength"].to_numpy() == pytest.approx([0.5, 0.45, 0.45])
    assert got["first_strength"].to_numpy() == pytest.approx([1.5, 0.45, 0.825])
    assert got["link_strength"].to_numpy()[[0, 2]] == pytest.approx([0.5, 0.45])
    assert paths["bucket"].tolist() == ["familiar", "weak", "weak"]
    assert paths["reason"][2] == "Ada met Dan Ortiz every 3 months until 1 Jun 2025; Dan Ortiz attended 2 meetings with Tess Tran"
    assert paths["reason"][0].startswith("Cy met Eve Evans every 3 months until 1 Jun 2025; Eve Evans works at Acme with Tess Tran")
    # the same person by address; the strongest path is a warm one (every link at least 0.5)
    by_address = netlib.intro_paths(team, "TESS@acme.example")
    assert by_address[["member", "via", "strength"]].equals(paths[["member", "via", "strength"]])
    assert netlib.intro_paths(team, "Tess Tran", limit=1)["member"].tolist() == ["cy"]


def test_intro_paths_to_a_company_and_a_segment(team):
    # Acme = Tess and Eve: Cy -> Eve direct 1.5; Ada -> Tess direct 0.45 and through Dan 0.45 (a target is no way through)
    acme = netlib.intro_paths(team, "Acme")
    assert list(zip(acme["member"], acme["target_name"], acme["strength"].round(4))) == [
        ("cy", "Eve Evans", 1.5), ("ada", "Tess Tran", 0.45), ("ada", "Tess Tran", 0.45)]
    assert netlib.intro_paths(team, "acme inc", kind="company")["target_name"].tolist() == acme["target_name"].tolist()
    # prospects: Eve (Cy 1.5), Gia (Bo 0.7071; Ada never met her), Tess (Ada 0.45 twice); Kai: nobody met him
    seg = netlib.intro_paths(team, "prospect", kind="segment")
    assert seg["target_name"].tolist() == ["Eve Evans", "Gia Green", "Tess Tran", "Tess Tran"]
    assert seg["strength"].to_numpy() == pytest.approx([1.5, 2 ** -0.5, 0.45, 0.45])


def test_best_introducer_per_company(team):
    # Acme: Cy (Eve, 1.5) over Ada (Tess, 0.45); Delta Labs: Bo (Dan, 1.0) over Ada (Dan, 0.825); India Co: Cy (Ida, 1.5)
    # Kilo: Kai, never met, no path
    best = netlib.best_introducers(team)
    assert best["member"].to_dict() == {"Acme": "cy", "India Co": "cy", "Delta Labs": "bo"}
    assert best["strength"].tolist() == pytest.approx([1.5, 1.5, 1.0])
    assert best["members"].tolist() == [2, 1, 2]
    assert netlib.best_introducers(team, "Delta Labs")["member"].tolist() == ["bo"]


# --- key-person risk -------------------------------------------------------------------------------------

def test_sole_holders_and_those_going_cold(team):
    # warm with exactly one member: Finn (Bo; cold with Ada and Cy), Gia (Bo), Eve (Cy), Ida (Cy); Dan is warm with two.
    # Going cold within 90 days: Gia (45 days); the others 142.6 days.
    sole = netlib.sole_holders(team)
    assert list(zip(sole["member"], sole["name"], sole["going_cold"])) == [
        ("bo", "Gia Green", True), ("bo", "Finn Ford", False), ("cy", "Eve Evans", False), ("cy", "Ida Ives", False)]
    assert per_member(sole).to_dict("index") == {"ada": {"sole_warm": 0, "going_cold": 0}, "bo": {"sole_warm": 2, "going_cold": 1},
                                                         "cy": {"sole_warm": 2, "going_cold": 0}}
    prospects = netlib.sole_holders(team, segment="prospect")
    assert prospects["name"].tolist() == ["Gia Green", "Eve Evans"]
    assert netlib.sole_holders(team, horizon_days=150)["going_cold"].all()


# --- privacy ----------------------------------------------------------------------------------------------

def contacts_of(team, member):
    return set(team.people.loc[team.ties.loc[team.ties["member"] == member, "person"], "name"])


@pytest.mark.parametrize("viewer", ["ada", "bo", "cy"])
def test_a_members_view_names_no_contact_of_another_member_without_their_share_setting(team, viewer):
    view = netlib.member_view(team, viewer)
    text = _names_in(view) | set(netlib.intro_paths(team, "Acme", viewer=viewer).astype(str).to_numpy().ravel())
    text |= set(netlib.best_introducers(team, viewer=viewer).reset_index().astype(str).to_numpy().ravel())
    allowed = contacts_of(team, viewer) | contacts_of(team, "bo")  # their own, and Bo's (share = "names")
    private = set(team.people["name"]) - allowed
    assert private  # ada: Eve, Ida, Kai; bo: Tess, Eve, Ida, Kai; cy: Tess, Dan? no: Bo knows Dan
    leaked = {name for name in private if any(name in s for s in text)}
    assert leaked == set()
    assert {"Dan Ortiz", "Hal Hart"} <= set(view.shared["name"]) if viewer != "bo" else view.shared.empty
    if viewer == "ada":  # the companies only Cy's contacts work at are Cy's to share too
        assert not {"India Co", "Kilo"} & text
        assert netlib.best_introducers(team, viewer="ada").attrs["left_out"] == 1
    for t in (view.reach, view.overlap, view.buckets):  # nothing counts fewer than 5 people
        values = t.to_numpy(dtype=object).ravel()
        assert not any(isinstance(v, (int, np.integer)) and 0 < v < MIN_GROUP for v in values if v is not pd.NA)


def test_the_names_appear_once_the_member_shares_them(team, tmp_path):
    for m in ("ada", "bo", "cy"):
        shutil.copytree(TEAM / m, tmp_path / m)
    (tmp_path / "cy" / "share.toml").write_text('share = "names"\n', encoding="utf-8")
    view = netlib.member_view(netlib.load_team(tmp_path, as_of=T), "ada")
    assert {"Eve Evans", "Ida Ives", "Kai Kim"} <= _names_in(view)
    assert "Eve Evans" not in _names_in(netlib.member_view(team, "ada"))


def test_another_members_ties_are_buckets_without_strengths(team):
    view = netlib.member_view(team, "ada")
    assert list(view.shared.columns) == ["member", "person", "name", "company", "bucket"]
    assert view.own["strength"].to_numpy() == pytest.approx([0.825, 0.45, 0.25, 0.0])
    paths = netlib.intro_paths(team, "Acme", viewer="ada")  # Acme: Tess (Ada's) and Eve (Cy's) only
    assert paths["member"].tolist() == ["ada", "ada"] and paths["strength"].to_numpy() == pytest.approx([0.45, 0.45])  # Cy's says Eve
    big = copy.copy(team)  # five people at Acme: Cy's paths there are shown, as a bucket
    big.people = team.people.assign(company=np.where(team.people["name"].isin(["Tess Tran", "Eve Evans", "Ida Ives", "Kai Kim", "Hal Hart"]),
                                                     "Acme", team.people["company"]))
    cy = netlib.intro_paths(big, "Acme", viewer="ada").query("member == 'cy' and steps == 1")
    assert cy[["target_name", "bucket"]].values.tolist() == [["(not shared)", "familiar"]] * 2 and cy["strength"].isna().all()  # Eve, Ida
    sole = netlib.sole_holders(team, viewer="ada")
    assert sole["member"].tolist() == ["bo", "bo"] and sole["strength"].isna().all() and sole["bucket"].tolist() == ["familiar", "familiar"]
    assert per_member(sole)["sole_warm"].isna().tolist() == [False, False, True]  # Bo's 2, listed by name; Cy's 2: fewer than 5


def test_best_introducers_counts_reach_a_reader_suppressed_below_five(team):
    """``members`` and ``paths`` count other members' paths to contacts the reader may not see: 1 to 4
    is suppressed (NA, written <5) for every reader, the full table keeps them."""
    assert netlib.best_introducers(team)["members"].tolist() == [2, 1, 2]  # no reader: the team's own analysis
    for viewer in ("ada", "bo", "cy"):
        best = netlib.best_introducers(team, viewer=viewer)
        assert len(best) and best[["members", "paths"]].isna().all().all(), viewer  # every count here is 1 to 4
    page = netlib.team.team_page(team)
    assert set(page.table("best")["members"]) == {"<5"} and set(page.table("best")["paths"]) == {"<5"}


def test_a_company_where_the_team_knows_five_people_is_listed_without_their_names(team):
    """The second way a company reaches a reader (team._intro._open_to): the team knows at least
    MIN_GROUP people there, so its name points at none of them; the introducing member and the path's
    bucket are shown, never the contact's name or strength.  Four people there are not enough."""
    closed = copy.copy(team)
    closed.members = team.members.assign(share="buckets")  # nobody shares names: only the size can open a company
    at_acme = ["Tess Tran", "Eve Evans", "Ida Ives", "Kai Kim", "Hal Hart"]  # Bo knows none of the first four
    closed.people = team.people.assign(company=np.where(team.people["name"].isin(at_acme[:4]), "Acme", "Elsewhere Ltd"))
    for viewer in ("bo", ""):  # a member's page, and the team page (no member)
        assert "Acme" not in _best(closed, None, None, viewer).index, viewer
    assert _best(closed, None, None, "").attrs["left_out"] == 2  # and Elsewhere Ltd: 4 people
    closed.people = team.people.assign(company=np.where(team.people["name"].isin(at_acme), "Acme", "Elsewhere Ltd"))
    best = _best(closed, None, None, "")
    assert list(best.index) == ["Acme"] and best.attrs["left_out"] == 1  # Elsewhere Ltd: Dan, Gia and Finn (3 people)
    row = best.loc["Acme"]
    assert row["member"] == "cy" and row["bucket"] == "familiar" and row["target_name"] == "(not shared)"  # Cy -> Eve, 1.5
    text = " ".join(best.reset_index().astype(str).to_numpy().ravel())
    assert not any(name in text for name in at_acme) and pd.isna(row["strength"]) and pd.isna(row["members"])


def test_at_a_company_of_fewer_than_five_people_only_paths_the_reader_may_see_are_shown(team):
    """Delta Labs is Dan Ortiz alone, whom Bo (who shares names) names: Ada's paths there, hidden or
    not, would say that Ada knows Dan, so a reader who is not Ada sees Bo's path only, and the best
    introducer they may see; Ada's own page shows hers."""
    for viewer in (None, "cy"):
        page = netlib.team.team_page(team, viewer, company="Delta Labs")
        assert page.paths["member"].tolist() == ["bo"] and page.best["member"].tolist() == ["bo"], viewer
        assert "ada" not in set(page.table("paths")["member"]) | set(page.table("best")["member"])
    mine = netlib.team.team_page(team, "ada", company="Delta Labs").paths
    assert mine["member"].tolist() == ["bo", "ada", "ada"] and mine["target_name"].tolist() == ["Dan Ortiz"] * 3
    acme = netlib.team.team_page(team, "bo", company="Acme")  # Tess (Ada's) and Eve (Cy's): nobody Bo may see
    assert acme.paths.empty and "No path to anyone at Acme that this page may show" in acme.note("paths")


def test_a_figure_over_five_people_or_more_is_shown():
    t = pd.DataFrame({"people": [4, 5, 0], "segment_people": [5, 5, 4], "segment_reached": [5, 5, 1], "segment_reached_share": [1.0, 1.0, 0.25]})
    s = suppress(t)
    assert s["people"].tolist()[1:] == [5, 0] and s["people"].isna().tolist() == [True, False, False]
    assert s["segment_reached_share"].isna().tolist() == [False, False, True]
    assert bucket([2.0, 1.99, 0.5, 0.49], ["active", "active", "cooling", "active"]).tolist() == ["strong", "familiar", "familiar", "familiar"]


# --- arguments ---------------------------------------------------------------------------------------------

def test_what_is_no_team_or_no_member_is_refused(team):
    with pytest.raises(netlib.ArgumentError, match=r"^team_reach\(\): team must be a Team from netlib.load_team\(\)"):
        netlib.team_reach(netlib.load_sample())
    with pytest.raises(netlib.ArgumentError, match=r"^member_view\(\): viewer must be one of 'ada', 'bo', 'cy'; got 'eve'"):
        netlib.member_view(team, "eve")
    with pytest.raises(netlib.ArgumentError, match=r"^intro_paths\(\): target must be a person or a company the team knows"):
        netlib.intro_paths(team, "Nobody Known")
    with pytest.raises(netlib.ArgumentError, match=r"^intro_paths\(\): kind must be one of"):
        netlib.intro_paths(team, "Acme", kind="firm")
    with pytest.raises(netlib.ArgumentError, match=r"^load_team\(\): source must be a folder holding one folder of exports per member"):
        netlib.load_team(TEAM / "ada")
    with pytest.raises(netlib.ArgumentError, match=r"^load_team\(\): share must be one of 'buckets', 'names'"):
        netlib.load_team({"a": TEAM / "ada"}, share={"a": "all"})
    with pytest.raises(FileNotFoundError):
        netlib.load_team(TEAM / "nobody")


def test_sole_holders_prints_whole(team):
    """Its per-member counts live in attrs as plain values: pandas compares attrs when it prints a
    wide table, and a DataFrame there made print() raise."""
    sole = netlib.team.sole_holders(team)
    with pd.option_context("display.width", 40, "display.max_columns", 3):
        assert "member" in repr(sole)
    assert per_member(sole).loc["bo"].tolist() == [2, 1]
