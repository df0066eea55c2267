"""Pseudonyms: share a network's numbers without its names.

:func:`pseudonymize` replaces names, e-mail addresses, profile URLs, contact
ids and free text (meeting titles, locations, problem values) with stable
pseudonyms: the same value gets the same pseudonym for one ``salt``, and
different salts give unlinkable outputs.  Structure (who met whom, when, for
how long, in which mode and channel) is untouched, so every analysis gives
the same numbers.  Hashing is vectorised (``pandas.util.hash_array`` with a
key derived from the salt).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from netlib.model import CONTACT_REF, PLACE_REF, STR, Me, Network, contact_ref, place_ref

__all__ = ["pseudonymize", "pseudonyms"]

def pseudonyms(values, salt: str, prefix: str, digits: int = 8) -> np.ndarray:
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
    tags = pd.Series(h).map(lambda x: f"{x:016X}"[:digits]) if len(arr) else pd.Series([], dtype=object)
    return np.where(arr == "", "", prefix + tags.to_numpy(dtype=object))


def pseudonymize(net: Network, salt: str = "netlib", companies: str = "keep") -> Network:
    """A copy of ``net`` with every name, address, profile URL and free text replaced.

    ``companies``: ``"keep"`` them, replace them with ``"pseudonyms"`` (the
    same company keeps one pseudonym, so "same company" stays visible), or
    ``"drop"`` them.

    Parameters
    ----------
    net : Network
        The network to anonymise (left unchanged).
    salt : str
        The secret that makes pseudonyms unlinkable across salts.
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
    c = net.contacts
    new_id = pd.Index(pseudonyms(c.index, salt, "c-", digits=16), name="contact_id").astype(STR)
    if new_id.has_duplicates:  # 64-bit hashes: practically never
        raise ValueError("two contact ids got the same pseudonym; try another salt")
    id_map = pd.Series(new_id, index=c.index)
    contacts = c.copy()
    contacts.index = new_id
    contacts["name"] = pseudonyms(c["name"], salt, "Contact ")
    emails = c["emails"].fillna("").astype(str).to_numpy()
    anon = np.char.add(np.char.lower(pseudonyms(emails, salt, "").astype(str)), "@example.invalid")
    contacts["emails"] = np.where(emails != "", anon, "")
    contacts["email"] = contacts["emails"]
    contacts["introduced_by"] = c["introduced_by"].map(id_map).fillna("").to_numpy()
    contacts["title"] = pseudonyms(c["title"], salt, "Title ")
    contacts["url"] = np.where(c["url"].astype(str) != "", pseudonyms(c["url"], salt, "profile.invalid/", digits=12), "")
    if companies == "pseudonyms":
        contacts["company"] = pseudonyms(c["company"], salt, "Company ")
    elif companies == "drop":
        contacts["company"] = ""
    elif companies != "keep":
        raise ValueError("companies must be 'keep', 'pseudonyms' or 'drop'")
    contacts["file"] = c["file"].map(lambda p: Path(str(p)).name)
    m = net.meetings.copy()
    meeting_id = pd.Index(pseudonyms(m.index, salt, "m-", digits=16), name="meeting_id").astype(STR)
    m.index = meeting_id
    m["title"] = m["channel"].str.capitalize()
    m["location"] = pseudonyms(m["location"], salt, "Place ")
    m["file"] = m["file"].map(lambda p: Path(str(p)).name)
    attendance = pd.DataFrame({"meeting_id": pd.Series(meeting_id, index=net.meetings.index).reindex(net.attendance["meeting_id"]).to_numpy(),
                               "contact_id": id_map.reindex(net.attendance["contact_id"]).to_numpy()})
    attendance = attendance.astype(STR)
    problems = net.problems.copy()
    problems["value"] = pseudonyms(problems["value"].astype(str).where(problems["value"].notna(), ""), salt, "value ")
    problems["source"] = problems["source"].map(lambda p: Path(str(p)).name if isinstance(p, str) else p)
    # problem texts name contacts and places in files as contact_ref() and place_ref() write them
    ids = id_map.to_dict()
    problems["problem"] = problems["problem"].astype(str).str.replace(
        CONTACT_REF, lambda mt: contact_ref(ids.get(mt.group(1), pseudonyms([mt.group(1)], salt, "c-", 16)[0])), regex=True
    ).str.replace(PLACE_REF, lambda mt: place_ref([Path(mt.group(1)).name], [mt.group(2)])[0], regex=True)
    sources = net.sources.copy()
    if "source" in sources:
        sources["source"] = sources["source"].map(lambda p: Path(str(p)).name)
    merges = net.merges.copy()
    if len(merges):
        merges["contact_id"] = id_map.reindex(merges["contact_id"]).to_numpy()
        merges["name"] = pseudonyms(merges["name"], salt, "Contact ")
        merges["record"] = pseudonyms(merges["record"], salt, "record ")
        merges["file"] = merges["file"].map(lambda p: Path(str(p)).name)
    out = Network(contacts=contacts, meetings=m, attendance=attendance, problems=problems, sources=sources,
                  me=Me(name="You", how=net.me.how.split(":")[0], removed=net.me.removed), merges=merges)
    mpos, cpos = net.positions()
    out._seed_positions(mpos, cpos)
    if hasattr(net, "truth"):
        out.truth = {k: v for k, v in net.truth.items() if k != "me"}
    return out
