"""Readers: files the user exported -> one validated :class:`~netlib.model.Network`.

:func:`load` takes files and folders, recognises each file's format from its
content (never its name), reads it into the canonical frames, then hands them
to :mod:`netlib.identity` and :mod:`netlib.model`.

The rooms: :mod:`netlib.io._inputs` (the files given, as inputs), :mod:`netlib.io._registry`
(:data:`READERS`, and one file read with the first reader that recognises it), :mod:`netlib.io._load`
(one load, step by step), :mod:`netlib.io._assemble` (the Network's tables) and :mod:`netlib.io._write`
(:func:`write_csv`).
"""

from __future__ import annotations

import mmap
import os

import numpy as np
import pandas as pd

from netlib.io import canonical
from netlib.io._inputs import _unpack  # noqa: F401 (importable here as before; load reads files through netlib.io._inputs)
from netlib.io._load import _Loader
from netlib.io._reader import Frames, Input, Options
from netlib.io._registry import READERS, read
from netlib.io._text import Table, read_path  # noqa: F401 (read_path: as _unpack)
from netlib.io._write import _spreadsheet_safe, write_csv  # noqa: F401 (_spreadsheet_safe: for netlib.present)
from netlib.model import EMAIL_MINUTES, Me, Network, ProblemLog

__all__ = ["load", "read_file", "from_frames", "write_csv", "READERS", "Input", "Options", "Frames"]

write_csv.__module__ = __name__  # its public home

#: Files of at most SMALL_FILE_BYTES that one reader can read together (a folder of 10,000 one-card
#: vCards, or of 10,000 one-row CSVs) are read as one table, SMALL_FILES_BYTES at most at a time.
SMALL_FILE_BYTES = 1 << 20
SMALL_FILES_BYTES = 64 << 20
#: The largest zip member netlib unpacks (into memory): checked from the member's header before any
#: byte is unpacked, and the unpacking stops there whatever the header said.  A larger member (a
#: video, a 6 GB mailbox in a Takeout zip) is listed as not loaded: unzipped, it loads as a file,
#: which netlib maps instead of reading.
MAX_MEMBER_BYTES = 1 << 30
# (each load reads the three limits here when it starts: setting them on netlib.io changes the next load)


def read_file(data: bytes | mmap.mmap, source: str, log: ProblemLog, opt: Options | None = None) -> Frames | None:
    r"""Read one file's bytes with the first reader in :data:`READERS` that recognises them (None if none does).

    Parameters
    ----------
    data : bytes or mmap
        The file's bytes.
    source : str
        The name shown in problems.
    log : ProblemLog
        Receives every row skipped and value cleared.
    opt : Options, optional
        Reader options (:class:`netlib.io.Options`).

    Examples
    --------
    >>> from netlib.model import ProblemLog
    >>> read_file(b"contact_id,name\nc1,Ada\n", "c.csv", ProblemLog()).format
    'netlib contacts'
    """
    return read(Input(data, source), log, opt or Options())


