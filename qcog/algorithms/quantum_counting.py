"""Quantum counting: estimate the number of solutions ``M`` by phase estimation.

Brassard, Hoyer and Tapp (1998): the Grover iterate ``G`` has eigenphases ``+-2 theta``
with ``sin^2 theta = M/N``, and the uniform state is an equal mix of both eigenvectors.
Phase estimation with ``t`` counting qubits (:func:`qcog.circuits.quantum_counting.counting_circuit`)
measures ``y``, and ``M_est = N sin^2(pi y / 2^t)`` (the same for ``y`` and ``2^t - y``).
With probability at least ``8/pi^2`` one shot satisfies

    |M_est - M| < 2 pi sqrt(M N) / 2^t + pi^2 N / 4^t          (BHT, Theorem 12)

(BHT state it with ``sqrt(M (N - M))``, which is smaller). The circuit uses ``2^t - 1``
oracle queries per shot.

>>> from qcog.circuits.oracles import marked_oracle
>>> result = count_solutions(marked_oracle([1, 2], 2), precision_qubits=3, shots=100, seed=5)
>>> result.estimate, result.oracle_queries
(2.0, 700)
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.circuits.oracles import Oracle
from qcog.exceptions import QcogValueError

#: Minimum probability of one shot landing within the BHT bound.
BHT_SUCCESS_PROBABILITY = 8 / math.pi**2


@dataclass
class CountingResult:
    """Outcome of quantum counting.

    Attributes:
        estimate: ``N sin^2(pi y / 2^t)`` for the most frequent outcome ``y``.
        weighted_estimate: ``N sin^2(theta_bar)``, ``theta_bar`` the shot-weighted mean of
            the folded angle ``pi min(y, 2^t - y) / 2^t`` over the outcomes within one
            step of the most frequent one (the peak; the tails are left out).
        error_bound: the BHT bound evaluated at ``M = estimate`` (the true ``M`` is unknown).
        num_solutions: the true ``M`` when the oracle knows it (for comparison), else None.
        phase_distribution: measured frequency of each phase ``y / 2^t``.
        qubits, twoq_gates: the circuit's width and CNOTs after transpiling to cx/rz/sx/x.
        oracle_queries: ``shots * (2^t - 1)``.
    """

    estimate: float
    weighted_estimate: float
    error_bound: float
    num_solutions: int | None
    space_size: int
    precision_qubits: int
    phase_distribution: dict[float, float]
    qubits: int
    twoq_gates: int
    oracle_queries: int
    backend: str
    shots: int
    seed: int | None
    wall_s: float
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (phase keys as strings)."""
        out = asdict(self)
        out["phase_distribution"] = {str(k): v for k, v in self.phase_distribution.items()}
        return out


def estimate_from_outcome(y: int, precision_qubits: int, space_size: int) -> float:
    """``N sin^2(pi y / 2^t)``: the count that outcome ``y`` indicates.

    >>> round(estimate_from_outcome(8, 5, 16), 9)
    8.0
    """
    return space_size * math.sin(math.pi * y / 2**precision_qubits) ** 2


def bht_error_bound(num_solutions: float, space_size: int, precision_qubits: int) -> float:
    """``2 pi sqrt(M N) / 2^t + pi^2 N / 4^t``.

    >>> round(bht_error_bound(1, 16, 6), 4)
    0.4313
    """
    p = 2**precision_qubits
    return 2 * math.pi * math.sqrt(max(num_solutions, 0.0) * space_size) / p + math.pi**2 * space_size / p**2


def phase_distribution(theta: float, precision_qubits: int) -> list[float]:
    """Exact ``P(y)`` of phase estimation of eigenphases ``+-2 theta`` in equal mixture.

    ``P(y) = (F(theta/pi - y/2^t) + F(-theta/pi - y/2^t)) / 2`` with the Fejer kernel
    ``F(d) = sin^2(pi 2^t d) / (2^t sin(pi d))^2`` (``F = 1`` at integer ``d``).

    >>> [round(p, 3) for p in phase_distribution(0.0, 2)]
    [1.0, 0.0, 0.0, 0.0]
    """
    p = 2**precision_qubits

    def fejer(d: float) -> float:
        d -= math.floor(d)
        if min(d, 1 - d) < 1e-12:
            return 1.0
        return (math.sin(math.pi * p * d) / (p * math.sin(math.pi * d))) ** 2

    return [
        0.5 * fejer(theta / math.pi - y / p) + 0.5 * fejer(-theta / math.pi - y / p)
        for y in range(p)
    ]


