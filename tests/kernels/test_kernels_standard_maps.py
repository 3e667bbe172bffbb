import numpy as np
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap
from qcog.kernels.standard_maps import FEATURE_MAPS, entangled_pairs, make_feature_map

CASES = [(name, ent, reps) for name in FEATURE_MAPS for ent in ("full", "linear")
         for reps in (1, 2)]


def _overlap_matrix(a, b):
    return np.abs(np.asarray(a).conj() @ np.asarray(b).T) ** 2


@pytest.mark.parametrize("name,entanglement,reps", CASES)
def test_every_standard_map_agrees_with_default_qubit_and_the_torch_engine(
        name, entanglement, reps, points, pennylane_states):
    fm = make_feature_map(name, 3, reps=reps, entanglement=entanglement)
    fast = fm.states(points).numpy()
    reference = pennylane_states(fm.qfunc, points, 3)
    # states agree up to a global phase per point: compare all overlaps
    np.testing.assert_allclose(_overlap_matrix(fast, fast), _overlap_matrix(reference, reference),
                               atol=1e-10)
    np.testing.assert_allclose(np.abs((fast.conj() * reference).sum(1)), 1, atol=1e-10)
    engine_only = FeatureMap(lambda inputs: fm.qfunc(inputs), 3, 3)  # no closed form
    np.testing.assert_allclose(np.abs((engine_only.states(points).numpy().conj() * fast).sum(1)),
                               1, atol=1e-10)


@pytest.mark.parametrize("entanglement", ["full", "linear", "circular"])
def test_zz_map_is_qiskits_zz_feature_map(points, entanglement):
    from qiskit.circuit.library import zz_feature_map
    from qiskit.quantum_info import Statevector

    circuit = zz_feature_map(3, reps=2, entanglement=entanglement)
    ours = make_feature_map("zz", 3, entanglement=entanglement).states(points).numpy()
    # Qiskit's qubit 0 is the least significant bit: reverse to PennyLane's order
    theirs = np.array([Statevector(circuit.assign_parameters(x)).reverse_qargs().data
                       for x in points])
    np.testing.assert_allclose(np.abs((ours.conj() * theirs).sum(1)), 1, atol=1e-10)


def test_iqp_map_is_pennylanes_iqp_embedding(points, pennylane_states):
    import pennylane as qml

    def iqp(inputs):
        qml.IQPEmbedding(inputs, wires=range(3), n_repeats=2)

    ours = make_feature_map("iqp", 3, reps=2).states(points).numpy()
    theirs = pennylane_states(iqp, points, 3)
    np.testing.assert_allclose(np.abs((ours.conj() * theirs).sum(1)), 1, atol=1e-10)


def test_float32_states_are_close_to_float64(points):
    fm = make_feature_map("zz", 3)
    low = fm.states(points, dtype=torch.float32)
    assert low.dtype == torch.complex64
    np.testing.assert_allclose(low.numpy(), fm.states(points).numpy(), atol=2e-5)


def test_pairs_and_errors():
    assert entangled_pairs(3, "circular") == ((0, 1), (1, 2), (2, 0))
    assert entangled_pairs(2, "circular") == ((0, 1),)
    with pytest.raises(QcogValueError, match="accepted: full, linear, circular"):
        entangled_pairs(3, "star")
    with pytest.raises(QcogValueError, match="accepted: angle, iqp, zz"):
        make_feature_map("pauli", 2)
    with pytest.raises(QcogValueError, match="n_qubits must be a positive integer"):
        make_feature_map("zz", 0)
    with pytest.raises(QcogValueError, match="reps"):
        make_feature_map("zz", 2, reps=0)
    with pytest.raises(QcogValueError, match="bandwidth"):
        make_feature_map("zz", 2, bandwidth=0.0)
