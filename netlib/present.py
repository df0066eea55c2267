"""Analysis results as a reader sees them: labelled, rounded, dated in the user's time zone.

The analyses return plain DataFrames with ``snake_case`` columns, UTC times and full-precision
floats, which is right for code and wrong for a report.  :func:`show` turns one into a table a
person reads: human column labels, dates in the user's time zone, counts as whole numbers, ratios
with sensible precision (never scientific notation), an en dash for a missing value (with a
footnote), file names relative to the folder the user gave, and a long table cut to its top rows
plus "and N more", with the whole table as a CSV download inside the page (no server, no file).
:func:`say` shows a sentence as text, not as a quoted Python string; :func:`who` names the data's
owner in words.

Display only: every function here reads the rows it shows (a few dozen), never a whole column
more than once.
"""

from __future__ import annotations

import base64
import html
import ntpath
import os
import posixpath
import re
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from netlib._alt_text import describe, show_alt_text
from netlib._problems import left_out_senders, problem_counts
from netlib._words import plural
from netlib.model import DAYS_PER_MONTH, Me

__all__ = [
    "show", "say", "who", "owner_addresses", "organisation", "for_network", "problem_counts", "left_out_senders", "next_steps_csv",
    "next_steps_ics", "downloads", "day_text", "describe", "text_html", "data_moment", "STALE_AFTER", "show_alt_text",
    "Shown", "LABELS", "COLUMN_LABELS", "label", "column_label", "relative_files", "plural", "BOM",
]

#: Human labels for netlib's category names (modes, statuses), in tables and charts.
LABELS = {"one_to_one": "one-to-one", "one_to_many": "one-to-many", "connection": "connected before meeting",
          "internal": "colleague, internal work only",
          "solo": "nobody else"}

#: Column labels with units, where the plain words of the column name are not enough.
COLUMN_LABELS = {
    "rows_read": "rows read", "rows_kept": "rows kept", "rows_skipped": "rows skipped",
    "hours": "hours", "touches": "touches (person-meetings)", "people": "people",
    "new_people": "new people", "warm_people": "close contacts", "people_per_hour": "people per hour",
    "new_people_per_hour": "new people per hour", "hours_per_new_person": "hours per new person",
    "warm_people_per_hour": "close contacts per hour", "segment_share": "share", "segment_people": "people in it",
    "in_segment": "in segment", "duration_min": "minutes", "half_life_days": "half-life (days)",
    "min_strength": "weakest tie's strength", "meetings_per_year": "meetings per person per year",
    "reference_rate_per_year": "reference rate per year", "strength": "strength",
    "days_since": "days since last contact", "usual_gap_days": "usual gap (days)",
    "last_met": "last met", "first_met": "first met", "connected_on": "connected on",
    "meetings_solo": "meetings with nobody else", "meetings_one_to_one": "one-to-one meetings",
    "meetings_one_to_many": "one-to-many meetings", "inferred_contacts": "contacts found only in meetings",
    "first_meeting": "first meeting", "last_meeting": "last meeting", "durations_defaulted": "durations defaulted",
    "contact_id": "contact id", "on": "matched on", "value": "value", "problem": "problem",
    "exported": "exported on or after",
}

DASH = "\u2013"
#: The most rows a table's CSV download carries inside a page (a page stays a few MB at most).
MAX_DOWNLOAD_ROWS = 20_000
_MISSING_NOTE = f"{DASH} no value: nothing to divide by (no hour or no person of that kind), or not in your data."


def label(value: Any) -> str:
    """The human name of a category value (``one_to_many`` -> ``one-to-many``); others as they are.

    Parameters
    ----------
    value : object
        A cell of a netlib table.

    Examples
    --------
    >>> label("one_to_many"), label("coffee")
    ('one-to-many', 'coffee')
    """
    return LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def column_label(name: Any) -> str:
    """A column's label: :data:`COLUMN_LABELS`, else its words (``new_people`` -> ``new people``).

    Parameters
    ----------
    name : str or tuple
        A column name (a tuple for a column of a MultiIndex).

    Examples
    --------
    >>> column_label("hours_per_new_person"), column_label("channel")
    ('hours per new person', 'channel')
    """
    if isinstance(name, tuple):
        return " ".join(column_label(n) for n in name if n != "")
    name = str(name)
    return COLUMN_LABELS.get(name, name.replace("_", " "))


