"""The exact optimum by enumeration of all ``2**n`` solutions (chunked, vectorised numpy).

Also finds the worst energy, so that approximation ratios can be normalised as
``(E_max - E) / (E_max - E_min)`` (for MaxCut with non-negative weights ``E_max = 0``
and this is ``cut / max cut``).

>>> from qcog.optimization.maxcut import maxcut_problem
>>> exact = brute_force(maxcut_problem("cycle:5"))
>>> exact.min_energy, exact.max_energy, exact.optimal_count
(-4.0, 0.0, 10)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcog.optimization.ising import IsingProblem

import time
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError

#: Most variables enumerated (2**24 solutions take seconds here).
MAX_VARIABLES = 24
CHUNK = 2**16


@dataclass
class ExactSolution:
    """The best and worst energies over all solutions.

    Attributes:
        min_energy: the optimum.
        max_energy: the worst solution's energy.
        bits: one optimal solution.
        optimal_count: how many solutions reach the optimum (to 1e-9).
        wall_s: seconds.
    """

    min_energy: float
    max_energy: float
    bits: tuple[int, ...]
    optimal_count: int
    wall_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _bits(indices, n: int):
    import numpy as np

    return (indices[:, None] >> np.arange(n)) & 1  # (m, n): bit i of each index


def brute_force(problem: IsingProblem) -> ExactSolution:
    """Enumerate every solution of an :class:`~qcog.optimization.ising.IsingProblem`.

    Raises:
        QcogValueError: more than :data:`MAX_VARIABLES` variables (refused before enumerating).
    """
    import numpy as np

    if problem.n > MAX_VARIABLES:
        raise QcogValueError(
            f"brute force over {problem.n} variables means 2**{problem.n} solutions; at most "
            f"{MAX_VARIABLES} are enumerated (use the Goemans-Williamson or local-search baselines)"
        )
    start = time.perf_counter()
    best, worst, best_index, count = np.inf, -np.inf, 0, 0
    for offset in range(0, 2**problem.n, CHUNK):
        indices = np.arange(offset, min(offset + CHUNK, 2**problem.n))
        energies = problem.energies(_bits(indices, problem.n))
        low = energies.min()
        if low < best - 1e-9:
            best, best_index, count = low, int(indices[energies.argmin()]), 0
        if abs(low - best) <= 1e-9:
            count += int(np.sum(np.abs(energies - best) <= 1e-9))
        worst = max(worst, float(energies.max()))
    bits = tuple(int(b) for b in _bits(np.array([best_index]), problem.n)[0])
    return ExactSolution(float(best), float(worst), bits, count, time.perf_counter() - start)
