"""One autograd node for a whole statevector evolution, with backprop or adjoint gradients.

:class:`Evolve` runs a compiled :class:`~qcog.qml.engines.plan.Plan`: it makes the
initial product state from the prefix gates, then applies the steps
(:mod:`qcog.qml.engines.steps`), taking each step's matrix from a bank of one-qubit
matrices (one matrix, or the Kronecker product of several for a layer block) or from a
builder's operand. Torch sees one node instead of one per tensor operation. The backward
pass walks the steps in reverse, each returning the gradient of its input state and of
its matrix; those land in the banks and operands, whose own small autograd graphs lead
on to the angles. The state each step saw comes either

* from memory (``adjoint=False``, "backprop"): every intermediate state is kept, as
  autograd would keep it - fastest, memory ``O(steps * B * 2**n)``; or
* from recomputation (``adjoint=True``): the final state is walked back by each step's
  inverse (gates are unitary) - memory ``O(B * 2**n)``, about one more matmul per step.

:func:`use_adjoint` chooses: adjoint when the stored states would exceed
:data:`BACKPROP_MAX_BYTES`. When every measurement is a one-wire ``<Z>``, the node reads
them itself (``readout``) and its backward pass starts from the final state. State-sized
tensors live in the plan's :class:`Workspace`: on a CPU a fresh multi-megabyte tensor is
page-faulted in on every use, so buffers are reused across calls.

>>> import torch, pennylane as qml
>>> from qcog.qml.engines.plan import compile_plan
>>> from qcog.qml.program import lower, record
>>> def qfunc(inputs):
...     qml.Hadamard(wires=0)
...     return qml.probs()
>>> program = lower(record(qfunc, torch.zeros(1)), n_wires=1)
>>> plan = compile_plan(program, 3, "cpu")
>>> banks, operands = plan.inputs(program.gates, torch.zeros(1, dtype=torch.float64))
>>> Evolve.apply(plan, True, None, None, None, *banks, *operands).T  # batch-last -> (B, 2**n)
tensor([[0.7071+0.j, 0.7071+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

import threading
from typing import Any

import torch

from qcog.qml.engines import layer_kernel
from qcog.qml.engines.plan import Plan
from qcog.qml.engines.product_state import product_backward, product_forward
from qcog.qml.engines.steps import Layer, reduce_operand
from qcog.qml.threads import intra_op_threads

#: Above this many bytes of stored intermediate states, gradients use the adjoint method.
BACKPROP_MAX_BYTES = 2**30


def use_adjoint(steps: int, batch: int, n: int, dtype: torch.dtype, limit: int | None = None) -> bool:
    """Whether storing ``steps`` states of ``(batch, 2**n)`` would exceed the backprop limit.

    Args:
        steps: number of steps of the evolution.
        batch: batch size.
        n: number of qubits.
        dtype: the real dtype (float32 -> complex64 states).
        limit: bytes; default :data:`BACKPROP_MAX_BYTES`.
    """
    element = 16 if dtype == torch.float64 else 8
    return steps * batch * 2**n * element > (BACKPROP_MAX_BYTES if limit is None else limit)


def step_matrix(source: tuple | None, banks: list, operands: list) -> torch.Tensor | None:
    """A step's matrix this call, from its source (see :class:`~qcog.qml.engines.plan.Plan`)."""
    if source is None:
        return None
    if source[0] == "operand":
        return operands[source[1]]
    return banks[source[1]][:, source[2][0]]  # one slot (groups are operands)


