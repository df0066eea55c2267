"""Shared chores of every reader: decode bytes, parse CSV keeping editor line
numbers, parse dates with explicit formats and time zones.

Nothing here knows a file format; readers call these helpers.
"""

from __future__ import annotations

import csv
import io
import mmap
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netlib._kernels import STR, arrow_csv, strip
from netlib._words import plural
from netlib.model import DataError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised from
    their bytes; otherwise strict UTF-8 is tried, then Windows code page 1252.
    A file with NUL bytes and no UTF-16 BOM is not text.

    Returns
    -------
    (text, encoding)

    Raises
    ------
    DataError
        For an empty file, a binary file, or bytes that fit no encoding.

    Examples
    --------
    >>> decode("Zoë".encode("cp1252"), "x.csv")
    ('Zoë', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfa,b", "x.csv")
    ('a,b', 'utf-8-sig')
    """
    check_text_size(len(data), source)
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None and b"\x00" in data[:4096]:
        raise DataError(
            "this is not a text file (it contains NUL bytes)",
            source=source,
            expected="a CSV, vCard or iCalendar text file",
            fix="Export the data as CSV and load that file",
        )
    if encoding is None:  # no BOM: UTF-8 when every byte fits it, else what the bytes look like
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            guessed = _legacy(data)
            if guessed is not None:
                return guessed
        else:
            if not text or text.isspace():
                raise DataError("the file is empty", source=source, expected="a header line and data rows")
            return text, "utf-8"
    candidates = [encoding] if encoding else ["cp1252"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as err:
            last = err
            continue
        if enc.startswith("utf-16"):
            text = text.lstrip("\ufeff")
        if not text or text.isspace():
            raise DataError("the file is empty", source=source, expected="a header line and data rows")
        return text, enc
    raise DataError(
        "the file's bytes fit none of the encodings netlib reads",
        source=source,
        value=data[max(0, last.start - 10) : last.end + 10],
        expected="UTF-8, UTF-16 with a byte-order mark, or Windows-1252",
        fix="Re-save the file as UTF-8",
    ) from last


#: The most fields netlib reads in one CSV row (exports have a few dozen; Google's widest about 90).
MAX_FIELDS = 1000
#: The largest file netlib decodes to text to read (netlib's own CSVs, parsed from their bytes, may be
#: larger).  A contacts or calendar export of this size would hold millions of people.
MAX_TEXT_BYTES = 128 << 20

def check_text_size(size: int, source: str) -> None:
    """Raise :class:`~netlib.DataError` for a file larger than :data:`MAX_TEXT_BYTES`, from its size
    alone: a 3 GB video beside the exports is refused before a byte of it is copied."""
    if size > MAX_TEXT_BYTES:
        raise DataError(f"a file of {size / 2**20:,.0f} MB, more than the {MAX_TEXT_BYTES >> 20} MB netlib reads as text",
                        source=source, expected=f"at most {MAX_TEXT_BYTES >> 20} MB",
                        fix="Check that this is an export of contacts, meetings or events; split a larger one into parts")


#: Encodings netlib had to guess from the bytes (no byte-order mark, not UTF-8): each is recorded
#: as a ``guessed`` problem for the file.
GUESSED_ENCODINGS = {"gb18030": "the file is not UTF-8 and its bytes look like Chinese text: read as GB18030",
                     "utf-8+cp1252": "the file mixes UTF-8 lines and Windows-1252 lines: each line was read in the encoding it fits"}


def _legacy(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for bytes that are not UTF-8 but clearly something else: a mix of UTF-8 and
    Windows-1252 lines (a file appended to by two programs), or double-byte Chinese text (GB18030:
    non-ASCII bytes come in pairs, where Windows-1252 text has single accented letters).  None:
    read it as Windows-1252, netlib's default for such files."""
    head = data[: 1 << 20]
    runs = re.findall(rb"[\x80-\xff]+", head)
    if not runs:
        return None
    lines = data.split(b"\n")
    fits = []
    for line in lines:  # only for a file that is not UTF-8 as a whole: the rare fallback path
        try:
            line.decode("utf-8")
            fits.append(True)
        except UnicodeDecodeError:
            fits.append(False)
    multi = [ok for ok, line in zip(fits, lines) if re.search(rb"[\x80-\xff]", line)]
    paired = sum(len(r) % 2 == 0 for r in runs) / len(runs)
    if paired >= 0.9 and not any(multi):
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            return None
    if any(multi) and not all(multi):
        try:
            text = "\n".join(line.decode("utf-8") if ok else line.decode("cp1252") for ok, line in zip(fits, lines))
        except UnicodeDecodeError:
            return None
        return text, "utf-8+cp1252"
    return None


#: Files at least this large are memory-mapped by :func:`read_path` rather than copied into memory.
MAP_BYTES = 1 << 20


def read_path(path: Path) -> bytes | mmap.mmap:
    """The bytes of a file; a missing path raises ``FileNotFoundError``.

    A file of :data:`MAP_BYTES` or more is memory-mapped, read-only: pyarrow parses it
    where it lies instead of from a copy (the mapping closes when nothing uses it).
    Either way the result slices to ``bytes`` and has ``find``; :func:`as_bytes` copies
    a mapping when a reader needs real ``bytes``.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder. Check the path, or pass the folder that holds your exports.")
    size = path.stat().st_size
    if size < MAP_BYTES or size == 0:  # an empty file cannot be mapped
        return path.read_bytes()
    with open(path, "rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def as_bytes(data: bytes | mmap.mmap) -> bytes:
    """``data`` as ``bytes`` (a copy of a memory-mapped file, the same object otherwise)."""
    return data if isinstance(data, bytes) else bytes(data)


@dataclass
class Table:
    """A parsed CSV: every cell a string, with the editor line of each row."""

    data: pd.DataFrame
    line: np.ndarray
    source: str | np.ndarray  # one file's name, or each row's file when files are read together
    header_line: int
    n_read: int

    def source_of(self, rows: np.ndarray) -> str | np.ndarray:
        """The file of the rows at positions ``rows``: the one name, or each row's."""
        return self.source if isinstance(self.source, str) else self.source[rows]


def _record_bounds(text: str, sep: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Start lines, blank flags and field counts of every CSV record.

    A newline or separator counts only outside double quotes, found by the
    running parity of the quote characters (RFC 4180 escapes a quote by
    doubling it, which keeps the parity).  Vectorised over the whole text.
    Returns (start_line, is_blank, n_fields, final_parity).
    """
    arr = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    inside = np.bitwise_xor.accumulate((arr == 34).astype(np.uint8))
    nl_all = np.flatnonzero(arr == 10)
    term = nl_all[inside[nl_all] == 0]
    # line number (1-based) on which each record starts
    term_rank = np.searchsorted(nl_all, term)
    start_line = np.concatenate(([1], term_rank + 2))
    starts = np.concatenate(([0], term + 1))
    ends = np.concatenate((term, [len(arr)]))
    length = ends - starts
    first = arr[np.minimum(starts, len(arr) - 1)] if len(arr) else np.zeros(0, np.uint8)
    blank = (length == 0) | ((length == 1) & (first == 13))
    seps = np.flatnonzero((arr == ord(sep)) & (inside == 0))
    per_record = np.bincount(np.searchsorted(ends, seps), minlength=len(starts))[: len(starts)]
    final = int(inside[-1]) if len(arr) else 0
    return start_line, blank, per_record + 1, final


def read_csv(text: str, source: str, log, *, header_line: int = 1, sep: str = ",", fast: bool = True) -> Table:
    """Parse CSV text into strings, keeping each row's editor line number.

    ``header_line`` is the 1-based line of the header (after a preamble).
    ``fast=False`` skips the attempt with pyarrow (when :func:`read_csv_bytes`
    already made it).  Blank lines are not rows.  Rows with more fields than the header are
    skipped rows in ``log`` (a :class:`~netlib.model.ProblemLog`); short rows
    are padded with empty strings.

    Examples
    --------
    >>> from netlib.model import ProblemLog
    >>> t = read_csv('a,b\\n1,"x\\ny"\\n\\n2,z\\n', "f.csv", ProblemLog())
    >>> t.data["b"].tolist(), t.line.tolist(), t.n_read
    (['x\\ny', 'z'], [2, 5], 2)
    """
    body = text
    if header_line > 1:
        # drop the preamble lines (they hold no quoted newlines in any known format)
        cut = 0
        for _ in range(header_line - 1):
            cut = body.index("\n", cut) + 1
        body = body[cut:]
    if fast:
        nl = body.find("\n")
        first = (body if nl < 0 else body[:nl]).rstrip("\r")
        if not first.strip():
            raise DataError("the file has no header line", source=source, expected="a header line naming the columns")
        table = _try_fast(body.encode("utf-8"), first, source, header_line, sep) if body.find("\r") < 0 else None
        if table is not None:
            return table
    start_line, blank, nfields, final = _record_bounds(body, sep)
    if final:
        open_at = int(start_line[~blank][-1]) + header_line - 1
        raise DataError(
            "a quoted field is never closed",
            source=source,
            line=open_at,
            expected='every opening " to have a closing "',
            fix="Check that line for a stray double quote",
        )
    keep = ~blank
    start_line, nfields = start_line[keep] + header_line - 1, nfields[keep]
    header_fields = int(nfields[0])
    if nfields.max() > MAX_FIELDS:  # a row of a million fields would take gigabytes to look at
        at = int(np.argmax(nfields > MAX_FIELDS))
        raise DataError(f"line {int(start_line[at])} has {int(nfields[at]):,} fields, more than the {MAX_FIELDS:,} netlib reads in a row",
                        source=source, line=int(start_line[at]), expected=f"at most {MAX_FIELDS:,} fields a row",
                        fix="Check that this is an export of contacts, meetings or events")
    n_extra = int(max(0, nfields.max() - header_fields))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas would drop data: stop instead
            header = pd.read_csv(io.StringIO(body), sep=sep, nrows=0, index_col=False).columns.tolist()
            names = header + [f"__extra{i}" for i in range(n_extra)]
            df = pd.read_csv(
                io.StringIO(body), sep=sep, header=None, skiprows=1, names=names, dtype=str,
                keep_default_na=False, na_filter=False, skip_blank_lines=True, index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, pd.errors.ParserWarning) as err:
        raise DataError(
            f"the CSV structure is broken ({str(err).split('. ')[-1]})",
            source=source,
            expected="fields separated by commas, with any double quote opening and closing a whole field",
            fix="Open the file in a spreadsheet program and save it again as CSV",
        ) from None
    if len(df) != len(start_line) - 1:
        raise DataError("the CSV structure is broken: a double quote inside a field that is not quoted", source=source,
                        expected="a quoted field (\"...\") around any value that holds a double quote",
                        fix="Open the file in a spreadsheet program and save it again as CSV")
    line = start_line[1:]
    too_long = nfields[1:] > header_fields
    bad = []
    if too_long.any():
        idx = np.flatnonzero(too_long)
        raw = df.iloc[idx].astype(str).agg(sep.join, axis=1).str.rstrip(sep)
        bad = [
            (int(line[i]), r, f"the row has {plural(int(nfields[1:][i]), 'field')} but the header has {plural(header_fields, 'field')}")
            for i, r in zip(idx, raw)
        ]
        df = df.iloc[np.flatnonzero(~too_long)].reset_index(drop=True)
        line = line[~too_long]
    df = df[header].astype(STR)
    table = Table(df, line.astype(np.int64), source, header_line, len(df) + len(bad))
    if bad:
        lines, values, problems = zip(*bad)
        log.add_frame(
            pd.DataFrame({"source": source, "line": list(lines), "column": None, "value": list(values)}),
            pd.Series(problems),
            "skipped row",
            expected="as many fields as the header has (quote values that contain the separator)",
        )
    return table


def read_csv_bytes(raw: bytes, source: str, sep: str | None = None, header: str | None = None) -> Table | None:
    """Parse a UTF-8 CSV file's bytes with pyarrow, without decoding them to text first.

    The quick path for large, regular files: returns None (decode the bytes
    and use :func:`read_csv`) unless every row is one physical line of the
    right width in valid UTF-8 with no byte-order mark.

    Examples
    --------
    >>> read_csv_bytes(b"a,b\\n1,x\\n2,y\\n", "f.csv").data["b"].tolist()
    ['x', 'y']
    >>> read_csv_bytes(b"a,b\\n1,x\\n\\n2,y\\n", "f.csv") is None  # a blank line: line numbers need the record scan
    True
    """
    first = header if header is not None else bytes_header(raw)  # ``header``: bytes_header(raw), when the caller has it
    if first is None or raw.find(b"\r") >= 0:  # a carriage return anywhere: pyarrow would end a record at a lone one
        return None
    return _try_fast(raw, first, source, 1, sep or sniff_sep(first))


def bytes_header(raw: bytes) -> str | None:
    """The header line of a file :func:`read_csv_bytes` may parse, else None: a byte-order mark,
    NUL bytes, a carriage return in the first line, or a header that is blank or not UTF-8 need the
    text path.  Only the head is read (recognising a 10 GB file never touches the rest of it);
    :func:`read_csv_bytes` checks the whole file for carriage returns when it parses."""
    if raw[:3] == b"\xef\xbb\xbf" or raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4096]:
        return None
    nl = raw.find(b"\n", 0, 1 << 20)
    if raw.find(b"\r", 0, nl if nl >= 0 else 1 << 20) >= 0:
        return None
    if nl < 0 and len(raw) >= 1 << 20:  # no line in the first MiB: no CSV header (a JSON dump, say)
        return None
    try:
        first = bytes(raw[:nl] if nl >= 0 else raw[:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return first if first.strip() else None


def _try_fast(raw: bytes, first: str, source: str, header_line: int, sep: str) -> Table | None:
    """:func:`netlib._kernels.arrow_csv` as a :class:`Table` (``raw``: the body's bytes with no
    carriage return, ``first`` its header line), or None."""
    df = arrow_csv(raw, fields(first, sep), sep)
    if df is None:
        return None
    line = np.arange(header_line + 1, header_line + 1 + len(df), dtype=np.int64)
    return Table(df, line, source, header_line, len(df))


def fields(line: str, sep: str | None = None) -> list[str]:
    """The fields of one header line, separated by ``sep`` (default: :func:`sniff_sep`); a stray
    carriage return or quote does not stop the search.

    Examples
    --------
    >>> fields('"a",b c'), fields("a;b,c", ";")
    (['a', 'b c'], ['a', 'b,c'])
    """
    sep = sep or sniff_sep(line)
    try:
        return next(csv.reader([line.replace("\r", "")], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)


def sniff_sep(first_line: str) -> str:
    """Tab when the header has more tabs than commas, else comma."""
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


# a UTC offset after a time (``T10:00+01:00``, ``T10:00:00.5-0500``, `` 10:00+1``, ``T1000+0100``),
# never the day of a date (``2024-03-04``)
_OFFSET = re.compile(r"(?:[zZ]|[T ]\d{1,2}(?::?\d{2}){0,2}(?:[.,]\d+)?\s*[+-]\d{1,2}(?::?\d{2})?)$")


def _to_timestamp(values: pd.Series, tz_aware: bool) -> pd.Series:
    """ISO 8601 strings to timestamps: Arrow's parser for the whole column,
    pandas' (value by value tolerant, NaT for bad ones) if any value fails."""
    try:
        arr = pa.array(values.astype(STR)).cast(pa.timestamp("ns", tz="UTC" if tz_aware else None))
        return pd.Series(arr.to_pandas().array, index=values.index, copy=False)  # no second copy for the index
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)  # "mixed time zones": an offset in values read as local
        try:
            out = pd.to_datetime(values.astype(object), format="ISO8601", utc=tz_aware, errors="coerce")
            if tz_aware or getattr(out.dt, "tz", None) is None:
                return out
        except (ValueError, TypeError, FutureWarning):
            pass
    # an offset pandas reads but the offset pattern missed: those values are not local times; the rest are
    # (value by value, on this rare error path only)
    one = [pd.to_datetime(v, format="ISO8601", errors="coerce") for v in values.astype(object)]
    return pd.Series([t if t is not pd.NaT and t.tzinfo is None else pd.NaT for t in one], index=values.index, dtype="datetime64[ns]")


def parse_datetime(values: pd.Series, tz: str) -> tuple[pd.Series, pd.Series]:
    """Parse ISO 8601 date-times to UTC.

    Values with a UTC offset (``Z``, ``+01:00``) keep it; naive values are
    read as wall-clock time in ``tz``.  A naive time that a daylight-saving
    change makes ambiguous is read as standard time, one that does not exist
    is moved forward; both are reported in the second Series (``guessed``).

    Returns
    -------
    (utc, guessed)
        ``utc`` is NaT where a value does not parse.

    Examples
    --------
    >>> utc, guessed = parse_datetime(pd.Series(["2024-03-04T10:00+01:00", "2024-07-01 09:30", "soon"]), "Europe/London")
    >>> [str(x) for x in utc]
    ['2024-03-04 09:00:00+00:00', '2024-07-01 08:30:00+00:00', 'NaT']
    """
    s = strip(values)
    arr = pa.array(s)
    guessed = pd.Series(np.zeros(len(s), dtype=bool), index=s.index)
    if not len(s) or pc.max(pc.binary_length(arr)).as_py() == 0:  # an empty or absent column
        return pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]"), guessed
    if pc.all(pc.ends_with(arr, "Z")).as_py():  # all UTC, as netlib and many services write them
        has_offset = np.ones(len(s), dtype=bool)
    else:
        has_offset = s.str.contains(_OFFSET, na=False).to_numpy(dtype=bool)
    if has_offset.all():
        return _to_timestamp(s, True).astype("datetime64[ns, UTC]", copy=False), guessed
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")  # filled below, part by part
    if has_offset.any():
        out[has_offset] = _to_timestamp(s[has_offset], True)
    naive = ~has_offset & (s != "").to_numpy(dtype=bool)
    if naive.any():
        local = _to_timestamp(s[naive], False)
        a = local.dt.tz_localize(tz, ambiguous=False, nonexistent="shift_forward")
        b = local.dt.tz_localize(tz, ambiguous=True, nonexistent="NaT")
        guessed[naive] = ((a != b) & local.notna()).to_numpy(dtype=bool)
        out[naive] = a.dt.tz_convert("UTC")
    return out, guessed


