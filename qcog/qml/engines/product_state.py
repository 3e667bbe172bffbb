"""Product states ``v_0 (x) v_1 (x) ... (x) v_{n-1}``, batch-last, with their backward pass.

An embedding (one-qubit gates on ``|0...0>``) leaves every wire in its own two-vector;
the register state is their Kronecker product, built from the last wire to the first in
the batch-last layout ``(2**n, B)`` of :mod:`qcog.qml.engines.steps`: the product of
wires ``w .. n-1`` is two contiguous blocks, ``v_w[0]`` and ``v_w[1]`` times the product
of wires ``w+1 .. n-1``. :func:`product_forward` keeps these partial products (about
``2**n * B`` numbers in all) and :func:`product_backward` walks them back: every
elementwise product reads and writes contiguous blocks (on a CPU several times faster
than products broadcast along a middle axis).

>>> import torch
>>> v = torch.tensor([[[1, 0], [0.6, 0.8]]], dtype=torch.complex128)  # (B, n, 2)
>>> state, _ = product_forward(v)
>>> state.T.real  # |0> (x) (0.6|0> + 0.8|1>)
tensor([[0.6000, 0.8000, 0.0000, 0.0000]], dtype=torch.float64)
"""

from __future__ import annotations

from typing import Any

import torch


def product_forward(vectors: torch.Tensor, workspace: Any = None) -> tuple[torch.Tensor, list]:
    """``(B, n, 2)`` complex -> the state ``(2**n, B)`` and the partial products.

    ``partial[w]`` is the product of wires ``w .. n-1``, ``(2**(n-w), B)``; ``partial[0]``
    is the state. With a ``workspace``
    (:class:`~qcog.qml.engines.evolve.Workspace`) the partial products are written into its
    buffers (not differentiable by autograd; :func:`product_backward` returns them);
    without, they are plain autograd operations.
    """
    columns = vectors.permute(1, 2, 0)  # (n, 2, B)
    n, batch = columns.shape[0], columns.shape[2]
    partial = [columns[n - 1]]
    for w in range(n - 2, -1, -1):
        rest = partial[0]
        if workspace is None:
            out = rest[None] * columns[w][:, None, :]
        else:
            out = workspace.buffer((2, rest.shape[0], batch), rest.dtype, rest.device)
            torch.mul(rest, columns[w, 0], out=out[0])
            torch.mul(rest, columns[w, 1], out=out[1])
        partial.insert(0, out.view(-1, batch))
    return partial[0], partial


def product_backward(grad: torch.Tensor, vectors: torch.Tensor, partial: list,
                     workspace: Any = None) -> torch.Tensor:
    """The gradient ``(B, n, 2)`` of the vectors from that of the state ``(2**n, B)``.

    With a ``workspace``, its buffers hold the intermediate gradients, and the partial
    products it lent to :func:`product_forward` (all but the state) go back to it.
    """
    columns = vectors.permute(1, 2, 0).conj().resolve_conj()  # (n, 2, B)
    n, batch = columns.shape[0], columns.shape[2]
    grads = torch.empty(n, 2, batch, dtype=grad.dtype, device=grad.device)

    def buffer(rows):
        if workspace is None:
            return torch.empty(rows, batch, dtype=grad.dtype, device=grad.device)
        return workspace.buffer((rows, batch), grad.dtype, grad.device)

    g = grad
    for w in range(n - 1):
        rest = partial[w + 1]  # wires w+1 .. n-1
        halves = g.reshape(2, rest.shape[0], batch)
        scratch, conj = buffer(rest.shape[0]), buffer(rest.shape[0])
        torch.conj_physical(rest, out=conj)  # (a product with a conjugate view would copy)
        for c in (0, 1):  # d state / d v_w[c] is the rest, in half c
            torch.sum(torch.mul(halves[c], conj, out=scratch), 0, out=grads[w, c])
        following = torch.mul(halves[0], columns[w, 0], out=scratch)
        following.addcmul_(halves[1], columns[w, 1])
        if workspace is not None:
            workspace.give(conj, *([g] if w > 0 else []))  # g of the first wire is the caller's
        g = following
    grads[n - 1] = g
    if workspace is not None:
        workspace.give(*([g] if n > 1 else []), *partial[1:n - 1])
    return grads.permute(2, 0, 1)
