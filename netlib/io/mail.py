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

import email.utils
import mmap
import os
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from email.header import decode_header, make_header

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR, no_gc
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


#: The most characters of one header value netlib decodes (RFC 2047 encoded words): the standard
#: decoder's time grows with the square of the words, and no name or subject netlib uses is longer.
#: The rest of a longer value is kept as written.
DECODE_CHARS = 2000


def _text(value) -> str:
    """A header value as text, RFC 2047 encoded words decoded in its first :data:`DECODE_CHARS`
    characters (cut after the last encoded word that ends there; the rest kept as written)."""
    if not value:
        return ""
    value = str(value)
    if "=?" not in value:
        return value
    head, tail = value, ""
    if len(value) > DECODE_CHARS:
        cut = value.rfind("?=", 0, DECODE_CHARS) + 2
        cut = cut if cut > 1 else DECODE_CHARS
        head, tail = value[:cut], value[cut:]
    try:
        return str(make_header(decode_header(head))) + tail
    except (UnicodeError, LookupError, ValueError, TypeError):
        return value


def _decoded(values) -> np.ndarray:
    """:func:`_text` for a column (Arrow or object): only values with an encoded word go through the
    decoder.  Object strings, missing values as ""."""
    values = pa.array(values, pa.large_string()) if not isinstance(values, pa.Array) else values
    out = pc.fill_null(values, "").to_numpy(zero_copy_only=False).astype(object)
    enc = np.flatnonzero(pc.fill_null(pc.match_substring(values, "=?"), False).to_numpy(zero_copy_only=False))
    out[enc] = [_text(v) for v in out[enc]]  # the few encoded values only
    return out


#: The usual shapes of many addresses, over values joined by newlines: ``"Last, First" <a@b>``,
#: ``Name <a@b>``, ``a@b``, commas between; group 1 a value's end, group 2 a whole match.
_ADDRESSES = re.compile(r'(\n)|([ \t]*(?:"([^"\n]*)"|([^,<>"\n]*?))[ \t]*<([^<>\s]+@[^<>\s]+)>[ \t]*(?:,|(?=\n)|\Z)'
                        r'|[ \t]*([^\s,<>"]+@[^\s,<>"]+)[ \t]*(?:,|(?=\n)|\Z))')


def _one_address(v: pa.Array) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """(name, address, whether it is one) for values holding one address and no comma:
    ``"Name" <a@b>``, ``Name <a@b>``, ``a@b``.  Split at the angle brackets and checked by
    regular expressions without groups (Arrow runs those fastest); anything else is not one."""
    angled = pc.match_substring(v, "<")
    head = pc.split_pattern(v, "<", max_splits=1)
    name = pc.utf8_trim(pc.list_element(head, 0), " \t")
    rest = pc.split_pattern(pc.if_else(angled, pc.list_element(pc.if_else(angled, head, pa.scalar(["", ""], head.type)), 1), ""),
                            ">", max_splits=1)
    addr = pc.list_element(pc.if_else(pc.equal(pc.list_value_length(rest), 2), rest, pa.scalar(["", ""], rest.type)), 0)
    tail = pc.list_element(pc.if_else(pc.equal(pc.list_value_length(rest), 2), rest, pa.scalar(["", "x"], rest.type)), 1)
    quoted = pc.match_substring_regex(name, r'^"[^"]*"$')
    angled_ok = pc.and_(pc.and_(pc.match_substring_regex(addr, r"^[^<>\s]+@[^<>\s]+$"), pc.equal(pc.utf8_trim(tail, " \t"), "")),
                        pc.or_(quoted, pc.match_substring_regex(name, r'^[^<>"]*$')))
    bare_ok = pc.match_substring_regex(v, r'^[ \t]*[^\s<>"]+@[^\s<>"]+[ \t]*$')
    ok = pc.if_else(angled, angled_ok, bare_ok)
    name = pc.if_else(angled, pc.if_else(quoted, pc.utf8_slice_codeunits(name, 1, -1), name), "")
    address = pc.if_else(angled, addr, pc.utf8_trim(v, " \t"))
    return name, address, ok.to_numpy(zero_copy_only=False)


