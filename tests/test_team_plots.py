"""The team's charts (netlib/team/_plots.py, #33) on the hand-worked team of tests/test_team.py
(tests/data/team): each bar is the table's figure, a suppressed figure is drawn as suppressed (never
as 0), and an empty table gives a chart that says why."""

import copy

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.team import MIN_GROUP, per_member, plot_sole_holders, plot_team_overlap, plot_team_reach

from .conftest import DATA

T = "2025-06-01T12:00Z"


@pytest.fixture(scope="module")
def team():
    return netlib.load_team(DATA / "team", as_of=T)


def _widths(ax) -> list[float]:
    return [p.get_width() for p in ax.patches]


def test_team_reach_bars_are_the_tables_counts(team):
    reach = netlib.team_reach(team)
    ax = plot_team_reach(reach)
    # by hand (tests/test_team.py): known 4, 4, 4; only 1, 2, 2; warm 1, 3, 2 for ada, bo, cy
    assert _widths(ax) == [4, 4, 4, 1, 2, 2, 1, 3, 2]
    members = reach.drop(index="team")
    assert _widths(ax) == [*members["known"], *members["only"], *members["warm"]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ada", "bo", "cy"]
    assert ax.get_title(loc="left") == "The team knows 8 people and has met 7; 5 of those through one member only"


def test_a_suppressed_reach_is_marked_not_drawn_as_zero(team):
    reach = netlib.team_reach(team, viewer="ada")  # every member's count is under 5: suppressed
    assert reach.drop(index="team")[["known", "only", "warm"]].isna().all().all()
    ax = plot_team_reach(reach)
    labels = [t.get_text() for t in ax.texts]
    assert labels.count(f"<{MIN_GROUP}") == 9 and "0" not in labels
    assert f"fewer than {MIN_GROUP}" in ax.get_xlabel()


def test_team_overlap_cells_hold_the_counts(team):
    overlap = netlib.team_overlap(team)
    ax = plot_team_overlap(overlap)
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert cells == {(i, j): str(overlap.iloc[i, j]) for i in range(3) for j in range(3)}
    assert overlap.loc["ada", "bo"] == 2 and cells[(0, 1)] == "2"  # Dan and Finn, by hand


def test_suppressed_overlap_cells_are_marked_and_hatched(team):
    overlap = netlib.team_overlap(team, viewer="bo")
    ax = plot_team_overlap(overlap)
    texts = [t.get_text() for t in ax.texts]
    assert texts == [f"<{MIN_GROUP}"] * 9  # 1 to 4 people each: none drawn as 0
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 9


def test_overlap_with_zero_and_suppressed_cells_tells_them_apart():
    overlap = pd.DataFrame([[12, pd.NA], [pd.NA, 0]], index=pd.Index(["a", "b"], name="member"),
                           columns=pd.Index(["a", "b"], name="member"), dtype="Int64")
    ax = plot_team_overlap(overlap)
    assert [t.get_text() for t in ax.texts] == ["12", f"<{MIN_GROUP}", f"<{MIN_GROUP}", "0"]
    assert len([p for p in ax.patches if p.get_hatch()]) == 2


def test_sole_holders_bars_are_the_per_member_counts(team):
    sole = netlib.sole_holders(team)
    per = per_member(sole)  # by hand: bo holds Finn and Gia (Gia going cold), cy Eve and Ida
    assert per.to_dict("index") == {"ada": {"sole_warm": 0, "going_cold": 0}, "bo": {"sole_warm": 2, "going_cold": 1},
                                    "cy": {"sole_warm": 2, "going_cold": 0}}
    ax = plot_sole_holders(sole)
    n = len(per)
    cold, steady = np.array(_widths(ax)[:n]), np.array(_widths(ax)[n:])
    assert cold.tolist() == per["going_cold"].tolist()
    assert (cold + steady).tolist() == per["sole_warm"].tolist()
    top_down = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in top_down] == ["ada", "bo", "cy"]  # the first member on top


def test_a_viewers_sole_holders_mark_the_others_suppressed(team):
    sole = netlib.sole_holders(team, viewer="ada")
    ax = plot_sole_holders(sole)
    labels = [t.get_text() for t in ax.texts]
    # ada's own count; Bo's, whose two ties the list below names (he shares names); Cy's, who shares none
    assert labels == ["0 (0 going cold)", "2 (1 going cold)", f"<{MIN_GROUP}"]
    assert _widths(ax)[2] == 0 and _widths(ax)[5] == 0 and _widths(ax)[1] + _widths(ax)[4] == 2


@pytest.mark.parametrize("draw,why", [
    (lambda t: plot_team_reach(netlib.team_reach(t).iloc[:0]), "No member"),
    (lambda t: plot_team_overlap(netlib.team_overlap(t).iloc[:0, :0]), "No member"),
    (lambda t: plot_sole_holders(netlib.sole_holders(t, company="Kilo")), "No warm tie is held by one member only"),
])
def test_an_empty_table_gives_a_chart_that_says_why(team, draw, why):
    ax = draw(team)
    assert not ax.patches and any(why in t.get_text() for t in ax.texts)


