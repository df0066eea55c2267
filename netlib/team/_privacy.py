"""What one member may see of the others: the rules (:data:`MIN_GROUP`, :func:`suppress`, whose names
a viewer sees), used by every team function that takes ``viewer=`` and by :func:`netlib.team.member_view`.

The rules (docs/team.md, "Privacy between members"):

1. A member sees their own ties in full.
2. Another member's ties are shown as strength buckets (:func:`netlib.team.bucket`: strong, familiar,
   weak) and counts, never a strength or a status, never a row per tie.
3. A contact's name (or company, or team person id) of another member appears only where that member
   shares names (``share = "names"`` in the ``share.toml`` of their folder); a company the team knows
   at least :data:`MIN_GROUP` people at may be named as a target of introductions, with the member
   who can introduce and the path's bucket, never the contact's name (``netlib.team._intro._open_to``);
   at a smaller company, no path of a member who shares no names is shown.
4. A figure over a group of fewer than :data:`MIN_GROUP` people is suppressed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib.team._load import Team

__all__ = ["MIN_GROUP", "suppress", "viewer_of", "named_for"]

#: The fewest people a figure another member sees may count: a count of 1 to 4 people, or a share
#: over fewer than 5, is suppressed.  The convention of Microsoft's vivainsights (its minimum group
#: size, 5 by default), taken as netlib's assumption.
MIN_GROUP = 5


def suppress(table: pd.DataFrame, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """``table`` with every figure over fewer than ``min_group`` people suppressed (NA).

    A count column (whole numbers) is suppressed where it is from 1 to ``min_group - 1`` (0 stays: it
    names nobody); a share column (its name ends in ``_share``) where the count it is a share of,
    the column named as it with ``_people`` (``segment_people``), is below ``min_group``, or where its
    own numerator (``segment_reached`` for ``segment_reached_share``) is suppressed.

    Parameters
    ----------
    table : DataFrame
        Counts of people (and shares of them).
    min_group : int
        The fewest people a figure may count (default :data:`MIN_GROUP`).

    Returns
    -------
    DataFrame
        Nullable integers for the counts, floats with NaN for the shares.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"reached": [12, 3, 0], "segment_people": [6, 6, 6], "segment_reached": [5, 2, 0],
    ...                   "segment_reached_share": [5 / 6, 2 / 6, 0.0]})
    >>> suppress(t)
       reached  segment_people  segment_reached  segment_reached_share
    0       12               6                5               0.833333
    1     <NA>               6             <NA>                    NaN
    2        0               6                0               0.000000
    """
    out = table.copy()
    counts = [c for c in out.columns if not str(c).endswith("_share") and pd.api.types.is_integer_dtype(out[c])]
    for c in counts:  # a few columns
        v = out[c].astype("Int64")
        out[c] = v.mask((v >= 1) & (v < min_group))
    for c in [c for c in out.columns if str(c).endswith("_share")]:
        label = str(c).split("_")[0]
        base = out.get(f"{label}_people")
        gone = base.isna() | (base < min_group) if base is not None else pd.Series(True, index=out.index)
        top = out.get(str(c).removesuffix("_share"))
        if top is not None:
            gone |= top.isna()
        out[c] = out[c].astype(float).mask(gone.fillna(True).to_numpy(dtype=bool))
    return out


def viewer_of(func: str, team: Team, viewer) -> str | None:
    """``viewer`` when it is None or one of the team's members; else an :class:`~netlib.ArgumentError` of ``func``."""
    if viewer is None:
        return None
    return _params.choice(func, "viewer", viewer, list(team.members.index))


def named_for(team: Team, viewer: str | None) -> np.ndarray:
    """One bool per member (``team.members``' order): whether ``viewer`` may see the names of that
    member's contacts (their own, and those of every member who shares names); all True without a viewer.

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> team = _example_team()
    >>> named_for(team, "ada").tolist(), named_for(team, "bo").tolist(), named_for(team, None).tolist()
    ([True, True, False], [False, True, False], [True, True, True])
    """
    m = team.members
    if viewer is None:
        return np.ones(len(m), dtype=bool)
    return ((m.index == viewer) | (m["share"] == "names")).to_numpy(dtype=bool)


def visible_people(team: Team, viewer: str | None) -> np.ndarray:
    """One bool per team person: whether ``viewer`` may see who they are (a contact of the viewer or of
    a member who shares names)."""
    if viewer is None:
        return np.ones(len(team.people), dtype=bool)
    open_members = team.members.index[named_for(team, viewer)]
    t = team.ties
    out = np.zeros(len(team.people), dtype=bool)
    out[team.people.index.get_indexer(t.loc[t["member"].isin(open_members), "person"])] = True
    return out
