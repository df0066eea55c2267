"""The parameters many public functions share: one description of each, and one way to reject a
bad value.

Descriptions (seaborn's ``_docstrings`` style): a docstring line holding only ``{as_of}`` (any
name of :data:`DOCS`) is replaced by that parameter's description, at the line's indentation, by
the :func:`document` decorator.  So ``as_of``, ``half_life_days``, ``weights``, ``segment`` and
the rest read the same in every signature that takes them.

Checks: :func:`choice`, :func:`number`, :func:`when`, :func:`table` and :func:`fail` raise
:class:`ArgumentError` with one message shape: which function, which argument, what was given,
what is allowed, and how to fix it.  This module imports no other netlib module.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Iterable, NoReturn

import pandas as pd

__all__ = ["ArgumentError", "DOCS", "document", "fail", "choice", "number", "when", "table"]


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


def fail(func: str, name: str, value: Any, expected: str, fix: str | None = None) -> NoReturn:
    """Raise :class:`ArgumentError` (see there)."""
    raise ArgumentError(func, name, value, expected, fix)


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


def number(func: str, name: str, value, *, low: float = 0.0, inclusive: bool = False, integer: bool = False) -> float:
    """``value`` as a finite number above ``low`` (or at least ``low`` when ``inclusive``).

    Examples
    --------
    >>> number("tie_strength", "half_life_days", 45)
    45.0
    >>> number("tie_strength", "half_life_days", float("nan"))
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: tie_strength(): half_life_days must be a finite number above 0; got nan
    """
    kind = "a whole number" if integer else "a finite number"
    expected = f"{kind} {'of at least' if inclusive else 'above'} {low:g}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        fail(func, name, value, expected)
    x = float(value)
    if not math.isfinite(x) or (x < low if inclusive else x <= low) or (integer and x != int(x)):
        fail(func, name, value, expected)
    return x


def when(func: str, name: str, value) -> pd.Timestamp | None:
    """A date-like argument as a UTC timestamp (naive means UTC); None stays None.

    Examples
    --------
    >>> when("status", "as_of", "2024-06-30")
    Timestamp('2024-06-30 00:00:00+0000', tz='UTC')
    >>> when("status", "as_of", "the end of June")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: status(): as_of must be a date or date-time such as '2024-06-30' or '2024-06-30T09:00+02:00'; got 'the end of June'
    """
    if value is None:
        return None
    try:
        t = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        t = pd.NaT
    if t is pd.NaT:
        fail(func, name, value, "a date or date-time such as '2024-06-30' or '2024-06-30T09:00+02:00'")
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def table(func: str, name: str, data, columns: Iterable[str], made_by: str, *, series: bool = False) -> None:
    """Check that ``data`` is what ``made_by`` returns: a DataFrame with ``columns`` (or a Series).

    Examples
    --------
    >>> table("plot_effort", "effort_table", pd.DataFrame({"people": [1]}), ["hours"], "netlib.effort()")
    Traceback (most recent call last):
    ...
    netlib._params.ArgumentError: plot_effort(): effort_table must be what netlib.effort() returns (with the column 'hours'); got <a table with the columns 'people'>
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


#: Descriptions of the parameters several public functions share.
DOCS: dict[str, str] = {
    "net": """net : Network
    Your network, from :func:`netlib.load` (or :func:`netlib.load_sample`).""",
    "as_of": """as_of : date-like, optional
    When to measure (a date or date-time; naive means UTC).  Default: the start of the last
    meeting, so that nothing in the data lies in the future.""",
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
