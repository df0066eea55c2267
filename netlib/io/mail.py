"""E-mail: mbox files (Google Takeout, Thunderbird, Apple Mail), ``.eml`` files and Maildir folders.

Headers only: ``From``, ``To``, ``Cc``, ``Bcc``, ``Date``, ``Message-ID``, ``In-Reply-To``,
``References``, the list and automation headers and Gmail's labels and thread id.  Bodies and
attachments are never parsed nor kept: an mbox is memory-mapped, its message boundaries found by a
byte search, and only each header block goes to the standard library's header parser.

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

The owner is the ``me`` given to :func:`netlib.load`, else the address in most messages of the
file (the owner is in every message of their own mailbox).
"""

from __future__ import annotations

import email.utils
import mmap
import re
from email.header import decode_header, make_header

import numpy as np
import pandas as pd

from netlib._kernels import STR, lines_at
from netlib.io._reader import Frames, Input, Options
from netlib.model import EMAIL_BROADCAST, EMAIL_MINUTES, DataError, ProblemLog

__all__ = ["sniff", "read", "together_key", "read_together", "interactions", "EMAIL_MINUTES", "BROADCAST", "LEFT_OUT"]

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
    "nobody": "nobody but you on the message",
}

_HEAD = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]?\S", re.M)
_NO_REPLY = re.compile(r"(?:^|[._+-])(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon|bounces?)(?:[._+-]|@)", re.I)
_SKIP_LABELS = re.compile(r"(?:^|,)\s*(?:Spam|Trash|Category (?:Promotions|Social|Updates|Forums))\s*(?:,|$)", re.I)
_INVITE = re.compile(r"^(?:Updated )?Invitation(?: from Google Calendar)?:|^(?:Accepted|Declined|Tentatively Accepted|"
                     r"Canceled event|Cancelled event)(?: \(.*\))?:", re.I)


def sniff(inp: Input) -> str | None:
    """``"mbox"`` for a file of ``From `` separator lines followed by headers, ``"eml"`` for one
    message's headers; from the first bytes only (a 10 GB mailbox is never decoded to be recognised)."""
    head = bytes(inp.data[:8192]) if inp.data is not None else b""
    head = head.lstrip(b"\r\n")
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if head.startswith(b"From ") and re.search(rb"^(?:From|Date|Message-ID|To|Subject):", block, re.M | re.I):
        return "mbox"
    if _HEAD.match(block) and not block.upper().startswith(b"BEGIN:"):
        names = {m.group(1).lower() for m in re.finditer(rb"^([A-Za-z][A-Za-z0-9-]*):", block, re.M)}
        if b"from" in names and (b"date" in names or b"message-id" in names) and names & {b"to", b"cc", b"subject", b"message-id"}:
            return "eml"
    return None


class _Dropper:
    """Lets the kernel drop a memory-mapped file's pages once scanned (``madvise``), so that reading
    a 10 GB mailbox keeps about :data:`WINDOW` of it resident, not all of it.  Bytes: nothing to do."""

    WINDOW = 64 << 20

    def __init__(self, data) -> None:
        self.data, self.done = data, 0
        self.ok = hasattr(data, "madvise") and hasattr(mmap, "MADV_DONTNEED")

    def upto(self, pos: int) -> None:
        if self.ok and pos - self.done >= self.WINDOW or (self.ok and pos >= len(self.data) > self.done):
            end = min(pos, len(self.data)) // mmap.PAGESIZE * mmap.PAGESIZE
            if end > self.done:
                self.data.madvise(mmap.MADV_DONTNEED, self.done, end - self.done)
                self.done = end


def _blocks(data, kind: str) -> tuple[list[bytes], list[int], list[bytes]]:
    """Each message's header block, its line in the file, and its mbox separator line (b"" for eml).
    Boundaries by a byte search over the mapped file; bodies are skipped, never copied."""
    if kind == "eml":
        end = data.find(b"\n\n")
        end2 = data.find(b"\r\n\r\n")
        stop = min(x for x in (end, end2, len(data)) if x >= 0)
        return [bytes(data[:stop])], [1], [b""]
    # a separator is a "From " line at the start of the file or after a blank line (a body's own
    # "From " line that no writer escaped as ">From " follows text, not a blank line): found by
    # byte searches in C, as fast as the bare scan a benchmark compares with
    starts = [0] if data[:5] == b"From " else []
    at, drop = data.find(b"\nFrom "), _Dropper(data)
    while at >= 0:  # one step per line that starts with "From "
        if data[at - 1:at] == b"\n" or data[at - 2:at] == b"\n\r":
            starts.append(at + 1)
        drop.upto(at)
        at = data.find(b"\nFrom ", at + 6)
    drop.upto(len(data))
    blocks, seps = [], []
    drop = _Dropper(data)
    for i, s in enumerate(starts):  # one step per message: find the end of its headers, never read the body
        nl = data.find(b"\n", s)
        limit = starts[i + 1] if i + 1 < len(starts) else len(data)
        body = data.find(b"\n\n", nl, limit)
        crlf = data.find(b"\r\n\r\n", nl, body + 1 if body >= 0 else limit)  # never into the body
        ends = [x for x in (body, crlf) if x >= 0]
        stop = min(ends) if ends else limit
        blocks.append(bytes(data[nl + 1:stop]))
        seps.append(bytes(data[s:nl]))
        drop.upto(s)
    drop.upto(len(data))
    drop = _Dropper(data)
    lines = lines_at(data, np.asarray(starts, dtype=np.int64), drop=drop.upto if drop.ok else None)
    return blocks, lines.tolist(), seps


