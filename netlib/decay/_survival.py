"""How long relationships last: Kaplan-Meier curves of staying in touch (:func:`survival`) and
their input, one row per contact met (:func:`survival_data`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._kernels import day_numbers
from netlib._words import plural
from netlib.decay._notes import Note
from netlib.decay._strength import _event_arrays
from netlib.model import Network


@_params.document
def survival(net: Network, as_of=None, ended_after_days: float = 365, by: str = "first_mode") -> pd.DataFrame:
    """Kaplan-Meier curves of staying in touch, by how people were first met.

    For each contact met at least once at a networking meeting (internal work with colleagues only
    neither starts nor keeps a tie, as in :func:`netlib.decay.status`): the tie *ended* if the silence since
    the last meeting is at least ``ended_after_days`` at ``as_of`` (default a
    year: Dunbar's outermost contact rate); its duration is then last minus
    first meeting, in days.  Ties not ended are censored at ``as_of - first``.
    ``S(t)`` is the Kaplan-Meier product ``prod_{t_i <= t} (1 - d_i / n_i)``,
    fitted with lifelines with its 95% confidence interval.

    Parameters
    ----------
    {net}
    {as_of}
    ended_after_days : float
        Days of silence after which a tie counts as ended.
    by : {"first_mode", "first_channel", None}
        Group by the mode or channel of the first meeting, or not at all.

    Returns
    -------
    DataFrame
        ``group``, ``days``, ``survival``, ``ci_lower``, ``ci_upper``,
        ``at_risk``; ``.attrs["n"]`` holds the contacts per group,
        ``.attrs["median_days"]`` each group's median survival and ``.attrs["note"]`` what the
        chart can show, in a sentence (above all when no relationship has ended).

    Examples
    --------
    >>> import netlib
    >>> km = survival(netlib.load_sample())
    >>> sorted(km["group"].unique())
    ['one_to_many', 'one_to_one']
    >>> bool(km["survival"].between(0, 1).all())
    True
    """
    from lifelines import KaplanMeierFitter

    key = _params.choice("survival", "by", by, ["first_mode", "first_channel", None])
    d = survival_data(net, as_of, ended_after_days)
    groups = d.groupby(key) if key else [("all", d)]
    parts, n, medians = [], {}, {}
    for name, g in groups:  # one fit per group: a handful of groups, not rows
        with np.errstate(over="ignore"):  # lifelines' log-log interval overflows harmlessly where S(t) = 1
            kmf = KaplanMeierFitter().fit(g["duration_days"], g["ended"], label="survival")
        sf = kmf.survival_function_.join(kmf.confidence_interval_)
        sf.columns = ["survival", "ci_lower", "ci_upper"]
        sf["at_risk"] = kmf.event_table["at_risk"].reindex(sf.index).to_numpy()
        sf = sf.rename_axis("days").reset_index()
        sf.insert(0, "group", name)
        parts.append(sf)
        n[name] = len(g)
        medians[name] = float(kmf.median_survival_time_)
    if not parts:  # nobody met on or before as_of: no curve to draw, and an empty table that says so
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in ["days", "survival", "ci_lower", "ci_upper", "at_risk"]})
        out.insert(0, "group", pd.Series(dtype=object))
        out.attrs["n"], out.attrs["median_days"] = {}, {}
        out.attrs["note"] = Note("No relationship was met on or before this date: there is nothing to follow over time.")
        return out
    out = pd.concat(parts, ignore_index=True)
    out.attrs["n"], out.attrs["median_days"] = n, medians
    ended, span = int(d["ended"].sum()), float(d["duration_days"].max()) if len(d) else 0.0
    years = f"{ended_after_days / 365.25:.1f}".removesuffix(".0")
    if ended == 0:
        unit = f"{years} year{'' if years == '1' else 's'}"
        out.attrs["note"] = Note(
            f"No relationship has ended in your data: {'your one relationship has not' if len(d) == 1 else f'none of the {len(d):,} has'} "
            f"gone {unit} without contact, so every "
            "line stays at 100%; "
            + (f"your meetings span {span / 365.25:.1f} years, too short to see one end (it needs more than {unit})."
               if span < ended_after_days else "the lines drop as ties lapse."))
    else:
        going = len(d) - ended
        rest = "" if not going else "; the other is still going" if going == 1 else "; the others are still going"
        out.attrs["note"] = Note(f"{ended:,} of {plural(len(d), 'relationship')} ended (went {years} year"
                                 f"{'' if years == '1' else 's'} without contact){rest}.")
    return out


@_params.document
def survival_data(net: Network, as_of=None, ended_after_days: float = 365) -> pd.DataFrame:
    """Per contact met: ``duration_days``, ``ended`` (bool), ``first_mode``, ``first_channel``.

    The input of :func:`survival`; see there for the definitions.

    Parameters
    ----------
    {net}
    {as_of}
    ended_after_days : float
        Days of silence after which a tie counts as ended.
    """
    T = _as_of(net, as_of, "survival")
    _params.number("survival", "ended_after_days", ended_after_days)
    # each contact's first and last meeting up to T, from the events sorted by contact (kept on the
    # Network, and shared by a report's pages): what netlib.status says of them at any half-life,
    # without working out the strengths, gaps and rules of a status at a half-life nobody else asks for
    c, _, _, m = _event_arrays(net, _days(T), networking=True)  # networking ties: internal work (#27) neither starts nor keeps one
    head = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]) if len(c) else np.zeros(0, dtype=np.intp)
    last = np.r_[head[1:], len(c)] - 1 if len(c) else head
    who = net.contacts.index[c[head]]
    starts = net.meetings["start"]
    first_met, last_met = (pd.Series(starts.iloc[m[i]].array, index=who) for i in (head, last))
    ended = pd.Series(_days(T) - day_numbers(last_met) >= ended_after_days, index=who)
    end = last_met.where(ended, T)
    mm = net.meetings.iloc[m[head]]  # each tie's first networking meeting
    return pd.DataFrame(
        {"duration_days": (end - first_met) / pd.Timedelta(days=1), "ended": ended.astype(int),
         "first_mode": mm["mode"].to_numpy(), "first_channel": mm["channel"].to_numpy()},
        index=who,
    )
