"""Readout-error mitigation with per-qubit (tensored) calibration.

Two calibration circuits prepare all measured physical qubits in |0> and in |1> and
measure them; they give each qubit's confusion matrix
``A = [[1 - p(1|0), p(0|1)], [p(1|0), 1 - p(0|1)]]`` (columns: prepared, rows: read).
Assuming independent readout errors, the measured distribution is ``(A_1 x ... x A_n) p``,
so a Z-parity expectation is corrected by weighting each measured bit with
``g = A^-T (1, -1)`` instead of ``(1, -1)`` (:meth:`ReadoutCalibration.weights`), which
needs no ``2**n`` matrix; :meth:`ReadoutCalibration.correct_counts` returns the
corrected quasi-probabilities for small registers. Correlated readout errors are not
modelled.

>>> cal = ReadoutCalibration.from_counts((0,), {"0": 95, "1": 5}, {"0": 10, "1": 90})
>>> cal.p01.round(6).tolist(), cal.p10.round(6).tolist()
([0.05], [0.1])
>>> round(cal.expectation({"0": 50, "1": 50}, physical=[0], support=[0]), 4)
-0.0588
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcog.exceptions import QcogValueError
from qcog.mitigation.observables import Z_WEIGHTS, parity_expectation
from qcog.outcomes import outcome_bits

#: Most measured bits :meth:`ReadoutCalibration.correct_counts` expands densely.
MAX_DENSE_BITS = 16


def calibration_circuits(physical_qubits, width: int) -> list:
    """Circuits on ``width`` qubits preparing the listed qubits in all-0 and all-1.

    Qubit ``physical_qubits[k]`` is measured into classical bit ``k``.
    """
    from qiskit import QuantumCircuit

    qubits = list(physical_qubits)
    out = []
    for state in (0, 1):
        circuit = QuantumCircuit(width, len(qubits), name=f"readout_cal_{state}")
        if state:
            circuit.x(qubits)
        circuit.measure(qubits, range(len(qubits)))
        out.append(circuit)
    return out


def _one_rates(counts: dict[str, int], width: int) -> np.ndarray:
    """Fraction of shots that read 1, per classical bit."""
    bits, shots = outcome_bits(counts, width)
    return (bits.T.astype(float) @ shots) / shots.sum()


@dataclass(frozen=True)
class ReadoutCalibration:
    """Per-qubit readout error rates of physical qubits.

    Attributes:
        qubits: the physical qubits calibrated.
        p01: probability of reading 1 after preparing 0, per qubit.
        p10: probability of reading 0 after preparing 1, per qubit.
    """

    qubits: tuple[int, ...]
    p01: np.ndarray
    p10: np.ndarray

    @classmethod
    def from_counts(cls, qubits, counts_zero: dict, counts_one: dict) -> ReadoutCalibration:
        """From the counts of :func:`calibration_circuits` (all-0 first, then all-1)."""
        qubits = tuple(int(q) for q in qubits)
        p01 = _one_rates(counts_zero, len(qubits))
        p10 = 1.0 - _one_rates(counts_one, len(qubits))
        return cls(qubits, p01, p10)

    def matrix(self, qubit: int) -> np.ndarray:
        """The confusion matrix of physical ``qubit`` (columns: prepared 0/1, rows: read)."""
        k = self.qubits.index(qubit)
        return np.array([[1 - self.p01[k], self.p10[k]], [self.p01[k], 1 - self.p10[k]]])

    def weights(self, qubit: int) -> np.ndarray:
        """Corrected Z eigenvalues ``A^-T (1, -1)`` for physical ``qubit``.

        Raises:
            QcogValueError: when the qubit reads out at random (``p01 + p10 >= 1``).
        """
        a = self.matrix(qubit)
        if abs(np.linalg.det(a)) < 1e-9:
            raise QcogValueError(f"qubit {qubit}'s readout is random (confusion matrix {a.tolist()})")
        return np.linalg.solve(a.T, Z_WEIGHTS)

    def expectation(self, counts: dict[str, int], physical, support) -> float:
        """Readout-corrected Z-parity of classical bits ``support``.

        Args:
            counts: measured counts.
            physical: the physical qubit measured into each classical bit.
            support: the classical bits whose parity is wanted.
        """
        return parity_expectation(counts, support, [self.weights(physical[b]) for b in support])

    def correct_counts(self, counts: dict[str, int], physical) -> dict[str, float]:
        """Corrected quasi-probabilities of every outcome (may be slightly negative).

        Raises:
            QcogValueError: more than :data:`MAX_DENSE_BITS` measured bits.
        """
        n = len(physical)
        if n > MAX_DENSE_BITS:
            raise QcogValueError(f"dense correction handles at most {MAX_DENSE_BITS} bits, got {n}")
        bits, shots = outcome_bits(counts, n)
        index = bits.astype(np.int64) @ (1 << np.arange(n))  # bit k has weight 2**k
        probs = np.bincount(index, weights=shots / shots.sum(), minlength=2**n)
        tensor = probs.reshape((2,) * n)  # axis j is bit n - 1 - j
        for bit in range(n):
            inverse = np.linalg.inv(self.matrix(physical[bit]))
            tensor = np.moveaxis(np.tensordot(inverse, tensor, axes=([1], [n - 1 - bit])), 0, n - 1 - bit)
        flat = tensor.reshape(-1)
        return {format(i, f"0{n}b"): float(v) for i, v in enumerate(flat) if abs(v) > 1e-12}
