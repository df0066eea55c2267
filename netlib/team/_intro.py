"""Who can introduce whom: :func:`intro_paths` (each member's paths to a person, a company or a
segment) and :func:`best_introducers` (the best introducer per target company)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib import _params
from netlib._facts import meeting_days, meeting_weights
from netlib._kernels import STR, pairs_within_groups, split_list
from netlib._keys import company_key, name_key, normalize_url
from netlib.decay._status import _every
from netlib.model import WARM_THRESHOLD
from netlib.team._load import STRONG_STRENGTH, Team
from netlib.team._privacy import MIN_GROUP, named_for, suppress, viewer_of, visible_people
from netlib.team._reach import people_mask, team_of

__all__ = ["intro_paths", "best_introducers", "COLLEAGUE_STRENGTH", "MAX_GROUP", "MAX_COMPANY", "PATH_COLUMNS"]

#: The strength assumed for the tie between two people at the same company, who no meeting shows
#: together: as strong as the warm threshold (one one-to-one meeting a half-life ago), netlib's
#: assumption.  Colleagues know each other; how well, the data does not say.
COLLEAGUE_STRENGTH = WARM_THRESHOLD
#: Largest meeting (other people listed) whose attendees count as knowing each other, as for
#: :func:`netlib.ego_graph`: a breakfast table, not a conference hall.
MAX_GROUP = 6
#: A company with more team people than this gives no tie between them (a large employer is no tie),
#: as :func:`netlib.ego_graph`'s ``max_company``.
MAX_COMPANY = 30
#: Columns of :func:`intro_paths`.
PATH_COLUMNS = ["member", "target", "target_name", "via", "via_name", "steps", "link", "first_strength", "link_strength", "strength",
                "bucket", "reason"]
_HIDDEN = "(not shared)"


def _targets(func: str, team: Team, target, kind: str | None) -> np.ndarray:
    """One bool per team person: the target's people (a person, a company or a segment)."""
    _params.choice(func, "kind", kind, [None, "person", "company", "segment"])
    if kind == "segment" or (kind is None and (isinstance(target, dict) or callable(target))):
        return people_mask(func, team, segment=target)
    if not isinstance(target, str) or not target.strip():
        _params.fail(func, "target", _params.shown(target), "a person's name, address or profile URL, a company, or a segment")
    if kind == "company":
        return people_mask(func, team, company=target)
    p = team.people
    text = target.strip()
    if "@" in text:
        row, em = split_list(p["emails"].astype(STR).fillna("").str.lower(), ";")
        hit = np.zeros(len(p), dtype=bool)
        hit[row[(em == text.lower()).to_numpy(dtype=bool)]] = True
    elif "/" in text:
        hit = (normalize_url(p["url"].astype(STR).fillna("")) == normalize_url(pd.Series([text])).iloc[0]).to_numpy(dtype=bool)
    else:
        hit = (name_key(p["name"].astype(STR).fillna("")) == name_key(pd.Series([text])).iloc[0]).to_numpy(dtype=bool)
    if kind is None and not hit.any():
        hit = people_mask(func, team, company=text)
    if not hit.any():
        _params.fail(func, "target", text, "a person or a company the team knows (a name, an address, a profile URL or a company)",
                     "Check the spelling, or pass a segment (a tag, or a dict of column -> pattern)")
    return hit


