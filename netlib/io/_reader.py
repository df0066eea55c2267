"""What every reader shares: the :class:`Input` it reads, the :class:`Options`, the
:class:`Frames` it returns, and the contact-record builder.

A reader is a module with two functions, listed in :data:`netlib.io.READERS`:

``sniff(inp: Input) -> str | None``
    The kind of file (``"connections"``, ``"calendar"``...) when the reader recognises its
    content, else None.  Reads only the head of the file (:meth:`Input.head`), never its name.
``read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames``
    The file's canonical frames; every row skipped or value cleared goes to ``log``.

A reader may also offer, for formats that come as many small files (one card, one row each):

``together_key(inp: Input, kind: str) -> str | None``
    What a small file (at most :data:`netlib.io.SMALL_FILE_BYTES`) can be read together under:
    files in a row with the same key are handed over at once.
``read_together(inps: list[Input], kind: str, log: ProblemLog, opt: Options) -> Frames | None``
    Those files as one table, each row keeping its own file and line (``Frames.files`` and
    ``Frames.file_rows`` give each file's rows); None to have each read alone.

Adding a format is one new module with these two functions and one line in the registry.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netlib._kernels import STR, duplicated, first_item, join_list, split_list, strip
from netlib.io._text import Table, as_bytes, bytes_header, check_text_size, decode, head_lines
from netlib.model import EMAIL_MINUTES, ProblemLog

__all__ = ["Input", "Options", "Frames", "records", "column", "split_emails", "normalize_tags", "NOT_A_MEETING", "VIDEO_LINK"]

#: Why a calendar entry is not a networking meeting.  Each is left out of the meetings, never adds
#: hours, and is listed in the problems (``skipped row``, or ``left out`` for one occurrence of a
#: series that is kept) and counted per reason in ``Network.sources``.
NOT_A_MEETING = {
    "all-day": "not a networking meeting: an all-day event (a vacation, a conference day, a reminder)",
    "multi-day": "not a networking meeting: it lasts a day or more",
    "free": "not a networking meeting: marked free (not busy) in the calendar",
    "out of office": "not a networking meeting: marked out of office",
    "cancelled": "not a networking meeting: it was cancelled",
    "declined": "not a networking meeting: you declined it",
    "alone": "not a networking meeting: nobody else was there (a focus block, travel, a reminder)",
}

#: A video-call link in a calendar entry's location or description: the channel is ``video``.
VIDEO_LINK = re.compile(r"meet\.google\.com|zoom\.us|teams\.microsoft|webex\.com", re.I)


class Input:
    r"""One file as readers see it: its bytes, and its text decoded on first use.

    Parameters
    ----------
    data : bytes or mmap
        The file's bytes (a memory map for large files).
    source : str
        The name shown in problems and ``Network.sources``.
    mtime : float, optional
        When the file was last changed (seconds since 1970, from the file system or the zip
        member's header): the latest moment its data can describe (an export is written once).
    explicit : bool
        Whether the user named the file itself (not found in a folder or zip): a file named that
        cannot be used is an error; one found beside others is listed as not loaded.

    Examples
    --------
    >>> inp = Input(b"a,b\r\n1,2\r\n", "x.csv")
    >>> inp.head(1), inp.encoding
    (['a,b'], 'utf-8')
    """

    def __init__(self, data: bytes | mmap.mmap, source: str, mtime: float | None = None, explicit: bool = True) -> None:
        self.data = data
        self.source = source
        self.mtime = mtime
        self.explicit = explicit
        self.size = len(data)  #: bytes, kept once the data is let go
        self._text: str | None = None
        self._header: tuple[str | None] | None = None
        self.encoding: str | None = None

    @property
    def text(self) -> str:
        """The decoded text (see :func:`netlib.io._text.decode`), Windows line ends made ``\\n``.

        Raises :class:`~netlib.DataError` for a file that is not text."""
        if self._text is None:
            check_text_size(self.size, self.source)  # from the size: a mapped 3 GB file is never copied to be refused
            raw = as_bytes(self.data)
            text, self.encoding = decode(raw, self.source)
            self._text = text.replace("\r\n", "\n") if raw.find(b"\r") >= 0 and "\r\n" in text else text  # the bytes first: a fast look
        return self._text

    def head(self, n: int = 1) -> list[str]:
        """The first ``n`` lines of the text."""
        return head_lines(self.text, n)

    def header_bytes(self) -> str | None:
        """The first line, read from the bytes without decoding the file, when the bytes can be
        parsed as they are (:func:`netlib.io._text.bytes_header`); else None."""
        if self._header is None:
            self._header = (bytes_header(self.data) if self.data is not None else None,)
        return self._header[0]

    def release(self) -> None:
        """Let go of the bytes (or mapping) once parsed: a large file is not kept twice."""
        self.data = None


@dataclass
class Options:
    """Every reader option :func:`netlib.load` takes (see there for each); a reader receives them as ``opt``.

    ``tz``: the zone of times without an offset; ``message_minutes``: effort per LinkedIn message;
    ``day_first``: an Outlook calendar's date order; ``events``: when attendee lists' events were;
    ``email_minutes`` and ``email_one_way``: how mail becomes interactions (:mod:`netlib.io.mail`).
    """

    tz: str = "UTC"
    message_minutes: float = 5.0
    day_first: bool | None = None
    events: dict | None = None
    email_minutes: float = EMAIL_MINUTES
    email_one_way: bool = False


@dataclass
class Frames:
    """What a reader returns: canonical frames and its row accounting.

    Attributes
    ----------
    format : str
        The format's name as the user reads it (``"LinkedIn connections"``).
    contacts : DataFrame, optional
        Contact records (:func:`records`).
    meetings : DataFrame, optional
        Meetings in the columns of ``Network.meetings`` plus ``meeting_id``.
    tokens : DataFrame, optional
        One row per attendee written in a meeting: ``mrow`` (the meeting's row), ``token``
        (id, address or name), ``line``, optionally ``name`` (a display name).
    rows_read : int
        Data rows (or records) read: each is kept or in the problems.
    owner_listed : bool
        Whether attendee lists include the data's owner (calendars, messages), so that the owner
        can be inferred from them.
    rules : DataFrame, optional
        Identity rules (``this``, ``that``, ``relation``).
    hints : list of str
        Who the files name as their owner (calendar organizer, message direction).
    detail : str
        How the file was read, shown in ``Network.sources``.
    files : list of str, optional
        For small files read together as one table (:func:`netlib.io.canonical.read_together`):
        each file's name, in order.  Every frame's ``file`` column says which row came from which.
    file_rows : ndarray, optional
        With ``files``: each file's data rows.
    mail : (DataFrame, DataFrame), optional
        E-mail, headers only (:mod:`netlib.io.mail`): one row per message, and one per address on
        a message (``msg``: its row); made into interactions once every mail file is read.
    exported : Timestamp, optional
        The moment (UTC) the file's content shows it was written at or after, beyond the dates of
        the meetings it holds: a calendar's export stamp, the newest connection date of a LinkedIn
        export, the newest message of a mailbox (newsletters too).  Never the file's modification
        time.  ``Network.sources["exported"]``; the default ``as_of`` is the latest of these and
        the last meeting.  With ``files``: a dict, each file's own.
    """

    format: str
    contacts: pd.DataFrame | None = None
    meetings: pd.DataFrame | None = None
    tokens: pd.DataFrame | None = None
    rows_read: int = 0
    owner_listed: bool = True  # attendee lists include the data's owner (calendars, messages)
    rules: pd.DataFrame | None = None
    hints: list = field(default_factory=list)
    detail: str = ""
    files: list | None = None
    file_rows: np.ndarray | None = None
    mail: tuple[pd.DataFrame, pd.DataFrame] | None = None
    exported: pd.Timestamp | dict | None = None


def newest(times) -> pd.Timestamp | None:
    """The latest of ``times`` (UTC; missing ones ignored) no later than a day past now, for
    :attr:`Frames.exported`; None when there is none.  A date past tomorrow is a typo or a wrong
    clock, never evidence of when a file was written.

    Examples
    --------
    >>> newest(pd.Series(pd.to_datetime(["2024-06-19", None, "9999-01-01"], utc=True, format="ISO8601", errors="coerce")))
    Timestamp('2024-06-19 00:00:00+0000', tz='UTC')
    >>> newest(pd.Series([], dtype="datetime64[ns, UTC]")) is None
    True
    """
    t = pd.to_datetime(pd.Series(times), utc=True, errors="coerce")
    t = t[plausible(t)]
    return t.max().as_unit("ns") if len(t) and t.notna().any() else None


def plausible(times: pd.Series) -> pd.Series:
    """Whether each UTC time could witness when a file was written: no later than a day past now."""
    return times <= pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)


def column(df: pd.DataFrame, name: str) -> pd.Series:
    """A column of a parsed file as trimmed Arrow strings, or empty strings where the file has none."""
    if name in df.columns:
        return strip(df[name])
    return pd.Series("", index=df.index, dtype=STR)


def records(table: Table, log: ProblemLog, *, name: pd.Series, emails: pd.Series, company: pd.Series, title: pd.Series,
            url: pd.Series, connected: pd.Series, source: str, tags: pd.Series | None = None,
            skip: np.ndarray | None = None, email_column: str = "email") -> pd.DataFrame:
    """Contact records in the shape :func:`netlib.identity.merge_contacts` takes (shared by every contacts reader)."""
    e = split_emails(emails, table, log, column=email_column)
    keep = np.ones(len(table.data), dtype=bool) if skip is None else ~skip
    out = pd.DataFrame(
        {
            "rid": table.source + ":" + pd.Series(table.line).astype(str),
            "contact_id": "",
            "name": name.to_numpy(),
            "emails": e["emails"].to_numpy(),
            "company": company.to_numpy(),
            "title": title.to_numpy(),
            "tags": (tags if tags is not None else pd.Series("", index=name.index)).to_numpy(),
            "source": source,
            "connected_on": connected.to_numpy(),
            "introduced_by": "",
            "url": url.to_numpy(),
            "inferred": False,
            "file": table.source,
            "line": table.line,
        }
    )
    return out.loc[keep].reset_index(drop=True)


_EMAIL = r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$"


def split_emails(values: pd.Series, table: Table, log: ProblemLog, column: str = "email") -> pd.DataFrame:
    """Split ``;``-separated e-mail cells, lower-case them, clear invalid ones.

    Returns a frame with ``email`` (the first valid address) and ``emails``
    (all valid addresses joined with ``;``), aligned with ``values``.
    """
    values = values.astype(STR)
    if not (values.fillna("") != "").any():  # no address at all (a file without the column): nothing to split
        return pd.DataFrame({"emails": pd.Series("", index=values.index, dtype=STR), "email": pd.Series("", index=values.index, dtype=STR)})
    row, parts = split_list(values.str.replace(",", ";", regex=False), ";")
    parts = parts.str.lower()
    valid = parts.str.match(_EMAIL).to_numpy(dtype=bool)
    if (~valid).any():
        log.add_frame(
            pd.DataFrame({"source": table.source_of(row[~valid]), "line": table.line[row[~valid]], "column": column,
                          "value": parts[~valid].to_numpy(dtype=object)}),
            "not an e-mail address: the value was cleared",
            "cleared",
            expected="an address like name@example.org",
        )
    row, parts = row[valid], parts[valid].reset_index(drop=True)
    if (row[1:] != row[:-1]).all():  # no cell holds two addresses: none can repeat one
        again = np.zeros(len(row), dtype=bool)
    else:
        code = pd.factorize(parts)[0]
        again = duplicated(row * (code.max(initial=0) + 1) + code)  # the same address twice in one cell
    out = pd.DataFrame(index=values.index)
    out["emails"] = join_list(row[~again], parts[~again], len(values), ";").array
    out["email"] = first_item(out["emails"], ";")
    return out


def normalize_tags(values: pd.Series) -> pd.Series:
    """Lower-case, trim and ``;``-join tags.

    Examples
    --------
    >>> normalize_tags(pd.Series([" Prospect ; investor;", ""])).tolist()
    ['prospect;investor', '']
    """
    s = values.astype(STR).fillna("")
    if not (s != "").any():  # no tags at all (most files): nothing to normalise
        return s
    s = s.str.lower().str.replace(r"\s*;\s*", ";", regex=True)
    return s.str.replace(r";{2,}", ";", regex=True).str.strip("; ")
