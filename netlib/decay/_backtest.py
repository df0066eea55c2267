"""Proof on your own past: what netlib would have said at an earlier date, scored against what
happened next (:func:`backtest`), and the chance of contact it forecasts (:func:`contact_chance`).

The data is cut at a date *T*.  From the meetings up to *T* alone netlib computes what it would
have said then: each tie's strength, status and going-cold list, and a forecast of the chance of
being in touch again within the horizon.  What happened in the ``horizon_days`` after *T* is the
test: was the tie met or written to again (any networking meeting or message with it)?

Baselines, on the same ties, are the rules people use today: **recency** alone (days since the
last contact; Gilbert and Karahalios 2009 found it the strongest single predictor of a tie),
**frequency** (contacts in the year before the cut) and a **fixed cadence** (a personal CRM's
"every 30 days" or "every 90 days": a tie silent longer is overdue).

The forecast has two parts.  First, from the history before *T* alone, a "buy till you die" model
of each tie (the BG/NBD model of Fader, Hardie and Lee 2005, made for customers who buy again or
silently leave): while a tie is alive it is met at its own rate, the rates of a person's ties
spread as a gamma distribution; after each meeting the tie may end, with a chance spread as a beta
distribution.  Its four numbers are fitted by maximum likelihood to every tie's count of meetings,
date of the last one and age at *T* (no outcome is needed), and give each tie's chance of being
alive and of being met within the horizon (:func:`_meeting_chance`).  Second, a logistic model of
that chance (on the log-odds scale), the days of silence and the silence as a multiple of the tie's
own usual gap, whose weights are learnt from the person's own past only: at the cut *T* it is fitted
on the ties as they stood at ``T - horizon`` (and at the three quarters before) and on whether they
were met within the horizon after, all of it before *T*, so it never sees what it is scored on.  A
ridge penalty (:data:`RIDGE`) holds the weights near zero when that past is small, the weights may
never make a longer silence or a smaller BG/NBD chance raise the forecast (a weight learnt that way,
from a past with a handful of ties not met again, leaves its fact out), and a past too small to
learn from leaves the cut unscored.

Why not the tie's strength and its contacts in the last year, as before (#32): learnt from the two
years a typical export covers, their weights came from the months when the data began (every tie
young, every count short) and ranked the ties worse than recency alone (AUC 0.68 against 0.78 on
the realistic exports); the BG/NBD chance carries the same counts, judged against each tie's age,
and needs no past outcomes (docs/backtest-validity.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._facts import network
from netlib.decay._assumptions import COLD_K, COOLING_K, OVERDUE_FLOOR_DAYS
from netlib.decay._half_life import choose_half_life
from netlib.decay._notes import Note
from netlib.decay._status import WARM_STATUSES, _checked_status, going_cold
from netlib.decay._strength import _event_arrays
from netlib.model import DEFAULT_HALF_LIFE_DAYS, DEFAULT_HORIZON_DAYS, WARM_THRESHOLD, Network

#: Days of history a cut needs before it: a year, so that "contacts in the last year" is known
#: and the forecast has a past of its own to learn from.
MIN_HISTORY_DAYS = 365
#: Days between the cut points of a rolling backtest (a quarter), and how many at most (two years).
CUT_EVERY_DAYS, MOST_CUTS = 91, 8
#: Fewest scored ties for a cut to be scored at all, and fewest of each outcome (met again, not
#: met again) among them: an AUC over two ties not met again says little.  The same for learning.
MIN_TIES, MIN_EACH = 20, 5
#: Ties listed "this week" by the next steps (:func:`netlib.next_steps`' ``contact``).
THIS_WEEK = 10
#: The cadence rules of personal CRMs taken as baselines (Dex, Monica, 4Degrees).
CADENCES = (30, 90)
#: Dates the forecast learns from before a cut: ``cut - horizon`` and the quarters before it.
LEARN_DATES = 4
#: Ridge penalty of the logistic forecast (on standardised facts): about 40 rows' worth, so that a
#: past of a few dozen ties moves the weights little and one of hundreds decides them.
RIDGE = 10.0

#: Most ties the BG/NBD numbers are fitted on: four numbers of the whole population, which a
#: thousand ties pin down (a heavy network's 20,000 would cost seconds a date).
FIT_TIES = 1000

MODELS = ("netlib forecast", "netlib strength", "recency", "frequency", "every 30 days", "every 90 days")
_FEATURES = ("logit_chance", "log_silence", "log_overdue")


@dataclass
class Backtest:
    """Result of :func:`backtest`.

    Attributes
    ----------
    scores : DataFrame
        One row per cut, task, model and metric: ``cut`` (UTC), ``task`` (``"contact"``: ranking
        the ties by the chance of contact in the horizon; ``"going cold"``: the warm ties flagged
        as going cold, against those that then went silent; ``"this week"``: the next steps' list),
        ``model``, ``metric`` (``auc``, ``average_precision``, ``precision``, ``recall``,
        ``stayed_warm``), ``value``, ``ties`` (how many were scored), ``positives``.
    summary : DataFrame
        One row per task, model and metric over the cuts: ``mean``, ``low``, ``high`` (the
        spread over cuts), ``cuts``.
    outcomes : DataFrame
        One row per cut and scored tie: ``cut``, ``contact_id``, ``name``, what netlib said
        (``strength``, ``status``, ``forecast``, ``going_cold``, ``this_week``), the baselines'
        inputs (``silence_days``, ``contacts_last_year``) and what happened (``met_again``,
        ``warm_after``).
    calibration : DataFrame
        The forecast pooled over cuts in bins of 10 points: ``forecast`` (the bin), ``predicted``
        (mean chance given), ``observed`` (share met again), ``ties``.
    left_out : DataFrame
        Per cut: ``ties_known`` (met before the cut), ``too_little_history`` (met once: no
        rhythm to judge; left out of every score), ``scored``, ``not_scored`` (why a cut was not:
        ``"too few ties"`` (fewer than :data:`MIN_TIES`, or than :data:`MIN_EACH` of an outcome),
        ``"too little past to learn from"`` (see :func:`_learnt`), or empty).
    horizon_days, half_life_days : float
    note : Note
        The headline in one sentence, or why nothing could be scored.
    """

    scores: pd.DataFrame
    summary: pd.DataFrame
    outcomes: pd.DataFrame
    calibration: pd.DataFrame
    left_out: pd.DataFrame
    horizon_days: float
    half_life_days: float
    note: Note = field(default_factory=lambda: Note(""))

    def margin(self, baseline: str = "recency", metric: str = "auc", model: str = "netlib forecast") -> pd.Series:
        """Per cut, ``model``'s ``metric`` minus ``baseline``'s on the contact ranking."""
        s = self.scores[(self.scores["task"] == "contact") & (self.scores["metric"] == metric)]
        wide = s.pivot(index="cut", columns="model", values="value")
        return (wide[model] - wide[baseline]).rename(f"{model} - {baseline}")

    def _repr_html_(self) -> str:
        from html import escape
        return f"<p>{escape(str(self.note))}</p>" + self.summary.to_html()

    def __repr__(self) -> str:
        return f"Backtest({self.note})"


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve: the chance that a random tie met again scores above a random tie
    not met again, ties in score counting one half (the Mann-Whitney U over ``n1 * n0``).

    Parameters
    ----------
    y : array of bool
        What happened: True for a tie met again.
    score : array of float
        The model's score: higher is a larger chance of contact.

    Returns
    -------
    float
        Between 0 and 1 (0.5: a coin toss); NaN when ``y`` holds one outcome only.

    Examples
    --------
    >>> import numpy as np
    >>> auc(np.array([1, 0, 1, 0]), np.array([0.9, 0.1, 0.4, 0.4]))
    0.875
    """
    y = np.asarray(y, dtype=bool)
    n1, n0 = int(y.sum()), int((~y).sum())
    if not n1 or not n0:
        return np.nan
    ranks = pd.Series(np.asarray(score, dtype=float)).rank(method="average").to_numpy()
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def average_precision(y: np.ndarray, score: np.ndarray) -> float:
    """Average precision: the precision at each distinct score threshold, from the highest down,
    weighted by the recall it adds, ``sum_k (R_k - R_{k-1}) * P_k`` (ties in score enter together,
    as scikit-learn counts them).  A random ranking scores the share of positives.

    Parameters
    ----------
    y : array of bool
        What happened: True for a tie met again.
    score : array of float
        The model's score: higher is a larger chance of contact.

    Returns
    -------
    float
        Between 0 and 1; NaN when no tie was met again.

    Examples
    --------
    >>> import numpy as np
    >>> average_precision(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.4, 0.1]))
    0.8333333333333333
    """
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return np.nan
    s = np.asarray(score, dtype=float)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[s[1:] != s[:-1], True]  # the last row of each group of equal scores
    tp = np.cumsum(y)[last]
    seen = np.flatnonzero(last) + 1
    precision, recall = tp / seen, tp / y.sum()
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def _status_at(net: Network, T: pd.Timestamp, h: float) -> pd.DataFrame:
    """:func:`netlib.status` at ``T`` with its default rules, from networking meetings alone, as
    :func:`netlib.going_cold` judges ties (kept on the Network: a date asked twice is computed once)."""
    return _checked_status(net, T, h, None, WARM_THRESHOLD, COOLING_K, 3 * 365, COLD_K, OVERDUE_FLOOR_DAYS, networking=True)


def _facts(net: Network, T: pd.Timestamp, h: float, horizon: float, ev: tuple) -> pd.DataFrame:
    """What netlib says of every tie at ``T`` (strength, status, days to cold, usual gap, the BG/NBD
    chance of a meeting within ``horizon``) from the networking meetings up to ``T``, the baselines'
    inputs, and what happened after ``T``."""
    st = _status_at(net, T, h)
    c, t = ev
    n, d = len(net.contacts), _days(T)
    past = t <= d
    before = np.bincount(c[past], minlength=n)
    recent = np.bincount(c[(t > d - 365) & past], minlength=n)
    after = np.bincount(c[(t > d) & (t <= d + horizon)], minlength=n)
    x, t_x, age = _history(c[past], t[past], d, n)
    known = np.flatnonzero(before > 0)
    chance = np.full(n, np.nan)
    if len(known):  # the four numbers describe all your ties: fitted on at most FIT_TIES of them, evenly spread
        fit = known[np.unique(np.linspace(0, len(known) - 1, min(len(known), FIT_TIES)).astype(int))]
        chance[known] = _meeting_chance(_fit_bgnbd(x[fit], t_x[fit], age[fit]), x[known], t_x[known], age[known], horizon)
    f = pd.DataFrame({"name": st["name"], "strength": st["strength"], "status": st["status"],
                      "silence_days": st["silence_days"], "median_gap_days": st["median_gap_days"],
                      "days_to_cold": st["days_to_cold"], "meetings_before": before,
                      "contacts_last_year": recent, "bgnbd_chance": chance, "met_again": after > 0}, index=st.index)
    gap = np.maximum(f["median_gap_days"].to_numpy(dtype=float), 1.0)
    silence = np.maximum(f["silence_days"].to_numpy(dtype=float), 0)
    p = np.clip(chance, 1e-6, 1 - 1e-6)
    f["logit_chance"] = np.log(p / (1 - p))
    f["log_silence"] = np.log1p(silence)
    f["log_overdue"] = np.log1p(silence / gap)
    return f


def _history(c: np.ndarray, t: np.ndarray, d: float, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per contact, from events sorted by contact then time (:func:`_event_arrays`): ``x`` the
    meetings after the first, ``t_x`` days from the first to the last, ``age`` days from the first
    to ``d`` (zeros for a contact never met)."""
    x, t_x, age = np.zeros(n), np.zeros(n), np.zeros(n)
    if not len(c):
        return x, t_x, age
    first = np.r_[0, np.flatnonzero(np.diff(c)) + 1]
    last = np.r_[first[1:] - 1, len(c) - 1]
    who = c[first]
    x[who] = last - first
    t_x[who] = t[last] - t[first]
    age[who] = d - t[first]
    return x, t_x, age


def _bgnbd_loglik(log_params: np.ndarray, x: np.ndarray, t_x: np.ndarray, age: np.ndarray,
                  counts: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Each tie's log-likelihood under BG/NBD (Fader, Hardie and Lee 2005, eq. 6).

    ``counts``: ``x``'s distinct values and each tie's place among them (``np.unique(x,
    return_inverse=True)``): the terms that depend on the count alone (three log-gammas and three
    log-betas a tie) are then computed once per distinct count, a few dozen, and taken for each tie:
    the same numbers, a fifth of the work (the fit asks for some 600 of these a cut)."""
    from scipy.special import betaln, gammaln

    r, alpha, a, b = np.exp(log_params)
    u, inv = counts if counts is not None else (x, slice(None))
    both = (gammaln(r + u) - gammaln(r))[inv] + r * np.log(alpha) - betaln(a, b)
    still = betaln(a, b + u)[inv] - (r + x) * np.log(alpha + age)
    with np.errstate(invalid="ignore", divide="ignore"):
        ended = np.where(x > 0, betaln(a + 1, np.maximum(b + u - 1, 1e-12))[inv] - (r + x) * np.log(alpha + t_x), -np.inf)
    return both + np.logaddexp(still, ended)


def _fit_bgnbd(x: np.ndarray, t_x: np.ndarray, age: np.ndarray) -> np.ndarray:
    """The four numbers of the BG/NBD model (``r, alpha, a, b``) fitted by maximum likelihood to the
    ties' histories: ``x`` meetings after the first, ``t_x`` days from the first to the last, ``age``
    days from the first to the cut.  While alive a tie is met at rate ``lambda ~ Gamma(r, alpha)`` a
    day; after each meeting it ends with chance ``p ~ Beta(a, b)``.  A faint penalty on the log
    numbers (0.001 each) keeps a fit of a few ties finite.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> lam, age = rng.gamma(2.0, 1 / 20, 3000), np.full(3000, 365.0)  # alive all year, met every 10 days
    >>> x = rng.poisson(lam * age).astype(float)
    >>> r, alpha, a, b = _fit_bgnbd(x, np.where(x > 0, age * 0.99, 0), age)
    >>> bool(abs(r / alpha - 0.1) < 0.01)  # the mean rate: one meeting every 10 days
    True
    """
    from scipy.optimize import minimize  # (imported here: scipy.optimize is a fifth of a second of `import netlib`)

    x, t_x, age = (np.asarray(v, dtype=float) for v in (x, t_x, age))
    counts = np.unique(x, return_inverse=True)

    def loss(p: np.ndarray) -> float:
        return -float(_bgnbd_loglik(p, x, t_x, age, counts).sum()) + 1e-3 * float(p @ p)

    start = np.log([1.0, max(float(np.mean(age)), 1.0) / max(float(np.mean(x)), 0.5), 1.0, 3.0])
    # Powell's search, not L-BFGS-B: four numbers need no gradient, and L-BFGS-B's BLAS threads spin on
    # a busy machine (10 fits of 500 ties: 2.6 s, against 0.3 s on one thread; Powell: no BLAS call)
    res = minimize(loss, start, method="Powell", bounds=[(-7.0, 7.0), (-7.0, 12.0), (-7.0, 7.0), (-7.0, 7.0)],
                   options={"xtol": 1e-4, "ftol": 1e-9})
    return np.exp(res.x)


def _meeting_chance(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, age: np.ndarray, horizon: float) -> np.ndarray:
    """BG/NBD's chance of at least one meeting within ``horizon`` days: the chance the tie is still
    alive, ``1 / (1 + [x > 0] a / (b + x - 1) ((alpha + age) / (alpha + t_x)) ** (r + x))``, times
    the chance that its rate, ``Gamma(r + x, alpha + age)`` given its history, brings a meeting in
    the horizon, ``1 - ((alpha + age) / (alpha + age + horizon)) ** (r + x)`` (a tie ends only after a
    meeting, so one alive at the cut meets at least once with that chance).

    Examples
    --------
    >>> import numpy as np
    >>> # r=1, alpha=10, a=1, b=3; met 3 times (x=2), last today, first 20 days ago; in 10 days:
    >>> # alive 1 / (1 + 1/4 * (30/30) ** 3) = 0.8; met 1 - (30/40) ** 3 = 37/64; 0.8 * 37/64 = 0.4625
    >>> float(_meeting_chance(np.array([1.0, 10, 1, 3]), np.array([2.0]), np.array([20.0]), np.array([20.0]), 10)[0])
    0.4625
    """
    r, alpha, a, b = params
    x, t_x, age = (np.asarray(v, dtype=float) for v in (x, t_x, age))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        odds = np.where(x > 0, a / np.maximum(b + x - 1, 1e-12) * np.exp((r + x) * np.log((alpha + age) / (alpha + t_x))), 0.0)
    alive = 1 / (1 + odds)
    return alive * -np.expm1((r + x) * np.log((alpha + age) / (alpha + age + horizon)))


def _fit_logistic(X: np.ndarray, y: np.ndarray, ridge: float = RIDGE) -> np.ndarray:
    """Weights of a logistic regression (intercept first) by Newton's method on standardised
    columns with an L2 penalty ``ridge`` on the slopes; returned for the raw columns."""
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    Z = np.c_[np.ones(len(X)), (X - mu) / sd]
    beta = np.zeros(Z.shape[1])
    penalty = np.r_[0.0, np.full(Z.shape[1] - 1, ridge)]
    for _ in range(50):
        p = 1 / (1 + np.exp(-(Z @ beta)))
        grad = Z.T @ (y - p) - penalty * beta
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
        step = np.linalg.solve(hess + 1e-9 * np.eye(len(beta)), grad)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    slopes = beta[1:] / sd
    return np.r_[beta[0] - np.sum(slopes * mu), slopes]


def _predict(beta: np.ndarray, X: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(beta[0] + X @ beta[1:])))


def _scored(f: pd.DataFrame) -> np.ndarray:
    """The ties a cut can score: met at least twice before it (a rhythm to judge by)."""
    return (f["meetings_before"] >= 2).to_numpy()


def _facts_at(memo: dict, net: Network, T: pd.Timestamp, h: float, horizon: float, ev: tuple) -> pd.DataFrame:
    """:func:`_facts` at ``T``, each date computed once per backtest (a cut's learning dates are the
    later cuts of the rolling origin)."""
    if T not in memo:
        memo[T] = _facts(net, T, h, horizon, ev)
    return memo[T]


def _learnt(net: Network, T: pd.Timestamp, h: float, horizon: float, ev: tuple, memo: dict | None = None) -> np.ndarray | None:
    """The forecast's weights learnt from the past of ``T`` alone: the ties as they stood at
    ``T - horizon`` (and at up to :data:`LEARN_DATES` - 1 earlier quarters, so that a small network
    has enough rows) and whether each was met within ``horizon`` days after.

    The weights must say what the facts say: a larger BG/NBD chance never lowers the forecast
    (``b1 >= 0``), and a longer silence never raises it, whatever the tie's gap (``b2 <= 0`` and
    ``b2 + b3 <= 0``: the forecast's slope in the silence ``s`` is ``b2 / (1 + s) + b3 / (gap + s)``
    with ``gap >= 1``); a fact whose weight breaks that is left out and the rest learnt again.  None when that past holds fewer than
    :data:`MIN_TIES` rows or fewer than :data:`MIN_EACH` of either outcome, or no fact keeps its
    way: there is nothing to forecast with (the BG/NBD chance alone, tried in its place, ranked
    worse than recency, docs/backtest-validity.md)."""
    first = net.meetings["start"].min()
    parts = []
    for k in range(LEARN_DATES):
        past = T - pd.Timedelta(days=horizon + k * CUT_EVERY_DAYS)
        if past - first < pd.Timedelta(days=CUT_EVERY_DAYS):  # a quarter of history at least
            break
        f = _facts_at({} if memo is None else memo, net, past, h, horizon, ev)
        parts.append(f[_scored(f)])
    f = pd.concat(parts) if parts else pd.DataFrame(columns=["met_again", *_FEATURES])
    y = f["met_again"].to_numpy(dtype=float)
    if len(f) < MIN_TIES or min(y.sum(), len(y) - y.sum()) < MIN_EACH:
        return None
    X = f[list(_FEATURES)].to_numpy(dtype=float)
    keep = np.ones(len(_FEATURES), dtype=bool)
    while keep.any():  # at most one round per fact
        beta = np.zeros(len(_FEATURES) + 1)
        beta[np.r_[True, keep]] = _fit_logistic(X[:, keep], y)
        wrong = np.array([beta[1] < 0, beta[2] > 0, beta[2] <= 0 < beta[2] + beta[3]]) & keep
        if not wrong.any():
            return beta
        keep &= ~wrong
    return None


@_params.document
def contact_chance(net: Network, as_of=None, horizon_days: float = 182, half_life_days: float | None = None) -> pd.Series:
    """The chance of being in touch with each tie again within ``horizon_days`` after ``as_of``,
    from your own past (see the module's docstring):
    ``p = 1 / (1 + exp(-(b0 + b1 logit(q) + b2 log(1 + silence) + b3 log(1 + silence / gap))))``, where
    ``q`` is the BG/NBD chance of a meeting within the horizon (:func:`_meeting_chance`, its four
    numbers fitted to the ties' histories up to ``as_of``), and the weights ``b`` are fitted (by
    maximum likelihood with a ridge penalty :data:`RIDGE` on standardised facts) on the ties as they
    stood ``horizon_days`` before ``as_of`` and at the three quarters before, and whether each was
    met within ``horizon_days`` after (each weight kept to the way its fact points, see
    :func:`_learnt`).  Ties met fewer than twice are NaN (no rhythm to judge by), and so is every
    tie when the past is too short to learn from.

    Parameters
    ----------
    {net}
    {as_of}
    horizon_days : float
        How far ahead, in days (default 182: half a year).
    half_life_days : float, optional
        Half-life of tie strength; by default the one :func:`netlib.decay.choose_half_life` takes.

    Returns
    -------
    Series
        Indexed by ``contact_id``, a chance between 0 and 1 (NaN where none is given).

    Examples
    --------
    >>> import netlib
    >>> p = contact_chance(netlib.load_sample())
    >>> bool(p.dropna().between(0, 1).all())
    True
    """
    T = _as_of(net, as_of, "contact_chance")
    horizon = _params.number("contact_chance", "horizon_days", horizon_days)
    h = choose_half_life(net, T, half_life_days).days
    ev = _event_arrays(net, np.inf, networking=True)[:2]
    beta = _learnt(net, T, h, horizon, ev)
    f = _facts(net, T, h, horizon, ev)
    p = np.full(len(f), np.nan)
    if beta is not None:
        ok = _scored(f)
        p[ok] = _predict(beta, f.loc[ok, list(_FEATURES)].to_numpy(dtype=float))
    return pd.Series(p, index=f.index, name="contact_chance")


def cut_points(net: Network, horizon_days: float = 182, at=None) -> list[pd.Timestamp]:
    """The cuts a backtest scores: ``at`` alone when given; else every quarter back from the last
    date whose horizon the data covers (the data's end minus ``horizon_days``), at most
    :data:`MOST_CUTS`, each with :data:`MIN_HISTORY_DAYS` of history before it.

    Parameters
    ----------
    net : Network
        The network whose meetings set the dates.
    horizon_days : float
        Days after a cut that decide what happened.
    at : date-like, optional
        One cut, instead of the quarterly ones.

    Returns
    -------
    list of Timestamp
        The cuts, latest first (empty when the data is too short).

    Examples
    --------
    >>> import netlib
    >>> [str(t.date()) for t in cut_points(netlib.load_sample())][:2]
    ['2026-03-02', '2025-12-01']
    """
    network("cut_points", net)
    if at is not None:
        return [_as_of(net, at, "backtest")]
    if not len(net.meetings):
        return []
    first, end = net.meetings["start"].min(), _as_of(net, None, "backtest")
    last = (end - pd.Timedelta(days=horizon_days)).normalize()
    cuts = [last - pd.Timedelta(days=CUT_EVERY_DAYS * k) for k in range(MOST_CUTS)]
    return [t for t in cuts if t - first >= pd.Timedelta(days=MIN_HISTORY_DAYS)]


@_params.document
def backtest(net: Network, *, horizon_days: float = 182, at=None, half_life_days: float | None = None) -> Backtest:
    """Score what netlib would have said at earlier dates against what happened next.

    At each cut *T* (``at``, or every quarter over the last two years: :func:`cut_points`), from
    the data up to *T* alone: each tie's strength, status, the going-cold list
    (:func:`netlib.going_cold`) and its first :data:`THIS_WEEK` rows (the next steps' "get in
    touch this week"), and the forecast :func:`contact_chance`.  Then, from the ``horizon_days``
    after *T*: was each tie met or written to again?  Scored on the ties met at least twice
    before *T* (the others are counted in ``left_out``), each model on the same ties:

    * **contact** (ranking every scored tie by the chance of contact): ROC AUC (:func:`auc`) and
      average precision (:func:`average_precision`) of netlib's forecast and strength against
      recency alone (fewer days of silence ranks higher), frequency (contacts in the last year)
      and a fixed cadence (not yet silent 30, or 90, days);
    * **going cold** (the ties netlib called warm): precision and recall of the flags against
      the ties that then went silent for the whole horizon; netlib's flag is the going-cold list,
      a cadence's flag a silence past 30 (or 90) days; ``stayed_warm``: the share of netlib's warm
      ties still warm at ``T + horizon_days``;
    * **this week**: precision of the ten ties listed (netlib's next steps; a cadence's ten most
      overdue warm ties) that then went silent.

    Parameters
    ----------
    {net}
    horizon_days : float
        Days after each cut that decide what happened (default 182: half a year).
    at : date-like, optional
        One cut; by default a rolling origin of up to eight quarterly cuts.
    half_life_days : float, optional
        Half-life of tie strength; by default the one :func:`netlib.decay.choose_half_life` takes
        from the data before the first cut (the past of every cut).

    Returns
    -------
    Backtest
        ``scores`` (tidy), ``summary`` (mean and spread over cuts), ``outcomes`` (per tie),
        ``calibration``, ``left_out`` and a ``note``.

    Examples
    --------
    >>> import netlib
    >>> bt = backtest(netlib.load_sample())
    >>> sorted(bt.scores["task"].unique())
    ['contact', 'going cold', 'this week']
    >>> bt.scores["cut"].nunique(), len(bt.margin("recency"))
    (8, 8)
    """
    network("backtest", net)
    horizon = _params.number("backtest", "horizon_days", horizon_days)
    cuts = cut_points(net, horizon, at)
    h = choose_half_life(net, min(cuts), half_life_days).days if cuts else float(half_life_days or DEFAULT_HALF_LIFE_DAYS)
    ev = _event_arrays(net, np.inf, networking=True)[:2]
    scores, outcomes, left, memo = [], [], [], {}
    for T in cuts:
        one = _one_cut(net, T, h, horizon, ev, memo)
        left.append(one["left_out"])
        if one["scores"] is not None:
            scores.append(one["scores"])
            outcomes.append(one["outcomes"])
    return _result(net, scores, outcomes, left, horizon, h)


def _one_cut(net: Network, T: pd.Timestamp, h: float, horizon: float, ev: tuple, memo: dict) -> dict:
    """The scores and per-tie outcomes of one cut (``scores`` None when it cannot be scored)."""
    f = _facts_at(memo, net, T, h, horizon, ev)
    ok = _scored(f)
    known = int((f["meetings_before"] >= 1).sum())
    left = {"cut": T, "ties_known": known, "too_little_history": known - int(ok.sum()), "scored": int(ok.sum()),
            "not_scored": ""}
    g = f[ok].copy()
    met = int(g["met_again"].sum())
    few = len(g) < MIN_TIES or min(met, len(g) - met) < MIN_EACH
    beta = None if few else _learnt(net, T, h, horizon, ev, memo)
    if beta is None:
        left["scored"], left["not_scored"] = 0, "too few ties" if few else "too little past to learn from"
        return {"left_out": left, "scores": None}
    g["forecast"] = _predict(beta, g[list(_FEATURES)].to_numpy(dtype=float))
    # going_cold's list is its status's overdue ties and those going cold within its horizon (the
    # status is the one _status_at keeps); only the first THIS_WEEK need its order and reasons
    listed = (f["status"] == "cooling") | ((f["status"] == "active") & (f["days_to_cold"] <= DEFAULT_HORIZON_DAYS))
    g["going_cold"] = listed[ok].to_numpy()
    g["this_week"] = g.index.isin(going_cold(net, T, h, limit=THIS_WEEK).index)
    later = _status_at(net, T + pd.Timedelta(days=horizon), h)
    g["warm_after"] = later["status"].reindex(g.index).isin(WARM_STATUSES).to_numpy()
    rows = _contact_scores(g) + _cold_scores(g)
    s = pd.DataFrame(rows, columns=["task", "model", "metric", "value", "ties", "positives"])
    s.insert(0, "cut", T)
    cols = ["name", "strength", "status", "forecast", "going_cold", "this_week", "silence_days", "contacts_last_year",
            "met_again", "warm_after"]
    out = g[cols].rename_axis("contact_id").reset_index()
    out.insert(0, "cut", T)
    return {"left_out": left, "scores": s, "outcomes": out}


def _contact_scores(g: pd.DataFrame) -> list[tuple]:
    """AUC and average precision of each model ranking the ties by the chance of contact."""
    y = g["met_again"].to_numpy(dtype=bool)
    silence = g["silence_days"].to_numpy(dtype=float)
    ranked = {"netlib forecast": g["forecast"].to_numpy(), "netlib strength": g["strength"].to_numpy(dtype=float),
              "recency": -silence, "frequency": g["contacts_last_year"].to_numpy(dtype=float)}
    ranked.update({f"every {k} days": (silence <= k).astype(float) for k in CADENCES})
    rows = []
    for model, score in ranked.items():
        rows.append(("contact", model, "auc", auc(y, score), len(y), int(y.sum())))
        rows.append(("contact", model, "average_precision", average_precision(y, score), len(y), int(y.sum())))
    return rows


def _cold_scores(g: pd.DataFrame) -> list[tuple]:
    """Precision and recall of the going-cold flags and the this-week lists on the warm ties."""
    w = g[g["status"].isin(WARM_STATUSES)]
    silent = ~w["met_again"].to_numpy(dtype=bool)
    silence = w["silence_days"].to_numpy(dtype=float)
    flags = {"netlib forecast": w["going_cold"].to_numpy(dtype=bool)}
    flags.update({f"every {k} days": silence > k for k in CADENCES})
    lists = {"netlib forecast": w["this_week"].to_numpy(dtype=bool)}
    for k in CADENCES:  # a cadence's list: its most overdue warm ties
        pick = np.zeros(len(w), dtype=bool)
        over = np.flatnonzero(silence > k)
        pick[over[np.argsort(-silence[over], kind="stable")[:THIS_WEEK]]] = True
        lists[f"every {k} days"] = pick
    rows = []
    n, pos = len(w), int(silent.sum())
    for model, flag in flags.items():
        hit = int((flag & silent).sum())
        rows.append(("going cold", model, "precision", hit / flag.sum() if flag.any() else np.nan, n, pos))
        rows.append(("going cold", model, "recall", hit / pos if pos else np.nan, n, pos))
    for model, pick in lists.items():
        rows.append(("this week", model, "precision", (pick & silent).sum() / pick.sum() if pick.any() else np.nan, n, pos))
    rows.append(("going cold", "netlib forecast", "stayed_warm", float(w["warm_after"].mean()) if n else np.nan, n,
                 int(w["warm_after"].sum())))
    return rows


def _result(net: Network, scores: list, outcomes: list, left: list, horizon: float, h: float) -> Backtest:
    """The :class:`Backtest` of the scored cuts: summary over cuts, calibration and the note."""
    cols = ["cut", "task", "model", "metric", "value", "ties", "positives"]
    s = pd.concat(scores, ignore_index=True) if scores else pd.DataFrame(columns=cols)
    o = pd.concat(outcomes, ignore_index=True) if outcomes else pd.DataFrame(columns=["cut", "contact_id", "forecast", "met_again"])
    summary = (s.groupby(["task", "model", "metric"], sort=False)["value"].agg(mean="mean", low="min", high="max", cuts="count")
               .reset_index() if len(s) else pd.DataFrame(columns=["task", "model", "metric", "mean", "low", "high", "cuts"]))
    bins = np.minimum((o["forecast"].to_numpy(dtype=float) * 10).astype(int), 9) if len(o) else np.zeros(0, dtype=int)
    cal = (pd.DataFrame({"bin": bins, "p": o["forecast"].to_numpy(dtype=float), "y": o["met_again"].to_numpy(dtype=float)})
           .groupby("bin").agg(predicted=("p", "mean"), observed=("y", "mean"), ties=("y", "size")).reset_index())
    cal.insert(0, "forecast", [f"{10 * b}-{10 * b + 10}%" for b in cal.pop("bin")])
    lo = pd.DataFrame(left, columns=["cut", "ties_known", "too_little_history", "scored", "not_scored"])
    bt = Backtest(s, summary, o, cal, lo, float(horizon), float(h))
    bt.note = _note(net, bt)
    return bt


def _note(net: Network, bt: Backtest) -> Note:
    """The headline of a backtest in one sentence, or why nothing was scored."""
    months = round(bt.horizon_days / 30.44)
    need = round((MIN_HISTORY_DAYS + bt.horizon_days) / 30.44)
    if bt.scores.empty:
        span = (net.meetings["start"].max() - net.meetings["start"].min()).days / 30.44 if len(net.meetings) else 0
        if span < need:
            return Note(f"Not scored: a backtest needs {need} months of history (a year before a cut and {months} "
                        f"months after it), and your data covers {span:.0f} {'month' if round(span) == 1 else 'months'}.")
        if (bt.left_out["not_scored"] == "too little past to learn from").any():
            return Note(f"Not scored: the forecast learns from your past, and at the dates it learns from before each cut "
                        f"(half a year and more before it) fewer than {MIN_TIES} ties were known, or fewer than "
                        f"{MIN_EACH} were met again within {months} months or {MIN_EACH} were not.")
        return Note(f"Not scored: no cut had {MIN_TIES} ties met at least twice before it, with at least {MIN_EACH} of "
                    f"them met again in the next {months} months and {MIN_EACH} not.")
    m = bt.summary[(bt.summary["task"] == "contact") & (bt.summary["metric"] == "auc")].set_index("model")
    cuts = bt.scores["cut"].drop_duplicates().sort_values()
    when = f"{cuts.iloc[0]:%b %Y}" + (f" to {cuts.iloc[-1]:%b %Y}" if len(cuts) > 1 else "")
    f = m.loc["netlib forecast"]
    spread = f" ({f['low']:.2f}-{f['high']:.2f} over {len(cuts)} cuts)" if len(cuts) > 1 else ""
    return Note(f"Cut at {when}, netlib's forecast ranked the ties you met again in the next {months} months with an "
                f"AUC of {f['mean']:.2f}{spread}, against {m.loc['recency', 'mean']:.2f} for recency alone, "
                f"{m.loc['frequency', 'mean']:.2f} for frequency and {m.loc['every 90 days', 'mean']:.2f} for an "
                f"every-90-days rule (0.5 is a coin toss, 1 a perfect ranking).")
