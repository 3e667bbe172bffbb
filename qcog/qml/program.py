"""A PennyLane circuit lowered to qcog's gate table: the input of the torch and Qiskit engines.

:func:`record` runs a quantum function under PennyLane's queuing into a tape;
:func:`lower` turns the tape's operations into :class:`Gate` records of the gate table
(:data:`qcog.qml.gates.GATES`): known templates are expanded by qcog's own expanders
(fast, parameters stay torch views of the inputs and weights so autograd flows), other
operations by PennyLane's ``decomposition()``, and anything that still is not in the
table raises an error naming it.

>>> import torch, pennylane as qml
>>> def qfunc(inputs):
...     qml.AngleEmbedding(inputs, wires=[0, 1])
...     qml.CNOT(wires=[0, 1])
...     return qml.expval(qml.PauliZ(1))
>>> program = lower(record(qfunc, torch.zeros(3, 2)), n_wires=2)
>>> [(g.name, g.wires) for g in program.gates], program.measurements[0].kind
([('RX', (0, 1)), ('CNOT', (0, 1))], 'expval')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import torch

from qcog.exceptions import QcogValueError
from qcog.qml.gates import GATES

if TYPE_CHECKING:  # for annotations only; imported where used
    from pennylane.tape import QuantumScript


class Gate(NamedTuple):
    """One gate of the lowered circuit.

    Attributes:
        name: key of the gate table.
        wires: wire indices ``0 .. n-1`` (PennyLane order: wire 0 most significant).
        params: real parameters, each a tensor of shape ``()`` or ``(B,)``.
    """

    name: str
    wires: tuple[int, ...]
    params: tuple[Any, ...]


class GateLayer(NamedTuple):
    """The same one-qubit gate on several distinct wires at once (one layer of a template).

    Attributes:
        name: key of the gate table (a one-qubit gate).
        wires: distinct wire indices.
        params: real parameters, each of shape ``(len(wires),)`` or ``(B, len(wires))``:
            the last axis runs over the wires.
    """

    name: str
    wires: tuple[int, ...]
    params: tuple[Any, ...]

    def gates(self) -> list[Gate]:
        """The layer as one :class:`Gate` per wire."""
        return [Gate(self.name, (w,), tuple(p[..., i] for p in self.params))
                for i, w in enumerate(self.wires)]


class StatePrep(NamedTuple):
    """Amplitudes ``(B, 2**k)`` or ``(2**k,)`` loaded on ``wires`` (only at the start)."""

    wires: tuple[int, ...]
    state: Any


class Measurement(NamedTuple):
    """What is read out.

    Attributes:
        kind: ``"expval"``, ``"var"`` or ``"probs"``.
        wires: the wires read (for expval/var, the observable's wires).
        observable: for expval/var, the lowered observable (:mod:`qcog.qml.observables`).
        rotation: for ``probs(op=...)``, the lowered gates that rotate the observable's
            eigenbasis onto the computational basis (applied before reading).
    """

    kind: str
    wires: tuple[int, ...]
    observable: Any = None
    rotation: tuple = ()

    @property
    def paulis(self) -> str | None:
        """For a single Pauli word with coefficient 1: its letters over ``wires``; else None."""
        from qcog.qml.observables import PauliTerms

        if self.kind == "probs" or not isinstance(self.observable, PauliTerms):
            return None
        return self.observable.word(self.wires)


@dataclass
class Program:
    """A lowered circuit: gates in order (a leading :class:`StatePrep` allowed), measurements."""

    n_wires: int
    gates: list
    measurements: list[Measurement]

    def signature(self) -> tuple:
        """The circuit's structure without parameter values (a cache key)."""
        return tuple((type(g).__name__, getattr(g, "name", ""), g.wires) for g in self.gates)


def record(qfunc: Callable, inputs: Any, **weights: Any) -> QuantumScript:
    """Run ``qfunc(inputs, **weights)`` under PennyLane queuing; return the tape."""
    import pennylane as qml

    return qml.tape.make_qscript(qfunc)(inputs, **weights)


def _col(t, index):
    """``t[..., index]`` keeping a leading batch dimension (or a scalar)."""
    return t[..., index]


def _angle(op, wire):
    rotation = op.hyperparameters["rotation"]
    name = rotation if isinstance(rotation, str) else rotation.__name__
    name = {"X": "RX", "Y": "RY", "Z": "RZ"}.get(name, name)
    features = op.parameters[0]  # (B, f) or (f,), f <= len(wires)
    wires = tuple(wire[w] for w in op.wires[: features.shape[-1]])
    return [GateLayer(name, wires, (features,))]


def _strongly(op, wire):
    weights = op.parameters[0]  # (L, n, 3)
    ranges = op.hyperparameters["ranges"]
    imprimitive = op.hyperparameters["imprimitive"].__name__
    wires = [wire[w] for w in op.wires]
    n = len(wires)
    out = []
    for layer in range(weights.shape[-3]):
        out.append(GateLayer("Rot", tuple(wires), tuple(weights[..., layer, :, k] for k in range(3))))
        if n > 1:
            out += [Gate(imprimitive, (wires[i], wires[(i + ranges[layer]) % n]), ()) for i in range(n)]
    return out


def _basic(op, wire):
    weights = op.parameters[0]  # (L, n)
    rotation = op.hyperparameters["rotation"]
    name = rotation if isinstance(rotation, str) else rotation.__name__
    name = {"X": "RX", "Y": "RY", "Z": "RZ"}.get(name, name)
    wires = [wire[w] for w in op.wires]
    n = len(wires)
    out = []
    for layer in range(weights.shape[-2]):
        out.append(GateLayer(name, tuple(wires), (weights[..., layer, :],)))
        if n == 2:
            out.append(Gate("CNOT", tuple(wires), ()))
        elif n > 2:
            out += [Gate("CNOT", (wires[i], wires[(i + 1) % n]), ()) for i in range(n)]
    return out


def _iqp(op, wire):
    features = op.parameters[0]
    wires = [wire[w] for w in op.wires]
    position = {w: i for i, w in enumerate(op.wires)}
    out = []
    for _ in range(op.hyperparameters["n_repeats"]):
        for i, w in enumerate(wires):
            out += [Gate("Hadamard", (w,), ()), Gate("RZ", (w,), (_col(features, i),))]
        for a, b in op.hyperparameters["pattern"]:
            product = _col(features, position[a]) * _col(features, position[b])
            out.append(Gate("MultiRZ", (wire[a], wire[b]), (product,)))
    return out


def _state(op, wire):
    return [StatePrep(tuple(wire[w] for w in op.wires), op.parameters[0])]


#: PennyLane template name -> qcog's expander ``f(op, wire_index) -> [Gate]``.
#: Templates not listed here are decomposed by PennyLane.
EXPANDERS: dict[str, Callable] = {
    "AngleEmbedding": _angle,
    "StronglyEntanglingLayers": _strongly,
    "BasicEntanglerLayers": _basic,
    "IQPEmbedding": _iqp,
    "AmplitudeEmbedding": _state,
    "StatePrep": _state,
}

_ALIASES = {"X": "PauliX", "Y": "PauliY", "Z": "PauliZ", "H": "Hadamard", "I": "Identity"}


def _lower_op(op, wire: dict, depth: int = 0) -> list:
    name = _ALIASES.get(op.name, op.name)
    if name in GATES:
        return [Gate(name, tuple(wire[w] for w in op.wires), tuple(op.parameters))]
    if name in EXPANDERS:
        return EXPANDERS[name](op, wire)
    try:
        parts = op.decomposition()
    except Exception as error:  # noqa: BLE001 - PennyLane raises several error types here
        raise QcogValueError(
            f"the torch engine does not support operation {op.name!r} and it has no "
            f"decomposition ({type(error).__name__}); supported gates: "
            f"{', '.join(sorted(GATES))}; templates: {', '.join(sorted(EXPANDERS))}. "
            "Use engine='default.qubit' for it."
        ) from None
    if depth > 8:
        raise QcogValueError(f"operation {op.name!r} does not decompose into supported gates")
    return [gate for part in parts for gate in _lower_op(part, wire, depth + 1)]


def _lower_measurement(mp, wire: dict, n_wires: int, cache: dict | None) -> Measurement:
    kind = type(mp).__name__
    if kind == "ProbabilityMP":
        if mp.obs is not None:  # probs(op=...): rotate to the observable's eigenbasis first
            rotation = [g for op in mp.obs.diagonalizing_gates() for g in _lower_op(op, wire)]
            return Measurement("probs", tuple(wire[w] for w in mp.obs.wires), rotation=tuple(rotation))
        wires = tuple(wire[w] for w in mp.wires) if len(mp.wires) else tuple(range(n_wires))
        return Measurement("probs", wires)
    if kind in ("ExpectationMP", "VarianceMP") and mp.obs is not None:
        obs = mp.obs
        lowered = _lowered_observable(obs, wire, n_wires, cache)
        return Measurement("expval" if kind == "ExpectationMP" else "var",
                           tuple(wire[w] for w in obs.wires), observable=lowered)
    raise QcogValueError(
        f"the torch engine supports qml.expval, qml.var and qml.probs, not {kind}; "
        "use engine='default.qubit' for other measurements"
    )


#: Lowered observables kept per engine (by identity of the PennyLane observable).
OBSERVABLE_CACHE_SIZE = 64


def _lowered_observable(obs, wire: dict, n_wires: int, cache: dict | None):
    """Lower ``obs``; reuse the result for the same observable object when it holds no tensors."""
    from qcog.qml.observables import lower_observable

    if cache is None or any(isinstance(d, torch.Tensor) for d in obs.data):
        return lower_observable(obs, wire, n_wires)
    key = ("observable", id(obs), tuple(wire.items()), n_wires)
    entry = cache.get(key)
    if entry is None or entry[0] is not obs:
        if sum(1 for k in cache if k[0] == "observable") >= OBSERVABLE_CACHE_SIZE:
            for k in [k for k in cache if k[0] == "observable"]:
                del cache[k]
        entry = cache[key] = (obs, lower_observable(obs, wire, n_wires))  # holds obs: id stays
    return entry[1]


def lower(
    tape: QuantumScript, n_wires: int, wires: list | None = None, cache: dict | None = None
) -> Program:
    """Lower a recorded tape to a :class:`Program` of gate-table gates.

    Args:
        tape: a PennyLane ``QuantumScript`` (from :func:`record`).
        n_wires: number of wires of the circuit.
        wires: the wire labels in order (default ``0 .. n_wires-1``).
        cache: a dict the caller keeps between calls (lowered observables are reused).

    Raises:
        QcogValueError: an operation or measurement the engine does not support (named).
    """
    labels = list(range(n_wires)) if wires is None else list(wires)
    wire = {label: i for i, label in enumerate(labels)}
    unknown = [w for w in tape.wires if w not in wire]
    if unknown:
        raise QcogValueError(f"the circuit uses wires {unknown} outside the layer's wires {labels}")
    gates = [g for op in tape.operations for g in _lower_op(op, wire)]
    for position, gate in enumerate(gates):
        if isinstance(gate, GateLayer) and gate.name not in GATES:
            raise QcogValueError(f"the torch engine does not support operation {gate.name!r}")
        if isinstance(gate, StatePrep) and position != 0:
            raise QcogValueError("state preparation (AmplitudeEmbedding) must come first")
    measurements = [_lower_measurement(mp, wire, n_wires, cache) for mp in tape.measurements]
    if not measurements:
        raise QcogValueError(
            "the quantum function must return qml.expval(...), qml.var(...) or qml.probs(...)")
    return Program(n_wires, gates, measurements)


def as_batched(value: Any, like: torch.Tensor) -> torch.Tensor:
    """A parameter as a real tensor of shape ``(B,)`` or ``(1,)`` on ``like``'s device."""
    if not isinstance(value, torch.Tensor):
        return torch.tensor([float(value)], dtype=like.dtype, device=like.device)
    value = value.to(dtype=like.dtype, device=like.device)
    return value.reshape(-1) if value.dim() else value.reshape(1)
