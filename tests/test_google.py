"""Google Contacts CSV: current (BOM, ::: values, labels) and legacy (UTF-16)."""

import netlib
from netlib.io.google import labels_to_tags

from .conftest import DATA

X = DATA / "exports"


def test_current_export():
    net = netlib.load(X / "google_current.csv")
    ada = net.contacts.loc["ada@example.com"]
    assert ada["emails"] == "ada@example.com;ada.personal@example.org"
    assert (ada["company"], ada["title"], ada["tags"]) == ("Example Labs", "Staff Engineer", "conference")
    assert net.contacts.loc["someone@example.org", "name"] == "someone@example.org"
    assert net.problems[["line", "action"]].values.tolist() == [[6, "skipped row"]]  # the notes spanned lines 2-3


def test_legacy_utf16_export():
    net = netlib.load(X / "google_legacy_utf16.csv")
    assert net.contacts.loc["bram@example.net", "emails"] == "bram@example.net;b.sample@example.org"
    assert net.contacts.loc["ada@example.com", "tags"] == "conference"
    assert net.sources["format"].item() == "Google contacts (legacy)"


def test_system_labels_are_not_tags():
    assert labels_to_tags(__import__("pandas").Series(["* starred ::: Investors ::: Friends"])).tolist() == ["investors;friends"]
