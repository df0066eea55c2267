"""Google Contacts CSV export, current and legacy.

* Current (2021 onwards): ``First Name, Middle Name, Last Name, ...,
  Organization Name, Organization Title, ..., Labels, E-mail 1 - Label,
  E-mail 1 - Value, ...``.
* Legacy: ``Name, Given Name, ..., Family Name, ..., Group Membership,
  E-mail 1 - Type, E-mail 1 - Value, ..., Organization 1 - Name, ...,
  Organization 1 - Title``; old files may be UTF-16.

Several values in one cell are joined by `` ::: ``.  Labels (``Labels`` or
``Group Membership``) become tags, except Google's system labels, which start
with ``*`` (``* myContacts``, ``* starred``).  A row with neither a name nor
an e-mail address is a skipped row.
"""

from __future__ import annotations

import pandas as pd

from netlib._kernels import STR, first_item
from netlib.io._reader import Frames, Input, Options, normalize_tags, records
from netlib.io._reader import column as _col
from netlib.io._text import cells, find_header, read_csv
from netlib.model import ProblemLog

CURRENT = ["First Name", "Last Name", "Labels"]
LEGACY = ["Given Name", "Family Name", "Group Membership"]
SEP = " ::: "


def sniff(inp: Input) -> str | None:
    """``"current"`` or ``"legacy"`` (Google's two contacts CSV layouts) from the header line."""
    if find_header(inp.text, CURRENT, max_lines=2) is not None and "E-mail 1 - Value" in inp.head(1)[0]:
        return "current"
    if find_header(inp.text, LEGACY, max_lines=2) is not None:
        return "legacy"
    return None


def labels_to_tags(labels: pd.Series) -> pd.Series:
    """User labels as ``;``-joined lower-case tags; system labels (``* ...``) dropped.

    Examples
    --------
    >>> labels_to_tags(pd.Series(["* myContacts ::: Conference ::: * starred", ""])).tolist()
    ['conference', '']
    """
    s = labels.astype(STR).fillna("").str.replace(SEP, ";", regex=False)
    s = s.str.replace(r"(?:^|;)\s*\*[^;]*", "", regex=True).str.strip("; ")
    return normalize_tags(s)


def read_contacts(text: str, source: str, log: ProblemLog, tz: str, kind: str):
    table = read_csv(text, source, log, header_line=1)
    df = table.data
    email_cols = [c for c in df.columns if c.startswith("E-mail ") and c.endswith(" - Value")]
    emails = pd.Series("", index=df.index, dtype=STR)
    for c in email_cols:  # a handful of E-mail N columns, not rows
        emails = emails + ";" + _col(df, c).str.replace(SEP, ";", regex=False)
    if kind == "current":
        name = (_col(df, "First Name") + " " + _col(df, "Middle Name") + " " + _col(df, "Last Name"))
        name = name.str.replace(r"\s+", " ", regex=True).str.strip()
        name = name.where(name != "", _col(df, "File As"))
        company, title, labels = _col(df, "Organization Name"), _col(df, "Organization Title"), _col(df, "Labels")
    else:
        name = _col(df, "Name")
        name = name.where(name != "", (_col(df, "Given Name") + " " + _col(df, "Family Name")).str.strip())
        company, title, labels = _col(df, "Organization 1 - Name"), _col(df, "Organization 1 - Title"), _col(df, "Group Membership")
    company = company.str.split(SEP, regex=False).str[0].fillna("")
    first_email = first_item(emails.str.strip(";"), ";")
    nobody = ((name == "") & (first_email == "")).to_numpy(dtype=bool)
    log.add_frame(cells(table, nobody, "Name" if kind == "legacy" else "First Name"), "neither a name nor an e-mail address",
                  "skipped row")
    name = name.where(name != "", first_email)
    rec = records(table, log, name=name, emails=emails.str.strip(";"), company=company, title=title,
                  url=pd.Series("", index=df.index, dtype=STR), connected=pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"),
                  source="google", tags=labels_to_tags(labels), skip=nobody, email_column="E-mail 1 - Value")
    return table, rec


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """A Google contacts CSV as contact records."""
    table, rec = read_contacts(inp.text, inp.source, log, opt.tz, kind)
    return Frames(f"Google contacts ({kind})", contacts=rec, rows_read=table.n_read)
