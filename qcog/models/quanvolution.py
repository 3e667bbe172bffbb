"""Quanvolution (Henderson et al. 2019): a small circuit slid over image patches.

Each ``k x k`` patch (pixel values in [0, 1]) is angle-encoded as ``pi * pixel`` on
``k*k`` qubits; the circuit's ``<Z_i>`` are the ``k*k`` output channels at that patch.
All patches of all images in a batch go through the quantum layer in one call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from qcog.exceptions import QcogValueError
from qcog.models.cnn import _head
from qcog.models.twins import core_layer, seeded


class Quanvolution(nn.Module):
    """Quantum convolution over ``kernel_size x kernel_size`` patches of grayscale images.

    Args:
        kernel_size: patch side ``k``; the circuit has ``k*k`` qubits and output channels.
        stride: step between patches (default ``k``: non-overlapping, as in the paper).
        n_layers: ansatz layers.
        trainable: False freezes the circuit at its random initialisation (the paper's
            fixed random quanvolution filters).
        quantum: False uses the classical twin layer instead of the circuit.
        engine: simulation engine of the quantum layer.
        seed: initialisation seed.

    >>> q = Quanvolution(quantum=False)
    >>> q(torch.rand(3, 1, 8, 8)).shape
    torch.Size([3, 4, 4, 4])
    """

    def __init__(
        self,
        kernel_size: int = 2,
        stride: int | None = None,
        n_layers: int = 1,
        trainable: bool = True,
        quantum: bool = True,
        engine: str = "torch",
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride or kernel_size
        self.out_channels = kernel_size * kernel_size
        self.core = core_layer(self.out_channels, n_layers, quantum, engine, seed=seed)
        self.core.requires_grad_(trainable)

    def output_shape(self, h: int, w: int) -> tuple[int, int, int]:
        """``(channels, H', W')`` produced from ``h x w`` images."""
        k, s = self.kernel_size, self.stride
        if h < k or w < k:
            raise QcogValueError(f"images of {h}x{w} pixels are smaller than the {k}x{k} patches")
        return self.out_channels, (h - k) // s + 1, (w - k) // s + 1

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Feature maps ``(B, k*k, H', W')`` of images ``(B, 1, H, W)`` with pixels in [0, 1]."""
        b, c, h, w = images.shape
        if c != 1:
            raise QcogValueError(
                f"Quanvolution takes grayscale images (B, 1, H, W); got {c} channels"
            )
        n, h_out, w_out = self.output_shape(h, w)
        patches = F.unfold(images, self.kernel_size, stride=self.stride)  # (B, k*k, L)
        angles = math.pi * patches.transpose(1, 2).reshape(-1, n)  # (B*L, k*k)
        values = self.core(angles)  # (B*L, k*k)
        return values.reshape(b, h_out * w_out, n).transpose(1, 2).reshape(b, n, h_out, w_out)


@dataclass
class QuanvConfig:
    """Configuration of :class:`QuanvNet`."""

    image_shape: tuple[int, int] = (8, 8)  # (H, W) of the grayscale input images
    num_classes: int = 10
    kernel_size: int = 2  # patch side; the circuit has kernel_size**2 qubits
    n_layers: int = 1  # ansatz layers of the quanvolution circuit
    trainable: bool = True  # False: fixed random quanvolution filters
    quantum: bool = True  # False: classical twin
    engine: str = "torch"
    channels: int = 16  # width of the classical convolution after the quanvolution
    hidden: int = 32  # hidden width of the classifier head
    seed: int = 0


class QuanvNet(nn.Module):
    """Quanvolution first layer, then conv/ReLU/max-pool and a dense classifier head.

    >>> net = QuanvNet(QuanvConfig(quantum=False))
    >>> net(torch.rand(2, 1, 8, 8)).shape
    torch.Size([2, 10])
    """

    def __init__(self, config: QuanvConfig) -> None:
        super().__init__()
        self.config = config
        self.quanv = Quanvolution(
            config.kernel_size,
            None,
            config.n_layers,
            config.trainable,
            config.quantum,
            config.engine,
            seed=config.seed + 1,
        )
        n, h, w = self.quanv.output_shape(*config.image_shape)
        if min(h, w) < 2:
            raise QcogValueError(
                f"images of {config.image_shape} pixels are too small for QuanvNet: "
                f"the quanvolution output must be at least 2x2 (got {h}x{w})"
            )
        with seeded(config.seed):
            self.conv = nn.Sequential(
                nn.Conv2d(n, config.channels, 3, padding=1),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Flatten(),  # (B, channels * H'/2 * W'/2)
            )
            self.head = _head(
                config.channels * (h // 2) * (w // 2), config.hidden, config.num_classes
            )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Class logits ``(B, num_classes)`` of images ``(B, 1, H, W)``."""
        return self.head(self.conv(self.quanv(images)))
