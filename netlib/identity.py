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

from netlib.model import STR, Me, ProblemLog, index_positions, isin

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


def duplicated(key: np.ndarray) -> np.ndarray:
    """True for every repeat of an earlier integer key (sort-based; faster than hashing).

    Examples
    --------
    >>> duplicated(np.array([3, 1, 3, 3, 1])).tolist()
    [False, False, True, True, True]
    """
    order = np.argsort(key, kind="stable")
    k = key[order]
    out = np.zeros(len(key), dtype=bool)
    out[order[1:]] = k[1:] == k[:-1]
    return out


def _email_table(contacts: pd.DataFrame) -> tuple[pd.Index, np.ndarray]:
    """Every e-mail address of every contact, and the contact's position (first owner wins)."""
    from netlib.io._text import split_list

    row, em = split_list(contacts["emails"], ";")
    df = pd.DataFrame({"e": em.to_numpy(), "row": row}).drop_duplicates("e")
    return pd.Index(df["e"]), df["row"].to_numpy()


def resolve_attendees(
    contacts: pd.DataFrame, tokens: pd.DataFrame, me: Me, log: ProblemLog
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

    Returns
    -------
    (contacts, mpos, cpos, me)
        Contacts with the inferred ones appended; for each attendance, the
        meeting's row position and the contact's row position; and ``me``
        with its count.
    """
    if not tokens.index.equals(pd.RangeIndex(len(tokens))):
        tokens = tokens.reset_index(drop=True)
    tok = tokens["token"].astype(STR)
    pos = index_positions(pd.Index(contacts["contact_id"]), tok)
    # e-mails and names are compared only where the id found nobody
    miss = np.flatnonzero(pos < 0)
    low = pd.Series("", index=tok.index, dtype=STR)
    low.iloc[miss] = tok.iloc[miss].str.lower().to_numpy()
    if miss.size:
        em_index, em_row = _email_table(contacts)
        hit = index_positions(em_index, low.iloc[miss])
        pos[miss[hit >= 0]] = em_row[hit[hit >= 0]]
    rest = pos < 0
    norm = pd.Series("", index=tok.index, dtype=STR)
    norm[rest] = normalize_name(tok[rest]).to_numpy()
    mine = sorted(me.keys())
    is_me = np.zeros(len(tok), dtype=bool)
    if mine:
        is_me[miss] = isin(low.iloc[miss], mine) | isin(norm.iloc[miss], mine)
    me = Me(me.name, me.emails, me.ids, me.how, me.removed + int(is_me.sum()))

    todo = np.flatnonzero(rest & ~is_me)
    if todo.size:
        names = normalize_name(contacts["name"])
        counts = names.value_counts()
        by_name = ~names.duplicated()
        hit = index_positions(pd.Index(names[by_name]), norm.iloc[todo])
        rows = np.flatnonzero(by_name.to_numpy())
        pos[todo[hit >= 0]] = rows[hit[hit >= 0]]
        amb = todo[(hit >= 0) & isin(norm.iloc[todo], counts.index[counts > 1])]
        if amb.size:
            log.add_frame(
                tokens.iloc[amb].assign(column="attendees", value=tokens["token"].iloc[amb]),
                "this name belongs to several contacts: matched to the first, "
                + contacts["contact_id"].iloc[pos[amb]].astype(str).to_numpy(),
                "guessed",
            )

    keep = ~is_me
    unmatched = np.flatnonzero(keep & (pos < 0))
    new_contacts = contacts.iloc[0:0]
    if unmatched.size:
        u_low = low.iloc[unmatched]
        is_email = u_low.str.match(r"^[^@\s]+@[^@\s]+$").to_numpy(dtype=bool)
        key = np.where(is_email, u_low.to_numpy(dtype=object), norm.iloc[unmatched].to_numpy(dtype=object))
        new_id = pd.Series("inferred:" + key.astype(object))
        codes, uniques = pd.factorize(new_id)
        pos[unmatched] = len(contacts) + codes
        first_at = unmatched[pd.Series(codes).drop_duplicates().index.to_numpy()]
        first = tokens.iloc[first_at]
        email_first = is_email[pd.Series(codes).drop_duplicates().index.to_numpy()]
        new_contacts = pd.DataFrame(
            {
                "contact_id": np.asarray(uniques, dtype=object),
                "name": first["token"].to_numpy(dtype=object),
                "emails": np.where(email_first, first["token"].str.lower().to_numpy(dtype=object), ""),
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

    kept = np.flatnonzero(keep)
    mrow = tokens["mrow"].to_numpy(dtype=np.int64)
    mrow = mrow if keep.all() else mrow[kept]
    dup = duplicated(mrow * (len(contacts) + len(new_contacts) + 1) + pos[kept])
    if dup.any():
        d = kept[dup]
        log.add_frame(
            tokens.iloc[d].assign(column="attendees", value=tokens["token"].iloc[d]),
            "the same person is listed twice in this meeting: counted once",
            "repaired",
        )
    if len(new_contacts):
        contacts = pd.concat([contacts, new_contacts[contacts.columns]], ignore_index=True)
    final = kept[~dup]
    return contacts, mrow[~dup], pos[final], me


def check_introductions(contacts: pd.DataFrame, log: ProblemLog) -> pd.DataFrame:
    """Clear ``introduced_by`` values that name no known contact (recorded)."""
    intro = contacts["introduced_by"].fillna("")
    bad = (intro != "").to_numpy(dtype=bool) & ~isin(intro, contacts["contact_id"])
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
