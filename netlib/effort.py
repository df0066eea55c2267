"""Effort: what one-to-one and one-to-many networking buy for the hours they take.

Hours are *your* hours: each meeting counts once, whatever its size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib.decay import WARM_THRESHOLD, day_numbers, meeting_weights
from netlib.model import Network
from netlib.reach import _group_key, _utc, first_met

__all__ = ["effort"]

COLUMNS = ["meetings", "hours", "touches", "people", "new_people", "warm_people", "people_per_hour",
           "new_people_per_hour", "hours_per_new_person", "warm_people_per_hour"]


def effort(net: Network, start=None, end=None, by: str = "mode", half_life_days: float = 90, weights=None,
           warm_threshold: float = WARM_THRESHOLD) -> pd.DataFrame:
    """Hours spent and what they bought, per mode, channel or period.

    For the meetings starting in ``[start, end)``, grouped by ``by``:

    * ``meetings``: count; ``hours``: sum of ``duration_min`` / 60 (your
      hours: a meeting counts once whatever its size);
    * ``touches``: person-meetings, ``max(n_people, audience)`` per meeting
      (an audience head count includes the people listed; a post with an
      audience and no list adds its audience here and nobody to ``people``);
    * ``people``: distinct contacts met; ``new_people``: those whose
      :func:`~netlib.reach.first_met` falls in the window *at a meeting*
      of this group (people connected before they were first met are not
      new);
    * ``warm_people``: contacts warm at ``end`` (strength >=
      ``warm_threshold``), each credited to groups in proportion to the
      strength that the window's meetings of each group gave them at ``end``
      (``w_k * 2**(-(end - t_k)/h)``); people warm only from earlier meetings
      are not credited to this window;
    * rates: ``people_per_hour`` = people / hours, ``new_people_per_hour`` =
      new_people / hours, ``hours_per_new_person`` = hours / new_people
      (NaN when no one is new), ``warm_people_per_hour`` = warm_people / hours.

    Parameters
    ----------
    start, end : date-like, optional
        Window; default all meetings (``end`` = just after the last one).
    by : {"mode", "channel", "month", "quarter", "year"}
    half_life_days, weights, warm_threshold
        As in :func:`netlib.decay.tie_strength` and :func:`netlib.decay.status`.

    Returns
    -------
    DataFrame
        One row per group with the columns above.

    Examples
    --------
    >>> import netlib
    >>> e = effort(netlib.load_sample())
    >>> e.index.tolist()
    ['one_to_many', 'one_to_one']
    >>> bool((e["people_per_hour"] > 0).all())
    True
    """
    m = net.meetings
    lo = _utc(start)
    hi = _utc(end) if end is not None else (m["start"].max() + pd.Timedelta(seconds=1) if len(m) else pd.Timestamp.now(tz="UTC"))
    in_win = (m["start"] < hi) & ((m["start"] >= lo) if lo is not None else True)
    mw = m.loc[in_win]
    key_m = _group_key(mw, by)
    n = mw["n_people"].to_numpy(dtype=float)
    aud = mw["audience"].fillna(0).to_numpy(dtype=float)
    per = pd.DataFrame({"key": key_m.to_numpy(), "hours": mw["duration_min"].to_numpy() / 60, "touches": np.maximum(n, aud)})
    out = per.groupby("key").agg(meetings=("hours", "size"), hours=("hours", "sum"), touches=("touches", "sum"))

    att = net.attendance
    pos = m.index.get_indexer(att["meeting_id"])
    inside = in_win.to_numpy()[pos]
    a = att.loc[inside].copy()
    pos = pos[inside]
    a["key"] = _group_key(m.iloc[pos].reset_index(drop=True), by).to_numpy()
    a["t"] = m["start"].to_numpy()[pos]
    out["people"] = a.drop_duplicates(["key", "contact_id"]).groupby("key").size()

    f = first_met(net)
    first = a.sort_values(["t", "meeting_id"], kind="stable").drop_duplicates("contact_id")
    fm = f["first_met"].reindex(first["contact_id"]).to_numpy()
    new = first[pd.Series(first["t"].to_numpy() == fm).to_numpy()]
    out["new_people"] = new.groupby("key").size()

    w = meeting_weights(net, weights).to_numpy()[pos]
    contrib = w * np.exp2(-(day_numbers(pd.Series([hi]))[0] - day_numbers(m["start"])[pos]) / half_life_days)
    total_window = pd.Series(contrib).groupby(a["contact_id"].to_numpy()).transform("sum").to_numpy()
    from netlib.decay import tie_strength

    s_end = tie_strength(net, hi, half_life_days, weights)
    warm = (s_end >= warm_threshold).reindex(a["contact_id"]).to_numpy()
    share = np.divide(contrib, total_window, out=np.zeros_like(contrib), where=total_window > 0)
    out["warm_people"] = pd.Series(share * warm).groupby(a["key"].to_numpy()).sum()

    out[["people", "new_people", "warm_people"]] = out[["people", "new_people", "warm_people"]].fillna(0)
    out[["people", "new_people"]] = out[["people", "new_people"]].astype(int)
    hours = out["hours"].where(out["hours"] > 0)
    out["people_per_hour"] = out["people"] / hours
    out["new_people_per_hour"] = out["new_people"] / hours
    out["hours_per_new_person"] = out["hours"] / out["new_people"].where(out["new_people"] > 0)
    out["warm_people_per_hour"] = out["warm_people"] / hours
    out.index.name = by
    return out[COLUMNS]
