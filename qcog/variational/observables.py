"""PennyLane Pauli sums as Qiskit ``SparsePauliOp`` (PennyLane wire ``w`` -> Qiskit qubit ``w``).

The estimator path (Aer, ``fake:``, ``ibm:``) measures Qiskit observables; the circuits
exported by :mod:`qcog.qml.export` put PennyLane wire ``w`` on Qiskit qubit ``w``, and
so does this translation (Qiskit labels read right to left: qubit 0 is the last letter).

>>> import pennylane as qml
>>> op = to_sparse_pauli_op(0.5 * qml.PauliZ(0) @ qml.PauliX(2) - 1.0 * qml.Identity(0), 3)
>>> sorted(zip(op.paulis.to_labels(), op.coeffs.real.tolist()))
[('III', -1.0), ('XIZ', 0.5)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qcog.exceptions import QcogValueError


def pauli_terms(operator: Any) -> dict[tuple[tuple[Any, str], ...], float]:
    """``{((wire, letter), ...): coefficient}`` of a PennyLane Pauli sum (real coefficients).

    Raises:
        QcogValueError: the operator is not a sum of Pauli words, or has complex coefficients.
    """
    sentence = getattr(operator, "pauli_rep", None)
    if sentence is None:
        raise QcogValueError(
            f"{type(operator).__name__} is not a sum of Pauli words; accepted: qml.Hamiltonian, "
            "sums and products of PauliX/Y/Z and Identity"
        )
    terms = {}
    for word, coeff in sentence.items():
        if abs(complex(coeff).imag) > 1e-10:
            raise QcogValueError(f"observable coefficient {coeff} is not real (not Hermitian)")
        key = tuple(sorted(word.items(), key=lambda item: str(item[0])))
        terms[key] = terms.get(key, 0.0) + float(complex(coeff).real)
    return terms


def to_sparse_pauli_op(operator: Any, n_qubits: int, wires: Sequence | None = None) -> Any:
    """The Qiskit ``SparsePauliOp`` of a PennyLane Pauli sum on ``n_qubits`` qubits.

    Args:
        operator: a PennyLane Pauli sum (``qml.Hamiltonian``, ``Sum``, ``SProd``, a word).
        n_qubits: the width of the circuits it is measured on.
        wires: the PennyLane wire labels in qubit order (default ``0 .. n_qubits-1``).

    Raises:
        QcogValueError: not a Pauli sum, or a wire outside ``wires``.
    """
    from qiskit.quantum_info import SparsePauliOp

    labels = list(range(n_qubits)) if wires is None else list(wires)
    index = {label: i for i, label in enumerate(labels)}
    strings, coeffs = [], []
    for word, coeff in pauli_terms(operator).items():
        letters = ["I"] * n_qubits
        for wire, letter in word:
            if wire not in index:
                raise QcogValueError(f"the observable acts on wire {wire!r}, outside {labels}")
            letters[n_qubits - 1 - index[wire]] = letter
        strings.append("".join(letters))
        coeffs.append(coeff)
    if not strings:
        return SparsePauliOp(["I" * n_qubits], [0.0])
    return SparsePauliOp(strings, coeffs).simplify(atol=0)
