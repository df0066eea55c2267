"""What a plan page says in words and in a table: :func:`note` (what the plans spend),
:func:`segment_note` (why there is no segment chart) and :func:`summary` (each plan's outcome)."""

from __future__ import annotations

import pandas as pd

from netlib._words import plural
from netlib.analysis.plan._compare import MAX_HOURS_PER_MONTH
from netlib.analysis.plan._simulation import MAX_INTRO_RATIO, METRICS
from netlib.model import CONVERSATION_CHANNELS


def note(plans: dict, table: pd.DataFrame | None = None) -> str:
    """A sentence or two on what the plans of :func:`contrasting_plans` spend, which history their
    meetings are learnt from when your files hold e-mails or messages (meetings and events alone;
    the written ones priced as themselves), and on how many futures were simulated when a large
    network made :func:`compare_plans` run fewer.

    Parameters
    ----------
    plans : dict
        Plan name -> arguments of :func:`plan` (:func:`contrasting_plans`).
    table : DataFrame, optional
        Their :func:`compare_plans`, to say when fewer futures were run than asked.

    Examples
    --------
    >>> note({"a": {"hours_per_month": 12.4, "mix": {"one_to_one": 1.0}}})
    'Each plan spends 12 hours a month: what you spent a month on meetings over the last year.'
    >>> note({"a": {"hours_per_month": 14_880, "mix": {"one_to_one": 1.0}}}).split(":")[0]
    'Each plan spends 14,880 hours a month, the most a plan can'
    """
    hours = {_shown(p["hours_per_month"]) for p in plans.values()}
    if hours == {0}:
        text = "Your files show no meeting hours over the last year, so every plan here spends none: give the plans hours of your own."
    elif hours == {MAX_HOURS_PER_MONTH}:
        text = (f"Each plan spends {MAX_HOURS_PER_MONTH:,} hours a month, the most a plan can: every hour of a 31-day month in "
                "twenty people's calendars. Your files show more than that over the last year, which is an organisation's "
                "calendar rather than one person's networking; pass hours of your own to see a plan of one person's time.")
    elif len(hours) == 1:
        on = "meetings, e-mails and messages" if any(set(p["mix"]) & CONVERSATION_CHANNELS for p in plans.values()) else "meetings"
        text = f"Each plan spends {plural(hours.pop(), 'hour')} a month: what you spent a month on {on} over the last year."
    else:
        text = "The plans spend different hours a month: " + ", ".join(f"{n} {_shown(p['hours_per_month'])}" for n, p in plans.items()) + "."
    if table is not None and table.attrs.get("learnt") is not None:
        text += _written(plans, table.attrs["learnt"])
    if table is not None and table.attrs.get("runs", 0) < table.attrs.get("runs_asked", 0):
        text += (f" So many meetings a month make each future long to simulate: {table.attrs['runs']} futures were run instead"
                 f" of {table.attrs['runs_asked']}, so the bands are rougher.")
    if table is not None and table.attrs.get("intro_capped", 0) > 0:
        L = table.attrs.get("learnt")
        few = f" ({L.intros} {'person' if L.intros == 1 else 'people'} introduced to you)" if L is not None else ""
        text += (f" The introductions your files show{few} are too few to learn a rate from: taken at face value, each person"
                 f" introduced would bring more new people in turn, without end. In {table.attrs['intro_capped']:.0%} of the futures"
                 f" the rate was held so that each brings at most {MAX_INTRO_RATIO} more.")
    return text


def _shown(hours) -> float:
    """Hours a month as a page shows them: whole hours, or tenths under one (a few e-mails a month
    are 0.3 hours, not none).

    Examples
    --------
    >>> _shown(12.4), _shown(0.34), _shown(0.0)
    (12, 0.3, 0)
    """
    h = float(hours)
    return round(h) if h >= 0.95 else (round(h, 1) or 0)


