"""One member's view of the team: :func:`member_view` and :class:`MemberView`, the rules of
:mod:`netlib.team._privacy` applied to every table a member's page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlib.team._load import Team
from netlib.team._privacy import MIN_GROUP, named_for, suppress, viewer_of, visible_people
from netlib.team._reach import team_of, team_overlap, team_reach
from netlib.team._risk import per_member, sole_holders

__all__ = ["MemberView", "member_view"]


@dataclass
class MemberView:
    """What one member (``viewer``) may see of the team.

    Attributes
    ----------
    viewer : str
        The member.
    own : DataFrame
        The viewer's own ties, in full: ``person``, ``name``, ``company``, ``strength``, ``bucket``,
        ``status``, ``last_contact``, ``contacts`` (never how many other members know them: in a
        small team that count would say who does).
    buckets : DataFrame
        The other members' ties as counts by bucket (``strong``, ``familiar``, ``weak``, ``ties``),
        counts of 1 to 4 suppressed (NA).
    shared : DataFrame
        The ties of other members who share names: ``member``, ``person``, ``name``, ``company``,
        ``bucket`` (no strength, no date).
    reach, overlap : DataFrame
        :func:`netlib.team.team_reach` and :func:`netlib.team.team_overlap` with ``viewer``: figures
        over fewer than :data:`netlib.team.MIN_GROUP` people suppressed.
    sole : DataFrame
        :func:`netlib.team.sole_holders` with ``viewer``.
    notes : list of str
        What the view leaves out, in sentences.
    """

    viewer: str
    own: pd.DataFrame
    buckets: pd.DataFrame
    shared: pd.DataFrame
    reach: pd.DataFrame
    overlap: pd.DataFrame
    sole: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the view by name (what a page shows)."""
        return {"own": self.own, "buckets": self.buckets, "shared": self.shared, "reach": self.reach, "overlap": self.overlap,
                "sole": self.sole, "sole per member": per_member(self.sole)}


def member_view(team: Team, member: str, *, segment=None) -> MemberView:
    """What ``member`` may see of the team: their own ties in full, the others' as buckets and counts.

    The rules (docs/team.md): another member's ties appear as strength buckets (strong, familiar, weak:
    :func:`netlib.team.bucket`) and counts, never a strength, a date or a row per tie; their contacts'
    names only where that member's folder holds a ``share.toml`` saying ``share = "names"`` (then with
    the bucket alone); every figure over fewer than :data:`netlib.team.MIN_GROUP` (5) people is suppressed.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    member : str
        The member who sees the view.
    segment : str, dict or callable, optional
        The right people, for the reach figures and the sole holders.

    Returns
    -------
    MemberView

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> view = member_view(_example_team(), "ada")
    >>> view.own[["name", "bucket"]].values.tolist()
    [['Dan Ortiz', 'familiar'], ['Tess Tran', 'weak']]
    >>> view.shared[["member", "name", "bucket"]].values.tolist()  # Bo shares names, Cy does not
    [['bo', 'Dan Ortiz', 'familiar'], ['bo', 'Finn Ford', 'familiar'], ['bo', 'Hal Hart', 'weak']]
    >>> view.buckets  # three members of one, two or three ties: every count suppressed
           strong  familiar  weak  ties
    member
    bo          0      <NA>  <NA>  <NA>
    cy          0      <NA>  <NA>  <NA>
    """
    team = team_of("member_view", team)
    viewer = viewer_of("member_view", team, member)
    if viewer is None:
        viewer = viewer_of("member_view", team, "")  # None is no member: the same message
    t, p = team.ties, team.people
    mine = t[t["member"] == viewer]
    own = pd.DataFrame({"person": mine["person"].to_numpy(), "name": p["name"].reindex(mine["person"]).to_numpy(),
                        "company": p["company"].reindex(mine["person"]).to_numpy(), "strength": mine["strength"].to_numpy(),
                        "bucket": mine["bucket"].to_numpy(), "status": mine["status"].to_numpy(), "last_contact": mine["last_contact"].array,
                        "contacts": mine["contacts"].to_numpy()})  # never how many members know them: a team of 3 would name who
    others = t[t["member"] != viewer]
    counts = pd.crosstab(others["member"], others["bucket"]).reindex(index=[m for m in team.members.index if m != viewer],
                                                                     columns=["strong", "familiar", "weak"], fill_value=0)
    counts["ties"] = counts.sum(axis=1)
    counts.index.name, counts.columns.name = "member", None
    open_members = [m for m, ok in zip(team.members.index, named_for(team, viewer), strict=True) if ok and m != viewer]
    sh = others[others["member"].isin(open_members)]
    rank = pd.Series({"strong": 0, "familiar": 1, "weak": 2}).reindex(sh["bucket"]).fillna(3).to_numpy()
    name = p["name"].reindex(sh["person"]).astype(str).to_numpy()
    sh = sh.iloc[np.lexsort((name, rank, team.members.index.get_indexer(sh["member"])))]  # by member, bucket and name
    shared = pd.DataFrame({"member": sh["member"].to_numpy(), "person": sh["person"].to_numpy(), "name": p["name"].reindex(sh["person"]).to_numpy(),
                           "company": p["company"].reindex(sh["person"]).to_numpy(), "bucket": sh["bucket"].to_numpy()})
    closed = [m for m in team.members.index if m != viewer and m not in open_members]
    hidden = int((~visible_people(team, viewer)).sum())
    notes = [f"Figures over fewer than {MIN_GROUP} people are suppressed (shown as NA)."]
    if closed:
        many = f"{hidden:,} people" if hidden >= MIN_GROUP else f"fewer than {MIN_GROUP} people"  # a count of their private contacts
        notes.append(f"{', '.join(closed)} share{'s' if len(closed) == 1 else ''} no names: their ties are shown as counts by strength "
                     f"bucket only ({many} of the team not named here).")
    return MemberView(viewer, own, suppress(counts.astype("int64")), shared, team_reach(team, segment=segment, viewer=viewer),
                      team_overlap(team, segment=segment, viewer=viewer), sole_holders(team, segment=segment, viewer=viewer), notes)

