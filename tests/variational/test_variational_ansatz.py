"""energy_layer: the same energy on every exact engine; probabilities sum to one."""

import numpy as np
import pennylane as qml
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.optimization.maxcut import maxcut_problem
from qcog.optimization.qaoa_ansatz import QAOAAnsatz
from qcog.variational.ansatz import energy_layer, no_inputs, probabilities


def test_energy_and_gradient_agree_between_torch_and_default_qubit():
    problem = maxcut_problem("cycle:5")
    ansatz = QAOAAnsatz(problem, 2)
    theta = [0.3, 0.7, 0.5, 0.2]
    values = {}
    for engine in ("torch", "default.qubit"):
        layer = energy_layer(ansatz, problem.operator(), engine, theta=theta)
        energy = layer(no_inputs())
        energy.backward()
        values[engine] = (float(energy.detach()), layer.theta.grad.numpy().copy())
    assert values["torch"][0] == pytest.approx(values["default.qubit"][0], abs=1e-10)
    np.testing.assert_allclose(values["torch"][1], values["default.qubit"][1], atol=1e-10)


def test_probabilities_give_the_energy_through_the_classical_energies():
    problem = maxcut_problem("cycle:5")
    ansatz = QAOAAnsatz(problem, 1)
    probs = probabilities(ansatz, [0.4, 0.3])
    bits = (np.arange(32)[:, None] >> (4 - np.arange(5))) & 1  # wire 0 most significant
    layer = energy_layer(ansatz, problem.operator(), "torch", theta=[0.4, 0.3])
    with torch.no_grad():
        assert float(layer(no_inputs())) == pytest.approx(probs @ problem.energies(bits), abs=1e-10)
    assert probs.sum() == pytest.approx(1.0)


def test_wrong_number_of_starting_values():
    with pytest.raises(QcogValueError, match="parameters"):
        energy_layer(QAOAAnsatz(maxcut_problem("cycle:3"), 1), qml.PauliZ(0), theta=[0.1])