def initial_state(plan: Plan, banks: list, like: torch.Tensor, workspace: Any = None) -> tuple:
    """The product state ``(2**n, B')`` of the prefix gates, and what its backward needs
    (in ``workspace``'s buffers when given: see
    :func:`~qcog.qml.engines.product_state.product_forward`)."""
    n = plan.n
    key = ("zero", like.dtype, like.device)
    zero = plan.constants.get(key)
    if zero is None:  # |0> on every wire, (1, n, 2); never written to
        zero = plan.constants[key] = torch.zeros(1, n, 2, dtype=like.dtype, device=like.device)
        zero[:, :, 0] = 1
    depths = plan.depths
    if depths is not None:  # every wire's vector in one product per depth
        chain = [zero]  # v_0 = |0>, v_j = M_j v_{j-1}, (B', n, 2)
        for bank, first in depths:
            matrices = banks[bank][:, first:first + n]  # (B', n, 2, 2)
            chain.append((matrices @ chain[-1][..., None])[..., 0])
        vectors = chain[-1]
        state, partial = product_forward(vectors, workspace)
        return state, (depths, chain, vectors, partial)
    chains = []
    for w, wire_gates in enumerate(plan.initial):
        chain = [zero[:, w]]
        for bank, slot in wire_gates:
            matrix = banks[bank][:, slot]  # (B', 2, 2)
            chain.append((matrix @ chain[-1][..., None])[..., 0])
        chains.append(chain)
    batch = max(chain[-1].shape[0] for chain in chains)
    vectors = torch.stack([chain[-1].expand(batch, 2) for chain in chains], dim=1)  # (B', n, 2)
    state, partial = product_forward(vectors, workspace)
    return state, (None, chains, vectors, partial)


def _initial_backward(plan, banks, grad, saved, bank_grads, state=None):
    """Gradients of the prefix matrices from that of the product state: ``grad`` is the
    state's gradient, or with ``state`` (the product state, on a :attr:`Plan.native` plan)
    its conjugate, read with the native kernel
    (:func:`~qcog.qml.engines.layer_kernel.product_gradient`)."""
    depths, chains, vectors, partial = saved
    if state is None:
        grad_vectors = product_backward(grad, vectors, partial, plan.workspace)  # (B', n, 2)
    else:
        grad_vectors = layer_kernel.product_gradient(grad, state, vectors)
        plan.workspace.give(*partial[1:plan.n - 1])  # the partial products it lent
    n = plan.n
    if depths is not None:
        g = grad_vectors
        for j in range(len(depths) - 1, -1, -1):
            bank, first = depths[j]
            matrices, before = banks[bank][:, first:first + n], chains[j]
            if bank_grads[bank] is not None:  # grad of M_j: g v_{j-1}^H, per wire
                outer = g[..., :, None] * before.conj()[..., None, :]
                bank_grads[bank][:, first:first + n] += reduce_operand(outer, matrices.shape[0])
            g = (matrices.mH @ g[..., None])[..., 0]
        return
    for w, wire_gates in enumerate(plan.initial):
        g = grad_vectors[:, w]  # (B', 2)
        for j in range(len(wire_gates) - 1, -1, -1):
            bank, slot = wire_gates[j]
            matrix, before = banks[bank][:, slot], chains[w][j]
            if bank_grads[bank] is not None:
                outer = g[:, :, None] * before.conj()[:, None, :]  # grad of M_j: g v_{j-1}^H
                bank_grads[bank][:, slot] += reduce_operand(outer, matrix.shape[0])
            g = (matrix.mH @ g[..., None])[..., 0]


def _distribute(source, grad, bank_grads, operand_grads):
    """Send the gradient of a step's matrix to the bank slot or the operand it came from."""
    if source[0] == "operand":
        operand_grads[source[1]] = grad
    elif bank_grads[source[1]] is not None:
        bank_grads[source[1]][:, source[2][0]] += grad


class Workspace:
    """Free state-sized buffers kept between calls (torch has no caching allocator on the
    CPU, and fresh multi-megabyte buffers are page-faulted in on every step).

    Buffers go back after a backward pass (the stored states, the gradients) and are handed
    out again as ``out`` arguments, in any shape of as many elements; a buffer handed out is
    never in the pool. Only whole contiguous tensors are kept (a transposed one handed out
    as ``out`` would make every product into it copy).

    >>> workspace = Workspace()
    >>> a = workspace.buffer((4, 2), torch.float64, "cpu")
    >>> workspace.give(a)
    >>> workspace.buffer((8,), torch.float64, "cpu").data_ptr() == a.data_ptr()
    True
    """

    #: Free buffers kept per size, dtype and device.
    LIMIT = 64

    def __init__(self):
        self._free: dict = {}
        self._lock = threading.Lock()

    def take(self, like: torch.Tensor) -> torch.Tensor:
        """A free buffer shaped like ``like`` (a new one when none is free)."""
        return self.buffer(like.shape, like.dtype, like.device)

    def buffer(self, shape: tuple, dtype: torch.dtype, device: torch.device | str) -> torch.Tensor:
        """A free contiguous buffer of ``shape`` (any free one of as many elements)."""
        numel, device = 1, torch.device(device)
        for size in shape:
            numel *= size
        with self._lock:
            free = self._free.get((numel, dtype, device))
            if free:
                return free.pop().view(shape)
        return torch.empty(shape, dtype=dtype, device=device)

    def give(self, *tensors: torch.Tensor | None) -> None:
        """Return buffers that nothing refers to any more: whole, contiguous tensors (others
        are left alone)."""
        with self._lock:
            for t in tensors:
                if (t is None or not t.is_contiguous() or t.is_conj() or t.storage_offset()
                        or t.untyped_storage().nbytes() != t.numel() * t.element_size()):
                    continue
                free = self._free.setdefault((t.numel(), t.dtype, t.device), [])
                if len(free) < self.LIMIT and all(f.data_ptr() != t.data_ptr() for f in free):
                    free.append(t)


