"""The team view: several people's exports together (#33).

A consultancy, a startup's founders, a sales team or a workshop cohort: each member's exports in a
folder of their own, loaded as one person's are (:func:`load_team`), the same outside person known
to several members counted once, members never counted as contacts.  Then:

- ``_reach``: :func:`team_reach` (who the team reaches, by one member only, the segment's and a
  company's share reached) and :func:`team_overlap` (members x members);
- ``_intro``: :func:`intro_paths` (each member's paths to a person, a company or a segment, ranked by
  their weakest tie) and :func:`best_introducers` (the best introducer per company);
- ``_risk``: :func:`sole_holders` (warm ties to the right people only one member holds, and those
  going cold: the team's key-person risk);
- ``_privacy``: the rules of what one member sees of the others (strength buckets and counts, names
  only where a member's ``share.toml`` says so, no figure over fewer than :data:`MIN_GROUP` people),
  :func:`suppress`; ``_view``: :func:`member_view`, every table of a member's page under those rules;
- ``_plots``: the charts, :func:`plot_team_reach`, :func:`plot_team_overlap`, :func:`plot_sole_holders`
  (a suppressed figure drawn as suppressed, never as 0), and :func:`team_page`: every table of one
  page of the team report as its reader may see it (the team page: as no member).

The rooms are private; every public name is here (``netlib.team.X``), as in :mod:`netlib.decay`.
See docs/team.md for the formulas and the privacy rules.
"""

from netlib.team._anonymize import pseudonymize_team
from netlib.team._intro import COLLEAGUE_STRENGTH, best_introducers, intro_paths
from netlib.team._load import SHARE_CHOICES, SHARE_FILE, STRONG_STRENGTH, TIE_COLUMNS, Team, bucket, load_team
from netlib.team._plots import TeamPage, marked, open_team, plot_sole_holders, plot_team_overlap, plot_team_reach, team_page
from netlib.team._privacy import MIN_GROUP, suppress
from netlib.team._reach import team_overlap, team_reach
from netlib.team._risk import per_member, sole_holders
from netlib.team._view import MemberView, member_view

__all__ = [
    "Team",
    "load_team",
    "bucket",
    "SHARE_FILE",
    "SHARE_CHOICES",
    "STRONG_STRENGTH",
    "TIE_COLUMNS",
    "team_reach",
    "team_overlap",
    "intro_paths",
    "best_introducers",
    "COLLEAGUE_STRENGTH",
    "sole_holders",
    "per_member",
    "member_view",
    "MemberView",
    "MIN_GROUP",
    "suppress",
    "plot_team_reach",
    "plot_team_overlap",
    "plot_sole_holders",
    "team_page",
    "TeamPage",
    "marked",
    "open_team",
    "pseudonymize_team",
]

for _name in __all__:
    _obj = globals()[_name]
    if callable(_obj) and getattr(_obj, "__module__", "").startswith("netlib.team."):
        _obj.__module__ = __name__
del _name, _obj
