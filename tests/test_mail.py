"""E-mail: mbox (Takeout, Thunderbird, Apple Mail), .eml and Maildir, headers only; every filter, reciprocity, broadcasts."""

import pandas as pd
import pytest

import netlib
from netlib.io import _mail_parse, mail

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
    alone = _mail_parse.address_table(pa.array([value]))
    assert list(zip(alone["name"], alone["address"], strict=True)) == want
    column = _mail_parse.address_table(pa.array(["x@y.example", value, "Zed <z@q.example>, w@q.example"]))
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
    assert _mail_parse.header_text("=?utf-8?q?a?= " * 5000).startswith("a" * 100)


# the owner, from every source (#27): each mailbox's owner is found from the mailbox itself

WORK, HOME, ALIAS = "sara@lumen.example", "sara.okoye@gmail.example", "sara@okoye.example"


def _message(k: int, frm: str, to: str, day: int, *, labels: str | None = None, delivered: str | None = None,
             extra: str = "") -> str:
    head = [f"X-Gmail-Labels: {labels}"] if labels is not None else []
    head += [f"Delivered-To: {delivered}"] if delivered else []
    head += [f"From: {frm}", f"To: {to}", f"Date: Tue, {day:02d} Mar 2024 10:00:00 +0000", f"Message-ID: <{k}@m.example>",
             f"Subject: note {k}"] + ([extra] if extra else [])
    return "\n".join(head) + "\n\nbody\n"


def _mbox(path, messages: list[str]):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(f"From {k}@xxx Tue Mar 05 10:00:00 +0000 2024\n" + m for k, m in enumerate(messages)), encoding="utf-8")
    return path


def _takeout(path, owner: str = HOME, sent_from: tuple[str, ...] = (HOME,), self_forward: bool = True):
    """Sara's personal Takeout: Ann and Bo write to her personal address, she answers each (from each
    address in ``sent_from`` in turn), and once she forwarded a note from her work address to herself."""
    msgs = []
    for k, (who, name) in enumerate([("ann@a.example", "Ann Lee"), ("bo@b.example", "Bo Chan")] * 2):
        msgs.append(_message(2 * k, f"{name} <{who}>", f"Sara Okoye <{owner}>", 4 + k, labels="Inbox", delivered=owner))
        msgs.append(_message(2 * k + 1, f"Sara Okoye <{sent_from[k % len(sent_from)]}>", f"{name} <{who}>", 4 + k, labels="Sent",
                             extra=f"In-Reply-To: <{2 * k}@m.example>"))
    if self_forward:
        msgs.append(_message(99, f"Sara Okoye <{WORK}>", f"Sara Okoye <{owner}>", 12, labels="Inbox", delivered=owner))
    return _mbox(path, msgs)


def _work_calendar(path):
    ev = "".join(f"BEGIN:VEVENT\r\nUID:e{k}\r\nDTSTAMP:20240601T000000Z\r\nDTSTART:202403{10 + k}T100000Z\r\nDURATION:PT30M\r\n"
                 f"SUMMARY:coffee\r\nORGANIZER;CN=Sara Okoye:mailto:{WORK}\r\nATTENDEE;CN=Sara Okoye:mailto:{WORK}\r\n"
                 f"ATTENDEE;CN=Cy Dee:mailto:cy@c.example\r\nEND:VEVENT\r\n" for k in range(3))
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n" + ev
                    + "END:VCALENDAR\r\n", newline="")


def _owner_is_contact(net) -> list[str]:
    mine = {WORK, HOME, ALIAS}
    return [c for c, es, name in zip(net.contacts.index, net.contacts["emails"], net.contacts["name"], strict=True)
            if set(str(es).split(";")) & mine or name == "Sara Okoye"]


