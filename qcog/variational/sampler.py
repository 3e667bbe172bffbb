"""Bitstrings of bound circuits sampled on Aer, ``fake:`` or ``ibm:`` backends, in one job.

Aer runs through :func:`qcog.run`; ``fake:<name>`` and ``ibm:<name>`` through
:func:`qcog.ibm.submit`, so the job is in the job store before it is sent. Counts are
keyed by Qiskit bitstrings (qubit 0 is the last character); :func:`bits_of` turns a key
into the value of each qubit in qubit order.

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(2); _ = qc.x(0)
>>> sample_counts([qc], "aer", shots=10, seed=1).counts
[{'01': 10}]
>>> bits_of("01")
(1, 0)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class SampleResult:
    """Counts of every circuit of one job (see the module docstring for the key order)."""

    counts: list[dict[str, int]]
    backend: str
    shots: int
    job_id: str | None = None
    wall_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bits_of(key: str) -> tuple[int, ...]:
    """The bit of qubit 0, 1, ... of a Qiskit count key (spaces between registers ignored)."""
    return tuple(int(ch) for ch in reversed(key.replace(" ", "")))


def sample_counts(circuits: Sequence[Any], backend: str, shots: int = 1024,
                  seed: int | None = None, store: Any = None, poll: Any = None) -> SampleResult:
    """Measure every qubit of each circuit ``shots`` times, all circuits in one job.

    Args:
        circuits: bound ``QuantumCircuit``s without measurements.
        backend: ``aer``, ``aer-gpu``, ``auto``, ``fake:<name>`` or ``ibm:<name>``.
        shots: shots per circuit.
        seed: simulator and transpiler seed.
        store: the job store for ``fake:``/``ibm:`` (a path, a ``JobStore``, None: default).
        poll: a :class:`qcog.ibm.PollPolicy` for waiting on ``ibm:`` jobs (None: the default).

    Raises:
        QcogValueError: bad shots, or an exact engine name instead of a backend.
    """
    from qcog.variational.engines import shot_backend_kind

    kind = shot_backend_kind(backend, shots)
    start = time.perf_counter()
    measured = []
    for circuit in circuits:
        circuit = circuit.copy()
        circuit.measure_all()
        measured.append(circuit)
    if kind == "local":
        from qcog.runner import run

        results = run(measured, backend=backend, shots=shots, seed=seed)
        counts = [dict(r.counts) for r in results]
        name, job_id = results[0].backend, None
    else:
        from qcog.ibm.polling import PollPolicy
        from qcog.ibm.submission import submit

        record = submit(measured, backend, shots=shots, seed=seed, store=store, wait=True,
                        poll=poll or PollPolicy(), tags=["qcog-variational"])
        counts = [dict(p["counts"]) for p in record.result["pubs"]]
        name, job_id = record.backend, record.job_id
    return SampleResult(counts, name, shots, job_id, time.perf_counter() - start)
