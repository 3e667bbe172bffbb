"""A small numpy statevector simulator: the independent source of truth for tests.

It knows a fixed table of gates by their textbook matrices (no Qiskit simulation code
is used), applies them with ``tensordot``, and follows Qiskit's qubit order (qubit 0 is
the least significant bit of a basis-state index).

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(2); _ = qc.h(0); _ = qc.cx(0, 1)
>>> reference_probabilities(qc)
{'00': 0.5, '11': 0.5}
"""

from __future__ import annotations

import cmath
import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

_S2 = 1 / math.sqrt(2)


def _u(theta, phi, lam):
    c, s = math.cos(theta / 2), math.sin(theta / 2)
    return np.array(
        [[c, -cmath.exp(1j * lam) * s], [cmath.exp(1j * phi) * s, cmath.exp(1j * (phi + lam)) * c]]
    )


def _controlled(base: np.ndarray) -> np.ndarray:
    """Controlled-``base`` with the control as the *least* significant qubit (Qiskit order)."""
    out = np.eye(4, dtype=complex)
    # Basis index = target*2 + control; control=1 rows/cols are 1 and 3.
    out[np.ix_([1, 3], [1, 3])] = base
    return out


#: Gate name -> function of its parameters returning the matrix (Qiskit qubit order).
GATES = {
    "id": lambda: np.eye(2),
    "x": lambda: np.array([[0, 1], [1, 0]]),
    "y": lambda: np.array([[0, -1j], [1j, 0]]),
    "z": lambda: np.diag([1, -1]),
    "h": lambda: np.array([[_S2, _S2], [_S2, -_S2]]),
    "s": lambda: np.diag([1, 1j]),
    "sdg": lambda: np.diag([1, -1j]),
    "t": lambda: np.diag([1, cmath.exp(1j * math.pi / 4)]),
    "tdg": lambda: np.diag([1, cmath.exp(-1j * math.pi / 4)]),
    "sx": lambda: 0.5 * np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]]),
    "rx": lambda t: np.array([[math.cos(t / 2), -1j * math.sin(t / 2)], [-1j * math.sin(t / 2), math.cos(t / 2)]]),
    "ry": lambda t: np.array([[math.cos(t / 2), -math.sin(t / 2)], [math.sin(t / 2), math.cos(t / 2)]]),
    "rz": lambda t: np.diag([cmath.exp(-0.5j * t), cmath.exp(0.5j * t)]),
    "p": lambda t: np.diag([1, cmath.exp(1j * t)]),
    "u": _u,
    "cx": lambda: _controlled(np.array([[0, 1], [1, 0]])),
    "cy": lambda: _controlled(np.array([[0, -1j], [1j, 0]])),
    "cz": lambda: np.diag([1, 1, 1, -1]),
    "cp": lambda t: np.diag([1, 1, 1, cmath.exp(1j * t)]),
    "crx": lambda t: _controlled(GATES["rx"](t)),
    "cry": lambda t: _controlled(GATES["ry"](t)),
    "crz": lambda t: _controlled(GATES["rz"](t)),
    "swap": lambda: np.eye(4)[[0, 2, 1, 3]],
    "ccx": lambda: np.eye(8)[[0, 1, 2, 7, 4, 5, 6, 3]],
}
_SKIP = {"barrier", "measure", "delay"}


def _apply(state: np.ndarray, matrix: np.ndarray, qubits: list[int], n: int) -> np.ndarray:
    """Apply a k-qubit ``matrix`` (Qiskit order over ``qubits``) to an n-qubit state."""
    k = len(qubits)
    tensor = state.reshape([2] * n)  # axis j is qubit n-1-j
    gate = matrix.reshape([2] * (2 * k))  # axes: outputs (q_{k-1}..q_0), then inputs
    axes = [n - 1 - q for q in reversed(qubits)]
    moved = np.tensordot(gate, tensor, axes=(list(range(k, 2 * k)), axes))
    return np.moveaxis(moved, list(range(k)), axes).reshape(-1)


def reference_statevector(circuit: QuantumCircuit) -> np.ndarray:
    """Final statevector of a measurement-free ``circuit`` (final measurements ignored).

    Raises:
        NotImplementedError: for gates outside :data:`GATES` (name given).
    """
    n = circuit.num_qubits
    state = np.zeros(2**n, dtype=complex)
    state[0] = 1.0
    for inst in circuit.data:
        name = inst.operation.name
        if name in _SKIP:
            continue
        if name not in GATES:
            raise NotImplementedError(f"reference simulator has no gate {name!r}; known: {sorted(GATES)}")
        params = [float(p) for p in inst.operation.params]
        qubits = [circuit.find_bit(q).index for q in inst.qubits]
        state = _apply(state, np.asarray(GATES[name](*params), dtype=complex), qubits, n)
    return state * cmath.exp(1j * float(circuit.global_phase))


def reference_probabilities(circuit: QuantumCircuit, tol: float = 1e-12) -> dict[str, float]:
    """Exact outcome probabilities over all qubits, keyed like Qiskit's ``measure_all``."""
    probs = np.abs(reference_statevector(circuit)) ** 2
    n = circuit.num_qubits
    return {format(i, f"0{n}b"): float(round(p, 12)) for i, p in enumerate(probs) if p > tol}