def _text(value) -> str:
    """A header value as text, RFC 2047 encoded words decoded."""
    if not value:
        return ""
    value = str(value)
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (UnicodeError, LookupError, ValueError, TypeError):
        return value


#: The usual shapes of an address: ``"Last, First" <a@b>``, ``Name <a@b>``, ``a@b``.
_ADDRESS = re.compile(r'\s*(?:"([^"]*)"|([^,<>"]*?))\s*<([^<>\s]+@[^<>\s]+)>\s*(?:,|$)|\s*([^\s,<>"]+@[^\s,<>"]+)\s*(?:,|$)')


def _addresses(*values) -> list[tuple[str, str]]:
    """(name, address) pairs of address headers: quoted commas and encoded names handled; comments
    and groups by the standard library's parser."""
    out = []
    for v in values:
        if not v:
            continue
        v = str(v)
        pos, pairs = 0, []
        if not any(c in v for c in "(:\\"):  # the common shapes, by one regular expression (comments, groups, escapes: not)
            for m in _ADDRESS.finditer(v):
                if m.start() != pos:
                    break
                pos = m.end()
                pairs.append((m.group(1) if m.group(1) is not None else (m.group(2) or ""), m.group(3) or m.group(4)))
        if pos != len(v.rstrip()) or not pairs:
            pairs = email.utils.getaddresses([v])
        out += [(_text(n).strip(), a.strip().lower()) for n, a in pairs if "@" in a]
    return out


_WANTED = {"from", "to", "cc", "bcc", "date", "message-id", "in-reply-to", "references", "subject", "x-gmail-labels",
           "x-gm-thrid", "list-id", "list-unsubscribe", "precedence", "auto-submitted", "x-autoreply", "x-autorespond",
           "return-path", "content-type"}
_FIELD = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*?)\r?$", re.M)
_FOLD = re.compile(rb"\r?\n[ \t]+")
_UTC = __import__("datetime").timezone.utc


def _separator_date(sep: bytes) -> pd.Timestamp | None:
    """The date on an mbox ``From `` line (``From x@y Thu Oct  3 10:00:00 2024`` or Gmail's ``+0000``)."""
    m = re.search(rb"(\w{3} \w{3}\s+\d{1,2} \d\d:\d\d:\d\d(?: [+-]\d{4})? \d{4})", sep)
    if not m:
        return None
    t = pd.to_datetime(m.group(1).decode("ascii", "replace"), utc=True, errors="coerce", format="mixed")
    return None if pd.isna(t) else t


