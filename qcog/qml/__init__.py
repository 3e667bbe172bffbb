"""Variational quantum layers for PyTorch, built from PennyLane circuits.

``import qcog`` does not import this package; importing it imports torch (PennyLane and
Qiskit are imported when an engine or template needs them).

>>> import torch
>>> from qcog.qml import QuantumLayer
>>> layer = QuantumLayer(n_qubits=2, n_layers=1, seed=0)
>>> layer(torch.zeros(4, 2)).shape
torch.Size([4, 2])
"""

from qcog.lazy_exports import lazy_getattr

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

__getattr__ = lazy_getattr(__name__, _LAZY)
