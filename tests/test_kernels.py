"""The column kernels (netlib/_kernels.py) and the half-life fit's logsumexp: each shortcut gives
what the plain computation gives; and the report's kernels (netlib/report/kernels.py): a chart is drawn once, as it is shown."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from netlib._kernels import (
    STR, arrow_csv, distinct_per_group, duplicated, index_positions, lower, needs_trim, split_list, strictly_increasing, strip,
)


def test_trim_shortcut_never_misses_a_space_arrow_would_trim():
    chars = [chr(c) for c in range(0x3001) if not 0xD800 <= c < 0xE000]
    trimmed = [c for c, v in zip(chars, pc.utf8_trim_whitespace(pa.array([c + "a" + c for c in chars])).to_pylist()) if v == "a"]
    assert len(trimmed) > 20  # ASCII and Unicode spaces
    for c in trimmed:
        assert needs_trim(pa.array(["x", c + "x"])) and needs_trim(pa.array(["x" + c, "y"])), repr(c)
        assert strip(pd.Series(["ok", "x" + c])).tolist() == ["ok", "x"]
        assert split_list(pd.Series(["a;b" + c]), ";")[1].tolist() == ["a", "b"]
    assert not needs_trim(pa.array(["Zoë Adams", "c0001"]))  # spaces inside only: nothing to trim


def test_lower_shortcut_lowers_every_character_pandas_would():
    chars = [chr(c) for c in range(0x3001) if not 0xD800 <= c < 0xE000]
    changed = [c for c in chars if c.lower() != c or pd.Series([c], dtype=STR).str.lower().iloc[0] != c]
    assert len(changed) > 500  # ASCII and other cased letters
    for c in changed:
        values = pd.Series(["call", "x" + c], dtype=STR)
        assert lower(values).tolist() == values.str.lower().tolist(), repr(c)  # what the readers did before
    untouched = pd.Series(["call", "coffee-chat 2"])
    assert lower(untouched).tolist() == untouched.tolist()


def test_text_helpers_read_chunked_columns_as_they_lie():
    # pyarrow parses a large file in blocks: each column arrives in chunks, never copied into one
    def chunked(values, size):
        parts = [pa.array(values[i:i + size], pa.large_string()) for i in range(0, len(values), size)]
        return pd.Series(pa.chunked_array(parts).to_pandas(types_mapper={pa.large_string(): STR}.get))  # as the reader does

    values = ["c1; c2", " c3", "", "C4;;c5 ", "c6", "x\u3000", "Zoë", "c7;c8;c9"]
    for size in (1, 3, 8):
        s = chunked(values, size)
        if size < len(values):
            assert pa.array(s).num_chunks == -(-len(values) // size)
        plain = pd.Series(values, dtype=STR)
        assert strip(s).tolist() == strip(plain).tolist() == [v.strip() for v in values]
        assert lower(s).tolist() == lower(plain).tolist()
        got, want = split_list(s, ";"), split_list(plain, ";")
        assert got[0].tolist() == want[0].tolist() == [0, 0, 1, 3, 3, 4, 5, 6, 7, 7, 7]
        assert got[1].tolist() == want[1].tolist()
        assert strictly_increasing(chunked(["a", "b", "c", "d"], size)) and not strictly_increasing(chunked(["a", "c", "b"], size))


def test_distinct_per_group_table_and_sort_paths_agree(monkeypatch):
    import netlib._kernels as kernels

    rng = np.random.default_rng(0)
    group, person = rng.integers(0, 7, 5000), rng.integers(0, 300, 5000)
    want = pd.DataFrame({"g": group, "p": person}).drop_duplicates().groupby("g").size().reindex(range(8), fill_value=0)
    assert distinct_per_group(group, person, 8).tolist() == want.tolist()  # a (group x person) table
    monkeypatch.setattr(kernels, "TABLE_CELLS", 10)
    assert distinct_per_group(group, person, 8).tolist() == want.tolist()  # too large a table: sorted pairs
    assert distinct_per_group(group[:0], person[:0], 3).tolist() == [0, 0, 0]


def test_duplicated_equals_pandas():
    key = np.random.default_rng(1).integers(0, 50, 400)
    assert duplicated(key).tolist() == pd.Series(key).duplicated().tolist()
    assert not duplicated(np.arange(10)).any()


def test_index_positions_equal_pandas_get_indexer():
    index = pd.Index(["a", "b", "ç", "d"])
    values = pd.Series(["d", "x", "a", None, "ç"])
    assert index_positions(index, values).tolist() == index.get_indexer(values.fillna("\0")).tolist()


def test_arrow_csv_parses_only_one_line_records():
    assert arrow_csv(b"a,b\n1,\"x, y\"\n", ["a", "b"], ",")["b"].tolist() == ["x, y"]
    assert arrow_csv(b'a,b\n1,"x\ny"\n', ["a", "b"], ",") is None  # a quoted newline: line numbers need the scan
    assert arrow_csv(b"a,a\n1,2\n", ["a", "a"], ",") is None  # repeated header names
    assert arrow_csv(b"a,b\n1\n", ["a", "b"], ",") is None  # a short row
    assert arrow_csv(b"a,b\n1,\xff\n", ["a", "b"], ",") is None  # not UTF-8



def test_keyed_integers_are_a_random_function_of_the_key():
    from netlib._kernels import keyed_integers

    keys = np.arange(200_000)
    a = keyed_integers(keys, 10, seed=3)
    assert (a == keyed_integers(keys, 10, seed=3)).all() and not (a == keyed_integers(keys, 10, seed=4)).all()
    counts = np.bincount(a, minlength=10)
    assert ((counts - 20_000) ** 2 / 20_000).sum() < 30  # chi-squared, 9 degrees of freedom: far out at 27.9
    # as a bootstrap resample: n keys onto n items leave about 1 - 1/e of the items drawn
    image = [len(np.unique(keyed_integers(np.arange(r * 1000, (r + 1) * 1000), 1000, seed=7))) / 1000 for r in range(50)]
    assert np.mean(image) == pytest.approx(1 - np.exp(-1), abs=0.01)
    assert (keyed_integers(np.array([3, 3]), 1000, seed=0)[0] == keyed_integers(np.array([3]), 1000, seed=0)).all()


@pytest.mark.parametrize("seed", range(4))
def test_pairs_within_groups_are_itertools_combinations_per_group(seed):
    from itertools import combinations

    from netlib._kernels import pairs_within_groups

    rng = np.random.default_rng(seed)
    groups, items = rng.integers(0, 30, size=200), rng.permutation(1000)[:200]
    a, b = pairs_within_groups(groups, items)
    expected = [pair for g in np.unique(groups) for pair in combinations(items[groups == g].tolist(), 2)]
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == sorted(expected)
    assert [len(x) for x in pairs_within_groups(groups[:1], items[:1])] == [0, 0]


def test_the_half_life_fits_logsumexp_is_scipys_bit_for_bit():
    # netlib.decay._half_life._logsumexp_rows follows scipy's steps without its array-API wrapping
    from scipy.special import logsumexp

    from netlib.decay._half_life import _logsumexp_rows

    rng = np.random.default_rng(0)
    for trial in range(200):
        a = rng.normal(0, [0.1, 1.0, 30.0, 300.0][trial % 4], (int(rng.integers(1, 300)), 4)) + rng.normal(0, 100)
        if trial % 3 == 0:
            a[:, 1] = a[:, 0]  # two terms share the largest value
        if trial % 5 == 0:
            a = np.round(a)
        assert np.array_equal(_logsumexp_rows(a), logsumexp(a, axis=1))


@pytest.mark.parametrize("as_of", [None, "2025-06-30", "2000-01-01"])
@pytest.mark.parametrize("which", ["sample", "consultant"])
def test_survival_data_from_the_sorted_events_is_what_status_says(which, as_of):
    # netlib.survival_data reads each tie's first and last meeting from the events sorted by contact;
    # it used to ask netlib.status at the default half-life for them: the same table
    from pathlib import Path

    import netlib
    from netlib._facts import as_of as _as_of
    from netlib._facts import first_meeting

    net = netlib.load_sample() if which == "sample" else netlib.load(Path(__file__).parent / "data" / "consultant",
                                                                      me="ada@example.org", tz="America/New_York")
    T = _as_of(net, as_of, "survival")
    st = netlib.status(net, T)
    met = st[st["status"] != "never_met"]
    ended = met["silence_days"] >= 365
    end = met["last_met"].where(ended, T)
    fm = first_meeting(net)
    mm = net.meetings.iloc[fm.to_numpy()]
    first = pd.DataFrame({"first_mode": mm["mode"].to_numpy(), "first_channel": mm["channel"].to_numpy()},
                         index=net.contacts.index[fm.index.to_numpy()])
    expected = pd.DataFrame({"duration_days": (end - met["first_met"]) / pd.Timedelta(days=1),
                             "ended": ended.astype(int)}, index=met.index).join(first)
    got = netlib.decay.survival_data(net, T)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert (len(got) > 0) == (as_of != "2000-01-01")


# --- the report's kernels (netlib/report/kernels.py) ------------------------------------------------

_NUMBER = r"-?\d+\.\d+|-?\d+"


def _svg(fig) -> str:
    import io

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def test_a_chart_shown_without_a_draw_before_is_the_same_chart():
    # a report kernel no longer draws each figure to an Agg canvas before the inline backend shows it
    # (_drawn_once); a constrained layout run once less lands within a millionth of a point of where it
    # did: the same SVG, every coordinate within 1e-4 pt (the ids hash those coordinates)
    import re

    import matplotlib
    import matplotlib.pyplot as plt

    import netlib
    from netlib import plots

    net = netlib.load_sample()
    st = netlib.status(net)
    with matplotlib.rc_context({"svg.hashsalt": "netlib"}):
        svgs = []
        for drawn_before in (True, False):
            fig, ax = plt.subplots(figsize=(9, 6), layout="constrained")
            plots.plot_going_cold(st, ax=ax)
            if drawn_before:
                fig.canvas.draw()
            svgs.append(_svg(fig))
            plt.close(fig)
    svgs = [re.sub(r'(id="|#)[a-z]+[0-9a-f]{10}', r"\1ID", s) for s in svgs]
    assert re.sub(_NUMBER, "0", svgs[0]) == re.sub(_NUMBER, "0", svgs[1])
    numbers = [np.array([float(x) for x in re.findall(_NUMBER, s)]) for s in svgs]
    assert len(numbers[0]) == len(numbers[1]) > 1000
    np.testing.assert_allclose(numbers[1], numbers[0], rtol=0, atol=1e-4)


def test_a_report_kernel_draws_a_chart_only_as_often_as_showing_it_needs(tmp_path):
    # pyplot's display hook drew every figure after each cell, and the inline backend then drew it
    # again to show it: a third of every chart's time on the report's pages
    import nbformat

    from netlib.report import run_notebook

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    count = ("import matplotlib.pyplot as plt\nfrom IPython.display import display\n"
             "def counted():\n    fig, ax = plt.subplots(layout='constrained')\n    ax.plot([1, 2])\n"
             "    n = []\n    fig.canvas.mpl_connect('draw_event', lambda e: n.append(1))\n    return fig, n\n")
    nb.cells = [nbformat.v4.new_code_cell(count + "shown, by_cell = counted()"),  # shown at the end of the cell
                nbformat.v4.new_code_cell("fig, by_display = counted()\ndisplay(fig)\nplt.close(fig)\n"
                                          "print(len(by_cell), len(by_display))")]
    nbformat.write(nb, tmp_path / "draws.ipynb")
    out = run_notebook(tmp_path / "draws.ipynb", tmp_path / "out.ipynb", timeout=60)
    cell = nbformat.read(out, as_version=4).cells[-1]
    by_cell, by_display = map(int, "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout").split())
    assert by_cell == by_display >= 1
