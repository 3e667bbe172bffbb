"""Combinatorial optimisation with QAOA, next to the classical answers.

Problems: weighted MaxCut (networkx graphs, edge-list files, generated regular or
Erdos-Renyi graphs) and general QUBO / Ising models, all as
:class:`~qcog.optimization.ising.IsingProblem`. QAOA at depth ``p`` with p-scaling
initialisations, exact on qcog's torch engine, sampled on Aer, ``fake:`` and ``ibm:``.
Classical baselines: brute force, Goemans-Williamson (SDP with cvxpy), local search.

``import qcog.optimization`` is light; networkx, PennyLane, torch and cvxpy load on first use.

>>> from qcog.optimization import maxcut_problem
>>> maxcut_problem("cycle:4").n
4
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "IsingProblem": "qcog.optimization.ising",
    "from_qubo": "qcog.optimization.ising",
    "from_ising": "qcog.optimization.ising",
    "make_graph": "qcog.optimization.graphs",
    "maxcut_problem": "qcog.optimization.maxcut",
    "cut_value": "qcog.optimization.maxcut",
    "QAOAAnsatz": "qcog.optimization.qaoa_ansatz",
    "QAOAProblem": "qcog.optimization.qaoa",
    "QAOAResult": "qcog.optimization.qaoa",
    "brute_force": "qcog.optimization.brute_force",
    "goemans_williamson": "qcog.optimization.goemans_williamson",
    "local_search": "qcog.optimization.local_search",
    "classical_baselines": "qcog.optimization.baselines",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
