"""Observable lowering: Pauli words as bit masks (products repeating a wire multiply), matrices."""

import numpy as np
import pennylane as qml
import pytest

from qcog.exceptions import QcogValueError
from qcog.qml.observables import MatrixTerm, PauliTerms, ProductOf, SumOf, lower_observable

WIRES = {0: 0, 1: 1, 2: 2}


def _terms(obs) -> dict:
    lowered = lower_observable(obs, WIRES, 3)
    assert isinstance(lowered, PauliTerms)
    return {(int(x), int(z), int(y)): float(c)
            for x, z, y, c in zip(lowered.x, lowered.z, lowered.ny, lowered.coeffs)}


@pytest.mark.parametrize(
    ("obs", "expected"),
    [
        (qml.Z(0), {(0, 0b100, 0): 1.0}),
        (qml.X(2), {(0b001, 0, 0): 1.0}),
        (qml.Y(1), {(0b010, 0b010, 1): 1.0}),
        (qml.Z(0) @ qml.Z(0), {(0, 0, 0): 1.0}),  # Z**2 = I, not <Z0>
        (qml.prod(qml.Z(0), qml.Z(1), qml.Z(0)), {(0, 0b010, 0): 1.0}),  # = Z1
        (qml.X(0) @ qml.Y(2), {(0b101, 0b001, 1): 1.0}),
        (0.5 * qml.X(0) - 2 * qml.Z(1), {(0b100, 0, 0): 0.5, (0, 0b010, 0): -2.0}),
        (qml.Hamiltonian([0.3, 0.7], [qml.Z(0) @ qml.Z(1), qml.I(0)]),
         {(0, 0b110, 0): 0.3, (0, 0, 0): 0.7}),
    ],
)
def test_pauli_words_become_masks(obs, expected):
    assert _terms(obs) == pytest.approx(expected)


def test_single_word_letters_only_for_one_word_with_coefficient_one():
    assert lower_observable(qml.X(0) @ qml.Z(2), WIRES, 3).word((0, 2)) == "XZ"
    assert lower_observable(2 * qml.X(0), WIRES, 3).word((0,)) is None
    assert lower_observable(qml.X(0) + qml.Z(0), WIRES, 3).word((0,)) is None


def test_non_pauli_observables_become_matrices_and_trees():
    h = np.array([[1.0, 2.0], [2.0, -1.0]])
    assert isinstance(lower_observable(qml.Hermitian(h, 1), WIRES, 3), MatrixTerm)
    projector = lower_observable(qml.Projector([1, 0], wires=[0, 2]), WIRES, 3)
    assert projector.diagonal and projector.wires == (0, 2)
    assert list(projector.matrix) == [0, 0, 1, 0]
    mixed = lower_observable(qml.X(0) + qml.Hermitian(h, 1) + qml.Z(2), WIRES, 3)
    assert isinstance(mixed, SumOf) and isinstance(mixed.parts[0], PauliTerms)
    assert len(mixed.parts[0].coeffs) == 2  # the Pauli parts are merged into one record
    assert isinstance(lower_observable(qml.Hermitian(h, 1) @ qml.Hadamard(0), WIRES, 3), ProductOf)


def test_non_hermitian_coefficient_is_refused():
    with pytest.raises(QcogValueError, match="not Hermitian"):
        lower_observable(qml.X(0) @ qml.Y(0), WIRES, 3)  # = iZ
