"""Model kinds as data: which config and model class each ``qcog train KIND`` builds."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class ModelKind:
    """One trainable model kind."""

    name: str
    module: str  # module holding the classes
    config: str  # config dataclass name
    model: str  # nn.Module class name
    modality: str  # "image", "text", or "sequence"/"pairs" (data from the prepare hook)
    default_data: str  # dataset used when none is given
    description: str
    lr: float = 3e-3  # default Adam learning rate
    batch_size: int = 16  # default mini-batch size
    # "module:function" preparing this kind's data, called as prepare(spec, vocabulary)
    # -> qcog.training.experiment.PreparedData (None: the modality's built-in loader)
    prepare: str | None = None
    # "module:function" called as setup(model, spec, train_config) before a fresh (not
    # resumed) run trains, e.g. to load pretrained weights (None: nothing to do)
    setup: str | None = None
    # circuit inputs per example in one quantum-layer call (for the memory check): a
    # number, or "tokens" (one per token: max_len)
    circuit_rows: int | str = 1
    # Defaults of `qcog train KIND`: the settings of the committed hybrid_models benchmark
    # (benchmarks/hybrid_models.py), so a default run reproduces its headline row.
    epochs: int = 10
    patience: int | None = 5  # early-stopping patience (None: off)
    layers: int | None = None  # ansatz layers (None: the config's default)

    def train_defaults(self) -> dict[str, Any]:
        """The ``train_model`` settings a default ``qcog train KIND`` uses.

        >>> MODEL_KINDS["cnn"].train_defaults()
        {'epochs': 40, 'patience': 10, 'batch_size': 16, 'lr': 0.003}
        """
        defaults = {"epochs": self.epochs, "patience": self.patience}
        defaults |= {"batch_size": self.batch_size, "lr": self.lr}
        return defaults | ({"layers": self.layers} if self.layers is not None else {})


#: Every model kind ``qcog train`` knows.
MODEL_KINDS: dict[str, ModelKind] = {
    k.name: k
    for k in (
        ModelKind(
            "cnn",
            "qcog.models.cnn",
            "CNNConfig",
            "HybridCNN",
            "image",
            "digits",
            "LeNet-5-style CNN with a quantum layer in its bottleneck",
            epochs=40,
            patience=10,
        ),
        ModelKind(
            "quanv",
            "qcog.models.quanvolution",
            "QuanvConfig",
            "QuanvNet",
            "image",
            "digits",
            "CNN whose first layer is a quanvolution (Henderson et al. 2019)",
            epochs=25,
            patience=6,
            layers=3,
        ),
        ModelKind(
            "transformer",
            "qcog.models.transformer",
            "TransformerConfig",
            "HybridTransformer",
            "text",
            "sentiment",
            "Transformer encoder with quantum attention / feed-forward blocks",
            batch_size=32,
            epochs=8,
            patience=3,
            circuit_rows="tokens",
        ),
        ModelKind(
            "qlstm",
            "qcog.sequence.recurrent",
            "RecurrentConfig",
            "RecurrentModel",
            "sequence",
            "oscillation",
            "quantum LSTM (Chen et al. 2020) on a series or text; twin: nn.LSTM of equal size",
            lr=1e-2,
            epochs=30,
            patience=10,
            prepare="qcog.sequence.data:prepare_qlstm_data",
            circuit_rows=4,  # the four gate circuits run as one batch
        ),
        ModelKind(
            "seq2seq",
            "qcog.sequence.seq2seq",
            "Seq2SeqConfig",
            "HybridSeq2Seq",
            "pairs",
            "dates:en-de",
            "encoder-decoder translation Transformer with quantum blocks in chosen places",
            lr=1e-2,
            batch_size=32,
            epochs=20,
            prepare="qcog.sequence.data:prepare_seq2seq_data",
            circuit_rows="tokens",
        ),
        ModelKind(
            "adapter",
            "qcog.sequence.finetune",
            "FineTuneConfig",
            "FineTuneModel",
            "text",
            "polarity:b",
            "pretrained Transformer fine-tuned in full, with LoRA (peft) or quantum adapters",
            lr=1e-2,
            batch_size=32,
            epochs=4,
            prepare="qcog.sequence.data:prepare_adapter_data",
            setup="qcog.sequence.pretrain:load_pretrained",
            circuit_rows="tokens",
        ),
    )
}


def model_kind(name: str) -> ModelKind:
    """The kind called ``name``.

    Raises:
        QcogValueError: unknown kind.

    >>> model_kind("cnn").modality
    'image'
    """
    if name not in MODEL_KINDS:
        raise QcogValueError(f"unknown model kind {name!r}; choose one of {sorted(MODEL_KINDS)}")
    return MODEL_KINDS[name]


def make_config(name: str, **fields: Any) -> Any:
    """The config dataclass of kind ``name`` with ``fields`` set (lists become tuples).

    Raises:
        QcogValueError: unknown kind or field.

    >>> make_config("cnn", n_qubits=3).n_qubits
    3
    """
    import importlib

    kind = model_kind(name)
    cls = getattr(importlib.import_module(kind.module), kind.config)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise QcogValueError(f"{name} config has no field(s) {unknown}; known: {sorted(known)}")
    return cls(**{k: _tuples(v) for k, v in fields.items()})


def build_model(name: str, config: Any) -> Any:
    """The model of kind ``name`` built from a config object or a dict of its fields.

    >>> build_model("cnn", {"quantum": False}).__class__.__name__
    'HybridCNN'
    """
    import importlib

    if isinstance(config, dict):
        config = make_config(name, **config)
    kind = model_kind(name)
    return getattr(importlib.import_module(kind.module), kind.model)(config)


def resolve_hook(spec: str) -> Any:
    """The object named by ``"package.module:attribute"`` (a registry hook).

    Raises:
        QcogValueError: malformed spec.

    >>> resolve_hook("qcog.models.registry:model_kind").__name__
    'model_kind'
    """
    import importlib

    module, _, name = spec.partition(":")
    if not module or not name:
        raise QcogValueError(f"hook {spec!r} must look like 'package.module:function'")
    return getattr(importlib.import_module(module), name)


def _tuples(value: Any) -> Any:
    """Lists (from JSON) back to the tuples the configs use."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value