#: What sends a value to the standard library's parser: comments, groups, escapes, line breaks and
#: the Unicode spaces Python's ``\s`` knows and RE2's does not.
_ODD_RE2 = r'[(:\\\r\n\x0b\x0c\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]'


def _address_table(values: pa.Array) -> pd.DataFrame:
    """Every address in a column of address headers: ``row`` (the value's position), ``name``,
    ``address`` (lower case), in order; the same pairs the standard library's
    ``email.utils.getaddresses`` gives value by value (tests compare them).

    A value with one address and no comma is matched by Arrow for the whole column; values with
    commas by one regular expression over all of them joined; a value the matches do not cover
    exactly (comments, groups, escapes, odd spacing) by the standard library's parser alone.
    """
    v = pc.fill_null(pa.array(values, pa.large_string()), "")
    empty = pc.equal(v, "").to_numpy(zero_copy_only=False)
    odd = (pc.match_substring_regex(v, _ODD_RE2).to_numpy(zero_copy_only=False)
           | pc.not_equal(pc.utf8_trim_whitespace(v), v).to_numpy(zero_copy_only=False))
    comma = pc.match_substring(v, ",").to_numpy(zero_copy_only=False)
    rows, names, addresses = [], [], []  # the parts found each way, put in order at the end

    def found(row, name, address) -> None:
        rows.append(np.asarray(row, dtype=np.int64))
        names.append(pa.array(name, pa.large_string()))
        addresses.append(pa.array(address, pa.large_string()))

    # one address: no comma, or only inside the quotes of its name ("Last, First" <a@b>)
    single = ~odd & ~empty & (~comma | pc.match_substring_regex(v, r'^[ \t]*"[^"]*"[ \t]*<[^<>,"]*>[ \t]*$')
                              .to_numpy(zero_copy_only=False))
    one = np.flatnonzero(single)
    if len(one):  # one address: read for the whole column at once
        name, address, hit = _one_address(v.take(pa.array(one)))
        found(one[hit], name.filter(pa.array(hit)), address.filter(pa.array(hit)))
        odd[one[~hit]] = True
    fast = np.flatnonzero(~odd & ~empty & comma & ~single)
    hits = _ADDRESSES.findall("\n".join(v.take(pa.array(fast)).to_pylist())) if len(fast) else []
    if hits:
        h = np.array(hits, dtype=object)
        end = h[:, 0] == "\n"
        at = np.cumsum(end)[~end]  # each match's value, as a position in ``fast``
        h = h[~end]
        covered = np.bincount(at, weights=pc.utf8_length(pa.array(h[:, 1], pa.large_string())).to_numpy(), minlength=len(fast))
        good = (covered == pc.utf8_length(v.take(pa.array(fast))).to_numpy()) & (np.bincount(at, minlength=len(fast)) > 0)
        keep = good[at]
        found(fast[at[keep]], np.where(h[keep, 2] != "", h[keep, 2], h[keep, 3]), np.where(h[keep, 4] != "", h[keep, 4], h[keep, 5]))
        odd[fast[~good]] = True
    slow = np.flatnonzero(odd & ~empty)
    if len(slow):  # the few values the regular expressions do not cover, by the standard library
        pairs = [(r, n, x) for r in slow for n, x in _getaddresses(v[int(r)].as_py()) if "@" in x]
        found([p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs])
    if not rows:
        found([], [], [])
    row = np.concatenate(rows)
    order = pa.array(np.argsort(row, kind="stable"))
    name = pa.concat_arrays(names).take(order)
    enc = np.flatnonzero(pc.match_substring(name, "=?").to_numpy(zero_copy_only=False))
    if len(enc):  # the few encoded names, decoded one by one
        mask = np.zeros(len(name), dtype=bool)
        mask[enc] = True
        name = pc.replace_with_mask(name, pa.array(mask), pa.array([_text(x) for x in name.take(pa.array(enc)).to_pylist()], pa.large_string()))
    address = pc.utf8_lower(pc.utf8_trim_whitespace(pa.concat_arrays(addresses).take(order)))
    return pd.DataFrame({"row": row[order.to_numpy()], "name": _strings(pc.utf8_trim_whitespace(name)), "address": _strings(address)})


