"""Words for a chart: the ``alt`` text of every figure in a report page (part of :mod:`netlib.present`).

Private: :mod:`netlib.present` re-exports :func:`describe` and :func:`show_alt_text`.
"""

from __future__ import annotations


def describe(fig) -> str:
    """What a figure shows, in words, for the ``alt`` text of its image in a report page.

    For each chart: its title, what is plotted against what, the series in its legend, and any
    words drawn on it (an empty chart's explanation, the names of the strongest ties).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure drawn by netlib's plot functions (any figure works).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import netlib
    >>> fig, ax = plt.subplots()
    >>> _ = netlib.plots.plot_effort(netlib.effort(netlib.load_sample()), ax=ax)
    >>> describe(fig).startswith("Chart: ")
    True
    >>> plt.close(fig)
    """
    parts = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        title = ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")
        bits = [f"Chart: {title}." if title else "Chart."]
        x, y = ax.get_xlabel(), ax.get_ylabel()
        if x and y:
            bits.append(f"{y[0].upper()}{y[1:]} against {x}.")
        elif x or y:
            bits.append(f"{(x or y)[0].upper()}{(x or y)[1:]}.")
        for axis in (ax.xaxis, ax.yaxis):  # categories (channels, modes, tags, "every 30 days"), not numbers or dates
            ticks = [t.get_text() for t in axis.get_ticklabels() if t.get_text()]
            if axis is ax.yaxis and not ax.yaxis_inverted():
                ticks.reverse()  # as a reader reads them: top to bottom
            if ticks and not all(_number_or_date(t) for t in ticks):
                bits.append("Categories: " + ", ".join(ticks) + ".")
        legend = ax.get_legend()
        if legend is not None:
            names = [t.get_text() for t in legend.get_texts() if t.get_text()]
            if names:
                bits.append("Series: " + ", ".join(names) + ".")
        words = [t.get_text() for t in ax.texts if t.get_text() and t.get_visible()]
        if words:
            shown = words[:20]
            bits.append("Labels: " + "; ".join(shown) + (f"; and {len(words) - 20} more." if len(words) > 20 else "."))
        parts.append(" ".join(bits).replace("$", ""))
    return " ".join(parts) or "A chart."


_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "january", "february", "march",
           "april", "june", "july", "august", "september", "october", "november", "december"}


def _number_or_date(tick: str) -> bool:
    """Whether an axis tick reads as a number or a date ("0.5", "1,000", "−2", "10%", "2024-01",
    "2024Q1", "Jan 2024"), rather than a category ("every 30 days", "coffee").

    Examples
    --------
    >>> [_number_or_date(t) for t in ("0.5", "1,000", "\u22122", "10%", "2024-01", "2024Q1", "Jan 2024", "every 30 days", "coffee")]
    [True, True, True, True, True, True, True, False, False]
    """
    import re

    if not any(ch.isdigit() for ch in tick):
        return False
    words = re.sub(r"[\d.,:/%+\-\u2212\s]+|(?<=\d)[kKM]\b|[QHW](?=\d)", " ", tick).split()
    return all(w.lower() in _MONTHS for w in words)


def show_alt_text() -> bool:
    """In a Jupyter kernel, give every figure's image an ``alt`` text from :func:`describe`, so that
    a report page says what each chart shows to a screen reader (and when an image fails to load).
    Returns whether it could (False outside IPython).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    if ip is None or not hasattr(ip, "display_formatter"):
        return False
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    def png(fig):
        return print_figure(fig, "png", bbox_inches="tight", base64=True), {"alt": describe(fig)}

    def register(*_args) -> None:
        ip.display_formatter.formatters["image/png"].for_type(Figure, png)

    # matplotlib's inline backend sets its own PNG formatter when the first figure is made, and
    # shows a cell's figures after it ran: set ours again after each cell, before they are shown
    register()
    if register.__qualname__ not in {getattr(f, "__qualname__", "") for f in ip.events.callbacks["post_execute"]}:
        ip.events.register("post_execute", register)
    return True
