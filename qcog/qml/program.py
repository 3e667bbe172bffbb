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
    """A lowered circuit: gates in order (a leading :class:`StatePrep` allowed), measurements.

    ``output`` says how the quantum function returned its measurements (see
    :meth:`assemble`): ``"single"`` (one measurement), ``"list"`` or ``"tuple"``.
    """

    n_wires: int
    gates: list
    measurements: list[Measurement]
    output: str = "single"

    def signature(self) -> tuple:
        """The circuit's structure without parameter values (a cache key): gate kinds, names,
        wires, and which gates have batched parameters."""
        return tuple((type(g).__name__, getattr(g, "name", ""), g.wires, batched(g))
                     for g in self.gates)

    def assemble(self, outputs: list, batched: bool) -> torch.Tensor:
        """Lay out the measurements' values as ``qml.qnn.TorchLayer`` does.

        Args:
            outputs: one tensor per measurement, ``(B,)`` or ``(B, k)`` (``B`` may be 1
                when nothing depended on a batch; it is then expanded by the caller).
            batched: whether the inputs had a batch dimension.

        Returns:
            A single measurement as it is (``(B,)`` for expval/var, ``(B, 2**k)`` for
            probs); a list or tuple of measurements as ``(B, total)``, even of one
            element (``(B, 1)``); without a batch the leading dimension is dropped.
            (TorchLayer stacks a *tuple* of measurements as ``(m, B, 1)``; qcog keeps
            ``(B, m)`` for tuples as for lists.)
        """
        if self.output == "single" and len(outputs) == 1:
            out = outputs[0]
        elif len(outputs) == 1:  # e.g. all <Z_i> read by one matmul: no concatenation
            out = outputs[0].reshape(outputs[0].shape[0], -1)
        else:
            out = torch.cat([o.reshape(o.shape[0], -1) for o in outputs], dim=1)
        return out if batched else out[0]


def batched(item: Gate | GateLayer | StatePrep) -> bool:
    """Whether a gate (or layer) has a parameter with a batch dimension."""
    if isinstance(item, StatePrep):
        return getattr(item.state, "dim", lambda: 1)() > 1
    least = 2 if isinstance(item, GateLayer) else 3 if item.name == "QubitUnitary" else 1
    for p in item.params:
        dim = getattr(p, "dim", None)
        if dim is not None and dim() >= least:
            return True
    return False


class Recording(NamedTuple):
    """A recorded quantum function: its tape and how it returned its measurements."""

    tape: Any
    output: str  # "single", "list" or "tuple"


def trace(qfunc: Callable, inputs: Any, **weights: Any) -> Recording:
    """Run ``qfunc(inputs, **weights)`` under PennyLane queuing; the tape and its output form."""
    from pennylane.queuing import AnnotatedQueue
    from pennylane.tape import QuantumScript

    with AnnotatedQueue() as queue:
        result = qfunc(inputs, **weights)
    output = "tuple" if isinstance(result, tuple) else "list" if isinstance(result, list) else "single"
    return Recording(QuantumScript.from_queue(queue), output)


def record(qfunc: Callable, inputs: Any, **weights: Any) -> QuantumScript:
    """Run ``qfunc(inputs, **weights)`` under PennyLane queuing; return the tape."""
    return trace(qfunc, inputs, **weights).tape


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
    imprimitive = op.hyperparameters["imprimitive"]
    labels = list(op.wires)
    wires = [wire[w] for w in labels]
    n = len(wires)
    out = []
    for layer in range(weights.shape[-3]):
        block = weights[..., layer, :, :]  # (n, 3): one view per angle, as one unbind
        angles = block.unbind(-1) if isinstance(block, torch.Tensor) else [block[..., k] for k in range(3)]
        out.append(GateLayer("Rot", tuple(wires), tuple(angles)))
        if n > 1:
            for i in range(n):
                pair = [labels[i], labels[(i + ranges[layer]) % n]]
                if imprimitive.__name__ in GATES:  # no PennyLane object needed (faster)
                    out.append(Gate(imprimitive.__name__, tuple(wire[w] for w in pair), ()))
                else:
                    out += _lower_op(imprimitive(wires=pair), wire)
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

#: Operations that do nothing to a state (dropped when lowering).
NO_OPS = ("Identity", "Snapshot", "Barrier")
#: Expanders that only apply to the first operation (later ones are decomposed, as
#: PennyLane devices do).
INITIAL_ONLY = ("AmplitudeEmbedding", "StatePrep")
#: Widest operation applied through its matrix when nothing else lowers it.
MATRIX_FALLBACK_WIRES = 3


