"""One load, step by step: :class:`_Loader` behind :func:`netlib.load` and :func:`netlib.from_frames`.

The steps, one method each: gather the inputs (:func:`netlib.io._inputs.gather`), read each file with
its reader (a run of small files of one kind as one table), collect what the readers return, resolve
who the owner is (and make the mail into interactions, every mailbox at once), check that something
loaded, and assemble the Network (:mod:`netlib.io._assemble`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd

from netlib import identity
from netlib.io import _assemble, mail
from netlib.io._inputs import gather
from netlib.io._reader import Frames, Input, Options, plausible
from netlib.io._registry import OWN_FILES, read_as, sniff, together_key
from netlib.model import DataError, Me, Network, ProblemLog


class _Loader:
    """What one load reads and collects, and its steps (:meth:`run` runs them in order).

    Parameters
    ----------
    opt : Options
        Every reader option.
    log : ProblemLog
        Receives every problem.
    merge : bool
        As for :func:`netlib.load`.
    org : tuple of str
        Your organisation's mail domains, as checked by :func:`netlib.org.org_arg` (empty: found later).
    small_file, small_files, max_member : int
        :data:`netlib.io.SMALL_FILE_BYTES`, :data:`netlib.io.SMALL_FILES_BYTES` and
        :data:`netlib.io.MAX_MEMBER_BYTES` as they are when the load starts.
    """

    def __init__(self, opt: Options, log: ProblemLog, *, merge: bool = True, org: tuple[str, ...] = (), small_file: int, small_files: int,
                 max_member: int) -> None:
        self.opt, self.log, self.merge, self.org = opt, log, merge, org
        self.small_file, self.small_files, self.max_member = small_file, small_files, max_member
        # what the readers returned, in the order of the files
        self.src_rows: list[dict] = []  # one per file: Network.sources
        self.contacts: list[pd.DataFrame] = []
        self.meetings: list[pd.DataFrame] = []
        self.tokens: list[pd.DataFrame] = []  # one per meetings frame; ``src``: each token's row in src_rows
        self.listed: list[bool] = []  # per meetings frame: whether its attendee lists include the owner
        self.owner_tokens: list[pd.DataFrame] = []  # the tokens of those frames (the same frames)
        self.rules: list[pd.DataFrame] = []
        self.hints: list = []
        self.mail: list[tuple[pd.DataFrame, pd.DataFrame]] = []  # made into interactions once every mail file is read
        # a run of small files that one reader reads as one table (see flush)
        self.batch: list[Input] = []
        self.batch_key: tuple | None = None
        self.batch_bytes = 0

    def run(self, sources: Iterable[str | os.PathLike], me) -> Network:
        """Every step in turn: the Network of ``sources``, owned by ``me`` (as given to :func:`netlib.load`)."""
        for inp, explicit in gather(sources, self.log, self.max_member):  # one file at a time: each file's bytes are let go once read
            self.read(inp, explicit)
        self.flush()
        return self.finish(me, sources)

    # --- reading ---------------------------------------------------------------------------

    def read(self, inp: Input, explicit: bool) -> None:
        """One file: recognised, then read at once, or kept for the run of small files it belongs to."""
        found = sniff(inp, explicit)
        key = together_key(inp, *found, self.small_file) if isinstance(found, tuple) else None
        if key is not None and key == self.batch_key and self.batch_bytes + inp.size <= self.small_files:
            self.batch.append(inp)
            self.batch_bytes += inp.size
            return
        self.flush()
        if key is not None:  # the first of a run of small files of one kind
            self.batch, self.batch_key, self.batch_bytes = [inp], key, inp.size
        elif isinstance(found, tuple):
            self.collect(read_as(*found, [inp], self.log, self.opt), inp.source)
        else:
            self.not_recognised(inp, found, explicit)

    def flush(self) -> None:
        """Read the files waiting to be read together: as one table, or (when their bytes together
        are not one regular table) each alone."""
        if self.batch:
            reader, kind = self.batch_key[:2]
            frames = read_as(reader, kind, self.batch, self.log, self.opt)
            if frames is not None:
                self.collect(frames, self.batch[0].source)
            else:
                for inp in self.batch:
                    self.collect(read_as(reader, kind, [inp], self.log, self.opt), inp.source)
        self.batch, self.batch_key, self.batch_bytes = [], None, 0

    def not_recognised(self, inp: Input, why: str | None, explicit: bool) -> None:
        """A file no reader recognises (``why``: the reason, for a file that is not text at all): an
        error when named explicitly, else listed as not loaded."""
        if isinstance(why, str):  # found in a folder or zip, and not text at all
            self.log.add(inp.source, None, None, None, f"{why}: the file was not loaded", "not loaded")
            self.src_rows.append({"source": inp.source, "format": "not recognised", "rows_read": 0, "detail": why})
            return
        if explicit:
            raise DataError(
                "not a format netlib recognises",
                source=inp.source,
                line=1,
                expected="a LinkedIn, Google, Outlook, iCalendar, vCard, Eventbrite or Meetup export, or netlib's own CSVs",
                fix="See docs/data-model.md for netlib's own columns",
            )
        self.log.add(inp.source, None, None, None, "not a format netlib recognises: the file was not loaded", "not loaded")
        self.src_rows.append({"source": inp.source, "format": "not recognised", "rows_read": 0, "detail": ""})

    # --- collecting --------------------------------------------------------------------------

    def collect(self, frames: Frames, source: str) -> None:
        """What a reader returned for one file (``source``) or for several small files read together."""
        files = frames.files or [source]
        rows = frames.file_rows if frames.files else [frames.rows_read]
        first = len(self.src_rows)  # the files' rows in Network.sources start here
        if frames.mail is not None:  # messages: made into interactions once every mail file is read
            msgs, people = frames.mail
            self.mail.append((msgs.assign(src=_source_rows(msgs["file"], files, first)), people))
        self.contacts.extend([frames.contacts] if frames.contacts is not None else [])
        self.rules.extend([frames.rules] if frames.rules is not None else [])
        self.hints.extend(frames.hints)
        if frames.meetings is not None:
            t = frames.tokens  # adjusted in place: copying millions of tokens is the costly part
            if frames.files:  # each attendee's file: the file of its meeting
                t["src"] = _source_rows(frames.meetings["file"], files, first)[t["mrow"].to_numpy()].astype(np.int32)
            else:
                t["src"] = np.int32(first)
            self.add_meetings(frames.meetings, t, frames.owner_listed)
        shown = _mail_moments(frames.mail[0]) if frames.mail is not None else \
            frames.exported if isinstance(frames.exported, dict) else dict.fromkeys(files, frames.exported)
        self.src_rows.extend({"source": f, "format": frames.format, "rows_read": int(n), "detail": frames.detail,
                              "exported": shown.get(f)} for f, n in zip(files, rows, strict=True))

    def add_meetings(self, meetings: pd.DataFrame, tokens: pd.DataFrame, owner_listed: bool) -> None:
        """A meetings frame and its attendee tokens (``mrow`` moved past the meetings before it, in place)."""
        offset = sum(len(x) for x in self.meetings)
        self.meetings.append(meetings)
        self.listed.append(owner_listed)
        if offset:
            tokens["mrow"] += offset
        self.tokens.append(tokens)
        if owner_listed:
            self.owner_tokens.append(tokens)

    # --- the owner, the mail ---------------------------------------------------------------

    def owner(self, me) -> tuple:
        """The owner from ``me`` and the calendars and conversations (each names its owner: they are in
        every entry), before the mail is made into interactions: (the owner, the owner inferred from the
        files).  ``me`` as it was when nothing shows an owner.  A ``me`` is checked against every file
        that shows it, the mailboxes' addresses too."""
        if not (self.owner_tokens or self.hints or self.mail) and me is None:
            return me, Me()
        owner_t = pd.concat(self.owner_tokens, ignore_index=True) if self.owner_tokens else pd.DataFrame(columns=["mrow", "token", "name"])
        if len(owner_t) and "src" in owner_t:  # each file by its name: Me.found says where the owner was found
            owner_t["src"] = np.asarray([r["source"] for r in self.src_rows], dtype=object)[owner_t["src"].to_numpy()]
        inferred = identity.infer_me(owner_t, self.hints) if self.owner_tokens or self.hints else Me()
        if me is None:
            return inferred, inferred
        if not isinstance(me, Me) and (self.owner_tokens or self.hints or self.mail):  # files that show their owner: check and complete
            return identity.complete_me(identity.make_me(me), inferred, owner_t, self._records(), self.log), inferred
        return me, inferred

    def _records(self) -> pd.DataFrame | None:
        """Every contact record's name, addresses and profile, and every address on the mail once:
        what a given ``me`` is checked against."""
        records = [c[["name", "emails", "url"]] for c in self.contacts]
        for _, people in self.mail:
            p = people.drop_duplicates("token")
            records.append(pd.DataFrame({"name": p["name"].astype(str).to_numpy(), "emails": p["token"].astype(str).str.lower().to_numpy(),
                                         "url": ""}))
        return pd.concat(records, ignore_index=True) if records else None

    def interactions(self, me, inferred: Me):
        """Every mailbox's messages as interactions, together (a thread's two ways may be in two files,
        Inbox and Sent), once the owner is known: the owner with each mailbox's owner joined
        (:func:`netlib.io.mail.owners`, :func:`netlib.identity.join_owner`)."""
        msgs, people = mail.concat(self.mail)
        self.mail.clear()
        me = identity.make_me(me)
        found = mail.owners(msgs, people, me.keys() | inferred.keys())
        me = identity.join_owner(me, found, inferred)
        meetings, tokens, _ = mail.interactions(msgs, people, self.log, self.opt, me.keys(), found)
        del msgs, people
        if len(meetings):
            self.add_meetings(meetings, tokens, False)
        return me

    # --- the Network ------------------------------------------------------------------------

    def finish(self, me, sources: Iterable = ()) -> Network:
        """The owner resolved, the mail made into interactions, and the Network assembled (an error
        when nothing loaded, naming ``sources``)."""
        me, inferred = self.owner(me)
        if self.mail:
            me = self.interactions(me, inferred)
        self.check_loaded(sources)
        self.owner_tokens.clear()  # the token lists live on only in `tokens`, which assemble empties once resolved
        net = self.assemble(me)
        if self.org:  # the organisation as given (netlib.org); else found from your own addresses
            net.me = replace(net.me, org=self.org)
        return net

    def check_loaded(self, sources: Iterable) -> None:
        """Raise when no file was recognised, or when nothing at all loaded (saying why, if a file was unusable)."""
        no_data = ("not recognised", *(own.FORMAT for own in OWN_FILES))  # netlib's truth.json and share.toml are no data
        if not any(r["format"] not in no_data for r in self.src_rows):
            raise DataError("no file in " + ", ".join(map(str, sources)) + " is a format netlib recognises",
                            expected="contacts, calendar, message or event exports")
        if not any(len(x) for x in self.contacts) and not any(len(x) for x in self.meetings):
            p = self.log.frame()
            unusable = p[(p["action"] == "not loaded") & p["problem"].str.startswith("no usable row")]
            if len(unusable):
                raise DataError(unusable["problem"].iloc[0].removesuffix(": the file was not loaded"), source=unusable["source"].iloc[0],
                                fix="Fix the rows listed, or check that these are the files you meant")

    def assemble(self, me) -> Network:
        """Merge every reader's contact records, drop the owner and duplicate meetings, leave out what is
        no meeting, resolve the attendees and build the Network (:mod:`netlib.io._assemble`)."""
        log, me = self.log, identity.make_me(me)
        rules = pd.concat(self.rules, ignore_index=True) if self.rules else None
        c, aliases, merges = _assemble.contact_table(self.contacts, log, self.merge, rules)
        c, me = _assemble.drop_me(c, me, log)
        m, owner_listed, newpos = _assemble.meeting_table(self.meetings, self.listed, log)
        t = _assemble.token_table(self.tokens, newpos, [r["source"] for r in self.src_rows])
        m, t = _assemble.leave_out(m, t, owner_listed, me, log)
        c, mpos, cpos, me = identity.resolve_attendees(c, t, me, log, aliases)
        del t
        self.tokens.clear()  # millions of attendee tokens, no longer needed: freed before the attendance table is built
        c = identity.check_introductions(c, log, aliases)
        net = _assemble.finish(c, m, mpos, cpos, log, me, self.src_rows)
        if merges is not None:
            net.merges = merges
        return net


def _mail_moments(msgs: pd.DataFrame) -> dict:
    """Each mail file's newest message date (every readable message: a newsletter too shows the
    mailbox ran to then), for ``Network.sources["exported"]``."""
    when = pd.Series(pd.to_datetime(msgs["when"], utc=True).array, index=pd.Index(msgs["file"].to_numpy(dtype=object)))
    when = when[plausible(when)]
    return when.groupby(level=0).max().to_dict()


def _source_rows(file_column, files: list[str], first: int) -> np.ndarray:
    """Each row's place in the sources table, from its file (``files`` start at row ``first``)."""
    codes = pd.Categorical(file_column, categories=pd.unique(np.asarray(files, dtype=object))).codes
    return first + codes.astype(np.int64)  # int8 codes for a few files: the sum must not wrap past 127
