"""The native layer kernel against Kronecker products and autograd, and the engine with it
against the engine without it."""

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml.engines import layer_kernel
from qcog.qml.engines.plan import Plan
from qcog.qml.engines.state_ops import kron_all
from qcog.qml.engines.steps import Layer
from qcog.qml.engines.torch_engine import LAYER_MIN_BATCH, TorchEngine

pytestmark = pytest.mark.skipif(not layer_kernel.available(),
                                reason="no working C compiler: the engine keeps Kronecker groups")


def _unitaries(n, dtype, generator):
    z = torch.randn(n, 2, 2, dtype=torch.complex128, generator=generator)
    return torch.linalg.qr(z)[0].to(dtype)


@pytest.mark.parametrize("n, batch, dtype", [
    (1, 3, torch.complex128), (2, 5, torch.complex128), (5, 33, torch.complex128),
    (6, 70, torch.complex64), (7, 1, torch.complex128), (8, 64, torch.complex128),
])
def test_kernel_equals_the_kronecker_product_and_its_autograd_gradients(n, batch, dtype):
    g = torch.Generator().manual_seed(n * 100 + batch)
    x = torch.randn(2**n, batch, dtype=dtype, generator=g)
    h = torch.randn(2**n, batch, dtype=dtype, generator=g)  # conj of the output's gradient
    m = _unitaries(n, dtype, g).requires_grad_()
    x_ref = x.clone().requires_grad_()
    y = kron_all([m[None, q] for q in range(n)])[0] @ x_ref
    (y * h).real.sum().backward()  # grad of y is conj(h): the steps' convention
    tol = 1e-4 if dtype == torch.complex64 else 1e-12
    out = layer_kernel.forward(x, m.detach(), torch.empty_like(x))
    assert torch.allclose(out, y, atol=tol)
    for source, from_output in ((x, False), (y.detach(), True)):
        h_in, grad = layer_kernel.backward(h, source, m.detach(), torch.empty_like(h),
                                           from_output=from_output)
        assert torch.allclose(h_in, x_ref.grad.conj(), atol=tol)
        assert torch.allclose(grad, m.grad, atol=tol * 2**n)


def _wire_by_wire(x, m):
    """The layer applied one wire at a time by torch (no 2**n x 2**n matrix)."""
    n, batch = m.shape[0], x.shape[1]
    for q in range(n):
        x = torch.einsum("ij,ajb->aib", m[q], x.reshape(2**q, 2, -1)).reshape(-1, batch)
    return x


@pytest.mark.parametrize("n, batch, dtype", [(11, 9, torch.complex128), (12, 20, torch.complex64)])
def test_narrower_tiles_of_wide_states_are_exact_too(n, batch, dtype):
    assert layer_kernel.tile_columns(n, dtype) < layer_kernel.CHUNK
    g = torch.Generator().manual_seed(n)
    x = torch.randn(2**n, batch, dtype=dtype, generator=g)
    h = torch.randn(2**n, batch, dtype=dtype, generator=g)
    m = _unitaries(n, dtype, g).requires_grad_()
    x_ref = x.clone().requires_grad_()
    y = _wire_by_wire(x_ref, m)
    (y * h).real.sum().backward()
    tol = 1e-3 if dtype == torch.complex64 else 1e-11
    assert torch.allclose(layer_kernel.forward(x, m.detach(), torch.empty_like(x)), y, atol=tol)
    h_in, grad = layer_kernel.backward(h, x, m.detach(), torch.empty_like(h))
    assert torch.allclose(h_in, x_ref.grad.conj(), atol=tol)
    assert torch.allclose(grad, m.grad, rtol=1e-3 if dtype == torch.complex64 else 1e-10)


def test_kernel_works_in_place_and_reuses_its_tiles():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2**6, 40, dtype=torch.complex128, generator=g)
    m = _unitaries(6, torch.complex128, g)
    expected = kron_all([m[None, q] for q in range(6)])[0] @ x
    tiles = layer_kernel.Tiles()
    first = layer_kernel.forward(x.clone(), m, torch.empty_like(x), tiles)
    taken = tiles.take(2 * 2**6 * layer_kernel.CHUNK, torch.float64)
    tiles.give(taken)
    same = x.clone()
    assert layer_kernel.forward(same, m, same, tiles) is same  # out may be the input
    assert torch.allclose(first, expected, atol=1e-12) and torch.allclose(same, expected, atol=1e-12)
    assert tiles.take(2 * 2**6 * layer_kernel.CHUNK, torch.float64).data_ptr() == taken.data_ptr()


