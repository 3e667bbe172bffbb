"""A memory experiment: a Qiskit circuit plus its detectors and logical observable.

A *detector* is a set of measurements whose parity is fixed (0) when no error happens;
the *observable* is the set of measurements whose parity is the logical readout. Both
are given as classical-bit indices of :attr:`MemoryExperiment.circuit`, where every
measurement writes its own bit, so the same definitions apply to bits sampled by Aer,
by a fake or IBM backend, or by Stim (whose record order is the circuit's measurement
order).

>>> from qcog.qec.repetition import repetition_code_memory
>>> exp = repetition_code_memory(distance=3, rounds=2)
>>> exp.num_detectors, exp.observable
(6, (6,))
>>> exp.detection_events([[0] * exp.circuit.num_clbits]).tolist()
[[False, False, False, False, False, False]]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.exceptions import QcogValueError

#: Code distances are odd and at least this.
MIN_DISTANCE = 3
#: The label of the barrier that opens each round (where data qubits idle between rounds).
ROUND_LABEL = "round"
BASES = ("x", "z")


def check_code_size(distance: int, rounds: int) -> None:
    """Refuse distances that are even or below 3, and rounds below 1.

    Raises:
        QcogValueError: saying what was given and what is accepted.
    """
    if isinstance(distance, bool) or not isinstance(distance, (int, np.integer)):
        raise QcogValueError(f"distance must be an odd integer >= {MIN_DISTANCE}, got {distance!r}")
    if distance < MIN_DISTANCE or distance % 2 == 0:
        raise QcogValueError(
            f"distance must be an odd integer >= {MIN_DISTANCE} (3, 5, 7, ...), got {distance}"
        )
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds < 1:
        raise QcogValueError(f"rounds must be a positive integer (>= 1), got {rounds!r}")


def check_basis(basis: str) -> str:
    """Return ``basis`` lower-cased if it is 'x' or 'z'; raise :class:`QcogValueError` else."""
    key = str(basis).lower()
    if key not in BASES:
        raise QcogValueError(f"basis must be 'x' or 'z', got {basis!r}")
    return key


def parity_matrix(rows: tuple[tuple[int, ...], ...], num_bits: int) -> np.ndarray:
    """A 0/1 matrix with one row per bit set: ``rows[k]`` lists the bits of row ``k``."""
    matrix = np.zeros((len(rows), num_bits), dtype=np.uint8)
    for k, bits in enumerate(rows):
        matrix[k, list(bits)] = 1
    return matrix


@dataclass(frozen=True)
class MemoryExperiment:
    """A logical qubit kept for ``rounds`` rounds of stabiliser measurement, then read out.

    Attributes:
        circuit: the noiseless Qiskit circuit (mid-circuit measurement and reset); one
            classical bit per measurement, in measurement order.
        detectors: per detector, the classical bits whose parity it is.
        observable: the classical bits whose parity is the logical measurement outcome.
        data_qubits: the code's data qubits (prepared and read out in ``basis``).
        code: 'repetition' or 'surface'.
        distance, rounds: the code distance and the number of stabiliser rounds.
        basis: 'z' (the logical |0> is kept) or 'x' (the logical |+> is kept).
        detector_coords: per detector ``(x, y, round)``, for plots and Stim.
        flip: for the repetition code, 'bit' or 'phase' (the error it corrects).
    """

    circuit: Any = field(repr=False)
    detectors: tuple[tuple[int, ...], ...] = field(repr=False)
    observable: tuple[int, ...]
    data_qubits: tuple[int, ...] = field(repr=False)
    code: str
    distance: int
    rounds: int
    basis: str
    detector_coords: tuple[tuple[float, ...], ...] = field(default=(), repr=False)
    flip: str | None = None

    @property
    def num_detectors(self) -> int:
        return len(self.detectors)

    @property
    def num_qubits(self) -> int:
        return int(self.circuit.num_qubits)

    @property
    def num_measurements(self) -> int:
        return int(self.circuit.num_clbits)

    def detection_events(self, records) -> np.ndarray:
        """Detector outcomes for measurement records ``(shots, num_measurements)`` of 0/1.

        Returns:
            A boolean array ``(shots, num_detectors)``: True where a detector fired.
        """
        bits = np.asarray(records, dtype=np.uint8)  # (shots, measurements)
        matrix = parity_matrix(self.detectors, self.num_measurements)  # (detectors, measurements)
        return (bits @ matrix.T.astype(np.int64)) % 2 == 1

    def observable_flips(self, records) -> np.ndarray:
        """The logical outcome per shot, a boolean array ``(shots,)`` (True: flipped)."""
        bits = np.asarray(records, dtype=np.uint8)
        return np.bitwise_xor.reduce(bits[:, list(self.observable)], axis=1).astype(bool)

    def describe(self) -> dict[str, Any]:
        """A JSON-ready summary of the experiment."""
        return {
            "code": self.code,
            "flip": self.flip,
            "distance": self.distance,
            "rounds": self.rounds,
            "basis": self.basis,
            "qubits": self.num_qubits,
            "measurements": self.num_measurements,
            "detectors": self.num_detectors,
        }
