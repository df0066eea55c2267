"""The canonical data model: :class:`Network`, :class:`DataError` and the problems log.

Every reader turns its file into canonical frames and records what it skipped or guessed in a
:class:`ProblemLog`; :func:`netlib.load` merges them (:mod:`netlib.identity`) into one
:class:`Network`.  The tables and their columns are described in ``docs/data-model.md``; the
modes (:data:`MODES`), the default meeting lengths and tie weights, and the warm threshold are
the model's assumptions, defined here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from netlib._frozen import ReadOnlyError, _column_stamp, _columns_are, _frozen, _FrozenFrame, _same_stamp  # noqa: F401 (ReadOnlyError, _FrozenFrame: public here)
from netlib._kernels import STR, index_positions
from netlib._keys import name_key, normalize_url
from netlib._modes import CONVERSATION_CHANNELS, GROUP_CHANNELS, MODES, compute_mode, group_channel, mode_codes, mode_labels

#: Minutes of effort per e-mail the owner wrote (a netlib assumption: no study gives one figure;
#: mail only received costs none).  See :mod:`netlib.io.mail`.
EMAIL_MINUTES = 3.0
#: An e-mail to more recipients than this is a broadcast: one-to-many, touches without people.
EMAIL_BROADCAST = 10

__all__ = [
    "DataError", "ReadOnlyError", "Network", "Me", "ProblemLog", "empty_problems", "EMAIL_MINUTES", "EMAIL_BROADCAST", "CONVERSATION_CHANNELS",
    "PROBLEM_COLUMNS", "CONTACT_COLUMNS", "MEETING_COLUMNS", "STR", "MODES",
    "DEFAULT_DURATION_MIN", "DEFAULT_WEIGHTS", "WARM_THRESHOLD", "DEFAULT_HALF_LIFE_DAYS", "DAYS_PER_MONTH",
    "LONGEST_MEETING_MIN", "DEFAULT_HORIZON_DAYS", "default_duration", "compute_mode", "mode_codes", "group_channel", "GROUP_CHANNELS", "mode_labels",
    "contact_ref", "place_ref", "CONTACT_REF", "PLACE_REF",
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

#: The longest a single meeting can plausibly last, in minutes: a day.  A meeting said to last
#: longer (a duration of 10^9 minutes, an end years after its start) is a data error, not effort:
#: readers record it as a problem rather than keep it (netlib's assumption).
LONGEST_MEETING_MIN: float = 24 * 60


#: Weight of one meeting by mode (keys may also be channels, which win over
#: modes).  Composed one-to-one contact builds ties more than one-to-many
#: contact, after Burke & Kraut (2014); the exact ratio is netlib's
#: assumption.  Posts and other broadcasts with no listed attendee add to
#: nobody's strength.
DEFAULT_WEIGHTS: dict[str, float] = {"one_to_one": 1.0, "one_to_many": 0.3, "solo": 0.0}


#: A tie is *warm* while its strength is at least this: as warm as one
#: one-to-one meeting one half-life ago (netlib's assumption).
WARM_THRESHOLD = 0.5

#: Days for a tie to lose half its strength when neither the user sets a half-life nor their
#: one-to-one meetings pin one down: between Dunbar's monthly (15-layer) and yearly (150-layer)
#: contact rates, in the tie-decay model of Ahmad, Porter & Beguerisse-Díaz (arXiv:1805.00193).
DEFAULT_HALF_LIFE_DAYS = 90

#: Days ahead "going cold" looks by default: a quarter, the span a next-steps list is acted on in
#: (netlib's assumption; every page and function takes ``horizon_days``).
DEFAULT_HORIZON_DAYS = 90

#: Days in an average month (365.25 / 12): the month of every monthly figure (rates, plans, "3 months").
DAYS_PER_MONTH = 30.44


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
    found : tuple of (str, str)
        Every address of yours netlib knows, each with where it was found: ``("ada@example.org",
        "given as me")``, ``("ada@gmail.com", "sent the messages Gmail labels Sent in All mail.mbox")``...
        (see "The owner, from every source" in docs/data-model.md).
    org : tuple of str
        The domains of your organisation as given (``load(..., org=...)``); empty: found from
        your own work addresses (:func:`netlib.org.org_domains`).
    """

    name: str | None = None
    emails: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    how: str = "unknown"
    removed: int = 0
    found: tuple[tuple[str, str], ...] = ()
    org: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        """Normalised strings that identify me (e-mails, names, ids)."""
        out = {e.lower() for e in self.emails}
        for v in (self.name, *self.ids):
            if v:
                out.add(v.strip().lower())
                out.add(name_key(pd.Series([v])).iloc[0])
                if "/" in v:
                    out.add(normalize_url(pd.Series([v])).iloc[0])
        return out


