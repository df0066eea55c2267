"""Every kind of user (#27): 24 generated personas (tests/exports.py), each written in the real export
formats and loaded exactly as the README tells a user, ``netlib.load(folder, me=<one address>, tz=...)``
(with ``events=`` for the attendee lists, docs/data-model.md), and once without ``me``; netlib's
answers are checked against the planted truth, one test per persona, load and check:

* ``owner``: the owner is never a contact;
* ``not_split``: every person in the files is exactly one contact;
* ``not_merged``: no contact is two people, and every contact is someone;
* ``one_to_one``: per person, the one-to-one meetings, exact;
* ``hours``: networking hours by mode within 2% (internal meetings with colleagues only are no networking);
* ``status``: each planted tie's status at the export moment;
* ``this_week``: who ``going_cold`` lists (overdue first) at the export moment.

A check that fails on today's code because of a defect issue #27 names is marked ``xfail(strict=True)``
with that defect (:data:`XFAIL`): it turns red once the defect is fixed, and the mark is removed then.
A failure names the persona, its traits and the figure, expected against got.

Plus ``netlib report FOLDER`` per kind (seed 0), with ``--me`` and without: every page written and read, and with
``--me`` opened in Chromium.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netlib
from netlib.cli import main

from . import exports
from .test_report import browser  # noqa: F401 (Chromium, shared with the report tests)

LOADS = ("me", "inferred")
CHECKS = ("files", "owner", "owner_alone", "not_split", "not_merged", "one_to_one", "hours", "moment", "status", "this_week")

# ------------------------------------------------------------------------------------------ known defects

_OWNER_ADDRESSES = "#27: several owner addresses: the mailbox belongs to another address of the owner than the one given as me"
_COLLEAGUES = "#27: colleagues counted as networking (internal meetings with only colleagues add hours)"
_SAME_NAME = "#27: same-name over-split: a third record of the same name keeps one person's two records apart"
_PAST_EXPORT = "#27: series expanded past the export moment (DTSTAMP): an occurrence the day after the export is counted"

_NEW_SOURCE_CODES = ("NEW (not in #27): load() crashes with 'ValueError: codes need to be between -1 and len(categories)-1' when "
                     "a folder holds 5 files before a Maildir of 123-127 messages: netlib.io.load's src_of adds len(src_rows) to "
                     "int8 categorical codes, which wrap past 127 (tests/test_personas.py::test_a_maildir_after_other_files_loads)")

#: Which personas carry each defect's trigger (tests/exports.py):
#: an open-ended weekly series whose next week falls within a day after the export (``open_series``)
_OPEN_SERIES = {"consultant-0", "consultant-2", "cofounder-1", "cofounder-3", "corporate-0", "corporate-3", "academic-0", "academic-2",
                "organiser-0", "organiser-2"}
#: two James Smiths, one of them with a LinkedIn and an address-book record
_TWO_JAMES = {"consultant-1", "consultant-3", "cofounder-0", "cofounder-2", "corporate-0", "corporate-1", "corporate-2", "corporate-3",
              "academic-2", "organiser-0", "stale-1"}
#: colleagues at the owner's organisation and internal meetings
_EMPLOYEES = {f"{k}-{s}" for k in ("cofounder", "corporate", "academic") for s in exports.SEEDS}
#: me= names an address of the owner that is not the mailbox's
_OTHER_ADDRESS = {f"cofounder-{s}" for s in exports.SEEDS} | {"academic-2", "academic-3"}
#: a load that crashes (a new defect; fixed in netlib.io: none now)
_CRASH: set[str] = set()


def _known(persona: str, load: str, check: str) -> list[str]:
    """The defects a check of a persona fails on today (empty: it passes)."""
    if persona in _CRASH and check != "owner_alone":  # each export loaded alone does not crash
        return [_NEW_SOURCE_CODES]
    out = []
    # _OWNER_ADDRESSES (persona in _OTHER_ADDRESS loaded with me): fixed, each mailbox's owner is found from the mailbox and joined
    # _COLLEAGUES (persona in _EMPLOYEES, checks hours and this_week): fixed, internal work with colleagues only is no networking
    # _SAME_NAME (persona in _TWO_JAMES, check not_split): fixed, records merge by evidence
    # _PAST_EXPORT (persona in _OPEN_SERIES, check one_to_one): fixed, a series ends at the export's moment
    return out


#: (persona, load, check) -> the defects it fails on today
XFAIL: dict[tuple[str, str, str], str] = {
    (f"{k}-{s}", load, check): "; ".join(why)
    for k, s in exports.personas() for load in LOADS for check in CHECKS if (why := _known(f"{k}-{s}", load, check))
}


def _params():
    for kind, seed in exports.personas():
        for load in LOADS:
            for check in CHECKS:
                reason = XFAIL.get((f"{kind}-{seed}", load, check))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(kind, seed, load, check, id=f"{kind}-{seed}-{load}-{check}", marks=marks)


# ------------------------------------------------------------------------------------------ fixtures


class _Personas:
    """Each persona written once and each load made once per session."""

    def __init__(self, root: Path):
        self.root, self.truths, self.nets = root, {}, {}

    def truth(self, kind: str, seed: int) -> dict:
        key = f"{kind}-{seed}"
        if key not in self.truths:
            self.truths[key] = exports.write_exports(kind, seed, self.root / key)
        return self.truths[key]

    def folder(self, kind: str, seed: int) -> Path:
        self.truth(kind, seed)
        return self.root / f"{kind}-{seed}"

    def alone(self, kind: str, seed: int, load: str) -> dict:
        """Each export the persona has (a calendar, a contacts file, the LinkedIn zip, a mailbox, a list)
        loaded on its own: source -> Network, or the error."""
        key = (kind, seed, load, "alone")
        if key not in self.nets:
            t, folder = self.truth(kind, seed), self.folder(kind, seed)
            me = t["me"]["me"] if load == "me" else None
            out = {}
            # the exports that show whose they are: with me given, all but a Meetup list (it names its host
            # by name and Meetup profile, never by an address); without me, those that show their owner in
            # every entry (a calendar, a mailbox, LinkedIn's messages), not an address book nor a list
            shows = {"calendar", "contacts", "linkedin", "mailbox", "eventbrite"} if me else {"calendar", "linkedin", "mailbox"}
            for unit in [u for u, kind_ in t["sources"].items() if kind_ in shows]:
                try:
                    out[unit] = netlib.load(folder / unit, me=me, tz=t["me"]["tz"], events=t["events"] or None)
                except Exception as err:
                    out[unit] = err
            self.nets[key] = out
        return self.nets[key]

    def net(self, kind: str, seed: int, load: str):
        key = (kind, seed, load)
        if key not in self.nets:
            t = self.truth(kind, seed)
            me = t["me"]["me"] if load == "me" else None
            try:
                self.nets[key] = netlib.load(self.folder(kind, seed), me=me, tz=t["me"]["tz"], events=t["events"] or None)
            except Exception as err:  # a load that fails fails every check of it, with the reason
                self.nets[key] = err
        got = self.nets[key]
        if isinstance(got, Exception):
            raise AssertionError(f"{kind}-{seed}: netlib.load failed: {type(got).__name__}: {got}")
        return got


@pytest.fixture(scope="session")
def personas(tmp_path_factory) -> _Personas:
    return _Personas(tmp_path_factory.mktemp("personas"))


# ------------------------------------------------------------------------------------------ who is who


def _norm_url(u: str) -> str:
    u = u.strip().lower()
    for p in ("https://", "http://"):
        u = u.removeprefix(p)
    return u.removeprefix("www.").rstrip("/")


def _name_key(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def _who(net, truth: dict) -> dict[str, set[str]]:
    """contact_id -> the truth's person ids its addresses and profiles belong to."""
    key = {}
    for pid, p in truth["people"].items():
        for e in p["emails"]:
            key[e.lower()] = pid
        for u in p["urls"]:
            key[_norm_url(u)] = pid
    out = {}
    c = net.contacts
    for cid, emails, url in zip(c.index, c["emails"].fillna(""), c["url"].fillna(""), strict=True):
        found = {key[e.lower()] for e in str(emails).split(";") if e and e.lower() in key}
        if url and _norm_url(str(url)) in key:
            found.add(key[_norm_url(str(url))])
        out[cid] = found
    return out


