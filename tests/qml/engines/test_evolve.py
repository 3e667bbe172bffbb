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
    return out.detach(), torch.autograd.grad((out * coefficients).sum(), (x, w))


@pytest.mark.parametrize("seed", range(12))
def test_adjoint_gradients_equal_backprop(seed):
    circuit = random_circuit(seed, max_wires=5, max_steps=8)
    x = circuit.inputs(batch=3, seed=seed)
    weights = torch.rand(circuit.weight_shapes["weights"], dtype=torch.float64,
                         generator=torch.Generator().manual_seed(seed)) * 6
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
