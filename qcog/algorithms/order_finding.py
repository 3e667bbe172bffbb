"""Order finding: run the phase-estimation circuits on a backend and read phases, plus the
ideal phase distribution they must reproduce.

Methods (the ``method`` argument everywhere in Shor):

- ``semiclassical`` (default): gate-level, one recycled control qubit, ``2n + 3`` qubits,
  dynamic circuit; hardware-runnable.
- ``full``: gate-level textbook circuit with ``2n`` counting qubits, ``4n + 2`` qubits.
- ``fast``: SIMULATION ONLY, multiplications as exact permutations
  (:mod:`qcog.algorithms.order_finding_fast`); ``n + 1`` qubits' worth of state.

>>> p = ideal_phase_distribution(7, 15, 8)
>>> {int(y): round(float(p[y]), 3) for y in p.nonzero()[0]}
{0: 0.25, 64: 0.25, 128: 0.25, 192: 0.25}
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.exceptions import CircuitTooLargeError, QcogValueError

METHODS = ("semiclassical", "full", "fast")


def required_qubits(N: int, method: str = "semiclassical") -> int:
    """Qubits the order-finding circuit for ``N`` needs with ``method``.

    >>> [required_qubits(15, m) for m in METHODS]
    [11, 18, 5]
    """
    n = N.bit_length()
    table = {"semiclassical": 2 * n + 3, "full": 4 * n + 2, "fast": n + 1}
    if method not in table:
        raise QcogValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    return table[method]


def ideal_phase_distribution(a: int, N: int, num_bits: int):
    """Exact probabilities of the phase numerators ``y`` (length ``2^t`` array).

    Computed from the definition, without the order: after the controlled powers the joint
    state is ``2^{-t/2} sum_x |x>|a^x mod N>``; grouping ``x`` by the value ``z = a^x mod N``,
    ``P(y) = sum_z |2^{-t} sum_{x: a^x = z} exp(-2 pi i x y / 2^t)|^2``. Used as the
    reference in the tests (for small ``N`` and ``t``).

    >>> round(float(ideal_phase_distribution(2, 3, 2).sum()), 12)
    1.0
    """
    import numpy as np

    Q = 2**num_bits
    values = np.empty(Q, dtype=np.int64)
    v = 1
    for x in range(Q):
        values[x] = v
        v = v * a % N
    probs = np.zeros(Q)
    for z in np.unique(values):
        amplitudes = np.fft.fft((values == z).astype(float)) / Q  # sum_x e^{-2 pi i x y / Q}
        probs += np.abs(amplitudes) ** 2
    return probs


@dataclass
class OrderFindingRun:
    """Phases measured by one order-finding run.

    Attributes:
        a, N: base and modulus.
        method: 'semiclassical', 'full' or 'fast'.
        num_bits: phase bits ``t``; a reading ``y`` stands for the phase ``y / 2^t``.
        counts: ``{y: count}``.
        qubits: width of the circuit (for 'fast', of the simulated state).
        twoq_gates, depth: after transpilation to the backend (None for 'fast').
        backend: concrete backend name ('permutation-simulator' for 'fast').
        simulation_only: True for 'fast'.
        wall_s: seconds for building, transpiling and running.
    """

    a: int
    N: int
    method: str
    num_bits: int
    counts: dict[int, int]
    qubits: int
    twoq_gates: int | None
    depth: int | None
    backend: str
    simulation_only: bool
    wall_s: float
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_order_finding_circuit(
    a: int, N: int, method: str = "semiclassical", num_bits: int | None = None
):
    """The gate-level circuit of ``method`` ('semiclassical' or 'full')."""
    from qcog.circuits import order_finding as of

    if method == "semiclassical":
        return of.semiclassical_order_finding_circuit(a, N, num_bits)
    if method == "full":
        return of.full_order_finding_circuit(a, N, num_bits)
    raise QcogValueError(f"gate-level methods are 'semiclassical' and 'full', got {method!r}")


def _too_large_message(N: int, method: str, backend_name: str, available: int) -> str:
    need = required_qubits(N, method)
    return (
        f"N={N} ({N.bit_length()} bits) needs {need} qubits with method '{method}' but backend "
        f"'{backend_name}' has {available}; on a simulator use method='fast' (simulation only, "
        f"--method fast) or see the resources with `qcog shor-estimate --bits {N.bit_length()}`"
    )


def run_order_finding(
    a: int,
    N: int,
    method: str = "semiclassical",
    backend="auto",
    shots: int = 8,
    seed: int | None = None,
    num_bits: int | None = None,
    optimization_level: int = 1,
) -> OrderFindingRun:
    """Run order finding for ``a`` mod ``N`` once and return the measured phases.

    Args:
        a: base, ``2 <= a < N``, coprime to ``N``.
        N: modulus.
        method: 'semiclassical', 'full' or 'fast' (simulation only).
        backend: backend spec or :class:`qcog.backends.Backend` (ignored by 'fast', which
            runs qcog's permutation simulator; a non-simulator is refused there).
        shots: phase samples.
        seed: simulator/transpiler seed.
        num_bits: phase bits (default ``2n``).
        optimization_level: transpiler preset level.

    Raises:
        QcogValueError: bad arguments; 'fast' on hardware or a noisy backend.
        CircuitTooLargeError: the circuit is wider than the backend (the message gives
            the qubits needed and points to 'fast' and the estimate).
    """
    from qcog.backends import get_backend

    required_qubits(N, method)
    start = time.perf_counter()
    resolved = backend if not isinstance(backend, str) else None
    if method == "fast":
        name = getattr(backend, "name", backend)
        if isinstance(name, str) and name.startswith(("ibm", "fake")):
            raise QcogValueError(
                f"method 'fast' is simulation only (permutation oracles), not for backend '{name}'; "
                "use method 'semiclassical' for hardware"
            )
        from qcog.algorithms.order_finding_fast import sample_permutation_phases
        from qcog.circuits.order_finding import default_num_bits

        t = default_num_bits(N) if num_bits is None else num_bits
        counts = sample_permutation_phases(a, N, t, shots, seed)
        return OrderFindingRun(
            a,
            N,
            method,
            t,
            counts,
            required_qubits(N, "fast"),
            None,
            None,
            "permutation-simulator",
            True,
            time.perf_counter() - start,
        )
    resolved = resolved or get_backend(backend)
    if required_qubits(N, method) > resolved.num_qubits:
        raise CircuitTooLargeError(
            _too_large_message(N, method, resolved.name, resolved.num_qubits)
        )
    from qcog.runner import run

    circuit = build_order_finding_circuit(a, N, method, num_bits)
    result = run(
        circuit, backend=resolved, shots=shots, seed=seed, optimization_level=optimization_level
    )
    counts: dict[int, int] = {}
    for bits, count in result.counts.items():
        y = int(bits.replace(" ", ""), 2)
        counts[y] = counts.get(y, 0) + count
    return OrderFindingRun(
        a,
        N,
        method,
        circuit.num_clbits,
        counts,
        circuit.num_qubits,
        result.twoq_gates,
        result.depth,
        result.backend,
        False,
        time.perf_counter() - start,
    )
