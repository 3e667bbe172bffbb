"""MaxCut: energy = -cut for every assignment (the cut counted edge by edge from the graph)."""

import itertools

import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.maxcut import cut_value, maxcut_problem


def test_energy_is_minus_the_cut_on_a_weighted_graph(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("0 1 1.5\n1 2 0.25\n2 3 2\n3 0 1\n0 2 3\n")
    problem = maxcut_problem(str(path))
    for bits in itertools.product((0, 1), repeat=4):
        assert problem.energy(bits) == pytest.approx(-cut_value(problem.graph, bits))


def test_cut_needs_one_bit_per_node():
    problem = maxcut_problem("cycle:4")
    with pytest.raises(QcogValueError, match="4 bits"):
        cut_value(problem.graph, (0, 1))