@pytest.mark.parametrize("me", [WORK, None, [WORK, HOME]])
def test_a_mailbox_of_another_address_of_the_owner_keeps_its_relationships(tmp_path, me):
    # a calendar of her work address, a Takeout of her personal one, me= the work address (as the README says)
    _work_calendar(tmp_path / "Calendar.ics")
    _takeout(tmp_path / "Takeout" / "All mail.mbox")
    net = netlib.load(tmp_path, me=me)
    assert {"Ann Lee", "Bo Chan", "Cy Dee"} <= set(net.contacts["name"])  # the e-mail contacts are kept
    assert (net.meetings["channel"] == "email").sum() == 4 and not _owner_is_contact(net)
    assert set(net.me.emails) == {WORK, HOME} and net.me.name == "Sara Okoye"
    where = {w for a, w in net.me.found if a == HOME}
    assert any("Gmail labels Sent" in w for w in where) and any("Delivered-To" in w for w in where)
    assert HOME not in set(netlib.present.left_out_senders(net.problems, net.me)["sender"])


@pytest.mark.parametrize("me", [WORK, HOME, None])
def test_a_mailbox_loaded_alone_never_makes_its_owner_a_contact(tmp_path, me):
    net = netlib.load(_takeout(tmp_path / "All mail.mbox"), me=me)
    assert not _owner_is_contact(net) and set(net.contacts["name"]) == {"Ann Lee", "Bo Chan"}
    assert (net.meetings["n_people"] == 1).all() and len(net.meetings) == 4
    assert HOME in net.me.emails


def test_an_owner_with_three_addresses(tmp_path):
    # she answers from her personal address and from a domain of her own ("send mail as"); me is the work one
    _work_calendar(tmp_path / "Calendar.ics")
    _takeout(tmp_path / "All mail.mbox", sent_from=(HOME, ALIAS))
    net = netlib.load(tmp_path, me=WORK)
    assert set(net.me.emails) == {WORK, HOME, ALIAS} and not _owner_is_contact(net)
    assert {a for a, _ in net.me.found} == {WORK, HOME, ALIAS}
    assert (net.meetings["channel"] == "email").sum() == 4


def test_an_inbox_the_owner_never_sent_from_is_hers_by_delivered_to(tmp_path):
    # a Maildir of what she received (Delivered-To, no label) and a Thunderbird Sent file (no header says whose)
    inbox, sent = tmp_path / "Maildir" / "cur", []
    inbox.mkdir(parents=True)
    for k, who in enumerate(["ann@a.example", "bo@b.example", "ann@a.example"]):
        (inbox / f"{k}.M{k}:2,S").write_text(_message(k, who, f"Sara <{HOME}>", 4 + k, delivered=HOME), encoding="utf-8")
        sent.append(_message(10 + k, f"Sara <{HOME}>", who, 4 + k, extra=f"In-Reply-To: <{k}@m.example>"))
    _mbox(tmp_path / "Sent", sent)
    net = netlib.load(tmp_path, me=WORK)
    assert set(net.contacts["name"]) == {"ann@a.example", "bo@b.example"} and not _owner_is_contact(net)
    assert HOME in net.me.emails and any("delivered to" in w for a, w in net.me.found if a == HOME)


def test_a_list_address_mail_was_delivered_to_is_not_the_owner(tmp_path):
    # a team alias (X-Original-To, Postfix) and a mailing list's own copies (List-Id, Delivered-To the list)
    msgs = [_message(k, "ann@a.example", f"team@lumen.example, {HOME}", 4 + k, delivered=HOME,
                     extra="X-Original-To: team@lumen.example") for k in range(3)]
    msgs += [_message(10 + k, "news@list.example", "team@lumen.example", 4 + k, delivered="team@lumen.example",
                      extra="List-Id: <team.lumen.example>") for k in range(6)]
    msgs += [_message(20 + k, HOME, "ann@a.example", 4 + k) for k in range(3)]
    net = netlib.load(_mbox(tmp_path / "box.mbox", msgs))
    assert net.me.emails == (HOME,)
    assert "team@lumen.example" not in {a for a, _ in net.me.found}


