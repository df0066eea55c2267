"""The team's charts (#33): :func:`plot_team_reach`, :func:`plot_team_overlap` and :func:`plot_sole_holders`,
in the way of :mod:`netlib.plots` (a table in, an Axes out, pyplot imported only for a new Axes, no
``plt.show()``), and :func:`team_page`, the tables one reader of a team page may see (the team
page, read as by no member, or one member's page), with :func:`marked` to write a suppressed count.

A figure the privacy rules suppress (NA: a count of 1 to 4 people, :data:`netlib.team.MIN_GROUP`) is
drawn as suppressed, never as 0: no bar, and "<5" written where it would be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from netlib import _fonts, _params
from netlib._keys import company_key
from netlib.plots import PALETTE, _ax, _literal, _nothing, _tidy
from netlib.team._intro import PATH_COLUMNS, _best, _counted, _hide, _open_to, best_introducers, intro_paths
from netlib.team._load import Team
from netlib.team._privacy import MIN_GROUP, named_for, suppress, viewer_of
from netlib.team._reach import team_of, team_overlap, team_reach, tie_matrix
from netlib.team._risk import _theirs_last, per_member, sole_holders
from netlib.team._view import MemberView, member_view

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_team_reach", "plot_team_overlap", "plot_sole_holders", "team_page", "TeamPage", "marked", "open_team"]

#: How a suppressed figure is written on a chart.
SUPPRESSED = f"<{MIN_GROUP}"
_GREY = "#777777"


def _values(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(the values as floats with 0 where suppressed, whether each is suppressed)."""
    v = pd.to_numeric(column, errors="coerce").astype(float)
    gone = v.isna().to_numpy()
    return np.nan_to_num(v.to_numpy()), gone


def _count(value) -> str:
    """A count as a chart writes it: ``1,234``, or ``<5`` when suppressed."""
    return SUPPRESSED if pd.isna(value) else f"{int(value):,}"


def _whole_numbers(ax) -> None:
    """Ticks of the counts' axis at whole numbers only (a count of people has no halves)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _bar_labels(ax, bars, values: np.ndarray, gone: np.ndarray, horizontal: bool = True) -> None:
    """Each bar's count at its end; a suppressed one says ``<5`` in grey where its bar would start."""
    labels = [SUPPRESSED if g else f"{int(v):,}" for v, g in zip(values, gone, strict=True)]
    texts = ax.bar_label(bars, labels=labels, fontsize=8, padding=2)
    for t, g in zip(texts, gone, strict=True):
        if g:
            t.set_color(_GREY)