def require_columns(df: pd.DataFrame, required: list[str], source: str, kind: str) -> None:
    """Raise a DataError naming any missing required column and its likely match.

    Examples
    --------
    >>> require_columns(pd.DataFrame(columns=["meeting_id", "Start"]), ["meeting_id", "start"], "m.csv", "meetings")
    Traceback (most recent call last):
    ...
    netlib.model.DataError: m.csv, line 1: missing required column 'start' for a meetings file: got ['meeting_id', 'Start'],
    expected columns meeting_id, start. Rename column 'Start' to 'start'
    """
    import difflib

    found = [str(c) for c in df.columns]
    for col in required:
        if col not in found:
            close = difflib.get_close_matches(col, found, n=1, cutoff=0.6) or [c for c in found if c.strip().lower() == col]
            fix = f"Rename column {close[0]!r} to {col!r}" if close else f"Add a column named {col!r}"
            raise DataError(
                f"missing required column {col!r} for a {kind} file",
                source=source,
                line=1,
                value=found,
                expected="columns " + ", ".join(required),
                fix=fix,
            )


#: What :func:`cells` returns when no row is flagged (never written to: a problem log only reads it).
_NO_CELLS = pd.DataFrame({"source": pd.Series(dtype=object), "line": pd.Series(dtype=np.int64),
                          "column": pd.Series(dtype=object), "value": pd.Series(dtype=object)})


