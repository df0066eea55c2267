"""E-mail: mbox (Takeout, Thunderbird, Apple Mail), .eml and Maildir, headers only; every filter, reciprocity, broadcasts."""

import pandas as pd
import pytest

import netlib
from netlib.io import mail

from .conftest import DATA

MAIL = DATA / "mail"
TAKEOUT = str(MAIL / "takeout" / "All mail Including Spam and Trash.mbox")


@pytest.fixture(scope="module")
def net():
    return netlib.load(MAIL)


def test_every_format_is_recognised_from_its_bytes_and_the_rest_is_listed(net):
    formats = net.sources.set_index("source")["format"]
    assert formats[TAKEOUT] == formats[str(MAIL / "thunderbird" / "Inbox")] == formats[str(MAIL / "apple" / "Work.mbox" / "mbox")] == "e-mail (mbox)"
    assert (formats[[s for s in formats.index if "/maildir/" in s]] == "e-mail (eml)").all()
    assert formats[str(MAIL / "thunderbird" / "Inbox.msf")] == formats[str(MAIL / "apple" / "Work.mbox" / "Info.plist")] == "not recognised"


def test_no_other_export_is_taken_for_mail():
    from netlib.io import Input

    for f in sorted((DATA / "exports").iterdir()) + sorted((DATA / "canonical").glob("*.csv")):
        if f.is_file():
            assert mail.sniff(Input(f.read_bytes(), str(f))) is None, f.name


def test_interactions_one_per_thread_per_day_with_reciprocal_counterparts(net):
    m = net.meetings
    assert len(m) == 6 and set(m["channel"]) == {"email"}
    # Bea: her message and Ada's reply on 4 March are one interaction, her answer on 5 March another
    by_person = net.attendance.merge(net.contacts["name"], left_on="contact_id", right_index=True).groupby("name").size()
    assert by_person.to_dict() == {"Bea Weekly": 2, "Cal Bare": 1, "Eve Biweekly": 1, "Hal Host": 1}
    # Eve wrote to the Thunderbird Inbox, Ada answered from Sent: both ways across two files
    assert "Eve Biweekly" in set(net.contacts["name"])
    # the reply to Cal carries a date; his message had none: the separator line's date, recorded as a guess
    guess = net.problems[net.problems["action"] == "guessed"]
    assert guess["source"].tolist() == [TAKEOUT] and "separator" in guess["problem"].iloc[0]


def test_a_broadcast_is_one_to_many_touches_without_people(net):
    b = net.meetings[net.meetings["audience"].notna()]
    assert len(b) == 1 and b["audience"].iloc[0] == 12 and b["mode"].iloc[0] == "one_to_many"
    assert not net.contacts["email"].str.endswith("@many.example").any()


def test_time_is_minutes_per_message_written(net):
    # Ada wrote 5 messages that count: to Bea, the broadcast, to Cal, to Eve, to Hal; received mail costs nothing
    assert net.meetings["duration_min"].sum() == 5 * mail.EMAIL_MINUTES
    again = netlib.load(MAIL, email_minutes=10)
    assert again.meetings["duration_min"].sum() == 50
    assert netlib.assumptions().loc["email_minutes", "value"] == mail.EMAIL_MINUTES


def test_what_is_no_relationship_is_left_out_with_its_reason(net):
    p = net.problems[net.problems["action"] == "skipped row"]
    counts = p["problem"].value_counts()
    expect = {mail.LEFT_OUT["list"]: 2, mail.LEFT_OUT["auto"]: 2, mail.LEFT_OUT["no-reply"]: 1, mail.LEFT_OUT["label"]: 2,
              mail.LEFT_OUT["calendar"]: 1, mail.LEFT_OUT["duplicate"]: 1}
    assert {k: counts.get(k, 0) for k in expect} == expect
    one_way = p[p["problem"].str.startswith("one-way")]
    assert one_way["source"].tolist() == [str(MAIL / "apple" / "Work.mbox" / "mbox")]  # a cold message never answered
    left = net.problems[net.problems["action"] == "left out"]
    assert left["value"].tolist() == ["jurgen@partner.example"]  # Cc'd once, never wrote back: not a relationship


def test_rows_read_are_kept_plus_skipped(net):
    s = net.sources
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()
    assert s.loc[s["source"] == TAKEOUT, ["rows_read", "rows_kept"]].values.tolist() == [[14, 6]]


def test_one_way_counterparts_can_be_counted_and_the_owner_can_be_given():
    both = netlib.load(MAIL, email_one_way=True)
    assert {"Cold Prospect", "Jürgen Müller"} <= set(both.contacts["name"])  # an RFC 2047 name, decoded
    given = netlib.load(MAIL, me="ada@example.org")
    assert given.me.emails == ("ada@example.org",) and len(given.meetings) == 6


