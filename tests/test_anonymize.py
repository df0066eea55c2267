"""Pseudonyms: no name, address or free text left; numbers unchanged."""

import pandas as pd

import netlib
from netlib.anonymize import pseudonymize

from .conftest import DATA


def test_no_personal_value_survives(sample):
    anon = pseudonymize(sample, salt="s")
    secrets = set(sample.contacts["name"]) | set(sample.contacts["emails"].str.split(";").explode()) - {""}
    text = pd.concat([anon.contacts.astype(str).stack(), anon.meetings.astype(str).stack(), anon.attendance.astype(str).stack()])
    assert not text.isin(secrets).any()
    assert anon.me.name == "You"


def test_stable_within_a_salt_unlinkable_across(sample):
    a, b, c = pseudonymize(sample, "s1"), pseudonymize(sample, "s1"), pseudonymize(sample, "s2")
    assert a.contacts["name"].equals(b.contacts["name"])
    assert not a.contacts["name"].isin(c.contacts["name"]).any()


def test_analyses_give_identical_numbers(sample):
    anon = pseudonymize(sample, salt="x")
    pd.testing.assert_frame_equal(netlib.effort(anon), netlib.effort(sample))
    pd.testing.assert_frame_equal(netlib.reach(anon, by="mode", segment="prospect"), netlib.reach(sample, by="mode", segment="prospect"))
    assert netlib.tie_strength(anon).sort_values().to_numpy().tolist() == netlib.tie_strength(sample).sort_values().to_numpy().tolist()
    assert netlib.status(anon)["status"].value_counts().equals(netlib.status(sample)["status"].value_counts())


def test_problem_values_and_paths_hidden():
    net = netlib.load(DATA / "canonical" / "messy")
    anon = pseudonymize(net, salt="x")
    assert not anon.problems["value"].isin(["Carol New", "dave@example.org"]).any()
    assert not anon.problems["source"].astype(str).str.contains("/").any()
