"""The half-life your own meetings show: a self-exciting (Hawkes) model of one-to-one meetings
profiled over the half-life (:func:`fit_half_life`, and :class:`HalfLifeFitter` in the lifelines
style), the one half-life a report uses (:func:`choose_half_life`) and what the data says about it
in a sentence (:func:`half_life_note`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import as_of as _as_of
from netlib._facts import days as _days
from netlib._facts import network
from netlib._kernels import decayed_cumsum
from netlib._words import plural
from netlib.decay._notes import Note
from netlib.decay._strength import _event_arrays
from netlib.model import CONVERSATION_CHANNELS, DEFAULT_HALF_LIFE_DAYS, Network


@dataclass
class HalfLifeFit:
    """Result of :func:`fit_half_life`.

    Attributes
    ----------
    half_life_days : float
        Maximum-likelihood half-life.
    ci_low, ci_high : float
        95% profile-likelihood interval (``2 * (logL_max - logL(h)) <= 3.84``);
        ``inf`` when the data cannot rule long half-lives out.
    beta_per_day : float
        Excitation: extra one-to-one meetings a day per unit of strength.
    n_events, n_contacts : int
        Repeat one-to-one meetings used, and contacts they involve.
    profile : DataFrame
        ``half_life_days``, ``loglik`` over the grid searched and the points that place the
        interval's ends.
    identifiable : bool
        False when the data cannot tell a half-life: too few one-to-one meetings outside a fixed
        schedule (the estimates are then NaN), or a 95% interval without a finite upper end or
        wider than a factor of :data:`MAX_INTERVAL_RATIO` (the estimates are kept, but nothing
        should use them; :func:`choose_half_life` then takes the default).
    scheduled_contacts : int
        Contacts left out of the fit because they are met on a fixed schedule.
    note : str
        What the data says, in one sentence.
    """

    half_life_days: float
    ci_low: float
    ci_high: float
    beta_per_day: float
    n_events: int
    n_contacts: int
    profile: pd.DataFrame
    identifiable: bool = True
    scheduled_contacts: int = 0
    note: str = ""

    def __repr__(self) -> str:
        if not self.identifiable:
            return f"HalfLifeFit(not identifiable: {self.note})"
        return (f"HalfLifeFit(half_life_days={self.half_life_days:.0f}, 95% CI {self.ci_low:.0f}-{self.ci_high:.0f} days, "
                f"from {plural(self.n_events, 'repeat one-to-one meeting')} with {plural(self.n_contacts, 'contact')})")


def _logsumexp_rows(a: np.ndarray) -> np.ndarray:
    """``scipy.special.logsumexp(a, axis=1)`` for a finite 2-D float array, by scipy's own steps
    (the largest term of each row taken out of the sum, ``log1p`` of the rest), so the same numbers
    bit for bit (tested), without its array-API wrapping: the EM calls it some 1,150 times a fit,
    and the wrapping was half the sample's fit.

    Examples
    --------
    >>> import numpy as np
    >>> float(_logsumexp_rows(np.log([[1.0, 2.0, 3.0]]))[0]) == float(np.log(6.0))
    True
    """
    a_max = a.max(axis=1, keepdims=True)
    top = a == a_max
    m = top.sum(axis=1, keepdims=True, dtype=a.dtype)  # how many terms share the largest value
    s = np.exp(np.where(top, -np.inf, a) - a_max).sum(axis=1, keepdims=True)
    s = np.where(s == 0, s, s / m)
    return (np.log1p(s) + np.log(m) + a_max)[:, 0]


def _hawkes_profile(t, w, c, starts, is_event, exposure, T, h, state=None, max_iter=500, tol=1e-7):
    """Marginal log-likelihood at half-life ``h``, maximised over base rates and beta by EM.

    Base rates are a finite mixture: each contact's ``mu_i`` is one of K
    latent rates ``m_k`` with probabilities ``pi_k`` (a non-parametric random
    effect), so heterogeneous contacts neither overfit (one free rate each)
    nor masquerade as excitation (one rate for all).  ``state`` warm-starts
    from a neighbouring ``h``.
    """
    x = decayed_cumsum(t, w, starts, h)
    prev = np.r_[0.0, x[:-1]]
    gap = np.r_[0.0, np.diff(t)]
    S = np.where(starts, 0.0, prev * np.exp2(-gap / h))[is_event]
    observed = np.flatnonzero(exposure > 0)
    remap = np.full(exposure.size, -1)
    remap[observed] = np.arange(observed.size)
    ce = remap[c[is_event]]
    n = observed.size
    integral = np.bincount(c, weights=w * (h / np.log(2)) * (1 - np.exp2(-(T - t) / h)), minlength=exposure.size)[observed]
    E = exposure[observed]
    if state is None:
        m = ce.size / E.sum() * np.array([0.1, 0.4, 1.2, 4.0])
        pi = np.full(m.size, 1 / m.size)
        beta = 0.5 * ce.size / integral.sum()
    else:
        m, pi, beta = state
    K = m.size
    last = -np.inf
    for _ in range(max_iter):  # EM iterations, each vectorised over all contacts and events
        lam = m[None, :] + beta * S[:, None]
        log_lam = np.log(lam)
        ll = np.stack([np.bincount(ce, weights=log_lam[:, k], minlength=n) for k in range(K)], axis=1)
        ll -= m[None, :] * E[:, None] + beta * integral[:, None]
        lr = np.log(np.maximum(pi, 1e-300))[None, :] + ll
        per_contact = _logsumexp_rows(lr)
        total = per_contact.sum()
        r = np.exp(lr - per_contact[:, None])
        p = m[None, :] / lam
        r_ev = r[ce]
        pi = r.mean(axis=0)
        m = np.maximum((r_ev * p).sum(axis=0) / np.maximum((r * E[:, None]).sum(axis=0), 1e-300), 1e-12)
        beta = (r_ev * (1 - p)).sum() / integral.sum()
        if abs(total - last) < tol * abs(total):
            break
        last = total
    return total, (m, pi, beta)


#: :func:`fit_half_life` fits on at most this many contacts (a stratified sample beyond it).
FIT_MAX_CONTACTS = 2000


@_params.document
def fit_half_life(net: Network, as_of=None, weights=None, grid=None, iterations: int = 500,
                  max_contacts: int | None = FIT_MAX_CONTACTS) -> HalfLifeFit:
    """The half-life that best explains your own one-to-one meetings.

    Method: each contact's repeat one-to-one meetings are modelled as a
    self-exciting (Hawkes) point process whose intensity is a base rate plus
    the decaying strength of past meetings::

        lambda_i(t) = mu_i + beta * s_i(t),   s_i(t) = sum_{t_k < t} w_k 2**(-(t - t_k)/h)

    observed from the first meeting with *i* to ``as_of``.  Base rates
    differ between contacts; they are modelled as a finite mixture of four
    latent rates (a non-parametric random effect), which avoids both the
    downward bias of one free rate per contact and the upward bias of one
    rate for all.  For each ``h`` on a log grid (7 to 1,000 days, refined
    around the best) the rates, their mixing weights and ``beta`` are fitted
    by expectation-maximisation, and the marginal log-likelihood
    (``sum_k log lambda(t_k) - integral of lambda``, mixed over the rates) is
    profiled over ``h`` and maximised.  The 95% interval is where the profile is within 1.92 of its
    maximum (likelihood ratio, chi-squared with 1 degree of freedom), its ends placed
    between grid points by bisection (:func:`_interval_end`).
    Group meetings and written conversations (:data:`netlib.model.CONVERSATION_CHANNELS`: an
    e-mail answered the next day says nothing of how fast a tie fades) feed ``s_i`` (with their
    weights), but only one-to-one meetings are the events.

    Parameters
    ----------
    {net}
    {as_of}
    {weights}
    grid : list of float, optional
        Half-lives (days) to profile: 1 to :data:`FIT_MAX_GRID` (200) numbers above 0; default a log
        grid from 7 to 1,000 days, refined around the best.
    iterations : int
        Most expectation-maximisation steps per half-life.
    max_contacts : int or None
        With more contacts than this, the fit uses a sample of this many, stratified by how many
        repeat one-to-one meetings each had (seeded: the same data gives the same sample); the
        note says so.  The cost grows with the contacts; the estimate's precision much less.
        None: every contact.

    Returns
    -------
    HalfLifeFit

    Examples
    --------
    >>> import netlib
    >>> fit = fit_half_life(netlib.load_sample())
    >>> 40 < fit.half_life_days < 120
    True
    """
    T = _days(_as_of(net, as_of, "fit_half_life"))
    return _kept_fit(net, T, weights, *_fit_options("fit_half_life", grid, iterations, max_contacts))


def _fit_options(func: str, grid, iterations, max_contacts) -> tuple[list[float] | None, int, int | None]:
    """The fit's options checked (an :class:`~netlib.ArgumentError` of ``func`` otherwise): the
    grid as a list of floats or None, ``iterations`` and ``max_contacts`` as given."""
    grid = _half_life_grid(func, grid)
    _params.number(func, "iterations", iterations, low=1, inclusive=True, integer=True)
    if max_contacts is not None:
        _params.number(func, "max_contacts", max_contacts, low=10, inclusive=True, integer=True)
    return grid, iterations, max_contacts


def _kept_fit(net: Network, T: float, weights, grid, iterations: int, max_contacts: int | None) -> HalfLifeFit:
    """:func:`_fit_half_life` at day ``T``, its options checked: kept on the Network for the default
    weights, each caller given its own copy of the profile."""
    if weights is not None:
        return _fit_half_life(net, T, weights, grid, iterations, max_contacts)
    # kept on the Network (a report fits once, before its pages open the network's snapshot); a copy
    # of the profile each time, so that a caller who changes it changes only their own
    key = f"fit_half_life:{T!r}:{None if grid is None else [float(g) for g in grid]}:{iterations}:{max_contacts}"
    fit = net.cached(key, lambda n: _fit_half_life(n, T, None, grid, iterations, max_contacts), _FIT_DEPENDS)
    return replace(fit, profile=fit.profile.copy())


@_params.document
class HalfLifeFitter:
    """The half-life fit in the lifelines style: set the options, ``fit(net)``, read the estimates.

    ``HalfLifeFitter(...).fit(net, as_of)`` makes the fit :func:`fit_half_life` makes (the method is
    described there), kept on the Network as that one is: a fitter and the function asked the same
    question fit once between them.

    Parameters
    ----------
    {weights}
    grid : list of float, optional
        Half-lives (days) to profile: 1 to :data:`FIT_MAX_GRID` (200) numbers above 0; default a log
        grid from 7 to 1,000 days, refined around the best.
    iterations : int
        Most expectation-maximisation steps per half-life.
    max_contacts : int or None
        With more contacts than this, the fit uses a stratified sample of this many (see
        :func:`fit_half_life`); None: every contact.

    Attributes
    ----------
    summary : DataFrame
        One row per parameter (``half_life_days``, ``beta_per_day``): ``coef`` (the estimate),
        ``coef lower 95%`` and ``coef upper 95%`` (the 95% profile-likelihood interval; the
        excitation ``beta_per_day`` is profiled out, so its ends are NaN).
    confidence_interval_ : DataFrame
        The 95% interval of the half-life: indexed by ``half_life_days``, columns ``95% lower-bound``
        and ``95% upper-bound`` (the upper ``inf`` when the data cannot rule long half-lives out).
    params_ : Series
        ``half_life_days`` and ``beta_per_day``.
    half_life_days_, beta_per_day_ : float
        The estimates (NaN when too few meetings fall outside a fixed schedule).
    log_likelihood_ : float
        The profile log-likelihood at the best half-life.
    profile_ : DataFrame
        ``half_life_days``, ``loglik`` over the grid searched.
    identifiable_ : bool
        Whether the data pins the half-life down (see :class:`HalfLifeFit`); when False, nothing
        should use the estimates.
    n_events_, n_contacts_, scheduled_contacts_ : int
        Repeat one-to-one meetings used, the contacts they involve, contacts left out for meeting on
        a fixed schedule.
    note_ : str
        What the data says, in one sentence.
    result_ : HalfLifeFit
        The fit as :func:`fit_half_life` returns it.

    Raises
    ------
    netlib.ArgumentError
        A bad option (when the fitter is made) or a bad ``net`` or ``as_of`` (when it fits).
    ValueError
        From :meth:`fit`: fewer than 10 repeat one-to-one meetings.

    Examples
    --------
    >>> import netlib
    >>> fitter = HalfLifeFitter().fit(netlib.load_sample())
    >>> fitter.summary.loc["half_life_days"].round().tolist()
    [73.0, 59.0, 92.0]
    >>> fitter.confidence_interval_.round()
                    95% lower-bound  95% upper-bound
    half_life_days             59.0             92.0
    >>> fitter.half_life_days_ == fit_half_life(netlib.load_sample()).half_life_days
    True
    """

    def __init__(self, weights=None, grid=None, iterations: int = 500, max_contacts: int | None = FIT_MAX_CONTACTS):
        self.grid, self.iterations, self.max_contacts = _fit_options("HalfLifeFitter", grid, iterations, max_contacts)
        self.weights = weights

    @_params.document
    def fit(self, net: Network, as_of=None) -> HalfLifeFitter:
        """Fit the half-life to ``net``'s one-to-one meetings up to ``as_of``; returns the fitter.

        Parameters
        ----------
        {net}
        {as_of}
        """
        T = _days(_as_of(net, as_of, "HalfLifeFitter.fit"))
        fit = _kept_fit(net, T, self.weights, self.grid, self.iterations, self.max_contacts)
        self.result_ = fit
        self.half_life_days_, self.beta_per_day_ = fit.half_life_days, fit.beta_per_day
        self.params_ = pd.Series({"half_life_days": fit.half_life_days, "beta_per_day": fit.beta_per_day})
        self.confidence_interval_ = pd.DataFrame({"95% lower-bound": [fit.ci_low], "95% upper-bound": [fit.ci_high]},
                                                 index=["half_life_days"])
        self.profile_ = fit.profile
        self.log_likelihood_ = float(fit.profile["loglik"].max()) if len(fit.profile) else float("nan")
        self.identifiable_, self.note_ = fit.identifiable, fit.note
        self.n_events_, self.n_contacts_, self.scheduled_contacts_ = fit.n_events, fit.n_contacts, fit.scheduled_contacts
        return self

    @property
    def summary(self) -> pd.DataFrame:
        """The estimates and their 95% intervals, one row per parameter (see the class)."""
        if not hasattr(self, "result_"):
            raise AttributeError("HalfLifeFitter has no summary before fit(net): call HalfLifeFitter().fit(net) first")
        nan = float("nan")
        return pd.DataFrame({"coef": self.params_.to_numpy(),
                             "coef lower 95%": [self.result_.ci_low, nan], "coef upper 95%": [self.result_.ci_high, nan]},
                            index=self.params_.index)

    def __repr__(self) -> str:
        return f"<netlib.decay.HalfLifeFitter: {self.result_!r}>" if hasattr(self, "result_") else "<netlib.decay.HalfLifeFitter: not fitted>"


#: The most half-lives :func:`fit_half_life` profiles when given a ``grid`` (each is a fit of its own).
FIT_MAX_GRID = 200


def _half_life_grid(func: str, grid) -> list[float] | None:
    """A ``grid`` argument of half-lives checked: None, or 1 to :data:`FIT_MAX_GRID` finite numbers
    above 0 (an :class:`~netlib.ArgumentError` of ``func`` naming ``grid`` otherwise)."""
    if grid is None:
        return None
    expected = f"None or a list of 1 to {FIT_MAX_GRID} half-lives in days, each a finite number above 0"
    try:
        values = [float(g) for g in grid] if not isinstance(grid, (str, bytes, dict)) and len(grid) else None
    except (TypeError, ValueError, OverflowError):
        values = None
    if not values or len(values) > FIT_MAX_GRID or not all(np.isfinite(v) and v > 0 for v in values):
        _params.fail(func, "grid", _params.shown(grid), expected, "Pass e.g. grid=[30, 60, 90, 180], or None for netlib's own")
    return values


#: The widest 95% interval (its upper end over its lower) of a half-life netlib uses: wider, the
#: data cannot tell 60 days from 240, and the default is used (:func:`choose_half_life`).
MAX_INTERVAL_RATIO = 4.0

#: What :func:`fit_half_life` reads: the meetings' times, modes and channels, and who came.
_FIT_DEPENDS = ("meetings.start", "meetings.mode", "meetings.channel", "attendance", "contacts.index")


def _fit_half_life(net: Network, T: float, weights, grid, iterations: int, max_contacts: int | None) -> HalfLifeFit:
    """The body of :func:`fit_half_life`, at day ``T``."""
    c, t, w, m = _event_arrays(net, T, weights)
    starts = np.r_[True, c[1:] != c[:-1]] if len(c) else np.zeros(0, bool)
    # the events: one-to-one meetings; written conversations (e-mail, messages) feed the strength only
    one = ((net.meetings["mode"].to_numpy() == "one_to_one")
           & ~net.meetings["channel"].isin(CONVERSATION_CHANNELS).to_numpy())[m]
    is_event = one & ~starts
    if is_event.sum() < 10:
        raise ValueError(f"only {plural(int(is_event.sum()), 'repeat one-to-one meeting')}: too few to fit a half-life (need 10 or more)")
    # a fixed schedule (a weekly one-to-one) is no excitation: the model would read the rhythm as a
    # short half-life. Contacts met on a regular rhythm are left out; what remains must suffice.
    scheduled = _scheduled(c[one], t[one])
    if scheduled.size:
        keep = ~np.isin(c, scheduled)
        c, t, w = c[keep], t[keep], w[keep]
        starts = np.r_[True, c[1:] != c[:-1]] if len(c) else np.zeros(0, bool)
        is_event = one[keep] & ~starts
    irregular = np.unique(c[is_event]).size
    if is_event.sum() < 10 or irregular < 3:
        people = lambda k: f"{k} {'person' if k == 1 else 'people'}"  # noqa: E731
        rest = f"{plural(int(is_event.sum()), 'repeat one-to-one meeting')} with {people(irregular)}"
        note = (f"Your one-to-one meetings are mostly on a fixed schedule ({people(scheduled.size)} met on a regular "
                f"rhythm, {rest} besides): a schedule does not show how fast ties fade, so the half-life cannot be "
                f"estimated from your data." if scheduled.size else
                f"Only {rest}: too few to estimate a half-life (it needs 10 or more with at least 3 people).")
        nan = float("nan")
        return HalfLifeFit(nan, nan, nan, nan, int(is_event.sum()), irregular, pd.DataFrame(columns=["half_life_days", "loglik"]),
                           identifiable=False, scheduled_contacts=int(scheduled.size), note=note)
    sampled = ""
    people_all = np.unique(c)
    if max_contacts is not None and len(people_all) > max_contacts:
        chosen = _stratified(people_all, np.bincount(c[is_event], minlength=len(net.contacts))[people_all], int(max_contacts))
        keep = np.isin(c, chosen)
        c, t, w, starts, is_event = c[keep], t[keep], w[keep], starts[keep], is_event[keep]
        irregular = np.unique(c[is_event]).size
        sampled = f"; fitted on a sample of {len(chosen):,} of {len(people_all):,} contacts, stratified by their repeat meetings"
    first = t[np.maximum.accumulate(np.where(starts, np.arange(len(t)), 0))]  # each contact's first row (sorted by time)
    exposure = np.zeros(len(net.contacts))
    exposure[c] = T - first
    args = (t, w, c, starts, is_event, exposure, T)
    prof: dict[float, tuple] = {}
    state = None
    coarse = np.geomspace(7, 1000, 25) if grid is None else np.sort(np.asarray(grid, dtype=float))
    for h in coarse:  # the profile grid: a few dozen half-lives, each fitted vectorised
        ll, state = _hawkes_profile(*args, h, state, max_iter=iterations)
        prof[h] = (ll, state)
    if grid is None:
        best = max(prof, key=lambda h: prof[h][0])
        i = int(np.searchsorted(coarse, best))
        lo, hi = coarse[max(i - 1, 0)], coarse[min(i + 1, len(coarse) - 1)]
        state = prof[best][1]
        for h in np.geomspace(lo, hi, 13):
            if h not in prof:
                prof[h] = _hawkes_profile(*args, h, state, max_iter=iterations)
    h_best = max(prof, key=lambda h: prof[h][0])
    ci_low, ci_high = (_interval_end(prof, h_best, side, lambda h: _hawkes_profile(*args, h, prof[h_best][1], max_iter=iterations))
                       for side in (-1, 1))
    profile = pd.DataFrame({"half_life_days": list(prof), "loglik": [v[0] for v in prof.values()]})
    profile = profile.sort_values("half_life_days").reset_index(drop=True)
    h_best = float(h_best)
    basis = (f"{plural(int(is_event.sum()), 'repeat one-to-one meeting')} with {plural(irregular, 'person', 'people')}"
             + (f" ({scheduled.size} people met on a fixed schedule left out)" if scheduled.size else "") + sampled)
    wide = not (np.isfinite(ci_high) and ci_low > 0 and ci_high / ci_low <= MAX_INTERVAL_RATIO)
    if wide:
        upper = "no upper limit" if not np.isfinite(ci_high) else f"{ci_high:.0f} days"
        note = (f"Your one-to-one meetings cannot pin the half-life down: its 95% interval runs from {ci_low:.0f} days "
                f"to {upper} (from {basis}), wider than a factor of {MAX_INTERVAL_RATIO:g}, so it is not used.")
    else:
        note = f"estimated from {basis}"
    return HalfLifeFit(h_best, ci_low, ci_high, float(prof[h_best][1][2]), int(is_event.sum()),
                       int(np.unique(c[is_event]).size), profile, identifiable=not wide,
                       scheduled_contacts=int(scheduled.size), note=note)


def _interval_end(prof: dict, best: float, side: int, evaluate, steps: int = 4) -> float:
    """Where the profile log-likelihood falls 1.92 below its maximum (the end of the 95% interval),
    on the ``side`` (-1 below ``best``, +1 above) of the best half-life: the first grid point
    beyond it is found walking out from ``best``, the crossing is then bracketed by ``steps``
    bisections in log h (each a new point of the profile, added to ``prof``) and placed by linear
    interpolation.  0 or inf when the grid never falls that far (the data cannot rule out shorter
    or longer half-lives).  Reading the interval off the grid instead would put its ends at grid
    points inside it: a third too narrow on the default grid.

    Examples
    --------
    A profile that is a parabola in log h (its maximum at 80 days, standard error 0.15 in log h):
    its 95% interval ends at ``80 * exp(+-1.96 * 0.15)``, 59.6 and 107.4 days.

    >>> f = lambda h: (-(np.log(h) - np.log(80)) ** 2 / (2 * 0.15 ** 2), None)
    >>> prof = {h: f(h) for h in [*np.geomspace(10, 640, 25), 80.0]}  # a grid 1.19 apart, and the maximum
    >>> [round(_interval_end(prof, 80.0, side, f)) for side in (-1, 1)]
    [60, 107]
    """
    cut = prof[best][0] - 1.92
    grid = sorted(prof)
    i = grid.index(best)
    inside, outside = best, None
    for h in (reversed(grid[:i]) if side < 0 else grid[i + 1:]):  # walk out from the best
        if prof[h][0] < cut:
            outside = h
            break
        inside = h
    if outside is None:
        return 0.0 if side < 0 else float("inf")
    for _ in range(steps):  # bisect the bracket in log h
        mid = float(np.sqrt(inside * outside))
        prof[mid] = evaluate(mid)
        inside, outside = (mid, outside) if prof[mid][0] >= cut else (inside, mid)
    a, b = prof[inside][0], prof[outside][0]
    return float(np.exp(np.log(inside) + (a - cut) / (a - b) * (np.log(outside) - np.log(inside))))


def _stratified(ids: np.ndarray, repeats: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """``n`` of ``ids``, each stratum of repeat meetings (0, 1, 2-3, 4-7, 8-15, 16+) in its own share.

    Examples
    --------
    >>> len(_stratified(np.arange(100), np.r_[np.zeros(50), np.arange(50)], 20))
    20
    """
    rng = np.random.default_rng(seed)
    strata = np.digitize(repeats, [1, 2, 4, 8, 16])
    counts = np.bincount(strata, minlength=6)
    take = np.floor(counts * n / len(ids)).astype(int)
    take[np.argsort(-(counts * n / len(ids) - take))[: n - take.sum()]] += 1  # the largest remainders
    return np.sort(np.concatenate([rng.choice(ids[strata == k], size=min(take[k], counts[k]), replace=False)
                                   for k in range(6) if take[k]]))


#: A contact's one-to-one meetings are a fixed schedule when their gaps vary this little (coefficient
#: of variation, std / mean) over at least :data:`SCHEDULE_MIN_MEETINGS` meetings.
SCHEDULE_MAX_CV = 0.3
SCHEDULE_MIN_MEETINGS = 5


def _scheduled(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Contacts whose one-to-one meetings (``c``, ``t`` in day order per contact) keep a fixed
    rhythm: at least :data:`SCHEDULE_MIN_MEETINGS` of them, gaps with a coefficient of variation
    below :data:`SCHEDULE_MAX_CV`.

    Examples
    --------
    >>> c = np.array([0] * 6 + [1] * 6)
    >>> t = np.r_[np.arange(6) * 7.0, np.cumsum([0, 3, 20, 1, 40, 9.0])]
    >>> _scheduled(c, t).tolist()
    [0]
    """
    if len(c) < 2:
        return np.zeros(0, dtype=c.dtype)
    same = c[1:] == c[:-1]
    gaps = pd.DataFrame({"c": c[1:][same], "g": np.diff(t)[same]})
    stats = gaps.groupby("c")["g"].agg(["mean", "std", "size"])
    regular = (stats["size"] >= SCHEDULE_MIN_MEETINGS - 1) & (stats["std"] < SCHEDULE_MAX_CV * stats["mean"])
    return stats.index[regular].to_numpy()


