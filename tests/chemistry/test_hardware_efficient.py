"""Hardware-efficient ansatz: shape, seeded starts, the same state on torch and default.qubit."""

import numpy as np
import pennylane as qml
import pytest

from qcog.chemistry.hardware_efficient import HardwareEfficientAnsatz
from qcog.exceptions import QcogValueError
from qcog.variational.ansatz import statevector


def test_state_matches_default_qubit():
    ansatz = HardwareEfficientAnsatz(4, layers=2, hf_state=(1, 1, 0, 0))
    theta = np.random.default_rng(0).normal(size=ansatz.n_params)

    @qml.qnode(qml.device("default.qubit", wires=4))
    def state(t):
        ansatz.apply(t)
        return qml.state()

    np.testing.assert_allclose(statevector(ansatz, theta), state(theta), atol=1e-12)


def test_initial_angles_are_seeded_and_small():
    ansatz = HardwareEfficientAnsatz(3, layers=1)
    assert ansatz.initial(4) == ansatz.initial(4) != ansatz.initial(5)
    assert max(abs(t) for t in ansatz.initial(4)) < 0.5


def test_layers_must_be_positive():
    with pytest.raises(QcogValueError):
        HardwareEfficientAnsatz(3, layers=0)
