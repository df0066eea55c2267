"""Loading canonical CSVs: parsed values, the bad-input contract, row accounting."""

import sys

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib import DataError

from .conftest import DATA, write

CANON = DATA / "canonical"
HEADER_M = "meeting_id,start,end,duration_min,channel,title,location,attendees,audience\n"
HEADER_C = "contact_id,name,email\n"


@pytest.fixture
def ok():
    return netlib.load(CANON / "contacts_ok.csv", CANON / "meetings_ok.csv", tz="Europe/London")


def test_contacts_values(ok):
    c = ok.contacts
    assert list(c.index[:3]) == ["a", "b", "c"]
    assert c.loc["b", "email"] == "bob@example.org"
    assert c.loc["b", "emails"] == "bob@example.org;bob@work.example"
    assert c.loc["b", "tags"] == "peer;investor"
    assert c.loc["b", "introduced_by"] == "a"
    assert c.loc["c", "company"] == "Chen & Co"
    assert c.loc["a", "connected_on"] == pd.Timestamp("2023-01-05", tz="UTC")
    assert pd.isna(c.loc["c", "connected_on"])
    assert not c["inferred"].any()


def test_meetings_times_modes_and_durations(ok):
    m = ok.meetings
    # offset kept; naive read in Europe/London (GMT in early March)
    assert m.loc["m1", "start"] == pd.Timestamp("2024-03-04T09:00Z")
    assert m.loc["m3", "start"] == pd.Timestamp("2024-03-07T08:00Z")
    assert str(m["start"].dt.tz) == "UTC"
    assert m.loc["m1", "duration_min"] == 60
    assert m.loc["m2", "end"] == pd.Timestamp("2024-03-05T09:30Z")
    assert m.loc["m3", "duration_min"] == 90  # breakfast club default
    assert m["channel"].tolist()[1] == "call"
    assert m["mode"].to_dict() == {
        "m1": "one_to_one", "m2": "one_to_one", "m3": "one_to_many", "m4": "one_to_many", "m5": "solo",
    }
    assert m["n_people"].tolist() == [1, 1, 3, 0, 0]
    assert m.loc["m4", "audience"] == 420


def test_attendees_resolved_by_id_email_and_name(ok):
    att = ok.attendance
    assert set(att.loc[att.meeting_id == "m3", "contact_id"]) == {"a", "b", "c"}
    assert att.loc[att.meeting_id == "m2", "contact_id"].tolist() == ["b"]  # matched by e-mail
    assert len(att) == 5


def test_defaulted_durations_are_counted_and_recorded(ok):
    assert ok.defaulted["duration_min"] == 1
    row = ok.problems.query("action == 'defaulted'").iloc[0]
    assert row["line"] == 4 and row["column"] == "duration_min" and "default" in row["problem"]
    assert ok.summary()["durations_defaulted"] == 1


def test_messy_folder_every_problem_recorded():
    net = netlib.load(CANON / "messy", tz="Europe/London")
    p = net.problems
    got = {(r.source.rsplit("/", 1)[-1], r.line, r.column, r.action) for r in p.itertuples()}
    expected = {
        ("contacts.csv", 5, "name", "skipped row"),
        ("contacts.csv", 4, "contact_id", "skipped row"),
        ("contacts.csv", 3, "email", "cleared"),
        ("contacts.csv", 3, "connected_on", "cleared"),
        ("contacts.csv", 6, "introduced_by", "cleared"),
        ("meetings.csv", 7, "start", "skipped row"),
        ("meetings.csv", 8, "end", "skipped row"),
        ("meetings.csv", 10, "duration_min", "skipped row"),
        ("meetings.csv", 11, "meeting_id", "skipped row"),
        ("meetings.csv", 12, None, "skipped row"),
        ("meetings.csv", 6, "duration_min", "defaulted"),
        ("meetings.csv", 9, "duration_min", "defaulted"),
        ("meetings.csv", 3, "attendees", "inferred"),
        ("meetings.csv", 6, "attendees", "inferred"),
        ("meetings.csv", 6, "attendees", "repaired"),
        ("notes.txt", None, None, "not loaded"),
    }
    got = {(s, None if pd.isna(ln) else ln, None if pd.isna(c) else c, a) for s, ln, c, a in got}
    assert got == expected
    dup = p[(p.column == "meeting_id") & (p.action == "skipped row")].iloc[0]
    assert dup["value"] == "m1" and "line 2" in dup["problem"]
    assert "Carol New" in net.contacts["name"].tolist()
    assert net.contacts.loc["inferred:dave@example.org", "inferred"]