def _is_owner(net, truth: dict) -> list[str]:
    me = truth["me"]
    mine = {a.lower() for a in me["addresses"].values()}
    urls = {_norm_url(u) for u in (me["url"], me.get("meetup", "")) if u}
    c = net.contacts
    out = []
    for cid, name, emails, url in zip(c.index, c["name"].fillna(""), c["emails"].fillna(""), c["url"].fillna(""), strict=True):
        why = sorted(set(str(emails).lower().split(";")) & mine)
        if url and _norm_url(str(url)) in urls:
            why.append(str(url))
        if _name_key(str(name)) == _name_key(me["name"]):
            why.append(f"name {name!r}")
        if why:
            out.append(f"contact {cid!r} is the owner ({', '.join(why)})")
    return out


def _label(truth: dict, pid: str) -> str:
    p = truth["people"][pid]
    return f"{p['name']} ({pid}{', colleague' if p['colleague'] else ''})"


# ------------------------------------------------------------------------------------------ the checks


def check_files(net, truth) -> list[str]:
    s = net.sources.assign(rel=net.sources["source"].astype(str).str.replace("\\", "/").str.split(f"/{truth['persona']}/", n=1).str[-1])
    got = dict(zip(s["rel"], s["format"], strict=True))
    out = [f"{f}: expected {fmt!r}, got {got.get(f, 'not read')!r}" for f, fmt in truth["files"].items() if got.get(f) != fmt]
    out += [f"{r}: read though the persona wrote no such export ({fmt})" for r, fmt in got.items() if r not in truth["files"]]
    bad = s[s["rows_read"] != s["rows_kept"] + s["rows_skipped"]]
    out += [f"{r}: rows read {a} != kept {b} + skipped {c}" for r, a, b, c in bad[["rel", "rows_read", "rows_kept", "rows_skipped"]].itertuples(index=False)]
    return out


