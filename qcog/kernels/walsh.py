"""Hadamard layers and Z-word diagonals on batched states, for the closed form of IQP-type maps.

``H^n`` on a state is the (normalised) Walsh-Hadamard transform, applied as
``H^(a) psi H^(b)`` on the state viewed as a ``(2**a, 2**b)`` matrix (``a + b = n``): two
small matrix products instead of ``n`` passes over the state; a diagonal ``exp(-i/2 sum_S theta_S Z_S)`` is a phase whose
``2**n`` values are one matmul of the angles with a ``(words, 2**n)`` table of the
signs of ``Z_S`` (wire 0 is the most significant bit, as in PennyLane).

>>> import torch
>>> z_word_signs([(0,), (0, 1)], 2, torch.zeros(1))
tensor([[ 1.,  1., -1., -1.],
        [ 1., -1., -1.,  1.]])
>>> walsh_hadamard(torch.tensor([[1.0, 0.0]], dtype=torch.complex128), 1)
tensor([[0.7071+0.j, 0.7071+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

from functools import lru_cache

import torch


def z_word_signs(words: list[tuple[int, ...]], n_qubits: int, like: torch.Tensor) -> torch.Tensor:
    """The eigenvalues (+1/-1) of ``Z_S`` for each word ``S`` on every basis state.

    Args:
        words: wire tuples (``(i,)`` for ``Z_i``, ``(i, j)`` for ``Z_i Z_j``, ...).
        n_qubits: state width.
        like: a real tensor giving dtype and device.

    Returns:
        ``(len(words), 2**n_qubits)`` real tensor (cached: do not modify it in place).
    """
    return _signs(tuple(tuple(w) for w in words), n_qubits, like.dtype, str(like.device))


@lru_cache(maxsize=32)
def _signs(words, n_qubits, dtype, device) -> torch.Tensor:
    like = torch.zeros(0, dtype=dtype, device=device)
    index = torch.arange(2**n_qubits, device=like.device)
    bits = torch.stack([(index >> (n_qubits - 1 - w)) & 1 for w in range(n_qubits)])  # (n, 2**n)
    rows = [bits[list(word)].sum(dim=0) % 2 for word in words] if words else []
    if not rows:
        return torch.zeros(0, 2**n_qubits, dtype=like.dtype, device=like.device)
    return (1 - 2 * torch.stack(rows)).to(like.dtype)


def hadamard_matrix(n_qubits: int, like: torch.Tensor) -> torch.Tensor:
    """The normalised ``2**n x 2**n`` matrix of ``H`` on every wire (Sylvester's construction).

    >>> hadamard_matrix(1, torch.zeros(1))
    tensor([[ 0.7071,  0.7071],
            [ 0.7071, -0.7071]])
    """
    return _hadamard(n_qubits, like.dtype, str(like.device))


@lru_cache(maxsize=32)
def _hadamard(n_qubits, dtype, device) -> torch.Tensor:
    like = torch.zeros(0, dtype=dtype, device=device)
    index = torch.arange(2**n_qubits, device=like.device)
    parity = torch.zeros(2**n_qubits, 2**n_qubits, dtype=torch.long, device=like.device)
    for bit in range(n_qubits):
        parity += ((index[:, None] >> bit) & (index[None, :] >> bit)) & 1
    return ((1 - 2 * (parity % 2)) * 2 ** (-n_qubits / 2)).to(like.dtype)


def walsh_hadamard(psi: torch.Tensor, n_qubits: int) -> torch.Tensor:
    """``H`` on every wire of batched states ``psi`` ``(B, 2**n)``.

    ``H`` is real, so the real and imaginary parts are transformed as rows of one real
    matrix (two plain matrix products; a third of the work of complex ones).
    """
    batch = psi.shape[0]
    high = n_qubits // 2
    low = n_qubits - high
    parts = torch.view_as_real(psi).movedim(-1, 0)  # (2, B, 2**n): real, imaginary
    rows = parts.reshape(-1, 2**low) @ hadamard_matrix(low, parts)  # (2 B 2**high, 2**low)
    cols = rows.reshape(-1, 2**high, 2**low).transpose(1, 2).reshape(-1, 2**high)
    cols = cols @ hadamard_matrix(high, parts)  # the high wires, (2 B 2**low, 2**high)
    out = cols.reshape(2, batch, 2**low, 2**high).transpose(2, 3)  # (2, B, 2**high, 2**low)
    return torch.complex(out[0], out[1]).reshape(batch, -1)
