"""Data-parallel training across processes with torch ``DistributedDataParallel``.

:func:`train_ddp` spawns ``world_size`` processes on this machine (``gloo`` on the CPU,
``nccl`` on GPUs), builds the model in each from a picklable factory, wraps it in DDP,
shards the data with ``DistributedSampler`` and trains; every rank's final parameters
and losses come back. :func:`train_single` trains the same model in this process on
the same global batches, the reference that DDP must match.

Why they agree: the sampler gives rank ``r`` the indices ``perm[r::W]`` of one
permutation ``perm`` (seeded by ``seed + epoch``, the same for any ``W``), so global
step ``k`` covers ``perm[k*W*b:(k+1)*W*b]`` with ``b = batch_size`` per rank, the
batch :func:`train_single` uses with batch size ``W*b``. DDP averages the ranks'
gradients of their mean losses, which is the gradient of the global mean loss when
every rank holds the same number of samples (hence ``len(dataset) % W == 0``).

The factory and the dataset cross process boundaries by pickle: the factory must be a
module-level function (or a ``functools.partial`` of one); run the call from a script
under ``if __name__ == "__main__":`` (processes are spawned).

>>> cfg = DDPConfig(world_size=2, batch_size=4, epochs=1)
>>> cfg.global_batch_size, cfg.process_backend("cpu")
(8, 'gloo')
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from torch.utils.data import Dataset

#: loss name -> torch.nn class name (built inside each process)
LOSSES = {"mse": "MSELoss", "cross_entropy": "CrossEntropyLoss", "bce_logits": "BCEWithLogitsLoss"}
#: optimizer name -> torch.optim class name
OPTIMIZERS = {"sgd": "SGD", "adam": "Adam"}


@dataclass(frozen=True)
class DDPConfig:
    """How to train: processes, epochs, batches, optimizer, where.

    Attributes:
        world_size: processes (ranks), each with its own model replica.
        epochs: passes over the data.
        batch_size: samples per rank per step (global batch: ``world_size * batch_size``).
        lr: learning rate.
        seed: seeds the model's initialisation (``torch.manual_seed`` before the factory)
            and the sampler's shuffling.
        shuffle: shuffle the data each epoch (the same permutation on every path).
        loss: a key of :data:`LOSSES`.
        optimizer: a key of :data:`OPTIMIZERS`.
        device: ``'cpu'`` or ``'cuda'`` (rank ``r`` uses GPU ``r % device_count``).
        backend: ``'auto'`` (nccl on CUDA, gloo on CPU), ``'gloo'`` or ``'nccl'``.
        timeout_s: how long ranks wait for each other before failing.
        start_method: ``'spawn'`` (safe everywhere, needed for CUDA) or ``'fork'`` (CPU
            only, POSIX: the ranks start in a fraction of a second without re-importing
            torch; do not fork a process that has run multi-threaded torch code).
    """

    world_size: int = 2
    epochs: int = 3
    batch_size: int = 8
    lr: float = 0.05
    seed: int = 0
    shuffle: bool = True
    loss: str = "mse"
    optimizer: str = "sgd"
    device: str = "cpu"
    backend: str = "auto"
    timeout_s: float = 120.0
    start_method: str = "spawn"

    def __post_init__(self) -> None:
        for name in ("world_size", "epochs", "batch_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise QcogValueError(f"{name} must be a positive integer, got {value!r}")
        if self.loss not in LOSSES:
            raise QcogValueError(f"loss must be one of {sorted(LOSSES)}, got {self.loss!r}")
        if self.optimizer not in OPTIMIZERS:
            raise QcogValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}, got {self.optimizer!r}")
        if self.device not in ("cpu", "cuda"):
            raise QcogValueError(f"device must be 'cpu' or 'cuda', got {self.device!r}")
        if self.backend not in ("auto", "gloo", "nccl"):
            raise QcogValueError(f"backend must be 'auto', 'gloo' or 'nccl', got {self.backend!r}")
        if self.start_method not in ("spawn", "fork"):
            raise QcogValueError(f"start_method must be 'spawn' or 'fork', got {self.start_method!r}")
        if self.start_method == "fork" and self.device == "cuda":
            raise QcogValueError("CUDA ranks must be spawned: use start_method='spawn' with device='cuda'")
        if self.backend == "nccl" and self.device != "cuda":
            raise QcogValueError("backend 'nccl' needs device='cuda'; use 'gloo' on the CPU")

    @property
    def global_batch_size(self) -> int:
        """Samples per optimizer step over all ranks."""
        return self.world_size * self.batch_size

    def process_backend(self, device: str) -> str:
        """The torch.distributed backend: the one asked for, or nccl on CUDA and gloo else."""
        if self.backend != "auto":
            return self.backend
        return "nccl" if device == "cuda" else "gloo"


@dataclass
class DDPResult:
    """What each rank ended with.

    Attributes:
        parameters: per rank, ``{name: tensor}`` of the final parameters (on the CPU).
        losses: per rank, the mean global loss of each epoch.
        world_size: number of ranks.
        backend: the torch.distributed backend used (``'none'`` for :func:`train_single`).
    """

    parameters: list[dict[str, Any]] = field(repr=False)
    losses: list[list[float]]
    world_size: int
    backend: str

    def max_parameter_spread(self) -> float:
        """Largest |difference| of any parameter between rank 0 and another rank (0: in sync)."""
        first = self.parameters[0]
        spread = 0.0
        for other in self.parameters[1:]:
            for name, value in first.items():
                spread = max(spread, float((other[name] - value).abs().max()))
        return spread


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _build(model_factory: Callable[[], Any], config: DDPConfig, device):
    import torch

    torch.manual_seed(config.seed)
    model = model_factory().to(device)
    optimizer = getattr(torch.optim, OPTIMIZERS[config.optimizer])(model.parameters(), lr=config.lr)
    loss_fn = getattr(torch.nn, LOSSES[config.loss])()
    return model, optimizer, loss_fn


def _epochs(model, optimizer, loss_fn, loader, sampler, config: DDPConfig, device, reduce) -> list[float]:
    """Train for config.epochs; ``reduce(loss)`` turns a local loss into the global one."""
    losses = []
    for epoch in range(config.epochs):
        sampler.set_epoch(epoch)
        total, steps = 0.0, 0
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            total += reduce(loss.detach())
            steps += 1
        losses.append(total / steps)
    return losses


def _rank_device(config: DDPConfig, rank: int):
    import torch

    if config.device == "cuda":
        return torch.device("cuda", rank % torch.cuda.device_count())
    return torch.device("cpu")


def _worker(rank: int, model_factory, dataset, config: DDPConfig, port: int, out_dir: str) -> None:
    """One rank: join the group, train the DDP-wrapped model, save parameters and losses."""
    import torch
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data import DataLoader, DistributedSampler

    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    torch.set_num_threads(1)
    device = _rank_device(config, rank)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    backend = config.process_backend(device.type)
    dist.init_process_group(backend, rank=rank, world_size=config.world_size,
                            timeout=timedelta(seconds=config.timeout_s))
    try:
        model, optimizer, loss_fn = _build(model_factory, config, device)
        ddp = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
        sampler = DistributedSampler(dataset, num_replicas=config.world_size, rank=rank,
                                     shuffle=config.shuffle, seed=config.seed)
        loader = DataLoader(dataset, batch_size=config.batch_size, sampler=sampler)

        def reduce(loss):
            dist.all_reduce(loss)  # sum of the ranks' mean losses
            return float(loss) / config.world_size

        losses = _epochs(ddp, optimizer, loss_fn, loader, sampler, config, device, reduce)
        state = {name: p.detach().cpu().clone() for name, p in model.named_parameters()}
        torch.save({"parameters": state, "losses": losses, "backend": backend},
                   Path(out_dir) / f"rank{rank}.pt")
    finally:
        dist.destroy_process_group()


def _check_dataset(dataset, config: DDPConfig) -> None:
    if len(dataset) % config.world_size:
        raise QcogValueError(
            f"the dataset has {len(dataset)} samples, not a multiple of world_size="
            f"{config.world_size}; DistributedSampler would repeat samples to even the ranks out, "
            "so drop a few samples first"
        )


def train_ddp(
    model_factory: Callable[[], Any], dataset: Dataset, config: DDPConfig | None = None
) -> DDPResult:
    """Train with DistributedDataParallel over ``config.world_size`` spawned processes.

    Args:
        model_factory: builds the ``nn.Module`` (called after ``torch.manual_seed(seed)``
            in every rank; DDP then broadcasts rank 0's parameters). Must be picklable.
        dataset: a map-style dataset of ``(input, target)`` pairs (e.g. ``TensorDataset``),
            picklable, with a length that is a multiple of ``world_size``.
        config: :class:`DDPConfig` (defaults: 2 CPU ranks, gloo).

    Returns:
        :class:`DDPResult` with every rank's final parameters and epoch losses.

    Raises:
        QcogValueError: a bad config or a dataset length not divisible by ``world_size``.
        BackendUnavailableError: ``device='cuda'`` without a CUDA GPU.
        torch.multiprocessing.ProcessRaisedException: a rank failed (its traceback inside).
    """
    import torch
    import torch.multiprocessing as mp

    from qcog.exceptions import BackendUnavailableError

    config = config or DDPConfig()
    _check_dataset(dataset, config)
    if config.device == "cuda" and not torch.cuda.is_available():
        raise BackendUnavailableError("DDPConfig(device='cuda') but torch sees no CUDA GPU; use device='cpu'")
    with tempfile.TemporaryDirectory(prefix="qcog-ddp-") as out_dir:
        mp.start_processes(_worker, args=(model_factory, dataset, config, _free_port(), out_dir),
                           nprocs=config.world_size, join=True, start_method=config.start_method)
        saved = [torch.load(Path(out_dir) / f"rank{r}.pt") for r in range(config.world_size)]
    return DDPResult(
        parameters=[s["parameters"] for s in saved], losses=[s["losses"] for s in saved],
        world_size=config.world_size, backend=saved[0]["backend"],
    )


def train_single(
    model_factory: Callable[[], Any], dataset: Dataset, config: DDPConfig | None = None
) -> DDPResult:
    """Train in this process on DDP's global batches: the reference for :func:`train_ddp`.

    Same seed, same per-epoch permutation, batch size ``world_size * batch_size``.

    >>> import torch
    >>> from torch.utils.data import TensorDataset
    >>> data = TensorDataset(torch.ones(4, 2), torch.zeros(4, 1))
    >>> result = train_single(lambda: torch.nn.Linear(2, 1), data, DDPConfig(epochs=2, batch_size=1))
    >>> len(result.losses[0]), result.world_size
    (2, 1)
    """
    from torch.utils.data import DataLoader, DistributedSampler

    config = config or DDPConfig()
    _check_dataset(dataset, config)
    device = _rank_device(config, 0)
    model, optimizer, loss_fn = _build(model_factory, config, device)
    sampler = DistributedSampler(dataset, num_replicas=1, rank=0, shuffle=config.shuffle, seed=config.seed)
    loader = DataLoader(dataset, batch_size=config.global_batch_size, sampler=sampler)
    losses = _epochs(model, optimizer, loss_fn, loader, sampler, config, device, float)
    state = {name: p.detach().cpu().clone() for name, p in model.named_parameters()}
    return DDPResult(parameters=[state], losses=[losses], world_size=1, backend="none")
