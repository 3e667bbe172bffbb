"""Export to Qiskit: bound and parametrised circuits reproduce the torch engine (numpy reference)."""

import numpy as np
import pytest
import torch

from qcog.qml import QuantumLayer
from qcog.qml.export import TRANSLATIONS, to_qiskit
from qcog.qml.gates import GATES
from qcog.testing import reference_statevector


def _z_expectations(statevector, n):
    probs = np.abs(np.asarray(statevector)) ** 2
    return [sum(p * (1 - 2 * ((i >> q) & 1)) for i, p in enumerate(probs)) for q in range(n)]


def test_every_gate_has_a_translation():
    assert set(TRANSLATIONS) == set(GATES)


@pytest.mark.parametrize("embedding", ["angle", "iqp", "amplitude"])
def test_bound_circuits_match_the_layer(embedding):
    layer = QuantumLayer(n_qubits=3, n_layers=2, embedding=embedding, seed=1, dtype=torch.float64)
    x = torch.rand(2, layer.n_inputs, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    expected = layer(x).detach().numpy()
    for circuit, row in zip(to_qiskit(layer, x), expected):
        if embedding == "amplitude":
            from qiskit.quantum_info import Statevector

            state = Statevector(circuit).data
        else:
            state = reference_statevector(circuit)
        np.testing.assert_allclose(_z_expectations(state, 3), row, atol=1e-10)


def test_parametrized_export_binds_to_the_same_circuits():
    layer = QuantumLayer(n_qubits=2, n_layers=1, ansatz="basic_entangler", seed=0, dtype=torch.float64)
    export = to_qiskit(layer, parametrized=True)
    x = torch.tensor([[0.2, 1.1]], dtype=torch.float64)
    values = export.values(x)
    assert values.shape == (1, export.circuit.num_parameters)
    bound = export.circuit.assign_parameters(values[0])
    np.testing.assert_allclose(_z_expectations(reference_statevector(bound), 2),
                               layer(x)[0].detach().numpy(), atol=1e-10)
