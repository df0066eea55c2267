"""Attendees to contacts, step by step: the work behind :func:`netlib.identity.resolve_attendees`.

An attendee token is matched by the first of these that finds someone: the contact id (or an id of
a record merged into a contact), an e-mail address of a contact, a profile URL, the contact's name.
:class:`_Attendees` holds the tokens, the contact each one found so far (``pos``, -1 for nobody)
and the logs, and runs one method per step, in this order:

1. ``__init__``: by contact id, then by the ids of merged records;
2. :meth:`~_Attendees.match_addresses`: by e-mail address, then by profile URL;
3. :meth:`~_Attendees.leave_out_owner`: the owner's tokens are marked to be removed;
4. :meth:`~_Attendees.match_names`: by name (a guess where a display name alone matched, or where
   the name is shared), and an address a name tied to a contact is that contact everywhere;
5. :meth:`~_Attendees.inferred_contacts`: who is left becomes an inferred contact;
6. :meth:`~_Attendees.attendance`: the attendance rows, an attendee listed twice counted once.

The steps after the first work on the tokens the id found nobody for (``miss``, positions among
all tokens) and on arrays of that length, never on every attendance.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from netlib._kernels import STR, duplicated, first_item, index_positions, isin, split_list
from netlib._keys import display_name, name_key, normalize_url
from netlib.model import Me, ProblemLog, contact_ref


class _Attendees:
    """The attendee tokens of one load and the contact each one found (see the module's steps).

    Parameters
    ----------
    contacts : DataFrame
        Contacts with a ``contact_id`` column.
    tokens : DataFrame
        ``mrow`` (the meeting's row position), ``token``, ``source``, ``line``, maybe ``name``.
    log : ProblemLog
        Receives the guesses, the inferred contacts and the repairs.
    aliases : Series, optional
        Other ids of a contact -> its contact_id.
    """

    def __init__(self, contacts: pd.DataFrame, tokens: pd.DataFrame, log: ProblemLog, aliases: pd.Series | None = None) -> None:
        if not tokens.index.equals(pd.RangeIndex(len(tokens))):
            tokens = tokens.reset_index(drop=True)
        self.contacts, self.tokens, self.log = contacts, tokens, log
        tok = tokens["token"].astype(STR)
        self.pos = _by_id(contacts, tok, aliases)
        # e-mails and names are compared only where the id found nobody: everything below works on
        # those misses alone (arrays of len(miss)), never on every attendance
        self.miss = np.flatnonzero(self.pos < 0)
        self.tok_m = tok.iloc[self.miss].reset_index(drop=True)
        self.low = self.tok_m.str.lower()  # the misses' match keys: lower case, profile URLs normalised

    def match_addresses(self) -> None:
        """Misses matched by any e-mail address of a contact (first owner wins), then by profile URL."""
        if not self.miss.size:
            return
        miss, pos = self.miss, self.pos
        em_index, em_row = _email_table(self.contacts)
        hit = index_positions(em_index, self.low)
        pos[miss[hit >= 0]] = em_row[hit[hit >= 0]]
        urlish = np.flatnonzero(self.tok_m.str.contains("/", regex=False).to_numpy(dtype=bool) & (pos[miss] < 0))
        if urlish.size and "url" in self.contacts:
            self._match_urls(urlish)

    def _match_urls(self, urlish: np.ndarray) -> None:
        """The URL-like misses (positions among the misses) matched by a contact's profile URL."""
        contacts = self.contacts
        u_row, u_val = split_list(contacts["urls"] if "urls" in contacts else contacts["url"], ";")
        table = pd.DataFrame({"u": normalize_url(u_val).to_numpy(), "row": u_row}).drop_duplicates("u")
        self.low.iloc[urlish] = normalize_url(self.tok_m.iloc[urlish]).to_numpy()
        hit = index_positions(pd.Index(table["u"]), self.low.iloc[urlish])
        self.pos[self.miss[urlish[hit >= 0]]] = table["row"].to_numpy()[hit[hit >= 0]]

    def leave_out_owner(self, me: Me) -> Me:
        """The name keys of the misses still open, and which misses are the owner (by address, URL
        or name): those tokens are left out of the attendance.  Returns ``me`` with their count."""
        miss, tokens, tok_m = self.miss, self.tokens, self.tok_m
        self.rest = self.pos[miss] < 0
        self.norm = pd.Series("", index=tok_m.index, dtype=STR)
        shown = tokens["name"].iloc[miss].astype(STR).fillna("").reset_index(drop=True) if "name" in tokens else tok_m
        shown = shown.where(shown != "", tok_m)
        self.norm[self.rest] = name_key(shown[self.rest]).to_numpy()
        self.by_alias = self.rest & (shown != tok_m).to_numpy(dtype=bool)  # an address whose display name may match a contact
        mine = sorted(me.keys())
        self.me_m = isin(self.low, mine) | isin(self.norm, mine) if mine and miss.size else np.zeros(len(miss), dtype=bool)
        is_me = np.zeros(len(tokens), dtype=bool)
        is_me[miss] = self.me_m
        self.keep = ~is_me
        return replace(me, removed=me.removed + int(self.me_m.sum()))

    def match_names(self) -> None:
        """The open misses matched by name key to the first contact of that name; logged as guesses:
        a display name that alone matched, a name several contacts share."""
        todo = np.flatnonzero(self.rest & ~self.me_m)  # positions among the misses
        if not todo.size:
            return
        names = name_key(self.contacts["name"])
        counts = names.value_counts()
        by_name = ~names.duplicated()
        hit = index_positions(pd.Index(names[by_name]), self.norm.iloc[todo])
        rows = np.flatnonzero(by_name.to_numpy())
        self.pos[self.miss[todo[hit >= 0]]] = rows[hit[hit >= 0]]
        amb = self.miss[todo[(hit >= 0) & isin(self.norm.iloc[todo], counts.index[counts > 1])]]
        via_name = self.miss[todo[(hit >= 0) & self.by_alias[todo]]]
        if via_name.size:
            self._log_display_names(via_name)
        self._same_address(todo[hit >= 0])
        if amb.size:
            self.log.add_frame(
                self.tokens.iloc[amb].assign(column="attendees", value=self.tokens["token"].iloc[amb]),
                "this name belongs to several contacts: matched to the first, "
                + contact_ref(self.contacts["contact_id"].iloc[self.pos[amb]].to_numpy()),
                "guessed",
            )

    def _log_display_names(self, via_name: np.ndarray) -> None:
        """One guess per address and contact matched by a display name alone, however many meetings."""
        tokens = self.tokens
        g = tokens.iloc[via_name].assign(column="attendees", value=tokens["token"].iloc[via_name].str.lower(), c=self.pos[via_name])
        n = g.groupby(["value", "c"], sort=False)["value"].transform("size").to_numpy()
        first = ~g.duplicated(["value", "c"]).to_numpy()
        text = ("matched on the display name alone to " + contact_ref(self.contacts["contact_id"].iloc[g["c"].to_numpy()].to_numpy())
                + np.where(n > 1, " (in " + n.astype(str).astype(object) + " meetings)", ""))
        self.log.add_frame(g[first], pd.Series(text[first]), "guessed")

    def _same_address(self, by_name: np.ndarray) -> None:
        """One address, one person: an address that a display name tied to a contact (``by_name``,
        positions among the misses) is that contact in every meeting, also where it is written bare
        or under another name; a contact without an address gets it."""
        miss, pos, low = self.miss, self.pos, self.low
        addr = np.zeros(len(miss), dtype=bool)
        addr[by_name] = True  # matched here, by name
        addr &= low.str.contains("@", regex=False).to_numpy(dtype=bool)
        open_ = (pos[miss] < 0) & ~self.me_m
        if not addr.any():
            return
        pairs = pd.DataFrame({"a": low.to_numpy(dtype=object)[addr], "c": pos[miss][addr]})
        counted = pairs.value_counts().reset_index()  # most frequent (address, contact) pairs first
        best = counted.drop_duplicates("a").set_index("a")["c"]  # the contact most tokens chose
        self.contacts = _add_addresses(self.contacts, best)
        found = pd.Series(low.to_numpy(dtype=object)[open_]).map(best).to_numpy()
        got = ~pd.isna(found)
        if got.any():
            where = miss[np.flatnonzero(open_)[got]]
            pos[where] = found[got].astype(np.int64)
            self.log.add_frame(self.tokens.iloc[where].assign(column="attendees", value=self.tokens["token"].iloc[where]).drop_duplicates("value"),
                               "the same address as an attendee matched by name: the same contact", "guessed")

    def inferred_contacts(self) -> pd.DataFrame:
        """The tokens that matched nobody as new contacts marked ``inferred`` (one per address, URL or
        name key), each listed in the problems; their positions follow the contacts'."""
        unmatched_m = np.flatnonzero(~self.me_m & (self.pos[self.miss] < 0))
        unmatched = self.miss[unmatched_m]
        if not unmatched.size:
            return self.contacts.iloc[0:0]
        u_low = self.low.iloc[unmatched_m]
        is_email = u_low.str.match(r"^[^@\s]+@[^@\s]+$").to_numpy(dtype=bool)
        is_url = u_low.str.contains("/", regex=False).to_numpy(dtype=bool) & ~is_email
        key = np.where(is_email | is_url, u_low.to_numpy(dtype=object), self.norm.iloc[unmatched_m].to_numpy(dtype=object))
        codes, uniques = pd.factorize(pd.Series("inferred:" + key.astype(object)))
        self.pos[unmatched] = len(self.contacts) + codes
        at = pd.Series(codes).drop_duplicates().index.to_numpy()
        first = self.tokens.iloc[unmatched[at]]
        shown = _inferred_names(self.tokens, unmatched, codes, len(uniques), first)
        new_contacts = _new_contacts(np.asarray(uniques, dtype=object), shown, is_email[at], is_url[at], first)
        self.log.add_frame(
            first.assign(column="attendees", value=first["token"]),
            "attendee matches no contact: added as an inferred contact",
            "inferred",
        )
        return new_contacts

    def attendance(self, new_contacts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """The contacts with the inferred ones appended, and for each attendance (the owner's left
        out, an attendee listed twice in a meeting once, logged as repaired) the meeting's and the
        contact's row positions."""
        tokens, contacts = self.tokens, self.contacts
        everyone = bool(self.keep.all())  # the usual case: no index arrays over every attendance
        kept = slice(None) if everyone else np.flatnonzero(self.keep)
        mrow = tokens["mrow"].to_numpy(dtype=np.int64)[kept]
        pos = self.pos[kept]
        key = mrow * (len(contacts) + len(new_contacts) + 1)
        key += pos  # in place: one array of every attendance, not two
        dup = duplicated(key)
        del key
        if dup.any():
            d = np.flatnonzero(dup) if everyone else kept[dup]
            self.log.add_frame(
                tokens.iloc[d].assign(column="attendees", value=tokens["token"].iloc[d]),
                "the same person is listed twice in this meeting: counted once",
                "repaired",
            )
        if len(new_contacts):
            new_contacts = new_contacts.reindex(columns=contacts.columns, fill_value="")
            contacts = pd.concat([contacts, new_contacts], ignore_index=True) if len(contacts) else new_contacts
        if not dup.any():
            return contacts, mrow, pos
        return contacts, mrow[~dup], pos[~dup]


def _by_id(contacts: pd.DataFrame, tok: pd.Series, aliases: pd.Series | None) -> np.ndarray:
    """Each token's contact position by contact id, then by the ids of records merged into a
    contact (``aliases``); -1 for nobody."""
    pos = index_positions(pd.Index(contacts["contact_id"]), tok)
    if aliases is not None and len(aliases) and (pos < 0).any():
        miss = np.flatnonzero(pos < 0)
        target = pd.Series(aliases.to_numpy(), index=aliases.index).reindex(tok.iloc[miss].to_numpy())
        found = index_positions(pd.Index(contacts["contact_id"]), target.fillna("").astype(str))
        pos[miss[found >= 0]] = found[found >= 0]
    return pos


def _email_table(contacts: pd.DataFrame) -> tuple[pd.Index, np.ndarray]:
    """Every e-mail address of every contact, and the contact's position (first owner wins)."""

    row, em = split_list(contacts["emails"], ";")
    df = pd.DataFrame({"e": em.to_numpy(), "row": row}).drop_duplicates("e")
    return pd.Index(df["e"]), df["row"].to_numpy()


def _add_addresses(contacts: pd.DataFrame, best: pd.Series) -> pd.DataFrame:
    """Give contacts without an e-mail address the address their attendee tokens carried
    (``best``: address -> contact position)."""
    emails = contacts["emails"].astype(STR).fillna("")
    by_contact = pd.Series(best.index.to_numpy(dtype=object), index=best.to_numpy()).groupby(level=0).first()
    rows = by_contact.index.to_numpy()
    rows = rows[(emails.iloc[rows] == "").to_numpy(dtype=bool)]
    if not rows.size:
        return contacts
    contacts = contacts.copy()
    new = pd.Series(emails.to_numpy(dtype=object), index=contacts.index)
    new.iloc[rows] = by_contact.loc[rows].to_numpy()
    contacts["emails"] = new.astype(STR).to_numpy()
    contacts["email"] = first_item(contacts["emails"], ";").to_numpy()
    return contacts


def _inferred_names(tokens: pd.DataFrame, unmatched: np.ndarray, codes: np.ndarray, n: int, first: pd.DataFrame) -> np.ndarray:
    """Each of the ``n`` inferred contacts' name: the one its tokens give most often, never an
    address where a name is known, else its first token."""
    names = (tokens["name"] if "name" in tokens else tokens["token"]).iloc[unmatched].astype(str).to_numpy(dtype=object)
    real = pd.Series(names).str.strip().ne("").to_numpy() & ~pd.Series(names).str.contains("@", regex=False).to_numpy()
    cand = pd.DataFrame({"code": codes[real], "name": names[real]})
    best = cand.groupby(["code", "name"], sort=False).size().reset_index().sort_values(0, ascending=False, kind="stable")
    best = best.drop_duplicates("code").set_index("code")["name"]
    shown = pd.Series(np.arange(n)).map(best)
    return np.where(shown.notna().to_numpy(), display_name(shown.fillna("").astype(str)).to_numpy(dtype=object),
                    first["token"].to_numpy(dtype=object))


def _new_contacts(ids: np.ndarray, shown: np.ndarray, email_first: np.ndarray, url_first: np.ndarray, first: pd.DataFrame) -> pd.DataFrame:
    """The inferred contacts' rows: ``ids`` (``inferred:<key>``), their names, the address or
    profile URL their first token was, and the file and line it came from."""
    out = pd.DataFrame(
        {
            "contact_id": ids,
            "name": shown,
            "url": np.where(url_first, pd.Series(ids).str.replace("^inferred:", "", regex=True).to_numpy(dtype=object), ""),
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
    out["email"] = out["emails"]
    out["urls"] = out["url"]
    return out