def _getaddresses(value: str) -> list[tuple[str, str]]:
    """``email.utils.getaddresses`` of one value.  Its parser reads comments recursively, so a value
    of thousands of nested or unclosed ``(`` raises RecursionError: such a value is read again with
    its comments taken out first (:func:`_uncomment`, one pass), and a value the parser still
    cannot read gives no address."""
    try:
        return email.utils.getaddresses([value])
    except RecursionError:
        pass
    try:
        return email.utils.getaddresses([_uncomment(value)])
    except (RecursionError, ValueError, TypeError, IndexError):
        return []


def _uncomment(value: str) -> str:
    """``value`` without its RFC 5322 comments (text in parentheses, nested, outside quotes; a
    backslash escapes the next character; an unclosed comment runs to the end), in one pass."""
    out, depth, quoted, escaped = [], 0, False, False
    for ch in value:  # only for the rare value the standard parser cannot read
        if escaped:
            escaped = False
            if depth == 0:
                out.append(ch)
            continue
        if ch == "\\":
            escaped = True
            if depth == 0:
                out.append(ch)
        elif depth == 0 and ch == '"':
            quoted = not quoted
            out.append(ch)
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(" ")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _strings(arr: pa.Array) -> pd.Series:
    """Arrow strings as a pandas column (netlib's string dtype), without making Python objects."""
    return pd.Series(arr.to_pandas(types_mapper={pa.large_string(): STR, pa.string(): STR}.get), dtype=STR)


_WANTED = ["from", "to", "cc", "bcc", "date", "message-id", "in-reply-to", "references", "subject", "x-gmail-labels",
           "x-gm-thrid", "list-id", "list-unsubscribe", "precedence", "auto-submitted", "x-autoreply", "x-autorespond",
           "return-path", "content-type", "delivered-to", "x-original-to"]
_FOLD = re.compile(r"\n[ \t]+")  # after "\r\n" became "\n"
_PEOPLE = {"from": 0, "to": 1, "cc": 2, "bcc": 3}
_TIDY = r"^\s*[A-Za-z]{3},\s*|\s*\([^()]*\)\s*$"
_DATE = r"^\d{1,2} [A-Za-z]{3} \d{4} \d{1,2}:\d\d:\d\d (?:[+-]\d{4}|GMT|UTC?|Z)$"
_SEP_DATE = re.compile(r"(\w{3} \w{3}\s+\d{1,2} \d\d:\d\d:\d\d(?: [+-]\d{4})? \d{4})")
_UTC = __import__("datetime").timezone.utc
#: The earliest date a message may carry (seconds since 1970): e-mail as netlib reads it is younger.
#: The latest is the moment of the export (:func:`read`: the file's modification time) plus a day
#: for senders' clocks.  A date outside is no date: the message is left out, never kept in year 2099
#: (where it would move the moment analyses measure at) nor in 1960.
FIRST_DATE = 0
LATE_SLACK = 86400


