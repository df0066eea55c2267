"""Your organisation and your colleagues (#27): internal work is kept in the data, but is no networking.

The hand-worked network (the owner sara@acme.example, so the organisation is acme.example)::

    contacts  cleo@acme.example (colleague), dan@eng.acme.example (colleague: a subdomain),
              olu@client.example, pat@gmail.com, nia@notacme.example (not a colleague: another domain)
    day 0   i1 call,    60 min, cleo          internal (one-to-one)
    day 7   i2 meeting, 30 min, cleo dan      internal (one-to-many)
    day 14  x1 meeting, 45 min, cleo olu      networking: a colleague and an outside person
    day 21  x2 coffee,  90 min, olu           networking
    day 28  x3 talk,   120 min, dan + 40      networking: an audience beyond the colleague
    day 35  x4 coffee,  60 min, nia           networking
    day 42  x5 call,    30 min, pat           networking
"""

import argparse
from dataclasses import replace

import pandas as pd
import pytest

import netlib
from netlib import org, present
from netlib._params import ArgumentError
from netlib.cli import load_options

DAY0 = pd.Timestamp("2024-01-01T10:00Z")

CONTACTS = pd.DataFrame({"contact_id": ["cleo", "dan", "olu", "pat", "nia"], "name": ["Cleo", "Dan", "Olu", "Pat", "Nia"],
                         "email": ["cleo@acme.example", "Dan@Eng.Acme.example", "olu@client.example", "pat@gmail.com",
                                   "nia@notacme.example"]})
MEETINGS = pd.DataFrame({
    "meeting_id": ["i1", "i2", "x1", "x2", "x3", "x4", "x5"],
    "start": [(DAY0 + pd.Timedelta(days=d)).isoformat() for d in (0, 7, 14, 21, 28, 35, 42)],
    "duration_min": [60, 30, 45, 90, 120, 60, 30],
    "channel": ["call", "meeting", "meeting", "coffee", "talk", "coffee", "call"],
    "attendees": ["cleo", "cleo;dan", "cleo;olu", "olu", "dan", "nia", "pat"],
    "audience": ["", "", "", "", "40", "", ""],
})


def org_network(me="sara@acme.example"):
    return netlib.from_frames(CONTACTS, MEETINGS, me=me)


def test_the_organisation_is_the_domain_of_your_own_work_address():
    assert org.org_domains(org_network()) == ("acme.example",)
    net = org_network(["sara@acme.example", "sara.o@gmail.com"])  # a personal address beside it is no organisation
    assert org.org_domains(net) == ("acme.example",)


@pytest.mark.parametrize("domain", ["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
                                    "live.com", "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "mac.com", "aol.com",
                                    "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "btinternet.com",
                                    "orange.fr", "free.fr", "t-online.de"])
def test_a_public_mail_domain_is_never_an_organisation(domain):
    net = org_network(f"ada@{domain}")
    assert org.org_domains(net) == ()
    assert not org.colleagues(net).any() and not org.internal_meetings(net).any()


def test_colleagues_are_at_the_organisation_or_a_subdomain():
    got = org.colleagues(org_network())
    assert got.name == "colleague"
    assert got.to_dict() == {"cleo": True, "dan": True, "olu": False, "pat": False, "nia": False}


def test_internal_meetings_are_those_with_colleagues_only():
    got = org.internal_meetings(org_network())
    assert got.name == "internal"
    assert got[got].index.tolist() == ["i1", "i2"]  # x1 has an outside person, x3 an audience beyond the colleague
    s = org.internal_summary(org_network())
    assert (s["colleagues"], s["meetings"], s["hours"], s["networking_hours"]) == (2, 2, 1.5, 5.75)