def weighted_estimate(counts: dict[int, int], precision_qubits: int, space_size: int) -> float:
    """``N sin^2`` of the shot-weighted folded angle around the most frequent outcome.

    >>> round(weighted_estimate({1: 30, 2: 70, 6: 70}, 3, 8), 3)
    3.447
    """
    p = 2**precision_qubits
    folded: dict[int, int] = {}
    for y, c in counts.items():
        key = min(y, p - y)
        folded[key] = folded.get(key, 0) + c
    peak = max(folded, key=lambda k: (folded[k], -k))
    window = {k: c for k, c in folded.items() if abs(k - peak) <= 1}
    mean = sum(k * c for k, c in window.items()) / sum(window.values())
    return space_size * math.sin(math.pi * mean / p) ** 2


def count_solutions(
    oracle: Oracle,
    precision_qubits: int = 5,
    backend: Any = "aer",
    shots: int = 1024,
    seed: int | None = None,
) -> CountingResult:
    """Estimate how many values ``oracle`` marks, by quantum counting.

    Args:
        oracle: the phase oracle (:mod:`qcog.circuits.oracles`).
        precision_qubits: ``t``, the counting-register width (1 .. 12); the error
            shrinks like ``2^-t`` and the cost grows like ``2^t``.
        backend: backend spec or :class:`qcog.backends.Backend` (as :func:`qcog.run`).
        shots: shots (>= 1).
        seed: simulator and transpiler seed.

    Returns:
        A :class:`CountingResult`.

    Raises:
        QcogValueError: a bad oracle, ``precision_qubits`` or ``shots``.
    """
    from qcog.circuits.metrics import circuit_cost, cost_in_basis
    from qcog.circuits.qft import qft_circuit
    from qcog.circuits.quantum_counting import (
        check_precision,
        controlled_iteration,
        counting_circuit,
    )
    from qcog.runner import run

    if not isinstance(oracle, Oracle):
        raise QcogValueError(f"oracle must be a qcog Oracle, got {type(oracle).__name__}")
    t = check_precision(precision_qubits)
    start = time.perf_counter()
    circuit = counting_circuit(oracle, t)
    outcome = run(circuit, backend=backend, shots=shots, seed=seed, optimization_level=0)
    n, p = oracle.num_qubits, 2**t
    counts = {int(k.replace(" ", ""), 2): c for k, c in outcome.counts.items()}
    mode = max(counts, key=lambda y: (counts[y], -min(y, p - y)))
    estimate = estimate_from_outcome(mode, t, 2**n)
    # 2q cost: the controlled iterate (already in cx/rz/sx/x) repeated, plus the inverse QFT
    twoq = (p - 1) * circuit_cost(controlled_iteration(oracle)).twoq_gates
    twoq += cost_in_basis(qft_circuit(t, inverse=True)).twoq_gates
    return CountingResult(
        estimate=round(estimate, 9),
        weighted_estimate=round(weighted_estimate(counts, t, 2**n), 9),
        error_bound=bht_error_bound(estimate, 2**n, t),
        num_solutions=oracle.num_solutions,
        space_size=2**n,
        precision_qubits=t,
        phase_distribution={y / p: c / shots for y, c in sorted(counts.items())},
        qubits=t + n,
        twoq_gates=twoq,
        oracle_queries=shots * (p - 1),
        backend=outcome.backend,
        shots=shots,
        seed=seed,
        wall_s=round(time.perf_counter() - start, 6),
        counts={format(y, f"0{t}b"): c for y, c in sorted(counts.items())},
    )
