"""Graphs for MaxCut: networkx graphs, edge-list files, or generated from a short spec.

Specs: ``regular:D:N[:SEED]`` (random D-regular), ``er:N:P[:SEED]`` (Erdos-Renyi G(N, P)),
``complete:N``, ``cycle:N``, ``petersen``; anything else is read as an edge-list file
(one ``u v [weight]`` per line, ``#`` comments). Nodes are relabelled ``0 .. n-1`` in
sorted order (the original labels are kept in the node attribute ``label``); an edge
without a weight has weight 1.

>>> g = make_graph("regular:3:10:7")
>>> g.number_of_nodes(), g.number_of_edges(), sorted(set(d for _, d in g.degree()))
(10, 15, [3])
>>> make_graph("er:5:0.0")
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: graph 'er:5:0.0' has no edges: MaxCut needs at least one edge
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError

SPECS = "regular:D:N[:SEED], er:N:P[:SEED], complete:N, cycle:N, petersen, or an edge-list file"


def _ints(parts: list[str], spec: str) -> list[int]:
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise QcogValueError(f"graph spec {spec!r}: expected integers; accepted: {SPECS}") from None


def _generated(spec: str):
    import networkx as nx

    kind, *args = spec.strip().split(":")
    kind = kind.lower()
    if kind == "regular" and len(args) in (2, 3):
        d, n, *seed = _ints(args, spec)
        if n < 1 or d < 0 or d >= n or (n * d) % 2:
            raise QcogValueError(f"no {d}-regular graph on {n} nodes (need 0 <= d < n and n*d even)")
        return nx.random_regular_graph(d, n, seed=seed[0] if seed else 0)
    if kind == "er" and len(args) in (2, 3):
        n = _ints(args[:1], spec)[0]
        try:
            p = float(args[1])
        except ValueError:
            raise QcogValueError(f"graph spec {spec!r}: P must be a probability") from None
        if not 0 <= p <= 1 or n < 1:
            raise QcogValueError(f"graph spec {spec!r}: need N >= 1 and 0 <= P <= 1")
        seed = _ints(args[2:], spec)[0] if len(args) == 3 else 0
        return nx.gnp_random_graph(n, p, seed=seed)
    if kind == "complete" and len(args) == 1:
        return nx.complete_graph(_ints(args, spec)[0])
    if kind == "cycle" and len(args) == 1:
        return nx.cycle_graph(_ints(args, spec)[0])
    if kind == "petersen" and not args:
        return nx.petersen_graph()
    return None


def read_edge_list(path: str | os.PathLike) -> Any:
    """A graph from an edge-list file: ``u v [weight]`` per line, ``#`` comments.

    Raises:
        QcogValueError: a malformed line (its number is given) or a self-loop.
    """
    import networkx as nx

    graph = nx.Graph()
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        try:
            if len(parts) not in (2, 3):
                raise ValueError
            weight = float(parts[2]) if len(parts) == 3 else 1.0
        except ValueError:
            raise QcogValueError(f"{path}, line {number} ({raw.strip()!r}): expected 'u v [weight]'") from None
        u, v = (int(p) if p.lstrip("-").isdigit() else p for p in parts[:2])
        if u == v:
            raise QcogValueError(f"{path}, line {number}: self-loop on node {u!r}")
        graph.add_edge(u, v, weight=graph.get_edge_data(u, v, {"weight": 0.0})["weight"] + weight)
    return graph


def normalize(graph: Any, label: str = "graph") -> Any:
    """A copy with nodes ``0 .. n-1`` (sorted by label) and a float ``weight`` on every edge.

    Raises:
        QcogValueError: no edges, self-loops, or a non-numeric weight.
    """
    import networkx as nx

    if graph.number_of_edges() == 0:
        raise QcogValueError(f"graph {label!r} has no edges: MaxCut needs at least one edge")
    if nx.number_of_selfloops(graph):
        raise QcogValueError(f"graph {label!r} has self-loops; MaxCut takes simple graphs")
    nodes = sorted(graph.nodes, key=lambda v: (str(type(v)), v))
    index = {v: i for i, v in enumerate(nodes)}
    out = nx.Graph(name=label)
    out.add_nodes_from((i, {"label": v}) for v, i in index.items())
    for u, v, data in graph.edges(data=True):
        weight = data.get("weight", 1.0)
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise QcogValueError(f"edge ({u}, {v}) has a non-numeric weight {weight!r}") from None
        out.add_edge(index[u], index[v], weight=weight)
    return out


def make_graph(source: Any) -> Any:
    """A normalised graph from a networkx graph, a generator spec or an edge-list file path.

    Raises:
        QcogValueError: an unknown spec or missing file, an empty graph, bad weights.
    """
    if hasattr(source, "edges") and hasattr(source, "nodes"):
        return normalize(source, getattr(source, "name", "") or "graph")
    spec = str(source)
    graph = _generated(spec)
    if graph is None:
        if not os.path.isfile(spec):
            raise QcogValueError(f"graph {spec!r} is neither a known spec nor a file; accepted: {SPECS}")
        graph = read_edge_list(spec)
    return normalize(graph, spec)
