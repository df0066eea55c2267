"""The embedded sample: where it is (:func:`sample_path`), opening it (:func:`load_sample`), and
writing a generated network as one (:func:`write_sample`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from netlib._files import OutputFolder, write_files
from netlib.datasets._generate import generate
from netlib.datasets._mail import write_mbox
from netlib.datasets._personas import SAMPLE_ARGS
from netlib.io import load, write_csv
from netlib.model import Network


def sample_path() -> Path:
    """The folder holding the embedded sample (``data/sample``).

    From a repository checkout (or an editable install), ``data/sample`` itself; installed from
    a wheel, the copy the wheel carries (``netlib/_shipped/sample``).  ``NETLIB_SAMPLE``
    overrides both.

    Examples
    --------
    >>> (sample_path() / "meetings.csv").exists()
    True
    """
    env = os.environ.get("NETLIB_SAMPLE")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[1]  # netlib/
    for cand in (here.parent / "data" / "sample", here / "_shipped" / "sample"):
        if (cand / "meetings.csv").exists():
            return cand
    raise FileNotFoundError(
        f"netlib's sample data is missing: neither {here.parent / 'data' / 'sample'} nor {here / '_shipped' / 'sample'} "
        "holds it. Reinstall netlib, or write a sample of your own with `netlib sample --out DIR`"
    )


def load_sample() -> Network:
    """Load the embedded sample network (``data/sample``), with its truth.

    Examples
    --------
    >>> net = load_sample()
    >>> net.me.name
    'Alex Morgan'
    >>> 200 < len(net.contacts) < 1000 and 1000 <= len(net.meetings) <= 3000
    True
    """
    folder = sample_path()
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    net = load(folder / "contacts.csv", folder / "meetings.csv", me=[truth["me"]["name"], truth["me"]["email"]], tz=truth["me"]["tz"])
    net.truth = truth
    return net


def write_sample(folder: str | os.PathLike, *, mailbox: bool = False, **kwargs) -> Network:
    """Generate a network and write it as canonical CSVs plus ``truth.json``.

    Parameters
    ----------
    folder : path
        Where to write ``contacts.csv``, ``meetings.csv`` and ``truth.json`` (created).  Never over
        a file of those names that netlib did not write there, nor through a link
        (:class:`netlib.OutputError` before any work; see :func:`netlib.write_csv`).
    mailbox : bool
        Also write ``mail.mbox``: the last year of e-mail with 40 of the owner's contacts (their
        own addresses, so that mail and calendar name the same people), plus newsletters,
        notifications, broadcasts and one-way mail (:func:`write_mbox`); its planted truth is
        ``truth["mail"]``.
    **kwargs
        Passed to :func:`generate`; default the arguments of the embedded sample (:data:`SAMPLE_ARGS`).

    Examples
    --------
    >>> import tempfile
    >>> net = write_sample(tempfile.mkdtemp(), mailbox=True, years=1)
    >>> sorted(net.truth["mail"])[:2]
    ['broadcasts', 'interactions']
    """
    args = {**SAMPLE_ARGS, **kwargs}
    folder = Path(folder)
    names = ["contacts.csv", "meetings.csv", "truth.json"] + (["mail.mbox"] if mailbox else [])
    OutputFolder(folder, names).check()  # before any work: never over a file of the user's (checked again as each is written)
    net = generate(**args)
    write_csv(net, folder)
    if mailbox:
        c = net.contacts[net.contacts["email"].fillna("").str.contains("@")]
        pick = c.sample(n=min(40, len(c)), random_state=int(args["seed"]))
        end = net.meetings["start"].max()
        net.truth["mail"] = write_mbox(Path(folder, "mail.mbox"), seed=int(args["seed"]), owner=net.me.emails[0],
                                       people=dict(zip(pick["email"], pick["name"], strict=True)), days=365,
                                       start=str((end - pd.Timedelta(days=365)).date()))
    write_files(folder, {"truth.json": json.dumps(net.truth, indent=2, default=str, ensure_ascii=False) + "\n"})
    return net
