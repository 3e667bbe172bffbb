"""Havlicek et al.'s "ad hoc" dataset, from the paper's definition (Nature 567, 209, 2019).

Points ``x`` are uniform in ``[0, 2 pi)^n``; ``|Phi(x)> = U_Phi(x)|0>`` is the ZZ feature
map with two repetitions (:func:`qcog.kernels.standard_maps.make_feature_map`); a random
unitary ``V`` (Haar, seeded) and the parity ``f = Z_1 Z_2 ... Z_n`` give the label

    m(x) = +1 if <Phi(x)| V^dag f V |Phi(x)> >= gap,  -1 if <= -gap,

and points within the gap are discarded. The labels are linearly separable in the ZZ
map's feature space by construction, so a QSVC with that map can reach 100% (the paper's
gap is 0.3). qcog's ZZ map uses ``exp(-i theta/2 Z)`` rotations (Qiskit's convention),
the complex conjugate of the paper's ``exp(+i phi Z)``: that maps the labelling of one
random ``V`` to that of another and leaves every kernel value unchanged.

>>> data = ad_hoc_data(n_train=10, n_test=5, seed=1)
>>> data.x_train.shape, sorted(set(data.y_train.tolist())), data.y_test.shape
((20, 2), [0, 1], (10,))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class AdHocData:
    """A balanced ad hoc dataset: ``n_train``/``n_test`` points per class, labels 0 and 1.

    Attributes:
        x_train, y_train, x_test, y_test: features in ``[0, 2 pi)`` and labels.
        n_qubits: features per point (= qubits of the generating map).
        gap: the margin of the labelling.
        seed: the seed it was drawn with.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_qubits: int
    gap: float
    seed: int


#: Rounds of ``4 * (n_train + n_test)`` draws before giving up.
MAX_ROUNDS = 1000


def ad_hoc_labels(x: np.ndarray, unitary: np.ndarray, gap: float) -> np.ndarray:
    """``+1``/``-1`` by the sign of ``<Phi(x)|V^dag Z..Z V|Phi(x)>``, 0 inside the gap."""
    from qcog.kernels.standard_maps import make_feature_map

    n = x.shape[1]
    psi = make_feature_map("zz", n, reps=2).states(x).numpy()  # (B, 2**n)
    rotated = psi @ unitary.T  # rows V|Phi(x)>
    parity = 1 - 2 * (np.array([i.bit_count() for i in range(2**n)]) % 2)
    value = (np.abs(rotated) ** 2) @ parity
    return np.where(value >= gap, 1, np.where(value <= -gap, -1, 0))


def ad_hoc_data(n_train: int = 20, n_test: int = 10, n_qubits: int = 2, gap: float = 0.3,
                seed: int = 0) -> AdHocData:
    """Draw a balanced ad hoc dataset.

    Args:
        n_train: training points per class.
        n_test: test points per class.
        n_qubits: features (2 or 3 in the paper; any n >= 2 works, slower to fill for large n).
        gap: labels need ``|<f>| >= gap`` (0 <= gap < 1).
        seed: seeds the unitary ``V`` and the points.

    Returns:
        :class:`AdHocData` with labels 0 (``m = -1``) and 1 (``m = +1``).

    Raises:
        QcogValueError: bad sizes or gap.
    """
    from scipy.stats import unitary_group

    if n_qubits < 2 or n_train < 1 or n_test < 0:
        raise QcogValueError("need n_qubits >= 2, n_train >= 1 and n_test >= 0")
    if not 0 <= gap < 1:
        raise QcogValueError(f"gap must be in [0, 1), got {gap!r}")
    rng = np.random.default_rng(seed)
    unitary = unitary_group.rvs(2**n_qubits, random_state=rng)
    need = n_train + n_test
    kept: dict[int, list[np.ndarray]] = {-1: [], 1: []}
    budget = MAX_ROUNDS * 4 * need  # draws in all rounds
    drawn = 0
    for _ in range(MAX_ROUNDS):
        x = rng.uniform(0, 2 * np.pi, size=(4 * need, n_qubits))
        labels = ad_hoc_labels(x, unitary, gap)
        drawn += len(x)
        for label in (-1, 1):
            kept[label].extend(x[labels == label])
        rarest = min(len(v) for v in kept.values())
        if rarest >= need:
            break
        if drawn >= 20 * need and rarest * budget < need * drawn:
            break  # at the rate seen so far, the whole budget cannot fill the rarer class
    if rarest < need:
        raise QcogValueError(
            f"ad hoc data at {n_qubits} qubits with gap {gap}: only {rarest} of {drawn} random "
            f"points fell in the rarer class, {need} are needed (the parity of a random "
            f"unitary concentrates near 0 as qubits grow); use fewer qubits (the paper: 2-3), "
            f"a smaller gap, or other data")
    parts = {label: np.array(v[:need]) for label, v in kept.items()}
    split = [(parts[-1][a:b], parts[1][a:b]) for a, b in ((0, n_train), (n_train, need))]
    (neg_tr, pos_tr), (neg_te, pos_te) = split
    order_tr = rng.permutation(2 * n_train)
    order_te = rng.permutation(2 * n_test)
    x_train = np.concatenate([neg_tr, pos_tr])[order_tr]
    y_train = np.repeat([0, 1], n_train)[order_tr]
    x_test = np.concatenate([neg_te, pos_te])[order_te]
    y_test = np.repeat([0, 1], n_test)[order_te]
    return AdHocData(x_train, y_train, x_test, y_test, n_qubits, gap, seed)
