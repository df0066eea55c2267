"""A team with every name replaced (``netlib report TEAM --team --anonymize``): :func:`pseudonymize_team`.

A team is pseudonymised after it is pooled, not member by member: the same person known to several
members is found by their real addresses and names first, and members are recognised in each
other's files by their own addresses, which a member's pseudonymised network no longer has.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from netlib.anonymize import pseudonymize, pseudonyms, secret_salt
from netlib.team._load import Team
from netlib.team._reach import team_of


def pseudonymize_team(team: Team, salt: str | None = None) -> Team:
    """A copy of ``team`` in which every person's name, address, profile URL and title, and every
    member's name and address, is a pseudonym; companies, tags and every figure stay as they are.

    Members become ``member-1``, ``member-2``... (as keys and as names) in the team's order.
    Each member's network is pseudonymised with :func:`netlib.anonymize.pseudonymize` and the same
    salt, so a contact's pseudonymous id is the same in the team's tables and in the networks.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    salt : str, optional
        A secret: the same salt gives the same pseudonyms (default ``NETLIB_SALT``, else a new
        random one: :func:`netlib.anonymize.secret_salt`).

    Returns
    -------
    Team

    Examples
    --------
    >>> from netlib.team import team_reach
    >>> from netlib.team._load import _example_team
    >>> team = _example_team()
    >>> anon = pseudonymize_team(team, salt="workshop")
    >>> list(anon.members.index), bool(anon.people["name"].isin(team.people["name"]).any())
    (['member-1', 'member-2', 'member-3'], False)
    >>> team_reach(anon).to_numpy().tolist() == team_reach(team).to_numpy().tolist()
    True
    """
    team = team_of("pseudonymize_team", team)
    salt = secret_salt(salt)
    key = pd.Series([f"member-{k + 1}" for k in range(len(team.members))], index=team.members.index)
    members = team.members.copy()
    members["name"] = key.to_numpy()  # (a reason says "member-2 met ...")
    members["emails"] = ""
    members["how"] = members["how"].astype(str).str.split(":").str[0]
    members.index = pd.Index(key.to_numpy(), name=members.index.name)
    p = team.people.copy()
    p["name"] = pseudonyms(p["name"], salt, "Contact ")
    for col, prefix, end in (("email", "", "@example.invalid"), ("emails", "", "@example.invalid"), ("url", "profile.invalid/", "")):
        if col in p:
            raw = p[col].fillna("").astype(str)
            p[col] = np.where(raw != "", np.char.add(np.char.lower(pseudonyms(raw, salt, prefix).astype(str)), end), "")
    if "title" in p:
        p["title"] = pseudonyms(p["title"], salt, "Title ")
    each = p["members"].fillna("").astype(str).str.split(";").explode()  # one row per person and member who knows them
    p["members"] = each.map(key).dropna().groupby(level=0).agg(";".join).reindex(p.index).fillna("")
    ties = team.ties.assign(member=team.ties["member"].map(key).to_numpy())
    contacts = team.contacts.assign(member=team.contacts["member"].map(key).to_numpy(),
                                    contact_id=pseudonyms(team.contacts["contact_id"], salt, "c-", digits=16),
                                    is_member=team.contacts["is_member"].map(key).to_numpy())
    problems = team.problems.copy()
    if len(problems):  # a few rows: the team's guesses
        member_word = re.compile(r"\b(" + "|".join(re.escape(m) for m in sorted(key.index, key=len, reverse=True)) + r")\b")
        renamed = lambda text: member_word.sub(lambda mt: key[mt.group(1)], str(text))  # noqa: E731
        problems["member"] = problems["member"].map(renamed)
        problems["problem"] = problems["problem"].map(renamed)
        problems["value"] = pseudonyms(problems["value"].astype(str), salt, "value ")
        src = problems["source"].astype(str)
        problems["source"] = src.where(src.str.startswith("team person") | (src == "members"), "")  # never a member's folder
    networks = {key[m]: pseudonymize(n, salt) for m, n in team.networks.items()}
    work = {key[m]: pseudonymize(n, salt) for m, n in team._work.items()}
    return Team(members, networks, p, ties, contacts, problems, team.as_of, team.half_life_days, work)