def test_rows_read_equals_kept_plus_skipped():
    net = netlib.load(CANON / "messy", CANON / "contacts_ok.csv")
    s = net.sources[net.sources.format != "not recognised"]
    assert (s.rows_read == s.rows_kept + s.rows_skipped).all()
    # independently of the sources table: every row kept is a contact, a record merged into one, or a meeting
    lines = pd.concat([net.contacts.loc[~net.contacts["inferred"], ["file", "line"]], net.merges[["file", "line"]],
                       net.meetings[["file", "line"]]]).drop_duplicates()
    for row in s.itertuples():
        kept = (lines["file"] == row.source).sum()
        skipped = net.problems[(net.problems.source == row.source) & (net.problems.action == "skipped row")]
        assert row.rows_read == kept + skipped["line"].nunique()
    assert s["rows_read"].tolist() == [5, 9, 3]
    # Ada is in both contact files with the same address: one contact, listed in merges, reachable by both ids
    ada = net.merges[net.merges["name"] == "Ada Lovelace"]
    assert len(ada) == 2 and set(ada["on"]) == {"e-mail or profile URL"}
    assert net.contacts.loc[ada["contact_id"].iloc[0], "emails"] == "ada@example.org;ada2@example.org"


def test_line_numbers_with_quoted_newlines_and_blank_lines(tmp_path):
    text = HEADER_M + 'm1,2024-01-01T10:00Z,,30,call,"a\nb\nc",,x,\n\n\nm2,nope,,,,,,,\n'
    net = netlib.load(write(tmp_path, "m.csv", text))
    assert net.meetings.loc["m1", "line"] == 2
    assert net.meetings.loc["m1", "title"] == "a\nb\nc"
    assert net.problems.query("column == 'start'")["line"].item() == 7


def test_crlf_and_utf8_bom(tmp_path):
    text = ("\ufeff" + HEADER_C + "a,Zoë,z@example.org\n").replace("\n", "\r\n")
    net = netlib.load(write(tmp_path, "c.csv", text.encode("utf-8")))
    assert net.contacts.loc["a", "name"] == "Zoë"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_other_encodings(tmp_path, encoding):
    net = netlib.load(write(tmp_path, "c.csv", (HEADER_C + "a,Zoë Ångström,z@example.org\n").encode(encoding)))
    assert net.contacts.loc["a", "name"] == "Zoë Ångström"


# --- always an error -------------------------------------------------------

def test_missing_path():
    with pytest.raises(FileNotFoundError, match="no such file"):
        netlib.load(CANON / "nope.csv")


def test_missing_required_column_names_it_and_suggests(tmp_path):
    p = write(tmp_path, "m.csv", "meeting_id,Start,channel\nm1,2024-01-01,call\n")
    with pytest.raises(DataError) as e:
        netlib.load(p)
    msg = str(e.value)
    assert "m.csv" in msg and "line 1" in msg and "'start'" in msg and "Rename column 'Start' to 'start'" in msg
    assert e.value.column is None and e.value.line == 1


def test_empty_file(tmp_path):
    with pytest.raises(DataError, match=r"e\.csv: the file is empty"):
        netlib.load(write(tmp_path, "e.csv", "  \n"))


