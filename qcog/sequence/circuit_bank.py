"""Several variational circuits of one shape, each with its own weights, on the same angles.

A QLSTM cell evaluates four circuits (forget, input, update and output gates) on the
same encoded vector at every time step. On qcog's torch engine the four run as one
batched simulation: the inputs are repeated once per circuit and every circuit's
weights ride along as a batched parameter, so a step costs one engine call instead of
four. On any other engine the circuits run one after another.
"""

from __future__ import annotations

import torch
from torch import nn

from qcog.models.twins import core_layer
from qcog.qml.engines import TORCH_SPECS


class CircuitBank(nn.Module):
    """``k`` circuits (angle embedding + strongly entangling ansatz) on the same inputs.

    Args:
        k: number of circuits.
        n_qubits: qubits of each circuit (inputs and outputs per circuit).
        n_layers: ansatz layers of each circuit.
        engine: simulation engine (see :mod:`qcog.qml.engines`).
        seed: circuit ``i`` is initialised with seed ``seed + i``.

    >>> bank = CircuitBank(4, n_qubits=3)
    >>> bank(torch.zeros(5, 3)).shape
    torch.Size([4, 5, 3])
    """

    def __init__(
        self, k: int, n_qubits: int, n_layers: int = 1, engine: str = "torch", seed: int = 0
    ) -> None:
        super().__init__()
        self.n_qubits = n_qubits
        self.circuits = nn.ModuleList(
            core_layer(n_qubits, n_layers, quantum=True, engine=engine, seed=seed + i)
            for i in range(k)
        )

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        """``(B, n_qubits)`` angles -> ``(k, B, n_qubits)`` values ``<Z_i>`` of every circuit."""
        if any(c.config.engine not in TORCH_SPECS for c in self.circuits):
            return torch.stack([c(angles) for c in self.circuits])
        return self._batched(angles)

    def _batched(self, angles: torch.Tensor) -> torch.Tensor:
        """All circuits in one torch-engine call, weights batched along with the inputs."""
        first = self.circuits[0]
        k, (b, n) = len(self.circuits), angles.shape
        weights = {}
        for name in first.weight_shapes:
            stacked = torch.stack([getattr(c, name) for c in self.circuits])  # (k, *shape)
            shape = stacked.shape[1:]
            weights[name] = stacked[:, None].expand(k, b, *shape).reshape(k * b, *shape)
        inputs = angles.to(first.dtype)[None].expand(k, b, n).reshape(k * b, n)  # (k*B, n)
        out = first.engine.execute(first.qfunc, inputs, weights, first.n_qubits)
        return out.reshape(k, b, -1)
