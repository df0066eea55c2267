"""What a notebook opens (:func:`open_network`), and what a report hands its notebooks: the network
it loaded (:func:`write_snapshot`) and the facts it worked out on it (:func:`write_facts`), in files
whose arrays are mapped, not read (:func:`_write_mapped`, :func:`_read_mapped`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from netlib.anonymize import pseudonymize
from netlib.datasets._sample import load_sample
from netlib.io import load
from netlib.model import Network


def open_network(sources=None, *, me=None, tz: str = "UTC", anonymize: bool = False, salt: str | None = None,
                 **load_options) -> Network:
    """What a notebook or report opens: the given sources, or the embedded sample.

    Parameters
    ----------
    sources : path or list of paths, optional
        Files or folders; None or empty means the sample (``data/sample``).
    me, tz
        As for :func:`load`.
    anonymize : bool
        Replace names, addresses and free text with pseudonyms
        (:func:`netlib.anonymize.pseudonymize`).
    salt : str, optional
        The secret the pseudonyms are made with; default ``NETLIB_SALT`` from the environment, else
        a new random one (:func:`netlib.anonymize.secret_salt`).
    **load_options
        Passed to :func:`load` (``merge``, ``message_minutes``, ``day_first``, ``events``).

    Examples
    --------
    >>> net = open_network(anonymize=True)
    >>> net.me.name
    'You'
    """
    snap = os.environ.get(SNAPSHOT_ENV)
    if snap and Path(snap).is_file():  # a report's notebook: the network its report loaded once
        saved = _read_mapped(snap)
        if saved["key"] == snapshot_key(sources, me, tz, anonymize, load_options):
            net = saved["net"]
            facts = os.environ.get(FACTS_ENV)
            if facts and Path(facts).is_file():  # what the report worked out for its pages meanwhile
                more = _read_mapped(facts)
                if more["key"] == saved["key"]:
                    net.adopt_facts(more["facts"])
            return net
    if sources is None or (not isinstance(sources, (str, os.PathLike)) and len(sources) == 0):
        net = load_sample()
    else:
        paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        net = load(*paths, me=me, tz=tz, **load_options)
    if anonymize:
        net = pseudonymize(net, salt)
    return net


#: The environment variable that points a report's notebooks at the network the report loaded.
SNAPSHOT_ENV = "NETLIB_SNAPSHOT"

#: The environment variable that points a report's notebooks at what it worked out on that network
#: for several pages (:func:`write_facts`), written after the network, once ready.
FACTS_ENV = "NETLIB_FACTS"


def snapshot_key(sources, me, tz, anonymize, load_options) -> str:
    """What a snapshot was made from: a notebook uses it only when its own parameters are the same.

    Parameters
    ----------
    sources, me, tz, anonymize, load_options
        As for :func:`open_network`.

    Examples
    --------
    >>> snapshot_key(None, None, "UTC", False, {}) == snapshot_key([], None, "UTC", False, {})
    False
    """
    paths = sources if sources is None or isinstance(sources, (str, os.PathLike)) else list(sources)
    return json.dumps([paths, me, tz, bool(anonymize), load_options], sort_keys=True, default=str)


def write_snapshot(net: Network, path: str | os.PathLike, key: str) -> Path:
    """Save ``net`` for the notebooks of one report (:data:`SNAPSHOT_ENV`): they open it in
    milliseconds instead of loading every file again, its arrays mapped from the file, not read
    (:func:`_write_mapped`), so that every page's kernel shares them in memory.

    Parameters
    ----------
    net : Network
        The network the report loaded (anonymised already, when it is).
    path : path
        Where to write it (the report's private build folder).
    key : str
        :func:`snapshot_key` of the parameters it was loaded with.
    """
    return _write_mapped({"key": key, "net": net}, path)


def write_facts(net: Network, path: str | os.PathLike, key: str, since: set[str] | frozenset[str] = frozenset()) -> Path:
    """Save what was worked out on ``net`` since its snapshot was written (the facts not named in
    ``since``), for the notebooks of one report (:data:`FACTS_ENV`): :func:`open_network` adds
    them to the snapshot's network.  Written whole or not at all (a notebook may open the network
    meanwhile).

    Parameters
    ----------
    net : Network
        The network of the snapshot.
    path : path
        Where to write them (the report's private build folder).
    key : str
        The snapshot's :func:`snapshot_key`.
    since : set of str
        Names of the facts the snapshot holds already.
    """
    return _write_mapped({"key": key, "facts": {k: v for k, v in net.valid_facts().items() if k not in since}}, path)


#: The first bytes of a file :func:`_write_mapped` writes.
_MAPPED = b"netlib mapped 1\n"


def _write_mapped(obj, path: str | os.PathLike) -> Path:
    """Pickle ``obj`` (protocol 5) with its arrays' memory out of band, each at an offset of a
    multiple of 64, so that :func:`_read_mapped` maps them instead of copying them; written whole
    or not at all (to a neighbouring file, then renamed).  Layout: :data:`_MAPPED`, the number of
    arrays and the pickle's length, each array's offset and length (little-endian 64-bit), the
    pickle, the arrays."""
    import pickle
    import struct

    buffers: list = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    views = [b.raw() for b in buffers]
    at = len(_MAPPED) + 16 + 16 * len(views) + len(data)
    table = []
    for v in views:
        at += -at % 64
        table.append((at, v.nbytes))
        at += v.nbytes
    path = Path(path)
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as f:
        f.write(_MAPPED + struct.pack("<2Q", len(views), len(data)) + b"".join(struct.pack("<2Q", *t) for t in table))
        f.write(data)
        for (offset, _), v in zip(table, views, strict=True):
            f.write(bytes(offset - f.tell()))
            f.write(v)
    os.replace(part, path)
    return path


def _read_mapped(path: str | os.PathLike):
    """What :func:`_write_mapped` wrote, its arrays on a private (copy-on-write) map of the file:
    nothing is read until used, and the processes that open the same file share its pages in
    memory until one of them changes an array."""
    import mmap
    import pickle
    import struct

    with open(path, "rb") as f:
        view = memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY))
    if bytes(view[:len(_MAPPED)]) != _MAPPED:
        raise ValueError(f"{path}: not a file netlib wrote for a report's pages")
    head = len(_MAPPED)
    n, size = struct.unpack_from("<2Q", view, head)
    table = [struct.unpack_from("<2Q", view, head + 16 + 16 * i) for i in range(n)]
    start = head + 16 + 16 * n
    # written by this user's own report, in its private build folder
    return pickle.loads(view[start:start + size], buffers=[view[o:o + k] for o, k in table])
