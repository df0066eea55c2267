"""Reach: how many people you touch, how it grows, how much of it is the right people.

*Reach* counts distinct people met (attendance), never broadcast audiences:
a post seen by 800 people is 800 *touches* (see :mod:`netlib.effort`) but
nobody you could name.  Second-degree reach goes through the ties between
your contacts that the data shows (introductions, small meetings together,
optionally the same employer).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from netlib.decay import WARM_THRESHOLD, tie_strength
from netlib.model import Network
from netlib.segment import Segment, segment_mask

__all__ = ["ME", "reach", "first_met", "reach_growth", "ego_graph", "referral_reach", "brokerage"]

#: The node that stands for you in :func:`ego_graph`.
ME = "__me__"

_BY = {"mode", "channel", "month", "quarter", "year"}
_PERIOD = {"month": "M", "quarter": "Q", "year": "Y"}


def _utc(t) -> pd.Timestamp | None:
    if t is None:
        return None
    t = pd.Timestamp(t)
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def attended(net: Network, start=None, end=None) -> pd.DataFrame:
    """Attendance rows of meetings in ``[start, end)`` with the meeting's ``start``, ``mode`` and ``channel``.

    Examples
    --------
    >>> import netlib
    >>> a = attended(netlib.load_sample(), "2024-01-01", "2024-02-01")
    >>> bool(a["start"].between("2024-01-01", "2024-02-01", inclusive="left").all())
    True
    """
    m = net.meetings
    pos = m.index.get_indexer(net.attendance["meeting_id"])
    out = net.attendance.assign(
        start=m["start"].to_numpy()[pos], mode=m["mode"].to_numpy()[pos], channel=m["channel"].to_numpy()[pos]
    )
    out["start"] = pd.to_datetime(out["start"], utc=True)
    lo, hi = _utc(start), _utc(end)
    keep = np.ones(len(out), dtype=bool)
    if lo is not None:
        keep &= (out["start"] >= lo).to_numpy()
    if hi is not None:
        keep &= (out["start"] < hi).to_numpy()
    return out.loc[keep]


def _group_key(df: pd.DataFrame, by: str | None, time_col: str = "start") -> pd.Series:
    if by is None:
        return pd.Series("all", index=df.index)
    if by not in _BY:
        raise ValueError(f"by must be one of {sorted(_BY)} or None; got {by!r}")
    if by in _PERIOD:
        return df[time_col].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(_PERIOD[by]).astype(str)
    return df[by]


def reach(net: Network, start=None, end=None, by: str | None = None, segment: Segment = None) -> pd.DataFrame:
    """Distinct people met in ``[start, end)``, overall or broken down.

    ``people`` = number of distinct contacts with at least one attendance in
    the window (and group).  A person met both one-to-one and in a group
    counts once overall and once in each mode, so a breakdown need not add
    up to the total.  With a ``segment``: ``segment_people`` (those in it)
    and ``segment_share`` = segment_people / people.

    Parameters
    ----------
    start, end : date-like, optional
        Window (naive means UTC); default all time.
    by : {None, "mode", "channel", "month", "quarter", "year"}
    segment : tag, dict or callable, optional
        The "right people" (see :func:`netlib.segment.segment_mask`).

    Returns
    -------
    DataFrame
        One row per group (``"all"`` without ``by``).

    Examples
    --------
    >>> import netlib
    >>> net = netlib.load_sample()
    >>> int(reach(net).loc["all", "people"]) == net.attendance["contact_id"].nunique()
    True
    >>> reach(net, by="mode", segment="prospect").columns.tolist()
    ['people', 'segment_people', 'segment_share']
    """
    a = attended(net, start, end)
    a = a.assign(key=_group_key(a, by)).drop_duplicates(["key", "contact_id"])
    out = a.groupby("key").size().rename("people").to_frame()
    if segment is not None:
        seg = segment_mask(net, segment)
        a_seg = a[seg.reindex(a["contact_id"]).to_numpy()]
        out["segment_people"] = a_seg.groupby("key").size().reindex(out.index, fill_value=0)
        out["segment_share"] = out["segment_people"] / out["people"]
    out.index.name = by or "window"
    if by is None and out.empty:
        out = pd.DataFrame({"people": [0]}, index=pd.Index(["all"], name="window"))
        if segment is not None:
            out["segment_people"], out["segment_share"] = 0, np.nan
    return out


def first_met(net: Network) -> pd.DataFrame:
    """When and how each contact entered your network.

    ``first_met`` = the earlier of the first meeting and ``connected_on``;
    ``how`` = the mode of the first meeting (``one_to_one`` /
    ``one_to_many``), or ``connection`` when the connection came first (or
    there was never a meeting); contacts with neither are left out.

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
    a = attended(net).sort_values(["start", "meeting_id"], kind="stable").drop_duplicates("contact_id")
    a = a.set_index("contact_id")
    c = net.contacts
    meet = a["start"].reindex(c.index)
    conn = c["connected_on"]
    by_connection = conn.notna() & (meet.isna() | (conn < meet))
    out = pd.DataFrame(
        {
            "first_met": meet.where(~by_connection, conn),
            "how": a["mode"].reindex(c.index).where(~by_connection, "connection"),
            "first_channel": a["channel"].reindex(c.index).where(~by_connection, "connection"),
        },
        index=c.index,
    )
    return out[out["first_met"].notna()]


