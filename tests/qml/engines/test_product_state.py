"""Product states: built from the last wire, against torch.kron; backward against autograd."""

import pytest
import torch

from qcog.qml.engines.evolve import Workspace
from qcog.qml.engines.product_state import product_backward, product_forward


def _vectors(batch, n, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.view_as_complex(torch.randn(batch, n, 2, 2, generator=g, dtype=torch.float64))


@pytest.mark.parametrize("n", [1, 2, 5])
@pytest.mark.parametrize("pooled", [False, True])
def test_product_state_is_the_kronecker_product_of_the_wire_vectors(n, pooled):
    vectors = _vectors(3, n, seed=n)
    state, partial = product_forward(vectors, Workspace() if pooled else None)
    for b in range(3):
        expected = vectors[b, 0]
        for w in range(1, n):
            expected = torch.kron(expected, vectors[b, w])
        assert torch.allclose(state[:, b], expected, atol=1e-13)
    assert len(partial) == n and partial[0] is state
    assert all(p.shape == (2 ** (n - w), 3) for w, p in enumerate(partial))


@pytest.mark.parametrize("n", [1, 3, 6])
@pytest.mark.parametrize("pooled", [False, True])
def test_product_backward_equals_autograd(n, pooled):
    vectors = _vectors(4, n, seed=10 + n).requires_grad_(True)
    grad = _vectors(4, 2**n, seed=20 + n)[..., 0].T.contiguous()  # (2**n, B)
    state, _ = product_forward(vectors)
    (expected,) = torch.autograd.grad(state, vectors, grad)
    workspace = Workspace() if pooled else None
    with torch.no_grad():
        _, partial = product_forward(vectors, workspace)
        got = product_backward(grad, vectors, partial, workspace)
    assert torch.allclose(got, expected, atol=1e-12)


def test_pooled_partial_products_go_back_to_the_workspace():
    workspace = Workspace()
    vectors = _vectors(2, 5, seed=0)
    _, partial = product_forward(vectors, workspace)
    lent = {p.data_ptr() for p in partial[1:-1]}  # partial[-1] is a view of the vectors
    product_backward(torch.ones(32, 2, dtype=torch.complex128), vectors, partial, workspace)
    free = {t.data_ptr() for pool in workspace._free.values() for t in pool}
    assert len(lent) == 3 and lent <= free
    _, again = product_forward(vectors, workspace)  # made in free buffers, none new
    assert {p.data_ptr() for p in again[1:-1]} <= free
