"""Layered random circuits: L layers of RY on every qubit, each followed by a CX chain.

The standard workload of qcog's simulator benchmark and GPU checks (the issue's H200
figures are for 10 layers). Angles are drawn uniformly from ``[0, 2π)`` with a seeded
generator, so a circuit is fixed by ``(num_qubits, layers, seed)``.

>>> qc = layered_circuit(4, layers=2, seed=0)
>>> qc.count_ops()["ry"], qc.count_ops()["cx"]
(8, 6)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from qcog.circuits.states import _check_qubits

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit


def layered_angles(num_qubits: int, layers: int = 10, seed: int = 0) -> np.ndarray:
    """The RY angles, shape ``(layers, num_qubits)``."""
    return np.random.default_rng(seed).uniform(0, 2 * np.pi, size=(layers, num_qubits))


def layered_circuit(num_qubits: int, layers: int = 10, seed: int = 0) -> QuantumCircuit:
    """``layers`` x (RY(θ) on every qubit, then CX 0→1→...→n-1), angles from :func:`layered_angles`."""
    from qiskit import QuantumCircuit

    n = _check_qubits(num_qubits)
    qc = QuantumCircuit(n, name=f"layered_{n}x{layers}")
    for row in layered_angles(n, layers, seed):
        for q, angle in enumerate(row):
            qc.ry(float(angle), q)
        for q in range(n - 1):
            qc.cx(q, q + 1)
    return qc