def test_binary_file(tmp_path):
    with pytest.raises(DataError, match="not a text file"):
        netlib.load(write(tmp_path, "x.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_corrupt_zip(tmp_path):
    with pytest.raises(DataError, match="zip archive that cannot be opened"):
        netlib.load(write(tmp_path, "export.zip", b"PK\x03\x04\x00\x00broken"))


def test_bytes_fitting_no_encoding(tmp_path):
    with pytest.raises(DataError, match="fit none of the encodings"):
        netlib.load(write(tmp_path, "x.csv", HEADER_C.encode() + b"a,\x81\x8d\x8f,x\n"))


def test_header_only_has_no_usable_row(tmp_path):
    with pytest.raises(DataError, match="line 2: the file has a header but no data rows"):
        netlib.load(write(tmp_path, "c.csv", HEADER_C))


def test_no_usable_row_after_skipping(tmp_path):
    with pytest.raises(DataError, match="no usable row"):
        netlib.load(write(tmp_path, "m.csv", HEADER_M + "m1,never,,,,,,,\n,2024-01-01,,,,,,,\n"))


def test_unclosed_quote(tmp_path):
    with pytest.raises(DataError, match='line 3: a quoted field is never closed'):
        netlib.load(write(tmp_path, "c.csv", HEADER_C + "a,Ada,a@example.org\nb,\"Bob,b@example.org\n"))


def test_unrecognised_file_given_explicitly(tmp_path):
    with pytest.raises(DataError, match="not a format netlib recognises"):
        netlib.load(write(tmp_path, "x.csv", "foo,bar\n1,2\n"))


def test_folder_with_nothing_recognised(tmp_path):
    write(tmp_path, "x.csv", "foo,bar\n1,2\n")
    with pytest.raises(DataError, match="recognises"):
        netlib.load(tmp_path)


# --- bad rows and values: skipped or cleared, strict raises --------------------

BAD_ROWS = [
    ("m1,tomorrow,,30,call,,,x,\n", "start", "start is not a date-time", "tomorrow"),
    ("m1,2024-01-01T10:00Z,,-5,call,,,x,\n", "duration_min", "negative duration", "-5"),
    ("m1,2024-01-01T10:00Z,2024-01-01T09:00Z,,call,,,x,\n", "end", "end is before start", "2024-01-01T09:00Z"),
    (",2024-01-01T10:00Z,,5,call,,,x,\n", "meeting_id", "meeting_id is empty", ""),
]


@pytest.mark.parametrize("row,column,problem,value", BAD_ROWS)
def test_bad_meeting_row_is_skipped_and_recorded(tmp_path, row, column, problem, value):
    good = "m0,2024-01-01T08:00Z,,30,call,,,x,\n"
    net = netlib.load(write(tmp_path, "m.csv", HEADER_M + good + row))
    assert list(net.meetings.index) == ["m0"]
    p = net.problems.query("action == 'skipped row'")
    assert p[["line", "column", "value"]].values.tolist() == [[3, column, value]]
    assert problem in p["problem"].item()
    with pytest.raises(DataError) as e:
        netlib.load(write(tmp_path, "m.csv", HEADER_M + good + row), strict=True)
    assert "m.csv, line 3" in str(e.value) and problem in str(e.value) and repr(value) in str(e.value)


def test_duplicate_id_strict(tmp_path):
    p = write(tmp_path, "c.csv", HEADER_C + "a,Ada,\na,Again,\n")
    assert netlib.load(p).problems["problem"].str.contains("duplicate id").sum() == 1
    with pytest.raises(DataError, match="c.csv, line 3, column 'contact_id': duplicate id: the same id is already on line 2"):
        netlib.load(p, strict=True)


@pytest.mark.parametrize(
    "text,column,value",
    [
        ("contact_id,name,connected_on\na,Ada,last spring\n", "connected_on", "last spring"),
        ("contact_id,name,introduced_by\na,Ada,zz\n", "introduced_by", "zz"),
        ("contact_id,name,email\na,Ada,ada-at-example\n", "email", "ada-at-example"),
    ],
)
def test_bad_optional_value_is_cleared_row_kept(tmp_path, text, column, value):
    net = netlib.load(write(tmp_path, "c.csv", text))
    assert list(net.contacts.index) == ["a"]
    p = net.problems
    assert p[["line", "column", "value", "action"]].values.tolist() == [[2, column, value, "cleared"]]
    cleared = net.contacts.loc["a", column if column != "email" else "emails"]
    assert pd.isna(cleared) or cleared == ""
    with pytest.raises(DataError, match=f"line 2, column '{column}'"):
        netlib.load(write(tmp_path, "c.csv", text), strict=True)


def test_too_many_fields(tmp_path):
    net = netlib.load(write(tmp_path, "c.csv", HEADER_C + "a,Ada,a@example.org\nb,Bob,b@example.org,oops\n"))
    assert list(net.contacts.index) == ["a"]
    assert "the row has 4 fields but the header has 3 fields" in net.problems["problem"].item()


def test_short_rows_are_padded(tmp_path):
    net = netlib.load(write(tmp_path, "c.csv", HEADER_C + "a,Ada\n"))
    assert net.contacts.loc["a", "email"] == ""


def test_dst_ambiguous_local_time_is_guessed_and_recorded(tmp_path):
    net = netlib.load(write(tmp_path, "m.csv", HEADER_M + "m1,2024-10-27 01:30,,30,call,,,x,\n"), tz="Europe/London")
    assert net.meetings.loc["m1", "start"] == pd.Timestamp("2024-10-27T01:30Z")  # GMT, the standard time
    assert net.problems.query("action == 'guessed'")["line"].item() == 2


# --- me ------------------------------------------------------------------

def test_me_is_never_a_contact_nor_an_attendee(tmp_path):
    c = write(tmp_path, "c.csv", HEADER_C + "me,Pat Owner,pat@example.org\na,Ada,ada@example.org\n")
    m = write(tmp_path, "m.csv", HEADER_M + "m1,2024-01-01T10:00Z,,30,call,,,PAT@example.org;a,\nm2,2024-01-02T10:00Z,,30,call,,,pat owner;me;a,\n")
    net = netlib.load(c, m, me="pat@example.org")
    assert list(net.contacts.index) == ["a"]
    assert net.attendance["contact_id"].tolist() == ["a", "a"]
    assert (net.meetings["mode"] == "one_to_one").all()
    assert net.me.removed == 3
    assert net.sources["rows_read"].tolist() == [2, 2]
    assert (net.sources.rows_read == net.sources.rows_kept + net.sources.rows_skipped).all()


def test_from_frames_matches_files():
    c = pd.read_csv(CANON / "contacts_ok.csv", dtype=str, keep_default_na=False)
    m = pd.read_csv(CANON / "meetings_ok.csv", dtype=str, keep_default_na=False)
    a = netlib.from_frames(c, m, tz="Europe/London")
    b = netlib.load(CANON / "contacts_ok.csv", CANON / "meetings_ok.csv", tz="Europe/London")
    cols = [x for x in a.meetings.columns if x != "file"]
    pd.testing.assert_frame_equal(a.meetings[cols], b.meetings[cols])
    pd.testing.assert_frame_equal(a.attendance, b.attendance)


def test_write_csv_round_trip(tmp_path, ok):
    netlib.write_csv(ok, tmp_path)
    back = netlib.load(tmp_path, tz="Europe/London")
    cols = ["start", "end", "duration_min", "channel", "n_people", "mode"]
    pd.testing.assert_frame_equal(ok.meetings[cols], back.meetings[cols])
    assert np.array_equal(ok.contacts["tags"], back.contacts["tags"])


def test_parse_datetime_offsets_of_every_spelling():
    from netlib.io._text import parse_datetime

    values = pd.Series(["2024-03-04T11:00:00+1:00", "2024-03-04T1000+0100", "2024-03-04 10:00:00.5-05:00",
                        "2024-03-04", "2024-03-04T10:00", "soon"])
    utc, guessed = parse_datetime(values, "Europe/Paris")
    assert [str(t) for t in utc] == ["2024-03-04 10:00:00+00:00", "2024-03-04 09:00:00+00:00", "2024-03-04 15:00:00.500000+00:00",
                                     "2024-03-03 23:00:00+00:00", "2024-03-04 09:00:00+00:00", "NaT"]
    assert not guessed.any()


def test_bytes_and_text_paths_read_the_same(tmp_path):
    """Canonical files are parsed from their bytes; the same content with CRLF line ends
    takes the decode-then-parse path.  Both give the same Network."""
    for name in ("contacts_ok.csv", "meetings_ok.csv"):
        (tmp_path / "lf").mkdir(exist_ok=True)
        (tmp_path / "crlf").mkdir(exist_ok=True)
        data = (CANON / name).read_bytes().replace(b"\r\n", b"\n")
        (tmp_path / "lf" / name).write_bytes(data)
        (tmp_path / "crlf" / name).write_bytes(data.replace(b"\n", b"\r\n"))
    a, b = netlib.load(tmp_path / "lf"), netlib.load(tmp_path / "crlf")
    for table in ("contacts", "meetings", "attendance"):
        pd.testing.assert_frame_equal(getattr(a, table).drop(columns="file", errors="ignore"),
                                      getattr(b, table).drop(columns="file", errors="ignore"))
    pd.testing.assert_frame_equal(a.problems.drop(columns="source"), b.problems.drop(columns="source"))


def test_meetings_read_the_same_without_threads(monkeypatch):
    # where no thread can start (a browser-based Python), the attendee lists are split in turn
    from concurrent.futures import ThreadPoolExecutor

    before = netlib.load(DATA / "canonical")

    def refuse(self, *args, **kwargs):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(ThreadPoolExecutor, "submit", refuse)
    after = netlib.load(DATA / "canonical")
    pd.testing.assert_frame_equal(after.meetings, before.meetings)
    pd.testing.assert_frame_equal(after.attendance, before.attendance)
    pd.testing.assert_frame_equal(after.problems, before.problems)


def test_memory_mapped_files_load_the_same(monkeypatch):
    # large files are mapped, not copied; map every file here and compare with reading them
    import glob

    files = [f for f in sorted(glob.glob(str(DATA / "exports" / "*"))) if "eventbrite" not in f and "meetup" not in f]
    read = [netlib.load(*files), netlib.load(DATA / "canonical")]
    monkeypatch.setattr(sys.modules["netlib.io._text"], "MAP_BYTES", 1)
    from netlib.io._text import read_path

    assert not isinstance(read_path(DATA / "canonical" / "meetings_ok.csv"), bytes)  # really mapped
    for before, after in zip(read, [netlib.load(*files), netlib.load(DATA / "canonical")]):
        for name in ("contacts", "meetings", "attendance", "problems", "sources"):
            pd.testing.assert_frame_equal(getattr(after, name), getattr(before, name), obj=name)


def test_written_csvs_do_not_run_formulas_from_the_data(tmp_path):
    # a contact named =HYPERLINK(...) would run as a formula when a CSV netlib wrote is opened in a spreadsheet
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "contacts.csv").write_text('contact_id,name,company\nc1,"=HYPERLINK(""http://x.example"")",+SUM(1)\nc2,Ann,-\n')
    netlib.write_csv(netlib.load(tmp_path / "in"), tmp_path / "out")
    text = (tmp_path / "out" / "contacts.csv").read_text()
    assert "'=HYPERLINK" in text and "'+SUM(1)" in text and "\n=" not in text and ",=" not in text


def _many_small_files(folder):
    """Rows of contacts and meetings spread over small files, with problems inside and across files."""
    folder.mkdir()
    write(folder, "c0.csv", HEADER_C + "c1,Ann Lee,ann@x.example\nc2,Bo Ray,not-an-address\n")
    write(folder, "c1.csv", HEADER_C + "c3,Cy Day,cy@x.example\nc1,Ann Again,\n")  # c1 repeats c0.csv line 2
    write(folder, "c2.csv", HEADER_C + ",No Id,\nc4,Di Fu,di@x.example")  # no final newline
    write(folder, "c3.csv", "contact_id,name\nc5,Ed Go\n")  # another header: another table
    write(folder, "m0.csv", HEADER_M + "m1,2024-03-01T10:00Z,,30,coffee,,,c1;c3,\n")
    write(folder, "m1.csv", HEADER_M + "m2,2024-03-02T10:00Z,,45,call,,,c2;Zed Unknown,\nm1,2024-03-03T10:00Z,,30,call,,,c4,\n")
    write(folder, "m2.csv", HEADER_M + "m3,soon,,30,call,,,c4,\nm4,2024-03-04T10:00Z,,,lunch,,,c5;c4,\n")


@pytest.mark.parametrize("blank_line", [False, True])
def test_small_files_read_together_load_as_each_alone(tmp_path, monkeypatch, blank_line):
    # many small canonical files are checked as one table; every row keeps its own file and line,
    # and the Network is the one reading each file alone gives (a blank line: each read alone anyway)
    _many_small_files(tmp_path / "in")
    if blank_line:
        write(tmp_path / "in", "c1.csv", HEADER_C + "c3,Cy Day,cy@x.example\n\nc1,Ann Again,\n")
    together = netlib.load(tmp_path / "in")
    monkeypatch.setattr(sys.modules["netlib.io"], "SMALL_FILE_BYTES", 0)
    alone = netlib.load(tmp_path / "in")
    for name in ("contacts", "meetings", "attendance", "sources"):
        pd.testing.assert_frame_equal(getattr(together, name), getattr(alone, name), obj=name)
    order = ["source", "line", "column", "action"]
    pd.testing.assert_frame_equal(together.problems.sort_values(order, ignore_index=True),
                                  alone.problems.sort_values(order, ignore_index=True), obj="problems")
    p = together.problems.set_index(["source", "line"])
    src = str(tmp_path / "in")
    assert p.loc[(f"{src}/c1.csv", 4 if blank_line else 3), "problem"] == f"duplicate id: already loaded from [{src}/c0.csv] line 2"
    assert p.loc[(f"{src}/m2.csv", 2), "column"] == "start"
    assert together.sources.set_index("source").loc[f"{src}/c2.csv", ["rows_read", "rows_kept"]].tolist() == [2, 1]


def test_a_small_file_with_no_usable_row_is_listed_and_the_rest_loads(tmp_path):
    _many_small_files(tmp_path / "in")
    write(tmp_path / "in", "c1.csv", HEADER_C + ",No Id,\n,Nor This,\n")
    net = netlib.load(tmp_path / "in")
    gone = net.problems[net.problems["action"] == "not loaded"]
    assert gone["source"].tolist() == [str(tmp_path / "in" / "c1.csv")]
    assert gone["problem"].str.contains("no usable row: all 2 rows were skipped").all()
    s = net.sources.set_index("source").loc[str(tmp_path / "in" / "c1.csv")]
    assert (s["rows_read"], s["rows_kept"], s["rows_skipped"]) == (2, 0, 2)  # its rows are still counted
    assert len(net.contacts) > 0
    with pytest.raises(DataError, match=r"c1\.csv.*no usable row: all 2 rows were skipped"):
        netlib.load(tmp_path / "in" / "c1.csv")  # named alone: an error


def _ics_file(*events: str, prodid: str = "-//t//EN") -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n{body}END:VCALENDAR\r\n"


def test_a_calendar_of_all_day_events_only_beside_contacts_is_listed_not_loaded(tmp_path):
    # Google Takeout's holidays calendar, or a previous report's next_steps.ics, beside the exports
    holidays = _ics_file(*(f"UID:h{i}\r\nDTSTAMP:20240601T000000Z\r\nDTSTART;VALUE=DATE:2024{m}\r\nSUMMARY:Holiday {i}"
                           for i, m in enumerate(["0101", "0527", "1225"])), prodid="-//Google Inc//Google Calendar 70.9054//EN")
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "contacts.csv", HEADER_C + "c1,Ada,ada@example.org\n")
    write(tmp_path / "in", "holidays.ics", holidays)
    net = netlib.load(tmp_path / "in")
    assert len(net.contacts) == 1
    gone = net.problems[net.problems["action"] == "not loaded"]
    assert gone["source"].tolist() == [str(tmp_path / "in" / "holidays.ics")] and "all-day" in gone["problem"].iloc[0]
    with pytest.raises(DataError, match="no usable row"):
        netlib.load(tmp_path / "in" / "holidays.ics")
    (tmp_path / "in" / "contacts.csv").unlink()
    with pytest.raises(DataError, match="holidays.ics.*no usable row"):  # nothing else: still an error
        netlib.load(tmp_path / "in")


