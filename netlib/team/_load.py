"""A team from its members' exports: :func:`load_team` and :class:`Team`.

Each member's folder is loaded with :func:`netlib.load` exactly as one person's would be (the owner
found from the files, or given).  Then, on netlib's own rules:

* the other members are recognised in each member's contacts (by address, profile URL, or a name
  alone, listed as a guess) and are never counted as contacts; a meeting whose other people are all
  members or colleagues is internal (:mod:`netlib.org`'s rule, with the members added);
* the members' contacts are merged into team people by :func:`netlib.identity.merge_contacts`
  (shared addresses and profiles, then names with nothing conflicting), merges made on a name alone
  listed in :attr:`Team.problems` as guesses;
* each member's tie to each person is :func:`netlib.decay.status` of the member's networking meetings
  at one moment for the whole team (:attr:`Team.as_of`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import _facts, _params
from netlib._kernels import STR, isin, split_list
from netlib._keys import name_key, normalize_url
from netlib.decay import WARM_STATUSES, status
from netlib.identity import merge_contacts
from netlib.io import load
from netlib.model import DEFAULT_HALF_LIFE_DAYS, PROBLEM_COLUMNS, Me, Network, ProblemLog
from netlib.org import colleagues

__all__ = ["Team", "load_team", "bucket", "SHARE_FILE", "SHARE_CHOICES", "TIE_COLUMNS", "STRONG_STRENGTH"]

#: The file in a member's folder that says what the other members may see of the member's contacts.
SHARE_FILE = "share.toml"
#: What ``share`` in :data:`SHARE_FILE` may say: ``"buckets"`` (the default: other members see this
#: member's ties only as counts by strength bucket) or ``"names"`` (they also see who the contacts are).
SHARE_CHOICES = ("buckets", "names")
#: A warm tie at least this strong is *strong* (meeting-equivalents): as strong as two one-to-one
#: meetings today, or one every three months kept up (netlib's assumption; see docs/team.md).
STRONG_STRENGTH = 2.0
#: Columns of :attr:`Team.ties`.
TIE_COLUMNS = ["member", "person", "strength", "status", "last_contact", "contacts", "median_gap_days", "days_to_cold", "bucket"]


class Team:
    """Several people's networks together: who the team knows, and how well each member does.

    Made by :func:`load_team`.

    Attributes
    ----------
    members : DataFrame
        Indexed by ``member`` (the folder's or mapping's name): ``name``, ``emails`` (``;``-joined),
        ``how`` (how the owner was found), ``share`` (``"buckets"`` or ``"names"``), ``contacts``
        (team people the member knows), ``meetings`` and ``internal`` (meetings with members or
        colleagues only).
    networks : dict of str to Network
        Each member's network as :func:`netlib.load` made it.
    people : DataFrame
        The people the team knows (members never), indexed by ``person`` (``p0001``...): ``name``,
        ``company``, ``title``, ``email``, ``emails``, ``url``, ``tags``, ``members`` (who knows
        them, ``;``-joined in the members' order) and ``n_members``.
    ties : DataFrame
        One row per member and person the member knows (:data:`TIE_COLUMNS`): ``strength``
        (:func:`netlib.tie_strength` of the member's networking meetings, meeting-equivalents),
        ``status`` (:func:`netlib.status`), ``last_contact`` (UTC), ``contacts`` (networking meetings
        and messages), ``median_gap_days``, ``days_to_cold``, ``bucket`` (``strong``, ``familiar``
        or ``weak``: see :func:`netlib.team.bucket`).
    contacts : DataFrame
        Every contact of every member: ``member``, ``contact_id`` (the member's own id), ``person``
        (the team person, or NA) and ``is_member`` (the member this contact is, or NA).
    problems : DataFrame
        What the team's merging guessed, with ``member`` and the columns of ``Network.problems``:
        people merged on a name alone, members recognised by a name alone, share settings not
        understood.
    as_of : Timestamp
        The moment every figure is measured at (UTC).
    half_life_days : float
        The half-life of the ties' strengths.
    """

    def __init__(self, members: pd.DataFrame, networks: dict[str, Network], people: pd.DataFrame, ties: pd.DataFrame,
                 contacts: pd.DataFrame, problems: pd.DataFrame, as_of: pd.Timestamp, half_life_days: float,
                 work: dict[str, Network]) -> None:
        self.members, self.networks, self.people, self.ties = members, networks, people, ties
        self.contacts, self.problems, self.as_of, self.half_life_days = contacts, problems, as_of, half_life_days
        self._work = work  # each member's networking meetings only: what the ties and the paths are read from

    def __repr__(self) -> str:
        return (f"<Team: {len(self.members)} member{'s' if len(self.members) != 1 else ''}, {len(self.people)} people, "
                f"{len(self.ties)} ties, as of {self.as_of:%Y-%m-%d}>")

    def people_network(self) -> Network:
        """The team people as the contacts of a Network (no meeting): what
        :func:`netlib.segment_mask` reads a segment from."""
        return Network(self.people, pd.DataFrame(columns=["start"]))


def bucket(strength, state) -> np.ndarray:
    """A tie's strength in words another member may see: ``strong`` (warm and at least
    :data:`STRONG_STRENGTH` meeting-equivalents), ``familiar`` (warm: :data:`netlib.decay.WARM_STATUSES`)
    or ``weak`` (cold, dormant or never met).

    Parameters
    ----------
    strength : array-like of float
        Tie strengths (meeting-equivalents).
    state : array-like of str
        Their :func:`netlib.status`.

    Examples
    --------
    >>> bucket([3.0, 0.9, 3.0, 0.0], ["active", "cooling", "cold", "never_met"]).tolist()
    ['strong', 'familiar', 'weak', 'weak']
    """
    warm = isin(pd.Series(np.asarray(state, dtype=object)), WARM_STATUSES)
    return np.where(warm & (np.asarray(strength, dtype=float) >= STRONG_STRENGTH), "strong", np.where(warm, "familiar", "weak")).astype(object)


def _sources(func: str, source) -> dict[str, tuple]:
    """The members as ``{name: (folder or Network, me)}`` from a folder of member folders or a mapping."""
    if isinstance(source, Mapping):
        if not source:
            _params.fail(func, "source", source, "a folder of member folders, or a dict of member -> folder, (folder, me) or Network")
        out = {}
        for name, value in source.items():
            if not isinstance(name, str) or not name.strip():
                _params.fail(func, "source", _params.shown(name), "keyed by member names (text)")
            if isinstance(value, tuple) and len(value) == 2:
                out[name] = value
            elif isinstance(value, (str, os.PathLike, Network)):
                out[name] = (value, None)
            else:
                _params.fail(func, "source", _params.shown(value), "a folder, (folder, me) or a Network for each member")
        return out
    if not isinstance(source, (str, os.PathLike)):
        _params.fail(func, "source", _params.shown(source), "a folder of member folders, or a dict of member -> folder, (folder, me) or Network")
    root = Path(source).expanduser()
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder. Pass the folder that holds one folder per member.")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.is_symlink())
    if not folders:
        _params.fail(func, "source", str(source), "a folder holding one folder of exports per member", "Put each member's files in a folder of its own")
    return {p.name: (p, None) for p in folders}


def _share(name: str, folder, default: str, log: list) -> tuple[str, bool]:
    """What ``name`` shares (:data:`SHARE_CHOICES`) from the ``share.toml`` in their folder, and whether the file is there."""
    path = Path(folder) / SHARE_FILE if isinstance(folder, (str, os.PathLike)) and Path(folder).is_dir() else None
    if path is None or not path.is_file():
        return default, False
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("share", "buckets")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as err:
        value = f"<unreadable: {err}>"
    if value not in SHARE_CHOICES:
        log.append((name, str(path), None, "share", str(value), "share must be 'names' or 'buckets': the member's contacts stay "
                    "unnamed to the others", "defaulted"))
        return "buckets", True
    return value, True


@_params.document
def load_team(source, *, tz: str | None = None, as_of=None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS, merge: bool = True,
              share: Mapping[str, str] | None = None) -> Team:
    """Load a team: each member's exports, one team of people.

    Each member is loaded with :func:`netlib.load` as one person is (the owner found from the files
    when not given).  The same outside person known to several members becomes one team person by
    :func:`netlib.identity.merge_contacts`' rules (a shared e-mail address or profile URL, then the
    same name when nothing conflicts: merges on a name alone are listed in ``Team.problems``).
    Members are never team people: a member in another member's contacts is recognised by address,
    profile or name (a name alone listed as a guess), and a meeting whose other people are all
    members or colleagues is internal, no networking.  Each tie is measured at one moment for the
    whole team.

    Parameters
    ----------
    source : path or dict
        A folder holding one folder per member (the folder's name is the member's), or a dict
        ``{"ada": "exports/ada"}``, ``{"ada": ("exports/ada", "ada@x.org")}`` (folder and owner, as
        ``me=`` of :func:`netlib.load`) or ``{"ada": network}`` (a Network already loaded).
    tz : str, optional
        As for :func:`netlib.load` (default UTC).
    {as_of}
        For a team: the latest member's end of data (each member's later of last meeting and export).
    {half_life_days}
    merge : bool
        As for :func:`netlib.load`, within each member's files and across members.
    share : dict, optional
        Member -> ``"names"`` or ``"buckets"`` for members whose folder holds no ``share.toml``
        (a Network given in memory); a member's own ``share.toml`` always wins.

    Returns
    -------
    Team

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> team = _example_team()
    >>> team
    <Team: 3 members, 5 people, 7 ties, as of 2025-06-01>
    >>> team.people[["name", "members"]].sort_values("name").values.tolist()
    [['Dan Ortiz', 'ada;bo'], ['Eve Evans', 'cy'], ['Finn Ford', 'bo;cy'], ['Hal Hart', 'bo'], ['Tess Tran', 'ada']]
    """
    members = _sources("load_team", source)
    tz = _params.timezone("load_team", "tz", "UTC" if tz is None else tz)
    half_life_days = _params.number("load_team", "half_life_days", half_life_days)
    share = dict(share or {})
    for value in share.values():
        _params.choice("load_team", "share", value, SHARE_CHOICES)
    log: list[tuple] = []
    nets, shares, folders = {}, {}, {}
    for name, (where, me) in members.items():  # one load per member
        shares[name], _ = _share(name, where, share.get(name, "buckets"), log)
        nets[name] = where if isinstance(where, Network) else load(where, me=me, tz=tz, merge=merge)
        folders[name] = "" if isinstance(where, Network) else str(where)
    # the team's moment: the latest member's end of data (last meeting or export, _facts.data_end)
    ends = [_facts.data_end(n) for n in nets.values() if len(n.meetings) or _facts.exported(n) is not None]
    T = (max(ends) if ends else pd.Timestamp.now(tz="UTC").normalize()) if as_of is None else _params.when("load_team", "as_of", as_of)
    return _assemble(nets, shares, T, half_life_days, merge, log)


def _member_keys(nets: dict[str, Network], log: list) -> pd.DataFrame:
    """Every key a member is known by: ``key``, ``member``, ``on`` (``address``, ``profile`` or ``name``); a key
    several members share is left out (and listed in ``log``)."""
    rows = []
    for name, net in nets.items():
        me: Me = net.me
        rows += [(e.lower(), name, "address") for e in me.emails]
        rows += [(normalize_url(pd.Series([i])).iloc[0], name, "profile") for i in me.ids if "/" in i]
        names = [me.name] if me.name else []
        rows += [(k, name, "name") for k in name_key(pd.Series(names, dtype=object)) if k]
    keys = pd.DataFrame(rows, columns=["key", "member", "on"]).drop_duplicates(["key", "member"])
    shared = keys["key"].duplicated(keep=False)
    if shared.any():  # two members by one address or name (a shared mailbox, namesakes): it names neither
        per = keys[shared].groupby("key", sort=False).agg(member=("member", ", ".join), on=("on", "first"))
        log.append(pd.DataFrame({"member": per["member"].to_numpy(), "source": "members", "line": None, "column": per["on"].to_numpy(),
                                 "value": per.index.to_numpy(), "problem": "several members are known by this " + per["on"].to_numpy(dtype=object)
                                 + ": a contact with it is taken for none of them", "action": "guessed"}))
    return keys[~shared]


def _recognise(name: str, net: Network, keys: pd.DataFrame, log: list) -> pd.Series:
    """Which other member each contact of ``name``'s network is (NA: none), by address, profile or name."""
    c = net.contacts
    out = np.full(len(c), None, dtype=object)
    others = keys[keys["member"] != name]
    if not len(others) or not len(c):
        return pd.Series(out, index=c.index, dtype=object)
    by = {on: others[others["on"] == on].set_index("key")["member"] for on in ("address", "profile", "name")}
    row, em = split_list(c["emails"].astype(STR).fillna("").str.lower(), ";")
    hit = pd.Series(em.to_numpy(dtype=object)).map(by["address"]).to_numpy(dtype=object)
    found = pd.notna(hit)
    out[row[found][::-1]] = hit[found][::-1]  # a contact's first address that is a member's decides
    urls = normalize_url(c["url"].astype(STR).fillna("")) if "url" in c else pd.Series("", index=c.index)
    by_url = pd.Series(urls.to_numpy(dtype=object)).map(by["profile"]).to_numpy(dtype=object)
    out = np.where(pd.isna(out), by_url, out)
    by_name = pd.Series(name_key(c["name"]).to_numpy(dtype=object)).map(by["name"]).to_numpy(dtype=object)
    guessed = np.flatnonzero(pd.isna(out) & pd.notna(by_name))
    for i in guessed:  # the few contacts who bear a member's name
        log.append((name, str(c["file"].iloc[i]), None, "name", str(c["name"].iloc[i]),
                    f"taken for the member {by_name[i]} by the name alone (no address or profile in common)", "guessed"))
    out = np.where(pd.isna(out), by_name, out)
    return pd.Series(np.where(pd.isna(out), None, out), index=c.index, dtype=object)