def load(*sources: str | os.PathLike, me: str | list[str] | Me | None = None, tz: str = "UTC", strict: bool = False,
         merge: bool = True, message_minutes: float = 5.0, day_first: bool | None = None, events: dict | None = None,
         email_minutes: float = EMAIL_MINUTES, email_one_way: bool = False, org: str | list[str] | None = None) -> Network:
    """Load exported files and folders into one :class:`~netlib.Network`.

    Recognises, from each file's content: netlib's ``contacts.csv`` and
    ``meetings.csv``; LinkedIn ``Connections.csv``, ``messages.csv`` and
    ``Invitations.csv`` (also inside the export's ``.zip``); Google Contacts
    CSV (current and legacy); Outlook contacts CSV and calendar CSV; e-mail (mbox, ``.eml``,
    Maildir: headers only);
    iCalendar ``.ics``; vCard ``.vcf``; Eventbrite and Meetup attendee lists.
    The same person in several files becomes one contact
    (:func:`netlib.identity.merge_contacts`; see ``Network.merges``).

    Parameters
    ----------
    *sources : path
        Files, folders (every file inside is tried), or zip archives.
    me : str or list of str, optional
        Who the data belongs to: e-mail addresses, names, profile URLs or
        contact ids.  When not given it is inferred from calendars and
        messages (``Network.me.how`` says how).  *Me* is never a contact nor
        an attendee.
    tz : str
        IANA time zone in which times without a UTC offset are read.
    strict : bool
        Raise :class:`~netlib.DataError` at the first bad row or value
        instead of skipping it and recording it in ``Network.problems``.
    merge : bool
        Also merge records that share only a name (never when e-mail
        addresses, profiles or companies conflict).  False keeps them apart.
        To correct single cases, add a CSV with the columns ``this``,
        ``that``, ``relation`` (``same`` or ``different``) to the sources;
        each side is an e-mail address, a profile URL, a contact id or a name.
    message_minutes : float
        Minutes of effort per LinkedIn message (default 5, an assumption).
    day_first : bool, optional
        Whether an Outlook calendar's dates put the day first; detected from
        the file when it can be.
    events : dict, optional
        For attendee lists that do not say when their event was: file name
        -> ``{"start": ..., "title": ..., "duration_min": ...}``.
    email_minutes : float
        Minutes of effort per e-mail you wrote (a netlib assumption; mail only received costs
        none).  See :mod:`netlib.io.mail`.
    email_one_way : bool
        Count e-mail counterparts that mail went to or came from only one way (newsletters, cold
        outreach) as relationships too.
    org : str or list of str, optional
        The mail domains of your organisation (``acme.com``; subdomains count too): contacts with
        an address there are your colleagues, and a meeting with colleagues only is internal work,
        not networking (:mod:`netlib.org`).  Default: the domains of your own work addresses,
        never a public mail domain such as gmail.com (``Network.me.org`` keeps what is given).

    Returns
    -------
    Network

    Raises
    ------
    FileNotFoundError
        A path does not exist.
    DataError
        A file named explicitly is not a recognised format, is empty, is not
        text, misses a required column or has no usable row; with
        ``strict=True``, any bad row or value.

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load(netlib.datasets.sample_path())
    >>> net.sources[["format", "rows_read", "rows_kept", "rows_skipped"]].sum(numeric_only=True).tolist()[0] > 0
    True
    """
    if not sources:
        raise TypeError("load() needs at least one file or folder; for the sample data use netlib.load_sample()")
    from netlib import _params
    from netlib.org import org_arg

    tz = _params.timezone("load", "tz", tz)  # before any file is read: an unknown zone, not a traceback
    org = org_arg("load", org)  # checked before any file is read too
    opt = Options(tz=tz, message_minutes=message_minutes, day_first=day_first, events=events, email_minutes=email_minutes,
                  email_one_way=email_one_way)
    return _loader(opt, ProblemLog(strict), merge=merge, org=org).run(sources, me)


def _loader(opt: Options, log: ProblemLog, merge: bool = True, org: tuple[str, ...] = ()) -> _Loader:
    """A load's :class:`~netlib.io._load._Loader`, with the limits above as they are now."""
    return _Loader(opt, log, merge=merge, org=org, small_file=SMALL_FILE_BYTES, small_files=SMALL_FILES_BYTES, max_member=MAX_MEMBER_BYTES)


def from_frames(
    contacts: pd.DataFrame,
    meetings: pd.DataFrame,
    *,
    me: str | list[str] | Me | None = None,
    tz: str = "UTC",
    strict: bool = False,
    source: str = "<memory>",
) -> Network:
    """Build a Network from canonical frames held in memory.

    The frames have the columns of ``contacts.csv`` and ``meetings.csv``
    (``docs/data-model.md``) and go through exactly the checks a file does;
    ``line`` in the problems is the row's position plus 2, as if the frame
    were written to CSV with a header.

    Parameters
    ----------
    contacts, meetings : DataFrame
        Frames with the columns of ``contacts.csv`` and ``meetings.csv``.
    me, tz, strict
        As for :func:`load`.
    source : str
        The name shown in problems (``<source>:contacts``, ``<source>:meetings``).

    Examples
    --------
    >>> c = pd.DataFrame({"contact_id": ["a"], "name": ["Ada"]})
    >>> m = pd.DataFrame({"meeting_id": ["m1"], "start": ["2024-01-02T10:00Z"], "duration_min": [30], "attendees": ["a"]})
    >>> from_frames(c, m).meetings["mode"].tolist()
    ['one_to_one']
    """
    from netlib import _params

    _params.instance("from_frames", "contacts", contacts, pd.DataFrame, "a DataFrame with the columns of contacts.csv")
    _params.instance("from_frames", "meetings", meetings, pd.DataFrame, "a DataFrame with the columns of meetings.csv")
    tz = _params.timezone("from_frames", "tz", tz)
    log = ProblemLog(strict)
    cs, ms = source + ":contacts", source + ":meetings"
    c = canonical.read_contacts(_frame_table(contacts, cs), log, tz)
    m, t = canonical.read_meetings(_frame_table(meetings, ms), log, tz)
    loader = _loader(Options(tz), log)
    loader.collect(Frames("netlib contacts", contacts=canonical.contact_records(c), rows_read=len(contacts)), cs)
    loader.collect(Frames("netlib meetings", meetings=m, tokens=t, rows_read=len(meetings), owner_listed=False), ms)
    return loader.finish(me)


def _frame_table(df: pd.DataFrame, name: str) -> Table:
    """A frame held in memory as the table a canonical CSV of it would be: text cells, lines from 2."""
    data = df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)
    return Table(data, np.arange(len(data), dtype=np.int64) + 2, name, 1, len(data))
