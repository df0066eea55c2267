"""The parameters many public functions share: one description of each, and one way to reject a
bad value.

Descriptions (seaborn's ``_docstrings`` style): a docstring line holding only ``{as_of}`` (any
name of :data:`DOCS`) is replaced by that parameter's description, at the line's indentation, by
the :func:`document` decorator.  So ``as_of``, ``half_life_days``, ``weights``, ``segment`` and
the rest read the same in every signature that takes them.

Checks: :func:`choice`, :func:`number`, :func:`when`, :func:`table`, :func:`instance`,
:func:`seed`, :func:`timezone`, :func:`salt` and :func:`fail` raise :class:`ArgumentError` with
one message shape: which function, which argument, what was given, what is allowed, and how to
fix it.  This module imports no other netlib module.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import pandas as pd

__all__ = ["ArgumentError", "UnknownIds", "DOCS", "document", "fail", "choice", "number", "when", "table", "instance",
           "seed", "timezone", "salt", "EARLIEST", "LATEST", "MIN_SALT", "NETWORK"]

#: The earliest and latest date a date argument (``as_of``, ``start``, ``end``) may name: a
#: professional network's dates lie well inside, and every later step (a plan's months, a
#: window's end) stays within the dates pandas holds (1677 to 2262).
EARLIEST, LATEST = pd.Timestamp("1900-01-01", tz="UTC"), pd.Timestamp("2200-01-01", tz="UTC")

#: What a ``net`` argument must be (:func:`netlib._facts.network` checks it).
NETWORK = "a Network from netlib.load(), netlib.from_frames() or netlib.load_sample()"

#: The shortest secret salt accepted (the command line's ``--salt-file`` asks the same).
MIN_SALT = 8


class ArgumentError(ValueError):
    """A public function was given a value it cannot use.

    The message names the function, the argument, the value given and what is allowed.

    Examples
    --------
    >>> print(ArgumentError("reach_growth", "freq", "week", "one of 'month', 'quarter', 'year'"))
    reach_growth(): freq must be one of 'month', 'quarter', 'year'; got 'week'
    """

    def __init__(self, func: str, name: str, value: Any, expected: str, fix: str | None = None) -> None:
        self.func, self.name, self.value, self.expected, self.fix = func, name, value, expected, fix
        shown = value if isinstance(value, str) and value.startswith("<") else repr(value)
        super().__init__(f"{func}(): {name} must be {expected}; got {shown}" + (f". {fix}" if fix else ""))


class UnknownIds(ArgumentError, KeyError):
    """Ids that are not in the table they should come from: an :class:`ArgumentError` that is
    also a ``KeyError``, as looking the ids up in the table would raise.

    Examples
    --------
    >>> err = UnknownIds("strength_over_time", "contacts", ["nobody"], "ids of net.contacts")
    >>> isinstance(err, KeyError), isinstance(err, ValueError)
    (True, True)
    >>> print(err)
    strength_over_time(): contacts must be ids of net.contacts; got ['nobody']
    """

    def __str__(self) -> str:  # the message as it is, not quoted as a KeyError quotes its key
        return ValueError.__str__(self)


def fail(func: str, name: str, value: Any, expected: str, fix: str | None = None) -> NoReturn:
    """Raise :class:`ArgumentError` (see there)."""
    raise ArgumentError(func, name, value, expected, fix)


def shown(value: Any) -> Any:
    """How a message shows ``value``: itself when short, else its kind (``<DataFrame>``), so that
    an error never prints a whole table."""
    if value is None or isinstance(value, (bool, numbers.Number)) or isinstance(value, str) and len(value) <= 80:
        return value
    if isinstance(value, (list, tuple, dict, set)) and len(value) <= 10 and len(repr(value)) <= 120:
        return value
    if isinstance(value, (list, tuple, set)):
        return f"<a {type(value).__name__} of {len(value):,}, starting {list(value)[:3]!r:.80}>"
    return f"<{type(value).__name__}>"


def choice(func: str, name: str, value, allowed: Iterable, *, several: bool = False):
    """``value`` when it is one of ``allowed`` (or, with ``several``, a list or tuple of them).

    Examples
    --------
    >>> choice("survival", "by", "first_mode", ["first_mode", "first_channel", None])
    'first_mode'
    >>> choice("survival", "by", "mode", ["first_mode", "first_channel", None])
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: survival(): by must be one of 'first_mode', 'first_channel', None; got 'mode'
    """
    allowed = list(allowed)
    items = list(value) if several and isinstance(value, (list, tuple)) else [value]
    for item in items:
        try:
            ok = item in allowed
        except TypeError:  # an unhashable value: not one of them
            ok = False
        if not ok:
            names = ", ".join(repr(a) for a in allowed)
            fail(func, name, value, f"one of {names}" + (" or a list of them" if several else ""))
    return value


def number(func: str, name: str, value, *, low: float = 0.0, inclusive: bool = False, integer: bool = False,
           high: float | None = None, why: str | None = None) -> float:
    """``value`` as a finite number above ``low`` (or at least ``low`` when ``inclusive``), and at
    most ``high`` when given (``why`` says why, after the message).

    Examples
    --------
    >>> number("tie_strength", "half_life_days", 45)
    45.0
    >>> number("tie_strength", "half_life_days", float("nan"))
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: tie_strength(): half_life_days must be a finite number above 0; got nan
    >>> number("plan", "months", 10**6, low=1, inclusive=True, integer=True, high=60)
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: plan(): months must be a whole number of at least 1 and at most 60; got 1000000
    """
    kind = "a whole number" if integer else "a finite number"
    expected = f"{kind} {'of at least' if inclusive else 'above'} {low:g}" + (f" and at most {high:g}" if high is not None else "")
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        fail(func, name, shown(value), expected, why)
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):  # an int too large for a float, an object whose __float__ fails
        fail(func, name, shown(value), expected, why)
    if not math.isfinite(x) or (x < low if inclusive else x <= low) or (integer and x != int(x)) \
            or (high is not None and x > high):
        fail(func, name, value, expected, why)
    return x


def when(func: str, name: str, value) -> pd.Timestamp | None:
    """A date-like argument as a UTC timestamp (naive means UTC); None stays None.

    A date is text (``'2024-06-30'``), a ``datetime``, a ``date``, a pandas ``Timestamp`` or a
    numpy ``datetime64``, from :data:`EARLIEST` to :data:`LATEST`.  A plain number is refused
    rather than read as nanoseconds since 1970 (``20240101`` would be 1970-01-01 00:00:00.02).

    Examples
    --------
    >>> when("status", "as_of", "2024-06-30")
    Timestamp('2024-06-30 00:00:00+0000', tz='UTC')
    >>> when("status", "as_of", "the end of June")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: status(): as_of must be a date or date-time such as '2024-06-30' or '2024-06-30T09:00+02:00'; got 'the end of June'
    >>> when("status", "as_of", 20240101)
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: status(): as_of must be a date or date-time such as '2024-06-30' or '2024-06-30T09:00+02:00',
    not a number; got 20240101. Write the date as text: '2024-01-01' for 20240101
    >>> when("status", "as_of", "9999-12-31")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: status(): as_of must be a date from 1900-01-01 to 2200-01-01; got '9999-12-31'
    """
    if value is None:
        return None
    expected = "a date or date-time such as '2024-06-30' or '2024-06-30T09:00+02:00'"
    if isinstance(value, numbers.Number):  # pandas reads a number as nanoseconds since 1970
        digits = str(int(value)) if isinstance(value, numbers.Integral) else ""
        fix = (f"Write the date as text: '{digits[:4]}-{digits[4:6]}-{digits[6:]}' for {value}" if len(digits) == 8
               else "Write the date as text, e.g. '2024-06-30'")
        fail(func, name, value, expected + ", not a number", fix)
    try:
        t = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        t = pd.NaT
    if t is pd.NaT:
        fail(func, name, shown(value), expected)
    t = t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")
    if not EARLIEST <= t <= LATEST:
        fail(func, name, shown(value), f"a date from {EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d}")
    return t.as_unit("ns")


def table(func: str, name: str, data, columns: Iterable[str], made_by: str, *, series: bool = False) -> None:
    """Check that ``data`` is what ``made_by`` returns: a DataFrame with ``columns`` (or a Series).

    Examples
    --------
    >>> table("plot_effort", "effort_table", pd.DataFrame({"people": [1]}), ["hours"], "netlib.effort()")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: plot_effort(): effort_table must be what netlib.effort() returns (with the column 'hours');
    got <a table with the columns 'people'>
    """
    kind = pd.Series if series else pd.DataFrame
    columns = list(columns)
    need = f" (with the column{'s' if len(columns) > 1 else ''} {', '.join(repr(c) for c in columns)})" if columns else ""
    if not isinstance(data, kind):
        fail(func, name, f"<{type(data).__name__}>", f"what {made_by} returns{need}")
    missing = [c for c in columns if c not in data.columns] if not series else []
    if missing:
        got = ", ".join(repr(c) for c in data.columns[:8]) + (", ..." if data.shape[1] > 8 else "")
        fail(func, name, f"<a table with the columns {got}>", f"what {made_by} returns{need}")


def instance(func: str, name: str, value, kind: type | tuple[type, ...], expected: str, fix: str | None = None):
    """``value`` when it is an instance of ``kind``; else an :class:`ArgumentError` saying it must
    be ``expected`` (the value shown by its type when it is large, never a whole table).

    Examples
    --------
    >>> instance("effort", "net", None, dict, "a Network from netlib.load() or netlib.load_sample()")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: effort(): net must be a Network from netlib.load() or netlib.load_sample(); got None
    >>> instance("reach", "net", pd.DataFrame({"a": [1]}), dict, "a dict")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: reach(): net must be a dict; got <DataFrame>
    """
    if not isinstance(value, kind):
        fail(func, name, shown(value), expected, fix)
    return value


def seed(func: str, name: str, value) -> int | None:
    """A random seed: None (fresh randomness) or a whole number of 0 or more.

    Examples
    --------
    >>> seed("plan", "seed", 7), seed("plan", "seed", None)
    (7, None)
    >>> seed("plan", "seed", "abc")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: plan(): seed must be a whole number of 0 or more, or None; got 'abc'. The same seed gives the same result
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        fail(func, name, shown(value), "a whole number of 0 or more, or None", "The same seed gives the same result")
    return int(value)


