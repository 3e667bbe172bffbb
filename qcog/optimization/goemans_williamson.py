"""Goemans-Williamson: the semidefinite relaxation solved by cvxpy, then random-hyperplane rounding.

The spins ``s_i`` are relaxed to unit vectors ``v_i``: minimise
``offset + sum J_ij X_ij + sum h_i X_{i,0'}`` over ``X = V V^T`` positive semidefinite with
unit diagonal (linear fields couple to one extra reference spin ``0'``, whose sign fixes
the others). Its optimum is a lower bound on the energy. Rounding draws random
hyperplanes ``r`` (seeded) and sets ``s_i = sign(v_i . r)``; for MaxCut with non-negative
weights the expected cut is at least 0.878 of the maximum (Goemans & Williamson 1995).

>>> from qcog.optimization.maxcut import maxcut_problem
>>> gw = goemans_williamson(maxcut_problem("cycle:5"), rounds=50, seed=1)
>>> gw.best_energy, round(gw.sdp_bound, 3)
(-4.0, -4.523)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcog.optimization.ising import IsingProblem

import time
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class GWSolution:
    """The relaxation's bound and the rounded solutions.

    Attributes:
        sdp_bound: the relaxation's optimum (a lower bound on the energy).
        best_energy: the best rounded solution's energy.
        bits: that solution.
        mean_energy: the mean energy over the rounds (what the 0.878 guarantee bounds).
        rounds: hyperplanes drawn.
        solver: the cvxpy solver used.
        wall_s: seconds (solve and rounding).
    """

    sdp_bound: float
    best_energy: float
    bits: tuple[int, ...]
    mean_energy: float
    rounds: int
    solver: str
    wall_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _weights(problem):
    import numpy as np

    extra = 1 if problem.h else 0
    m = problem.n + extra
    w = np.zeros((m, m))
    for (i, j), v in problem.J.items():
        w[i, j] = w[j, i] = v / 2
    for i, v in problem.h.items():
        w[i, problem.n] = w[problem.n, i] = v / 2
    return w


def _solve(w):
    import cvxpy as cp

    x = cp.Variable(w.shape, PSD=True)
    sdp = cp.Problem(cp.Minimize(cp.trace(w @ x)), [cp.diag(x) == 1])
    solver = "CLARABEL" if "CLARABEL" in cp.installed_solvers() else "SCS"
    sdp.solve(solver=solver)
    return x.value, float(sdp.value), solver


def goemans_williamson(problem: IsingProblem, rounds: int = 100, seed: int | None = 0) -> GWSolution:
    """Solve the relaxation of an :class:`~qcog.optimization.ising.IsingProblem` and round it.

    Args:
        problem: the problem.
        rounds: random hyperplanes.
        seed: seeds the hyperplanes.
    """
    import numpy as np

    start = time.perf_counter()
    w = _weights(problem)
    x, value, solver = _solve(w)
    eigenvalues, vectors = np.linalg.eigh((x + x.T) / 2)
    v = vectors * np.sqrt(np.clip(eigenvalues, 0, None))  # rows: the unit vectors v_i
    planes = np.random.default_rng(seed).normal(size=(v.shape[1], rounds))
    spins = np.where(v @ planes >= 0, 1, -1).T  # (rounds, m)
    if problem.h:
        spins = spins * spins[:, [problem.n]]  # the reference spin is +1
    bits = (1 - spins[:, : problem.n]) // 2
    energies = problem.energies(bits)
    best = int(np.argmin(energies))
    return GWSolution(problem.offset + value, float(energies[best]),
                      tuple(int(b) for b in bits[best]), float(energies.mean()), rounds, solver,
                      time.perf_counter() - start)
