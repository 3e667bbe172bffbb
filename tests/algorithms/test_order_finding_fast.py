"""The fast path samples the exact semiclassical distribution, switches from the sparse to the
dense state without changing a sample, stays overflow-safe and refuses what would not fit."""

import random

import pytest

from qcog.algorithms import order_finding_fast as fast
from qcog.algorithms.order_finding import ideal_phase_distribution
from qcog.algorithms.order_finding_fast import sample_permutation_phases
from qcog.circuits.order_finding import multiplier_constants
from qcog.exceptions import QcogValueError
from qcog.testing import assert_counts_match


@pytest.mark.parametrize("a,N,t", [(7, 15, 8), (2, 21, 10), (2, 35, 8), (5, 33, 6), (3, 143, 8)])
def test_samples_follow_the_ideal_distribution(a, N, t):
    counts = sample_permutation_phases(a, N, t, shots=1500, seed=5).counts
    probs = ideal_phase_distribution(a, N, t)
    assert_counts_match(
        {str(y): c for y, c in counts.items()},
        {str(y): float(p) for y, p in enumerate(probs) if p > 1e-12},
    )


def test_sparse_and_dense_states_give_the_same_samples():
    import torch

    N, a = 10403, 2  # 101 x 103: the state outgrows N/8 values, so it switches to dense
    constants = multiplier_constants(a, N, 28)
    for seed in range(4):
        runs = []
        for dense_from in (2, N // 8, 10 * N):  # always dense, the default switch, never dense
            gen = torch.Generator().manual_seed(seed)
            runs.append(fast._one_shot(constants, N, "cpu", gen, dense_from))
        assert len(set(runs)) == 1


def test_mulmod_and_index_wrap_are_overflow_safe():
    import torch

    rng = random.Random(0)
    N = 2**39 - 7
    keys = [rng.randrange(N) for _ in range(1000)]
    c = rng.randrange(N)
    got = fast._mulmod(torch.tensor(keys, dtype=torch.int64), c, N).tolist()
    assert got == [k * c % N for k in keys]  # Python's exact integers as the reference
    N, c_inv = 1_000_003, 987_654
    src = torch.arange(N, dtype=torch.int64).to(torch.complex64)
    dst = torch.empty_like(src)
    step = torch.arange(fast.CHUNK, dtype=torch.int64)
    fast._gather_permuted(
        src, dst, c_inv, N, step * c_inv % N, torch.empty(fast.CHUNK, dtype=torch.int32)
    )
    picks = [0, 1, 12345, N - 1]
    assert [int(dst[x].real) for x in picks] == [c_inv * x % N for x in picks]


def test_memory_is_checked_before_any_allocation(monkeypatch):
    from qcog.exceptions import SizeLimitError

    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1GiB")  # the budget of qcog.limits
    fits, why = fast.fast_path_fits(2**28 - 57)  # 28 bits: two 2 GiB buffers
    assert not fits and "4.1 GiB" in why and "1.0 GiB" in why
    import torch

    def no_allocation(*args, **kwargs):
        raise AssertionError("allocated before refusing")

    monkeypatch.setattr(torch, "zeros", no_allocation)
    with pytest.raises(SizeLimitError, match="GiB"):
        sample_permutation_phases(2, 2**28 - 57, shots=1)


def test_bad_input():
    with pytest.raises(QcogValueError, match="40 bits"):
        sample_permutation_phases(2, 2**41 + 1)
    with pytest.raises(QcogValueError, match="shots"):
        sample_permutation_phases(2, 15, shots=0)
    with pytest.raises(QcogValueError, match="device"):
        sample_permutation_phases(2, 15, device="tpu")


@pytest.mark.gpu
def test_cuda_gives_the_cpu_samples():
    """On a GPU machine: the same seeds give the same phases on CUDA as on the CPU."""
    cpu = sample_permutation_phases(2, 10403, shots=3, seed=7, device="cpu")
    gpu = sample_permutation_phases(2, 10403, shots=3, seed=7, device="cuda")
    assert gpu.device.startswith("cuda") and gpu.counts == cpu.counts
