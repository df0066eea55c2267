"""The load's problems in words for the load page: counted by kind, and the senders of the mail left
out.  Re-exported by :mod:`netlib.present`, where the notebooks find them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["problem_counts", "left_out_senders"]


def problem_counts(problems: pd.DataFrame) -> pd.Series:
    """Problems counted by action and kind: the problem texts with the contacts and files they name
    taken out (``…``) and their numbers given as the range they span, so that 23 names matched the
    same way are one line, not 23, and the line still reads as a sentence.

    Parameters
    ----------
    problems : DataFrame
        ``net.problems``.

    Returns
    -------
    Series
        Rows per (action, problem), most first.

    Examples
    --------
    >>> p = pd.DataFrame({"action": ["guessed"] * 2, "problem": ["matched on the display name alone to contact "
    ...                   "[linkedin.com/in/a] (in 17 meetings)", "matched on the display name alone to contact [b] (in 3 meetings)"]})
    >>> problem_counts(p).tolist()
    [2]
    >>> problem_counts(p).index[0][1]
    'matched on the display name alone to contact … (in 3 to 17 meetings)'
    >>> one = pd.DataFrame({"action": ["guessed"], "problem": ["matched on the display name alone to contact [c]"]})
    >>> problem_counts(pd.concat([p, one])).index[0][1]  # once: the count is left out, and it is 1
    'matched on the display name alone to contact … (in 1 to 17 meetings)'
    """
    codes, texts = pd.factorize(problems["problem"].astype(str))  # the distinct texts are few beside the rows
    texts = pd.Series(texts, dtype=object)
    named = _counted_once(texts.str.replace(r"\[[^\]]*\]", "…", regex=True))
    kind = named.str.replace(r"\b\d+\b", "N", regex=True)
    shown = kind.map(_number_ranges(named, kind))
    out = problems[["action"]].assign(problem=shown.to_numpy()[codes] if len(texts) else problems["problem"])
    return out.groupby(["action", "problem"]).size().rename("rows").sort_values(ascending=False, kind="stable")


#: How often a problem recurred, at the end of its text: ``(in 3 meetings)``, ``(12 occurrences)``;
#: netlib writes it only from 2 on.
_COUNT = r" \((in )?(\d+) (meetings|occurrences)\)$"


def _counted_once(named: pd.Series) -> pd.Series:
    """A text without the count its kind carries elsewhere, given it as 1, so that it is counted with
    the others of its kind ("in 1 to 17 meetings"), not on a line of its own."""
    parts = named.str.extract(_COUNT)
    has = parts[1].notna()
    base = named.str.replace(_COUNT, "", regex=True).str.replace(r"\b\d+\b", "N", regex=True)
    tail = pd.Series(" (" + parts[0].fillna("") + "1 " + parts[2].fillna("") + ")", index=named.index)[has]
    suffix = tail.groupby(base[has]).first()  # each counted kind's own words, with 1
    add = base.map(suffix).where(~has, "")
    return named + add.fillna("")


def _number_ranges(named: pd.Series, kind: pd.Series) -> dict:
    """Each kind of text (numbers as ``N``) with each number written as the range its texts span:
    ``in N meetings`` over texts with 3 and 17 is ``in 3 to 17 meetings``."""
    out = {}
    numbers = named.str.findall(r"\b\d+\b")
    for k, rows in numbers.groupby(kind, sort=False):  # one step per kind of problem: a few dozen
        values = np.array(rows.tolist(), dtype=object).astype(float).reshape(len(rows), -1)  # beyond int64 too
        lo, hi = values.min(axis=0), values.max(axis=0)
        spans = iter(f"{a:.0f}" if a == b else f"{a:.0f} to {b:.0f}" for a, b in zip(lo, hi, strict=True))
        out[k] = re.sub(r"\b\d+\b", lambda _m, spans=spans: next(spans), named[rows.index[0]])  # the first text, its numbers replaced
    return out


def left_out_senders(problems: pd.DataFrame, me=None, top: int = 10) -> pd.DataFrame:
    """The senders of the most e-mail left out as no relationship (lists, notifications, automatic
    replies, invitations, one-way mail), with how many messages and why.  Copies of a message
    read twice are not in it: the message itself counts.

    Parameters
    ----------
    problems : DataFrame
        ``net.problems``: a message left out is a ``skipped row`` whose value is its sender.
    me : Me, optional
        ``net.me``: mail you sent that was never answered shows as sent by "you".
    top : int
        Senders shown, most messages first.

    Returns
    -------
    DataFrame
        ``sender``, ``messages`` (left out, count) and ``reason`` (the most common one for that
        sender); empty when no mail was left out.

    Examples
    --------
    >>> from netlib.io.mail import LEFT_OUT
    >>> p = pd.DataFrame({"action": ["skipped row"] * 3, "column": ["From"] * 3,
    ...                   "value": ["news@x.example", "news@x.example", "bot@y.example"],
    ...                   "problem": [LEFT_OUT["list"]] * 2 + [LEFT_OUT["auto"]]})
    >>> left_out_senders(p)[["sender", "messages"]].values.tolist()
    [['news@x.example', 2], ['bot@y.example', 1]]
    """
    from netlib.io.mail import LEFT_OUT, ONE_WAY

    reasons = {**{v: v.split(": ", 1)[-1] for k, v in LEFT_OUT.items() if k != "duplicate"}, ONE_WAY: "one-way mail: never both ways"}
    mail = problems[(problems["action"] == "skipped row") & problems["problem"].isin(list(reasons))]
    if mail.empty:
        return pd.DataFrame({"sender": pd.Series(dtype=object), "messages": pd.Series(dtype="int64"), "reason": pd.Series(dtype=object)})
    by = mail.groupby(["value", "problem"]).size().rename("n").reset_index()
    by = by.sort_values(["value", "n"], ascending=[True, False], kind="stable")
    out = by.groupby("value", sort=False).agg(messages=("n", "sum"), reason=("problem", "first")).reset_index()
    out = out.sort_values(["messages", "value"], ascending=[False, True], kind="stable").head(top)
    mine = out["value"].str.lower().isin([e.lower() for e in (me.emails if me is not None else ())])
    return pd.DataFrame({"sender": out["value"].mask(mine, "you").where(out["value"] != "", "(no sender)").to_numpy(),
                         "messages": out["messages"].to_numpy(), "reason": out["reason"].map(reasons).to_numpy()})
