"""The result of running circuits: counts, probabilities, statevector and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class RunResult:
    """What one circuit run produced, and how.

    Attributes:
        counts: measured bitstrings (Qiskit's order: qubit 0 is the rightmost bit).
        shots: number of shots.
        backend: the concrete backend name ('aer', 'aer-gpu', 'fake:manila', ...).
        seed: the simulator seed used (None: unseeded).
        num_qubits: qubits of the circuit as written.
        twoq_gates: two-qubit gates after transpilation to the backend.
        depth: depth after transpilation.
        wall_s: wall time of transpilation plus execution, in seconds.
        statevector: the exact final state before measurement, where the backend's
            method allows and it was asked for; else None.
        transpiled: the circuit as it was run (inspect it, draw it).
        metadata: anything else the backend reported (method, device, ...).
    """

    counts: dict[str, int]
    shots: int
    backend: str
    seed: int | None
    num_qubits: int
    twoq_gates: int
    depth: int
    wall_s: float
    statevector: np.ndarray | None = field(default=None, repr=False)
    transpiled: Any = field(default=None, repr=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def probabilities(self) -> dict[str, float]:
        """Measured frequencies, ``counts / shots``."""
        return {key: value / self.shots for key, value in self.counts.items()}

    def most_frequent(self) -> str:
        """The most frequent bitstring (ties broken by bitstring order)."""
        return max(sorted(self.counts), key=self.counts.__getitem__)

    def to_dict(self, include_statevector: bool = False) -> dict[str, Any]:
        """A JSON-ready dict (complex amplitudes as ``[re, im]`` pairs)."""
        out = {
            "backend": self.backend,
            "shots": self.shots,
            "seed": self.seed,
            "num_qubits": self.num_qubits,
            "twoq_gates": self.twoq_gates,
            "depth": self.depth,
            "wall_s": round(self.wall_s, 6),
            "counts": dict(sorted(self.counts.items())),
            "probabilities": dict(sorted(self.probabilities.items())),
            "metadata": self.metadata,
        }
        if include_statevector and self.statevector is not None:
            out["statevector"] = [[float(a.real), float(a.imag)] for a in self.statevector]
        return out
