"""Memory estimates refuse what would not fit, before anything is allocated."""

import pytest

from qcog.exceptions import SizeLimitError
from qcog.qec.sizes import CHUNK_BYTES, check_fits, estimate_bytes


def test_stim_estimate_does_not_grow_with_shots():
    assert estimate_bytes(5, 5, 10, "stim") == estimate_bytes(5, 5, 10**12, "stim")
    assert estimate_bytes(5, 5, 10, "stim") >= 4 * CHUNK_BYTES


def test_aer_estimate_grows_with_shots_and_is_refused_when_too_big():
    assert estimate_bytes(3, 3, 2000, "aer") < estimate_bytes(3, 3, 4000, "aer")
    with pytest.raises(SizeLimitError, match="fewer shots"):
        check_fits(3, 3, 10**10, "aer", limit=2**30)
    assert check_fits(3, 3, 1000, "aer", limit=2**30) > 0


def test_circuits_too_large_to_build_are_refused(monkeypatch):
    monkeypatch.setenv("QCOG_MAX_GATES", "10000")
    with pytest.raises(SizeLimitError, match="instructions"):
        check_fits(15, 15, 10, "stim")


def test_memory_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "64M")
    with pytest.raises(SizeLimitError, match="set by QCOG_MEMORY_LIMIT"):
        check_fits(3, 3, 10, "stim")
