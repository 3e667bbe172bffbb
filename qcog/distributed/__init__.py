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

Nothing here is imported by ``import qcog``; Dask and torch are imported when used.
"""
