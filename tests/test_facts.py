"""Shared facts: group codes agree with pandas' own grouping of the same keys."""

import pandas as pd
import pytest

from netlib import _facts


@pytest.mark.parametrize("by", [["quarter", "mode"], ["month", "channel"], ["mode", "year"], "quarter", "channel"])
def test_group_codes_are_pandas_factorisation_of_the_keys(sample, by):
    m = sample.meetings
    codes, labels = _facts.group_codes(m, by)
    keys = [_facts._group_key(m, b) for b in ([by] if isinstance(by, str) else by)]
    want_codes, want_labels = (pd.MultiIndex.from_arrays([k.to_numpy() for k in keys]) if len(keys) > 1 else keys[0]).factorize(sort=True)
    assert (codes == want_codes).all()
    assert list(labels) == list(want_labels)


def _exported(net, when):
    return net.replace(sources=net.sources.assign(exported=pd.Timestamp(when) if when is not None else pd.NaT))


def test_the_default_moment_is_the_later_of_the_last_meeting_and_the_export(sample):
    last = sample.meetings["start"].max()
    assert _facts.as_of(_exported(sample, None)) == last  # nothing shown: the last meeting
    assert _facts.as_of(_exported(sample, last + pd.Timedelta(days=120))) == last + pd.Timedelta(days=120)  # months of silence count
    # a calendar with meetings after the moment it shows (an earlier stamp): never before the data's last meeting
    assert _facts.as_of(_exported(sample, last - pd.Timedelta(days=30))) == last
    assert _facts.as_of(_exported(sample, last + pd.Timedelta(days=120)), "2020-01-01") == pd.Timestamp("2020-01-01", tz="UTC")


def test_the_page_says_the_export_came_months_after_the_last_meeting(sample):
    from netlib import present

    last = sample.meetings["start"].max()
    text = present.data_moment(_exported(sample, last + pd.Timedelta(days=120)), today=last + pd.Timedelta(days=300)).text
    assert text.startswith(f"Your files were exported on {last + pd.Timedelta(days=120):%-d %b %Y} (6 months ago), 4 months after "
                           f"the last meeting in them ({last:%-d %b %Y})")
    assert "those 4 months count as silence" in text
    assert present.data_moment(sample, today=last + pd.Timedelta(days=300)).text.startswith(f"Your data ends on {last:%-d %b %Y}")