def test_kernel_rejects_what_it_cannot_take():
    m = torch.eye(2, dtype=torch.complex128).expand(3, 2, 2)
    with pytest.raises(QcogValueError, match=r"\(2\*\*n, B\)"):
        layer_kernel.forward(torch.zeros(4, 2, dtype=torch.complex128), m,
                             torch.zeros(4, 2, dtype=torch.complex128))  # 2 wires, 3 matrices
    with pytest.raises(QcogValueError, match="complex CPU state"):
        layer_kernel.forward(torch.zeros(8, 2), m, torch.zeros(8, 2))  # real


def _sel(inputs, weights):
    import pennylane as qml

    n = inputs.shape[-1]
    qml.AngleEmbedding(inputs, wires=range(n))
    qml.StronglyEntanglingLayers(weights, wires=range(n))
    return [qml.expval(qml.PauliZ(w)) for w in range(n)]


def _sel_probs(inputs, weights):
    _sel(inputs, weights)
    import pennylane as qml

    return qml.probs(wires=[0, 2])


def _layer_steps(engine):
    return sum(isinstance(step, Layer) for plan in engine._cache.values() if isinstance(plan, Plan)
               for step, _ in plan.steps)


@pytest.mark.parametrize("qfunc", [_sel, _sel_probs])
@pytest.mark.parametrize("gradient", ["backprop", "adjoint"])
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_engine_with_the_kernel_equals_the_engine_without(qfunc, gradient, dtype):
    n, batch = 7, LAYER_MIN_BATCH + 3
    g = torch.Generator().manual_seed(1)
    x = torch.rand(batch, n, generator=g, dtype=dtype)
    w = torch.rand(3, n, 3, generator=g, dtype=dtype, requires_grad=True)
    results = []
    for native in (True, False):
        engine = TorchEngine(gradient=gradient, native=native)
        for _ in range(2):  # the second step reuses buffers and tiles
            values = engine.execute(qfunc, x, {"weights": w}, n)
            grad = torch.autograd.grad((values * torch.linspace(-1, 1, values.shape[-1])).sum(), w)[0]
        results.append((values.detach(), grad))
        assert _layer_steps(engine) == (2 if native else 0)  # layer 1 is in the product state
    tol = 1e-12 if dtype == torch.float64 else 1e-5
    assert torch.allclose(results[0][0], results[1][0], atol=tol)
    assert torch.allclose(results[0][1], results[1][1], atol=tol * 10)


def test_small_batches_and_input_layers_keep_kronecker_groups():
    import pennylane as qml

    def circuit(inputs, weights):
        qml.CNOT(wires=[0, 1])  # no product-state prefix: both layers are steps
        qml.AngleEmbedding(inputs, wires=range(7))
        qml.BasicEntanglerLayers(weights, wires=range(7))
        return qml.expval(qml.PauliZ(0))

    engine = TorchEngine()
    w = torch.rand(1, 7, dtype=torch.float64)
    engine.execute(circuit, torch.rand(LAYER_MIN_BATCH - 1, 7, dtype=torch.float64), {"weights": w}, 7)
    assert _layer_steps(engine) == 0
    engine.execute(circuit, torch.rand(LAYER_MIN_BATCH, 7, dtype=torch.float64), {"weights": w}, 7)
    assert _layer_steps(engine) == 1  # the weights' layer; the inputs' stays in groups


def test_calls_on_more_torch_threads_keep_kronecker_groups():
    x = torch.rand(LAYER_MIN_BATCH, 7, dtype=torch.float64)
    w = {"weights": torch.rand(2, 7, 3, dtype=torch.float64)}
    engine = TorchEngine(threads=2)  # torch's parallel products, not the one-thread kernel
    engine.execute(_sel, x, w, 7)
    assert _layer_steps(engine) == 0
    engine = TorchEngine(threads=1)
    engine.execute(_sel, x, w, 7)
    assert _layer_steps(engine) == 1


def test_without_a_compiler_the_engine_keeps_kronecker_groups(monkeypatch):
    monkeypatch.setattr(layer_kernel, "available", lambda dtype=None: False)
    engine = TorchEngine()
    x = torch.rand(LAYER_MIN_BATCH, 7, dtype=torch.float64)
    engine.execute(_sel, x, {"weights": torch.rand(2, 7, 3, dtype=torch.float64)}, 7)
    assert _layer_steps(engine) == 0


def test_native_flag_is_validated_and_pickled():
    import pickle

    with pytest.raises(QcogValueError, match="native must be True or False"):
        TorchEngine(native="yes")
    assert pickle.loads(pickle.dumps(TorchEngine(native=False))).native is False