def is_zone(name: str) -> bool:
    """Whether pandas knows the time zone ``name`` (an IANA name such as ``Europe/London``).

    Examples
    --------
    >>> is_zone("Europe/London"), is_zone("Mars/Olympus"), is_zone("")
    (True, False, False)
    """
    if not name:
        return False
    try:
        pd.Timestamp("2024-01-01").tz_localize(name)
    except Exception:  # noqa: BLE001 (pytz, zoneinfo and dateutil each raise an error of their own for an unknown zone)
        return False
    return True


def timezone(func: str, name: str, value) -> str:
    """An IANA time zone name (``'Europe/London'``, ``'UTC'``) as pandas reads it.

    Examples
    --------
    >>> timezone("load", "tz", "Europe/London")
    'Europe/London'
    >>> timezone("load", "tz", "Mars/Olympus")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: load(): tz must be an IANA time zone name such as 'UTC', ... got 'Mars/Olympus'. ...
    """
    if not (isinstance(value, str) and value.strip() == value and is_zone(value)):
        fail(func, name, shown(value), "an IANA time zone name such as 'UTC', 'Europe/London' or 'America/New_York'",
             "Times without a UTC offset are read in it")
    return value


def salt(func: str, name: str, value) -> str | None:
    """A secret salt given by the user: None (netlib makes one) or text of at least
    :data:`MIN_SALT` characters, as the command line's ``--salt-file`` asks.

    Examples
    --------
    >>> salt("pseudonymize", "salt", "workshop")
    'workshop'
    >>> salt("pseudonymize", "salt", "x")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: pseudonymize(): salt must be a secret of at least 8 characters, or None for a new random one;
    got <text of 1 character>. A short salt can be guessed, and with it every pseudonym undone
    """
    if value is None:
        return None
    if not isinstance(value, str) or len(value) < MIN_SALT:
        got = (f"<text of {len(value)} character{'' if len(value) == 1 else 's'}>" if isinstance(value, str)
               else f"<{type(value).__name__}>")  # never the secret itself
        fail(func, name, got, f"a secret of at least {MIN_SALT} characters, or None for a new random one",
             "A short salt can be guessed, and with it every pseudonym undone")
    return value


