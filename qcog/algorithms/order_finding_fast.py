"""SIMULATION ONLY: exact sampling of semiclassical order finding with the work register as a
vector of ``N`` amplitudes and each controlled multiplication as one permutation (torch,
CPU or CUDA).

One shot follows :func:`qcog.circuits.order_finding.semiclassical_order_finding_circuit`
exactly, without gates: the control qubit is never stored. In round ``j`` (multiplier
``c = a^(2^(t-1-j)) mod N``, phase correction ``w = exp(-2 pi i (y mod 2^j) / 2^(j+1))``
from the bits ``y`` measured so far) the control in ``|+>`` makes the outcome-``m``
branch ``(psi + (-1)^m w U psi) / 2`` with ``(U psi)[x] = psi[c^-1 x mod N]``, so

    P(m = 1) = (1 - Re(w <psi|U psi>)) / 2,

and the state collapses to the sampled branch. Two buffers of ``N`` complex64 values hold
``psi`` and ``U psi``; the permutation is gathered in chunks, its indices computed as
``(base + k c^-1 mod N) mod N`` with ``k`` below the chunk size, so no product exceeds
``2^63`` for ``N < 2^40`` (overflow-safe). While the state holds fewer than ``N / 8``
values it is kept as a sorted list of them (the first rounds, which start from ``|1>``,
touch only ``2^j`` values), then moved into the dense buffers. Nothing uses the order or
the factors: only ``a^(2^k) mod N`` by repeated squaring, as the circuit does. A shot
costs ``O(t N)`` time; memory is estimated first and a state that would not fit the
budget of :mod:`qcog.limits` is refused before any allocation. It is labelled
``simulation_only`` wherever it is reported.

>>> sample_permutation_phases(7, 15, num_bits=8, shots=200, seed=1).counts.keys() <= {0, 64, 128, 192}
True
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from qcog.circuits.order_finding import _check, multiplier_constants
from qcog.exceptions import QcogValueError

#: Largest bit length of N the index arithmetic is overflow-safe for (chunk * N < 2^63).
MAX_FAST_BITS = 40
#: Amplitudes gathered per chunk (a few MB of index temporaries per chunk).
CHUNK = 1 << 22
#: Bytes per amplitude (complex64).
AMPLITUDE_BYTES = 8
#: The state stays a sorted list of values while it holds fewer than N / SPARSE_FRACTION.
SPARSE_FRACTION = 8


@dataclass
class FastSample:
    """Phases sampled by :func:`sample_permutation_phases`, and where they ran."""

    counts: dict[int, int]
    device: str
    dtype: str
    state_bytes: int
    rounds: int
    wall_s: float


def state_bytes(N: int) -> int:
    """Bytes the fast path allocates for modulus ``N``: two buffers of ``N`` complex64
    amplitudes plus the chunk's index and value temporaries.

    >>> round(state_bytes(2**32 - 5) / 2**30, 3)
    64.125
    """
    return 2 * N * AMPLITUDE_BYTES + 4 * min(N, CHUNK) * 8


def _resolve_device(device: str | None) -> str:
    import torch

    if device is None:
        return "cuda" if torch.cuda.is_available() else "cpu"
    if str(device).startswith("cuda") and not torch.cuda.is_available():
        raise QcogValueError(
            f"device {device!r} asked for, but torch sees no CUDA GPU here; use 'cpu'"
        )
    if not str(device).startswith(("cpu", "cuda")):
        raise QcogValueError(f"device must be 'cpu', 'cuda' or 'cuda:<i>', got {device!r}")
    return str(device)


def _refusal(N: int, device: str | None) -> str:
    """Why the fast path cannot hold ``N`` here ('' when it can)."""
    from qcog.limits import available_memory, format_bytes

    n = N.bit_length()
    if n > MAX_FAST_BITS:
        return (
            f"N={N} has {n} bits; the fast path holds N amplitudes and accepts up to "
            f"{MAX_FAST_BITS} bits ({format_bytes(state_bytes(N))} would be needed)"
        )
    budget = available_memory(device or "cpu")
    if budget is not None and state_bytes(N) > budget.bytes:
        return (
            f"the fast path for N={N} ({n} bits) needs {format_bytes(state_bytes(N))} (two "
            f"buffers of N complex64 amplitudes), more than the {format_bytes(budget.bytes)} "
            f"{budget.source}; use a machine with more memory or a smaller N"
        )
    return ""


def fast_path_fits(N: int, device: str | None = "cpu") -> tuple[bool, str]:
    """Whether the fast path's state for ``N`` fits the memory budget of ``device``
    (:func:`qcog.limits.available_memory`), and why not.

    >>> fast_path_fits(2**71 - 1)[0]
    False
    """
    why = _refusal(N, device)
    return not why, why


def _check_shots(shots) -> None:
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")


def _index_dtype(N: int):
    import torch

    return torch.int32 if N < 2**30 else torch.int64  # int32 halves the index traffic


def _gather_permuted(src, dst, c_inv: int, N: int, offsets, index) -> None:
    """``dst[x] = src[c_inv x mod N]`` in chunks; ``offsets[k] = k c_inv mod N``.

    Each chunk's indices are ``offsets + base - N`` (in ``[-N, N)``), wrapped by adding
    ``N AND (sign bit)``: no product ever exceeds ``N * CHUNK``.
    """
    import torch

    sign_shift = 31 if index.dtype == torch.int32 else 63
    src_bits, dst_bits = src.view(torch.int64), dst.view(torch.int64)  # 8-byte moves
    for x0 in range(0, N, CHUNK):
        length = min(CHUNK, N - x0)
        idx = index[:length]
        torch.add(offsets[:length], c_inv * x0 % N - N, out=idx)
        idx.add_(torch.bitwise_and(torch.bitwise_right_shift(idx, sign_shift), N))
        torch.index_select(src_bits, 0, idx, out=dst_bits[x0 : x0 + length])


def _overlap(a, b) -> complex:
    """``<a|b>``: chunk sums (complex64) added in double precision."""
    import torch

    total = 0j
    for x0 in range(0, a.shape[0], CHUNK):
        total += complex(torch.vdot(a[x0 : x0 + CHUNK], b[x0 : x0 + CHUNK]).item())
    return total


def _mulmod(keys, c: int, N: int):
    """``keys * c mod N`` for int64 ``keys < N < 2^40`` without overflow (c split in 20 bits)."""
    hi, lo = divmod(c, 1 << 20)
    return ((keys * hi % N) * (1 << 20) + keys * lo) % N


def _phase(y: int, j: int) -> complex:
    angle = 2 * math.pi * (y % 2**j) / 2 ** (j + 1)
    return complex(math.cos(angle), -math.sin(angle))


def _sample(p1: float, gen) -> int:
    import torch

    return int(torch.rand((), generator=gen, dtype=torch.float64).item() < p1)


class _Sparse:
    """The work state as sorted basis values with amplitudes, while it has few of them."""

    def __init__(self, device):
        import torch

        self.keys = torch.ones(1, dtype=torch.int64, device=device)
        self.amps = torch.ones(1, dtype=torch.complex64, device=device)

    def round(self, c: int, N: int, w: complex, gen) -> int:
        import torch

        moved = _mulmod(self.keys, c, N)
        order = torch.argsort(moved)
        moved, moved_amps = moved[order], self.amps[order]
        pos = torch.searchsorted(moved, self.keys).clamp_(max=moved.numel() - 1)
        hit = moved[pos] == self.keys
        overlap = complex(torch.vdot(self.amps[hit], moved_amps[pos[hit]]).item())
        p1 = min(1.0, max(0.0, (1.0 - (w * overlap).real) / 2))
        m = _sample(p1, gen)
        p = p1 if m else 1 - p1
        keys = torch.cat([self.keys, moved])
        amps = torch.cat([self.amps, moved_amps * (-w if m else w)]) / (2 * math.sqrt(p))
        keys, inverse = torch.unique(keys, sorted=True, return_inverse=True)
        self.amps = torch.zeros(keys.numel(), dtype=amps.dtype, device=amps.device).index_add_(
            0, inverse, amps
        )
        keep = self.amps.abs() > 1e-6 * self.amps.abs().max()
        self.keys, self.amps = keys[keep], self.amps[keep]
        return m

    def dense(self, N: int):
        import torch

        psi = torch.zeros(N, dtype=torch.complex64, device=self.keys.device)
        psi[self.keys] = self.amps
        return psi


def _one_shot(constants: list[int], N: int, device: str, gen, dense_from: int) -> int:
    """One shot; the state stays sparse while it holds fewer than ``dense_from`` values."""
    import torch

    sparse, psi, moved = _Sparse(device), None, None
    step = torch.arange(min(N, CHUNK), dtype=torch.int64, device=device)
    index = torch.empty(min(N, CHUNK), dtype=_index_dtype(N), device=device)
    y = 0
    for j, c in enumerate(reversed(constants)):
        w = _phase(y, j)
        if c == 1:  # the identity: P(1) = (1 - Re w) / 2, the state is unchanged
            y |= _sample(min(1.0, max(0.0, (1.0 - w.real) / 2)), gen) << j
            continue
        if psi is None and 2 * sparse.keys.numel() >= dense_from:
            psi = sparse.dense(N)
            moved, sparse = torch.empty_like(psi), None
        if psi is None:
            y |= sparse.round(c, N, w, gen) << j
            continue
        c_inv = pow(c, -1, N)
        _gather_permuted(psi, moved, c_inv, N, (step * c_inv % N).to(index.dtype), index)
        overlap = _overlap(psi, moved)
        p1 = min(1.0, max(0.0, (1.0 - (w * overlap).real) / 2))
        m = _sample(p1, gen)
        p = p1 if m else 1 - p1
        coef, scale = (-w if m else w) / (2 * math.sqrt(p)), 1 / (2 * math.sqrt(p))
        for x0 in range(0, N, CHUNK):  # moved = (psi +- w moved) / (2 sqrt p), in place
            moved[x0 : x0 + CHUNK].mul_(coef).add_(psi[x0 : x0 + CHUNK], alpha=scale)
        psi, moved = moved, psi
        y |= m << j
    return y


def sample_permutation_phases(
    a: int,
    N: int,
    num_bits: int | None = None,
    shots: int = 4,
    seed: int | None = None,
    device: str | None = None,
) -> FastSample:
    """Sample phase numerators ``y`` of semiclassical order finding (simulation only).

    Args:
        a: base, ``2 <= a < N``, coprime to ``N``.
        N: modulus with at most :data:`MAX_FAST_BITS` bits whose state fits in memory.
        num_bits: phase bits ``t`` (default ``2n``).
        shots: number of samples (each a full simulation of ``t`` rounds).
        seed: seed of the sampling RNG.
        device: 'cpu', 'cuda', 'cuda:<i>' or None (CUDA when torch sees a GPU).

    Returns:
        A :class:`FastSample`; ``counts`` maps ``y`` to its count, phase ``y / 2^t``.

    Raises:
        QcogValueError: bad input or more than :data:`MAX_FAST_BITS` bits.
        SizeLimitError: a state that would not fit in memory (refused before allocating).
    """
    import torch

    n, t = _check(a, N, num_bits)
    _check_shots(shots)
    if n > MAX_FAST_BITS:
        raise QcogValueError(_refusal(N, None) + f"; see `qcog shor-estimate --bits {n}`")
    dev = _resolve_device(device)
    from qcog.limits import check_memory

    check_memory(
        state_bytes(N),
        what=f"the fast path for N={N} ({n} bits)",
        fix=f"use a machine with more memory or a smaller N (see `qcog shor-estimate --bits {n}`)",
        device=dev,
        detail="two buffers of N complex64 amplitudes",
    )
    start = time.perf_counter()
    gen = torch.Generator(device="cpu")
    gen.manual_seed(int(seed) % 2**63 if seed is not None else int(torch.seed()))
    constants = multiplier_constants(a, N, t)
    counts: dict[int, int] = {}
    for _ in range(shots):
        y = _one_shot(constants, N, dev, gen, dense_from=max(2, N // SPARSE_FRACTION))
        counts[y] = counts.get(y, 0) + 1
    return FastSample(counts, dev, "complex64", state_bytes(N), t, time.perf_counter() - start)
