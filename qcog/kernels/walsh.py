"""Hadamard layers and Z-word diagonals on batched states, for the closed form of IQP-type maps.

``H^n`` on a state is the (normalised) Walsh-Hadamard transform: ``n`` butterfly passes
of ``(a + b, a - b)``; a diagonal ``exp(-i/2 sum_S theta_S Z_S)`` is a phase whose
``2**n`` values are one matmul of the angles with a ``(words, 2**n)`` table of the
signs of ``Z_S`` (wire 0 is the most significant bit, as in PennyLane).

>>> import torch
>>> z_word_signs([(0,), (0, 1)], 2, torch.zeros(1))
tensor([[ 1.,  1., -1., -1.],
        [ 1., -1., -1.,  1.]])
>>> walsh_hadamard(torch.tensor([[1.0, 0.0]]), 1)
tensor([[0.7071, 0.7071]])
"""

from __future__ import annotations

import torch


def z_word_signs(words: list[tuple[int, ...]], n_qubits: int, like: torch.Tensor) -> torch.Tensor:
    """The eigenvalues (+1/-1) of ``Z_S`` for each word ``S`` on every basis state.

    Args:
        words: wire tuples (``(i,)`` for ``Z_i``, ``(i, j)`` for ``Z_i Z_j``, ...).
        n_qubits: state width.
        like: a real tensor giving dtype and device.

    Returns:
        ``(len(words), 2**n_qubits)`` real tensor.
    """
    index = torch.arange(2**n_qubits, device=like.device)
    bits = torch.stack([(index >> (n_qubits - 1 - w)) & 1 for w in range(n_qubits)])  # (n, 2**n)
    rows = [bits[list(word)].sum(dim=0) % 2 for word in words] if words else []
    if not rows:
        return torch.zeros(0, 2**n_qubits, dtype=like.dtype, device=like.device)
    return (1 - 2 * torch.stack(rows)).to(like.dtype)


def walsh_hadamard(psi: torch.Tensor, n_qubits: int) -> torch.Tensor:
    """``H`` on every wire of batched states ``psi`` ``(B, 2**n)``: n butterfly passes."""
    batch = psi.shape[0]
    for wire in range(n_qubits):
        view = psi.reshape(batch, 2**wire, 2, -1)  # (B, high bits, this bit, low bits)
        low, high = view[:, :, 0], view[:, :, 1]
        psi = torch.stack((low + high, low - high), dim=2).reshape(batch, -1)
    return psi * 2 ** (-n_qubits / 2)