@_fonts.readable
@_params.document
def plot_team_reach(reach: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "", **kwargs) -> Axes:
    """Per member: the people they know, of those the ones only they reach, and their warm ties.

    Three horizontal bars per member (people, from :func:`netlib.team.team_reach`): ``known`` (contacts,
    met or not), ``only`` (reached by this member and no other) and ``warm`` (active or cooling ties).
    The team's own figures (its ``"team"`` row: every person the team knows, counted once) are in the
    title.  A suppressed count (NA, fewer than :data:`netlib.team.MIN_GROUP` people) has no bar and
    says ``<5``.

    Parameters
    ----------
    reach : DataFrame
        :func:`netlib.team.team_reach` output (with or without ``viewer=``).
    {ax}
    title : str or None
        The chart's title; ``""`` for one that gives the team's totals, None for none.
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> from netlib.team import team_reach
    >>> from netlib.team._load import _example_team
    >>> ax = plot_team_reach(team_reach(_example_team()))
    >>> [int(p.get_width()) for p in ax.patches][::3]   # ada: known, only, warm
    [2, 1, 1]
    >>> ax.get_title(loc="left")
    'The team knows 5 people and has met 5; 3 of those through one member only'
    """
    _params.table("plot_team_reach", "reach", reach, ["known", "only", "warm"], "netlib.team_reach()")
    ax = _ax(ax)
    members = reach.drop(index="team", errors="ignore")
    team = reach.loc["team"] if "team" in reach.index else None
    if title == "":
        title = "People the team knows" if team is None else (
            f"The team knows {_count(team['known'])} people and has met {_count(team['reached'])}; {_count(team['only'])} of those "
            "through one member only")
    if members.empty:
        return _nothing(ax, title, "No member in the team: load_team found no member's folder.")
    series = [("known", "people they know", "#0072B2"), ("only", "of those, only they reach", PALETTE["segment"]),
              ("warm", "warm ties (active or cooling)", PALETTE["warm"])]
    y = np.arange(len(members))[::-1] * (len(series) + 1.0)
    for k, (col, label, color) in enumerate(series):
        values, gone = _values(members[col])
        bars = ax.barh(y - k, values, height=0.9, color=color, label=label, **kwargs)
        _bar_labels(ax, bars, values, gone)
    ax.set_yticks(y - 1, [_literal(m) for m in members.index])
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _whole_numbers(ax)
    right = max(float(_values(members[c])[0].max()) for c, *_ in series)
    ax.set_xlim(0, max(right * 1.15, 1.0))
    _tidy(ax, title, f"people ({SUPPRESSED}: fewer than {MIN_GROUP}, not shown)" if members[[c for c, *_ in series]].isna().any().any()
          else "people", "")
    return ax


@_fonts.readable
@_params.document
def plot_team_overlap(overlap: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "People two members both reach",
                      cmap: str = "Blues", **kwargs) -> Axes:
    """A members x members heatmap of the people two members both reach, each count written in its cell.

    The diagonal is each member's own people reached (:func:`netlib.team.team_overlap`).  A suppressed
    cell (NA: 1 to 4 people, fewer than :data:`netlib.team.MIN_GROUP`) is hatched grey and says
    ``<5``, never 0.

    Parameters
    ----------
    overlap : DataFrame
        :func:`netlib.team.team_overlap` output (square, members on both axes).
    {ax}
    {title}
    cmap : str
        The matplotlib colour map of the counts.
    **kwargs
        Passed to ``Axes.imshow``.

    Examples
    --------
    >>> from netlib.team import team_overlap
    >>> from netlib.team._load import _example_team
    >>> ax = plot_team_overlap(team_overlap(_example_team(), viewer="ada"))
    >>> sorted({t.get_text() for t in ax.texts})   # every cell of a team of three counts fewer than 5
    ['0', '<5']
    """
    if not isinstance(overlap, pd.DataFrame) or list(overlap.index) != list(overlap.columns):
        _params.fail("plot_team_overlap", "overlap", _params.shown(overlap), "what netlib.team_overlap() returns (members x members)")
    ax = _ax(ax)
    if overlap.empty:
        return _nothing(ax, title, "No member in the team: nobody to compare.")
    v = overlap.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    gone = np.isnan(v)
    n = len(overlap)
    diagonal = np.eye(n, dtype=bool)
    shaded = ~gone & ~diagonal  # the colours compare pairs; each member's own reach (far larger) is written, not shaded
    top = max(float(v[shaded].max()) if shaded.any() else 0.0, 1.0)
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    ax.imshow(np.ma.masked_array(np.nan_to_num(v), mask=~shaded), cmap=colormaps[cmap].with_extremes(bad="#f4f4f4"), vmin=0, vmax=top,
              **kwargs)
    for i, j in zip(*np.nonzero(gone), strict=True):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#bbbbbb", lw=0))
    for i in range(n):
        for j in range(n):
            dark = shaded[i, j] and v[i, j] > 0.6 * top
            ax.text(j, i, SUPPRESSED if gone[i, j] else f"{int(v[i, j]):,}", ha="center", va="center", fontsize=9,
                    color=_GREY if gone[i, j] else ("white" if dark else "black"), fontweight="bold" if i == j else "normal")
    names = [_literal(m) for m in overlap.index]
    ax.set_xticks(range(n), names, rotation=45 if n > 4 else 0, ha="right" if n > 4 else "center")
    ax.set_yticks(range(n), names)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, loc="left")
    ax.set_xlabel(f"people both reach (the diagonal: each member's own; {SUPPRESSED}: fewer than {MIN_GROUP}, not shown)"
                  if gone.any() else "people both reach (the diagonal: each member's own)", fontsize=8)
    return ax


