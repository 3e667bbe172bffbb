"""Grover's formulas: a table of known cases plus brute-force checks of the optimum."""

import math

import pytest

from qcog.algorithms import grover_theory as theory
from qcog.exceptions import QcogValueError

#: (M, N, optimal k, success probability at k)
KNOWN = [
    (1, 4, 1, 1.0),
    (1, 8, 2, 0.9453125),
    (1, 16, 3, 0.9613190),
    (4, 16, 1, 1.0),
    (1, 1024, 25, 0.9994612),
    (1, 2**20, 804, 0.9999998),
    (11, 16, 0, 11 / 16),
    (16, 16, 0, 1.0),
    (0, 16, 0, 0.0),
]


@pytest.mark.parametrize("m,n,k,p", KNOWN)
def test_known_cases(m, n, k, p):
    theta = theory.rotation_angle(m, n)
    assert theory.optimal_iterations(theta) == k
    assert theory.success_probability(k, theta) == pytest.approx(p, abs=1e-6)


@pytest.mark.parametrize("n", [2, 4, 6])
def test_optimal_iterations_is_best_first_peak(n):
    size = 2**n
    for m in range(1, size + 1):
        theta = theory.rotation_angle(m, size)
        k = theory.optimal_iterations(theta)
        first_peak = range(math.ceil(math.pi / (4 * theta)) + 1)
        best = max(theory.success_probability(j, theta) for j in first_peak)
        assert theory.success_probability(k, theta) == pytest.approx(best, abs=1e-12)


def test_classical_expected_queries_and_bbht_rounds():
    assert theory.classical_expected_queries(1, 15) == 8.0
    assert theory.classical_expected_queries(0, 15) == 16.0
    assert (
        (3 / 4) ** theory.bbht_rounds_after_cap(0.01)
        <= 0.01
        < (3 / 4) ** (theory.bbht_rounds_after_cap(0.01) - 1)
    )


def test_explanations_and_bad_values():
    assert "M > N/2" in theory.explain(11, 16)
    assert "M = N" in theory.explain(16, 16)
    assert "M = 0" in theory.explain(0, 16)
    assert theory.explain(1, 16) == ""
    with pytest.raises(QcogValueError):
        theory.rotation_angle(17, 16)
    with pytest.raises(QcogValueError):
        theory.angle_from_probability(1.5)
