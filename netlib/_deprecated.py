"""The old spellings of one release ago, kept working for one more release with a warning.

In netlib 0.1, ``netlib.reach``, ``netlib.effort`` and ``netlib.plan`` were modules that could be called
like their main function (issue #29).  They are functions now, and their modules moved to
:mod:`netlib.analysis`.  What a user's code or notebook may still say:

* ``from netlib.plan import learn`` and ``import netlib.plan``: a stand-in module stays in
  ``sys.modules`` under the old name, whose module ``__getattr__`` warns and hands over the name from
  its new home (the import system finds a name in ``sys.modules`` before it looks for a file, and
  then does not set it on :mod:`netlib`, so ``netlib.plan`` stays the function);
* ``netlib.plan.learn(net)``: the function ``netlib.plan`` carries each public function of its old
  module as an attribute that warns when called.  Constants (``netlib.plan.METRICS``) are there too,
  without a warning: an attribute of a function cannot run code when read.

Both warnings are :class:`DeprecationWarning` naming the new spelling.  They go in netlib 0.3.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
import warnings

#: old module name -> new module name
MOVED = {
    "netlib.reach": "netlib.analysis.reach",
    "netlib.effort": "netlib.analysis.effort",
    "netlib.plan": "netlib.analysis.plan",
}


def _warn(old: str, new: str) -> None:
    warnings.warn(f"{old} is now {new}; the old spelling goes in netlib 0.3", DeprecationWarning, stacklevel=3)


def _stand_in(old: str, new: str) -> types.ModuleType:
    stand_in = types.ModuleType(old, f"Moved to :mod:`{new}`; this name warns and goes in netlib 0.3.")

    def __getattr__(name: str):
        if name.startswith("__"):  # what tools ask of any module (__file__, __wrapped__): not a moved name
            raise AttributeError(name)
        target = importlib.import_module(new)
        try:
            value = getattr(target, name)
        except AttributeError:
            raise AttributeError(f"module {old!r} (now {new!r}) has no attribute {name!r}") from None
        _warn(f"{old}.{name}", f"{new}.{name}")
        return value

    stand_in.__getattr__ = __getattr__
    return stand_in


def _warning_alias(func, old: str, new: str):
    @functools.wraps(func)
    def alias(*args, **kwargs):
        _warn(old, new)
        return func(*args, **kwargs)

    return alias


def install(package: types.ModuleType) -> None:
    """Put the stand-ins in ``sys.modules`` and the old attributes on the functions of *package*."""
    for old, new in MOVED.items():
        sys.modules.setdefault(old, _stand_in(old, new))
        module = importlib.import_module(new)
        func = getattr(package, old.rsplit(".", 1)[1])
        for name in module.__all__:  # (every moved module names its public names)
            value = getattr(module, name)
            if callable(value) and not isinstance(value, type):
                value = _warning_alias(value, f"{old}.{name}", f"{new}.{name}")
            if not hasattr(func, name):
                setattr(func, name, value)