def _lower_op(op, wire: dict, depth: int = 0, first: bool = False) -> list:
    name = _ALIASES.get(op.name, op.name)
    if name in NO_OPS:
        return []
    if name in GATES:
        return [Gate(name, tuple(wire[w] for w in _wire_labels(op)), tuple(op.data))]
    if name in EXPANDERS and (first or name not in INITIAL_ONLY):
        return EXPANDERS[name](op, wire)
    try:
        if depth > 8:
            raise QcogValueError(f"operation {op.name!r} does not decompose into supported gates")
        parts = op.decomposition()
        return [gate for part in parts for gate in _lower_op(part, wire, depth + 1)]
    except Exception as error:  # noqa: BLE001 - PennyLane raises several error types here
        matrix = _matrix_of(op)
        if matrix is not None:
            return [Gate("QubitUnitary", tuple(wire[w] for w in op.wires), (matrix,))]
        raise QcogValueError(
            f"the torch engine cannot apply operation {op.name!r}: it is not in the gate table, "
            f"its decomposition failed ({type(error).__name__}) and it has no matrix on at most "
            f"{MATRIX_FALLBACK_WIRES} wires. Supported gates: {', '.join(sorted(GATES))}; "
            f"templates: {', '.join(sorted(EXPANDERS))}. Use engine='default.qubit' for it."
        ) from None


def _wire_labels(op) -> tuple:
    """The operation's wire labels. A controlled operation's (CNOT, CRX, ...) are read from
    its parts: its ``wires`` property builds a new ``Wires`` on every call (3.7 us for a
    CNOT against 0.3 us for an RY, in a circuit that is mostly CNOTs)."""
    base = getattr(op, "base", None)
    if base is not None and hasattr(op, "control_wires"):
        return (*op.control_wires, *base.wires)
    return tuple(op.wires)


def _matrix_of(op):
    """The operation's matrix (batched when its parameters are) if it is small, else None."""
    if not op.has_matrix or not 0 < len(op.wires) <= MATRIX_FALLBACK_WIRES:
        return None
    try:
        return op.matrix()
    except Exception:  # noqa: BLE001 - no matrix for these parameters
        return None


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


#: Lowered observables kept per engine.
OBSERVABLE_CACHE_SIZE = 64


def _observable_key(obs, wire: dict, n_wires: int) -> tuple:
    """Cache key: the structure of an observable without parameters (a new ``qml.PauliZ(0)``
    every call hits), else the identity of the observable object."""
    where = (tuple(wire.items()), n_wires)
    if not obs.data:
        return ("observable", obs.hash, where)
    return ("observable", id(obs), where)


def _lowered_observable(obs, wire: dict, n_wires: int, cache: dict | None):
    """Lower ``obs``, reusing the result for the same structure or the same object.

    Observables holding torch tensors (trainable coefficients or matrices) are lowered
    on every call, so an in-place update of the tensors is never missed.
    """
    from qcog.qml.observables import lower_observable

    if cache is None:
        return lower_observable(obs, wire, n_wires)
    key = _observable_key(obs, wire, n_wires)
    entry = cache.get(key)
    if entry is not None and (entry[0] is obs or not obs.data):
        return entry[1]
    lowered = lower_observable(obs, wire, n_wires)
    if any(isinstance(d, torch.Tensor) for d in obs.data):
        return lowered
    if sum(1 for k in cache if k[0] == "observable") >= OBSERVABLE_CACHE_SIZE:
        for k in [k for k in cache if k[0] == "observable"]:
            del cache[k]
    cache[key] = (obs, lowered)  # holds obs, so its id is not reused while cached
    return lowered


def lower(
    tape: QuantumScript, n_wires: int, wires: list | None = None, cache: dict | None = None
) -> Program:
    """Lower a recorded tape to a :class:`Program` of gate-table gates.

    Args:
        tape: a PennyLane ``QuantumScript`` (from :func:`record`), or a :class:`Recording`
            (from :func:`trace`; then the program knows its output form).
        n_wires: number of wires of the circuit.
        wires: the wire labels in order (default ``0 .. n_wires-1``).
        cache: a dict the caller keeps between calls (lowered observables are reused).

    Raises:
        QcogValueError: an operation or measurement the engine does not support (named).
    """
    output = "single"
    if isinstance(tape, Recording):
        tape, output = tape
    labels = list(range(n_wires)) if wires is None else list(wires)
    wire = {label: i for i, label in enumerate(labels)}
    unknown = [w for w in tape.wires if w not in wire]
    if unknown:
        raise QcogValueError(f"the circuit uses wires {unknown} outside the layer's wires {labels}")
    gates = [g for i, op in enumerate(tape.operations) for g in _lower_op(op, wire, first=i == 0)]
    for gate in gates:
        if isinstance(gate, GateLayer) and gate.name not in GATES:
            raise QcogValueError(f"the torch engine does not support operation {gate.name!r}")
    measurements = [_lower_measurement(mp, wire, n_wires, cache) for mp in tape.measurements]
    if not measurements:
        raise QcogValueError(
            "the quantum function must return qml.expval(...), qml.var(...) or qml.probs(...)")
    return Program(n_wires, gates, measurements, output)


def as_batched(value: Any, like: torch.Tensor) -> torch.Tensor:
    """A parameter as a real tensor of shape ``(B,)`` or ``(1,)`` on ``like``'s device."""
    if not isinstance(value, torch.Tensor):
        return torch.tensor([float(value)], dtype=like.dtype, device=like.device)
    value = value.to(dtype=like.dtype, device=like.device)
    return value.reshape(-1) if value.dim() else value.reshape(1)
