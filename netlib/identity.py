"""One person, one contact: resolve attendees to contacts, keep *me* out.

An attendee written in a meetings file may be a ``contact_id``, an e-mail
address or a name.  :func:`resolve_attendees` matches each in that order
(e-mail case-insensitively, against every address of a contact; name after
:func:`normalize_name`).  An attendee that matches nobody becomes a new
contact marked ``inferred`` (never dropped), and each such contact is listed
in the problems.  Attendees that are the data's owner are removed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib.model import Me, ProblemLog

__all__ = ["normalize_name", "resolve_attendees", "check_introductions", "make_me"]


def normalize_name(names: pd.Series) -> pd.Series:
    """Names in a form that compares equal across spellings.

    Unicode NFKC, case-folded, inner white space collapsed, trimmed.

    Examples
    --------
    >>> normalize_name(pd.Series(["  Ada   LOVELACE ", "ＡＤＡ Lovelace"])).tolist()
    ['ada lovelace', 'ada lovelace']
    """
    arr = pa.array(names.fillna("").astype(str).to_numpy(dtype=object), type=pa.string())
    s = pd.Series(pc.utf8_normalize(arr, "NFKC").to_numpy(zero_copy_only=False), index=names.index, dtype=object)
    return s.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def make_me(me: str | list[str] | tuple[str, ...] | Me | None) -> Me:
    """Build a :class:`Me` from what the user passed as ``me=``.

    Strings with ``@`` are e-mail addresses; others are names, profile URLs
    or contact ids.

    Examples
    --------
    >>> make_me(["Ada Lovelace", "ADA@example.org"])
    Me(name='Ada Lovelace', emails=('ada@example.org',), ids=('Ada Lovelace',), how='given', removed=0)
    """
    if me is None:
        return Me()
    if isinstance(me, Me):
        return me
    items = [me] if isinstance(me, str) else list(me)
    emails = tuple(i.strip().lower() for i in items if "@" in i and "/" not in i)
    others = tuple(i.strip() for i in items if i.strip() and i.strip().lower() not in emails)
    name = next((o for o in others if "/" not in o), None)
    return Me(name=name, emails=emails, ids=others, how="given")


def _lookup(contacts: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Maps from contact id, e-mail and normalised name to contact id."""
    ids = pd.Series(contacts["contact_id"].to_numpy(), index=contacts["contact_id"].to_numpy())
    em = contacts[["contact_id", "emails"]].assign(e=contacts["emails"].str.split(";")).explode("e")
    em = em[em["e"].notna() & (em["e"] != "")]
    by_email = em.drop_duplicates("e").set_index("e")["contact_id"]
    names = pd.DataFrame({"n": normalize_name(contacts["name"]), "contact_id": contacts["contact_id"].to_numpy()})
    counts = names["n"].value_counts()
    by_name = names.drop_duplicates("n").set_index("n")["contact_id"]
    ambiguous = counts[counts > 1]
    return ids, by_email, by_name, ambiguous


def resolve_attendees(
    contacts: pd.DataFrame, tokens: pd.DataFrame, me: Me, log: ProblemLog
) -> tuple[pd.DataFrame, pd.DataFrame, Me]:
    """Match attendee tokens to contacts.

    Parameters
    ----------
    contacts : DataFrame
        Contacts with a ``contact_id`` column.
    tokens : DataFrame
        ``meeting_id``, ``token``, ``source``, ``line``.
    me : Me
        The owner: matching tokens are removed and counted in ``Me.removed``.
    log : ProblemLog
        Receives one ``inferred`` row per new contact, ``guessed`` rows for
        names shared by several contacts, ``repaired`` rows for an attendee
        listed twice in one meeting.

    Returns
    -------
    (contacts, attendance, me)
        Contacts with the inferred ones appended, the attendance table
        (``meeting_id``, ``contact_id``), and ``me`` with its count.
    """
    ids, by_email, by_name, ambiguous = _lookup(contacts)
    tok = tokens["token"].astype(str)
    cid = tok.map(ids).astype(object)
    low = tok.str.lower()
    cid = cid.where(cid.notna(), low.map(by_email))
    # names are normalised only where id and e-mail found nobody (the costly part)
    rest = cid.isna()
    norm = pd.Series("", index=tok.index, dtype=object)
    norm[rest] = normalize_name(tok[rest])
    mine = me.keys()
    is_me = low.isin(mine) | (rest & norm.isin(mine))
    me = Me(me.name, me.emails, me.ids, me.how, me.removed + int(is_me.sum()))
    t = tokens.loc[~is_me].copy()
    low, norm, tok, cid, rest = low[~is_me], norm[~is_me], tok[~is_me], cid[~is_me], rest[~is_me]
    by_name_hit = rest & norm.isin(by_name.index)
    cid = cid.where(cid.notna(), norm.where(rest).map(by_name))
    amb = by_name_hit & norm.isin(ambiguous.index)
    if amb.any():
        log.add_frame(
            t.loc[amb].assign(column="attendees", value=t.loc[amb, "token"]),
            "this name belongs to several contacts: matched to the first, " + cid[amb].astype(str),
            "guessed",
        )

    unmatched = cid.isna()
    new_contacts = contacts.iloc[0:0]
    if unmatched.any():
        is_email = low[unmatched].str.match(r"^[^@\s]+@[^@\s]+$")
        key = np.where(is_email, low[unmatched], norm[unmatched])
        new_id = "inferred:" + pd.Series(key, index=low[unmatched].index)
        cid = cid.where(cid.notna(), new_id)
        u = t.loc[unmatched].assign(contact_id=new_id, is_email=is_email)
        first = u.drop_duplicates("contact_id")
        new_contacts = pd.DataFrame(
            {
                "contact_id": first["contact_id"].to_numpy(),
                "name": first["token"].to_numpy(),
                "emails": np.where(first["is_email"], first["token"].str.lower(), ""),
                "company": "",
                "title": "",
                "tags": "",
                "source": "inferred",
                "connected_on": pd.Series(pd.NaT, index=range(len(first)), dtype="datetime64[ns, UTC]"),
                "introduced_by": "",
                "inferred": True,
                "file": first["source"].to_numpy(),
                "line": first["line"].to_numpy(),
            }
        )
        new_contacts["email"] = new_contacts["emails"]
        log.add_frame(
            first.assign(column="attendees", value=first["token"]),
            "attendee matches no contact: added as an inferred contact",
            "inferred",
        )

    t["contact_id"] = cid
    dup = t.duplicated(["meeting_id", "contact_id"])
    if dup.any():
        log.add_frame(
            t.loc[dup].assign(column="attendees", value=t.loc[dup, "token"]),
            "the same person is listed twice in this meeting: counted once",
            "repaired",
        )
    attendance = t.loc[~dup, ["meeting_id", "contact_id"]].reset_index(drop=True)
    if len(new_contacts):
        contacts = pd.concat([contacts, new_contacts[contacts.columns]], ignore_index=True)
    return contacts, attendance, me


def check_introductions(contacts: pd.DataFrame, log: ProblemLog) -> pd.DataFrame:
    """Clear ``introduced_by`` values that name no known contact (recorded)."""
    intro = contacts["introduced_by"].fillna("")
    bad = (intro != "") & ~intro.isin(contacts["contact_id"])
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
