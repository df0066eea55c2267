"""netlib never makes a network request: loading, analysing, charting and pseudonymising with the network cut off."""

import socket

import pytest

import netlib

from .conftest import DATA


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"netlib tried to reach the network: {args[1:] or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_everything_works_offline(no_network, tmp_path):
    net = netlib.load(DATA / "exports", tz="Europe/London",
                      events={"eventbrite.csv": {"start": "2024-12-05T18:00"}, "meetup.tsv": {"start": "2019-03-28T19:00"}})
    sample = netlib.load_sample()
    for n in (net, sample):
        netlib.reach(n, by="mode")
        netlib.effort(n)
        netlib.status(n)
        netlib.referral_reach(n)
        netlib.plots.plot_effort(netlib.effort(n))
    netlib.survival(sample)
    netlib.fit_half_life(sample)
    netlib.write_csv(netlib.anonymize.pseudonymize(net), tmp_path)