def cells(table: Table, mask: np.ndarray | pd.Series, column: str, values: pd.Series | None = None) -> pd.DataFrame:
    """Problem rows (source, line, column, value) for the rows in ``mask``."""
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    if not idx.size:  # the usual case: no problem, and no column of a million values to look at
        return _NO_CELLS
    if values is None:
        values = table.data[column] if column in table.data else pd.Series("", index=table.data.index)
    return pd.DataFrame(
        {
            "source": table.source_of(idx),
            "line": table.line[idx],
            "column": column,
            "value": pd.Series(values).iloc[idx].to_numpy(dtype=object),
        }
    )


def as_date(utc: pd.Series, tz: str) -> pd.Series:
    """The calendar date in ``tz`` of each UTC time, as midnight UTC of that date.

    Dates such as ``connected_on`` are calendar days, not instants: stored
    this way they compare and print as the day the user sees.

    Examples
    --------
    >>> as_date(pd.Series(pd.to_datetime(["2024-06-30T23:30Z"])), "Europe/Paris").tolist()
    [Timestamp('2024-07-01 00:00:00+0000', tz='UTC')]
    """
    if not utc.notna().any():  # no date at all: nothing to convert
        return utc.astype("datetime64[ns, UTC]")
    local = utc.dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    return local.dt.tz_localize("UTC")


