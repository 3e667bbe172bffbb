"""Pauli sums applied to batched states agree with PennyLane's dense matrix, gradients included."""

import numpy as np
import pennylane as qml
import pytest
import torch

from qcog.qml.engines import pauli_sum
from qcog.qml.engines.pauli_sum import apply_pauli_sum
from qcog.qml.observables import lower_observable


def _random_sum(n: int, terms: int, seed: int, coeffs=None):
    rng = np.random.default_rng(seed)
    words = ["".join(rng.choice(list("IXYZ"), n)) for _ in range(terms)]
    ops = [qml.pauli.string_to_pauli_word(w, wire_map={i: i for i in range(n)}) for w in words]
    return qml.Hamiltonian(rng.normal(size=terms) if coeffs is None else coeffs, ops)


def _states(n: int, batch: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    psi = torch.randn(batch, 2**n, 2, generator=g, dtype=torch.float64)
    psi = torch.view_as_complex(psi)
    return psi / psi.norm(dim=1, keepdim=True)


def _dense(h, n: int) -> torch.Tensor:
    return torch.as_tensor(qml.matrix(h, wire_order=range(n)), dtype=torch.complex128)


@pytest.mark.parametrize("cached", [True, False])
def test_matches_dense_matrix(monkeypatch, cached):
    n = 5
    h = _random_sum(n, 60, seed=1)
    if not cached:  # rows rebuilt on every pass, a few masks at a time
        monkeypatch.setattr(pauli_sum, "CACHE_BYTES", 0)
        monkeypatch.setattr(pauli_sum, "CHUNK_ELEMENTS", 64)
    psi = _states(n, 3, seed=2)
    out = apply_pauli_sum(psi, lower_observable(h, {i: i for i in range(n)}, n))
    assert torch.allclose(out, psi @ _dense(h, n).T, atol=1e-12)


def test_gradients_of_states_and_trainable_coefficients():
    n = 3
    coeffs = torch.tensor([0.4, -1.1, 0.7, 0.25], dtype=torch.float64, requires_grad=True)
    h = _random_sum(n, 4, seed=3, coeffs=coeffs)
    terms = lower_observable(h, {i: i for i in range(n)}, n)
    psi = _states(n, 2, seed=4).requires_grad_(True)

    def energy(p, c):
        h_c = _random_sum(n, 4, seed=3, coeffs=c)
        t = lower_observable(h_c, {i: i for i in range(n)}, n)
        return (p.conj() * apply_pauli_sum(p, t)).sum(-1).real.sum()

    assert torch.autograd.gradcheck(energy, (psi, coeffs))
    # d<H>/dc_t = <P_t>: compare with the words' own expectation values
    energy(psi, coeffs).backward()
    words = [_dense(op, n) for op in h.terms()[1]]
    expected = [float(sum((p.conj() @ w @ p).real for p in psi.detach())) for w in words]
    assert np.allclose(coeffs.grad.numpy(), expected, atol=1e-12)
    assert not terms.constant


def test_diagonal_sums_need_no_gather():
    n = 3
    h = qml.Hamiltonian([0.5, -1.0, 2.0], [qml.Z(0) @ qml.Z(1), qml.Z(2), qml.I(0)])
    terms = lower_observable(h, {i: i for i in range(n)}, n)
    assert pauli_sum.pauli_table(terms).diagonal
    psi = _states(n, 2, seed=5)
    assert torch.allclose(apply_pauli_sum(psi, terms), psi @ _dense(h, n).T, atol=1e-12)
