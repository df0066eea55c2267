"""Counts in words, for every sentence netlib says: "1 problem", "2 problems".

A room at the bottom of the package (it imports no netlib module), so that the readers in
:mod:`netlib.io`, the analyses and the commands word their counts the one way :mod:`netlib.present`
does, without importing ``present`` (which imports ``io``: a circle).
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: float, word: str, many: str | None = None) -> str:
    """A count and its noun, singular for exactly one: "1 problem", "2 problems", "0 problems".

    Parameters
    ----------
    n : int or float
        The count (a float that is a whole number is shown as one).
    word : str
        The noun for one.
    many : str, optional
        The noun for several, when it is not ``word`` + "s".

    Examples
    --------
    >>> plural(1, "problem"), plural(0, "problem"), plural(1204, "contact"), plural(2, "entry", "entries")
    ('1 problem', '0 problems', '1,204 contacts', '2 entries')
    >>> plural(1.0, "day"), plural(2.5, "year")
    ('1 day', '2.5 years')
    """
    n = int(n) if isinstance(n, float) and n.is_integer() else n
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
