"""Writing a Network as netlib's canonical CSVs (:func:`write_csv`), every text cell a spreadsheet
would run as a formula made safe (:func:`_spreadsheet_safe`, also used by :mod:`netlib.present`)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from netlib import _params
from netlib._files import csv_text, neutralise_formulas, write_files
from netlib._kernels import STR, format_times, join_list
from netlib.model import Network


def write_csv(net: Network, folder: str | os.PathLike, *, encoding: str = "utf-8") -> tuple[Path, Path]:
    """Write a Network as netlib's canonical ``contacts.csv`` and ``meetings.csv``.

    Times are written in ISO 8601 with their UTC offset; inferred contacts
    are written as ordinary rows so that the files load back to the same
    Network.  A text cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, or with one of them after a line break inside it) is neutralised with an apostrophe.
    Both files are written whole or not at all, never over a file netlib did not write in
    ``folder`` or through a link (:class:`netlib._files.OutputFolder`; a manifest,
    ``.netlib-files.json``, lists what netlib wrote there).

    Parameters
    ----------
    net : Network
        The network to write.
    folder : path
        Where to write ``contacts.csv`` and ``meetings.csv`` (created).
    encoding : {"utf-8", "utf-8-sig"}
        ``"utf-8"`` (the default): files for netlib, which parses them back from their bytes,
        never decoding them.  ``"utf-8-sig"``: a byte-order mark first, for files meant for a
        spreadsheet: Excel on Windows reads a CSV without one in the computer's code page (Chloé as
        ChloÃ©).  netlib reads those back as text: more slowly, and a file over
        ``netlib.io._text.MAX_TEXT_BYTES`` (128 MB) not at all.

    Returns
    -------
    (contacts_path, meetings_path)

    Raises
    ------
    netlib.OutputError
        ``folder`` holds a ``contacts.csv`` or ``meetings.csv`` that netlib did not write, or a link
        of that name, or the disk refused; nothing was written.

    Examples
    --------
    >>> import tempfile, netlib
    >>> contacts, _ = write_csv(netlib.load_sample(), tempfile.mkdtemp(), encoding="utf-8-sig")
    >>> contacts.read_bytes()[:13]
    b'\\xef\\xbb\\xbfcontact_id'
    >>> len(netlib.load(contacts.parent).contacts) == len(netlib.load_sample().contacts)
    True
    """
    bom = "\ufeff" if _params.choice("write_csv", "encoding", encoding, ["utf-8", "utf-8-sig"]) == "utf-8-sig" else ""
    folder = Path(folder)
    c = net.contacts.reset_index()
    out_c = pd.DataFrame(
        {
            "contact_id": c["contact_id"],
            "name": c["name"],
            "email": c["emails"],
            "company": c["company"],
            "title": c["title"],
            "tags": c["tags"],
            "source": c["source"],
            "connected_on": c["connected_on"].dt.strftime("%Y-%m-%d").fillna(""),
            "introduced_by": c["introduced_by"],
        }
    )
    m = net.meetings.reset_index()
    mpos, _ = net.positions()
    order = np.argsort(mpos, kind="stable")  # each meeting's attendees in the order the attendance lists them
    attendees = join_list(mpos[order], net.attendance["contact_id"].take(order), len(m), ";")  # Arrow: no Python string a row
    out_m = pd.DataFrame(
        {
            "meeting_id": m["meeting_id"],
            "start": format_times(m["start"], "%Y-%m-%dT%H:%M:%SZ"),
            "end": format_times(m["end"], "%Y-%m-%dT%H:%M:%SZ"),
            "channel": m["channel"],
            "title": m["title"],
            "location": m["location"],
            "attendees": attendees,  # (both on positions 0..n-1)
            "audience": m["audience"].astype("Int64"),
        }
    )
    pc, pm = write_files(folder, {
        "contacts.csv": bom + csv_text(_spreadsheet_safe(out_c, ["name", "email", "company", "title", "tags", "source", "introduced_by"])),
        "meetings.csv": bom + csv_text(_spreadsheet_safe(out_m, ["channel", "title", "location", "attendees"])),
    })
    return pc, pm


def _spreadsheet_safe(df: pd.DataFrame, text_columns: list[str]) -> pd.DataFrame:
    """``df`` with every text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return, or has one of the first four or a tab right after
    a line break inside it) neutralised with an apostrophe (:func:`netlib._files.neutralise_formulas`),
    the usual defence against CSV injection: ``=HYPERLINK(...)`` from a contact's name shows as text,
    and so does ``Acme\r=1+1`` in a spreadsheet that ends rows at a bare carriage return.

    Examples
    --------
    >>> _spreadsheet_safe(pd.DataFrame({"name": ["=HYPERLINK(1)", "Ann", "-x"], "n": [-1, 2, 3]}), ["name"]).values.tolist()
    [["'=HYPERLINK(1)", -1], ['Ann', 2], ["'-x", 3]]
    """
    out = df.copy()
    for c in text_columns:
        s = out[c].astype(STR).fillna("")
        risky = s.str.contains(r"^[=+\-@\t\r]|[\r\n][=+\-@\t]", regex=True).to_numpy(dtype=bool)
        if risky.any():
            out[c] = s.where(~risky, neutralise_formulas(s))
    return out
