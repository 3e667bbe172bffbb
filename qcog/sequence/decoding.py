"""Decoding an encoder-decoder: greedy search and beam search, batched.

Both work with any model that has ``encode(src) -> (memory, mask)`` and
``decode(prefix, memory, mask) -> logits (B, T, vocab)`` (such as
:class:`qcog.sequence.seq2seq.HybridSeq2Seq`) and the special ids of
:mod:`qcog.sequence.pairs` (``<pad>`` 0, ``<bos>`` 2, ``<eos>`` 3). A hypothesis starts
with ``<bos>`` and ends at ``<eos>`` or after ``max_len - 1`` tokens; ``<pad>`` and
``<bos>`` are never generated. The results are token ids without ``<bos>`` and without
``<eos>`` or anything after it.

Beam search keeps the ``beam_size`` best prefixes of every source by total log
probability; a finished hypothesis stays in the beam with its score frozen. The best
finished hypothesis is chosen by ``score / length**length_penalty`` (0: raw log
probability). With ``beam_size=1`` it finds what greedy search finds; with a beam as
wide as all prefixes it is exact search.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.sequence.pairs import BOS_ID, EOS_ID


def greedy_decode(model: nn.Module, src: torch.Tensor, max_len: int) -> list[list[int]]:
    """The most likely next token at every step, for every source row at once.

    >>> from qcog.sequence.seq2seq import HybridSeq2Seq, Seq2SeqConfig
    >>> model = HybridSeq2Seq(Seq2SeqConfig(vocab_size=9, d_model=8, n_heads=2, quantum=False))
    >>> out = greedy_decode(model, torch.tensor([[5, 6, 3], [7, 3, 0]]), max_len=6)
    >>> len(out), all(len(o) <= 5 for o in out)
    (2, True)
    """
    with _evaluating(model):
        memory, mask = model.encode(src)
        ys = torch.full((len(src), 1), BOS_ID, dtype=torch.long, device=src.device)
        done = torch.zeros(len(src), dtype=torch.bool, device=src.device)
        for _ in range(max_len - 1):
            logits = model.decode(ys, memory, mask)[:, -1]  # (B, V)
            logits[:, [0, BOS_ID]] = float("-inf")  # never generate <pad> or <bos>
            token = logits.argmax(-1).masked_fill(done, 0)  # (B,)
            ys = torch.cat([ys, token[:, None]], dim=1)
            done |= token == EOS_ID
            if bool(done.all()):
                break
    return [_strip(row) for row in ys.tolist()]


def beam_search(
    model: nn.Module,
    src: torch.Tensor,
    max_len: int,
    beam_size: int = 4,
    length_penalty: float = 0.0,
) -> list[list[int]]:
    """The best hypothesis of a beam search for every source row.

    Args:
        model: an encoder-decoder (see the module docstring).
        src: source ids ``(B, S)``.
        max_len: longest hypothesis, ``<bos>`` (and ``<eos>``) included.
        beam_size: hypotheses kept per source row.
        length_penalty: ``alpha`` in ``score / length**alpha`` for the final choice.

    Returns:
        Token ids per row, without ``<bos>``/``<eos>``.

    Raises:
        QcogValueError: ``beam_size < 1`` or ``max_len < 2``.
    """
    if beam_size < 1 or max_len < 2:
        raise QcogValueError(f"beam_size must be >= 1 and max_len >= 2; got {beam_size}, {max_len}")
    with _evaluating(model):
        ys, scores = _search(model, src, max_len, beam_size)
    k = beam_size
    lengths = (ys[:, 1:] != 0).sum(1).view(-1, k).clamp(min=1)  # tokens generated, <eos> included
    normalised = scores / lengths.to(scores.dtype) ** length_penalty
    best = normalised.argmax(1) + torch.arange(len(src), device=ys.device) * k  # (B,)
    return [_strip(row) for row in ys[best].tolist()]


def _search(model, src, max_len, k):
    """Beam-search state after the last step: prefixes ``(B*k, L)`` and scores ``(B, k)``."""
    batch = src.shape[0]
    memory, mask = model.encode(src)
    memory, mask = memory.repeat_interleave(k, 0), mask.repeat_interleave(k, 0)
    ys = torch.full((batch * k, 1), BOS_ID, dtype=torch.long, device=src.device)
    scores = torch.full((batch, k), float("-inf"), device=src.device)
    scores[:, 0] = 0.0  # one live beam at the start; the others are copies
    finished = torch.zeros(batch * k, dtype=torch.bool, device=src.device)
    for _ in range(max_len - 1):
        logp = model.decode(ys, memory, mask)[:, -1].log_softmax(-1)  # (B*k, V)
        logp[:, [0, BOS_ID]] = float("-inf")  # never generate <pad> or <bos>
        frozen = torch.full_like(logp[0], float("-inf"))
        frozen[0] = 0.0  # a finished hypothesis only grows by <pad>, at no cost
        logp = torch.where(finished[:, None], frozen, logp)
        vocab = logp.shape[1]
        candidates = (scores.reshape(-1, 1) + logp).reshape(batch, k * vocab)
        scores, index = candidates.topk(k, dim=1)  # (B, k)
        parent = (torch.arange(batch, device=src.device)[:, None] * k + index // vocab).reshape(-1)
        token = (index % vocab).reshape(-1, 1)
        ys = torch.cat([ys[parent], token], dim=1)
        finished = finished[parent] | (token[:, 0] == EOS_ID)
        if bool(finished.all()):
            break
    return ys, scores


def translate(
    model: nn.Module,
    src: torch.Tensor,
    max_len: int,
    beam_size: int = 1,
    batch_size: int = 256,
    length_penalty: float = 0.0,
) -> list[list[int]]:
    """Decode ``src`` in chunks of ``batch_size`` rows (greedy for ``beam_size=1``)."""
    out: list[list[int]] = []
    for start in range(0, len(src), batch_size):
        chunk = src[start : start + batch_size]
        if beam_size == 1:
            out += greedy_decode(model, chunk, max_len)
        else:
            out += beam_search(model, chunk, max_len, beam_size, length_penalty)
    return out


@contextmanager
def _evaluating(model: nn.Module) -> Iterator[None]:
    """Evaluation mode without gradients; the model's mode is restored after."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(was_training)


def _strip(row: list[int]) -> list[int]:
    """Ids after ``<bos>`` up to (not including) ``<eos>``."""
    row = row[1:]
    return row[: row.index(EOS_ID)] if EOS_ID in row else [t for t in row if t != 0]
