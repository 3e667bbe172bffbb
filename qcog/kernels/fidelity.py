"""The fidelity kernel ``k(x, y) = |<psi(x)|psi(y)>|^2``, exact, from batched statevectors.

With the states of the points as the rows of ``Psi(X)`` ``(N, 2**n)``, the whole Gram
matrix is ``|Psi(X) Psi(Y)^H|^2``: one complex matrix product per block of rows,
planned within a memory limit (:mod:`qcog.kernels.memory`), on the CPU or a CUDA device,
in complex64 (``dtype="float32"``) or complex128. For ``K(X, X)`` only the upper
triangle is multiplied and mirrored, and the diagonal is exactly 1.

>>> from qcog.kernels.standard_maps import make_feature_map
>>> K = fidelity_kernel(make_feature_map("angle", 1), [[0.0], [3.14159265]])
>>> K.round(6).tolist()
[[1.0, 0.0], [0.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from qcog.kernels.feature_map import FeatureMap, torch_dtype
from qcog.kernels.memory import plan_gram

Progress = Callable[[int, int], None]
#: Rows per block of a symmetric matrix: only blocks on and above the diagonal are
#: multiplied (measured with one thread: a third less time than one square product at 500
#: points and 10-12 qubits, the same at 2,000 points).
ROW_BLOCK = 128


def _states(fm: FeatureMap, x: np.ndarray, block: int, dtype, device: str):
    """States of all rows of ``x``, simulated ``block`` points at a time."""
    import torch

    parts = [fm.states(x[s : s + block], dtype, device) for s in range(0, len(x), block)]
    if not parts:
        return torch.zeros(0, 2**fm.n_qubits, dtype=torch.complex128, device=device)
    return torch.cat(parts) if len(parts) > 1 else parts[0]


def _overlaps(a, b) -> np.ndarray:
    """``|a b^H|^2`` for state blocks ``a`` ``(r, d)`` and ``b`` ``(c, d)``, as float64."""
    g = a @ b.conj().T  # (r, c) complex
    return (g.real.square() + g.imag.square()).double().cpu().numpy()


def fidelity_kernel(feature_map: FeatureMap, x, y=None, dtype=None, device: str = "cpu",
                    memory_limit: int | None = None,
                    progress: Progress | None = None) -> np.ndarray:
    """The exact Gram matrix ``K[i, j] = |<psi(x_i)|psi(y_j)>|^2``.

    Args:
        feature_map: the map ``x -> |psi(x)>``.
        x: ``(N, features)`` points.
        y: ``(M, features)`` points, or None for ``K(x, x)`` (symmetric, unit diagonal).
        dtype: ``"float32"`` (complex64 states, about 1e-7 error, faster) or
            ``"float64"`` (default).
        device: ``"cpu"`` or ``"cuda"`` (``"cuda:1"``, ...).
        memory_limit: bytes the computation may use (default: half the available memory).
        progress: called as ``progress(done_blocks, total_blocks)`` after each block.

    Returns:
        ``(N, M)`` float64 array with entries in ``[0, 1]``.

    Raises:
        QcogValueError: NaN/inf features or a feature count the map does not take.
        GramTooLargeError: the matrix cannot be computed within ``memory_limit``.
    """
    import torch

    dtype = torch_dtype(dtype)
    xs = feature_map.check_inputs(x, "X")
    symmetric = y is None
    ys = xs if symmetric else feature_map.check_inputs(y, "Y")
    complex_bytes = 8 if dtype == torch.float32 else 16
    plan = plan_gram(len(xs), len(ys), feature_map.n_qubits, complex_bytes, memory_limit,
                     device, symmetric)
    out = np.empty((len(xs), len(ys)))
    step = min(plan.block, ROW_BLOCK) if symmetric and plan.cache_states else plan.block
    starts = list(range(0, len(xs), step))
    with torch.no_grad():
        if plan.cache_states:
            sx = _states(feature_map, xs, plan.block, dtype, device)
            sy = sx if symmetric else _states(feature_map, ys, plan.block, dtype, device)
        for done, start in enumerate(starts, 1):
            stop = min(start + step, len(xs))
            first = start if symmetric else 0
            if plan.cache_states:
                block = _overlaps(sx[start:stop], sy[first:])
            else:
                block = _recomputed_row(feature_map, xs[start:stop], ys[first:], plan.block,
                                        dtype, device)
            out[start:stop, first:] = block
            if symmetric:
                out[first:, start:stop] = block.T
            if progress is not None:
                progress(done, len(starts))
    if symmetric:
        np.fill_diagonal(out, 1.0)
    return out


def _recomputed_row(fm: FeatureMap, rows: np.ndarray, cols: np.ndarray, block: int, dtype,
                    device: str) -> np.ndarray:
    """One block of rows against all columns, simulating the column states block by block."""
    left = fm.states(rows, dtype, device)
    parts = [_overlaps(left, fm.states(cols[s : s + block], dtype, device))
             for s in range(0, len(cols), block)]
    return np.concatenate(parts, axis=1) if parts else np.empty((len(rows), 0))


class FidelityKernel:
    """The fidelity kernel as a callable ``kernel(X, Y)``, e.g. ``SVC(kernel=FidelityKernel(fm))``.

    Args:
        feature_map: the map ``x -> |psi(x)>``.
        dtype, device, memory_limit: as for :func:`fidelity_kernel`.

    >>> from sklearn.svm import SVC
    >>> from qcog.kernels.standard_maps import make_feature_map
    >>> svc = SVC(kernel=FidelityKernel(make_feature_map("zz", 2))).fit([[0, 0], [1, 1]], [0, 1])
    >>> svc.predict([[0.1, 0.0]]).tolist()
    [0]
    """

    def __init__(self, feature_map: FeatureMap, dtype=None, device: str = "cpu",
                 memory_limit: int | None = None):
        self.feature_map = feature_map
        self.dtype = dtype
        self.device = device
        self.memory_limit = memory_limit

    def __call__(self, x, y=None) -> np.ndarray:
        same = y is None or (y is x)
        return fidelity_kernel(self.feature_map, x, None if same else y, self.dtype,
                               self.device, self.memory_limit)

    def __repr__(self) -> str:
        return f"FidelityKernel({self.feature_map.name!r}, n_qubits={self.feature_map.n_qubits})"