def line_numbers(text: str, offsets: list[int]) -> list[int]:
    """The 1-based line of each character offset (offsets in increasing order), counting each stretch
    of text once: linear in the text, however many offsets.

    Examples
    --------
    >>> line_numbers("a\\nb\\nc\\n", [0, 2, 4])
    [1, 2, 3]
    """
    out, line, at = [], 1, 0
    for p in offsets:  # one step per record start, each counting only the text since the last
        line += text.count("\n", at, p)
        at = p
        out.append(line)
    return out


def head_lines(text: str, n: int = 1) -> list[str]:
    """The first ``n`` lines of ``text``, without copying the rest (``str.split`` would).

    Examples
    --------
    >>> head_lines("a\\nb\\nc", 2), head_lines("a", 3)
    (['a', 'b'], ['a'])
    """
    out, at = [], 0
    for _ in range(n):
        nl = text.find("\n", at)
        out.append(text[at:] if nl < 0 else text[at:nl])
        if nl < 0:
            break
        at = nl + 1
    return out


def find_header(text: str, required: list[str], max_lines: int = 15, sep: str = ",") -> int | None:
    """The 1-based line whose fields include every name in ``required`` (None if none of the first lines does).

    Exports put notes above the header (LinkedIn's ``Notes:`` preamble);
    finding the header by its content survives a deleted preamble too.

    Examples
    --------
    >>> find_header('Notes:\\n"x"\\n\\nFirst Name,Last Name\\nAda,E', ["First Name", "Last Name"])
    4
    """
    want = set(required)
    for i, line in enumerate(head_lines(text, max_lines), start=1):
        names = {f.strip().strip('"').strip("\ufeff") for f in fields(line, sep)}
        if want <= names:
            return i
    return None


