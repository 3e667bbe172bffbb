"""The fidelity kernel from shots: compute-uncompute circuits on Aer, fake and IBM backends.

``k(x, y) = |<psi(y)|psi(x)>|^2`` is the probability of measuring ``0...0`` after
``U(x)`` followed by ``U(y)^dagger`` (:func:`fidelity_circuit`). Only the needed pairs
are built: for ``K(X, X)`` the upper triangle (the matrix is symmetric and its diagonal
is 1, so those circuits are skipped). The circuits are split into as few jobs as the
backend's limits allow (``max_circuits`` per job and IBM's 10 million executions,
circuits x shots, per sampler job) and run:

* on ``aer``/``aer-gpu``/``auto`` through :func:`qcog.run` (one call per job);
* on ``fake:NAME`` and ``ibm:NAME`` through :func:`qcog.ibm.submit`: every job is in the
  SQLite job store before it is sent, tagged with a hash of its circuits, shots, backend
  and seed. Running the same Gram matrix again (after Ctrl-C, a crash, a closed laptop)
  takes every finished job's counts from the store, waits for queued ones (a local job
  interrupted mid-run is re-run from its stored circuits) and submits only the rest.

>>> from qcog.kernels.standard_maps import make_feature_map
>>> out = shot_kernel(make_feature_map("zz", 2), [[0.1, 0.2], [0.3, 0.1]], backend="aer",
...                   shots=2000, seed=1)
>>> out.matrix.shape, out.circuits, out.jobs
((2, 2), 1, 1)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap

#: IBM's limit of executions (circuits x shots) per sampler job.
MAX_EXECUTIONS = 10_000_000
#: Default most circuits per job (smaller jobs resume at a finer grain).
DEFAULT_MAX_CIRCUITS = 300
#: Tag on every kernel job in the job store.
JOB_TAG = "qcog-kernel"
STORE_BACKENDS = ("fake", "ibm")


def fidelity_circuit(u_x, u_y, name: str = "fidelity"):
    """``U(x)`` then ``U(y)^dagger``, all qubits measured: ``P(0...0) = |<psi(y)|psi(x)>|^2``.

    Args:
        u_x, u_y: the feature-map circuits of the two points (no measurements).
        name: the circuit's name (fixed names keep job hashes reproducible).

    Returns:
        A new ``QuantumCircuit``.
    """
    circuit = u_x.compose(u_y.inverse())
    circuit.measure_all()
    circuit.name = name
    return circuit


def kernel_pairs(rows: int, cols: int, symmetric: bool) -> list[tuple[int, int]]:
    """The entries to estimate: the strict upper triangle when symmetric, else all.

    >>> kernel_pairs(3, 3, symmetric=True)
    [(0, 1), (0, 2), (1, 2)]
    """
    if symmetric:
        return [(i, j) for i in range(rows) for j in range(i + 1, rows)]
    return [(i, j) for i in range(rows) for j in range(cols)]


def circuits_per_job(shots: int, max_circuits: int = DEFAULT_MAX_CIRCUITS) -> int:
    """How many circuits go in one job: ``max_circuits`` and ``MAX_EXECUTIONS / shots``.

    >>> circuits_per_job(100_000, 300)
    100
    """
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if shots > MAX_EXECUTIONS:
        raise QcogValueError(f"shots must be at most {MAX_EXECUTIONS:,} per circuit")
    if max_circuits < 1:
        raise QcogValueError(f"max_circuits must be >= 1, got {max_circuits!r}")
    return max(1, min(max_circuits, MAX_EXECUTIONS // shots))


@dataclass
class ShotKernelResult:
    """A Gram matrix estimated from shots.

    Attributes:
        matrix: ``(N, M)`` estimates of ``|<psi(y_j)|psi(x_i)>|^2`` (diagonal 1 if symmetric).
        shots: shots per entry.
        backend: where the circuits ran.
        circuits: circuits run (pairs estimated).
        jobs: jobs the circuits were split into.
        resumed: jobs whose counts came from the job store (nothing re-run).
        job_ids: job-store ids (fake/ibm backends).
        gram_tag: the tag every job of this matrix carries in the job store.
    """

    matrix: np.ndarray
    shots: int
    backend: str
    circuits: int
    jobs: int
    resumed: int = 0
    job_ids: list[str] = field(default_factory=list)
    gram_tag: str | None = None

    def standard_error(self) -> np.ndarray:
        """Binomial standard error of each entry, ``sqrt(k (1 - k) / shots)``."""
        k = np.clip(self.matrix, 0, 1)
        return np.sqrt(k * (1 - k) / self.shots)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (without the matrix)."""
        return {"shots": self.shots, "backend": self.backend, "circuits": self.circuits,
                "jobs": self.jobs, "resumed": self.resumed, "job_ids": self.job_ids,
                "gram_tag": self.gram_tag}


def _job_key(circuits: list, shots: int, backend: str, seed: int | None, level: int) -> str:
    from qcog.ibm.store import circuits_to_qpy

    digest = hashlib.sha256(circuits_to_qpy(circuits))
    digest.update(f"|{shots}|{backend}|{seed}|{level}".encode())
    return digest.hexdigest()[:20]


def _zeros_probability(counts: dict, n_qubits: int, shots: int) -> float:
    return counts.get("0" * n_qubits, 0) / shots


