"""Shor's factoring algorithm: classical shortcuts, quantum order finding, post-processing.

``factor(N)`` first takes the classical steps a user expects and reports which one
settled the question: ``prime`` (nothing to factor), ``even``, ``perfect_power``
(``N = b^k``; order finding cannot split prime powers) and ``lucky_gcd`` (the chosen
``a`` shares a factor with ``N``). Otherwise it runs order finding
(:mod:`qcog.algorithms.order_finding`), turns each measured phase into candidate orders by
continued fractions, verifies ``a^r = 1 mod N``, combines candidates of all runs of one
base by ``lcm``, reduces a verified multiple to the order, and splits ``N`` with
``gcd(a^(r/2) +- 1, N)``. A failure (no verified order, odd order, ``a^(r/2) = -1``)
draws a new base. Every run is recorded as an attempt with its verdict. A returned
factorisation is always checked (``p * q == N``, ``1 < p, q < N``).

>>> result = factor(15, a=7, method="fast", seed=3, force_quantum=True)
>>> result.factors, result.order, result.simulation_only
((3, 5), 4, True)
>>> factor(13).classical_shortcut
'prime'
"""

from __future__ import annotations

import math
import numbers
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.algorithms.order_finding import METHODS, run_order_finding
from qcog.exceptions import QcogValueError

SHORTCUTS = ("prime", "even", "perfect_power", "lucky_gcd")


@dataclass
class ShorAttempt:
    """One order-finding run and what came of it.

    Attributes:
        a: the base.
        phases: measured readings ``[{"y", "phase" (= y/2^t), "count"}]``, most frequent first.
        candidates: candidate orders from the continued fractions of all runs of this base.
        order: the verified order, or None.
        verdict: what happened ('factors found', 'order is odd', ...).
        wall_s: seconds for this run.
    """

    a: int
    phases: list[dict[str, Any]]
    candidates: list[int]
    order: int | None
    verdict: str
    wall_s: float


@dataclass
class ShorResult:
    """The outcome of :func:`factor`.

    Attributes:
        N: the number factored.
        factors: ``(p, q)`` with ``p * q = N`` and ``p <= q``; ``(N,)`` if ``N`` is prime;
            None if no factor was found within the attempts.
        method: 'semiclassical', 'full' or 'fast' (simulation only).
        classical_shortcut: None when order finding produced the factors, else one of
            :data:`SHORTCUTS`.
        message: a one-line human summary.
        a, order: base and order of the successful attempt (None otherwise).
        qubits, twoq_gates, depth: size of the last order-finding circuit run (two-qubit
            gates and depth after transpilation; None for 'fast' and shortcuts).
        attempts: every order-finding run, in order.
        backend: where the circuits ran ('permutation-simulator' for 'fast').
        simulation_only: True when the fast (permutation) path was used.
        wall_s: total seconds.
    """

    N: int
    factors: tuple[int, ...] | None
    method: str
    classical_shortcut: str | None
    message: str
    a: int | None = None
    order: int | None = None
    qubits: int | None = None
    twoq_gates: int | None = None
    depth: int | None = None
    attempts: list[ShorAttempt] = field(default_factory=list)
    backend: str | None = None
    simulation_only: bool = False
    seed: int | None = None
    wall_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _as_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise QcogValueError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    return int(value)