def relative_files(files: pd.Series | list[str]) -> str:
    """The folder all ``files`` share (to be cut from their names so that a page shows
    ``contacts.csv``, not the user's whole path); "" when there is none.

    Parameters
    ----------
    files : Series or list of str
        File names as netlib records them (``net.sources["source"]``); a zip member's folder is
        the zip's.

    Examples
    --------
    >>> relative_files(["/home/ann/exports/contacts.csv", "/home/ann/exports/cal/ann.ics"])
    '/home/ann/exports/'
    >>> relative_files(["/home/ann/exports/a.zip/Connections.csv"])
    '/home/ann/exports/'
    """
    absolute = re.compile(r"^(?:/|\\\\|[A-Za-z]:[\\/])")
    paths = [f for f in files if isinstance(f, str) and absolute.match(f)]
    if not paths:
        return ""
    windows = all(re.match(r"^(?:[A-Za-z]:|\\\\)", p) for p in paths)  # C:\\... or \\\\server\\...: on any platform
    path = ntpath if windows else posixpath if all(p.startswith("/") for p in paths) else os.path
    folders = [path.dirname(re.split(r"(?<=\.zip)[\\/]", p, maxsplit=1, flags=re.I)[0]) for p in paths]  # a zip member: the zip's folder
    try:
        common = path.commonpath(folders)
    except ValueError:  # different drives
        return ""
    return common.rstrip("/\\") + path.sep if common.rstrip("/\\") and not re.fullmatch(r"[A-Za-z]:[\\/]?", common) else ""


def _number(x: float, percent: bool = False) -> str:
    """One number for a reader: whole numbers with thousands separators, others with precision that
    shrinks as they grow, a share as a percentage; never scientific notation."""
    if percent:
        return f"{x:.0%}" if x == 0 or abs(x) >= 0.01 else "<1%"
    if float(x).is_integer():
        return f"{x:,.0f}"
    a = abs(x)
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 0.01:
        return f"{x:.2f}"
    return "<0.01" if x > 0 else ">-0.01"


def _is_date(values: pd.Series) -> bool:
    """Calendar dates are stored as midnight UTC of the day (:func:`netlib.io._text.as_date`)."""
    v = values.dropna()
    return len(v) > 0 and bool((v.dt.tz_convert("UTC") == v.dt.tz_convert("UTC").dt.normalize()).all())


def day_text(values: pd.Series, fmt: str = " %b %Y") -> pd.Series:
    """Days as people write them (``2 Dec 2024``): the day without a leading zero, then ``fmt``
    (``%-d`` is not portable: Windows has no such directive).

    Parameters
    ----------
    values : Series of datetime
        The days.
    fmt : str
        What follows the day, in ``strftime`` directives.

    Examples
    --------
    >>> day_text(pd.Series(pd.to_datetime(["2024-12-02", None]))).tolist()
    ['2 Dec 2024', nan]
    """
    return values.dt.day.astype("Int64").astype(str).where(values.notna()) + values.dt.strftime(fmt)


def _when(values: pd.Series, tz: str) -> pd.Series:
    """Times in ``tz`` (``2 Dec 2024, 09:00``), or dates (``2 Dec 2024``) for calendar days."""
    if values.dt.tz is None:
        values = values.dt.tz_localize("UTC")
    if _is_date(values):
        return day_text(values.dt.tz_convert("UTC"))
    return day_text(values.dt.tz_convert(tz), " %b %Y, %H:%M")


def _cell(x: Any, tz: str, percent: bool) -> tuple[str, bool]:
    """One cell of an object column as text, and whether it was missing."""
    if x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and np.isnan(x)):
        return DASH, True
    if isinstance(x, (bool, np.bool_)):
        return ("yes" if x else "no"), False
    if isinstance(x, (int, np.integer)):
        return f"{x:,}", False
    if isinstance(x, (float, np.floating)):
        return (_number(float(x), percent) if np.isfinite(x) else DASH), not np.isfinite(x)
    if isinstance(x, pd.Timestamp):
        return _when(pd.Series([x]), tz).iloc[0], False
    if isinstance(x, pd.Timedelta):
        return plural(round(x / pd.Timedelta(days=1)), "day"), False
    if isinstance(x, Me):
        return who(x), False
    return label(x), False


