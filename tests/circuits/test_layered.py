import numpy as np
import pytest

from qcog.circuits.layered import layered_angles, layered_circuit
from qcog.testing import reference_statevector


def test_layered_circuit_is_ry_layers_then_cx_chains(tol):
    n, layers = 3, 2
    angles = layered_angles(n, layers, seed=5)
    qc = layered_circuit(n, layers, seed=5)
    assert qc.count_ops() == {"ry": n * layers, "cx": (n - 1) * layers}
    # Independent construction: RY layers and CX chains as numpy matrices.
    ry = lambda t: np.array([[np.cos(t / 2), -np.sin(t / 2)], [np.sin(t / 2), np.cos(t / 2)]])
    state = np.zeros(2**n)
    state[0] = 1
    for row in angles:
        layer = np.array([[1.0]])
        for q in reversed(range(n)):  # qubit 0 is the least significant factor
            layer = np.kron(layer, ry(row[q]))
        state = layer @ state
        for q in range(n - 1):
            cx = np.zeros((2**n, 2**n))
            for i in range(2**n):
                j = i ^ (1 << (q + 1)) if i >> q & 1 else i
                cx[j, i] = 1
            state = cx @ state
    assert np.allclose(reference_statevector(qc), state, atol=tol)


def test_same_seed_same_circuit_and_bad_width():
    assert layered_circuit(4, 3, seed=1) == layered_circuit(4, 3, seed=1)
    assert layered_circuit(4, 3, seed=1) != layered_circuit(4, 3, seed=2)
    with pytest.raises(ValueError, match=">= 1"):
        layered_circuit(0)
