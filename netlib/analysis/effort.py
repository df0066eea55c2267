"""Effort: what one-to-one and one-to-many networking buy for the hours they take.

Hours are *your* hours: each meeting counts once, whatever its size.  Internal work (a meeting
with colleagues only, :func:`netlib.org.internal_meetings`) is no networking: it is left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import (
    check_by,
    connected_first,
    first_meeting,
    group_codes,
    in_window,
    meeting_contributions,
    network,
    ordered,
    strength,
    window,
    window_end,
)
from netlib._kernels import TABLE_CELLS, distinct_per_group
from netlib.model import DEFAULT_HALF_LIFE_DAYS, WARM_THRESHOLD, Network
from netlib.org import _internal

__all__ = ["effort", "COLUMNS"]

COLUMNS = ["meetings", "hours", "touches", "people", "new_people", "warm_people", "people_per_hour",
           "new_people_per_hour", "hours_per_new_person", "warm_people_per_hour"]


@_params.document
def effort(net: Network, start=None, end=None, by: str | list[str] | None = "mode", half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None,
           warm_threshold: float = WARM_THRESHOLD) -> pd.DataFrame:
    """Hours spent and what they bought, per mode, channel or period.

    For the networking meetings starting in ``[start, end)``, grouped by ``by`` (internal work, a
    meeting with colleagues of your organisation only, is left out: :func:`netlib.org.internal_meetings`):

    * ``meetings``: count; ``hours``: sum of ``duration_min`` / 60 (your
      hours: a meeting counts once whatever its size);
    * ``touches``: person-meetings, ``max(n_people, audience)`` per meeting
      (an audience head count includes the people listed; a post with an
      audience and no list adds its audience here and nobody to ``people``);
    * ``people``: distinct contacts met; ``new_people``: those whose
      :func:`~netlib.analysis.reach.first_met` falls in the window *at a meeting*
      of this group (people connected before they were first met are not
      new);
    * ``warm_people``: contacts warm at ``end`` (strength >=
      ``warm_threshold``), each credited to groups in proportion to the
      strength that the window's meetings of each group gave them at ``end``
      (``w_k * 2**(-(end - t_k)/h)``); people warm only from earlier meetings
      are not credited to this window (strength from networking meetings: internal ones add none);
    * rates: ``people_per_hour`` = people / hours, ``new_people_per_hour`` =
      new_people / hours, ``hours_per_new_person`` = hours / new_people
      (NaN when no one is new), ``warm_people_per_hour`` = warm_people / hours.

    Parameters
    ----------
    {net}
    {start_end}
        Warm ties are counted at ``end`` (default just after the last meeting).
    by : {"mode", "channel", "month", "quarter", "year", None} or a list of them
        A list such as ``["month", "mode"]`` gives one row per combination.
    {half_life_days}
    {weights}
    {warm_threshold}

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
    network("effort", net)
    m = net.meetings
    lo, _ = window("effort", start, None)
    hi = window_end(net, end, "effort")
    ordered("effort", lo, hi if end is not None else None, end)  # a given end must be after start
    _params.number("effort", "warm_threshold", warm_threshold)
    internal = _internal(net)  # all False without an organisation
    in_win = in_window(m, lo, hi)
    if internal.any():
        in_win &= ~internal
    codes, labels = group_codes(m, check_by("effort", by), net)
    k = len(labels)
    mk = codes[in_win]
    touches = np.maximum(m["n_people"].to_numpy(dtype=float), m["audience"].fillna(0).to_numpy(dtype=float))
    out = pd.DataFrame(
        {
            "meetings": np.bincount(mk, minlength=k),
            "hours": np.bincount(mk, weights=m["duration_min"].to_numpy(dtype=float)[in_win] / 60, minlength=k),
            "touches": np.bincount(mk, weights=touches[in_win], minlength=k),
        },
        index=labels,
    )

    mpos, cpos = net.positions()
    n = len(net.contacts)
    if in_win.all():
        mp, cp = mpos, cpos  # no copies of every attendance
    else:
        inside = in_win[mpos]
        mp, cp = mpos[inside], cpos[inside]
    g = codes[mp]

    # new: first met (earlier of first meeting and connection) at a meeting inside the window
    fm = first_meeting(net)
    new_c, new_m = fm.index.to_numpy(), fm.to_numpy()
    is_new = in_win[new_m]
    is_new[is_new] = ~connected_first(net, new_c[is_new], new_m[is_new])
    out["new_people"] = np.bincount(codes[new_m[is_new]], minlength=k)

    # warm at `hi`, credited by each group's share of the window's contribution
    contrib_m = meeting_contributions(net, hi, half_life_days, weights, "effort")
    if internal.any():  # internal work warms no networking tie
        contrib_m = np.where(internal, 0.0, contrib_m)
    contrib = contrib_m[mp]
    total = np.bincount(cp, weights=contrib, minlength=n)
    # strength at `hi`: the window's contribution when the window holds every meeting up to `hi`
    if (in_win | internal).all():
        strength_hi = total
    elif internal.any():  # every networking meeting's contribution (strength() would count the internal ones)
        strength_hi = np.bincount(cpos, weights=contrib_m[mpos], minlength=n)
    else:
        strength_hi = strength(net, hi, half_life_days, weights, "effort")
    credit = np.divide(strength_hi >= warm_threshold, total, out=np.zeros(n), where=total > 0)
    if k * n <= TABLE_CELLS:  # one (group, person) table: distinct people and warm credit in two passes
        pair = g  # g becomes the (group, contact) cell in place: no second array of every attendance
        pair *= n
        pair += cp
        given = np.bincount(pair, weights=contrib, minlength=k * n).reshape(k, n)
        # where every meeting of the window adds strength, a cell holds strength exactly when it was met
        met = given > 0 if (contrib_m[in_win] > 0).all() else np.bincount(pair, minlength=k * n).reshape(k, n) > 0
        out["people"] = np.count_nonzero(met, axis=1)
        out["warm_people"] = given @ credit
    else:
        out["people"] = distinct_per_group(g, cp, k)
        out["warm_people"] = np.bincount(g, weights=contrib * credit[cp], minlength=k)
    out = out[out["meetings"] > 0]

    out[["people", "new_people", "warm_people"]] = out[["people", "new_people", "warm_people"]].fillna(0)
    out[["people", "new_people"]] = out[["people", "new_people"]].astype(int)
    hours = out["hours"].where(out["hours"] > 0)
    out["people_per_hour"] = out["people"] / hours
    out["new_people_per_hour"] = out["new_people"] / hours
    out["hours_per_new_person"] = out["hours"] / out["new_people"].where(out["new_people"] > 0)
    out["warm_people_per_hour"] = out["warm_people"] / hours
    if not isinstance(by, (list, tuple)):
        out.index.name = by
    return out[COLUMNS]
