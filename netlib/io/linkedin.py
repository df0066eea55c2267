"""LinkedIn's data export: ``Connections.csv``, ``messages.csv``, ``Invitations.csv``.

Columns are matched by name (LinkedIn changes them every few years).

* **Connections** become contacts: name (first + last), e-mail, company,
  position as title, profile URL, and ``connected_on``.  Dates come as
  ``04 Mar 2025`` (current), ``29-Aug-22`` (re-saved in Excel) or
  ``1/8/18, 6:14 PM`` (2018 and earlier).  Rows of deleted or hidden members
  carry only a date: they are skipped rows in the problems.
* **Messages** become interactions on the ``message`` channel: **one per
  conversation per UTC day**, starting at that day's first message, with
  everyone who wrote or was written to in it (so a two-person thread is
  one-to-one).  Its length is ``message_minutes`` (default 5) per message that
  day: the effort of reading and writing, a netlib assumption.  Drafts,
  sponsored conversations and messages whose only other party is a hidden
  ``LinkedIn Member`` are skipped rows.
* **Invitations** add what they know to contacts: who and when (an accepted
  invitation is when a connection began); they are contact records of the
  other person, with ``connected_on`` the invitation date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib._kernels import STR, split_list
from netlib.io._reader import Frames, Input, Options, newest, records
from netlib.io._reader import column as _col
from netlib.io._text import as_date, cells, find_header, parse_dates, read_csv
from netlib.model import ProblemLog

CONNECTIONS = ["First Name", "Last Name", "Connected On"]
MESSAGES_NOW = ["CONVERSATION ID", "FROM", "TO", "DATE"]
MESSAGES_2018 = ["From", "To", "Date", "Content", "Direction"]
INVITATIONS = ["From", "To", "Sent At", "Direction"]
DATE_FORMATS = ["%d %b %Y", "%d-%b-%y", "%m/%d/%y, %I:%M %p", "%Y-%m-%d"]
HIDDEN = "LinkedIn Member"


def sniff(inp: Input) -> str | None:
    """``"connections"``, ``"messages"``, ``"messages_2018"``, ``"invitations"`` or None."""
    text = inp.text
    for kind, cols in (("connections", CONNECTIONS), ("messages", MESSAGES_NOW), ("messages_2018", MESSAGES_2018),
                       ("invitations", INVITATIONS)):
        if find_header(text, cols) is not None:
            return kind
    return None


def read_connections(text: str, source: str, log: ProblemLog, tz: str):
    table = read_csv(text, source, log, header_line=find_header(text, CONNECTIONS))
    df = table.data
    first, last = _col(df, "First Name"), _col(df, "Last Name")
    name = (first + " " + last).str.strip()
    url, email = _col(df, "URL"), _col(df, "Email Address")
    deleted = ((name == "") & (url == "") & (email == "")).to_numpy(dtype=bool)
    log.add_frame(cells(table, deleted, "Connected On"), "a deleted or hidden LinkedIn member: only a connection date, no person",
                  "skipped row")
    raw = _col(df, "Connected On")
    when, _ = parse_dates(raw, DATE_FORMATS, tz)
    bad_date = ((raw != "") & when.isna()).to_numpy() & ~deleted
    log.add_frame(cells(table, bad_date, "Connected On"), "not a date LinkedIn writes: the value was cleared", "cleared",
                  expected="a date like 04 Mar 2025, 29-Aug-22 or 1/8/18, 6:14 PM")
    rec = records(table, log, name=name, emails=email, company=_col(df, "Company"), title=_col(df, "Position"), url=url,
                  connected=as_date(when, tz), source="linkedin", skip=deleted, email_column="Email Address")
    return table, rec


def read_invitations(text: str, source: str, log: ProblemLog, tz: str):
    """Invitations: a contact record of the other person, ``connected_on`` = the invitation date."""
    table = read_csv(text, source, log, header_line=find_header(text, INVITATIONS))
    df = table.data
    outgoing = (_col(df, "Direction").str.upper() == "OUTGOING").to_numpy(dtype=bool)
    other = pd.Series(np.where(outgoing, _col(df, "To"), _col(df, "From")), dtype=STR)
    url = pd.Series(np.where(outgoing, _col(df, "inviteeProfileUrl"), _col(df, "inviterProfileUrl")), dtype=STR)
    raw = _col(df, "Sent At")
    when, _ = parse_dates(raw, DATE_FORMATS, tz)
    bad_date = ((raw != "") & when.isna()).to_numpy()
    log.add_frame(cells(table, bad_date, "Sent At"), "not a date LinkedIn writes: the value was cleared", "cleared")
    hidden = ((other == "") | (other == HIDDEN)).to_numpy(dtype=bool)
    log.add_frame(cells(table, hidden, "From"), "invitation from or to a hidden LinkedIn member", "skipped row")
    rec = records(table, log, name=other, emails=pd.Series("", index=df.index, dtype=STR), company=pd.Series("", index=df.index),
                  title=pd.Series("", index=df.index), url=url, connected=as_date(when, tz), source="linkedin", skip=hidden)
    # the owner is the inviter of outgoing and the invitee of incoming invitations
    mine = pd.Series(np.where(outgoing, _col(df, "inviterProfileUrl"), _col(df, "inviteeProfileUrl")), dtype=STR)
    mine = mine.where(mine != "", pd.Series(np.where(outgoing, _col(df, "From"), _col(df, "To")), dtype=STR))
    return table, rec, [m for m in mine.tolist() if m]


def read_messages(text: str, source: str, log: ProblemLog, tz: str, message_minutes: float = 5.0, legacy: bool = False):
    """Messages -> one interaction per conversation per UTC day (see the module docstring)."""
    header = find_header(text, MESSAGES_2018 if legacy else MESSAGES_NOW)
    table = read_csv(text, source, log, header_line=header)
    df = table.data
    if legacy:
        conv = (_col(df, "From") + "|" + _col(df, "To")).where(_col(df, "Direction").str.upper() == "OUTGOING",
                                                              _col(df, "To") + "|" + _col(df, "From"))
        when, _ = parse_dates(_col(df, "Date"), ["%m/%d/%y, %I:%M %p", "%Y-%m-%d %H:%M:%S"], tz)
        title = _col(df, "Subject")
        sender, sender_url = _col(df, "From"), pd.Series("", index=df.index, dtype=STR)
        to, to_urls = _col(df, "To"), pd.Series("", index=df.index, dtype=STR)
        skipped = np.zeros(len(df), dtype=bool)
    else:
        conv = _col(df, "CONVERSATION ID")
        when, _ = parse_dates(_col(df, "DATE"), ["%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S"], tz, utc=True)
        title = _col(df, "CONVERSATION TITLE")
        sender, sender_url = _col(df, "FROM"), _col(df, "SENDER PROFILE URL")
        to, to_urls = _col(df, "TO"), _col(df, "RECIPIENT PROFILE URLS")
        draft = (_col(df, "IS MESSAGE DRAFT").str.lower() == "yes").to_numpy(dtype=bool)
        sponsored = title.str.lower().str.contains("sponsored", regex=False).to_numpy(dtype=bool)
        log.add_frame(cells(table, draft, "IS MESSAGE DRAFT"), "a draft, never sent: not an interaction", "skipped row")
        log.add_frame(cells(table, sponsored & ~draft, "CONVERSATION TITLE"), "a sponsored conversation: advertising, not a relationship",
                      "skipped row")
        skipped = draft | sponsored
    no_date = when.isna().to_numpy() & ~skipped
    log.add_frame(cells(table, no_date, "DATE" if not legacy else "Date"), "not a date-time: the message was left out", "skipped row",
                  expected="2025-10-06 23:49:02 UTC")
    skipped |= no_date

    # participants of each message: profile URLs where given (names are ambiguous), else names
    s_row, s_tok = split_list(sender_url.where(sender_url != "", sender), "\x00")
    u_row, u_tok = split_list(to_urls.str.replace(",", ";", regex=False), ";")
    n_row, n_tok = split_list(to.where(to_urls == "", ""), ",")
    part = pd.DataFrame({"row": np.concatenate([s_row, u_row, n_row]),
                         "token": pd.concat([s_tok, u_tok, n_tok], ignore_index=True).to_numpy()})
    part = part[part["token"] != HIDDEN]
    part = part[~skipped[part["row"].to_numpy()]]
    others = part.groupby("row").size().reindex(range(len(df)), fill_value=0).to_numpy()
    lonely = (others < 2) & ~skipped  # only the owner left: the other party was a hidden member
    log.add_frame(cells(table, lonely, "FROM" if not legacy else "From"),
                  "the other party is a hidden LinkedIn member: not a person netlib can follow", "skipped row")
    skipped |= lonely
    keep = ~skipped
    if not keep.any():  # every message was left out: the loader reports "no usable row"
        empty = pd.DataFrame(columns=["meeting_id", "start", "end", "duration_min", "channel", "title", "location", "audience",
                                      "file", "line"])
        return table, empty, pd.DataFrame({"mrow": pd.Series(dtype=np.int64), "token": pd.Series(dtype=STR),
                                                "line": pd.Series(dtype=np.int64), "name": pd.Series(dtype=object)}), []
    day = when.dt.floor("D")
    key = pd.DataFrame({"conv": conv.to_numpy(), "day": day.to_numpy()})[keep]
    mcode, uniq = pd.MultiIndex.from_frame(key).factorize()
    rows = np.flatnonzero(keep)
    g = pd.DataFrame({"m": mcode, "when": when.to_numpy()[rows], "line": table.line[rows], "title": title.to_numpy()[rows]})
    agg = g.groupby("m").agg(start=("when", "min"), n=("when", "size"), line=("line", "min"), title=("title", "first"))
    meetings = pd.DataFrame(
        {
            "meeting_id": [f"linkedin-message:{c}:{d:%Y-%m-%d}" for c, d in uniq],
            "start": agg["start"].to_numpy(),
            "duration_min": agg["n"].to_numpy(dtype=float) * message_minutes,
            "channel": "message",
            "title": agg["title"].where(agg["title"] != "", "LinkedIn messages").to_numpy(),
            "location": "linkedin",
            "audience": np.nan,
            "file": source,
            "line": agg["line"].to_numpy(),
        }
    )
    meetings["end"] = meetings["start"] + pd.to_timedelta(meetings["duration_min"], unit="min")
    row_to_m = np.full(len(df), -1)
    row_to_m[rows] = mcode
    part = part[keep[part["row"].to_numpy()]]
    tok = pd.DataFrame({"mrow": row_to_m[part["row"].to_numpy()], "token": part["token"].to_numpy(),
                        "line": table.line[part["row"].to_numpy()]}).drop_duplicates(["mrow", "token"])
    # names for profile URLs: senders, and recipients where TO lists as many names as there are URLs (same order)
    tn_row, tn_tok = split_list(to, ",")
    same = pd.Series(tn_row).value_counts().reindex(range(len(df)), fill_value=0).to_numpy() == \
        pd.Series(u_row).value_counts().reindex(range(len(df)), fill_value=0).to_numpy()
    rank_n = pd.Series(tn_row).groupby(tn_row).cumcount().to_numpy()
    rank_u = pd.Series(u_row).groupby(u_row).cumcount().to_numpy()
    paired = pd.DataFrame({"row": tn_row, "k": rank_n, "name": tn_tok.to_numpy()})[same[tn_row]].merge(
        pd.DataFrame({"row": u_row, "k": rank_u, "url": u_tok.to_numpy()}), on=["row", "k"])
    parts = [pd.DataFrame({"url": sender_url, "name": sender})[(sender_url != "").to_numpy(dtype=bool)], paired[["url", "name"]]]
    names = pd.concat([x for x in parts if len(x)] or [parts[1]], ignore_index=True)
    url_name = names.drop_duplicates("url").set_index("url")["name"]
    # a recipient written only by name is the same person as that name's profile URL seen elsewhere in the file
    name_url = names.drop_duplicates(["name", "url"]).drop_duplicates("name", keep=False).set_index("name")["url"]
    tok["token"] = tok["token"].map(name_url).fillna(tok["token"])
    tok = tok.drop_duplicates(["mrow", "token"])
    tok["name"] = tok["token"].map(url_name).fillna(tok["token"])
    hints = []
    if legacy:  # the direction says which side is the owner
        direction = _col(df, "Direction").str.upper()
        hints = pd.concat([_col(df, "From")[direction == "OUTGOING"], _col(df, "To")[direction == "INCOMING"]]).tolist()
    return table, meetings, tok.astype({"token": STR}), hints


def read(inp: Input, kind: str, log: ProblemLog, opt: Options) -> Frames:
    """One file of LinkedIn's export, by its kind."""
    if kind == "connections":
        table, rec = read_connections(inp.text, inp.source, log, opt.tz)
        return Frames("LinkedIn connections", contacts=rec, rows_read=table.n_read, exported=newest(rec["connected_on"]))
    if kind == "invitations":
        table, rec, hints = read_invitations(inp.text, inp.source, log, opt.tz)
        return Frames("LinkedIn invitations", contacts=rec, rows_read=table.n_read, hints=hints, exported=newest(rec["connected_on"]))
    table, meetings, tokens, hints = read_messages(inp.text, inp.source, log, opt.tz, opt.message_minutes, legacy=kind == "messages_2018")
    return Frames("LinkedIn messages", meetings=meetings, tokens=tokens, rows_read=table.n_read, hints=hints,
                  detail=f"one interaction per conversation per day, {opt.message_minutes:g} min per message")
