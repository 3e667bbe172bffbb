"""Hybrid encoder-decoder Transformer for translation, quantum block by block.

The architecture of Vaswani et al. (2017) at toy size, pre-norm: the encoder blocks
are :class:`qcog.models.transformer.EncoderBlock` (self-attention, feed-forward); each
decoder block is causal self-attention, cross-attention to the encoder's output, and
feed-forward. Every attention and feed-forward block is ``"classical"`` or
``"quantum"`` (QSANN attention, quantum feed-forward, see :mod:`qcog.models`), chosen
per block in the config. Source and target share one vocabulary and one embedding, which
is also the output projection (tied weights). The classical twin (``quantum=False``)
keeps every block and swaps each circuit for a classical twin layer of the same width.

Training uses teacher forcing (:class:`qcog.sequence.objectives.TeacherForcing`):
``model(src, tgt_in)`` gives next-token logits for every target position at once,
with a causal mask so that position ``t`` sees only ``tgt_in[:, :t+1]``. Decoding
(greedy, beam search) is in :mod:`qcog.sequence.decoding`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.attention import causal_mask
from qcog.models.transformer import EncoderBlock, attention_block, feed_forward_block
from qcog.models.twins import seeded


@dataclass
class Seq2SeqConfig:
    """Configuration of :class:`HybridSeq2Seq`."""

    vocab_size: int = 100  # shared vocabulary: <pad>=0, <unk>=1, <bos>=2, <eos>=3, ...
    max_len: int = 32  # longest source or target sequence, <bos>/<eos> included
    d_model: int = 32
    n_heads: int = 4  # heads of classical attention
    d_ff: int = 64  # hidden width of classical feed-forward blocks
    # (self-attention, feed-forward) kind of every encoder block
    encoder_blocks: tuple[tuple[str, str], ...] = (("classical", "quantum"),)
    # (self-attention, cross-attention, feed-forward) kind of every decoder block
    decoder_blocks: tuple[tuple[str, str, str], ...] = (("classical", "classical", "quantum"),)
    n_qubits: int = 4  # qubits of every quantum circuit
    n_layers: int = 1  # ansatz layers of every quantum circuit
    quantum: bool = True  # False: classical twin (circuits -> ClassicalTwinLayer)
    engine: str = "torch"
    seed: int = 0


class DecoderBlock(nn.Module):
    """Pre-norm decoder block: causal self-attention, cross-attention, feed-forward."""

    def __init__(self, config: Seq2SeqConfig, kinds: tuple[str, str, str], seed: int) -> None:
        super().__init__()
        if len(kinds) != 3:
            raise QcogValueError(
                f"a decoder block is (self-attention, cross-attention, feed-forward); got {kinds}"
            )
        d = config.d_model
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.self_attention = attention_block(config, kinds[0], seed)
        self.cross_attention = attention_block(config, kinds[1], seed + 3)
        self.feed_forward = feed_forward_block(config, kinds[2], seed + 6)

    def forward(
        self,
        x: torch.Tensor,
        self_mask: torch.Tensor,
        memory: torch.Tensor,
        memory_mask: torch.Tensor,
    ) -> torch.Tensor:
        """``x (B, T, d)``, ``self_mask (B, T, T)``, ``memory (B, S, d)``, ``memory_mask (B, S)``."""
        x = x + self.self_attention(self.norm1(x), self_mask)
        x = x + self.cross_attention(self.norm2(x), memory_mask, memory=memory)
        return x + self.feed_forward(self.norm3(x))


class HybridSeq2Seq(nn.Module):
    """Encoder-decoder Transformer; ``forward(src, tgt_in)`` gives next-token logits.

    Raises:
        QcogValueError: no encoder or decoder blocks, bad block kinds; at call time,
            sequences longer than ``max_len``, empty batches, token ids outside the
            vocabulary.

    >>> cfg = Seq2SeqConfig(vocab_size=12, d_model=8, n_heads=2, d_ff=16, n_qubits=2)
    >>> model = HybridSeq2Seq(cfg)
    >>> model(torch.tensor([[5, 6, 3]]), torch.tensor([[2, 7, 8, 9]])).shape
    torch.Size([1, 4, 12])
    """

    def __init__(self, config: Seq2SeqConfig) -> None:
        super().__init__()
        c = config
        if not c.encoder_blocks or not c.decoder_blocks:
            raise QcogValueError(
                "an encoder-decoder needs at least one encoder and one decoder block"
            )
        if c.vocab_size < 5 or c.max_len < 2:
            raise QcogValueError(
                f"vocab_size must be >= 5 (4 specials and a word) and max_len >= 2; got "
                f"{c.vocab_size} and {c.max_len}"
            )
        self.config = config
        with seeded(c.seed):
            self.tokens = nn.Embedding(c.vocab_size, c.d_model, padding_idx=0)
            self.positions = nn.Embedding(c.max_len, c.d_model)
            self.encoder = nn.ModuleList(
                EncoderBlock(c, attention, ffn, seed=c.seed + 10 * (i + 1))
                for i, (attention, ffn) in enumerate(c.encoder_blocks)
            )
            self.decoder = nn.ModuleList(
                DecoderBlock(c, tuple(kinds), seed=c.seed + 10 * (len(c.encoder_blocks) + i + 1))
                for i, kinds in enumerate(c.decoder_blocks)
            )
            self.encoder_norm, self.decoder_norm = nn.LayerNorm(c.d_model), nn.LayerNorm(c.d_model)

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        """Logits ``(B, T, vocab)`` of the next target token at every position of ``tgt_in``."""
        memory, memory_mask = self.encode(src)
        return self.decode(tgt_in, memory, memory_mask)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Source ids ``(B, S)`` -> encoder output ``(B, S, d)`` and key mask ``(B, S)``."""
        self._check(src, "source")
        mask = src != 0
        mask[:, 0] = True  # a row of padding still has one key to attend to
        x = self._embed(src)
        for block in self.encoder:
            x = block(x, mask)
        return self.encoder_norm(x), mask

    def decode(
        self, tgt_in: torch.Tensor, memory: torch.Tensor, memory_mask: torch.Tensor
    ) -> torch.Tensor:
        """Target prefix ids ``(B, T)`` and encoder output -> logits ``(B, T, vocab)``."""
        self._check(tgt_in, "target")
        if tgt_in.shape[0] != memory.shape[0]:
            raise QcogValueError(f"{tgt_in.shape[0]} target rows for {memory.shape[0]} source rows")
        t = tgt_in.shape[1]
        keys = tgt_in != 0
        keys[:, 0] = True
        self_mask = causal_mask(t, tgt_in.device)[None] & keys[:, None, :]  # (B, T, T)
        x = self._embed(tgt_in)
        for block in self.decoder:
            x = block(x, self_mask, memory, memory_mask)
        return self.decoder_norm(x) @ self.tokens.weight.T  # (B, T, vocab), tied weights

    def _embed(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        return self.tokens(ids) + self.positions(positions)  # (B, T, d)

    def _check(self, ids: torch.Tensor, what: str) -> None:
        c = self.config
        if ids.dim() != 2 or ids.is_floating_point():
            raise QcogValueError(f"{what} must be integer token ids (B, T); got {tuple(ids.shape)}")
        if ids.shape[0] == 0 or ids.shape[1] == 0:
            raise QcogValueError(f"empty batch: {what} has shape {tuple(ids.shape)}")
        if ids.shape[1] > c.max_len:
            raise QcogValueError(
                f"{what} sequences of {ids.shape[1]} tokens are longer than the model's "
                f"maximum max_len={c.max_len}"
            )
        if int(ids.min()) < 0 or int(ids.max()) >= c.vocab_size:
            raise QcogValueError(
                f"{what} token id {int(ids.max())} is outside the model's vocabulary of "
                f"{c.vocab_size} tokens (vocabulary mismatch?)"
            )
