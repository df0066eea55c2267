"""Attendee resolution, inferred contacts, names, me."""

import pandas as pd
import pytest

import netlib
from netlib.identity import make_me, normalize_name

from .conftest import write

HEADER_M = "meeting_id,start,duration_min,attendees\n"


def test_normalize_name():
    got = normalize_name(pd.Series(["  José  GARCÍA", "josé garcía", "Ｊｏｓé García", None]))
    assert got.tolist() == ["josé garcía"] * 3 + [""]


def test_inferred_contacts_are_kept_once_per_person(tmp_path):
    m = write(tmp_path, "m.csv", HEADER_M + "m1,2024-01-01T10:00Z,30,New Person;x@example.org\n"
              "m2,2024-01-02T10:00Z,30,new  person;X@Example.org\n")
    net = netlib.load(m)
    assert sorted(net.contacts.index) == ["inferred:new person", "inferred:x@example.org"]
    assert net.contacts["inferred"].all()
    assert len(net.attendance) == 4
    assert (net.problems["action"] == "inferred").sum() == 2


def test_ambiguous_name_is_guessed_and_recorded(tmp_path):
    c = write(tmp_path, "c.csv", "contact_id,name\na,Kim Lee\nb,Kim Lee\n")
    m = write(tmp_path, "m.csv", HEADER_M + "m1,2024-01-01T10:00Z,30,kim lee\n")
    net = netlib.load(c, m)
    assert net.attendance["contact_id"].tolist() == ["a"]
    p = net.problems.query("action == 'guessed'")
    assert "several contacts" in p["problem"].item() and p["line"].item() == 2


def test_make_me():
    me = make_me(["Pat Owner", "PAT@example.org", "https://www.linkedin.com/in/pat"])
    assert me.emails == ("pat@example.org",)
    assert me.name == "Pat Owner"
    assert "https://www.linkedin.com/in/pat" in me.keys()


def _rec(**kw):
    base = {"rid": "f:2", "contact_id": "", "name": "", "emails": "", "company": "", "title": "", "tags": "", "source": "google",
            "connected_on": pd.NaT, "introduced_by": "", "url": "", "inferred": False, "file": "f", "line": 2}
    return {**base, **kw}


def _merge(rows, merge=True):
    from netlib.identity import merge_contacts
    from netlib.model import ProblemLog

    log = ProblemLog()
    recs = pd.DataFrame(rows).assign(connected_on=lambda d: pd.to_datetime(d["connected_on"], utc=True))
    contacts, aliases, merges = merge_contacts(recs, log, merge)
    return contacts, merges, log.frame()


def test_merge_on_any_shared_email_and_url():
    c, merges, _ = _merge([
        _rec(rid="a:2", name="Ada Example", emails="ada@example.com", source="google"),
        _rec(rid="b:2", name="A. Example", emails="ADA@example.com;ada@work.example", company="Example Labs", source="outlook"),
        _rec(rid="c:5", name="Ada Example", url="https://www.linkedin.com/in/ada", emails="ada@work.example", source="linkedin",
             company="Example Labs", title="CTO", connected_on="2024-01-02"),
    ])
    assert len(c) == 1
    row = c.iloc[0]
    assert set(row["emails"].split(";")) == {"ada@example.com", "ada@work.example"}
    assert (row["title"], row["url"], row["name"]) == ("CTO", "linkedin.com/in/ada", "Ada Example")  # LinkedIn wins for work facts
    assert set(merges["on"]) == {"e-mail or profile URL"} and len(merges) == 3


def test_name_only_merges_are_listed_and_can_be_turned_off():
    rows = [_rec(rid="a:2", name="Example, Ada", emails="ada@example.com"),
            _rec(rid="b:3", name="Ada Example, PhD", url="https://www.linkedin.com/in/ada", source="linkedin")]
    c, merges, _ = _merge(rows)
    assert len(c) == 1 and set(merges["on"]) == {"name"}
    c, merges, _ = _merge(rows, merge=False)
    assert len(c) == 2 and merges.empty


@pytest.mark.parametrize("other", [{"emails": "ada@other.example"}, {"url": "https://www.linkedin.com/in/another-ada"},
                                   {"company": "Another Company"}])
def test_conflicts_keep_same_names_apart(other):
    c, merges, problems = _merge([_rec(rid="a:2", name="Ada Example", emails="ada@example.com", url="https://www.linkedin.com/in/ada",
                                       company="Example Labs"),
                                  _rec(rid="b:3", **{"name": "Ada Example", **other})])
    assert len(c) == 2 and merges.empty
    assert "kept apart" in problems["problem"].item()


