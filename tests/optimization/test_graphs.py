"""Graph specs as data in one loop; edge-list files; empty and malformed graphs refused."""

import networkx as nx
import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.graphs import make_graph

#: spec -> (nodes, edges)
SPECS = {"regular:3:12": (12, 18), "regular:3:16:5": (16, 24), "er:10:1.0": (10, 45),
         "complete:5": (5, 10), "cycle:7": (7, 7), "petersen": (10, 15)}


@pytest.mark.parametrize("spec", sorted(SPECS))
def test_specs(spec):
    g = make_graph(spec)
    assert (g.number_of_nodes(), g.number_of_edges()) == SPECS[spec]
    assert sorted(g.nodes) == list(range(g.number_of_nodes()))
    assert all(d["weight"] == 1.0 for _, _, d in g.edges(data=True))


def test_seeded_generation_is_reproducible():
    assert sorted(make_graph("er:12:0.4:3").edges) == sorted(make_graph("er:12:0.4:3").edges)
    assert sorted(make_graph("regular:3:12:1").edges) != sorted(make_graph("regular:3:12:2").edges)


def test_edge_list_file_with_weights_and_comments(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("# a weighted triangle\na b 2.5\nb c\nc a 0.5  # light\n")
    g = make_graph(str(path))
    weights = sorted(d["weight"] for _, _, d in g.edges(data=True))
    assert weights == [0.5, 1.0, 2.5]
    assert {g.nodes[i]["label"] for i in g.nodes} == {"a", "b", "c"}


def test_networkx_graph_is_relabelled():
    g = make_graph(nx.Graph([("x", "y"), ("y", "z")]))
    assert sorted(g.edges) == [(0, 1), (1, 2)]


@pytest.mark.parametrize("spec, match", [("er:6:0.0", "no edges"), ("regular:3:7", "no 3-regular"),
                                         ("hexagon:6", "neither"), ("er:5:2", "P"),
                                         ("regular:x:5", "integers")])
def test_bad_specs(spec, match):
    with pytest.raises(QcogValueError, match=match):
        make_graph(spec)


@pytest.mark.parametrize("text, match", [("1 2 heavy\n", "line 1"), ("1 1\n", "self-loop"),
                                         ("# nothing\n", "no edges")])
def test_bad_edge_lists(tmp_path, text, match):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(QcogValueError, match=match):
        make_graph(str(path))
