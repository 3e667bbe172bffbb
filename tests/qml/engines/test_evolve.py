"""The evolution node: adjoint (recomputed states) and backprop (stored states) agree."""

import pytest
import torch

from qcog.qml import QuantumLayer
from qcog.qml.engines.evolve import BACKPROP_MAX_BYTES, use_adjoint
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.testing.differential import random_circuit


def _grads(engine, circuit, x, weights):
    x = x.clone().requires_grad_(True)
    w = weights.clone().requires_grad_(True)
    out = engine.execute(circuit.qfunc, x, {"weights": w}, circuit.n_wires)
    coefficients = torch.linspace(-1, 1, out.numel(), dtype=out.dtype).reshape(out.shape)
    grads = torch.autograd.grad((out * coefficients).sum(), (x, w), allow_unused=True)
    return out.detach(), [torch.zeros_like(p) if g is None else g for g, p in zip(grads, (x, w))]


def _case(seed: int, batch: int):
    """A random circuit (up to 5 wires), its inputs and seeded weights."""
    circuit = random_circuit(seed, max_wires=5, max_steps=8)
    weights = torch.rand(circuit.weight_shapes["weights"], dtype=torch.float64,
                         generator=torch.Generator().manual_seed(seed)) * 6
    return circuit, circuit.inputs(batch=batch, seed=seed), weights


@pytest.mark.parametrize("seed", range(12))
def test_adjoint_gradients_equal_backprop(seed):
    circuit, x, weights = _case(seed, batch=3)
    out_b, grads_b = _grads(TorchEngine(gradient="backprop"), circuit, x, weights)
    out_a, grads_a = _grads(TorchEngine(gradient="adjoint"), circuit, x, weights)
    assert torch.allclose(out_a, out_b, atol=1e-12)
    for a, b in zip(grads_a, grads_b):
        assert torch.allclose(a, b, atol=1e-10)


def test_a_wide_layer_trains_with_adjoint_gradients():
    layer = QuantumLayer(n_qubits=10, n_layers=2, seed=0, dtype=torch.float64)
    reference = QuantumLayer(n_qubits=10, n_layers=2, seed=0, dtype=torch.float64)
    layer.engine = TorchEngine(gradient="adjoint")
    reference.engine = TorchEngine(gradient="backprop")
    x = torch.rand(4, 10, dtype=torch.float64)
    for model in (layer, reference):
        model(x).pow(2).sum().backward()
    assert torch.allclose(layer.weights.grad, reference.weights.grad, atol=1e-10)


def test_adjoint_is_chosen_above_the_memory_limit():
    assert not use_adjoint(steps=10, batch=64, n=12, dtype=torch.float32)
    assert use_adjoint(steps=10, batch=16, n=20, dtype=torch.float32)  # 1.3 GiB of states
    assert use_adjoint(steps=1, batch=1, n=4, dtype=torch.float64, limit=0)
    assert BACKPROP_MAX_BYTES == 2**30


@pytest.mark.parametrize("seed", range(8))
def test_layers_as_kronecker_blocks_equal_gate_by_gate(seed):
    circuit, x, weights = _case(seed, batch=2)
    single = _grads(TorchEngine(group_sizes={64: 1}, fuse_max_wires=0), circuit, x, weights)
    for group in (2, 3, 5):
        for gradient in ("backprop", "adjoint"):
            engine = TorchEngine(group_sizes={64: group}, gradient=gradient, fuse_max_wires=0)
            blocks = _grads(engine, circuit, x, weights)
            assert torch.allclose(blocks[0], single[0], atol=1e-12)
            for a, b in zip(blocks[1], single[1]):
                assert torch.allclose(a, b, atol=1e-10)


def test_kron_all_is_the_kronecker_product_first_factor_most_significant():
    from qcog.qml.engines.state_ops import kron_all

    g = torch.Generator().manual_seed(0)
    factors = [torch.view_as_complex(torch.randn(3, 2, 2, 2, generator=g, dtype=torch.float64))
               for _ in range(4)]
    expected = torch.stack([torch.kron(torch.kron(torch.kron(a, b), c), d)
                            for a, b, c, d in zip(*factors)])
    assert torch.allclose(kron_all(factors), expected, atol=1e-14)

