"""Stim's generated circuits, as the reference the other tests compare against."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.reference import stim_reference_circuit


def test_reference_carries_all_four_noise_parameters():
    text = str(stim_reference_circuit("repetition", 3, 2, 0.0125))
    for channel in ("DEPOLARIZE1(0.0125)", "DEPOLARIZE2(0.0125)", "X_ERROR(0.0125)"):
        assert channel in text


def test_phase_flip_repetition_has_no_stim_reference():
    with pytest.raises(QcogValueError, match="Stim generates no repetition"):
        stim_reference_circuit("repetition", 3, 3, 0.01, basis="x")
