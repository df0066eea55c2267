"""The report's front page (``index.html``: headline figures, each linking to the page that explains
it, and what to do next, from ``templates/netlib_front/index.html.j2`` with autoescape on) and the
next steps as ``next_steps.csv`` and ``next_steps.ics``."""

from __future__ import annotations

import math
from collections.abc import Callable

from netlib.headline import headline
from netlib.model import DEFAULT_HORIZON_DAYS
from netlib.report.pages import TEMPLATES_DIR, Page


def _rate(x: float) -> str:
    """A rate for the front page: two decimals, or an en dash when there is none (no meeting of that mode)."""
    return "\u2013" if math.isnan(x) else f"{x:.2f}"


def _segment_card(net, params: dict) -> list[tuple[str, str, str, str]]:
    """The front page's card for the target segment's share of reach, when one is named."""
    import netlib

    if not params.get("segment"):
        return []
    r = netlib.right_people(net, params["segment"], end=params["as_of"])
    share = r.attrs["overall"]
    value = "\u2013" if share is None or math.isnan(share) else f"{share:.0%}"
    return [(f"of your reach {r.attrs['label']}", value, "02_reach", r.attrs["note"])]


_NEXT_STEPS_FILES = ("next_steps.csv", "next_steps.ics")


def _front_page(params: dict, pages: list[Page], loaded: Callable | None, net) -> dict[str, str]:
    """The front page (headline figures, each linking to the page that explains it, and what to do
    next) and the next steps as ``next_steps.csv`` and ``next_steps.ics``, by file name."""
    import netlib
    from netlib import present

    if loaded is not None:
        loaded(net)
    days = netlib.decay.choose_half_life(net, params["as_of"], params["half_life_days"]).days
    steps = netlib.next_steps(net, params["as_of"], days, segment=params["segment"])
    return {"next_steps.csv": present.next_steps_csv(steps), "next_steps.ics": present.next_steps_ics(steps, tz=params["tz"]),
            "index.html": _index_html(net, params, pages, steps)}


def _short_source(source: str) -> str:
    """Where the half-life comes from, in a few words (the card's note; its page says it whole).

    Examples
    --------
    >>> _short_source("fitted from your one-to-one meetings (95% interval 59 to 92 days, ...)")
    'fitted from your one-to-one meetings'
    >>> _short_source("netlib's default, from research on tie decay (Ahmad ...): your data has ...")
    "netlib's default"
    """
    return source.split(" (")[0].split(",")[0].split(":")[0]


def _index_html(net, params: dict, pages: list[Page], steps, horizon: float = DEFAULT_HORIZON_DAYS) -> str:
    """The front page (``templates/netlib_front/index.html.j2``, autoescape on): headline figures,
    each linking to the page that explains it; what to do next; the pages.  A card links to its page
    only when the report has that page (the notebooks folder is a parameter)."""
    import jinja2

    from netlib import present
    from netlib.decay import choose_half_life

    hl = choose_half_life(net, params["as_of"], params["half_life_days"])
    h = headline(net, as_of=params["as_of"], half_life_days=hl.days, horizon_days=horizon)
    m = net.meetings
    first, last = (present.day_text(m["start"].agg(["min", "max"]).dt.tz_convert(params["tz"])) if len(m) else (None, None))
    href = {p.name: p.href for p in pages}
    none = "distinct people per hour"
    cards = [
        ("people reached", f"{h['people_reached']:,}", "02_reach", "distinct people met"),
        ("hours spent", f"{h['hours']:,.0f}", "03_effort", "meeting hours"),
        ("people per hour, one-to-one", _rate(h["people_per_hour_one_to_one"]), "03_effort",
         none if h["people_per_hour_one_to_one"] == h["people_per_hour_one_to_one"] else "no one-to-one meeting in your files"),
        ("people per hour, one-to-many", _rate(h["people_per_hour_one_to_many"]), "03_effort",
         none if h["people_per_hour_one_to_many"] == h["people_per_hour_one_to_many"] else "no group meeting in your files"),
        *_segment_card(net, params),
        ("warm ties", f"{h['warm_ties']:,}", "04_decay", f"half-life {hl.days:g} days, {_short_source(hl.source)}"),
        (f"overdue or going cold in {horizon:g} days", f"{h['going_cold']:,}", "05_next_steps", "if nothing happens"),
    ]
    stale = present.data_moment(net, params["as_of"], tz=params["tz"])
    top = steps.head(5)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "netlib_front"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("index.html.j2").render(
        who=net.me.name or "your network", span=f"{first} to {last}" if len(m) else "no meetings",
        stale=stale.text.replace("`", "") if stale is not None else None,
        cards=[{"label": k, "value": v, "href": href.get(page, "#"), "note": note} for k, v, page, note in cards],
        steps=[{"name": str(n), "action": str(a), "reason": str(r)} for n, a, r in zip(top["name"], top["action"], top["reason"], strict=True)],
        steps_note=str(steps.attrs.get("note", "Nothing to do: no tie is overdue, none goes cold soon.")),
        more=max(len(steps) - len(top), 0), next_page=href.get("05_next_steps"), pages=pages,
    )