class _StoreRunner:
    """Runs kernel jobs through qcog.ibm, reusing what the job store already has."""

    def __init__(self, backend, shots, level, store, poll):
        from qcog.ibm.store import JobStore

        self.backend, self.shots, self.level, self.poll = backend, shots, level, poll
        self.store = store if isinstance(store, JobStore) else JobStore(store)
        self.known = {}
        for record in reversed(self.store.list_jobs()):  # oldest first: newest wins
            for tag in record.tags:
                if tag.startswith(f"{JOB_TAG}-job:"):
                    self.known[tag] = record
        self.resumed = 0

    def counts(self, circuits: list, seed: int | None, gram_tag: str) -> tuple[list, str]:
        from qcog.ibm.jobs import job_result
        from qcog.ibm.submission import submit

        tag = f"{JOB_TAG}-job:{_job_key(circuits, self.shots, self.backend, seed, self.level)}"
        record = self.known.get(tag)
        if record is not None and record.status not in ("error", "cancelled"):
            if record.result is None:
                record = job_result(record.job_id, self.store, wait=True, poll=self.poll)
            self.resumed += 1
        else:
            record = submit(circuits, self.backend, shots=self.shots, seed=seed,
                            tags=[JOB_TAG, gram_tag, tag], store=self.store,
                            optimization_level=self.level, wait=True, poll=self.poll)
        return [pub["counts"] for pub in record.result["pubs"]], record.job_id


def shot_kernel(feature_map: FeatureMap, x, y=None, backend: str = "aer", shots: int = 1024,
                seed: int | None = None, max_circuits: int = DEFAULT_MAX_CIRCUITS,
                optimization_level: int = 1, store=None, poll=None,
                progress: Callable[[int, int], None] | None = None) -> ShotKernelResult:
    """Estimate the fidelity Gram matrix from shots of compute-uncompute circuits.

    Args:
        feature_map: the map (exported to Qiskit, :meth:`FeatureMap.circuits`).
        x: ``(N, features)``; y: ``(M, features)`` or None for ``K(x, x)``.
        backend: ``aer``, ``aer-gpu``, ``auto``, ``fake:NAME`` or ``ibm:NAME``.
        shots: shots per entry.
        seed: simulator/transpiler seed; job ``k`` uses ``seed + k``.
        max_circuits: most circuits per job.
        optimization_level: transpiler preset 0-3.
        store: job store (a :class:`~qcog.ibm.store.JobStore` or path) for fake/ibm;
            default the user's store.
        poll: :class:`~qcog.ibm.polling.PollPolicy` for waiting on IBM jobs.
        progress: called as ``progress(done_jobs, total_jobs)``.

    Returns:
        :class:`ShotKernelResult`.

    Raises:
        QcogValueError: bad features, shots or limits; a map wider than the backend.
    """
    from qcog.backends import BackendSpec

    xs = feature_map.check_inputs(x, "X")
    symmetric = y is None
    ys = xs if symmetric else feature_map.check_inputs(y, "Y")
    per_job = circuits_per_job(shots, max_circuits)
    spec = BackendSpec.parse(backend)
    pairs = kernel_pairs(len(xs), len(ys), symmetric)
    u_x = feature_map.circuits(xs) if len(xs) else []
    u_y = u_x if symmetric else (feature_map.circuits(ys) if len(ys) else [])
    chunks = [pairs[s : s + per_job] for s in range(0, len(pairs), per_job)]
    jobs = [[fidelity_circuit(u_x[i], u_y[j], f"k_{i}_{j}") for i, j in chunk]
            for chunk in chunks]
    gram_tag = None
    runner = None
    target = backend
    if spec.kind not in STORE_BACKENDS:
        from qcog.backends import get_backend

        target = get_backend(spec)  # resolved once: its pass manager serves every job
    else:
        from qcog.ibm.polling import PollPolicy

        runner = _StoreRunner(str(spec), shots, optimization_level, store, poll or PollPolicy())
        keys = "".join(_job_key(c, shots, str(spec), seed, optimization_level) for c in jobs)
        gram_tag = f"{JOB_TAG}-gram:{hashlib.sha256(keys.encode()).hexdigest()[:20]}"
    matrix = np.ones((len(xs), len(ys))) if symmetric else np.zeros((len(xs), len(ys)))
    job_ids = []
    for k, (chunk, circuits) in enumerate(zip(chunks, jobs)):
        job_seed = None if seed is None else seed + k
        if runner is not None:
            counts, job_id = runner.counts(circuits, job_seed, gram_tag)
            job_ids.append(job_id)
        else:
            counts = _run_counts(circuits, target, shots, job_seed, optimization_level)
        for (i, j), c in zip(chunk, counts):
            matrix[i, j] = _zeros_probability(c, feature_map.n_qubits, shots)
            if symmetric:
                matrix[j, i] = matrix[i, j]
        if progress is not None:
            progress(k + 1, len(jobs))
    return ShotKernelResult(matrix, shots, str(spec), len(pairs), len(jobs),
                            runner.resumed if runner else 0, job_ids, gram_tag)


def _run_counts(circuits: list, backend, shots: int, seed, level: int) -> list[dict]:
    """Counts of each circuit from :func:`qcog.run` (Aer backends)."""
    from qcog.runner import run

    results = run(circuits, backend=backend, shots=shots, seed=seed, optimization_level=level)
    return [r.counts for r in results]