def test_a_symlinked_folder_is_listed_not_followed(tmp_path):
    for d in ("elsewhere", "in"):
        (tmp_path / d).mkdir()
    write(tmp_path / "elsewhere", "contacts.csv", HEADER_C + "c9,Cy,cy@example.org\n")
    write(tmp_path / "in", "contacts.csv", HEADER_C + "c1,Ada,ada@example.org\n")
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    net = netlib.load(tmp_path / "in")
    assert net.contacts.index.tolist() == ["c1"]
    gone = net.problems[net.problems["action"] == "not loaded"]
    assert gone["source"].tolist() == [str(tmp_path / "in" / "linked")] and "link" in gone["problem"].iloc[0]


def test_a_maildir_read_together_after_other_files_keeps_its_sources(tmp_path):
    # each message's place in the sources table was int8 category codes plus the files before: past 127 it wrapped
    for i in range(5):
        write(tmp_path, f"a{i}.csv", f"{HEADER_C}c{i},Person {i},p{i}@x.example\n")
    (tmp_path / "Maildir" / "cur").mkdir(parents=True)
    for k in range(125):
        frm, to = ("me@own.example", f"p{k % 5}@x.example") if k % 2 else (f"p{k % 5}@x.example", "me@own.example")
        write(tmp_path / "Maildir" / "cur", f"{k}:2,S", f"From: {frm}\nTo: {to}\nDate: Mon, 0{1 + k % 9} Jan 2024 10:00:00 +0000\n"
              f"Message-ID: <{k}@x>\n\nbody\n")
    net = netlib.load(tmp_path, me="me@own.example")
    assert len(net.sources) == 130 and len(net.meetings) > 0
    assert net.attendance.merge(net.meetings["file"], left_on="meeting_id", right_index=True)["file"].str.contains("Maildir").all()