def test_addresses_with_quoted_commas_and_encoded_names(net):
    assert "Bea Weekly" in set(net.contacts["name"])  # "Weekly, Bea" <bea@...>: one person, not two
    assert net.me.emails == ("ada@example.org",)  # found from the mail itself


def test_bodies_are_never_decoded(monkeypatch):
    from netlib.io._reader import Input

    def no_text(self):
        raise AssertionError(f"{self.source} was decoded whole")

    monkeypatch.setattr(Input, "text", property(no_text))
    assert len(netlib.load(TAKEOUT).meetings) == 4  # Bea twice, the broadcast, Cal


def test_anonymized_mail_leaks_no_address(net):
    anon = netlib.anonymize.pseudonymize(net)
    text = " ".join(str(v) for frame in (anon.contacts, anon.meetings, anon.problems, anon.sources) for v in frame.to_numpy().ravel())
    for secret in ("bea@client.example", "Bea Weekly", "jurgen@partner.example", "cold@prospect.example", "ada@example.org"):
        assert secret not in text


def test_a_mailbox_too_large_to_copy_is_mapped_and_reads_the_same(monkeypatch):
    import sys

    import pandas as pd

    before = netlib.load(TAKEOUT)
    monkeypatch.setattr(sys.modules["netlib.io._text"], "MAP_BYTES", 1)  # every file memory-mapped, as a 10 GB one is
    after = netlib.load(TAKEOUT)
    for name in ("meetings", "attendance", "problems", "sources"):
        pd.testing.assert_frame_equal(getattr(after, name), getattr(before, name), obj=name)


@pytest.mark.parametrize("value", [
    '"Weekly, Bea" <bea@client.example>, Cal Bare <cal@partner.example>',
    'ada@example.org,hal@breakfast.example',
    '"Ann \\"The Boss\\" Lee" <ann@x.example>',
    "undisclosed-recipients:;",
    "Team: ann@x.example, bo@y.example;",
    "ann@x.example (Ann Lee), bo@y.example",
    "=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <jurgen@partner.example>",
    "<bare@angle.example>",
    "",
    '"Last, First" <a@x.example>, "B, C, D" <b@y.example>,c@z.example',
    "Ann\xa0Lee <ann@x.example>",
    "Bob Smith<bob@x.example>",
    "Ann <a@x.example>,, c@y.example",
    "Ann Lee <ann@x.example> trailing words",
])
def test_addresses_agree_with_the_standard_library(value):
    import email.utils
    from email.header import decode_header, make_header

    import pyarrow as pa

    want = [(str(make_header(decode_header(n))).strip(), a.lower()) for n, a in email.utils.getaddresses([value]) if "@" in a]
    # the whole-column reading gives the standard library's pairs, alone and among other values
    alone = mail._address_table(pa.array([value]))
    assert list(zip(alone["name"], alone["address"], strict=True)) == want
    column = mail._address_table(pa.array(["x@y.example", value, "Zed <z@q.example>, w@q.example"]))
    assert list(zip(*column[column["row"] == 1][["name", "address"]].to_numpy().T)) == want


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_generated_mailbox_gives_back_its_planted_truth(tmp_path, seed):
    from netlib.datasets import write_mbox

    truth = write_mbox(tmp_path / "All mail.mbox", seed=seed)
    net = netlib.load(tmp_path)
    # interactions per correspondent: exact
    att = net.attendance.merge(net.contacts["email"], left_on="contact_id", right_index=True)
    assert att.groupby("email").size().to_dict() == truth["interactions"]
    assert net.meetings["audience"].notna().sum() == truth["broadcasts"]
    assert net.meetings["duration_min"].sum() == truth["sent"] * mail.EMAIL_MINUTES
    # what was left out, by reason: exact
    skipped = net.problems[net.problems["action"] == "skipped row"]["problem"].value_counts().to_dict()
    text = {**mail.LEFT_OUT, "one-way": mail.ONE_WAY}
    assert {code: skipped.get(text[code], 0) for code in truth["left_out"]} == truth["left_out"]
    assert not set(truth["one_way"]) & set(net.contacts["email"])
    s = net.sources.iloc[0]
    assert s["rows_read"] == truth["messages"] == s["rows_kept"] + s["rows_skipped"]


def test_answered_mail_does_not_pass_for_a_fast_fading_tie(tmp_path):
    # a reply the next day is no evidence of decay: with a mailbox beside the calendar, the half-life fit
    # once read e-mail threads as one-to-one meetings and answered "about 7 days"
    import shutil

    from netlib.datasets import write_mbox

    shutil.copytree(DATA / "consultant", tmp_path / "in")
    alone = netlib.fit_half_life(netlib.load(tmp_path / "in", me="ada@example.org"))
    write_mbox(tmp_path / "in" / "All mail.mbox", owner="ada@example.org", start="2025-01-06")
    both = netlib.load(tmp_path / "in", me="ada@example.org")
    assert (both.meetings["channel"] == "email").sum() > 50
    fit = netlib.fit_half_life(both)
    assert (fit.identifiable, fit.n_events, fit.note) == (alone.identifiable, alone.n_events, alone.note)