@_fonts.readable
@_params.document
def plot_sole_holders(sole: pd.DataFrame, *, ax: Axes | None = None, title: str | None = "Warm ties only one member holds",
                      **kwargs) -> Axes:
    """Per member: the warm ties only they hold (the team's key-person risk), those going cold in orange.

    One horizontal bar per member of :func:`netlib.team.sole_holders`' ``.attrs["per_member"]``
    (people): its length is ``sole_warm``, its orange part ``going_cold`` (overdue, or cold within the
    horizon), its blue part the rest.  A suppressed count (NA) has no bar and says ``<5``.

    Parameters
    ----------
    sole : DataFrame
        :func:`netlib.team.sole_holders` output (with or without ``viewer=``).
    {ax}
    {title}
    **kwargs
        Passed to ``Axes.barh``.

    Examples
    --------
    >>> from netlib.team import sole_holders
    >>> from netlib.team._load import _example_team
    >>> ax = plot_sole_holders(sole_holders(_example_team()))
    >>> [t.get_text() for t in ax.get_yticklabels()], [int(p.get_width()) for p in ax.patches[3:]]   # kept warm
    (['ada', 'bo', 'cy'], [0, 1, 1])
    """
    _params.table("plot_sole_holders", "sole", sole, ["member", "going_cold"], "netlib.sole_holders()")
    ax = _ax(ax)
    per = per_member(sole)
    if per.empty:
        return _nothing(ax, title, "No member in the team: nobody holds a tie.")
    total, gone = _values(per["sole_warm"])
    cold, cold_gone = _values(per["going_cold"])
    if not gone.any() and total.sum() == 0:
        return _nothing(ax, title, "No warm tie is held by one member only:\nevery warm tie has a second member to fall back on.")
    steady = np.where(gone | cold_gone, 0.0, total - cold)
    cold = np.where(gone, 0.0, cold)
    y = np.arange(len(per))[::-1]
    ax.barh(y, cold, color=PALETTE["warm"], label="going cold (overdue, or cold within the horizon)", **kwargs)
    bars = ax.barh(y, steady, left=cold, color=PALETTE["one_to_one"], label="kept warm", **kwargs)
    labels = [SUPPRESSED if g else (f"{int(t):,} ({SUPPRESSED} going cold)" if cg else f"{int(t):,} ({int(c):,} going cold)")
              for t, c, g, cg in zip(total, cold, gone, cold_gone, strict=True)]
    texts = ax.bar_label(bars, labels=labels, fontsize=8, padding=3)
    for t, g in zip(texts, gone | cold_gone, strict=True):
        if g:
            t.set_color(_GREY)
    ax.set_yticks(y, [_literal(m) for m in per.index])
    ax.set_xlim(0, max(float(total.max()) * 1.4, 1.0))
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _whole_numbers(ax)
    _tidy(ax, title, f"warm ties no other member holds warm (people; {SUPPRESSED}: fewer than {MIN_GROUP}, not shown)"
          if (gone | cold_gone).any() else "warm ties no other member holds warm (people)", "")
    return ax


# --- what one reader of a team page may see ---------------------------------------------------------------

#: The reader of the team page (``viewer=None``): no member.  Every member's ties are another's, shown
#: as buckets and counts; names only of people a member who shares names knows (docs/team.md).
_EVERYONE = ""


