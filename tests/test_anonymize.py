"""Pseudonyms: no name, address or free text left; numbers unchanged."""

import pandas as pd

import netlib
from netlib.anonymize import pseudonymize

from .conftest import DATA


def test_no_personal_value_survives(sample):
    anon = pseudonymize(sample, salt="salt one")
    secrets = set(sample.contacts["name"]) | set(sample.contacts["emails"].str.split(";").explode()) - {""}
    text = pd.concat([anon.contacts.astype(str).stack(), anon.meetings.astype(str).stack(), anon.attendance.astype(str).stack()])
    assert not text.isin(secrets).any()
    assert anon.me.name == "You"


def test_stable_within_a_salt_unlinkable_across(sample):
    a, b, c = pseudonymize(sample, "secret one"), pseudonymize(sample, "secret one"), pseudonymize(sample, "secret two")
    assert a.contacts["name"].equals(b.contacts["name"])
    assert not a.contacts["name"].isin(c.contacts["name"]).any()


def test_analyses_give_identical_numbers(sample):
    anon = pseudonymize(sample, salt="salt two")
    pd.testing.assert_frame_equal(netlib.effort(anon), netlib.effort(sample))
    pd.testing.assert_frame_equal(netlib.reach(anon, by="mode", segment="prospect"), netlib.reach(sample, by="mode", segment="prospect"))
    assert netlib.tie_strength(anon).sort_values().to_numpy().tolist() == netlib.tie_strength(sample).sort_values().to_numpy().tolist()
    assert netlib.status(anon)["status"].value_counts().equals(netlib.status(sample)["status"].value_counts())


def test_problem_values_and_paths_hidden():
    net = netlib.load(DATA / "canonical" / "messy")
    anon = pseudonymize(net, salt="salt two")
    assert not anon.problems["value"].isin(["Carol New", "dave@example.org"]).any()
    assert not anon.problems["source"].astype(str).str.contains("/").any()


import re
import shutil
from pathlib import Path

from netlib.cli import main

EXPORTS = Path(__file__).parent / "data" / "exports"


def _mixed_folder(tmp_path) -> Path:
    """Every real-format fixture that needs no options (attendee lists need an event date)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for p in EXPORTS.iterdir():
        if p.name not in ("eventbrite.csv", "meetup.tsv"):
            shutil.copy(p, folder / p.name)
    return folder


def _secrets(folder: Path) -> set[str]:
    """Every name, e-mail address and URL of the input, found independently of netlib's readers where possible."""
    text = "\n".join(p.read_bytes().decode("utf-8", "ignore").replace("\x00", "") for p in folder.iterdir() if p.suffix != ".zip")
    found = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text)) | set(re.findall(r"https?://[^\s,;\"]+", text))
    net = netlib.load(folder, tz="Europe/London")
    found |= set(net.contacts["name"]) | {net.me.name} | set(net.contacts["url"]) - {""}
    return {s.lower().rstrip("/") for s in found if s and len(s) > 4} - {"https://www.linkedin.com", "http://www.linkedin.com"}


def test_anonymize_command_and_identical_numbers(tmp_path):
    folder = _mixed_folder(tmp_path)
    (tmp_path / "salt").write_text("a secret of mine\n")
    assert main(["anonymize", str(folder), "--out", str(tmp_path / "anon"), "--tz", "Europe/London",
                 "--salt-file", str(tmp_path / "salt")]) == 0
    text = "\n".join(p.read_text() for p in (tmp_path / "anon").glob("*.csv")).lower()
    assert [s for s in _secrets(folder) if s in text] == []
    original = netlib.load(folder, tz="Europe/London")
    back = netlib.load(tmp_path / "anon")
    pd.testing.assert_frame_equal(netlib.effort(back), netlib.effort(original))
    pd.testing.assert_frame_equal(netlib.reach(back, by="mode"), netlib.reach(original, by="mode"))
    assert sorted(netlib.tie_strength(back).round(12)) == sorted(netlib.tie_strength(original).round(12))


def test_report_anonymized_leaks_nothing_from_a_mixed_folder(tmp_path):
    from netlib.report import build_report

    folder = _mixed_folder(tmp_path)
    index = build_report(folder, tz="Europe/London", anonymize=True, out=tmp_path / "out", build=tmp_path / "build",
                         progress=None)
    outputs = list(index.parent.glob("*.html")) + list((tmp_path / "build").glob("*.ipynb"))
    text = "\n".join(p.read_text() for p in outputs).lower()
    leaked = sorted(s for s in _secrets(folder) if s in text)
    assert leaked == []


def test_company_options(sample):
    assert not pseudonymize(sample, "secret xx", companies="pseudonyms").contacts["company"].isin(sample.contacts["company"]).any()
    assert (pseudonymize(sample, "secret xx", companies="drop").contacts["company"] == "").all()


