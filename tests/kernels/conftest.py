"""Shared data for the kernel tests: a few seeded points and an independent reference."""

import numpy as np
import pytest


@pytest.fixture
def points():
    """Six seeded points in [0, 2 pi)^3."""
    return np.random.default_rng(7).uniform(0, 2 * np.pi, size=(6, 3))


@pytest.fixture
def pennylane_states():
    """Reference states from PennyLane's default.qubit, one circuit per point."""
    return _pennylane_states


def _pennylane_states(qfunc, x, n_qubits, **weights):
    import pennylane as qml

    dev = qml.device("default.qubit", wires=n_qubits)

    @qml.qnode(dev)
    def circuit(row):
        for op in qml.tape.make_qscript(qfunc)(row, **weights).operations:  # drop its measurements
            qml.apply(op)
        return qml.state()

    return np.array([np.asarray(circuit(row)) for row in np.asarray(x)])