def reach_growth(net: Network, freq: str = "month", by: str = "how") -> pd.DataFrame:
    """Cumulative distinct people in your network over time, split by how they were first met.

    For each period end, the number of contacts whose :func:`first_met` is
    on or before it.

    Parameters
    ----------
    freq : {"month", "quarter", "year"}
    by : {"how", "first_channel", None}

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
    f = first_met(net)
    if f.empty:
        return pd.DataFrame()
    period = f["first_met"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(_PERIOD[freq])
    key = f[by] if by else pd.Series("people", index=f.index)
    counts = pd.crosstab(period, key)
    full = pd.period_range(period.min(), period.max(), freq=_PERIOD[freq])
    out = counts.reindex(full, fill_value=0).cumsum()
    out.index = out.index.to_timestamp()
    out.index.name, out.columns.name = "period", by
    return out


def _pairs(att: pd.DataFrame) -> pd.DataFrame:
    """All unordered pairs of contacts at the same meeting, with how many meetings they shared."""
    p = att.merge(att, on="meeting_id")
    p = p[p["contact_id_x"] < p["contact_id_y"]]
    return p.groupby(["contact_id_x", "contact_id_y"]).size().rename("meetings").reset_index()


def ego_graph(net: Network, as_of=None, max_group: int = 6, company: bool = False, max_company: int = 30,
              half_life_days: float = 90, weights=None, warm_threshold: float = WARM_THRESHOLD,
              segment: Segment = None) -> nx.Graph:
    """You, your contacts and the ties between them that the data shows.

    Edges from :data:`ME` to every contact met or connected (``strength``
    attribute: :func:`~netlib.decay.tie_strength` at ``as_of``); between
    contacts: an introduction (``introduced_by``), having been at the same
    meeting of at most ``max_group`` other people before ``as_of`` (a
    breakfast table, not a conference hall), and optionally the same
    company (companies with more than ``max_company`` contacts are skipped).
    Each contact-contact edge has a ``kind`` (``introduction``,
    ``met together``, ``same company``; the first that applies) and
    ``meetings`` (count of shared meetings).

    Node attributes: ``name``, ``strength``, ``warm`` (strength >=
    ``warm_threshold``), ``in_segment``.

    Examples
    --------
    >>> import netlib
    >>> G = ego_graph(netlib.load_sample())
    >>> G.degree(ME) > 100
    True
    """
    T = _utc(as_of) if as_of is not None else net.meetings["start"].max()
    s = tie_strength(net, T, half_life_days, weights)
    seg = segment_mask(net, segment) if segment is not None else pd.Series(False, index=net.contacts.index)
    c = net.contacts
    a = attended(net, end=T + pd.Timedelta(microseconds=1))
    known = set(a["contact_id"]) | set(c.index[c["connected_on"].notna() & (c["connected_on"] <= T)])
    G = nx.Graph()
    G.add_node(ME, name="you", strength=np.inf, warm=True, in_segment=False)
    nodes = c.loc[c.index.isin(known)]
    G.add_nodes_from(
        (cid, {"name": name, "strength": float(s[cid]), "warm": bool(s[cid] >= warm_threshold), "in_segment": bool(seg[cid])})
        for cid, name in nodes["name"].items()
    )
    G.add_edges_from((ME, cid, {"kind": "you", "strength": float(s[cid])}) for cid in nodes.index)

    edges = []
    intro = nodes[(nodes["introduced_by"] != "") & nodes["introduced_by"].isin(known)]
    edges.append(pd.DataFrame({"u": intro.index, "v": intro["introduced_by"].to_numpy(), "kind": "introduction", "meetings": 0}))
    n_people = net.meetings["n_people"]
    small = a[a["meeting_id"].map(n_people).between(2, max_group)]
    met = _pairs(small[["meeting_id", "contact_id"]])
    edges.append(met.rename(columns={"contact_id_x": "u", "contact_id_y": "v"}).assign(kind="met together"))
    if company:
        co = nodes.loc[nodes["company"] != "", ["company"]].reset_index()
        size = co.groupby("company")["contact_id"].transform("size")
        co = co[size.between(2, max_company)].rename(columns={"company": "meeting_id"})
        edges.append(_pairs(co).rename(columns={"contact_id_x": "u", "contact_id_y": "v"}).assign(kind="same company", meetings=0))
    e = pd.concat(edges, ignore_index=True)
    e[["u", "v"]] = np.sort(e[["u", "v"]].to_numpy(dtype=str), axis=1)
    e = e.groupby(["u", "v"], sort=False).agg(kind=("kind", "first"), meetings=("meetings", "sum")).reset_index()
    G.add_edges_from((u, v, {"kind": k, "meetings": int(m)}) for u, v, k, m in e.itertuples(index=False))
    return G


def referral_reach(net: Network, as_of=None, warm_threshold: float = WARM_THRESHOLD, segment: Segment = None,
                   **graph_kwargs) -> pd.DataFrame:
    """People within two steps of you through warm contacts.

    Keeps only your edges to **warm** contacts (strength >=
    ``warm_threshold`` at ``as_of``), then takes everyone within two steps of
    you (``networkx.single_source_shortest_path_length``, cutoff 2): your warm
    contacts (``distance`` 1) and the people tied to them (``distance`` 2),
    who a warm contact could refer you to or vouch for you with.

    Returns
    -------
    DataFrame
        Indexed by ``contact_id``: ``name``, ``distance``, ``via`` (the
        strongest warm contact tied to them, for distance 2), ``strength``,
        ``in_segment``.

    Examples
    --------
    >>> import netlib
    >>> r = referral_reach(netlib.load_sample(), segment="prospect")
    >>> sorted(r["distance"].unique().tolist())
    [1, 2]
    """
    G = ego_graph(net, as_of, warm_threshold=warm_threshold, segment=segment, **graph_kwargs)
    cold = [v for v in G.neighbors(ME) if not G.nodes[v]["warm"]]
    G.remove_edges_from([(ME, v) for v in cold])
    dist = nx.single_source_shortest_path_length(G, ME, cutoff=2)
    dist.pop(ME)
    nodes = pd.DataFrame.from_dict({k: G.nodes[k] for k in dist}, orient="index")
    if nodes.empty:
        return pd.DataFrame(columns=["name", "distance", "via", "strength", "in_segment"])
    nodes["distance"] = pd.Series(dist)
    warm = nodes.index[nodes["distance"] == 1]
    links = pd.DataFrame([(u, v) for w in warm for u, v in [(w, x) for x in G.neighbors(w) if x != ME]], columns=["via", "to"])
    links["via_strength"] = links["via"].map(nodes["strength"])
    via = links.sort_values("via_strength", ascending=False).drop_duplicates("to").set_index("to")["via"]
    nodes["via"] = via.reindex(nodes.index).where(nodes["distance"] == 2)
    nodes.index.name = "contact_id"
    return nodes[["name", "distance", "via", "strength", "in_segment"]].sort_values(["distance", "strength"], ascending=[True, False])


def brokerage(net: Network, as_of=None, **graph_kwargs) -> pd.Series:
    """How much your network bridges otherwise unconnected people (Burt).

    On :func:`ego_graph` (unweighted): ``degree`` (contacts), Burt's
    ``effective_size`` (degree minus the average number of ties each contact
    has to your other contacts; networkx ``effective_size``),
    ``efficiency`` = effective_size / degree (1 = no contact knows another),
    and Burt's ``constraint`` ``c = sum_j (p_j + sum_q p_q p_qj)**2`` with
    ``p_xy = 1 / degree(x)`` (low: your contacts are spread over separate
    groups, so you broker between them).  Constraint is computed with sparse
    matrices; it equals networkx ``constraint``, which is far slower.

    Examples
    --------
    >>> import netlib
    >>> b = brokerage(netlib.load_sample())
    >>> bool(0 < b["efficiency"] <= 1)
    True
    """
    G = ego_graph(net, as_of, **graph_kwargs)
    for u, v, d in G.edges(data=True):
        d.pop("strength", None)
    deg = G.degree(ME)
    eff = nx.effective_size(G, nodes=[ME])[ME]
    con = ego_constraint(G, ME)
    return pd.Series({"degree": float(deg), "effective_size": eff, "efficiency": eff / deg if deg else np.nan,
                      "constraint": con}, name="brokerage")


def ego_constraint(G: nx.Graph, ego) -> float:
    """Burt's constraint of ``ego`` in an unweighted graph, with sparse matrices.

    ``c = sum_{j in N(ego)} (p_ej + sum_{q in N(ego), q != j} p_eq p_qj)**2``,
    ``p_xy = 1 / degree(x)`` for neighbours.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> round(ego_constraint(G, 0), 4) == round(nx.constraint(G, [0])[0], 4)
    True
    """
    import scipy.sparse as sp

    if G.degree(ego) == 0:
        return float("nan")
    nodes = [ego, *(n for n in G if n != ego)]
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr").astype(float)
    A.setdiag(0)
    deg = np.asarray(A.sum(axis=1)).ravel()
    P = sp.diags(1 / np.where(deg > 0, deg, 1)) @ A
    p_e = P[[0], :].toarray().ravel()  # p_ej, zero for non-neighbours
    indirect = P.T @ p_e  # sum_q p_eq p_qj over ego's neighbours q
    j = np.flatnonzero(p_e > 0)
    return float(((p_e[j] + indirect[j]) ** 2).sum())
