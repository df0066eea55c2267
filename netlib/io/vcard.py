"""vCard ``.vcf`` files (Google and Apple 3.0, Outlook 2.1, 4.0), parsed with ``vobject``.

``FN`` (or ``N``) is the name, every ``EMAIL`` an address, ``ORG`` is
``Company;Department`` (the company is kept), ``TITLE`` the title,
``CATEGORIES`` the tags (Google's ``myContacts`` and ``starred`` are system
labels, not tags).  Grouped properties (``item1.EMAIL``) and folded lines are
handled by vobject.  Rows are cards; ``line`` is the line of ``BEGIN:VCARD``.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from netlib._kernels import STR, first_item
from netlib.io._reader import Frames, Input, Options, newest, records
from netlib.io._text import Table, line_numbers
from netlib.model import DataError, ProblemLog

SYSTEM = {"mycontacts", "starred"}


def sniff(inp: Input) -> str | None:
    """``"cards"`` for a file that starts with ``BEGIN:VCARD``."""
    return "cards" if inp.text[:4096].lstrip("\ufeff \r\n").upper().startswith("BEGIN:VCARD") else None  # a prefix: never copy a whole file


def _flat(v) -> str:
    """The first text of a value vobject may nest in lists (ORG is a list; broken files nest deeper)."""
    while isinstance(v, (list, tuple)):
        v = v[0] if v else ""
    return str(v)


def _values(card, name: str) -> list[str]:
    return [_flat(p.value) for p in card.contents.get(name, [])]


def read_cards(text: str, source: str | list[str], log: ProblemLog, tz: str, starts: list[int] | None = None):
    """The cards of ``text``: (table, contact records).  Several files' texts joined: ``source``
    names each file and ``starts`` gives where each begins in ``text``; each card keeps its own
    file and line."""
    import vobject

    # one card at a time: a card without END:VCARD or with a broken value is one skipped row, the rest loads
    begins = [m.start() for m in re.finditer(r"^BEGIN:VCARD", text, re.M | re.I)]
    lines = line_numbers(text, begins)
    if starts is None:
        where = [source] * len(begins)
    else:  # the file of each card, and its line within that file
        file = np.searchsorted(np.asarray(starts), begins, side="right") - 1
        lines = (np.asarray(lines, dtype=np.int64) - (np.asarray(line_numbers(text, starts)) - 1)[file]).tolist()
        where = np.asarray(source, dtype=object)[file]
    rows, unreadable, dropped = [], [], []
    with _SkippedLines() as skipped:  # vobject leaves out a line it cannot parse and only logs it: each becomes a problem
        for start, end, line, src in zip(begins, [*begins[1:], len(text)], lines, where):  # one step per card
            _read_card(vobject, text[start:end], line, src, rows, unreadable)
            dropped += [(src, line, msg) for msg in skipped.take()]
    for src, line, msg in dropped:
        log.add(src, line, "BEGIN:VCARD", msg[:200], "a line of this card netlib cannot read: left out", "cleared")
    if not begins:
        raise DataError("not a readable vCard file (no BEGIN:VCARD)", source=source, expected="BEGIN:VCARD ... END:VCARD")
    for src, line, problem in unreadable:
        log.add(src, line, "BEGIN:VCARD", None, problem, "skipped row")
    df = pd.DataFrame(rows, columns=["name", "emails", "company", "title", "tags", "url", "line", "file"]).astype(
        {c: STR for c in ("name", "emails", "company", "title", "tags", "url")})
    table = Table(df, df["line"].to_numpy(dtype=np.int64), source if starts is None else df["file"].to_numpy(dtype=object),
                  1, len(df) + len(unreadable))
    nobody = ((df["name"] == "") & (df["emails"] == "")).to_numpy(dtype=bool)
    from netlib.io._text import cells

    log.add_frame(cells(table, nobody, "FN"), "neither a name nor an e-mail address", "skipped row")
    url = df["url"].where(df["url"].str.contains("linkedin.com", regex=False), "")
    rec = records(table, log, name=df["name"].where(df["name"] != "", first_item(df["emails"], ";")),
                  emails=df["emails"], company=df["company"], title=df["title"], url=url,
                  connected=pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"), source="vcard", tags=df["tags"],
                  skip=nobody, email_column="EMAIL")
    return table, rec


def _read_card(vobject, block: str, line: int, src: str, rows: list, unreadable: list) -> None:
    """One card's row appended to ``rows``, or the reason it cannot be read to ``unreadable``."""
    if not re.search(r"^END:VCARD", block, re.M | re.I):
        unreadable.append((src, line, "a card without END:VCARD: left out"))
        return
    # photos are never used: drop them before parsing (a broken base64 photo would sink the card); nor is
    # PROFILE, which only says the card is a vCard and which vobject refuses unless it is written "VCARD"
    # (Lotus Notes and Exchange write "PROFILE:vCard")
    block = _join_soft_breaks(re.sub(r"\r?\n[ \t]", "", block))
    block = re.sub(r"^(?:[A-Za-z0-9-]+\.)?(?:PHOTO|PROFILE)[;:].*(?:\r?\n|$)", "", block, flags=re.M | re.I)
    try:
        card = vobject.readOne(block, ignoreUnreadable=True)
        fn = _values(card, "fn")
        name = fn[0].strip() if fn else ""
        if not name and card.contents.get("n"):
            n = card.n.value
            name = " ".join(_flat(x) for x in (n.given, n.additional, n.family) if x).strip()
        company = _values(card, "org")[0].strip() if card.contents.get("org") else ""
        cats = [_flat(c) for p in card.contents.get("categories", []) for c in (p.value if isinstance(p.value, list) else [p.value])]
        tags = ";".join(c.strip().lower() for c in cats if c.strip().lower() not in SYSTEM)
        rows.append((name, ";".join(_values(card, "email")), company, ";".join(_values(card, "title")), tags,
                     ";".join(_values(card, "url")), line, src))
    except Exception as err:  # noqa: BLE001 (vobject raises its own ParseError family besides the usual ones)
        unreadable.append((src, line, f"a card netlib cannot read ({type(err).__name__}: {str(err)[:120]}): left out"))


