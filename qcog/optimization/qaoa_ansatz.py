"""The QAOA circuit of an Ising problem at depth ``p``.

``|gamma, beta> = prod_{l=1..p} exp(-i beta_l B) exp(-i gamma_l H_C) |+>^n`` with the cost
``H_C = sum h_i Z_i + sum J_ij Z_i Z_j`` and the mixer ``B = -sum X_i`` (its ground state
is ``|+>^n``, so small ``gamma`` rising and ``beta`` falling follow an annealing path).
Gates: ``IsingZZ(2 gamma J_ij)``, ``RZ(2 gamma h_i)`` and a layer of ``RX(-2 beta)``
(written as PennyLane's ``AngleEmbedding`` with X rotations: one layer of RX gates); qcog's
torch engine applies the first two as diagonals and the mixer as one layer. Parameters are one flat vector
``theta = (gamma_1 .. gamma_p, beta_1 .. beta_p)``.

For MaxCut on a 3-regular triangle-free graph at p = 1, ``gamma = arctan(1/sqrt(2))`` and
``beta = pi/8`` give the expected cut ``(1/2 + 1/(3 sqrt 3)) |E| = 0.6925 |E|`` (Farhi et al.).

>>> from qcog.optimization.maxcut import maxcut_problem
>>> ansatz = QAOAAnsatz(maxcut_problem("cycle:4"), p=2)
>>> ansatz.n_qubits, ansatz.n_params
(4, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class QAOAAnsatz:
    """QAOA of ``problem`` at depth ``p``; ``initial`` parameters given or a linear ramp."""

    problem: Any
    p: int
    start: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.p, bool) or not isinstance(self.p, int) or self.p < 1:
            raise QcogValueError(f"QAOA depth p must be a positive integer, got {self.p!r}")

    @property
    def n_qubits(self) -> int:
        return self.problem.n

    @property
    def n_params(self) -> int:
        return 2 * self.p

    def apply(self, theta: Any) -> None:
        import pennylane as qml

        n, p = self.problem.n, self.p
        for q in range(n):
            qml.Hadamard(wires=q)
        for layer in range(p):
            gamma, beta = theta[layer], theta[p + layer]
            for (i, j), coupling in self.problem.J.items():
                qml.IsingZZ(2 * coupling * gamma, wires=[i, j])
            for i, field in self.problem.h.items():
                qml.RZ(2 * field * gamma, wires=i)
            # RX(-2 beta) on every wire as one layer (qcog's torch engine applies it at once)
            qml.AngleEmbedding(qml.math.stack([-2 * beta] * n), wires=range(n), rotation="X")

    def initial(self, seed: int | None = None) -> list[float]:
        """``start`` if given, else the linear ramp (:func:`qcog.optimization.schedules.ramp`)."""
        from qcog.optimization.schedules import ramp

        if self.start is not None:
            return list(self.start)
        return ramp(self.p, scale=coupling_scale(self.problem))

    def split(self, theta: Sequence[float]) -> tuple[list[float], list[float]]:
        """``(gammas, betas)`` of a flat parameter vector."""
        theta = [float(t) for t in theta]
        return theta[: self.p], theta[self.p:]


def coupling_scale(problem: Any) -> float:
    """A typical coupling size, ``1 / mean |J|`` (and fields), to scale initial angles.

    For unweighted MaxCut (``J = 1/2``) it is 2; angles suited to ``J = 1/2`` carry over to
    weighted problems through it.
    """
    values = [abs(v) for v in list(problem.J.values()) + list(problem.h.values())]
    return 1.0 / (sum(values) / len(values))
