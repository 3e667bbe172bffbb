"""Offline classification datasets for kernel experiments: iris, breast cancer, digits.

scikit-learn ships these three with the package (no download). :func:`load_classification`
splits one (stratified, seeded), reduces it by PCA to as many features as the map has
qubits (fitted on the training part) and standardises it (also fitted on the training
part), so the quantum kernels and their classical twins see the same numbers.

>>> split = load_classification("iris", n_features=2, seed=0)
>>> split.x_train.shape, split.x_test.shape, split.n_classes
((112, 2), (38, 2), 3)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcog.exceptions import QcogValueError

#: name -> scikit-learn loader function name
DATASETS = {"iris": "load_iris", "breast_cancer": "load_breast_cancer", "digits": "load_digits"}


@dataclass(frozen=True)
class Split:
    """A train/test split ready for a kernel: PCA-reduced and standardised features."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    seed: int

    @property
    def n_classes(self) -> int:
        return len(np.unique(self.y_train))


def load_classification(name: str, n_features: int, seed: int = 0, test_size: float = 0.25,
                        max_samples: int | None = None) -> Split:
    """Load, split, PCA-reduce and standardise an offline dataset.

    Args:
        name: ``"iris"``, ``"breast_cancer"`` or ``"digits"``.
        n_features: features kept by PCA (at most the dataset's own count).
        seed: seeds the split (and the subsample).
        test_size: fraction held out for testing.
        max_samples: draw at most this many samples first (stratified), for quick runs.

    Raises:
        QcogValueError: unknown name or bad sizes.
    """
    import sklearn.datasets
    from sklearn.decomposition import PCA
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    if name not in DATASETS:
        raise QcogValueError(f"unknown dataset {name!r}; accepted: {', '.join(DATASETS)}, adhoc")
    x, y = getattr(sklearn.datasets, DATASETS[name])(return_X_y=True)
    if not 1 <= n_features <= x.shape[1]:
        raise QcogValueError(f"{name} has {x.shape[1]} features; n_features must be 1..{x.shape[1]}")
    if max_samples is not None and max_samples < len(x):
        x, _, y, _ = train_test_split(x, y, train_size=max_samples, stratify=y, random_state=seed)
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=test_size, stratify=y,
                                              random_state=seed)
    if n_features < x.shape[1]:
        pca = PCA(n_components=n_features, random_state=seed).fit(x_tr)
        x_tr, x_te = pca.transform(x_tr), pca.transform(x_te)
    scaler = StandardScaler().fit(x_tr)
    return Split(name, scaler.transform(x_tr), y_tr, scaler.transform(x_te), y_te, seed)
