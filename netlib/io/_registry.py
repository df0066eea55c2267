"""The readers' registry, :data:`READERS`, and one file (or a run of small files) read with the first
reader that recognises it; the row accounting every read is checked against."""

from __future__ import annotations

import json

from netlib.io import canonical, events, google, ical, linkedin, mail, outlook, rules, vcard
from netlib.io._reader import Frames, Input, Options
from netlib.io._text import GUESSED_ENCODINGS
from netlib.model import DataError, ProblemLog

#: The readers, tried in this order on each file's content (see :mod:`netlib.io._reader` for the
#: interface).  netlib's own CSVs and e-mail come first: they are recognised from their bytes,
#: undecoded (a mailbox of 10 GB is never decoded to be recognised).
READERS = (canonical, mail, rules, ical, vcard, linkedin, google, outlook, events)


class NetlibTruth:
    """netlib's own ``truth.json``, which ``netlib sample`` writes beside the CSVs it generates: the
    planted values the analyses can be checked against, not data.  Found in a folder, it is listed in
    ``Network.sources`` as netlib's own (no row read, no problem); named by itself, it is an error
    that says which files to load.  Any other file no reader recognises is still a problem.

    Recognised from its content (as every reader recognises its files, never from the name): a JSON
    object holding every key of :data:`KEYS`, ``me`` with the owner's address, as
    :func:`netlib.datasets.write_sample` writes it; or a team's, every key of :data:`TEAM_KEYS`
    with each member's address, as :func:`netlib.datasets.write_team_sample` writes it.

    Examples
    --------
    >>> truth = b'{"seed": 7, "persona": "consultant", "me": {"name": "A", "email": "a@b.example"}, ' \\
    ...         b'"half_life_days": 75, "weights": {}, "segment_share_by_first_met": {}}'
    >>> NetlibTruth.sniff(Input(truth, "truth.json"))
    'planted truth'
    >>> NetlibTruth.sniff(Input(b'{"seed": 7}', "other.json")) is None
    True
    """

    #: The keys every planted truth netlib writes holds (``netlib.datasets.generate``'s ``Network.truth``).
    KEYS = frozenset({"seed", "persona", "me", "half_life_days", "weights", "segment_share_by_first_met"})
    #: The keys of the team sample's truth.json (``netlib sample --team``), ``members`` each with an address.
    TEAM_KEYS = frozenset({"team", "seed", "members", "overlaps", "best_introducers", "sole_held"})
    #: The format's name in ``Network.sources``.
    FORMAT = "netlib planted truth (not data)"
    #: The largest truth file netlib writes is a few kilobytes; anything much larger is not one.
    MAX_BYTES = 1 << 20

    @staticmethod
    def sniff(inp: Input) -> str | None:
        """``"planted truth"`` for netlib's ``truth.json``, else None (from the first bytes: cheap for any other file)."""
        if inp.data is None or not 0 < inp.size <= NetlibTruth.MAX_BYTES or bytes(inp.data[:64]).lstrip()[:1] != b"{":
            return None
        try:
            obj = json.loads(bytes(inp.data).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if isinstance(obj, dict) and obj.keys() >= NetlibTruth.KEYS and isinstance(obj["me"], dict) and "email" in obj["me"]:
            return "planted truth"
        if (isinstance(obj, dict) and obj.keys() >= NetlibTruth.TEAM_KEYS and isinstance(obj["members"], dict) and obj["members"]
                and all(isinstance(m, dict) and "email" in m for m in obj["members"].values())):
            return "planted truth"  # a team's
        return None

    @staticmethod
    def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
        """No rows: the truth is netlib's own record of what it planted (an error when named by itself)."""
        if inp.explicit:
            raise DataError("this is the planted truth netlib sample wrote, not data: netlib reads it only to check its "
                            "analyses (netlib.load_sample, Network.truth)", source=inp.source,
                            fix="Load the folder, or the contacts.csv and meetings.csv beside it")
        return Frames(NetlibTruth.FORMAT, rows_read=0, detail="what netlib sample planted, for checking the analyses: not loaded as data")


class NetlibShare:
    """A team member's ``share.toml`` (:func:`netlib.load_team`): what the member lets the rest of the
    team see of their contacts, not data.  Found in a member's folder, it is listed in
    ``Network.sources`` as netlib's own (no row read, no problem); named by itself, it is an error.

    Recognised from its content: a small TOML document whose only key is ``share``.

    Examples
    --------
    >>> NetlibShare.sniff(Input(b'share = "names"\\n', "share.toml"))
    'team share setting'
    >>> NetlibShare.sniff(Input(b'name = "x"\\n', "other.toml")) is None
    True
    """

    #: The format's name in ``Network.sources``.
    FORMAT = "netlib team share setting (not data)"
    #: A share setting is one line; anything much larger is not one.
    MAX_BYTES = 4096

    @staticmethod
    def sniff(inp: Input) -> str | None:
        """``"team share setting"`` for a member's ``share.toml``, else None."""
        import tomllib

        if inp.data is None or not 0 < inp.size <= NetlibShare.MAX_BYTES or b"share" not in bytes(inp.data):
            return None
        try:
            obj = tomllib.loads(bytes(inp.data).decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        return "team share setting" if isinstance(obj, dict) and set(obj) == {"share"} else None

    @staticmethod
    def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
        """No rows: the setting is read by :func:`netlib.load_team` (an error when named by itself)."""
        if inp.explicit:
            raise DataError("this is a team member's share setting (share.toml), not data", source=inp.source,
                            fix="Load the member's folder, or the team with netlib.load_team")
        return Frames(NetlibShare.FORMAT, rows_read=0, detail="what this member shares with their team: not loaded as data")


#: netlib's own files, which are no data: recognised before any reader looks.
OWN_FILES = (NetlibTruth, NetlibShare)


def sniff(inp: Input, explicit: bool = True) -> tuple | str | None:
    """(reader, kind) of the first reader in :data:`READERS` that recognises the file (netlib's own
    own files first: :data:`OWN_FILES`); None if none does; the reason, for a file found in a
    folder that is not text at all."""
    for own in OWN_FILES:
        kind = own.sniff(inp)
        if kind is not None:
            return own, kind
    for reader in READERS:
        try:
            kind = reader.sniff(inp)
        except DataError as err:  # not text: no reader can even look at it
            if explicit:
                raise
            return err.problem
        if kind is not None:
            return reader, kind
    return None


def read(inp: Input, log: ProblemLog, opt: Options, explicit: bool = True) -> Frames | str | None:
    """:func:`netlib.io.read_file` of an :class:`Input`.  A file found in a folder or zip that is not
    text at all (a photo, a PDF, an empty file) gives the reason it was not loaded instead of an error."""
    found = sniff(inp, explicit)
    return read_as(*found, [inp], log, opt) if isinstance(found, tuple) else found


def read_as(reader, kind: str, inps: list[Input], log: ProblemLog, opt: Options) -> Frames | None:
    """One file read by ``reader``; or several small files it reads together (its ``read_together``,
    None when they cannot be: then the caller reads each alone)."""
    since = log.mark()
    frames = reader.read(inps[0], kind, log, opt) if len(inps) == 1 else reader.read_together(inps, kind, log, opt)
    if frames is None:
        return None
    for inp in inps:
        if inp.encoding in GUESSED_ENCODINGS:  # known once the text was needed, by the sniffers or the reader
            log.add(inp.source, None, None, inp.encoding, GUESSED_ENCODINGS[inp.encoding], "guessed")
    _require_rows(frames, inps, log, since)
    return frames


def together_key(inp: Input, reader, kind: str, small_file: int) -> tuple | None:
    """What a small file (at most ``small_file`` bytes) can be read together with others under:
    (reader, kind, the reader's key), or None (a large file, or a reader that reads each file alone)."""
    if inp.size > small_file or not hasattr(reader, "together_key"):
        return None
    key = reader.together_key(inp, kind)
    return None if key is None else (reader, kind, key)


def _require_rows(frames: Frames, inps: list[Input], log: ProblemLog, since: int = 0) -> None:
    """A file whose every row was skipped is not a result (``since``: the problems logged before
    this file, never looked at again: 10,000 files cost 10,000 small looks).  Named by the user, it
    is an error; found in a folder or zip (a holidays calendar of all-day events beside the
    contacts, a previous report's ``next_steps.ics``), it is a ``not loaded`` problem naming the
    first skipped row, and the rest loads.  Its skipped rows stay in the problems, so rows read =
    rows kept + rows skipped still holds."""
    if frames.rows_read == 0 or log.mark() == since:  # nothing read, or nothing logged for this file
        return
    files, rows = (frames.files, frames.file_rows) if frames.files else ([inps[0].source], [frames.rows_read])
    named = {i.source for i in inps if i.explicit}
    p = log.frame(since)
    p = p[p["action"] == "skipped row"]
    skipped = p.groupby("source", sort=False)["line"].nunique()
    for f, n in zip(files, rows, strict=True):
        if skipped.get(f, 0) >= n:
            first = p[p["source"] == f].iloc[0]
            which = "its one row was skipped:" if n == 1 else f"all {n:,} rows were skipped; the first:"
            why = f"no usable row: {which} line {first['line']}, column {first['column']!r}: {first['problem']}"
            if f in named:
                raise DataError(why, source=f, fix="Fix the rows listed, or check that this is the file you meant")
            log.add(f, None, None, None, f"{why}: the file was not loaded", "not loaded")
