"""One person, one contact: resolve attendees to contacts, keep *me* out.

An attendee written in a meetings file may be a ``contact_id``, an e-mail
address or a name.  :func:`resolve_attendees` matches each in that order
(e-mail case-insensitively, against every address of a contact; name after
:func:`normalize_name`).  An attendee that matches nobody becomes a new
contact marked ``inferred`` (never dropped), and each such contact is listed
in the problems.  Attendees that are the data's owner are removed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from netlib._attendees import _Attendees
from netlib._kernels import STR, first_item, has_repeats, isin, join_list, split_list
from netlib._keys import company_key, display_name, key_of_display, name_key, normalize_name, normalize_url
from netlib.model import Me, ProblemLog

__all__ = [
    "make_me", "infer_me", "complete_me", "join_owner", "is_me", "merge_contacts", "resolve_attendees", "check_introductions", "SOURCE_PRIORITY",
    # the match keys, defined in netlib._keys
    "normalize_name", "display_name", "name_key", "normalize_url", "company_key",
]


def make_me(me: str | list[str] | tuple[str, ...] | Me | None) -> Me:
    """Build a :class:`Me` from what the user passed as ``me=``.

    Strings with ``@`` are e-mail addresses; others are names, profile URLs
    or contact ids.

    Parameters
    ----------
    me : str, list of str, Me or None
        What the user passed as ``me=``.

    Examples
    --------
    >>> me = make_me(["Ada Lovelace", "ADA@example.org"])
    >>> me.name, me.emails, me.ids, me.how, me.found
    ('Ada Lovelace', ('ada@example.org',), ('Ada Lovelace',), 'given', (('ada@example.org', 'given as me'),))
    """
    if me is None:
        return Me()
    if isinstance(me, Me):
        return me
    items = [me] if isinstance(me, str) else list(me)
    emails = tuple(i.strip().lower() for i in items if "@" in i and "/" not in i)
    others = tuple(i.strip() for i in items if i.strip() and i.strip().lower() not in emails)
    name = next((o for o in others if "/" not in o), None)
    return Me(name=name, emails=emails, ids=others, how="given", found=tuple((e, "given as me") for e in dict.fromkeys(emails)))


def is_me(tokens: pd.Series, names: pd.Series, me: Me) -> np.ndarray:
    """True for each attendee that is the owner: by address, profile URL, id, or display name.

    Parameters
    ----------
    tokens : Series
        Attendees as the files write them (addresses, profile URLs, ids or names).
    names : Series
        Their display names ("" where none).
    me : Me
        The owner.

    Examples
    --------
    >>> me = make_me(["Ada Example", "ada@example.org"])
    >>> is_me(pd.Series(["ADA@example.org", "bo@x.org", "bo@x.org"]), pd.Series(["", "Bo", "Example, Ada"]), me).tolist()
    [True, False, True]
    """
    keys = sorted(me.keys())
    if not keys or not len(tokens):
        return np.zeros(len(tokens), dtype=bool)
    tok = tokens.astype(STR).fillna("")
    low = tok.str.lower()
    shown = names.astype(STR).fillna("")
    out = isin(low, keys) | isin(name_key(shown.where(shown != "", tok)), keys)
    url = tok.str.contains("/", regex=False).to_numpy(dtype=bool)
    if url.any():
        out[url] |= isin(normalize_url(tok[url]), keys)
    return out


def resolve_attendees(
    contacts: pd.DataFrame, tokens: pd.DataFrame, me: Me, log: ProblemLog, aliases: pd.Series | None = None
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, Me]:
    """Match attendee tokens to contacts.

    Parameters
    ----------
    contacts : DataFrame
        Contacts with a ``contact_id`` column.
    tokens : DataFrame
        ``mrow`` (the meeting's row position), ``token``, ``source``, ``line``.
    me : Me
        The owner: matching tokens are removed and counted in ``Me.removed``.
    log : ProblemLog
        Receives one ``inferred`` row per new contact, ``guessed`` rows for
        names shared by several contacts, ``repaired`` rows for an attendee
        listed twice in one meeting.
    aliases : Series, optional
        Other ids of a contact (explicit ids of records merged into it) ->
        its contact_id.

    Returns
    -------
    (contacts, mpos, cpos, me)
        Contacts with the inferred ones appended; for each attendance, the
        meeting's row position and the contact's row position; and ``me``
        with its count.

    Examples
    --------
    >>> from netlib.model import ProblemLog
    >>> contacts = pd.DataFrame({"contact_id": ["c1", "c2"], "name": ["Ada Lovelace", "Bo Li"], "emails": ["ada@example.org", ""]})
    >>> tokens = pd.DataFrame({"mrow": [0, 0, 1, 1, 1], "token": ["ADA@example.org", "Bo Li", "me@example.org", "x@new.example", "c2"],
    ...                        "source": "meetings.csv", "line": [2, 2, 3, 3, 3]})
    >>> log = ProblemLog()
    >>> contacts, mpos, cpos, me = resolve_attendees(contacts, tokens, make_me("me@example.org"), log)
    >>> contacts["contact_id"].tolist(), mpos.tolist(), cpos.tolist(), me.removed
    (['c1', 'c2', 'inferred:x@new.example'], [0, 0, 1, 1], [0, 1, 2, 1], 1)
    >>> log.frame()["action"].tolist()
    ['inferred']
    """
    steps = _Attendees(contacts, tokens, log, aliases)  # by contact id, then the ids of merged records
    steps.match_addresses()
    me = steps.leave_out_owner(me)
    steps.match_names()
    new_contacts = steps.inferred_contacts()
    contacts, mpos, cpos = steps.attendance(new_contacts)
    return contacts, mpos, cpos, me


def check_introductions(contacts: pd.DataFrame, log: ProblemLog, aliases: pd.Series | None = None) -> pd.DataFrame:
    """Clear ``introduced_by`` values that name no known contact (recorded); follow merged ids.

    Parameters
    ----------
    contacts : DataFrame
        Contacts with ``contact_id`` and ``introduced_by``.
    log : ProblemLog
        Receives a row for every introducer cleared.
    aliases : Series, optional
        Other ids of a contact -> its contact_id.
    """
    intro = contacts["introduced_by"].astype(STR).fillna("")
    if aliases is not None and len(aliases):
        intro = intro.map(aliases).fillna(intro).astype(STR)
        contacts = contacts.assign(introduced_by=intro)
    named = np.flatnonzero((intro != "").to_numpy(dtype=bool))  # most contacts name nobody: look up the others
    bad = np.zeros(len(intro), dtype=bool)
    bad[named] = ~isin(intro.iloc[named], contacts["contact_id"])
    if bad.any():
        log.add_frame(
            pd.DataFrame(
                {
                    "source": contacts.loc[bad, "file"],
                    "line": contacts.loc[bad, "line"],
                    "column": "introduced_by",
                    "value": intro[bad],
                }
            ),
            "introduced_by names no known contact_id: the value was cleared",
            "cleared",
            expected="the contact_id of the person who introduced you",
        )
        contacts = contacts.assign(introduced_by=intro.mask(bad, ""))
    return contacts


#: Which source's value wins when records of one person disagree (lower first).
SOURCE_PRIORITY = {"netlib": 0, "linkedin": 1, "google": 2, "outlook": 3, "vcard": 4, "eventbrite": 5, "meetup": 6,
                   "calendar": 7, "inferred": 9}


def _components(n: int, pairs_a: np.ndarray, pairs_b: np.ndarray) -> np.ndarray:
    """Connected components of n nodes joined by edges (a, b), with scipy's sparse graph routines."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    g = sp.coo_matrix((np.ones(len(pairs_a)), (pairs_a, pairs_b)), shape=(n, n))
    return connected_components(g, directed=False)[1]


def _rule_matches(r: pd.DataFrame, url: pd.Series, nk: pd.Series, value: str) -> np.ndarray:
    """Records a rule's side names: an e-mail address, a profile URL, a contact id or a name."""
    v = str(value).strip()
    if "@" in v:
        return r["emails"].astype(str).str.lower().str.split(";").apply(lambda es: v.lower() in es).to_numpy()
    if "/" in v:
        return (url == normalize_url(pd.Series([v])).iloc[0]).to_numpy()
    by_id = (r["contact_id"].astype(str) == v).to_numpy()
    return by_id if by_id.any() else (nk == name_key(pd.Series([v])).iloc[0]).to_numpy()


def merge_contacts(records: pd.DataFrame, log: ProblemLog, merge: bool = True,
                   rules: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """One person, one contact: merge contact records from every source.

    Records sharing any e-mail address (case-insensitive) or profile URL are
    the same person.  Then, unless ``merge=False``, records with the same
    name (:func:`name_key`: ``Last, First`` and trailing credentials
    handled) are merged too, but only when none of them conflict: two
    different e-mail sets, two different profile URLs or two different
    companies keep them apart (recorded as ``guessed`` "same name, kept
    apart").  Every merge is listed in the returned ``merges`` table, those
    made on a name alone with ``on == "name"``.

    Parameters
    ----------
    records : DataFrame
        ``rid`` (unique record id), ``contact_id`` (explicit id or ""),
        ``name``, ``emails``, ``company``, ``title``, ``tags``, ``source``,
        ``connected_on``, ``introduced_by``, ``url``, ``file``, ``line``.
    log : ProblemLog
        Receives a ``guessed`` row for every merge made on a name alone that others contradict.
    merge : bool
        Also merge records that share only a name (see :func:`netlib.load`).
    rules : DataFrame, optional
        Your corrections (``this``, ``that``, ``relation``): ``same`` joins
        the records either side names, ``different`` keeps them apart (a
        name merge is then never made between them).

    Returns
    -------
    (contacts, aliases, merges)
        ``aliases`` maps the explicit ids of records merged into another
        contact to that contact's id.
    """

    r = records.reset_index(drop=True)
    n = len(r)
    row, em = split_list(r["emails"].astype(STR).str.lower(), ";")
    url = normalize_url(r["url"])
    has_url = np.flatnonzero((url != "").to_numpy(dtype=bool))
    cid_keys = r["contact_id"].astype(STR).fillna("")
    explicit = np.flatnonzero((cid_keys != "").to_numpy(dtype=bool))
    owner = np.concatenate([row, has_url, explicit])
    # one code per distinct key; e-mails, profiles and ids are numbered apart (never equal to each other)
    code, base = [], 0
    for values in (em, url.iloc[has_url], cid_keys.iloc[explicit]):
        c = pd.factorize(values)[0].astype(np.int64)
        code.append(c + base)
        base += c.max(initial=-1) + 1
    code = np.concatenate(code)
    shown = display_name(r["name"])
    nk = key_of_display(shown)
    same_a, same_b, apart = [], [], []
    for rule in (rules.itertuples() if rules is not None else []):  # a handful of rules the user wrote
        a, b = _rule_matches(r, url, nk, rule.this), _rule_matches(r, url, nk, rule.that)
        if not a.any() or not b.any():
            log.add(rule.file, rule.line, "this" if not a.any() else "that", rule.this if not a.any() else rule.that,
                    "this identity rule names no record: it was not applied", "cleared")
            continue
        if rule.relation == "same":
            ia, ib = np.flatnonzero(a), np.flatnonzero(b)
            same_a += [ia[0]] * (len(ia) + len(ib))
            same_b += list(ia) + list(ib)
        else:
            apart.append((a, b, rule))
    if same_a or (len(code) and np.bincount(code).max() > 1):
        first_owner = pd.Series(owner).groupby(code).transform("first").to_numpy()
        comp = _components(n, np.concatenate([owner, np.asarray(same_a, dtype=np.int64)]),
                           np.concatenate([first_owner, np.asarray(same_b, dtype=np.int64)]))
    else:  # no key is shared: every record is its own person (no graph to build)
        comp = np.arange(n)
    on = np.where(pd.Series(comp).duplicated(keep=False).to_numpy(), "e-mail or profile URL", "")
    if same_a:
        ruled = np.isin(comp, comp[np.asarray(same_a)])
        on = np.where(ruled, "your rule", on)
    forbidden = set()
    for a, b, rule in apart:
        ca, cb = set(comp[a]), set(comp[b])
        if ca & cb:
            log.add(rule.file, rule.line, "relation", "different",
                    "these records share an e-mail address or profile, so they stay one contact", "guessed")
        forbidden |= {frozenset((x, y)) for x in ca for y in cb}
    if merge and has_repeats(nk[nk != ""]):
        comp, on = _merge_same_names(r, comp, nk, url, on, log, forbidden)
    if (comp == np.arange(n)).all():
        return _unmerged(r, shown, url, row, em)
    return _merged(r, comp, on, url)


def _merged(r: pd.DataFrame, comp: np.ndarray, on: np.ndarray, url: pd.Series) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """:func:`merge_contacts`' output: one contact per component ``comp`` of the records ``r``."""

    n = len(r)
    prio = r["source"].map(SOURCE_PRIORITY).fillna(8).to_numpy()
    order = np.lexsort((np.arange(n), prio, comp))
    s = r.iloc[order].assign(_comp=comp[order])
    blank = lambda col: s[col].astype(object).where(s[col].astype(str) != "")  # noqa: E731
    g = pd.DataFrame({c: blank(c) for c in ("contact_id", "name", "company", "title", "introduced_by")}).assign(
        _comp=s["_comp"].to_numpy(), url=url.iloc[order].where(url.iloc[order] != "").to_numpy())
    first = g.groupby("_comp", sort=True).first()
    comps = first.index
    comp_sorted = s["_comp"].to_numpy()  # records are sorted by component

    def joined(rows: np.ndarray, values) -> pd.Series:
        """Distinct values per component, in priority order, ';'-joined (Arrow, no Python loop)."""
        d = pd.DataFrame({"c": comps.get_indexer(comp_sorted[rows]), "v": np.asarray(values, dtype=object)})
        d = d[d["v"] != ""].drop_duplicates()
        return pd.Series(join_list(d["c"].to_numpy(), d["v"].astype(STR), len(comps), ";").to_numpy(), index=comps)

    row_s, em_s = split_list(s["emails"].astype(STR).str.lower(), ";")
    email_join = joined(row_s, em_s.to_numpy())
    row_t, tag_s = split_list(s["tags"], ";")
    tag_join = joined(row_t, tag_s.to_numpy())
    every = np.arange(len(s))
    sources = joined(every, s["source"].astype(str).to_numpy())
    all_urls = joined(every, url.iloc[order].astype(str).to_numpy())
    out = pd.DataFrame(index=comps)
    out["name"] = display_name(first["name"].fillna("").astype(STR)).to_numpy()
    out["emails"] = email_join.reindex(comps).fillna("").to_numpy()
    out["email"] = first_item(out["emails"], ";")
    out["company"] = first["company"].fillna("").to_numpy()
    out["title"] = first["title"].fillna("").to_numpy()
    out["tags"] = tag_join.reindex(comps).fillna("").to_numpy()
    out["source"] = sources.reindex(comps).to_numpy()
    out["connected_on"] = s.groupby("_comp")["connected_on"].min().reindex(comps)
    out["introduced_by"] = first["introduced_by"].fillna("").to_numpy()
    out["url"] = first["url"].fillna("").to_numpy()
    out["urls"] = all_urls.reindex(comps).fillna("").to_numpy()  # every profile, for matching attendees
    out["inferred"] = False
    out["file"] = s.groupby("_comp")["file"].first().reindex(comps).to_numpy()
    out["line"] = s.groupby("_comp")["line"].first().reindex(comps).to_numpy()
    out.insert(0, "contact_id", _contact_ids(first["contact_id"].fillna(""), out))
    rid_map = pd.Series(out["contact_id"].to_numpy()[comps.get_indexer(comp)], index=r["rid"].to_numpy())
    has_id = (r["contact_id"].astype(str) != "").to_numpy()
    aliases = pd.Series(rid_map.to_numpy()[has_id], index=r["contact_id"].astype(str).to_numpy()[has_id])
    aliases = aliases[aliases.index != aliases.to_numpy()]
    multi = pd.Series(comp).duplicated(keep=False).to_numpy()
    merges = pd.DataFrame(
        {"contact_id": rid_map.to_numpy()[multi], "record": r["rid"].to_numpy()[multi], "name": r["name"].to_numpy()[multi],
         "source": r["source"].to_numpy()[multi], "file": r["file"].to_numpy()[multi], "line": r["line"].to_numpy()[multi],
         "on": on[multi]}
    ).sort_values(["contact_id", "record"]).reset_index(drop=True)
    return out.reset_index(drop=True), aliases, merges


def _unmerged(r: pd.DataFrame, shown: pd.Series, url: pd.Series, row: np.ndarray, em: pd.Series) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """:func:`merge_contacts` when no two records are one person: each record is a contact as it is.

    ``shown``: the records' :func:`display_name`; ``row, em``: every record's e-mail addresses,
    lower-cased, each once (no key repeats here).
    """

    n = len(r)
    text = lambda col: r[col].astype(STR).fillna("").array  # noqa: E731  (Arrow strings stay Arrow strings)
    out = pd.DataFrame({"name": shown.array})
    out["emails"] = join_list(row, em, n, ";").array
    out["email"] = first_item(out["emails"], ";")
    for col in ("company", "title"):
        out[col] = text(col)
    t_row, tag = split_list(r["tags"], ";")
    d = pd.DataFrame({"r": t_row, "v": tag.array}).drop_duplicates()
    out["tags"] = join_list(d["r"].to_numpy(), d["v"].astype(STR), n, ";").array
    out["source"] = text("source")
    out["connected_on"] = r["connected_on"]
    out["introduced_by"] = text("introduced_by")
    out["url"] = url.array
    out["urls"] = url.array
    out["inferred"] = False
    out["file"] = r["file"].to_numpy()
    out["line"] = r["line"].to_numpy()
    out.insert(0, "contact_id", _contact_ids(r["contact_id"], out))
    merges = pd.DataFrame({c: pd.Series(dtype=object) for c in ("contact_id", "record", "name", "source", "file", "line", "on")})
    return out, pd.Series(dtype=object), merges


def _contact_ids(given: pd.Series, out: pd.DataFrame) -> pd.api.extensions.ExtensionArray:
    """The id each contact had in its files, else its e-mail, profile URL or name key; repeats numbered ``#2``, ``#3``."""
    cid = pd.Series(given.astype(STR).fillna("").array, index=out.index)
    missing = (cid == "").to_numpy(dtype=bool)
    if missing.any():  # ids are made only for the contacts that came without one
        generated = out["email"].where(out["email"] != "", out["url"])
        nameless = (generated == "").to_numpy() & missing  # neither e-mail nor profile: a name-based id
        if nameless.any():
            generated[nameless] = "name:" + name_key(out["name"][nameless]).to_numpy()
        cid = cid.where(~missing, generated.astype(STR))
    if has_repeats(cid):
        cid, dup = cid.copy(), cid.duplicated(keep=False)  # a copy: never write into the caller's column
        cid[dup] = cid[dup] + "#" + (cid[dup].groupby(cid[dup]).cumcount() + 1).astype(str)
    return cid.array


def _urls_conflict(a: frozenset, b: frozenset) -> bool:
    """Two sets of profile URLs conflict when they hold different profiles on the same site."""
    host = lambda u: u.split("/", 1)[0]  # noqa: E731
    return any(host(x) == host(y) and x != y for x in a for y in b) and not (a & b)


def _merge_same_names(r, comp, nk, url, on, log, forbidden=frozenset()):
    """Join components that share a name key when nothing about them conflicts."""
    df = pd.DataFrame({"comp": comp, "nk": nk.to_numpy()})
    df = df[df["nk"] != ""]
    pairs = df.drop_duplicates(["comp", "nk"])
    shared = pairs["nk"].duplicated(keep=False)  # only names that several components carry need a look
    idx = df.index[df["comp"].isin(pairs.loc[shared, "comp"])]
    df = df.loc[idx].assign(url=url.iloc[idx].to_numpy(), emails=r["emails"].astype(str).iloc[idx].to_numpy(),
                            company=company_key(r["company"].iloc[idx]).to_numpy(), cid=r["contact_id"].astype(str).iloc[idx].to_numpy())
    per = df.groupby("comp").agg(nk=("nk", "first"), urls=("url", lambda x: frozenset(v for v in x if v)),
                                 emails=("emails", lambda x: frozenset(e for v in x for e in v.split(";") if e)),
                                 companies=("company", lambda x: frozenset(v for v in x if v)),
                                 ids=("cid", lambda x: frozenset(v for v in x if v)))
    groups = per.groupby("nk").filter(lambda g: len(g) > 1)
    parent = {}

    def conflict(a, b) -> bool:
        return bool((a.emails and b.emails and not (a.emails & b.emails)) or _urls_conflict(a.urls, b.urls)
                    or (a.companies and b.companies and not (a.companies & b.companies)) or (a.ids and b.ids and a.ids != b.ids)
                    or frozenset((a.Index, b.Index)) in forbidden)

    for _key, g in groups.groupby("nk"):  # same-name groups only: few, and each small
        # by evidence: the records that say most come first; each joins the one person whose every
        # record agrees with it or does not conflict; a record that two people would take (a bare
        # name beside two James Smiths) is nobody's, and one that conflicts with every person is a new one
        rows = sorted(g.itertuples(), key=lambda x: (-(len(x.emails) + len(x.urls) + len(x.companies) + len(x.ids)), x.Index))
        people: list[list] = []
        ambiguous = False
        for row in rows:
            fits = [p for p in people if not any(conflict(row, q) for q in p)]
            if len(fits) == 1:
                fits[0].append(row)
                parent[row.Index] = fits[0][0].Index
            else:
                ambiguous |= len(fits) > 1
                people.append([row])
        if len(people) > 1 and not all(row.ids for row in rows):  # ids the user gave: declared different people
            first = r.index[comp == rows[0].Index][0]
            why = " (a record that could be either of two is kept apart too)" if ambiguous else ""
            log.add(str(r.at[first, "file"]), r.at[first, "line"], "name", r.at[first, "name"],
                    f"{len(rows)} contacts share this name; their ids, e-mail addresses, profiles or companies show "
                    f"{len(people)} people, kept apart{why}", "guessed")
    if parent:
        mapped = pd.Series(comp).map(parent)
        joined = mapped.notna().to_numpy()
        on = np.where(joined | pd.Series(comp).isin(list(parent.values())).to_numpy(), np.where(on == "", "name", on + " and name"), on)
        comp = np.where(joined, mapped.fillna(-1).to_numpy(dtype=np.int64), comp)
    return comp, on


def _in_entries(c: int, n: int, what: str) -> str:
    """Where the owner was found, in words: "in 3 of 12 entries", "in your one entry".

    Examples
    --------
    >>> _in_entries(3, 1200, "entries"), _in_entries(1, 1, "calendar entries and conversations")
    ('in 3 of 1,200 entries', 'in your one calendar entry or conversation')
    """
    if n == 1:
        return "in your one " + what.replace("entries and conversations", "entry or conversation").replace("entries", "entry")
    return f"in {c:,} of {n:,} {what}"


def infer_me(tokens: pd.DataFrame, hints: list[str]) -> Me:
    """The data's owner, when ``me=`` was not given.

    The owner is in almost every entry of their own calendar and messages.
    In each file (``src``), the most frequent participant (by e-mail, profile
    URL, or name compared as :func:`name_key`) is taken when it is in at least
    half of the file's entries, and two or more; the owners found in every
    file are one person.  Where no file settles it, the most frequent calendar
    organizer, calendar name or message direction (``hints``) is used.  Names
    seen with a chosen address become aliases.

    Parameters
    ----------
    tokens : DataFrame
        Attendee tokens of the calendars and messages: ``mrow``, ``token``, ``name``, ``src`` (the
        file: its name, said in ``Me.found``, or a number).
    hints : list of str
        Who the files name as their owner.

    Examples
    --------
    >>> t = pd.DataFrame({"mrow": [0, 0, 1, 1, 2], "token": ["me@x.org", "a@x.org", "me@x.org", "b@x.org", "me@x.org"],
    ...                   "name": ["Pat", "A", "Pat", "B", "Pat"], "src": 0})
    >>> infer_me(t, []).emails, infer_me(t, []).name
    (('me@x.org',), 'Pat')
    """
    found: list[tuple[str, list[str], int, int, str]] = []
    if len(tokens):
        raw = tokens["token"].astype(str)
        low = raw.str.lower()
        plain = ~low.str.contains("@", regex=False) & ~low.str.contains("/", regex=False)
        key = low.where(~plain, name_key(raw).astype(str))  # display names compared as people read them
        t = pd.DataFrame({"m": tokens["mrow"].to_numpy(), "k": key.to_numpy(), "src": tokens.get("src", 0),
                          "name": tokens.get("name", raw).astype(str).to_numpy(), "raw": raw.to_numpy()})
        per_file = []
        for src, g in t.groupby("src", observed=True):  # one step per calendar or message file
            where = f"of {src}" if isinstance(src, str) else "of a calendar or conversations file"
            counts = g.drop_duplicates(["m", "k"])["k"].value_counts()
            n = g["m"].nunique()
            top = counts[(counts >= 2) & (counts >= 0.5 * n) & (counts == counts.iloc[0])]  # everyone tied at the top
            cands = []
            for k, c in top.items():
                seen = g[g["k"] == k]
                names = [x for x in seen["name"].unique() if x and x.lower() != k]
                if not names and "@" not in k and "/" not in k:
                    names = [str(seen["raw"].iloc[0])]
                cands.append((k, names, int(c), n, where))
            per_file.append(cands)
        found = [c[0] for c in per_file if len(c) == 1]  # a file that names one owner
        known = {f[0] for f in found} | set(name_key(pd.Series([x for f in found for x in f[1]], dtype=object)))
        for cands in per_file:  # a file where several people are in every entry (a single correspondent): the one
            if len(cands) > 1:  # the other files name, if any
                same = [c for c in cands if c[0] in known or set(name_key(pd.Series(c[1], dtype=object))) & known]
                found += same[:1]
    if found:
        keys = tuple(dict.fromkeys(f[0] for f in found))
        names = [x for f in found for x in f[1]]
        shown = display_name(pd.Series(names[:1])).iloc[0] if names else None
        c, n = sum(f[2] for f in found), sum(f[3] for f in found)
        return Me(name=shown, emails=tuple(k for k in keys if "@" in k), ids=tuple(dict.fromkeys((*keys, *names))),
                  how="inferred: " + _in_entries(c, n, "calendar entries and conversations"),
                  found=tuple(dict.fromkeys((k, f"{_in_entries(c, n, 'entries')} {w}") for k, _, c, n, w in found if "@" in k)))
    if hints:
        counts = pd.Series(hints).value_counts()
        top = str(counts.index[0])
        plain = "@" not in top and "/" not in top
        return Me(name=top if plain else None, emails=(top.lower(),) if "@" in top else (), ids=(top,),
                  how="inferred: named as the owner by the files (calendar organizer or name, message or invitation direction)",
                  found=((top.lower(), "named as the owner by the files (a calendar's organizer or name, a message's direction)"),)
                  if "@" in top else ())
    return Me()


def complete_me(given: Me, inferred: Me, tokens: pd.DataFrame, records: pd.DataFrame | None, log: ProblemLog) -> Me:
    """The owner's whole identity from what the user gave as ``me=``.

    An address, name or profile given as ``me`` finds the rest the way inference does: the
    display names the files write with a given address, and the identity inferred from the
    calendars and conversations (:func:`infer_me`) when it shares a key with the given one.  A
    ``me`` that matches nothing in the files (a typo) is recorded as a problem and the inferred
    identity is used instead.

    Parameters
    ----------
    given : Me
        What the user passed (:func:`make_me`).
    inferred : Me
        What :func:`infer_me` found (empty when it found nothing).
    tokens : DataFrame
        Attendee tokens of the calendars and conversations: ``token``, ``name``.
    records : DataFrame or None
        Contact records of every file: ``name``, ``emails``, ``url``.
    log : ProblemLog
        Receives the problem when ``given`` matches nothing.

    Examples
    --------
    >>> t = pd.DataFrame({"token": ["ada@x.org", "bo@x.org"], "name": ["Example, Ada", "Bo"]})
    >>> complete_me(make_me("ADA@x.org"), Me(), t, None, ProblemLog()).name
    'Ada Example'
    """
    keys = given.keys()
    tok = tokens["token"].astype(STR).fillna("") if len(tokens) else pd.Series([], dtype=STR)
    shown = tokens.get("name", tok).astype(STR).fillna("") if len(tokens) else tok
    by_address = isin(tok.str.lower(), keys) if len(tok) else np.zeros(0, dtype=bool)
    hit = by_address.any() or (len(tok) and is_me(tok, shown, given).any())
    if not hit and records is not None and len(records):
        row, em = split_list(records["emails"].astype(STR).str.lower(), ";")
        hit = bool(isin(em, keys).any() or isin(name_key(records["name"]), keys).any()
                   or isin(normalize_url(records["url"]), keys).any())
    if not hit:
        what = ", ".join((*given.emails, *[i for i in given.ids if i.lower() not in given.emails])) or "(empty)"
        if not (inferred.emails or inferred.ids):
            log.add("me", None, "me", what, "the me you gave matches no address, name or profile in your files, and no "
                    "owner could be inferred from them: kept as given", "guessed")
            return given
        instead = inferred.name or ", ".join(inferred.emails)
        log.add("me", None, "me", what, f"the me you gave matches no address, name or profile in your files: "
                f"the owner was inferred instead ({instead})", "guessed")
        return replace(given, name=inferred.name, emails=inferred.emails, ids=inferred.ids,
                       how=inferred.how + "; the me given matched nothing", found=inferred.found)
    names = [x for x in shown[by_address].unique() if x and "@" not in x]
    name = given.name or (display_name(pd.Series([pd.Series(names).value_counts().index[0]])).iloc[0] if names else None)
    emails, ids, found = list(given.emails), list(given.ids) + names, list(given.found)
    if inferred.keys() & (keys | ({name_key(pd.Series([name])).iloc[0]} if name else set())):  # the same person
        emails += [e for e in inferred.emails if e not in emails]
        ids += list(inferred.ids)
        found += list(inferred.found)
        name = name or inferred.name
    return replace(given, name=name, emails=tuple(dict.fromkeys(emails)), ids=tuple(dict.fromkeys(ids)), found=tuple(dict.fromkeys(found)))


def join_owner(me: Me, found: pd.DataFrame, inferred: Me | None = None) -> Me:
    """The owner with every mailbox's owner joined: a mailbox is its owner's, whichever of their
    addresses it belongs to (:func:`netlib.io.mail.owners` finds it from the mailbox itself).

    The mailboxes' addresses become the owner's, with the names they carry there; an owner inferred
    from the calendars and conversations (``inferred``) that shares an address or a name with the
    result is the same person and joins too (with or without a ``me`` given).

    Parameters
    ----------
    me : Me
        The owner as given and completed (:func:`complete_me`) or inferred (:func:`infer_me`).
    found : DataFrame
        ``address``, ``name``, ``where``: each mailbox's owner (:func:`netlib.io.mail.owners`).
    inferred : Me, optional
        The owner inferred from the other files, when ``me`` was given.

    Examples
    --------
    >>> boxes = pd.DataFrame({"address": ["ada@gmail.com"], "name": ["Ada Example"], "where": ["the sender of 9 messages in m.mbox"]})
    >>> me = join_owner(make_me("ada@work.example"), boxes)
    >>> me.emails, me.name
    (('ada@work.example', 'ada@gmail.com'), 'Ada Example')
    >>> [w for _, w in me.found]
    ['given as me', 'the sender of 9 messages in m.mbox']
    """
    if not len(found) and inferred is None:
        return me
    emails = list(me.emails) + [a for a in dict.fromkeys(found["address"]) if a not in me.emails]
    names = [x for x in dict.fromkeys(found["name"]) if x and "@" not in x]
    ids = list(dict.fromkeys((*me.ids, *names)))
    name = me.name or (display_name(pd.Series(names[:1])).iloc[0] if names else None)
    where = list(me.found) + list(zip(found["address"], found["where"], strict=True))
    how = me.how if len(found) == 0 or me.how != "unknown" else "inferred: the owner of the mailboxes"
    out = replace(me, name=name, emails=tuple(emails), ids=tuple(ids), how=how, found=tuple(dict.fromkeys(where)))
    if inferred is not None and (inferred.emails or inferred.ids) and inferred.keys() & out.keys() and not set(inferred.emails) <= set(out.emails):
        out = replace(out, name=out.name or inferred.name, emails=tuple(dict.fromkeys((*out.emails, *inferred.emails))),
                      ids=tuple(dict.fromkeys((*out.ids, *inferred.ids))), found=tuple(dict.fromkeys((*out.found, *inferred.found))))
    return out
