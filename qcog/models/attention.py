"""Self-attention blocks: classical multi-head, and QSANN-style quantum self-attention.

Quantum self-attention (after Li et al., "Quantum Self-Attention Neural Networks for
Text Classification", 2022): every token is mapped to ``n_qubits`` angles; three
variational circuits give its query, key and value as expectation values ``<Z_i>``;
attention weights are Gaussian in the query-key distance,
``a_ij = softmax_j(-||q_i - k_j||^2)``, and the weighted values are projected back to
the model width.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from qcog.models.twins import core_layer


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

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``x (B, T, d)``, ``mask (B, T)`` True at real tokens -> ``(B, T, d)``."""
        b, t, d = x.shape
        q, k, v = (
            self.qkv(x).view(b, t, 3, self.n_heads, d // self.n_heads).unbind(2)
        )  # (B, T, h, d/h)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))  # (B, h, T, d/h)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.n_heads)  # (B, h, T, T)
        weights = scores.masked_fill(~mask[:, None, None, :], float("-inf")).softmax(-1)
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

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``x (B, T, d)``, ``mask (B, T)`` True at real tokens -> ``(B, T, d)``."""
        b, t, _ = x.shape
        angles = math.pi * torch.tanh(self.encode(x)).reshape(b * t, self.n_qubits)  # (B*T, n)
        q, k, v = (
            f(angles).reshape(b, t, self.n_qubits) for f in (self.query, self.key, self.value)
        )
        scores = -torch.cdist(q, k).square()  # (B, T, T): -||q_i - k_j||^2
        weights = scores.masked_fill(~mask[:, None, :], float("-inf")).softmax(-1)
        return self.out(weights @ v)  # (B, T, d)
