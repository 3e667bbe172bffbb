"""A lowered program compiled into evolution steps, kept per circuit structure.

:func:`compile_plan` looks at a :class:`~qcog.qml.program.Program` once per structure
(gate names and wires, never parameter values) and decides how each gate is applied:

* the leading one-qubit gates on ``|0...0>`` (embeddings) form a product state, or a
  leading state preparation gives the initial state;
* runs of permutation gates (CNOT rings) fuse into one :class:`Permutation` with a
  precomputed index;
* a layer of one-qubit gates on every wire becomes a few :class:`Block` Kronecker
  products (``group_size`` contiguous wires each);
* other gates become :class:`Block` (contiguous ascending wires), :class:`Diagonal` or
  :class:`Dense` (any wires) steps.

Each step comes with a builder that turns this call's gate parameters into the step's
operand (a batched complex matrix or diagonal), so a cached plan serves every call with
the same structure.

>>> import torch, pennylane as qml
>>> from qcog.qml.program import lower, record
>>> def qfunc(inputs):
...     qml.AngleEmbedding(inputs, wires=[0, 1])
...     qml.CNOT(wires=[0, 1])
...     qml.RZ(inputs[..., 0], wires=1)
...     return qml.expval(qml.PauliZ(1))
>>> plan = compile_plan(lower(record(qfunc, torch.zeros(3, 2)), n_wires=2), 3, "cpu")
>>> plan.prefix, [type(s).__name__ for s in plan.steps]
(1, ['Permutation', 'Diagonal'])
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import torch

from qcog.qml.engines.state_ops import kron
from qcog.qml.engines.steps import Block, Dense, Diagonal, Permutation
from qcog.qml.gates import GATES, complex_dtype, gate_diagonal, gate_matrix, permutation_of
from qcog.qml.program import Gate, GateLayer, Program, StatePrep, as_batched


def gate_params(gate: Gate, like: torch.Tensor) -> list[torch.Tensor]:
    """The gate's parameters as real ``(B,)`` or ``(1,)`` tensors, broadcast to one shape.

    A QubitUnitary's parameter is its matrix: complex ``(B', 2**k, 2**k)``.
    """
    if gate.name == "QubitUnitary":
        size = 2 ** len(gate.wires)
        matrix = torch.as_tensor(gate.params[0], device=like.device)
        return [matrix.to(complex_dtype(like.dtype)).reshape(-1, size, size)]
    params = [as_batched(p, like) for p in gate.params]
    return list(torch.broadcast_tensors(*params)) if len(params) > 1 else params


def layer_matrices(layer: GateLayer, like: torch.Tensor) -> torch.Tensor:
    """The layer's one-qubit matrices ``(B', k, 2, 2)``, built in one vectorised call."""
    k = len(layer.wires)
    if not layer.params:
        return gate_matrix(layer.name, [], 1, like)[:, None].expand(1, k, 2, 2)
    params = []
    for p in layer.params:
        p = torch.as_tensor(p, device=like.device).to(like.dtype)
        params.append(p.reshape(1, k) if p.dim() < 2 else p)  # (B', k)
    if len(params) > 1:
        params = list(torch.broadcast_tensors(*params))
    return gate_matrix(layer.name, params, 1, like)


def _is_one_qubit(item) -> bool:
    return isinstance(item, GateLayer) or (isinstance(item, Gate) and len(item.wires) == 1)


def prefix_length(gates: list) -> int:
    """How many leading gates form the initial state (a state preparation or a product state)."""
    if gates and isinstance(gates[0], StatePrep):
        return 1
    position = 0
    while position < len(gates) and _is_one_qubit(gates[position]):
        position += 1
    return position


def fused_permutation(gates: list[Gate], n: int, device) -> Permutation:
    """One :class:`Permutation` equal to applying ``gates`` (permutation gates) in order."""
    total = list(range(2**n))
    for gate in gates:
        p = permutation_of(gate.name, list(gate.wires), n)
        total = [total[j] for j in p]
    index = torch.tensor(total, dtype=torch.long, device=device)
    inverse = torch.empty_like(index)
    inverse[index] = torch.arange(len(total), device=device)
    return Permutation(index, inverse)


def _group_bounds(n: int, group: int) -> list[int]:
    count = -(-n // group)  # number of groups, sizes balanced (10 wires, group 3 -> 3,3,2,2)
    return [round(i * n / count) for i in range(count + 1)]


def _full_layer_builder(bounds: list[int]) -> Callable:
    def build(layer, like):
        matrices = layer_matrices(layer, like)  # (B', n, 2, 2)
        operands = []
        for start, end in itertools.pairwise(bounds):
            product = matrices[:, start]
            for w in range(start + 1, end):
                product = kron(product, matrices[:, w])  # (B', 2**g, 2**g)
            operands.append(product)
        return operands

    return build


def _partial_layer(layer, like):
    matrices = layer_matrices(layer, like)  # (B', k, 2, 2)
    return [matrices[:, i] for i in range(len(layer.wires))]


def _matrix(gate, like):
    return [gate_matrix(gate.name, gate_params(gate, like), len(gate.wires), like)]


def _diagonal(gate, like):
    return [gate_diagonal(gate.name, gate_params(gate, like), len(gate.wires), like)]


def _no_operand(gate, like):
    return [None]


@dataclass
class Plan:
    """How a program structure is simulated.

    Attributes:
        prefix: gates ``[0, prefix)`` make the initial state.
        steps: the evolution steps after it.
        builders: ``(gate position, build(gate, like) -> operands)``; the operands of all
            builders, concatenated, line up with ``steps``.
    """

    prefix: int
    steps: list
    builders: list[tuple[int, Callable]]

    def operands(self, gates: list, like: torch.Tensor) -> list:
        """This call's operands of every step (differentiable in the gate parameters)."""
        return [op for position, build in self.builders for op in build(gates[position], like)]


