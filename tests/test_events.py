"""Event attendee lists: Eventbrite and Meetup, one one-to-many event each."""

import pandas as pd
import pytest

import netlib
from netlib import DataError

from .conftest import DATA

X = DATA / "exports"


@pytest.mark.parametrize("name,said", [("eventbrite.csv", "an Eventbrite attendee list"), ("meetup.tsv", "a Meetup attendee list")])
def test_an_attendee_list_needs_the_event_date(name, said):
    with pytest.raises(DataError) as err:
        netlib.load(X / name)
    assert f"{said} does not say when the event was" in str(err.value) and f"events={{'{name}'" in str(err.value)  # not "a Eventbrite" (#31)


def test_eventbrite():
    net = netlib.load(X / "eventbrite.csv", events={"eventbrite.csv": {"start": "2024-12-05T18:00", "title": "Data Night",
                                                                      "duration_min": 150}})
    m = net.meetings.iloc[0]
    assert (m["title"], m["duration_min"], m["n_people"], m["mode"]) == ("Data Night", 150, 3, "one_to_many")
    assert m["start"] == pd.Timestamp("2024-12-05T18:00Z")
    assert net.contacts.loc["bram@example.net", "title"] == "Director, Partnerships"
    assert net.problems[["line", "value", "action"]].values.tolist() == [[5, "Refunded", "skipped row"]]


def test_meetup_tab_separated():
    net = netlib.load(X / "meetup.tsv", events={"meetup.tsv": {"start": "2019-03-28T19:00"}})
    assert net.meetings["n_people"].item() == 2  # Chidi was not marked attending
    assert set(net.contacts["name"]) == {"Ada Example", "Bram Sample"}
    assert net.meetings["title"].item() == "meetup"