def _co_attendance(team: Team, member: str, person_of: pd.Series) -> pd.DataFrame:
    """Pairs of team people at the member's small networking meetings on or before ``team.as_of``:
    ``a``, ``b`` (both orders), ``link_strength`` (``sum of w_k * 2 ** (-(T - t_k) / h)`` over the
    meetings *k* both attended), ``meetings``, ``last``."""
    net = team._work[member]
    empty = pd.DataFrame({"a": [], "b": [], "link_strength": [], "meetings": [], "last": []})
    if not len(net.meetings):
        return empty
    mpos, cpos = net.positions()
    days = meeting_days(net)
    T = (team.as_of - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(days=1)
    size = net.meetings["n_people"].to_numpy()[mpos]
    at = np.flatnonzero((days[mpos] <= T) & (size >= 2) & (size <= MAX_GROUP))
    i, j = pairs_within_groups(mpos[at], at)
    who = person_of.reindex(net.contacts.index).to_numpy(dtype=object)
    a, b, m = who[cpos[i]], who[cpos[j]], mpos[i]
    ok = pd.notna(a) & pd.notna(b) & (a != b)
    if not ok.any():
        return empty
    w = meeting_weights(net).to_numpy()[m[ok]] * np.exp2(-(T - days[m[ok]]) / team.half_life_days)
    d = pd.DataFrame({"a": np.r_[a[ok], b[ok]], "b": np.r_[b[ok], a[ok]], "w": np.r_[w, w], "t": np.r_[days[m[ok]], days[m[ok]]]})
    g = d.groupby(["a", "b"], sort=False)
    out = pd.DataFrame({"link_strength": g["w"].sum(), "meetings": g.size(), "last": g["t"].max()}).reset_index()
    return out


def _member_paths(team: Team, member: str, targets: np.ndarray) -> pd.DataFrame:
    """Every path of ``member`` to a target: direct, and through a contact to a target they met at the
    member's meetings or work with (``first_strength``, ``link_strength``, ``strength`` = the smaller)."""
    t = team.ties[(team.ties["member"] == member) & (team.ties["strength"] > 0)]
    tid = team.people.index
    is_target = pd.Series(targets, index=tid)
    first = t.set_index("person")
    direct = first[is_target.reindex(first.index).to_numpy()]
    out = [pd.DataFrame({"target": direct.index, "via": None, "steps": 1, "link": "direct", "first_strength": direct["strength"].to_numpy(),
                         "link_strength": np.nan, "meetings": 0, "last": np.nan})]
    vias = first[~is_target.reindex(first.index).to_numpy()]
    c = team.contacts[team.contacts["member"] == member]
    co = _co_attendance(team, member, pd.Series(c["person"].to_numpy(), index=c["contact_id"].to_numpy()))
    co = co[co["a"].isin(vias.index) & is_target.reindex(co["b"]).to_numpy(dtype=bool)]
    out.append(pd.DataFrame({"target": co["b"].to_numpy(), "via": co["a"].to_numpy(), "steps": 2, "link": "met together",
                             "link_strength": co["link_strength"].to_numpy(), "meetings": co["meetings"].to_numpy(), "last": co["last"].to_numpy()}))
    key = company_key(team.people["company"].fillna("").astype(str))
    size = key[key != ""].value_counts()
    ok = key.map(size).fillna(0).between(2, MAX_COMPANY).to_numpy()
    people = pd.DataFrame({"person": tid, "key": key.to_numpy()})[ok]
    pairs = people[people["person"].isin(vias.index)].merge(people[targets[ok]], on="key", suffixes=("_via", "_target"))
    pairs = pairs[pairs["person_via"] != pairs["person_target"]]
    out.append(pd.DataFrame({"target": pairs["person_target"].to_numpy(), "via": pairs["person_via"].to_numpy(), "steps": 2,
                             "link": "same company", "link_strength": COLLEAGUE_STRENGTH, "meetings": 0, "last": np.nan}))
    d = pd.concat([x for x in out if len(x)], ignore_index=True) if any(len(x) for x in out) else out[0]
    two = d["steps"] == 2
    d.loc[two, "first_strength"] = first["strength"].reindex(d.loc[two, "via"]).to_numpy()
    d = d.sort_values("link_strength", ascending=False, kind="stable").drop_duplicates(["target", "via"])  # the stronger link of a pair
    d["strength"] = np.fmin(d["first_strength"], d["link_strength"].fillna(np.inf))
    return d.assign(member=member)


def _reasons(team: Team, d: pd.DataFrame) -> pd.Series:
    """Each path's reason in words: how the member knows the first person, and how they know the target."""
    p, members = team.people, team.members
    ties = team.ties.set_index(["member", "person"])
    first_person = d["via"].where(d["steps"] == 2, d["target"]).to_numpy()
    tie = ties.reindex(pd.MultiIndex.from_arrays([d["member"].to_numpy(), first_person]))
    who = members["name"].reindex(d["member"]).astype(str).str.split().str[0].to_numpy()
    first_name = p["name"].reindex(first_person).astype(str).to_numpy()
    when = pd.DatetimeIndex(tie["last_contact"].to_numpy()).strftime("%-d %b %Y").to_numpy(dtype=object)
    once = tie["contacts"].to_numpy() == 1
    rhythm = _every(pd.Series(tie["median_gap_days"].to_numpy())).to_numpy(dtype=object)
    met = np.where(once, who + " met " + first_name + " once, on " + when, who + " met " + first_name + " " + rhythm + " until " + when)
    target_name = p["name"].reindex(d["target"]).astype(str).to_numpy()
    company = p["company"].reindex(d["target"]).astype(str).to_numpy()
    n = d["meetings"].fillna(0).astype(int).to_numpy()
    together = (first_name + " attended " + n.astype(str) + np.where(n == 1, " meeting", " meetings") + " with " + target_name)
    colleague = first_name + " works at " + company + " with " + target_name + " (colleagues are taken to know each other)"
    second = np.where(d["link"] == "met together", "; " + together, np.where(d["link"] == "same company", "; " + colleague, ""))
    return pd.Series(met + second, index=d.index)


def _paths(func: str, team: Team, targets: np.ndarray, viewer: str | None) -> pd.DataFrame:
    """Every member's paths to the ``targets``, strongest first, as :func:`intro_paths` returns them."""
    parts = [_member_paths(team, m, targets) for m in team.members.index]  # one pass per member
    d = pd.concat(parts, ignore_index=True)
    if not len(d):
        return pd.DataFrame(columns=PATH_COLUMNS)
    d = d.sort_values(["strength", "steps", "first_strength"], ascending=[False, True, False], kind="stable").reset_index(drop=True)
    d["target_name"] = team.people["name"].reindex(d["target"]).to_numpy()
    d["via_name"] = team.people["name"].reindex(d["via"]).to_numpy()
    s = d["strength"].to_numpy(dtype=float)
    d["bucket"] = np.where(s >= STRONG_STRENGTH, "strong", np.where(s >= WARM_THRESHOLD, "familiar", "weak"))
    d["reason"] = _reasons(team, d)
    d["steps"] = d["steps"].astype(int)
    d = d[PATH_COLUMNS]
    return _hide(team, _open_to(team, d, viewer)[0], viewer) if viewer is not None else d


def _hide(team: Team, d: pd.DataFrame, viewer: str) -> pd.DataFrame:
    """The paths as ``viewer`` may see them (:mod:`netlib.team._privacy`): the viewer's own in full;
    another member's with their bucket, no strength and a reason without dates; names and ids only of
    people the viewer may see (their own contacts, and those of members who share names)."""
    d = d.copy()
    open_member = pd.Series(named_for(team, viewer), index=team.members.index).reindex(d["member"]).to_numpy()
    seen = pd.Series(visible_people(team, viewer), index=team.people.index)
    for id_col, name_col in (("target", "target_name"), ("via", "via_name")):
        nobody = d[id_col].isna().to_numpy()  # a direct tie has no one in between
        ok = nobody | (open_member & seen.reindex(d[id_col].fillna(""), fill_value=False).to_numpy(dtype=bool))
        d[id_col] = d[id_col].where(ok, _HIDDEN)
        d[name_col] = d[name_col].where(ok, _HIDDEN)
    other = (d["member"] != viewer).to_numpy()
    who = team.members["name"].reindex(d["member"]).astype(str).str.split().str[0].to_numpy()
    tname = np.where(d["target_name"] == _HIDDEN, "someone whose name is not shared with you", d["target_name"].astype(str))
    vname = np.where(d["via_name"] == _HIDDEN, "one of their contacts", d["via_name"].astype(str))
    via = np.where(d["steps"] == 2, " through " + vname + " (" + d["link"].astype(str) + ")", " (a tie of their own)")
    generic = who + " has a " + d["bucket"].astype(str) + " path to " + tname + via
    hidden = ((d["target_name"] == _HIDDEN) | (d["via_name"] == _HIDDEN)).to_numpy()
    d["reason"] = np.where(other | hidden, generic, d["reason"])
    d.loc[other, ["first_strength", "link_strength", "strength"]] = np.nan
    return d


def _counted(team: Team, d: pd.DataFrame) -> pd.DataFrame:
    """Paths as a page lists them (``d`` from :func:`_hide`, strongest first): a path that names no
    one hidden is one row; the paths of one member, of one bucket and one kind, to people whose names
    are hidden are one row, at the place of its strongest, with ``paths`` saying how many, suppressed
    (NA) from 1 to ``MIN_GROUP - 1`` as every count about contacts a reader may not see (a row per
    hidden path, or its exact count, would count another member's private contacts)."""
    hidden = ((d["target_name"] == _HIDDEN) | (d["via_name"] == _HIDDEN)).to_numpy()
    key = d[["member", "steps", "link", "bucket", "via_name"]].astype(str).assign(_row=np.where(hidden, -1, np.arange(len(d))))
    group = key.groupby(list(key.columns), sort=False).ngroup()
    n = group.map(group.value_counts()).to_numpy()
    first = ~group.duplicated().to_numpy()
    out = d[first].copy()
    hid = hidden[first]
    out["paths"] = pd.array(n[first], dtype="Int64")
    out["paths"] = out["paths"].mask(hid & (out["paths"] < MIN_GROUP).to_numpy(dtype=bool))
    who = team.members["name"].reindex(out["member"]).astype(str).str.split().str[0].to_numpy()
    many = np.where(out["paths"].isna(), f"fewer than {MIN_GROUP}", out["paths"].astype(str))
    via = np.where(out["steps"] == 1, " (ties of their own)",
                   np.where(out["via_name"] == _HIDDEN, " through their contacts", " through " + out["via_name"].astype(str))
                   + " (" + out["link"].astype(str) + ")")
    text = who + " has " + many + " " + out["bucket"].astype(str) + " paths to people whose names are not shared with you" + via
    out["reason"] = np.where(hid, text, out["reason"])
    return out.reset_index(drop=True)


def intro_paths(team: Team, target, *, kind: str | None = None, viewer: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Who in the team can introduce whom: every member's paths to a target, strongest first.

    A path is member -> target (direct: a tie the member has), or member -> contact -> target where
    the member's own data shows a tie between the contact and the target: the two attended the same
    networking meeting of the member's, of at most :data:`MAX_GROUP` other people, on or before
    ``team.as_of`` (``met together``), or they work at the same company of at most
    :data:`MAX_COMPANY` team people (``same company``).  Link strengths, in meeting-equivalents:

    * member -> contact: the tie's strength (:func:`netlib.tie_strength`, in ``team.ties``);
    * contact -> target, met together: ``sum over the shared meetings k of w_k * 2 ** (-(T - t_k) / h)``,
      the decay formula of :mod:`netlib.decay` on the pair's meetings (``w_k`` the meeting's weight);
    * contact -> target, same company: :data:`COLLEAGUE_STRENGTH` (0.5, an assumption); a pair both
      met together and at one company takes the stronger.

    **Path strength = the minimum of its links' strengths** (the bottleneck), not their product.  An
    introduction is as good as its weakest tie, and the minimum keeps the unit (meeting-equivalents:
    a path is warm when every link is), so a two-step path compares with a direct tie on one scale.
    A product of strengths that are not probabilities has no such unit: it grows with every link
    above 1 and shrinks below, so two strong links would outrank a stronger direct tie, and
    rescaling every weight by *c* would reorder one-step against two-step paths (``c`` against ``c**2``)
    while the minimum's order is unchanged.  Ties are ranked by fewer steps, then the stronger first link.

    A contact who met the target at the member's meetings never makes a path stronger than the
    member's own tie to the target from those meetings (the member was there too): such a path is a
    warmer way in (the contact vouches), listed after the direct tie of equal strength.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    target : str, dict or callable
        A person (name, e-mail address or profile URL of someone the team knows), a company (its
        name: every team person there), or a segment (a tag with ``kind="segment"``, a dict of
        ``team.people`` column -> regular expression, or a callable).
    kind : {None, "person", "company", "segment"}
        What ``target`` is; None: a dict or callable is a segment, a text with ``@`` or ``/`` a
        person, another text a person's name when one matches, else a company.
    viewer : str, optional
        The member who will see the paths: only the paths :func:`_open_to` lets them see (every path
        to someone at a company where the team knows at least :data:`~netlib.team.MIN_GROUP`
        people; any other only when it is the viewer's or a sharing member's and names nobody the
        viewer may not see); another member's paths carry no name, id or strength (their
        ``bucket`` only) unless that member shares names; nobody the viewer may not see is named.
    limit : int, optional
        Most rows returned.

    Returns
    -------
    DataFrame
        One row per path (:data:`PATH_COLUMNS`): ``member``, ``target`` and ``target_name``, ``via``
        and ``via_name`` (NA for a direct tie), ``steps``, ``link`` (``direct``, ``met together``,
        ``same company``), ``first_strength``, ``link_strength``, ``strength`` (the path's),
        ``bucket`` (``strong`` >= 2, ``familiar`` >= 0.5, else ``weak``) and ``reason``.

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> paths = intro_paths(_example_team(), "Tess Tran")
    >>> paths[["member", "via_name", "link", "strength"]]
      member   via_name          link  strength
    0     cy  Eve Evans  same company      0.50
    1    ada        NaN        direct      0.45
    2    ada  Dan Ortiz  met together      0.45
    >>> print(paths["reason"][2])
    Ada met Dan Ortiz every 3 months until 1 Jun 2025; Dan Ortiz attended 2 meetings with Tess Tran
    """
    team = team_of("intro_paths", team)
    viewer = viewer_of("intro_paths", team, viewer)
    if limit is not None:
        limit = int(_params.number("intro_paths", "limit", limit, low=1, inclusive=True, integer=True))
    out = _paths("intro_paths", team, _targets("intro_paths", team, target, kind), viewer)
    return out.head(limit).reset_index(drop=True) if limit is not None else out


def best_introducers(team: Team, company=None, *, segment=None, viewer: str | None = None) -> pd.DataFrame:
    """The best introducer per target company: the member with the strongest path (:func:`intro_paths`)
    to anyone at the company.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    company : str or list of str, optional
        The target companies; default every company of the team people (of the ``segment``, when given).
    segment : str, dict or callable, optional
        Only paths to team people in this segment (:func:`netlib.segment_mask` over ``team.people``).
    viewer : str, optional
        The member who will see the table: only the paths :func:`_open_to` lets them see (every
        path at a company where the team knows at least :data:`~netlib.team.MIN_GROUP` people; at a
        smaller one, those of the viewer and of members who share names whose people the viewer may
        see), hidden as for :func:`intro_paths`; ``.attrs["left_out"]`` counts the companies left
        out; ``members`` and ``paths`` (of the paths shown) suppressed from 1 to 4 (NA).  Without
        a viewer: every company, every figure (the team's own analysis, no page).

    Returns
    -------
    DataFrame
        Indexed by ``company`` (as the team people's records write it), strongest first: the best
        path's columns (:data:`PATH_COLUMNS`), ``members`` (how many members have a path there)
        and ``paths`` (how many paths there are to people there).

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> best_introducers(_example_team())[["member", "target_name", "strength", "members"]]
                member target_name  strength  members
    company
    Acme            cy   Eve Evans     1.500        2
    Delta Labs      bo   Dan Ortiz     1.000        2
    """
    team = team_of("best_introducers", team)
    return _best(team, company, segment, viewer_of("best_introducers", team, viewer))


def _best(team: Team, company, segment, viewer: str | None) -> pd.DataFrame:
    """:func:`best_introducers`; ``viewer`` may be ``""``: no member (the team page)."""
    mask = people_mask("best_introducers", team, segment=segment)
    names = team.people["company"].fillna("").astype(str)
    if company is not None:
        mask &= people_mask("best_introducers", team, company=company)
    mask &= (names != "").to_numpy()
    keys = company_key(names)
    d = _paths("best_introducers", team, mask, None)
    d = d.assign(_key=keys.reindex(d["target"]).to_numpy())
    left_out = 0
    if viewer is not None:
        d, left_out = _open_to(team, d, viewer)
    shown = names[mask].groupby(keys[mask]).agg(lambda x: x.value_counts().index[0])
    stats = d.groupby("_key").agg(members=("member", "nunique"), paths=("member", "size"))
    best = d.drop_duplicates("_key").set_index("_key")  # the paths are strongest first
    best = best.join(stats)
    best.index = pd.Index(shown.reindex(best.index).to_numpy(), name="company")
    if viewer is None:
        return best
    out = _hide(team, best.reset_index(), viewer).set_index("company") if len(best) else best.copy()
    out[["members", "paths"]] = suppress(out[["members", "paths"]].astype("int64"))
    out.attrs["left_out"] = left_out
    return out


def _open_to(team: Team, paths: pd.DataFrame, viewer: str) -> tuple[pd.DataFrame, int]:
    """The paths (:func:`intro_paths` without a viewer, target ids in full) that ``viewer`` may be
    shown, and how many target companies are left out: the one place where what a reader may see of
    the introductions is decided, for :func:`intro_paths` and :func:`best_introducers` with a
    ``viewer`` and every page of the team report.  ``viewer`` may be ``""``: no member (the team page).

    * At a company where the team knows at least :data:`~netlib.team.MIN_GROUP` people
      (``team.people`` there, whichever member knows them), every path: the company's name points
      at none of them.
    * At a company where it knows fewer, only the paths whose every person the viewer may see (a
      contact of the viewer's, or of a member who shares names) on the path of the viewer or of a
      member who shares names: the path of a member who shares no names would point at one of
      fewer than five people, whom the page may even name through another member.
    * Nothing else: a company with no such path is left out (counted).

    The rows keep every column; :func:`_hide` then takes out what the viewer may not see of them
    (another member's strength, and names the viewer may not see), and the counts a page shows are
    suppressed from 1 to ``MIN_GROUP - 1``.

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> team = _example_team()                       # Bo shares names; Ada and Cy do not
    >>> d = intro_paths(team, "Delta Labs")          # one person there, Dan Ortiz
    >>> d["member"].tolist(), _open_to(team, d, "")[0]["member"].tolist()   # Ada's two paths would name Dan
    (['bo', 'ada', 'ada'], ['bo'])
    """
    keys = company_key(team.people["company"].fillna("").astype(str))
    size = keys[keys != ""].value_counts()
    target_key = keys.reindex(paths["target"])
    big = (target_key.map(size).fillna(0) >= MIN_GROUP).to_numpy()
    seen = pd.Series(visible_people(team, viewer), index=team.people.index)
    open_member = pd.Series(named_for(team, viewer), index=team.members.index).reindex(paths["member"]).to_numpy(dtype=bool)
    via_seen = paths["via"].isna().to_numpy() | seen.reindex(paths["via"].fillna(""), fill_value=False).to_numpy(dtype=bool)
    shown = open_member & seen.reindex(paths["target"], fill_value=False).to_numpy(dtype=bool) & via_seen
    keep = big | shown
    left_out = len(set(target_key[~keep]) - set(target_key[keep]) - {""})
    return paths[keep], left_out