@dataclass
class TeamPage:
    """The tables of one page of the team report, as its reader may see them (:func:`team_page`).

    Attributes
    ----------
    viewer : str or None
        The member who reads the page; None: the team page, which everyone may read.
    reach, overlap : DataFrame
        :func:`netlib.team.team_reach` and :func:`netlib.team.team_overlap`, figures over fewer than
        :data:`netlib.team.MIN_GROUP` people suppressed (NA).
    best : DataFrame
        :func:`netlib.team.best_introducers` as the reader may see it (``_open_to``), counts of 1 to
        4 suppressed.
    paths : DataFrame
        The strongest :func:`netlib.team.intro_paths` to each target company (a ``company`` column first),
        the paths to people whose names the reader may not see counted in one row per member, bucket and
        kind (``paths``: how many, NA from 1 to 4; 1 for a path that names its people).
    sole : DataFrame
        :func:`netlib.team.sole_holders`, with ``.attrs["per_member"]``.
    view : MemberView or None
        The viewer's own ties and the others' as buckets (:func:`netlib.team.member_view`).
    notes : dict of str to str
        A sentence per section that says what it leaves out, or why it is empty.
    """

    viewer: str | None
    reach: pd.DataFrame
    overlap: pd.DataFrame
    best: pd.DataFrame
    paths: pd.DataFrame
    sole: pd.DataFrame
    view: MemberView | None
    notes: dict[str, str] = field(default_factory=dict)
    heading: str = ""

    def note(self, section: str) -> str:
        """The sentence of ``section`` ("" when it has none)."""
        return self.notes.get(section, "")

    def table(self, section: str) -> pd.DataFrame:
        """The table of ``section`` as a page shows it: the columns a reader needs, a column with no value
        for this reader (another member's strengths on the team page) left out, a suppressed count
        written ``<5``.

        Parameters
        ----------
        section : {"reach", "overlap", "best", "paths", "sole", "own", "buckets", "shared"}
            ``own``, ``buckets`` and ``shared``: the viewer's (empty on the team page).
        """
        _params.choice("TeamPage.table", "section", section, list(_SHOWN))
        if section in ("own", "buckets", "shared"):
            data = getattr(self.view, section) if self.view is not None else pd.DataFrame(columns=_SHOWN[section] or [])
        else:
            data = getattr(self, section)
        cols = _SHOWN[section]
        if cols is not None:
            data = data[[c for c in cols if c in data.columns]]
            data = data.drop(columns=[c for c in ("strength", "status", "last_contact", "days_to_cold") if c in data.columns
                                      and data[c].isna().all()])
            text = [c for c in ("via_name", "company", "name", "target_name") if c in data.columns and data[c].dtype == object]
            data = data.assign(**{c: data[c].fillna("") for c in text})  # a direct path has no one in between: no value missing
            if "via_name" in data.columns and (data["via_name"] == "").all():  # every path direct: nobody in between to name
                data = data.drop(columns="via_name")
            if section == "own" and len(data):  # the strongest first, each status in words
                data = data.sort_values("strength", ascending=False, kind="stable")
            if "strength" in data.columns:  # cut, not rounded, to 2 decimals: 1.996 (familiar) never reads 2.00 (strong)
                data = data.assign(strength=np.floor(data["strength"].astype(float) * 100) / 100)
            if "status" in data.columns:
                data = data.assign(status=data["status"].astype(object).where(data["status"].isna(),
                                                                              data["status"].astype(str).str.replace("_", " ")))
            theirs = data["strength"].isna().to_numpy() if "strength" in data.columns else np.zeros(len(data), dtype=bool)
            if "days_to_cold" in data.columns and theirs.any():  # another member's tie: its days are theirs, blank, not missing
                data = data.assign(days_to_cold=["" if t else ("" if pd.isna(v) else f"{v:.0f}")
                                                 for v, t in zip(data["days_to_cold"], theirs, strict=True)])
            elif "days_to_cold" in data.columns:
                data = data.assign(days_to_cold=data["days_to_cold"].round())
            if theirs.any():  # another member's strength is theirs: blank, not missing
                data = data.assign(strength=[f"{v:.2f}" if pd.notna(v) else "" for v in data["strength"]])
        return marked(data)


