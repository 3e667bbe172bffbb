"""Qiskit counts as arrays of bits: one row per distinct outcome, or one row per shot.

Qiskit writes classical bit 0 rightmost and separates registers with spaces; here column
``k`` is classical bit ``k``.

>>> bits, counts = outcome_bits({"01": 3, "1 0": 1})
>>> bits.tolist(), counts.tolist()
([[1, 0], [0, 1]], [3, 1])
>>> shot_records({"01": 2}, 2).tolist()
[[1, 0], [1, 0]]
"""

from __future__ import annotations

import numpy as np

from qcog.exceptions import QcogValueError


def outcome_bits(counts: dict[str, int], num_bits: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(bits, counts)``: bits ``(outcomes, num_bits)`` of 0/1 (uint8), counts ``(outcomes,)``.

    Raises:
        QcogValueError: an outcome whose width is not ``num_bits`` (or not all equal).
    """
    keys = [key.replace(" ", "")[::-1] for key in counts]
    width = num_bits if num_bits is not None else (len(keys[0]) if keys else 0)
    for key, original in zip(keys, counts):
        if len(key) != width:
            raise QcogValueError(f"outcome {original!r} has {len(key)} bits; expected {width}")
    if not keys:
        return np.zeros((0, width), dtype=np.uint8), np.zeros(0, dtype=np.int64)
    bits = np.frombuffer("".join(keys).encode("ascii"), dtype=np.uint8).reshape(len(keys), width) - ord("0")
    return bits, np.fromiter(counts.values(), dtype=np.int64, count=len(keys))


def shot_records(counts: dict[str, int], num_bits: int) -> np.ndarray:
    """One row of bits per shot, ``(shots, num_bits)`` uint8."""
    bits, repeats = outcome_bits(counts, num_bits)
    return np.repeat(bits, repeats, axis=0)
