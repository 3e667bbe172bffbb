"""Resources of qcog's gate-level Shor circuits for an ``n``-bit ``N``, without building them.

Counts are for the generic circuit (every one of the ``t = 2n`` multiplications present,
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

>>> est = estimate_shor_resources(4)
>>> est.qubits, est.twoq_gates, est.depth
(11, 12928, 17072)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class ShorResourceEstimate:
    """Estimated resources of one order-finding circuit for an ``bits``-bit ``N``."""

    bits: int
    method: str
    num_bits: int
    qubits: int
    twoq_gates: int
    depth: int
    rotations: int
    toffolis: int
    t_count: int
    epsilon: float

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


def estimate_shor_resources(
    bits: int, method: str = "semiclassical", num_bits: int | None = None, epsilon: float = 0.01
) -> ShorResourceEstimate:
    """Qubits, CX count, depth and T count of order finding for a ``bits``-bit ``N``.

    Args:
        bits: bit length ``n`` of ``N`` (2 .. 100000), e.g. 2048 for RSA-2048.
        method: 'semiclassical' (``2n + 3`` qubits) or 'full' (``4n + 2`` qubits).
        num_bits: phase bits ``t`` (default ``2n``).
        epsilon: total synthesis error budget for the T count.

    Returns:
        A :class:`ShorResourceEstimate`.

    Raises:
        QcogValueError: bad ``bits``, ``method``, ``num_bits`` or ``epsilon``.

    >>> estimate_shor_resources(2048).qubits
    4099
    """
    if isinstance(bits, bool) or not isinstance(bits, int) or not 2 <= bits <= 100_000:
        raise QcogValueError(f"bits must be an integer in [2, 100000], got {bits!r}")
    if method not in ("semiclassical", "full"):
        raise QcogValueError(
            f"method must be 'semiclassical' or 'full' (gate level), got {method!r}"
        )
    if not 0 < epsilon < 1:
        raise QcogValueError(f"epsilon must be in (0, 1), got {epsilon!r}")
    n, m = bits, bits + 1
    t = 2 * n if num_bits is None else num_bits
    if isinstance(t, bool) or not isinstance(t, int) or t < 1:
        raise QcogValueError(f"num_bits must be a positive integer, got {num_bits!r}")
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
