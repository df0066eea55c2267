"""E-mail headers read for :mod:`netlib.io.mail` (its private room): header blocks split into the
fields netlib uses, addresses (:func:`address_table`), RFC 2047 encoded words (:func:`header_text`) and
dates (:func:`_dates`), each for a whole column at once by Arrow, the standard library's parsers
for the odd value only.  No reader imports this room but the mail reader."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from email.header import decode_header, make_header

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR

#: The most characters of one header value netlib decodes (RFC 2047 encoded words): the standard
#: decoder's time grows with the square of the words, and no name or subject netlib uses is longer.
#: The rest of a longer value is kept as written.
DECODE_CHARS = 2000


def header_text(value) -> str:
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
    """:func:`header_text` for a column (Arrow or object): only values with an encoded word go through the
    decoder.  Object strings, missing values as ""."""
    values = pa.array(values, pa.large_string()) if not isinstance(values, pa.Array) else values
    out = pc.fill_null(values, "").to_numpy(zero_copy_only=False).astype(object)
    enc = np.flatnonzero(pc.fill_null(pc.match_substring(values, "=?"), False).to_numpy(zero_copy_only=False))
    out[enc] = [header_text(v) for v in out[enc]]  # the few encoded values only
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



def address_table(values: pa.Array) -> pd.DataFrame:
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
    parts = []  # (rows, names, addresses) found each way, put in order at the end
    # one address: no comma, or only inside the quotes of its name ("Last, First" <a@b>)
    single = ~odd & ~empty & (~comma | pc.match_substring_regex(v, r'^[ \t]*"[^"]*"[ \t]*<[^<>,"]*>[ \t]*$')
                              .to_numpy(zero_copy_only=False))
    one = np.flatnonzero(single)
    if len(one):  # one address: read for the whole column at once
        name, address, hit = _one_address(v.take(pa.array(one)))
        parts.append(_part(one[hit], name.filter(pa.array(hit)), address.filter(pa.array(hit))))
        odd[one[~hit]] = True
    fast = np.flatnonzero(~odd & ~empty & comma & ~single)
    if len(fast):
        found, uncovered = _comma_addresses(v, fast)
        parts += found
        odd[uncovered] = True
    slow = np.flatnonzero(odd & ~empty)
    if len(slow):  # the few values the regular expressions do not cover, by the standard library
        pairs = [(r, n, x) for r in slow for n, x in _getaddresses(v[int(r)].as_py()) if "@" in x]
        parts.append(_part([p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs]))
    return _in_order(parts or [_part([], [], [])])


def _part(row, name, address) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Addresses found one way: their values' rows, names and addresses."""
    return np.asarray(row, dtype=np.int64), pa.array(name, pa.large_string()), pa.array(address, pa.large_string())


def _comma_addresses(v: pa.Array, fast: np.ndarray) -> tuple[list, np.ndarray]:
    """The addresses of the values at ``fast`` (with commas, nothing odd), by one regular expression
    over all of them joined: (the part found, or none; the values the matches do not cover exactly)."""
    hits = _ADDRESSES.findall("\n".join(v.take(pa.array(fast)).to_pylist()))
    if not hits:
        return [], np.empty(0, dtype=np.int64)
    h = np.array(hits, dtype=object)
    end = h[:, 0] == "\n"
    at = np.cumsum(end)[~end]  # each match's value, as a position in ``fast``
    h = h[~end]
    covered = np.bincount(at, weights=pc.utf8_length(pa.array(h[:, 1], pa.large_string())).to_numpy(), minlength=len(fast))
    good = (covered == pc.utf8_length(v.take(pa.array(fast))).to_numpy()) & (np.bincount(at, minlength=len(fast)) > 0)
    keep = good[at]
    found = _part(fast[at[keep]], np.where(h[keep, 2] != "", h[keep, 2], h[keep, 3]), np.where(h[keep, 4] != "", h[keep, 4], h[keep, 5]))
    return [found], fast[~good]


