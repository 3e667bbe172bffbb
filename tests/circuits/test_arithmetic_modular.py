"""Exhaustive checks of Beauregard's modular arithmetic on basis states vs Python integers."""

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qcog.algorithms.resource_estimate import controlled_multiplication_cx, modular_adder_cx
from qcog.circuits.arithmetic_modular import (
    controlled_modular_multiplication,
    multiply_add_mod,
    phi_add_mod,
)
from qcog.circuits.metrics import cost_in_basis
from qcog.circuits.qft import qft_circuit
from qcog.exceptions import QcogValueError


def assert_permutes(qc, mapping: dict[int, int]) -> None:
    """``qc`` maps every basis state ``|x>`` (x in ``mapping``) to exactly ``|mapping[x]>``.

    One evolution of ``sum_x c_x |x>`` with distinct real weights checks all inputs at
    once, phases included: the output must equal ``sum_x c_x |mapping[x]>``.
    """
    dim = 2**qc.num_qubits
    inputs = sorted(mapping)
    weights = np.arange(1, len(inputs) + 1, dtype=float)
    weights /= np.linalg.norm(weights)
    state = np.zeros(dim, dtype=complex)
    state[inputs] = weights
    expected = np.zeros(dim, dtype=complex)
    expected[[mapping[x] for x in inputs]] = weights
    assert len(set(mapping.values())) == len(inputs), "expected map is not injective"
    out = Statevector(state).evolve(qc).data
    bad = np.flatnonzero(~np.isclose(out, expected, atol=1e-7))
    assert bad.size == 0, f"wrong amplitudes at basis states {bad[:5].tolist()}"


def modular_adder_in_basis(a: int, N: int) -> QuantumCircuit:
    m = N.bit_length() + 1
    qc = QuantumCircuit(m + 3)
    b = list(range(2, 2 + m))
    qc.compose(qft_circuit(m, do_swaps=False), b, inplace=True)
    qc.compose(phi_add_mod(a, N), range(m + 3), inplace=True)
    qc.compose(qft_circuit(m, inverse=True, do_swaps=False), b, inplace=True)
    return qc


@pytest.mark.parametrize("N", [2, 3, 5, 7])
def test_modular_adder_all_inputs(N):
    for a in range(N):
        mapping = {
            controls | b << 2: controls | ((b + a) % N if controls == 3 else b) << 2
            for controls in range(4)
            for b in range(N)
        }  # the ancilla (qubit m + 2) starts and ends at 0
        assert_permutes(modular_adder_in_basis(a, N), mapping)


@pytest.mark.parametrize("N", [3, 5, 7])
def test_multiply_add_all_inputs(N):
    n = N.bit_length()
    for a in range(N):
        mapping = {
            c | x << 1 | b << (n + 1): c | x << 1 | (b + c * a * x) % N << (n + 1)
            for c in (0, 1)
            for x in range(2**n)
            for b in range(N)
        }
        assert_permutes(multiply_add_mod(a, N), mapping)


@pytest.mark.parametrize("N,bases", [(3, None), (5, None), (7, None), (9, None), (15, (2, 7, 11))])
def test_controlled_multiplication_all_inputs(N, bases):
    for a in bases or [a for a in range(1, N) if math.gcd(a, N) == 1]:
        mapping = {c | x << 1: c | (a * x % N if c else x) << 1 for c in (0, 1) for x in range(N)}
        assert_permutes(controlled_modular_multiplication(a, N), mapping)  # b, anc stay 0


@pytest.mark.parametrize("N", [3, 7, 13])
def test_cx_counts_match_the_formula(N):
    n = N.bit_length()
    assert cost_in_basis(phi_add_mod(1, N), optimization_level=0).twoq_gates == modular_adder_cx(n)
    built = cost_in_basis(controlled_modular_multiplication(2, N), optimization_level=0)
    assert built.twoq_gates == controlled_multiplication_cx(n)
    assert built.qubits == 2 * n + 3


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: phi_add_mod(5, 5), "0 <= a < N"),
        (lambda: multiply_add_mod(1, 1), "N >= 2"),
        (lambda: controlled_modular_multiplication(3, 9), "not coprime"),
        (lambda: controlled_modular_multiplication(2.0, 9), "integer"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(QcogValueError, match=match):
        call()
