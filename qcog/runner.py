"""Run circuits on a backend: transpile, execute, and collect a :class:`RunResult`.

>>> from qcog.circuits import bell_state
>>> result = run(bell_state("phi+"), backend="aer", shots=1000, seed=7)
>>> sorted(result.counts)
['00', '11']
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from qcog.backends import Backend, get_backend
from qcog.circuits.metrics import circuit_cost
from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.result import RunResult

if TYPE_CHECKING:  # for annotations only; imported where used
    from collections.abc import Sequence

    from qiskit import QuantumCircuit


def _with_measurements(circuit):
    """Return ``(circuit, added)``: the circuit with ``measure_all`` if it measures nothing."""
    if any(inst.operation.name == "measure" for inst in circuit.data):
        return circuit, False
    measured = circuit.copy()
    measured.measure_all()
    return measured, True


#: Gates of Clifford circuits, which Aer's automatic method simulates as stabilizers.
_CLIFFORD = {"h", "s", "sdg", "x", "y", "z", "sx", "sxdg", "cx", "cy", "cz", "swap", "id",
             "measure", "barrier", "reset", "delay"}


def check_simulation_memory(
    circuit: QuantumCircuit, backend: Backend, statevector: bool = False
) -> None:
    """Refuse a circuit whose simulation on ``backend`` would not fit in memory.

    Aer's statevector (the default method, also for ``fake:`` devices with their noise)
    holds ``2**n`` amplitudes of the chosen precision; the density-matrix method ``4**n``.
    Clifford circuits under the automatic method (simulated as stabilizers), the MPS
    and other methods, and IBM hardware are not checked.

    Raises:
        SizeLimitError: the estimate exceeds the available memory.
    """
    from qcog.limits import check_memory, check_statevector, statevector_bytes

    if not backend.is_simulator:
        return
    method = backend.options.get("method", "automatic")
    if method not in ("automatic", "statevector", "density_matrix"):
        return
    if method == "automatic" and not statevector and set(circuit.count_ops()) <= _CLIFFORD:
        return
    n, precision = circuit.num_qubits, backend.options.get("precision", "double")
    what = f"simulating a {n}-qubit circuit on {backend.name} ({method})"
    fix = "use fewer qubits, or method='matrix_product_state' for weakly entangled circuits"
    device = "cuda" if backend.device == "GPU" else "cpu"
    if method == "density_matrix":
        need = statevector_bytes(2 * n, precision)
        check_memory(need, what, fix, device=device, detail=f"a {n}-qubit density matrix")
        return
    check_statevector(n, what, fix, precision=precision, copies=2 if statevector else 1,
                      device=device)


def _exact_statevector(circuit, backend: Backend, seed: int | None):
    """The final state before measurement, from Aer's statevector method, or None."""
    if backend.spec.kind not in ("auto", "aer", "aer-gpu"):
        return None
    if backend.options.get("method", "statevector") not in ("statevector", "automatic"):
        return None
    bare = circuit.remove_final_measurements(inplace=False)
    if any(inst.operation.name in ("measure", "reset") for inst in bare.data):
        return None  # mid-circuit measurement: the final state is not one vector
    from qiskit_aer import AerSimulator

    bare.save_statevector()
    sim = AerSimulator(method="statevector", device=backend.device, **{
        k: v for k, v in backend.options.items() if k != "method"
    })
    from qiskit import transpile

    compiled = transpile(bare, sim, optimization_level=0)
    data = sim.run(compiled, shots=1, seed_simulator=seed).result().data(0)
    import numpy as np

    return np.asarray(data["statevector"])


def run(
    circuits: QuantumCircuit | Sequence[QuantumCircuit],
    backend: str | Backend = "auto",
    shots: int = 1024,
    seed: int | None = None,
    optimization_level: int = 1,
    statevector: bool = False,
    run_options: dict[str, Any] | None = None,
    **options: Any,
) -> RunResult | list[RunResult]:
    """Run one circuit or a list of circuits and return one result per circuit.

    Circuits without measurements get ``measure_all`` (noted in the metadata). They are
    transpiled to the backend's target (``result.transpiled`` shows what ran); all
    circuits of one call go to the backend in one job.

    Args:
        circuits: a ``QuantumCircuit`` or a list of them.
        backend: a backend spec ('auto', 'aer', 'aer-gpu', 'fake:manila', 'ibm:...')
            or a :class:`Backend` from :func:`qcog.get_backend`.
        shots: shots per circuit (>= 1).
        seed: seed for the simulator and the transpiler; None leaves them unseeded.
        optimization_level: preset pass-manager level 0-3.
        statevector: also return the exact final state (Aer statevector method only).
        run_options: options for the backend's ``run`` call that it refuses at construction
            (for Aer GPU: ``target_gpus``).
        **options: simulator options passed to the backend (method, precision, ...).

    Raises:
        QcogValueError: bad shots, seed or optimization level.
        SizeLimitError: a circuit's simulation would not fit in memory (checked before
            transpiling).
        CircuitTooLargeError: a circuit is wider than the backend.
    """
    from qiskit import QuantumCircuit

    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise QcogValueError(f"seed must be None or an integer >= 0, got {seed!r}")
    if optimization_level not in (0, 1, 2, 3):
        raise QcogValueError(f"optimization_level must be 0, 1, 2 or 3, got {optimization_level!r}")
    single = isinstance(circuits, QuantumCircuit)
    batch = [circuits] if single else list(circuits)
    if not batch or not all(isinstance(c, QuantumCircuit) for c in batch):
        raise QcogValueError("circuits must be a QuantumCircuit or a non-empty list of them")
    resolved = get_backend(backend, **options)
    if resolved.spec.kind == "ibm":
        raise BackendUnavailableError(
            "qcog.run does not submit to IBM hardware; use qcog.ibm.submit (or "
            "`qcog ibm submit`), which stores the job id so nothing is lost"
        )
    for circuit in batch:
        check_simulation_memory(circuit, resolved, statevector)
    start = time.perf_counter()
    prepared = [_with_measurements(c) for c in batch]
    compiled = resolved.transpile([c for c, _ in prepared], optimization_level, seed)
    job = resolved.qiskit_backend.run(compiled, shots=shots, seed_simulator=seed, **(run_options or {}))
    result = job.result()
    elapsed = time.perf_counter() - start
    outputs = []
    for index, (original, (measured, added)) in enumerate(zip(batch, prepared)):
        cost = circuit_cost(compiled[index])
        meta = dict(result.results[index].metadata or {})
        meta = {k: v for k, v in meta.items() if isinstance(v, (str, int, float, bool))}
        meta["measure_all_added"] = added
        outputs.append(
            RunResult(
                counts=dict(result.get_counts(index)),
                shots=shots,
                backend=resolved.name,
                seed=seed,
                num_qubits=original.num_qubits,
                twoq_gates=cost.twoq_gates,
                depth=cost.depth,
                wall_s=elapsed,
                statevector=_exact_statevector(measured, resolved, seed) if statevector else None,
                transpiled=compiled[index],
                metadata=meta,
            )
        )
    return outputs[0] if single else outputs
