"""The canonical data model: :class:`Network`, :class:`DataError` and the problems log.

Every reader turns its file into the same three frames (contacts, meetings,
attendance) plus a list of problems; :func:`build_network` validates them,
resolves attendees to contacts and computes each meeting's mode.  The tables
and their columns are described in ``docs/data-model.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DataError",
    "Network",
    "Me",
    "PROBLEM_COLUMNS",
    "CONTACT_COLUMNS",
    "MEETING_COLUMNS",
    "DEFAULT_DURATION_MIN",
    "default_duration",
]

#: Columns of ``Network.problems``.  ``action`` says what netlib did with the
#: value: ``skipped row`` (the row was left out), ``cleared`` (the value was
#: emptied, the row kept), ``defaulted`` (a missing value was filled in with a
#: documented default), ``inferred`` (a new contact was made for an attendee
#: that matches none), ``repaired`` (the value was corrected, e.g. a duplicate
#: attendee dropped) or ``not loaded`` (a whole file was not recognised).
PROBLEM_COLUMNS = ["source", "line", "column", "value", "problem", "action"]

CONTACT_COLUMNS = [
    "name",
    "email",
    "emails",
    "company",
    "title",
    "tags",
    "source",
    "connected_on",
    "introduced_by",
    "url",
    "inferred",
    "file",
    "line",
]

MEETING_COLUMNS = [
    "start",
    "end",
    "duration_min",
    "channel",
    "title",
    "location",
    "audience",
    "n_people",
    "mode",
    "file",
    "line",
]

#: Default meeting length in minutes by channel, used when a meeting has
#: neither ``end`` nor ``duration_min``.  These are netlib's assumptions (a
#: coffee is 45 minutes, a networking breakfast 90, a conference day 8 hours);
#: every value filled in this way is recorded in ``Network.problems`` with
#: action ``defaulted``.  Unknown channels take the ``"other"`` value.
DEFAULT_DURATION_MIN: dict[str, float] = {
    "coffee": 45,
    "lunch": 75,
    "breakfast": 60,
    "dinner": 120,
    "call": 30,
    "phone": 30,
    "video": 45,
    "meeting": 60,
    "message": 5,
    "email": 5,
    "post": 15,
    "comment": 5,
    "breakfast club": 90,
    "club": 90,
    "meetup": 120,
    "webinar": 60,
    "talk": 60,
    "workshop": 180,
    "conference": 480,
    "event": 120,
    "other": 60,
}

MODES = ("one_to_one", "one_to_many", "solo")


def _string_dtype() -> pd.StringDtype:
    """pyarrow-backed strings with NaN for missing (pandas 3's default ``str``)."""
    try:
        return pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pragma: no cover - pandas < 2.3
        return pd.StringDtype("pyarrow_numpy")


#: The string dtype of every text column netlib builds: string operations
#: run vectorised in Arrow, comparisons give plain numpy booleans.
STR = _string_dtype()


def isin(values: pd.Series | pd.Index, keys) -> np.ndarray:
    """True where a value is one of ``keys``, hashed in Arrow (pandas' own ``isin``
    loops in Python over Arrow strings).

    Examples
    --------
    >>> isin(pd.Series(["a", "b", "c"]), ["c", "a"]).tolist()
    [True, False, True]
    """
    return index_positions(pd.Index(list(keys) if isinstance(keys, (set, frozenset)) else keys), values) >= 0


def index_positions(index: pd.Index, values: pd.Series | pd.Index) -> np.ndarray:
    """Position of each value in ``index`` (-1 where absent), hashed in Arrow.

    Examples
    --------
    >>> index_positions(pd.Index(["a", "b"]), pd.Series(["b", "z", "a"])).tolist()
    [1, -1, 0]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    def arrow(x) -> pa.Array:
        return pa.array(pd.Series(x, copy=False).astype(STR)).cast(pa.large_string())

    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    pos = pc.index_in(arrow(values), value_set=arrow(index))
    if pos.null_count:
        pos = pos.fill_null(-1)
    return pos.to_numpy(zero_copy_only=False).astype(np.int64)


class DataError(ValueError):
    """Bad input data.

    The message names the file, the line (1-based, as an editor shows it,
    the header being line 1), the column, the offending value, what was
    expected and, where one is obvious, how to fix it.  The same facts are
    kept as attributes so that callers can act on them.

    Examples
    --------
    >>> err = DataError("start is not a date", source="meetings.csv", line=3,
    ...                 column="start", value="tomorrow",
    ...                 expected="an ISO 8601 date-time such as 2024-03-04T10:00")
    >>> print(err)
    meetings.csv, line 3, column 'start': start is not a date: got 'tomorrow', expected an ISO 8601 date-time such as 2024-03-04T10:00
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: Any = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.source is not None:
            where.append(str(self.source))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        msg = (", ".join(where) + ": " if where else "") + self.problem
        if self.value is not None:
            msg += f": got {self.value!r}"
        if self.expected:
            msg += f", expected {self.expected}"
        if self.fix:
            msg += f". {self.fix}"
        return msg


@dataclass(frozen=True)
class Me:
    """Who the data belongs to.

    Attributes
    ----------
    name : str or None
        Display name, if known.
    emails : tuple of str
        Lower-case e-mail addresses.
    ids : tuple of str
        Other identifiers (names, profile URLs, contact ids) that mean *me*.
    how : str
        How netlib knows: ``"given"`` (the ``me=`` argument), ``"sample"``
        or ``"unknown"``.
    removed : int
        How many attendee entries were dropped because they were *me*.
    """

    name: str | None = None
    emails: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    how: str = "unknown"
    removed: int = 0

    def keys(self) -> set[str]:
        """Normalised strings that identify me (e-mails, names, ids)."""
        from netlib.identity import name_key, normalize_url

        out = {e.lower() for e in self.emails}
        for v in (self.name, *self.ids):
            if v:
                out.add(v.strip().lower())
                out.add(name_key(pd.Series([v])).iloc[0])
                if "/" in v:
                    out.add(normalize_url(pd.Series([v])).iloc[0])
        return out


@dataclass
class Network:
    """A person's professional network: who they know and when they met.

    Attributes
    ----------
    contacts : DataFrame
        Indexed by ``contact_id``; columns ``name``, ``email`` (primary,
        lower-case), ``emails`` (all, ``;``-separated), ``company``,
        ``title``, ``tags`` (lower-case, ``;``-separated), ``source``,
        ``connected_on`` (UTC), ``introduced_by``, ``inferred`` (made from an
        attendee that matched no contact), ``file`` and ``line`` (where the
        row came from).
    meetings : DataFrame
        Indexed by ``meeting_id``; columns ``start`` and ``end`` (UTC),
        ``duration_min``, ``channel`` (lower-case), ``title``, ``location``,
        ``audience`` (head count of an unlisted audience, or NaN),
        ``n_people`` (other people listed), ``mode`` (``one_to_one``,
        ``one_to_many`` or ``solo`` when nobody else is there), ``file``,
        ``line``.
    attendance : DataFrame
        ``meeting_id``, ``contact_id``: one row per other person per meeting.
        A Network built by :func:`netlib.load` makes this table on first use
        (the analyses work on :meth:`positions` and never need it).
    problems : DataFrame
        ``source``, ``line``, ``column``, ``value``, ``problem``, ``action``:
        one row per value or row skipped, cleared, defaulted or inferred.
    sources : DataFrame
        One row per file read: ``source``, ``format``, ``rows_read``,
        ``rows_kept``, ``rows_skipped``, ``detail`` (e.g. the date order used).
    me : Me
        Who the data belongs to.
    merges : DataFrame
        Every contact made of several records: ``contact_id``, ``record``,
        ``name``, ``source``, ``file``, ``line``, ``on`` (``e-mail or profile
        URL`` or ``name``: check those made on a name alone).
    """

    contacts: pd.DataFrame
    meetings: pd.DataFrame
    attendance: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: empty_problems())
    sources: pd.DataFrame = field(default_factory=lambda: pd.DataFrame())
    me: Me = field(default_factory=Me)
    merges: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["contact_id", "record", "name", "source", "file", "line", "on"]))
    _positions: tuple | None = field(default=None, repr=False, compare=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def cached(self, name: str, compute):
        """``compute(self)``, remembered until a table is replaced (derived data used by several analyses)."""
        key = (name, self._key())
        if key not in self._cache:
            self._cache = {k: v for k, v in self._cache.items() if k[1] == self._key()}
            self._cache[key] = compute(self)
        return self._cache[key]

    def codes(self, column: str) -> tuple[np.ndarray, pd.Index]:
        """``pd.factorize`` of a column of ``meetings`` (codes in row order, labels by first
        appearance), cached like :meth:`cached`: several analyses group by mode or channel.

        Examples
        --------
        >>> import netlib
        >>> codes, labels = netlib.load_sample().codes("mode")
        >>> sorted(labels)
        ['one_to_many', 'one_to_one']
        """
        return self.cached("codes:" + column, lambda net: pd.factorize(net.meetings[column]))

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Row positions of each attendance row's meeting and contact.

        Computed once and cached (recomputed if a table is replaced); the
        analyses use them to work on whole columns of integers.

        Examples
        --------
        >>> import netlib
        >>> net = netlib.load_sample()
        >>> mpos, cpos = net.positions()
        >>> bool((net.contacts.index[cpos] == net.attendance["contact_id"]).all())
        True
        """
        if self._positions is None or self._positions[0] != self._key():
            mpos = index_positions(self.meetings.index, self.attendance["meeting_id"])
            cpos = index_positions(self.contacts.index, self.attendance["contact_id"])
            self._positions = (self._key(), mpos, cpos)
        return self._positions[1], self._positions[2]

    def _key(self) -> tuple:
        att = self.__dict__.get("_attendance")
        return (id(att), id(self.meetings), id(self.contacts), self._n_attendance(), len(self.meetings), len(self.contacts))

    def _n_attendance(self) -> int:
        att = self.__dict__.get("_attendance")
        return len(att) if att is not None else len(self._positions[1])

    def _seed_positions(self, mpos: np.ndarray, cpos: np.ndarray) -> None:
        """Store positions already computed while building the Network (they are the
        attendance itself when the table was left to be made on first use)."""
        self._positions = (None, mpos, cpos)
        self._positions = (self._key(), mpos, cpos)

    def _seed_codes(self, column: str, codes: np.ndarray, labels: list[str]) -> None:
        """Store the :meth:`codes` of a meetings column known while building the Network, in
        ``pd.factorize``'s form (labels by first appearance, codes renumbered to match)."""
        order = pd.unique(codes)  # the codes present, in order of first appearance (hashed, not sorted)
        renumber = np.zeros(len(labels), dtype=np.int64)
        renumber[order] = np.arange(len(order))
        self._cache[("codes:" + column, self._key())] = (renumber[codes], pd.Index(np.asarray(labels, dtype=object)[order]))

    def __repr__(self) -> str:
        return (
            f"<Network: {len(self.contacts)} contacts, {len(self.meetings)} meetings, "
            f"{self._n_attendance()} attendances, {len(self.problems)} problems>"
        )

    @property
    def defaulted(self) -> pd.Series:
        """How many values were filled with a default, by column."""
        p = self.problems
        return p.loc[p["action"] == "defaulted", "column"].value_counts().rename("defaulted")

    def summary(self) -> pd.Series:
        """Headline counts of what was loaded.

        Returns
        -------
        Series
            ``contacts``, ``inferred_contacts``, ``meetings`` by mode,
            ``hours``, ``first_meeting``, ``last_meeting``, ``problems``.

        Examples
        --------
        >>> import netlib
        >>> net = netlib.load_sample()
        >>> s = net.summary()
        >>> int(s["contacts"]) == len(net.contacts)
        True
        """
        m = self.meetings
        out: dict[str, Any] = {
            "contacts": len(self.contacts),
            "inferred_contacts": int(self.contacts["inferred"].sum()),
            "meetings": len(m),
        }
        for mode in MODES:
            out[f"meetings_{mode}"] = int((m["mode"] == mode).sum())
        out["hours"] = round(float(m["duration_min"].sum()) / 60, 1)
        out["first_meeting"] = m["start"].min() if len(m) else pd.NaT
        out["last_meeting"] = m["start"].max() if len(m) else pd.NaT
        out["problems"] = len(self.problems)
        out["durations_defaulted"] = int(self.defaulted.get("duration_min", 0))
        return pd.Series(out, dtype=object, name="summary")


def empty_problems() -> pd.DataFrame:
    """An empty problems table with the right columns."""
    return pd.DataFrame({c: pd.Series(dtype=("Int64" if c == "line" else object)) for c in PROBLEM_COLUMNS})


def default_duration(channel: pd.Series) -> pd.Series:
    """Default meeting length in minutes for each channel.

    Matches the lower-cased channel against :data:`DEFAULT_DURATION_MIN`
    exactly, then by its last word (``"networking breakfast"`` ->
    ``"breakfast"``), then falls back to ``"other"``.

    Examples
    --------
    >>> default_duration(pd.Series(["Coffee", "networking breakfast", "??"])).tolist()
    [45.0, 60.0, 60.0]
    """
    codes, uniques = pd.factorize(channel, use_na_sentinel=False)
    # a few distinct channels, not every row
    ch = pd.Series(np.asarray(uniques, dtype=object)).fillna("").astype(str).str.strip().str.lower()
    table = pd.Series(DEFAULT_DURATION_MIN, dtype=float)
    last_word = ch.str.split().str[-1].map(table)
    per_channel = ch.map(table).fillna(last_word).fillna(table["other"]).to_numpy(dtype=float)
    return pd.Series(per_channel[codes] if len(codes) else np.zeros(0), index=channel.index, dtype=float)


def _get_attendance(net: Network) -> pd.DataFrame:
    att = net.__dict__.get("_attendance")
    if att is None:  # made on first use from the positions, which stay valid: re-key them and the cache
        if net._positions is None:
            raise ValueError("this Network was built without attendance or positions")
        old = net._key()
        _, mpos, cpos = net._positions
        att = pd.DataFrame({"meeting_id": net.meetings.index.array.take(mpos), "contact_id": net.contacts.index.array.take(cpos)},
                           copy=False)
        net.__dict__["_attendance"] = att
        new = net._key()
        net._positions = (new, mpos, cpos)
        net._cache = {(name, new if key == old else key): v for (name, key), v in net._cache.items()}
    return att


def _set_attendance(net: Network, value: pd.DataFrame | None) -> None:
    if value is None and "_attendance" in net.__dict__:
        raise ValueError("attendance must be a DataFrame with meeting_id and contact_id columns")
    net.__dict__["_attendance"] = value


# ``attendance`` stays a dataclass field (``Network(..., attendance=df)``, comparisons) read and written
# through this property, so that :func:`netlib.load` can leave the table to be made on first use.
Network.attendance = property(_get_attendance, _set_attendance, doc="``meeting_id``, ``contact_id``: one row per other person per meeting.")


def compute_mode(n_people: pd.Series, audience: pd.Series) -> pd.Series:
    """``one_to_one`` for exactly one other person, ``one_to_many`` for two or
    more or any audience, ``solo`` for nobody.

    Examples
    --------
    >>> compute_mode(pd.Series([1, 2, 0, 0]), pd.Series([None, None, 300, None])).tolist()
    ['one_to_one', 'one_to_many', 'one_to_many', 'solo']
    """
    return mode_labels(mode_codes(n_people, audience), n_people.index)


#: The modes, in the order of :func:`mode_codes`.
MODES = ["solo", "one_to_one", "one_to_many"]


def mode_labels(codes: np.ndarray, index: pd.Index) -> pd.Series:
    """The :data:`MODES` named by ``codes``, as Arrow strings."""
    return pd.Series(pd.array(MODES, dtype=STR).take(codes), index=index, name="mode")


def mode_codes(n_people: pd.Series, audience: pd.Series) -> np.ndarray:
    """:func:`compute_mode` as positions in :data:`MODES` (0 solo, 1 one_to_one, 2 one_to_many)."""
    n = n_people.to_numpy()
    aud = pd.to_numeric(audience, errors="coerce").fillna(0).to_numpy() > 0
    return np.where(aud | (n >= 2), 2, np.where(n == 1, 1, 0))


class ProblemLog:
    """Collects problem rows from every stage of loading.

    Problems are added a whole frame at a time (vectorised) or one by one;
    :meth:`frame` returns them as one table with :data:`PROBLEM_COLUMNS`.
    With ``strict=True`` the first problem raises :class:`DataError` instead.

    Examples
    --------
    >>> log = ProblemLog()
    >>> log.add("c.csv", 3, "email", "bob", "not an e-mail address", "cleared")
    >>> log.frame()[["line", "column", "action"]].values.tolist()
    [[3, 'email', 'cleared']]
    """

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        self._parts: list[pd.DataFrame] = []

    def add(
        self,
        source: str,
        line: int | None,
        column: str | None,
        value: Any,
        problem: str,
        action: str,
        expected: str | None = None,
    ) -> None:
        """Record one problem (or raise it when strict)."""
        self.add_frame(
            pd.DataFrame(
                {"source": [source], "line": [line], "column": [column], "value": [value]}
            ),
            problem,
            action,
            expected=expected,
        )

    def add_frame(
        self,
        rows: pd.DataFrame,
        problem: str | pd.Series,
        action: str,
        expected: str | None = None,
    ) -> None:
        """Record many problems at once.

        ``rows`` has columns ``source``, ``line``, ``column``, ``value``;
        ``problem`` is one text for all rows or a Series aligned with them.
        """
        if len(rows) == 0:
            return
        df = rows[["source", "line", "column", "value"]].reset_index(drop=True)
        df["source"] = df["source"].astype(object)
        df["problem"] = problem.to_numpy() if isinstance(problem, pd.Series) else problem
        df["action"] = action
        if self.strict:
            first = df.iloc[0]
            line = None if pd.isna(first["line"]) else int(first["line"])
            raise DataError(
                str(first["problem"]),
                source=first["source"],
                line=line,
                column=first["column"],
                value=first["value"],
                expected=expected,
                fix="Fix the value, or load with strict=False to skip it and see every problem in Network.problems",
            )
        self._parts.append(df)

    def frame(self) -> pd.DataFrame:
        """All problems so far as one DataFrame."""
        if not self._parts:
            return empty_problems()
        out = pd.concat([p.astype(object) for p in self._parts], ignore_index=True)
        out["line"] = pd.to_numeric(out["line"], errors="coerce").astype("Int64")
        out["value"] = out["value"].astype(object)
        return out[PROBLEM_COLUMNS]