def test_the_charts_draw_on_the_axes_given(team):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3)
    assert plot_team_reach(netlib.team_reach(team), ax=axes[0]) is axes[0]
    assert plot_team_overlap(netlib.team_overlap(team), ax=axes[1]) is axes[1]
    assert plot_sole_holders(netlib.sole_holders(team), ax=axes[2]) is axes[2]
    plt.close(fig)


# --- what a page shows (team_page) -----------------------------------------------------------------------

def _texts(page) -> str:
    """Every text of every table a page shows, and its sentences."""
    out = [page.heading, *page.notes.values()]
    for section in ("reach", "overlap", "best", "paths", "sole", "own", "buckets", "shared"):
        t = page.table(section)
        out += [str(v) for v in t.to_numpy(dtype=object).ravel()] + [str(v) for v in t.index]
    return " | ".join(out)


def test_the_team_page_names_only_contacts_of_members_who_share_names(team):
    page = netlib.team.team_page(team)  # Bo shares names; Ada and Cy do not
    text = _texts(page)
    for private in ["Tess Tran", "Eve Evans", "Ida Ives", "Kai Kim", "Acme", "India Co", "Kilo"]:
        assert private not in text, private
    assert "Dan Ortiz" in text and "Gia Green" in text  # Bo's
    assert page.paths["strength"].isna().all() and page.sole["strength"].isna().all()  # everyone's ties as buckets
    counts = page.reach.drop(columns=[c for c in page.reach.columns if c.endswith("_share")]).to_numpy(dtype=float)
    assert not ((counts >= 1) & (counts < MIN_GROUP)).any()  # no group under MIN_GROUP
    assert page.best.attrs["left_out"] == 2 and "not listed: fewer than 5 companies where the team knows fewer than 5" in page.note("best")
    assert page.note("paths").startswith("The strongest paths to ") and "the companies the team reaches most" in page.note("paths")
    assert netlib.team.team_page(team, company="Delta Labs").note("paths") == "The strongest paths to Delta Labs, strongest first."


def test_paths_to_people_not_named_are_one_row_whose_count_is_suppressed_below_five(team):
    """A member's paths to people the reader may not see are counted in one row per bucket and kind,
    never one row each, and the count says <5 from 1 to 4 (counted before the page's cut: the rows
    shown give no count away either)."""
    big = copy.copy(team)  # five people at Acme: its paths are shown whoever holds them, names hidden
    big.people = team.people.assign(company=np.where(team.people["name"].isin(["Tess Tran", "Eve Evans", "Ida Ives", "Kai Kim", "Hal Hart"]),
                                                     "Acme", team.people["company"]))
    for page in (netlib.team.team_page(big, company="Acme"), netlib.team.team_page(big, "bo", company="Acme")):
        d = page.paths
        hidden = (d["target_name"] == "(not shared)").to_numpy()
        assert hidden.any() and d.loc[hidden, "paths"].isna().all()  # Cy's two (Eve and Ida), Ada's one (Tess)
        assert (d.loc[~hidden, "paths"] == 1).all()
        assert not d[["company", "member", "bucket", "link", "via_name", "target_name"]][hidden].duplicated().any()
        shown = page.table("paths")
        assert set(shown.loc[hidden, "paths"]) == {"<5"}
        assert shown.loc[hidden, "reason"].str.contains(" has fewer than 5 (?:strong|familiar|weak) paths to people whose names are "
                                                        "not shared with you").all()
        assert not shown["reason"].str.contains(r"\b[1-4] (?:people|paths)\b").any()


def test_a_members_page_adds_their_own_ties_in_full(team):
    page = netlib.team.team_page(team, "ada")
    text = _texts(page)
    assert "Tess Tran" in text and "Eve Evans" not in text  # Ada's own contact; Cy's stays Cy's
    own = page.paths[page.paths["member"] == "ada"]
    assert own["strength"].notna().all() and page.paths.loc[page.paths["member"] != "ada", "strength"].isna().all()
    assert page.view is not None and page.view.viewer == "ada"


def test_a_page_says_why_a_section_is_empty(team):
    page = netlib.team.team_page(team, company="Nowhere Ltd")
    assert page.paths.empty and "Nowhere Ltd" in page.note("paths")
    quiet = netlib.team.team_page(team, segment={"name": "^Kai"})  # Kai Kim was never met: nobody holds a warm tie
    assert quiet.sole.empty and "No warm tie is held by one member only" in quiet.note("sole")


def test_ties_one_member_holds_privately_are_not_said_to_be_none(team):
    page = netlib.team.team_page(team, segment={"name": "^(?:Eve|Ida)"})  # Cy alone holds both, and Cy shares no names
    assert page.sole.empty and per_member(page.sole).loc["cy"].isna().any()
    assert "No warm tie" not in page.note("sole") and "not shared" in page.note("sole")