def test_a_mailbox_of_one_correspondent_takes_the_owner_known_elsewhere(tmp_path):
    # two saved messages between Sara and Ann: both on every message; the calendar says which is Sara
    _work_calendar(tmp_path / "Calendar.ics")
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "a.eml").write_text(_message(1, "Ann Lee <ann@a.example>", WORK, 4), encoding="utf-8")
    (tmp_path / "saved" / "b.eml").write_text(_message(2, WORK, "Ann Lee <ann@a.example>", 5), encoding="utf-8")
    net = netlib.load(tmp_path)
    assert "Ann Lee" in set(net.contacts["name"]) and net.me.emails == (WORK,)
    assert mail.owners(*mail.concat([mail.read(netlib.io.Input((tmp_path / "saved" / f).read_bytes(), str(tmp_path / "saved" / f)),
                                                "eml", netlib.model.ProblemLog(), netlib.io.Options()).mail
                                      for f in ("a.eml", "b.eml")]))["address"].tolist() == []  # alone, it cannot say


def test_where_an_owner_was_found_counts_messages_in_words():
    # #31: "the one message", "1 of 3 messages ... was", "2 of 3 messages ... were", "1 message", not "1 messages"
    import numpy as np

    from netlib.io.mail import _delivered_to, _on_nearly_every, _sent_by

    box = np.array(["one.mbox", "three.mbox", "three.mbox", "three.mbox"], dtype=object)
    real = np.ones(4, dtype=bool)
    msgs = pd.DataFrame({"delivered": ["ann@x.example", "bo@x.example", "bo@x.example", "cy@x.example"]})
    said = {(b, a): w for b, a, w in _delivered_to(box, msgs, real)}
    assert said[("one.mbox", "ann@x.example")] == "the address the one message in one.mbox was delivered to (Delivered-To)"
    assert said[("three.mbox", "bo@x.example")] == "the address 2 of 3 messages in three.mbox were delivered to (Delivered-To)"
    assert said[("three.mbox", "cy@x.example")] == "the address 1 of 3 messages in three.mbox was delivered to (Delivered-To)"
    sent = _sent_by(box, pd.Series(["Sent", "Sent", "Sent", "Inbox"]), np.array(["ann@x.example"] + ["bo@x.example"] * 3, dtype=object))
    assert sorted(w for _, _, w in sent) == ["the sender of 1 message Gmail labels Sent in one.mbox",
                                             "the sender of 2 messages Gmail labels Sent in three.mbox"]
    pm, tok = np.array([0, 1, 2, 3]), np.array(["ann@x.example"] + ["bo@x.example"] * 3, dtype=object)
    on = sorted(w for _, _, w in _on_nearly_every(box, real, pm, tok, (), []))
    assert on == ["on 3 of 3 messages in three.mbox", "on the one message in one.mbox"]


def test_a_newsletter_after_the_last_conversation_shows_when_the_mailbox_was_exported(tmp_path):
    # the relationship ends on 5 March; a mailing list still wrote on 20 March: the mailbox ran to
    # then, so the figures are measured there and the 15 days of silence count
    box = _mbox(tmp_path / "All mail.mbox", [
        _message(1, "Ann Lee <ann@a.example>", f"Sara Okoye <{HOME}>", 4, labels="Inbox"),
        _message(2, f"Sara Okoye <{HOME}>", "Ann Lee <ann@a.example>", 5, labels="Sent", extra="In-Reply-To: <1@m.example>"),
        _message(3, "News <news@n.example>", f"<{HOME}>", 20, labels="Inbox", extra="List-Id: <news.n.example>"),
    ])
    net = netlib.load(box, me=HOME)
    assert net.meetings["start"].max() == pd.Timestamp("2024-03-05 10:00", tz="UTC")
    assert net.sources["exported"].item() == pd.Timestamp("2024-03-20 10:00", tz="UTC")
    assert netlib._facts.as_of(net) == pd.Timestamp("2024-03-20 10:00", tz="UTC")
