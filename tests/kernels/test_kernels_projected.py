import numpy as np
import pennylane as qml
import pytest

from qcog.exceptions import QcogValueError
from qcog.kernels.projected import ProjectedKernel, bloch_vectors, projected_kernel, resolve_gamma
from qcog.kernels.standard_maps import make_feature_map


def _reduced_density_matrices(states, n):
    """One-qubit reduced density matrices by an explicit numpy partial trace."""
    out = []
    for psi in states:
        tensor = psi.reshape([2] * n)
        rhos = []
        for k in range(n):
            moved = np.moveaxis(tensor, k, 0).reshape(2, -1)
            rhos.append(moved @ moved.conj().T)
        out.append(rhos)
    return out


def test_bloch_vectors_match_default_qubit_expectations(points):
    fm = make_feature_map("zz", 3)
    dev = qml.device("default.qubit", wires=3)

    @qml.qnode(dev)
    def expectations(x):
        for op in qml.tape.make_qscript(fm.qfunc)(x).operations:
            qml.apply(op)
        return [qml.expval(p(w)) for w in range(3) for p in (qml.PauliX, qml.PauliY, qml.PauliZ)]

    expected = np.array([np.array(expectations(x)).reshape(3, 3) for x in points])
    np.testing.assert_allclose(bloch_vectors(fm, points, block=4), expected, atol=1e-10)


def test_projected_kernel_is_the_huang_formula(points):
    fm = make_feature_map("iqp", 3)
    gamma = 0.7
    rhos = _reduced_density_matrices(fm.states(points).numpy(), 3)
    expected = np.array([[np.exp(-gamma * sum(np.linalg.norm(a - b) ** 2 for a, b in zip(ra, rb)))
                          for rb in rhos] for ra in rhos])
    np.testing.assert_allclose(projected_kernel(fm, points, gamma=gamma), expected, atol=1e-10)
    np.testing.assert_allclose(projected_kernel(fm, points[:2], points, gamma=gamma),
                               expected[:2], atol=1e-10)


def test_gamma_scale_and_callable(points):
    fm = make_feature_map("zz", 3)
    kernel = ProjectedKernel(fm, gamma="scale")
    k = kernel(points)
    assert isinstance(kernel.gamma, float) and np.allclose(np.diag(k), 1)
    with pytest.raises(QcogValueError, match="gamma must be a positive number or 'scale'"):
        resolve_gamma(-1.0, np.zeros((2, 3)))
