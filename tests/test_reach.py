"""Reach: distinct people, breakdowns, segment share, growth, second degree."""

import networkx as nx
import pandas as pd
import pytest

import netlib
from netlib.analysis.reach import (
    ME, brokerage, ego_constraint, ego_effective_size, ego_graph, first_met, reach, reach_growth, referral_reach,
)

from .hand import day, hand_network


@pytest.fixture
def net():
    return hand_network()


def test_reach_total_and_by_mode(net):
    assert reach(net).loc["all", "people"] == 4  # e was never met
    by_mode = reach(net, by="mode")["people"].to_dict()
    assert by_mode == {"one_to_many": 4, "one_to_one": 2}  # a and b counted in both modes


def test_reach_window_is_half_open(net):
    assert reach(net, start=day(5), end=day(35)).loc["all", "people"] == 3  # m2, m3
    assert reach(net, start=day(10), end=day(20)).loc["all", "people"] == 3  # m2 in, m3 out
    assert reach(net, start=day(50)).loc["all", "people"] == 0


def test_reach_by_channel_and_period(net):
    assert reach(net, by="channel")["people"].to_dict() == {"breakfast club": 3, "call": 1, "coffee": 1, "webinar": 2}
    assert reach(net, by="month")["people"].to_dict() == {"2024-01": 3, "2024-02": 2}
    with pytest.raises(ValueError, match="by must be one of"):
        reach(net, by="week")


@pytest.mark.parametrize("segment", ["prospect", {"name": "^ann$"}, lambda c: c["name"] == "Ann"])
def test_segment_share(net, segment):
    r = reach(net, segment=segment)
    assert r.loc["all", "segment_people"] == 1 and r.loc["all", "segment_share"] == pytest.approx(0.25)


def test_first_met_and_growth(net):
    f = first_met(net)
    assert f["how"].to_dict() == {"a": "one_to_one", "b": "one_to_many", "c": "one_to_many", "d": "one_to_many", "e": "connection"}
    assert f.loc["d", "first_met"] == day(40)
    g = reach_growth(net)
    assert g.loc["2023-09-01"].to_dict() == {"connection": 1, "one_to_many": 0, "one_to_one": 0}
    assert g.loc["2024-01-01"].to_dict() == {"connection": 1, "one_to_many": 2, "one_to_one": 1}
    assert g.iloc[-1].sum() == 5


def test_ego_graph_edges(net):
    G = ego_graph(net, as_of=day(41))
    ties = {frozenset((u, v)): d["kind"] for u, v, d in G.edges(data=True) if ME not in (u, v)}
    assert ties == {frozenset("ab"): "met together", frozenset("ac"): "met together", frozenset("bc"): "met together",
                    frozenset("cd"): "introduction"}
    assert set(G.neighbors(ME)) == set("abcde")
    assert G.edges["b", "c"]["meetings"] == 1
    # with companies: a and b share company X (already tied), no new pair
    Gc = ego_graph(net, as_of=day(41), company=True)
    assert Gc.number_of_edges() == G.number_of_edges()
    # max_group=2 drops the breakfast table of three
    assert not ego_graph(net, as_of=day(41), max_group=2).has_edge("a", "b")


def test_referral_reach(net):
    r = referral_reach(net, as_of=day(41), segment="prospect")
    # warm at day 41: a, b, c (strength >= 0.5); d only through c; e is cold and unlinked
    assert r["distance"].to_dict() == {"b": 1, "a": 1, "c": 1, "d": 2}
    assert r.loc["d", "via"] == "c"
    assert r["in_segment"].sum() == 1


def test_brokerage_hand_worked(net):
    b = brokerage(net, as_of=day(41))
    # 5 alters with 4 ties among them: effective size n - 2t/n (Borgatti) = 5 - 8/5
    assert b["effective_size"] == pytest.approx(3.4)
    assert b["efficiency"] == pytest.approx(3.4 / 5)
    # Burt's constraint sum_j (p_ij + sum_q p_iq p_qj)^2, p = 1/degree, worked by hand
    assert b["constraint"] == pytest.approx(1767 / 3600)


def test_sample_reach_consistent(sample):
    total = reach(sample).loc["all", "people"]
    assert total == sample.attendance["contact_id"].nunique()
    by_year = reach(sample, by="year")["people"]
    assert by_year.max() <= total <= by_year.sum()


def test_ego_constraint_matches_networkx():
    for seed in range(3):
        G = nx.gnp_random_graph(30, 0.15, seed=seed)
        for ego in (0, 5):
            assert ego_constraint(G, ego) == pytest.approx(nx.constraint(G, [ego])[ego])


def test_no_meetings_reach_nobody():
    empty = netlib.from_frames(pd.DataFrame({"contact_id": ["a"], "name": ["A"]}),
                               pd.DataFrame(columns=["meeting_id", "start", "duration_min", "attendees"]))
    assert netlib.reach(empty)["people"].tolist() == [0]
    assert netlib.reach(empty, by="mode").empty
    assert netlib.effort(empty).empty


