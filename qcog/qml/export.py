"""A quantum layer's circuit as Qiskit circuits (qcog's own PennyLane -> Qiskit translation).

The lowered program (:mod:`qcog.qml.program`) is translated into a short list of
:class:`QiskitOp` records in which every parametrised gate is a rotation with one angle
(``rx ry rz p rxx ryy rzz``): Rot becomes three rotations, controlled rotations become
rotations between CNOTs, MultiRZ a CNOT ladder around ``rz``. Each such gate obeys the
two-term parameter-shift rule ``d<f>/da = (<f>(a + pi/2) - <f>(a - pi/2)) / 2``, which is
what the Qiskit engine uses for gradients. Angles stay torch tensors of the inputs and
weights, so autograd carries the chain rule (``theta/2`` and friends).

Wires map to qubits one to one (PennyLane wire ``w`` -> Qiskit qubit ``w``).

>>> import torch
>>> from qcog.qml import QuantumLayer
>>> layer = QuantumLayer(n_qubits=2, n_layers=1, seed=0)
>>> circuits = to_qiskit(layer, torch.zeros(3, 2))
>>> len(circuits), circuits[0].num_qubits, circuits[0].num_parameters
(3, 2, 0)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import torch

from qcog.exceptions import QcogValueError
from qcog.qml.program import GateLayer, Program, StatePrep, _lower_op, lower, record

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

    from qcog.qml.layer import QuantumLayer


class QiskitOp(NamedTuple):
    """One Qiskit instruction: ``QuantumCircuit.<name>(*angle?, *qubits)``; ``angle`` None if fixed."""

    name: str
    qubits: tuple[int, ...]
    angle: Any = None


def _one(name):
    return lambda w, p: [QiskitOp(name, w, p[0])]


def _fixed(name):
    return lambda w, p: [QiskitOp(name, w)]


def _rot(w, p):  # Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi)
    return [QiskitOp("rz", w, p[0]), QiskitOp("ry", w, p[1]), QiskitOp("rz", w, p[2])]


def _u3(w, p):  # U3(theta, phi, delta) = RZ(phi) RY(theta) RZ(delta) up to a global phase
    return [QiskitOp("rz", w, p[2]), QiskitOp("ry", w, p[0]), QiskitOp("rz", w, p[1])]


def _u2(w, p):
    return _u3(w, [math.pi / 2, p[0], p[1]])


def _controlled(rotation: str):
    """C-R(theta) = R(theta/2)_t CX R(-theta/2)_t CX (for R = RY, RZ)."""

    def build(w, p):
        c, t = w
        return [QiskitOp(rotation, (t,), p[0] / 2), QiskitOp("cx", (c, t)),
                QiskitOp(rotation, (t,), -p[0] / 2), QiskitOp("cx", (c, t))]

    return build


def _crx(w, p):
    t = (w[1],)
    return [QiskitOp("h", t), *_controlled("rz")(w, p), QiskitOp("h", t)]


def _crot(w, p):
    return [*_controlled("rz")(w, [p[0]]), *_controlled("ry")(w, [p[1]]),
            *_controlled("rz")(w, [p[2]])]


def _cphase(w, p):
    c, t = w
    return [QiskitOp("p", (c,), p[0] / 2), QiskitOp("cx", (c, t)), QiskitOp("p", (t,), -p[0] / 2),
            QiskitOp("cx", (c, t)), QiskitOp("p", (t,), p[0] / 2)]


def _multirz(w, p):
    ladder = [QiskitOp("cx", (w[i], w[i + 1])) for i in range(len(w) - 1)]
    return [*ladder, QiskitOp("rz", (w[-1],), p[0]), *reversed(ladder)]


def _decomposed(name: str):
    """Translate through PennyLane's own decomposition of ``name`` (for the excitation gates).

    Their decompositions use H, CNOT and RY with angles that are torch functions of the
    gate's angle, so every exported angle keeps the two-term parameter-shift rule.
    """

    def build(w, p):
        import pennylane as qml

        parts = getattr(qml, name)(*p, wires=list(w)).decomposition()
        wire = {q: q for q in w}
        return [op for part in parts for g in _lower_op(part, wire)
                for op in TRANSLATIONS[g.name](g.wires, list(g.params))]

    return build


#: Gate-table name -> ``f(qubits, params) -> [QiskitOp]``.
TRANSLATIONS: dict[str, Callable] = {
    "Identity": _fixed("id"), "Hadamard": _fixed("h"), "PauliX": _fixed("x"), "PauliY": _fixed("y"),
    "PauliZ": _fixed("z"), "S": _fixed("s"), "T": _fixed("t"), "SX": _fixed("sx"),
    "RX": _one("rx"), "RY": _one("ry"), "RZ": _one("rz"), "PhaseShift": _one("p"), "U1": _one("p"),
    "U2": _u2, "U3": _u3, "Rot": _rot,
    "CNOT": _fixed("cx"), "CY": _fixed("cy"), "CZ": _fixed("cz"), "SWAP": _fixed("swap"),
    "CRX": _crx, "CRY": _controlled("ry"), "CRZ": _controlled("rz"), "CRot": _crot,
    "ControlledPhaseShift": _cphase, "IsingXX": _one("rxx"), "IsingYY": _one("ryy"),
    "IsingZZ": _one("rzz"), "MultiRZ": _multirz, "Toffoli": _fixed("ccx"), "CSWAP": _fixed("cswap"),
    "SingleExcitation": _decomposed("SingleExcitation"),
    "DoubleExcitation": _decomposed("DoubleExcitation"),
}


def qiskit_ops(program: Program) -> list[QiskitOp]:
    """Translate a lowered program's gates (StatePrep excluded) into :class:`QiskitOp` records.

    Raises:
        QcogValueError: a state preparation (amplitude embedding) - it has no angles.
    """
    ops: list[QiskitOp] = []
    for item in program.gates:
        if isinstance(item, StatePrep):
            raise QcogValueError(
                "amplitude embedding (state preparation) cannot run on Qiskit engines (its "
                "amplitudes have no parameter-shift rule); use the angle or iqp embedding"
            )
        for gate in item.gates() if isinstance(item, GateLayer) else [item]:
            ops += TRANSLATIONS[gate.name](gate.wires, list(gate.params))
    return ops


def angle_matrix(ops: list[QiskitOp], batch: int, like: torch.Tensor) -> torch.Tensor:
    """The angles of the parametrised ops as one differentiable tensor ``(batch, K)``."""
    columns = []
    for op in ops:
        if op.angle is None:
            continue
        a = torch.as_tensor(op.angle, dtype=like.dtype, device=like.device)
        columns.append(a.reshape(-1).expand(batch))
    if not columns:
        return torch.zeros(batch, 0, dtype=like.dtype, device=like.device)
    return torch.stack(columns, dim=1)


def build_circuit(
    ops: list[QiskitOp], n_qubits: int, angles: Any = None
) -> QuantumCircuit:
    """A ``QuantumCircuit``: with ``angles`` (K values) bound, else a ParameterVector ``theta``."""
    from qiskit import QuantumCircuit
    from qiskit.circuit import ParameterVector

    k = sum(op.angle is not None for op in ops)
    values = ParameterVector("theta", k) if angles is None else [float(a) for a in angles]
    circuit = QuantumCircuit(n_qubits)
    index = 0
    for op in ops:
        method = getattr(circuit, op.name)
        if op.angle is None:
            method(*op.qubits)
        else:
            method(values[index], *op.qubits)
            index += 1
    return circuit


@dataclass
class ParametrizedExport:
    """A layer's circuit with one Qiskit Parameter per gate angle.

    Attributes:
        circuit: ``QuantumCircuit`` with ParameterVector ``theta`` (no measurements).
        values: ``values(x) -> ndarray (B, K)``: the angles for inputs ``x`` with the
            layer's current weights, in ``circuit.parameters`` order.
    """

    circuit: Any
    values: Callable


def _program(layer, x: torch.Tensor) -> Program:
    x = x.to(dtype=layer.dtype)
    with torch.no_grad():
        return lower(record(layer.qfunc, x, **layer.weights_dict), layer.n_qubits)


def _state_prep_circuits(layer, program: Program, x: torch.Tensor):
    """Bound circuits for a program that starts with a state preparation."""
    from qiskit import QuantumCircuit
    from qiskit.circuit.library import StatePreparation

    prep = program.gates[0]
    rest = qiskit_ops(Program(program.n_wires, program.gates[1:], program.measurements))
    states = torch.as_tensor(prep.state).detach().cpu().reshape(-1, 2 ** len(prep.wires)).numpy()
    angles = angle_matrix(rest, len(states), x).detach().cpu().numpy()
    circuits = []
    for state, row in zip(states, angles):
        circuit = QuantumCircuit(layer.n_qubits)
        # Qiskit's amplitude index has qubit 0 least significant; PennyLane's wire 0 is the most.
        circuit.append(StatePreparation(state.astype(complex)), list(reversed(prep.wires)))
        circuits.append(circuit.compose(build_circuit(rest, layer.n_qubits, row)))
    return circuits


def to_qiskit(
    layer: QuantumLayer, x: torch.Tensor | None = None, parametrized: bool = False
) -> QuantumCircuit | list[QuantumCircuit]:
    """Export ``layer``'s circuit with its current (trained) weights to Qiskit.

    Args:
        layer: a :class:`~qcog.qml.layer.QuantumLayer`.
        x: inputs ``(B, features)``; required for bound circuits; with ``parametrized``
            only its shape matters (default zeros of the layer's input width).
        parametrized: return a :class:`ParametrizedExport` (one circuit with Parameters
            and the function giving their values) instead of bound circuits.

    Returns:
        a list of ``B`` bound ``QuantumCircuit`` (no measurements), or a
        :class:`ParametrizedExport`.

    Raises:
        QcogValueError: missing inputs, or a parametrized export of amplitude embedding.
    """
    if x is None:
        if not parametrized:
            raise QcogValueError("bound export needs inputs x of shape (batch, features)")
        x = torch.zeros(1, layer.n_inputs or layer.n_qubits, dtype=layer.dtype)
    x = x.reshape(-1, x.shape[-1]).to(dtype=layer.dtype)
    program = _program(layer, x)
    if not parametrized and program.gates and isinstance(program.gates[0], StatePrep):
        return _state_prep_circuits(layer, program, x)
    ops = qiskit_ops(program)
    if parametrized:
        def values(inputs: torch.Tensor):
            inputs = inputs.reshape(-1, inputs.shape[-1]).to(dtype=layer.dtype)
            found = qiskit_ops(_program(layer, inputs))
            return angle_matrix(found, inputs.shape[0], inputs).detach().cpu().numpy()

        return ParametrizedExport(build_circuit(ops, layer.n_qubits), values)
    angles = angle_matrix(ops, x.shape[0], x).detach().cpu().numpy()
    return [build_circuit(ops, layer.n_qubits, row) for row in angles]
