"""Size guards: estimates by formula, refusals with size, limit and fix; nothing allocated."""

import pytest

from qcog import limits
from qcog.exceptions import QcogValueError, SizeLimitError
from qcog.limits import (
    MemoryBudget,
    available_memory,
    check_gate_count,
    check_memory,
    check_statevector,
    format_bytes,
    max_gates,
    parse_bytes,
    statevector_bytes,
)

GIB = 2**30


@pytest.mark.parametrize(
    "n,precision,batch,nbytes",
    [(0, "double", 1, 16), (10, "single", 1, 8 * 1024), (30, "double", 1, 16 * GIB),
     (20, "single", 16, 16 * 8 * 2**20), (50, "double", 1, 16 * 2**50)],
)
def test_statevector_bytes_formula(n, precision, batch, nbytes):
    assert statevector_bytes(n, precision, batch) == nbytes


@pytest.mark.parametrize("args", [(-1,), (3, "quad"), (3, "double", 0), (2.5,)])
def test_statevector_bytes_refuses_bad_input(args):
    with pytest.raises(QcogValueError):
        statevector_bytes(*args)


@pytest.mark.parametrize(
    "text,nbytes",
    [("8GiB", 8 * GIB), ("8G", 8 * GIB), ("512 MB", 512 * 2**20), ("1000", 1000),
     ("1.5k", 1536), ("2t", 2 * 2**40)],
)
def test_parse_bytes(text, nbytes):
    assert parse_bytes(text) == nbytes


def test_parse_bytes_refuses_words():
    with pytest.raises(QcogValueError, match="not a memory size"):
        parse_bytes("lots")


def test_format_bytes():
    assert [format_bytes(b) for b in (512, 2048, 5 * GIB, 16 * 2**50)] == [
        "512 B", "2.0 KiB", "5.0 GiB", "16.0 PiB"
    ]


def test_refusal_names_size_limit_fix_and_what_fits():
    with pytest.raises(SizeLimitError) as info:
        check_statevector(34, "Grover's circuit on aer", "search fewer qubits", limit=16 * GIB)
    message = str(info.value)
    assert "needs 256.0 GiB" in message and "16.0 GiB given" in message
    assert "a 34-qubit statevector, complex128" in message
    assert "search fewer qubits (about 30 qubits fit)" in message
    assert "\n" not in message


def test_batch_copies_and_extra_bytes_enter_the_estimate():
    need = check_statevector(
        10, "x", "y", batch=4, precision="single", copies=3, extra_per_amplitude=64, limit=GIB
    )
    assert need == 2**10 * (3 * 4 * 8 + 64)


def test_estimate_callable_gives_the_qubits_that_fit():
    def estimate(n):  # copies grow with n
        return n * 2**n * 16

    with pytest.raises(SizeLimitError, match=r"about 10 qubits fit"):
        check_statevector(20, "x", "fix", copies=20, limit=10 * 2**10 * 16, estimate=estimate)


def test_fits_returns_bytes_and_allocates_nothing():
    # 2**60 amplitudes would be 16 EiB; only arithmetic happens.
    with pytest.raises(SizeLimitError, match="EiB|PiB"):
        check_statevector(60, "a huge state", "use fewer qubits", limit=GIB)
    assert check_statevector(3, "x", "y", limit=GIB) == 128


def test_environment_limit_wins(monkeypatch):
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1MiB")
    assert available_memory() == MemoryBudget(2**20, "set by QCOG_MEMORY_LIMIT")
    with pytest.raises(SizeLimitError, match="1.0 MiB set by QCOG_MEMORY_LIMIT; use less"):
        check_memory(2 * 2**20, "a buffer", "use less")


def test_machine_budget_is_read_and_hint_names_the_override(monkeypatch):
    monkeypatch.delenv("QCOG_MEMORY_LIMIT", raising=False)
    budget = available_memory("cpu")
    assert budget is not None and budget.bytes > 0
    with pytest.raises(SizeLimitError, match="QCOG_MEMORY_LIMIT overrides the limit"):
        check_memory(budget.bytes * 1000, "a buffer", "use less")


def test_cgroup_limit_caps_the_budget(monkeypatch):
    monkeypatch.delenv("QCOG_MEMORY_LIMIT", raising=False)
    monkeypatch.setattr(limits, "_cgroup_room", lambda: 123 * 2**20)
    assert available_memory() == MemoryBudget(123 * 2**20, "left in this container (cgroup limit)")


def test_gpu_budget_without_cuda_is_unknown(monkeypatch):
    torch = pytest.importorskip("torch")
    monkeypatch.delenv("QCOG_MEMORY_LIMIT", raising=False)
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert available_memory("cuda") is None
    check_memory(10**30, "x", "y", device="cuda")  # unknown budget: no refusal


def test_gate_count_limit_default_env_and_given(monkeypatch):
    monkeypatch.delenv("QCOG_MAX_GATES", raising=False)
    assert max_gates() == limits.DEFAULT_MAX_GATES
    check_gate_count(limits.DEFAULT_MAX_GATES, "a circuit", "fix")
    with pytest.raises(SizeLimitError, match="2,000,001 instructions.*QCOG_MAX_GATES overrides"):
        check_gate_count(limits.DEFAULT_MAX_GATES + 1, "a circuit", "fix")
    monkeypatch.setenv("QCOG_MAX_GATES", "10")
    with pytest.raises(SizeLimitError, match="more than the 10 set by QCOG_MAX_GATES; fewer"):
        check_gate_count(11, "a circuit", "fewer")
    monkeypatch.setenv("QCOG_MAX_GATES", "ten")
    with pytest.raises(QcogValueError, match="QCOG_MAX_GATES must be a positive integer"):
        max_gates()


def test_size_limit_error_is_a_value_error():
    assert issubclass(SizeLimitError, QcogValueError) and issubclass(SizeLimitError, ValueError)


@pytest.mark.gpu
def test_gpu_budget_is_the_free_cuda_memory(monkeypatch):
    torch = pytest.importorskip("torch")
    monkeypatch.delenv("QCOG_MEMORY_LIMIT", raising=False)
    _free, total = torch.cuda.mem_get_info(0)
    budget = available_memory("cuda:0")
    assert budget.source == "free on cuda:0" and 0 < budget.bytes <= total
    with pytest.raises(SizeLimitError, match="free on cuda:0"):
        check_statevector(40, "a 40-qubit state on the GPU", "use fewer qubits", device="cuda")
