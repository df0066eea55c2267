"""Mangled input: every reader ends in a DataError or a Network whose rows add up, never in another exception."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netlib
from netlib import DataError

from .conftest import DATA

FIXTURES = sorted(p for p in (DATA / "exports").iterdir() if p.suffix != ".zip") + sorted((DATA / "canonical").glob("*.csv"))
EVENTS = {p.name: {"start": "2024-01-01T10:00"} for p in FIXTURES}


@st.composite
def mangled(draw):
    path = draw(st.sampled_from(FIXTURES))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate_line"]))
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "delete":
            del data[i : i + draw(st.integers(1, 20))]
        elif kind == "insert":
            data[i:i] = draw(st.sampled_from([b",", b'"', b"\n", b";", b"\r\n", b"\x00", b"\xff", b" ::: ", b"BEGIN:VEVENT\r\n",
                                              b"END:VCARD\r\n", b"2024-13-45", b"LinkedIn Member"]))
        elif kind == "replace":
            data[i : i + 1] = bytes([draw(st.integers(0, 255))])
        elif kind == "truncate":
            del data[i:]
        else:
            lines = bytes(data).split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            data = bytearray(b"\n".join(lines[: k + 1] + lines[k:]))
    return path.name, bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_readers_only_raise_data_error(case):
    name, data = case
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        try:
            net = netlib.load(p, events=EVENTS)
        except DataError:
            return
        s = net.sources
        assert (s["rows_read"] == s["rows_kept"] + s["rows_skipped"]).all()
        assert (s["rows_kept"] >= 0).all()
