"""Continued fractions: from a measured phase ``y / 2^t`` to candidate orders ``r``.

Phase estimation returns ``y`` with ``y / 2^t ~ s / r``. When ``|y/2^t - s/r| < 1/(2 r^2)``
(Legendre), ``s / r`` in lowest terms is a convergent of ``y / 2^t``, so the denominators
of the convergents below ``N`` are the candidates for ``r`` (or a divisor of it when
``gcd(s, r) > 1``).

>>> continued_fraction(192, 256)
[0, 1, 3]
>>> order_candidates(192, 8, 15)
[1, 4]
"""

from __future__ import annotations

from fractions import Fraction

from qcog.exceptions import QcogValueError


def continued_fraction(numerator: int, denominator: int) -> list[int]:
    """Partial quotients ``[a0; a1, a2, ...]`` of ``numerator / denominator``.

    Raises:
        QcogValueError: ``denominator <= 0`` or ``numerator < 0``.

    >>> continued_fraction(415, 93)
    [4, 2, 6, 7]
    """
    if denominator <= 0 or numerator < 0:
        raise QcogValueError(
            f"need numerator >= 0 and denominator > 0, got {numerator}/{denominator}"
        )
    terms = []
    while denominator:
        q, r = divmod(numerator, denominator)
        terms.append(q)
        numerator, denominator = denominator, r
    return terms


def convergents(numerator: int, denominator: int) -> list[Fraction]:
    """The convergents ``h_k / k_k`` of ``numerator / denominator``, the last one exact.

    >>> [str(c) for c in convergents(415, 93)]
    ['4', '9/2', '58/13', '415/93']
    """
    h_prev, h = 1, 0
    k_prev, k = 0, 1
    out = []
    for a in continued_fraction(numerator, denominator):
        h_prev, h = a * h_prev + h, h_prev
        k_prev, k = a * k_prev + k, k_prev
        out.append(Fraction(h_prev, k_prev))
    return out


def order_candidates(y: int, num_bits: int, N: int) -> list[int]:
    """Distinct convergent denominators of ``y / 2^num_bits`` that are below ``N``.

    Args:
        y: measured phase numerator, ``0 <= y < 2^num_bits``.
        num_bits: phase bits ``t``.
        N: the modulus (orders are below ``N``).

    Returns:
        Sorted candidate orders (``[1]`` for ``y = 0``, which carries no information).

    >>> order_candidates(171, 8, 21)  # 171/256 ~ 2/3
    [1, 3]
    """
    if not 0 <= y < 2**num_bits:
        raise QcogValueError(f"y must be in [0, 2^{num_bits}), got {y}")
    dens = {c.denominator for c in convergents(y, 2**num_bits) if c.denominator < N}
    return sorted(dens)
