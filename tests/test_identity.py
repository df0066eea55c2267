"""Attendee resolution, inferred contacts, names, me."""

import pandas as pd

import netlib
from netlib.identity import make_me, normalize_name

from .conftest import write

HEADER_M = "meeting_id,start,duration_min,attendees\n"


def test_normalize_name():
    got = normalize_name(pd.Series(["  José  GARCÍA", "josé garcía", "Ｊｏｓé García", None]))
    assert got.tolist() == ["josé garcía"] * 3 + [""]


def test_inferred_contacts_are_kept_once_per_person(tmp_path):
    m = write(tmp_path, "m.csv", HEADER_M + "m1,2024-01-01T10:00Z,30,New Person;x@example.org\n"
              "m2,2024-01-02T10:00Z,30,new  person;X@Example.org\n")
    net = netlib.load(m)
    assert sorted(net.contacts.index) == ["inferred:new person", "inferred:x@example.org"]
    assert net.contacts["inferred"].all()
    assert len(net.attendance) == 4
    assert (net.problems["action"] == "inferred").sum() == 2


def test_ambiguous_name_is_guessed_and_recorded(tmp_path):
    c = write(tmp_path, "c.csv", "contact_id,name\na,Kim Lee\nb,Kim Lee\n")
    m = write(tmp_path, "m.csv", HEADER_M + "m1,2024-01-01T10:00Z,30,kim lee\n")
    net = netlib.load(c, m)
    assert net.attendance["contact_id"].tolist() == ["a"]
    p = net.problems.query("action == 'guessed'")
    assert "several contacts" in p["problem"].item() and p["line"].item() == 2


def test_make_me():
    me = make_me(["Pat Owner", "PAT@example.org", "https://www.linkedin.com/in/pat"])
    assert me.emails == ("pat@example.org",)
    assert me.name == "Pat Owner"
    assert "https://www.linkedin.com/in/pat" in me.keys()
