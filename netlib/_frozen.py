"""A Network's tables, read-only (issue #29), and the stamps that tell a column's values apart.

A Network's tables are :class:`_FrozenFrame` s: their arrays' write flags are off and assignment
through ``[]``, ``.loc``, ``.iloc``, ``.at`` and ``.iat`` raises :class:`ReadOnlyError`, so what netlib
worked out from them (:meth:`netlib.Network.cached`) can never describe other data.  The stamps let
``cached`` tell a read-only column by its memory alone, and a frame of a user's own (not a Network's)
by a checksum.  Private: :mod:`netlib.model` is their public face.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


class ReadOnlyError(TypeError):
    """A Network's table was to be changed in place: its tables are read-only, so that what netlib
    worked out from them (cached facts) can never describe other data.  Change data with
    :meth:`Network.replace`, which returns a new Network."""

    __module__ = "netlib.model"  # its public home, as tracebacks name it

    def __init__(self, table: str) -> None:
        super().__init__(f"A Network's tables cannot be changed in place ({table}): make a new Network with the change, e.g. "
                         f"net.replace({table}=net.{table}.assign(...)) or net.replace({table}=changed), where changed is "
                         f"a copy you edited (net.{table}.copy())")


class _ReadOnlyIndexer:
    """``.loc``, ``.iloc``, ``.at`` or ``.iat`` of a Network's table: reads pass, writes raise."""

    __slots__ = ("_inner", "_table")

    def __init__(self, inner, table: str) -> None:
        self._inner, self._table = inner, table

    def __getitem__(self, key):
        return self._inner[key]

    def __setitem__(self, key, value):
        raise ReadOnlyError(self._table)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _FrozenFrame(pd.DataFrame):
    """A Network's table: a DataFrame whose values are read-only.  Its arrays' write flags are off
    (numpy raises on any write through them, a ``to_numpy()`` view included) and assignment through
    ``[]``, ``.loc``, ``.iloc``, ``.at`` and ``.iat`` raises :class:`ReadOnlyError`.  Whatever is
    made from it (a selection, ``assign``, ``copy``) is an ordinary DataFrame."""

    _metadata = ["_table"]

    @property
    def _constructor(self):
        return pd.DataFrame

    def _which(self) -> str:
        return getattr(self, "_table", None) or "a table"

    def __setitem__(self, key, value):
        raise ReadOnlyError(self._which())

    @property
    def loc(self):
        return _ReadOnlyIndexer(super().loc, self._which())

    @property
    def iloc(self):
        return _ReadOnlyIndexer(super().iloc, self._which())

    @property
    def at(self):
        return _ReadOnlyIndexer(super().at, self._which())

    @property
    def iat(self):
        return _ReadOnlyIndexer(super().iat, self._which())


def _frozen(df: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """``df`` as a :class:`_FrozenFrame` named ``table``, sharing its arrays, each made read-only:
    Arrow arrays are already; the numpy arrays that hold the other columns get their write flag
    turned off (read from pandas' blocks, the arrays themselves, not a view of them)."""
    if isinstance(df, _FrozenFrame) and df._which() == table:
        out = df  # (unpickled, its arrays may be a writable copy: made read-only again below)
    else:
        out = _FrozenFrame(df, copy=False)
        out._table = table
    for block in getattr(getattr(out, "_mgr", None), "blocks", ()):
        values = block.values
        if hasattr(values, "_pa_array"):  # Arrow: immutable already
            continue
        values = getattr(values, "_ndarray", values)  # datetimes with a zone: the numpy array inside
        arrays = [values] if isinstance(values, np.ndarray) else [getattr(values, "_data", None), getattr(values, "_mask", None)]
        for a in arrays:
            if isinstance(a, np.ndarray) and a.flags.writeable:
                a.flags.writeable = False
    return out


def _column_stamp(col: pd.Series) -> tuple:
    """What identifies a column's current values: the Arrow array behind it (Arrow arrays cannot
    change in place, so the object is enough), or the address, length and a checksum (the sum of
    all values and of every other value) of the numpy array that holds its values (which can)."""
    arr = col.array
    inner = getattr(arr, "_pa_array", None)
    if inner is not None:
        return (inner,)
    values = getattr(arr, "_ndarray", None)
    if values is None:
        values = getattr(arr, "_data", None)  # masked arrays (Int64, boolean)
    if values is None or values.dtype.kind not in "mMfiub":
        return (arr,)  # object values: the array object alone (replaced, not edited, in practice)
    if not values.flags.writeable:  # a Network's table (read-only): the same memory holds the same values
        return (values.__array_interface__["data"][0], values.size, "read-only")
    v = values.view(np.int64) if values.dtype.itemsize == 8 else values.astype(np.int64)
    check = (int(v.sum()), int(v[::2].sum()))  # a frame of one's own, edited in place: a changed value, or two swapped
    return (values.__array_interface__["data"][0], v.size, check)


def _same_stamp(a: tuple, b: tuple) -> bool:
    """Whether two stamps name the same objects (compared by identity) and checksums."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, tuple) and isinstance(y, tuple):
            if not _same_stamp(x, y):
                return False
        elif not (x is y or (isinstance(x, (int, str, type(None))) and x == y)):
            return False
    return True


def _columns_are(frame: pd.DataFrame, arrays: list) -> bool:
    """Whether ``frame``'s columns are still exactly these array objects."""
    return list(frame.columns) == ["meeting_id", "contact_id"] and all(frame[c].array is a for c, a in zip(frame.columns, arrays))
