"""Who the team reaches: :func:`team_reach` (per member and for the team, with the share of a segment
or a company reached) and :func:`team_overlap` (people two members both reach)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._keys import company_key
from netlib.decay import WARM_STATUSES
from netlib.segment import segment_mask
from netlib.team._load import Team
from netlib.team._privacy import suppress, viewer_of


def team_of(func: str, team) -> Team:
    """``team`` when it is a :class:`Team`; else an :class:`~netlib.ArgumentError` of ``func``."""
    return _params.instance(func, "team", team, Team, "a Team from netlib.load_team()")


def people_mask(func: str, team: Team, segment=None, company=None) -> np.ndarray:
    """One bool per team person (``team.people``' order): in the segment (:func:`netlib.segment_mask`
    over the team people) and at the company or companies (compared as :func:`netlib.identity.company_key`:
    case, punctuation and legal suffixes aside); all True when neither is given."""
    keep = np.ones(len(team.people), dtype=bool)
    if segment is not None:
        keep &= segment_mask(team.people_network(), segment).to_numpy(dtype=bool)
    if company is not None:
        names = [company] if isinstance(company, str) else company
        if not isinstance(names, (list, tuple, set)) or not names or not all(isinstance(x, str) and x.strip() for x in names):
            _params.fail(func, "company", _params.shown(company), "a company name or a list of them")
        wanted = set(company_key(pd.Series(list(names), dtype=object)))
        keep &= company_key(team.people["company"].fillna("").astype(str)).isin(wanted).to_numpy()
    return keep


def tie_matrix(team: Team, warm: bool = False) -> np.ndarray:
    """people x members: whether the member reached the person (at least one networking meeting or
    message on or before ``team.as_of``), or holds a warm tie (``warm``: :data:`netlib.decay.WARM_STATUSES`)."""
    t = team.ties
    out = np.zeros((len(team.people), len(team.members)), dtype=bool)
    yes = t["status"].isin(WARM_STATUSES).to_numpy() if warm else (t["contacts"] >= 1).to_numpy()
    out[team.people.index.get_indexer(t["person"])[yes], team.members.index.get_indexer(t["member"])[yes]] = True
    return out


def team_reach(team: Team, *, segment=None, company=None, viewer: str | None = None) -> pd.DataFrame:
    """People the team reaches: in all, by one member only, by several, and the share of a segment
    or a company reached, warm and all.

    For team person *p* and member *m*, ``reached(m, p)``: *m* met or wrote *p* at least once at a
    networking meeting on or before ``team.as_of`` (as :func:`netlib.reach` counts people); ``warm(m,
    p)``: the tie's :func:`netlib.status` is warm (active or cooling).  With ``n(p)`` the members who
    reached *p*, each row counts people (unit: people):

    * ``known``: people the member has as a contact, met or not (team: every team person);
    * ``reached``: ``#{p : reached(m, p)}`` (team: ``#{p : n(p) >= 1}``);
    * ``warm``: ``#{p : warm(m, p)}`` (team: warm with at least one member);
    * ``only``: ``#{p : reached(m, p) and n(p) = 1}`` (team: people reached by exactly one member, the
      sum of the members' ``only``);
    * ``shared``: ``#{p : reached(m, p) and n(p) >= 2}`` (team: reached by two members or more);
    * ``warm_only``: warm with this member and with no other (team: warm with exactly one member).

    With a ``segment`` (or a ``company``), the team people in it known to the team are the
    denominator ``segment_people`` (``company_people``), the same on every row; ``segment_reached``
    and ``segment_warm`` count those reached and warm, and ``segment_reached_share`` =
    ``segment_reached / segment_people`` (``segment_warm_share`` likewise; a fraction from 0 to 1).

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    segment : str, dict or callable, optional
        The right people among the team people (:func:`netlib.segment_mask`: a tag, a dict of
        column -> regular expression over ``team.people``, or a callable).
    company : str or list of str, optional
        A target company (or several), compared without case, punctuation or legal suffixes.
    viewer : str, optional
        The member who will see the table: every count of 1 to 4 people, and every share over fewer
        than :data:`netlib.team.MIN_GROUP` people, is suppressed (NA).

    Returns
    -------
    DataFrame
        One row for the team (``"team"``), then one per member.

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> team = _example_team()
    >>> team_reach(team)[["known", "reached", "warm", "only", "shared", "warm_only"]]
            known  reached  warm  only  shared  warm_only
    member
    team        5        5     3     3       2          2
    ada         2        2     1     1       1          0
    bo          3        3     2     1       2          1
    cy          2        2     1     1       1          1
    >>> team_reach(team, company="ACME Inc.")[["company_people", "company_reached", "company_warm_share"]]
            company_people  company_reached  company_warm_share
    member
    team                 2                2                 0.5
    ada                  2                1                 0.0
    bo                   2                0                 0.0
    cy                   2                1                 0.5
    """
    team = team_of("team_reach", team)
    viewer = viewer_of("team_reach", team, viewer)
    R, W = tie_matrix(team), tie_matrix(team, warm=True)
    known = np.zeros_like(R)
    t = team.ties
    known[team.people.index.get_indexer(t["person"]), team.members.index.get_indexer(t["member"])] = True
    out = _counts(known, R, W, team.members.index)
    for label, mask in (("segment", people_mask("team_reach", team, segment=segment) if segment is not None else None),
                        ("company", people_mask("team_reach", team, company=company) if company is not None else None)):
        if mask is None:
            continue
        n = int(mask.sum())
        reached = np.r_[R[mask].any(axis=1).sum(), R[mask].sum(axis=0)]
        warm = np.r_[W[mask].any(axis=1).sum(), W[mask].sum(axis=0)]
        out[f"{label}_people"] = n
        out[f"{label}_reached"] = reached
        out[f"{label}_warm"] = warm
        out[f"{label}_reached_share"] = reached / n if n else np.nan
        out[f"{label}_warm_share"] = warm / n if n else np.nan
    return suppress(out) if viewer is not None else out


def _counts(known: np.ndarray, R: np.ndarray, W: np.ndarray, members: pd.Index) -> pd.DataFrame:
    """The counts of :func:`team_reach` from the people x members matrices known, reached and warm."""
    n, nw = R.sum(axis=1), W.sum(axis=1)
    one, many, warm_one = (n == 1)[:, None], (n >= 2)[:, None], (nw == 1)[:, None]
    out = pd.DataFrame({
        "known": np.r_[len(known), known.sum(axis=0)],
        "reached": np.r_[(n >= 1).sum(), R.sum(axis=0)],
        "warm": np.r_[(nw >= 1).sum(), W.sum(axis=0)],
        "only": np.r_[(n == 1).sum(), (R & one).sum(axis=0)],
        "shared": np.r_[(n >= 2).sum(), (R & many).sum(axis=0)],
        "warm_only": np.r_[(nw == 1).sum(), (W & warm_one).sum(axis=0)],
    }, index=pd.Index(["team", *members], name="member"))
    return out.astype("int64")


def team_overlap(team: Team, *, warm: bool = False, segment=None, company=None, viewer: str | None = None) -> pd.DataFrame:
    """People two members both reach: a members x members table.

    ``overlap[a, b] = #{p : reached(a, p) and reached(b, p)}`` (unit: people), the diagonal being each
    member's people reached; ``reached`` as in :func:`team_reach`, or warm ties with ``warm=True``.
    Computed as ``R.T @ R`` for the people x members matrix ``R`` of 0 and 1.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    warm : bool
        Count warm ties only.
    segment : str, dict or callable, optional
        Only the team people in this segment (as for :func:`team_reach`).
    company : str or list of str, optional
        Only the people at this company (or these).
    viewer : str, optional
        As for :func:`team_reach`: counts of 1 to 4 people suppressed (NA).

    Returns
    -------
    DataFrame
        Square, indexed and columned by member.

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> team_overlap(_example_team())
    member  ada  bo  cy
    member
    ada       2   1   0
    bo        1   3   1
    cy        0   1   2
    """
    team = team_of("team_overlap", team)
    viewer = viewer_of("team_overlap", team, viewer)
    R = tie_matrix(team, warm=bool(warm))[people_mask("team_overlap", team, segment, company)].astype(np.int64)
    out = pd.DataFrame(R.T @ R, index=team.members.index, columns=team.members.index.rename("member"))
    out.index.name = "member"
    return suppress(out) if viewer is not None else out