def _dates(raw: pa.Array, seps: pa.Array, latest: float) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Each message's time in UTC, whether it was guessed, and whether it carried only dates out of
    range.  The ``Date`` header (RFC 5322, read for the whole column at once by Arrow; a shape the
    fast reading does not know, or a day its month does not have, goes to the standard library's
    parser), else the mbox separator line's date (``Thu Oct  3 10:00:00 2024``).  Dates are worked
    in whole seconds since 1970 (int64: year 0 to 9999 and beyond fit) and only those between
    :data:`FIRST_DATE` and ``latest`` (seconds since 1970) become times; the others are missing
    (NaT), with the third array saying a date was there but out of range."""
    n = len(raw)
    raw = pc.fill_null(raw, "")
    tidy = pc.replace_substring_regex(raw, _TIDY, "")
    usual = pc.match_substring_regex(tidy, _DATE)
    bits = pc.split_pattern(pc.if_else(usual, tidy, "1 Jan 1970 00:00:00 +0000"), " ")
    day, zone = pc.list_element(bits, 0), pc.list_element(bits, 4)
    rest = pc.binary_join(pc.list_slice(bits, 1, 4), pa.scalar(" ", pa.large_string()))
    local = pc.strptime(pc.binary_join_element_wise(day, rest, pa.scalar(" ", pa.large_string())), format="%d %b %Y %H:%M:%S",
                        unit="s", error_is_null=True)
    ok = pc.and_(usual, pc.fill_null(pc.equal(pc.day(local), pc.cast(day, pa.int64())), False)).to_numpy(zero_copy_only=False)
    z = pc.fill_null(zone, "+0000")
    z = pc.if_else(pc.match_substring_regex(z, r"^[+-]\d{4}$"), z, "+0000")  # GMT, UT, UTC, Z: no offset
    part = lambda i, j: pc.cast(pc.utf8_slice_codeunits(z, i, j), pa.int64()).to_numpy()  # noqa: E731
    sign = np.where(pc.equal(pc.utf8_slice_codeunits(z, 0, 1), "-").to_numpy(zero_copy_only=False), -1, 1)
    secs = pc.fill_null(pc.cast(local, pa.int64()), 0).to_numpy() - sign * (part(1, 3) * 3600 + part(3, 5) * 60)
    text = raw.to_numpy(zero_copy_only=False).astype(object)
    odd = np.flatnonzero(~ok & (text != ""))
    if len(odd):  # other shapes: one at a time, by the standard library
        slow = np.array([_rfc_date(v) for v in text[odd]], dtype=object)
        found = slow != None  # noqa: E711 (an element-wise test)
        secs[odd[found]] = slow[found].astype(np.int64)
        ok[odd[found]] = True
    readable = ok.copy()
    ok &= (secs >= FIRST_DATE) & (secs <= latest)
    guessed = ~ok
    if guessed.any():  # the separator line's date, where the header gave none in range
        at = np.flatnonzero(guessed)
        sep = [_sep_date(v) for v in seps.take(pa.array(at)).to_pylist()]
        sep = np.array([np.nan if s is None else s for s in sep], dtype=float)
        readable[at] |= ~np.isnan(sep)
        fits = ~np.isnan(sep) & (sep >= FIRST_DATE) & (sep <= latest)
        secs[at[fits]] = sep[fits].astype(np.int64)
        ok[at[fits]] = True
    stamp = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    stamp[ok] = (secs[ok] * 1_000_000_000).astype("datetime64[ns]")
    when = pd.Series(pd.DatetimeIndex(stamp).tz_localize("UTC"))
    return when, guessed & ok, readable & ~ok


def _rfc_date(value: str) -> int | None:
    """Seconds since 1970 of an RFC 5322 date the fast reading did not take; None when unreadable
    (year 0, a month 13, no date at all).  A date without a zone (``-0000``) is read as UTC."""
    try:
        when = email.utils.parsedate_to_datetime(value)
        when = when if when.tzinfo is not None else when.replace(tzinfo=_UTC)  # "-0000": UTC, origin unknown
        return int(when.timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _sep_date(line: str | None) -> int | None:
    """Seconds since 1970 of an mbox separator line's date (``From x@y Thu Oct  3 10:00:00 2024``,
    an optional zone before the year); None when it has none or it cannot be a date."""
    m = _SEP_DATE.search(line or "")
    if not m:
        return None
    bits = m.group(1).split()
    zone = bits[4] if len(bits) == 6 else "+0000"
    return _rfc_date(f"{bits[0]}, {bits[2]} {bits[1]} {bits[-1]} {bits[3]} {zone}")


def _parse(buf: bytes, latest: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Messages from their header blocks (:func:`_gather`: each block's first line a NUL marker):
    (one row per message, one row per address on it); dates after ``latest`` (seconds since 1970)
    are out of range (:func:`_dates`).  Folded lines joined, header names and
    values split by one regular expression over every line at once (Arrow), the fields netlib
    uses put side by side."""
    text = buf.decode("utf-8", "replace").replace("\r\n", "\n")
    lines = pa.array(_FOLD.sub(" ", text).split("\n"), pa.large_string())
    marker = pc.starts_with(lines, "\x00").to_numpy(zero_copy_only=False)
    msg = np.cumsum(marker) - 1
    n = int(marker.sum())
    split = pc.split_pattern(lines, ":", max_splits=1)  # "Name: value"; a wanted name is a valid one
    code = pc.index_in(pc.utf8_lower(pc.utf8_rtrim(pc.list_element(split, 0), " \t")), pa.array(_WANTED))
    take = pc.fill_null(pc.and_kleene(code.is_valid(), pc.greater_equal(pc.list_value_length(split), 2)), False)
    msg, code = msg[take.to_numpy(zero_copy_only=False)], pc.filter(code, take).to_numpy().astype(np.int64)
    value = pc.utf8_trim_whitespace(pc.list_element(pc.filter(split, take), 1))
    key = msg * len(_WANTED) + code
    first = ~pd.Series(key).duplicated().to_numpy()
    at = np.full(n * len(_WANTED), -1, dtype=np.int64)
    at[key[first]] = np.flatnonzero(first)
    at = at.reshape(n, len(_WANTED))

    def field(name: str) -> pa.Array:  # the first such header of each message, null where none
        i = at[:, _WANTED.index(name)]
        return value.take(pa.array(i, mask=i < 0))

    def has(name: str) -> np.ndarray:
        return pc.fill_null(pc.not_equal(field(name), ""), False).to_numpy(zero_copy_only=False)

    def low(name: str) -> pa.Array:
        return pc.utf8_lower(pc.fill_null(field(name), ""))

    # addresses: the first From, every To, Cc and Bcc, in that order
    kind = np.array([_PEOPLE.get(w, -1) for w in _WANTED])[code]
    who = np.flatnonzero(np.where(kind == 0, first, kind > 0))
    who = who[np.lexsort((kind[who], msg[who]))]
    found = _address_table(value.take(pa.array(who)))
    row = who[found["row"].to_numpy()]
    people = pd.DataFrame({"msg": msg[row], "kind": kind[row].astype(np.int8), "name": found["name"].array,
                           "token": found["address"].array})
    when, guessed, bad = _dates(field("date"), lines.filter(pa.array(marker)), latest)
    refs = pc.fill_null(pc.list_element(pc.utf8_split_whitespace(pc.fill_null(field("references"), "")), 0), "") \
        if n else pa.array([], pa.large_string())
    thread = pc.fill_null(field("x-gm-thrid"), "")
    thread = pc.if_else(pc.not_equal(thread, ""), thread, pc.if_else(pc.not_equal(refs, ""), refs, pc.fill_null(field("in-reply-to"), "")))
    ctype = low("content-type")
    auto = pc.invert(pc.is_in(low("auto-submitted"), pa.array(["", "no"]))).to_numpy(zero_copy_only=False)
    msgs = pd.DataFrame({
        "when": when, "guessed": guessed, "bad_date": bad,
        "id": pc.fill_null(field("message-id"), "").to_numpy(zero_copy_only=False).astype(object),
        "thread": thread.to_numpy(zero_copy_only=False).astype(object),
        "subject": _decoded(field("subject")), "labels": _decoded(field("x-gmail-labels")),
        "list": has("list-id") | has("list-unsubscribe") | pc.is_in(low("precedence"), pa.array(["bulk", "list", "junk"])).to_numpy(zero_copy_only=False),
        "auto": auto | has("x-autoreply") | has("x-autorespond") | (pc.fill_null(field("return-path"), "x").to_numpy(zero_copy_only=False) == "<>")
        | pc.match_substring(ctype, "multipart/report").to_numpy(zero_copy_only=False),
        "calendar": pc.match_substring(ctype, "text/calendar").to_numpy(zero_copy_only=False),
        "delivered": _delivered(field("delivered-to"), field("x-original-to")),
    })
    return msgs, people


