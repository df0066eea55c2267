"""LinkedIn export: Connections (four versions), messages (current and 2018), Invitations, the zip."""

import pandas as pd
import pytest

import netlib
from netlib import DataError

from .conftest import DATA

X = DATA / "exports"


def test_connections_current_with_preamble():
    net = netlib.load(X / "Connections_2025.csv")
    c = net.contacts.set_index("url")
    assert len(c) == 5
    ada = c.loc["linkedin.com/in/ada-example-4f2a91"]
    assert (ada["name"], ada["company"], ada["title"]) == ("Ada Example", "Example Labs, Inc.", "Staff Engineer")
    assert ada["connected_on"] == pd.Timestamp("2025-03-04", tz="UTC")
    assert c.loc["linkedin.com/in/bramsample", "name"] == "Bram Sample"  # trailing space in the first name
    assert c.loc["linkedin.com/in/bramsample", "email"] == "bram.sample@example.com"
    assert c.loc["linkedin.com/in/dana-mock", "name"] == "Dana Mock, PhD"
    assert c.loc["linkedin.com/in/zo%c3%ab-angstrom", "name"] == "Zoë Ångström"
    assert "王" in c.loc["linkedin.com/in/wang-fang", "name"]
    # the deleted member: a skipped row on the editor's line 10 (preamble of 3 lines, header on line 4)
    p = net.problems
    assert p[["line", "column", "action"]].values.tolist() == [[10, "Connected On", "skipped row"]]
    assert net.sources[["rows_read", "rows_kept", "rows_skipped"]].values.tolist() == [[6, 5, 1]]


def test_the_newest_connection_shows_when_the_export_was_made():
    # no meeting in a connections file: the figures' moment is the newest connection, not today
    net = netlib.load(X / "Connections_2025.csv")
    newest = net.contacts["connected_on"].max()
    assert newest == pd.Timestamp("2025-03-04", tz="UTC")  # Ada's, the newest date in the file
    assert net.sources["exported"].item() == newest and netlib._facts.as_of(net) == newest


@pytest.mark.parametrize(
    "name,dates",
    [
        ("Connections_2021.csv", ["2021-11-28", "2021-09-03"]),
        ("Connections_2018.csv", ["2018-01-08", "2017-11-17"]),
        ("Connections_excel.csv", ["2022-08-29", "2022-08-27"]),
    ],
)
def test_connection_versions_and_date_styles(name, dates):
    net = netlib.load(X / name)
    got = sorted(str(d.date()) for d in net.contacts["connected_on"])
    assert got == sorted(dates)
    assert (net.contacts["source"] == "linkedin").all()


def test_urn_placeholder_is_not_an_email():
    net = netlib.load(X / "Connections_2018.csv")
    p = net.problems.iloc[0]
    assert (p["line"], p["column"], p["value"], p["action"]) == (3, "Email Address", "urn:li:member:100000001", "cleared")


def test_messages_become_interactions_per_conversation_day():
    net = netlib.load(X / "messages.csv", message_minutes=4)
    m = net.meetings
    assert len(m) == 3  # 2-AAA on two days, 2-BBB once; sponsored, draft, hidden member and bad date left out
    assert set(m["channel"]) == {"message"}
    one = m.loc["linkedin-message:2-AAA==:2025-10-06"]
    assert one["start"] == pd.Timestamp("2025-10-06T23:41:10Z") and one["duration_min"] == 8  # 2 messages x 4 min
    assert one["mode"] == "one_to_one"
    assert m.loc["linkedin-message:2-BBB==:2025-09-01", "mode"] == "one_to_many"
    names = set(net.contacts["name"])
    assert {"Bram Sample", "Ada Example", "Chidi Placeholder"} <= names  # Chidi's name paired from TO
    assert "LinkedIn Member" not in names and "Pat Owner" not in names
    assert net.me.name == "Pat Owner" and "inferred" in net.me.how
    problems = set(net.problems.loc[net.problems.action == "skipped row", "problem"])
    assert any("draft" in p for p in problems) and any("sponsored" in p for p in problems)
    assert any("hidden LinkedIn member" in p for p in problems)
    s = net.sources.iloc[0]
    assert (s["rows_read"], s["rows_kept"], s["rows_skipped"]) == (9, 5, 4)


def test_messages_2018_and_owner_from_direction():
    net = netlib.load(X / "messages_2018.csv", tz="UTC")
    assert net.me.name == "Pat Owner"
    assert net.meetings["mode"].tolist() == ["one_to_one"]
    assert net.meetings["start"].iloc[0] == pd.Timestamp("2018-03-02T09:15Z")


def test_invitations_date_a_connection():
    net = netlib.load(X / "Invitations.csv")
    c = net.contacts.set_index("url")
    assert c.loc["linkedin.com/in/bramsample", "connected_on"] == pd.Timestamp("2023-09-27", tz="UTC")
    assert "Pat Owner" not in set(c["name"])


def test_the_export_zip():
    net = netlib.load(X / "Complete_LinkedInDataExport_10-07-2025.zip")
    formats = net.sources.set_index(net.sources["source"].str.rsplit("/", n=1).str[-1])["format"]
    assert formats.to_dict() == {"Connections.csv": "LinkedIn connections", "messages.csv": "LinkedIn messages",
                                 "Profile.csv": "not recognised"}
    # messages resolve to the connections by profile URL: Bram is one contact
    bram = net.contacts[net.contacts["name"] == "Bram Sample"]
    assert len(bram) == 1 and not bram["inferred"].any()
    assert set(net.attendance["contact_id"]) >= set(bram.index)


def test_strict_raises_on_the_deleted_member():
    with pytest.raises(DataError, match="line 10, column 'Connected On': a deleted or hidden LinkedIn member"):
        netlib.load(X / "Connections_2025.csv", strict=True)


def test_messages_2022_header_without_recipient_urls():
    net = netlib.load(X / "messages_2022.csv")
    assert len(net.meetings) == 2 and (net.meetings["mode"] == "one_to_one").all()
    assert net.me.name == "Pat Owner"
    assert {"Ada Example", "Bram Sample"} <= set(net.contacts["name"])
