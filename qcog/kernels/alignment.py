"""Kernel-target alignment, and training a parametrised feature map to maximise it.

The alignment of a Gram matrix ``K`` with labels ``y`` (Cristianini et al., 2001) is

    A(K, y) = <K, Y>_F / (||K||_F ||Y||_F),   Y_ij = +1 if y_i = y_j else -1/(C - 1),

(``Y = y y^T`` for two classes labelled +-1). Hubregtsen et al. (2022) train the weights
of a feature map by gradient ascent on ``A``; :func:`train_alignment` does that with
qcog's torch engine (exact, differentiable states) on random mini-batches, seeded.

>>> import numpy as np
>>> y = np.array([0, 0, 1, 1])
>>> round(kernel_target_alignment(np.where(y[:, None] == y[None, :], 1.0, -1.0), y), 6)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap, torch_dtype


def target_matrix(y) -> np.ndarray:
    """``Y_ij = 1`` for equal labels, ``-1/(C-1)`` otherwise (C classes, at least 2)."""
    y = np.asarray(y)
    classes = np.unique(y)
    if len(classes) < 2:
        raise QcogValueError("alignment needs labels of at least two classes (one class is empty)")
    return np.where(y[:, None] == y[None, :], 1.0, -1.0 / (len(classes) - 1))


def kernel_target_alignment(gram, y) -> float:
    """``A(K, y)`` in ``[-1, 1]``: how well the Gram matrix matches the label structure.

    Raises:
        QcogValueError: shapes that do not match, or fewer than two classes.
    """
    gram = np.asarray(gram, dtype=float)
    target = target_matrix(y)
    if gram.shape != target.shape:
        raise QcogValueError(f"Gram matrix {gram.shape} does not match {len(target)} labels")
    return float((gram * target).sum() / (np.linalg.norm(gram) * np.linalg.norm(target)))


@dataclass(frozen=True)
class TrainableCircuit:
    """A trainable embedding (in the style of Hubregtsen et al. 2022), one layer repeated
    ``n_layers`` times: one ``StronglyEntanglingLayers`` layer of weights, then Hadamards and
    ``RZ(x_i)`` on every wire. The data come last: a trainable unitary after the last
    encoding would cancel in ``<psi(x)|psi(y)>``. ``weights`` has shape ``(n_layers, n, 3)``."""

    n_qubits: int
    n_layers: int

    def __call__(self, inputs, weights):
        import pennylane as qml

        wires = list(range(self.n_qubits))
        for layer in range(self.n_layers):
            qml.StronglyEntanglingLayers(weights[layer : layer + 1], wires=wires)
            for w in wires:
                qml.Hadamard(wires=w)
            qml.AngleEmbedding(inputs, wires=wires, rotation="Z")
        return qml.probs(wires=wires)


def trainable_feature_map(n_qubits: int, n_layers: int = 2, seed: int = 0,
                          scale: float = 0.1) -> FeatureMap:
    """A :class:`TrainableCircuit` map with small random initial weights (seeded).

    >>> trainable_feature_map(3, 2).weights["weights"].shape
    torch.Size([2, 3, 3])
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    weights = (torch.rand(n_layers, n_qubits, 3, generator=generator, dtype=torch.float64)
               * 2 - 1) * scale
    return FeatureMap(TrainableCircuit(n_qubits, n_layers), n_qubits, n_qubits,
                      {"weights": weights}, name="trainable")


@dataclass
class AlignmentResult:
    """What :func:`train_alignment` returns.

    Attributes:
        feature_map: the map with the trained weights.
        history: alignment of each step's mini-batch.
        initial_alignment, final_alignment: on all training points, exact.
        seed: the seed of the mini-batches.
    """

    feature_map: FeatureMap
    history: list[float] = field(default_factory=list)
    initial_alignment: float = float("nan")
    final_alignment: float = float("nan")
    seed: int = 0


def _batch_alignment(fm: FeatureMap, weights: dict, x, target, dtype):
    """Differentiable alignment of a mini-batch (states from the torch engine)."""
    import torch

    from qcog.qml.engines.torch_engine import TorchEngine

    inputs = torch.as_tensor(x, dtype=dtype) * fm.bandwidth
    psi = TorchEngine().statevector(fm.qfunc, inputs, weights, fm.n_qubits)
    overlap = psi @ psi.conj().T
    gram = overlap.real.square() + overlap.imag.square()
    return (gram * target).sum() / (gram.norm() * target.norm())


def train_alignment(feature_map: FeatureMap, x, y, steps: int = 50, lr: float = 0.05,
                    batch: int = 32, seed: int = 0, dtype=None) -> AlignmentResult:
    """Maximise kernel-target alignment over the map's weights with Adam.

    Args:
        feature_map: a map with weights (e.g. :func:`trainable_feature_map`).
        x: ``(N, features)`` training points; y: their labels (two classes or more).
        steps: optimisation steps.
        lr: Adam learning rate.
        batch: points per mini-batch (drawn with a seeded generator, both classes kept).
        seed: seed of the mini-batches.
        dtype: ``"float64"`` (default) or ``"float32"``.

    Returns:
        :class:`AlignmentResult` with the trained map.

    Raises:
        QcogValueError: a map without weights, bad features, one class only.
    """
    import torch

    from qcog.kernels.fidelity import fidelity_kernel

    if not feature_map.weights:
        raise QcogValueError("the feature map has no weights to train; build it with weights "
                             "(e.g. qcog.kernels.alignment.trainable_feature_map)")
    xs = feature_map.check_inputs(x)
    labels = np.asarray(y)
    target_matrix(labels)  # at least two classes
    dtype = torch_dtype(dtype)
    weights = {k: torch.nn.Parameter(torch.as_tensor(v, dtype=dtype).clone())
               for k, v in feature_map.weights.items()}
    optimizer = torch.optim.Adam(list(weights.values()), lr=lr)
    rng = np.random.default_rng(seed)
    result = AlignmentResult(feature_map, seed=seed)
    result.initial_alignment = kernel_target_alignment(fidelity_kernel(feature_map, xs), labels)
    for _ in range(steps):
        index = rng.choice(len(xs), size=min(batch, len(xs)), replace=False)
        if len(np.unique(labels[index])) < 2:
            continue
        target = torch.as_tensor(target_matrix(labels[index]), dtype=dtype)
        optimizer.zero_grad()
        alignment = _batch_alignment(feature_map, weights, xs[index], target, dtype)
        (-alignment).backward()
        optimizer.step()
        result.history.append(float(alignment.detach()))
    trained = feature_map.replace(weights={k: v.detach().clone() for k, v in weights.items()})
    result.feature_map = trained
    result.final_alignment = kernel_target_alignment(fidelity_kernel(trained, xs), labels)
    return result
