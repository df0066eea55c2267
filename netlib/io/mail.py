"""E-mail: mbox files (Google Takeout, Thunderbird, Apple Mail), ``.eml`` files and Maildir folders.

Headers only: ``From``, ``To``, ``Cc``, ``Bcc``, ``Date``, ``Message-ID``, ``In-Reply-To``,
``References``, the list and automation headers and Gmail's labels and thread id.  Bodies and
attachments are never parsed nor kept: an mbox is memory-mapped and scanned a window at a time by
numpy (its message boundaries and the end of each header block), the header blocks are copied out
and read together (fields by Arrow, the usual address and date shapes for the whole column at
once), and the standard library's parsers see only the odd value (address comments and groups,
unusual dates).  Pages already scanned are let go, so memory does not grow with the file.

What is not a relationship is left out, one problem row per message with the reason (counted in
``Network.problems``): mailing lists and bulk mail (``List-Id``, ``List-Unsubscribe``,
``Precedence``), automatic mail (``Auto-Submitted``, auto-replies, bounces, no-reply senders),
Gmail's Spam, Trash, Promotions, Social, Updates and Forums, calendar invitations (the calendar
export has them), and a message read a second time (the same ``Message-ID`` in another folder).

The rest become interactions, as LinkedIn messages do: one per thread (Gmail's thread id, else the
first of ``References``, else ``In-Reply-To``, else the message itself) per UTC day, with the
counterparts written to or heard from that day, channel ``email``.  Its length is
:data:`EMAIL_MINUTES` per message the owner wrote that day (a netlib assumption, shown in
:func:`netlib.assumptions`); mail only received costs no time.  A message to more than
:data:`BROADCAST` recipients is one-to-many: an interaction of its own with an audience of that
many, which adds touches, not people.  A counterpart is a relationship only when mail went both
ways at least once; mail with a one-way counterpart is left out (a ``left out`` problem per
counterpart: newsletters, cold outreach, notifications), unless ``load(..., email_one_way=True)``.

The owner is every address of the ``me`` given to :func:`netlib.load` (and of the owner found in the
other files) and each mailbox's own owner (:func:`owners`: the sender of what Gmail labels Sent,
the address mail was delivered to, else the address on nearly every message).
"""

from __future__ import annotations

import mmap
import os
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR, no_gc
from netlib._words import plural
from netlib.io._mail_parse import parse
from netlib.io._reader import Frames, Input, Options
from netlib.model import EMAIL_BROADCAST, EMAIL_MINUTES, DataError, ProblemLog

__all__ = ["sniff", "read", "together_key", "read_together", "interactions", "owners", "mailbox_of", "concat", "EMAIL_MINUTES", "BROADCAST",
           "LEFT_OUT", "ONE_WAY"]

BROADCAST = EMAIL_BROADCAST

#: Why a message is no interaction, by reason code.
LEFT_OUT = {
    "list": "not a relationship: mailing list or bulk mail (List-Id, List-Unsubscribe or Precedence)",
    "auto": "not a relationship: sent automatically (an auto-reply, a notification, a bounce)",
    "no-reply": "not a relationship: from a no-reply address",
    "label": "not a relationship: Gmail filed it as spam, trash, promotions, social, updates or forums",
    "calendar": "not a relationship: a calendar invitation or reply (the calendar export has the meeting)",
    "duplicate": "the same message (Message-ID) was read already: a copy in another folder or file",
    "no date": "no date on the message, nor on its mbox separator line: left out",
    "bad date": "dated before 1970 or after the mailbox was exported (and no separator line date in range): left out",
    "nobody": "nobody but you on the message",
}

#: Why mail with a counterpart who never wrote back (or was never answered) is left out.
ONE_WAY = "one-way mail (only to them, or only from them): not counted as a relationship"

_HEAD = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*[ \t]*:[ \t]?\S", re.M)  # RFC 2822's obsolete syntax allows "From  :"
_NAMES = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:", re.M)
_ADDRESSED = re.compile(rb"^From[ \t]*:[^\n]*@[^\n]*\n(?:.*\n)*?(?:To|Cc)[ \t]*:[^\n]*@"
                        rb"|^(?:To|Cc)[ \t]*:[^\n]*@[^\n]*\n(?:.*\n)*?From[ \t]*:[^\n]*@", re.M | re.I)
_NO_REPLY = re.compile(r"(?:^|[._+-])(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon|bounces?)(?:[._+-]|@)", re.I)
_SKIP_LABELS = re.compile(r"(?:^|,)\s*(?:Spam|Trash|Category (?:Promotions|Social|Updates|Forums))\s*(?:,|$)", re.I)
_INVITE = re.compile(r"^(?:Updated )?Invitation(?: from Google Calendar)?:|^(?:Accepted|Declined|Tentatively Accepted|"
                     r"Canceled event|Cancelled event)(?: \(.*\))?:", re.I)


