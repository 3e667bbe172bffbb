"""Batches of Grover problems and of Shor bases, one task each, on Dask or serially.

Both are :func:`qcog.distributed.sweep.map_tasks` over the public algorithm entry
points, with task ``i``'s seed ``task_seeds(seed, n)[i]``; ``cluster="serial"`` gives
the reference results, which a cluster reproduces exactly (``wall_s`` aside).

>>> from qcog.circuits.oracles import marked_oracle
>>> from qcog.algorithms.grover import GroverProblem
>>> [r.found_values for r in grover_batch([GroverProblem(marked_oracle([3], 3))], shots=64,
...                                        seed=1, cluster="serial")]
[[3]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qcog.distributed.sweep import map_tasks, task_seeds
from qcog.exceptions import QcogValueError


def _grover_one(problem, backend, shots, seed):
    from qcog.algorithms.grover import run

    return run(problem, backend=backend, shots=shots, seed=seed)


def grover_batch(
    problems: Sequence[Any], backend: str = "aer", shots: int = 1024, seed: int | None = None,
    cluster: Any = None, n_workers: int = 2,
) -> list:
    """Solve each :class:`~qcog.algorithms.grover.GroverProblem` as its own task.

    Args:
        problems: Grover problems (oracles of any kind; cloudpickle carries predicates).
        backend: a simulator spec ('aer', 'aer-gpu', 'fake:<name>').
        shots: shots per problem.
        seed: batch seed; problem ``i`` uses ``task_seeds(seed, n)[i]``.
        cluster, n_workers: see :func:`qcog.distributed.sweep.map_tasks`.

    Returns:
        One :class:`~qcog.algorithms.grover.GroverResult` per problem, in order.

    Raises:
        QcogValueError: an empty batch.
    """
    problems = list(problems)
    if not problems:
        raise QcogValueError("problems must be a non-empty list of GroverProblems")
    tasks = [{"problem": p, "backend": backend, "shots": shots, "seed": s}
             for p, s in zip(problems, task_seeds(seed, len(problems)))]
    return map_tasks(_grover_one, tasks, cluster=cluster, n_workers=n_workers)


def _shor_one(**kwargs):
    from qcog.algorithms.shor import factor

    return factor(**kwargs)


def shor_attempts(
    N: int, bases: Sequence[int], method: str = "semiclassical", backend: str = "aer",
    shots: int = 8, seed: int | None = None, runs_per_base: int = 2,
    cluster: Any = None, n_workers: int = 2,
) -> list:
    """Try several bases ``a`` for ``N`` at once: one :func:`qcog.algorithms.shor.factor` task per base.

    Each task runs order finding for its base (``runs_per_base`` runs, candidates combined,
    ``force_quantum=True`` so that the quantum step runs) and returns a
    :class:`~qcog.algorithms.shor.ShorResult`; the first with ``factors`` answers.

    Args:
        N: the number to factor.
        bases: the bases to try, ``2 <= a < N``.
        method: 'semiclassical', 'full' or 'fast' (simulation only).
        backend: a simulator spec.
        shots: phase samples per run.
        seed: batch seed; base ``i`` uses ``task_seeds(seed, n)[i]``.
        runs_per_base: order-finding runs per base.
        cluster, n_workers: see :func:`qcog.distributed.sweep.map_tasks`.

    Returns:
        One ``ShorResult`` per base, in order.

    Raises:
        QcogValueError: no bases (bad ``N``/``a`` are reported by ``factor`` from the task).
    """
    bases = list(bases)
    if not bases:
        raise QcogValueError("bases must be a non-empty list of integers a with 2 <= a < N")
    tasks = [{"N": N, "a": a, "method": method, "backend": backend, "shots": shots, "seed": s,
              "force_quantum": True, "max_attempts": runs_per_base, "runs_per_base": runs_per_base}
             for a, s in zip(bases, task_seeds(seed, len(bases)))]
    return map_tasks(_shor_one, tasks, cluster=cluster, n_workers=n_workers)