def test_two_people_of_one_name_stay_two_whatever_a_third_record_says():
    # #27: two James Smiths (different companies and addresses); one of them has a LinkedIn record (name and
    # company) beside his address-book record: the third record once kept all three apart, making three people
    c, merges, problems = _merge([
        _rec(rid="lnk:2", name="James Smith", company="Acme Ltd", url="https://www.linkedin.com/in/jsmith", source="linkedin"),
        _rec(rid="book:7", name="James Smith", company="Acme", emails="jsmith@acme.example", source="google"),
        _rec(rid="book:9", name="James Smith", company="Beta Group", emails="james@beta.example", source="google"),
    ])
    assert len(c) == 2
    acme = c[c["emails"] == "jsmith@acme.example"].iloc[0]
    assert acme["url"] == "linkedin.com/in/jsmith" and set(merges["on"]) == {"name"}  # the name-based merge, listed
    assert "show 2 people, kept apart" in problems["problem"].item()


def test_a_bare_name_that_could_be_either_of_two_people_is_nobodys():
    c, merges, problems = _merge([
        _rec(rid="a:2", name="James Smith", emails="jsmith@acme.example"),
        _rec(rid="b:3", name="James Smith", emails="james@beta.example"),
        _rec(rid="c:4", name="James Smith", source="meetup"),
    ])
    assert len(c) == 3 and merges.empty and "could be either of two" in problems["problem"].item()


def test_profiles_on_different_sites_do_not_conflict():
    c, merges, _ = _merge([_rec(rid="a:2", name="Ada Example", url="https://www.linkedin.com/in/ada", company="Example Labs, Inc."),
                           _rec(rid="b:3", name="Ada Example", url="https://www.meetup.com/g/members/1/", company="example labs")])
    assert len(c) == 1 and set(c.iloc[0]["urls"].split(";")) == {"linkedin.com/in/ada", "meetup.com/g/members/1"}


def test_merged_explicit_ids_still_resolve(tmp_path):
    write(tmp_path, "a.csv", "contact_id,name,email\na1,Ada,ada@example.org\n")
    write(tmp_path, "b.csv", "contact_id,name,email,introduced_by\nb1,Ada E,ADA@example.org,\nb2,Bob,,b1\n")
    write(tmp_path, "m.csv", "meeting_id,start,duration_min,attendees\nm1,2024-01-01T10:00Z,30,b1;a1\n")
    net = netlib.load(tmp_path)
    assert len(net.contacts) == 2 and net.contacts.loc["b2", "introduced_by"] == "a1"
    assert net.attendance["contact_id"].tolist() == ["a1"]  # both ids are Ada: one attendance, no inferred contact


def test_identity_rules_file(tmp_path):
    write(tmp_path, "a.csv", "contact_id,name,email\na1,Kim Lee,\nb1,Sam Roe,sam@example.org\n")
    write(tmp_path, "g.csv", "First Name,Last Name,E-mail Address\nKim,Lee,kim@example.org\nSamuel,Roe,sroe@example.org\n")
    merged = netlib.load(tmp_path / "a.csv", tmp_path / "g.csv")
    assert "kim@example.org" not in merged.contacts.index and merged.contacts.loc["a1", "email"] == "kim@example.org"
    write(tmp_path, "rules.csv", "this,that,relation\na1,kim@example.org,different\nsam@example.org,sroe@example.org,same\n"
          "nobody@example.org,a1,same\n")
    net = netlib.load(tmp_path / "a.csv", tmp_path / "g.csv", tmp_path / "rules.csv")
    assert {"a1", "kim@example.org"} <= set(net.contacts.index)  # kept apart by the rule
    assert "sroe@example.org" in net.contacts.loc["b1", "emails"]  # joined by the rule
    sam = net.merges[net.merges["on"] == "your rule"]
    assert set(sam["record"].str.rsplit(":", n=1).str[0].map(lambda p: p.rsplit("/", 1)[-1])) == {"a.csv", "g.csv"}
    assert net.problems.query("action == 'cleared'")["problem"].str.contains("names no record").any()
    assert net.sources.set_index(net.sources["source"].str.rsplit("/", n=1).str[-1]).loc["rules.csv", "format"] == "netlib identity rules"


def _contact_records():
    """Each fixture's contact records as a reader returns them."""
    from pathlib import Path

    from netlib.io import Options, read_file
    from netlib.model import ProblemLog

    data = Path(__file__).parent / "data"
    for p in sorted(data.rglob("*")):
        if p.is_file():
            try:
                frames = read_file(p.read_bytes(), str(p), ProblemLog(), Options())
            except netlib.DataError:
                continue
            if frames is not None and frames.contacts is not None and len(frames.contacts):
                yield p.name, frames.contacts.reset_index(drop=True)


