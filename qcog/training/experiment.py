"""One experiment: load and split data, build a hybrid model (or its twin), train, test.

:func:`train_model` is what ``qcog train`` runs and :func:`evaluate_checkpoint` what
``qcog evaluate`` runs; the benchmark calls both. A checkpoint records the model kind
and config, the data source and split seed, and the vocabulary, so evaluating it
rebuilds exactly the same test set.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qcog.data.dataset import Dataset
from qcog.data.splits import Splits, split_dataset, stratified_subset
from qcog.exceptions import QcogValueError

#: Named datasets per modality (anything else is a path).
NAMED_DATA = {"image": ("digits",), "text": ("sentiment",)}


@dataclass
class DataSpec:
    """Where the data come from and how they are split (stored in checkpoints)."""

    source: str  # "digits", "sentiment", or a path (image folder, .npz, .csv)
    seed: int = 0  # split (and subsample) seed
    limit: int | None = None  # at most this many examples (stratified subsample)
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    max_len: int = 32  # text: tokens per sequence, <cls> included
    vocab_size: int = 2000  # text: vocabulary size, specials included
    text_column: str = "text"
    label_column: str = "label"


@dataclass
class PreparedData:
    """Split data as tensors, plus what the model config needs."""

    splits: Splits
    tensors: dict[str, tuple[Any, Any]]  # "train"/"val"/"test" -> (inputs, labels)
    classes: list[str]
    model_fields: dict[str, Any]  # config fields the data determine
    vocabulary: list[str] | None = None


def load_dataset(modality: str, spec: DataSpec) -> Dataset:
    """The full dataset named or located by ``spec.source``.

    Raises:
        QcogValueError: bad data; FileNotFoundError: no such path.
    """
    if modality == "image":
        if spec.source == "digits":
            from qcog.data.digits import load_digits_dataset

            return load_digits_dataset()
        from qcog.data.images import load_images

        return load_images(spec.source)
    if spec.source == "sentiment":
        from qcog.data.text import load_sentiment

        return load_sentiment(seed=spec.seed)
    from qcog.data.text import load_text_csv

    return load_text_csv(spec.source, spec.text_column, spec.label_column)


def prepare_data(
    modality: str, spec: DataSpec, vocabulary: list[str] | None = None
) -> PreparedData:
    """Load, subsample, split and tensorise; for text build the vocabulary from train.

    Args:
        modality: "image" or "text".
        spec: data source and split.
        vocabulary: reuse this vocabulary (from a checkpoint) instead of building one.

    Returns:
        The prepared data.
    """
    import torch

    data = stratified_subset(load_dataset(modality, spec), spec.limit, spec.seed)
    splits = split_dataset(data, spec.seed, spec.val_fraction, spec.test_fraction)
    parts = {"train": splits.train, "val": splits.val, "test": splits.test}
    if modality == "image":
        tensors = {
            k: (torch.from_numpy(np.ascontiguousarray(d.x)), torch.from_numpy(d.y))
            for k, d in parts.items()
        }
        fields = {
            "image_shape": tuple(int(s) for s in data.x.shape[2:]),
            "num_classes": data.num_classes,
        }
        return PreparedData(splits, tensors, data.classes, fields)
    from qcog.data.tokenizer import Vocabulary

    vocab = (
        Vocabulary(list(vocabulary))
        if vocabulary is not None
        else Vocabulary.build(splits.train.x, max_size=spec.vocab_size)
    )
    tensors = {
        k: (torch.from_numpy(vocab.encode(d.x, spec.max_len)), torch.from_numpy(d.y))
        for k, d in parts.items()
    }
    fields = {"vocab_size": len(vocab), "num_classes": data.num_classes, "max_len": spec.max_len}
    return PreparedData(splits, tensors, data.classes, fields, vocab.tokens)


def train_model(
    kind: str,
    data: str | None = None,
    *,
    epochs: int = 10,
    seed: int = 0,
    classical: bool = False,
    engine: str = "torch",
    qubits: int | None = None,
    layers: int | None = None,
    out_dir: str | Path | None = None,
    resume: str | Path | None = None,
    device: str = "cpu",
    progress: bool = True,
    batch_size: int | None = None,
    lr: float | None = None,
    patience: int | None = 5,
    limit: int | None = None,
    threads: int | None = None,
    model_options: dict[str, Any] | None = None,
    data_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train model ``kind`` ("cnn", "quanv", "transformer") and report test metrics.

    Args:
        kind: model kind (see :data:`qcog.models.registry.MODEL_KINDS`).
        data: "digits" / "sentiment" / a path; default: the kind's default dataset.
        epochs: total epochs (a resumed run continues up to this number).
        seed: seed of split, initialisation and shuffling.
        classical: train the classical twin instead of the hybrid model.
        engine: simulation engine of the quantum layers.
        qubits: qubits of the quantum layers (cnn, transformer; quanv: patch side**2).
        layers: ansatz layers of the quantum layers.
        out_dir: folder for ``checkpoint.ckpt`` (None: no checkpoint).
        resume: checkpoint to continue; its model, data and seed settings are used.
        device: torch device.
        progress: show progress bars.
        batch_size, lr: mini-batch size and Adam learning rate (None: the kind's defaults).
        patience: early stopping after this many epochs without better val loss (None: off).
        limit: use at most this many examples (stratified).
        threads: torch CPU threads while training (None: by work size, qcog.qml.threads).
        model_options: further model config fields (e.g. ``{"blocks": [["quantum", "classical"]]}``).
        data_options: further :class:`DataSpec` fields (e.g. ``{"max_len": 24}``).

    Returns:
        A JSON-ready dict: kind, hybrid/classical, data, sizes, parameter counts, history,
        best epoch, seconds per epoch, test loss/accuracy/F1, checkpoint path.

    Raises:
        QcogValueError: unknown kind or option, bad data, mismatching checkpoint.

    >>> r = train_model("cnn", epochs=1, classical=True, limit=200, progress=False)
    >>> r["model"], r["data"]["name"], r["epochs_run"]
    ('classical twin', 'digits', 1)
    """
    from qcog.models.registry import build_model, make_config, model_kind
    from qcog.training.checkpoint import load_checkpoint
    from qcog.training.trainer import TrainConfig, fit

    ckpt = load_checkpoint(resume) if resume is not None else None
    if ckpt is not None:
        spec_kind = ckpt["meta"].get("kind")
        if spec_kind != kind:
            raise QcogValueError(f"checkpoint {resume} holds a {spec_kind!r} model, not {kind!r}")
        spec, fields = DataSpec(**ckpt["meta"]["data"]), dict(ckpt["meta"]["model_config"])
        prepared = prepare_data(model_kind(kind).modality, spec, ckpt["meta"].get("vocabulary"))
        train_cfg = TrainConfig(
            **{
                **ckpt["train_config"],
                "epochs": epochs,
                "device": device,
                "progress": progress,
                "threads": threads,
            }
        )
    else:
        info = model_kind(kind)
        spec = DataSpec(
            source=data or info.default_data, seed=seed, limit=limit, **(data_options or {})
        )
        _check_source(info.modality, spec.source)
        prepared = prepare_data(info.modality, spec)
        fields = {
            **_quantum_fields(kind, qubits, layers),
            **(model_options or {}),
            **prepared.model_fields,
            "quantum": not classical,
            "engine": engine,
            "seed": seed,
        }
        train_cfg = TrainConfig(
            epochs=epochs,
            batch_size=batch_size or info.batch_size,
            lr=lr or info.lr,
            patience=patience,
            seed=seed,
            device=device,
            progress=progress,
            threads=threads,
        )
    config = make_config(kind, **fields)
    model = build_model(kind, config)
    meta = {
        "kind": kind,
        "model_config": _plain(dataclasses.asdict(config)),
        "data": dataclasses.asdict(spec),
        "classes": prepared.classes,
        "vocabulary": prepared.vocabulary,
        "synthetic": prepared.splits.train.synthetic,
    }
    checkpoint = Path(out_dir) / "checkpoint.ckpt" if out_dir is not None else None
    result = fit(
        model,
        prepared.tensors["train"],
        prepared.tensors["val"],
        len(prepared.classes),
        train_cfg,
        checkpoint=checkpoint,
        resume=ckpt,
        meta=meta,
    )
    return _report(kind, model, config, prepared, spec, train_cfg, result)


