"""The classical baselines every QAOA run reports beside it, measured in the same run.

Exact enumeration (up to :data:`~qcog.optimization.brute_force.MAX_VARIABLES` variables),
Goemans-Williamson SDP rounding, and greedy local search with restarts; each with its
energy, approximation ratio and time. The ratio of an energy ``E`` is
``(E_max - E) / (E_max - E_min)`` with the exact extremes (for MaxCut with non-negative
weights: ``cut / max cut``); beyond brute force, ``E_min`` is the best energy any
baseline found and ``E_max`` is taken as 0 (exact for MaxCut), and ``exact`` is None.

>>> from qcog.optimization.maxcut import maxcut_problem
>>> b = classical_baselines(maxcut_problem("cycle:6"), seed=0)
>>> b.ratio(b.exact.min_energy), b.ratio(b.local_search.best_energy)
(1.0, 1.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcog.optimization.ising import IsingProblem

from dataclasses import dataclass
from typing import Any

from qcog.optimization.brute_force import MAX_VARIABLES, ExactSolution, brute_force
from qcog.optimization.goemans_williamson import GWSolution, goemans_williamson
from qcog.optimization.local_search import LocalSearchSolution, local_search


@dataclass
class Baselines:
    """Classical answers to one problem."""

    exact: ExactSolution | None
    gw: GWSolution
    local_search: LocalSearchSolution

    @property
    def best_energy(self) -> float:
        """The optimum (exact), else the best energy a heuristic found."""
        if self.exact is not None:
            return self.exact.min_energy
        return min(self.gw.best_energy, self.local_search.best_energy)

    @property
    def worst_energy(self) -> float:
        return self.exact.max_energy if self.exact is not None else 0.0

    def ratio(self, energy: float) -> float:
        """``(E_max - energy) / (E_max - E_min)``: 1 at the optimum."""
        span = self.worst_energy - self.best_energy
        return 1.0 if span == 0 else (self.worst_energy - energy) / span

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ratio_reference": "exact" if self.exact else "best heuristic"}
        for name, solution, energy in (
            ("exact", self.exact, None if self.exact is None else self.exact.min_energy),
            ("gw", self.gw, self.gw.best_energy),
            ("local_search", self.local_search, self.local_search.best_energy),
        ):
            if solution is not None:
                out[name] = {**solution.to_dict(), "ratio": self.ratio(energy)}
        out["gw"]["mean_ratio"] = self.ratio(self.gw.mean_energy)
        return out


def classical_baselines(problem: IsingProblem, seed: int | None = 0, gw_rounds: int = 100,
                        restarts: int = 10, exact_max: int = 22) -> Baselines:
    """Brute force (up to ``exact_max`` variables), Goemans-Williamson and local search."""
    exact = brute_force(problem) if problem.n <= min(exact_max, MAX_VARIABLES) else None
    return Baselines(exact, goemans_williamson(problem, gw_rounds, seed),
                     local_search(problem, restarts, seed))
