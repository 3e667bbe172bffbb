"""Position-wise feed-forward blocks: classical MLP, and a quantum-layer block."""

from __future__ import annotations

import math

import torch
from torch import nn

from qcog.models.twins import core_layer


class FeedForward(nn.Module):
    """``Linear(d, d_ff) -> GELU -> Linear(d_ff, d)`` on every token.

    >>> FeedForward(8, 16)(torch.rand(2, 3, 8)).shape
    torch.Size([2, 3, 8])
    """

    def __init__(self, d_model: int, d_ff: int) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class QuantumFeedForward(nn.Module):
    """``Linear(d, n) -> pi*tanh -> quantum layer -> Linear(n, d)`` on every token.

    Args:
        d_model: model width.
        n_qubits: qubits of the circuit.
        n_layers: ansatz layers.
        quantum: False replaces the circuit by its classical twin layer.
        engine: simulation engine of the quantum layer.
        seed: initialisation seed of the circuit.

    >>> QuantumFeedForward(8, 3, quantum=False)(torch.rand(2, 5, 8)).shape
    torch.Size([2, 5, 8])
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
        self.core = core_layer(n_qubits, n_layers, quantum, engine, seed=seed)
        self.decode = nn.Linear(n_qubits, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        angles = math.pi * torch.tanh(self.encode(x)).reshape(b * t, self.n_qubits)  # (B*T, n)
        return self.decode(self.core(angles).reshape(b, t, self.n_qubits))
