"""Pseudonyms: share a network's numbers without its names.

:func:`pseudonymize` replaces names, e-mail addresses, profile URLs, contact
ids, file names and free text (meeting titles, locations, problem values) with
pseudonyms.  Structure (who met whom, when, for how long, in which mode and
channel) is untouched, so every analysis gives the same numbers.

Pseudonyms are 16 hex digits (64 bits) of a keyed hash of the value
(``pandas.util.hash_array``, vectorised): at a million contacts the chance that
two share one is about 3 in 100 million.  The key comes from a *secret* salt:

- by default a new random salt each time (``secrets``), so nobody, not even
  the person who shares the file, can compute a contact's pseudonym from their
  name or address, and two runs give unlinkable pseudonyms;
- the same pseudonyms across runs only with a salt of the user's own: the
  ``salt=`` argument, ``NETLIB_SALT`` in the environment, or ``--salt-file``
  on the command line.  Keep it secret: with it, anyone who knows a person's
  name can find them.

Identities are replaced where they are kept (contacts, ids, files), and the
problem texts are rebuilt from the replaced parts: a contact named in a problem
by its id (:func:`netlib.model.contact_ref`) gets its new id, a file place
(:func:`netlib.model.place_ref`) its new file name, and the owner's own names,
addresses and ids become "you".  File names become ``file 3.ics``: a calendar
export is often named after its owner's address.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import PurePath

import numpy as np
import pandas as pd

from netlib.model import CONTACT_REF, PLACE_REF, STR, Me, Network, contact_ref, place_ref

__all__ = ["pseudonymize", "pseudonyms", "secret_salt"]


def secret_salt(salt: str | None = None) -> str:
    """The salt to use: ``salt`` when given, else ``NETLIB_SALT`` from the environment, else a new
    random one (pseudonyms then differ on every run and nobody can recompute them).

    Parameters
    ----------
    salt : str, optional
        A secret of the user's own, at least 8 characters (as the command line's ``--salt-file``
        asks: a short salt can be guessed, and with it every pseudonym undone); so must
        ``NETLIB_SALT`` be.

    Examples
    --------
    >>> secret_salt("my own secret"), secret_salt() != secret_salt()
    ('my own secret', True)
    """
    from netlib import _params

    given = _params.salt("pseudonymize", "salt", salt)
    if given is not None:
        return given
    env = os.environ.get("NETLIB_SALT")
    if env:
        return _params.salt("pseudonymize", "NETLIB_SALT", env)
    return secrets.token_hex(16)


def pseudonyms(values, salt: str, prefix: str, digits: int = 16) -> np.ndarray:
    """A stable pseudonym (``prefix`` + ``digits`` hex digits of a salted hash) for each value; empty stays empty.

    Parameters
    ----------
    values : sequence
        The values to replace.
    salt : str
        The secret that makes pseudonyms unlinkable across salts.
    prefix : str
        Put before the hex digits (``"Contact "``, ``"c-"``).
    digits : int
        How many hex digits of the hash to keep (at most 16).

    Examples
    --------
    >>> a = pseudonyms(["Ada", "Bob", "Ada", ""], "s1", "Contact ")
    >>> a[0] == a[2], a[0] != a[1], a[3]
    (True, True, '')
    >>> bool(pseudonyms(["Ada"], "s2", "Contact ")[0] != a[0])
    True
    """
    arr = pd.Series(values, dtype=object).fillna("").astype(str).to_numpy(dtype=object)
    key = hashlib.sha256(salt.encode("utf-8")).hexdigest()[:16]
    h = pd.util.hash_array(arr, hash_key=key, categorize=True)
    # the hash's hex digits, every row at once: its 16 nibbles, most significant first, looked up as ASCII
    nibbles = (h[:, None] >> np.arange(60, -4, -4, dtype=np.uint64)) & np.uint64(0xF)
    ascii_hex = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)[nibbles.astype(np.intp)]
    tags = np.ascontiguousarray(ascii_hex[:, :digits]).view(f"S{digits}").ravel().astype(f"U{digits}").astype(object)
    return np.where(arr == "", "", prefix + tags)


def pseudonymize(net: Network, salt: str | None = None, companies: str = "keep") -> Network:
    """A copy of ``net`` with every name, address, profile URL and free text replaced.

    ``companies``: ``"keep"`` them, replace them with ``"pseudonyms"`` (the
    same company keeps one pseudonym, so "same company" stays visible), or
    ``"drop"`` them.

    Parameters
    ----------
    net : Network
        The network to anonymise (left unchanged).
    salt : str, optional
        A secret: the same salt gives the same pseudonyms.  Default ``NETLIB_SALT`` from the
        environment, else a new random salt (:func:`secret_salt`).
    companies : {"keep", "pseudonyms", "drop"}
        What to do with company names.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> anon = pseudonymize(net, salt="workshop")
    >>> bool(anon.contacts["name"].isin(net.contacts["name"]).any())
    False
    >>> netlib.reach(anon).equals(netlib.reach(net))
    True
    """
    salt = secret_salt(salt)
    c = net.contacts
    new_id = pd.Index(pseudonyms(c.index, salt, "c-", digits=16), name="contact_id").astype(STR)
    if new_id.has_duplicates:  # 64-bit hashes: practically never
        raise ValueError("two contact ids got the same pseudonym; try another salt")
    id_map = pd.Series(new_id, index=c.index)
    contacts = c.copy()
    contacts.index = new_id
    contacts["name"] = pseudonyms(c["name"], salt, "Contact ")
    emails = c["emails"].fillna("").astype(str).to_numpy()
    # colleagues keep a domain of their own (one for the whole organisation), so that internal work
    # stays internal and every analysis gives the same numbers (netlib.org)
    from netlib.org import PSEUDONYMOUS_ORG, colleagues, org_domains

    org = org_domains(net)
    domain = np.where(colleagues(net).reindex(c.index, fill_value=False).to_numpy(dtype=bool), "@" + PSEUDONYMOUS_ORG, "@example.invalid")
    anon = np.char.add(np.char.lower(pseudonyms(emails, salt, "").astype(str)), domain)
    contacts["emails"] = np.where(emails != "", anon, "")
    contacts["email"] = contacts["emails"]
    contacts["introduced_by"] = c["introduced_by"].map(id_map).fillna("").to_numpy()
    contacts["title"] = pseudonyms(c["title"], salt, "Title ")
    contacts["url"] = np.where(c["url"].astype(str) != "", pseudonyms(c["url"], salt, "profile.invalid/"), "")
    if companies == "pseudonyms":
        contacts["company"] = pseudonyms(c["company"], salt, "Company ")
    elif companies == "drop":
        contacts["company"] = ""
    elif companies != "keep":
        raise ValueError("companies must be 'keep', 'pseudonyms' or 'drop'")
    files = _file_names(net)
    contacts["file"] = c["file"].map(files).fillna("")
    m = net.meetings.copy()
    meeting_id = pd.Index(pseudonyms(m.index, salt, "m-", digits=16), name="meeting_id").astype(STR)
    m.index = meeting_id
    m["title"] = m["channel"].str.capitalize()
    m["location"] = pseudonyms(m["location"], salt, "Place ")
    m["file"] = m["file"].map(files).fillna("")
    # the attendance is the same positions in the renamed tables: kept as positions, the table made on
    # first use, as netlib.load leaves it (not two columns of millions of new ids in every snapshot)
    mpos, cpos = net.positions()
    problems = net.problems.copy()
    codes, values = pd.factorize(problems["value"].astype(str).where(problems["value"].notna(), ""))  # a few distinct values
    problems["value"] = np.append(pseudonyms(values, salt, "value "), "")[codes] if len(codes) else pseudonyms([], salt, "value ")
    codes, where = pd.factorize(problems["source"])  # a few files, however many rows
    problems["source"] = pd.Series([files.get(p, p) if isinstance(p, str) else p for p in where] + [np.nan], dtype=object).to_numpy()[codes]
    # problem texts, rebuilt from the replaced parts: contacts named by id, places by file and line
    ids = id_map.to_dict()
    codes, texts = pd.factorize(problems["problem"].astype(str))  # a few distinct texts, however many rows
    text = pd.Series(texts, dtype=object).str.replace(
        CONTACT_REF, lambda mt: contact_ref(ids.get(mt.group(1), pseudonyms([mt.group(1)], salt, "c-")[0])), regex=True
    ).str.replace(PLACE_REF, lambda mt: place_ref([files.get(mt.group(1), "a file")], [mt.group(2)])[0], regex=True)
    problems["problem"] = _without_owner(text, net.me).to_numpy(dtype=object)[codes] if len(codes) else problems["problem"]
    sources = net.sources.copy()
    if "source" in sources:
        sources["source"] = sources["source"].map(files)
    merges = net.merges.copy()
    if len(merges):
        merges["contact_id"] = id_map.reindex(merges["contact_id"]).to_numpy()
        merges["name"] = pseudonyms(merges["name"], salt, "Contact ")
        merges["record"] = pseudonyms(merges["record"], salt, "record ")
        merges["file"] = merges["file"].map(files).fillna("")
    out = Network(contacts=contacts, meetings=m, attendance=None, problems=problems, sources=sources,
                  me=Me(name="You", how=net.me.how.split(":")[0], removed=net.me.removed, org=(PSEUDONYMOUS_ORG,) if org else ()),
                  merges=merges)
    out._seed_positions(mpos, cpos)
    if hasattr(net, "truth"):
        out.truth = {k: v for k, v in net.truth.items() if k != "me"}
    return out


def _file_names(net: Network) -> dict:
    """Every file the network names (its sources, and the files its rows and problems come from),
    as ``file 1.csv``, ``file 2.ics``...: numbered in the order of ``net.sources``, the extension
    kept (it says the format, not whose file it is)."""
    seen = list(dict.fromkeys([*net.sources.get("source", pd.Series(dtype=object)).astype(str),
                               *net.contacts["file"].dropna().astype(str), *net.meetings["file"].dropna().astype(str),
                               *[p for p in net.problems["source"].dropna().astype(str).unique() if re.search(r"[\\/.]", p)]]))
    return {p: f"file {i}{PurePath(p.replace(chr(92), '/')).suffix.lower()}" for i, p in enumerate((p for p in seen if p), start=1)}


def _without_owner(text: pd.Series, me: Me) -> pd.Series:
    """Texts with the owner's own names, addresses and ids written as "you" (a problem about the
    ``me`` given quotes them)."""
    own = sorted({str(x) for x in (me.name, *me.emails, *me.ids) if x and len(str(x)) > 2}, key=len, reverse=True)
    if not own:
        return text
    return text.str.replace("|".join(re.escape(x) for x in own), "you", regex=True, case=False)
