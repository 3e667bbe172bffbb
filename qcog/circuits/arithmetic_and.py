"""The temporary logical-AND: ``|a, b, 0> -> |a, b, a AND b>`` with 3 CX, and its uncomputation
by measurement (Gidney, "Halving the cost of quantum addition", arXiv:1709.06648).

Compute (exact, no leftover phase; found by a small numerical search and checked against
the exact operator in the tests):
``ry(-pi/4) t; cx(a, t); ry(3pi/4) t; cx(b, t); ry(-3pi/4) t; cx(a, t); ry(pi/4) t; z t``.

Uncompute by measurement: ``h t``, measure ``t`` into a classical bit ``m``; if ``m = 1``
apply ``cz(a, b)`` (the phase ``(-1)^(a b)`` the measurement left) and ``x t`` (back to
``|0>``). At most 1 CX, inside a conditional block. With no classical bit the compute
circuit is undone gate by gate (3 CX, no mid-circuit measurement).

Appenders work in place on a circuit (building Shor's arithmetic gate by gate is much
faster than composing sub-circuits); :func:`logical_and_circuit` returns a plain circuit.

>>> from qiskit.quantum_info import Statevector
>>> qc = logical_and_circuit()
>>> [int(Statevector.from_int(i, 8).evolve(qc).probabilities().argmax()) for i in range(4)]
[0, 1, 2, 7]
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only
    from qiskit.circuit import Clbit, QuantumCircuit, Qubit


def _core(qc: QuantumCircuit, a: Qubit, b: Qubit, target: Qubit) -> None:
    """The rotations and CX of the gadget; the sequence is its own inverse up to the ``z``."""
    for angle, control in ((-1, a), (3, b), (-3, a)):
        qc.ry(angle * math.pi / 4, target)
        qc.cx(control, target)
    qc.ry(math.pi / 4, target)


def append_and(qc: QuantumCircuit, a: Qubit, b: Qubit, target: Qubit) -> None:
    """Append ``target ^= a AND b`` for ``target`` in ``|0>`` (3 CX, exact)."""
    _core(qc, a, b, target)
    qc.z(target)


def append_and_uncompute(
    qc: QuantumCircuit, a: Qubit, b: Qubit, target: Qubit, clbit: Clbit | None = None
) -> None:
    """Return ``target = a AND b`` to ``|0>``: by measurement into ``clbit`` (at most 1 CX,
    conditional) or, with ``clbit=None``, by undoing :func:`append_and` (3 CX)."""
    if clbit is None:
        qc.z(target)
        _core(qc, a, b, target)
        return
    qc.h(target)
    qc.measure(target, clbit)
    with qc.if_test((clbit, 1)):
        qc.cz(a, b)
        qc.x(target)


def logical_and_circuit() -> QuantumCircuit:
    """The 3-qubit compute circuit: qubits ``[a, b, target]``, target starts in ``|0>``."""
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(3, name="and")
    append_and(qc, 0, 1, 2)
    return qc