def test_first_met_does_not_depend_on_the_order_of_the_meetings():
    net = netlib.load(netlib.datasets.sample_path())
    in_order = first_met(net)
    shuffled = netlib.Network(contacts=net.contacts, meetings=net.meetings.sample(frac=1, random_state=1),
                              attendance=net.attendance, problems=net.problems, sources=net.sources, me=net.me)
    pd.testing.assert_frame_equal(first_met(shuffled), in_order)
    by_start = netlib.Network(contacts=net.contacts, meetings=net.meetings.sort_values("start", kind="stable"),
                              attendance=net.attendance, problems=net.problems, sources=net.sources, me=net.me)
    pd.testing.assert_frame_equal(first_met(by_start), in_order)


def test_growth_runs_to_the_end_of_the_data():
    # met someone new in January, met them again in December: the chart must not stop in January
    c = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"]})
    m = pd.DataFrame({"meeting_id": ["m1", "m2"], "start": ["2024-01-02T10:00Z", "2024-12-02T10:00Z"], "duration_min": 30,
                      "channel": "coffee", "attendees": "a"})
    g = netlib.reach_growth(netlib.from_frames(c, m), freq="month")
    assert g.index.max() == pd.Timestamp("2024-12-01") and g.iloc[-1].sum() == 1


def test_right_people_without_a_segment_shows_the_tags_met(net):
    # people met: a, b, c, d (4); tagged prospect among them: a alone
    r = netlib.right_people(net)
    assert r.index.name == "tag" and r.index.tolist() == ["prospect"]
    assert r.loc["prospect", ["people", "segment_people"]].tolist() == [4, 1]
    assert r.loc["prospect", "segment_share"] == pytest.approx(0.25)
    assert r.attrs["overall"] is None and "No target segment named" in r.attrs["note"] and "--segment" in r.attrs["note"]


def test_right_people_with_a_segment_is_reach_by_channel_and_says_the_share(net):
    r = netlib.right_people(net, "prospect")
    pd.testing.assert_frame_equal(r, reach(net, by="channel", segment="prospect"), check_like=True)
    assert r.attrs["overall"] == pytest.approx(0.25)
    assert r.attrs["note"] == "1 of your contacts is tagged 'prospect'; of the 4 people you met, 1 (25%) is."


def test_right_people_with_a_segment_nobody_is_in_names_the_tags_there_are(net):
    r = netlib.right_people(net, "client")
    assert r.attrs["note"] == "No contact is tagged 'client', so none of your reach can be. Tags in your data: prospect (1)."
    net = net.replace(contacts=net.contacts.assign(tags=""))
    assert "carry no tags" in netlib.right_people(net).attrs["note"]


def test_referral_reach_says_why_nobody_is_at_distance_two(net):
    assert referral_reach(net, as_of=day(41)).attrs["note"] == ("3 close contacts (strength 0.5 or more) could refer you to 1 more person "
                                                                  "they are tied to in your data.")
    r = referral_reach(net, as_of=day(41), max_group=2)  # c;d stays a tie: 1 other person at m5
    net = net.replace(contacts=net.contacts.assign(introduced_by=""))
    alone = referral_reach(net, as_of=day(11), max_group=2)  # a, b warm; c met only at the 3-person breakfast
    assert set(alone["distance"]) == {1} and "nobody beyond them" in alone.attrs["note"]
    assert "no introduction" in alone.attrs["note"] and "at most 2 other people" in alone.attrs["note"]
    assert len(r) >= len(alone)


def test_ego_effective_size_matches_networkx():
    for seed in range(5):
        G = nx.gnp_random_graph(30, 0.15, seed=seed)
        for ego in (0, 7):
            if G.degree(ego):
                assert ego_effective_size(G, ego) == pytest.approx(nx.effective_size(G, [ego])[ego])


def test_the_ego_graph_is_built_once_and_shared_frozen(net):
    G1 = ego_graph(net)
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        G1.remove_node(ME)
    G1.copy().remove_node(ME)  # a copy to change
    referral_reach(net), brokerage(net)
    G2 = ego_graph(net)
    assert G2 is G1 and ME in G2
    first = next(iter(G2.nodes - {ME}))
    net = net.replace(contacts=net.contacts.assign(name=net.contacts["name"].where(net.contacts.index != first, "Someone Else")))
    assert ego_graph(net).nodes[first]["name"] == "Someone Else"  # the data changed: built again


