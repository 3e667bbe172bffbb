"""One autograd node for a whole statevector evolution, with backprop or adjoint gradients.

:class:`Evolve` applies a list of steps (:mod:`qcog.qml.engines.steps`) to an initial
state and hands torch one node instead of one per tensor operation. Its backward pass
walks the steps in reverse, each returning the gradient of its input state and of its
operand (the gate matrices, whose own small autograd graphs lead on to the angles). The
state each step saw comes either

* from memory (``adjoint=False``, "backprop"): every intermediate state is kept, as
  autograd would keep it - fastest, memory ``O(steps * B * 2**n)``; or
* from recomputation (``adjoint=True``): the final state is walked back by each step's
  inverse (gates are unitary) - memory ``O(B * 2**n)``, about one more matmul per step.

:func:`use_adjoint` chooses: adjoint when the stored states would exceed
:data:`BACKPROP_MAX_BYTES`.

>>> import torch
>>> from qcog.qml.engines.steps import Block
>>> h = torch.tensor([[[1, 1], [1, -1]]], dtype=torch.complex128) / 2**0.5
>>> h.requires_grad_(True)
... # doctest: +ELLIPSIS
tensor(...)
>>> x0 = torch.tensor([[1], [0]], dtype=torch.complex128)  # |0>, batch-last (2**n, B)
>>> Evolve.apply([Block(0, 1, 1)], True, x0, h).detach().T
tensor([[0.7071+0.j, 0.7071+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

import torch

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


class Evolve(torch.autograd.Function):
    """``Evolve.apply(steps, adjoint, x0, *operands)``: the state after all steps.

    States are batch-last, ``(2**n, B)`` (see :mod:`~qcog.qml.engines.steps`).
    """

    @staticmethod
    def forward(ctx, steps, adjoint, x0, *operands):
        x = x0
        states, batches = [], []
        for step, operand in zip(steps, operands):
            batches.append(x.shape[1])
            if not adjoint:
                states.append(x)
            x = step.apply(x, operand)
        ctx.steps, ctx.adjoint, ctx.states, ctx.batches = steps, adjoint, states, batches
        ctx.final = x if adjoint else None
        ctx.save_for_backward(*operands)
        return x

    @staticmethod
    def backward(ctx, grad):
        operands = ctx.saved_tensors
        steps, states, x = ctx.steps, ctx.states, ctx.final
        needs = ctx.needs_input_grad[3:]
        grads = [None] * len(steps)
        grad = grad.contiguous()
        for i in range(len(steps) - 1, -1, -1):
            step, operand = steps[i], operands[i]
            if ctx.adjoint:
                x_in = step.inverse(x, operand)
                if x_in.shape[1] != ctx.batches[i]:
                    x_in = x_in[:, :1]  # the state was broadcast by this step
            else:
                x_in = states[i]
            grad, grads[i] = step.vjp(grad, x_in, operand, needs[i])
            x = x_in
        ctx.states = ctx.final = None
        return (None, None, grad, *grads)
