"""Synthetic networks with planted truth, and the embedded sample.

:func:`generate` simulates a working professional's networking day by day.
Group events (breakfast clubs, meetups, conferences, webinars) follow the
persona's calendar; posts reach an audience nobody lists; one-to-one
meetings follow a **self-exciting (Hawkes) process** whose parameters are
planted and returned, so that the analyses can be checked against them:

* each contact *i* has a pull ``S_i(t) = sum_k w_k * 2**(-(t - t_k) / h)``
  over past meetings *k* with them (``w`` = 1 for one-to-one, 0.3 for a group
  meeting: the tie-decay model with half-life ``h``);
* on each day, a one-to-one with *i* happens with probability
  ``1 - exp(-(mu_i + beta * S_i) * f_weekday)``, where ``mu_i`` is the
  contact's own base rate (log-normal across contacts) and ``f_weekday``
  lowers weekends;
* warm contacts introduce new people: each day ``Poisson(gamma * sum_i S_i)``
  introductions, each introducer drawn in proportion to ``S_i``; the new
  contact's first meeting is a one-to-one.

The planted values are in ``Network.truth`` (a dict), and for the sample in
``data/sample/truth.json``.

The package is one room per topic; every public name is here, ``netlib.datasets.X``, the one
spelling to use (the rooms are private):

- ``_personas``: :class:`Persona`, :class:`Club`, :data:`PERSONAS`, :data:`SAMPLE_ARGS`,
  :data:`MAX_YEARS` and the synthetic names the generator draws from;
- ``_generate``: :func:`generate`, the simulation (one method per step of a day) and the assembly
  of its Network;
- ``_mail``: :func:`write_mbox`, a mailbox with planted truth;
- ``_sample``: :func:`sample_path`, :func:`load_sample`, :func:`write_sample`;
- ``_team``: :func:`write_team_sample`, several members' exports with planted overlaps, best
  introducers and ties one member holds (#33);
- ``_snapshot``: :func:`open_network`, and what a report hands its notebooks
  (:func:`snapshot_key`, :func:`write_snapshot`, :func:`write_facts`, the mapped files).
"""

from netlib.datasets._generate import generate
from netlib.datasets._mail import write_mbox
from netlib.datasets._personas import MAX_YEARS as MAX_YEARS
from netlib.datasets._personas import PERSONAS, SAMPLE_ARGS, Club, Persona
from netlib.datasets._sample import load_sample, sample_path, write_sample
from netlib.datasets._snapshot import _MAPPED as _MAPPED
from netlib.datasets._snapshot import FACTS_ENV, SNAPSHOT_ENV, open_network, snapshot_key, write_facts, write_snapshot
from netlib.datasets._snapshot import _read_mapped as _read_mapped
from netlib.datasets._snapshot import _write_mapped as _write_mapped
from netlib.datasets._team import TEAM_SIZES as TEAM_SIZES
from netlib.datasets._team import write_team_sample

# Names imported ``as`` themselves are reached as netlib.datasets.X although not in __all__: the
# limit the command line checks ``--years`` against, and the mapped files the tests open.

__all__ = [
    "generate", "load_sample", "open_network", "sample_path", "write_sample", "write_mbox", "write_snapshot",
    "write_facts", "snapshot_key", "SNAPSHOT_ENV", "FACTS_ENV", "PERSONAS", "SAMPLE_ARGS", "Persona", "Club",
    "write_team_sample",
]

# The public functions and classes say they are netlib.datasets', as before the rooms: what help(),
# Sphinx and the argument tests show, and the one spelling to use.
for _name in __all__:
    _obj = globals()[_name]
    if callable(_obj) and getattr(_obj, "__module__", "").startswith("netlib.datasets."):
        _obj.__module__ = __name__
del _name, _obj