#: Descriptions of the parameters several public functions share.
DOCS: dict[str, str] = {
    "net": """net : Network
    Your network, from :func:`netlib.load` (or :func:`netlib.load_sample`).""",
    "as_of": """as_of : date-like, optional
    When to measure (a date or date-time; naive means UTC).  Default: the end of the data, the
    later of the last meeting's start and the moment the files show they were exported
    (``net.sources["exported"]``), so that nothing in the data lies in the future and the
    silence between the last meeting and the export counts.""",
    "start_end": """start, end : date-like, optional
    The window: meetings starting on or after ``start`` and before ``end`` (naive means UTC).
    Default: all meetings.""",
    "half_life_days": """half_life_days : float
    Days for a tie to lose half its strength without contact (default 90; see
    :func:`netlib.assumptions` and :func:`netlib.fit_half_life` for your own).""",
    "weights": """weights : dict or callable, optional
    What one meeting adds to a tie, by mode or channel (default
    :data:`netlib.model.DEFAULT_WEIGHTS`); see :func:`netlib.decay.meeting_weights`.""",
    "warm_threshold": """warm_threshold : float
    A tie is warm at or above this strength (default
    :data:`netlib.model.WARM_THRESHOLD`, one one-to-one meeting one half-life ago).""",
    "cooling_k": """cooling_k : float
    A warm tie is *cooling* (overdue) once its silence exceeds this many times its own median gap
    (default 2.5; see :func:`netlib.assumptions`).""",
    "dormant_days": """dormant_days : float
    A tie is *dormant* after this many days without contact (default 3 years, after Levin,
    Walter & Murnighan 2011).""",
    "segment": """segment : str, dict or callable, optional
    The "right people": a tag, a dict of contacts column -> regular expression, or a callable
    taking the contacts table (see :func:`netlib.segment_mask`).""",
    "ax": """ax : matplotlib Axes, optional
    Where to draw; the current Axes by default.""",
    "title": """title : str or None
    The chart's title; None for none.""",
    "kwargs_graph": """**graph_kwargs
    Passed to :func:`netlib.ego_graph` (``max_group``, ``company``, ``half_life_days``...).""",
}

_PLACEHOLDER = re.compile(r"^([ \t]*)\{(\w+)\}[ \t]*$", re.M)


def document(func: Callable) -> Callable:
    """Fill the ``{name}`` lines of ``func``'s docstring with :data:`DOCS` (see the module docstring).

    Examples
    --------
    >>> @document
    ... def f(net, as_of=None):
    ...     '''Parameters
    ...     ----------
    ...     {as_of}
    ...     '''
    >>> "When to measure" in f.__doc__
    True
    """
    def fill(m: re.Match) -> str:
        text = DOCS.get(m.group(2))
        if text is None:
            raise KeyError(f"no shared description named {m.group(2)!r} for {func.__qualname__}")
        return "\n".join(m.group(1) + line if line else line for line in text.splitlines())

    if func.__doc__:
        func.__doc__ = _PLACEHOLDER.sub(fill, func.__doc__)
    return func