def _order_from_candidates(a: int, N: int, candidates: list[int]) -> int | None:
    """The order of ``a`` from candidate orders: verify, combine by lcm, reduce."""
    verified = {r for r in candidates if r > 0 and pow(a, r, N) == 1}
    if not verified:
        for i, r1 in enumerate(candidates):
            for r2 in candidates[i + 1 :]:
                r = math.lcm(r1, r2)
                if r < N and pow(a, r, N) == 1:
                    verified.add(r)
    if not verified:
        return None
    from qcog.algorithms.classical_factoring import factorize

    r = min(verified)
    for p in sorted(set(factorize(r))) if r > 1 else []:
        while r % p == 0 and pow(a, r // p, N) == 1:  # a verified multiple -> the order
            r //= p
    return r


def _split(a: int, N: int, r: int) -> tuple[tuple[int, int] | None, str]:
    """Factors from the order ``r`` of ``a``, or None with the reason."""
    if r % 2:
        return None, f"order {r} is odd: new a"
    x = pow(a, r // 2, N)
    if x == N - 1:
        return None, f"a^(r/2) = -1 mod N (r = {r}): new a"
    for g in (math.gcd(x - 1, N), math.gcd(x + 1, N)):
        if 1 < g < N:
            return (min(g, N // g), max(g, N // g)), f"order {r}: gcd(a^(r/2) -+ 1, N) = {g}"
    return None, f"order {r} gave only trivial gcds: new a"


def _checked(N: int, pair: tuple[int, int]) -> tuple[int, int]:
    p, q = pair
    if not (1 < p < N and 1 < q < N and p * q == N):  # never report a wrong factorisation
        raise AssertionError(f"internal error: {p} x {q} is not a factorisation of {N}")
    return (min(p, q), max(p, q))


def _classical_shortcut(N: int, force_quantum: bool) -> ShorResult | None:
    from qcog.algorithms.classical_factoring import is_probable_prime, perfect_power

    if is_probable_prime(N):
        return ShorResult(N, (N,), "", "prime", f"{N} is prime: nothing to factor")
    if N % 2 == 0 and not force_quantum:
        return ShorResult(N, _checked(N, (2, N // 2)), "", "even", f"{N} is even: 2 x {N // 2}")
    power = perfect_power(N)
    if power:
        b, k = power
        return ShorResult(
            N,
            _checked(N, (b, N // b)),
            "",
            "perfect_power",
            f"{N} = {b}^{k}, a perfect power (found classically; order finding cannot split prime powers)",
        )
    return None


def _draw_base(N: int, rng: random.Random, used: set[int], coprime: bool) -> int:
    for _ in range(10 * N):
        a = rng.randrange(2, N - 1)
        if a not in used and (not coprime or math.gcd(a, N) == 1):
            return a
    raise QcogValueError(f"no unused base a left for N={N}")


def factor(
    N: int,
    a: int | None = None,
    method: str = "semiclassical",
    backend="auto",
    shots: int = 8,
    seed: int | None = None,
    force_quantum: bool = False,
    max_attempts: int = 10,
    runs_per_base: int = 2,
    num_bits: int | None = None,
    optimization_level: int = 1,
) -> ShorResult:
    """Factor ``N`` with Shor's algorithm (classical shortcuts first, each reported).

    Args:
        N: the integer to factor, ``N >= 2``.
        a: the first base to try (random if None); later attempts draw new ones.
        method: 'semiclassical' (gate level, default), 'full' (gate level, textbook) or
            'fast' (simulation only: permutation oracles).
        backend: backend spec or :class:`qcog.backends.Backend`.
        shots: phase samples per order-finding run.
        seed: seeds the base choice, the transpiler and the simulator.
        force_quantum: skip the ``even`` and random ``lucky_gcd`` shortcuts so that order
            finding runs (bases are drawn coprime); primes and perfect powers are still
            settled classically.
        max_attempts: order-finding runs in total before giving up.
        runs_per_base: runs of one base whose candidates are combined before a new base.
        num_bits: phase bits (default ``2n``).
        optimization_level: transpiler preset level.

    Returns:
        A :class:`ShorResult`; ``factors`` is None if every attempt failed.

    Raises:
        QcogValueError: ``N`` or ``a`` not an integer, ``N < 2``, ``a`` outside
            ``[2, N-1]``, unknown method.
        CircuitTooLargeError: the circuit does not fit the backend (message says how many
            qubits it needs and points to ``method='fast'`` and ``qcog shor-estimate``).
    """
    start = time.perf_counter()
    N = _as_int(N, "N")
    if N < 2:
        raise QcogValueError(f"N must be an integer >= 2, got {N}")
    if method not in METHODS:
        raise QcogValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if a is not None:
        a = _as_int(a, "a")
        if not 2 <= a <= N - 1:
            raise QcogValueError(f"a must be an integer in [2, N-1] = [2, {N - 1}], got {a}")
    simulation_only = method == "fast"

    def finish(result: ShorResult) -> ShorResult:
        result.method, result.seed, result.simulation_only = method, seed, simulation_only
        result.wall_s = time.perf_counter() - start
        return result

    shortcut = _classical_shortcut(N, force_quantum)
    if shortcut is not None:
        return finish(shortcut)
    rng = random.Random(seed)
    if a is None:
        a = _draw_base(N, rng, set(), coprime=force_quantum)
    g = math.gcd(a, N)
    if g > 1:
        return finish(
            ShorResult(
                N,
                _checked(N, (g, N // g)),
                method,
                "lucky_gcd",
                f"gcd(a={a}, N) = {g}: no quantum step needed",
                a=a,
            )
        )
    result = ShorResult(N, None, method, None, "", backend=None)
    used, candidates, runs_of_base = {a}, set(), 0
    for attempt in range(max_attempts):
        run_seed = None if seed is None else seed + attempt
        run = run_order_finding(
            a, N, method, backend, shots, run_seed, num_bits, optimization_level
        )
        result.qubits, result.twoq_gates, result.depth, result.backend = (
            run.qubits,
            run.twoq_gates,
            run.depth,
            run.backend,
        )
        from qcog.algorithms.continued_fractions import order_candidates

        for y in run.counts:
            candidates.update(order_candidates(y, run.num_bits, N))
        runs_of_base += 1
        order = _order_from_candidates(a, N, sorted(candidates))
        if order is None:
            pair, verdict = None, "no candidate order verified (a^r != 1 mod N)"
        else:
            pair, verdict = _split(a, N, order)
        phases = [
            {"y": y, "phase": y / 2**run.num_bits, "count": c}
            for y, c in sorted(run.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        result.attempts.append(
            ShorAttempt(a, phases, sorted(candidates), order, verdict, run.wall_s)
        )
        if pair is not None:
            result.factors, result.a, result.order = _checked(N, pair), a, order
            result.message = (
                f"{N} = {result.factors[0]} x {result.factors[1]} (a={a}, order {order})"
            )
            return finish(result)
        if order is not None or runs_of_base >= runs_per_base:
            if order is None:
                result.attempts[-1].verdict += f"; {runs_of_base} run(s) of a={a}: new a"
            a = _draw_base(N, rng, used, coprime=True)
            used.add(a)
            candidates, runs_of_base = set(), 0
        else:
            result.attempts[-1].verdict += ": rerun and combine candidates"
    result.message = f"no factor of {N} found in {max_attempts} order-finding runs"
    return finish(result)
