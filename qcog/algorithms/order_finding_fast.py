"""SIMULATION ONLY: exact sampling of semiclassical order finding with the multiplications
applied as index permutations of the work register's amplitudes (numpy).

One shot follows the circuit of :func:`qcog.circuits.order_finding.semiclassical_order_finding_circuit`
exactly: in round ``j`` the control is put in ``|+>``, the ``|1>`` branch of the work state
is permuted by ``x -> a^(2^(t-1-j)) x mod N``, the phase correction from the bits measured so
far is applied, and the control is measured in the ``X`` basis (sampled, state collapsed).
The work register is held as ``N`` amplitudes (values ``>= N`` never occur), so a shot costs
``O(t N)`` time and ``O(N)`` memory: practical up to about ``N < 2^24`` here. Nothing of
this runs on hardware; it is labelled ``simulation_only`` wherever it is reported.

>>> sample_permutation_phases(7, 15, num_bits=8, shots=200, seed=1).keys() <= {0, 64, 128, 192}
True
"""

from __future__ import annotations

import math

from qcog.circuits.order_finding import _check, multiplier_constants
from qcog.exceptions import QcogValueError

#: Largest bit length of N the permutation simulator accepts (memory: ~3 x 16 B x 2^n).
MAX_FAST_BITS = 24


def sample_permutation_phases(
    a: int, N: int, num_bits: int | None = None, shots: int = 16, seed: int | None = None
) -> dict[int, int]:
    """Sample phase numerators ``y`` of semiclassical order finding (simulation only).

    Args:
        a: base, ``2 <= a < N``, coprime to ``N``.
        N: modulus with at most :data:`MAX_FAST_BITS` bits.
        num_bits: phase bits ``t`` (default ``2n``).
        shots: number of samples.
        seed: seed of the sampling RNG.

    Returns:
        ``{y: count}`` with phase ``y / 2^t``.

    Raises:
        QcogValueError: bad input or ``N`` too large.
    """
    import numpy as np

    n, t = _check(a, N, num_bits)
    if n > MAX_FAST_BITS:
        raise QcogValueError(
            f"N={N} has {n} bits; the permutation simulator holds N amplitudes and accepts up "
            f"to {MAX_FAST_BITS} bits (see `qcog shor-estimate --bits {n}` for gate-level resources)"
        )
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    rng = np.random.default_rng(seed)
    constants = list(reversed(multiplier_constants(a, N, t)))
    index = np.arange(N, dtype=np.int64)
    counts: dict[int, int] = {}
    for _ in range(shots):
        psi = np.zeros(N, dtype=complex)
        psi[1] = 1.0
        y = 0
        for j, c in enumerate(constants):
            # amplitude of x moves to c x mod N: gather from c^-1 x
            moved = psi.copy() if c == 1 else psi[(pow(c, -1, N) * index) % N]
            moved *= np.exp(-2j * math.pi * (y % 2**j) / 2 ** (j + 1))
            minus = (psi - moved) / 2
            p1 = float(np.vdot(minus, minus).real)
            if rng.random() < p1:
                psi, y = minus / math.sqrt(p1), y | 1 << j
            else:
                psi = (psi + moved) / (2 * math.sqrt(1 - p1))
        counts[y] = counts.get(y, 0) + 1
    return counts
