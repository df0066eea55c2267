"""Fonts for names in every script: each character drawn from the first font that has it.

matplotlib draws text in DejaVu Sans, which has Latin, Greek, Cyrillic and Arabic but no Chinese,
Japanese, Korean or Devanagari: a contact called 李 伟 would be two boxes and a ``Glyph ... missing
from font`` warning.  matplotlib takes a list of font families and draws each glyph from the first
family that has it; netlib's dependencies bring the fonts for that list (Noto, SIL Open Font
License):

* ``noto-cjk-sans-otc``: Noto Sans CJK, its Simplified and Traditional Chinese, Japanese and Korean faces;
* ``manimgx-fonts``: Noto Sans, and Noto Sans for Devanagari, Arabic, Hebrew, Bengali, Tamil, Thai
  and thirteen more scripts, Noto Sans Symbols and Noto Emoji.

Fonts of the same names installed on the system (Debian's ``fonts-noto-*``) serve where those
packages are missing.  Nothing happens on ``import netlib``: the fonts are registered with
matplotlib the first time netlib draws, and each of netlib's charts (:func:`readable`) gives each of
its texts only the families that text's characters need, so a chart of Latin names draws exactly
as before.  :func:`use_fonts` sets the whole list for charts of your own.  A character no font has
is drawn as matplotlib's "last resort" box (which names its Unicode block), without a warning.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
import unicodedata
from pathlib import Path

__all__ = ["FALLBACK", "available", "needed", "apply", "readable", "use_fonts"]

#: The families a text falls back on, in this order, for the characters its own font lacks.
#: Chinese, Japanese and Korean come first: which of the three faces leads is chosen per text
#: (:func:`needed`), as one ideograph is drawn a little differently in each.
FALLBACK = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC",
    "Noto Sans Devanagari", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Bengali",
    "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya", "Noto Sans Tamil", "Noto Sans Telugu",
    "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Thai", "Noto Sans Lao",
    "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Ethiopic",
    "Noto Sans", "Noto Sans Symbols", "Noto Emoji",
)

#: The Python packages whose font files netlib registers with matplotlib.
PACKAGES = ("noto_cjk_sans_otc", "manimgx_fonts")

#: matplotlib's font of boxes, one per Unicode block (matplotlib 3.11 and later).
LAST_RESORT = "Last Resort High-Efficiency"

_lock = threading.Lock()


def _package_fonts() -> list[Path]:
    """The font files inside :data:`PACKAGES` that are installed (found without importing them)."""
    files = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                files += sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc"))
    return files


@functools.cache
def _registered() -> tuple[str, ...]:
    from matplotlib import font_manager

    with _lock:
        known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
        for path in _package_fonts():
            if path.resolve() not in known:
                font_manager.fontManager.addfont(str(path))
    return tuple(f for f in (*FALLBACK, LAST_RESORT) if _find(f) is not None)


def _find(family: str):
    """The file (and face) matplotlib draws ``family`` from, or None where it has no such family."""
    from matplotlib import font_manager

    try:
        return font_manager.fontManager.findfont(font_manager.FontProperties(family=[family]), fallback_to_default=False)
    except ValueError:
        return None


def available() -> list[str]:
    """The families of :data:`FALLBACK` matplotlib can draw with, in order, registering netlib's fonts first.

    Examples
    --------
    >>> "Noto Sans CJK SC" in available()
    True
    """
    return [f for f in _registered() if f != LAST_RESORT]


@functools.lru_cache(maxsize=64)
def _chars(path) -> frozenset[int]:
    """The code points the font at ``path`` (a file, or a file and face) has a glyph for."""
    from matplotlib import font_manager

    return frozenset(font_manager.get_font(path).get_charmap())


def _drawn(text: str) -> set[int]:
    """The code points of ``text`` that need a glyph: not spaces, line breaks or the invisible
    format characters (joiners, direction marks, variation selectors) the text shaper consumes."""
    return {ord(c) for c in set(text) if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
            and not 0xFE00 <= ord(c) <= 0xFE0F}


def _cjk_first(text: str) -> str:
    """The CJK face whose forms suit ``text``: Japanese with kana, Korean with hangul, else Chinese."""
    if any("\u3040" <= c <= "\u30ff" or "\u31f0" <= c <= "\u31ff" for c in text):
        return "Noto Sans CJK JP"
    if any("\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f" for c in text):
        return "Noto Sans CJK KR"
    return "Noto Sans CJK SC"


def needed(text: str, font=None) -> list[str]:
    """The fallback families ``text`` needs beyond ``font``, in the order to try them.

    Parameters
    ----------
    text : str
        What is drawn.
    font : str or FontPath, optional
        The file the text's own font is drawn from (default: matplotlib's default font).

    Returns
    -------
    list of str
        Empty when the font has every character; ends with the last-resort font when no font has
        one of them.

    Examples
    --------
    >>> needed("Chloé Dubois")
    []
    >>> needed("李 伟 and अनिल")
    ['Noto Sans CJK SC', 'Noto Sans Devanagari']
    >>> needed("佐藤 花子 (さとう)")
    ['Noto Sans CJK JP']
    """
    from matplotlib import font_manager

    missing = _drawn(text) - _chars(font if font is not None else font_manager.findfont(font_manager.FontProperties()))
    if not missing:
        return []
    lead = _cjk_first(text)
    order = [lead, *(f for f in available() if f != lead)]
    out = []
    for family in order:
        path = _find(family)
        have = missing & _chars(path) if path is not None else set()
        if have:
            out.append(family)
            missing -= have
            if not missing:
                return out
    return out + [LAST_RESORT] if LAST_RESORT in _registered() else out


def apply(artist) -> None:
    """Give every text under ``artist`` (an Axes or a Figure) the fallback families its characters need.

    A text whose own font has all its characters is left as it is.

    Parameters
    ----------
    artist : matplotlib Artist
        An Axes or a Figure, drawn or not.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set_title("王 芳"); ax.set_xlabel("Ann")  # doctest: +ELLIPSIS
    Text(...)
    >>> apply(ax)
    >>> ax.title.get_fontfamily(), ax.xaxis.label.get_fontfamily()
    (['sans-serif', 'Noto Sans CJK SC'], ['sans-serif'])
    >>> plt.close(fig)
    """
    from matplotlib import font_manager
    from matplotlib.text import Text

    for t in artist.findobj(Text):
        s = t.get_text()
        if not s or s.isascii():
            continue
        families = t.get_fontfamily()
        add = [f for f in needed(s, font_manager.findfont(t.get_fontproperties())) if f not in families]
        if add:
            t.set_fontfamily([*families, *add])


def readable(func):
    """Decorate a plot function that returns an Axes: every text it drew gets the fonts it needs (:func:`apply`)."""
    @functools.wraps(func)
    def draw(*args, **kwargs):
        ax = func(*args, **kwargs)
        apply(ax)
        return ax

    return draw


def use_fonts() -> list[str]:
    """Draw every script in charts of your own too: add netlib's fallback fonts to ``rcParams["font.family"]``.

    netlib's charts need no call: each gives its texts the fonts they need.  This is for charts you
    draw with matplotlib yourself (a legend of contacts' names, say); it changes matplotlib's settings
    for the rest of the session, as ``seaborn.set_theme`` does (inside ``matplotlib.rc_context()``,
    only there).

    Returns
    -------
    list of str
        The new ``font.family``: the families it held, then the fallback families.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     families = use_fonts()
    ...     matplotlib.rcParams["font.family"] == families
    True
    >>> families[:2]
    ['sans-serif', 'Noto Sans CJK SC']
    """
    import matplotlib

    families = list(matplotlib.rcParams["font.family"])
    families += [f for f in _registered() if f not in families]
    matplotlib.rcParams["font.family"] = families
    return families
