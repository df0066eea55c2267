"""Outlook contacts (Outlook.com and classic cp1252) and the classic calendar CSV."""

import pandas as pd
import pytest

import netlib
from netlib import DataError
from netlib.io.outlook import date_order

from .conftest import DATA, write

X = DATA / "exports"


def test_outlook_com_contacts():
    c = netlib.load(X / "outlook_com_contacts.csv").contacts
    assert c.loc["bram@example.net", ["name", "company", "title"]].tolist() == ["Bram Sample", "Sample & Co", "Director, Partnerships"]


def test_classic_contacts_cp1252_categories_and_exchange_address():
    net = netlib.load(X / "outlook_classic_contacts.csv")
    r = net.contacts.loc["renee@example.fr"]
    assert (r["name"], r["company"], r["tags"]) == ("Renée Exemple", "Société Exemple", "conference;clients")
    p = net.problems.iloc[0]
    assert (p["column"], p["action"], p["line"]) == ("E-mail Address", "cleared", 4)  # row 1 had a CRLF in its notes


def test_calendar_us_locale():
    net = netlib.load(X / "outlook_calendar_us.csv", tz="Europe/London")
    m = net.meetings.set_index("title")
    assert m.loc["Coffee with Eli", "start"] == pd.Timestamp("2024-03-06T08:30Z")
    assert m.loc["Quarterly partner sync", "n_people"] == 3  # Bram, Chidi (Placeholder, Chidi), Dana; not the owner, not the room
    assert "Example Conf (offsite)" not in m.index  # an all-day event is no networking meeting: no hours
    assert net.sources["detail"].item() == "dates month first (found in the file)"
    assert "Placeholder, Chidi" not in set(net.contacts["name"]) and "Chidi Placeholder" in set(net.contacts["name"])
    assert net.me.name == "Pat Owner"
    assert net.problems.query("action == 'skipped row'")["value"].tolist() == ["31/31/2024", "True"]  # a bad date, the all-day event


def test_calendar_day_first_locale_detected():
    net = netlib.load(X / "outlook_calendar_nl.csv", tz="Europe/Amsterdam")
    m = net.meetings.set_index("title")
    assert m.loc["Lunch", "start"] == pd.Timestamp("2020-04-03T10:00Z")  # 3 April, 12:00 CEST
    assert m.loc["Overleg", "channel"] == "video"
    assert "day first" in net.sources["detail"].item()


def test_ambiguous_dates_are_a_recorded_guess_or_an_option(tmp_path):
    text = (X / "outlook_calendar_nl.csv").read_text().replace("21-4-2020", "11-4-2020")
    p = write(tmp_path, "cal.csv", text)
    net = netlib.load(p)
    assert net.problems.query("action == 'guessed'")["problem"].str.contains("month first").any()
    assert netlib.load(p, day_first=True).meetings["start"].min() == pd.Timestamp("2020-04-03T12:00Z")
    assert date_order(pd.Series(["13/4/2024"]), None)[0] is True
    with pytest.raises(DataError, match="contradicts"):
        date_order(pd.Series(["4/13/2024"]), True)