def _step_into(apply, workspace: Workspace, like: torch.Tensor, *args) -> torch.Tensor:
    """``apply(*args, out=buffer)``; an unused buffer goes back to the workspace."""
    out = workspace.take(like)
    result = apply(*args, out=out)
    if result.data_ptr() != out.data_ptr():  # the step made its own tensor
        workspace.give(out)
    return result


class Evolve(torch.autograd.Function):
    """``Evolve.apply(plan, adjoint, threads, x0, readout, *banks, *operands)``: the final
    state, batch-last, or its ``<Z>`` values.

    ``x0`` is the initial state ``(2**n, B)`` (a state preparation, or the state to
    rotate), or None for the product state of the plan's prefix gates; ``threads`` the
    torch intra-op threads of the backward pass (None: leave the setting). ``readout``:
    None (return the state), or sign columns ``(2**n, k)`` (see
    :meth:`~qcog.qml.engines.measure.Measurer.z_readout`): return ``|state|**2`` read by
    them, ``(B, k)``, the state's gradient then made in place from the final state.
    """

    @staticmethod
    def forward(ctx: Any, plan: Plan, adjoint: bool, threads: int | None,
                x0: torch.Tensor | None, readout: torch.Tensor | None,
                *tensors: torch.Tensor | None) -> torch.Tensor:
        banks, operands = tensors[: len(plan.banks)], tensors[len(plan.banks):]
        like = next((t for t in tensors if t is not None), x0)
        workspace = plan.workspace
        differentiated = any(ctx.needs_input_grad)
        saved_initial, own = None, x0 is None  # own: x0 is made here (a state preparation is not)
        if own:
            x0, saved_initial = initial_state(plan, banks, like, workspace)
            if not differentiated:  # no backward pass will return the partial products
                workspace.give(*saved_initial[3][1:-1])
                saved_initial = None
        store = not adjoint and any(ctx.needs_input_grad[3:])
        x = x0
        states, batches, matrices = [], [], []
        for i, (step, source) in enumerate(plan.steps):
            matrix = step_matrix(source, banks, operands)
            batches.append(x.shape[1])
            matrices.append(matrix)
            if store:
                states.append(x)
            new = _step_into(step.apply, workspace, x, x, matrix)
            if not store and (own or i > 0) and new.data_ptr() != x.data_ptr():
                workspace.give(x)  # an intermediate state nothing else holds
            x = new
        ctx.own_x0 = own
        ctx.plan, ctx.adjoint, ctx.states, ctx.batches = plan, adjoint, states, batches
        ctx.threads = threads
        ctx.matrices, ctx.saved_initial = matrices, saved_initial
        reads_output = store and plan.steps and isinstance(plan.steps[-1][0], Layer)
        ctx.final = x if adjoint or readout is not None or reads_output else None
        ctx.readout = readout
        ctx.save_for_backward(*tensors)
        if readout is None:
            return x
        real = torch.view_as_real(x)  # (2**n, B, 2)
        squares = torch.mul(real, real, out=workspace.take(real))
        values = (readout.mT @ squares.view(x.shape[0], -1)).view(-1, x.shape[1], 2).sum(-1).mT
        workspace.give(squares)
        if not differentiated and (own or plan.steps):
            workspace.give(x)
        return values

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple:
        with intra_op_threads(ctx.threads):
            return _backward(ctx, grad)