def sniff(inp: Input) -> str | None:
    """``"mbox"`` for a file of ``From `` separator lines followed by headers, ``"eml"`` for one
    message's headers; from the first bytes only (a 10 GB mailbox is never decoded to be recognised).

    A message is one whose header block has a ``From`` and a ``Date`` or ``Message-ID`` with a
    ``To``, ``Cc`` or ``Subject``, or, without both ``Date`` and ``Message-ID`` (a draft, a message
    saved by hand), a ``From`` and a ``To`` or ``Cc`` that each hold an address.  Header names may
    be followed by spaces before the colon (RFC 2822's obsolete syntax, ``From  :``)."""
    head = bytes(inp.data[:8192]) if inp.data is not None else b""
    head = head.lstrip(b"\r\n")
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if head.startswith(b"From ") and not re.match(rb"From[ \t]*:", head) and re.search(rb"^(?:From|Date|Message-ID|To|Subject)[ \t]*:", block, re.M | re.I):
        return "mbox"
    if _HEAD.match(block) and not block.upper().startswith(b"BEGIN:"):
        names = {m.group(1).lower() for m in _NAMES.finditer(block)}
        if b"from" in names and (b"date" in names or b"message-id" in names) and names & {b"to", b"cc", b"subject", b"message-id"}:
            return "eml"
        if _ADDRESSED.search(block.replace(b"\r\n", b"\n") + b"\n"):
            return "eml"
    return None


class _Dropper:
    """Lets the kernel drop a memory-mapped file's pages once scanned (``madvise``), so that reading
    a 10 GB mailbox keeps about a window (:data:`SCAN`) of it resident, not all of it.  Bytes:
    nothing to do."""

    def __init__(self, data) -> None:
        self.data, self.done = data, 0
        self.ok = hasattr(data, "madvise") and hasattr(mmap, "MADV_DONTNEED")

    def upto(self, pos: int) -> None:
        end = min(int(pos), len(self.data)) // mmap.PAGESIZE * mmap.PAGESIZE
        if self.ok and end > self.done:
            self.data.madvise(mmap.MADV_DONTNEED, self.done, end - self.done)
            self.done = end


#: Bytes of an mbox scanned at a time, and of header blocks parsed at a time.
SCAN, PARSE = 16 << 20, 1 << 20


def _windows(data):
    """Each mbox message's header block, a window of the file at a time: yields (start, stop, line)
    arrays, the byte span from the message's ``From `` line to the end of its headers and the
    line it starts on.  Found by numpy over the window's bytes (no Python step per message or
    line); bodies are skipped, never copied.  A separator is a ``From `` line at the start of the
    file or after a blank line (a body's own ``From `` line that no writer escaped as ``>From ``
    follows text, not a blank line).  A message whose headers run past the window waits for the
    next one; pages before the earliest waiting message are let go."""
    a = np.frombuffer(data, dtype=np.uint8)
    n, win, drop = len(a), SCAN, _Dropper(data)
    is_nl = np.empty(min(win, max(n, 1)), dtype=bool)  # reused: fresh memory each window costs page faults
    carry = np.array([-2, -1], dtype=np.int64)  # the last two newlines before the window (-1: one before the file)
    counted = 0  # newlines before the window
    wait_s = wait_e = wait_l = np.empty(0, dtype=np.int64)  # messages whose headers have not ended yet
    for lo in range(0, max(n, 1), win):  # one step per window of the file
        hi = min(lo + win, n)
        nl = np.flatnonzero(np.equal(a[lo:hi], 10, out=is_nl[:hi - lo])) + lo
        ext = np.concatenate((carry, nl))
        prev, cur = ext[:-1], ext[1:]
        # blank lines: the line that ends at newline ``cur`` is empty (or a lone carriage return)
        gap = cur - prev
        blank = gap == 1
        cr = np.flatnonzero(gap == 2)
        blank[cr[a[cur[cr] - 1] == 13]] = True
        k = np.flatnonzero(blank)
        # a message starts on the line after a blank one, with "From ", in the window
        p = cur[k] + 1
        sep = (p >= lo) & (p < hi) & (p + 5 <= n)
        for j, c in enumerate(b"From "):
            sep &= a[np.minimum(p + j, n - 1)] == c
        s = p[sep]
        line = counted + 1 + np.searchsorted(nl, s)
        # the blank lines that end in the window: (end of the line before, the blank line's newline)
        k = k[cur[k] >= lo]
        bq, bstop = cur[k], prev[k]
        # the end of each separator line: the first newline after it
        s_all = np.concatenate((wait_s, s))
        e_all = np.concatenate((wait_e, np.full(len(s), -1, dtype=np.int64)))
        l_all = np.concatenate((wait_l, line))
        need = e_all < 0
        k = np.searchsorted(nl, s_all[need])
        e_all[np.flatnonzero(need)[k < len(nl)]] = nl[k[k < len(nl)]]
        last = hi >= n
        if last:
            e_all[e_all < 0] = n
        # the headers end at the first blank line after the separator line, or at the next message
        nxt = np.append(s_all[1:], n if last else np.iinfo(np.int64).max)
        known = e_all >= 0
        j = np.searchsorted(bq, e_all, side="right")
        jj = np.minimum(j, max(len(bq) - 1, 0))
        at, end = (bq[jj], bstop[jj]) if len(bq) else (np.zeros_like(j), np.zeros_like(j))
        stop = np.where(known & (j < len(bq)) & (at < nxt), end, -1)
        stop = np.where(known & (stop < 0) & (nxt <= n), nxt, stop)  # no blank line before the next message
        done = stop >= 0
        if done.any():
            yield s_all[done], stop[done], l_all[done]
        wait_s, wait_e, wait_l = s_all[~done], e_all[~done], l_all[~done]
        counted += len(nl)
        carry = ext[-2:]
        drop.upto(min(hi, wait_s[0]) if len(wait_s) else hi)