#: Numeric columns that number things rather than count them: shown without thousands separators.
_ORDINALS = {"line", "month", "year", "distance"}


def _column(values: pd.Series, tz: str, cut: str, percent: bool) -> tuple[pd.Series, bool]:
    """A column of the rows shown as text; and whether any cell was missing."""
    if pd.api.types.is_datetime64_any_dtype(values):
        out = _when(values, tz)
        return out.fillna(DASH), bool(values.isna().any())
    if values.name in _ORDINALS and pd.api.types.is_numeric_dtype(values):  # a line number is no quantity: 2225, not 2,225
        return values.astype("Int64").astype(str).replace("<NA>", DASH), bool(values.isna().any())
    cells = [_cell(x, tz, percent) for x in values.tolist()]  # the rows shown: a few dozen
    text = pd.Series([c[0] for c in cells], index=values.index, dtype=object)
    if cut:
        text = text.str.replace(cut, "", regex=False)
    return text, any(c[1] for c in cells)


class Shown:
    """A table as shown in a notebook and a report page (its ``_repr_html_``), with the whole
    table kept for the CSV download."""

    def __init__(self, html_text: str, text: str, shown: pd.DataFrame) -> None:
        self.html, self.text, self.shown = html_text, text, shown

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


_STYLE = ("<style>.netlib-table table{border-collapse:collapse;max-width:100%;table-layout:auto;margin:0.4em 0}"
          ".netlib-table table td,.netlib-table table th{overflow-wrap:break-word;white-space:normal;max-width:30em;"
          "text-align:left!important;vertical-align:top;padding:0.2em 0.7em}"
          ".netlib-table table td.num{text-align:right!important;white-space:nowrap}"
          ".netlib-table table th.num{text-align:right!important}"
          ".netlib-table p{margin:0.3em 0;font-size:0.9em}</style>")