def parse_dates(values: pd.Series, formats: list[str], tz: str, utc: bool = False) -> tuple[pd.Series, pd.Series]:
    """Parse date-times trying each explicit format in turn, whole column per format.

    Naive results are read in ``tz`` (or as UTC when ``utc``); every result is UTC.

    Returns
    -------
    (when, format_used)
        NaT and empty where no format fits.

    Examples
    --------
    >>> when, fmt = parse_dates(pd.Series(["04 Mar 2025", "29-Aug-22", "1/8/18, 6:14 PM", "?"]),
    ...                         ["%d %b %Y", "%d-%b-%y", "%m/%d/%y, %I:%M %p"], "UTC")
    >>> [str(x.date()) if pd.notna(x) else None for x in when]
    ['2025-03-04', '2022-08-29', '2018-01-08', None]
    """
    s = values.astype(STR).fillna("").str.strip()
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    used = pd.Series("", index=s.index, dtype=object)
    todo = (s != "").to_numpy(dtype=bool)
    for fmt in formats:
        if not todo.any():
            break
        got = pd.to_datetime(s[todo].astype(object), format=fmt, errors="coerce")
        if getattr(got.dt, "tz", None) is not None:
            got = got.dt.tz_convert("UTC").dt.tz_localize(None)
        hit = got.notna().to_numpy()
        idx = np.flatnonzero(todo)[hit]
        out.iloc[idx] = got[hit].to_numpy()
        used.iloc[idx] = fmt
        todo[idx] = False
    zone = "UTC" if utc else tz
    return out.dt.tz_localize(zone, ambiguous=False, nonexistent="shift_forward").dt.tz_convert("UTC"), used