def test_problem_texts_lose_ids_with_spaces_and_paths_with_spaces(sample):
    # problem texts name contacts and places as netlib.model.contact_ref and place_ref write them
    from netlib.model import contact_ref, place_ref

    cid = sample.contacts.index[0]
    extra = pd.DataFrame({"source": ["/home/Jane Roe-Owner/exports/c.csv"] * 2, "line": [3, 4], "column": "attendees",
                          "value": ["x", "y"], "action": "guessed",
                          "problem": ["matched on the display name alone to " + contact_ref("name:zed quux"),
                                      "duplicate id: already loaded from " + place_ref(["/home/Jane Roe-Owner/c.csv"], [2])[0]
                                      + " and " + contact_ref(cid)]})
    net = netlib.Network(sample.contacts, sample.meetings, sample.attendance, pd.concat([sample.problems, extra], ignore_index=True),
                         sample.sources, sample.me)
    text = " ".join(pseudonymize(net, salt="salt two").problems["problem"]).lower()
    assert "zed" not in text and "quux" not in text and "jane" not in text and cid.lower() not in text
    assert "[a file] line 2" in text  # a file the network does not hold: no name of its own to show


def test_without_a_salt_of_ones_own_nobody_can_compute_a_pseudonym(sample, monkeypatch):
    monkeypatch.delenv("NETLIB_SALT", raising=False)
    a, b = pseudonymize(sample), pseudonymize(sample)
    assert not a.contacts["name"].isin(b.contacts["name"]).any()  # a new secret each run: unlinkable
    from netlib.anonymize import pseudonyms

    for guess in ("netlib", "", "salt"):  # the old public default, and the obvious ones
        assert not a.contacts["name"].isin(pseudonyms(sample.contacts["name"], guess, "Contact ")).any()
    monkeypatch.setenv("NETLIB_SALT", "my own secret")
    assert pseudonymize(sample).contacts["name"].equals(pseudonymize(sample).contacts["name"])  # stable when asked


def test_pseudonyms_do_not_collide_at_a_million_contacts():
    from netlib.anonymize import pseudonyms

    names = pd.Series([f"Person {i}" for i in range(1_000_000)])
    tags = pseudonyms(names, "a secret", "Contact ")
    assert len(set(tags)) == len(names) and len(tags[0]) == len("Contact ") + 16


def test_an_export_named_after_its_owner_and_paths_with_spaces_leak_nothing(tmp_path):
    # Google names a calendar export after its owner's address; people keep exports under their own name
    from netlib.report import build_report

    folder = tmp_path / "Jane Roe-Owner" / "exports"
    shutil.copytree(Path(__file__).parent / "data" / "consultant", folder)
    (folder / "Zed Quux.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Quux\r\nEMAIL:zed@quux.example\r\nEND:VCARD\r\n")
    real = netlib.load(folder, me="ada@example.org")
    secrets = (set(real.contacts["name"]) | set(real.contacts["emails"].str.split(";").explode()) | set(real.contacts["url"])
               | {"ada@example.org", "Ada Example", "Zed Quux", "Jane Roe", str(tmp_path)}) - {""}
    secrets = {x.lower() for x in secrets if len(x) > 3}
    out = tmp_path / "report"
    build_report(folder, me="ada@example.org", tz="America/New_York", anonymize=True, out=out, build=tmp_path / "build",
                 progress=None)
    assert main(["anonymize", str(folder), "--me", "ada@example.org", "--out", str(tmp_path / "csv")]) == 0
    import nbformat

    shown = {p.name: p.read_text() for p in [*out.iterdir(), *(tmp_path / "csv").iterdir()] if not p.name.startswith(".")}
    for nb in (tmp_path / "build").glob("*.ipynb"):  # the executed notebooks' outputs (the parameters are the input itself)
        cells = [c for c in nbformat.read(nb, as_version=4).cells if "injected-parameters" not in c.metadata.get("tags", [])]
        shown[nb.name] = nbformat.writes(nbformat.v4.new_notebook(cells=cells))
    leaks = {name: sorted(x for x in secrets if x in text.lower()) for name, text in shown.items()}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_internal_work_stays_internal_under_pseudonyms():
    # an organisation's colleagues got pseudonyms at example.invalid like everyone, and the anonymised
    # report counted internal work as networking again (445.6 h against 142.3 on a co-founder's exports)
    t0 = pd.Timestamp("2024-01-01", tz="UTC")
    contacts = pd.DataFrame({"contact_id": ["k1", "k2", "x1"], "name": ["Kai", "Kim", "Xan"],
                             "email": ["kai@acme.example", "kim@acme.example", "xan@client.example"]})
    rows = [{"meeting_id": f"i{k}", "start": t0 + pd.Timedelta(days=7 * k), "duration_min": 60, "channel": "meeting",
             "attendees": "k1;k2"} for k in range(6)]
    rows += [{"meeting_id": f"c{k}", "start": t0 + pd.Timedelta(days=7 * k + 1), "duration_min": 30, "channel": "coffee",
              "attendees": "x1"} for k in range(4)]
    net = netlib.from_frames(contacts, pd.DataFrame(rows), me="sam@acme.example")
    anon = pseudonymize(net, salt="a long secret")
    assert netlib.effort(anon)["hours"].sum() == netlib.effort(net)["hours"].sum() == 2.0
    assert "acme" not in " ".join(anon.contacts["emails"]) and anon.me.org == ("org.invalid",)
