"""Local search ends in a local minimum: no single flip lowers the energy."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.brute_force import brute_force
from qcog.optimization.local_search import local_search
from qcog.optimization.maxcut import maxcut_problem


def test_result_is_a_one_flip_local_minimum_not_below_the_optimum():
    problem = maxcut_problem("regular:3:14:3")
    found = local_search(problem, restarts=3, seed=0)
    for i in range(problem.n):
        flipped = list(found.bits)
        flipped[i] ^= 1
        assert problem.energy(flipped) >= found.best_energy - 1e-12
    assert found.best_energy >= brute_force(problem).min_energy
    assert found.mean_energy >= found.best_energy


def test_bipartite_graph_is_cut_completely():
    assert local_search(maxcut_problem("cycle:8"), restarts=5, seed=1).best_energy == -8


def test_restarts_must_be_positive():
    with pytest.raises(QcogValueError):
        local_search(maxcut_problem("cycle:4"), restarts=0)
