"""vCard: Google and Apple 3.0, Outlook 2.1 quoted-printable, grouped properties, photos."""

import netlib

from .conftest import DATA


def test_cards():
    net = netlib.load(DATA / "exports" / "contacts.vcf")
    c = net.contacts
    assert c.loc["ada@example.com", "emails"] == "ada@example.com;ada.personal@example.org"
    assert c.loc["ada@example.com", "tags"] == "conference"  # myContacts and starred are system labels
    assert c.loc["bram@example.net", "company"] == "Sample & Co"  # item1.ORG
    assert c.loc["chidi@example.org", ["company", "url"]].tolist() == ["Placeholder Analytics", "linkedin.com/in/chidi-placeholder"]
    assert c.loc["dana.mock@example.org", "name"] == "Dana Möck"  # quoted-printable UTF-8
    assert net.sources[["rows_read", "rows_kept"]].values.tolist() == [[4, 4]]
    assert sorted(c["line"].tolist()) == [1, 13, 23, 37]


def test_vcard_4():
    c = netlib.load(DATA / "exports" / "contacts_v4.vcf").contacts.loc["eli@example.org"]
    assert (c["name"], c["company"], c["title"], c["tags"]) == ("Eli Sample", "Sample Robotics", "Engineer", "peer;conference")
