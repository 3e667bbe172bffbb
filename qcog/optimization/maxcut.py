"""Weighted MaxCut as an Ising problem: cut ``C(x) = sum_{(u,v)} w_uv [x_u != x_v]``.

Since ``[x_u != x_v] = (1 - s_u s_v) / 2``, maximising the cut is minimising
``E(s) = -C = -W/2 + sum w_uv / 2 * s_u s_v`` (``W`` the total weight): an
:class:`~qcog.optimization.ising.IsingProblem` with ``J_uv = w_uv / 2`` and offset
``-W/2``, so ``cut = -energy``. :func:`cut_value` counts the cut edge by edge, from the
graph, as the independent check of every reported solution.

>>> problem = maxcut_problem("cycle:4")
>>> problem.energy((0, 1, 0, 1)), cut_value(problem.graph, (0, 1, 0, 1))
(-4.0, 4.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.optimization.graphs import make_graph
from qcog.optimization.ising import IsingProblem


def maxcut_problem(graph: Any) -> IsingProblem:
    """The Ising form of MaxCut on ``graph`` (a networkx graph, a spec, or an edge-list file).

    Raises:
        QcogValueError: an empty graph, an unknown spec, bad weights.
    """
    g = make_graph(graph)
    couplings = {(min(u, v), max(u, v)): d["weight"] / 2 for u, v, d in g.edges(data=True)}
    total = sum(d["weight"] for _, _, d in g.edges(data=True))
    name = f"MaxCut {g.name or 'graph'} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)"
    return IsingProblem(g.number_of_nodes(), {}, couplings, -total / 2, name, graph=g)


def cut_value(graph: Any, bits: Sequence[int]) -> float:
    """The total weight of the edges whose ends are on different sides (``bits[u] != bits[v]``).

    Raises:
        QcogValueError: ``bits`` does not have one entry per node.
    """
    if len(bits) != graph.number_of_nodes():
        raise QcogValueError(f"a cut needs {graph.number_of_nodes()} bits, got {len(bits)}")
    return float(sum(d.get("weight", 1.0) for u, v, d in graph.edges(data=True)
                     if int(bits[u]) != int(bits[v])))
