"""The pretrained Transformer the ``adapter`` kind fine-tunes: trained once, then cached.

The pretraining run is an ordinary ``qcog`` training run (model kind ``adapter`` with
``method="full"`` and no pretrained start) on the config's ``pretrain_source`` (by
default three-way sentiment on half ``a`` of the tweets; fine-tuning is on the
other half, :mod:`qcog.data.tweet_tasks`), written to
``<cache>/pretrained/<key>/checkpoint.ckpt`` where ``<key>`` is a hash of everything
that determines it (sizes, vocabulary size, source, epochs, seed). Later fine-tuning
runs load it; an interrupted pretraining is resumed from its last epoch. The cache
folder is ``$QCOG_CACHE_DIR`` if set, else the user cache folder of ``qcog``.

The vocabulary is shared by pretraining and fine-tuning: the ``vocab_size`` most
frequent tokens of all tweets of half ``a`` (:func:`pretraining_vocabulary`), so it
does not depend on either task's labels, subsample or split.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError

#: The half of the tweets whose texts give the shared vocabulary.
VOCABULARY_HALF = "a"


def cache_dir() -> Path:
    """``$QCOG_CACHE_DIR``, else the platform's user cache folder for ``qcog``."""
    base = os.environ.get("QCOG_CACHE_DIR")
    if base:
        return Path(base)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("qcog"))


def pretraining_vocabulary(vocab_size: int) -> list[str]:
    """The token list shared by pretraining and fine-tuning (see the module docstring)."""
    from qcog.data.tokenizer import Vocabulary
    from qcog.data.tweet_tasks import half_texts

    return Vocabulary.build(half_texts(VOCABULARY_HALF), max_size=vocab_size).tokens


def pretraining_options(config: Any) -> dict[str, Any]:
    """The fields of a fine-tuning config that determine its pretrained network."""
    keys = (
        "vocab_size",
        "max_len",
        "d_model",
        "n_heads",
        "d_ff",
        "blocks",
        "pretrain_source",
        "pretrain_epochs",
        "pretrain_seed",
        "pretrain_limit",
    )
    fields = dataclasses.asdict(config)
    return {k: fields[k] for k in keys}


def pretraining_folder(config: Any) -> Path:
    """``<cache>/pretrained/<key>``: where the pretrained network of ``config`` is kept."""
    options = json.dumps(pretraining_options(config), sort_keys=True)
    return cache_dir() / "pretrained" / hashlib.sha256(options.encode()).hexdigest()[:16]


def pretrained_checkpoint(
    config: Any, device: str = "cpu", progress: bool = False, threads: int | None = None
) -> Path:
    """The cached pretrained network for ``config``; trains (or finishes) it when needed.

    Args:
        config: a :class:`qcog.sequence.finetune.FineTuneConfig`.
        device: torch device of a pretraining run.
        progress: show the pretraining's progress bars.
        threads: torch CPU threads of a pretraining run.

    Returns:
        The checkpoint file.
    """
    from qcog.training.checkpoint import load_checkpoint
    from qcog.training.experiment import train_model

    options = pretraining_options(config)
    folder = pretraining_folder(config)
    path = folder / "checkpoint.ckpt"
    resume = None
    if path.is_file():
        ckpt = load_checkpoint(path)
        if ckpt["epoch"] >= options["pretrain_epochs"] or ckpt["stopped_early"]:
            return path
        resume = path  # an interrupted pretraining: finish it
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pretraining.json").write_text(json.dumps(options, indent=2))
    train_model(
        "adapter",
        options["pretrain_source"],
        epochs=options["pretrain_epochs"],
        seed=options["pretrain_seed"],
        limit=options["pretrain_limit"],
        classical=True,
        out_dir=folder,
        resume=resume,
        device=device,
        progress=progress,
        threads=threads,
        model_options={
            "method": "full",
            "pretrained": False,
            **{k: options[k] for k in ("d_model", "n_heads", "d_ff", "blocks")},
        },
        data_options={"vocab_size": options["vocab_size"], "max_len": options["max_len"]},
    )
    return path


def load_pretrained(model: Any, spec: Any, train_config: Any) -> None:
    """The ``adapter`` kind's setup hook: load the pretrained network into ``model``.

    Raises:
        QcogValueError: the pretrained network's vocabulary differs from the data's.
    """
    from qcog.training.checkpoint import load_checkpoint

    config = model.config
    if not config.pretrained:
        return
    path = pretrained_checkpoint(
        config, train_config.device, train_config.progress, train_config.threads
    )
    ckpt = load_checkpoint(path)
    stored = ckpt["meta"].get("vocabulary") or []
    if stored != pretraining_vocabulary(config.vocab_size):
        raise QcogValueError(
            f"vocabulary mismatch: the pretrained network {path} was trained on another "
            f"vocabulary ({len(stored)} tokens) than the fine-tuning data "
            f"({config.vocab_size}); delete that folder to pretrain again"
        )
    model.load_pretrained(ckpt["best_state"])