def evaluate_checkpoint(
    path: str | Path, device: str = "cpu", split: str = "test"
) -> dict[str, Any]:
    """Rebuild the model and data of a checkpoint and score its best weights on ``split``.

    Returns:
        kind, model, data, epochs trained, loss/accuracy/F1 on the split, parameter count.

    Raises:
        FileNotFoundError / QcogValueError: missing or foreign checkpoint, data gone.
    """
    from qcog.models.registry import build_model, model_kind
    from qcog.models.twins import count_parameters
    from qcog.training.checkpoint import load_checkpoint
    from qcog.training.trainer import evaluate

    if split not in ("train", "val", "test"):
        raise QcogValueError(f"split {split!r} is not one of train, val, test")
    ckpt = load_checkpoint(path)
    meta = ckpt["meta"]
    kind = meta.get("kind")
    model = build_model(kind, dict(meta["model_config"]))
    model.load_state_dict(ckpt["best_state"])
    model.to(device)
    spec = DataSpec(**meta["data"])
    prepared = prepare_data(model_kind(kind).modality, spec, meta.get("vocabulary"))
    scores = evaluate(model, *prepared.tensors[split], len(prepared.classes), device=device)
    return {
        "kind": kind,
        "model": _model_label(meta["model_config"]["quantum"]),
        "checkpoint": str(path),
        "data": _data_info(prepared, spec),
        "split": split,
        "epochs_trained": int(ckpt["epoch"]),
        "best_epoch": int(ckpt["best_epoch"]),
        "parameters": count_parameters(model),
        f"{split}_loss": scores["loss"],
        f"{split}_accuracy": scores["accuracy"],
        f"{split}_f1": scores["f1"],
    }


