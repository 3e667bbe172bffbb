"""Grover circuits against the reference simulator and a direct numpy Grover iteration."""

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit, transpile

from qcog.circuits.grover import diffuser, grover_circuit
from qcog.circuits.oracles import marked_oracle
from qcog.exceptions import QcogValueError
from qcog.testing import reference_statevector


def _reference(circuit) -> np.ndarray:
    compiled = transpile(
        circuit, basis_gates=["cx", "rz", "sx", "x"], optimization_level=1, seed_transpiler=7
    )
    return reference_statevector(compiled)


def _numpy_grover(n: int, marked, k: int, prep: np.ndarray | None = None) -> np.ndarray:
    """Textbook amplitude amplification on vectors: psi -> A S0 A^dag (-1)^f psi, with -1."""
    size = 2**n
    a_matrix = np.full((size, size), 1 / math.sqrt(size)) if prep is None else prep
    if prep is None:  # H^n as a matrix
        h = np.array([[1, 1], [1, -1]]) / math.sqrt(2)
        a_matrix = np.array([[1.0]])
        for _ in range(n):
            a_matrix = np.kron(h, a_matrix)
    psi = a_matrix[:, 0].astype(complex)
    start = psi.copy()
    for _ in range(k):
        psi[list(marked)] *= -1
        psi = 2 * start * np.vdot(start, psi) - psi
    return psi


@pytest.mark.parametrize(
    "n,marked,k,helpers",
    [
        (2, [3], 1, 0),
        (3, [5], 2, 0),
        (4, [0, 9], 1, 1),
        (4, [1, 2, 4, 8], 3, 1),
        (5, [7], 4, 1),
        (3, range(6), 1, 0),
    ],
)
def test_statevector_matches_numpy_grover(n, marked, k, helpers):
    oracle = marked_oracle(list(marked), n)
    state = _reference(grover_circuit(oracle, k, helpers=helpers, measure=False))
    assert np.allclose(state[2**n :], 0, atol=1e-9)
    assert np.allclose(state[: 2**n], _numpy_grover(n, marked, k), atol=1e-7)


@pytest.mark.parametrize("n,m", [(3, 1), (4, 2), (5, 3)])
def test_success_probability_is_sin_squared(n, m):
    oracle = marked_oracle(list(range(m)), n)
    theta = math.asin(math.sqrt(m / 2**n))
    for k in range(4):
        probs = np.abs(_reference(grover_circuit(oracle, k, measure=False))) ** 2
        assert math.isclose(probs[:m].sum(), math.sin((2 * k + 1) * theta) ** 2, abs_tol=1e-9)


def test_amplitude_amplification_with_state_preparation():
    prep = QuantumCircuit(2)
    prep.ry(0.7, 0)
    prep.ry(1.9, 1)
    prep.cx(0, 1)
    oracle = marked_oracle([2], 2)
    a_matrix = _reference_unitary(prep)
    state = _reference(grover_circuit(oracle, 2, state_preparation=prep, measure=False))
    assert np.allclose(state, _numpy_grover(2, [2], 2, a_matrix), atol=1e-7)


def _reference_unitary(circuit) -> np.ndarray:
    size = 2**circuit.num_qubits
    columns = []
    for j in range(size):
        qc = QuantumCircuit(circuit.num_qubits)
        for q in range(circuit.num_qubits):
            if j >> q & 1:
                qc.x(q)
        columns.append(reference_statevector(qc.compose(circuit)))
    return np.array(columns).T


def test_diffuser_is_reflection_about_uniform_state():
    size = 8
    expected = 2 * np.full((size, size), 1 / size) - np.eye(size)
    compiled = transpile(diffuser(3), basis_gates=["cx", "rz", "sx", "x"], optimization_level=1)
    assert np.allclose(_reference_unitary(compiled), expected, atol=1e-9)


def test_circuit_measures_only_search_qubits_and_rejects_bad_iterations():
    qc = grover_circuit(marked_oracle([1], 5), 1, helpers=1)
    assert qc.num_qubits == 6 and qc.num_clbits == 5
    with pytest.raises(QcogValueError, match="integer >= 0"):
        grover_circuit(marked_oracle([1], 3), -1)
    with pytest.raises(QcogValueError, match="exactly the 3 search qubits"):
        grover_circuit(marked_oracle([1], 3), 1, state_preparation=QuantumCircuit(2))
