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