def show(data: pd.DataFrame | pd.Series, *, tz: str = "UTC", files: pd.Series | list[str] | None = None,
         max_rows: int = 15, name: str = "table", percent: tuple[str, ...] = ("segment_share", "share"),
         index: bool | None = None, caption: str | None = None, empty: str = "(no rows)") -> Shown:
    """``data`` as a table a person reads: labels, rounding, local dates, no ``NaN``, no paths.

    Parameters
    ----------
    data : DataFrame or Series
        A result of netlib (a Series shows as two columns: its index and its values).
    tz : str
        The time zone times are shown in (calendar dates are shown as they are).
    files : Series or list of str, optional
        The files the data came from (``net.sources["source"]``): the folder they share is cut
        from every text cell, so a page names ``contacts.csv``, not ``/home/ann/exports/contacts.csv``.
    max_rows : int
        Rows shown; the rest are counted ("and 12 more") and downloadable as CSV.
    name : str
        The CSV download's file name (without ``.csv``).
    percent : tuple of str
        Columns holding shares from 0 to 1, shown as percentages.
    index : bool, optional
        Whether to show the index as the first column(s); default: when it says something (not
        0, 1, 2, ... and not netlib's contact ids).
    caption : str, optional
        A sentence shown above the table.
    empty : str
        What an empty table shows instead ("" for nothing, when a sentence above says why).

    Returns
    -------
    Shown
        Displays as an HTML table in Jupyter; ``repr`` is plain text.

    Examples
    --------
    >>> df = pd.DataFrame({"mode": ["one_to_many", "one_to_one"], "people_per_hour": [1.6944, float("nan")],
    ...                    "first_meeting": pd.to_datetime(["2024-12-02T14:00Z", "2024-12-03T14:00Z"])})
    >>> print(show(df, tz="America/New_York"))
    mode         people per hour  first meeting
    one-to-many  1.69             2 Dec 2024, 09:00
    one-to-one   –                3 Dec 2024, 09:00
    – no value: nothing to divide by (no hour or no person of that kind), or not in your data.
    """
    df = data.to_frame() if isinstance(data, pd.Series) else data
    if isinstance(data, pd.Series) and data.name in (None, 0, "summary"):
        df.columns = ["value"]
    if isinstance(data, pd.Series) and not isinstance(df.index, (pd.RangeIndex, pd.MultiIndex)) and df.index.dtype == object:
        df = df.set_axis(df.index.map(column_label))  # a Series of named figures: their names in words
    show_index = index if index is not None else (  # a position (0, 1, 2... after a filter) is no information,
        # and nor is netlib's own contact id (an address, or "inferred:..." for a contact found in meetings only)
        any(n not in (None, "contact_id") for n in df.index.names)
        or (df.index.names == [None] and not pd.api.types.is_integer_dtype(df.index)))
    if show_index:
        df = df.reset_index()
        if isinstance(data, pd.Series) and df.columns[0] == "index":
            df = df.rename(columns={"index": ""})
    cut = relative_files(files) if files is not None else ""
    n = len(df)
    head = df.head(max_rows)
    cols, numeric, missing = {}, [], False
    for j, c in enumerate(head.columns):
        text, gap = _column(head.iloc[:, j], tz, cut, column_label(c) in {column_label(p) for p in percent} or c in percent)
        cols[column_label(c)] = text.to_numpy()
        missing |= gap
        if pd.api.types.is_numeric_dtype(head.iloc[:, j]) and not pd.api.types.is_bool_dtype(head.iloc[:, j]):
            numeric.append(column_label(c))
    shown = pd.DataFrame(cols) if cols else pd.DataFrame(index=range(len(head)))
    notes = []
    if n > max_rows:
        notes.append(f"and {n - max_rows:,} more")
    if missing:
        notes.append(_MISSING_NOTE)
    rows = "".join("<tr>" + "".join(f'<td class="{"num" if c in numeric else ""}">{html.escape(str(v))}</td>' for c, v in zip(shown.columns, r, strict=True))
                   + "</tr>" for r in shown.itertuples(index=False))
    header = "".join(f'<th class="{"num" if c in numeric else ""}">{html.escape(c)}</th>' for c in shown.columns)
    parts = [_STYLE, '<div class="netlib-table">']
    if caption:
        parts.append(f"<p>{html.escape(caption)}</p>")
    if n == 0:
        parts.append(f"<p>{html.escape(empty)}</p>" if empty else "")
    else:
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    if n > max_rows:
        carried = df.head(MAX_DOWNLOAD_ROWS)
        csv = _csv(carried, cut)
        what = f"all {plural(n, 'row')}" if n <= MAX_DOWNLOAD_ROWS else f"the first {MAX_DOWNLOAD_ROWS:,} of {n:,} rows"
        link = (f'<a download="{html.escape(name)}.csv" href="data:text/csv;charset=utf-8;base64,'
                f'{base64.b64encode(csv.encode("utf-8")).decode("ascii")}">download {what} as CSV</a>')
        more = "" if n <= MAX_DOWNLOAD_ROWS else " (a page carries no more; the rest is in netlib, e.g. Network.problems)"
        parts.append(f"<p>and {n - max_rows:,} more: {link}{more}</p>")
    if missing:
        parts.append(f"<p>{html.escape(_MISSING_NOTE)}</p>")
    parts.append("</div>")
    text = shown.to_string(index=False, justify="left") if len(shown) else empty
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return Shown("".join(parts), "\n".join([text, *notes]), shown)


#: The byte-order mark a CSV for a spreadsheet starts with: Excel on Windows reads one without it in the
#: computer's code page (Chloé as ChloÃ©), with it as UTF-8.
BOM = "\ufeff"


def _csv(df: pd.DataFrame, cut: str, bom: bool = True) -> str:
    """The whole table as CSV for a spreadsheet: labelled columns, text cells safe in a spreadsheet,
    :data:`BOM` first (unless ``bom`` is False)."""
    from netlib._files import csv_text
    from netlib.io import _spreadsheet_safe

    out = df.rename(columns=column_label)
    text_cols = [c for c in out.columns if out[c].dtype == object or pd.api.types.is_string_dtype(out[c])]
    if cut:
        for c in text_cols:
            out[c] = out[c].astype(str).str.replace(cut, "", regex=False)
    return (BOM if bom else "") + csv_text(_spreadsheet_safe(out, text_cols))