@pytest.mark.parametrize("kwargs", [{}, {"company": True, "segment": "prospect"}, {"max_group": 2, "half_life_days": 30}])
def test_referral_reach_and_brokerage_agree_with_networkx_on_the_graph(sample, kwargs):
    # both work on arrays; the same answers as a breadth-first search and Burt's measures on ego_graph
    G = ego_graph(sample, **kwargs)
    close_view = nx.subgraph_view(G, filter_edge=lambda u, v: ME not in (u, v) or G.nodes[v if u == ME else u]["close"])
    dist = {n: d for n, d in nx.single_source_shortest_path_length(close_view, ME, cutoff=2).items() if n != ME}
    r = referral_reach(sample, **kwargs)
    assert r["distance"].to_dict() == dist and (r["distance"] == 2).any()
    for person, via in r.loc[r["distance"] == 2, "via"].items():  # the strongest close contact tied to them
        ties = [n for n in G.adj[person] if n != ME and G.nodes[n]["close"]]
        assert G.nodes[via]["strength"] == max(G.nodes[n]["strength"] for n in ties)
    assert r["strength"].tolist() == [G.nodes[n]["strength"] for n in r.index]
    order = list(zip(r["distance"], -r["strength"], strict=True))
    assert order == sorted(order)  # by distance, then strongest first
    b = brokerage(sample, **{k: v for k, v in kwargs.items() if k != "segment"})
    assert b["degree"] == G.degree(ME)
    assert b["effective_size"] == pytest.approx(ego_effective_size(G, ME))
    assert b["constraint"] == pytest.approx(ego_constraint(G, ME))


def test_ego_graph_top_keeps_the_strongest_and_the_ties_between_them(sample):
    G, small = ego_graph(sample), ego_graph(sample, top=40)
    strongest = sorted((n for n in G if n != ME), key=lambda n: G.nodes[n]["strength"], reverse=True)[:40]
    assert set(small) - {ME} == set(strongest) and small.graph["left_out"] == G.degree(ME) - 40
    assert [n for n in small] == [n for n in G if n in small]  # in the contacts' order
    assert {frozenset(e) for e in small.edges()} == {frozenset(e) for e in G.subgraph([ME, *strongest]).edges()}
    assert dict(small.nodes(data=True)) == {n: G.nodes[n] for n in small}
    assert "left_out" not in G.graph and ego_graph(sample, top=10**6).graph["left_out"] == 0


def test_the_ego_network_is_of_networking_ties_hand_worked():
    # #27: sara@acme.example; cleo and dan are colleagues. cleo is met only at internal calls (one with dan) and is a
    # LinkedIn connection; dan is also at two client reviews with olu; ivy, a colleague never met, is a connection.
    T = pd.Timestamp("2025-06-30T10:00Z")
    rows = [("c1", 2, "cleo"), ("c2", 9, "cleo;dan"), ("r1", 5, "dan;olu"), ("r2", 40, "dan;olu")]
    contacts = pd.DataFrame({"contact_id": ["cleo", "dan", "olu", "ivy"], "name": ["Cleo", "Dan", "Olu", "Ivy"],
                             "email": ["cleo@acme.example", "dan@acme.example", "olu@client.example", "ivy@acme.example"],
                             "connected_on": ["2024-01-01", "", "", "2024-01-01"]})
    meetings = pd.DataFrame({"meeting_id": [r[0] for r in rows], "start": [(T - pd.Timedelta(days=r[1])).isoformat() for r in rows],
                             "duration_min": 45, "channel": "call", "attendees": [r[2] for r in rows]})
    net = netlib.from_frames(contacts, meetings, me="sara@acme.example")
    G = ego_graph(net, as_of=T, half_life_days=90)
    # cleo: no networking tie, connected or not, and no tie to dan through the internal call; ivy: a connection
    assert set(G) == {ME, "dan", "olu", "ivy"} and [tuple(sorted(e)) for e in G.edges() if ME not in e] == [("dan", "olu")]
    s = 0.3 * (2 ** (-5 / 90) + 2 ** (-40 / 90))  # the two reviews (one-to-many): the internal calls add nothing
    assert G.nodes["dan"]["strength"] == pytest.approx(s) and G.nodes["dan"]["close"] == (s >= 0.5)
    assert "cleo" not in referral_reach(net, as_of=T, half_life_days=90, warm_threshold=0.3).index
    assert brokerage(net, as_of=T)["degree"] == 3


def test_right_people_counts_the_people_reach_counts_not_colleagues_met_only_at_internal_work():
    # tests/test_org.py's network without x1: Cleo is met only at internal work, so 4 people reached, not 5
    from .test_org import CONTACTS, MEETINGS

    net = netlib.from_frames(CONTACTS, MEETINGS[MEETINGS["meeting_id"] != "x1"], me="sara@acme.example")
    tagged = net.replace(contacts=net.contacts.assign(tags="peer"))
    assert int(netlib.reach(tagged).loc["all", "people"]) == 4
    assert netlib.right_people(tagged)["people"].tolist() == [4]
