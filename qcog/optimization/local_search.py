"""Greedy one-flip local search with restarts: the simple classical heuristic.

From each start (the first all zeros, the others random, seeded), the spin whose flip
lowers the energy most is flipped until no flip helps (a local minimum). A flip of spin
``i`` changes the energy by ``-2 s_i (h_i + sum_j J_ij s_j)``.

>>> from qcog.optimization.maxcut import maxcut_problem
>>> local_search(maxcut_problem("cycle:6"), restarts=5, seed=0).best_energy
-6.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcog.optimization.ising import IsingProblem

import time
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError


@dataclass
class LocalSearchSolution:
    """The best local minimum found, and how the restarts fared."""

    best_energy: float
    bits: tuple[int, ...]
    mean_energy: float
    restarts: int
    flips: int
    wall_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _descend(s, h, coupling):
    """Steepest one-flip descent from spins ``s``; returns the local minimum and the flips."""
    flips = 0
    field = h + coupling @ s
    while True:
        gain = -2 * s * field  # energy change of each flip
        i = int(gain.argmin())
        if gain[i] >= -1e-12:
            return s, flips
        s[i] = -s[i]
        field += 2 * s[i] * coupling[:, i]
        flips += 1


def local_search(problem: IsingProblem, restarts: int = 10, seed: int | None = 0) -> LocalSearchSolution:
    """Best of ``restarts`` steepest-descent runs on an :class:`~qcog.optimization.ising.IsingProblem`.

    Raises:
        QcogValueError: ``restarts`` < 1.
    """
    import numpy as np

    if restarts < 1:
        raise QcogValueError(f"restarts must be at least 1, got {restarts}")
    start = time.perf_counter()
    n = problem.n
    h = np.zeros(n)
    for i, v in problem.h.items():
        h[i] = v
    coupling = np.zeros((n, n))
    for (i, j), v in problem.J.items():
        coupling[i, j] = coupling[j, i] = v
    rng = np.random.default_rng(seed)
    results, total = [], 0
    for k in range(restarts):
        s = np.ones(n) if k == 0 else rng.choice([-1.0, 1.0], size=n)
        s, flips = _descend(s, h, coupling)
        total += flips
        bits = tuple(int(b) for b in (1 - s) // 2)
        results.append((problem.energy(bits), bits))
    energies = [e for e, _ in results]
    best = min(results)
    return LocalSearchSolution(float(best[0]), best[1], float(np.mean(energies)), restarts, total,
                               time.perf_counter() - start)
