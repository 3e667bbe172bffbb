"""Batched statevector contractions: gates applied to states ``(B, 2**n)``, wire 0 most significant.

Every function takes the state ``psi`` of shape ``(B, 2**n)`` and a gate given as a batched
matrix or diagonal whose leading dimension ``B'`` is ``B`` or 1 (then it broadcasts), and
returns the new ``(max(B, B'), 2**n)`` state. All are plain torch operations (autograd
flows through them); the measurements apply observables with them.

>>> import torch
>>> x = torch.tensor([[[0, 1], [1, 0]]], dtype=torch.complex128)  # PauliX
>>> apply_one(torch.tensor([[1, 0, 0, 0]], dtype=torch.complex128), x, wire=0, n=2)
tensor([[0.+0.j, 0.+0.j, 1.+0.j, 0.+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

import torch


def apply_one(psi: torch.Tensor, matrix: torch.Tensor, wire: int, n: int) -> torch.Tensor:
    """Apply a one-qubit ``matrix`` (B', 2, 2) to ``psi`` (B, 2**n) on ``wire``."""
    batch = max(psi.shape[0], matrix.shape[0])
    view = psi.reshape(psi.shape[0], 2**wire, 2, 2 ** (n - wire - 1))  # (B, left, 2, right)
    if matrix.shape[0] == 1:
        out = torch.einsum("ij,bljr->blir", matrix[0], view)
    else:
        out = torch.einsum("bij,bljr->blir", matrix, view.expand(batch, -1, -1, -1))
    return out.reshape(batch, -1)


def apply_dense(psi: torch.Tensor, matrix: torch.Tensor, wires: tuple[int, ...], n: int) -> torch.Tensor:
    """Contract ``matrix`` (B', 2**k, 2**k) with ``psi`` (B, 2**n) on ``wires``."""
    if len(wires) == 1:
        return apply_one(psi, matrix, wires[0], n)
    batch = psi.shape[0]
    k = len(wires)
    rest = [w for w in range(n) if w not in wires]
    perm = [0] + [1 + w for w in wires] + [1 + w for w in rest]
    view = psi.reshape(batch, *[2] * n).permute(perm).reshape(batch, 2**k, -1)  # (B, 2**k, rest)
    out = matrix @ view
    out = out.reshape(out.shape[0], *[2] * n)
    inverse = [perm.index(i) for i in range(n + 1)]
    return out.permute(inverse).reshape(out.shape[0], -1)


def kron(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Batched Kronecker product of ``(B', p, p)`` and ``(B'', q, q)`` matrices."""
    out = a[:, :, None, :, None] * b[:, None, :, None, :]  # (B, p, q, p, q)
    p, q = a.shape[-1], b.shape[-1]
    return out.reshape(out.shape[0], p * q, p * q)


def kron_all(factors: list[torch.Tensor]) -> torch.Tensor:
    """``factors[0] (x) factors[1] (x) ...`` of batched square matrices (first most significant)."""
    out = factors[0]
    for f in factors[1:]:
        out = kron(out, f)
    return out


def apply_diagonal(psi: torch.Tensor, diagonal: torch.Tensor, wires: tuple[int, ...], n: int
                   ) -> torch.Tensor:
    """Multiply ``psi`` (B, 2**n) by a diagonal (B', 2**k) acting on ``wires`` (in that order)."""
    k = len(wires)
    batch = diagonal.shape[0]
    d = diagonal.reshape(batch, *[2] * k)  # (B', 2, ..., 2) in the order of wires
    order = sorted(range(k), key=lambda i: wires[i])
    d = d.permute(0, *[1 + i for i in order])
    shape = [batch] + [2 if w in wires else 1 for w in range(n)]
    out = psi.reshape(psi.shape[0], *[2] * n) * d.reshape(shape)
    return out.reshape(out.shape[0], -1)
