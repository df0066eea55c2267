"""The decay defaults, what they mean and where they come from (:func:`assumptions`), and the
rules of a tie's status that only decay uses (:data:`COOLING_K`, :data:`OVERDUE_FLOOR_DAYS`,
:data:`COLD_K`); the model's own assumptions (the default half-life, the weights, the warm
threshold) are in :mod:`netlib.model`."""

from __future__ import annotations

import pandas as pd

from netlib import _params
from netlib.model import DEFAULT_HALF_LIFE_DAYS, DEFAULT_WEIGHTS, EMAIL_BROADCAST, EMAIL_MINUTES, WARM_THRESHOLD

#: A tie is overdue (*cooling*) once silent this many times its median gap (netlib's choice between
#: 2 and 3: well past its own rhythm, long before Navarro's 8).
COOLING_K = 2.5

#: ... and never before this many days of silence (a weekly tie is not overdue after a fortnight).
OVERDUE_FLOOR_DAYS = 21

#: A tie is cold once silent this many times its median gap (Navarro et al. 2017).
COLD_K = 8


@_params.document
def assumptions(half_life_days: float = DEFAULT_HALF_LIFE_DAYS, warm_threshold: float = WARM_THRESHOLD, cooling_k: float = COOLING_K,
                dormant_days: float = 3 * 365, cold_k: float = COLD_K, overdue_floor_days: float = OVERDUE_FLOOR_DAYS,
                half_life_source: str | None = None) -> pd.DataFrame:
    """The decay defaults, what they mean and where they come from.

    Parameters
    ----------
    {half_life_days}
    {warm_threshold}
    {cooling_k}
    {dormant_days}
    cold_k : float
        A tie is cold once silent this many times its median gap.
    overdue_floor_days : float
        No tie is overdue before this many days of silence.
    half_life_source : str, optional
        Where ``half_life_days`` comes from (:func:`choose_half_life`), shown before the research
        behind the default.

    Returns
    -------
    DataFrame
        Indexed by ``assumption``: ``value``, ``meaning``, ``source``.

    Examples
    --------
    >>> assumptions().loc["half_life_days", "value"]
    90
    """
    rows = [
        ("half_life_days", half_life_days, "strength halves after this many days without contact",
         (f"This report: {half_life_source}. " if half_life_source else "")
         + "Tie-decay model: Ahmad, Porter & Beguerisse-Díaz, arXiv:1805.00193. The default, 90 days, sits between Dunbar's "
         "monthly (15-layer) and yearly (150-layer) contact rates; fit_half_life() estimates it from your data"),
        ("weight one_to_one", DEFAULT_WEIGHTS["one_to_one"], "strength added by a one-to-one meeting",
         "Burke & Kraut 2014 (CHI): composed one-to-one contact grows ties more than broadcasts"),
        ("weight one_to_many", DEFAULT_WEIGHTS["one_to_many"], "strength added to each person at a group meeting",
         "netlib assumption after Burke & Kraut 2014 and Ingram & Morris 2007 (people at mixers mostly talk to people they know)"),
        ("warm_threshold", warm_threshold, "a tie is warm at or above this strength",
         "netlib assumption: one one-to-one meeting one half-life ago"),
        ("cooling_k", cooling_k, "a warm tie is overdue (cooling) once the silence exceeds k times its own median gap",
         "netlib's choice between 2 and 3: well past the tie's own rhythm, long before it decays (cold_k)"),
        ("overdue_floor_days", overdue_floor_days, "no tie is overdue before this many days of silence: a rhythm counts as at least this over cooling_k, "
         "so none is cold by its rhythm before cold_k times that either",
         "netlib assumption: a weekly tie is not overdue after two weeks"),
        ("cold_k", cold_k, "a tie is cold once the silence exceeds k times its own median gap",
         "Navarro, Miritello, Canales & Moro 2017 (EPJ Data Sci.): ties silent 8x their usual gap mostly decay"),
        ("dormant_days", dormant_days, "a tie is dormant after this long without contact",
         "Levin, Walter & Murnighan 2011 (Organization Science): dormant ties, out of touch 3 years or more"),
        ("layers", "5, 15, 50, 150", "circles by strength rank", "Dunbar 2018 (Trends Cogn. Sci.): reference bands, not truths "
         "(Lindenfors et al. 2021 find wide intervals)"),
        ("email_minutes", EMAIL_MINUTES, "minutes of your time per e-mail you wrote; mail only received costs none",
         "netlib assumption: no study gives one figure (change it with the email_minutes option when loading)"),
        ("email broadcast", f"more than {EMAIL_BROADCAST} recipients", "an e-mail that is one-to-many: touches, not relationships",
         "netlib assumption after Immersion (MIT Media Lab 2013) and relationship tools that read mail metadata"),
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "meaning", "source"]).set_index("assumption")