#: The columns each section of a page shows (None: all).
_SHOWN = {"reach": None, "overlap": None, "best": ["member", "target_name", "via_name", "link", "bucket", "strength", "members", "paths"],
          "paths": ["company", "member", "target_name", "via_name", "bucket", "strength", "paths", "reason"],
          "sole": ["member", "name", "company", "bucket", "strength", "days_to_cold", "going_cold"],
          "own": ["name", "company", "bucket", "strength", "status", "last_contact"], "buckets": None,
          "shared": ["member", "name", "company", "bucket"]}


def marked(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for reading: a suppressed count (NA in a column of whole numbers) written ``<5``, and a
    share (a column named ``*_share``) as a percentage, ``<5`` where it is suppressed.

    Parameters
    ----------
    table : DataFrame
        Counts of people and shares of them, suppressed by :func:`netlib.team.suppress`.

    Returns
    -------
    DataFrame
        The same table, its suppressed counts and its shares as text.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"people": pd.array([12, None, 0], dtype="Int64"), "segment_reached_share": [0.5, None, 0.0]})
    >>> marked(t).values.tolist()
    [['12', '50%'], ['<5', '<5'], ['0', '0%']]
    """
    out = table.copy()
    for c in out.columns:
        if str(c).endswith("_share") and pd.api.types.is_float_dtype(out[c]):
            out[c] = [SUPPRESSED if pd.isna(v) else f"{v:.0%}" for v in out[c]]  # a few rows: one per member
        elif pd.api.types.is_integer_dtype(out[c]) and out[c].isna().any():
            out[c] = [SUPPRESSED if pd.isna(v) else f"{int(v):,}" for v in out[c]]
    return out


def _everyone_best(team: Team, company, segment) -> pd.DataFrame:
    """:func:`best_introducers` as the team page may show it (``_open_to`` with no member: every path
    is another member's, a bucket and no strength, names only of people a member who shares names
    knows), counts of 1 to 4 suppressed."""
    return _best(team, company, segment, _EVERYONE)


def _everyone_sole(team: Team, segment) -> pd.DataFrame:
    """:func:`sole_holders` as the team page may show it: the ties of members who share names, as a
    bucket and whether going cold only, by member and name (not in the order of their days to cold);
    the counts of members who share no names suppressed below :data:`MIN_GROUP` (those of members who
    share names are their listed rows')."""
    sole = sole_holders(team, segment=segment)
    per = per_member(sole)
    open_member = pd.Series(named_for(team, _EVERYONE), index=team.members.index)
    closed = ~open_member.reindex(per.index).to_numpy(dtype=bool)
    per = pd.concat([per[~closed], suppress(per[closed])]).reindex(per.index)
    out = sole[open_member.reindex(sole["member"]).to_numpy(dtype=bool)].reset_index(drop=True)
    out = _theirs_last(team, out, np.ones(len(out), dtype=bool)).assign(strength=np.nan, days_to_cold=np.nan, status=None, last_contact=pd.NaT)
    out.attrs["per_member"] = per.to_dict()
    return out


def _target_companies(team: Team, best: pd.DataFrame, company, top: int) -> list[str]:
    """The companies whose paths a page lists: ``company`` (or those given), else the ``top`` companies
    of ``best`` where the team reaches most people."""
    if company is not None:
        return [company] if isinstance(company, str) else list(company)
    if best.empty:
        return []
    reached = tie_matrix(team).any(axis=1)
    keys = company_key(team.people["company"].fillna("").astype(str))
    counts = pd.Series(reached.astype(int), index=keys.to_numpy()).groupby(level=0).sum()
    order = counts.reindex(company_key(pd.Series(best.index.astype(str))).to_numpy()).fillna(0).to_numpy()
    return list(best.index[np.argsort(-order, kind="stable")][:top])


def _company_paths(team: Team, companies: list[str], viewer: str | None, per_company: int) -> pd.DataFrame:
    """The strongest paths to each company, as ``viewer`` may see them (the team page: as no member):
    one row a path, the paths to people whose names are hidden counted in one row per member, bucket
    and kind (:func:`netlib.team._intro._counted`, before the ``per_company`` cut, so that no count can
    be worked out from the rows shown)."""
    parts, withheld = [], []
    reader = _EVERYONE if viewer is None else viewer
    for c in companies:  # a few target companies
        try:
            d = intro_paths(team, c, kind="company")
        except ValueError:  # the team knows nobody there
            continue
        shown, _ = _open_to(team, d, reader)
        if len(d) and not len(shown):
            withheld.append(c)
        d = _counted(team, _hide(team, shown, reader))  # counted before the cut: no count to infer
        parts.append(d.head(per_company).assign(company=c))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["company", *PATH_COLUMNS, "paths"])
    out = out[["company", *PATH_COLUMNS, "paths"]]
    out.attrs["withheld"] = withheld
    return out


