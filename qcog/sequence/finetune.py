"""Fine-tuning a pretrained Transformer: in full, with LoRA, or with quantum adapters.

:class:`FineTuneModel` is a classical :class:`qcog.models.transformer.HybridTransformer`
(the pretrained network's shape) prepared for one fine-tuning ``method``:

* ``"full"``: every parameter trains;
* ``"lora"``: ``peft`` LoRA of rank ``rank`` on the ``targets`` (base frozen);
* ``"adapter"``: a quantum adapter with ``n_qubits`` qubits on the same ``targets``
  (:mod:`qcog.sequence.adapters`; ``quantum=False`` gives its classical twin).

In every method the classifier head is new (the second task has its own classes) and
trains. The pretrained weights are loaded by :func:`load_pretrained` (the model kind's
``setup`` hook, see :mod:`qcog.sequence.pretrain`), not by the constructor, so a
checkpoint of a fine-tuned model rebuilds without the pretrained file.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.transformer import HybridTransformer, TransformerConfig
from qcog.sequence.adapters import add_adapters, add_lora

#: Fine-tuning methods.
METHODS = ("full", "lora", "adapter")


@dataclass
class FineTuneConfig:
    """Configuration of :class:`FineTuneModel` (and of the pretraining it starts from)."""

    vocab_size: int = 2000  # tokens, specials included (the pretraining vocabulary)
    num_classes: int = 2  # classes of the fine-tuning task
    max_len: int = 32
    d_model: int = 16  # the pretrained Transformer's sizes ...
    n_heads: int = 2
    d_ff: int = 32
    blocks: tuple[tuple[str, str], ...] = (("classical", "classical"),)  # ... all classical
    method: str = "adapter"  # "full", "lora" or "adapter"
    targets: tuple[str, ...] = ("qkv", "out", "net.0", "net.2")  # modules LoRA/adapters adapt
    rank: int = 4  # LoRA rank
    n_qubits: int = 4  # qubits of every quantum adapter (its bottleneck width)
    n_layers: int = 1  # ansatz layers of every quantum adapter
    pretrained: bool = True  # start from the cached pretrained network (see pretrain.py)
    pretrain_source: str = "sentiment3:a"  # the pretraining task (3-class, other tweets)
    pretrain_epochs: int = 8
    pretrain_limit: int | None = None  # pretrain on at most this many examples (None: all)
    pretrain_seed: int = 0  # one pretraining serves every fine-tuning seed
    quantum: bool = True  # adapter method: False puts the classical twin in the bottleneck
    engine: str = "torch"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.method != "adapter":  # only the adapter has a circuit; the others are classical
            self.quantum = False


class FineTuneModel(nn.Module):
    """A classical Transformer classifier prepared for ``config.method``.

    Raises:
        QcogValueError: unknown method, quantum blocks in the base, bad targets.

    >>> model = FineTuneModel(FineTuneConfig(vocab_size=30, method="adapter", quantum=False))
    >>> model(torch.tensor([[2, 5, 9, 0]])).shape
    torch.Size([1, 2])
    >>> model.trainable_parameters()  # 4 adapters (16+48, 16+16, 16+32, 32+16)*4+4*20, head 34
    882
    """

    def __init__(self, config: FineTuneConfig) -> None:
        super().__init__()
        c = config
        if c.method not in METHODS:
            raise QcogValueError(f"fine-tuning method {c.method!r} is not one of {METHODS}")
        if any(kind != "classical" for block in c.blocks for kind in block):
            raise QcogValueError("the pretrained Transformer is classical: use classical blocks")
        self.config = config
        base = HybridTransformer(
            TransformerConfig(
                vocab_size=c.vocab_size,
                num_classes=c.num_classes,
                max_len=c.max_len,
                d_model=c.d_model,
                n_heads=c.n_heads,
                d_ff=c.d_ff,
                blocks=c.blocks,
                quantum=False,
                seed=c.seed,
            )
        )
        targets, head = tuple(c.targets), ("head",)
        if c.method == "lora":
            base = add_lora(base, targets, c.rank, seed=c.seed + 1, trainable=head)
        elif c.method == "adapter":
            base = add_adapters(
                base, targets, c.n_qubits, c.n_layers, c.quantum, c.engine, c.seed + 1, head
            )
        self.net = base

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Class logits ``(B, num_classes)`` of token ids ``(B, T)``."""
        if ids.dim() != 2 or ids.shape[0] == 0:
            raise QcogValueError(
                f"expected a non-empty batch of token ids (B, T); got {tuple(ids.shape)}"
            )
        if ids.shape[1] > self.config.max_len:
            raise QcogValueError(
                f"sequences of {ids.shape[1]} tokens are longer than the model's maximum "
                f"max_len={self.config.max_len}"
            )
        return self.net(ids)

    def base_model(self) -> nn.Module:
        """The Transformer inside (unwrapped from ``peft``'s model for LoRA)."""
        return self.net.get_base_model() if hasattr(self.net, "get_base_model") else self.net

    def trainable_parameters(self) -> int:
        """Number of parameters that fine-tuning updates."""
        return sum(p.numel() for p in self.parameters() if p.requires_grad)

    def load_pretrained(self, state: dict[str, torch.Tensor]) -> None:
        """Load a pretrained network's weights (its head excepted) into the base.

        ``state`` is the state dict of a ``FineTuneModel`` trained with ``method="full"``
        (keys ``net.<name>``) or of a ``HybridTransformer``. A weight of an adapted
        module lands in its wrapped ``base_layer``.

        Raises:
            QcogValueError: shapes or names do not match (e.g. another vocabulary).
        """
        base = self.base_model()
        own = base.state_dict()
        mapped = {}
        for key, value in state.items():
            key = key.removeprefix("net.")
            if key.startswith("head."):
                continue
            if key not in own:
                module, _, leaf = key.rpartition(".")
                key = f"{module}.base_layer.{leaf}"
            if key not in own or own[key].shape != value.shape:
                found = tuple(own[key].shape) if key in own else "no such weight"
                raise QcogValueError(
                    f"pretrained weight {key!r} of shape {tuple(value.shape)} does not fit "
                    f"this model ({found}); vocabulary or sizes differ from the pretraining"
                )
            mapped[key] = value
        with torch.no_grad():
            for key, value in mapped.items():
                own[key].copy_(value)
