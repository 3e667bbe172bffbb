"""Bound circuits of an ansatz reproduce qcog's torch engine state (and default.qubit's)."""

import numpy as np
import pennylane as qml
import pytest
from qiskit.quantum_info import Statevector

from qcog.chemistry.excitations import excitation_ansatz
from qcog.variational.ansatz import statevector
from qcog.variational.export import bound_circuits


def test_excitation_ansatz_exports_to_the_same_state():
    ansatz = excitation_ansatz(2, 6)
    theta = np.random.default_rng(0).normal(size=ansatz.n_params)
    (circuit,) = bound_circuits(ansatz, [theta])
    qiskit_state = Statevector(circuit).data  # qubit 0 least significant
    n = ansatz.n_qubits
    order = [int(format(i, f"0{n}b")[::-1], 2) for i in range(2**n)]
    psi = statevector(ansatz, theta)
    assert abs(np.vdot(qiskit_state[order], psi)) == pytest.approx(1.0, abs=1e-10)
    assert set(circuit.count_ops()) <= {"x", "cx", "h", "ry"}


def test_torch_engine_state_matches_default_qubit():
    ansatz = excitation_ansatz(2, 6)
    theta = np.random.default_rng(1).normal(size=ansatz.n_params)

    @qml.qnode(qml.device("default.qubit", wires=6))
    def state(t):
        ansatz.apply(t)
        return qml.state()

    np.testing.assert_allclose(statevector(ansatz, theta), state(theta), atol=1e-12)