def compile_plan(program: Program, group_size: int, device, prefix: int | None = None) -> Plan:
    """Compile ``program`` (see the module docstring); ``group_size`` wires per layer group.

    Args:
        program: the lowered circuit.
        group_size: wires fused per Kronecker group of a full one-qubit layer.
        device: where the precomputed index tensors live.
        prefix: gates that make the initial state (default: :func:`prefix_length`; 0 when
            the gates act on a given state).
    """
    n, gates = program.n_wires, program.gates
    position = prefix_length(gates) if prefix is None else prefix
    plan = Plan(position, [], [])
    while position < len(gates):
        gate = gates[position]
        kind = GATES[gate.name].kind
        if kind == "permutation":
            end = position
            while end < len(gates) and GATES[gates[end].name].kind == "permutation":
                end += 1
            run = [g for item in gates[position:end] for g in
                   (item.gates() if isinstance(item, GateLayer) else [item])]
            plan.steps.append(fused_permutation(run, n, device))
            plan.builders.append((position, _no_operand))
            position = end
            continue
        if isinstance(gate, GateLayer) and list(gate.wires) == list(range(n)):
            bounds = _group_bounds(n, min(group_size, n))
            plan.steps += [Block(start, end, n) for start, end in itertools.pairwise(bounds)]
            plan.builders.append((position, _full_layer_builder(bounds)))
        elif isinstance(gate, GateLayer):
            plan.steps += [Block(w, w + 1, n) for w in gate.wires]
            plan.builders.append((position, _partial_layer))
        elif kind == "diagonal":
            plan.steps.append(Diagonal(gate.wires, n))
            plan.builders.append((position, _diagonal))
        elif list(gate.wires) == list(range(gate.wires[0], gate.wires[0] + len(gate.wires))):
            plan.steps.append(Block(gate.wires[0], gate.wires[0] + len(gate.wires), n))
            plan.builders.append((position, _matrix))
        else:
            plan.steps.append(Dense(gate.wires, n))
            plan.builders.append((position, _matrix))
        position += 1
    return plan
