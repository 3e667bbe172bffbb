"""Shor's factoring algorithm: classical shortcuts, quantum order finding, post-processing.

``factor(N)`` first takes the classical steps a user expects and reports which one
settled the question: ``prime`` (nothing to factor), ``even``, ``perfect_power``
(``N = b^k``; order finding cannot split prime powers), ``lucky_gcd`` (the chosen ``a``
shares a factor with ``N``) and ``order_revealed`` (building the circuit needs
``a^(2^k) mod N`` and one of them is 1: the order is a power of two, known without any
quantum step, as for every base of 15). Otherwise it runs order finding
(:mod:`qcog.algorithms.order_finding`), turns each measured phase into candidate orders by
continued fractions, verifies ``a^r = 1 mod N``, combines candidates of all runs of one
base by ``lcm``, reduces a verified multiple to the order, and splits ``N`` with
``gcd(a^(r/2) +- 1, N)``. A failure (no verified order, odd order, ``a^(r/2) = -1``)
draws a new base. Every run is recorded as an attempt with its verdict. A returned
factorisation is always checked (``p * q == N``, ``1 < p, q < N``), and
``quantum_order_found`` says whether the order came from the measured phases of a base
whose order the construction did not reveal (only those count as quantum factorisations).

``force_quantum=True`` skips the ``even`` shortcut and draws bases that are coprime to
``N`` and whose order the construction does not reveal; a base given explicitly is run
even if it is revealed (labelled ``order_revealed_by_construction``).

>>> result = factor(21, a=2, method="fast", seed=3, force_quantum=True)
>>> result.factors, result.order, result.simulation_only, result.quantum_order_found
((3, 7), 6, True, True)
>>> factor(15, a=7).classical_shortcut
'order_revealed'
>>> factor(13).classical_shortcut
'prime'
"""

from __future__ import annotations

import math
import numbers
import random
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from qcog.algorithms.order_finding import METHODS, run_order_finding
from qcog.exceptions import QcogValueError, SizeLimitError

if TYPE_CHECKING:  # for annotations only
    from qcog.backends import Backend