@pytest.mark.parametrize("n, batch", [(2, 3), (7, 40)])
def test_product_gradient_equals_autograd_through_the_product_state(n, batch):
    from qcog.qml.engines.product_state import product_forward

    g = torch.Generator().manual_seed(n)
    vectors = torch.randn(batch, n, 2, dtype=torch.complex128, generator=g)
    vectors = (vectors / vectors.abs().square().sum(-1, keepdim=True).sqrt()).requires_grad_()
    state, _ = product_forward(vectors)
    h = torch.randn(2**n, batch, dtype=torch.complex128, generator=g)
    (state * h).real.sum().backward()  # the state's gradient is conj(h)
    got = layer_kernel.product_gradient(h, state.detach().contiguous(), vectors.detach())
    assert torch.allclose(got, vectors.grad, atol=1e-12)


def _permutation(size, generator):
    index = torch.randperm(size, generator=generator)
    inverse = torch.empty_like(index)
    inverse[index] = torch.arange(size)
    return index, inverse


@pytest.mark.parametrize("from_output", [False, True])
@pytest.mark.parametrize("sides", ["after", "both"])
def test_kernel_permutes_rows_in_the_same_pass(from_output, sides):
    """``before`` / ``after`` permute rows as they are read / written (CNOT rings fused into
    the layer); the inverse step and the backward pass read and write through them."""
    n, batch = 6, 37
    g = torch.Generator().manual_seed(7)
    x = torch.randn(2**n, batch, dtype=torch.complex128, generator=g)
    h = torch.randn(2**n, batch, dtype=torch.complex128, generator=g)
    m = _unitaries(n, torch.complex128, g).requires_grad_()
    after = _permutation(2**n, g)
    before = _permutation(2**n, g) if sides == "both" else None
    x_ref = x.clone().requires_grad_()
    z = x_ref if before is None else x_ref[before[0]]
    y = (kron_all([m[None, q] for q in range(n)])[0] @ z)[after[0]]
    (y * h).real.sum().backward()
    out = layer_kernel.forward(x, m.detach(), torch.empty_like(x), after=after[0],
                               before=None if before is None else before[0])
    assert torch.allclose(out, y, atol=1e-12)
    back = layer_kernel.forward(out, m.detach().mH, torch.empty_like(x), before=after[1],
                                after=None if before is None else before[1])
    assert torch.allclose(back, x, atol=1e-12)
    x_rows = after[1] if from_output else None if before is None else before[0]
    h_in, grad = layer_kernel.backward(h, out if from_output else x, m.detach(),
                                       torch.empty_like(h), from_output=from_output,
                                       x_rows=x_rows, h_rows=after[1],
                                       out_rows=None if before is None else before[1])
    assert torch.allclose(h_in, x_ref.grad.conj(), atol=1e-12)
    assert torch.allclose(grad, m.grad, atol=1e-10)


def test_a_layer_and_the_permutations_around_it_are_one_step():
    engine = TorchEngine()
    x = torch.rand(LAYER_MIN_BATCH, 7, dtype=torch.float64)
    engine.execute(_sel, x, {"weights": torch.rand(3, 7, 3, dtype=torch.float64)}, 7)
    (plan,) = [p for p in engine._cache.values() if isinstance(p, Plan)]
    kinds = [type(step).__name__ for step, _ in plan.steps]
    assert kinds == ["Layer", "Layer"]  # (ring 1, layer 2, ring 2), (layer 3, ring 3)
    assert plan.steps[0][0].before is not None and plan.steps[1][0].before is None
    assert all(step.after is not None for step, _ in plan.steps)
    from qcog.qml.engines.plan import PERMUTING_LAYER_MAX_WIRES

    wide = PERMUTING_LAYER_MAX_WIRES + 1  # wider: the permutations stay steps of their own
    engine = TorchEngine()
    x = torch.rand(LAYER_MIN_BATCH, wide, dtype=torch.float64)
    engine.execute(_sel, x, {"weights": torch.rand(2, wide, 3, dtype=torch.float64)}, wide)
    (plan,) = [p for p in engine._cache.values() if isinstance(p, Plan)]
    assert [type(step).__name__ for step, _ in plan.steps] == ["Permutation", "Layer", "Permutation"]


@pytest.mark.parametrize("env", [{"CC": "false"}, {"QCOG_NATIVE": "0"}])
def test_a_failing_compiler_or_the_switch_leaves_the_kernel_unavailable(monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    layer_kernel._library.cache_clear()
    try:
        assert not layer_kernel.available(torch.complex128)
    finally:
        monkeypatch.undo()
        layer_kernel._library.cache_clear()
    assert layer_kernel.available(torch.complex128)
