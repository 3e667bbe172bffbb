"""The training loop: mini-batches, per-epoch metrics, validation, early stopping,
a checkpoint after every epoch, and resume that reproduces an uninterrupted run.

Reproducibility: the shuffle of epoch ``e`` comes from its own generator seeded with
``(seed, e)``, and the global torch RNG state is saved in and restored from every
checkpoint, so stopping after any epoch and resuming gives bit-identical weights and
metrics to a run that never stopped (same seed, same device, same thread count).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.training.checkpoint import load_checkpoint, save_checkpoint
from qcog.training.objectives import Classification, Objective


@dataclass
class TrainConfig:
    """Settings of :func:`fit`."""

    epochs: int = 10  # total epochs (a resumed run continues up to this number)
    batch_size: int = 32
    lr: float = 1e-2  # Adam learning rate
    weight_decay: float = 0.0
    patience: int | None = 5  # stop after this many epochs without a better val loss (None: never)
    seed: int = 0  # shuffling seed
    device: str = "cpu"  # "cpu", "cuda", "cuda:1", ...
    progress: bool = True  # tqdm progress bars on stderr
    threads: int | None = None  # torch CPU threads while training (None: leave torch's setting)


@dataclass
class TrainResult:
    """What :func:`fit` did: per-epoch history and where it stopped."""

    history: list[dict[str, float]]
    best_epoch: int  # 1-based epoch whose weights the model holds at the end
    stopped_early: bool
    seconds: float  # wall time of the epochs run in this call
    checkpoint: str | None = None
    resumed_from_epoch: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def epochs_run(self) -> int:
        return len(self.history)


def evaluate(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    num_classes: int,
    batch_size: int = 256,
    device: str = "cpu",
    objective: Objective | None = None,
) -> dict[str, Any]:
    """Mean loss and the objective's scores of ``model`` on ``(x, y)``.

    Args:
        model, x, y: the model and the data.
        num_classes: classes, for the default :class:`Classification` objective.
        batch_size, device: evaluation batch size and torch device.
        objective: what to compute (default: cross-entropy, accuracy and macro F1).

    Returns:
        ``{"loss", <the objective's metrics>, "predictions"}`` (predictions as numpy).

    >>> m = nn.Linear(2, 2)
    >>> sorted(evaluate(m, torch.zeros(4, 2), torch.tensor([0, 1, 0, 1]), 2))
    ['accuracy', 'f1', 'loss', 'predictions']
    """
    objective = objective or Classification(num_classes)
    model.eval()
    total, count, predictions = 0.0, 0, []
    with torch.no_grad():
        for start in range(0, len(y), batch_size):
            target = y[start : start + batch_size].to(device)
            loss, pred, n = objective.batch(model, x[start : start + batch_size].to(device), target)
            total, count = total + loss.item() * n, count + n
            predictions.append(pred.cpu())
    pred = torch.cat(predictions) if predictions else torch.zeros(0, dtype=torch.long)
    return {
        "loss": total / max(count, 1),
        **objective.scores(pred, y.cpu()),
        "predictions": pred.numpy(),
    }


def fit(
    model: nn.Module,
    train: tuple[torch.Tensor, torch.Tensor],
    val: tuple[torch.Tensor, torch.Tensor],
    num_classes: int,
    config: TrainConfig,
    checkpoint: str | Path | None = None,
    resume: str | Path | dict | None = None,
    meta: dict[str, Any] | None = None,
    on_epoch: Callable[[dict[str, float]], None] | None = None,
    objective: Objective | None = None,
) -> TrainResult:
    """Train ``model`` with Adam on ``objective``; keep the best-validation weights.

    Args:
        model: the model (moved to ``config.device``).
        train: training inputs and integer labels.
        val: validation inputs and labels (early stopping watches their loss).
        num_classes: number of classes (for macro F1).
        config: epochs, batch size, learning rate, patience, seed, device, progress.
        checkpoint: file written after every epoch (None: no checkpoints).
        resume: a checkpoint (path or loaded dict) to continue from.
        meta: stored in the checkpoint for rebuilding model and data later.
        on_epoch: called with each epoch's metrics.
        objective: loss and scores (default: cross-entropy, accuracy and macro F1).

    Returns:
        The history; the model ends with the weights of its best validation epoch.

    Raises:
        QcogValueError: empty training or validation data, or a bad config.
    """
    if len(train[1]) == 0 or len(val[1]) == 0:
        raise QcogValueError("training and validation sets must not be empty")
    if config.epochs < 1 or config.batch_size < 1 or config.lr <= 0:
        raise QcogValueError(
            f"epochs ({config.epochs}) and batch_size ({config.batch_size}) must "
            f"be >= 1 and lr ({config.lr}) > 0"
        )
    previous_threads = torch.get_num_threads()
    if config.threads is not None:
        torch.set_num_threads(config.threads)
    try:
        objective = objective or Classification(num_classes)
        return _fit(model, train, val, objective, config, checkpoint, resume, meta, on_epoch)
    finally:
        torch.set_num_threads(previous_threads)


def _fit(model, train, val, objective, config, checkpoint, resume, meta, on_epoch) -> TrainResult:
    device = torch.device(config.device)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    state = _initial_state(model)
    if resume is not None:
        state = _resume(model, optimizer, resume, device)
    start_epoch, t0 = state["epoch"], time.perf_counter()
    for epoch in range(start_epoch, config.epochs):
        if state["stopped_early"]:
            break
        tick = time.perf_counter()
        train_loss, train_score = _train_epoch(
            model, optimizer, train, config, epoch, device, objective
        )
        scores = evaluate(model, *val, 0, device=config.device, objective=objective)
        row = {
            "epoch": epoch + 1,
            "train_loss": train_loss,
            f"train_{objective.metrics[0]}": train_score,
            "val_loss": scores["loss"],
            **{f"val_{name}": scores[name] for name in objective.metrics},
            "seconds": time.perf_counter() - tick,
        }
        _update(state, model, row, config.patience)
        if on_epoch is not None:
            on_epoch(row)
        if checkpoint is not None:
            save_checkpoint(checkpoint, _checkpoint_state(state, model, optimizer, config, meta))
    model.load_state_dict(state["best_state"])
    return TrainResult(
        state["history"],
        state["best_epoch"],
        state["stopped_early"],
        time.perf_counter() - t0,
        str(checkpoint) if checkpoint else None,
        resumed_from_epoch=start_epoch,
    )


def _train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    data: tuple[torch.Tensor, torch.Tensor],
    config: TrainConfig,
    epoch: int,
    device: torch.device,
    objective: Objective,
) -> tuple[float, float]:
    """One pass over shuffled mini-batches; mean loss and the objective's headline score."""
    from tqdm.auto import tqdm

    x, y = data
    generator = torch.Generator().manual_seed(config.seed * 1_000_003 + epoch)
    order = torch.randperm(len(y), generator=generator)
    model.train()
    total_loss, count, predictions, targets = 0.0, 0, [], []
    batches = range(0, len(y), config.batch_size)
    bar = tqdm(
        batches,
        desc=f"epoch {epoch + 1}/{config.epochs}",
        disable=not config.progress,
        leave=False,
        unit="batch",
    )
    for start in bar:
        index = order[start : start + config.batch_size]
        inputs, target = x[index].to(device), y[index].to(device)
        optimizer.zero_grad()
        loss, pred, n = objective.batch(model, inputs, target)
        loss.backward()
        optimizer.step()
        total_loss, count = total_loss + loss.item() * n, count + n
        predictions.append(pred.detach().cpu())
        targets.append(y[index])
        bar.set_postfix(loss=f"{loss.item():.3f}")
    scores = objective.scores(torch.cat(predictions), torch.cat(targets))
    return total_loss / count, scores[objective.metrics[0]]


def _initial_state(model: nn.Module) -> dict[str, Any]:
    return {
        "epoch": 0,
        "history": [],
        "best_state": _copy_state(model),
        "best_epoch": 0,
        "best_val_loss": float("inf"),
        "bad_epochs": 0,
        "stopped_early": False,
    }


def _update(
    state: dict[str, Any], model: nn.Module, row: dict[str, float], patience: int | None
) -> None:
    """Record an epoch; keep the best weights; decide on early stopping."""
    state["epoch"] = int(row["epoch"])
    state["history"].append(row)
    if row["val_loss"] < state["best_val_loss"]:
        state.update(
            best_val_loss=row["val_loss"],
            best_epoch=state["epoch"],
            bad_epochs=0,
            best_state=_copy_state(model),
        )
    else:
        state["bad_epochs"] += 1
    state["stopped_early"] = patience is not None and state["bad_epochs"] >= patience


def _copy_state(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}


def _checkpoint_state(
    state: dict[str, Any],
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    config: TrainConfig,
    meta: dict[str, Any] | None,
) -> dict[str, Any]:
    rng = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        rng["cuda"] = torch.cuda.get_rng_state_all()
    return {
        **state,
        "model_state": _copy_state(model),
        "optimizer_state": optimizer.state_dict(),
        "train_config": asdict(config),
        "seed": config.seed,
        "rng": rng,
        "meta": meta or {},
    }


def _resume(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    resume: str | Path | dict,
    device: torch.device,
) -> dict[str, Any]:
    """Load weights, optimizer and loop state from a checkpoint; restore the RNG states."""
    ckpt = resume if isinstance(resume, dict) else load_checkpoint(resume)
    model.load_state_dict(ckpt["model_state"])
    optimizer.load_state_dict(ckpt["optimizer_state"])
    torch.set_rng_state(ckpt["rng"]["torch"])
    if "cuda" in ckpt["rng"] and device.type == "cuda":
        torch.cuda.set_rng_state_all(ckpt["rng"]["cuda"])
    return {
        k: ckpt[k]
        for k in (
            "epoch",
            "best_state",
            "best_epoch",
            "best_val_loss",
            "bad_epochs",
            "stopped_early",
        )
    } | {"history": list(ckpt["history"])}
