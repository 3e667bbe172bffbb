"""Quantum counting circuit: phase estimation of the Grover iterate (Brassard-Hoyer-Tapp).

Layout: the counting register is qubits ``0 .. t-1`` (qubit ``j`` is bit ``j`` of the
measured integer ``y``), the search register follows (qubits ``t .. t+n-1``). The
counting qubits and the search qubits start in ``H|0>``; counting qubit ``j`` controls
``G^(2^j)`` with ``G`` the Grover iterate of :func:`qcog.circuits.grover.grover_iteration`
(global phase included); the inverse QFT of :func:`qcog.circuits.qft.qft_circuit` on the
counting register turns the eigenphases ``+-2 theta`` of ``G`` (``sin^2 theta = M/N``)
into ``y ~ 2^t theta / pi`` or ``2^t (1 - theta / pi)``.

Correct, not optimal: the controlled iterate is Qiskit's generic ``control()`` of the
iterate, transpiled once to cx/rz/sx/x (about 350 CNOTs for ``n = 4``) and repeated
``2^t - 1`` times; a hand-built controlled oracle and diffuser would be cheaper.

>>> from qcog.circuits.oracles import marked_oracle
>>> qc = counting_circuit(marked_oracle([3], 2), precision_qubits=2)
>>> qc.num_qubits, qc.num_clbits
(4, 2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.circuits.metrics import to_basis
from qcog.circuits.oracles import Oracle
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

#: Largest counting register accepted (the circuit repeats the iterate 2^t - 1 times).
MAX_PRECISION_QUBITS = 12


def controlled_iteration(oracle: Oracle) -> QuantumCircuit:
    """``|0><0| (x) I + |1><1| (x) G`` on ``1 + n`` qubits (control = qubit 0), in cx/rz/sx/x.

    >>> from qcog.circuits.oracles import marked_oracle
    >>> controlled_iteration(marked_oracle([1], 1)).num_qubits
    2
    """
    from qiskit import QuantumCircuit

    from qcog.circuits.grover import grover_iteration

    if not isinstance(oracle, Oracle):
        raise QcogValueError(f"oracle must be a qcog Oracle, got {type(oracle).__name__}")
    n = oracle.num_qubits
    step = grover_iteration(oracle, helpers=0)
    wrapper = QuantumCircuit(n + 1, name="c_grover")
    wrapper.append(step.to_gate(label="G").control(1), range(n + 1))
    return to_basis(wrapper)


def check_precision(precision_qubits: int) -> int:
    """Validate the counting-register width ``t`` (1 .. :data:`MAX_PRECISION_QUBITS`)."""
    if (
        isinstance(precision_qubits, bool)
        or not isinstance(precision_qubits, int)
        or not 1 <= precision_qubits <= MAX_PRECISION_QUBITS
    ):
        raise QcogValueError(
            f"precision_qubits must be an integer in [1, {MAX_PRECISION_QUBITS}], got {precision_qubits!r}"
        )
    return precision_qubits


def counting_circuit(
    oracle: Oracle, precision_qubits: int, measure: bool = True
) -> QuantumCircuit:
    """Phase estimation of the Grover iterate of ``oracle`` with ``t`` counting qubits.

    Args:
        oracle: the phase oracle on ``n`` search qubits.
        precision_qubits: ``t``, the counting-register width (1 .. 12).
        measure: measure the counting register into ``t`` classical bits.

    Returns:
        A plain ``QuantumCircuit`` on ``t + n`` qubits using ``2^t - 1`` controlled
        iterates (one oracle query each).

    Raises:
        QcogValueError: a bad oracle or ``precision_qubits``.
    """
    from qiskit import ClassicalRegister, QuantumCircuit

    from qcog.circuits.qft import qft_circuit

    t = check_precision(precision_qubits)
    step = controlled_iteration(oracle)
    n = oracle.num_qubits
    search = list(range(t, t + n))
    circuit = QuantumCircuit(t + n, name=f"counting_{t}")
    circuit.h(range(t + n))
    for j in range(t):
        for _ in range(2**j):
            circuit.compose(step, [j, *search], inplace=True)
    circuit.compose(qft_circuit(t, inverse=True), range(t), inplace=True)
    if measure:
        circuit.add_register(ClassicalRegister(t, "c"))
        circuit.measure(range(t), range(t))
    return circuit
