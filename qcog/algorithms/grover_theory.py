"""Grover search in formulas: rotation angle, success probability, optimal iterations.

With ``M`` good values among ``N`` (or, for amplitude amplification, a probability
``a`` of measuring a good value after the state preparation), ``sin^2(theta) = M/N``
(``= a``) and ``k`` Grover iterations succeed with probability ``sin^2((2k+1) theta)``.

>>> theta = rotation_angle(1, 16)
>>> optimal_iterations(theta), round(success_probability(3, theta), 4)
(3, 0.9613)
"""

from __future__ import annotations

import math

from qcog.exceptions import QcogValueError

#: BBHT's growth factor for the iteration range (any 1 < lambda < 4/3 works).
BBHT_GROWTH = 6 / 5
#: Once BBHT's range reached sqrt(N), each round succeeds with probability >= 1/4 on
#: average when a solution exists (BBHT Lemma 2), so R such rounds miss with <= (3/4)^R.
BBHT_ROUND_SUCCESS = 1 / 4


def rotation_angle(num_solutions: int, space_size: int) -> float:
    """``theta = asin(sqrt(M / N))``.

    Raises:
        QcogValueError: ``M`` outside ``0..N`` or ``N < 1``.
    """
    if space_size < 1 or not 0 <= num_solutions <= space_size:
        raise QcogValueError(f"need 0 <= M <= N and N >= 1, got M={num_solutions}, N={space_size}")
    return math.asin(math.sqrt(num_solutions / space_size))


def angle_from_probability(good_probability: float) -> float:
    """``theta = asin(sqrt(a))`` for amplitude amplification with ``P(good) = a``."""
    if not 0.0 <= good_probability <= 1.0 + 1e-12:
        raise QcogValueError(
            f"the good-state probability must be in [0, 1], got {good_probability!r}"
        )
    return math.asin(math.sqrt(min(good_probability, 1.0)))


def success_probability(iterations: int, theta: float) -> float:
    """``sin^2((2k + 1) theta)``: probability that one shot measures a good value."""
    return math.sin((2 * iterations + 1) * theta) ** 2


def optimal_iterations(theta: float) -> int:
    """The ``k >= 0`` nearest ``pi/(4 theta) - 1/2`` with the highest success probability.

    ``theta = 0`` (no solutions) gives 0: no number of iterations helps. For ``M > N/2``
    (``theta > pi/4``) it is 0: one uniform sample already succeeds with ``M/N > 1/2``
    and any iteration rotates past the good states.
    """
    if theta <= 0.0:
        return 0
    ideal = math.pi / (4 * theta) - 0.5
    candidates = sorted({max(0, math.floor(ideal)), max(0, math.ceil(ideal))})
    return max(candidates, key=lambda k: (round(success_probability(k, theta), 12), -k))


def classical_expected_queries(num_solutions: int, space_size: int) -> float:
    """Expected oracle queries of classical random search without repetition: ``(N+1)/(M+1)``."""
    return (space_size + 1) / (num_solutions + 1)


def bbht_rounds_after_cap(miss_probability: float) -> int:
    """Rounds BBHT runs at the full range before it declares "not found".

    Chosen so that, were there a solution, missing it has probability <= ``miss_probability``.
    """
    if not 0.0 < miss_probability < 1.0:
        raise QcogValueError(f"miss probability must be in (0, 1), got {miss_probability!r}")
    return math.ceil(math.log(miss_probability) / math.log(1 - BBHT_ROUND_SUCCESS))


def explain(num_solutions: int | None, space_size: int) -> str:
    """A sentence on what Grover can do for ``M`` of ``N`` ('' for the ordinary case)."""
    if num_solutions is None:
        return "M unknown: BBHT exponential search, every candidate verified classically"
    if num_solutions == 0:
        return "M = 0: no value is good, so no number of iterations can find one; reported as not found"
    if num_solutions == space_size:
        return "M = N: every value is good; 0 iterations, any sample is a solution"
    if 2 * num_solutions > space_size:
        return (
            f"M > N/2 ({num_solutions} of {space_size}): 0 iterations; one uniform sample succeeds "
            "with M/N > 1/2 and a Grover iteration would rotate past the good states"
        )
    return ""
