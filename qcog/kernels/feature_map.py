"""A feature map: the circuit ``U(x)`` that loads a data point into ``|psi(x)> = U(x)|0>``.

A :class:`FeatureMap` holds a PennyLane quantum function ``qfunc(inputs, **weights)``,
given the way :class:`~qcog.qml.QuantumLayer` accepts one (templates, gates, its own
weights; the measurements it returns are ignored), its width and how many features it
takes. Its states are simulated by qcog's torch engine
(:meth:`~qcog.qml.engines.torch_engine.TorchEngine.statevector`, differentiable in the
weights); a quantum function that also has a ``states(x)`` method (the standard IQP-type
maps of :mod:`qcog.kernels.standard_maps`) is simulated by that closed form instead.
The same map exports to Qiskit circuits for the shot-based kernel.

>>> import pennylane as qml, torch
>>> def qfunc(inputs):
...     qml.AngleEmbedding(inputs, wires=[0, 1], rotation="Y")
...     return qml.probs()
>>> fm = FeatureMap(qfunc, n_qubits=2, n_features=2)
>>> fm.states([[0.0, 0.0], [torch.pi, 0.0]]).abs().round().tolist()
[[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from qcog.exceptions import QcogValueError

#: accepted names of the real dtype (the states are the matching complex dtype)
DTYPES = ("float32", "float64")


def torch_dtype(dtype=None):
    """``torch.float32``/``torch.float64`` from a torch dtype, a name, or None (float64).

    >>> str(torch_dtype("float32"))
    'torch.float32'
    """
    import torch

    if dtype is None:
        return torch.float64
    if isinstance(dtype, str) and dtype in DTYPES:
        return getattr(torch, dtype)
    if dtype in (torch.float32, torch.float64):
        return dtype
    raise QcogValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")


class _ExportView(NamedTuple):
    """What :func:`qcog.qml.export.to_qiskit` reads from a layer."""

    qfunc: Callable
    weights_dict: dict
    n_qubits: int
    dtype: Any
    n_inputs: int


@dataclass(frozen=True, eq=False)
class FeatureMap:
    """A data-encoding circuit ``U(x)`` on ``n_qubits`` wires taking ``n_features`` features.

    Attributes:
        qfunc: PennyLane quantum function ``qfunc(inputs, **weights)``; ``inputs`` is
            ``(B, n_features)``.
        n_qubits: circuit width.
        n_features: features per data point.
        weights: name -> tensor of the quantum function's weights (trainable by
            :func:`qcog.kernels.alignment.train_alignment`).
        name: a label for reports.
        bandwidth: features are multiplied by it before they enter the circuit (the
            kernel bandwidth of Shaydulin and Wild, 2022).
    """

    qfunc: Callable
    n_qubits: int
    n_features: int
    weights: dict = field(default_factory=dict)
    name: str = "custom"
    bandwidth: float = 1.0

    def __post_init__(self):
        if not callable(self.qfunc):
            raise QcogValueError("qfunc must be a callable PennyLane quantum function")
        for label in ("n_qubits", "n_features"):
            value = getattr(self, label)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise QcogValueError(f"{label} must be a positive integer, got {value!r}")
        if not np.isfinite(self.bandwidth) or self.bandwidth <= 0:
            raise QcogValueError(f"bandwidth must be a positive number, got {self.bandwidth!r}")

    @classmethod
    def from_layer(cls, layer, name: str = "layer") -> FeatureMap:
        """The circuit of a :class:`~qcog.qml.QuantumLayer` (its current weights) as a map."""
        n_features = layer.n_inputs or layer.n_qubits
        return cls(layer.qfunc, layer.n_qubits, n_features,
                   {k: v.detach() for k, v in layer.weights_dict.items()}, name)

    def replace(self, **changes) -> FeatureMap:
        """A copy with some fields changed (``weights=``, ``bandwidth=``, ...)."""
        return dataclasses.replace(self, **changes)

    def describe(self) -> dict[str, Any]:
        """JSON-ready facts: name, qubits, features, bandwidth, weight shapes."""
        reps = getattr(self.qfunc, "reps", None)
        return {"name": self.name, "n_qubits": self.n_qubits, "n_features": self.n_features,
                "bandwidth": self.bandwidth, "reps": reps,
                "weights": {k: list(np.shape(v)) for k, v in self.weights.items()}}

    def check_inputs(self, x, what: str = "X") -> np.ndarray:
        """``x`` as a float64 array ``(B, n_features)``, or a clear error.

        Raises:
            QcogValueError: not 2-D numeric, NaN or inf values, or the wrong feature count.
        """
        try:
            array = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            raise QcogValueError(f"{what} must be numeric, shape (samples, features)") from None
        if array.ndim == 1 and self.n_features == 1:
            array = array[:, None]
        if array.ndim != 2:
            raise QcogValueError(
                f"{what} must be 2-D (samples, features), got shape {array.shape}"
            )
        if not np.isfinite(array).all():
            bad = int((~np.isfinite(array)).any(axis=1).sum())
            raise QcogValueError(
                f"{what} contains NaN or inf in {bad} of {len(array)} rows; features must be "
                "finite (impute or drop those rows)"
            )
        if array.shape[1] != self.n_features:
            raise QcogValueError(
                f"{what} has {array.shape[1]} features but feature map {self.name!r} on "
                f"{self.n_qubits} qubits takes {self.n_features}; reduce the features (e.g. "
                "PCA) or build the map for this many"
            )
        return np.ascontiguousarray(array)

    def states(self, x, dtype=None, device: str = "cpu"):
        """The states ``|psi(x)>`` as a complex tensor ``(B, 2**n_qubits)``.

        Args:
            x: ``(B, n_features)`` features (checked).
            dtype: ``torch.float32`` (complex64 states) or ``torch.float64`` (default).
            device: ``"cpu"`` or ``"cuda"``.
        """
        import torch

        dtype = torch_dtype(dtype)
        array = self.check_inputs(x) if not isinstance(x, torch.Tensor) else x
        inputs = torch.as_tensor(array, dtype=dtype, device=device) * self.bandwidth
        if hasattr(self.qfunc, "states") and not self.weights:
            return self.qfunc.states(inputs)
        from qcog.qml.engines.torch_engine import TorchEngine

        weights = {k: torch.as_tensor(v).to(dtype=dtype, device=device)
                   for k, v in self.weights.items()}
        psi = TorchEngine().statevector(self.qfunc, inputs, weights, self.n_qubits)
        return psi.expand(inputs.shape[0], -1) if psi.shape[0] != inputs.shape[0] else psi

    def circuits(self, x) -> list:
        """One bound Qiskit ``QuantumCircuit`` ``U(x)`` per row of ``x`` (no measurements).

        Qubit ``w`` is PennyLane wire ``w`` (see :mod:`qcog.qml.export`).
        """
        import torch

        from qcog.qml.export import to_qiskit

        inputs = torch.as_tensor(self.check_inputs(x)) * self.bandwidth
        weights = {k: torch.as_tensor(v, dtype=torch.float64) for k, v in self.weights.items()}
        view = _ExportView(self.qfunc, weights, self.n_qubits, torch.float64, self.n_features)
        return to_qiskit(view, inputs)
