"""Deterministic, seeded, stratified train/validation/test splits and subsets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcog.data.dataset import Dataset
from qcog.exceptions import QcogValueError


@dataclass
class Splits:
    """Train, validation and test parts of one dataset."""

    train: Dataset
    val: Dataset
    test: Dataset

    def sizes(self) -> dict[str, int]:
        return {"train": len(self.train), "val": len(self.val), "test": len(self.test)}


def stratified_indices(y: np.ndarray, fractions: tuple[float, ...], seed: int) -> list[np.ndarray]:
    """Split example indices into parts with the given fractions, class by class.

    Each class is shuffled with ``numpy.random.default_rng(seed)`` and cut by the
    fractions (the last part takes the remainder), so every part keeps the class
    proportions and the same seed always gives the same split.

    Args:
        y: class index of each example.
        fractions: fraction of each part except the last; they must sum to less than 1.
        seed: seed of the shuffle.

    Returns:
        ``len(fractions) + 1`` index arrays, each shuffled.

    Raises:
        QcogValueError: fractions outside (0, 1) or summing to 1 or more.

    >>> parts = stratified_indices(np.array([0, 0, 0, 0, 1, 1, 1, 1]), (0.25,), seed=0)
    >>> [len(p) for p in parts]
    [2, 6]
    """
    if any(not 0 < f < 1 for f in fractions) or sum(fractions) >= 1:
        raise QcogValueError(
            f"split fractions {fractions} must each lie in (0, 1) and sum to less than 1"
        )
    rng = np.random.default_rng(seed)
    parts: list[list[np.ndarray]] = [[] for _ in range(len(fractions) + 1)]
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        cuts = np.round(np.cumsum(fractions) * len(members)).astype(int)
        for part, chunk in zip(parts, np.split(members, cuts)):
            part.append(chunk)
    return [rng.permutation(np.concatenate(part)) for part in parts]


def stratified_subset(data: Dataset, limit: int | None, seed: int) -> Dataset:
    """At most ``limit`` examples of ``data`` with its class proportions (all if None).

    >>> d = Dataset(np.arange(10), np.array([0] * 5 + [1] * 5), ["a", "b"], "toy")
    >>> sorted(stratified_subset(d, 4, seed=0).y.tolist())
    [0, 0, 1, 1]
    """
    if limit is None or limit >= len(data):
        return data
    if limit < 2 * data.num_classes:
        raise QcogValueError(
            f"limit={limit} is too small: keep at least two examples per class "
            f"({2 * data.num_classes} for {data.num_classes} classes)"
        )
    keep, _ = stratified_indices(data.y, (limit / len(data),), seed)
    return data.subset(np.sort(keep))


def split_dataset(
    data: Dataset, seed: int, val_fraction: float = 0.15, test_fraction: float = 0.15
) -> Splits:
    """Stratified, seeded train/validation/test split of ``data``.

    Args:
        data: the examples.
        seed: split seed (the same seed always gives the same split).
        val_fraction: fraction of each class for validation.
        test_fraction: fraction of each class for the test set.

    Returns:
        The three parts.

    Raises:
        QcogValueError: a part would get no examples of some class.

    >>> d = Dataset(np.arange(20), np.array([0, 1] * 10), ["a", "b"], "toy")
    >>> split_dataset(d, seed=1).sizes()
    {'train': 14, 'val': 4, 'test': 2}
    """
    val, test, train = stratified_indices(data.y, (val_fraction, test_fraction), seed)
    counts = np.bincount(data.y, minlength=data.num_classes)
    if counts.min() < 3:
        rare = data.classes[int(counts.argmin())]
        raise QcogValueError(
            f"{data.name}: class {rare!r} has {counts.min()} example(s); each "
            "class needs at least 3 to appear in train, validation and test"
        )
    return Splits(data.subset(train), data.subset(val), data.subset(test))