class HalfLife(NamedTuple):
    """The half-life every page of a report uses, and where it comes from (:func:`choose_half_life`)."""

    days: float
    source: str


@_params.document
def choose_half_life(net: Network, as_of=None, half_life_days: float | None = None) -> HalfLife:
    """The one half-life to use, and where it comes from, in words: the one given; else the one your
    one-to-one meetings show (:func:`fit_half_life`) when they pin it down (a 95% interval with a
    finite upper end, at most :data:`MAX_INTERVAL_RATIO` times its lower end); else netlib's
    default, :data:`netlib.model.DEFAULT_HALF_LIFE_DAYS` (90 days).  Every page of a report names
    the same one (the decay, plan and next-steps pages and the front page).

    Parameters
    ----------
    {net}
    {as_of}
    half_life_days : float, optional
        A half-life of your own, in days (the command line's ``--half-life``); None to let the
        data speak.

    Returns
    -------
    HalfLife
        ``days`` and ``source``, a sentence for the reader.

    Examples
    --------
    >>> import netlib
    >>> hl = choose_half_life(netlib.load_sample())
    >>> round(hl.days), hl.source  # doctest: +ELLIPSIS
    (73, 'fitted from your one-to-one meetings (95% interval 59 to 92 days, ...)')
    >>> choose_half_life(netlib.load_sample(), half_life_days=60)
    HalfLife(days=60.0, source='set for this report')
    """
    network("choose_half_life", net)
    if half_life_days is not None:
        return HalfLife(_params.number("choose_half_life", "half_life_days", half_life_days), "set for this report")
    try:
        fit = fit_half_life(net, as_of)
    except ValueError as err:
        why = f"your data has {err}"
    else:
        if fit.identifiable:
            return HalfLife(float(round(fit.half_life_days)), f"fitted from your one-to-one meetings (95% interval "
                            f"{fit.ci_low:.0f} to {fit.ci_high:.0f} days, {fit.note})")
        why = fit.note[0].lower() + fit.note[1:].rstrip(".")
    return HalfLife(float(DEFAULT_HALF_LIFE_DAYS), f"netlib's default, from research on tie decay (Ahmad, Porter & "
                    f"Beguerisse-Díaz, arXiv:1805.00193): {why}")


