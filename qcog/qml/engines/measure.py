"""Measurements on batched states: probabilities, expectation values and variances.

Every expectation value and variance goes through ``phi = O psi`` (the lowered observable
of :mod:`qcog.qml.observables` applied to the state): ``<O> = Re <psi|phi>`` and
``Var O = <phi|phi> - <O>**2`` (``O`` is Hermitian). Two fast paths avoid ``phi``:
diagonal Pauli sums (Z words, e.g. QAOA costs) read ``probs @ d``, and a list of
single-wire ``<Z_i>`` (the layers' usual output) is one matmul with a sign table.
``probs(op=...)`` first rotates a copy of the state by the observable's diagonalizing
gates, as PennyLane does.

>>> import torch, pennylane as qml
>>> from qcog.qml.observables import lower_observable
>>> psi = torch.tensor([[0.6, 0.8]], dtype=torch.complex128)
>>> expval(psi, lower_observable(qml.Z(0), {0: 0}, 1), n=1)
tensor([-0.2800], dtype=torch.float64)
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from qcog.qml.engines.pauli_sum import apply_pauli_sum, pauli_table
from qcog.qml.engines.state_ops import apply_dense, apply_diagonal
from qcog.qml.observables import MatrixTerm, Observable, PauliTerms, ProductOf, Scaled, SumOf
from qcog.qml.program import Measurement

#: Above this many qubits <Z> is read from marginals instead of a (2**n, n) sign table,
#: which would need 2**n * n numbers (60 GB at 28 qubits).
SIGN_TABLE_MAX_QUBITS = 16


class _Probabilities(torch.autograd.Function):
    """``|psi|**2`` (any layout) as one node; the gradient is ``2 g psi``."""

    @staticmethod
    def forward(ctx, psi):
        ctx.save_for_backward(psi)
        return psi.real.square() + psi.imag.square()

    @staticmethod
    def backward(ctx, grad):
        (psi,) = ctx.saved_tensors
        if not psi.is_contiguous() and psi.mT.is_contiguous():  # a batch-last state's view
            return (2 * grad.mT.contiguous() * psi.mT).mT
        return 2 * grad * psi


def probabilities(psi: torch.Tensor) -> torch.Tensor:
    """``|psi|**2`` as a real ``(B, 2**n)`` tensor."""
    return _Probabilities.apply(psi)


def marginal(probs: torch.Tensor, wires: tuple[int, ...], n: int) -> torch.Tensor:
    """Probabilities of ``wires`` (in that order) from all probabilities ``(B, 2**n)``."""
    if list(wires) == list(range(n)):
        return probs
    tensor = probs.reshape(probs.shape[0], *[2] * n)
    drop = [1 + w for w in range(n) if w not in wires]
    kept = sorted(wires)
    out = tensor.sum(dim=drop) if drop else tensor
    order = [kept.index(w) for w in wires]
    return out.permute(0, *[1 + i for i in order]).reshape(probs.shape[0], -1)


def z_marginal(probs: torch.Tensor, wire: int, n: int) -> torch.Tensor:
    """<Z_wire> from probabilities (B, 2**n); wire 0 is the most significant bit."""
    p = probs.reshape(probs.shape[0], 2**wire, 2, 2 ** (n - 1 - wire))  # (B, hi, bit, lo)
    return p[:, :, 0, :].sum(dim=(1, 2)) - p[:, :, 1, :].sum(dim=(1, 2))


def _matrix(term: MatrixTerm, psi: torch.Tensor, n: int) -> torch.Tensor:
    matrix = torch.as_tensor(term.matrix).to(device=psi.device, dtype=psi.dtype)
    if term.diagonal:
        return apply_diagonal(psi, matrix.reshape(1, -1), term.wires, n)
    return apply_dense(psi, matrix.reshape(-1, *matrix.shape[-2:]), term.wires, n)


def apply_observable(psi: torch.Tensor, obs: Observable, n: int) -> torch.Tensor:
    """``O psi`` for a lowered observable ``obs`` and states ``psi`` (B, 2**n)."""
    if isinstance(obs, PauliTerms):
        return apply_pauli_sum(psi, obs)
    if isinstance(obs, MatrixTerm):
        return _matrix(obs, psi, n)
    if isinstance(obs, Scaled):
        return apply_observable(psi, obs.base, n) * obs.coeff
    if isinstance(obs, SumOf):
        parts = [apply_observable(psi, part, n) for part in obs.parts]
        return torch.stack(torch.broadcast_tensors(*parts)).sum(0)
    if isinstance(obs, ProductOf):
        for factor in reversed(obs.factors):
            psi = apply_observable(psi, factor, n)
        return psi
    raise TypeError(f"not a lowered observable: {type(obs).__name__}")


def _diagonal(obs, psi: torch.Tensor) -> torch.Tensor | None:
    """The real diagonal ``(2**n,)`` of a Z-only Pauli sum, else None."""
    if not isinstance(obs, PauliTerms) or not obs.coeffs or not pauli_table(obs).diagonal:
        return None
    _, rows = pauli_table(obs).source(psi.real.dtype, psi.device)
    return rows(0, 1)[0].real


def expval(psi: torch.Tensor, obs: Observable, n: int, probs: torch.Tensor | None = None
           ) -> torch.Tensor:
    """``<psi|O|psi>`` per state, real ``(B,)``."""
    diagonal = _diagonal(obs, psi)
    if diagonal is not None:
        return (probabilities(psi) if probs is None else probs) @ diagonal
    phi = apply_observable(psi, obs, n)
    return (psi.conj() * phi).sum(-1).real


def variance(psi: torch.Tensor, obs: Observable, n: int, probs: torch.Tensor | None = None
             ) -> torch.Tensor:
    """``<O**2> - <O>**2`` per state, real ``(B,)``."""
    diagonal = _diagonal(obs, psi)
    if diagonal is not None:
        probs = probabilities(psi) if probs is None else probs
        mean = probs @ diagonal
        return probs @ (diagonal * diagonal) - mean * mean
    phi = apply_observable(psi, obs, n)
    mean = (psi.conj() * phi).sum(-1).real
    return probabilities(phi).sum(-1) - mean * mean


def _single_z(m) -> int | None:
    """The wire of a ``<Z_w>`` measurement, else None."""
    if m.kind != "expval" or not isinstance(m.observable, PauliTerms):
        return None
    word = m.observable.word(m.wires)
    return m.wires[0] if word == "Z" else None


class Measurer:
    """Reads every measurement of a program from the final states; keeps its sign tables.

    Args:
        rotate: ``rotate(psi, gates) -> psi`` applies lowered gates (for ``probs(op=...)``).
    """

    def __init__(self, rotate: Callable):
        self.rotate = rotate
        self._signs: dict = {}

    def z_signs(self, n: int, like: torch.Tensor) -> torch.Tensor:
        """``(2**n, n)`` table of ``+-1``: column w is the eigenvalue of Z on wire w."""
        key = (n, like.dtype, str(like.device))
        signs = self._signs.get(key)
        if signs is None:
            index = torch.arange(2**n, device=like.device)
            bits = torch.stack([(index >> (n - 1 - w)) & 1 for w in range(n)], dim=1)
            signs = self._signs[key] = (1 - 2 * bits).to(like.dtype)
        return signs

    def measure_all(self, psi: torch.Tensor, measurements: list[Measurement], n: int
                    ) -> list[torch.Tensor]:
        """All outputs; probabilities are computed once. Lists of single-wire <Z> that a sign
        table reads (:meth:`z_readout`) are read by the engine before; wider ones share one
        stack of marginals here."""
        probs = probabilities(psi)
        z_wires = [_single_z(m) for m in measurements]
        if len(measurements) > 1 and None not in z_wires:
            if n <= SIGN_TABLE_MAX_QUBITS:
                return [probs @ self.z_readout(measurements, n, probs)]
            return [torch.stack([z_marginal(probs, w, n) for w in z_wires], dim=-1)]
        return [self.measure(psi, probs, m, n) for m in measurements]

    def z_readout(self, measurements: list[Measurement], n: int, like: torch.Tensor
                  ) -> torch.Tensor | None:
        """The sign columns ``(2**n, k)`` that read all measurements as ``probs @ columns``
        when every one is a single-wire ``<Z>`` (and ``n`` at most
        :data:`SIGN_TABLE_MAX_QUBITS`), else None."""
        z_wires = tuple(_single_z(m) for m in measurements)
        if None in z_wires or n > SIGN_TABLE_MAX_QUBITS:
            return None
        key = (n, like.dtype, str(like.device), z_wires)
        columns = self._signs.get(key)
        if columns is None:
            columns = self._signs[key] = self.z_signs(n, like)[:, list(z_wires)]
        return columns

    def measure(self, psi: torch.Tensor, probs: torch.Tensor, m: Measurement, n: int
                ) -> torch.Tensor:
        """One measurement: ``(B, 2**k)`` for probs, ``(B,)`` for expval and var."""
        if m.kind == "probs":
            if m.rotation:
                probs = probabilities(self.rotate(psi, list(m.rotation)))
            return marginal(probs, m.wires, n)
        wire = _single_z(m)
        if wire is not None and n > SIGN_TABLE_MAX_QUBITS:
            return z_marginal(probs, wire, n)
        if wire is not None:
            return probs @ self.z_signs(n, probs)[:, wire]
        if m.kind == "var":
            return variance(psi, m.observable, n, probs)
        return expval(psi, m.observable, n, probs)
