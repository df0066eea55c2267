"""CSV files for a spreadsheet (#31): UTF-8 with a byte-order mark, so that Excel on Windows shows
Chloé and 陈 静; columns a reader acts on (no internal id, no "in segment" without a segment); every
cell that could start a formula neutralised."""

import base64
import io
import re

import pandas as pd
import pytest

import netlib
from netlib import present

BOM = b"\xef\xbb\xbf"


def excel_reads(data: bytes) -> pd.DataFrame:
    """A CSV as Excel on Windows opens it: UTF-8 after a byte-order mark, else the computer's code
    page (Windows-1252 in western Europe)."""
    text = data[3:].decode("utf-8") if data.startswith(BOM) else data.decode("cp1252", errors="replace")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def formula_lines(text: str) -> list[str]:
    """Every row a spreadsheet that ends rows at any CR or LF would start with a formula (the
    byte-order mark is no cell)."""
    return [line for line in re.split(r"[\r\n]", text.lstrip("\ufeff")) if re.match(r'"?[=+\-@\t]', line)]


def steps_frame(**columns) -> pd.DataFrame:
    """A list shaped like :func:`netlib.next_steps`' (its index: netlib's contact ids)."""
    base = {"name": ["Chloé Martin", "陈 静"], "action": ["get in touch this week", "revive"],
            "reason": ["met every month until 3 Mar 2026", "met 12 times until 2021"], "company": ["Acme", ""],
            "email": ["chloe@acme.example", ""], "in_segment": [False, False]}
    index = pd.Index(["chloe@acme.example", "inferred:chen.jing@example.org"], name="contact_id")
    return pd.DataFrame({**base, **columns}, index=index)


@pytest.fixture(scope="module")
def sample():
    return netlib.load_sample()


def test_next_steps_csv_shows_every_name_in_excel(sample):
    steps = netlib.next_steps(sample, contact=20, revive=5)
    assert "陈 静" in set(steps["name"]), "the sample's list must hold a name in another script for the test to mean anything"
    data = present.next_steps_csv(steps).encode("utf-8")
    assert data.startswith(BOM)
    assert excel_reads(data)["name"].tolist() == steps["name"].tolist()
    without = present.next_steps_csv(steps, bom=False).encode("utf-8")
    assert not without.startswith(BOM) and "陈 静" not in excel_reads(without)["name"].tolist()  # what the issue saw


def test_next_steps_csv_has_the_columns_a_reader_acts_on(sample):
    data = present.next_steps_csv(netlib.next_steps(sample)).encode("utf-8")
    back = excel_reads(data)
    assert back.columns.tolist() == ["name", "action", "reason", "company", "email"]  # no id, no "in segment"
    assert not back.apply(lambda c: c.str.startswith("inferred:")).any().any()


def test_no_internal_id_reaches_the_spreadsheet():
    text = present.next_steps_csv(steps_frame())
    assert "inferred:" not in text and "contact id" not in text and "chen.jing@example.org" not in text


def test_in_segment_only_when_a_segment_was_named(sample):
    steps = netlib.next_steps(sample, segment="prospect", contact=20, revive=5)
    assert steps["in_segment"].any() and not steps["in_segment"].all(), "the list must mix for the test to mean anything"
    back = excel_reads(present.next_steps_csv(steps).encode("utf-8"))
    assert back["in segment"].tolist() == ["yes" if x else "no" for x in steps["in_segment"]]

    named = steps_frame()
    named.attrs["segment"] = "prospect"  # named, and nobody listed is in it: the column says so
    assert excel_reads(present.next_steps_csv(named).encode("utf-8"))["in segment"].tolist() == ["no", "no"]
    missing = steps_frame(in_segment=pd.Series([None, True], dtype=object).to_numpy())  # no FutureWarning (an error in tests)
    missing.attrs["segment"] = "prospect"
    assert excel_reads(present.next_steps_csv(missing).encode("utf-8"))["in segment"].tolist() == ["no", "yes"]
    unnamed = steps_frame(in_segment=[True, False])
    unnamed.attrs["segment"] = None
    assert "in segment" not in excel_reads(present.next_steps_csv(unnamed).encode("utf-8"))
    del unnamed.attrs["segment"]  # a list that does not say: no guess from its values
    assert "in segment" not in excel_reads(present.next_steps_csv(unnamed).encode("utf-8"))
    assert netlib.next_steps(sample, contact=2, revive=0).attrs["segment"] is None
    assert netlib.next_steps(sample, contact=2, revive=0, segment="prospect").attrs["segment"] == "prospect"


