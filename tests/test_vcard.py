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


def test_a_folder_of_one_card_per_person_loads_as_each_file_alone(tmp_path, monkeypatch):
    # address books exported one card per file (Outlook, some phones) are read as one: same Network
    import sys

    import pandas as pd

    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nEND:VCARD\r\n")
    (folder / "b.vcf").write_text("\ufeffBEGIN:VCARD\nVERSION:3.0\nFN:Bo Ray\nEMAIL:bad address\nEND:VCARD\n"
                                  "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Day\n")  # no END: left out, line 6 of b.vcf
    (folder / "c.vcf").write_bytes("BEGIN:VCARD\nVERSION:3.0\nFN:Dörte Ü\nEND:VCARD".encode("cp1252"))
    together = netlib.load(folder)
    monkeypatch.setattr(sys.modules["netlib.io"], "SMALL_FILE_BYTES", 0)
    alone = netlib.load(folder)
    for name in ("contacts", "problems", "sources"):
        pd.testing.assert_frame_equal(getattr(together, name), getattr(alone, name), obj=name)
    p = together.problems.set_index(["source", "line"])
    assert "END:VCARD" in p.loc[(str(folder / "b.vcf"), 6), "problem"]
    assert together.sources["rows_read"].tolist() == [1, 2, 1]
    assert "Dörte Ü" in together.contacts["name"].tolist()