def _in_order(parts: list) -> pd.DataFrame:
    """The parts found as one table in the order of the values (``row``, ``name``, ``address``), the
    few encoded names decoded, the addresses trimmed and in lower case."""
    row = np.concatenate([p[0] for p in parts])
    order = pa.array(np.argsort(row, kind="stable"))
    name = pa.concat_arrays([p[1] for p in parts]).take(order)
    enc = np.flatnonzero(pc.match_substring(name, "=?").to_numpy(zero_copy_only=False))
    if len(enc):  # the few encoded names, decoded one by one
        mask = np.zeros(len(name), dtype=bool)
        mask[enc] = True
        name = pc.replace_with_mask(name, pa.array(mask), pa.array([header_text(x) for x in name.take(pa.array(enc)).to_pylist()], pa.large_string()))
    address = pc.utf8_lower(pc.utf8_trim_whitespace(pa.concat_arrays([p[2] for p in parts]).take(order)))
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
_UTC = dt.UTC
#: The earliest date a message may carry (seconds since 1970): e-mail as netlib reads it is younger.
#: The latest is the moment of the export (:func:`netlib.io.mail.read`: the file's modification time) plus a day
#: for senders' clocks.  A date outside is no date: the message is left out, never kept in year 2099
#: (where it would move the moment analyses measure at) nor in 1960.
FIRST_DATE = 0


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
    sign = np.where(pc.equal(pc.utf8_slice_codeunits(z, 0, 1), "-").to_numpy(zero_copy_only=False), -1, 1)
    secs = pc.fill_null(pc.cast(local, pa.int64()), 0).to_numpy() - sign * (_digits(z, 1, 3) * 3600 + _digits(z, 3, 5) * 60)
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


def _digits(zones: pa.Array, i: int, j: int) -> np.ndarray:
    """Characters ``i`` to ``j`` of each zone (``+0100``) as a number."""
    return pc.cast(pc.utf8_slice_codeunits(zones, i, j), pa.int64()).to_numpy()


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

class _Headers:
    """The header blocks of :func:`parse`, split: each message's first header of each name netlib
    uses (:meth:`field`), its addresses (:meth:`people`) and its mbox separator line."""

    def __init__(self, buf: bytes) -> None:
        text = buf.decode("utf-8", "replace").replace("\r\n", "\n")
        self.lines = pa.array(_FOLD.sub(" ", text).split("\n"), pa.large_string())
        self.marker = pc.starts_with(self.lines, "\x00").to_numpy(zero_copy_only=False)
        msg = np.cumsum(self.marker) - 1
        self.n = n = int(self.marker.sum())
        split = pc.split_pattern(self.lines, ":", max_splits=1)  # "Name: value"; a wanted name is a valid one
        code = pc.index_in(pc.utf8_lower(pc.utf8_rtrim(pc.list_element(split, 0), " \t")), pa.array(_WANTED))
        take = pc.fill_null(pc.and_kleene(code.is_valid(), pc.greater_equal(pc.list_value_length(split), 2)), False)
        self.msg, self.code = msg[take.to_numpy(zero_copy_only=False)], pc.filter(code, take).to_numpy().astype(np.int64)
        self.value = pc.utf8_trim_whitespace(pc.list_element(pc.filter(split, take), 1))
        key = self.msg * len(_WANTED) + self.code
        self.first = ~pd.Series(key).duplicated().to_numpy()
        at = np.full(n * len(_WANTED), -1, dtype=np.int64)
        at[key[self.first]] = np.flatnonzero(self.first)
        self.at = at.reshape(n, len(_WANTED))

    def field(self, name: str) -> pa.Array:
        """The first such header of each message, null where none."""
        i = self.at[:, _WANTED.index(name)]
        return self.value.take(pa.array(i, mask=i < 0))

    def has(self, name: str) -> np.ndarray:
        """Whether each message has such a header, not empty."""
        return pc.fill_null(pc.not_equal(self.field(name), ""), False).to_numpy(zero_copy_only=False)

    def low(self, name: str) -> pa.Array:
        """The header in lower case, "" where none."""
        return pc.utf8_lower(pc.fill_null(self.field(name), ""))

    def separators(self) -> pa.Array:
        """Each message's first line (an mbox separator line, after its NUL marker)."""
        return self.lines.filter(pa.array(self.marker))

    def people(self) -> pd.DataFrame:
        """The addresses on each message: the first From, every To, Cc and Bcc, in that order."""
        kind = np.array([_PEOPLE.get(w, -1) for w in _WANTED])[self.code]
        who = np.flatnonzero(np.where(kind == 0, self.first, kind > 0))
        who = who[np.lexsort((kind[who], self.msg[who]))]
        found = address_table(self.value.take(pa.array(who)))
        row = who[found["row"].to_numpy()]
        return pd.DataFrame({"msg": self.msg[row], "kind": kind[row].astype(np.int8), "name": found["name"].array,
                             "token": found["address"].array})