def _gather(data, start: np.ndarray, stop: np.ndarray) -> bytes:
    """The byte spans ``[start, stop)`` of ``data`` one after another, each ended by a newline and
    with its first byte made NUL (a marker line: which message each header line belongs to).
    Copied by slicing, one C copy per header block: measured four times faster than a numpy
    gather of the same bytes (which needs an index per byte)."""
    out = bytearray(b"\n".join([data[x:y] for x, y in zip(start.tolist(), stop.tolist(), strict=True)]) + b"\n")
    at = np.concatenate(([0], np.cumsum(stop - start + 1)[:-1]))
    np.frombuffer(out, dtype=np.uint8)[at] = 0
    return bytes(out)



def concat(parts: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tables of messages and of the addresses on them (``msg``: the message's row), one after
    another: the addresses' ``msg`` moved by the messages before them."""
    msgs = pd.concat([m for m, _ in parts], ignore_index=True)
    offsets = np.cumsum([0] + [len(m) for m, _ in parts[:-1]])
    people = pd.concat([p.assign(msg=p["msg"] + o) for (_, p), o in zip(parts, offsets, strict=True)], ignore_index=True)
    return msgs, people


def _mail(parts: list[tuple[pd.DataFrame, pd.DataFrame]], lines, files) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parsed windows (or files) as one table of messages and one of addresses, with each
    message's line, file and mailbox (:func:`mailbox_of`)."""
    msgs, people = concat(parts)
    msgs["line"] = np.asarray(lines, dtype=np.int64)
    msgs["file"] = files
    msgs["box"] = files if isinstance(files, str) else [mailbox_of(f) for f in files]  # an mbox is a mailbox
    return msgs, people


def mailbox_of(source: str) -> str:
    """The mailbox a mail file belongs to: an mbox file is one; an ``.eml`` file belongs to its
    folder (a Maildir's, for a file in its ``cur/``, ``new/`` or ``tmp/``).

    Examples
    --------
    >>> mailbox_of("mail/Maildir/cur/1.M1:2,S"), mailbox_of("saved/a.eml")
    ('mail/Maildir', 'saved')
    """
    import posixpath

    src = str(source).replace("\\", "/")
    folder = posixpath.dirname(src)
    return posixpath.dirname(folder) if posixpath.basename(folder) in ("cur", "new", "tmp") else folder


def _eml(data) -> bytes:
    """One ``.eml`` file's header block as :func:`netlib.io._mail_parse.parse` reads it."""
    end = [x for x in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if x >= 0]
    return b"\x00\n" + bytes(data[:min(end) if end else len(data)]) + b"\n"


#: Threads that parse header blocks while the main thread scans (Arrow and numpy let them run
#: side by side); at most this many batches wait, so memory stays a few batches.
PARSERS = max(1, min(2, os.cpu_count() or 1))


def _read_mbox(data, latest: float) -> tuple[list, np.ndarray]:
    """An mbox's messages, parsed a few megabytes of header blocks at a time, and their lines.
    The scan of the next window goes on while :data:`PARSERS` threads parse the header blocks
    found so far; the parts are kept in file order."""
    parts, lines, heads, waiting = [], [], [], deque()
    with no_gc(), ThreadPoolExecutor(PARSERS) as pool:
        for start, stop, line in _windows(data):  # a window of the file at a time
            heads.append(_gather(data, start, stop))  # now: the window's pages are let go next
            lines.append(line)
            if sum(map(len, heads)) >= PARSE:
                if len(waiting) >= PARSERS:
                    parts.append(waiting.popleft().result())
                waiting.append(pool.submit(parse, b"".join(heads), latest))
                heads = []
        if heads:
            waiting.append(pool.submit(parse, b"".join(heads), latest))
        parts += [w.result() for w in waiting]
    return parts, np.concatenate(lines) if lines else np.empty(0, dtype=np.int64)


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A mailbox's messages, headers only: ``Frames.mail`` holds one row per message and one per
    address on it.  The interactions are made by :func:`interactions` once every mail file is
    read (a reply in ``Sent`` and the message it answers in ``Inbox`` are one thread; mail is a
    relationship when it went both ways, whichever files hold the two ways)."""
    if kind == "eml":
        parts, lines = [parse(_eml(inp.data), _latest([inp]))], [1]
    else:
        parts, lines = _read_mbox(inp.data, _latest([inp]))
    inp.release()
    if not parts or not sum(len(m) for m, _ in parts):
        raise DataError("an mbox file with no message", source=inp.source, expected="From lines, each followed by a message")
    msgs, people = _mail(parts, lines, inp.source)
    if kind == "eml":
        msgs["box"] = mailbox_of(inp.source)
    return Frames("e-mail (mbox)" if kind == "mbox" else "e-mail (eml)", rows_read=len(msgs), owner_listed=False,
                  mail=(msgs, people))


#: Seconds after the export's moment that a message's date may still be (senders' clocks): later is
#: no date (:data:`netlib.io._mail_parse.FIRST_DATE` is the earliest).
LATE_SLACK = 86400


def _latest(inps: list[Input]) -> float:
    """The latest date mail in these files may carry, in seconds since 1970: the export's moment (the
    newest file's modification time, never after now) plus :data:`LATE_SLACK` for senders' clocks."""
    import time

    now = time.time()
    known = [i.mtime for i in inps if i.mtime is not None]
    return min(max(known), now) + LATE_SLACK if known else now + LATE_SLACK


def together_key(inp: Input, kind: str) -> str | None:
    """Small ``.eml`` files (a Maildir's ``cur/`` and ``new/``) are read together."""
    return kind if kind == "eml" else None


def read_together(inps: list[Input], kind: str, log: ProblemLog, opt: Options) -> Frames:
    """Small ``.eml`` files, each one message, read as one table of messages."""
    blocks = []
    for inp in inps:  # one header block per file
        blocks.append(_eml(inp.data))
        inp.release()
    msgs, people = _mail([parse(b"".join(blocks), _latest(inps))], np.ones(len(inps)), [i.source for i in inps])
    return Frames("e-mail (eml)", rows_read=len(msgs), owner_listed=False, mail=(msgs, people),
                  files=[i.source for i in inps], file_rows=np.ones(len(inps), dtype=np.int64))


def _matches(values, pattern: re.Pattern) -> np.ndarray:
    """Whether each value (strings; missing: no) matches ``pattern`` somewhere, by Arrow for the whole column."""
    values = pa.array(np.asarray(values, dtype=object), pa.large_string(), from_pandas=True)
    flags = pattern.flags & re.I
    return pc.fill_null(pc.match_substring_regex(values, pattern.pattern, ignore_case=bool(flags)), False).to_numpy(zero_copy_only=False)


_SENT_LABEL = re.compile(r"(?:^|,)\s*Sent\s*(?:,|$)", re.I)
#: A mailbox's owner by its addresses alone (no sent label, no delivery header): the address on the
#: most of its messages, when it is on at least this share of them.
NEARLY_EVERY = 0.5
#: An address that mail was delivered to is the mailbox's owner when it is the one most of its
#: messages were delivered to, or at least this share of them were.
DELIVERED_SHARE = 0.25


def owners(msgs: pd.DataFrame, people: pd.DataFrame, known=()) -> pd.DataFrame:
    """Each mailbox's owner, found from the mailbox itself: one row per (mailbox, address) with the
    owner's ``name`` there and ``where``, in words.

    In each mailbox (:func:`mailbox_of`; Google Takeout's one file, a Thunderbird folder file, a
    Maildir), mailing-list, bulk and automatic mail set aside (a list's address is nobody's):

    1. the sender of the messages Gmail labels ``Sent``;
    2. the address mail was delivered to (``Delivered-To``, else ``X-Original-To``): the one most
       messages were delivered to, and any other that at least :data:`DELIVERED_SHARE` of them were;
    3. only when neither says anything, the address on the most messages, when it is on at least
       :data:`NEARLY_EVERY` of them; when several are (a mailbox of one correspondent), the one
       that is a ``known`` address of the owner (``me``, or another mailbox's owner), else none.

    Parameters
    ----------
    msgs, people : DataFrame
        Messages (with ``box``, ``labels``, ``delivered``, ``list``, ``auto``) and the addresses on
        them (:func:`read`, :func:`concat`).
    known : iterable of str
        Addresses (and other keys) already known to be the owner's.

    Returns
    -------
    DataFrame
        ``box``, ``address``, ``name``, ``where``.

    Examples
    --------
    >>> msgs = pd.DataFrame({"box": "m.mbox", "labels": ["Sent", "Inbox"], "delivered": ["", "ada@x.org"],
    ...                      "list": False, "auto": False})
    >>> people = pd.DataFrame({"msg": [0, 0, 1, 1], "kind": [0, 1, 0, 1], "name": ["Ada", "", "Bo", ""],
    ...                        "token": ["ada@x.org", "bo@y.org", "bo@y.org", "ada@x.org"]})
    >>> owners(msgs, people)[["address", "name", "where"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['ada@x.org', 'Ada', 'the sender of 1 message Gmail labels Sent in m.mbox'],
     ['ada@x.org', 'Ada', 'the address the one message in m.mbox was delivered to (Delivered-To)']]
    """
    if not len(msgs):
        return _no_owner()
    msgs = msgs.reset_index(drop=True)
    box = (msgs["box"] if "box" in msgs else msgs["file"]).astype(str).to_numpy(dtype=object)
    real = ~(msgs["list"].to_numpy(dtype=bool) | msgs["auto"].to_numpy(dtype=bool))
    pm, kind = people["msg"].to_numpy(), people["kind"].to_numpy()
    tok = people["token"].astype(str).str.lower().to_numpy(dtype=object)
    found = _sent_by(box, msgs["labels"].fillna("").astype(str), _first_from(pm, kind, tok, len(msgs)))  # 1.
    found += _delivered_to(box, msgs, real)  # 2.
    found += _on_nearly_every(box, real, pm, tok, known, found)  # 3.
    if not found:
        return _no_owner()
    out = pd.DataFrame(found, columns=["box", "address", "where"])
    out["name"] = out["address"].map(_owner_names(out["address"].unique(), tok, people["name"].to_numpy(dtype=object), kind)).fillna("").astype(str)
    return out[_OWNER_COLUMNS].reset_index(drop=True)


_OWNER_COLUMNS = ["box", "address", "name", "where"]


def _no_owner() -> pd.DataFrame:
    """:func:`owners` when no mailbox says whose it is."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _OWNER_COLUMNS})


def _first_from(pm: np.ndarray, kind: np.ndarray, tok: np.ndarray, n: int) -> np.ndarray:
    """Each message's sender (its first From address; "" for none), from the addresses' rows."""
    first_from = np.flatnonzero(kind == 0)
    _, at = np.unique(pm[first_from], return_index=True)
    sender = np.full(n, "", dtype=object)
    sender[pm[first_from[at]]] = tok[first_from[at]]
    return sender


def _sent_by(box: np.ndarray, labels: pd.Series, sender: np.ndarray) -> list[tuple]:
    """(mailbox, address, where) for the sender of what Gmail labels Sent in each mailbox."""
    sent = _matches(labels, _SENT_LABEL) & (sender != "")
    if not sent.any():
        return []
    counts = pd.DataFrame({"b": box[sent], "a": sender[sent]}).value_counts(sort=False)
    return [(b, a, f"the sender of {plural(k, 'message')} Gmail labels Sent in {b}") for (b, a), k in counts.items()]


def _of(k: int, total: int) -> str:
    """``k`` of a mailbox's ``total`` messages in words: "51 of 51 messages", "1 of 3 messages", "the one message"."""
    return "the one message" if total == 1 else f"{k:,} of {plural(total, 'message')}"


def _delivered_to(box: np.ndarray, msgs: pd.DataFrame, real: np.ndarray) -> list[tuple]:
    """(mailbox, address, where) for the address mail was delivered to in each mailbox (a list's own
    mail set aside): the one most messages were, and any other that :data:`DELIVERED_SHARE` were."""
    n = len(msgs)
    delivered = msgs["delivered"].fillna("").astype(str).to_numpy(dtype=object) if "delivered" in msgs else np.full(n, "", dtype=object)
    use = real & (delivered != "")
    if not use.any():
        return []
    counts = pd.DataFrame({"b": box[use], "a": delivered[use]}).value_counts(sort=False).rename("k").reset_index()
    total = counts.groupby("b")["k"].transform("sum")
    top = counts.groupby("b")["k"].transform("max")
    keep = (counts["k"] == top) | (counts["k"] >= DELIVERED_SHARE * total)
    return [(b, a, f"the address {_of(k, t)} in {b} {'was' if k == 1 else 'were'} delivered to (Delivered-To)")
            for b, a, k, t in zip(counts["b"][keep], counts["a"][keep], counts["k"][keep], total[keep], strict=True)]


def _on_nearly_every(box: np.ndarray, real: np.ndarray, pm: np.ndarray, tok: np.ndarray, known, found: list[tuple]) -> list[tuple]:
    """(mailbox, address, where) for the address on the most messages of each mailbox ``found`` says
    nothing of, when it is on :data:`NEARLY_EVERY` of them; of several such, the one ``known`` (or
    found for another mailbox) to be the owner's, else none."""
    told = {b for b, _, _ in found}
    known_ = {str(k).lower() for k in known} | {a for _, a, _ in found}
    out = []
    for b in pd.unique(box):  # one step per mailbox
        if b in told:
            continue
        mine = np.flatnonzero(box == b)
        mine = mine[real[mine]] if real[mine].any() else mine
        on = np.isin(pm, mine)
        counts = pd.DataFrame({"m": pm[on], "a": tok[on]}).drop_duplicates()["a"].value_counts()
        if not len(counts) or counts.iloc[0] < NEARLY_EVERY * len(mine):
            continue
        cands = [a for a, k in counts.items() if k == counts.iloc[0]]
        if len(cands) > 1:
            cands = [a for a in cands if a in known_]
        if len(cands) == 1:
            out.append((b, cands[0], f"on {_of(int(counts.iloc[0]), len(mine))} in {b}"))
    return out


def _owner_names(addresses: np.ndarray, tok: np.ndarray, names: np.ndarray, kind: np.ndarray) -> pd.Series:
    """The owner's name for each of its ``addresses``: the one they carry most often (a From counts twice)."""
    on = np.flatnonzero(np.isin(tok, addresses))  # the owner's few rows, not every address's
    named = pd.DataFrame({"token": tok[on], "name": names[on].astype(str), "kind": kind[on]})
    named = named[(named["name"] != "") & ~named["name"].str.contains("@", regex=False)]
    return (named.assign(w=np.where(named["kind"].to_numpy() == 0, 2, 1)).groupby(["token", "name"])["w"].sum()
            .reset_index().sort_values("w", ascending=False, kind="stable").drop_duplicates("token").set_index("token")["name"])


def interactions(msgs: pd.DataFrame, people: pd.DataFrame, log: ProblemLog, opt: Options | None = None, me_keys=(),
                 found: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Every mail file's messages and the addresses on them as interactions: (meetings, attendee
    tokens, each mailbox's owner as :func:`owners` found it).

    The owner is every address of ``me_keys`` and every mailbox's owner (``found``, else
    :func:`owners`): mail from any of them is sent, mail to them received, and none of them is a
    counterpart.

    Messages that are no relationship are skipped rows with the reason (:data:`LEFT_OUT`); a
    counterpart mail went to or came from only one way is left out (a ``left out`` row per
    counterpart; a message with nobody else left is a skipped row), unless ``opt.email_one_way``.

    Parameters
    ----------
    msgs, people : DataFrame
        Messages (:func:`read`, :func:`concat`; with ``src``: each message's row in ``Network.sources``)
        and the addresses on them (``msg``: the message's row).
    log : ProblemLog
        Receives every message and counterpart left out.
    opt : Options, optional
        ``email_minutes`` (the minutes of each message the owner wrote) and ``email_one_way``.
    me_keys : iterable of str
        The owner's addresses (and other keys: only addresses count here).
    found : DataFrame, optional
        Each mailbox's owner (:func:`owners`), when already found.

    Examples
    --------
    >>> msgs = pd.DataFrame({"when": pd.to_datetime(["2024-03-05 10:00", "2024-03-05 11:00"], utc=True), "guessed": False,
    ...                      "bad_date": False, "id": ["<1@x>", "<2@x>"], "thread": ["", "<1@x>"], "subject": "hi", "labels": "",
    ...                      "list": False, "auto": False, "calendar": False, "file": "m.mbox", "line": [1, 9], "box": "m.mbox", "src": 0})
    >>> people = pd.DataFrame({"msg": [0, 0, 1, 1], "kind": [0, 1, 0, 1], "name": ["Bo", "", "Ada", ""],
    ...                        "token": ["bo@y.org", "ada@x.org", "ada@x.org", "bo@y.org"]})
    >>> meetings, tokens, _ = interactions(msgs, people, ProblemLog(), Options(email_minutes=3), ["ada@x.org"])
    >>> meetings[["meeting_id", "duration_min"]].values.tolist(), tokens["token"].tolist()
    ([['email:thread:<1@x>:2024-03-05', 3.0]], ['bo@y.org'])
    """
    opt = opt or Options()
    msgs = msgs.reset_index(drop=True)
    n = len(msgs)
    found = owners(msgs, people, me_keys) if found is None else found
    a = _Addresses(people, n, {k for k in me_keys if "@" in k} | set(found["address"]))
    reason = _left_out(msgs, a)
    part = _others(people, a)
    _mark(reason, np.bincount(part["msg"].to_numpy(), minlength=n) == 0, "nobody")
    recipients = np.bincount(a.msg[(a.kind > 0) & ~a.repeat], minlength=n)
    broadcast = a.sent & (recipients > BROADCAST)
    live = reason == ""
    part = part[live[part["msg"].to_numpy()]].reset_index(drop=True)
    part = _both_ways(part, a, reason, live, broadcast, opt.email_one_way, msgs, log)
    keep = ~_log_left_out(msgs, reason, a, log)
    codes, ids = _interaction_of(msgs, keep, broadcast)
    meetings = _interactions_table(msgs, keep, codes, ids, broadcast, recipients, a.sent, opt.email_minutes)
    mrow = np.full(n, -1)  # each message's interaction
    mrow[np.flatnonzero(keep)] = codes
    return meetings, _attendees(part, keep & ~broadcast, mrow, a, msgs), found


class _Addresses:
    """Every address on the mail as an integer code (the sets and pairs of :func:`interactions` are
    integer work), per address row: ``code``, ``msg``, ``kind`` (0 From, 1 To, 2 Cc, 3 Bcc), ``mine``
    (an address of the owner's, in ``me``) and ``repeat`` (on its message already); per message:
    ``sender`` (the first From's code, -1 for none), ``sender_address`` and ``sent`` (by the owner)."""

    def __init__(self, people: pd.DataFrame, n: int, me: set[str]) -> None:
        code, addr = pd.factorize(people["token"])
        self.addr = np.asarray(addr, dtype=object)
        self.width = max(len(self.addr), 1)
        self.msg, self.kind, self.code = people["msg"].to_numpy(), people["kind"].to_numpy(), code.astype(np.int64)
        self.mine = np.isin(self.code, np.flatnonzero(np.isin(self.addr, list(me))))
        self.repeat = pd.Series(self.msg * self.width + self.code).duplicated().to_numpy()
        first_from = np.flatnonzero(self.kind == 0)
        _, at = np.unique(self.msg[first_from], return_index=True)
        self.sender = np.full(n, -1, dtype=np.int64)
        self.sender[self.msg[first_from[at]]] = self.code[first_from[at]]
        self.sender_address = np.where(self.sender >= 0, self.addr[np.maximum(self.sender, 0)] if len(self.addr) else "", "").astype(object)
        self.sent = np.isin(self.sender, self.code[self.mine]) if me else np.zeros(n, dtype=bool)


def _mark(reason: np.ndarray, mask, why: str) -> None:
    """Give the messages of ``mask`` that have no reason yet the reason ``why`` (in place)."""
    reason[np.asarray(mask, dtype=bool) & (reason == "")] = why


def _left_out(msgs: pd.DataFrame, a: _Addresses) -> np.ndarray:
    """Each message's reason to be no interaction (:data:`LEFT_OUT`'s codes, the first that applies), "" for none yet."""
    reason = np.full(len(msgs), "", dtype=object)
    _mark(reason, msgs["when"].isna() & msgs["bad_date"], "bad date")
    _mark(reason, msgs["when"].isna(), "no date")
    ids = msgs["id"].where(msgs["id"] != "")
    _mark(reason, ids.duplicated() & ids.notna(), "duplicate")
    _mark(reason, msgs["calendar"] | _matches(msgs["subject"], _INVITE), "calendar")
    _mark(reason, _matches(msgs["labels"].fillna(""), _SKIP_LABELS), "label")
    _mark(reason, msgs["list"] & ~a.sent, "list")
    _mark(reason, msgs["auto"] & ~a.sent, "auto")
    _mark(reason, _matches(a.sender_address, _NO_REPLY) & ~a.sent, "no-reply")
    return reason


def _others(people: pd.DataFrame, a: _Addresses) -> pd.DataFrame:
    """The others on each message (``msg``, ``code``, ``name``): in order of first mention, each with
    the last name given."""
    pair = a.msg * a.width + a.code
    first = np.flatnonzero(~a.mine & ~a.repeat)
    last = np.flatnonzero(~a.mine & ~pd.Series(pair).duplicated(keep="last").to_numpy())
    names = pd.Series(people["name"].to_numpy(dtype=object)[last], index=pair[last])
    return pd.DataFrame({"msg": a.msg[first], "code": a.code[first], "name": names.reindex(pair[first]).to_numpy()})


def _both_ways(part: pd.DataFrame, a: _Addresses, reason: np.ndarray, live: np.ndarray, broadcast: np.ndarray, one_way: bool,
               msgs: pd.DataFrame, log: ProblemLog) -> pd.DataFrame:
    """Reciprocity, over every file: the others the owner wrote to and heard from.  Unless ``one_way``,
    the others mail went only one way with are left out (a ``left out`` row each, at its first
    message), and so is a message with none of the others left (its reason ``one-way``)."""
    pmsg, pcode = part["msg"].to_numpy(), part["code"].to_numpy()
    wrote = np.unique(pcode[a.sent[pmsg] & ~broadcast[pmsg]])
    heard = np.unique(a.sender[live & ~a.sent & (a.sender >= 0)])
    lone = ~np.isin(pcode, np.intersect1d(wrote, heard)) & ~broadcast[pmsg]
    if not lone.any() or one_way:
        return part
    _mark(reason, np.isin(np.arange(len(reason)), pmsg[~lone], invert=True) & live & ~broadcast, "one-way")
    partial = np.flatnonzero(lone & (reason[pmsg] == ""))
    if len(partial):  # each address once, at its first message, in the order of the addresses
        who, at = np.unique(pcode[partial], return_index=True)
        order = np.argsort(a.addr[who].astype(str), kind="stable")
        msg = pmsg[partial[at]][order]
        log.add_frame(pd.DataFrame({"source": msgs["file"].to_numpy(dtype=object)[msg], "line": msgs["line"].to_numpy()[msg],
                                    "column": "To", "value": a.addr[who][order]}),
                      "one-way mail: never both ways with this address, so not counted as a relationship", "left out")
    return part[~lone]


def _log_left_out(msgs: pd.DataFrame, reason: np.ndarray, a: _Addresses, log: ProblemLog) -> np.ndarray:
    """Log each message left out as a skipped row with its reason, and each kept one dated by its mbox
    separator line as guessed: which messages are left out."""
    files, lines = msgs["file"].to_numpy(dtype=object), msgs["line"].to_numpy()
    out = reason != ""
    if out.any():
        text = {**LEFT_OUT, "one-way": ONE_WAY}
        log.add_frame(pd.DataFrame({"source": files[out], "line": lines[out], "column": "From", "value": a.sender_address[out]}),
                      pd.Series(reason[out]).map(text), "skipped row")
    guessed = msgs["guessed"].to_numpy(dtype=bool) & ~out
    if guessed.any():
        log.add_frame(pd.DataFrame({"source": files[guessed], "line": lines[guessed], "column": "Date", "value": ""}),
                      "no readable Date header, or one before 1970 or after the export: the mbox separator line's date was used",
                      "guessed")
    return out


def _interaction_of(msgs: pd.DataFrame, keep: np.ndarray, broadcast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One interaction per thread per UTC day, or per broadcast: each kept message's interaction (codes
    in order of first message) and each interaction's id."""
    n = len(msgs)
    when = msgs["when"].to_numpy("datetime64[ns]")  # UTC
    thread = msgs["thread"].where(msgs["thread"] != "", msgs["id"])
    thread = thread.where(thread != "", "msg" + pd.Series(np.arange(n)).astype(str))
    tcode = pd.factorize(thread)[0].astype(np.int64)  # codes first, names for the few kept
    day = when.astype("datetime64[D]").astype(np.int64)
    pair = np.where(broadcast, -1 - np.arange(n), tcode * (1 << 20) + (day - day[keep].min() if keep.any() else 0))
    codes, _ = pd.factorize(pair[keep])
    at = np.flatnonzero(keep)[pd.Series(codes).drop_duplicates().index.to_numpy()]  # a message of each interaction
    uniq = np.where(broadcast[at], "broadcast:" + pd.Series(at).astype(str).to_numpy(dtype=object),
                    "thread:" + thread.to_numpy(dtype=object)[at] + ":" + np.datetime_as_string(when[at], unit="D").astype(object))
    return codes, uniq


def _interactions_table(msgs: pd.DataFrame, keep: np.ndarray, codes: np.ndarray, uniq: np.ndarray, broadcast: np.ndarray,
                        recipients: np.ndarray, sent: np.ndarray, minutes: float) -> pd.DataFrame:
    """The interactions as meetings: each starts at its first message, lasts ``minutes`` per message the
    owner sent, and a broadcast has an audience of its recipients."""
    when = msgs["when"].to_numpy("datetime64[ns]")
    files, lines = msgs["file"].to_numpy(dtype=object), msgs["line"].to_numpy()
    g = pd.DataFrame({"m": codes, "when": when[keep], "row": np.flatnonzero(keep), "sent": sent[keep],
                      "aud": np.where(broadcast[keep], recipients[keep], 0)})
    agg = g.groupby("m").agg(start=("when", "min"), row=("row", "min"), sent=("sent", "sum"), aud=("aud", "max"))
    first = agg["row"].to_numpy()
    meetings = pd.DataFrame({
        "meeting_id": "email:" + uniq,
        "start": pd.DatetimeIndex(agg["start"].to_numpy()).tz_localize("UTC"),
        "duration_min": agg["sent"].to_numpy(dtype=float) * float(minutes),
        "channel": "email",
        "title": "E-mail",
        "location": "email",
        "audience": np.where(agg["aud"].to_numpy() > 0, agg["aud"].to_numpy(dtype=float), np.nan),
        "file": files[first],
        "line": lines[first],
    })
    meetings["end"] = meetings["start"] + pd.to_timedelta(meetings["duration_min"], unit="min")
    return meetings


def _attendees(part: pd.DataFrame, listed: np.ndarray, mrow: np.ndarray, a: _Addresses, msgs: pd.DataFrame) -> pd.DataFrame:
    """The attendee tokens of the interactions: the others on each ``listed`` message (kept, no
    broadcast), once per interaction, named by the name they were given or their address."""
    pmsg = part["msg"].to_numpy()
    tok = part[listed[pmsg]]
    mrow_of = mrow[tok["msg"].to_numpy()]
    tok = tok[~pd.Series(mrow_of * a.width + tok["code"].to_numpy()).duplicated().to_numpy()]
    msg = tok["msg"].to_numpy()
    token = a.addr[tok["code"].to_numpy()] if len(a.addr) else np.empty(0, dtype=object)
    name = tok["name"].to_numpy(dtype=object)
    return pd.DataFrame({"mrow": mrow[msg], "token": pd.array(token, dtype=STR), "line": msgs["line"].to_numpy()[msg].astype(np.int32),
                         "name": np.where(name != "", name, token), "src": msgs["src"].to_numpy()[msg].astype(np.int32)})