def team_page(team: Team, viewer: str | None = None, *, segment=None, company=None, top: int = 3, per_company: int = 5) -> TeamPage:
    """Every table of one page of the team report, as its reader may see them.

    The team page (``viewer=None``) is for every member, so it is read as by no member: each member's
    ties are another's (strength buckets and counts, never a strength or a date), a person is named only
    when a member who shares names (``share.toml``) knows them, and no figure counts fewer than
    :data:`netlib.team.MIN_GROUP` people.  A member's page (``viewer="ada"``) adds the member's own
    ties in full (:func:`netlib.team.member_view`).

    Introductions (the best introducers, and the paths to the target companies) are shown path by
    path as ``netlib.team._intro._open_to`` decides, the one place of the rule (docs/team.md,
    "Introductions a reader may see"): at a company where the team knows at least ``MIN_GROUP``
    people, every member's paths, with the member to ask, the kind of path and its bucket, never the
    contact's name unless shared; at a smaller one, only the paths of the reader and of members who
    share names whose every person the reader may see.  Their ``members`` and ``paths``, and the
    count of paths to people not named, are written ``<5`` from 1 to 4.

    Parameters
    ----------
    team : Team
        From :func:`netlib.load_team`.
    viewer : str, optional
        The member who reads the page; None for the team page.
    segment : str, dict or callable, optional
        The right people (:func:`netlib.segment_mask` over ``team.people``).
    company : str or list of str, optional
        The target company (or companies) of the introductions; default the ``top`` companies the team
        reaches most people at.
    top : int
        How many companies the introductions list without a ``company``.
    per_company : int
        Most paths listed per company.

    Returns
    -------
    TeamPage

    Examples
    --------
    >>> from netlib.team._load import _example_team
    >>> page = team_page(_example_team())                 # Bo shares names; Ada and Cy do not
    >>> page.best[["member", "target_name", "bucket"]].values.tolist()
    [['bo', 'Dan Ortiz', 'familiar']]
    >>> bool(page.paths["strength"].isna().all())         # no strength on the page everyone reads
    True
    >>> team_page(_example_team(), "cy").paths[["member", "target_name", "strength"]].values.tolist()[0]
    ['cy', 'Eve Evans', 1.5]
    """
    team = team_of("team_page", team)
    viewer = viewer_of("team_page", team, viewer)
    top = int(_params.number("team_page", "top", top, low=1, inclusive=True, integer=True))
    per_company = int(_params.number("team_page", "per_company", per_company, low=1, inclusive=True, integer=True))
    if viewer is None:
        reach = suppress(team_reach(team, segment=segment, company=company))
        overlap, best, sole = suppress(team_overlap(team)), _everyone_best(team, company, segment), _everyone_sole(team, segment)
        view = None
    else:
        reach = team_reach(team, segment=segment, company=company, viewer=viewer)
        overlap, view = team_overlap(team, viewer=viewer), member_view(team, viewer, segment=segment)
        best, sole = best_introducers(team, company, segment=segment, viewer=viewer), sole_holders(team, segment=segment, viewer=viewer)
    companies = _target_companies(team, best, company, top)
    paths = _company_paths(team, companies, viewer, per_company)
    reader = "the team page, which every member may read" if viewer is None else f"{viewer}'s own page: do not pass it on"
    heading = (f"{len(team.members)} members ({', '.join(map(str, team.members.index))}), {len(team.people):,} people known to "
               f"the team, measured on {team.as_of:%-d %b %Y}. This is {reader}.")
    return TeamPage(viewer, reach, overlap, best, paths, sole, view, _notes(team, viewer, best, paths, sole, companies, view,
                                                                                   company is not None), heading)


