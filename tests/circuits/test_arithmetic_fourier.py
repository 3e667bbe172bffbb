"""Exhaustive permutation checks of the Fourier adders against Python integer arithmetic."""

import itertools

import numpy as np
import pytest
from qiskit.quantum_info import Operator

from qcog.circuits.arithmetic_fourier import fourier_add_angles, phi_add
from qcog.circuits.qft import qft_circuit
from qcog.exceptions import QcogValueError


def adder_in_computational_basis(value: int, m: int, k: int):
    ctrl, reg = list(range(k)), list(range(k, k + m))
    qc = qft_circuit(m, do_swaps=False).__class__(k + m)
    qc.compose(qft_circuit(m, do_swaps=False), reg, inplace=True)
    qc.compose(phi_add(value, m, k), ctrl + reg, inplace=True)
    qc.compose(qft_circuit(m, inverse=True, do_swaps=False), reg, inplace=True)
    return qc


def expected_permutation(value: int, m: int, k: int) -> np.ndarray:
    dim = 2 ** (k + m)
    out = np.zeros((dim, dim))
    for idx in range(dim):
        controls, b = idx % 2**k, idx >> k
        active = controls == 2**k - 1
        new_b = (b + value) % 2**m if active else b
        out[(new_b << k) | controls, idx] = 1
    return out


@pytest.mark.parametrize(
    "m,k", [(1, 0), (2, 0), (3, 0), (4, 0), (2, 1), (3, 1), (2, 2), (3, 2), (4, 2)]
)
def test_adder_is_exactly_addition_mod_2m_on_all_inputs(m, k, tol):
    for value in itertools.chain(range(2**m), [-1, -(2**m) + 1]):
        op = Operator(adder_in_computational_basis(value, m, k)).data
        np.testing.assert_allclose(op, expected_permutation(value, m, k), atol=1e-7)


def test_angles_are_reduced_and_exact():
    assert fourier_add_angles(4, 2) == [0.0, 0.0]
    assert fourier_add_angles(-1, 3) == pytest.approx([np.pi, -np.pi / 2, -np.pi / 4])


@pytest.mark.parametrize("k,cx", [(0, 0), (1, 0), (2, 2)])
def test_gate_counts(k, cx):
    ops = phi_add(5, 4, k).count_ops()
    assert ops.get("cx", 0) == cx
    assert ops.get("cp", 0) == {0: 0, 1: 4, 2: 12}[k]


def test_bad_controls():
    with pytest.raises(QcogValueError, match="num_controls"):
        phi_add(1, 3, 3)