def test_a_solo_consultant_with_a_personal_address_changes_nothing():
    net = org_network("ada@gmail.com")  # pat is at gmail.com too: no colleague of hers
    assert org.org_domains(net) == ()
    assert not org.colleagues(net).any() and not org.internal_meetings(net).any()
    e = netlib.effort(net)
    # every meeting counts: one-to-one i1 1 h + x2 1.5 + x4 1 + x5 0.5; one-to-many i2 0.5 + x1 0.75 + x3 2
    assert e["meetings"].to_dict() == {"one_to_many": 3, "one_to_one": 4}
    assert e["hours"].to_dict() == pytest.approx({"one_to_many": 3.25, "one_to_one": 4.0})
    assert present.organisation(net).startswith("No organisation: your addresses are all at public mail domains")


def test_the_organisation_can_be_given_and_is_kept_in_me(tmp_path):
    CONTACTS.to_csv(tmp_path / "contacts.csv", index=False)
    MEETINGS.to_csv(tmp_path / "meetings.csv", index=False)
    net = netlib.load(tmp_path, me="sara@acme.example", org=["@Client.example"])
    assert net.me.org == ("client.example",)
    assert org.org_domains(net) == ("client.example",)  # given: the one found from your address is not added
    assert org.colleagues(net)[lambda s: s].index.tolist() == ["olu"]
    assert org.internal_meetings(net)[lambda s: s].index.tolist() == ["x2"]
    assert netlib.load(tmp_path, me="sara@acme.example").me.org == ()  # not given: found


@pytest.mark.parametrize("bad", ["acme", "", ["acme.com", "not a domain"], 42])
def test_a_given_organisation_that_is_no_domain_is_refused_before_any_file_is_read(bad):
    with pytest.raises(ArgumentError, match=r"load\(\): org must be mail domains such as acme.com"):
        netlib.load("/no/such/folder", org=bad)


def test_org_domain_on_the_command_line_is_load_s_org():
    args = argparse.Namespace(org_domain=["acme.com", "acme.co.uk"])
    assert load_options(args)["org"] == ["acme.com", "acme.co.uk"]
    from netlib.cli import _parser

    got = _parser().parse_args(["summary", "x", "--org-domain", "acme.com", "--org-domain", "acme.co.uk"])
    assert load_options(got)["org"] == ["acme.com", "acme.co.uk"]


def test_the_facts_follow_the_owner_and_the_contacts():
    net = org_network()
    assert org.internal_meetings(net).sum() == 2
    net.me = replace(net.me, org=("client.example",))  # another organisation: worked out again
    assert org.colleagues(net)[lambda s: s].index.tolist() == ["olu"]
    assert org.internal_meetings(net)[lambda s: s].index.tolist() == ["x2"]
    net.me = replace(net.me, org=())
    c = net.contacts.copy()
    c["emails"] = c["emails"].str.replace("olu@client.example", "olu@acme.example")  # Olu joins the company
    net = net.replace(contacts=c)
    assert org.internal_meetings(net)[lambda s: s].index.tolist() == ["i1", "i2", "x1", "x2"]


def test_the_load_page_reports_internal_work_apart():
    text = present.organisation(org_network())
    assert text == ("Your organisation: acme.example (from your own address). 2 contacts are colleagues (an address there). "
                    "2 meetings with colleagues only took 1.5 hours: internal work, kept in your data but not networking "
                    "(no networking hours, effort, plan or next step). Your networking meetings took 5.8 hours.")


def test_people_reached_are_people_met_at_networking_meetings():
    # #27: the front page's "people reached" counted a co-founder's employees, met only at internal work
    meetings = MEETINGS[MEETINGS["meeting_id"].isin(["i1", "i2", "x2"])]
    net = netlib.from_frames(CONTACTS, meetings, me="sara@acme.example")
    assert int(netlib.reach(net).loc["all", "people"]) == 1  # Olu; Cleo and Dan only at internal meetings
    solo = netlib.from_frames(CONTACTS, meetings, me="sara@gmail.com")  # no organisation: every meeting counts
    assert int(netlib.reach(solo).loc["all", "people"]) == 3