def _notes(team: Team, viewer, best: pd.DataFrame, paths: pd.DataFrame, sole: pd.DataFrame, companies: list[str],
           view: MemberView | None, given: bool = False) -> dict[str, str]:
    """Each section's sentence: why it is empty, or what it leaves out for this reader."""
    closed = [m for m, ok in zip(team.members.index, named_for(team, _EVERYONE if viewer is None else viewer), strict=True)
              if not ok]
    private = f"{', '.join(closed)} share{'s' if len(closed) == 1 else ''} no names" if closed else ""
    notes = {"privacy": f"Figures over fewer than {MIN_GROUP} people are suppressed (shown as {SUPPRESSED})."
                        + (f" {private}: their ties appear as counts and strength buckets only." if private and view is None else "")}
    # (a member's page says it above their tables, with how many people it leaves unnamed)
    if not len(team.people):
        notes["reach"] = "No member's files hold a contact: nobody to count."
    left = int(best.attrs.get("left_out", 0))
    some = f"{left:,} companies" if left >= MIN_GROUP else f"fewer than {MIN_GROUP} companies"
    why = (f"{some} where the team knows fewer than {MIN_GROUP} people and only members who share no names have a path: "
           "naming such a company could point at the person")
    if best.empty:
        notes["best"] = "No member has a path to anyone at a company the team knows" + (f" that this page may name (not listed: {why})."
                                                                                         if left else ".")
    else:
        notes["best"] = (f"Listed: every company where the team knows at least {MIN_GROUP} people, and the smaller ones where "
                         + ("you or " if viewer is not None else "") + "a member who shares names has a path to someone named here "
                         "(only such paths count there)" + (f"; not listed: {why}." if left else "."))
    withheld = [str(c) for c in paths.attrs.get("withheld", [])]
    held = (f"No path to anyone at {', '.join(withheld)} that this page may show: the team knows fewer than {MIN_GROUP} people "
            "there, and only members who share no names have a path." if withheld else "")
    with_rows = [str(c) for c in companies if c in set(paths["company"])]
    none = [str(c) for c in companies if c not in set(with_rows) | set(withheld)]
    if with_rows:
        notes["paths"] = " ".join([f"The strongest paths to {', '.join(with_rows)}, strongest first" + (
            "." if given else ": the companies the team reaches most (name one with --company, or company= in the notebook)."), held,
            f"No member has a path to anyone at {', '.join(none)}." if none else ""]).strip()
    elif companies:
        notes["paths"] = " ".join([held, f"No member has a path to anyone at {', '.join(none)}." if none else ""]).strip()
    elif not best.empty:
        notes["paths"] = "No company to look for introductions at."  # (with no best introducer, its note says why)
    per = per_member(sole) if "per_member" in sole.attrs else pd.DataFrame()
    if not len(sole) and len(per) and not per.isna().any().any() and (per.to_numpy() == 0).all():
        notes["sole"] = "No warm tie is held by one member only: every warm tie has a second member to fall back on."
    elif not len(sole):
        notes["sole"] = "The ties only one member holds are counted in the chart; their names are not shared with this page."
    elif closed:
        sharing = [str(m) for m in team.members.index if m not in closed and m != viewer]
        parts = (["your own ties, in full"] if viewer is not None else []) + (
            [f"the ties of {', '.join(sharing)}, who share{'s' if len(sharing) == 1 else ''} names, with their bucket and whether "
             "going cold only"] if sharing else [])
        notes["sole"] = (f"Listed by name: {', and '.join(parts)}. The ties of {', '.join(closed)}, who share{'s' if len(closed) == 1 else ''} "
                         "no names, are counted in the chart only.")
    notes["view"] = (" ".join(view.notes[1:]) if view is not None and len(view.notes) > 1 else "" if view is not None else
                     "This is the team's page: each member's own page lists their ties by name, and nobody else's.")
    if view is not None and not len(view.own):
        notes["view"] = ("You hold no tie in these files. " + notes["view"]).strip()
    if view is not None:
        notes.update(_view_notes(team, viewer, view))
    return notes