def test_a_profile_url_when_the_list_has_one():
    with_url = excel_reads(present.next_steps_csv(steps_frame(url=["", "linkedin.com/in/chenjing"])).encode("utf-8"))
    assert with_url["profile"].tolist() == ["", "https://linkedin.com/in/chenjing"]  # a link a browser opens
    assert "profile" not in excel_reads(present.next_steps_csv(steps_frame(url=["", ""])).encode("utf-8"))
    kept = excel_reads(present.next_steps_csv(steps_frame(url=["http://x.example/ann", "javascript:alert(1)"])).encode("utf-8"))
    assert kept["profile"].tolist() == ["http://x.example/ann", ""]  # a web link, nothing else a spreadsheet could open


def _with_profiles() -> netlib.Network:
    contacts = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann Lee", "Bo Ray"]})
    meetings = pd.DataFrame({"meeting_id": [f"m{k}" for k in range(12)],
                             "start": [f"2024-{1 + k // 2:02d}-{3 + 14 * (k % 2):02d}T10:00Z" for k in range(12)],
                             "duration_min": 60, "attendees": ["a;b" if k % 2 else "a" for k in range(12)], "channel": "coffee"})
    net = netlib.from_frames(contacts, meetings)  # (netlib's contacts.csv carries no profile: a LinkedIn export's, as loaded)
    return net.replace(contacts=net.contacts.assign(url=["linkedin.com/in/ann-lee", ""]))


def test_next_steps_carry_the_profile_and_an_anonymised_list_hides_it():
    net = _with_profiles()
    steps = netlib.next_steps(net, as_of="2024-08-15")
    assert steps.loc["a", "url"] == net.contacts.loc["a", "url"] != "" and steps.loc["b", "url"] == ""
    back = excel_reads(present.next_steps_csv(steps).encode("utf-8")).set_index("name")
    assert back.loc["Ann Lee", "profile"] == "https://" + net.contacts.loc["a", "url"] and back.loc["Bo Ray", "profile"] == ""
    anon = netlib.anonymize.pseudonymize(net, salt="a secret of mine")
    steps = netlib.next_steps(anon, as_of="2024-08-15")
    assert steps["url"].str.endswith(tuple("0123456789abcdef")).sum() == 1  # the pseudonym, as in the anonymised contacts
    text = present.next_steps_csv(steps)
    assert "profile" not in excel_reads(text.encode("utf-8")) and "ann-lee" not in text and ".invalid" not in text


def test_every_cell_that_could_start_a_formula_is_neutralised():
    hostile = steps_frame(name=["=HYPERLINK(\"http://x\")", "@SUM(1)"], company=["Acme\r=1+1", "+1"],
                          email=["-2@x.example", "\t=1"], reason=["a\n=cmd|' /C calc'!A0", "ok"], url=["=1", "x"])
    hostile.attrs["segment"] = "prospect"
    text = present.next_steps_csv(hostile)
    assert "Acme\r'=1+1" in text and formula_lines(text) == []
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert back["name"].tolist() == ["'=HYPERLINK(\"http://x\")", "'@SUM(1)"]  # the text kept, made harmless


def test_the_downloads_in_a_page_carry_the_mark(sample):
    steps = netlib.next_steps(sample, contact=3, revive=0)
    html = present.downloads(steps, day="2026-12-07").html
    csv = base64.b64decode(re.search(r'download="next_steps.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1))
    assert csv.startswith(BOM) and excel_reads(csv)["name"].tolist() == steps["name"].tolist()
    assert "3 reminders" in html
    assert "1 reminder from" in present.downloads(steps.head(1), day="2026-12-07").html  # not "1 reminders"
    table = present.show(pd.DataFrame({"name": ["Chloé", "陈 静", "=1+1"] * 10}), max_rows=5)
    carried = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", table.html).group(1))
    assert carried.startswith(BOM) and excel_reads(carried)["name"].tolist()[:3] == ["Chloé", "陈 静", "'=1+1"]


def test_write_csv_for_a_spreadsheet_loads_back_the_same(tmp_path, sample):
    plain = netlib.write_csv(sample, tmp_path / "plain")
    marked = netlib.write_csv(sample, tmp_path / "marked", encoding="utf-8-sig")
    assert not any(p.read_bytes().startswith(BOM) for p in plain)  # netlib's own: parsed from the bytes, never decoded
    assert all(p.read_bytes().startswith(BOM) for p in marked)
    names = excel_reads(marked[0].read_bytes())["name"]
    assert {"Chloé Fraser", "陈 静"} <= set(names)
    a, b = netlib.load(tmp_path / "plain"), netlib.load(tmp_path / "marked")
    assert b.problems.empty and b.sources["rows_skipped"].sum() == 0
    for table in ("contacts", "meetings"):
        cols = [c for c in getattr(a, table).columns if c != "file"]
        pd.testing.assert_frame_equal(getattr(a, table)[cols], getattr(b, table)[cols])
    pd.testing.assert_frame_equal(a.attendance, b.attendance)
    with pytest.raises(ValueError, match="encoding must be one of 'utf-8', 'utf-8-sig'; got 'cp1252'"):
        netlib.write_csv(sample, tmp_path / "other", encoding="cp1252")
