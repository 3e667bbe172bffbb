"""Self-attention blocks: classical multi-head, and QSANN-style quantum self-attention.

Quantum self-attention (after Li et al., "Quantum Self-Attention Neural Networks for
Text Classification", 2022): every token is mapped to ``n_qubits`` angles; three
variational circuits give its query, key and value as expectation values ``<Z_i>``;
attention weights are Gaussian in the query-key distance,
``a_ij = softmax_j(-||q_i - k_j||^2)``, and the weighted values are projected back to
the model width.

Both blocks also do cross-attention (queries from ``x``, keys and values from a
``memory``, as in an encoder-decoder's decoder) and take either a key-padding mask
``(B, T_k)`` or a full mask ``(B, T_q, T_k)`` (e.g. padding and causal together, see
:func:`attention_mask`).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from qcog.models.twins import core_layer


def attention_mask(mask: torch.Tensor) -> torch.Tensor:
    """A key-padding mask ``(B, T_k)`` as ``(B, 1, T_k)``; a ``(B, T_q, T_k)`` mask as is.

    True marks the keys each query may attend to.

    >>> attention_mask(torch.ones(2, 5, dtype=torch.bool)).shape
    torch.Size([2, 1, 5])
    """
    return mask[:, None, :] if mask.dim() == 2 else mask


def causal_mask(length: int, device: torch.device | str | None = None) -> torch.Tensor:
    """``(T, T)`` boolean mask, True where key ``j <= i`` (query ``i`` sees no future).

    >>> causal_mask(3).int().tolist()
    [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
    """
    return torch.ones(length, length, dtype=torch.bool, device=device).tril()


class SelfAttention(nn.Module):
    """Classical multi-head scaled dot-product self-attention.

    >>> att = SelfAttention(8, n_heads=2)
    >>> att(torch.rand(3, 5, 8), torch.ones(3, 5, dtype=torch.bool)).shape
    torch.Size([3, 5, 8])
    """

    def __init__(self, d_model: int, n_heads: int = 2) -> None:
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model={d_model} must be divisible by n_heads={n_heads}")
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor, memory: torch.Tensor | None = None
    ) -> torch.Tensor:
        """``x (B, T, d)`` attends to itself or to ``memory (B, S, d)`` -> ``(B, T, d)``.

        ``mask``: ``(B, S)`` True at real keys, or ``(B, T, S)`` per query.
        """
        b, t, d = x.shape
        h = self.n_heads
        if memory is None:
            q, k, v = self.qkv(x).view(b, t, 3, h, d // h).unbind(2)  # (B, T, h, d/h)
        else:
            q = self.qkv(x)[..., :d].view(b, t, h, d // h)  # (B, T, h, d/h)
            s = memory.shape[1]
            k, v = self.qkv(memory)[..., d:].view(b, s, 2, h, d // h).unbind(2)  # (B, S, h, d/h)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))  # (B, h, T|S, d/h)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // h)  # (B, h, T, S)
        keep = attention_mask(mask)[:, None]  # (B, 1, 1|T, S)
        weights = scores.masked_fill(~keep, float("-inf")).softmax(-1)
        return self.out((weights @ v).transpose(1, 2).reshape(b, t, d))


class QuantumSelfAttention(nn.Module):
    """QSANN-style self-attention: queries, keys and values from variational circuits.

    Args:
        d_model: model width.
        n_qubits: qubits per circuit (width of queries, keys and values).
        n_layers: ansatz layers per circuit.
        quantum: False replaces the three circuits by classical twin layers.
        engine: simulation engine of the quantum layers.
        seed: initialisation seed of the circuits.

    >>> att = QuantumSelfAttention(8, n_qubits=3, quantum=False)
    >>> att(torch.rand(2, 4, 8), torch.ones(2, 4, dtype=torch.bool)).shape
    torch.Size([2, 4, 8])
    """

    def __init__(
        self,
        d_model: int,
        n_qubits: int = 4,
        n_layers: int = 1,
        quantum: bool = True,
        engine: str = "torch",
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.n_qubits = n_qubits
        self.encode = nn.Linear(d_model, n_qubits)
        self.query, self.key, self.value = (
            core_layer(n_qubits, n_layers, quantum, engine, seed=seed + i) for i in range(3)
        )
        self.out = nn.Linear(n_qubits, d_model)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor, memory: torch.Tensor | None = None
    ) -> torch.Tensor:
        """``x (B, T, d)`` attends to itself or to ``memory (B, S, d)`` -> ``(B, T, d)``.

        ``mask``: ``(B, S)`` True at real keys, or ``(B, T, S)`` per query.
        """
        b, t, _ = x.shape
        angles = self._angles(x)  # (B*T, n)
        source = angles if memory is None else self._angles(memory)  # (B*S, n)
        s, n = source.shape[0] // b, self.n_qubits
        q = self.query(angles).reshape(b, t, n)
        k, v = self.key(source).reshape(b, s, n), self.value(source).reshape(b, s, n)
        scores = -torch.cdist(q, k).square()  # (B, T, S): -||q_i - k_j||^2
        weights = scores.masked_fill(~attention_mask(mask), float("-inf")).softmax(-1)
        return self.out(weights @ v)  # (B, T, d)

    def _angles(self, x: torch.Tensor) -> torch.Tensor:
        """Every token's circuit angles ``pi * tanh(encode(x))``: ``(B*T, n)``."""
        return math.pi * torch.tanh(self.encode(x)).reshape(-1, self.n_qubits)