def _view_notes(team: Team, viewer: str, view: MemberView) -> dict[str, str]:
    """The sentence above each table of a member's own section: what it lists."""
    sharing = [str(m) for m, ok in zip(team.members.index, named_for(team, viewer), strict=True) if ok and m != viewer]
    n = len(view.own)
    return {"own": f"Your own ties, strongest first ({n:,} {'person' if n == 1 else 'people'}), each with its strength, status "
                   "and last contact." if n else "",
            "buckets": (f"The other members' ties, counted by strength bucket (strong: at least 2 meeting-equivalents; familiar: "
                        f"warm; weak: the rest; {SUPPRESSED}: 1 to {MIN_GROUP - 1})." if len(view.buckets) else ""),
            "shared": (f"The ties of {', '.join(sharing)}, who share{'s' if len(sharing) == 1 else ''} names: each person with the "
                       "tie's bucket only." if sharing else "No other member shares names: nobody else's contact is named here.")}


def open_team(source=None, *, tz: str = "UTC", as_of=None, anonymize: bool = False) -> Team:
    """The team in ``source`` (:func:`netlib.load_team`), or the team sample when ``source`` is None.

    Parameters
    ----------
    source : path, mapping or None
        As :func:`netlib.load_team` takes it; None: the team sample (written to a temporary folder
        by ``netlib.datasets.write_team_sample``, removed when the Python process ends).
    tz : str
        Time zone of times written without an offset.
    as_of : date, optional
        The moment to measure at (default: the team's end of data, :func:`load_team`'s).
    anonymize : bool
        Every name and address replaced (:func:`netlib.team.pseudonymize_team`, with the salt in
        ``NETLIB_SALT``, as ``netlib report --team --anonymize`` sets it, else a new random one).

    Returns
    -------
    Team
    """
    if anonymize:
        from netlib.team._anonymize import pseudonymize_team

        return pseudonymize_team(open_team(source, tz=tz, as_of=as_of))
    from netlib.team._load import load_team

    if source is not None:
        return load_team(source, tz=tz, as_of=as_of)
    import netlib.datasets

    write = getattr(netlib.datasets, "write_team_sample", None)
    if write is None:
        raise FileNotFoundError("no team given and this netlib has no team sample: set team = the folder that holds one folder "
                                "of exports per member (each member's LinkedIn zip, calendar, contacts...)")
    import atexit
    import tempfile

    folder = tempfile.TemporaryDirectory(prefix="netlib-team-sample-")
    atexit.register(folder.cleanup)
    write(folder.name)
    return load_team(folder.name, tz=tz, as_of=as_of)
