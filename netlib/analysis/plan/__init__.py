"""What if: simulate the coming months of networking under a plan, from your own history.

:func:`plan` splits a monthly budget of hours between one-to-one and one-to-many meetings and
runs the months forward many times.  What it draws on is learnt from the person's own data
(:func:`learn`): meeting lengths and group sizes per mode (from meetings and events alone: an
e-mail or a LinkedIn message is written, not met, and is priced as a channel of its own, which
"as you did so far" keeps at its share of your hours), the chance that a person met at a group
meeting is new, the target segment's share among them, the half-life (fitted where the data
supports one, else the default), and each tie's current strength.  One-to-one hours go to
``targets`` in turn (by default the next-steps list: overdue and valuable ties first).  The
number of meetings a month is the plan's (hours / usual length, the fractions carried to the next
month); what varies between runs is who a group meeting brings and how big it is.

:func:`compare_plans` runs several plans on the same network; ``netlib.plots.plot_plans`` draws
them as fan charts (median and 90% band).

The package is one room per step; every public name is here, ``netlib.analysis.plan.X``, the one
spelling to use (the rooms are private):

- ``_learn``: :class:`Kind`, :class:`Learnt`, :func:`learn` and :func:`group_sizes`;
- ``_simulation``: :class:`Simulation`, one plan's months, every run at once: a month loop over
  its steps (introductions, one-to-one meetings, group meetings, the new people, the metrics),
  and the draws a group meeting makes; the bounds on the work (:data:`DRAWS_PER_MONTH`,
  :data:`DRAWS_PER_BLOCK`) and the threads it shares a month out between are read there, so a
  test patches them in that room;
- ``_compare``: :func:`plan` (the arguments checked, a :class:`Simulation` run), :func:`compare_plans`,
  :func:`current_plan`, :func:`contrasting_plans`, :func:`default_targets`, :func:`counts`;
- ``_notes``: :func:`note`, :func:`segment_note` and :func:`summary`, what a plan page says.
"""

from netlib.analysis.plan._compare import (
    MAX_HOURS_PER_MONTH,
    MAX_MONTHS,
    MAX_RUNS,
    compare_plans,
    contrasting_plans,
    counts,
    current_plan,
    default_targets,
    plan,
)
from netlib.analysis.plan._learn import SIZE_BINS, Kind, Learnt, group_sizes, learn
from netlib.analysis.plan._notes import note, segment_note, summary
from netlib.analysis.plan._simulation import DORMANT_DAYS, METRICS
from netlib.analysis.plan._simulation import DRAWS_PER_BLOCK as DRAWS_PER_BLOCK
from netlib.analysis.plan._simulation import DRAWS_PER_MONTH as DRAWS_PER_MONTH
from netlib.analysis.plan._simulation import MAX_INTRO_RATIO as MAX_INTRO_RATIO
from netlib.analysis.plan._simulation import MIN_RUNS as MIN_RUNS
from netlib.analysis.plan._simulation import Simulation as Simulation
from netlib.analysis.plan._simulation import _came_again as _came_again

# Names imported ``as`` themselves are reached as netlib.analysis.plan.X although not in __all__:
# the bounds the docstrings name (their values; the simulation reads them in its room), the
# simulation object, and the draw the tests check by hand.

__all__ = ["plan", "compare_plans", "group_sizes", "SIZE_BINS", "DORMANT_DAYS", "contrasting_plans", "note", "segment_note", "summary",
           "current_plan", "default_targets", "counts", "learn", "Learnt", "Kind", "METRICS", "MAX_MONTHS", "MAX_HOURS_PER_MONTH", "MAX_RUNS"]

# The public functions and classes (and the classes' methods) say they are netlib.analysis.plan's,
# as before the rooms: what help(), Sphinx, pickle, doctest and the argument tests show, and the one
# spelling to use.
for _name in [*__all__, "Simulation"]:
    _obj = globals()[_name]
    if callable(_obj) and getattr(_obj, "__module__", "").startswith(__name__ + "."):
        for _part in [_obj, *(vars(_obj).values() if isinstance(_obj, type) else ())]:
            if callable(_part) and getattr(_part, "__module__", "").startswith(__name__ + "."):
                _part.__module__ = __name__
del _name, _obj, _part