def _join_soft_breaks(block: str) -> str:
    """Quoted-printable values (vCard 2.1, as Android and Outlook write them) continue on the next
    line after a ``=`` at the end of a line, with no leading space: joined, so that vobject reads
    the whole value (it read the first line and dropped the rest)."""
    if not re.search("QUOTED-PRINTABLE", block, re.I):
        return block
    out, joining = [], False
    for ln in block.split("\n"):  # a card's few lines
        ln = ln.rstrip("\r")
        if joining and not re.match(r"(?:END|BEGIN):", ln, re.I):  # a value broken at the card's end: "=" was its last character
            out[-1] = out[-1][:-1] + ln
        else:
            out.append(ln)
        head = out[-1].split(":", 1)[0]
        joining = out[-1].endswith("=") and "QUOTED-PRINTABLE" in head.upper()
    return "\r\n".join(out)


class _SkippedLines(logging.Handler):
    """While open, catches the lines vobject skips (it logs them as errors on ``vobject.base`` and
    goes on) instead of letting them reach the console; :meth:`take` hands over those caught so far."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.caught: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.caught.append(re.sub(r"^Skipped (?:a )?line(?: \d+)?, message: (?:At line \d+: )?", "", record.getMessage()))

    def take(self) -> list[str]:
        out, self.caught = self.caught, []
        return out

    def __enter__(self) -> _SkippedLines:
        self._logger = logging.getLogger("vobject.base")
        self._saved = self._logger.handlers[:], self._logger.propagate
        self._logger.handlers[:] = [self]  # vobject's own handler prints to the console
        self._logger.propagate = False
        return self

    def __exit__(self, *exc) -> None:
        self._logger.handlers[:], self._logger.propagate = self._saved


_REV = re.compile(r"^REV(?:;[^:\r\n]*)?:([^\r\n]+)", re.M | re.I)


def revised(text: str) -> pd.Timestamp | None:
    """The newest ``REV`` (a card's last revision, RFC 6350) in ``text``: the file was written at
    or after it (:attr:`~netlib.io._reader.Frames.exported`); None when no card carries one.

    Examples
    --------
    >>> revised("BEGIN:VCARD\\nFN:A\\nREV:20240619T090000Z\\nEND:VCARD\\nBEGIN:VCARD\\nFN:B\\nREV:2023-01-02\\nEND:VCARD\\n")
    Timestamp('2024-06-19 09:00:00+0000', tz='UTC')
    """
    found = _REV.findall(text)
    return newest(pd.to_datetime(pd.Series(found, dtype=object).str.strip(), utc=True, format="ISO8601", errors="coerce")) \
        if found else None


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A vCard file's cards as contact records."""
    table, rec = read_cards(inp.text, inp.source, log, opt.tz)
    return Frames("vCard", contacts=rec, rows_read=table.n_read, exported=revised(inp.text))


def together_key(inp: Input, kind: str) -> str:
    """Every small vCard file can be read with the others (a folder of one card per person)."""
    return kind


def read_together(inps: list[Input], kind: str, log: ProblemLog, opt: Options) -> Frames:
    """Small vCard files read as one: their cards, each with its own file and line."""
    texts = [t if t.endswith("\n") else t + "\n" for t in (i.text.removeprefix("\ufeff") for i in inps)]
    starts = np.concatenate(([0], np.cumsum([len(t) for t in texts[:-1]], dtype=np.int64)))
    files = [i.source for i in inps]
    table, rec = read_cards("".join(texts), files, log, opt.tz, starts.tolist())
    for i in inps:
        i.release()
    cards = np.fromiter((len(re.findall(r"^BEGIN:VCARD", t, re.M | re.I)) for t in texts), dtype=np.int64, count=len(texts))
    return Frames("vCard", contacts=rec, rows_read=table.n_read, files=files, file_rows=cards,
                  exported={f: revised(t) for f, t in zip(files, texts, strict=True)})
