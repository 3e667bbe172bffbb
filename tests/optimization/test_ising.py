"""Ising problems: the vectorised and term-by-term energies agree; QUBO translation is exact."""

import itertools

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.ising import IsingProblem, from_ising, from_qubo


def _random_problem(n=5, seed=0):
    rng = np.random.default_rng(seed)
    h = {i: rng.normal() for i in range(n)}
    J = {(i, j): rng.normal() for i, j in itertools.combinations(range(n), 2) if rng.random() < 0.6}
    return IsingProblem(n, h, J, offset=rng.normal())


def test_vectorised_energies_match_term_by_term():
    problem = _random_problem()
    bits = list(itertools.product((0, 1), repeat=5))
    np.testing.assert_allclose(problem.energies(np.array(bits)), [problem.energy(b) for b in bits])


def test_qubo_translation_reproduces_x_q_x_for_every_bit_string():
    rng = np.random.default_rng(3)
    Q = rng.normal(size=(4, 4))
    problem = from_qubo(Q.tolist(), offset=0.7)
    for bits in itertools.product((0, 1), repeat=4):
        x = np.array(bits)
        assert problem.energy(bits) == pytest.approx(x @ Q @ x + 0.7)


def test_qubo_dict_and_matrix_agree():
    a = from_qubo({(0, 0): 1.0, (0, 1): -3.0, (1, 1): 2.0})
    b = from_qubo([[1.0, -3.0], [0.0, 2.0]])
    assert (a.h, a.J, a.offset) == (b.h, b.J, b.offset)


def test_from_ising_matrix_adds_both_triangles():
    problem = from_ising([0.0, 1.0, 0.0], [[0, 1, 0], [2, 0, 0], [0, 0.5, 0]])
    assert problem.J == {(0, 1): 3.0, (1, 2): 0.5} and problem.h == {1: 1.0}


def test_operator_expectation_is_the_energy_on_basis_states():
    import pennylane as qml

    problem = _random_problem(3, seed=1)
    matrix = qml.matrix(problem.operator(), wire_order=[0, 1, 2])  # wire 0 most significant
    for k, bits in enumerate(itertools.product((0, 1), repeat=3)):
        assert matrix[k, k].real == pytest.approx(problem.energy(bits))


@pytest.mark.parametrize("args, match", [
    ((0,), "at least one"), ((2, {}, {}), "nothing to optimise"), ((2, {5: 1.0}), "0..1"),
    ((2, {}, {(0, 0): 1.0}), "itself"), ((2, {0: "a"}), "number"), ((2, {0: float("nan")}), "finite"),
])
def test_bad_problems(args, match):
    with pytest.raises(QcogValueError, match=match):
        IsingProblem(*args)


def test_bad_matrices():
    with pytest.raises(QcogValueError, match="square"):
        from_qubo([[1, 2], [3]])
    with pytest.raises(QcogValueError, match="diagonal"):
        from_ising([0, 0], [[1, 0], [0, 0]])
