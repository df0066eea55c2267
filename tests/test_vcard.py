"""vCard: Google and Apple 3.0, Outlook 2.1 quoted-printable, grouped properties, photos."""

import netlib
from netlib.io import read_file
from netlib.model import ProblemLog

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
    (folder / "a.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nREV:20240619T090000Z\r\nEND:VCARD\r\n")
    (folder / "b.vcf").write_text("\ufeffBEGIN:VCARD\nVERSION:3.0\nFN:Bo Ray\nEMAIL:bad address\nREV:2023-01-02\nEND:VCARD\n"
                                  "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Day\n")  # no END: left out, line 7 of b.vcf
    (folder / "c.vcf").write_bytes("BEGIN:VCARD\nVERSION:3.0\nFN:Dörte Ü\nEND:VCARD".encode("cp1252"))
    together = netlib.load(folder)
    monkeypatch.setattr(sys.modules["netlib.io"], "SMALL_FILE_BYTES", 0)
    alone = netlib.load(folder)
    for name in ("contacts", "problems", "sources"):
        pd.testing.assert_frame_equal(getattr(together, name), getattr(alone, name), obj=name)
    p = together.problems.set_index(["source", "line"])
    assert "END:VCARD" in p.loc[(str(folder / "b.vcf"), 7), "problem"]
    assert together.sources["rows_read"].tolist() == [1, 2, 1]
    assert "Dörte Ü" in together.contacts["name"].tolist()
    # each file's newest REV (a card's last revision): the file was written at or after it
    assert together.sources["exported"].tolist() == [pd.Timestamp("2024-06-19 09:00", tz="UTC"), pd.Timestamp("2023-01-02", tz="UTC"), pd.NaT]


def _rows_add_up(net) -> None:
    s = net.sources
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()


def test_lotus_notes_and_exchange_cards_with_a_profile_line(tmp_path):
    # PROFILE:vCard (Lotus Notes) made vobject refuse every card: it says only that the card is a vCard
    net = netlib.load(DATA / "vcard" / "lotus_notes.vcf")
    _rows_add_up(net)
    assert net.contacts.loc["ada@example.com", ["name", "company", "title"]].tolist() == ["Ada Example", "Example Labs", "Staff Engineer"]
    assert len(net.contacts) == 2 and net.problems.empty
    assert netlib.load(DATA / "vcard" / "exchange.vcf").contacts.loc["cy@example.org", "company"] == "Contoso"


def test_quoted_printable_soft_line_breaks_are_joined():
    # Android's 2.1 export breaks a long quoted-printable value with "=" at the line's end and no leading space
    net = netlib.load(DATA / "vcard" / "android_2_1.vcf")
    _rows_add_up(net)
    assert net.contacts.loc["dana@example.org", "name"] == "Dana Möck with a long name that wraps on two lines"
    assert net.problems.empty
    # a broken value ending in "=" on the card's last line is no soft break into END:VCARD
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=ZZ=\r\nEND:VCARD\r\n"
    assert len(read_file(card, "c.vcf", ProblemLog()).contacts) == 1


def test_a_line_vobject_cannot_parse_is_a_problem_not_a_console_message(tmp_path, capfd):
    (tmp_path / "c.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nthis line is junk\r\nEND:VCARD\r\n")
    net = netlib.load(tmp_path / "c.vcf")
    assert net.contacts["name"].tolist() == ["Ann Lee"]
    p = net.problems
    assert p["action"].tolist() == ["cleared"] and p["value"].str.contains("this line is junk").all() and p["line"].tolist() == [1]
    assert "junk" not in capfd.readouterr().err
