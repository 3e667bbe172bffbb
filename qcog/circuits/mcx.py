"""Multi-controlled phase flips that use a clean helper qubit where one helps.

A phase flip ``|x> -> -|x>`` for one basis state ``x`` of ``k`` qubits is an X-conjugated
multi-controlled Z. Without a helper qubit Qiskit synthesizes it with a number of CNOTs
that grows quadratically in ``k`` (290 for ``k = 10`` after transpiling to cx/rz/sx/x);
with one clean helper (a qubit in ``|0>`` that nothing else touches) the synthesis is
linear (48 for ``k = 10``). The gates are written as ``H . MCX . H``; the transpiler's
high-level synthesis uses the helper qubits present in the circuit, and Aer simulates
the ``mcx`` natively. Helpers come back to ``|0>``.

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(6)
>>> phase_flip(qc, range(5), value=0b10110)
>>> qc.count_ops()["mcx"], helpers_for(5)
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

#: Smallest flip width (qubits) from which one helper qubit lowers the CNOT count
#: (measured after transpiling to cx/rz/sx/x: 4 qubits 14 -> 12, 5 qubits 36 -> 18).
HELPER_FROM_WIDTH = 4
#: More than one helper does not lower the count of Qiskit's synthesis further.
MAX_USEFUL_HELPERS = 1


def helpers_for(width: int) -> int:
    """Helper qubits worth adding for phase flips on ``width`` qubits (0 or 1).

    >>> helpers_for(3), helpers_for(10)
    (0, 1)
    """
    return MAX_USEFUL_HELPERS if width >= HELPER_FROM_WIDTH else 0


def phase_flip(
    circuit: QuantumCircuit, qubits: Iterable[int], value: int | None = None
) -> None:
    """Append ``|value> -> -|value>`` on ``qubits`` (all other basis states unchanged).

    Args:
        circuit: the ``QuantumCircuit`` to append to (modified in place). Its qubits that
            are not in ``qubits`` and are still ``|0>`` serve as clean helpers when the
            circuit is transpiled.
        qubits: the qubits the flip acts on; ``qubits[i]`` is bit ``i`` of ``value``.
        value: the basis state to flip, an integer below ``2**len(qubits)``; None means
            all ones.

    Raises:
        QcogValueError: no qubits, or a value out of range.
    """
    qubits = list(qubits)
    k = len(qubits)
    if k == 0:
        raise QcogValueError("a phase flip needs at least one qubit")
    value = (1 << k) - 1 if value is None else value
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << k:
        raise QcogValueError(
            f"phase-flip value must be an integer in [0, {2**k - 1}], got {value!r}"
        )
    zeros = [q for i, q in enumerate(qubits) if not value >> i & 1]
    if zeros:
        circuit.x(zeros)
    _flip_all_ones(circuit, qubits)
    if zeros:
        circuit.x(zeros)


def _flip_all_ones(circuit, qubits: list[int]) -> None:
    """``-1`` on ``|1...1>`` of ``qubits``: Z, CZ, or H . MCX . H on the last qubit."""
    *controls, target = qubits
    if not controls:
        circuit.z(target)
    elif len(controls) == 1:
        circuit.cz(controls[0], target)
    else:
        circuit.h(target)
        circuit.mcx(controls, target)
        circuit.h(target)
