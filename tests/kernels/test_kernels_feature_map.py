import numpy as np
import pennylane as qml
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap, torch_dtype
from qcog.kernels.standard_maps import make_feature_map


def _weighted(inputs, weights):
    qml.AngleEmbedding(inputs, wires=[0, 1], rotation="Y")
    qml.StronglyEntanglingLayers(weights, wires=[0, 1])
    return qml.probs()


@pytest.mark.parametrize("bad,match", [
    ([[0.0, np.nan]], "NaN or inf in 1 of 1 rows"),
    ([[0.0, np.inf], [1.0, 2.0]], "NaN or inf in 1 of 2 rows"),
    ([[0.0, 1.0, 2.0]], "has 3 features but feature map 'zz' on 2 qubits takes 2"),
    ([[[0.0, 1.0]]], "must be 2-D"),
    ([["a", "b"]], "must be numeric"),
])
def test_bad_inputs_get_clear_errors(bad, match):
    with pytest.raises(QcogValueError, match=match):
        make_feature_map("zz", 2).check_inputs(bad)


def test_one_feature_accepts_a_flat_vector():
    assert make_feature_map("angle", 1).check_inputs([0.1, 0.2]).shape == (2, 1)


def test_custom_qfunc_with_weights_matches_default_qubit(pennylane_states):
    weights = torch.tensor(np.random.default_rng(0).uniform(size=(2, 2, 3)))
    fm = FeatureMap(_weighted, 2, 2, {"weights": weights})
    x = np.random.default_rng(1).uniform(size=(4, 2))
    ours = fm.states(x).numpy()
    theirs = pennylane_states(_weighted, x, 2, weights=weights.numpy())
    np.testing.assert_allclose(np.abs((ours.conj() * theirs).sum(1)), 1, atol=1e-10)


def test_constant_circuit_states_are_repeated_per_point():
    def constant(inputs):
        qml.Hadamard(wires=0)
        return qml.probs()

    states = FeatureMap(constant, 1, 1).states(np.zeros((3, 1)))
    assert states.shape == (3, 2)


def test_qiskit_circuits_prepare_the_same_states(points):
    from qiskit.quantum_info import Statevector

    fm = make_feature_map("zz", 3, bandwidth=0.5)
    circuits = fm.circuits(points)
    theirs = np.array([Statevector(c).reverse_qargs().data for c in circuits])
    np.testing.assert_allclose(np.abs((fm.states(points).numpy().conj() * theirs).sum(1)), 1,
                               atol=1e-10)


def test_bandwidth_scales_the_features(points):
    half = make_feature_map("iqp", 3, bandwidth=0.5).states(points)
    np.testing.assert_allclose(half.numpy(), make_feature_map("iqp", 3).states(points / 2).numpy())


def test_from_layer_uses_the_layers_circuit_and_weights():
    from qcog.qml import QuantumLayer

    layer = QuantumLayer(n_qubits=2, n_layers=1, seed=3, dtype=torch.float64)
    fm = FeatureMap.from_layer(layer)
    assert (fm.n_qubits, fm.n_features, set(fm.weights)) == (2, 2, {"weights"})
    probs = fm.states(np.array([[0.3, 0.4]])).abs().square()
    z0 = float(probs[0, :2].sum() - probs[0, 2:].sum())
    with torch.no_grad():
        expected = float(layer(torch.tensor([[0.3, 0.4]], dtype=torch.float64))[0, 0])
    assert abs(z0 - expected) < 1e-10


def test_constructor_and_dtype_errors():
    with pytest.raises(QcogValueError, match="callable"):
        FeatureMap("not a function", 1, 1)
    with pytest.raises(QcogValueError, match="n_features"):
        FeatureMap(_weighted, 2, 0)
    with pytest.raises(QcogValueError, match="dtype must be one of float32, float64"):
        torch_dtype("float16")
    assert make_feature_map("zz", 2).describe()["reps"] == 2
