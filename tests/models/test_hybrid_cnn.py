import math

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.models.cnn import CNNConfig, HybridCNN


def test_forward_is_features_then_core_then_head():
    model = HybridCNN(CNNConfig(n_qubits=3, quantum=True)).eval()
    x = torch.rand(4, 1, 8, 8)
    angles = math.pi * torch.tanh(model.features(x))
    assert angles.shape == (4, 3)
    torch.testing.assert_close(model(x), model.head(model.core(angles)))
    assert model(x).shape == (4, 10)


def test_same_seed_same_model_and_gradients_reach_the_circuit():
    a, b = HybridCNN(CNNConfig(seed=3)), HybridCNN(CNNConfig(seed=3))
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)
    a(torch.rand(6, 1, 8, 8)).sum().backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in a.core.parameters())


def test_other_image_sizes_and_too_small_images():
    assert HybridCNN(CNNConfig(image_shape=(12, 16), quantum=False))(
        torch.rand(2, 1, 12, 16)
    ).shape == (2, 10)
    with pytest.raises(QcogValueError, match="at least 4x4"):
        HybridCNN(CNNConfig(image_shape=(3, 8)))
