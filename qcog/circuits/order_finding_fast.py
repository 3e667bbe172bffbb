"""SIMULATION ONLY: semiclassical order finding with each controlled multiplication written
as one exact permutation matrix (a ``UnitaryGate`` on the control and the ``n`` work qubits).

This is not a hardware circuit (a dense ``2^(n+1)``-dimensional unitary per multiplication,
built classically from the multiplication table); it exists to check the gate-level
circuits and to run order finding for larger ``N`` on simulators. ``n`` is limited to 10.

>>> qc = permutation_order_finding_circuit(7, 15)
>>> qc.num_qubits, qc.count_ops()["unitary"]
(5, 2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.circuits.order_finding import (
    _check,
    multiplier_constants,
    semiclassical_phase_estimation,
)
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    import numpy as np
    from qiskit import QuantumCircuit


#: Largest bit length of N for which dense permutation matrices are built.
MAX_PERMUTATION_BITS = 10


def controlled_permutation_matrix(c: int, N: int) -> np.ndarray:
    """The ``2^(n+1)`` permutation matrix of controlled ``x -> c x mod N`` (``x >= N`` fixed);
    the control is qubit 0 (least significant).

    >>> controlled_permutation_matrix(2, 3).shape
    (8, 8)
    """
    import numpy as np

    n = N.bit_length()
    dim = 2 ** (n + 1)
    source = np.arange(dim)
    x = source >> 1
    target = source.copy()
    active = (source & 1 == 1) & (x < N)
    target[active] = ((c * x[active]) % N << 1) | 1
    matrix = np.zeros((dim, dim))
    matrix[target, source] = 1.0
    return matrix


def permutation_order_finding_circuit(
    a: int, N: int, num_bits: int | None = None
) -> QuantumCircuit:
    """Semiclassical order finding on ``n + 1`` qubits with permutation-matrix multipliers.

    Args:
        a: base, ``2 <= a < N``, coprime to ``N``.
        N: modulus with at most :data:`MAX_PERMUTATION_BITS` bits.
        num_bits: phase bits ``t`` (default ``2n``).

    Returns:
        A dynamic circuit (registers ``ctrl, x``; classical ``phase``), SIMULATION ONLY.

    Raises:
        QcogValueError: bad input, or ``N`` too large for dense matrices.
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
    from qiskit.circuit.library import UnitaryGate

    n, t = _check(a, N, num_bits)
    if n > MAX_PERMUTATION_BITS:
        raise QcogValueError(
            f"N={N} has {n} bits; permutation circuits are built up to {MAX_PERMUTATION_BITS} bits "
            "(use qcog.algorithms.order_finding_fast.sample_permutation_phases for larger N)"
        )
    ctrl, x, phase = (
        QuantumRegister(1, "ctrl"),
        QuantumRegister(n, "x"),
        ClassicalRegister(t, "phase"),
    )
    qc = QuantumCircuit(ctrl, x, phase, name=f"order_finding_perm({a},{N})")
    qc.x(x[0])

    def multiply(c: int) -> None:
        if c != 1:
            gate = UnitaryGate(controlled_permutation_matrix(c, N), label=f"x{c} mod {N}")
            qc.append(gate, [ctrl[0], *x])

    semiclassical_phase_estimation(qc, ctrl[0], phase, multiplier_constants(a, N, t), multiply)
    return qc
