"""Reading a PennyLane ``QNode`` or ``qml.qnn.TorchLayer`` into what a QuantumLayer needs.

A QNode carries its quantum function, its device's wires (any labels, in the device's
order), its shots and settings (device, ``diff_method``) that a qcog engine replaces;
a TorchLayer carries a QNode, its weight shapes and its current weights.
:func:`read_circuit` returns all of it as a :class:`CircuitSource` and says in a warning
which QNode settings the chosen engine replaces.

>>> import pennylane as qml, warnings
>>> @qml.qnode(qml.device("default.qubit", wires=["a", "b"]))
... def circuit(inputs, w):
...     qml.RX(inputs[..., 0], wires="a")
...     return qml.expval(qml.Z("a"))
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     source = read_circuit(circuit, "torch")
>>> source.wires, source.shots
(['a', 'b'], None)
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from qcog.exceptions import QcogValueError


@dataclass
class CircuitSource:
    """A quantum function and what came with it.

    Attributes:
        qfunc: ``qfunc(inputs, **weights)``.
        wires: wire labels, or None for ``0 .. n - 1`` (known only from a QNode).
        shots: shots of the QNode's device (None: exact).
        weight_shapes: from a TorchLayer, ``{name: shape}``; else None.
        weights: from a TorchLayer, its current weight tensors.
    """

    qfunc: Callable
    wires: list | None = None
    shots: int | None = None
    weight_shapes: dict | None = None
    weights: dict = field(default_factory=dict)


def _is_torch_layer(obj) -> bool:
    return type(obj).__name__ == "TorchLayer" and hasattr(obj, "qnode")


def _is_qnode(obj) -> bool:
    return type(obj).__name__ == "QNode" and hasattr(obj, "func") and hasattr(obj, "device")


def read_circuit(circuit: Callable, engine: str) -> CircuitSource:
    """The quantum function, wires, shots (and TorchLayer weights) of ``circuit``.

    Args:
        circuit: a ``qml.QNode``, a ``qml.qnn.TorchLayer`` or a plain quantum function.
        engine: the engine that will run it (named in the warning).

    Returns:
        A :class:`CircuitSource`.

    Raises:
        QcogValueError: ``circuit`` is not callable.
    """
    if _is_torch_layer(circuit):
        source = read_circuit(circuit.qnode, engine)
        source.weight_shapes = {name: tuple(p.shape) for name, p in circuit.qnode_weights.items()}
        source.weights = {name: p.detach().clone() for name, p in circuit.qnode_weights.items()}
        return source
    if _is_qnode(circuit):
        device = circuit.device
        shots = getattr(device, "shots", None)
        total = getattr(shots, "total_shots", shots)
        if device.name != engine:
            warnings.warn(
                f"QuantumLayer runs this QNode's circuit on engine {engine!r}: the QNode's "
                f"device {device.name!r} and diff_method {circuit.diff_method!r} are not used "
                f"(pass engine={device.name!r} to keep the device)",
                UserWarning, stacklevel=3,
            )
        return CircuitSource(circuit.func, list(device.wires), int(total) if total else None)
    if not callable(circuit):
        raise QcogValueError(
            f"expected a quantum function, a qml.QNode or a qml.qnn.TorchLayer, got "
            f"{type(circuit).__name__}"
        )
    return CircuitSource(circuit)