def _delivered(delivered: pa.Array, original: pa.Array) -> np.ndarray:
    """The address each message was delivered to, lower case: its (first, i.e. last added)
    ``Delivered-To``, else its ``X-Original-To``; "" where neither holds one address."""
    v = pc.if_else(pc.not_equal(pc.fill_null(delivered, ""), ""), pc.fill_null(delivered, ""), pc.fill_null(original, ""))
    v = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(v), r"^[^<]*<([^<>\s]+)>.*$", r"\1"))
    ok = pc.match_substring_regex(v, r"^[^@\s<>,;]+@[^@\s<>,;]+$")
    return pc.if_else(ok, v, "").to_numpy(zero_copy_only=False).astype(object)


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
    """One ``.eml`` file's header block as :func:`_parse` reads it."""
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
                waiting.append(pool.submit(_parse, b"".join(heads), latest))
                heads = []
        if heads:
            waiting.append(pool.submit(_parse, b"".join(heads), latest))
        parts += [w.result() for w in waiting]
    return parts, np.concatenate(lines) if lines else np.empty(0, dtype=np.int64)


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A mailbox's messages, headers only: ``Frames.mail`` holds one row per message and one per
    address on it.  The interactions are made by :func:`interactions` once every mail file is
    read (a reply in ``Sent`` and the message it answers in ``Inbox`` are one thread; mail is a
    relationship when it went both ways, whichever files hold the two ways)."""
    if kind == "eml":
        parts, lines = [_parse(_eml(inp.data), _latest([inp]))], [1]
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
    msgs, people = _mail([_parse(b"".join(blocks), _latest(inps))], np.ones(len(inps)), [i.source for i in inps])
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
     ['ada@x.org', 'Ada', 'the address 1 of 1 messages in m.mbox were delivered to (Delivered-To)']]
    """
    cols = ["box", "address", "name", "where"]
    n = len(msgs)
    if not n:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    msgs = msgs.reset_index(drop=True)
    box = (msgs["box"] if "box" in msgs else msgs["file"]).astype(str).to_numpy(dtype=object)
    labels = msgs["labels"].fillna("").astype(str)
    real = ~(msgs["list"].to_numpy(dtype=bool) | msgs["auto"].to_numpy(dtype=bool))
    pm, kind = people["msg"].to_numpy(), people["kind"].to_numpy()
    tok = people["token"].astype(str).str.lower().to_numpy(dtype=object)
    first_from = np.flatnonzero(kind == 0)
    _, at = np.unique(pm[first_from], return_index=True)
    sender = np.full(n, "", dtype=object)
    sender[pm[first_from[at]]] = tok[first_from[at]]
    found = []  # (box, address, where)
    # 1. the sender of what Gmail labels Sent
    sent = _matches(labels, _SENT_LABEL) & (sender != "")
    if sent.any():
        for (b, a), k in pd.DataFrame({"b": box[sent], "a": sender[sent]}).value_counts(sort=False).items():
            found.append((b, a, f"the sender of {k:,} message{'s' if k > 1 else ''} Gmail labels Sent in {b}"))
    # 2. where mail was delivered (a list's own mail set aside)
    delivered = msgs["delivered"].fillna("").astype(str).to_numpy(dtype=object) if "delivered" in msgs else np.full(n, "", dtype=object)
    use = real & (delivered != "")
    if use.any():
        d = pd.DataFrame({"b": box[use], "a": delivered[use]})
        counts = d.value_counts(sort=False).rename("k").reset_index()
        total = counts.groupby("b")["k"].transform("sum")
        top = counts.groupby("b")["k"].transform("max")
        keep = (counts["k"] == top) | (counts["k"] >= DELIVERED_SHARE * total)
        for b, a, k, t in zip(counts["b"][keep], counts["a"][keep], counts["k"][keep], total[keep], strict=True):
            found.append((b, a, f"the address {k:,} of {t:,} messages in {b} were delivered to (Delivered-To)"))
    # 3. the address on nearly every message, where neither says anything
    told = {b for b, _, _ in found}
    known_ = {str(k).lower() for k in known} | {a for _, a, _ in found}
    for b in pd.unique(box):
        if b in told:
            continue
        mine = np.flatnonzero(box == b)
        mine = mine[real[mine]] if real[mine].any() else mine
        on = np.isin(pm, mine)
        seen = pd.DataFrame({"m": pm[on], "a": tok[on]}).drop_duplicates()
        counts = seen["a"].value_counts()
        if not len(counts) or counts.iloc[0] < NEARLY_EVERY * len(mine):
            continue
        cands = [a for a, k in counts.items() if k == counts.iloc[0]]
        if len(cands) > 1:
            cands = [a for a in cands if a in known_]
        if len(cands) == 1:
            k = int(counts.iloc[0])
            found.append((b, cands[0], f"on {k:,} of the {len(mine):,} messages in {b}"))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out = pd.DataFrame(found, columns=["box", "address", "where"])
    # the owner's name: the one the owner's addresses carry most often (a From of the owner's, first)
    on = np.flatnonzero(np.isin(tok, out["address"].unique()))  # the owner's few rows, not every address's
    named = pd.DataFrame({"token": tok[on], "name": people["name"].to_numpy(dtype=object)[on].astype(str), "kind": kind[on]})
    named = named[(named["name"] != "") & ~named["name"].str.contains("@", regex=False)]
    best = (named.assign(w=np.where(named["kind"].to_numpy() == 0, 2, 1)).groupby(["token", "name"])["w"].sum()
            .reset_index().sort_values("w", ascending=False, kind="stable").drop_duplicates("token").set_index("token")["name"])
    out["name"] = out["address"].map(best).fillna("").astype(str)
    return out[cols].reset_index(drop=True)


