import pytest

from qcog.exceptions import SizeLimitError
from qcog.kernels.memory import GramTooLargeError, default_memory_limit, plan_gram


def test_states_are_cached_when_they_fit_and_recomputed_when_not():
    roomy = plan_gram(1000, 1000, 10, 16, memory_limit=2**31, symmetric=True)
    assert roomy.cache_states and roomy.block == 1000 and roomy.nbytes <= 2**31
    tight = plan_gram(1000, 1000, 16, 16, memory_limit=2**30)
    assert not tight.cache_states and 1 <= tight.block < 1000 and tight.nbytes <= 2**30


def test_refusals_say_what_is_needed():
    assert issubclass(GramTooLargeError, SizeLimitError)
    with pytest.raises(GramTooLargeError, match="for the result alone, more than the 1.0 GiB given"):
        plan_gram(10**5, 10**5, 2, 8, memory_limit=2**30)
    with pytest.raises(GramTooLargeError, match=r"30-qubit states needs at least"):
        plan_gram(10, 10, 30, 16, memory_limit=2**30)


def test_default_limit_is_qcogs_memory_budget(monkeypatch):
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1MiB")
    assert default_memory_limit() == (2**20, "set by QCOG_MEMORY_LIMIT")
    with pytest.raises(GramTooLargeError, match="more than the 1.0 MiB set by QCOG_MEMORY_LIMIT"):
        plan_gram(1000, 1000, 2, 8)
    monkeypatch.delenv("QCOG_MEMORY_LIMIT")
    limit, source = default_memory_limit()
    assert limit > 0 and "QCOG_MEMORY_LIMIT overrides it" in source