@pytest.mark.parametrize("row, column", [
    ("m1,2024-03-01T10:00Z,,1e9,coffee,c1", "duration_min"),
    ("m1,2024-03-01T10:00Z,,1e308,coffee,c1", "duration_min"),
    ("m1,2024-03-01T10:00Z,2031-03-01T10:00Z,,coffee,c1", "end"),
])
def test_a_meeting_longer_than_a_day_is_a_problem_not_millions_of_hours(tmp_path, row, column):
    # #28: a meeting of 10^9 minutes became 16.7 million hours with nothing noted
    (tmp_path / "contacts.csv").write_text("contact_id,name\nc1,Ann\n")
    (tmp_path / "meetings.csv").write_text("meeting_id,start,end,duration_min,channel,attendees\n" + row + "\n")
    net = netlib.load(tmp_path)
    assert net.meetings["duration_min"].item() == netlib.model.default_duration(pd.Series(["coffee"])).item()
    cleared = net.problems[net.problems["action"] == "cleared"]
    assert cleared["column"].tolist() == [column]
    assert "than a day" in cleared["problem"].item()


@pytest.mark.parametrize("call", [
    lambda: netlib.load(DATA / "canonical", tz="Mars/Olympus"),
    lambda: netlib.load(DATA / "canonical", tz=""),
    lambda: netlib.from_frames(pd.DataFrame({"contact_id": ["c1"]}), pd.DataFrame({"meeting_id": ["m1"], "start": ["2024-01-01 10:00"]}), tz="Nowhere/X"),
    lambda: netlib.from_frames([{"contact_id": "c1"}], pd.DataFrame()),
])
def test_load_and_from_frames_check_their_arguments_first(call):
    # #28: an unknown zone with naive times was a pytz traceback; a list was an AttributeError
    with pytest.raises(netlib.ArgumentError, match=r"(load|from_frames)\(\): (tz|contacts) must be"):
        call()


@pytest.mark.parametrize("header,row,said", [("a\n", "1,2\n", "the row has 2 fields but the header has 1 field"),
                                             ("a,b\n", "1,2,3\n", "the row has 3 fields but the header has 2 fields")])
def test_a_row_too_long_counts_its_fields_in_words(header, row, said):
    # #31: "1 field", "2 fields"
    from netlib.io._text import read_csv
    from netlib.model import ProblemLog

    log = ProblemLog()
    read_csv(header + "9" + "," * header.count(",") + "\n" + row, "f.csv", log)
    assert log.frame()["problem"].tolist() == [said]


def test_a_file_of_one_skipped_row_says_its_one_row(tmp_path):
    # #31: "its one row was skipped", not "all 1 rows were skipped"
    write(tmp_path, "c.csv", HEADER_C + ",No Id,\n")
    with pytest.raises(DataError, match=r"no usable row: its one row was skipped: line 2, column 'contact_id'"):
        netlib.load(tmp_path / "c.csv")
