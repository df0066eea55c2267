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
    assert main(["anonymize", str(folder), "--out", str(tmp_path / "anon"), "--tz", "Europe/London", "--salt", "s3"]) == 0
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
    assert not pseudonymize(sample, "x", companies="pseudonyms").contacts["company"].isin(sample.contacts["company"]).any()
    assert (pseudonymize(sample, "x", companies="drop").contacts["company"] == "").all()


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
    text = " ".join(pseudonymize(net, salt="x").problems["problem"]).lower()
    assert "zed" not in text and "quux" not in text and "jane" not in text and cid.lower() not in text
    assert "[c.csv] line 2" in text
