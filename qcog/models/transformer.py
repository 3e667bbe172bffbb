"""Hybrid Transformer encoder for sequence classification, quantum block by block.

Each encoder block is pre-norm: ``x += attention(LN(x)); x += feed_forward(LN(x))``.
``blocks`` lists ``(attention, feed_forward)`` kinds per block, each ``"classical"`` or
``"quantum"`` (:class:`~qcog.models.attention.QuantumSelfAttention`,
:class:`~qcog.models.feedforward.QuantumFeedForward`). The classical twin
(``quantum=False``) keeps the same blocks and swaps every circuit for a classical twin
layer, so the two differ only where the circuits are.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.attention import QuantumSelfAttention, SelfAttention
from qcog.models.feedforward import FeedForward, QuantumFeedForward
from qcog.models.twins import seeded

#: Block kinds accepted in ``TransformerConfig.blocks``.
BLOCK_KINDS = ("classical", "quantum")


@dataclass
class TransformerConfig:
    """Configuration of :class:`HybridTransformer`."""

    vocab_size: int = 2000  # tokens, including <pad>=0, <unk>=1, <cls>=2
    num_classes: int = 2
    max_len: int = 32  # longest token sequence (learned position embeddings)
    d_model: int = 16
    n_heads: int = 2  # heads of classical attention
    d_ff: int = 32  # hidden width of classical feed-forward blocks
    blocks: tuple[tuple[str, str], ...] = (("quantum", "quantum"),)  # (attention, ffn) per block
    n_qubits: int = 4  # qubits of every quantum circuit
    n_layers: int = 1  # ansatz layers of every quantum circuit
    quantum: bool = True  # False: classical twin (circuits -> ClassicalTwinLayer)
    engine: str = "torch"
    seed: int = 0


def attention_block(config: TransformerConfig, kind: str, seed: int) -> nn.Module:
    """A quantum (QSANN) or classical multi-head attention block of ``config``'s sizes.

    ``config`` is any object with the fields of :class:`TransformerConfig` that blocks use
    (``d_model, n_heads, n_qubits, n_layers, quantum, engine``).

    Raises:
        QcogValueError: ``kind`` is not one of :data:`BLOCK_KINDS`.
    """
    c = _check_kind(config, kind)
    if kind == "quantum":
        return QuantumSelfAttention(c.d_model, c.n_qubits, c.n_layers, c.quantum, c.engine, seed)
    return SelfAttention(c.d_model, c.n_heads)


def feed_forward_block(config: TransformerConfig, kind: str, seed: int) -> nn.Module:
    """A quantum or classical position-wise feed-forward block of ``config``'s sizes.

    Raises:
        QcogValueError: ``kind`` is not one of :data:`BLOCK_KINDS`.
    """
    c = _check_kind(config, kind)
    if kind == "quantum":
        return QuantumFeedForward(c.d_model, c.n_qubits, c.n_layers, c.quantum, c.engine, seed)
    return FeedForward(c.d_model, c.d_ff)


def _check_kind(config: TransformerConfig, kind: str) -> TransformerConfig:
    if kind not in BLOCK_KINDS:
        raise QcogValueError(f"block kind {kind!r} is not one of {BLOCK_KINDS}")
    return config


class EncoderBlock(nn.Module):
    """One pre-norm encoder block with the given attention and feed-forward kinds."""

    def __init__(
        self, config: TransformerConfig, attention: str, feed_forward: str, seed: int
    ) -> None:
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(config.d_model), nn.LayerNorm(config.d_model)
        self.attention = attention_block(config, attention, seed)
        self.feed_forward = feed_forward_block(config, feed_forward, seed + 3)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.norm1(x), mask)
        return x + self.feed_forward(self.norm2(x))


class HybridTransformer(nn.Module):
    """Token + position embeddings, encoder blocks, masked mean pooling, linear classifier.

    >>> cfg = TransformerConfig(vocab_size=50, blocks=(("quantum", "classical"),), quantum=False)
    >>> HybridTransformer(cfg)(torch.tensor([[2, 7, 9, 0]])).shape
    torch.Size([1, 2])
    """

    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        if not config.blocks:
            raise QcogValueError("a Transformer needs at least one block")
        self.config = config
        with seeded(config.seed):
            self.tokens = nn.Embedding(config.vocab_size, config.d_model, padding_idx=0)
            self.positions = nn.Embedding(config.max_len, config.d_model)
            self.blocks = nn.ModuleList(
                EncoderBlock(config, attention, ffn, seed=config.seed + 10 * (i + 1))
                for i, (attention, ffn) in enumerate(config.blocks)
            )
            self.norm = nn.LayerNorm(config.d_model)
            self.head = nn.Linear(config.d_model, config.num_classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Class logits ``(B, num_classes)`` of token ids ``(B, T)`` (0 = padding)."""
        mask = ids != 0  # (B, T)
        mask[:, 0] = True  # the <cls> position is never masked
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.tokens(ids) + self.positions(positions)  # (B, T, d)
        for block in self.blocks:
            x = block(x, mask)
        weights = mask.unsqueeze(-1).to(x.dtype)  # (B, T, 1)
        pooled = (self.norm(x) * weights).sum(1) / weights.sum(1)  # (B, d)
        return self.head(pooled)