def _backward(ctx, grad):
    """:meth:`Evolve.backward` (see the module docstring)."""
    tensors = ctx.saved_tensors
    plan = ctx.plan
    banks, operands = tensors[: len(plan.banks)], tensors[len(plan.banks):]
    needs = ctx.needs_input_grad[5:]
    bank_grads = [torch.zeros_like(b) if need else None for b, need in zip(banks, needs)]
    operand_grads = [None] * len(operands)
    workspace = plan.workspace
    x = ctx.final
    release = []  # buffers to give back once the next step's vjp has run
    if ctx.readout is None:
        grad = workspace.take(grad).copy_(grad.conj())  # the steps pass conjugate gradients
    else:  # values = |x|^2 read: conj(grad_x) = 2 conj(x) (readout @ grad^T)
        key = ("signs", grad.dtype, grad.device)
        signs = plan.constants.get(key)
        if signs is None:  # made once per dtype and device (a host-to-device copy on a GPU)
            signs = plan.constants[key] = torch.tensor([2.0, -2.0], dtype=grad.dtype,
                                                       device=grad.device)
        columns = (grad.mT[:, :, None] * signs).reshape(grad.shape[1], -1)  # (k, 2B)
        real = torch.view_as_real(x)
        weights = torch.mm(ctx.readout, columns, out=workspace.take(real).view(x.shape[0], -1))
        grad = workspace.take(x)
        torch.mul(real, weights.view(real.shape), out=torch.view_as_real(grad))
        workspace.give(weights)
        if not ctx.adjoint:
            ctx.final = None
            if ctx.own_x0 or plan.steps:
                release.append(x)  # the final state, once the last step's vjp has read it
    for i in range(len(plan.steps) - 1, -1, -1):
        (step, source), matrix = plan.steps[i], ctx.matrices[i]
        # a Layer step's vjp reads the state after it (stored anyway in backprop)
        x_out = x if not ctx.adjoint and isinstance(step, Layer) else None
        if ctx.adjoint:
            x_in = _step_into(step.inverse, workspace, x, x, matrix)
            if x.data_ptr() != ctx.final.data_ptr() or ctx.readout is not None:
                workspace.give(x)
            if x_in.shape[1] != ctx.batches[i]:
                x_in = x_in[:, :1]  # the state was broadcast by this step
        else:
            x_in = ctx.states[i]
        need = source is not None and (
            needs[source[1]] if source[0] == "bank" else needs[len(banks) + source[1]])
        previous, out = grad, workspace.take(grad)
        if x_out is None:
            grad, grad_matrix = step.vjp(grad, x_in, matrix, need, out=out)
        else:
            grad, grad_matrix = step.vjp(grad, x_in, matrix, need, out=out, x_out=x_out)
        workspace.give(previous, *release)
        release.clear()
        if grad.data_ptr() != out.data_ptr():
            workspace.give(out)
        if grad_matrix is not None:
            _distribute(source, grad_matrix, bank_grads, operand_grads)
        x = x_in
    workspace.give(*release)
    grad_x0 = None
    if ctx.saved_initial is not None:
        if plan.native and x is not None and x.shape == grad.shape and x.is_contiguous():
            _initial_backward(plan, banks, grad, ctx.saved_initial, bank_grads, state=x)
        else:
            h, grad = grad, workspace.take(grad).copy_(grad.conj())
            workspace.give(h)
            _initial_backward(plan, banks, grad, ctx.saved_initial, bank_grads)
        workspace.give(grad)
    elif ctx.needs_input_grad[3]:
        grad_x0 = grad.conj().resolve_conj()
        workspace.give(grad)
    if not ctx.adjoint:  # the stored states (not a state given from outside)
        workspace.give(*ctx.states[0 if ctx.own_x0 else 1:])
    elif ctx.own_x0 and (x.data_ptr() != ctx.final.data_ptr() or ctx.readout is not None):
        workspace.give(x)
    ctx.states = ctx.final = ctx.matrices = ctx.saved_initial = None
    return (None, None, None, grad_x0, None, *bank_grads, *operand_grads)
