"""Exact-gradient minimisation on every exact engine reaches the known minimum."""

import math

import pennylane as qml
import pytest

from qcog.exceptions import QcogValueError
from qcog.variational.ansatz import energy_layer
from qcog.variational.minimize import minimize
from qcog.variational.optimizer import OptimizerConfig

pytestmark = pytest.mark.usefixtures("one_torch_thread")


class TwoQubits:
    """RY(a) on wire 0, RY(b) on wire 1, CNOT: the minimum of X0 + Z0 Z1 is -sqrt(2)."""

    n_qubits, n_params = 2, 2

    def apply(self, theta):
        qml.RY(theta[0], wires=0)
        qml.RY(theta[1], wires=1)
        qml.CNOT(wires=[0, 1])

    def initial(self, seed=None):
        return [0.1, 0.2]


OBSERVABLE = qml.Hamiltonian([1.0, 1.0], [qml.PauliX(0), qml.PauliZ(0) @ qml.PauliZ(1)])


@pytest.mark.parametrize("engine", ["torch", "default.qubit"])
@pytest.mark.parametrize("name", ["adam", "lbfgs"])
def test_reaches_the_ground_energy(engine, name):
    # Independent check: the lowest eigenvalue of the observable's matrix.
    import numpy as np

    exact = min(np.linalg.eigvalsh(qml.matrix(OBSERVABLE, wire_order=[0, 1])))
    config = OptimizerConfig(name, steps=300 if name == "adam" else 50, lr=0.1 if name == "adam" else None)
    trace = minimize(energy_layer(TwoQubits(), OBSERVABLE, engine), config)
    assert trace.energies[-1] == pytest.approx(exact, abs=1e-4)
    assert exact == pytest.approx(-math.sqrt(2))


def test_stops_at_the_target_and_times_it():
    config = OptimizerConfig("lbfgs", steps=50, target=-1.3)
    trace = minimize(energy_layer(TwoQubits(), OBSERVABLE, "torch"), config)
    assert trace.stopped == "target"
    assert trace.time_to_target_s is not None and trace.time_to_target_s <= trace.wall_s
    assert min(trace.evaluation_energies[: trace.evaluations_to_target]) <= -1.3


def test_record_target_is_timed_without_stopping():
    trace = minimize(energy_layer(TwoQubits(), OBSERVABLE, "torch"),
                     OptimizerConfig("lbfgs", steps=50), record_target=-1.3)
    assert trace.reached_target and trace.stopped == "converged"


def test_spsa_is_refused_on_exact_gradients():
    with pytest.raises(QcogValueError, match="shot-based"):
        minimize(energy_layer(TwoQubits(), OBSERVABLE, "torch"), OptimizerConfig("spsa"))


def test_threads_are_restored():
    import torch

    before = torch.get_num_threads()
    minimize(energy_layer(TwoQubits(), OBSERVABLE, "torch"), OptimizerConfig("lbfgs", steps=2, threads=2))
    assert torch.get_num_threads() == before
