"""The quantum core of every hybrid model, and the classical layer that replaces it in twins.

A hybrid model's quantum part is always "n features -> n expectation values in [-1, 1]".
Its classical twin swaps each quantum layer for :class:`ClassicalTwinLayer`
(``tanh(W a + b)``: ``n*n + n`` parameters versus ``3*n*layers`` for a strongly
entangling circuit), leaving the rest of the model unchanged, so hybrid and twin differ
only where the circuit is and have nearly the same number of parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn


class ClassicalTwinLayer(nn.Module):
    """``(batch, n) -> tanh(W x + b)``, values in [-1, 1] like ``<Z_i>`` of a quantum layer.

    >>> layer = ClassicalTwinLayer(4)
    >>> layer(torch.zeros(3, 4)).shape
    torch.Size([3, 4])
    """

    def __init__(self, n_features: int) -> None:
        super().__init__()
        self.linear = nn.Linear(n_features, n_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.linear(x))


def core_layer(
    n_qubits: int, n_layers: int, quantum: bool, engine: str = "torch", seed: int = 0
) -> nn.Module:
    """A quantum layer (angle embedding, strongly entangling ansatz) or its classical twin.

    Args:
        n_qubits: features in and out.
        n_layers: ansatz layers of the quantum layer (unused by the twin).
        quantum: True for :class:`qcog.qml.QuantumLayer`, False for :class:`ClassicalTwinLayer`.
        engine: simulation engine of the quantum layer (see :mod:`qcog.qml`).
        seed: initialisation seed.

    Returns:
        A module mapping ``(batch, n_qubits)`` angles to ``(batch, n_qubits)`` values in [-1, 1].

    >>> core_layer(3, 1, quantum=False)(torch.ones(2, 3)).shape
    torch.Size([2, 3])
    """
    if not quantum:
        with seeded(seed):
            return ClassicalTwinLayer(n_qubits)
    from qcog.qml import QuantumLayer

    return QuantumLayer(
        n_qubits=n_qubits,
        n_layers=n_layers,
        embedding="angle",
        ansatz="strongly_entangling",
        engine=engine,
        seed=seed,
        dtype=torch.float32,
    )


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run a block with torch's global RNG seeded, restoring the caller's RNG state after.

    >>> with seeded(1):
    ...     a = torch.rand(1)
    >>> with seeded(1):
    ...     b = torch.rand(1)
    >>> bool(a == b)
    True
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Number of parameters (all, or only those with ``requires_grad``).

    >>> count_parameters(nn.Linear(3, 2))
    8
    """
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)