def _networking(net: Network, member_contact: np.ndarray) -> tuple[Network, int]:
    """``net`` with its internal meetings left out: every other person listed a member or a colleague
    (:func:`netlib.org.internal_meetings`' rule, the members added), no audience beyond them; and how many."""
    m = net.meetings
    if not len(m):
        return net, 0
    inside_people = member_contact | colleagues(net).to_numpy()
    mpos, cpos = net.positions()
    listed = np.bincount(mpos, minlength=len(m))
    inside = np.bincount(mpos[inside_people[cpos]], minlength=len(m))
    audience = pd.to_numeric(m["audience"], errors="coerce").fillna(0).to_numpy(dtype=float)
    internal = (listed > 0) & (inside == listed) & (audience <= listed)
    if not internal.any():
        return net, 0
    att = net.attendance  # its rows are in the order of the positions
    keep_att = ~internal[mpos]
    return net.replace(meetings=m[~internal], attendance=att[keep_att].reset_index(drop=True)), int(internal.sum())


def _records(name: str, net: Network, is_member: pd.Series) -> pd.DataFrame:
    """The member's contacts who are not members, as the records :func:`netlib.identity.merge_contacts` merges;
    ``rid`` (and ``file``) ``member/contact_id``: each record's own name, found again after the merge."""
    c = net.contacts[is_member.isna().to_numpy()]
    text = lambda col: c[col].astype(STR).fillna("").to_numpy() if col in c else ""  # noqa: E731
    rid = (name + "/" + c.index.astype(str)).to_numpy(dtype=object)
    return pd.DataFrame({"rid": rid, "contact_id": "", "name": text("name"), "emails": text("emails"), "company": text("company"),
                         "title": text("title"), "tags": text("tags"), "source": text("source"),
                         "connected_on": c["connected_on"].to_numpy() if "connected_on" in c else pd.NaT, "introduced_by": "",
                         "url": text("url"), "file": rid, "line": c["line"].to_numpy() if "line" in c else pd.NA,
                         "member": name, "member_contact": c.index.to_numpy(dtype=object)})


