import math

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.models.quanvolution import QuanvConfig, QuanvNet, Quanvolution


@pytest.mark.parametrize("kernel, stride", [(2, 2), (2, 1), (3, 3)])
def test_quanvolution_equals_patch_by_patch_loop(kernel, stride):
    """Batched unfold path == the circuit applied to each patch separately."""
    layer = Quanvolution(kernel, stride, n_layers=1, seed=2)
    images = torch.rand(2, 1, 6, 6)
    out = layer(images)
    n, h, w = layer.output_shape(6, 6)
    assert out.shape == (2, n, h, w)
    for b in range(2):
        for i in range(h):
            for j in range(w):
                patch = images[
                    b, 0, i * stride : i * stride + kernel, j * stride : j * stride + kernel
                ]
                expected = layer.core(math.pi * patch.reshape(1, -1))[0]
                torch.testing.assert_close(out[b, :, i, j], expected)


def test_fixed_filters_are_not_trained():
    fixed, free = Quanvolution(trainable=False), Quanvolution(trainable=True)
    assert not any(p.requires_grad for p in fixed.parameters())
    assert all(p.requires_grad for p in free.parameters())


def test_quanvnet_shapes_and_errors():
    assert QuanvNet(QuanvConfig(n_layers=1))(torch.rand(3, 1, 8, 8)).shape == (3, 10)
    with pytest.raises(QcogValueError, match="grayscale"):
        Quanvolution(quantum=False)(torch.rand(1, 3, 8, 8))
    with pytest.raises(QcogValueError, match="too small"):
        QuanvNet(QuanvConfig(image_shape=(3, 3), quantum=False))
