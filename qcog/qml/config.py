"""The configuration of a :class:`~qcog.qml.layer.QuantumLayer`: a small, commented dataclass.

>>> cfg = LayerConfig(n_qubits=4, n_layers=2)
>>> cfg.engine, cfg.embedding, cfg.ansatz
('torch', 'angle', 'strongly_entangling')
>>> LayerConfig(n_qubits=0)
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: n_qubits must be a positive integer, got 0
"""

from __future__ import annotations

from dataclasses import dataclass

from qcog.exceptions import QcogValueError

#: Initialisation name -> what it draws (``scale`` is ``LayerConfig.init_scale``).
INITS = {
    "uniform": "U[0, scale), scale defaults to 2*pi (TorchLayer's default)",
    "normal": "N(0, scale**2), scale defaults to 1",
    "small": "U[-scale, scale), scale defaults to 0.01 (near the identity)",
    "zeros": "all zeros",
}


@dataclass
class LayerConfig:
    """How a quantum layer is built and run."""

    n_qubits: int  # circuit width; also the number of outputs for observables="z"
    n_layers: int = 1  # ansatz repetitions
    embedding: str = "angle"  # a key of qcog.qml.templates.EMBEDDINGS
    ansatz: str = "strongly_entangling"  # a key of qcog.qml.templates.ANSATZES
    observables: str = "z"  # "z": <Z_i> on every wire; "probs": all 2**n probabilities
    engine: str = "torch"  # torch | default.qubit | lightning.qubit | lightning.gpu | aer | aer-gpu | fake:<name> | ibm:<name>
    init: str = "uniform"  # a key of INITS
    init_scale: float | None = None  # None: the init's default scale
    seed: int | None = None  # seeds the weight initialisation (None: torch's global RNG)
    shots: int = 4096  # shots per circuit on Qiskit engines (PennyLane/torch engines are exact)

    def __post_init__(self):
        for name in ("n_qubits", "n_layers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise QcogValueError(f"{name} must be a positive integer, got {value!r}")
        if self.init not in INITS:
            raise QcogValueError(f"init must be one of {', '.join(INITS)}, got {self.init!r}")
        if isinstance(self.shots, bool) or not isinstance(self.shots, int) or self.shots < 1:
            raise QcogValueError(f"shots must be a positive integer, got {self.shots!r}")
        if self.observables not in ("z", "probs"):
            raise QcogValueError(f"observables must be 'z' or 'probs', got {self.observables!r}")

    def scale(self) -> float:
        """The initialisation scale actually used."""
        import math

        defaults = {"uniform": 2 * math.pi, "normal": 1.0, "small": 0.01, "zeros": 0.0}
        return defaults[self.init] if self.init_scale is None else float(self.init_scale)
