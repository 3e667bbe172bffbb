"""BBHT exponential search, and searches over a given schedule of iteration counts.

Boyer, Brassard, Høyer and Tapp (1996): start with a range ``m = 1``; each round picks
``j`` uniformly in ``0 .. ceil(m) - 1``, runs ``j`` Grover iterations, measures and
checks the outcomes classically; on failure ``m = min(6/5 m, sqrt(N))``. The expected
number of iterations is ``O(sqrt(N/M))``. With no solution at all (``M = 0``) the search
stops "not found" once the range has reached ``sqrt(N)`` and
:func:`~qcog.algorithms.grover_theory.bbht_rounds_after_cap` further rounds found
nothing: had there been a solution, that happens with probability at most
``miss_probability``. It never reports an unverified value.

:func:`schedule_search` runs the iteration counts the caller lists (or yields from an
iterator, as qiskit-algorithms' ``Grover(iterations=[...])``) until one round verifies.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

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

    ``stopped`` is 'found', 'bound' (no solution within the BBHT bound), 'schedule' (the
    schedule ran out), 'max_rounds' or 'max_iterations' (a schedule's count above the cap).
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

    @property
    def last(self) -> BBHTRound:
        """The round that found the answer (or the last one run)."""
        return self.rounds[-1]


def bbht_search(
    sample: Callable[[int, int, int], dict[int, int]],
    verify: Callable[[int], bool],
    space_size: int,
    rng: np.random.Generator,
    shots: int = 1,
    miss_probability: float = 0.01,
    max_rounds: int = 10_000,
    growth_rate: float = BBHT_GROWTH,
    max_range: float | None = None,
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
        growth_rate: the range's growth factor ``lambda`` per failed round (BBHT prove
            their bound for ``1 < lambda < 4/3``; default 6/5).
        max_range: the cap of the range ``m`` (default ``sqrt(N)``); a round runs at most
            ``ceil(m) - 1`` iterations.

    Raises:
        QcogValueError: bad shots, space size, growth rate or cap.
    """
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if space_size < 1:
        raise QcogValueError(f"the search space must have at least one value, got {space_size}")
    if isinstance(growth_rate, bool) or not isinstance(growth_rate, (int, float)) or not (
        growth_rate > 1
    ):
        raise QcogValueError(f"growth_rate must be a number > 1, got {growth_rate!r}")
    if max_range is not None and not max_range >= 1:
        raise QcogValueError(f"max_range must be >= 1, got {max_range!r}")
    extra_rounds = bbht_rounds_after_cap(miss_probability)
    cap = math.sqrt(space_size) if max_range is None else float(max_range)
    rounds: list[BBHTRound] = []
    checker = _Checker(verify)
    m, after_cap, counts = 1.0, 0, {}
    while len(rounds) < max_rounds:
        j = int(rng.integers(0, math.ceil(m)))
        counts, good = checker.round(sample, j, shots, rng, m, rounds)
        if good:
            return BBHTOutcome(rounds, good, counts, "found", checker.count, after_cap)
        if m >= cap:
            after_cap += 1
            if after_cap >= extra_rounds:
                break
        m = min(growth_rate * m, cap)
    stopped = "bound" if len(rounds) < max_rounds else "max_rounds"
    return BBHTOutcome(rounds, (), counts, stopped, checker.count, after_cap)


def schedule_search(
    sample: Callable[[int, int, int], dict[int, int]],
    verify: Callable[[int], bool],
    schedule: Iterable[int],
    rng: np.random.Generator,
    shots: int = 1,
    max_rounds: int | None = None,
    max_iterations: int | None = None,
) -> BBHTOutcome:
    """Run one round per iteration count of ``schedule`` until a round verifies a value.

    Args:
        sample, verify, rng, shots: as for :func:`bbht_search`.
        schedule: iteration counts (a list, or any iterable, consumed lazily).
        max_rounds: stop after this many rounds (None: when the schedule ends).
        max_iterations: stop at the first count above this (like qiskit-algorithms' cap).

    Raises:
        QcogValueError: an iteration count that is not an integer >= 0, bad shots.

    >>> outcome = schedule_search(lambda k, s, seed: {k: s}, lambda x: x == 2, [0, 1, 2, 3],
    ...                           np.random.default_rng(0))
    >>> [r.iterations for r in outcome.rounds], outcome.found, outcome.stopped
    ([0, 1, 2], (2,), 'found')
    """
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    rounds: list[BBHTRound] = []
    checker = _Checker(verify)
    counts: dict[int, int] = {}
    for j in schedule:
        if max_rounds is not None and len(rounds) >= max_rounds:
            return BBHTOutcome(rounds, (), counts, "max_rounds", checker.count)
        if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or j < 0:
            raise QcogValueError(f"iteration counts must be integers >= 0, got {j!r}")
        if max_iterations is not None and j > max_iterations:
            return BBHTOutcome(rounds, (), counts, "max_iterations", checker.count)
        counts, good = checker.round(sample, int(j), shots, rng, float(j), rounds)
        if good:
            return BBHTOutcome(rounds, good, counts, "found", checker.count)
    return BBHTOutcome(rounds, (), counts, "schedule", checker.count)


class _Checker:
    """Runs one round and checks each distinct value once across all rounds."""

    def __init__(self, verify: Callable[[int], bool]) -> None:
        self.verify = verify
        self.checked: dict[int, bool] = {}

    @property
    def count(self) -> int:
        return len(self.checked)

    def round(self, sample, j: int, shots: int, rng, m: float, rounds: list[BBHTRound]):
        counts = sample(j, shots, int(rng.integers(2**31 - 1)))
        for value in counts:
            if value not in self.checked:
                self.checked[value] = bool(self.verify(value))
        good = tuple(sorted(v for v in counts if self.checked[v]))
        rounds.append(BBHTRound(m, j, shots, sum(counts[v] for v in good)))
        return counts, good
