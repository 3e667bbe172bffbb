"""Product states ``v_0 (x) v_1 (x) ... (x) v_{n-1}``, batch-last, with their backward pass.

An embedding (one-qubit gates on ``|0...0>``) leaves every wire in its own two-vector;
the register state is their Kronecker product, built wire by wire in the batch-last
layout ``(2**n, B)`` of :mod:`qcog.qml.engines.steps`. :func:`product_forward` keeps the
partial products (about ``2**n * B`` numbers in all) and :func:`product_backward` walks
them back: two elementwise products per wire, no reductions over tiny axes.

>>> import torch
>>> v = torch.tensor([[[1, 0], [0.6, 0.8]]], dtype=torch.complex128)  # (B, n, 2)
>>> state, _ = product_forward(v)
>>> state.T.real  # |0> (x) (0.6|0> + 0.8|1>)
tensor([[0.6000, 0.8000, 0.0000, 0.0000]], dtype=torch.float64)
"""

from __future__ import annotations

import torch


def product_forward(vectors: torch.Tensor) -> tuple[torch.Tensor, list]:
    """``(B, n, 2)`` complex -> the state ``(2**n, B)`` and the partial products."""
    columns = vectors.permute(1, 2, 0)  # (n, 2, B)
    partial = [columns[0]]  # (2**(w+1), B) after wire w
    for w in range(1, columns.shape[0]):
        previous = partial[-1]
        partial.append((previous[:, None, :] * columns[w][None]).reshape(-1, previous.shape[1]))
    return partial[-1], partial


def product_backward(grad: torch.Tensor, vectors: torch.Tensor, partial: list) -> torch.Tensor:
    """The gradient ``(B, n, 2)`` of the vectors from that of the state ``(2**n, B)``."""
    columns = vectors.permute(1, 2, 0).conj()  # (n, 2, B)
    grads = [None] * columns.shape[0]
    for w in range(columns.shape[0] - 1, 0, -1):
        g = grad.reshape(-1, 2, grad.shape[1])  # (2**w, 2, B)
        grads[w] = (g * partial[w - 1].conj()[:, None, :]).sum(0)  # (2, B)
        grad = g[:, 0] * columns[w, 0] + g[:, 1] * columns[w, 1]  # (2**w, B)
    grads[0] = grad
    return torch.stack(grads).permute(2, 0, 1)  # (B, n, 2)