def _people(records: pd.DataFrame, merge: bool, log: list) -> tuple[pd.DataFrame, pd.Series]:
    """The team people from every member's records, and each record's person (by ``rid``)."""
    plog = ProblemLog()
    if not len(records):
        return pd.DataFrame(columns=["name", "company", "title", "email", "emails", "url", "tags"]).rename_axis("person"), pd.Series(dtype=object)
    people, _, merges = merge_contacts(records.drop(columns=["member", "member_contact"]), plog, merge=merge)
    person = pd.Series(people["contact_id"].to_numpy(), index=people["file"].to_numpy())  # each one-record person by its record
    if len(merges):
        person = pd.concat([person[~person.isin(merges["contact_id"])], pd.Series(merges["contact_id"].to_numpy(), index=merges["record"].to_numpy())])
    ids = pd.Series([f"p{i + 1:04d}" for i in range(len(people))], index=people["contact_id"].to_numpy())
    of_record = person.map(ids).reindex(records["rid"].to_numpy())
    table = people.set_axis(ids.to_numpy())[["name", "company", "title", "email", "emails", "url", "tags"]].rename_axis("person")
    for p in plog.frame().itertuples():  # the few same-name groups kept apart
        log.append((str(p.source).split("/")[0], p.source, None, p.column, p.value, p.problem, p.action))
    named = merges[merges["on"].astype(str).str.contains("name")] if len(merges) else merges
    if len(named):
        rec = records.set_index("rid")
        who = named.assign(member=rec.loc[named["record"], "member"].to_numpy())
        per = who.drop_duplicates(["contact_id", "member"]).groupby("contact_id").agg(member=("member", ", ".join), name=("name", "first"))
        log.append(pd.DataFrame({"member": per["member"].to_numpy(), "source": "team person " + ids.reindex(per.index).to_numpy(dtype=object),
                                 "line": None, "column": "name", "value": per["name"].to_numpy(),
                                 "problem": "the same person in the exports of " + per["member"].to_numpy(dtype=object)
                                 + ", merged on the name alone (no address or profile in common)", "action": "guessed"}))
    return table, of_record


