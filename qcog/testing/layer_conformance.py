"""``assert_valid_layer``: run any quantum-layer engine through the same conformance checks.

The layer's outputs and gradients (of a fixed random linear function of the outputs,
with respect to the inputs and every weight) are compared with a copy of the layer
running on a reference engine (PennyLane ``default.qubit`` by default). Exact engines
must agree to ``atol``; shot-based Qiskit engines within ``z`` standard deviations of
shot noise (computed from the shots and from how strongly each input or weight moves
the gate angles). Noisy engines (``fake:``, ``ibm:``) are only checked for shapes,
ranges and finite gradients. Exact engines must also survive ``state_dict`` round trips
and pickling unchanged.

>>> import torch
>>> from qcog.qml import QuantumLayer
>>> assert_valid_layer(QuantumLayer(n_qubits=2, n_layers=1, dtype=torch.float64))
"""

from __future__ import annotations

import copy
import math
import pickle
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    import torch

    from qcog.qml.layer import QuantumLayer


def _params(layer, x):
    return [x] + list(layer.weights_dict.values())


def _outputs_and_grads(layer, x, coefficients):
    import torch

    x = x.clone().requires_grad_(True)
    y = layer(x)
    grads = torch.autograd.grad((y * coefficients).sum(), _params(layer, x), allow_unused=True)
    grads = [torch.zeros_like(p) if g is None else g for g, p in zip(grads, _params(layer, x))]
    return y.detach(), [g.detach() for g in grads]


def _angle_sensitivity(layer, x):
    """For each input/weight entry p: sum over circuits and gate angles of (d angle / d p)**2."""
    import torch

    from qcog.qml.export import angle_matrix, qiskit_ops
    from qcog.qml.program import lower, record

    x = x.clone().requires_grad_(True)
    params = _params(layer, x)
    program = lower(record(layer.qfunc, x, **layer.weights_dict), layer.n_qubits)
    angles = angle_matrix(qiskit_ops(program), x.shape[0], x)
    total = [torch.zeros_like(p) for p in params]
    for value in angles.reshape(-1):
        if value.requires_grad:
            grads = torch.autograd.grad(value, params, retain_graph=True, allow_unused=True)
            total = [t + (0 if g is None else g.detach() ** 2) for t, g in zip(total, grads)]
    return total


def assert_valid_layer(layer: QuantumLayer, x: torch.Tensor | None = None, reference_engine: str = "default.qubit",
                       atol: float = 1e-6, z: float = 5.0, seed: int = 0,
                       check_serialization: bool = True) -> None:
    """Assert that ``layer`` computes what the reference engine computes, gradients included.

    Args:
        layer: a :class:`qcog.qml.QuantumLayer` on any engine.
        x: inputs ``(B, features)``; default: 3 seeded random rows in ``[0, pi)``.
        reference_engine: engine of the reference copy.
        atol: tolerance for exact engines.
        z: standard deviations allowed for shot-based engines.
        seed: seed of the default inputs and of the output coefficients.
        check_serialization: also check ``state_dict`` round trip and pickling (exact engines).

    Raises:
        AssertionError: naming what disagreed and by how much.
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    dtype = layer.dtype
    if x is None:
        width = layer.n_inputs or layer.n_qubits
        x = torch.rand(3, width, generator=generator, dtype=torch.float64).to(dtype) * math.pi
    reference = copy.deepcopy(layer).set_engine(reference_engine)
    with torch.no_grad():
        shape = layer(x[:1]).shape[1:]
    coefficients = (torch.rand((x.shape[0], *shape), generator=generator, dtype=torch.float64) * 2 - 1).to(dtype)
    y, grads = _outputs_and_grads(layer, x, coefficients)
    y_ref, grads_ref = _outputs_and_grads(reference, x, coefficients)
    names = ["inputs"] + list(layer.weights_dict)
    assert y.shape == y_ref.shape, f"output shape {tuple(y.shape)} != reference {tuple(y_ref.shape)}"
    assert y.dtype == dtype, f"output dtype {y.dtype} != layer dtype {dtype}"
    assert torch.isfinite(y).all(), "non-finite outputs"
    for name, g in zip(names, grads):
        assert torch.isfinite(g).all(), f"non-finite gradient of {name}"
    engine = layer.config.engine
    if engine.startswith(("fake:", "ibm:")):
        assert (y.abs() <= 1 + 1e-9).all(), "noisy-engine outputs outside [-1, 1]"
        return
    shots = getattr(layer.engine, "shots", None) if engine not in ("torch",) else None
    if hasattr(layer.engine, "diff_method"):
        shots = None
    if shots is None:
        out_bound = torch.full_like(y, atol)
        grad_bounds = [torch.full_like(g, atol) for g in grads]
    else:
        out_bound = torch.full_like(y, z / math.sqrt(shots) + 1 / shots)
        spread = float(coefficients.abs().sum(-1).max())
        grad_bounds = [z * spread * torch.sqrt(s / (2 * shots)) + 1e-9
                       for s in _angle_sensitivity(layer, x)]
    worst = (y - y_ref).abs() - out_bound
    assert (worst <= 0).all(), (
        f"outputs of engine {engine!r} differ from {reference_engine}: max |diff| "
        f"{(y - y_ref).abs().max().item():.3g} (allowed {out_bound.max().item():.3g})"
    )
    for name, g, g_ref, bound in zip(names, grads, grads_ref, grad_bounds):
        diff = (g - g_ref).abs()
        assert (diff <= bound).all(), (
            f"gradient of {name} on engine {engine!r} differs from {reference_engine}: max |diff| "
            f"{diff.max().item():.3g} (allowed {bound.max().item():.3g})"
        )
    if check_serialization and shots is None:
        _assert_serializes(layer, x, y, atol)


def _assert_serializes(layer, x, y, atol: float) -> None:
    import torch

    clone = copy.deepcopy(layer)
    with torch.no_grad():
        for p in clone.parameters():
            p.add_(0.5)
    clone.load_state_dict(layer.state_dict())
    assert torch.allclose(clone(x).detach(), y, atol=atol), "state_dict round trip changed outputs"
    restored = pickle.loads(pickle.dumps(layer))
    assert torch.allclose(restored(x).detach(), y, atol=atol), "pickling changed outputs"
