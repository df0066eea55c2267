"""Your corrections to the merging: a CSV with the columns ``this``, ``that``, ``relation``.

Each side is an e-mail address, a profile URL, a contact id or a name; ``relation`` is ``same``
(merge the two) or ``different`` (never merge them).  :func:`netlib.identity.merge_contacts`
applies them.
"""

from __future__ import annotations

import pandas as pd

from netlib.io._reader import Frames, Input, Options
from netlib.io._text import cells, fields, read_csv
from netlib.model import ProblemLog

COLUMNS = {"this", "that", "relation"}


def sniff(inp: Input) -> str | None:
    """``"rules"`` for a header with ``this``, ``that`` and ``relation``."""
    return "rules" if {c.strip() for c in fields(inp.head(1)[0])} >= COLUMNS else None


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """The rules, each checked; a rule without both sides or with another relation is a skipped row."""
    table = read_csv(inp.text, inp.source, log)
    df = table.data
    this, that = df["this"].astype(str).str.strip(), df["that"].astype(str).str.strip()
    relation = df["relation"].astype(str).str.strip().str.lower()
    bad = ~relation.isin(["same", "different"]).to_numpy() | (this == "").to_numpy() | (that == "").to_numpy()
    log.add_frame(cells(table, bad, "relation"), "an identity rule needs this, that and relation 'same' or 'different'",
                  "skipped row", expected="same or different")
    rules = pd.DataFrame({"this": this, "that": that, "relation": relation, "file": inp.source, "line": table.line})[~bad]
    return Frames("netlib identity rules", rows_read=table.n_read, rules=rules)