#: A column a derived fact depends on: ``"meetings.start"``, ``"contacts.index"``,
#: ``"attendance"`` (both id columns)...  See :meth:`Network.cached`.
Dependency = str


class Network:
    """A person's professional network: who they know and when they met.

    Parameters
    ----------
    contacts, meetings, attendance, problems, sources, me, merges
        The attributes below; only the first three are required.

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
        ``n_people`` (other people listed), ``mode`` (one of :data:`MODES`:
        ``solo`` when nobody else is there), ``file``, ``line``.
    attendance : DataFrame
        ``meeting_id``, ``contact_id``: one row per other person per meeting.
        A Network built by :func:`netlib.load` makes this table on first use
        (the analyses work on :meth:`positions` and never need it).
    problems : DataFrame
        ``source``, ``line``, ``column``, ``value``, ``problem``, ``action``:
        one row per value or row skipped, cleared, defaulted or inferred.
    sources : DataFrame
        One row per file read: ``source``, ``format``, ``rows_read``,
        ``rows_kept``, ``rows_skipped``, ``detail`` (e.g. the date order used),
        ``exported`` (UTC: the moment the file's content shows it was written
        at or after, such as a calendar's export stamp or a mailbox's newest
        message; NaT when it shows none).  The figures are measured by default
        at the latest of these and the last meeting.
    me : Me
        Who the data belongs to.
    merges : DataFrame
        Every contact made of several records: ``contact_id``, ``record``,
        ``name``, ``source``, ``file``, ``line``, ``on`` (``e-mail or profile
        URL`` or ``name``: check those made on a name alone).

    Notes
    -----
    The tables are read-only: an edit in place raises :class:`ReadOnlyError`, and
    :meth:`replace` returns a new Network with the change.  Derived facts that several analyses use
    (meeting days, first meetings, positions, codes) are computed once per Network (:meth:`cached`).
    """

    def __init__(self, contacts: pd.DataFrame, meetings: pd.DataFrame, attendance: pd.DataFrame | None = None,
                 problems: pd.DataFrame | None = None, sources: pd.DataFrame | None = None, me: Me | None = None,
                 merges: pd.DataFrame | None = None) -> None:
        self._contacts = _frozen(contacts, "contacts")
        self._meetings = _frozen(meetings, "meetings")
        self._attendance = None if attendance is None else _frozen(attendance, "attendance")
        self._from_positions: tuple | None = None  # (positions, the attendance columns made from them)
        self.problems = empty_problems() if problems is None else problems
        self.sources = pd.DataFrame() if sources is None else sources
        self.me = Me() if me is None else me
        self.merges = pd.DataFrame(columns=MERGE_COLUMNS) if merges is None else merges
        self._facts: dict[str, tuple[tuple, Any, tuple | None]] = {}  # name -> (stamp, value, depends)

    # --- derived facts ---------------------------------------------------------------------

    def cached(self, name: str, compute, depends: tuple[Dependency, ...]):
        """``compute(self)``, remembered while the columns in ``depends`` are unchanged.

        A dependency is ``"<table>.<column>"``, ``"<table>.index"`` or ``"attendance"``.  The
        tables are read-only (an edit in place raises :class:`ReadOnlyError`), so a fact stays
        valid for this Network; a changed copy is a new Network (:meth:`replace`), which works its
        facts out again.

        Examples
        --------
        >>> import netlib
        >>> net = netlib.load_sample()
        >>> first = net.cached("n_start", lambda n: n.meetings["start"].notna().sum(), ("meetings.start",))
        >>> new = net.replace(meetings=net.meetings.assign(start=net.meetings["start"].where(net.meetings.index != net.meetings.index[0])))
        >>> bool(new.cached("n_start", lambda n: n.meetings["start"].notna().sum(), ("meetings.start",)) == first - 1)
        True
        """
        depends = tuple(depends)
        stamp = tuple(self._stamp(d) for d in depends)
        hit = self._facts.get(name)
        if hit is not None and _same_stamp(hit[0], stamp):
            return hit[1]
        value = compute(self)
        self._facts[name] = (stamp, value, depends)
        return value

    def __getstate__(self) -> dict:
        """What a pickle keeps (a report's snapshot): the tables, and each fact still valid with
        what it depends on.  A stamp names arrays by address and identity, which a copy does not
        keep: a fact travels without it and is stamped anew on arrival (:meth:`__setstate__`)."""
        state = self.__dict__.copy()
        state["_facts"] = {name: (None, value, depends) for name, (value, depends) in self.valid_facts().items()}
        return state

    def valid_facts(self) -> dict:
        """Each fact still valid, by name, as ``(value, what it depends on)``: what a pickle keeps,
        and what a report hands its pages (:func:`netlib.datasets.write_facts`)."""
        return {name: (value, depends) for name, (stamp, value, depends) in self._facts.items()
                if depends is not None and _same_stamp(stamp, tuple(self._stamp(d) for d in depends))}

    def adopt_facts(self, facts: dict) -> None:
        """Take facts worked out on another copy of this network (:meth:`valid_facts`), each stamped
        with this network's own arrays; a fact already known here is kept as it is."""
        for name, (value, depends) in facts.items():
            if name not in self._facts:
                self._facts[name] = (tuple(self._stamp(d) for d in depends), value, depends)

    def __setstate__(self, state: dict) -> None:
        """A pickled Network back, its facts stamped with its own (new) arrays.

        Examples
        --------
        >>> import pickle, netlib
        >>> net = netlib.load_sample()
        >>> _ = netlib.decay._events(net)
        >>> copy = pickle.loads(pickle.dumps(net))
        >>> netlib.decay._events(copy) is copy._facts["events"][1]  # the copy's own, not computed again
        True
        """
        facts = state.pop("_facts")
        self.__dict__.update(state)
        for name in ("contacts", "meetings", "attendance"):  # read-only again, whatever memory they were read into
            if self.__dict__.get("_" + name) is not None:
                self.__dict__["_" + name] = _frozen(self.__dict__["_" + name], name)
        self._facts = {}
        if "positions" in facts:  # first, unstamped: the attendance's stamp may read them
            _, value, depends = facts.pop("positions")
            self._facts["positions"] = ((), value, None)
            self._facts["positions"] = (tuple(self._stamp(d) for d in depends), value, depends)
        self.adopt_facts({name: (value, depends) for name, (_, value, depends) in facts.items()})

    def _stamp(self, dep: Dependency) -> tuple:
        """What identifies the current state of one dependency (see :meth:`cached`)."""
        if dep == "attendance":
            att = self._attendance
            if att is None or (self._from_positions is not None and _columns_are(att, self._from_positions[1])):
                return ("positions", self._seeded_positions())  # the table is (or is made from) these positions
            return tuple(_column_stamp(att[c]) for c in ("meeting_id", "contact_id"))
        table, _, column = dep.partition(".")
        frame = getattr(self, table)
        return ("index", frame.index) if column == "index" else _column_stamp(frame[column])

    def _seeded_positions(self):
        seed = self._facts.get("positions")
        if seed is None:
            raise ValueError("this Network was built without attendance or positions")
        return seed[1]

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
        return self.cached("codes:" + column, lambda net: pd.factorize(net.meetings[column]), ("meetings." + column,))

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
        if self._attendance is None:
            return self._seeded_positions()

        def compute(net: Network) -> tuple[np.ndarray, np.ndarray]:
            att = net._attendance
            return (index_positions(net.meetings.index, att["meeting_id"]), index_positions(net.contacts.index, att["contact_id"]))

        return self.cached("positions", compute, ("attendance", "meetings.index", "contacts.index"))

    def _seed_positions(self, mpos: np.ndarray, cpos: np.ndarray) -> None:
        """Store positions already computed while building the Network (they are the
        attendance itself when the table was left to be made on first use)."""
        self._from_positions = None
        depends = ("attendance", "meetings.index", "contacts.index")
        self._facts["positions"] = ((), (mpos, cpos), None)  # first unstamped: the attendance's stamp reads the positions
        self._facts["positions"] = (tuple(self._stamp(d) for d in depends), (mpos, cpos), depends)

    def _seed_codes(self, column: str, codes: np.ndarray, labels) -> None:
        """Store the :meth:`codes` of a meetings column known while building the Network, in
        ``pd.factorize``'s form (labels by first appearance, codes renumbered to match)."""
        order = pd.unique(codes)  # the codes present, in order of first appearance (hashed, not sorted)
        renumber = np.zeros(len(labels), dtype=np.int64)
        renumber[order] = np.arange(len(order))
        value = (renumber[codes], pd.Index(np.asarray(labels, dtype=object)[order]))
        self._facts["codes:" + column] = ((self._stamp("meetings." + column),), value, ("meetings." + column,))

    # --- tables ----------------------------------------------------------------------------

    @property
    def contacts(self) -> pd.DataFrame:
        """The contacts (read-only: see :meth:`replace`)."""
        return self._contacts

    @contacts.setter
    def contacts(self, value) -> None:
        raise ReadOnlyError("contacts")

    @property
    def meetings(self) -> pd.DataFrame:
        """The meetings (read-only: see :meth:`replace`)."""
        return self._meetings

    @meetings.setter
    def meetings(self, value) -> None:
        raise ReadOnlyError("meetings")

    def replace(self, *, contacts: pd.DataFrame | None = None, meetings: pd.DataFrame | None = None,
                attendance: pd.DataFrame | None = None, **rest) -> Network:
        """A new Network with some tables (or ``me``, ``problems``, ``sources``, ``merges``)
        replaced: the way to change a Network's data, whose tables cannot be changed in place.
        Nothing derived travels: the new Network works its facts out again from its own tables.

        Parameters
        ----------
        contacts, meetings, attendance : DataFrame, optional
            The new tables (default: this Network's).  The attendance is kept only when neither
            contacts nor meetings change, unless given.
        **rest
            ``me``, ``problems``, ``sources``, ``merges``.

        Examples
        --------
        >>> import netlib
        >>> net = netlib.load_sample()
        >>> first = net.meetings.index[0]
        >>> net.meetings.loc[first, "duration_min"] = 0.0
        Traceback (most recent call last):
        ...
        netlib.model.ReadOnlyError: A Network's tables cannot be changed in place (meetings): make a new Network with the
        change, e.g. net.replace(meetings=net.meetings.assign(...)) ...
        >>> new = net.replace(meetings=net.meetings.assign(duration_min=net.meetings["duration_min"] * 2))
        >>> float(new.meetings["duration_min"].sum()) == 2 * float(net.meetings["duration_min"].sum())
        True
        """
        unknown = set(rest) - {"me", "problems", "sources", "merges"}
        if unknown:
            raise TypeError(f"replace() takes contacts, meetings, attendance, me, problems, sources, merges; got {sorted(unknown)}")
        same_people = contacts is None and meetings is None
        if attendance is None and same_people:
            attendance = self._attendance
        if attendance is None and not same_people:
            attendance = self.attendance  # by ids: valid for the new tables as long as their ids are
        out = Network(self._contacts if contacts is None else contacts, self._meetings if meetings is None else meetings,
                      attendance, problems=rest.get("problems", self.problems), sources=rest.get("sources", self.sources),
                      me=rest.get("me", self.me), merges=rest.get("merges", self.merges))
        if attendance is None and self._attendance is None and same_people:
            out._seed_positions(*self._seeded_positions())
        for attr in ("truth",):  # a generated network's planted truth goes with it
            if hasattr(self, attr):
                setattr(out, attr, getattr(self, attr))
        return out

    @property
    def attendance(self) -> pd.DataFrame:
        """``meeting_id``, ``contact_id``: one row per other person per meeting (made on first use
        from the positions when the Network was built by :func:`netlib.load`)."""
        if self._attendance is None:
            mpos, cpos = self._seeded_positions()
            att = _frozen(pd.DataFrame({"meeting_id": self.meetings.index.array.take(mpos),
                                        "contact_id": self.contacts.index.array.take(cpos)}, copy=False), "attendance")
            self._attendance = att
            self._from_positions = ((mpos, cpos), [att[c].array for c in ("meeting_id", "contact_id")])  # the positions stay valid
        return self._attendance

    @attendance.setter
    def attendance(self, value) -> None:
        raise ReadOnlyError("attendance")

    def _n_attendance(self) -> int:
        return len(self._attendance) if self._attendance is not None else len(self._seeded_positions()[0])

    def __repr__(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (f"<Network: {n(len(self.contacts), 'contact')}, {n(len(self.meetings), 'meeting')}, "
                f"{n(self._n_attendance(), 'attendance')}, {n(len(self.problems), 'problem')}>")

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


#: Columns of ``Network.merges``.
MERGE_COLUMNS = ["contact_id", "record", "name", "source", "file", "line", "on"]


#: How problem texts name a contact and a place in a file: written by :func:`contact_ref` and
#: :func:`place_ref`, read back by :mod:`netlib.anonymize` to replace what they name.
CONTACT_REF = re.compile(r"contact \[([^\]]*)\]")
PLACE_REF = re.compile(r"\[([^\]]*)\] line (\d+)")


def contact_ref(ids):
    """How a problem text names a contact (``contact [c0042]``): ids with spaces stay whole.

    Parameters
    ----------
    ids : str or array of str
        Contact ids.

    Examples
    --------
    >>> contact_ref("name:zed quux"), CONTACT_REF.search("matched to contact [name:zed quux]").group(1)
    ('contact [name:zed quux]', 'name:zed quux')
    """
    return "contact [" + ids + "]" if isinstance(ids, str) else np.char.add(np.char.add("contact [", np.asarray(ids, dtype=str)), "]").astype(object)


def place_ref(files, lines):
    """How a problem text names a row of a file (``[contacts.csv] line 3``).

    Parameters
    ----------
    files, lines : array-like
        Files (paths may hold spaces) and editor line numbers.

    Examples
    --------
    >>> place_ref(["/my exports/c.csv"], [3]).tolist()
    ['[/my exports/c.csv] line 3']
    """
    f = np.asarray(files, dtype=str)
    return np.char.add(np.char.add(np.char.add("[", f), "] line "), np.asarray(lines).astype(str)).astype(object)


def empty_problems() -> pd.DataFrame:
    """An empty problems table with the right columns."""
    return pd.DataFrame({c: pd.Series(dtype=("Int64" if c == "line" else STR)) for c in PROBLEM_COLUMNS})


def default_duration(channel: pd.Series) -> pd.Series:
    """Default meeting length in minutes for each channel.

    Matches the lower-cased channel against :data:`DEFAULT_DURATION_MIN`
    exactly, then by its last word (``"networking breakfast"`` ->
    ``"breakfast"``), then falls back to ``"other"``.

    Parameters
    ----------
    channel : Series
        Each meeting's channel.

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
        if self.strict:
            first = rows.iloc[0]
            line = None if pd.isna(first["line"]) else int(first["line"])
            raise DataError(
                str(problem.iloc[0] if isinstance(problem, pd.Series) else problem),
                source=first["source"],
                line=line,
                column=first["column"],
                value=first["value"],
                expected=expected,
                fix="Fix the value, or load with strict=False to skip it and see every problem in Network.problems",
            )
        # each column kept as Arrow text (or a text repeated): no Python object a row, whatever the count
        n = len(rows)
        part = {c: _arrow_text(rows[c], n) for c in ("source", "column", "value")}
        part["line"] = pd.to_numeric(pd.Series(rows["line"].to_numpy()), errors="coerce").astype("Int64").array
        part["problem"] = _arrow_text(problem, n)
        part["action"] = _arrow_text(action, n)
        self._parts.append(part)

    def mark(self) -> int:
        """A bookmark: :meth:`frame` given it returns only the problems added after it."""
        return len(self._parts)

    def frame(self, since: int = 0) -> pd.DataFrame:
        """All problems so far (or those added after the :meth:`mark` ``since``) as one DataFrame
        (text columns as Arrow strings, ``line`` as nullable integers)."""
        parts = self._parts[since:]
        if not parts:
            return empty_problems()
        cols = {}
        for c in PROBLEM_COLUMNS:
            if c == "line":
                cols[c] = pd.Series(pd.array(np.concatenate([p[c] for p in parts]), dtype="Int64"), copy=False)
            else:
                cols[c] = pd.Series(pd.array(_few_chunks([p[c] for p in parts]), dtype=STR), copy=False)
        return pd.DataFrame(cols, copy=False)


def _few_chunks(arrays: list[pa.Array]) -> pa.ChunkedArray:
    """The arrays as one chunked array: a large one stays its own chunk (not copied), each run of
    small ones becomes one chunk (thousands of one-row chunks would slow every later step)."""
    chunks, run = [], []
    for a in arrays:
        if len(a) >= 65_536:
            if run:
                chunks.append(pa.concat_arrays(run))
                run = []
            chunks.append(a)
        else:
            run.append(a)
    if run:
        chunks.append(pa.concat_arrays(run))
    return pa.chunked_array(chunks, type=pa.large_string())


def _arrow_text(values, n: int) -> pa.Array:
    """``values`` (a Series, or one text for all ``n`` rows) as an Arrow ``large_string`` array,
    missing values null; numbers and times as their text."""
    if not isinstance(values, pd.Series):
        scalar = pa.scalar(None if values is None or (isinstance(values, float) and np.isnan(values)) else str(values), pa.large_string())
        return pa.repeat(scalar, n)
    if values.dtype != STR:
        values = values.astype(STR)
    arr = pa.array(values.array)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    return arr.cast(pa.large_string()) if arr.type != pa.large_string() else arr
