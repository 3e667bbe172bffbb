"""Bound circuits of an ansatz reproduce qcog's torch engine state (and default.qubit's)."""

import numpy as np
import pennylane as qml
import pytest
import torch
from qiskit.quantum_info import Statevector

from qcog.chemistry.excitations import excitation_ansatz
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.variational.ansatz import probs_qfunc
from qcog.variational.export import bound_circuits


def test_excitation_ansatz_exports_to_the_same_state():
    ansatz = excitation_ansatz(2, 6)
    theta = np.random.default_rng(0).normal(size=ansatz.n_params)
    (circuit,) = bound_circuits(ansatz, [theta])
    qiskit_state = Statevector(circuit).data  # qubit 0 least significant
    n = ansatz.n_qubits
    order = [int(format(i, f"0{n}b")[::-1], 2) for i in range(2**n)]
    psi = TorchEngine().statevector(probs_qfunc(ansatz), torch.zeros(0, dtype=torch.float64),
                                    {"theta": torch.as_tensor(theta)}, n)[0].numpy()
    assert abs(np.vdot(qiskit_state[order], psi)) == pytest.approx(1.0, abs=1e-10)
    assert set(circuit.count_ops()) <= {"x", "cx", "h", "ry"}


def test_torch_engine_state_matches_default_qubit():
    ansatz = excitation_ansatz(2, 6)
    theta = np.random.default_rng(1).normal(size=ansatz.n_params)

    @qml.qnode(qml.device("default.qubit", wires=6))
    def state(t):
        ansatz.apply(t)
        return qml.state()

    psi = TorchEngine().statevector(probs_qfunc(ansatz), torch.zeros(0, dtype=torch.float64),
                                    {"theta": torch.as_tensor(theta)}, 6)[0].numpy()
    np.testing.assert_allclose(psi, state(theta), atol=1e-12)
