import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.kernels.adhoc import ad_hoc_data


def test_labels_follow_the_papers_definition_recomputed_with_qiskit():
    """Recompute m(x) = sign <Phi(x)|V^dag Z..Z V|Phi(x)> with Qiskit's own ZZ map."""
    from qiskit.circuit.library import zz_feature_map
    from qiskit.quantum_info import Operator, SparsePauliOp, Statevector
    from scipy.stats import unitary_group

    data = ad_hoc_data(n_train=8, n_test=4, n_qubits=2, gap=0.3, seed=11)
    unitary = unitary_group.rvs(4, random_state=np.random.default_rng(11))  # first draw
    observable = Operator(unitary).adjoint() @ Operator(SparsePauliOp("ZZ")) @ Operator(unitary)
    circuit = zz_feature_map(2, reps=2)
    for x, label in zip(np.vstack([data.x_train, data.x_test]),
                        np.concatenate([data.y_train, data.y_test])):
        # qcog's wire 0 is Qiskit's most significant qubit
        state = Statevector(circuit.assign_parameters(x)).reverse_qargs()
        value = state.expectation_value(observable).real
        assert abs(value) >= 0.3 - 1e-9
        assert (value > 0) == (label == 1)


def test_balanced_seeded_and_in_range():
    a = ad_hoc_data(n_train=5, n_test=3, n_qubits=3, seed=2)
    b = ad_hoc_data(n_train=5, n_test=3, n_qubits=3, seed=2)
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_test, b.y_test)
    assert np.bincount(a.y_train).tolist() == [5, 5] and np.bincount(a.y_test).tolist() == [3, 3]
    assert a.x_train.min() >= 0 and a.x_train.max() < 2 * np.pi


@pytest.mark.parametrize("kwargs", [{"n_qubits": 1}, {"gap": 1.0}, {"n_train": 0}])
def test_bad_arguments(kwargs):
    with pytest.raises(QcogValueError):
        ad_hoc_data(**kwargs)


def test_a_gap_that_random_points_cannot_reach_is_refused_early(monkeypatch):
    from qcog.kernels import adhoc

    calls = []
    real = adhoc.ad_hoc_labels
    monkeypatch.setattr(adhoc, "ad_hoc_labels", lambda *a: calls.append(1) or real(*a))
    # at 10 qubits <Z..Z> of a random unitary has a spread of about 2**-5: 0.3 is ~10 sigma
    with pytest.raises(QcogValueError, match="fewer qubits"):
        ad_hoc_data(n_train=20, n_test=0, n_qubits=10)
    assert len(calls) <= 5  # gave up after a few rounds, not after MAX_ROUNDS