@pytest.mark.parametrize("scan", [7, 64, 1000])
def test_windows_of_any_size_read_the_same(tmp_path, monkeypatch, scan):
    # an mbox is scanned a window at a time; messages whose headers cross a window's end wait
    import pandas as pd

    from netlib.datasets import write_mbox

    write_mbox(tmp_path / "All mail.mbox", seed=3, correspondents=8, days=40)
    before = [netlib.load(p) for p in (TAKEOUT, tmp_path)]
    monkeypatch.setattr(mail, "SCAN", scan)
    monkeypatch.setattr(mail, "PARSE", scan * 3)
    for want, p in zip(before, (TAKEOUT, tmp_path), strict=True):
        got = netlib.load(p)
        for name in ("meetings", "attendance", "problems", "sources"):
            pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)


def test_crlf_line_ends_read_the_same(tmp_path):
    import pandas as pd

    from netlib.datasets import write_mbox

    (tmp_path / "lf").mkdir()
    write_mbox(tmp_path / "lf" / "mail.mbox", seed=4, correspondents=8, days=40)
    (tmp_path / "crlf").mkdir()
    (tmp_path / "crlf" / "mail.mbox").write_bytes((tmp_path / "lf" / "mail.mbox").read_bytes().replace(b"\n", b"\r\n"))
    lf, crlf = netlib.load(tmp_path / "lf"), netlib.load(tmp_path / "crlf")
    pd.testing.assert_frame_equal(crlf.attendance, lf.attendance)
    pd.testing.assert_frame_equal(crlf.meetings.drop(columns="file"), lf.meetings.drop(columns="file"))


def test_the_biggest_senders_left_out_are_counted_with_their_reason(net):
    from netlib import present

    top = present.left_out_senders(net.problems, net.me)
    skipped = net.problems[(net.problems["action"] == "skipped row") & (net.problems["problem"] != mail.LEFT_OUT["duplicate"])]
    assert top["messages"].sum() == len(skipped)  # every message left out has its sender's row (few senders here)
    assert top["messages"].is_monotonic_decreasing and "ada@example.org" not in set(top["sender"])
    row = top.set_index("sender").loc["you"]  # a cold message Ada sent, never answered
    assert row["messages"] == 1 and row["reason"].startswith("one-way")
    assert top.set_index("sender").loc["news@letters.example", "reason"].startswith("mailing list")


# broken messages: one bad message is one problems row, the rest of the mailbox loads (#34, #28)

ANN = b"From: Ann Lee <ann@x.example>\nTo: Me <me@x.example>\nDate: Tue, 05 Mar 2024 10:00:00 +0000\nMessage-ID: <1@x>\nSubject: hi\n\nbody\n"
REPLY = b"From: Me <me@x.example>\nTo: Ann Lee <ann@x.example>\nDate: Tue, 05 Mar 2024 11:00:00 +0000\nMessage-ID: <2@x>\nIn-Reply-To: <1@x>\n\nok\n"


def _load_mail(folder, files: dict[str, bytes]):
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    net = netlib.load(folder, me="me@x.example")
    s = net.sources
    assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()
    return net


def _skipped(net) -> list[str]:
    return net.problems.loc[net.problems["action"] == "skipped row", "problem"].tolist()


def _with_date(date: bytes) -> bytes:
    return b"From: Ann Lee <ann@x.example>\nTo: me@x.example\n" + date + b"Message-ID: <3@x>\nSubject: draft\n\nbody\n"


@pytest.mark.parametrize("layout", ["eml", "maildir", "mbox"])
def test_a_message_without_a_date_is_one_skipped_row(tmp_path, layout):
    dateless = _with_date(b"")
    files = {"eml": {"a.eml": ANN, "b.eml": REPLY, "c.eml": dateless},
             "maildir": {"Maildir/cur/1:2,S": ANN, "Maildir/cur/2:2,S": REPLY, "Maildir/new/3": dateless},
             "mbox": {"box.mbox": b"From a@x Tue Mar  5 10:00:00 2024\n" + ANN + b"\nFrom b@x Tue Mar  5 11:00:00 2024\n" + REPLY
                      + b"\nFrom c@x\n" + dateless}}[layout]  # the last separator line has no date either
    net = _load_mail(tmp_path, files)
    assert len(net.meetings) == 1 and net.meetings["start"].iloc[0] == pd.Timestamp("2024-03-05 10:00", tz="UTC")
    assert _skipped(net) == [mail.LEFT_OUT["no date"]]


