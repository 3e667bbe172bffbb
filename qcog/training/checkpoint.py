"""Training checkpoints: one file with everything an exact resume needs.

A checkpoint is a dict saved with ``torch.save`` holding only tensors and plain Python
values (so it loads with ``weights_only=True``): ``format``, ``epoch`` (epochs done),
``model_state``, ``optimizer_state``, ``best_state`` (weights of the best validation
epoch), ``best_epoch``, ``best_val_loss``, ``bad_epochs``, ``stopped_early``,
``history`` (per-epoch metrics), ``train_config``, ``seed``, ``rng`` (torch CPU/CUDA RNG
states) and ``meta`` (model kind, model config, data description, vocabulary, classes).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError

#: Format tag written into every checkpoint.
CHECKPOINT_FORMAT = "qcog-checkpoint/1"
#: Keys every checkpoint must have.
REQUIRED_KEYS = (
    "format",
    "epoch",
    "model_state",
    "optimizer_state",
    "best_state",
    "history",
    "train_config",
    "seed",
    "rng",
    "meta",
)


def save_checkpoint(path: str | Path, state: dict[str, Any]) -> Path:
    """Write ``state`` to ``path`` atomically (temporary file, then rename).

    Args:
        path: destination file (parents are created).
        state: the checkpoint dict (see the module docstring); ``format`` is added.

    Returns:
        The path written.

    Raises:
        QcogValueError: required keys are missing.
    """
    import torch

    state = {"format": CHECKPOINT_FORMAT, **state}
    missing = [k for k in REQUIRED_KEYS if k not in state]
    if missing:
        raise QcogValueError(f"checkpoint state lacks {missing}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)
    return path


def load_checkpoint(path: str | Path) -> dict[str, Any]:
    """Read a checkpoint written by :func:`save_checkpoint` (tensors land on the CPU).

    Raises:
        FileNotFoundError: no such file.
        QcogValueError: not a qcog checkpoint, or an unknown format version.
    """
    import pickle

    import torch

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except (RuntimeError, pickle.UnpicklingError, EOFError, ValueError) as exc:
        raise QcogValueError(f"{path}: not a readable qcog checkpoint ({exc})") from exc
    if not isinstance(state, dict) or state.get("format") != CHECKPOINT_FORMAT:
        found = state.get("format") if isinstance(state, dict) else type(state).__name__
        raise QcogValueError(
            f"{path}: not a qcog checkpoint (format {found!r}, expected {CHECKPOINT_FORMAT!r})"
        )
    return state
