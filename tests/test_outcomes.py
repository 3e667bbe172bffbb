"""Counts to bit arrays: Qiskit's bit order, registers, widths."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.outcomes import outcome_bits, shot_records


def test_bit_zero_is_the_rightmost_character_and_registers_join():
    bits, counts = outcome_bits({"110": 2, "01 1": 5})
    assert bits.tolist() == [[0, 1, 1], [1, 1, 0]] and counts.tolist() == [2, 5]


def test_shot_records_repeat_each_outcome():
    assert shot_records({"10": 1, "00": 2}, 2).tolist() == [[0, 1], [0, 0], [0, 0]]
    assert shot_records({}, 3).shape == (0, 3)


def test_widths_must_match():
    with pytest.raises(QcogValueError, match="has 2 bits; expected 3"):
        outcome_bits({"01": 1}, 3)
    with pytest.raises(QcogValueError, match="expected 2"):
        outcome_bits({"01": 1, "011": 1})