def _sel(inputs, weights):
    import pennylane as qml

    n = inputs.shape[-1]
    qml.AngleEmbedding(inputs, wires=range(n))
    qml.StronglyEntanglingLayers(weights, wires=range(n))
    return [qml.expval(qml.PauliZ(w)) for w in (0, n - 1, 2)]


@pytest.mark.parametrize("gradient", ["backprop", "adjoint"])
@pytest.mark.parametrize("batch", [None, 1, 5])
def test_z_values_read_inside_the_evolution_equal_those_of_the_state(gradient, batch):
    """<Z> read by the evolution node (its backward starting from the final state) against
    the same engine's final states read outside, values and gradients."""
    n = 7  # wider than the fused narrow circuits: the evolution node runs
    g = torch.Generator().manual_seed(batch or 0)
    shape = (n,) if batch is None else (batch, n)
    x = torch.rand(shape, generator=g, dtype=torch.float64, requires_grad=True)
    w = torch.rand(2, n, 3, generator=g, dtype=torch.float64, requires_grad=True)
    engine = TorchEngine(gradient=gradient)
    values = engine.execute(_sel, x, {"weights": w}, n)
    states = engine.statevector(_sel, x, {"weights": w}, n)  # (B, 2**n)
    bits = (torch.arange(2**n)[:, None] >> torch.tensor([n - 1, 0, n - 3])) & 1
    expected = states.abs().square() @ (1 - 2 * bits).double()
    expected = expected[0] if batch is None else expected
    assert values.shape == expected.shape
    assert torch.allclose(values, expected, atol=1e-13)
    weights = torch.linspace(-1, 1, values.numel(), dtype=torch.float64).reshape(values.shape)
    got = torch.autograd.grad((values * weights).sum(), (x, w))
    want = torch.autograd.grad((expected * weights).sum(), (x, w))
    for a, b in zip(got, want):
        assert torch.allclose(a, b, atol=1e-12)



def test_readout_signs_are_made_once_per_dtype_and_device():
    """The readout's backward keeps its sign constant in the plan (one host-to-device copy
    on a GPU, not one a step), and a second step's gradients are those of the first."""
    from qcog.qml.engines.plan import Plan

    n = 7
    g = torch.Generator().manual_seed(3)
    x = torch.rand(3, n, generator=g, dtype=torch.float64)
    w = torch.rand(2, n, 3, generator=g, dtype=torch.float64, requires_grad=True)
    engine = TorchEngine(gradient="backprop")
    first, second = (torch.autograd.grad(engine.execute(_sel, x, {"weights": w}, n).sum(), w)[0]
                     for _ in range(2))
    assert torch.equal(first, second)
    plans = [p for p in engine._cache.values() if isinstance(p, Plan)]
    signs = [v for p in plans for k, v in p.constants.items() if k[0] == "signs"]
    assert len(signs) == 1 and signs[0].tolist() == [2.0, -2.0]

def test_workspace_keeps_only_whole_contiguous_buffers_once():
    from qcog.qml.engines.evolve import Workspace

    workspace = Workspace()
    whole = torch.zeros(4, 6, dtype=torch.complex128)
    workspace.give(whole[:2], whole.mT, whole.conj(), None)  # a slice, a transpose, a conjugate
    assert workspace.buffer((4, 6), whole.dtype, whole.device).data_ptr() != whole.data_ptr()
    workspace.give(whole, whole, whole.view(6, 4))  # the same storage, three times
    taken = workspace.buffer((3, 8), whole.dtype, whole.device)  # any shape of as many numbers
    assert taken.shape == (3, 8) and taken.data_ptr() == whole.data_ptr()
    assert workspace.buffer((24,), whole.dtype, whole.device).data_ptr() != whole.data_ptr()
