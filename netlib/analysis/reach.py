"""Reach: how many people you touch, how it grows, how much of it is the right people.

*Reach* counts distinct people met (attendance), never broadcast audiences:
a post seen by 800 people is 800 *touches* (see :mod:`netlib.effort`) but
nobody you could name.  Second-degree reach goes through the ties between
your contacts that the data shows (introductions, small meetings together,
optionally the same employer).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import PERIODS, check_by, connected_first, first_meeting, group_codes, in_window, meeting_contributions, network, window
from netlib._facts import as_of as _as_of
from netlib._kernels import distinct_per_group, pairs_within_groups, split_list
from netlib._words import plural
from netlib.model import DEFAULT_HALF_LIFE_DAYS, WARM_THRESHOLD, Network
from netlib.org import _internal, org_domains
from netlib.segment import Segment, describe_segment, segment_mask, tag_counts

__all__ = ["ME", "reach", "right_people", "attended", "first_met", "reach_growth", "ego_graph", "referral_reach", "brokerage", "ego_constraint"]

#: The node that stands for you in :func:`ego_graph`.
ME = "__me__"


@_params.document
def attended(net: Network, start=None, end=None) -> pd.DataFrame:
    """Attendance rows of meetings in ``[start, end)`` with the meeting's ``start``, ``mode`` and ``channel``.

    Parameters
    ----------
    {net}
    {start_end}

    Examples
    --------
    >>> import netlib
    >>> a = attended(netlib.load_sample(), "2024-01-01", "2024-02-01")
    >>> bool(a["start"].between("2024-01-01", "2024-02-01", inclusive="left").all())
    True
    """
    network("attended", net)
    m = net.meetings
    pos, _ = net.positions()
    rows = np.flatnonzero(in_window(m, *window("attended", start, end))[pos])
    pos = pos[rows]
    return pd.DataFrame(
        {
            "meeting_id": net.attendance["meeting_id"].array[rows],
            "contact_id": net.attendance["contact_id"].array[rows],
            "start": m["start"].array[pos],
            "mode": m["mode"].array[pos],
            "channel": m["channel"].array[pos],
        },
        index=rows,
        copy=False,
    )


@_params.document
def reach(net: Network, start=None, end=None, by: str | list[str] | None = None, segment: Segment = None) -> pd.DataFrame:
    """Distinct people met at networking meetings in ``[start, end)``, overall or broken down.

    ``people`` = number of distinct contacts with at least one attendance at a networking
    meeting in the window (and group): internal work, a meeting with colleagues of your
    organisation only (:func:`netlib.org.internal_meetings`), reaches nobody new and is left out.  A person met both one-to-one and in a group
    counts once overall and once in each mode, so a breakdown need not add
    up to the total.  With a ``segment``: ``segment_people`` (those in it)
    and ``segment_share`` = segment_people / people.

    Parameters
    ----------
    {net}
    {start_end}
    by : {None, "mode", "channel", "month", "quarter", "year"} or a list of them
        A list such as ``["quarter", "mode"]`` gives one row per combination.
    {segment}

    Returns
    -------
    DataFrame
        One row per group (``"all"`` without ``by``; a MultiIndex for a list).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> int(reach(net).loc["all", "people"]) == net.attendance["contact_id"].nunique()
    True
    >>> reach(net, by="mode", segment="prospect").columns.tolist()
    ['people', 'segment_people', 'segment_share']
    """
    network("reach", net)
    m = net.meetings
    codes, labels = group_codes(m, check_by("reach", by), net)
    mpos, cpos = net.positions()
    in_win = in_window(m, *window("reach", start, end)) & ~_internal(net)
    if in_win.all():
        mp, c = mpos, cpos  # no copies of every attendance
    else:
        inside = in_win[mpos]
        mp, c = mpos[inside], cpos[inside]
    g = codes[mp] if len(labels) > 1 else np.zeros(len(mp), dtype=np.int64)
    out = pd.DataFrame({"people": distinct_per_group(g, c, len(labels))}, index=labels)
    if segment is not None:
        seg = segment_mask(net, segment).to_numpy()[c]
        out["segment_people"] = distinct_per_group(g[seg], c[seg], len(labels))
        out["segment_share"] = out["segment_people"] / out["people"].where(out["people"] > 0)
    out = out[out["people"] > 0] if by is not None else out
    if not isinstance(by, (list, tuple)):
        out.index.name = by or "window"
    if by is None and out.empty:
        out = pd.DataFrame({"people": [0]}, index=pd.Index(["all"], name="window"))
        if segment is not None:
            out["segment_people"], out["segment_share"] = 0, np.nan
    return out


def _counted(n: int) -> str:
    """"1 of your contacts is" / "12 of your contacts are" (the verb agrees with the count).

    Examples
    --------
    >>> _counted(1), _counted(1200)
    ('1 of your contacts is', '1,200 of your contacts are')
    """
    return f"{n:,} of your contacts {'is' if n == 1 else 'are'}"


@_params.document
def right_people(net: Network, segment: Segment = None, start=None, end=None, top: int = 8) -> pd.DataFrame:
    """How much of your reach is the right people, with a sentence that says what the table shows.

    With a ``segment``: :func:`reach` by channel (``segment_share`` = people in the segment met
    through the channel / people met through it).  Without one: for each of the ``top`` tags
    your contacts carry most, ``segment_people`` = people met who carry the tag and
    ``segment_share`` = segment_people / ``people``, all people met in the window: which
    groups your meetings actually reach, before you name one as the target.

    Parameters
    ----------
    {net}
    {segment}
    {start_end}
    top : int
        Without a segment, how many tags to show.

    Returns
    -------
    DataFrame
        ``people``, ``segment_people``, ``segment_share``, indexed by channel or tag; ``attrs``:
        ``note`` (a sentence, including why the table is empty when it is), ``overall`` (the
        segment's share of all reach, or None) and ``label`` (what the share is of).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> r = right_people(net)
    >>> r.index.name, int(r["segment_people"].iloc[0]) <= int(r["people"].iloc[0])
    ('tag', True)
    >>> right_people(net, "nobody-has-this").attrs["note"].startswith("No contact is tagged")
    True
    """
    network("right_people", net)
    window("right_people", start, end)  # its own name on a bad window, before reach() sees it
    top = int(_params.number("right_people", "top", top, low=1, inclusive=True, integer=True))
    tags = tag_counts(net)
    listed = ", ".join(f"{t} ({n})" for t, n in tags.head(10).items())
    if segment is not None:
        table = reach(net, start, end, by="channel", segment=segment)
        total = reach(net, start, end, segment=segment).iloc[0]
        n_seg = int(segment_mask(net, segment).sum())
        what = describe_segment(segment)
        if n_seg == 0:
            note = (f"No contact is {what}, so none of your reach can be. "
                    + (f"Tags in your data: {listed}." if len(tags) else "Your contacts carry no tags at all."))
        elif not total["people"]:
            note = f"{_counted(n_seg)} {what}, but your files hold no meeting in this window."
        else:
            met_seg = int(total["segment_people"])
            note = (f"{_counted(n_seg)} {what}; of the {plural(int(total['people']), 'person', 'people')} you met, "
                    f"{met_seg:,} ({total['segment_share']:.0%}) {'is' if met_seg == 1 else 'are'}.")
        table.attrs.update(note=note, overall=None if not total["people"] else float(total["segment_share"]), label=what)
        return table
    m = net.meetings
    mpos, cpos = net.positions()
    met = np.unique(cpos[(in_window(m, *window("right_people", start, end)) & ~_internal(net))[mpos]])  # as reach() counts
    people = len(met)
    row, tag = split_list(net.contacts["tags"].fillna("").astype(str).str.lower(), ";")
    keep = np.isin(row, met)
    pairs = pd.DataFrame({"row": row[keep], "tag": tag.to_numpy(dtype=object)[keep]}).drop_duplicates()
    met_with = pairs.groupby("tag").size().reindex(tags.index[:top], fill_value=0)
    table = pd.DataFrame({"people": people, "segment_people": met_with.to_numpy(),
                          "segment_share": met_with.to_numpy() / people if people else np.nan},
                         index=pd.Index(met_with.index, name="tag"))
    if not len(tags):
        note = ("No target segment named, and your contacts carry no tags, so netlib cannot tell the right people "
                "from the rest. Tag your contacts (a tags column in contacts.csv, labels in Google Contacts, categories "
                "in Outlook) and name one with --segment TAG, or name one by title in the notebook: "
                "segment={\"title\": \"founder|ceo\"}.")
    elif not people:
        note = "No target segment named, and your files hold no meeting in this window: nobody was reached."
    else:
        shown = min(top, len(tags))
        note = (f"No target segment named: below, the share of the {plural(people, 'person', 'people')} you met who carry "
                f"{'your one tag' if shown == 1 else f'each of your {shown} most common tags'}. Name one with --segment TAG (or segment= in the "
                "notebook) to see it by channel.")
    table.attrs.update(note=note, overall=None, label="carrying the tag")
    return table


@_params.document
def first_met(net: Network) -> pd.DataFrame:
    """When and how each contact entered your network.

    ``first_met`` = the earlier of the first meeting and ``connected_on``;
    ``how`` = the mode of the first meeting (``one_to_one`` /
    ``one_to_many``), or ``connection`` when the connection date is before
    the first meeting's (UTC) date or there was never a meeting; a
    connection dated the day of the first meeting counts as made there.
    Contacts with neither are left out.

    Parameters
    ----------
    {net}

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``first_met`` (UTC), ``how``, ``first_channel``.

    Examples
    --------
    >>> import netlib
    >>> sorted(first_met(netlib.load_sample())["how"].unique())
    ['connection', 'one_to_many', 'one_to_one']
    """
    network("first_met", net)
    c = net.contacts
    m = net.meetings
    fm = first_meeting(net)
    pos = np.full(len(c), -1, dtype=np.int64)
    pos[fm.index.to_numpy()] = fm.to_numpy()
    met = pos >= 0
    meet = pd.Series(pd.NaT, index=c.index, dtype="datetime64[ns, UTC]")
    meet[met] = m["start"].array[pos[met]]
    conn = c["connected_on"]
    by_connection = conn.notna().to_numpy() & ~met
    by_connection[met] = connected_first(net, np.flatnonzero(met), pos[met])
    def pick(col: str) -> np.ndarray:
        codes, labels = net.codes(col)
        got = np.asarray(labels, dtype=object)[codes[np.maximum(pos, 0)]] if len(m) else np.full(len(c), None, dtype=object)
        return np.where(by_connection, "connection", np.where(met, got, None))

    how, chan = pick("mode"), pick("channel")
    out = pd.DataFrame({"first_met": meet.where(~by_connection, conn), "how": how, "first_channel": chan}, index=c.index)
    return out[out["first_met"].notna()]


@_params.document
def reach_growth(net: Network, freq: str = "month", by: str | None = "how") -> pd.DataFrame:
    """Cumulative distinct people in your network over time, split by how they were first met.

    For each period end, the number of contacts whose :func:`first_met` is
    on or before it.

    Parameters
    ----------
    {net}
    freq : {"month", "quarter", "year"}
        The period of each step.
    by : {"how", "first_channel", None}
        Split by how people were first met (mode, or ``connection``), by the first meeting's
        channel, or not at all.

    Returns
    -------
    DataFrame
        Index: period start (tz-naive timestamps); one column per category;
        cumulative counts (people).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> g = reach_growth(net)
    >>> int(g.iloc[-1].sum()) == len(first_met(net))
    True
    """
    network("reach_growth", net)
    _params.choice("reach_growth", "freq", freq, PERIODS)
    _params.choice("reach_growth", "by", by, ["how", "first_channel", None])
    f = first_met(net)
    if f.empty:
        return pd.DataFrame()
    period = f["first_met"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(PERIODS[freq])
    key = f[by] if by else pd.Series("people", index=f.index)
    counts = pd.crosstab(period, key)
    last = period.max()
    if len(net.meetings):  # to the end of the data, not to the last newcomer: a flat end is part of the answer
        last = max(last, pd.Timestamp(net.meetings["start"].max()).tz_convert("UTC").tz_localize(None).to_period(PERIODS[freq]))
    full = pd.period_range(period.min(), last, freq=PERIODS[freq])
    out = counts.reindex(full, fill_value=0).cumsum()
    out.index = out.index.to_timestamp()
    out.index.name, out.columns.name = "period", by
    return out


@_params.document
def ego_graph(net: Network, as_of=None, max_group: int = 6, company: bool = False, max_company: int = 30,
              half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None, warm_threshold: float = WARM_THRESHOLD,
              segment: Segment = None, top: int | None = None) -> nx.Graph:
    """You, your contacts and the ties between them that the data shows.

    Edges from :data:`ME` to every contact met at a networking meeting or connected by ``as_of``
    (``strength`` attribute: :func:`~netlib.decay.tie_strength` at ``as_of``, from networking
    meetings); a colleague met only at internal work (:func:`netlib.org.internal_meetings`) is no
    networking tie and is left out, connected or not.  Between contacts: an introduction
    (``introduced_by``), having been at the same meeting of at most ``max_group`` other people
    before ``as_of`` (a breakfast table, not a conference hall; internal meetings too: two
    colleagues there know each other), and optionally the same company (companies with more
    than ``max_company`` contacts are skipped).  Each contact-contact edge has a ``kind``
    (``introduction``, ``met together``, ``same company``; the first that applies) and
    ``meetings`` (count of shared meetings).

    Node attributes: ``name``, ``strength``, ``close`` (a *close contact*: strength >=
    ``warm_threshold``, every warm tie of :func:`netlib.warm_ties` and the ties as strong but
    silent past their rhythm), ``in_segment``.

    Parameters
    ----------
    {net}
    {as_of}
    max_group : int
        Largest meeting (other people listed) whose attendees count as knowing each other.
    company : bool
        Also tie contacts who work at the same company.
    max_company : int
        Companies with more contacts than this give no ties (a large employer is no tie).
    {half_life_days}
    {weights}
    {warm_threshold}
    {segment}
    top : int, optional
        Only your ``top`` strongest contacts (ties in strength: in the contacts' order) and the ties
        between them, e.g. to draw the graph (:func:`netlib.plots.plot_ego_network`) of a network
        of a hundred thousand contacts without building all of it; ``G.graph["left_out"]`` counts
        the contacts left out.  :func:`referral_reach` and :func:`brokerage` always work on all of it.

    Returns
    -------
    networkx.Graph
        Frozen (``networkx.freeze``): it is built once per network and arguments and shared by
        every analysis that asks for it; ``G.copy()`` gives one to change.

    Examples
    --------
    >>> import netlib
    >>> G = ego_graph(netlib.load_sample())
    >>> G.degree(ME) > 100
    True
    >>> small = ego_graph(netlib.load_sample(), top=20)
    >>> small.degree(ME), small.graph["left_out"] == G.degree(ME) - 20
    (20, True)
    """
    if top is not None:
        top = int(_params.number("ego_graph", "top", top, low=1, inclusive=True, integer=True))
    args = _ego_args(net, as_of, "ego_graph", max_group=max_group, company=company, max_company=max_company,
                     half_life_days=half_life_days, weights=weights, warm_threshold=warm_threshold, segment=segment)
    if callable(segment):  # a function has no stable name to remember the graph by
        return _graph(net, _ego(net, args), top, warm_threshold)
    # built once per network and arguments (a report page asks for it three times), frozen: shared
    return net.cached("ego_graph:" + repr((*args, top)) + ",".join(org_domains(net)), lambda n: nx.freeze(_graph(n, _ego(n, args), top, warm_threshold)),
                      _EGO_DEPENDS)


_EGO_DEPENDS = ("contacts.index", "contacts.name", "contacts.introduced_by", "contacts.connected_on", "contacts.company",
                "contacts.tags", "contacts.emails", "meetings.index", "meetings.start", "meetings.n_people", "meetings.mode",
                "meetings.channel", "meetings.audience", "attendance")

#: The kinds of tie between two contacts in :func:`ego_graph`, in the order the first that applies is taken.
TIE_KINDS = ("introduction", "met together", "same company")


def _ego_args(net: Network, as_of, func: str, max_group: int = 6, company: bool = False, max_company: int = 30,
              half_life_days: float = DEFAULT_HALF_LIFE_DAYS, weights=None, warm_threshold: float = WARM_THRESHOLD,
              segment: Segment = None) -> tuple:
    """The arguments of :func:`ego_graph` checked, as the key of the ego network they make."""
    T = _as_of(net, as_of, func)
    _params.number("ego_graph", "max_group", max_group, low=2, inclusive=True, integer=True)
    _params.number("ego_graph", "max_company", max_company, low=2, inclusive=True, integer=True)
    _params.number("ego_graph", "warm_threshold", warm_threshold)
    return (T, max_group, company, max_company, half_life_days, weights, warm_threshold, segment)


@dataclass(frozen=True)
class _Ego:
    """The ego network as arrays (what :func:`ego_graph` holds, built once and shared): the
    contacts in it as positions in ``net.contacts`` (in its order) with their strength, whether
    close (strength at least the warm threshold) and in the segment; the ties between two of them as indices into ``nodes`` (``u <= v``,
    each pair once) with their kind (index into :data:`TIE_KINDS`) and shared meetings.  Your own
    tie to each of them is implied."""

    nodes: np.ndarray
    strength: np.ndarray
    close: np.ndarray
    in_segment: np.ndarray
    u: np.ndarray
    v: np.ndarray
    kind: np.ndarray
    meetings: np.ndarray


def _ego(net: Network, args: tuple) -> _Ego:
    """The ego network of :func:`_ego_args` ``args`` as arrays, built once per network and arguments."""
    if callable(args[-1]):  # a segment given as a function has no stable name to remember the arrays by
        return _build_ego(net, *args)
    return net.cached("ego:" + repr(args) + ",".join(org_domains(net)), lambda n: _build_ego(n, *args), _EGO_DEPENDS)


def _build_ego(net: Network, T, max_group, company, max_company, half_life_days, weights, warm_threshold, segment) -> _Ego:
    """See :func:`ego_graph`: on positions, whole arrays at a time, no step per contact or tie."""
    c = net.contacts
    mpos, cpos = net.positions()
    internal = _internal(net)  # internal work: no networking, so it adds no strength
    contrib = meeting_contributions(net, T, half_life_days, weights, "ego_graph")
    s = np.bincount(cpos, weights=np.where(internal, 0.0, contrib)[mpos], minlength=len(c))
    seg = segment_mask(net, segment).to_numpy(dtype=bool) if segment is not None else np.zeros(len(c), dtype=bool)
    # the contacts met at a networking meeting by T, or connected by then and never met only at internal work
    before = in_window(net.meetings, None, T + pd.Timedelta(microseconds=1))[mpos]
    known, met = np.zeros(len(c), dtype=bool), np.zeros(len(c), dtype=bool)
    known[cpos[before & ~internal[mpos]]] = True
    met[cpos[before]] = True
    known |= (c["connected_on"].notna() & (c["connected_on"] <= T)).to_numpy() & ~met
    nodes = np.flatnonzero(known)
    ties = []  # (pair keys lo x n + hi of positions in net.contacts, kind, shared meetings), each kind in turn

    def add(a: np.ndarray, b: np.ndarray, kind: int, count: bool = False) -> None:
        key, n = np.unique(np.minimum(a, b).astype(np.int64) * len(c) + np.maximum(a, b), return_counts=True)
        ties.append((key, np.full(len(key), kind, dtype=np.int8), n if count else np.zeros(len(key), dtype=np.int64)))

    by = c.index.get_indexer(c["introduced_by"].to_numpy()[nodes])  # -1: nobody, or somebody not among your contacts
    ok = by >= 0
    ok[ok] = known[by[ok]]
    add(nodes[ok], by[ok], 0)
    size = net.meetings["n_people"].to_numpy()[mpos]
    at = before & (size >= 2) & (size <= max_group)  # who was at a small meeting before T
    a, b = pairs_within_groups(mpos[at], cpos[at])
    both = (a != b) & known[a] & known[b]  # a colleague met only at internal work is no node: no tie to them
    add(a[both], b[both], 1, count=True)
    if company:
        co = c["company"].to_numpy()[nodes]
        has = pd.notna(co) & (co != "")
        code, uniques = pd.factorize(co[has])
        members = np.bincount(code, minlength=len(uniques))[code]
        small = (members >= 2) & (members <= max_company)
        add(*pairs_within_groups(code[small], nodes[has][small]), 2)
    key, kind, count = (np.concatenate(x) for x in zip(*ties, strict=True))
    order = np.lexsort((kind, key))  # by pair, the first kind that applies first
    key, kind, count = key[order], kind[order], count[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    index = np.full(len(c), -1, dtype=np.int64)  # position in net.contacts -> index in nodes
    index[nodes] = np.arange(len(nodes))
    return _Ego(nodes=nodes, strength=s[nodes], close=s[nodes] >= warm_threshold, in_segment=seg[nodes],
                u=index[key[first] // len(c)], v=index[key[first] % len(c)], kind=kind[first],
                meetings=np.add.reduceat(count, first) if len(first) else count[:0])


def _graph(net: Network, e: _Ego, top: int | None, threshold: float) -> nx.Graph:
    """:func:`ego_graph` from its arrays: you and every contact (or the ``top`` strongest), in the contacts' order;
    ``G.graph["warm_threshold"]``: the strength a close contact has."""
    keep = np.arange(len(e.nodes))
    if top is not None and top < len(keep):
        keep = np.sort(np.argsort(-e.strength, kind="stable")[:top])
    ids = net.contacts.index.to_numpy()[e.nodes[keep]]
    names = net.contacts["name"].to_numpy()[e.nodes[keep]]
    sv = e.strength[keep]
    G = nx.Graph(warm_threshold=float(threshold))
    if top is not None:
        G.graph["left_out"] = len(e.nodes) - len(keep)
    G.add_node(ME, name="you", strength=np.inf, close=True, in_segment=False)
    G.add_nodes_from((cid, {"name": name, "strength": x, "close": w, "in_segment": g}) for cid, name, x, w, g in
                     zip(ids, names, sv.tolist(), e.close[keep].tolist(), e.in_segment[keep].tolist(), strict=True))
    G.add_edges_from((ME, cid, {"kind": "you", "strength": x}) for cid, x in zip(ids, sv.tolist(), strict=True))
    where = np.full(len(e.nodes), -1, dtype=np.int64)  # index in nodes -> index in keep
    where[keep] = np.arange(len(keep))
    both = (where[e.u] >= 0) & (where[e.v] >= 0)
    G.add_edges_from((ids[u], ids[v], {"kind": TIE_KINDS[k], "meetings": m}) for u, v, k, m in
                     zip(where[e.u[both]], where[e.v[both]], e.kind[both].tolist(), e.meetings[both].tolist(), strict=True))
    return G


@_params.document
def referral_reach(net: Network, as_of=None, warm_threshold: float = WARM_THRESHOLD, segment: Segment = None,
                   **graph_kwargs) -> pd.DataFrame:
    """People within two steps of you through your close contacts.

    Keeps only your edges to **close** contacts (strength >= ``warm_threshold`` at ``as_of``,
    from networking meetings), then takes everyone within two steps of you on :func:`ego_graph`
    (a breadth-first search with cutoff 2): your close contacts (``distance`` 1) and the people
    tied to them (``distance`` 2), who a close contact could refer you to or vouch for you with.

    A close contact is one strong enough to be warm: every warm tie (:func:`netlib.warm_ties`,
    the front page's count) is one, and so is a tie as strong but silent for more than 8 times its
    usual gap (cold by its rhythm, :func:`netlib.status`), who still knows you well enough to
    vouch for you (Levin, Walter & Murnighan 2011: even dormant ties help when asked).  So the
    close contacts are the warm ties plus those.  A colleague met only at internal work is none.

    Parameters
    ----------
    {net}
    {as_of}
    {warm_threshold}
    {segment}
    {kwargs_graph}

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``name``, ``distance``, ``via`` (the
        strongest close contact tied to them, for distance 2; the first in your contacts' order
        among equally strong ones), ``strength``, ``in_segment``; by distance, then strongest first
        (then in your contacts' order).  ``.attrs["note"]`` says what was found in a sentence, and
        why nobody is at distance 2 when nobody is.

    Examples
    --------
    >>> import netlib
    >>> r = referral_reach(netlib.load_sample(), segment="prospect")
    >>> sorted(r["distance"].unique().tolist())
    [1, 2]
    """
    args = _ego_args(net, as_of, "ego_graph", warm_threshold=warm_threshold, segment=segment, **graph_kwargs)
    e = _ego(net, args)
    # the two steps on the ties between contacts, both ways: from each close contact to those not close
    src, dst = np.r_[e.u, e.v], np.r_[e.v, e.u]
    step = e.close[src] & ~e.close[dst]
    src, dst = src[step], dst[step]
    order = np.lexsort((src, -e.strength[src], dst))  # per person, the strongest close contact first
    src, dst = src[order], dst[order]
    first = np.r_[True, dst[1:] != dst[:-1]] if len(dst) else np.zeros(0, dtype=bool)
    distance = np.where(e.close, 1, 0)
    distance[dst] = 2
    via = np.full(len(e.nodes), -1, dtype=np.int64)
    via[dst[first]] = src[first]
    n1, n2 = int(e.close.sum()), int(first.sum())
    note = _referral_note(n1, n2, len(e.u), args[1], args[6])
    if not n1:
        out = pd.DataFrame(columns=["name", "distance", "via", "strength", "in_segment"])
        out.attrs["note"] = note
        return out
    sel = np.flatnonzero(distance > 0)
    sel = sel[np.lexsort((sel, -e.strength[sel], distance[sel]))]
    ids = net.contacts.index.to_numpy()
    vias = np.full(len(sel), np.nan, dtype=object)
    has = via[sel] >= 0
    vias[has] = ids[e.nodes[via[sel][has]]]
    out = pd.DataFrame({"name": net.contacts["name"].to_numpy()[e.nodes[sel]], "distance": distance[sel].astype(np.int64),
                        "via": vias, "strength": e.strength[sel], "in_segment": e.in_segment[sel]},
                       index=pd.Index(ids[e.nodes[sel]], name="contact_id"))
    out.attrs["note"] = note
    return out


def _referral_note(n1: int, n2: int, ties: int, max_group: int, threshold: float = WARM_THRESHOLD) -> str:
    """What :func:`referral_reach` found (``n1`` close contacts, ``n2`` people beyond them, ``ties``
    between two contacts), in one sentence; above all why nobody is at distance 2.

    Examples
    --------
    >>> _referral_note(1, 3, 5, 6)
    '1 close contact (strength 0.5 or more) could refer you to 3 more people they are tied to in your data.'
    """
    if n1 == 0:
        return (f"No close contact at this date (strength {threshold:g} or more): nobody to refer you, and so nobody they "
                "could refer you to.")
    close = f"{plural(n1, 'close contact')} (strength {threshold:g} or more)"
    if n2:
        return f"{close} could refer you to {plural(n2, 'more person', 'more people')} they are tied to in your data."
    why = ("your files show no tie between two of your contacts: no introduction (an introduced_by column) and no "
           f"meeting of at most {max_group} other people that two of them attended; larger events do not count as "
           "people knowing each other" if not ties else
           "the ties your files show between contacts all run between close contacts or to contacts they alone know of")
    return f"{close}, and nobody beyond them: {why}."


@_params.document
def brokerage(net: Network, as_of=None, **graph_kwargs) -> pd.Series:
    """How much your network bridges otherwise unconnected people (Burt).

    On :func:`ego_graph` (unweighted): ``degree`` (contacts), Burt's
    ``effective_size`` (degree minus the average number of ties each contact
    has to your other contacts; networkx ``effective_size``),
    ``efficiency`` = effective_size / degree (1 = no contact knows another),
    and Burt's ``constraint`` ``c = sum_j (p_j + sum_q p_q p_qj)**2`` with
    ``p_xy = 1 / degree(x)`` (low: your contacts are spread over separate
    groups, so you broker between them).  Both are computed with sparse
    matrices; they equal networkx ``effective_size`` and ``constraint``, which are far slower.

    Parameters
    ----------
    {net}
    {as_of}
    {kwargs_graph}

    Returns
    -------
    Series
        ``degree``, ``effective_size``, ``efficiency``, ``constraint``.

    Examples
    --------
    >>> import netlib
    >>> b = brokerage(netlib.load_sample())
    >>> bool(0 < b["efficiency"] <= 1)
    True
    """
    import scipy.sparse as sp

    e = _ego(net, _ego_args(net, as_of, "ego_graph", **graph_kwargs))
    deg = len(e.nodes)
    eff = con = np.nan
    if deg:  # the adjacency matrix, you first, no loops
        loop = e.u == e.v
        u, v, ego = e.u[~loop] + 1, e.v[~loop] + 1, np.zeros(deg, dtype=np.int64)
        alters = np.arange(1, deg + 1)
        rows, cols = np.r_[ego, alters, u, v], np.r_[alters, ego, v, u]
        A = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(deg + 1, deg + 1))
        eff, con = _effective_size(A), _constraint(A)
    return pd.Series({"degree": float(deg), "effective_size": eff, "efficiency": eff / deg if deg else np.nan,
                      "constraint": con}, name="brokerage")


def _adjacency(G: nx.Graph, ego):
    """The unweighted adjacency matrix (sparse, no loops), ego first."""
    nodes = [ego, *(n for n in G if n != ego)]
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr").astype(float)
    A.setdiag(0)
    A.eliminate_zeros()
    return A


def ego_effective_size(G: nx.Graph, ego) -> float:
    """Burt's effective size of ``ego`` in an unweighted, undirected graph, with sparse matrices.

    ``n - 2 t / n``: ``n`` neighbours, ``t`` ties among them (Borgatti 1997; the formula networkx
    ``effective_size`` uses for such graphs, which builds the ego network first and is far slower).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> ego_effective_size(G, 0) == nx.effective_size(G, [0])[0] == 3 - 2 * 1 / 3
    True
    """
    return _effective_size(_adjacency(G, ego)) if G.degree(ego) else float("nan")


def _effective_size(A) -> float:
    nb = np.flatnonzero(A[[0], :].toarray().ravel() > 0)
    n, t = len(nb), A[nb][:, nb].sum() / 2
    return float(n - 2 * t / n)


def ego_constraint(G: nx.Graph, ego) -> float:
    """Burt's constraint of ``ego`` in an unweighted graph, with sparse matrices.

    ``c = sum_{j in N(ego)} (p_ej + sum_{q in N(ego), q != j} p_eq p_qj)**2``,
    ``p_xy = 1 / degree(x)`` for neighbours.

    Parameters
    ----------
    G : networkx.Graph
        A graph holding ``ego``.
    ego : node
        The node whose constraint is measured.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> round(ego_constraint(G, 0), 4) == round(nx.constraint(G, [0])[0], 4)
    True
    """
    return _constraint(_adjacency(G, ego)) if G.degree(ego) else float("nan")


def _constraint(A) -> float:
    import scipy.sparse as sp

    deg = np.asarray(A.sum(axis=1)).ravel()
    P = sp.diags(1 / np.where(deg > 0, deg, 1)) @ A
    p_e = P[[0], :].toarray().ravel()  # p_ej, zero for non-neighbours
    indirect = P.T @ p_e  # sum_q p_eq p_qj over ego's neighbours q
    j = np.flatnonzero(p_e > 0)
    return float(((p_e[j] + indirect[j]) ** 2).sum())
