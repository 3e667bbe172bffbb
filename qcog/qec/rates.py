"""Logical error rates with exact binomial confidence intervals, per shot and per round.

A memory experiment of ``r`` rounds fails with probability ``P``; if each round fails
independently with probability ``e``, then ``P = (1 - (1 - 2e)**r) / 2`` (an odd number
of round failures flips the logical qubit), so ``e = (1 - (1 - 2P)**(1/r)) / 2``.

>>> interval = binomial_interval(10, 1000)
>>> round(interval.mean, 3), round(interval.low, 4), round(interval.high, 4)
(0.01, 0.0048, 0.0183)
>>> round(per_round(0.1, 5), 5)
0.02182
"""

from __future__ import annotations

import math

from qcog.bench.stats import Interval
from qcog.exceptions import QcogValueError


def binomial_interval(errors: int, shots: int, confidence: float = 0.95) -> Interval:
    """The Clopper-Pearson (exact) interval of a failure probability from ``errors``/``shots``.

    Raises:
        QcogValueError: shots < 1 or errors outside [0, shots].
    """
    from scipy.stats import beta

    if shots < 1 or not 0 <= errors <= shots:
        raise QcogValueError(f"need 0 <= errors <= shots and shots >= 1, got {errors}/{shots}")
    alpha = 1 - confidence
    low = 0.0 if errors == 0 else float(beta.ppf(alpha / 2, errors, shots - errors + 1))
    high = 1.0 if errors == shots else float(beta.ppf(1 - alpha / 2, errors + 1, shots - errors))
    rate = errors / shots
    return Interval(rate, low, high, shots, math.sqrt(rate * (1 - rate)), confidence, "clopper-pearson")


def per_round(rate: float, rounds: int) -> float:
    """The per-round logical error rate for a whole-experiment rate (0.5 stays 0.5)."""
    if rate >= 0.5:
        return 0.5
    return (1 - (1 - 2 * rate) ** (1 / rounds)) / 2


def per_round_interval(interval: Interval, rounds: int) -> Interval:
    """:func:`per_round` applied to the mean and both ends (the map is increasing)."""
    return Interval(
        per_round(interval.mean, rounds),
        per_round(interval.low, rounds),
        per_round(interval.high, rounds),
        interval.n,
        interval.std,
        interval.confidence,
        interval.method,
    )