SHORTCUTS = ("prime", "even", "perfect_power", "lucky_gcd", "order_revealed")
#: Default phase samples per order-finding run: one sparse gate-level pass takes all
#: shots at once; a fast-path shot is a full simulation of the work register.
DEFAULT_SHOTS = {"semiclassical": 8, "full": 8, "fast": 2}


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
        qubits, depth: size of the last order-finding circuit run (None for 'fast').
        twoq_gates, twoq_basis: gates on two or more qubits of that circuit as run, and
            the gate set they are counted in (the backend's target, or the circuit as built).
        cx_count: CX of that circuit decomposed to cx/rz/sx/x without optimisation,
            conditional blocks included.
        arithmetic: the modular multiplier of gate-level runs ('windowed', 'beauregard').
        attempts: every order-finding run, in order.
        backend: where the circuits ran ('sparse-statevector', 'aer', ...;
            'permutation-simulator' for 'fast').
        simulation_only: True when the fast (permutation) path was used.
        quantum_order_found: the order came from measured phases of a base whose order
            the construction does not reveal.
        order_revealed_by_construction: the successful base has ``a^(2^k) = 1 mod N`` for
            some ``k < t`` (its order was known classically; the run was a demonstration).
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
    twoq_basis: str | None = None
    cx_count: int | None = None
    depth: int | None = None
    arithmetic: str | None = None
    attempts: list[ShorAttempt] = field(default_factory=list)
    backend: str | None = None
    simulation_only: bool = False
    quantum_order_found: bool = False
    order_revealed_by_construction: bool = False
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


def _draw_base(N: int, rng: random.Random, used: set[int], quantum: bool, t: int) -> int:
    """A new base; with ``quantum``, coprime to ``N`` and not revealed by the construction."""
    from qcog.circuits.order_finding import order_revealed_by_constants

    tries = min(10 * N, 20_000)
    for _ in range(tries):
        a = rng.randrange(2, N - 1)
        if a in used:
            continue
        if quantum and (math.gcd(a, N) != 1 or order_revealed_by_constants(a, N, t)):
            used.add(a)
            continue
        return a
    if quantum:
        raise QcogValueError(
            f"no base for N={N} whose order the circuit construction does not reveal: every "
            f"base tried has a^(2^k) = 1 mod N for some k < {t} (its order is a power of two, "
            "known classically). Pass a base (--base) to run the circuit anyway; the result "
            "is then labelled order_revealed_by_construction"
        )
    raise QcogValueError(f"no unused base a left for N={N}")


def _check_count(value, name: str, least: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
        raise QcogValueError(f"{name} must be an integer >= {least}, got {value!r}")
    return int(value)


def _revealed_result(N: int, a: int, r: int, t: int) -> tuple[ShorResult | None, str]:
    """The ``order_revealed`` shortcut for base ``a`` (None when that order does not split N)."""
    pair, verdict = _split(a, N, r)
    k = r.bit_length() - 1
    why = (
        f"a={a}: a^(2^{k}) = 1 mod N, so building the circuit (which needs a^(2^k) mod N "
        f"for k < {t}) reveals the order {r} classically"
    )
    if pair is None:
        return None, f"{why}; {verdict}"
    return (
        ShorResult(
            N,
            _checked(N, pair),
            "",
            "order_revealed",
            f"{N} = {min(pair)} x {max(pair)}: {why}; no quantum step needed",
            a=a,
            order=r,
            order_revealed_by_construction=True,
        ),
        why,
    )


def _size_guard(N: int, method: str, backend, shots: int, arithmetic: str, window) -> None:
    """Refuse, before building or allocating anything, sizes this machine cannot run
    (memory and circuit-size budgets of :mod:`qcog.limits`)."""
    n = N.bit_length()
    if method == "fast":
        from qcog.algorithms.order_finding_fast import (
            MAX_FAST_BITS,
            _resolve_device,
            fast_path_fits,
        )

        name = backend if isinstance(backend, str) else ""
        device = name if name.startswith(("cpu", "cuda")) else None
        if n <= MAX_FAST_BITS:  # beyond it no device would do: skip torch
            device = _resolve_device("cuda" if name == "aer-gpu" else device)
        fits, why = fast_path_fits(N, device)
        if not fits:
            error = QcogValueError if n > MAX_FAST_BITS else SizeLimitError
            raise error(f"{why}; see `qcog shor-estimate --bits {n}`")
        return
    from qcog.algorithms.order_finding import SPARSE_BACKENDS, required_qubits, too_large_hint
    from qcog.algorithms.resource_estimate import estimate_shor_resources
    from qcog.limits import check_gate_count, check_memory

    t = 2 * n
    est = estimate_shor_resources(max(n, 2), method, arithmetic=arithmetic)
    ops = 3 * est.twoq_gates + t * t  # one- and two-qubit gates, blocks, corrections
    check_gate_count(
        ops, f"the gate-level order-finding circuit for N={N} ({n} bits)", too_large_hint(N)
    )
    if not isinstance(backend, str) or backend not in SPARSE_BACKENDS:
        return  # Qiskit backends: run_order_finding compares the width with the backend
    from qcog.exceptions import CircuitTooLargeError
    from qcog.simulators.sparse import DEFAULT_MAX_SUPPORT, MAX_KEY_BITS

    need = required_qubits(N, method, arithmetic, window)
    support = shots * (2 ** min(t, 62) if method == "full" else 4) * N
    if need + max(1, (shots - 1).bit_length()) > MAX_KEY_BITS or support > DEFAULT_MAX_SUPPORT:
        raise CircuitTooLargeError(
            f"N={N} ({n} bits) at gate level needs {need} qubits and up to {support:,} stored "
            f"amplitudes for {shots} shot(s) on the sparse simulator (limits: {MAX_KEY_BITS} "
            f"index bits, {DEFAULT_MAX_SUPPORT:,} amplitudes); {too_large_hint(N)}"
        )
    check_memory(
        support * 24,
        f"the sparse simulation of N={N}",
        "use fewer shots or a smaller N",
        detail="24 bytes per stored amplitude",
    )


def _record_run(result: ShorResult, run) -> None:
    result.qubits, result.depth, result.backend = run.qubits, run.depth, run.backend
    result.twoq_gates, result.twoq_basis = run.twoq_gates, run.twoq_basis
    result.cx_count, result.arithmetic = run.cx_count, run.arithmetic


def factor(
    N: int,
    a: int | None = None,
    method: str = "semiclassical",
    backend: str | Backend = "auto",
    shots: int | None = None,
    seed: int | None = None,
    force_quantum: bool = False,
    max_attempts: int = 10,
    runs_per_base: int = 2,
    num_bits: int | None = None,
    optimization_level: int = 1,
    arithmetic: str = "windowed",
    window: int | None = None,
) -> ShorResult:
    """Factor ``N`` with Shor's algorithm (classical shortcuts first, each reported).

    Args:
        N: the integer to factor, ``N >= 2``.
        a: the first base to try (random if None); later attempts draw new ones.
        method: 'semiclassical' (gate level, default), 'full' (gate level, textbook) or
            'fast' (simulation only: the work register as a vector, no gates).
        backend: 'auto'/'sparse' (qcog's exact sparse gate-level simulator), a qcog backend
            spec or :class:`qcog.backends.Backend`; for 'fast': 'auto', 'cpu' or 'cuda'.
        shots: phase samples per order-finding run (default :data:`DEFAULT_SHOTS`).
        seed: seeds the base choice, the transpiler and the simulator.
        force_quantum: skip the ``even`` and ``lucky_gcd`` shortcuts and draw bases whose
            order the construction does not reveal, so that order finding does the work.
        max_attempts: order-finding runs in total before giving up (>= 1).
        runs_per_base: runs of one base whose candidates are combined before a new base.
        num_bits: phase bits (default ``2n``).
        optimization_level: transpiler preset level (Qiskit backends).
        arithmetic: 'windowed' (default, fewest CX) or 'beauregard' modular multipliers.
        window: window size of the windowed multiplier (default: the cheapest).

    Returns:
        A :class:`ShorResult`; ``factors`` is None if every attempt failed.

    Raises:
        QcogValueError: ``N`` or ``a`` not an integer, ``N < 2``, ``a`` outside
            ``[2, N-1]``, unknown method, non-positive counts, a fast-path state that would
            not fit in memory, no base left that the construction does not reveal.
        CircuitTooLargeError: the circuit does not fit the backend or the sparse simulator
            (the message gives the size and what to try instead).
    """
    from qcog.circuits.order_finding import default_num_bits, order_revealed_by_constants

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
    shots = DEFAULT_SHOTS[method] if shots is None else _check_count(shots, "shots")
    max_attempts = _check_count(max_attempts, "max_attempts")
    runs_per_base = _check_count(runs_per_base, "runs_per_base")
    if seed is not None:
        seed = _check_count(seed, "seed", least=0)
    t = default_num_bits(N) if num_bits is None else _check_count(num_bits, "num_bits")
    simulation_only = method == "fast"

    def finish(result: ShorResult) -> ShorResult:
        result.method, result.seed, result.simulation_only = method, seed, simulation_only
        result.wall_s = time.perf_counter() - start
        return result

    shortcut = _classical_shortcut(N, force_quantum)
    if shortcut is not None:
        return finish(shortcut)
    _size_guard(N, method, backend, shots, arithmetic, window)
    rng = random.Random(seed)
    used: set[int] = set()
    if a is None:
        a = _draw_base(N, rng, used, force_quantum, t)
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
    used.add(a)
    revealed = order_revealed_by_constants(a, N, t)
    while revealed and not force_quantum:
        shortcut, why = _revealed_result(N, a, revealed, t)
        if shortcut is not None:
            return finish(shortcut)
        result.attempts.append(ShorAttempt(a, [], [], revealed, why + ": new a", 0.0))
        a = _draw_base(N, rng, used, False, t)
        used.add(a)
        if math.gcd(a, N) > 1:
            g = math.gcd(a, N)
            lucky = ShorResult(
                N,
                _checked(N, (g, N // g)),
                method,
                "lucky_gcd",
                f"gcd(a={a}, N) = {g}: no quantum step needed",
                a=a,
            )
            lucky.attempts = result.attempts
            return finish(lucky)
        revealed = order_revealed_by_constants(a, N, t)
    candidates, runs_of_base = set(), 0
    for attempt in range(max_attempts):
        run_seed = None if seed is None else seed + attempt
        run = run_order_finding(
            a, N, method, backend, shots, run_seed, t, optimization_level, arithmetic, window
        )
        _record_run(result, run)
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
            result.order_revealed_by_construction = bool(order_revealed_by_constants(a, N, t))
            result.quantum_order_found = not result.order_revealed_by_construction
            note = (
                ""
                if result.quantum_order_found
                else f"; the construction already reveals this order ({a}^{order} = 1 is a "
                "power-of-two order): a demonstration, not a quantum factorisation"
            )
            result.message = (
                f"{N} = {result.factors[0]} x {result.factors[1]} (a={a}, order {order}){note}"
            )
            return finish(result)
        if order is not None or runs_of_base >= runs_per_base:
            if order is None:
                result.attempts[-1].verdict += f"; {runs_of_base} run(s) of a={a}: new a"
            a = _draw_base(N, rng, used, True, t)
            used.add(a)
            candidates, runs_of_base = set(), 0
        else:
            result.attempts[-1].verdict += ": rerun and combine candidates"
    result.message = f"no factor of {N} found in {max_attempts} order-finding runs"
    return finish(result)
