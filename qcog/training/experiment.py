"""One experiment: load and split data, build a hybrid model (or its twin), train, test.

:func:`train_model` is what ``qcog train`` runs and :func:`evaluate_checkpoint` what
``qcog evaluate`` runs; the benchmark calls both. A checkpoint records the model kind
and config, the data source and split seed, and the vocabulary, so evaluating it
rebuilds exactly the same test set.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
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
    objective: Any = None  # a qcog.training.objectives.Objective; None: classification

    def __post_init__(self) -> None:
        if self.objective is None:
            from qcog.training.objectives import Classification

            self.objective = Classification(len(self.classes))



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
    from qcog.data.tweet_tasks import load_tweet_task, parse_tweet_task

    task = parse_tweet_task(spec.source)
    if task is not None:  # "polarity:b", "subjectivity:a", ...
        return load_tweet_task(*task, seed=spec.seed)
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


def prepare_kind_data(
    kind: str, spec: DataSpec, vocabulary: list[str] | None = None
) -> PreparedData:
    """The data of model ``kind``: its registered ``prepare`` hook, else :func:`prepare_data`.

    Raises:
        QcogValueError: the vocabulary (from a checkpoint) does not fit the data's tokens.
    """
    from qcog.models.registry import model_kind, resolve_hook

    info = model_kind(kind)
    if info.prepare is not None:
        return resolve_hook(info.prepare)(spec, vocabulary)
    return prepare_data(info.modality, spec, vocabulary)


def train_model(
    kind: str,
    data: str | None = None,
    *,
    epochs: int | None = None,
    seed: int = 0,
    classical: bool = False,
    engine: str | None = None,
    qubits: int | None = None,
    layers: int | None = None,
    out_dir: str | Path | None = None,
    resume: str | Path | None = None,
    force: bool = False,
    device: str = "cpu",
    progress: bool = True,
    batch_size: int | None = None,
    lr: float | None = None,
    patience: int | str | None = "default",
    limit: int | None = None,
    threads: int | None = None,
    model_options: dict[str, Any] | None = None,
    data_options: dict[str, Any] | None = None,
    on_epoch: Callable[[dict[str, float]], None] | None = None,
) -> dict[str, Any]:
    """Train model ``kind`` ("cnn", "quanv", "transformer") and report test metrics.

    Every argument, the output folder, the checkpoint to resume and the memory the
    quantum layers need are checked before any data is loaded.

    Args:
        kind: model kind (see :data:`qcog.models.registry.MODEL_KINDS`).
        data: "digits" / "sentiment" / a path; default: the kind's default dataset.
        epochs: total epochs (a resumed run continues up to this number); None: the
            kind's default (:meth:`~qcog.models.registry.ModelKind.train_defaults`).
        seed: seed of split, initialisation and shuffling.
        classical: train the classical twin instead of the hybrid model.
        engine: simulation engine of the quantum layers (None: ``"torch"``, or the
            checkpoint's when resuming).
        qubits: qubits of the quantum layers (cnn, transformer; quanv: patch side**2).
        layers: ansatz layers of the quantum layers (None: the kind's default).
        out_dir: folder for ``checkpoint.ckpt``, ``metrics.csv`` (every epoch) and
            ``result.json``; None: the checkpoint's folder when resuming, else nothing
            is written.
        resume: checkpoint to continue; its model, data and seed settings are used.
        force: overwrite a run already in ``out_dir``.
        device: torch device ("cpu", "cuda", "cuda:1", "auto").
        progress: show progress bars.
        batch_size, lr: mini-batch size and Adam learning rate (None: the kind's defaults).
        patience: early stopping after this many epochs without better val loss;
            "default": the kind's default; None or 0: off.
        limit: use at most this many examples (stratified).
        threads: torch CPU threads while training (None: torch's default).
        model_options: further model config fields (e.g. ``{"blocks": [["quantum", "classical"]]}``).
        data_options: further :class:`DataSpec` fields (e.g. ``{"max_len": 24}``).
        on_epoch: called with each epoch's metrics as soon as the epoch ends.

    Returns:
        A JSON-ready dict: kind, hybrid/classical, data, sizes, parameter counts, history,
        best epoch, seconds per epoch, test loss/accuracy/F1, checkpoint path, and a
        ``note`` (e.g. "nothing left to train" when a resumed run had already stopped).

    Raises:
        QcogValueError: unknown kind or option, a bad value, bad data, a mismatching or
            unreadable checkpoint, an output folder that cannot be used.
        SizeLimitError: the quantum layers would not fit in memory.
        BackendUnavailableError: CUDA asked for but not available.

    >>> r = train_model("cnn", epochs=1, classical=True, limit=200, progress=False)
    >>> r["model"], r["data"]["name"], r["epochs_run"]
    ('classical twin', 'digits', 1)
    """
    from qcog.models.registry import build_model, make_config, model_kind, resolve_hook
    from qcog.training.checkpoint import load_checkpoint
    from qcog.training.run_dir import RunDir
    from qcog.training.trainer import TrainConfig, fit

    info = model_kind(kind)
    defaults = info.train_defaults()
    epochs = defaults["epochs"] if epochs is None else epochs
    patience = defaults["patience"] if patience == "default" else (patience or None)
    device = _check_train_values(epochs, seed, batch_size, lr, patience, limit, threads, device)
    ckpt = load_checkpoint(resume) if resume is not None else None
    if ckpt is not None:
        _check_resume(ckpt, resume, kind, data, classical, qubits, layers, batch_size, lr,
                      limit, model_options, data_options)
        spec = DataSpec(**ckpt["meta"]["data"])
        fields = dict(ckpt["meta"]["model_config"]) | ({"engine": engine} if engine else {})
        train_cfg = TrainConfig(**{**ckpt["train_config"], "epochs": epochs, "device": device,
                                   "progress": progress, "threads": threads})
        vocabulary = ckpt["meta"].get("vocabulary")
        out_dir = Path(resume).parent if out_dir is None else out_dir
    else:
        spec = DataSpec(
            source=data or info.default_data, seed=seed, limit=limit, **(data_options or {})
        )
        _check_source(info.modality, spec.source)
        layers = defaults.get("layers") if layers is None else layers
        fields = {
            **_quantum_fields(kind, qubits, layers),
            **(model_options or {}),
            "quantum": not classical,
            "engine": engine or "torch",
            "seed": seed,
        }
        train_cfg = TrainConfig(
            epochs=epochs,
            batch_size=defaults["batch_size"] if batch_size is None else batch_size,
            lr=defaults["lr"] if lr is None else lr,
            patience=patience,
            seed=seed,
            device=device,
            progress=progress,
            threads=threads,
        )
        vocabulary = None
    _check_model_memory(kind, fields, spec, train_cfg)
    run_dir = RunDir.prepare(out_dir, resume, force) if out_dir is not None else None
    prepared = prepare_kind_data(kind, spec, vocabulary)
    if ckpt is not None:
        _check_vocabulary(prepared, fields, resume)
    config = make_config(kind, **{**fields, **prepared.model_fields})
    model = build_model(kind, config)
    if ckpt is None and info.setup is not None:  # fresh run: e.g. load pretrained weights
        resolve_hook(info.setup)(model, spec, train_cfg)
    meta = {
        "kind": kind,
        "model_config": _plain(dataclasses.asdict(config)),
        "data": dataclasses.asdict(spec),
        "classes": prepared.classes,
        "vocabulary": prepared.vocabulary,
        "synthetic": prepared.splits.train.synthetic,
    }

    history = list(ckpt["history"]) if ckpt is not None else []

    def after_epoch(row: dict[str, float]) -> None:
        if run_dir is not None:
            history.append(row)
            run_dir.write_metrics(history)
        if on_epoch is not None:
            on_epoch(row)

    result = fit(
        model,
        prepared.tensors["train"],
        prepared.tensors["val"],
        len(prepared.classes),
        train_cfg,
        checkpoint=run_dir.checkpoint if run_dir is not None else None,
        resume=ckpt,
        meta=meta,
        on_epoch=after_epoch,
        objective=prepared.objective,
    )
    report = _report(kind, model, config, prepared, spec, train_cfg, result)
    report["note"] = _resume_note(ckpt, train_cfg) if ckpt is not None else ""
    if run_dir is not None:
        if not run_dir.checkpoint.exists():  # resumed elsewhere with nothing left to train
            report["checkpoint"] = str(resume)
        run_dir.write_metrics(result.history)
        report["metrics"] = str(run_dir.metrics)
        report["result"] = str(run_dir.write_result(report))
    return report


def _check_train_values(
    epochs, seed, batch_size, lr, patience, limit, threads, device
) -> str:
    """Refuse bad numbers before anything is loaded; resolve the device to a torch spec."""
    from qcog.gpu import torch_device

    _check_int("epochs", epochs, 1)
    _check_int("seed", seed, 0)
    for name, value in (("batch_size", batch_size), ("patience", patience), ("limit", limit),
                        ("threads", threads)):
        if value is not None:
            _check_int(name, value, 1)
    if lr is not None and (isinstance(lr, bool) or not isinstance(lr, (int, float))
                           or not math.isfinite(lr) or lr <= 0):
        raise QcogValueError(f"lr must be a finite number > 0, got {lr!r}")
    if not isinstance(device, str):
        raise QcogValueError(f"device must be a string such as 'cpu' or 'cuda', got {device!r}")
    return str(torch_device(device))


def _check_int(name: str, value: Any, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise QcogValueError(f"{name} must be an integer >= {low}, got {value!r}")


def _check_resume(ckpt, resume, kind, data, classical, qubits, layers, batch_size, lr, limit,
                  model_options, data_options) -> None:
    """A resumed run keeps its model, data and optimiser: refuse options that would change them."""
    meta = ckpt["meta"]
    if meta.get("kind") != kind:
        raise QcogValueError(
            f"checkpoint {resume} holds a {meta.get('kind')!r} model, not {kind!r}"
        )
    model, train = meta["model_config"], ckpt["train_config"]
    stored_qubits = model.get("n_qubits") or model.get("kernel_size", 0) ** 2
    given = {
        "data": data is not None and data != meta["data"].get("source"),
        "classical": classical and model.get("quantum", True),
        "qubits": qubits is not None and qubits != stored_qubits,
        "layers": layers is not None and layers != model.get("n_layers"),
        "batch_size": batch_size is not None and batch_size != train.get("batch_size"),
        "lr": lr is not None and lr != train.get("lr"),
        "limit": limit is not None and limit != meta["data"].get("limit"),
        "model_options": any(model.get(k) != _plain(v) for k, v in (model_options or {}).items()),
        "data_options": any(meta["data"].get(k) != v for k, v in (data_options or {}).items()),
    }
    changed = [name for name, flag in given.items() if flag]
    if changed:
        raise QcogValueError(
            f"{', '.join(changed)} cannot change when resuming {resume}: a resumed run keeps "
            "its model, data and optimiser settings; start a new run (another --out) instead"
        )


def _check_model_memory(kind: str, fields: dict[str, Any], spec: DataSpec, train_cfg) -> None:
    """Refuse quantum layers that would not fit in memory, before the data are loaded.

    The batch is the mini-batch times the circuits each example needs where that is
    known without the data (a transformer runs its circuits on every token); the layer
    checks again with the real batch before simulating.
    """
    if not fields.get("quantum", True):
        return
    from qcog.models.registry import make_config, model_kind
    from qcog.qml.memory import check_layer_memory

    config = make_config(kind, **fields)
    n_qubits = getattr(config, "n_qubits", None) or getattr(config, "kernel_size", 1) ** 2
    info = model_kind(kind)
    per_example = spec.max_len if info.circuit_rows == "tokens" else int(info.circuit_rows)
    check_layer_memory(
        n_qubits,
        config.n_layers,
        batch=train_cfg.batch_size * per_example,
        engine=config.engine,
        precision="single",
        device=train_cfg.device,
    )


def _resume_note(ckpt: dict[str, Any], train_cfg) -> str:
    """Say so when a resumed run had nothing left to do."""
    done = int(ckpt["epoch"])
    if ckpt.get("stopped_early"):
        return (
            f"nothing left to train: this run stopped early at epoch {done} (no better "
            f"validation loss for {ckpt['train_config'].get('patience')} epochs); the "
            "metrics are those of its best epoch; start a new run to train differently"
        )
    if done >= train_cfg.epochs:
        return (
            f"nothing left to train: the checkpoint has {done} epochs and --epochs is "
            f"{train_cfg.epochs}; pass --epochs N with N > {done} to train further"
        )
    return ""


def evaluate_checkpoint(
    path: str | Path, device: str = "cpu", split: str = "test", beam_size: int | None = None
) -> dict[str, Any]:
    """Rebuild the model and data of a checkpoint and score its best weights on ``split``.

    ``beam_size`` sets the beam width of a decoding objective (seq2seq; None: its default).

    Returns:
        kind, model, data, epochs trained, loss/accuracy/F1 on the split, parameter count.

    Raises:
        FileNotFoundError / QcogValueError: missing or foreign checkpoint, data gone, an
            unknown device.
        BackendUnavailableError: CUDA asked for but not available.
    """
    from qcog.gpu import torch_device
    from qcog.models.registry import build_model
    from qcog.models.twins import count_parameters
    from qcog.training.checkpoint import load_checkpoint

    if split not in ("train", "val", "test"):
        raise QcogValueError(f"split {split!r} is not one of train, val, test")
    device = str(torch_device(device))  # an unknown or missing device: refused first
    ckpt = load_checkpoint(path)
    meta = ckpt["meta"]
    kind = meta.get("kind")
    model = build_model(kind, dict(meta["model_config"]))
    model.load_state_dict(ckpt["best_state"])
    model.to(device)
    spec = DataSpec(**meta["data"])
    prepared = prepare_kind_data(kind, spec, meta.get("vocabulary"))
    _check_vocabulary(prepared, meta["model_config"], path)
    if beam_size is not None:
        if not hasattr(prepared.objective, "beam_size"):
            raise QcogValueError(f"a beam width applies to decoding models, not to {kind!r}")
        if beam_size < 1:
            raise QcogValueError(f"the beam width must be >= 1, got {beam_size}")
        prepared.objective.beam_size = beam_size
    scores = _scores(model, prepared, split, device)
    return {
        "kind": kind,
        "model": _model_label(meta["model_config"]["quantum"]),
        "checkpoint": str(path),
        "data": _data_info(prepared, spec),
        "split": split,
        "epochs_trained": int(ckpt["epoch"]),
        "best_epoch": int(ckpt["best_epoch"]),
        "parameters": count_parameters(model),
        "score_names": list(scores),
        **{f"{split}_{name}": value for name, value in scores.items()},
    }


def _quantum_fields(kind: str, qubits: int | None, layers: int | None) -> dict[str, Any]:
    """Map --qubits/--layers onto the kind's config fields."""
    fields: dict[str, Any] = {}
    for name, value in (("qubits", qubits), ("layers", layers)):
        if value is not None:
            _check_int(name, value, 1)
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
    if modality not in NAMED_DATA:  # a kind with its own data hook checks its sources
        return
    if source in NAMED_DATA["image"] + NAMED_DATA["text"] and source not in NAMED_DATA[modality]:
        raise QcogValueError(
            f"{source!r} is not {modality} data; use one of {NAMED_DATA[modality]} or a path"
        )


def _report(kind, model, config, prepared, spec, train_cfg, result) -> dict[str, Any]:
    from qcog.models.twins import count_parameters

    test = _scores(model, prepared, "test", train_cfg.device)
    seconds = [row["seconds"] for row in result.history]
    headline = f"val_{prepared.objective.metrics[0]}"
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
        headline: result.history[result.best_epoch - 1][headline] if result.best_epoch else None,
        "score_names": list(test),
        **{f"test_{name}": value for name, value in test.items()},
        "checkpoint": result.checkpoint,
        "history": result.history,
        "model_config": _plain(dataclasses.asdict(config)),
    }


def _scores(model, prepared: PreparedData, split: str, device: str) -> dict[str, Any]:
    """Loss and the objective's scores on ``split`` (plus its decoding scores on test)."""
    from qcog.training.trainer import evaluate

    objective = prepared.objective
    x, y = prepared.tensors[split]
    scores = evaluate(model, x, y, len(prepared.classes), device=device, objective=objective)
    scores.pop("predictions")
    if split == "test":
        scores.update(objective.test_scores(model, x, y, device=device))
    return scores


def _check_vocabulary(prepared: PreparedData, model_config: dict, source: Any) -> None:
    """A checkpoint's vocabulary must have the size its model's embedding was built for."""
    size = model_config.get("vocab_size")
    if prepared.vocabulary is not None and size is not None and len(prepared.vocabulary) != size:
        raise QcogValueError(
            f"vocabulary mismatch in {source}: {len(prepared.vocabulary)} tokens stored but the "
            f"model was built for {size}; the checkpoint is inconsistent, train a new run"
        )


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
