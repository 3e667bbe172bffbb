import numpy as np
import pennylane as qml
import pytest

from qcog.kernels.fidelity import FidelityKernel, fidelity_kernel
from qcog.kernels.memory import GramTooLargeError
from qcog.kernels.standard_maps import make_feature_map


def _circuit_by_circuit(fm, x, y):
    """The textbook definition: P(0...0) after U(x_i) then U(y_j)^dagger, one circuit per pair."""
    dev = qml.device("default.qubit", wires=fm.n_qubits)

    @qml.qnode(dev)
    def overlap(a, b):
        for op in qml.tape.make_qscript(fm.qfunc)(a).operations:
            qml.apply(op)
        qml.adjoint(lambda: [qml.apply(op) for op in
                             qml.tape.make_qscript(fm.qfunc)(b).operations])()
        return qml.probs(wires=range(fm.n_qubits))

    return np.array([[overlap(a, b)[0] for b in y] for a in x])


@pytest.mark.parametrize("name", ["zz", "iqp", "angle"])
def test_gram_matrix_equals_a_direct_circuit_by_circuit_computation(name, points):
    fm = make_feature_map(name, 3)
    x, y = points[:4], points[3:]
    np.testing.assert_allclose(fidelity_kernel(fm, x, y), _circuit_by_circuit(fm, x, y),
                               atol=1e-10)


def test_symmetric_gram_is_symmetric_with_unit_diagonal_and_matches_the_general_path(points):
    fm = make_feature_map("zz", 3)
    k = fidelity_kernel(fm, points)
    assert np.array_equal(k, k.T) and np.all(np.diag(k) == 1.0)
    np.testing.assert_allclose(k, fidelity_kernel(fm, points, points.copy()), atol=1e-12)
    assert np.all((k >= 0) & (k <= 1 + 1e-12))


def test_angle_kernel_has_its_closed_form(points):
    # RY product states: k(x, y) = prod_i cos^2((x_i - y_i) / 2)
    expected = np.prod(np.cos((points[:, None, :] - points[None, :, :]) / 2) ** 2, axis=-1)
    np.testing.assert_allclose(fidelity_kernel(make_feature_map("angle", 3), points), expected,
                               atol=1e-12)


def test_float32_is_within_single_precision(points):
    fm = make_feature_map("zz", 3)
    np.testing.assert_allclose(fidelity_kernel(fm, points, dtype="float32"),
                               fidelity_kernel(fm, points), atol=1e-5)


@pytest.mark.parametrize("symmetric", [True, False])
def test_small_memory_limit_uses_blocks_and_gives_the_same_matrix(points, symmetric):
    fm = make_feature_map("iqp", 3)
    y = None if symmetric else points[::-1]
    calls = []
    tiny = fidelity_kernel(fm, points, y, memory_limit=2000,
                           progress=lambda done, total: calls.append((done, total)))
    np.testing.assert_allclose(tiny, fidelity_kernel(fm, points, y), atol=1e-12)
    assert len(calls) > 1 and calls[-1][0] == calls[-1][1]


def test_too_large_is_refused_before_allocating():
    fm = make_feature_map("zz", 3)
    x = np.zeros((10, 3))
    with pytest.raises(GramTooLargeError, match="a 10 x 10 Gram matrix needs 800 B"):
        fidelity_kernel(fm, x, memory_limit=500)
    with pytest.raises(GramTooLargeError, match="use fewer qubits"):
        fidelity_kernel(make_feature_map("zz", 20), np.zeros((10, 20)), memory_limit=10**6)


def test_kernel_callable_in_scikit_learn(points):
    from sklearn.svm import SVC

    fm = make_feature_map("zz", 3)
    y = np.array([0, 1, 0, 1, 0, 1])
    callable_svc = SVC(kernel=FidelityKernel(fm)).fit(points, y)
    precomputed = SVC(kernel="precomputed").fit(fidelity_kernel(fm, points), y)
    test = points[:3] + 0.1
    np.testing.assert_allclose(callable_svc.decision_function(test),
                               precomputed.decision_function(fidelity_kernel(fm, test, points)))
    assert "zz" in repr(FidelityKernel(fm))


@pytest.mark.gpu
def test_cuda_matches_cpu(points):
    fm = make_feature_map("zz", 3)
    np.testing.assert_allclose(fidelity_kernel(fm, points, device="cuda"),
                               fidelity_kernel(fm, points), atol=1e-10)
