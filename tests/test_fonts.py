"""Every name readable in every chart: each glyph found in a font, none drawn as a box (#31)."""

import unicodedata
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib import font_manager

import netlib
from netlib import _fonts, plots

#: One name in each script a chart must draw: Latin with accents, Greek, Cyrillic, Chinese,
#: Japanese, Korean, Arabic and Devanagari.
NAMES = {"latin": "Chloé Dvořák", "greek": "Νίκος Παπαδόπουλος", "cyrillic": "Дмитрий Иванов",
         "chinese": "陈 静", "japanese": "佐藤 花子", "korean": "김 민준", "arabic": "محمد عبد الله", "devanagari": "अनिल कुमार"}


def _network(names: list[str]):
    c = pd.DataFrame({"contact_id": [f"c{i}" for i in range(len(names))], "name": names})
    starts = pd.date_range("2024-01-02T10:00Z", periods=3 * len(names), freq="5D")
    m = pd.DataFrame({"meeting_id": [f"m{i}" for i in range(len(starts))], "start": starts.strftime("%Y-%m-%dT%H:%MZ"),
                      "duration_min": 30, "channel": "coffee", "attendees": [f"c{i % len(names)}" for i in range(len(starts))]})
    return netlib.from_frames(c, m)


def _glyph_fonts(text: matplotlib.text.Text) -> dict[str, str]:
    """Each drawn character of ``text`` -> the first of the text's families that has a glyph for it."""
    out = {}
    for ch in _fonts._drawn(text.get_text()):
        for family in text.get_fontfamily():
            prop = text.get_fontproperties().copy()
            prop.set_family(family)
            path = font_manager.fontManager.findfont(prop, fallback_to_default=False)
            if ch in _fonts._chars(path):
                out[chr(ch)] = font_manager.get_font(path).family_name
                break
        else:
            out[chr(ch)] = None
    return out


def test_names_in_every_script_draw_with_no_glyph_missing(tmp_path):
    net = _network(list(NAMES.values()))
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    plots.plot_going_cold(netlib.status(net, as_of="2024-06-01"), horizon_days=400, ax=axes[0])
    plots.plot_strength_over_time(netlib.strength_over_time(net, list(net.contacts.index)), names=net.contacts["name"].to_dict(), ax=axes[1])
    drawn = list({id(t): t for ax in axes for t in ax.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text() in NAMES.values()}.values())
    assert sorted(t.get_text() for t in drawn) == sorted(list(NAMES.values()) * 2)  # each name on a tick and in the legend
    for t in drawn:  # every character has a real glyph (the last-resort font draws a box)
        fonts = _glyph_fonts(t)
        assert all(f not in (None, "Last Resort High-Efficiency") for f in fonts.values()), (t.get_text(), fonts)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        fig.savefig(tmp_path / "names.png", dpi=50)
    plt.close(fig)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_each_script_has_a_font(script):
    text = NAMES[script]
    needed = _fonts.needed(text)
    assert _fonts.LAST_RESORT not in needed
    for ch in _fonts._drawn(text):  # the default font, or one of the fallbacks, has each character
        fonts = [font_manager.findfont(font_manager.FontProperties()), *map(_fonts._find, needed)]
        assert any(ch in _fonts._chars(f) for f in fonts), (script, unicodedata.name(chr(ch)))


def test_a_text_in_latin_letters_keeps_its_font_and_the_settings_stay_as_they_were():
    fig, ax = plt.subplots()
    before = list(matplotlib.rcParams["font.family"])
    plots.plot_strength_over_time(netlib.strength_over_time(_network(["Ann", "陈 静"]), ["c0", "c1"]),
                                  names={"c0": "Ann", "c1": "陈 静"}, ax=ax)
    families = {t.get_text(): t.get_fontfamily() for t in ax.get_legend().get_texts()}
    assert families["Ann"] == before and families["陈 静"] == [*before, "Noto Sans CJK SC"]
    assert matplotlib.rcParams["font.family"] == before  # no global setting changed by drawing
    plt.close(fig)


def test_a_character_no_font_has_is_a_box_without_a_warning(tmp_path):
    fig, ax = plt.subplots()
    ax.set_title("\U00013000 Ann")  # an Egyptian hieroglyph: in none of the fonts
    _fonts.apply(ax)
    assert ax.title.get_fontfamily()[-1] == _fonts.LAST_RESORT
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "box.png", dpi=50)
    plt.close(fig)


def test_japanese_and_korean_texts_lead_with_their_own_face():
    assert _fonts.needed("佐藤 花子")[0] == "Noto Sans CJK SC"  # kanji alone: cannot tell it from Chinese
    assert _fonts.needed("さとう はなこ")[0] == "Noto Sans CJK JP"
    assert _fonts.needed("김 민준")[0] == "Noto Sans CJK KR"


def test_use_fonts_sets_the_chain_for_charts_of_your_own(tmp_path):
    with matplotlib.rc_context():
        families = plots.use_fonts()
        assert families[0] == "sans-serif" and set(_fonts.available()) <= set(families)
        fig, ax = plt.subplots()
        ax.set_title(" ".join(NAMES.values()))
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing")
            fig.savefig(tmp_path / "own.png", dpi=50)
        plt.close(fig)
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
