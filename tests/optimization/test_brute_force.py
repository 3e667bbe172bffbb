"""Brute force against a plain enumeration; refuses sizes it cannot enumerate."""

import itertools

import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.brute_force import brute_force
from qcog.optimization.ising import IsingProblem
from qcog.optimization.maxcut import maxcut_problem


def test_matches_a_plain_enumeration():
    problem = maxcut_problem("er:9:0.5:4")
    energies = [problem.energy(b) for b in itertools.product((0, 1), repeat=9)]
    exact = brute_force(problem)
    assert exact.min_energy == pytest.approx(min(energies))
    assert exact.max_energy == pytest.approx(max(energies))
    assert exact.optimal_count == sum(abs(e - min(energies)) < 1e-9 for e in energies)
    assert problem.energy(exact.bits) == pytest.approx(exact.min_energy)


def test_known_optima():
    assert brute_force(maxcut_problem("petersen")).min_energy == -12  # max cut of Petersen
    assert brute_force(maxcut_problem("complete:6")).min_energy == -9  # 3 x 3


def test_too_many_variables():
    with pytest.raises(QcogValueError, match="2\\*\\*30"):
        brute_force(IsingProblem(30, {0: 1.0}))