@_params.document
def half_life_note(net: Network, as_of=None, default_days: float = DEFAULT_HALF_LIFE_DAYS) -> Note:
    """What the data says about the half-life, in one sentence: the fit, or why there is none.

    Parameters
    ----------
    {net}
    {as_of}
    default_days : float
        The half-life the charts use when there is no fit.

    Examples
    --------
    >>> import netlib
    >>> print(half_life_note(netlib.load_sample()))  # doctest: +ELLIPSIS
    Your one-to-one meetings suggest a half-life of about 73 days (95% interval 59 to 92 days, ...
    """
    network("half_life_note", net)
    try:
        fit = fit_half_life(net, as_of)
    except ValueError as err:
        return Note(f"Not enough data to estimate your own half-life ({err}); the charts use {default_days:g} days.")
    if not fit.identifiable:
        return Note(f"{fit.note} The charts use {default_days:g} days.")
    hi = "no upper limit" if fit.ci_high == float("inf") else f"{fit.ci_high:.0f} days"
    return Note(f"Your one-to-one meetings suggest a half-life of about {fit.half_life_days:.0f} days (95% interval "
                f"{fit.ci_low:.0f} to {hi}, from {plural(fit.n_events, 'repeat meeting')} with {plural(fit.n_contacts, 'person', 'people')}); "
                f"the charts use the half-life set in the parameters.")