def check_owner(net, truth) -> list[str]:
    return _is_owner(net, truth)


def check_owner_alone(alone: dict, truth) -> list[str]:
    out = []
    for unit, net in alone.items():
        if isinstance(net, Exception):
            out.append(f"{unit} loaded alone: {type(net).__name__}: {net}")
        else:
            out += [f"{unit} loaded alone: {x}" for x in _is_owner(net, truth)]
    return out


def check_not_split(net, truth) -> list[str]:
    who = _who(net, truth)
    per = {}
    for cid, pids in who.items():
        for pid in pids:
            per.setdefault(pid, []).append(cid)
    out = []
    for pid in truth["people"]:
        got = per.get(pid, [])
        if len(got) != 1:
            out.append(f"{_label(truth, pid)}: expected 1 contact, got {len(got)}" + (f" {sorted(got)}" if got else ""))
    return out


def check_not_merged(net, truth) -> list[str]:
    who = _who(net, truth)
    owner = {x.split("'")[1] for x in _is_owner(net, truth)}
    out = []
    for cid, pids in who.items():
        if len(pids) > 1:
            out.append(f"contact {cid!r} is {len(pids)} people: " + ", ".join(_label(truth, p) for p in sorted(pids)))
        elif not pids and cid not in owner:
            out.append(f"contact {cid!r} ({net.contacts.at[cid, 'name']}) is nobody in the files' people")
    return out


def _per_person(net, truth, values: np.ndarray) -> tuple[dict, list[str]]:
    who = _who(net, truth)
    got, odd = {}, []
    for cid, v in zip(net.contacts.index, values, strict=True):
        pids = who[cid]
        if len(pids) == 1:
            pid = next(iter(pids))
            got[pid] = got.get(pid, 0) + v
        elif v:
            odd.append(f"{v:g} for contact {cid!r}, who is " + (" and ".join(sorted(pids)) or "nobody"))
    return got, odd


def check_one_to_one(net, truth) -> list[str]:
    mpos, cpos = net.positions()
    one = (net.meetings["mode"].to_numpy() == "one_to_one")[mpos]
    counts = np.bincount(cpos[one], minlength=len(net.contacts))
    got, odd = _per_person(net, truth, counts)
    want = truth["one_to_one"]
    out = []
    for pid, p in truth["people"].items():
        if p["colleague"]:
            continue  # their one-to-ones are internal work (#27): not networking, however netlib marks them
        w, g = want.get(pid, 0), int(got.get(pid, 0))
        if w != g:
            out.append(f"one-to-one meetings with {_label(truth, pid)}: expected {w}, got {g}")
    return out + [f"one-to-one meetings not attributable: {x}" for x in odd if not x.endswith("nobody")]