def _ties(team_rows: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per member and person (a person a member knows as two contacts: strengths and contacts
    added, the strongest contact's status kept)."""
    t = pd.concat(team_rows, ignore_index=True)
    t = t.sort_values(["member_order", "person", "strength"], ascending=[True, True, False], kind="stable")
    out = t.drop_duplicates(["member_order", "person"]).set_index(["member_order", "person"])  # the strongest contact's row
    if len(out) < len(t):  # a person the member knows as two contacts (rare): their ties added up
        g = t.groupby(["member_order", "person"], sort=False)
        out["strength"] = g["strength"].sum()
        out["contacts"] = g["contacts"].sum()
        out["last_contact"] = g["last_contact"].max()
    out = out.reset_index().drop(columns="member_order")
    out["bucket"] = bucket(out["strength"], out["status"])
    return out[TIE_COLUMNS]


def _assemble(nets: dict[str, Network], shares: dict[str, str], T: pd.Timestamp, h: float, merge: bool, log: list) -> Team:
    """The :class:`Team` of the members' loaded networks."""
    keys = _member_keys(nets, log)
    work, recs, contacts, status_rows, rows = {}, [], [], {}, []
    for name, net in nets.items():  # one pass per member
        is_member = _recognise(name, net, keys, log)
        work[name], internal = _networking(net, is_member.notna().to_numpy())
        st = status(work[name], as_of=T, half_life_days=h)
        status_rows[name] = st
        recs.append(_records(name, net, is_member))
        contacts.append(pd.DataFrame({"member": name, "contact_id": net.contacts.index.to_numpy(dtype=object), "is_member": is_member.to_numpy()}))
        rows.append({"member": name, "name": net.me.name or name, "emails": ";".join(net.me.emails), "how": net.me.how,
                     "share": shares[name], "meetings": len(net.meetings), "internal": internal})
    records = pd.concat(recs, ignore_index=True)
    people, of_record = _people(records, merge, log)
    records["person"] = of_record.to_numpy()
    contacts = pd.concat(contacts, ignore_index=True)
    key = contacts["member"] + "/" + contacts["contact_id"].astype(str)
    contacts.insert(2, "person", key.map(pd.Series(records["person"].to_numpy(), index=records["rid"].to_numpy())).to_numpy())
    tie_rows = []
    for i, name in enumerate(nets):
        r = records[records["member"] == name]
        st = status_rows[name].loc[r["member_contact"].to_numpy()]
        tie_rows.append(pd.DataFrame({"member": name, "member_order": i, "person": r["person"].to_numpy(), "strength": st["strength"].to_numpy(),
                                      "status": st["status"].to_numpy(), "last_contact": st["last_met"].array, "contacts": st["meetings"].to_numpy(),
                                      "median_gap_days": st["median_gap_days"].to_numpy(), "days_to_cold": st["days_to_cold"].to_numpy()}))
    ties = _ties(tie_rows) if len(records) else pd.DataFrame(columns=TIE_COLUMNS)
    order = pd.Series(range(len(nets)), index=list(nets))
    known = ties.assign(o=ties["member"].map(order)).sort_values(["person", "o"])
    people["members"] = known.groupby("person")["member"].agg(";".join).reindex(people.index).fillna("")
    people["n_members"] = known.groupby("person").size().reindex(people.index).fillna(0).astype(int)
    members = pd.DataFrame(rows).set_index("member")
    members.insert(4, "contacts", ties.groupby("member").size().reindex(members.index).fillna(0).astype(int))
    columns = ["member", *PROBLEM_COLUMNS]
    parts = [pd.DataFrame([x for x in log if not isinstance(x, pd.DataFrame)], columns=columns)]
    parts += [x[columns] for x in log if isinstance(x, pd.DataFrame) and len(x)]
    problems = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    return Team(members, nets, people, ties, contacts, problems, T, h, work)


def _example_team() -> Team:
    """The small team the docstrings' examples use: three members (Ada, Bo, Cy), built in memory.

    Ada met Dan Ortiz one-to-one 270 and 180 days before 1 June 2025 and had lunch with Dan and
    Tess Tran (Acme) 90 days before and on that day; Bo met Dan on that day and Finn Ford and Hal
    Hart; Cy met Eve Evans (Acme) 90 days before and on that day, and Finn 270 days before.  Bo
    shares names (the others do not).
    """
    from netlib.io import from_frames

    day = lambda d: (pd.Timestamp("2025-06-01T12:00Z") - pd.Timedelta(days=d)).isoformat()  # noqa: E731
    people = {"dan": ("Dan Ortiz", "dan@delta.example", "Delta Labs"), "tess": ("Tess Tran", "tess@acme.example", "Acme"),
              "eve": ("Eve Evans", "eve@acme.example", "Acme"), "finn": ("Finn Ford", "finn@foxtrot.example", ""),
              "hal": ("Hal Hart", "hal@hotel.example", ""), "bo": ("Bo Berg", "bo@beta.example", "")}
    plan = {"ada": [(270, "dan"), (180, "dan"), (90, "dan;tess"), (0, "dan;tess"), (90, "bo")],
            "bo": [(0, "dan"), (90, "finn"), (0, "finn"), (180, "hal")], "cy": [(90, "eve"), (0, "eve"), (270, "finn")]}
    owners = {"ada": ["Ada Archer", "ada@alpha.example"], "bo": ["Bo Berg", "bo@beta.example"], "cy": ["Cy Cole", "cy@gamma.example"]}
    nets = {}
    for member, meetings in plan.items():
        ids = sorted({p for _, who in meetings for p in who.split(";")})
        c = pd.DataFrame({"contact_id": ids, "name": [people[p][0] for p in ids], "email": [people[p][1] for p in ids],
                          "company": [people[p][2] for p in ids]})
        m = pd.DataFrame({"meeting_id": [f"m{i}" for i in range(len(meetings))], "start": [day(d) for d, _ in meetings],
                          "duration_min": 60, "channel": "coffee", "attendees": [who for _, who in meetings]})
        nets[member] = from_frames(c, m, me=owners[member])
    return load_team(nets, as_of="2025-06-01T12:00Z", share={"bo": "names"})
