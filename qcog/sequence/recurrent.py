"""Recurrent model for series regression and text classification: QLSTM or its ``nn.LSTM`` twin.

Inputs are either real-valued series ``(B, T)`` / ``(B, T, features)`` (``vocab_size =
0``; the model predicts ``outputs`` values from the last hidden state, e.g. the next
value of the series) or token ids ``(B, T)`` with 0 as padding (``vocab_size > 0``;
embedded, run as a packed sequence so padding never enters the state, classified from
the last hidden state).

The classical twin (``quantum=False``) is a plain ``nn.LSTM`` whose hidden width is
chosen so that the whole model has as nearly as possible the hybrid's number of
parameters (:func:`twin_hidden_size`); everything else is the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from qcog.exceptions import QcogValueError
from qcog.models.twins import seeded
from qcog.sequence.qlstm import QLSTM, lstm_parameter_count, qlstm_parameter_count


@dataclass
class RecurrentConfig:
    """Configuration of :class:`RecurrentModel`."""

    input_size: int = 1  # features per step of a real-valued series (when vocab_size == 0)
    vocab_size: int = 0  # > 0: token-id inputs (0 = <pad>), embedded
    embed_dim: int = 16  # width of the token embedding
    max_len: int = 32  # longest sequence accepted
    hidden_size: int = 10  # hidden width of the QLSTM (the twin's is matched to the budget)
    num_layers: int = 1  # recurrent layers
    num_classes: int = 0  # > 0: classify into this many classes; 0: regression
    outputs: int = 1  # regression: values predicted from the last state
    n_qubits: int = 4  # qubits of every gate circuit
    n_layers: int = 2  # ansatz layers of every gate circuit
    dropout: float = 0.0  # between recurrent layers
    quantum: bool = True  # False: nn.LSTM twin with a matched parameter budget
    engine: str = "torch"
    seed: int = 0


class RecurrentModel(nn.Module):
    """Embedding (text) -> QLSTM or nn.LSTM -> linear head on the last hidden state.

    Raises:
        QcogValueError: bad sizes; at call time, sequences longer than ``max_len``,
            an empty batch, or inputs of the wrong kind.

    >>> model = RecurrentModel(RecurrentConfig(n_qubits=2, n_layers=1))
    >>> model(torch.rand(3, 4)).shape
    torch.Size([3])
    >>> text = RecurrentModel(RecurrentConfig(vocab_size=20, num_classes=2, quantum=False))
    >>> text(torch.tensor([[2, 5, 7, 0], [2, 9, 0, 0]])).shape
    torch.Size([2, 2])
    """

    def __init__(self, config: RecurrentConfig) -> None:
        super().__init__()
        c = config
        if c.max_len < 1 or c.hidden_size < 1 or c.num_layers < 1 or c.vocab_size < 0:
            raise QcogValueError(
                f"RecurrentModel needs max_len, hidden_size, num_layers >= 1 and vocab_size "
                f">= 0 (got {c.max_len}, {c.hidden_size}, {c.num_layers}, {c.vocab_size})"
            )
        self.config = config
        features = c.embed_dim if c.vocab_size else c.input_size
        head_out = c.num_classes or c.outputs
        self.hidden_size = c.hidden_size if c.quantum else twin_hidden_size(c)
        with seeded(c.seed):
            self.embedding = (
                nn.Embedding(c.vocab_size, c.embed_dim, padding_idx=0) if c.vocab_size else None
            )
            if c.quantum:
                self.core = QLSTM(
                    features,
                    c.hidden_size,
                    c.num_layers,
                    batch_first=True,
                    dropout=c.dropout,
                    n_qubits=c.n_qubits,
                    n_qlayers=c.n_layers,
                    engine=c.engine,
                    seed=c.seed + 1,
                )
            else:
                self.core = nn.LSTM(
                    features, self.hidden_size, c.num_layers, batch_first=True, dropout=c.dropout
                )
            self.head = nn.Linear(self.hidden_size, head_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Class logits ``(B, classes)``, or predictions ``(B,)`` (``(B, outputs)`` if > 1)."""
        self._check(x)
        if self.embedding is not None:
            lengths = (x != 0).sum(1).clamp(min=1).cpu()  # (B,): an all-padding row counts 1
            sequences = pack_padded_sequence(
                self.embedding(x), lengths, batch_first=True, enforce_sorted=False
            )
        else:
            sequences = x[..., None] if x.dim() == 2 else x  # (B, T, features)
        _, (h_n, _) = self.core(sequences)
        out = self.head(h_n[-1])  # (B, classes or outputs)
        return out if self.config.num_classes or self.config.outputs > 1 else out[:, 0]

    def _check(self, x: torch.Tensor) -> None:
        c = self.config
        if x.dim() < 2 or x.shape[0] == 0:
            raise QcogValueError(
                f"RecurrentModel takes a non-empty batch (B, T{'' if c.vocab_size else '[, F]'}); "
                f"got shape {tuple(x.shape)}"
            )
        if x.shape[1] > c.max_len:
            raise QcogValueError(
                f"sequences of {x.shape[1]} steps are longer than the model's maximum "
                f"max_len={c.max_len}"
            )
        if c.vocab_size and (x.is_floating_point() or x.dim() != 2):
            raise QcogValueError("this model takes token ids (B, T) as integers")
        if not c.vocab_size and not x.is_floating_point():
            raise QcogValueError("this model takes real-valued series; got integer inputs")


def twin_hidden_size(config: RecurrentConfig) -> int:
    """Hidden width of the ``nn.LSTM`` twin whose model is closest in size to the hybrid.

    Only the recurrent core and the head differ between hybrid and twin, so their
    parameter counts are compared.

    >>> twin_hidden_size(RecurrentConfig())  # hybrid: 344 + 11 parameters; twin: 352 + 9
    8
    """
    c = config
    features = c.embed_dim if c.vocab_size else c.input_size
    head_out = c.num_classes or c.outputs
    budget = (
        qlstm_parameter_count(features, c.hidden_size, c.num_layers, c.n_qubits, c.n_layers)
        + (c.hidden_size + 1) * head_out
    )

    def twin(h: int) -> int:
        return lstm_parameter_count(features, h, c.num_layers) + (h + 1) * head_out

    return min(range(1, 4 * c.hidden_size + 1), key=lambda h: (abs(twin(h) - budget), h))
