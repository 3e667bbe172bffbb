"""Resources of qcog's gate-level Shor circuits for an ``n``-bit ``N``, without building them.

Two multipliers (``arithmetic``): ``beauregard`` (exact formulas below) and ``windowed``
(lookups plus ripple-carry modular adders, :mod:`qcog.circuits.arithmetic_windowed`):
per multiplication with windows ``w_0 .. w_{k-1}`` of ``x`` (first window ``w_0``),

    CX = L(w_0) + U(w_0) + 7n + 2 sum_{i>=1} (L(w_i) + A + U(w_i)),

with a lookup ``L(b) = 5 (2^b - 1) + 0.7 n 2^(b-1)`` (unary iteration, ANDs at 5 CX per
node, sibling entries written together: about 0.7 n bits for two entries below N), its
measurement-based uncomputation ``U(b) = 5 (2^(b-1) - 1) + 2^(b-1)`` and the modular
adder ``A = 30 n + 7 popcount(N) - 22`` (exact for every ``N`` measured, ``n = 3..24``;
``popcount(N) = n/2`` here). Toffolis are the temporary logical-ANDs:
``2^b - 1`` per lookup, ``2^(b-1) - 1`` per unlookup, ``4n - 1`` per adder, ``n`` in the
controlled swap. The window minimising CX is chosen. CX within 15 % of built circuits for every window (within 8 % at the chosen one; the
writes depend on the table entries); the tests check it.

Beauregard counts are for the generic circuit (every one of the ``t = 2n`` multiplications present,
no known-input shortcut), decomposed to CX and one-qubit gates without optimisation, which
is what :func:`qcog.circuits.metrics.cost_in_basis` reports at ``optimization_level=0``.
With ``m = n + 1`` (the accumulator width):

- modular adder (two controls): ``4 m^2 + 16 m + 8`` CX: three doubly controlled Fourier
  adders (``6m + 2`` each), one controlled adder (``2m``), four QFTs (``m(m-1)`` each), 2 CX;
- ``CMULT = n (4 m^2 + 16 m + 8) + 2 m (m - 1)``; a controlled multiplication is
  ``2 CMULT + 8 n`` (n Fredkin gates);
- semiclassical: qubits ``2n + 3``, CX ``t (2 CMULT + 8n)``, depth ``t (96 n^2 + 146 n + 14)``;
- full: qubits ``t + 2n + 2``, CX adds the inverse QFT ``t (t - 1) + 3 floor(t/2)``; its
  depth is estimated as the semiclassical depth plus ``5 t`` (an approximation).

The CX and qubit formulas are exact (tests build the circuits for small ``n`` and compare);
the semiclassical depth polynomial is exact for the ``n`` checked in the tests. T count:
every controlled phase is three ``rz`` rotations (plus ``m`` plain phases per adder and
``t(t-1)/2`` classically controlled corrections), each synthesised to precision
``epsilon / R`` with ``ceil(3 log2(R / epsilon))`` T gates (Ross-Selinger scaling), plus 7
T per Toffoli. All counts are Python integers, so RSA-2048 takes microseconds.

>>> est = estimate_shor_resources(4, arithmetic="beauregard")
>>> est.qubits, est.twoq_gates, est.depth
(11, 12928, 17072)
>>> estimate_shor_resources(2048).toffolis > 10**10
True
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError

ARITHMETICS = ("windowed", "beauregard")


@dataclass(frozen=True)
class ShorResourceEstimate:
    """Estimated resources of one order-finding circuit for a ``bits``-bit ``N``.

    ``twoq_gates`` is the CX count in cx/rz/sx/x (no optimisation); ``depth`` is None for
    the windowed arithmetic (not modelled); ``toffolis`` counts Toffoli-equivalents (the
    windowed circuit's logical-ANDs, 4 T each); ``window`` is the window used.
    """

    bits: int
    method: str
    num_bits: int
    qubits: int
    twoq_gates: int
    depth: int | None
    rotations: int
    toffolis: int
    t_count: int
    epsilon: float
    arithmetic: str = "beauregard"
    window: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def modular_adder_cx(n: int) -> int:
    """CX count of one doubly controlled modular adder for an ``n``-bit modulus."""
    m = n + 1
    return 4 * m * m + 16 * m + 8


def controlled_multiplication_cx(n: int) -> int:
    """CX count of one controlled in-place modular multiplication.

    >>> controlled_multiplication_cx(4)
    1616
    """
    m = n + 1
    cmult = n * modular_adder_cx(n) + 2 * m * (m - 1)
    return 2 * cmult + 8 * n


def _lookup(b: int, n: int) -> tuple[float, int]:
    """(CX, ANDs) of a controlled lookup over ``b`` address bits writing ``n``-bit entries."""
    if b == 0:
        return n / 2, 0
    return 5 * (2**b - 1) + 0.7 * n * 2 ** (b - 1), 2**b - 1


def _unlookup(b: int) -> tuple[float, int]:
    if b == 0:
        return 0, 0
    return 5 * (2 ** (b - 1) - 1) + 2 ** (b - 1), 2 ** (b - 1) - 1


def windowed_multiplication_cost(n: int, window: int) -> tuple[float, int]:
    """(CX, Toffoli-equivalents) of one windowed controlled multiplication, ``n``-bit ``N``.

    >>> [round(windowed_multiplication_cost(8, w)[0]) for w in (2, 4, 8)]
    [1764, 1036, 2811]
    """
    sizes = [min(window, n - j) for j in range(0, n, window)]
    adder_cx, adder_and = 30 * n + 7 * n / 2 - 22, 4 * n - 1
    cx = _lookup(sizes[0], n)[0] + _unlookup(sizes[0])[0] + 7 * n
    ands = _lookup(sizes[0], n)[1] + _unlookup(sizes[0])[1] + n
    for b in sizes[1:]:
        cx += 2 * (_lookup(b, n)[0] + adder_cx + _unlookup(b)[0])
        ands += 2 * (_lookup(b, n)[1] + adder_and + _unlookup(b)[1])
    return cx, ands


def best_window(n: int, max_window: int = 20) -> int:
    """The window with the fewest CX in :func:`windowed_multiplication_cost`.

    >>> best_window(8), best_window(2048)
    (4, 5)
    """
    return min(
        range(1, min(n, max_window) + 1), key=lambda w: (windowed_multiplication_cost(n, w)[0], w)
    )


def _check_estimate_args(bits, method, epsilon, arithmetic) -> None:
    if isinstance(bits, bool) or not isinstance(bits, int) or not 2 <= bits <= 100_000:
        raise QcogValueError(f"bits must be an integer in [2, 100000], got {bits!r}")
    if method not in ("semiclassical", "full"):
        raise QcogValueError(
            f"method must be 'semiclassical' or 'full' (gate level), got {method!r}"
        )
    if not 0 < epsilon < 1:
        raise QcogValueError(f"epsilon must be in (0, 1), got {epsilon!r}")
    if arithmetic not in ARITHMETICS:
        raise QcogValueError(
            f"arithmetic must be one of {', '.join(ARITHMETICS)}, got {arithmetic!r}"
        )


def _windowed_estimate(n: int, t: int, method: str, epsilon: float, window: int | None):
    from qcog.circuits.arithmetic_windowed import WindowedLayout

    w = best_window(n) if window is None else window
    cx, ands = windowed_multiplication_cost(n, w)
    qubits = 1 + WindowedLayout(n, w).work_qubits
    rotations = t * (t - 1) // 2  # the semiclassical phase corrections, one per pair
    cx_total, toffolis = round(t * cx), t * ands
    if method == "full":
        qubits += t - 1
        cx_total += t * (t - 1) + 3 * (t // 2)
        rotations += 3 * t * (t - 1) // 2
    per_rotation = math.ceil(3 * math.log2(max(rotations, 1) / epsilon))
    return ShorResourceEstimate(
        n,
        method,
        t,
        qubits,
        cx_total,
        None,
        rotations,
        toffolis,
        4 * toffolis + rotations * per_rotation,
        epsilon,
        "windowed",
        w,
    )


def estimate_shor_resources(
    bits: int,
    method: str = "semiclassical",
    num_bits: int | None = None,
    epsilon: float = 0.01,
    arithmetic: str = "windowed",
    window: int | None = None,
) -> ShorResourceEstimate:
    """Qubits, CX count, depth and T count of order finding for a ``bits``-bit ``N``.

    Args:
        bits: bit length ``n`` of ``N`` (2 .. 100000), e.g. 2048 for RSA-2048.
        method: 'semiclassical' or 'full'.
        num_bits: phase bits ``t`` (default ``2n``).
        epsilon: total synthesis error budget for the T count.
        arithmetic: 'windowed' (default) or 'beauregard' (``2n + 3`` qubits).
        window: window of the windowed multiplier (default: the cheapest).

    Returns:
        A :class:`ShorResourceEstimate`.

    Raises:
        QcogValueError: bad ``bits``, ``method``, ``num_bits``, ``epsilon`` or arithmetic.

    >>> estimate_shor_resources(2048, arithmetic="beauregard").qubits
    4099
    """
    _check_estimate_args(bits, method, epsilon, arithmetic)
    n, m = bits, bits + 1
    t = 2 * n if num_bits is None else num_bits
    if isinstance(t, bool) or not isinstance(t, int) or t < 1:
        raise QcogValueError(f"num_bits must be a positive integer, got {num_bits!r}")
    if arithmetic == "windowed":
        if window is not None and (
            isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= n
        ):
            raise QcogValueError(f"window must be an integer in [1, {n}], got {window!r}")
        return _windowed_estimate(n, t, method, epsilon, window)
    cx = t * controlled_multiplication_cx(n)
    depth = t * (96 * n * n + 146 * n + 14)
    cp_per_mult = 2 * (n * (2 * m * m + 8 * m) + m * (m - 1))
    rotations = t * (3 * cp_per_mult + 2 * n * m) + t * (t - 1) // 2
    if method == "full":
        qubits = t + 2 * n + 2
        cx += t * (t - 1) + 3 * (t // 2)
        rotations += 3 * t * (t - 1) // 2
        depth += 5 * t
    else:
        qubits = 2 * n + 3
    toffolis = t * n
    per_rotation = math.ceil(3 * math.log2(rotations / epsilon))
    t_count = 7 * toffolis + rotations * per_rotation
    return ShorResourceEstimate(
        bits, method, t, qubits, cx, depth, rotations, toffolis, t_count, epsilon
    )