def for_network(net, tz: str = "UTC") -> tuple:
    """:func:`show` and :func:`say` with the network's files and the user's time zone filled in,
    for the cells of a notebook: ``show, say = present.for_network(net, tz)``.

    Parameters
    ----------
    net : Network
        The network whose files are named relative to the folder they share.
    tz : str
        The user's time zone.

    Examples
    --------
    >>> import netlib
    >>> show_, say_ = for_network(netlib.load_sample())
    >>> show_(netlib.load_sample().sources).shown.columns[:3].tolist()
    ['source', 'format', 'rows read']
    """
    show_alt_text()  # in a kernel: every chart's image says what it shows
    files = net.sources["source"].tolist()
    return partial(show, tz=tz, files=files), partial(say, files=files)


class _Text:
    """A sentence shown as text in a notebook, plain in a terminal.

    The sentence carries values from the user's files (a contact's name, a channel, a tag), so it
    is shown as HTML with every character escaped, never as Markdown or HTML that a value could
    extend (``<img onerror=...>`` or a ``[link](javascript:...)`` in a name stays text); only
    netlib's own `code` spans are kept (see :func:`text_html`).
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p>{text_html(self.text)}</p>"

    def __repr__(self) -> str:
        return self.text


def text_html(text: str) -> str:
    """A sentence as HTML: every character escaped, then netlib's `code` spans as ``<code>``.

    Parameters
    ----------
    text : str
        The sentence, with values from the user's files in it.

    Returns
    -------
    str
        HTML in which no value can open an element, an attribute or a link.

    Examples
    --------
    >>> text_html('Pass `me`: Eve" onload="x <img src=x onerror=y> [a](javascript:z)')
    'Pass <code>me</code>: Eve&quot; onload=&quot;x &lt;img src=x onerror=y&gt; [a](javascript:z)'
    """
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(str(text)))


def say(text: str, *, files: pd.Series | list[str] | None = None) -> _Text:
    """A sentence from netlib (a note, an explanation) shown as text, not as a quoted string.

    Parameters
    ----------
    text : str
        The sentence (Markdown).
    files : Series or list of str, optional
        As in :func:`show`: the folder they share is cut from the text.

    Examples
    --------
    >>> say("No dormant tie: your data covers 2 years, dormant ties need 3.")
    No dormant tie: your data covers 2 years, dormant ties need 3.
    """
    cut = relative_files(files) if files is not None else ""
    return _Text(text.replace(cut, "") if cut else text)


def who(me: Me) -> str:
    """The data's owner in words, as found or given.

    Parameters
    ----------
    me : Me
        ``net.me``.

    Examples
    --------
    >>> who(Me("Ada Example", ("ada@example.org",), ("ada@example.org",), "given"))
    'You are Ada Example (ada@example.org).'
    >>> who(Me())
    'netlib could not tell whose data this is: pass your e-mail address as `me`.'
    """
    if not me.name and not me.emails:
        return "netlib could not tell whose data this is: pass your e-mail address as `me`."
    text = f"You are {me.name or me.emails[0]}"
    if me.emails and me.name:
        text += f" ({', '.join(me.emails[:3])}{', ...' if len(me.emails) > 3 else ''})"
    text += "."
    if me.removed:
        text += f" You were taken out of {plural(me.removed, 'attendee list')}: you are never one of your own contacts."
    return text


def organisation(net) -> str:
    """Your organisation, your colleagues and your internal work, in words, for the load page:
    internal meetings (with colleagues only) and their hours apart from the networking ones
    (:mod:`netlib.org`).

    Parameters
    ----------
    net : Network
        Your network.

    Examples
    --------
    >>> import netlib
    >>> print(organisation(netlib.load_sample()))
    Your organisation: morgan-advisory.example (from your own address). No contact has an address there, so every meeting
    counts as networking.
    >>> net = netlib.load_sample()
    >>> net.me = Me("Ada", ("ada@gmail.com",))
    >>> print(organisation(net))
    No organisation: your addresses are all at public mail domains (gmail.com...), so every meeting counts as networking.
    Name your work domain with `org=` (`--org-domain`) if you have one.
    """
    from netlib.org import internal_summary

    s = internal_summary(net)
    if not s["domains"]:
        return ("No organisation: " + ("your addresses are all at public mail domains (gmail.com...)" if net.me.emails else
                                       "netlib knows no address of yours")
                + ", so every meeting counts as networking. Name your work domain with `org=` (`--org-domain`) if you have one.")
    text = (f"Your organisation: {', '.join(s['domains'])} ("
            + ("as given" if s["given"] else "from your own address" + ("es" if len(s["domains"]) > 1 else "")) + "). ")
    if not s["colleagues"]:
        return text + "No contact has an address there, so every meeting counts as networking."
    text += f"{plural(s['colleagues'], 'contact')} {'is a colleague' if s['colleagues'] == 1 else 'are colleagues'} (an address there). "
    if not s["meetings"]:
        return text + "No meeting was with colleagues only: every meeting counts as networking."
    return text + (f"{plural(s['meetings'], 'meeting')} with colleagues only took {s['hours']:,.1f} hours: "
                   f"internal work, kept in your data but not networking (no networking hours, effort, plan or next step). "
                   f"Your networking meetings took {s['networking_hours']:,.1f} hours.")


def owner_addresses(me: Me) -> pd.DataFrame:
    """Every address of the owner netlib knows, each with where it was found (``Me.found``): given
    as ``me``, a calendar's or conversations' owner, a mailbox's sender, the address its mail was
    delivered to, your own card in an address book.

    Parameters
    ----------
    me : Me
        ``net.me``.

    Returns
    -------
    DataFrame
        ``address`` and ``found`` (every place, ``;``-separated), in the order found; an address of
        ``me`` with no place recorded says "given" or "inferred".

    Examples
    --------
    >>> me = Me("Ada", ("ada@work.example", "ada@gmail.example"), how="given",
    ...         found=(("ada@work.example", "given as me"), ("ada@gmail.example", "the sender of 4 messages Gmail labels Sent in m.mbox"),
    ...                ("ada@work.example", "in 9 of 9 entries of cal.ics")))
    >>> owner_addresses(me).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['ada@work.example', 'given as me; in 9 of 9 entries of cal.ics'],
     ['ada@gmail.example', 'the sender of 4 messages Gmail labels Sent in m.mbox']]
    """
    where: dict[str, list[str]] = {}
    for address, place in me.found:
        where.setdefault(address, []).append(place)
    for address in me.emails:  # an address with no place recorded (a Me made by hand)
        where.setdefault(address, ["given" if me.how == "given" else me.how.split(":")[0] or "found"])
    return pd.DataFrame({"address": pd.Series(list(where), dtype=object),
                         "found": pd.Series(["; ".join(dict.fromkeys(v)) for v in where.values()], dtype=object)})


def _next_working_day(day=None, tz: str = "UTC") -> pd.Timestamp:
    """``day`` (a date), or the first working day after today in ``tz``."""
    if day is not None:
        return pd.Timestamp(day).normalize().tz_localize(None)
    today = pd.Timestamp.now(tz=tz).tz_localize(None).normalize()
    return today + pd.offsets.BDay(1)


#: How long before today the data may end before every page says that its figures are as of then.
STALE_AFTER = pd.Timedelta(weeks=4)


def _ago_words(gap: pd.Timedelta) -> str:
    """A span in the unit a reader counts it in: days, weeks, months or years."""
    months = gap.days / DAYS_PER_MONTH
    if gap.days < 14:
        return plural(gap.days, "day")
    return f"{gap.days // 7} weeks" if months < 2 else (f"{months:.0f} months" if months < 24 else f"{months / 12:.1f} years")


def data_moment(net, as_of=None, today=None, tz: str = "UTC") -> _Text | None:
    """When the figures are measured, in a sentence, if that is more than :data:`STALE_AFTER` before
    today (an export made long ago, or an ``as_of`` in the past); None otherwise.  By default the
    figures are measured at the end of the data (:func:`netlib._facts.data_end`): the later of the
    last meeting and the moment the files show they were exported, said when the two differ.

    Parameters
    ----------
    net : Network
        The network.
    as_of : date-like, optional
        The moment the figures are measured at; default the end of the data.
    today : date-like, optional
        Default: now.
    tz : str
        The reader's time zone.

    Examples
    --------
    >>> import netlib
    >>> print(data_moment(netlib.load_sample(), today="2026-12-07"))  # doctest: +ELLIPSIS
    Your data ends on ... (... months ago): every figure here is as of then. To measure at today ...
    >>> data_moment(netlib.load_sample(), today=netlib.load_sample().meetings["start"].max()) is None
    True
    """
    from netlib._facts import as_of as resolve

    moment = resolve(net, as_of, "data_moment")
    now = pd.Timestamp.now(tz="UTC") if today is None else pd.Timestamp(today)
    now = now.tz_localize("UTC") if now.tz is None else now
    gap = now - moment
    if gap <= STALE_AFTER:
        return None
    ago = _ago_words(gap)
    day = f"{moment.tz_convert(tz):%-d %b %Y}"
    if as_of is None:
        last = net.meetings["start"].max() if len(net.meetings) else None
        ends = f"Your data ends on {day} ({ago} ago): every figure here is as of then."
        if last is not None and moment - last > pd.Timedelta(days=7):  # the files were exported well after the last meeting
            quiet = _ago_words(moment - last)
            ends = (f"Your files were exported on {day} ({ago} ago), {quiet} after the last meeting in them "
                    f"({last.tz_convert(tz):%-d %b %Y}): every figure here is as of the export, so those {quiet} count as silence.")
        return _Text(f"{ends} To measure at today "
                     "instead (every tie then faded by the time since), pass `--as-of today` to `netlib report`, "
                     "or `as_of=\"today\"`.")
    return _Text(f"Every figure here is as of {day} ({ago} ago), the moment asked for.")


def next_steps_csv(steps: pd.DataFrame, *, bom: bool = True) -> str:
    """:func:`netlib.decay.next_steps` as CSV text for a spreadsheet: the columns a reader finds the
    person and acts by, text cells that a spreadsheet would run as formulas neutralised, and
    :data:`BOM` first, so that Excel on Windows shows Chloé and 陈 静 as they are.

    The columns: ``name``, ``action``, ``reason``, ``company``, ``email``; ``profile`` (the link,
    ``https://linkedin.com/in/...``) when a contact listed has a profile URL (``steps["url"]``: an
    anonymised report's pseudonyms at ``.invalid`` lead nowhere and are left out); ``in segment``
    (yes or no) only when a segment was named (``steps.attrs["segment"]``, which
    :func:`netlib.decay.next_steps` sets).  No contact id: netlib's is an address or a key
    (``inferred:ann@example.org``), nothing a reader needs.

    Parameters
    ----------
    steps : DataFrame
        :func:`netlib.decay.next_steps`.
    bom : bool
        Start with the byte-order mark; False for a program that expects none.

    Examples
    --------
    >>> import netlib
    >>> next_steps_csv(netlib.next_steps(netlib.load_sample(), contact=1, revive=0), bom=False).splitlines()[0]
    'name,action,reason,company,email'
    >>> next_steps_csv(netlib.next_steps(netlib.load_sample(), contact=1, revive=0, segment="prospect"), bom=False).splitlines()[0]
    'name,action,reason,company,email,in segment'
    """
    out = steps.reset_index(drop=True)
    cols = [c for c in ("name", "action", "reason", "company", "email") if c in out]
    if "url" in out:
        url = out["url"].fillna("").astype(str).str.strip()
        url = url.mask(url.str.contains(r"^(?:[a-z][a-z0-9+.-]*://)?[^/?#]*\.invalid(?:[/?#:]|$)", case=False, regex=True), "")
        other = url.str.contains(r"^[a-z][a-z0-9+.-]*:(?!\d)", case=False, regex=True) & ~url.str.contains(r"^https?://", case=False, regex=True)
        url = url.mask(other, "")  # only a web link: no javascript:, file: or mailto: in a cell a spreadsheet may open
        url = url.mask(url.ne("") & ~url.str.contains(r"^https?://", case=False, regex=True), "https://" + url)
        if url.ne("").any():
            out, cols = out.assign(profile=url), [*cols, "profile"]
    if "in_segment" in out and steps.attrs.get("segment") is not None:
        out["in_segment"] = np.where(out["in_segment"].eq(True), "yes", "no")  # (a missing value: no)
        cols.append("in_segment")
    return _csv(out[cols], "", bom)


def next_steps_ics(steps: pd.DataFrame, day=None, tz: str = "UTC") -> str:
    """:func:`netlib.decay.next_steps` as calendar reminders: one all-day event per person, free
    time (it blocks nothing), with no attendee and no organizer, so that importing the file into a
    calendar invites nobody.  Ties to get in touch with fall on ``day``, ties to revive a week later.

    Parameters
    ----------
    steps : DataFrame
        :func:`netlib.decay.next_steps`.
    day : date-like, optional
        The day of the first reminders; default the next working day after today in ``tz``.
    tz : str
        The user's time zone (for "today").

    Examples
    --------
    >>> import netlib
    >>> text = next_steps_ics(netlib.next_steps(netlib.load_sample(), contact=2, revive=0), day="2026-12-07")
    >>> text.count("BEGIN:VEVENT"), "ATTENDEE" in text, "DTSTART;VALUE=DATE:20261207" in text
    (2, False, True)
    """
    import hashlib

    import icalendar

    first = _next_working_day(day, tz)
    # the reasons speak of the moment the list was made at: a reminder made from data that ended long
    # before its day says so, rather than "silent for 5 months" on a day when it is 16
    moment = steps.attrs.get("as_of")
    stale = moment is not None and (pd.Timestamp(first).tz_localize(moment.tz) - moment) > STALE_AFTER
    since = f"As of {moment.tz_convert(tz):%-d %b %Y}, when your data ends: " if stale else ""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlib//next steps//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netlib: next steps")
    stamp = pd.Timestamp.now(tz="UTC").to_pydatetime()
    for cid, row in steps.iterrows():  # one reminder per person listed: a dozen or two
        on = (first if row["action"] != "revive" else first + pd.Timedelta(days=7)).date()
        ev = icalendar.Event()
        ev.add("uid", hashlib.sha256(f"{cid}|{row['action']}|{on}".encode()).hexdigest()[:32] + "@netlib")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", on)
        ev.add("dtend", on + pd.Timedelta(days=1).to_pytimedelta())
        verb = "Revive your tie with" if row["action"] == "revive" else "Get in touch with"
        ev.add("summary", f"{verb} {row['name']}")
        ev.add("description", f"{since}{row['reason']}." + (f" {row['email']}" if row.get("email") else ""))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")


def downloads(steps: pd.DataFrame, day=None, tz: str = "UTC") -> Shown:
    """Links that download the next steps as ``next_steps.csv`` and ``next_steps.ics``, carried in
    the page itself (no server, no file beside it).

    Parameters
    ----------
    steps : DataFrame
        :func:`netlib.decay.next_steps`.
    day : date-like, optional
        As in :func:`next_steps_ics`.
    tz : str
        The user's time zone.
    """
    def link(name: str, text: str, mime: str, what: str) -> str:
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        return f'<a download="{name}" href="data:{mime};charset=utf-8;base64,{data}">{name}</a> ({what})'

    if steps.empty:
        return Shown("<p>Nothing to take with you: the list is empty.</p>", "Nothing to take with you: the list is empty.", steps)
    first = _next_working_day(day, tz)
    items = [link("next_steps.csv", next_steps_csv(steps), "text/csv", "the list, for a spreadsheet"),
             link("next_steps.ics", next_steps_ics(steps, first, tz), "text/calendar",
                  f"{plural(len(steps), 'reminder')} from {first:%a} {first.day} {first:%b %Y}, inviting nobody")]
    return Shown(_STYLE + '<div class="netlib-table"><ul>' + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>",
                 "next_steps.csv, next_steps.ics", steps)
