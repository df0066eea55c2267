"""The analyses whose module would share its name with its main function.

``netlib.reach``, ``netlib.effort`` and ``netlib.plan`` are functions (the way networkx exports
``networkx.clustering`` from ``networkx.algorithms.cluster``); their modules live here, where a name
means one thing:

* :mod:`netlib.analysis.reach`: how many people you touch, directly and through warm ties;
* :mod:`netlib.analysis.effort`: hours and people per hour, one-to-one against one-to-many;
* :mod:`netlib.analysis.plan`: what a mix of networking time would bring, month by month.

Every public function of these modules is also a name of :mod:`netlib` itself.  The spellings of
the release before (``netlib.plan.learn``, ``from netlib.reach import first_met``) still work for one
release and warn (:mod:`netlib._deprecated`).
"""
