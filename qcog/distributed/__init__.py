"""Beyond one process: independent tasks on a Dask cluster, hybrid training with torch DDP.

- :mod:`qcog.distributed.sweep`: :func:`map_tasks` runs ``fn(**kwargs)`` for a list of
  keyword sets on a local Dask cluster (default), a user's cluster by address, or
  serially, with the same results for the same seeds.
- :mod:`qcog.distributed.circuits`: :func:`run_circuits_distributed`, one circuit per
  task with a seed derived from the batch seed and the circuit's index.
- :mod:`qcog.distributed.batches`: :func:`grover_batch` (one Grover problem per task)
  and :func:`shor_attempts` (one base ``a`` per task).
- :mod:`qcog.distributed.ddp`: :func:`train_ddp`, data-parallel training of a model
  across processes with ``torch.nn.parallel.DistributedDataParallel``.

Nothing here is imported by ``import qcog``; Dask and torch are imported when used. The
names above import from the package itself:

>>> from qcog.distributed import map_tasks, run_circuits_distributed, train_ddp, DDPConfig
>>> map_tasks.__module__
'qcog.distributed.sweep'
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "map_tasks": "qcog.distributed.sweep",
    "task_seeds": "qcog.distributed.sweep",
    "dask_client": "qcog.distributed.sweep",
    "run_circuits_distributed": "qcog.distributed.circuits",
    "run_circuits_serial": "qcog.distributed.circuits",
    "circuit_tasks": "qcog.distributed.circuits",
    "grover_batch": "qcog.distributed.batches",
    "shor_attempts": "qcog.distributed.batches",
    "train_ddp": "qcog.distributed.ddp",
    "train_single": "qcog.distributed.ddp",
    "DDPConfig": "qcog.distributed.ddp",
    "DDPResult": "qcog.distributed.ddp",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
