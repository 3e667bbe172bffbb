"""A lowered program compiled into evolution steps, kept per circuit structure.

:func:`compile_plan` looks at a :class:`~qcog.qml.program.Program` once per structure
(gate names and wires, never parameter values) and decides how each gate is applied:

* every one-qubit gate goes into the :class:`Bank` of its gate name: each call stacks the
  parameters of all gates of a bank (:class:`BankParams`) and builds all their matrices
  in one vectorised call - a circuit written gate by gate costs a few autograd nodes,
  not a few per gate;
* the leading one-qubit gates on ``|0...0>`` (embeddings) make a product state, or a
  leading state preparation gives the initial state;
* runs of permutation gates (CNOT rings) fuse into one :class:`Permutation` with a
  precomputed index;
* a layer of one-qubit gates on every wire is applied as a few :class:`Block` Kronecker
  products (``group_size`` contiguous wires each), or, with ``layers`` and batch-independent
  matrices, as one :class:`Layer` step (the native kernel; with the permutations around it
  up to :data:`PERMUTING_LAYER_MAX_WIRES` wires);
* other gates become :class:`Block` (contiguous ascending wires), :class:`Diagonal` or
  :class:`Dense` (any wires) steps whose operands come from per-gate builders.
* on a narrow circuit, runs of batch-independent steps become one full-width
  :class:`Block` each, whose matrix is the run's product
  (:class:`~qcog.qml.engines.segments.Segment`).

>>> import torch, pennylane as qml
>>> from qcog.qml.program import lower, record
>>> def qfunc(inputs):
...     qml.AngleEmbedding(inputs, wires=[0, 1])
...     qml.CNOT(wires=[0, 1])
...     qml.RZ(inputs[..., 0], wires=1)
...     return qml.expval(qml.PauliZ(1))
>>> plan = compile_plan(lower(record(qfunc, torch.zeros(3, 2)), n_wires=2), 3, "cpu")
>>> [bank.name for bank in plan.banks], [type(step).__name__ for step, _ in plan.steps]
(['RX', 'RZ'], ['Permutation', 'Block'])
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from qcog.qml.engines.state_ops import kron_all
from qcog.qml.engines.steps import Block, Dense, Diagonal, Layer, Permutation
from qcog.qml.gates import (
    GATES,
    complex_dtype,
    gate_diagonal,
    gate_matrix,
    packed_matrices,
    permutation_of,
)
from qcog.qml.program import Gate, GateLayer, Program, StatePrep, as_batched, batched


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


class BankParams(torch.autograd.Function):
    """``BankParams.apply(widths, count, *values)``: parameters of several gates as
    ``(B', sum(widths), count)``.

    ``values`` run over the gates, then over their ``count`` parameters; value ``(i, j)``
    holds ``widths[i]`` columns: a gate's parameter (``()`` or ``(B,)``) or a layer's
    (``(k,)`` or ``(B, k)``). Broadcast over the batch and stacked in one node; the
    backward pass splits the gradient and sums it over broadcast batches.
    """

    @staticmethod
    def forward(ctx: Any, widths: tuple[int, ...], count: int, *values: torch.Tensor) -> torch.Tensor:
        columns = []
        for index, v in enumerate(values):
            width = widths[index // count]
            batched = v.dim() == 2 or (width == 1 and v.dim() == 1)
            columns.append(v.reshape(-1 if batched else 1, width))  # (B or 1, width)
        batch = max(c.shape[0] for c in columns)
        ctx.widths, ctx.count, ctx.shapes = widths, count, [v.shape for v in values]
        ctx.batches = [c.shape[0] for c in columns]
        stacked = [torch.cat([columns[g * count + j].expand(batch, -1) for g in range(len(widths))],
                             dim=1) for j in range(count)]
        return torch.stack(stacked, dim=-1)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple:
        out = [None] * len(ctx.shapes)
        for j in range(ctx.count):
            parts = grad[..., j].split(list(ctx.widths), dim=1)
            for g, part in enumerate(parts):
                index = g * ctx.count + j
                if ctx.batches[index] == 1 and part.shape[0] != 1:
                    part = part.sum(0, keepdim=True)  # the value was broadcast over the batch
                out[index] = part.reshape(ctx.shapes[index])
        return (None, None, *out)


def _stacked(widths: tuple[int, ...], count: int, values: list[torch.Tensor]) -> torch.Tensor:
    """:class:`BankParams` of ``values``, with plain stacking (two autograd nodes) when every
    gate has the same width and every value the same shape (no broadcasting needed)."""
    shape, width = values[0].shape, widths[0]
    plain = (len(shape) in (0, 1) if width == 1 else len(shape) in (1, 2) and shape[-1] == width)
    if not (plain and all(w == width for w in widths) and all(v.shape == shape for v in values)):
        return BankParams.apply(widths, count, *values)
    stacked = torch.stack(values, dim=-1)  # (B?, width?, gates * count)
    if width == 1:
        return stacked.reshape(-1 if stacked.dim() > 1 else 1, len(widths), count)
    stacked = stacked.reshape(*stacked.shape[:-1], len(widths), count).movedim(-3, -2)
    return stacked.reshape(-1 if stacked.dim() > 3 else 1, len(widths) * width, count)


@dataclass
class Bank:
    """All one-qubit gates of one name in a circuit.

    Attributes:
        name: the gate name (a key of :data:`qcog.qml.gates.GATES`).
        members: ``(gate position, columns)``: a gate gives 1 matrix, a layer ``k``.
        size: number of matrices.
    """

    name: str
    members: list = field(default_factory=list)
    size: int = 0
    batched: bool = False
    gathers: dict = field(default_factory=dict, repr=False)  # view layout -> gather index
    constant: dict = field(default_factory=dict, repr=False)  # (dtype, device) -> matrices

    def add(self, position: int, width: int) -> int:
        """Add a gate (or layer) at ``position``; returns the slot of its first matrix."""
        self.members.append((position, width))
        self.size += width
        return self.size - width

    def matrices(self, gates: list, like: torch.Tensor) -> torch.Tensor:
        """The matrices ``(B', size, 2, 2)`` of this call (differentiable in the parameters)."""
        fact = GATES[self.name]
        if not fact.num_params:  # constant: built once per dtype and device
            key = (like.dtype, like.device)
            if key not in self.constant:
                self.constant[key] = gate_matrix(self.name, [], 1, like)[:, None].expand(
                    1, self.size, 2, 2)
            return self.constant[key]
        angles = self.angles(gates, like)
        if fact.matrix is None:  # e.g. a one-wire MultiRZ
            return gate_matrix(self.name, list(angles.unbind(-1)), 1, like)
        return packed_matrices(self.name, angles)

    def angles(self, gates: list, like: torch.Tensor) -> torch.Tensor:
        """This call's parameters of the bank's gates, ``(B', size, params)`` (differentiable)."""
        source, index = self.angle_source(gates, like)
        return source if index is None else source[index].to(like.dtype)

    def angle_source(self, gates: list, like: torch.Tensor) -> tuple:
        """:meth:`angles` as ``(angles, None)``, or as ``(flat, index)`` when they are read
        from the flat tensor their parameters are views of (see :meth:`_gathered`):
        ``flat[index]``, still in the parameters' dtype."""
        count = GATES[self.name].num_params
        widths = tuple(width for _, width in self.members)
        raw = [v for position, _ in self.members for v in gates[position].params]
        gathered = self._gathered(widths, count, raw, like)
        if gathered is not None:
            return gathered
        values = [v.to(dtype=like.dtype, device=like.device) if isinstance(v, torch.Tensor)
                  else torch.tensor(float(v), dtype=like.dtype, device=like.device) for v in raw]
        return _stacked(widths, count, values), None

    def _gathered(self, widths: tuple, count: int, values: list, like: torch.Tensor
                  ) -> tuple | None:
        """``(flat, index)``: the angles are ``flat[index]``, one gather from the tensor all
        ``values`` are views of.

        A quantum function that indexes its weights (``weights[k, j]``) makes one view per
        gate, and autograd would walk one node per view back to the weights. When every
        value is a differentiable view of one contiguous tensor, the angles are read from
        that tensor by a cached index instead; the views are left unused. Else None.
        """
        if not torch.is_grad_enabled():
            return None
        base = getattr(values[0], "_base", None)
        if base is None or not base.requires_grad or base.dtype != values[0].dtype:
            return None
        key = []
        for v in values:
            if getattr(v, "_base", None) is not base or not v.requires_grad:
                return None
            key.append((v.shape, v.stride(), v.storage_offset()))
        if not base.is_contiguous() or base.storage_offset() or base.device != like.device:
            return None
        key = (tuple(key), base.shape)
        index = self.gathers.get(key)
        if index is None:
            flat = torch.arange(base.numel(), device=base.device)
            offsets = [torch.as_strided(flat, shape, stride, offset) for shape, stride, offset in key[0]]
            index = _stacked(widths, count, offsets)
            if len(self.gathers) >= 8:
                self.gathers.clear()
            self.gathers[key] = index
        return base.reshape(-1), index


@dataclass
class Plan:
    """How a program structure is simulated.

    Attributes:
        n: number of wires.
        state_prep: whether ``gates[0]`` is a state preparation giving the initial state.
        initial: per wire, the ``(bank, slot)`` matrices applied to ``|0>`` in order (the
            product-state prefix; empty lists when ``state_prep``).
        banks: the :class:`Bank` of every one-qubit gate name.
        depths: when every wire's prefix has the same gates in consecutive slots (embeddings,
            template layers), each depth's ``(bank, first slot)``; else None.
        steps: ``(step, source)`` after the prefix; ``source`` is ``("bank", bank, (slot,))``
            (one matrix), ``("operand", k)`` (the k-th operand, see :meth:`inputs`) or
            None (a permutation). While compiling, a layer group reads several slots
            (``("bank", bank, slots)``) until :func:`compile_plan` makes it a product.
        builders: ``(gate position, build(gate, like) -> operand)`` of the other steps.
        segments: fused runs of batch-independent steps
            (:class:`~qcog.qml.engines.segments.Segment`); the step of segment ``k`` reads
            operand ``len(builders) + k``.
        products: ``(bank, slots, stacked)`` of the Kronecker groups of layers, built by
            autograd (operands after the segments'), so that their gradients need no
            hand-written factorisation; ``stacked`` for a :class:`Layer` step, whose operand
            is the slots' matrices stacked ``(B', n, 2, 2)`` instead.
        evolved: which banks and operands the evolution reads (the others only feed
            segments and are passed to it as None).
    """

    n: int
    state_prep: bool = False
    initial: list = field(default_factory=list)
    depths: list | None = None
    banks: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    builders: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    products: list = field(default_factory=list)
    evolved: tuple = (frozenset(), frozenset())
    workspace: Any = field(default=None, repr=False)  # free state buffers (evolve.Workspace)
    compiled: Any = field(default=None, repr=False)  # its CompiledEvolution, when compiled
    native: bool = False  # compiled for the native layer kernel (CPU, large enough batches)
    constants: dict = field(default_factory=dict, repr=False)  # |0>, readout signs per dtype, device

    def inputs(self, gates: list, like: torch.Tensor) -> tuple[list, list]:
        """This call's bank matrices and operands for the evolution (differentiable).

        Operands are the builders' results, then the segments' products, then the
        Kronecker products of layer groups; banks and operands the evolution does not
        read are None.
        """
        banks = [bank.matrices(gates, like) for bank in self.banks]
        operands = [build(gates[position], like) for position, build in self.builders]
        operands += [segment.matrix(banks, operands) for segment in self.segments]
        operands += [_stacked_slots(banks[bank], slots) if stacked
                     else kron_all([banks[bank][:, slot] for slot in slots])
                     for bank, slots, stacked in self.products]
        used_banks, used_operands = self.evolved
        return ([b if i in used_banks else None for i, b in enumerate(banks)],
                [o if i in used_operands else None for i, o in enumerate(operands)])


def _stacked_slots(bank: torch.Tensor, slots: tuple[int, ...]) -> torch.Tensor:
    """``bank[:, slots]`` ``(B', len(slots), 2, 2)``, a view when the slots are consecutive."""
    if list(slots) == list(range(slots[0], slots[0] + len(slots))):
        return bank[:, slots[0]:slots[0] + len(slots)]
    return bank[:, list(slots)]


def fused_permutation(gates: list[Gate], n: int, device: torch.device | str) -> Permutation:
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


def _matrix(gate, like):
    return gate_matrix(gate.name, gate_params(gate, like), len(gate.wires), like)


def _diagonal(gate, like):
    return gate_diagonal(gate.name, gate_params(gate, like), len(gate.wires), like)


def _bankable(item) -> bool:
    """One-qubit gates (or layers of them) whose matrices go into a :class:`Bank`."""
    if isinstance(item, GateLayer):
        return True
    return isinstance(item, Gate) and len(item.wires) == 1 and item.name != "QubitUnitary"


class _Compiler:
    def __init__(self, n: int, group_size: int, device, layers: bool = False):
        self.plan = Plan(n, initial=[[] for _ in range(n)])
        self.group_size, self.device, self.layers = group_size, device, layers
        self._banks: dict[tuple, int] = {}

    def slots(self, item, position: int) -> tuple[int, list[int]]:
        """Bank index and slots (one per wire) of a one-qubit gate or layer.

        Gates with batched parameters (inputs) and without (weights) go to separate banks,
        so that weight matrices stay unbatched.
        """
        key = (item.name, batched(item))
        if key not in self._banks:
            self._banks[key] = len(self.plan.banks)
            self.plan.banks.append(Bank(item.name, batched=key[1]))
        index = self._banks[key]
        first = self.plan.banks[index].add(position, len(item.wires))
        return index, list(range(first, first + len(item.wires)))

    def operand(self, step, position: int, build: Callable) -> None:
        self.plan.steps.append((step, ("operand", len(self.plan.builders))))
        self.plan.builders.append((position, build))

    def one_qubit(self, items: list, positions: list[int]) -> None:
        """A layer (or a run of one-qubit gates of one name on distinct wires)."""
        n = self.plan.n
        sources = {}  # wire -> (bank, slot)
        for item, position in zip(items, positions):
            bank, slots = self.slots(item, position)
            sources.update({w: (bank, slot) for w, slot in zip(item.wires, slots)})
        banks = {bank for bank, _ in sources.values()}
        if sorted(sources) == list(range(n)) and n > 1 and len(banks) == 1:
            (bank,) = banks
            if self.layers and not self.plan.banks[bank].batched:
                slots = tuple(sources[w][1] for w in range(n))
                self.plan.steps.append((Layer(n), ("bank", bank, slots)))
                return
            bounds = _group_bounds(n, min(self.group_size, n))
            for start, stop in itertools.pairwise(bounds):
                slots = tuple(sources[w][1] for w in range(start, stop))
                self.plan.steps.append((Block(start, stop, n), ("bank", bank, slots)))
            return
        for w, (bank, slot) in sources.items():
            self.plan.steps.append((Block(w, w + 1, n), ("bank", bank, (slot,))))

    def gate(self, gate, position: int) -> None:
        n = self.plan.n
        kind = GATES[gate.name].kind
        wires = list(gate.wires)
        if kind == "diagonal":
            self.operand(Diagonal(gate.wires, n), position, _diagonal)
        elif wires == list(range(wires[0], wires[0] + len(wires))):
            self.operand(Block(wires[0], wires[0] + len(wires), n), position, _matrix)
        else:
            self.operand(Dense(gate.wires, n), position, _matrix)


def compile_plan(program: Program, group_size: int, device: torch.device | str,
                 prefix: int | None = None, fuse_max_wires: int | None = None,
                 layers: bool = False) -> Plan:
    """Compile ``program`` (see the module docstring); ``group_size`` wires per layer group.

    Args:
        program: the lowered circuit.
        group_size: wires fused per Kronecker group of a full one-qubit layer.
        device: where the precomputed index tensors live.
        prefix: 0 when the gates act on a given state (no initial-state gates).
        fuse_max_wires: widest circuit whose batch-independent runs of steps are fused
            into one matrix (default :data:`qcog.qml.engines.segments.FUSE_MAX_WIRES`;
            0 never fuses).
        layers: full layers of one-qubit gates with batch-independent matrices become
            :class:`Layer` steps (the native kernel, which the caller has checked is
            available) instead of Kronecker groups, on circuits too wide to be fused.
    """
    from qcog.qml.engines.segments import FUSE_MAX_WIRES

    n, gates = program.n_wires, program.gates
    fuses = n <= (FUSE_MAX_WIRES if fuse_max_wires is None else fuse_max_wires)
    compiler = _Compiler(n, group_size, device, layers=layers and not fuses)
    plan = compiler.plan
    plan.native = layers
    from qcog.qml.engines.evolve import Workspace  # evolve imports this module

    plan.workspace = Workspace()
    position = 0
    if prefix is None and gates and isinstance(gates[0], StatePrep):
        plan.state_prep, position = True, 1
    elif prefix is None:
        while position < len(gates) and _bankable(gates[position]):
            item = gates[position]
            bank, slots = compiler.slots(item, position)
            for w, slot in zip(item.wires, slots):
                plan.initial[w].append((bank, slot))
            position += 1
    while position < len(gates):
        item = gates[position]
        if GATES[item.name].kind == "permutation" and not isinstance(item, StatePrep):
            end = position
            while end < len(gates) and GATES[gates[end].name].kind == "permutation":
                end += 1
            run = [g for entry in gates[position:end] for g in
                   (entry.gates() if isinstance(entry, GateLayer) else [entry])]
            plan.steps.append((fused_permutation(run, n, device), None))
            position = end
            continue
        if isinstance(item, GateLayer):
            compiler.one_qubit([item], [position])
        elif _bankable(item):  # a run of gates of this name on distinct wires acts as a layer
            end, wires = position, set()
            while (end < len(gates) and _bankable(gates[end]) and isinstance(gates[end], Gate)
                   and gates[end].name == item.name and gates[end].wires[0] not in wires
                   and batched(gates[end]) == batched(item)):
                wires.add(gates[end].wires[0])
                end += 1
            compiler.one_qubit(gates[position:end], list(range(position, end)))
            position = end
            continue
        else:
            compiler.gate(item, position)
        position += 1
    plan.depths = _uniform_depths(plan.initial)
    if fuses:
        _fuse_runs(plan, gates)
    _permuting_layers(plan)
    _kronecker_products(plan)
    used_banks = {bank for wire in plan.initial for bank, _ in wire}
    used_banks |= {source[1] for _, source in plan.steps if source is not None and source[0] == "bank"}
    used_operands = {source[1] for _, source in plan.steps
                     if source is not None and source[0] == "operand"}
    plan.evolved = (frozenset(used_banks), frozenset(used_operands))
    return plan


def _uniform_depths(initial: list) -> list | None:
    """For prefixes where every wire has the same gates, each depth's ``(bank, first slot)``
    with the wires' slots consecutive (embeddings and template layers are so), else None."""
    counts = {len(gates) for gates in initial}
    if len(counts) != 1:
        return None
    depths = []
    for j in range(counts.pop()):
        column = [gates[j] for gates in initial]
        bank, first = column[0]
        if any(entry != (bank, first + w) for w, entry in enumerate(column)):
            return None
        depths.append((bank, first))
    return depths


#: Widest circuit whose :class:`Layer` steps take the permutations around them into the
#: same pass. SEL 3 layers, float64, one thread, ms a step fused / apart (two runs): 8q B256
#: 4.83, 5.28 / 5.47, 6.12; 10q B64 5.73, 5.19 / 6.03, 5.85; 10q B256 18.4, 18.8 / 19.2,
#: 19.7; 12q B64 21.1, 21.8 / 20.3, 21.2 and 12q B256 90.2 / 88.6 (rows gathered from a state
#: of 4 MiB and more, out of order, cost more than the pass they save). Taking the ring
#: before the layer too (wall time, one run each): 8q B256 4.57 / 5.09, 10q B64 4.78 / 5.45.
PERMUTING_LAYER_MAX_WIRES = 10


def _permuting_layers(plan: Plan) -> None:
    """A :class:`Layer` step takes the :class:`Permutation` after it, else the one before it,
    into the same step (the kernel permutes rows as it writes and reads them), up to
    :data:`PERMUTING_LAYER_MAX_WIRES` wires."""
    if plan.n > PERMUTING_LAYER_MAX_WIRES:
        return
    steps = []
    for step, source in plan.steps:
        last = steps[-1][0] if steps else None
        if isinstance(step, Permutation) and isinstance(last, Layer) and last.after is None:
            last.after = step  # a permutation no earlier layer took
        elif isinstance(step, Layer) and isinstance(last, Permutation):
            step.before = last
            steps[-1] = (step, source)
        else:
            steps.append((step, source))
    plan.steps = steps


def _kronecker_products(plan: Plan) -> None:
    """Steps reading several bank slots (a layer group) read an operand built by autograd."""
    first = len(plan.builders) + len(plan.segments)
    for i, (step, source) in enumerate(plan.steps):
        if source is not None and source[0] == "bank" and len(source[2]) > 1:
            plan.steps[i] = (step, ("operand", first + len(plan.products)))
            plan.products.append((source[1], source[2], isinstance(step, Layer)))


def _unbatched_factors(plan: Plan, gates: list, step, source) -> list | None:
    """The step as segment factors (see :class:`~qcog.qml.engines.segments.Segment`), or
    None when its matrix depends on the batch."""
    if source is None:
        return [("permutation", step)]
    if source[0] == "bank":
        if plan.banks[source[1]].batched:
            return None
        return [("bank", source[1], slot, step.start + i) for i, slot in enumerate(source[2])]
    position = plan.builders[source[1]][0]
    if batched(gates[position]):
        return None
    return [("operand", source[1], step)]


def _fuse_runs(plan: Plan, gates: list) -> None:
    """Replace runs of two or more batch-independent steps by one full-width step each."""
    from qcog.qml.engines.segments import Segment

    steps, run = [], []

    def close():
        if len(run) >= 2:
            factors = [f for _, _, parts in run for f in parts]
            operand = len(plan.builders) + len(plan.segments)
            sizes = {f[1]: plan.banks[f[1]].size for f in factors if f[0] == "bank"}
            plan.segments.append(Segment(plan.n, factors, sizes))
            steps.append((Block(0, plan.n, plan.n), ("operand", operand)))
        else:
            steps.extend((step, source) for step, source, _ in run)
        run.clear()

    for step, source in plan.steps:
        parts = _unbatched_factors(plan, gates, step, source)
        if parts is None:
            close()
            steps.append((step, source))
        else:
            run.append((step, source, parts))
    close()
    plan.steps = steps
