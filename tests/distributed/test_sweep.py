"""map_tasks on a 2-worker local Dask cluster returns exactly what the serial run returns."""

import os
import time

import numpy as np
import pytest

from qcog.distributed.sweep import dask_client, map_tasks, task_seeds
from qcog.exceptions import BackendUnavailableError, QcogValueError


def noisy_mean(size, seed):
    """A seeded random task: the result depends only on its own arguments."""
    return float(np.random.default_rng(seed).normal(size=size).mean())


def which_process(delay):
    time.sleep(delay)
    return os.getpid()


def fails_on_three(x):
    if x == 3:
        raise ArithmeticError("task three fails")
    return x


def test_distributed_equals_serial_in_task_order(dask_cluster_client):
    tasks = [{"size": 1000 + 7 * i, "seed": s} for i, s in enumerate(task_seeds(11, 12))]
    serial = map_tasks(noisy_mean, tasks, cluster="serial")
    distributed = map_tasks(noisy_mean, tasks, cluster=dask_cluster_client)
    assert distributed == serial
    assert len(set(serial)) == len(serial)  # different seeds -> different results


def test_tasks_spread_over_both_worker_processes(dask_cluster_client):
    pids = map_tasks(which_process, [{"delay": 0.2}] * 8, cluster=dask_cluster_client)
    assert len(set(pids)) == 2
    assert os.getpid() not in pids


def test_a_cluster_by_address(dask_cluster_client):
    address = dask_cluster_client.scheduler.address
    assert address.startswith("tcp://")
    tasks = [{"base": b, "exp": 2} for b in range(6)]
    assert map_tasks(pow, tasks, cluster=address) == [b * b for b in range(6)]


def test_a_local_cluster_started_for_the_call():
    tasks = [{"size": 50, "seed": s} for s in task_seeds(3, 3)]
    assert map_tasks(noisy_mean, tasks, n_workers=1) == map_tasks(noisy_mean, tasks, cluster="serial")


def test_a_failing_task_raises_its_error(dask_cluster_client):
    with pytest.raises(ArithmeticError, match="task three"):
        map_tasks(fails_on_three, [{"x": i} for i in range(5)], cluster=dask_cluster_client)


def test_no_tasks_no_cluster():
    assert map_tasks(pow, [], cluster="tcp://127.0.0.1:1") == []


def test_task_seeds_are_stable_distinct_and_prefix_free():
    seeds = task_seeds(2024, 50)
    assert seeds == task_seeds(2024, 50)
    assert task_seeds(2024, 10) == seeds[:10]
    assert len(set(seeds)) == 50
    assert set(seeds).isdisjoint(task_seeds(2025, 50))
    assert all(isinstance(s, int) and 0 <= s < 2**32 for s in seeds)
    assert task_seeds(None, 3) == [None, None, None]


@pytest.mark.parametrize(
    "call, word",
    [
        (lambda: map_tasks(42, [{}]), "callable"),
        (lambda: map_tasks(pow, {"base": 2}), "list"),
        (lambda: map_tasks(pow, [("base", 2)]), "task 0"),
        (lambda: map_tasks(pow, [{"base": 2, "exp": 1}], cluster="yarn"), "cluster must be"),
        (lambda: map_tasks(pow, [{"base": 2, "exp": 1}], n_workers=0), "n_workers"),
        (lambda: task_seeds(-1, 2), "seed"),
        (lambda: task_seeds(1, -2), "count"),
    ],
)
def test_bad_input_is_refused(call, word):
    with pytest.raises(QcogValueError, match=word):
        call()


def test_no_scheduler_at_the_address():
    with pytest.raises(BackendUnavailableError, match="dask scheduler"), \
            dask_client("tcp://127.0.0.1:9", connect_timeout_s=1):
        pass
