"""PennyLane Pauli sums -> SparsePauliOp: the same matrix (independently built by PennyLane)."""

import numpy as np
import pennylane as qml
import pytest

from qcog.exceptions import QcogValueError
from qcog.variational.observables import to_sparse_pauli_op


def test_matrix_matches_pennylane_with_reversed_qubit_order():
    op = (0.3 * qml.PauliX(0) @ qml.PauliY(2) - 1.2 * qml.PauliZ(1) + 0.5 * qml.Identity(0)
          + 0.7 * qml.PauliY(0) @ qml.PauliZ(1) @ qml.PauliX(2))
    ours = to_sparse_pauli_op(op, 3).to_matrix()  # Qiskit: qubit 0 least significant
    theirs = qml.matrix(op, wire_order=[2, 1, 0])  # PennyLane with wire 2 most significant
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_hamiltonian_terms_merge():
    op = qml.Hamiltonian([1.0, 2.0], [qml.PauliZ(0), qml.PauliZ(0)])
    assert to_sparse_pauli_op(op, 2).to_list() == [("IZ", 3.0)]


@pytest.mark.parametrize("bad", [qml.Hadamard(0), qml.PauliZ(5)])
def test_refuses_non_pauli_and_foreign_wires(bad):
    with pytest.raises(QcogValueError):
        to_sparse_pauli_op(bad, 2)
