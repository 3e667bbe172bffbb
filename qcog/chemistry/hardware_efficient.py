"""A hardware-efficient ansatz: layers of RY rotations and a CNOT ladder, from Hartree-Fock.

``layers`` blocks of (RY on every qubit, CNOT ``(q, q+1)`` down the line), then a final
RY layer: ``(layers + 1) * n_qubits`` angles. It maps to any device's native gates with
nearest-neighbour CNOTs, but does not conserve the electron number, so its minimum can
leave the molecule's sector; VQE reports it against the sector's FCI all the same.
Angles start small and random (seeded), near the Hartree-Fock state.

>>> ansatz = HardwareEfficientAnsatz(4, layers=2, hf_state=(1, 1, 0, 0))
>>> ansatz.n_params, [round(t, 4) for t in ansatz.initial(seed=0)[:2]]
(12, [0.0126, -0.0132])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError

#: Standard deviation of the initial angles.
INIT_SCALE = 0.1


@dataclass(frozen=True)
class HardwareEfficientAnsatz:
    """RY + CNOT-ladder layers on the Hartree-Fock state.

    Attributes:
        n_qubits: qubits.
        layers: entangling layers (at least 1).
        hf_state: starting basis state (None: all zeros).
    """

    n_qubits: int
    layers: int = 2
    hf_state: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.layers, bool) or not isinstance(self.layers, int) or self.layers < 1:
            raise QcogValueError(f"layers must be a positive integer, got {self.layers!r}")

    @property
    def n_params(self) -> int:
        return (self.layers + 1) * self.n_qubits

    def apply(self, theta: Any) -> None:
        import numpy as np
        import pennylane as qml

        n = self.n_qubits
        if self.hf_state is not None:
            qml.BasisState(np.array(self.hf_state), wires=range(n))
        for layer in range(self.layers + 1):
            for q in range(n):
                qml.RY(theta[layer * n + q], wires=q)
            if layer < self.layers:
                for q in range(n - 1):
                    qml.CNOT(wires=[q, q + 1])

    def initial(self, seed: int | None = None) -> list[float]:
        """Normal angles with standard deviation :data:`INIT_SCALE` (seeded)."""
        import numpy as np

        return (np.random.default_rng(seed).normal(0.0, INIT_SCALE, self.n_params)).tolist()

    def describe(self) -> dict:
        return {"ansatz": "hardware_efficient", "parameters": self.n_params, "layers": self.layers}