def check_hours(net, truth) -> list[str]:
    e = netlib.effort(net)
    got = e["hours"].to_dict()
    out = []
    for mode in sorted(set(got) | set(truth["hours"])):
        w, g = truth["hours"].get(mode, 0.0), float(got.get(mode, 0.0))
        if abs(g - w) > max(0.02 * w, 0.01):
            out.append(f"networking hours {mode}: expected {w:.2f}, got {g:.2f} ({(g - w) / w:+.1%})" if w else
                       f"networking hours {mode}: expected none, got {g:.2f}")
    if truth["internal"]["hours"] and out:
        out.append(f"(internal meetings with colleagues only: {truth['internal']['meetings']} meetings, {truth['internal']['hours']:.2f} h)")
    return out


def _contact_of(net, truth) -> dict[str, list[str]]:
    per = {}
    for cid, pids in _who(net, truth).items():
        if len(pids) == 1:
            per.setdefault(next(iter(pids)), []).append(cid)
    return per


def check_moment(net, truth) -> list[str]:
    """The figures' moment, as a user gets it (no as_of): the export's, not the last meeting's."""
    got, want = netlib._facts.as_of(net), pd.Timestamp(truth["as_of"])
    return [] if got == want else [f"measured at {got} by default, expected the export's moment {want} (last meeting "
                                   f"{net.meetings['start'].max()}; files: {net.sources['exported'].dropna().astype(str).tolist()})"]


def check_status(net, truth) -> list[str]:
    st = netlib.status(net)  # at the default moment, as a user gets it (check_moment: the export's)
    per = _contact_of(net, truth)
    out = []
    for pid, want in truth["status"].items():
        cids = per.get(pid, [])
        if len(cids) != 1:
            out.append(f"status of {_label(truth, pid)} ({truth['planted'][pid]} tie): expected {want}, got {len(cids)} contacts")
            continue
        got = st.at[cids[0], "status"]
        if got != want:
            row = st.loc[cids[0]]
            out.append(f"status of {_label(truth, pid)} ({truth['planted'][pid]} tie): expected {want}, got {got} "
                       f"(meetings {row['meetings']}, silent {row['silence_days']:.0f} days, strength {row['strength']:.2f})")
    return out


def check_this_week(net, truth) -> list[str]:
    g = netlib.decay.going_cold(net, limit=100_000)
    who = _who(net, truth)
    got = [sorted(who.get(cid, set())) for cid in g.index]
    out = []
    unknown = [g.at[cid, "name"] for cid, pids in zip(g.index, got, strict=True) if len(pids) != 1]
    if unknown:
        out.append(f"listed contacts that are not one person: {unknown}")
    got_ids = [p[0] for p in got if len(p) == 1]
    want = set(truth["this_week"])
    missing, extra = sorted(want - set(got_ids)), sorted(set(got_ids) - want)
    if missing or extra:
        out.append(f"get in touch this week: expected {len(want)} people, got {len(got)}; missing "
                   f"{[_label(truth, p) for p in missing]}, not expected {[_label(truth, p) for p in extra]}")
    k = len(truth["overdue"])
    if set(got_ids[:k]) != set(truth["overdue"]):
        out.append(f"the overdue first: expected {[_label(truth, p) for p in truth['overdue']]}, "
                   f"got {[_label(truth, p) for p in got_ids[:k]]}")
    return out


CHECK = {"files": check_files, "owner": check_owner, "owner_alone": check_owner_alone, "not_split": check_not_split, "not_merged": check_not_merged, "one_to_one": check_one_to_one,
         "hours": check_hours, "moment": check_moment, "status": check_status, "this_week": check_this_week}


