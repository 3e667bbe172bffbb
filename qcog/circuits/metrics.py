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


def _instructions(circuit: QuantumCircuit):
    """Every instruction, including those inside control-flow blocks (``if_test``, ...)."""
    for inst in circuit.data:
        yield inst
        for block in getattr(inst.operation, "blocks", ()) or ():
            yield from _instructions(block)


def two_qubit_gate_count(circuit: QuantumCircuit) -> int:
    """Number of gates that act on exactly two qubits (barriers excluded), counting the
    gates inside conditional blocks too (each block counted once: the worst case), not
    the blocks themselves.

    >>> from qiskit import QuantumCircuit
    >>> qc = QuantumCircuit(2, 1)
    >>> _ = qc.measure(0, 0)
    >>> with qc.if_test((qc.clbits[0], 1)):
    ...     _ = qc.cz(0, 1)
    >>> two_qubit_gate_count(qc)
    1
    """
    return sum(
        1
        for inst in _instructions(circuit)
        if inst.operation.num_qubits == 2
        and inst.operation.name not in _NOT_GATES
        and not getattr(inst.operation, "blocks", None)
    )


def count_ops_deep(circuit: QuantumCircuit) -> dict[str, int]:
    """``count_ops`` with the operations inside control-flow blocks added in."""
    out: dict[str, int] = {}
    for inst in _instructions(circuit):
        out[inst.operation.name] = out.get(inst.operation.name, 0) + 1
    return out


#: CX of common gates decomposed to cx/rz/sx/x without optimisation (Qiskit's standard
#: decompositions); other gates are transpiled once per name and size to find out.
_CX_OF = {"cx": 1, "cz": 1, "ecr": 1, "cp": 2, "crz": 2, "cry": 2, "crx": 2, "swap": 3}
_CX_OF |= {"ccx": 6, "cswap": 8, "rzz": 2, "cs": 2, "csdg": 2}
_CX_CACHE: dict[tuple[str, int], int] = {}


def _cx_of(op) -> int:
    if op.num_qubits < 2 or op.name in _NOT_GATES or getattr(op, "blocks", None):
        return 0  # control flow: its blocks' gates are counted themselves
    if op.name in _CX_OF:
        return _CX_OF[op.name]
    key = (op.name, op.num_qubits)
    if key not in _CX_CACHE:
        from qiskit import QuantumCircuit, transpile

        qc = QuantumCircuit(op.num_qubits)
        qc.append(op, range(op.num_qubits))
        compiled = transpile(qc, basis_gates=list(IBM_BASIS), optimization_level=0)
        _CX_CACHE[key] = compiled.count_ops().get("cx", 0)
    return _CX_CACHE[key]


def cx_count(circuit: QuantumCircuit) -> int:
    """CX after decomposing every gate to cx/rz/sx/x WITHOUT optimisation (no transpiler
    pass that cancels gates), conditional blocks included once each: fast for circuits of
    10^5 gates, where transpiling takes minutes.

    >>> from qiskit import QuantumCircuit
    >>> qc = QuantumCircuit(3)
    >>> _ = qc.ccx(0, 1, 2); _ = qc.cp(0.1, 0, 1)
    >>> cx_count(qc)
    8
    """
    return sum(_cx_of(inst.operation) for inst in _instructions(circuit))


def circuit_cost(circuit: QuantumCircuit) -> CircuitCost:
    """Cost of ``circuit`` as written (no transpilation); gates inside conditional blocks
    count in ``twoq_gates`` and ``ops``."""
    depth = circuit.depth(lambda inst: inst.operation.name not in _NOT_GATES)
    return CircuitCost(
        qubits=circuit.num_qubits,
        twoq_gates=two_qubit_gate_count(circuit),
        depth=depth,
        ops=count_ops_deep(circuit),
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
