"""Hadamard/CNOT building blocks: superpositions, Bell, GHZ and basis states.

Every function returns a plain ``QuantumCircuit`` without measurements; add them
(``qc.measure_all()``) or let :func:`qcog.run` do it.

>>> bell_state("phi+").count_ops()["cx"]
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

BELL_STATES = ("phi+", "phi-", "psi+", "psi-")


def _check_qubits(num_qubits: int, minimum: int = 1) -> int:
    if isinstance(num_qubits, bool) or not isinstance(num_qubits, int) or num_qubits < minimum:
        raise QcogValueError(f"number of qubits must be an integer >= {minimum}, got {num_qubits!r}")
    return num_qubits


def uniform_superposition(num_qubits: int) -> QuantumCircuit:
    """H on every qubit: all ``2**n`` basis states with probability ``2**-n``."""
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(_check_qubits(num_qubits), name=f"H^{num_qubits}")
    circuit.h(range(num_qubits))
    return circuit


def bell_state(which: str = "phi+") -> QuantumCircuit:
    """One of the four Bell states: 'phi+', 'phi-', 'psi+', 'psi-'.

    ``phi± = (|00> ± |11>)/√2``, ``psi± = (|01> ± |10>)/√2``.
    """
    from qiskit import QuantumCircuit

    key = str(which).lower().replace("φ", "phi").replace("ψ", "psi")
    if key not in BELL_STATES:
        raise QcogValueError(f"unknown Bell state {which!r}; accepted: {', '.join(BELL_STATES)}")
    circuit = QuantumCircuit(2, name=f"bell_{key}")
    if key.startswith("psi"):
        circuit.x(1)
    circuit.h(0)
    if key.endswith("-"):
        circuit.z(0)
    circuit.cx(0, 1)
    return circuit


def ghz_state(num_qubits: int, layout: str = "linear") -> QuantumCircuit:
    """GHZ state ``(|0...0> + |1...1>)/√2`` on ``num_qubits`` qubits.

    Args:
        layout: 'linear' (a CNOT chain, depth n) or 'log' (a CNOT tree, depth
            ``1 + ceil(log2 n)``); both use ``n - 1`` CNOTs.
    """
    from qiskit import QuantumCircuit

    n = _check_qubits(num_qubits)
    if layout not in ("linear", "log"):
        raise QcogValueError(f"unknown GHZ layout {layout!r}; accepted: linear, log")
    circuit = QuantumCircuit(n, name=f"ghz_{n}")
    circuit.h(0)
    if layout == "linear":
        for q in range(n - 1):
            circuit.cx(q, q + 1)
        return circuit
    done = 1  # qubits 0..done-1 already hold the GHZ state
    while done < n:
        for q in range(min(done, n - done)):
            circuit.cx(q, done + q)
        done *= 2
    return circuit


def basis_state(value: int | str, num_qubits: int | None = None) -> QuantumCircuit:
    """Prepare the computational basis state ``|value>`` with X gates.

    ``value`` is an integer (qubit 0 is the least significant bit) or a bitstring in
    Qiskit's order (rightmost character is qubit 0).
    """
    from qiskit import QuantumCircuit

    if isinstance(value, str):
        if not value or set(value) - {"0", "1"}:
            raise QcogValueError(f"basis state bitstring must contain only 0 and 1, got {value!r}")
        num_qubits = len(value) if num_qubits is None else num_qubits
        value = int(value, 2)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise QcogValueError(f"basis state must be a non-negative integer or bitstring, got {value!r}")
    n = _check_qubits(num_qubits if num_qubits is not None else max(1, value.bit_length()))
    if value >= 2**n:
        raise QcogValueError(f"basis state {value} does not fit in {n} qubits (max {2**n - 1})")
    circuit = QuantumCircuit(n, name=f"basis_{value}")
    for q in range(n):
        if value >> q & 1:
            circuit.x(q)
    return circuit