def _message(block: bytes, sep: bytes) -> dict:
    """The headers netlib uses, from one header block: folded lines joined, each field found by one
    regular expression (the standard library's parser builds a whole message object per block)."""
    h: dict[str, list[str]] = {}
    for name, value in _FIELD.findall(_FOLD.sub(b" ", block)):
        key = name.decode("ascii").lower()
        if key in _WANTED:
            h.setdefault(key, []).append(value.decode("utf-8", "replace").strip())
    get = lambda name: h[name][0] if name in h else None  # noqa: E731
    sender = _addresses(get("from"))
    to, cc, bcc = (_addresses(*h.get(k, [])) for k in ("to", "cc", "bcc"))
    when, guessed = None, False
    raw_date = get("date")
    if raw_date:  # a datetime with its offset; made UTC for the whole column at once (interactions)
        try:
            when = email.utils.parsedate_to_datetime(raw_date)
            when = when if when.tzinfo is not None else when.replace(tzinfo=_UTC)  # "-0000": UTC, origin unknown
        except (TypeError, ValueError, IndexError, OverflowError):
            when = None
    if when is None:
        when, guessed = _separator_date(sep), True
    refs = (get("references") or "").split()
    ctype = (get("content-type") or "").lower()
    auto = (get("auto-submitted") or "no").strip().lower()
    return {
        "from": sender, "to": to, "cc": cc, "bcc": bcc, "when": when, "guessed": guessed and when is not None,
        "id": (get("message-id") or "").strip(), "thread": (get("x-gm-thrid") or "").strip()
        or (refs[0] if refs else (get("in-reply-to") or "").strip()),
        "subject": _text(get("subject")), "labels": _text(get("x-gmail-labels")),
        "list": bool(get("list-id") or get("list-unsubscribe"))
        or (get("precedence") or "").strip().lower() in ("bulk", "list", "junk"),
        "auto": auto not in ("", "no") or bool(get("x-autoreply") or get("x-autorespond"))
        or (get("return-path") or "x").strip() == "<>" or "multipart/report" in ctype,
        "calendar": "text/calendar" in ctype,
    }


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A mailbox's messages, headers only: ``Frames.mail`` holds one row per message.  The
    interactions are made by :func:`interactions` once every mail file is read (a reply in ``Sent``
    and the message it answers in ``Inbox`` are one thread; mail is a relationship when it went
    both ways, whichever files hold the two ways)."""
    blocks, lines, seps = _blocks(inp.data, kind)
    inp.release()
    if not blocks:
        raise DataError("an mbox file with no message", source=inp.source, expected="From lines, each followed by a message")
    msgs = pd.DataFrame([_message(b, s) for b, s in zip(blocks, seps, strict=True)])  # one header parse per message
    msgs["line"] = lines
    msgs["file"] = inp.source
    return Frames("e-mail (mbox)" if kind == "mbox" else "e-mail (eml)", rows_read=len(msgs), owner_listed=False, mail=msgs)


def together_key(inp: Input, kind: str) -> str | None:
    """Small ``.eml`` files (a Maildir's ``cur/`` and ``new/``) are read together."""
    return kind if kind == "eml" else None


def read_together(inps: list[Input], kind: str, log: ProblemLog, opt: Options) -> Frames:
    """Small ``.eml`` files, each one message, read as one table of messages."""
    rows = []
    for inp in inps:  # one header block per file
        (block,), _, (sep,) = _blocks(inp.data, kind)
        rows.append(_message(block, sep))
        inp.release()
    msgs = pd.DataFrame(rows)
    msgs["line"] = 1
    msgs["file"] = [i.source for i in inps]
    return Frames("e-mail (eml)", rows_read=len(msgs), owner_listed=False, mail=msgs,
                  files=[i.source for i in inps], file_rows=np.ones(len(inps), dtype=np.int64))


def _owner(msgs: pd.DataFrame, me_keys) -> set[str]:
    """The owner's addresses: those of ``me`` when given, else the address in the most messages."""
    given = {k for k in me_keys if "@" in k}
    if given:
        return given
    seen = pd.Series([a for people in msgs["everyone"] for a in {p[1] for p in people}], dtype=object)
    return {seen.value_counts().index[0]} if len(seen) else set()


def interactions(msgs: pd.DataFrame, log: ProblemLog, me_keys=(), minutes: float = EMAIL_MINUTES,
                 one_way: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Every mail file's messages (:func:`read`, with ``src``: each message's position in
    ``Network.sources``) as interactions: (meetings, attendee tokens, the owner's addresses found).

    Messages that are no relationship are skipped rows with the reason (:data:`LEFT_OUT`); a
    counterpart mail went to or came from only one way is left out (a ``left out`` row per
    counterpart; a message with nobody else left is a skipped row), unless ``one_way``.
    """
    msgs = msgs.reset_index(drop=True)
    n = len(msgs)
    msgs["everyone"] = [f + t + c + b for f, t, c, b in zip(msgs["from"], msgs["to"], msgs["cc"], msgs["bcc"], strict=True)]
    me = _owner(msgs, me_keys)
    sender = np.array([f[0][1] if f else "" for f in msgs["from"]], dtype=object)
    sent = np.isin(sender, list(me)) if me else np.zeros(n, dtype=bool)
    labels = msgs["labels"].fillna("")
    reason = np.full(n, "", dtype=object)
    files, lines = msgs["file"].to_numpy(dtype=object), msgs["line"].to_numpy()

    def mark(mask, code):
        reason[np.asarray(mask, dtype=bool) & (reason == "")] = code

    mark(pd.to_datetime(msgs["when"], utc=True, errors="coerce").isna(), "no date")
    ids = msgs["id"].where(msgs["id"] != "")
    mark(ids.duplicated() & ids.notna(), "duplicate")
    mark(msgs["calendar"] | msgs["subject"].str.contains(_INVITE, na=False), "calendar")
    mark(labels.str.contains(_SKIP_LABELS, na=False), "label")
    mark(msgs["list"] & ~sent, "list")
    mark(msgs["auto"] & ~sent, "auto")
    mark(pd.Series(sender).str.contains(_NO_REPLY, na=False) & ~sent, "no-reply")
    others = [{p[1]: p for p in people if p[1] not in me} for people in msgs["everyone"]]
    mark(np.array([not o for o in others], dtype=bool), "nobody")
    recipients = np.array([len({p[1] for p in t + c + b}) for t, c, b in zip(msgs["to"], msgs["cc"], msgs["bcc"], strict=True)])
    broadcast = sent & (recipients > BROADCAST)
    live = reason == ""
    part = pd.DataFrame([(i, a, nm) for i in np.flatnonzero(live) for nm, a in others[i].values()],
                        columns=["msg", "token", "name"])
    # reciprocity, over every file: an address the owner wrote to and heard from
    wrote = set(part.loc[sent[part["msg"].to_numpy()] & ~broadcast[part["msg"].to_numpy()], "token"])
    heard = set(sender[live & ~sent])
    lone = ~part["token"].isin(wrote & heard).to_numpy() & ~broadcast[part["msg"].to_numpy()]
    if lone.any() and not one_way:
        mark(np.isin(np.arange(n), part.loc[~lone, "msg"].to_numpy(), invert=True) & live & ~broadcast, "one-way")
        partial = part[lone & (reason[part["msg"].to_numpy()] == "")]
        if len(partial):
            first = partial.groupby("token").agg(msg=("msg", "first"), n=("msg", "size")).reset_index()
            log.add_frame(pd.DataFrame({"source": files[first["msg"]], "line": lines[first["msg"]], "column": "To",
                                        "value": first["token"].to_numpy()}),
                          "one-way mail: never both ways with this address, so not counted as a relationship", "left out")
        part = part[~lone]
    out = reason != ""
    if out.any():
        text = {**LEFT_OUT, "one-way": "one-way mail (only to them, or only from them): not counted as a relationship"}
        log.add_frame(pd.DataFrame({"source": files[out], "line": lines[out], "column": "From", "value": sender[out]}),
                      pd.Series([text[r] for r in reason[out]]), "skipped row")
    guessed = msgs["guessed"].to_numpy(dtype=bool) & ~out
    if guessed.any():
        log.add_frame(pd.DataFrame({"source": files[guessed], "line": lines[guessed], "column": "Date", "value": ""}),
                      "no readable Date header: the mbox separator line's date was used", "guessed")
    keep = ~out
    when = pd.to_datetime(msgs["when"], utc=True, errors="coerce")  # every offset, to UTC, in one call
    thread = msgs["thread"].where(msgs["thread"] != "", msgs["id"])
    thread = thread.where(thread != "", "msg" + pd.Series(np.arange(n)).astype(str))
    key = np.where(broadcast, "broadcast:" + pd.Series(np.arange(n)).astype(str),
                   "thread:" + thread.astype(str) + ":" + when.dt.strftime("%Y-%m-%d").fillna(""))
    codes, uniq = pd.factorize(pd.Series(key)[keep])
    mrow = np.full(n, -1)
    mrow[np.flatnonzero(keep)] = codes
    g = pd.DataFrame({"m": codes, "when": when[keep].to_numpy(), "row": np.flatnonzero(keep), "sent": sent[keep],
                      "aud": np.where(broadcast[keep], recipients[keep], 0)})
    agg = g.groupby("m").agg(start=("when", "min"), row=("row", "min"), sent=("sent", "sum"), aud=("aud", "max"))
    first = agg["row"].to_numpy()
    meetings = pd.DataFrame({
        "meeting_id": ["email:" + k for k in uniq],
        "start": agg["start"].to_numpy(),
        "duration_min": agg["sent"].to_numpy(dtype=float) * float(minutes),
        "channel": "email",
        "title": "E-mail",
        "location": "email",
        "audience": np.where(agg["aud"].to_numpy() > 0, agg["aud"].to_numpy(dtype=float), np.nan),
        "file": files[first],
        "line": lines[first],
    })
    meetings["end"] = meetings["start"] + pd.to_timedelta(meetings["duration_min"], unit="min")
    tok = part[keep[part["msg"].to_numpy()] & ~broadcast[part["msg"].to_numpy()]]
    tok = tok.assign(mrow=mrow[tok["msg"].to_numpy()]).drop_duplicates(["mrow", "token"])
    tokens = pd.DataFrame({"mrow": tok["mrow"].to_numpy(), "token": tok["token"].astype(STR).to_numpy(),
                           "line": lines[tok["msg"].to_numpy()].astype(np.int32), "name": tok["name"].where(tok["name"] != "", tok["token"]).to_numpy(),
                           "src": msgs["src"].to_numpy()[tok["msg"].to_numpy()].astype(np.int32)})
    return meetings, tokens, sorted(me) if not any("@" in k for k in me_keys) else []