def test_the_no_merge_shortcut_equals_the_general_path():
    import numpy as np

    from netlib import identity
    from netlib._kernels import STR, split_list

    seen = 0
    for name, r in _contact_records():
        url = identity.normalize_url(r["url"])
        row, em = split_list(r["emails"].astype(STR).str.lower(), ";")
        if pd.DataFrame({"row": row, "email": em.to_numpy()}).duplicated().any():
            continue  # an address listed twice in one record: the shortcut is never taken
        fast = identity._unmerged(r, identity.display_name(r["name"]), url, row, em)[0]
        general = identity._merged(r, np.arange(len(r)), np.full(len(r), ""), url)[0]
        as_obj = lambda df: df.astype(object).where(df.notna(), None)  # noqa: E731
        pd.testing.assert_frame_equal(as_obj(fast), as_obj(general), obj=name)
        seen += 1
    assert seen >= 8


_NAME_CHARS = list("abcAB ,.\t\n") + ["\u00a0", "\u3000", "ß", "é", "É", "Ａ", "İ", "ǅ", "e\u0301", "  ", ", "]


@pytest.mark.parametrize("seed", range(3))
def test_normalize_name_equals_a_plain_python_reference(seed):
    import random
    import re
    import unicodedata

    rng = random.Random(seed)
    values = ["".join(rng.choices(_NAME_CHARS, k=rng.randint(0, 12))) for _ in range(500)]
    ref = [re.sub(r"[ \t\n\r\f\v]+", " ", unicodedata.normalize("NFKC", v).casefold()).strip() for v in values]
    assert normalize_name(pd.Series(values)).tolist() == ref


# the owner, from every source (#27)


def test_every_owner_address_is_listed_with_where_it_was_found(tmp_path):
    from netlib import present

    (tmp_path / "cal.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal//EN\r\n" + "".join(
            f"BEGIN:VEVENT\r\nUID:e{k}\r\nDTSTAMP:20240601T000000Z\r\nDTSTART:202403{10 + k}T100000Z\r\nDURATION:PT30M\r\n"
            f"SUMMARY:coffee\r\nATTENDEE;CN=Ada Example:mailto:ada@work.example\r\nATTENDEE:mailto:{who}@x.example\r\nEND:VEVENT\r\n"
            for k, who in enumerate(["bo", "cy"])) + "END:VCALENDAR\r\n", newline="")
    write(tmp_path, "contacts.csv", "contact_id,name,email\nme,Ada Example,ada@work.example;ada@home.example\nb,Bo,bo@x.example\n")
    net = netlib.load(tmp_path, me="ada@work.example")
    assert set(net.me.emails) == {"ada@work.example", "ada@home.example"} and "Ada Example" not in set(net.contacts["name"])
    table = present.owner_addresses(net.me).set_index("address")["found"]
    assert table.index.tolist() == ["ada@work.example", "ada@home.example"]
    assert table["ada@work.example"].startswith("given as me; in 2 of 2 entries of ") and "cal.ics" in table["ada@work.example"]
    assert table["ada@home.example"].startswith("your own card in ") and "contacts.csv" in table["ada@home.example"]


def test_a_mailboxs_owner_joins_the_owner_given_or_inferred():
    from netlib.identity import join_owner
    from netlib.model import Me

    boxes = pd.DataFrame({"box": "m", "address": ["ada@home.example"], "name": ["Ada Example"], "where": ["the sender of 3 messages in m"]})
    inferred = Me("Ada Example", ("ada@work.example",), ("ada@work.example", "Ada Example"), "inferred",
                  found=(("ada@work.example", "in 5 of 5 entries of cal.ics"),))
    got = join_owner(make_me("ada@home.example"), boxes, inferred)  # the same name: one person
    assert got.emails == ("ada@home.example", "ada@work.example")
    assert [w for _, w in got.found] == ["given as me", "the sender of 3 messages in m", "in 5 of 5 entries of cal.ics"]
    other = Me("Bo", ("bo@x.example",), ("Bo",), "inferred")  # nothing shared: not joined
    assert join_owner(make_me("ada@home.example"), boxes, other).emails == ("ada@home.example",)
    alone = join_owner(Me(), boxes)  # no me, nothing else: the mailbox says whose it is
    assert alone.emails == ("ada@home.example",) and alone.name == "Ada Example" and alone.how.startswith("inferred")
