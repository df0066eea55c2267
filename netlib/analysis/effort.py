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
    * ``warm_people``: close contacts at ``end`` (strength >=
      ``warm_threshold``, as on the reach page; a warm tie by its rhythm is one of them, see
      :func:`netlib.decay.status`), each credited to groups in proportion to the
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
        Close contacts are counted at ``end`` (default the end of the data, as every figure:
        the later of the last meeting and the files' export moment).
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
    lo, hi = _window(net, start, end, warm_threshold)
    internal = _internal(net)  # all False without an organisation
    in_win = in_window(net.meetings, lo, hi)
    if internal.any():
        in_win &= ~internal
    codes, labels = group_codes(net.meetings, check_by("effort", by), net)
    out = _time_spent(net.meetings, codes, in_win, labels)
    mp, cp = _attendances(net, in_win)
    out["new_people"] = _new_people(net, codes, in_win, len(labels))
    contrib_m = _contributions(net, hi, internal, half_life_days, weights)
    contrib = contrib_m[mp]  # each attendance's contribution to strength at `hi`
    credit = _warm_credit(net, hi, in_win, internal, contrib_m, contrib, cp, half_life_days, weights, warm_threshold)
    every_meeting_adds = (contrib_m[in_win] > 0).all()
    out["people"], out["warm_people"] = _people_and_warm(codes[mp], cp, contrib, credit, every_meeting_adds, len(labels), len(net.contacts))
    out = out[out["meetings"] > 0]  # the whole table let go: its rows are the result's own
    return _rates(out, by)


def _window(net: Network, start, end, warm_threshold: float) -> tuple:
    """The window ``[lo, hi)`` (``hi`` default the end of the data, :func:`~netlib._facts.window_end`), its arguments checked."""
    lo, _ = window("effort", start, None)
    hi = window_end(net, end, "effort")
    ordered("effort", lo, hi if end is not None else None, end)  # a given end must be after start
    _params.number("effort", "warm_threshold", warm_threshold)
    return lo, hi


def _time_spent(m: pd.DataFrame, codes: np.ndarray, in_win: np.ndarray, labels) -> pd.DataFrame:
    """Per group: the window's networking meetings, their hours (each meeting once) and touches
    (``max(n_people, audience)`` per meeting)."""
    k = len(labels)
    mk = codes[in_win]
    touches = np.maximum(m["n_people"].to_numpy(dtype=float), m["audience"].fillna(0).to_numpy(dtype=float))
    return pd.DataFrame(
        {
            "meetings": np.bincount(mk, minlength=k),
            "hours": np.bincount(mk, weights=m["duration_min"].to_numpy(dtype=float)[in_win] / 60, minlength=k),
            "touches": np.bincount(mk, weights=touches[in_win], minlength=k),
        },
        index=labels,
    )


def _attendances(net: Network, in_win: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The meeting and contact positions of the window's attendances."""
    mpos, cpos = net.positions()
    if in_win.all():
        return mpos, cpos  # no copies of every attendance
    inside = in_win[mpos]
    return mpos[inside], cpos[inside]


def _new_people(net: Network, codes: np.ndarray, in_win: np.ndarray, k: int) -> np.ndarray:
    """Per group: the people first met (earlier of first meeting and connection) at one of its
    meetings inside the window."""
    fm = first_meeting(net)
    new_c, new_m = fm.index.to_numpy(), fm.to_numpy()
    is_new = in_win[new_m]
    is_new[is_new] = ~connected_first(net, new_c[is_new], new_m[is_new])
    return np.bincount(codes[new_m[is_new]], minlength=k)


def _contributions(net: Network, hi, internal: np.ndarray, half_life_days: float, weights) -> np.ndarray:
    """Each meeting's contribution to its people's strength at ``hi`` (internal work warms no
    networking tie: none)."""
    contrib_m = meeting_contributions(net, hi, half_life_days, weights, "effort")
    if internal.any():
        contrib_m = np.where(internal, 0.0, contrib_m)
    return contrib_m


def _warm_credit(net: Network, hi, in_win: np.ndarray, internal: np.ndarray, contrib_m: np.ndarray, contrib: np.ndarray, cp: np.ndarray,
                 half_life_days: float, weights, warm_threshold: float) -> np.ndarray:
    """Per contact: 1 / (the strength the window's meetings gave them at ``hi``) for those warm at
    ``hi``, else 0, so that each group is credited its share of a warm person."""
    n = len(net.contacts)
    total = np.bincount(cp, weights=contrib, minlength=n)
    # strength at `hi`: the window's contribution when the window holds every meeting up to `hi`
    if (in_win | internal).all():
        strength_hi = total
    elif internal.any():  # every networking meeting's contribution (strength() would count the internal ones)
        mpos, cpos = net.positions()
        strength_hi = np.bincount(cpos, weights=contrib_m[mpos], minlength=n)
    else:
        strength_hi = strength(net, hi, half_life_days, weights, "effort")
    return np.divide(strength_hi >= warm_threshold, total, out=np.zeros(n), where=total > 0)


def _people_and_warm(g: np.ndarray, cp: np.ndarray, contrib: np.ndarray, credit: np.ndarray, every_meeting_adds: bool, k: int,
                     n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group: the distinct people met, and the warm people credited to it in proportion to the
    strength its meetings gave them (``g``: each attendance's group, a copy this changes in place;
    ``every_meeting_adds``: every meeting of the window adds strength)."""
    if k * n > TABLE_CELLS:
        return distinct_per_group(g, cp, k), np.bincount(g, weights=contrib * credit[cp], minlength=k)
    # one (group, person) table: distinct people and warm credit in two passes
    pair = g  # g becomes the (group, contact) cell in place: no second array of every attendance
    pair *= n
    pair += cp
    given = np.bincount(pair, weights=contrib, minlength=k * n).reshape(k, n)
    # where every meeting of the window adds strength, a cell holds strength exactly when it was met
    met = given > 0 if every_meeting_adds else np.bincount(pair, minlength=k * n).reshape(k, n) > 0
    return np.count_nonzero(met, axis=1), given @ credit


def _rates(out: pd.DataFrame, by) -> pd.DataFrame:
    """The counts as whole numbers, and the rates per hour and per new person."""
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
