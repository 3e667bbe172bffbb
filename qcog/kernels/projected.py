"""The projected quantum kernel of Huang et al. (2021), "Power of data in quantum machine learning".

Each state is projected to its one-qubit reduced density matrices ``rho_k(x)``, and

    k(x, y) = exp(-gamma * sum_k ||rho_k(x) - rho_k(y)||_F^2).

With ``rho_k = (I + r_k . sigma) / 2`` (Bloch vector ``r_k = (<X_k>, <Y_k>, <Z_k>)``),
``||rho_k(x) - rho_k(y)||_F^2 = |r_k(x) - r_k(y)|^2 / 2``, so the kernel is a Gaussian
kernel on the ``3n`` Bloch coordinates, read from the exact states.

>>> from qcog.kernels.standard_maps import make_feature_map
>>> r = bloch_vectors(make_feature_map("angle", 1), [[0.0], [3.14159265 / 2]])
>>> (r.round(6) + 0.0).tolist()
[[[0.0, 0.0, 1.0]], [[1.0, 0.0, 0.0]]]
"""

from __future__ import annotations

import numpy as np

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap, torch_dtype


def bloch_vectors(feature_map: FeatureMap, x, dtype=None, device: str = "cpu",
                  block: int = 1024) -> np.ndarray:
    """``(<X_k>, <Y_k>, <Z_k>)`` of every qubit ``k`` of every state: ``(N, n_qubits, 3)``.

    Args:
        feature_map: the map.
        x: ``(N, features)`` points.
        dtype, device: as for :func:`qcog.kernels.fidelity.fidelity_kernel`.
        block: points simulated at once.
    """
    import torch

    xs = feature_map.check_inputs(x)
    n = feature_map.n_qubits
    out = np.empty((len(xs), n, 3))
    with torch.no_grad():
        for start in range(0, len(xs), block):
            psi = feature_map.states(xs[start : start + block], torch_dtype(dtype), device)
            for k in range(n):
                view = psi.reshape(psi.shape[0], 2**k, 2, -1)  # (B, wires before, bit k, after)
                a, b = view[:, :, 0], view[:, :, 1]
                rho01 = (a * b.conj()).sum(dim=(1, 2))  # <0|rho_k|1>
                z = (a.abs().square() - b.abs().square()).sum(dim=(1, 2))
                coords = torch.stack([2 * rho01.real, -2 * rho01.imag, z], dim=-1)
                out[start : start + len(psi), k] = coords.double().cpu().numpy()
    return out


def resolve_gamma(gamma, features: np.ndarray) -> float:
    """``gamma`` as a number; ``"scale"`` is ``1 / (d * var)`` of the projected features."""
    if gamma == "scale":
        var = float(features.var()) * features.shape[1]
        return 1.0 / var if var > 0 else 1.0
    if isinstance(gamma, str) or not np.isfinite(gamma) or gamma <= 0:
        raise QcogValueError(f"gamma must be a positive number or 'scale', got {gamma!r}")
    return float(gamma)


def projected_kernel(feature_map: FeatureMap, x, y=None, gamma: float | str = 1.0,
                     dtype=None, device: str = "cpu") -> np.ndarray:
    """The projected kernel matrix ``exp(-gamma * sum_k ||rho_k(x_i) - rho_k(y_j)||_F^2)``.

    Args:
        feature_map: the map.
        x: ``(N, features)``; y: ``(M, features)`` or None for ``K(x, x)``.
        gamma: the Gaussian width, or ``"scale"`` (computed from ``x``'s projections).
        dtype, device: as for :func:`qcog.kernels.fidelity.fidelity_kernel`.

    Returns:
        ``(N, M)`` float64 array.

    Raises:
        QcogValueError: bad features or gamma.
    """
    from sklearn.metrics.pairwise import rbf_kernel

    px = bloch_vectors(feature_map, x, dtype, device).reshape(len(np.asarray(x)), -1)
    py = px if y is None else bloch_vectors(feature_map, y, dtype, device).reshape(
        len(np.asarray(y)), -1)
    # ||rho - rho'||_F^2 = |r - r'|^2 / 2 summed over qubits
    return rbf_kernel(px, py, gamma=resolve_gamma(gamma, px) / 2)


class ProjectedKernel:
    """The projected kernel as a callable ``kernel(X, Y)`` (e.g. for ``SVC(kernel=...)``).

    ``gamma="scale"`` is resolved from the first ``X`` the kernel sees and then kept.
    """

    def __init__(self, feature_map: FeatureMap, gamma: float | str = 1.0, dtype=None,
                 device: str = "cpu"):
        self.feature_map = feature_map
        self.gamma = gamma
        self.dtype = dtype
        self.device = device

    def __call__(self, x, y=None) -> np.ndarray:
        if self.gamma == "scale":
            px = bloch_vectors(self.feature_map, x, self.dtype, self.device)
            self.gamma = resolve_gamma("scale", px.reshape(len(px), -1))
        return projected_kernel(self.feature_map, x, y, self.gamma, self.dtype, self.device)
