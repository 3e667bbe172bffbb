"""Fused runs of narrow circuits: the product, the embedding, and fused against unfused plans."""

import pennylane as qml
import pytest
import torch

from qcog.qml.engines.plan import BankParams, _stacked, compile_plan
from qcog.qml.engines.segments import FUSE_MAX_WIRES, embedding_index, ordered_product
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.qml.program import lower, record
from qcog.testing.differential import random_circuit


def _unitaries(count: int, d: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    a = torch.randn(count, d, d, dtype=torch.complex128, generator=g)
    return torch.linalg.qr(a)[0].contiguous()


@pytest.mark.parametrize("count", range(1, 8))
def test_ordered_product_applies_the_first_matrix_first(count):
    matrices = _unitaries(count, 4, seed=count)
    expected = torch.eye(4, dtype=torch.complex128)
    for m in matrices:
        expected = m @ expected
    product = ordered_product(matrices)
    assert product.shape == (1, 4, 4)
    assert torch.allclose(product[0], expected, atol=1e-12)


@pytest.mark.parametrize("n", range(1, 5))
def test_embedding_index_gives_the_kronecker_product_with_identities(n):
    matrices = _unitaries(n, 2, seed=n)  # one per wire, slots 0 .. n-1
    wires = list(reversed(range(n)))
    index = embedding_index(list(range(n)), wires, n)
    flat = torch.cat([matrices.reshape(-1), torch.zeros(1, dtype=matrices.dtype)])
    embedded = flat[torch.where(index < 0, n * 4, index)]
    for slot, wire in enumerate(wires):
        factors = [matrices[slot] if w == wire else torch.eye(2, dtype=matrices.dtype)
                   for w in range(n)]
        expected = factors[0]
        for f in factors[1:]:
            expected = torch.kron(expected, f)
        assert torch.allclose(embedded[slot], expected)


def _qfunc(inputs, weights):
    qml.AngleEmbedding(inputs, wires=range(4))
    qml.StronglyEntanglingLayers(weights[:2].reshape(2, 4, 3), wires=range(4))
    qml.CRX(weights[2, 0], wires=[3, 0])  # a dense gate on non-contiguous wires
    qml.CZ(wires=[1, 2])  # a diagonal constant
    qml.RY(inputs[..., 1], wires=2)  # a batched gate splits the runs
    qml.RZ(weights[2, 1], wires=1)
    qml.Hadamard(wires=3)
    qml.IsingXX(weights[2, 2], wires=[1, 2])
    return [qml.expval(qml.PauliZ(w)) for w in range(4)] + [qml.probs(wires=[0, 3])]


def test_a_narrow_plan_fuses_its_batch_independent_runs():
    x = torch.rand(3, 4, dtype=torch.float64)
    program = lower(record(_qfunc, x, weights=torch.rand(3, 12, dtype=torch.float64)), 4)
    fused = compile_plan(program, 1, "cpu")
    unfused = compile_plan(program, 1, "cpu", fuse_max_wires=0)
    assert len(fused.segments) == 2 and not unfused.segments
    assert len(fused.steps) == 3 < len(unfused.steps)  # run, batched RY, run


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_fused_and_unfused_engines_agree_on_values_and_gradients(dtype):
    results = []
    for engine in (TorchEngine(), TorchEngine(fuse_max_wires=0)):
        x = torch.rand(5, 4, dtype=dtype, generator=torch.Generator().manual_seed(1))
        w = torch.rand(3, 12, dtype=dtype, generator=torch.Generator().manual_seed(2)) * 6
        x.requires_grad_(True)
        w.requires_grad_(True)
        out = engine.execute(_qfunc, x, {"weights": w}, 4)
        out.pow(2).sum().backward()
        results.append((out.detach(), x.grad, w.grad))
    tolerance = 1e-5 if dtype == torch.float32 else 1e-12
    for a, b in zip(*results):
        assert torch.allclose(a, b, atol=tolerance)


@pytest.mark.parametrize("seed", range(16))
def test_random_narrow_circuits_agree_fused_and_unfused(seed):
    circuit = random_circuit(seed, max_wires=FUSE_MAX_WIRES, max_steps=8)
    x = circuit.inputs(batch=3, seed=seed)
    weights = torch.rand(circuit.weight_shapes["weights"], dtype=torch.float64,
                         generator=torch.Generator().manual_seed(seed)) * 6
    results = []
    for engine in (TorchEngine(), TorchEngine(fuse_max_wires=0), TorchEngine(gradient="adjoint")):
        xs, ws = x.clone().requires_grad_(True), weights.clone().requires_grad_(True)
        out = engine.execute(circuit.qfunc, xs, {"weights": ws}, circuit.n_wires)
        grads = torch.autograd.grad(out.sum(), (xs, ws), allow_unused=True)
        results.append([out.detach()] + [torch.zeros_like(p) if g is None else g
                                         for g, p in zip(grads, (xs, ws))])
    for other in results[1:]:
        for a, b in zip(results[0], other):
            assert torch.allclose(a, b, atol=1e-10)


def test_fuse_max_wires_is_checked():
    with pytest.raises(ValueError, match="fuse_max_wires"):
        TorchEngine(fuse_max_wires=-1)


# -- angles read from the tensor the gate parameters are views of -----------------------
def _indexed(inputs, weights):
    for k in range(weights.shape[0]):
        for j in range(2):
            qml.RY(weights[k, j], wires=j)
        qml.CNOT(wires=[0, 1])
    qml.RX(inputs[..., 0], wires=0)
    return qml.expval(qml.PauliZ(0) @ qml.PauliX(1))


def _weight_grad(weights: torch.Tensor, build=lambda w: w) -> torch.Tensor:
    x = torch.rand(4, 1, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    out = TorchEngine().execute(_indexed, x, {"weights": build(weights)}, 2)
    out.sum().backward()
    return weights.grad


def test_views_of_one_tensor_are_gathered_with_the_same_gradients():
    values = torch.rand(3, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    gathered = _weight_grad(values.clone().requires_grad_(True))
    # the same numbers, each an output of its own operation (no views): the general path
    copied = _weight_grad(values.clone().requires_grad_(True), build=lambda w: w * 1.0 + 0.0)
    assert torch.allclose(gathered, copied, atol=1e-12)
    engine = TorchEngine()
    w = values.clone().requires_grad_(True)
    engine.execute(_indexed, torch.zeros(2, 1, dtype=torch.float64), {"weights": w}, 2)
    plan = next(v for k, v in engine._cache.items() if k[0] == "plan")
    assert any(bank.gathers for bank in plan.banks)


def test_a_non_contiguous_weight_tensor_takes_the_general_path():
    values = torch.rand(2, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(4))
    strided = values.t().clone().requires_grad_(True)  # (3, 2), not a view, not contiguous
    assert not strided.is_contiguous() and strided._base is None
    reference = _weight_grad(values.t().contiguous().requires_grad_(True))
    assert torch.allclose(_weight_grad(strided), reference, atol=1e-12)


def test_detached_weights_get_no_gradient():
    w = torch.rand(3, 2, dtype=torch.float64, requires_grad=True)
    x = torch.rand(2, 1, dtype=torch.float64, requires_grad=True)
    out = TorchEngine().execute(_indexed, x, {"weights": w.detach()}, 2)
    out.sum().backward()
    assert w.grad is None and x.grad is not None


@pytest.mark.parametrize(("width", "shape"), [(1, ()), (1, (5,)), (3, (3,)), (3, (5, 3))])
def test_plain_stacking_equals_the_bank_node(width, shape):
    values = [torch.rand(shape, dtype=torch.float64) for _ in range(4)]  # 2 gates, 2 params
    assert torch.equal(_stacked((width, width), 2, values), BankParams.apply((width, width), 2, *values))


def _no_prefix(inputs, weights):
    qml.CNOT(wires=[0, 1])  # no one-qubit gate on |00> first: no product-state prefix
    qml.RY(weights[0], wires=0)
    qml.Hadamard(wires=1)
    qml.RY(weights[1], wires=1)
    return qml.expval(qml.PauliZ(0) @ qml.PauliX(1))  # nothing depends on the inputs


@pytest.mark.parametrize("options", [{}, {"gradient": "adjoint"}, {"fuse_max_wires": 0}],
                         ids=["fused", "adjoint", "unfused"])
def test_a_circuit_without_a_prefix_whose_banks_all_fuse(options):
    # every bank then feeds only segments, and no gate depends on the inputs: the evolution
    # starts from |00> with no bank matrix to take the dtype from (failed with StopIteration)
    from qcog.qml.engines import make_engine

    results = []
    for engine in (TorchEngine(**options), make_engine("default.qubit")):
        x = torch.rand(3, 1, dtype=torch.float64, generator=torch.Generator().manual_seed(5))
        w = torch.tensor([0.4, 1.1], dtype=torch.float64, requires_grad=True)
        x.requires_grad_(True)
        out = engine.execute(_no_prefix, x, {"weights": w}, 2)
        out.pow(2).sum().backward()
        assert x.grad is None
        results.append((out.detach(), w.grad))
    for ours, reference in zip(*results):
        assert torch.allclose(ours, reference, atol=1e-12)
