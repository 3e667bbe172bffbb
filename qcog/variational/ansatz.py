"""A parametrised circuit (ansatz) and the quantum functions every engine runs from it.

An ansatz is any object with ``n_qubits``, ``n_params``, ``apply(theta)`` (queue its
PennyLane gates for the flat parameter vector ``theta``) and ``initial(seed)`` (the
starting parameters). :func:`energy_layer` turns it and an observable into a
:class:`qcog.qml.QuantumLayer` whose output is ``<psi(theta)|H|psi(theta)>``: the same
layer runs on qcog's torch engine (Hamiltonian expectation without a per-term loop),
on PennyLane's ``default.qubit`` / ``lightning.qubit``, with gradients.

>>> import pennylane as qml, torch
>>> class OneRotation:
...     n_qubits, n_params = 1, 1
...     def apply(self, theta):
...         qml.RY(theta[0], wires=0)
...     def initial(self, seed=None):
...         return [0.0]
>>> layer = energy_layer(OneRotation(), qml.PauliZ(0), engine="default.qubit")
>>> layer(torch.zeros(0, dtype=torch.float64)).item()
1.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from qcog.exceptions import QcogValueError

#: The name of the one weight every variational layer has (a flat vector).
WEIGHT = "theta"


class Ansatz(Protocol):
    """What VQE and QAOA need from a parametrised circuit."""

    n_qubits: int
    n_params: int

    def apply(self, theta: Any) -> None:
        """Queue the circuit's gates for parameters ``theta`` (shape ``(n_params,)``)."""

    def initial(self, seed: int | None = None) -> Sequence[float]:
        """The starting parameters."""


def energy_qfunc(ansatz: Ansatz, observable: Any) -> Callable:
    """``qfunc(inputs, theta)``: the ansatz, then ``qml.expval(observable)``."""

    def qfunc(inputs, theta):
        import pennylane as qml

        ansatz.apply(theta)
        return qml.expval(observable)

    return qfunc


def probs_qfunc(ansatz: Ansatz) -> Callable:
    """``qfunc(inputs, theta)``: the ansatz, then the probabilities of all basis states."""

    def qfunc(inputs, theta):
        import pennylane as qml

        ansatz.apply(theta)
        return qml.probs(wires=range(ansatz.n_qubits))

    return qfunc


def energy_layer(ansatz: Ansatz, observable: Any, engine: str = "torch", seed: int | None = 0,
                 theta: Sequence[float] | None = None) -> Any:
    """A float64 :class:`~qcog.qml.QuantumLayer` computing the energy of ``ansatz``.

    Call it with ``torch.zeros(0, dtype=torch.float64)`` (no inputs); its one weight
    ``theta`` starts at ``theta`` or ``ansatz.initial(seed)``.

    Args:
        ansatz: see :class:`Ansatz`.
        observable: a PennyLane observable (a Pauli sum, Hamiltonian, ...).
        engine: ``torch``, ``default.qubit``, ``lightning.qubit``, ...
        seed: seed of ``ansatz.initial``.
        theta: explicit starting parameters.

    Raises:
        QcogValueError: ``theta`` of the wrong length.
    """
    import torch

    from qcog.qml import QuantumLayer

    start = ansatz.initial(seed) if theta is None else theta
    start = torch.as_tensor(list(start), dtype=torch.float64).reshape(-1)
    if start.numel() != ansatz.n_params:
        raise QcogValueError(
            f"the ansatz has {ansatz.n_params} parameters, got {start.numel()} starting values"
        )
    layer = QuantumLayer(n_qubits=ansatz.n_qubits, qfunc=energy_qfunc(ansatz, observable),
                         weight_shapes={WEIGHT: (ansatz.n_params,)}, engine=engine,
                         dtype=torch.float64, init="zeros", seed=seed)
    with torch.no_grad():
        getattr(layer, WEIGHT).copy_(start)
    return layer


def probabilities(ansatz: Ansatz, theta: Sequence[float], engine: str = "torch") -> Any:
    """The probabilities of all ``2**n`` basis states (numpy; wire 0 is the most significant bit)."""
    import torch

    from qcog.qml import QuantumLayer

    layer = QuantumLayer(n_qubits=ansatz.n_qubits, qfunc=probs_qfunc(ansatz),
                         weight_shapes={WEIGHT: (ansatz.n_params,)}, engine=engine,
                         dtype=torch.float64, init="zeros")
    with torch.no_grad():
        getattr(layer, WEIGHT).copy_(torch.as_tensor(list(theta), dtype=torch.float64))
        return layer(no_inputs()).reshape(-1).numpy()


def no_inputs() -> Any:
    """The empty input a variational layer is called with."""
    import torch

    return torch.zeros(0, dtype=torch.float64)


def statevector(ansatz: Ansatz, theta: Sequence[float]) -> Any:
    """The final state of ``ansatz`` at ``theta`` on qcog's torch engine (numpy, wire 0 most significant)."""
    import torch

    from qcog.qml.engines.torch_engine import TorchEngine

    weights = {WEIGHT: torch.as_tensor(list(theta), dtype=torch.float64)}
    psi = TorchEngine().statevector(probs_qfunc(ansatz), no_inputs(), weights, ansatz.n_qubits)
    return psi[0].detach().numpy()