def interactions(msgs: pd.DataFrame, people: pd.DataFrame, log: ProblemLog, opt: Options | None = None, me_keys=(),
                 found: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Every mail file's messages (:func:`read`, with ``src``: each message's position in
    ``Network.sources``) and the addresses on them (``msg``: the message's row) as interactions:
    (meetings, attendee tokens, each mailbox's owner as :func:`owners` found it).

    The owner is every address of ``me_keys`` and every mailbox's owner (``found``, else
    :func:`owners`): mail from any of them is sent, mail to them received, and none of them is a
    counterpart.

    Messages that are no relationship are skipped rows with the reason (:data:`LEFT_OUT`); a
    counterpart mail went to or came from only one way is left out (a ``left out`` row per
    counterpart; a message with nobody else left is a skipped row), unless ``one_way``.
    """
    opt = opt or Options()
    minutes, one_way = opt.email_minutes, opt.email_one_way
    msgs = msgs.reset_index(drop=True)
    n = len(msgs)
    found = owners(msgs, people, me_keys) if found is None else found
    me = {k for k in me_keys if "@" in k} | set(found["address"])
    # every address as a number: the sets and pairs below are integer work
    code, addr = pd.factorize(people["token"])
    addr = np.asarray(addr, dtype=object)
    width = max(len(addr), 1)
    pm, kind, code = people["msg"].to_numpy(), people["kind"].to_numpy(), code.astype(np.int64)
    mine = np.isin(code, np.flatnonzero(np.isin(addr, list(me))))
    first_from = np.flatnonzero(kind == 0)
    _, at = np.unique(pm[first_from], return_index=True)
    sender_code = np.full(n, -1, dtype=np.int64)
    sender_code[pm[first_from[at]]] = code[first_from[at]]
    sender = np.where(sender_code >= 0, addr[np.maximum(sender_code, 0)] if len(addr) else "", "").astype(object)
    sent = np.isin(sender_code, code[mine]) if me else np.zeros(n, dtype=bool)
    labels = msgs["labels"].fillna("")
    reason = np.full(n, "", dtype=object)
    files, lines = msgs["file"].to_numpy(dtype=object), msgs["line"].to_numpy()

    def mark(mask, code):
        reason[np.asarray(mask, dtype=bool) & (reason == "")] = code

    mark(msgs["when"].isna() & msgs["bad_date"], "bad date")
    mark(msgs["when"].isna(), "no date")
    ids = msgs["id"].where(msgs["id"] != "")
    mark(ids.duplicated() & ids.notna(), "duplicate")
    mark(msgs["calendar"] | _matches(msgs["subject"], _INVITE), "calendar")
    mark(_matches(labels, _SKIP_LABELS), "label")
    mark(msgs["list"] & ~sent, "list")
    mark(msgs["auto"] & ~sent, "auto")
    mark(_matches(sender, _NO_REPLY) & ~sent, "no-reply")
    # the others on each message, in order of first mention, each with the last name given
    pair = pm * width + code
    repeat = pd.Series(pair).duplicated().to_numpy()
    first = np.flatnonzero(~mine & ~repeat)
    last = np.flatnonzero(~mine & ~pd.Series(pair).duplicated(keep="last").to_numpy())
    names = pd.Series(people["name"].to_numpy(dtype=object)[last], index=pair[last])
    part = pd.DataFrame({"msg": pm[first], "code": code[first], "name": names.reindex(pair[first]).to_numpy()})
    mark(np.bincount(part["msg"].to_numpy(), minlength=n) == 0, "nobody")
    recipients = np.bincount(pm[(kind > 0) & ~repeat], minlength=n)
    broadcast = sent & (recipients > BROADCAST)
    live = reason == ""
    part = part[live[part["msg"].to_numpy()]].reset_index(drop=True)
    pmsg, pcode = part["msg"].to_numpy(), part["code"].to_numpy()
    # reciprocity, over every file: an address the owner wrote to and heard from
    wrote = np.unique(pcode[sent[pmsg] & ~broadcast[pmsg]])
    heard = np.unique(sender_code[live & ~sent & (sender_code >= 0)])
    lone = ~np.isin(pcode, np.intersect1d(wrote, heard)) & ~broadcast[pmsg]
    if lone.any() and not one_way:
        mark(np.isin(np.arange(n), pmsg[~lone], invert=True) & live & ~broadcast, "one-way")
        partial = np.flatnonzero(lone & (reason[pmsg] == ""))
        if len(partial):  # each address once, at its first message, in the order of the addresses
            who, at = np.unique(pcode[partial], return_index=True)
            order = np.argsort(addr[who].astype(str), kind="stable")
            msg = pmsg[partial[at]][order]
            log.add_frame(pd.DataFrame({"source": files[msg], "line": lines[msg], "column": "To", "value": addr[who][order]}),
                          "one-way mail: never both ways with this address, so not counted as a relationship", "left out")
        part = part[~lone]
    out = reason != ""
    if out.any():
        text = {**LEFT_OUT, "one-way": ONE_WAY}
        log.add_frame(pd.DataFrame({"source": files[out], "line": lines[out], "column": "From", "value": sender[out]}),
                      pd.Series(reason[out]).map(text), "skipped row")
    guessed = msgs["guessed"].to_numpy(dtype=bool) & ~out
    if guessed.any():
        log.add_frame(pd.DataFrame({"source": files[guessed], "line": lines[guessed], "column": "Date", "value": ""}),
                      "no readable Date header, or one before 1970 or after the export: the mbox separator line's date was used",
                      "guessed")
    keep = ~out
    when = msgs["when"].to_numpy("datetime64[ns]")  # UTC
    thread = msgs["thread"].where(msgs["thread"] != "", msgs["id"])
    thread = thread.where(thread != "", "msg" + pd.Series(np.arange(n)).astype(str))
    # one interaction per thread per UTC day, or per broadcast: codes first, names for the few kept
    tcode = pd.factorize(thread)[0].astype(np.int64)
    day = when.astype("datetime64[D]").astype(np.int64)
    pair = np.where(broadcast, -1 - np.arange(n), tcode * (1 << 20) + (day - day[keep].min() if keep.any() else 0))
    codes, uniq_pair = pd.factorize(pair[keep])
    at = np.flatnonzero(keep)[pd.Series(codes).drop_duplicates().index.to_numpy()]  # a message of each interaction
    uniq = np.where(broadcast[at], "broadcast:" + pd.Series(at).astype(str).to_numpy(dtype=object),
                    "thread:" + thread.to_numpy(dtype=object)[at] + ":" + np.datetime_as_string(when[at], unit="D").astype(object))
    mrow = np.full(n, -1)
    mrow[np.flatnonzero(keep)] = codes
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
    pmsg = part["msg"].to_numpy()
    tok = part[keep[pmsg] & ~broadcast[pmsg]]
    mrow_of = mrow[tok["msg"].to_numpy()]
    tok = tok[~pd.Series(mrow_of * width + tok["code"].to_numpy()).duplicated().to_numpy()]
    token = addr[tok["code"].to_numpy()] if len(addr) else np.empty(0, dtype=object)
    name = tok["name"].to_numpy(dtype=object)
    tokens = pd.DataFrame({"mrow": mrow[tok["msg"].to_numpy()], "token": pd.array(token, dtype=STR),
                           "line": lines[tok["msg"].to_numpy()].astype(np.int32), "name": np.where(name != "", name, token),
                           "src": msgs["src"].to_numpy()[tok["msg"].to_numpy()].astype(np.int32)})
    return meetings, tokens, found
