"""Gate cost of a circuit: two-qubit gates, depth, operation counts.

>>> from qcog.circuits.states import ghz_state
>>> cost = circuit_cost(ghz_state(4))
>>> cost.twoq_gates, cost.depth
(3, 4)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    from collections.abc import Sequence

    from qiskit import QuantumCircuit

#: The hardware-like basis used for gate counts reported in qcog's benchmarks.
IBM_BASIS = ("cx", "rz", "sx", "x")
_NOT_GATES = {"barrier", "measure", "reset", "delay", "save_statevector", "save_probabilities"}


@dataclass(frozen=True)
class CircuitCost:
    """Qubits, two-qubit gates, depth and per-operation counts of a circuit."""

    qubits: int
    twoq_gates: int
    depth: int
    ops: dict[str, int]

    def to_dict(self) -> dict:
        return asdict(self)


def two_qubit_gate_count(circuit: QuantumCircuit) -> int:
    """Number of gates that act on exactly two qubits (barriers excluded)."""
    return sum(
        1
        for inst in circuit.data
        if inst.operation.num_qubits == 2 and inst.operation.name not in _NOT_GATES
    )


def circuit_cost(circuit: QuantumCircuit) -> CircuitCost:
    """Cost of ``circuit`` as written (no transpilation)."""
    depth = circuit.depth(lambda inst: inst.operation.name not in _NOT_GATES)
    return CircuitCost(
        qubits=circuit.num_qubits,
        twoq_gates=two_qubit_gate_count(circuit),
        depth=depth,
        ops=dict(circuit.count_ops()),
    )


def to_basis(
    circuit: QuantumCircuit,
    basis: Sequence[str] = IBM_BASIS,
    optimization_level: int = 1,
    seed: int | None = 7,
) -> QuantumCircuit:
    """``circuit`` transpiled to ``basis`` (all-to-all connectivity)."""
    from qiskit import transpile

    return transpile(
        circuit, basis_gates=list(basis), optimization_level=optimization_level, seed_transpiler=seed
    )


def cost_in_basis(
    circuit: QuantumCircuit,
    basis: Sequence[str] = IBM_BASIS,
    optimization_level: int = 1,
    seed: int | None = 7,
) -> CircuitCost:
    """Cost after transpiling ``circuit`` to ``basis`` (all-to-all connectivity)."""
    return circuit_cost(to_basis(circuit, basis, optimization_level, seed))
