"""BBHT exponential search: Grover without knowing the number of solutions.

Boyer, Brassard, Høyer and Tapp (1996): start with a range ``m = 1``; each round picks
``j`` uniformly in ``0 .. ceil(m) - 1``, runs ``j`` Grover iterations, measures and
checks the outcomes classically; on failure ``m = min(6/5 m, sqrt(N))``. The expected
number of iterations is ``O(sqrt(N/M))``. With no solution at all (``M = 0``) the search
stops "not found" once the range has reached ``sqrt(N)`` and
:func:`~qcog.algorithms.grover_theory.bbht_rounds_after_cap` further rounds found
nothing: had there been a solution, that happens with probability at most
``miss_probability``. It never reports an unverified value.

The quantum part is injected as ``sample(iterations, shots, seed) -> {value: count}``,
so the loop is tested with an exact classical sampler as well as with Aer.

>>> import numpy as np
>>> def sample(k, shots, seed):  # a fake device that always returns 6
...     return {6: shots}
>>> outcome = bbht_search(sample, lambda x: x == 6, 64, np.random.default_rng(1))
>>> outcome.found, outcome.stopped
((6,), 'found')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from qcog.algorithms.grover_theory import BBHT_GROWTH, bbht_rounds_after_cap
from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class BBHTRound:
    """One round: the range ``m``, the iterations ``j`` drawn, shots and verified shots."""

    range: float
    iterations: int
    shots: int
    good_shots: int

    @property
    def oracle_queries(self) -> int:
        """``shots x iterations``: every shot runs the whole circuit."""
        return self.shots * self.iterations


@dataclass
class BBHTOutcome:
    """What a BBHT search did: its rounds, the verified values of the last, why it stopped.

    ``stopped`` is 'found' or 'bound' (no solution within the BBHT bound).
    """

    rounds: list[BBHTRound]
    found: tuple[int, ...]
    counts: dict[int, int]
    stopped: str
    classical_checks: int
    rounds_after_cap: int = field(default=0)

    @property
    def oracle_queries(self) -> int:
        return sum(r.oracle_queries for r in self.rounds)

    @property
    def iterations(self) -> int:
        """Grover iterations summed over rounds (per shot)."""
        return sum(r.iterations for r in self.rounds)


def bbht_search(
    sample: Callable[[int, int, int], dict[int, int]],
    verify: Callable[[int], bool],
    space_size: int,
    rng,
    shots: int = 1,
    miss_probability: float = 0.01,
    max_rounds: int = 10_000,
) -> BBHTOutcome:
    """Run BBHT's loop until a verified solution or the no-solution bound.

    Args:
        sample: ``(iterations, shots, seed) -> {value: count}``, one quantum run.
        verify: the classical check of a value (called once per distinct value).
        space_size: ``N``.
        rng: a ``numpy.random.Generator`` (the iteration draws and the run seeds).
        shots: shots per round (every shot counts as ``iterations`` oracle queries).
        miss_probability: the accepted chance of missing an existing solution when
            declaring "not found".
        max_rounds: a safety stop.

    Raises:
        QcogValueError: bad shots or space size.
    """
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if space_size < 1:
        raise QcogValueError(f"the search space must have at least one value, got {space_size}")
    extra_rounds = bbht_rounds_after_cap(miss_probability)
    cap = math.sqrt(space_size)
    checked: dict[int, bool] = {}
    rounds: list[BBHTRound] = []
    m, after_cap, counts = 1.0, 0, {}
    while len(rounds) < max_rounds:
        j = int(rng.integers(0, math.ceil(m)))
        counts = sample(j, shots, int(rng.integers(2**31 - 1)))
        for value in counts:
            if value not in checked:
                checked[value] = bool(verify(value))
        good = tuple(sorted(v for v in counts if checked[v]))
        rounds.append(BBHTRound(m, j, shots, sum(counts[v] for v in good)))
        if good:
            return BBHTOutcome(rounds, good, counts, "found", len(checked), after_cap)
        if m >= cap:
            after_cap += 1
            if after_cap >= extra_rounds:
                break
        m = min(BBHT_GROWTH * m, cap)
    return BBHTOutcome(rounds, (), counts, "bound", len(checked), after_cap)
