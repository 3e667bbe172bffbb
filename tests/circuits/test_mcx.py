"""Phase flips with and without a helper qubit, checked on the reference simulator."""

import numpy as np
import pytest
from qiskit import QuantumCircuit, transpile

from qcog.circuits.mcx import helpers_for, phase_flip
from qcog.circuits.metrics import cost_in_basis
from qcog.exceptions import QcogValueError
from qcog.testing import reference_statevector


def _flip_diagonal(width: int, value: int, helpers: int) -> np.ndarray:
    """Amplitudes of H^k |0>, then the flip, as simulated by the reference (basis gates)."""
    qc = QuantumCircuit(width + helpers)
    qc.h(range(width))
    phase_flip(qc, range(width), value)
    compiled = transpile(
        qc, basis_gates=["cx", "rz", "sx", "x"], optimization_level=1, seed_transpiler=7
    )
    state = reference_statevector(compiled)
    assert np.allclose(state[2**width :], 0, atol=1e-9), "helper qubit did not return to |0>"
    return state[: 2**width] * np.sqrt(2**width)


@pytest.mark.parametrize(
    "width,value,helpers", [(1, 0, 0), (2, 2, 0), (3, 5, 0), (4, 6, 1), (5, 0, 1), (6, 41, 1)]
)
def test_phase_flip_marks_exactly_one_state(width, value, helpers, tol):
    expected = np.ones(2**width)
    expected[value] = -1
    assert np.allclose(_flip_diagonal(width, value, helpers), expected, atol=1e-7)


@pytest.mark.parametrize("width", [4, 6, 8])
def test_helper_qubit_lowers_two_qubit_count(width):
    def cost(helpers):
        qc = QuantumCircuit(width + helpers)
        phase_flip(qc, range(width))
        return cost_in_basis(qc).twoq_gates

    assert helpers_for(width) == 1
    assert cost(1) < cost(0)
    assert cost(1) <= 6 * width  # linear with one helper (quadratic without)


def test_phase_flip_rejects_bad_values():
    qc = QuantumCircuit(3)
    with pytest.raises(QcogValueError, match=r"\[0, 7\]"):
        phase_flip(qc, range(3), 8)
    with pytest.raises(QcogValueError, match="at least one qubit"):
        phase_flip(qc, [], 0)
