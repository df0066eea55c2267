"""The relationships only one member holds: :func:`sole_holders`, the team's key-person risk."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib.decay import WARM_STATUSES
from netlib.model import DEFAULT_HORIZON_DAYS
from netlib.team._load import Team
from netlib.team._privacy import named_for, suppress, viewer_of
from netlib.team._reach import people_mask, team_of

__all__ = ["sole_holders"]


def sole_holders(team: Team, *, segment=None, company=None, horizon_days: float = DEFAULT_HORIZON_DAYS, viewer: str | None = None) -> pd.DataFrame:
    """Warm ties to the right people that exactly one member holds, and those going cold: what the
    team loses if that member leaves or lets the tie fade.

    A tie (member *m*, person *p*) is listed when it is warm (:func:`netlib.status` active or cooling,
    :data:`netlib.decay.WARM_STATUSES`) and no other member holds a warm tie to *p*.  It is
    ``going_cold`` as :func:`netlib.decay.going_cold` judges a tie: overdue (``cooling``), or active
    and cold within ``horizon_days`` (``days_to_cold <= horizon_days``, from ``h * log2(s / 0.5)`` and
    the tie's rhythm).  ``.attrs["per_member"]`` counts, per member, ``sole_warm`` (such ties) and
    ``going_cold`` (those of them going cold): the member's key-person risk, in people; a dict of
    plain values (a DataFrame in ``attrs`` breaks pandas' printing, which compares ``attrs``), made a
    table by :func:`per_member`.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    segment : str, dict or callable, optional
        Only people in this segment (:func:`netlib.segment_mask` over ``team.people``).
    company : str or list of str, optional
        Only people at this company (or these).
    horizon_days : float
        How far ahead a tie going cold is looked for (default 90 days).
    viewer : str, optional
        The member who will see the table: only the ties of the viewer and of members who share
        names are listed; the counts per member of the others (members who share no names) are
        suppressed below :data:`netlib.team.MIN_GROUP`.

    Returns
    -------
    DataFrame
        One row per tie, going cold first (soonest first), then by member and strength: ``member``,
        ``person``, ``name``, ``company``, ``strength``, ``bucket``, ``status``, ``last_contact``,
        ``days_to_cold``, ``going_cold`` (with a ``viewer``, another member's tie keeps its bucket
        and ``going_cold`` only).

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> sole = sole_holders(_example_team())
    >>> sole[["member", "name", "strength", "going_cold"]]
      member       name  strength  going_cold
    0     bo  Finn Ford       1.5       False
    1     cy  Eve Evans       1.5       False
    >>> per_member(sole)
            sole_warm  going_cold
    member
    ada             0           0
    bo              1           0
    cy              1           0
    """
    team = team_of("sole_holders", team)
    viewer = viewer_of("sole_holders", team, viewer)
    horizon_days = _params.number("sole_holders", "horizon_days", horizon_days, inclusive=True)
    t = team.ties
    warm = t["status"].isin(WARM_STATUSES).to_numpy()
    holders = pd.Series(warm).groupby(t["person"].to_numpy()).sum()
    keep = pd.Series(people_mask("sole_holders", team, segment, company), index=team.people.index)
    sole = warm & (holders.reindex(t["person"]).to_numpy() == 1) & keep.reindex(t["person"]).to_numpy(dtype=bool)
    d = t[sole].copy()
    d["going_cold"] = ((d["status"] == "cooling") | (d["days_to_cold"] <= horizon_days)).to_numpy(dtype=bool)
    d["name"] = team.people["name"].reindex(d["person"]).to_numpy()
    d["company"] = team.people["company"].reindex(d["person"]).to_numpy()
    order = team.members.index.get_indexer(d["member"])
    d = d.iloc[np.lexsort((-d["strength"].to_numpy(), order, np.where(d["going_cold"], d["days_to_cold"].fillna(0), np.inf), ~d["going_cold"].to_numpy()))]
    per = pd.DataFrame({"sole_warm": d.groupby("member").size(), "going_cold": d.groupby("member")["going_cold"].sum()})
    per = per.reindex(team.members.index).fillna(0).astype("int64")
    per.index.name = "member"
    out = d[["member", "person", "name", "company", "strength", "bucket", "status", "last_contact", "days_to_cold", "going_cold"]].reset_index(drop=True)
    if viewer is not None:  # the ties of the viewer and of members who share names; another's as a bucket only
        open_member = pd.Series(named_for(team, viewer), index=team.members.index)
        out = out[open_member.reindex(out["member"]).to_numpy()].reset_index(drop=True)
        other = (out["member"] != viewer).to_numpy()
        out = _theirs_last(team, out, other)
        other = (out["member"] != viewer).to_numpy()
        out.loc[other, ["strength", "days_to_cold"]] = np.nan
        out["status"] = out["status"].astype(object).where(~other, None)
        out["last_contact"] = out["last_contact"].where(~other, pd.NaT)
        closed = ~open_member.reindex(per.index).to_numpy(dtype=bool)  # the listed ties' members: their counts are no secret
        per = pd.concat([per[~closed], suppress(per[closed])]).reindex(per.index)
    out.attrs["per_member"] = per.to_dict()
    return out


def _theirs_last(team: Team, sole: pd.DataFrame, other: np.ndarray) -> pd.DataFrame:
    """``sole`` with the viewer's own ties first, in their order, then another member's (``other``) by
    member, going cold first, strongest bucket first, then by name: never in the order of their days
    to cold or their strength, which the reader may not see (the order would tell it)."""
    rank = pd.Series({"strong": 0, "familiar": 1, "weak": 2})
    keys = (sole["name"].astype(str).to_numpy(), rank.reindex(sole["bucket"]).fillna(3).to_numpy(), ~sole["going_cold"].to_numpy(dtype=bool),
            team.members.index.get_indexer(sole["member"]))
    order = np.where(other, np.lexsort(keys).argsort() + len(sole), np.arange(len(sole)))
    return sole.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)


def per_member(sole: pd.DataFrame) -> pd.DataFrame:
    """The per-member counts of :func:`sole_holders` (``.attrs["per_member"]``) as a table indexed by
    ``member``: ``sole_warm`` and ``going_cold`` (NaN where suppressed for the table's viewer); the
    counts of the table's own rows when it has none.

    Parameters
    ----------
    sole : DataFrame
        From :func:`sole_holders`.

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> per_member(sole_holders(_example_team(), viewer="ada"))["sole_warm"].tolist()   # Bo shares names; Cy does not
    [0.0, 1.0, nan]
    """
    per = sole.attrs.get("per_member")
    if isinstance(per, dict) and {"sole_warm", "going_cold"} <= set(per):
        out = pd.DataFrame(per)[["sole_warm", "going_cold"]]
    else:
        g = sole.groupby("member", sort=False)
        out = pd.DataFrame({"sole_warm": g.size(), "going_cold": g["going_cold"].sum()}).astype("int64")
    out.index.name = "member"
    return out
