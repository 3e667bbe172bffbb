"""How many torch intra-op threads a simulation (or a training run) should use, by work size.

Small statevector simulations are many small tensor operations: extra threads only add
synchronisation, and on a loaded machine a layer at 4 qubits fell from about 14,000
samples/s on one thread to 2,000 on two. So the work of a call - batch times ``2**n``
amplitudes - decides: one thread below :data:`WORK_PER_THREAD` amplitudes, one more per
further :data:`WORK_PER_THREAD`, never more than the cores this process may run on.
An explicit count always wins (``TorchEngine(threads=...)``, ``qcog train --threads``).

>>> threads_for_work(64 * 2**4)
1
>>> threads_for_work(256 * 2**20, available=8)
8
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Amplitudes (batch x 2**n) per thread: below this, one thread.
WORK_PER_THREAD = 2**20


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def threads_for_work(work: int, available: int | None = None) -> int:
    """Threads for ``work`` amplitudes (batch x 2**n): 1 below :data:`WORK_PER_THREAD`.

    Args:
        work: amplitudes the call moves (batch size times ``2**n_qubits``).
        available: cores to use at most (default :func:`available_cores`).
    """
    available = available_cores() if available is None else max(1, available)
    return max(1, min(available, work // WORK_PER_THREAD))


def training_threads(model: Any, batch_size: int, available: int | None = None) -> int:
    """Threads for training ``model`` with mini-batches of ``batch_size``.

    The work is the larger of the quantum layers' ``batch x 2**n_qubits`` and
    ``batch x parameters / 16`` for the classical parts; the models of :mod:`qcog.models`
    (a few qubits, batch 32, small classical parts) get one thread, which trained them
    15-20x faster than two threads on a loaded 2-core machine (issue 19).

    Args:
        model: a torch module (its QuantumLayer-like submodules have ``n_qubits``).
        batch_size: mini-batch size.
        available: cores to use at most (default :func:`available_cores`).
    """
    qubits = [m.n_qubits for m in model.modules()
              if hasattr(m, "engine") and isinstance(getattr(m, "n_qubits", None), int)]
    parameters = sum(p.numel() for p in model.parameters())
    work = batch_size * max([parameters // 16] + [2**q for q in qubits])
    return threads_for_work(work, available)


@contextmanager
def intra_op_threads(count: int | None) -> Iterator[None]:
    """Run a block with ``torch.set_num_threads(count)``, restoring the setting after.

    ``None`` leaves the setting alone.
    """
    import torch

    previous = torch.get_num_threads()
    if count is None or count == previous:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