@pytest.mark.parametrize("date", [b"Date: Tue, 05 Mar 3609 10:00:00 +0000\n", b"Date: Sat, 05 Mar 0000 10:00:00 +0000\n",
                                  b"Date: 5 Mar 2500 10:00:00 +0000\n", b"Date: Fri, 31 Dec 9999 23:59:59 -1200\n",
                                  b"Date: Thu, 05 Mar 2099 10:00:00 +0000\n", b"Date: 5 Mar 1960 10:00 GMT\n"])
def test_a_date_out_of_range_is_left_out_and_never_moves_as_of(tmp_path, date):
    net = _load_mail(tmp_path, {"a.eml": ANN, "b.eml": REPLY, "c.eml": _with_date(date)})
    assert len(net.meetings) == 1 and net.meetings["start"].max() == pd.Timestamp("2024-03-05 10:00", tz="UTC")
    assert len(_skipped(net)) == 1 and _skipped(net)[0] in (mail.LEFT_OUT["bad date"], mail.LEFT_OUT["no date"])


def test_a_separator_line_dated_9999_is_no_date(tmp_path):
    box = (b"From a@x Tue Mar  5 10:00:00 2024\n" + ANN + b"\nFrom b@x Tue Mar  5 11:00:00 2024\n" + REPLY
           + b"\nFrom c@x Fri Dec 31 10:00:00 9999\n" + _with_date(b""))
    net = _load_mail(tmp_path, {"box.mbox": box})
    assert len(net.meetings) == 1 and _skipped(net) == [mail.LEFT_OUT["bad date"]]


def test_a_date_after_the_export_falls_back_to_the_separator_line(tmp_path):
    box = (b"From a@x Tue Mar  5 10:00:00 2024\n" + ANN + b"\nFrom b@x Tue Mar  5 11:00:00 2024\n"
           + REPLY.replace(b"Tue, 05 Mar 2024 11:00:00", b"Tue, 05 Mar 2099 11:00:00"))
    net = _load_mail(tmp_path, {"box.mbox": box})
    guess = net.problems[net.problems["action"] == "guessed"]
    assert len(guess) == 1 and "separator" in guess["problem"].iloc[0]
    assert net.meetings["start"].max() < pd.Timestamp.now(tz="UTC")


def test_messages_without_date_and_message_id_or_with_obsolete_spacing_are_mail(tmp_path):
    from netlib.io import Input

    draft = b"From: Me <me@x.example>\nTo: ann@x.example\nSubject: draft\n\nbody\n"
    spaced = b"From  : Ann Lee <ann@x.example>\nTo  : me@x.example\nDate  : Tue, 05 Mar 2024 10:00:00 +0000\n\nbody\n"
    assert mail.sniff(Input(draft, "d")) == mail.sniff(Input(spaced, "s")) == "eml"
    assert mail.sniff(Input(b"From: Ann\nTo: Bob\n\nnot mail: no address", "x")) is None
    net = _load_mail(tmp_path, {"spaced.eml": spaced, "reply.eml": REPLY, "draft.eml": draft})
    assert net.sources["format"].tolist() == ["e-mail (eml)"] * 3
    assert net.meetings["start"].min() == pd.Timestamp("2024-03-05 10:00", tz="UTC")  # the spaced Date: was read
    assert _skipped(net) == [mail.LEFT_OUT["no date"]]  # the draft


@pytest.mark.parametrize("header", [b"To: " + b"(" * 5000 + b"x" + b")" * 5000 + b" ann@x.example",
                                    b"To: " + b"(" * 20000 + b" ann@x.example"])
def test_thousands_of_comments_in_an_address_header_are_read_without_recursion(tmp_path, header):
    msg = b"Date: Tue, 05 Mar 2024 11:00:00 +0000\nMessage-ID: <2@x>\nFrom: Me <me@x.example>\n" + header + b"\n\nok\n"
    net = _load_mail(tmp_path, {"a.eml": ANN, "b.eml": msg})
    nested = header.count(b")") > 0  # nested comments closed: the address after them is read
    assert ("ann@x.example" in set(net.contacts["email"])) == nested  # unclosed: a comment to the end, no address


def test_a_subject_of_200000_encoded_words_is_not_decoded_whole(tmp_path):
    import time

    subject = b"Subject: " + b" ".join([b"=?utf-8?q?Invitation:?="] + [b"=?utf-8?q?a?="] * 200000) + b"\n"
    t0 = time.perf_counter()
    net = _load_mail(tmp_path, {"a.eml": ANN.replace(b"Subject: hi\n", subject), "b.eml": REPLY})
    assert time.perf_counter() - t0 < 10  # the whole subject took over a minute to decode
    assert mail.LEFT_OUT["calendar"] in _skipped(net)  # its start was decoded and read as an invitation
    assert mail._text("=?utf-8?q?a?= " * 5000).startswith("a" * 100)
