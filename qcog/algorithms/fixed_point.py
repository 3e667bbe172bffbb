"""Fixed-point amplitude amplification (Yoder, Low and Chuang, PRL 113, 210501 (2014)).

Standard Grover search overshoots when ``M`` is not known: too many iterations rotate
past the good states. The fixed-point search applies ``L = 2l + 1`` (odd) phases:

    S_L = G(alpha_l, beta_l) ... G(alpha_1, beta_1) H^n |0>,
    alpha_j = -beta_{l-j+1} = 2 cot^{-1}( tan(2 pi j / L) sqrt(1 - gamma^2) ),
    1/gamma = T_{1/L}(1/delta)            (T_q: Chebyshev, T_q(x) = cosh(q acosh x)),

(the iterate ``G`` is in :mod:`qcog.circuits.fixed_point`) and then succeeds with

    P_L(lambda) = 1 - delta^2 T_L( T_{1/L}(1/delta) sqrt(1 - lambda) )^2,   lambda = M/N,

which is ``>= 1 - delta^2`` for every ``lambda >= w = 1 - gamma^2``: given a lower bound
``w`` on ``M/N`` and ``delta``, :func:`schedule` picks the smallest odd ``L`` with
``L >= acosh(1/delta) / acosh(1/sqrt(1 - w))`` (about ``log(2/delta) / sqrt(w)``).

>>> from qcog.circuits.oracles import marked_oracle
>>> result = fixed_point_search(marked_oracle([2, 5], 3), delta=0.5, lambda_min=0.2, shots=100, seed=1)
>>> result.length, result.found, result.success_probability >= 1 - 0.5**2
(3, ['010', '101'], True)
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.circuits.oracles import Oracle
from qcog.exceptions import QcogValueError


def chebyshev(degree: float, x: float) -> float:
    """``T_d(x)`` for real ``d`` and ``x >= -1``: ``cos(d acos x)`` or ``cosh(d acosh x)``.

    >>> chebyshev(3, 0.5), round(chebyshev(1 / 3, chebyshev(3, 2.0)), 12)
    (-1.0, 2.0)
    """
    if x < -1:
        raise QcogValueError(f"chebyshev is evaluated for x >= -1 here, got {x!r}")
    if x <= 1:
        return math.cos(degree * math.acos(x))
    return math.cosh(degree * math.acosh(x))


@dataclass(frozen=True)
class FixedPointSchedule:
    """The phases of an ``L``-sequence: ``G(alphas[j], betas[j])`` applied in order."""

    length: int
    delta: float
    gamma: float
    alphas: tuple[float, ...]
    betas: tuple[float, ...]

    @property
    def lambda_min(self) -> float:
        """``w = 1 - gamma^2``: success ``>= 1 - delta^2`` for every ``M/N >= w``."""
        return 1 - self.gamma**2


def _check_fraction(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise QcogValueError(f"{name} must be a number in (0, 1), got {value!r}")
    return float(value)


def sequence_length(delta: float, lambda_min: float) -> int:
    """Smallest odd ``L`` with ``L >= acosh(1/delta) / acosh(1/sqrt(1 - w))``.

    >>> sequence_length(0.1, 1 / 32)
    17
    """
    delta, w = _check_fraction("delta", delta), _check_fraction("lambda_min", lambda_min)
    needed = math.acosh(1 / delta) / math.acosh(1 / math.sqrt(1 - w))
    length = max(1, math.ceil(needed - 1e-12))
    return length if length % 2 else length + 1


def schedule(delta: float, lambda_min: float) -> FixedPointSchedule:
    """The phases for ``delta`` and the lower bound ``lambda_min`` on ``M/N``.

    >>> s = schedule(0.5, 0.2)
    >>> s.length, len(s.alphas), s.lambda_min <= 0.2
    (3, 1, True)
    """
    length = sequence_length(delta, lambda_min)
    gamma = 1 / chebyshev(1 / length, 1 / delta)
    half = (length - 1) // 2
    root = math.sqrt(1 - gamma**2)
    alphas = tuple(
        2 * math.atan2(1.0, math.tan(2 * math.pi * j / length) * root) for j in range(1, half + 1)
    )
    betas = tuple(-alphas[half - j] for j in range(1, half + 1))  # beta_j = -alpha_{l-j+1}
    return FixedPointSchedule(length, float(delta), gamma, alphas, betas)


def success_probability(fraction: float, delta: float, length: int) -> float:
    """``P_L(lambda) = 1 - delta^2 T_L(T_{1/L}(1/delta) sqrt(1 - lambda))^2``.

    >>> round(success_probability(0.25, 0.5, 3), 6)
    0.914173
    """
    inner = chebyshev(1 / length, 1 / delta) * math.sqrt(1 - fraction)
    return 1 - delta**2 * chebyshev(length, inner) ** 2


@dataclass
class FixedPointResult:
    """Outcome of a fixed-point search.

    Attributes:
        found: verified values (the oracle's classical check), as bitstrings.
        success_probability: ``P_L(M/N)`` when ``M`` is known, else None.
        guaranteed_probability: ``1 - delta^2``, promised for every ``M/N >= lambda_min``.
        measured_success_probability: fraction of shots that verified.
        length: ``L``; ``iterates = (L - 1)/2`` generalized Grover iterates.
        oracle_queries: ``shots * 2 * iterates`` controlled-oracle calls (each
            ``S_t(beta)`` computes the oracle into a flag qubit and uncomputes it).
        qubits, twoq_gates: width (search + flag) and CNOTs in cx/rz/sx/x.
    """

    found: list[str]
    success_probability: float | None
    guaranteed_probability: float
    measured_success_probability: float
    length: int
    iterates: int
    delta: float
    lambda_min: float
    num_solutions: int | None
    oracle_queries: int
    qubits: int
    twoq_gates: int
    backend: str
    shots: int
    seed: int | None
    wall_s: float
    alphas: list[float] = field(default_factory=list)
    betas: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def fixed_point_search(
    oracle: Oracle,
    delta: float = 0.1,
    lambda_min: float = 0.05,
    backend: Any = "aer",
    shots: int = 1024,
    seed: int | None = None,
) -> FixedPointResult:
    """Search with fixed-point amplitude amplification: no overshoot for ``M/N >= lambda_min``.

    Args:
        oracle: the phase oracle (:mod:`qcog.circuits.oracles`).
        delta: ``sqrt`` of the accepted failure probability (success ``>= 1 - delta^2``).
        lambda_min: ``w``, a lower bound on ``M/N``.
        backend: backend spec or :class:`qcog.backends.Backend` (as :func:`qcog.run`).
        shots: shots (>= 1).
        seed: simulator and transpiler seed.

    Returns:
        A :class:`FixedPointResult`.

    Raises:
        QcogValueError: a bad oracle, ``delta``, ``lambda_min`` or ``shots``.
    """
    from qcog.circuits.fixed_point import fixed_point_circuit
    from qcog.circuits.metrics import cost_in_basis
    from qcog.runner import run

    if not isinstance(oracle, Oracle):
        raise QcogValueError(f"oracle must be a qcog Oracle, got {type(oracle).__name__}")
    start = time.perf_counter()
    plan = schedule(delta, lambda_min)
    n = oracle.num_qubits
    circuit = fixed_point_circuit(oracle, plan.alphas, plan.betas)
    outcome = run(circuit, backend=backend, shots=shots, seed=seed, optimization_level=0)
    counts = {int(k.replace(" ", ""), 2): c for k, c in outcome.counts.items()}
    good = sorted(v for v in counts if oracle.is_good(v))
    m = oracle.num_solutions
    return FixedPointResult(
        found=[format(v, f"0{n}b") for v in good],
        success_probability=None if m is None else success_probability(m / 2**n, delta, plan.length),
        guaranteed_probability=1 - delta**2,
        measured_success_probability=sum(counts[v] for v in good) / shots,
        length=plan.length,
        iterates=len(plan.alphas),
        delta=float(delta),
        lambda_min=float(lambda_min),
        num_solutions=m,
        oracle_queries=shots * 2 * len(plan.alphas),
        qubits=n + 1,
        twoq_gates=cost_in_basis(circuit.remove_final_measurements(inplace=False)).twoq_gates,
        backend=outcome.backend,
        shots=shots,
        seed=seed,
        wall_s=round(time.perf_counter() - start, 6),
        alphas=list(plan.alphas),
        betas=list(plan.betas),
        counts={format(v, f"0{n}b"): c for v, c in sorted(counts.items())},
    )