def _written(plans: dict, L) -> str:
    """What :func:`note` says when your files hold written conversations: the plans' meetings are
    learnt from meetings and events alone, and the e-mails and messages priced as themselves, at
    the share of your hours a plan gives them ("" when there are none)."""
    kinds = {n: L.kinds[n] for n in sorted(CONVERSATION_CHANNELS & set(L.kinds))}
    if not kinds:
        return ""
    one, many = L.kinds["one_to_one"].meetings, L.kinds["one_to_many"].meetings
    n = sum(k.meetings for k in kinds.values())
    written = plural(n, "e-mail or message", "e-mails and messages")
    if one + many == 0:
        text = (f" Your files hold no meeting, only {written} (written, not met): a plan's one-to-one and group meetings rest on"
                " netlib's defaults.")
    else:
        text = (" One-to-one and group meetings are learnt from your meetings and events alone"
                f" ({plural(one, 'one-to-one meeting')} and {plural(many, 'group meeting')}):"
                f" your {written} {'was' if n == 1 else 'were'} written, not met, and an e-mail to several people is no hour at a"
                " group meeting.")
    shares = {name: sum(v for k, v in p["mix"].items() if k in kinds) for name, p in plans.items()}
    most = max(shares, key=shares.get)
    if shares[most] > 0:
        each = ", ".join(f"{name} {plural(round(k.hours * 60, 1), 'minute')}" for name, k in kinds.items())
        others = ("the other plans spend those hours at meetings" if sum(v > 0 for v in shares.values()) == 1
                  else "the plans that name none spend them at meetings")
        text += (f" A plan prices them as themselves ({each}, a thread on one day; one to a single person adds to the tie what a"
                 f" one-to-one meeting adds, as on the decay page): \"{most}\" gives them"
                 f" {_share(shares[most])} of your hours, and {others}.")
    return text


def _share(share: float) -> str:
    """A share of your hours in words: "all", "under 1%", "their 5%"."""
    return "all" if share > 0.995 else "under 1%" if share < 0.005 else f"their {share:.0%}"


def segment_note(plans: pd.DataFrame, segment=None) -> str | None:
    """Why a plan page has no chart of the target segment, or None when it has one to draw.

    Parameters
    ----------
    plans : DataFrame
        :func:`compare_plans` (or :func:`plan`).
    segment : str, dict or callable, optional
        The target segment the plans were run with (None: none named).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"plan": ["a"], "month": [1], "metric": ["segment reached"], "median": [0.0], "low": [0.0], "high": [0.0]})
    >>> segment_note(t, None).startswith("No target segment")
    True
    >>> segment_note(t, "client").startswith("None of the plans would bring anyone new in your segment")
    True
    >>> none_new = pd.concat([t, t.assign(metric="new people")])
    >>> segment_note(none_new, "client").startswith("None of the plans would bring anyone new at all")
    True
    """
    if segment is None:
        return ("No target segment was named (the segment parameter, e.g. a tag such as prospect): name one to see how "
                "many of the right people each plan would bring.")
    seg = plans[plans["metric"] == "segment reached"]
    if len(seg) and seg["high"].max() > 0:
        return None
    new = plans[plans["metric"] == "new people"]
    if len(new) and not new["high"].max() > 0:
        return ("None of the plans would bring anyone new at all, so none in your segment either: in your data, group "
                "meetings bring nobody new, nobody was introduced to you, and any one-to-one hours of the plans go to people you "
                "have met before.")
    return ("None of the plans would bring anyone new in your segment: in your data, nobody first met at a group meeting "
            "and nobody introduced to you is in it, and the contacts the one-to-one hours would meet for the first time "
            "are not either.")


def summary(plans: pd.DataFrame, month: int | None = None) -> pd.DataFrame:
    """Each plan's outcome at one month (default the last) as "median (low to high)" per metric.

    Parameters
    ----------
    plans : DataFrame
        :func:`compare_plans`.
    month : int, optional
        Which month ahead.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"plan": ["a", "a"], "month": [1, 1], "metric": ["new people", "warm ties"],
    ...                   "median": [4.0, 30.0], "low": [2.0, 28.0], "high": [7.0, 31.0]})
    >>> summary(t).loc["a", "new people"]
    '4 (2 to 7)'
    """
    month = int(plans["month"].max()) if month is None else month
    at = plans[plans["month"] == month]
    if "plan" not in at:
        at = at.assign(plan="plan")
    text = (at["median"].round().astype(int).astype(str) + " (" + at["low"].round().astype(int).astype(str) + " to "
            + at["high"].round().astype(int).astype(str) + ")")
    out = at.assign(text=text).pivot(index="plan", columns="metric", values="text")
    out = out.reindex(index=pd.unique(at["plan"]), columns=[m for m in METRICS if m in out.columns])
    out.columns.name = None
    return out
