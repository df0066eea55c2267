"""A small network worked out by hand, shared by the reach and effort tests.

    day 0   m1 coffee, 60 min, one-to-one with a
    day 10  m2 breakfast club, 90 min, a b c
    day 20  m3 call, 30 min, one-to-one with b
    day 30  m4 post, 15 min, audience 500, nobody listed
    day 40  m5 webinar, 60 min, c d, audience 100
    e: connected 100 days before day 0, never met; d was introduced by c; a is a prospect
"""

import pandas as pd

import netlib

DAY0 = pd.Timestamp("2024-01-01T12:00Z")


def day(d: float) -> pd.Timestamp:
    return DAY0 + pd.Timedelta(days=d)


def hand_network():
    contacts = pd.DataFrame(
        {
            "contact_id": list("abcde"),
            "name": ["Ann", "Ben", "Cat", "Dan", "Eve"],
            "tags": ["prospect", "", "", "", ""],
            "company": ["X", "X", "Y", "", ""],
            "connected_on": ["", "", "", "", day(-100).strftime("%Y-%m-%d")],
            "introduced_by": ["", "", "", "c", ""],
        }
    )
    meetings = pd.DataFrame(
        {
            "meeting_id": ["m1", "m2", "m3", "m4", "m5"],
            "start": [day(d).isoformat() for d in (0, 10, 20, 30, 40)],
            "duration_min": [60, 90, 30, 15, 60],
            "channel": ["coffee", "breakfast club", "call", "post", "webinar"],
            "attendees": ["a", "a;b;c", "b", "", "c;d"],
            "audience": ["", "", "", "500", "100"],
        }
    )
    return netlib.from_frames(contacts, meetings)
