"""Order finding: run the phase-estimation circuits and read phases, plus the ideal phase
distribution they must reproduce.

Methods (the ``method`` argument everywhere in Shor):

- ``semiclassical`` (default): gate level, one recycled control qubit, dynamic circuit;
  hardware-runnable.
- ``full``: gate-level textbook circuit with ``2n`` counting qubits.
- ``fast``: SIMULATION ONLY, the work register as a vector and each multiplication as one
  permutation (:mod:`qcog.algorithms.order_finding_fast`), no gates.

Gate-level circuits use the ``windowed`` arithmetic by default (fewest CX) or
``beauregard`` (:data:`qcog.circuits.order_finding.ARITHMETICS`). Backends: ``auto`` and
``sparse`` run the built circuit gate by gate on qcog's exact sparse simulator
(:mod:`qcog.simulators.sparse`, all shots in one pass); ``aer``, ``aer-gpu``,
``fake:<name>`` and ``ibm:<name>`` transpile it for that backend.

>>> p = ideal_phase_distribution(7, 15, 8)
>>> {int(y): round(float(p[y]), 3) for y in p.nonzero()[0]}
{0: 0.25, 64: 0.25, 128: 0.25, 192: 0.25}
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from qcog.exceptions import CircuitTooLargeError, QcogValueError

if TYPE_CHECKING:  # for annotations only
    import numpy as np
    from qiskit import QuantumCircuit

    from qcog.backends import Backend


METHODS = ("semiclassical", "full", "fast")
#: Backends that mean "qcog's sparse gate-level simulator" for Shor's circuits.
SPARSE_BACKENDS = ("auto", "sparse")
#: Name reported for runs on the sparse simulator.
SPARSE_NAME = "sparse-statevector"


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise QcogValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")


def required_qubits(
    N: int, method: str = "semiclassical", arithmetic: str = "windowed", window: int | None = None
) -> int:
    """Qubits the order-finding circuit for ``N`` needs with ``method`` and ``arithmetic``
    (for 'fast': the qubits the simulated state stands for, the work register plus the
    control).

    >>> [required_qubits(15, m, "beauregard") for m in METHODS]
    [11, 18, 5]
    >>> required_qubits(15), required_qubits(143)
    (13, 35)
    """
    _check_method(method)
    n = N.bit_length()
    if method == "fast":
        return n + 1
    if arithmetic == "beauregard":
        work = 2 * n + 2
    elif arithmetic == "windowed":
        from qcog.circuits.arithmetic_windowed import MAX_WINDOW, WindowedLayout, _check_window

        if window is None and n > MAX_WINDOW:  # several windows whatever w <= 8: no build
            window = MAX_WINDOW
        work = WindowedLayout(n, _check_window(N, window) if N >= 3 else 1).work_qubits
    else:
        from qcog.circuits.order_finding import _check_arithmetic

        _check_arithmetic(arithmetic, window)
    return work + (1 if method == "semiclassical" else 2 * n)


def ideal_phase_distribution(a: int, N: int, num_bits: int) -> np.ndarray:
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
        twoq_gates: gates on two or more qubits as run (after transpilation for a Qiskit
            backend, as built for the sparse simulator; None for 'fast').
        twoq_basis: the gate set ``twoq_gates`` is counted in.
        cx_count: CX after decomposing to cx/rz/sx/x without optimisation, conditional
            blocks included (None for 'fast').
        depth: depth as run (None for 'fast' and the sparse simulator).
        backend: concrete backend name ('permutation-simulator' for 'fast').
        simulation_only: True for 'fast'.
        arithmetic: the modular multiplier ('windowed', 'beauregard'; None for 'fast').
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
    twoq_basis: str | None = None
    cx_count: int | None = None
    arithmetic: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_order_finding_circuit(
    a: int,
    N: int,
    method: str = "semiclassical",
    num_bits: int | None = None,
    arithmetic: str = "windowed",
    window: int | None = None,
) -> QuantumCircuit:
    """The gate-level circuit of ``method`` ('semiclassical' or 'full')."""
    from qcog.circuits import order_finding as of

    kwargs = {"arithmetic": arithmetic, "window": window}
    if method == "semiclassical":
        return of.semiclassical_order_finding_circuit(a, N, num_bits, **kwargs)
    if method == "full":
        return of.full_order_finding_circuit(a, N, num_bits, **kwargs)
    raise QcogValueError(f"gate-level methods are 'semiclassical' and 'full', got {method!r}")


def too_large_hint(N: int) -> str:
    """What to try instead when the gate-level circuit for ``N`` does not fit: the fast path
    only if its state would fit in memory here, and always the resource estimate."""
    from qcog.algorithms.order_finding_fast import fast_path_fits

    n = N.bit_length()
    fits, _ = fast_path_fits(N)
    fast = "use method='fast' (simulation only, --method fast) or " if fits else ""
    return f"{fast}see the resources with `qcog shor-estimate --bits {n}`"


def _too_large_message(N: int, need: int, method: str, backend_name: str, available: int) -> str:
    return (
        f"N={N} ({N.bit_length()} bits) needs {need} qubits with method '{method}' but backend "
        f"'{backend_name}' has {available}; {too_large_hint(N)}"
    )


def phase_values(counts: dict[str, int], circuit: QuantumCircuit) -> dict[int, int]:
    """``{y: count}`` of the ``phase`` register from Qiskit counts of ``circuit``.

    Qiskit writes the classical registers highest first, separated by spaces.
    """
    names = [reg.name for reg in circuit.cregs][::-1]
    at = names.index("phase")
    out: dict[int, int] = {}
    for bits, count in counts.items():
        parts = bits.split()
        y = int(parts[at] if len(parts) == len(names) else bits.replace(" ", ""), 2)
        out[y] = out.get(y, 0) + count
    return out


def _run_sparse(circuit, shots: int, seed: int | None):
    from qcog.simulators.sparse import simulate

    result = simulate(circuit, shots=shots, seed=seed)
    values = result.register_values("phase")
    counts: dict[int, int] = {}
    for y in values.tolist():
        counts[y] = counts.get(y, 0) + 1
    return counts, result


def run_order_finding(
    a: int,
    N: int,
    method: str = "semiclassical",
    backend: str | Backend = "auto",
    shots: int = 8,
    seed: int | None = None,
    num_bits: int | None = None,
    optimization_level: int = 1,
    arithmetic: str = "windowed",
    window: int | None = None,
) -> OrderFindingRun:
    """Run order finding for ``a`` mod ``N`` once and return the measured phases.

    Args:
        a: base, ``2 <= a < N``, coprime to ``N``.
        N: modulus.
        method: 'semiclassical', 'full' or 'fast' (simulation only).
        backend: 'auto' or 'sparse' (qcog's exact sparse gate-level simulator), or a qcog
            backend spec / :class:`qcog.backends.Backend` ('aer', 'fake:manila', ...).
            Ignored by 'fast', which runs the permutation simulator (refused on devices).
        shots: phase samples.
        seed: simulator/transpiler seed.
        num_bits: phase bits (default ``2n``).
        optimization_level: transpiler preset level (Qiskit backends).
        arithmetic: 'windowed' (default) or 'beauregard' modular multipliers.
        window: window size for 'windowed' (default: the cheapest).

    Raises:
        QcogValueError: bad arguments; 'fast' on hardware or a noisy backend; a fast-path
            size that would not fit in memory.
        CircuitTooLargeError: the circuit is wider than the backend (the message gives
            the qubits needed and what to try instead).
    """
    _check_method(method)
    start = time.perf_counter()
    if method == "fast":
        return _run_fast(a, N, backend, shots, seed, num_bits, start)
    need = required_qubits(N, method, arithmetic, window)
    name = backend if isinstance(backend, str) else None
    if name in SPARSE_BACKENDS:
        from qcog.simulators.sparse import MAX_KEY_BITS

        if need + max(1, (shots - 1).bit_length()) > MAX_KEY_BITS:
            raise CircuitTooLargeError(
                _too_large_message(N, need, method, SPARSE_NAME, MAX_KEY_BITS - 1)
            )
        from qcog.circuits.metrics import cx_count, two_qubit_gate_count

        circuit = build_order_finding_circuit(a, N, method, num_bits, arithmetic, window)
        counts, sim = _run_sparse(circuit, shots, seed)
        return OrderFindingRun(
            a,
            N,
            method,
            circuit.cregs[[r.name for r in circuit.cregs].index("phase")].size,
            counts,
            circuit.num_qubits,
            two_qubit_gate_count(circuit),
            None,
            SPARSE_NAME,
            False,
            time.perf_counter() - start,
            twoq_basis="as built (cx, cz; conditional blocks included)"
            if arithmetic == "windowed"
            else "as built (cp, cx; ccx not counted)",
            cx_count=cx_count(circuit),
            arithmetic=arithmetic,
            metadata={"max_support": sim.max_support, "gates": sim.gates},
        )
    from qcog.backends import get_backend

    resolved = get_backend(backend) if isinstance(backend, str) else backend
    if need > resolved.num_qubits:
        raise CircuitTooLargeError(
            _too_large_message(N, need, method, resolved.name, resolved.num_qubits)
        )
    from qcog.circuits.metrics import cx_count
    from qcog.runner import run

    circuit = build_order_finding_circuit(a, N, method, num_bits, arithmetic, window)
    result = run(
        circuit, backend=resolved, shots=shots, seed=seed, optimization_level=optimization_level
    )
    basis = sorted(resolved.target.operation_names) if hasattr(resolved, "target") else []
    return OrderFindingRun(
        a,
        N,
        method,
        circuit.cregs[[r.name for r in circuit.cregs].index("phase")].size,
        phase_values(result.counts, circuit),
        circuit.num_qubits,
        result.twoq_gates,
        result.depth,
        result.backend,
        False,
        time.perf_counter() - start,
        twoq_basis=f"{resolved.name} target ({', '.join(basis[:12])}); gates on 2+ qubits",
        cx_count=cx_count(circuit),
        arithmetic=arithmetic,
    )


def _run_fast(a, N, backend, shots, seed, num_bits, start) -> OrderFindingRun:
    name = getattr(backend, "name", backend)
    if isinstance(name, str) and name.startswith(("ibm", "fake")):
        raise QcogValueError(
            f"method 'fast' is simulation only (permutation oracles), not for backend '{name}'; "
            "use method 'semiclassical' for hardware"
        )
    from qcog.algorithms.order_finding_fast import sample_permutation_phases
    from qcog.circuits.order_finding import default_num_bits

    t = default_num_bits(N) if num_bits is None else num_bits
    device = name if isinstance(name, str) and name.startswith(("cuda", "cpu")) else None
    device = "cuda" if name == "aer-gpu" else device
    sample = sample_permutation_phases(a, N, t, shots, seed, device=device)
    return OrderFindingRun(
        a,
        N,
        "fast",
        t,
        sample.counts,
        required_qubits(N, "fast"),
        None,
        None,
        "permutation-simulator",
        True,
        time.perf_counter() - start,
        metadata={
            "device": sample.device,
            "dtype": sample.dtype,
            "state_bytes": sample.state_bytes,
        },
    )
