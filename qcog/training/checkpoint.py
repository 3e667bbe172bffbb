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

    Only tensors and plain Python values are loaded (``weights_only=True``); a file that
    holds anything else is refused, never loaded unsafely.

    Raises:
        FileNotFoundError: no such file.
        QcogValueError: a folder, a truncated or corrupt file, a file holding other
            objects, not a qcog checkpoint, or an unknown format version.
    """
    path = Path(path)
    if path.is_dir():
        hint = path / "checkpoint.ckpt"
        raise QcogValueError(
            f"checkpoint {path} is a folder; give the checkpoint file"
            + (f", e.g. {hint}" if hint.is_file() else "")
        )
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    state = _read(path)
    if not isinstance(state, dict) or state.get("format") != CHECKPOINT_FORMAT:
        found = state.get("format") if isinstance(state, dict) else type(state).__name__
        raise QcogValueError(
            f"{path}: not a qcog checkpoint (format {found!r}, expected {CHECKPOINT_FORMAT!r})"
        )
    missing = [k for k in REQUIRED_KEYS if k not in state]
    if missing:
        raise QcogValueError(f"{path}: incomplete qcog checkpoint, it lacks {missing}")
    return state


def _read(path: Path) -> Any:
    """``torch.load(weights_only=True)`` with one clear message per way a file can be bad.

    torch's own message for a file with arbitrary objects advises ``weights_only=False``,
    which would run code from the file; it is replaced, never shown as advice.
    """
    import pickle
    import warnings

    import torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        if "weights only" in str(exc).lower():
            reason = (
                "the safe loader refused it (it holds objects other than tensors and plain "
                "values, or torch.save did not write it); qcog never loads such a file "
                "unsafely, since that could run code from it"
            )
        else:
            reason = "the file is truncated or corrupt (it does not unpickle)"
    except (EOFError, RuntimeError, KeyError, ValueError, IndexError, TypeError,
            AttributeError, OSError) as exc:
        reason = f"the file is truncated or corrupt ({type(exc).__name__})"
    raise QcogValueError(
        f"{path}: not a readable qcog checkpoint: {reason}; resume from an intact "
        "checkpoint written by qcog train"
    )
