"""Independent tasks on a Dask cluster: local by default, a user's cluster by address.

A *task* is one call ``fn(**kwargs)``; a sweep is a list of keyword sets (benchmark sizes,
Shor attempts with different ``a``, parameter scans, Grover problems, circuit batches).
Each task carries everything it needs, its seed included, and uses no global random
state, so the distributed run returns exactly what the serial run returns, in the order
of the tasks. Seeds for a batch come from :func:`task_seeds` (the same derivation on
every path).

Where tasks run (``cluster``):

- ``None`` or ``"local"``: a ``dask.distributed.LocalCluster`` of ``n_workers`` processes
  with one thread each, started for the call and closed after it;
- ``"tcp://host:8786"`` (any Dask address): the user's running cluster (``dask scheduler``
  plus ``dask worker`` processes on other machines, each with qcog installed);
- a ``distributed.Client``: reused as is and left open (start one with
  :func:`dask_client` to pay the cluster's start-up once for many calls);
- ``"serial"``: in this process, one task after the other (the reference).

>>> map_tasks(pow, [{"base": 2, "exp": 3}, {"base": 3, "exp": 2}], cluster="serial")
[8, 9]
>>> task_seeds(7, 3) == task_seeds(7, 3)
True
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from qcog.exceptions import BackendUnavailableError, QcogValueError

#: address schemes that Dask's ``Client`` connects to
ADDRESS_SCHEMES = ("tcp://", "tls://", "ucx://", "inproc://", "ws://", "wss://")


def task_seeds(seed: int | None, count: int) -> list[int | None]:
    """Seeds for ``count`` tasks, derived from one batch ``seed`` (None stays None).

    Task ``i`` gets ``SeedSequence(seed, spawn_key=(i,))``'s first 32-bit word: the
    same on every machine and path, independent of ``count``, and statistically
    independent between tasks (unlike ``seed + i`` streams, which may overlap).

    Raises:
        QcogValueError: a negative or non-integer seed or count.

    >>> task_seeds(None, 2)
    [None, None]
    >>> task_seeds(5, 3)[:2] == task_seeds(5, 2)
    True
    """
    import numpy as np

    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise QcogValueError(f"count must be a non-negative integer, got {count!r}")
    if seed is None:
        return [None] * count
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise QcogValueError(f"seed must be a non-negative integer or None, got {seed!r}")
    return [
        int(np.random.SeedSequence(seed, spawn_key=(index,)).generate_state(1)[0])
        for index in range(count)
    ]


@contextmanager
def dask_client(
    cluster: Any = None, n_workers: int = 2, threads_per_worker: int = 1, connect_timeout_s: float = 10.0
) -> Iterator[Any]:
    """A ``distributed.Client`` for ``cluster``, closed on exit if this function opened it.

    Args:
        cluster: ``None``/``"local"`` (a new LocalCluster of worker processes), a Dask
            scheduler address such as ``"tcp://10.0.0.5:8786"``, or a ``Client`` (yielded
            unchanged and left open).
        n_workers: worker processes of a local cluster.
        threads_per_worker: threads per local worker (1: tasks never share a process's
            threads, so each Aer run or torch step has its process to itself).
        connect_timeout_s: how long to wait for a scheduler at an address.

    Raises:
        QcogValueError: an unknown ``cluster`` value or bad worker counts.
        BackendUnavailableError: dask.distributed is missing, or no scheduler answers.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a test dependency
        raise BackendUnavailableError(
            "distributed runs need Dask: pip install 'qcog[distributed]'"
        ) from exc
    if isinstance(cluster, Client):
        yield cluster
        return
    for name, value in (("n_workers", n_workers), ("threads_per_worker", threads_per_worker)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise QcogValueError(f"{name} must be a positive integer, got {value!r}")
    if cluster in (None, "local"):
        local = LocalCluster(
            n_workers=n_workers, threads_per_worker=threads_per_worker, processes=True,
            dashboard_address=":0", silence_logs=logging.WARNING,
        )
        client = Client(local)
        try:
            yield client
        finally:
            client.close()
            local.close()
        return
    if isinstance(cluster, str) and cluster.startswith(ADDRESS_SCHEMES):
        try:
            client = Client(cluster, timeout=f"{connect_timeout_s}s")
        except (OSError, TimeoutError) as exc:
            raise BackendUnavailableError(
                f"no Dask scheduler answered at {cluster!r} ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker <address>`"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    raise QcogValueError(
        f"cluster must be None, 'local', 'serial', a Dask address like 'tcp://host:8786' "
        f"or a distributed.Client, got {cluster!r}"
    )


def _call(fn: Callable[..., Any], kwargs: Mapping[str, Any]) -> Any:
    return fn(**kwargs)


def _checked_tasks(fn: Any, tasks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if not callable(fn):
        raise QcogValueError(f"fn must be callable, got {type(fn).__name__}")
    if isinstance(tasks, (str, bytes, Mapping)) or not isinstance(tasks, Sequence):
        raise QcogValueError("tasks must be a list of keyword-argument dicts, one per task")
    for index, kwargs in enumerate(tasks):
        if not isinstance(kwargs, Mapping) or not all(isinstance(k, str) for k in kwargs):
            raise QcogValueError(f"task {index} must be a dict of keyword arguments, got {kwargs!r}")
    return [dict(kwargs) for kwargs in tasks]


def map_tasks(
    fn: Callable[..., Any],
    tasks: Sequence[Mapping[str, Any]],
    cluster: Any = None,
    n_workers: int = 2,
) -> list[Any]:
    """Run ``fn(**kwargs)`` for every keyword set in ``tasks``; results in task order.

    ``fn`` must be importable or picklable by cloudpickle (a module-level function, a
    ``functools.partial`` of one, or a lambda), and so must its arguments and results.
    Give each task its seed (see :func:`task_seeds`) so that the result does not depend
    on which worker ran it.

    Args:
        fn: the task function.
        tasks: one dict of keyword arguments per task.
        cluster: ``None``/``"local"``, ``"serial"``, a Dask address or a ``Client``
            (see the module docstring).
        n_workers: worker processes of a local cluster.

    Returns:
        ``[fn(**tasks[0]), fn(**tasks[1]), ...]``.

    Raises:
        QcogValueError: ``fn`` not callable, ``tasks`` not a list of dicts, bad ``cluster``.
        BackendUnavailableError: no Dask, or no scheduler at the address.
        Exception: the first exception a task raised, re-raised here.

    >>> map_tasks(round, [{"number": 2.675, "ndigits": 1}], cluster="serial")
    [2.7]
    """
    checked = _checked_tasks(fn, tasks)
    if cluster == "serial":
        return [fn(**kwargs) for kwargs in checked]
    if not checked:
        return []
    with dask_client(cluster, n_workers) as client:
        futures = client.map(functools.partial(_call, fn), checked, pure=False)
        return client.gather(futures)