@pytest.mark.parametrize("kind,seed,load,check", list(_params()))
def test_persona(personas, kind, seed, load, check):
    truth = personas.truth(kind, seed)
    net = personas.alone(kind, seed, load) if check == "owner_alone" else personas.net(kind, seed, load)
    problems = CHECK[check](net, truth)
    how = f"load(folder, me={truth['me']['me']!r}, tz={truth['me']['tz']!r})" if load == "me" else \
        f"load(folder, tz={truth['me']['tz']!r}) without me"
    assert not problems, (f"persona {truth['persona']} [{'; '.join(truth['traits'])}], {how}: {check}: "
                          + "; ".join(problems[:12]) + (f"; and {len(problems) - 12} more" if len(problems) > 12 else ""))


def test_the_generator_is_deterministic(tmp_path):
    a = exports.write_exports("cofounder", 1, tmp_path / "a")
    b = exports.write_exports("cofounder", 1, tmp_path / "b")
    assert a == b
    for f in sorted((tmp_path / "a").rglob("*")):
        if f.is_file() and f.suffix != ".zip":
            assert f.read_bytes() == (tmp_path / "b" / f.relative_to(tmp_path / "a")).read_bytes(), f.name
    assert json.loads((tmp_path / "a_truth.json").read_text(encoding="utf-8")) == json.loads(json.dumps(a))


def test_a_maildir_after_other_files_loads(tmp_path):
    # the smallest case of academic-1: five files, then a Maildir of 125 messages read together
    for i in range(5):
        (tmp_path / f"a{i}.csv").write_text(f"contact_id,name,email\nc{i},Person {i},p{i}@x.example\n", encoding="utf-8")
    cur = tmp_path / "Maildir" / "cur"
    cur.mkdir(parents=True)
    for k in range(125):
        frm, to = ("me@own.example", f"p{k % 5}@x.example") if k % 2 else (f"p{k % 5}@x.example", "me@own.example")
        (cur / f"{1700000000 + k}.M{k}P1.host:2,S").write_text(
            f"From: {frm}\nTo: {to}\nDate: Mon, 0{1 + k % 9} Jan 2024 10:00:00 +0000\nMessage-ID: <{k}@x>\nSubject: hi\n\nbody\n",
            encoding="utf-8")
    net = netlib.load(tmp_path, me="me@own.example")
    assert len(net.meetings) == 125


# ------------------------------------------------------------------------------------------ the command line

#: persona -> the #27 defect its report fails on today
REPORT_XFAIL: dict[str, str] = {}


def _report_params():
    for kind in exports.KINDS:
        reason = REPORT_XFAIL.get(f"{kind}-0")
        yield pytest.param(kind, id=f"{kind}-0", marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else [])


@pytest.mark.parametrize("given", [True, False], ids=["me", "inferred"])
@pytest.mark.parametrize("kind", list(_report_params()))
def test_the_report_renders_and_reads_right(personas, kind, given, tmp_path, browser):  # noqa: F811
    """The report as the README tells the person to make it, with --me and without: written whole,
    every page free of what no reader should see, and (with --me) every page working in Chromium."""
    from tests.test_report import NOT_FOR_READERS, visible_text

    truth = personas.truth(kind, 0)
    args = ["report", str(personas.folder(kind, 0)), "--tz", truth["me"]["tz"], "--out", str(tmp_path / "out")]
    args += ["--me", truth["me"]["me"]] if given else []
    for f, e in truth["events"].items():
        args += ["--event", f"{f}={e['start']},{e['title']},{e['duration_min']}"]
    code = main(args)
    who = f"persona {truth['persona']} [{'; '.join(truth['traits'])}]: netlib {' '.join(args[:1] + args[2:])}"
    index = tmp_path / "out" / "index.html"
    assert code == 0 and index.exists(), f"{who}: exit code {code}, index.html {'written' if index.exists() else 'missing'}"
    pages = sorted(index.parent.glob("*.html"))
    assert len(pages) == 7, f"{who}: pages {[p.name for p in pages]}"
    for page in pages:
        bad = sorted({m.group(0) for m in NOT_FOR_READERS.finditer(visible_text(page))})
        assert not bad, f"{who}: {page.name} shows {bad}"
    if not given:
        return
    for page_path in pages:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri(), wait_until="load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth])")
        assert all(done and width > 0 for done, width in images), f"{who}: {page_path.name}: an image did not load"
        assert errors == [], f"{who}: {page_path.name}: JavaScript errors {errors}"
        page.close()