def parse(buf: bytes, latest: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Messages from their header blocks (:func:`netlib.io.mail._gather`: each block's first line a NUL
    marker): (one row per message, one row per address on it); dates after ``latest`` (seconds since
    1970) are out of range (:func:`_dates`).  Folded lines joined, header names and values split by
    one regular expression over every line at once (Arrow, :class:`_Headers`), the fields netlib uses
    put side by side."""
    h = _Headers(buf)
    people = h.people()
    when, guessed, bad = _dates(h.field("date"), h.separators(), latest)
    ctype = h.low("content-type")
    auto = pc.invert(pc.is_in(h.low("auto-submitted"), pa.array(["", "no"]))).to_numpy(zero_copy_only=False)
    msgs = pd.DataFrame({
        "when": when, "guessed": guessed, "bad_date": bad,
        "id": pc.fill_null(h.field("message-id"), "").to_numpy(zero_copy_only=False).astype(object),
        "thread": _thread(h).to_numpy(zero_copy_only=False).astype(object),
        "subject": _decoded(h.field("subject")), "labels": _decoded(h.field("x-gmail-labels")),
        "list": h.has("list-id") | h.has("list-unsubscribe")
        | pc.is_in(h.low("precedence"), pa.array(["bulk", "list", "junk"])).to_numpy(zero_copy_only=False),
        "auto": auto | h.has("x-autoreply") | h.has("x-autorespond")
        | (pc.fill_null(h.field("return-path"), "x").to_numpy(zero_copy_only=False) == "<>")
        | pc.match_substring(ctype, "multipart/report").to_numpy(zero_copy_only=False),
        "calendar": pc.match_substring(ctype, "text/calendar").to_numpy(zero_copy_only=False),
        "delivered": _delivered(h.field("delivered-to"), h.field("x-original-to")),
    })
    return msgs, people


def _thread(h: _Headers) -> pa.Array:
    """Each message's thread: Gmail's thread id, else the first of ``References``, else ``In-Reply-To``
    ("" where none)."""
    refs = pc.fill_null(pc.list_element(pc.utf8_split_whitespace(pc.fill_null(h.field("references"), "")), 0), "") \
        if h.n else pa.array([], pa.large_string())
    thread = pc.fill_null(h.field("x-gm-thrid"), "")
    return pc.if_else(pc.not_equal(thread, ""), thread, pc.if_else(pc.not_equal(refs, ""), refs, pc.fill_null(h.field("in-reply-to"), "")))


def _delivered(delivered: pa.Array, original: pa.Array) -> np.ndarray:
    """The address each message was delivered to, lower case: its (first, i.e. last added)
    ``Delivered-To``, else its ``X-Original-To``; "" where neither holds one address."""
    v = pc.if_else(pc.not_equal(pc.fill_null(delivered, ""), ""), pc.fill_null(delivered, ""), pc.fill_null(original, ""))
    v = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(v), r"^[^<]*<([^<>\s]+)>.*$", r"\1"))
    ok = pc.match_substring_regex(v, r"^[^@\s<>,;]+@[^@\s<>,;]+$")
    return pc.if_else(ok, v, "").to_numpy(zero_copy_only=False).astype(object)

