"""The Network's tables from what the readers collected: contact records merged, the owner and
duplicate meetings dropped, entries that are no meeting left out, and the tables indexed and typed
(:func:`finish`).  Used by :class:`netlib.io._load._Loader`, for :func:`netlib.load` and
:func:`netlib.from_frames` alike."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from netlib import identity
from netlib._kernels import STR, isin, split_list
from netlib.io._reader import NOT_A_MEETING
from netlib.model import CONTACT_COLUMNS, MEETING_COLUMNS, MODES, Me, Network, ProblemLog, mode_codes, mode_labels, place_ref


def contact_table(contacts: list[pd.DataFrame], log: ProblemLog, merge: bool = True,
                  rules: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """Every reader's contact records as contacts (:func:`netlib.identity.merge_contacts`): (contacts,
    aliases, merges).  An explicit id given in two files is kept from the first (a skipped row)."""
    if not contacts:
        return _empty(CONTACT_COLUMNS, "contact_id"), None, None
    rec = pd.concat(contacts, ignore_index=True)
    explicit = rec["contact_id"].astype(STR).fillna("") != "" if len(contacts) > 1 else None
    if explicit is not None and explicit.any():  # explicit ids are already unique within each file
        kept, _ = drop_duplicate_ids(rec[explicit], "contact_id", log)
        rec = pd.concat([kept, rec[~explicit]], ignore_index=True)
    return identity.merge_contacts(rec, log, merge, rules)


def meeting_table(meetings: list[pd.DataFrame], listed: list[bool], log: ProblemLog) -> tuple[pd.DataFrame, np.ndarray, np.ndarray | None]:
    """Every reader's meetings as one table: (meetings, whether each one's attendee list includes the
    owner, each input row's new position or None).  A meeting id given in two files is kept from the
    first (a skipped row, position -1)."""
    if len(meetings) == 1:  # one file: its table as it is (concat would copy a million rows)
        m = meetings[0] if meetings[0].index.equals(pd.RangeIndex(len(meetings[0]))) else meetings[0].reset_index(drop=True)
    else:
        m = pd.concat(meetings, ignore_index=True) if meetings else _empty(MEETING_COLUMNS, "meeting_id")
    owner_listed = np.repeat(np.asarray(listed or [False] * len(meetings), dtype=bool), [len(x) for x in meetings])
    newpos = None
    if len(meetings) > 1:
        m, newpos = drop_duplicate_ids(m, "meeting_id", log)
        owner_listed = owner_listed[newpos >= 0]
    return m, owner_listed, newpos


def token_table(tokens: list[pd.DataFrame], newpos: np.ndarray | None, source_names: list[str]) -> pd.DataFrame:
    """Every reader's attendee tokens as one table, each on its meeting's new row (``newpos``; a
    dropped meeting's tokens dropped), with its file's name as ``source``."""
    if not tokens:
        return pd.DataFrame({"mrow": pd.Series(dtype=np.int64), "token": pd.Series(dtype=STR), "line": pd.Series(dtype=np.int64),
                             "name": pd.Series(dtype=object), "source": pd.Series(dtype=object)})
    t = pd.concat(tokens, ignore_index=True) if len(tokens) > 1 else tokens[0]
    if newpos is not None:
        t["mrow"] = newpos[t["mrow"].to_numpy()]
        t = t[t["mrow"].to_numpy() >= 0]
    t["source"] = pd.Categorical.from_codes(t.pop("src").to_numpy(), categories=source_names)
    return t


def leave_out(m: pd.DataFrame, t: pd.DataFrame, owner_listed: np.ndarray, me: Me, log: ProblemLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The meetings and tokens without what is no meeting once the owner is known (:func:`not_meetings`,
    where attendee lists include the owner: ``owner_listed``), and without the attendees who declined."""
    if owner_listed.any():
        return not_meetings(m, t, owner_listed, me, log)
    if "declined" in t:
        t = t[~_flag(t.pop("declined"))]
    return m, t


def drop_duplicate_ids(df: pd.DataFrame, id_col: str, log: ProblemLog) -> tuple[pd.DataFrame, np.ndarray]:
    """Across files, keep the first row of each id; later ones are skipped rows.

    Returns the kept rows and, for every input row, its new position (-1 if dropped).
    """
    dup = df[id_col].duplicated().to_numpy() if len(df) else np.zeros(0, bool)
    if dup.any():
        first = df.drop_duplicates(id_col).set_index(id_col)
        where = place_ref(first.loc[df.loc[dup, id_col], "file"].to_numpy(), first.loc[df.loc[dup, id_col], "line"].to_numpy())
        log.add_frame(
            pd.DataFrame({"source": df.loc[dup, "file"], "line": df.loc[dup, "line"], "column": id_col, "value": df.loc[dup, id_col]}),
            pd.Series("duplicate id: already loaded from " + where, index=df.index[dup]),
            "skipped row",
            expected="ids unique across all files",
        )
    newpos = np.where(dup, -1, np.cumsum(~dup) - 1)
    return (df.loc[~dup] if dup.any() else df), newpos


def drop_me(contacts: pd.DataFrame, me: Me, log: ProblemLog) -> tuple[pd.DataFrame, Me]:
    """Contacts that are the data's owner are not contacts (recorded as skipped)."""
    keys = me.keys()
    if not keys or contacts.empty:
        return contacts, me
    row, em = split_list(contacts["emails"], ";")
    by_email = np.zeros(len(contacts), dtype=bool)
    by_email[row[isin(em, keys)]] = True
    url = identity.normalize_url(contacts["url"]) if "url" in contacts else pd.Series("", index=contacts.index)
    is_me = (by_email | isin(contacts["contact_id"].astype(str).str.lower(), keys) | isin(identity.name_key(contacts["name"]), keys)
             | (isin(url, keys) & (url != "").to_numpy(dtype=bool)))
    if is_me.any():
        log.add_frame(
            pd.DataFrame({"source": contacts.loc[is_me, "file"], "line": contacts.loc[is_me, "line"], "column": "contact_id",
                          "value": contacts.loc[is_me, "contact_id"]}),
            "this contact is you: you are never one of your own contacts",
            "skipped row",
        )
        found = contacts.loc[is_me]
        extra_emails = tuple(dict.fromkeys(e for e in found["emails"].str.split(";").explode().dropna() if e and e not in me.emails))
        cards = tuple((e, f"your own card in {f}" + (f", line {ln}" if pd.notna(ln) else ""))  # where each address of it was found
                      for es, f, ln in zip(found["emails"], found["file"], found["line"], strict=True) for e in str(es).split(";") if e)
        me = replace(
            me,
            name=me.name or found["name"].iloc[0],
            emails=me.emails + extra_emails,
            ids=tuple(dict.fromkeys(me.ids + tuple(found["contact_id"]) + tuple(found["name"]) + tuple(u for u in found.get("url", []) if u))),
            found=tuple(dict.fromkeys(me.found + cards)),
        )
    return contacts.loc[~is_me].reset_index(drop=True), me


def not_meetings(m: pd.DataFrame, t: pd.DataFrame, owner_listed: np.ndarray, me: Me, log: ProblemLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leave out the calendar entries and conversations that are no networking meeting once the owner
    is known: those the owner declined, and those with nobody else (no other attendee who did not
    decline, no audience).  Attendees who declined are dropped.  A file row none of whose meetings
    is kept is a skipped row; otherwise each meeting left out is a ``left out`` problem, at its own
    line.  A row is ``m["row_line"]`` where the reader gives one (a calendar series, whose changed
    occurrences are written at lines of their own), else ``m["line"]``."""
    declined = _flag(t.pop("declined")) if "declined" in t else np.zeros(len(t), dtype=bool)
    mrow = t["mrow"].to_numpy()
    is_me = identity.is_me(t["token"], t["name"] if "name" in t else t["token"], me)
    by_me = np.zeros(len(m), dtype=bool)
    by_me[mrow[declined & is_me]] = True
    others = np.bincount(mrow[~declined & ~is_me], minlength=len(m))
    alone = owner_listed & (others == 0) & m["audience"].isna().to_numpy()
    drop = owner_listed & (by_me | alone)
    if not drop.any():
        return m, t[~declined]
    reason = np.where(by_me, NOT_A_MEETING["declined"], NOT_A_MEETING["alone"])
    row = (m["row_line"].fillna(m["line"]) if "row_line" in m else m["line"]).to_numpy()  # meetings of other files: their line
    gone = pd.DataFrame({"source": m["file"].to_numpy()[drop], "line": m["line"].to_numpy()[drop], "row": row[drop], "column": "attendees",
                         "value": m["title"].to_numpy()[drop], "problem": reason[drop]})
    kept_rows = pd.MultiIndex.from_arrays([m["file"].to_numpy()[~drop], row[~drop]])
    partly = pd.MultiIndex.from_arrays([gone["source"], gone["row"]]).isin(kept_rows)  # the file row keeps other meetings
    skipped = gone[~partly].groupby(["source", "row", "problem"], sort=False).agg(value=("value", "first"), n=("value", "size")).reset_index()
    skipped = skipped.rename(columns={"row": "line"})
    skipped["problem"] = skipped["problem"] + np.where(skipped["n"] > 1, " (" + skipped["n"].astype(str) + " occurrences)", "")
    log.add_frame(skipped.assign(column="attendees"), skipped["problem"], "skipped row")
    log.add_frame(gone.loc[partly].drop(columns="row"), gone.loc[partly, "problem"], "left out")
    keep = ~drop
    new_row = np.cumsum(keep) - 1
    stay = keep[mrow] & ~declined
    t = t[stay]
    return m[keep].reset_index(drop=True), t.assign(mrow=new_row[t["mrow"].to_numpy()])


def _flag(values: pd.Series) -> np.ndarray:
    """A boolean column that files without it left missing, as True/False."""
    return values.to_numpy() == True  # noqa: E712 (missing compares False)


def _empty(columns: list[str], id_col: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in [id_col, *columns]})


def _utc_times(s: pd.Series) -> pd.Series:
    """``s`` as UTC times, converted only when they are not already (``pd.to_datetime`` would
    look at a million values that need nothing)."""
    if isinstance(s.dtype, pd.DatetimeTZDtype) and str(s.dtype.tz) == "UTC" and s.dtype.unit == "ns":
        return s
    return pd.to_datetime(s, utc=True).dt.as_unit("ns")


def finish(c: pd.DataFrame, m: pd.DataFrame, mpos: np.ndarray, cpos: np.ndarray, log: ProblemLog, me: Me,
           src_rows: list[dict]) -> Network:
    """Index, type and derive the Network's tables; count rows per source."""
    c = c.copy(deep=False)  # as for meetings below: the index is set without copying every column
    c.index = pd.Index(c.pop("contact_id").astype(STR), name="contact_id")
    c["connected_on"] = _utc_times(c["connected_on"])
    for col in ("name", "email", "emails", "company", "title", "tags", "source", "introduced_by", "url"):
        c[col] = c[col].astype(STR)  # text as Arrow strings, as in the meetings (free where it already is)
    c["inferred"] = c["inferred"].astype(bool)
    c["line"] = c["line"].astype("Int64")
    m = m.copy(deep=False)  # a new frame around the same columns: the index is set without copying them
    m.index = pd.Index(m.pop("meeting_id").astype(STR), name="meeting_id")
    for col in ("start", "end"):
        m[col] = _utc_times(m[col])
    m["n_people"] = np.bincount(mpos, minlength=len(m))
    mode = mode_codes(m["n_people"], m["audience"], m["channel"])
    m["mode"] = mode_labels(mode, m.index)
    m["line"] = m["line"].astype("Int64")
    problems = log.frame()
    sources = pd.DataFrame(src_rows)
    skipped = problems[problems["action"] == "skipped row"].drop_duplicates(["source", "line"]).groupby("source").size()
    sources["rows_skipped"] = sources["source"].map(skipped).fillna(0).astype(int)
    sources["rows_kept"] = sources["rows_read"] - sources["rows_skipped"]
    if "detail" not in sources:
        sources["detail"] = ""
    sources["exported"] = pd.to_datetime(sources["exported"] if "exported" in sources else pd.Series(pd.NaT, index=sources.index),
                                         utc=True).dt.as_unit("ns")
    sources = sources[["source", "format", "rows_read", "rows_kept", "rows_skipped", "detail", "exported"]]
    net = Network(
        contacts=pd.DataFrame({k: c[k] for k in CONTACT_COLUMNS}, copy=False),  # the columns in order, not copied
        meetings=pd.DataFrame({k: m[k] for k in MEETING_COLUMNS}, copy=False),
        attendance=None,  # made from the positions on first use: the analyses need only the positions
        problems=problems,
        sources=sources,
        me=me,
    )
    net._seed_positions(mpos, cpos)  # cached for the analyses
    net._seed_codes("mode", mode, MODES)
    return net
