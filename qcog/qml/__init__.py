"""Variational quantum layers for PyTorch, built from PennyLane circuits.

``import qcog`` does not import this package; importing it imports torch (PennyLane and
Qiskit are imported when an engine or template needs them).

>>> import torch
>>> from qcog.qml import QuantumLayer
>>> layer = QuantumLayer(n_qubits=2, n_layers=1, seed=0)
>>> layer(torch.zeros(4, 2)).shape
torch.Size([4, 2])
"""

from importlib import import_module
from typing import Any

_LAZY = {
    "QuantumLayer": "qcog.qml.layer",
    "LayerConfig": "qcog.qml.config",
    "TemplateCircuit": "qcog.qml.templates",
    "EMBEDDINGS": "qcog.qml.templates",
    "ANSATZES": "qcog.qml.templates",
    "GATES": "qcog.qml.gates",
    "make_engine": "qcog.qml.engines",
    "to_qiskit": "qcog.qml.export",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qcog.qml' has no attribute {name!r}")
