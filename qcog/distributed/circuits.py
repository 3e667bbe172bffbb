"""Many circuits, one task each, on a Dask cluster or serially, with identical results.

Circuit ``i`` of a batch runs as ``qcog.run(circuits[i], backend, shots, seed=s_i)``
with ``s_i = task_seeds(seed, len(circuits))[i]`` on both paths, so
:func:`run_circuits_distributed` returns the same counts as :func:`run_circuits_serial`
(for a seeded batch on a simulator whose spec means the same thing on every worker:
``aer`` or ``fake:<name>``; ``auto`` may pick a GPU on one worker and not another).

>>> from qcog.circuits import bell_state
>>> [sorted(r.counts) for r in run_circuits_serial([bell_state("phi+")], shots=64, seed=1)]
[['00', '11']]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qcog.distributed.sweep import map_tasks, task_seeds
from qcog.exceptions import QcogValueError


def _backend_spec(backend: Any) -> tuple[str, dict[str, Any]]:
    """A picklable (spec string, options) for a spec string or a resolved Backend."""
    from qcog.backends import Backend

    if isinstance(backend, Backend):
        if not backend.is_simulator:
            raise QcogValueError(f"distributed circuit runs need a simulator backend, got '{backend.name}'")
        return backend.name, dict(backend.options)
    if not isinstance(backend, str):
        raise QcogValueError(f"backend must be a spec string such as 'aer' or a Backend, got {backend!r}")
    if backend.startswith("ibm:"):
        raise QcogValueError(
            "distributed circuit runs need a simulator backend ('aer', 'aer-gpu', 'fake:<name>'); "
            f"got {backend!r} (submit hardware jobs with qcog.ibm.submit)"
        )
    return backend, {}


def circuit_tasks(
    circuits: Sequence[Any], backend: Any = "aer", shots: int = 1024, seed: int | None = None,
    **options: Any,
) -> list[dict[str, Any]]:
    """The keyword sets for ``qcog.run``, one per circuit, each with its derived seed.

    >>> from qcog.circuits import bell_state
    >>> task = circuit_tasks([bell_state("phi+")], shots=10, seed=3)[0]
    >>> task["backend"], task["shots"], task["seed"] == task_seeds(3, 1)[0]
    ('aer', 10, True)
    """
    from qiskit import QuantumCircuit

    batch = list(circuits) if not isinstance(circuits, QuantumCircuit) else None
    if not batch or not all(isinstance(c, QuantumCircuit) for c in batch):
        raise QcogValueError("circuits must be a non-empty list of QuantumCircuits")
    spec, backend_options = _backend_spec(backend)
    merged = {**backend_options, **options}
    return [
        {"circuits": circuit, "backend": spec, "shots": shots, "seed": task_seed, **merged}
        for circuit, task_seed in zip(batch, task_seeds(seed, len(batch)))
    ]


def _run_one(**kwargs: Any):
    from qcog.runner import run

    return run(**kwargs)


def run_circuits_serial(
    circuits: Sequence[Any], backend: Any = "aer", shots: int = 1024, seed: int | None = None,
    **options: Any,
) -> list:
    """Run each circuit in this process with its derived seed (the reference path).

    Args:
        circuits: a list of ``QuantumCircuit``.
        backend: a simulator spec ('aer', 'aer-gpu', 'fake:<name>') or a Backend.
        shots: shots per circuit.
        seed: batch seed; circuit ``i`` uses ``task_seeds(seed, n)[i]``.
        **options: simulator options passed to ``qcog.run``.

    Returns:
        One :class:`qcog.result.RunResult` per circuit, in order.

    Raises:
        QcogValueError: not a list of circuits, or a hardware backend.
    """
    return map_tasks(_run_one, circuit_tasks(circuits, backend, shots, seed, **options), cluster="serial")


def run_circuits_distributed(
    circuits: Sequence[Any], backend: Any = "aer", shots: int = 1024, seed: int | None = None,
    cluster: Any = None, n_workers: int = 2, **options: Any,
) -> list:
    """Run each circuit as its own task on a Dask cluster; same results as the serial path.

    Args:
        circuits, backend, shots, seed, options: as :func:`run_circuits_serial`.
        cluster: ``None``/``'local'`` (a local cluster), a Dask address, a ``Client``,
            or ``'serial'`` (see :mod:`qcog.distributed.sweep`).
        n_workers: worker processes of a local cluster.

    Returns:
        One :class:`qcog.result.RunResult` per circuit, in order (``wall_s`` is each
        task's own time).

    Raises:
        QcogValueError: not a list of circuits, or a hardware backend.
        BackendUnavailableError: no Dask, or no scheduler at the address.
    """
    tasks = circuit_tasks(circuits, backend, shots, seed, **options)
    return map_tasks(_run_one, tasks, cluster=cluster, n_workers=n_workers)
