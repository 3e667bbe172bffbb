"""Memory estimates refuse what would not fit, before anything is allocated."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.sizes import CHUNK_BYTES, available_bytes, check_fits, estimate_bytes


def test_stim_estimate_does_not_grow_with_shots():
    assert estimate_bytes(5, 5, 10, "stim") == estimate_bytes(5, 5, 10**12, "stim")
    assert estimate_bytes(5, 5, 10, "stim") >= 4 * CHUNK_BYTES


def test_aer_estimate_grows_with_shots_and_is_refused_when_too_big():
    assert estimate_bytes(3, 3, 2000, "aer") < estimate_bytes(3, 3, 4000, "aer")
    with pytest.raises(QcogValueError, match="fewer shots"):
        check_fits(3, 3, 10**10, "aer", available=2**30)
    assert check_fits(3, 3, 1000, "aer", available=2**30) > 0


def test_available_memory_is_positive():
    assert available_bytes() > 0
