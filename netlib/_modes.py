"""How a meeting's mode is told: solo, one-to-one or one-to-many (part of :mod:`netlib.model`).

A meeting with exactly one other person is one-to-one, with two or more (or an unlisted audience,
or on an event's channel) one-to-many, with nobody solo.  Private: :mod:`netlib.model` re-exports
every name, and its documentation is the place to read them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlib._kernels import STR


def compute_mode(n_people: pd.Series, audience: pd.Series, channel: pd.Series | None = None) -> pd.Series:
    """``one_to_one`` for exactly one other person, ``one_to_many`` for two or
    more, any audience, or an event's channel (:data:`GROUP_CHANNELS`: one listed
    attendee at a meetup is not a one-to-one meeting), ``solo`` for nobody.

    Parameters
    ----------
    n_people : Series
        Other people listed at each meeting.
    audience : Series
        Head count of an unlisted audience, or NaN.
    channel : Series, optional
        Each meeting's channel.

    Examples
    --------
    >>> compute_mode(pd.Series([1, 2, 0, 0, 1]), pd.Series([None, None, 300, None, None]),
    ...              pd.Series(["coffee", "call", "post", "call", "Meetup"])).tolist()
    ['one_to_one', 'one_to_many', 'one_to_many', 'solo', 'one_to_many']
    """
    return mode_labels(mode_codes(n_people, audience, channel), n_people.index)


#: Channels of events and broadcasts: a meeting on one of them (or on a channel whose last word is
#: one, "tech meetup") is one-to-many whatever number of attendees its list holds.
#: Channels of written conversation (interactions, not meetings): they warm ties, but a reply a
#: day after a message is no evidence of how fast a tie fades (:func:`netlib.fit_half_life`).
CONVERSATION_CHANNELS = frozenset({"email", "message"})

GROUP_CHANNELS = frozenset({"event", "meetup", "meet-up", "webinar", "conference", "summit", "workshop", "talk", "seminar",
                            "mixer", "club", "breakfast club", "eventbrite", "post"})


def group_channel(channel: pd.Series) -> np.ndarray:
    """True for each meeting on a channel of :data:`GROUP_CHANNELS` (exactly, or by its last word).

    Parameters
    ----------
    channel : Series
        Each meeting's channel.

    Examples
    --------
    >>> group_channel(pd.Series(["coffee", "Tech Meetup", "webinar", None])).tolist()
    [False, True, True, False]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(channel):
        return np.zeros(0, dtype=bool)
    # the Arrow strings as they lie (pa.array of the Series itself takes 0.1 s a million rows; of its .array, nothing)
    arr = pa.array((channel if channel.dtype == STR else channel.astype(STR)).array)
    distinct = pc.unique(arr).to_pylist()  # a few distinct channels, not every row
    names = pd.Series(distinct, dtype=object).fillna("").str.strip().str.lower()
    hit = (names.isin(GROUP_CHANNELS) | names.str.split().str[-1].isin(GROUP_CHANNELS)).to_numpy(dtype=bool)
    groups = pa.array([d for d, h in zip(distinct, hit) if h and d is not None], type=arr.type)
    return pc.is_in(arr, value_set=groups).to_numpy(zero_copy_only=False).astype(bool)


#: The modes, in the order of :func:`mode_codes` (0 solo, 1 one_to_one, 2 one_to_many).
MODES = ("solo", "one_to_one", "one_to_many")


def mode_labels(codes: np.ndarray, index: pd.Index) -> pd.Series:
    """The :data:`MODES` named by ``codes``, as Arrow strings.

    Parameters
    ----------
    codes : ndarray
        Positions in :data:`MODES`, one per meeting.
    index : Index
        The meetings' index.
    """
    return pd.Series(pd.array(list(MODES), dtype=STR).take(codes), index=index, name="mode")


def mode_codes(n_people: pd.Series, audience: pd.Series, channel: pd.Series | None = None) -> np.ndarray:
    """:func:`compute_mode` as positions in :data:`MODES` (0 solo, 1 one_to_one, 2 one_to_many).

    Parameters
    ----------
    n_people : Series
        Other people listed at each meeting.
    audience : Series
        Head count of an unlisted audience, or NaN.
    channel : Series, optional
        Each meeting's channel (:func:`group_channel`).
    """
    n = n_people.to_numpy()
    many = (pd.to_numeric(audience, errors="coerce").fillna(0).to_numpy() > 0) | (n >= 2)
    if channel is not None:
        many |= group_channel(channel) & (n >= 1)
    return np.where(many, 2, np.where(n == 1, 1, 0))
