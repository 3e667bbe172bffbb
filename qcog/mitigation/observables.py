"""Pauli observables measured from counts: bases, basis-change circuits, parities.

Observables are Pauli strings in Qiskit's order (the rightmost letter acts on qubit 0),
``Pauli``/``SparsePauliOp`` objects, or lists of them. Their terms are grouped into
qubit-wise commuting sets, each measured by one circuit: the state circuit, a rotation of
every qubit into its basis (X: H; Y: S^dagger then H), and a measurement of qubit ``k``
into classical bit ``k``. A term's expectation value is then the mean parity of the bits
it acts on; :func:`parity_expectation` takes per-bit weights so that the same sum gives
the readout-corrected value (:mod:`qcog.mitigation.readout`).

>>> ops = as_pauli_ops(["ZZ", "XX", "ZI"], 2)
>>> measurement_bases(ops)
['ZZ', 'XX']
>>> parity_expectation({"00": 60, "11": 30, "01": 10}, support=[0, 1])
0.8
"""

from __future__ import annotations

import numpy as np

from qcog.exceptions import QcogValueError

#: The ±1 eigenvalue of Z for measured bits 0 and 1.
Z_WEIGHTS = np.array([1.0, -1.0])


def as_pauli_ops(observables, num_qubits: int) -> list:
    """Observables as ``SparsePauliOp``s on ``num_qubits`` qubits.

    Raises:
        QcogValueError: an observable that is not a Pauli string/operator of that width.
    """
    from qiskit.exceptions import QiskitError
    from qiskit.quantum_info import Pauli, SparsePauliOp

    items = observables if isinstance(observables, (list, tuple)) else [observables]
    if not items:
        raise QcogValueError("give at least one observable (a Pauli string such as 'ZZ')")
    out = []
    for item in items:
        try:
            op = SparsePauliOp(Pauli(item) if isinstance(item, str) else item)
        except (QiskitError, TypeError, ValueError) as exc:
            raise QcogValueError(
                f"observable {item!r} is not a Pauli string (letters I, X, Y, Z) or operator: {exc}"
            ) from None
        if op.num_qubits != num_qubits:
            raise QcogValueError(
                f"observable {item!r} acts on {op.num_qubits} qubits; the circuit has {num_qubits}"
            )
        out.append(op)
    return out


def _letters(pauli) -> str:
    return pauli.to_label().lstrip("-i")


def measurement_bases(ops) -> list[str]:
    """One measurement basis (a label of X/Y/Z per qubit) per qubit-wise commuting group."""
    from qiskit.quantum_info import PauliList

    labels = sorted({_letters(p) for op in ops for p in op.paulis} - {"I" * ops[0].num_qubits})
    if not labels:
        return ["Z" * ops[0].num_qubits]
    groups = PauliList(labels).group_qubit_wise_commuting()
    bases = []
    for group in groups:
        basis = ["Z"] * ops[0].num_qubits
        for label in group.to_labels():
            for k, letter in enumerate(label):
                if letter != "I":
                    basis[k] = letter
        bases.append("".join(basis))
    return sorted(bases, key=lambda b: (b.count("Z") != len(b), b))


def basis_of(pauli_label: str, bases: list[str]) -> int:
    """Index of the first basis that measures ``pauli_label`` (its letters agree off I)."""
    for index, basis in enumerate(bases):
        if all(p in ("I", b) for p, b in zip(pauli_label, basis)):
            return index
    raise QcogValueError(f"no measurement basis covers {pauli_label}")  # not reached


def support(pauli_label: str) -> list[int]:
    """Qubits (classical bits) a Pauli label acts on; label position -1 is qubit 0."""
    n = len(pauli_label)
    return [n - 1 - k for k, letter in enumerate(pauli_label) if letter != "I"]


def basis_circuit(circuit, basis: str):
    """``circuit`` rotated into ``basis`` and measured, qubit ``k`` into classical bit ``k``."""
    from qiskit import ClassicalRegister

    measured = circuit.copy()
    n = circuit.num_qubits
    for qubit, letter in enumerate(reversed(basis)):
        if letter == "Y":
            measured.sdg(qubit)
        if letter in ("X", "Y"):
            measured.h(qubit)
    register = ClassicalRegister(n, "meas")
    measured.add_register(register)
    measured.measure(range(n), register)
    return measured


def parity_expectation(counts: dict[str, int], support: list[int], weights=None) -> float:
    """Mean of ``prod_i w_i[bit_i]`` over shots, for bits ``i`` in ``support``.

    With the default weights (+1 for 0, -1 for 1) this is the measured expectation of Z
    on those bits; readout mitigation passes corrected weights per bit.
    """
    from qcog.outcomes import outcome_bits

    bits, shots = outcome_bits(counts)
    value = np.ones(len(shots))
    for position, bit in enumerate(support):
        w = Z_WEIGHTS if weights is None else weights[position]
        value *= np.asarray(w)[bits[:, bit]]
    return float(np.dot(value, shots) / shots.sum())