def _quantum_fields(kind: str, qubits: int | None, layers: int | None) -> dict[str, Any]:
    """Map --qubits/--layers onto the kind's config fields."""
    fields: dict[str, Any] = {}
    if layers is not None:
        fields["n_layers"] = layers
    if qubits is not None:
        if kind == "quanv":
            side = round(qubits**0.5)
            if side * side != qubits:
                raise QcogValueError(
                    f"quanv uses k x k patches on k*k qubits; {qubits} is not a square (use 4 or 9)"
                )
            fields["kernel_size"] = side
        else:
            fields["n_qubits"] = qubits
    return fields


def _check_source(modality: str, source: str) -> None:
    if source in NAMED_DATA["image"] + NAMED_DATA["text"] and source not in NAMED_DATA[modality]:
        raise QcogValueError(
            f"{source!r} is not {modality} data; use one of {NAMED_DATA[modality]} or a path"
        )


def _report(kind, model, config, prepared, spec, train_cfg, result) -> dict[str, Any]:
    from qcog.models.twins import count_parameters
    from qcog.training.trainer import evaluate

    test = evaluate(
        model, *prepared.tensors["test"], len(prepared.classes), device=train_cfg.device
    )
    seconds = [row["seconds"] for row in result.history]
    return {
        "kind": kind,
        "model": _model_label(config.quantum),
        "engine": config.engine,
        "data": _data_info(prepared, spec),
        "parameters": count_parameters(model),
        "trainable_parameters": count_parameters(model, trainable_only=True),
        "epochs_run": result.epochs_run,
        "best_epoch": result.best_epoch,
        "stopped_early": result.stopped_early,
        "resumed_from_epoch": result.resumed_from_epoch,
        "seconds_per_epoch": float(np.mean(seconds)) if seconds else 0.0,
        "val_accuracy": result.history[result.best_epoch - 1]["val_accuracy"]
        if result.best_epoch
        else None,
        "test_loss": test["loss"],
        "test_accuracy": test["accuracy"],
        "test_f1": test["f1"],
        "checkpoint": result.checkpoint,
        "history": result.history,
        "model_config": _plain(dataclasses.asdict(config)),
    }


def _data_info(prepared: PreparedData, spec: DataSpec) -> dict[str, Any]:
    train = prepared.splits.train
    return {
        "name": train.name,
        "synthetic": train.synthetic,
        "classes": prepared.classes,
        "sizes": prepared.splits.sizes(),
        "seed": spec.seed,
        "source": train.meta.get("source"),
    }


def _model_label(quantum: bool) -> str:
    return "hybrid" if quantum else "classical twin"


def _plain(value: Any) -> Any:
    """Tuples to lists so configs survive JSON and ``weights_only`` checkpoints alike."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
