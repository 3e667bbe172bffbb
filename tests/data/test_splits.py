import numpy as np
import pytest

from qcog.data.dataset import Dataset
from qcog.data.splits import split_dataset, stratified_indices, stratified_subset
from qcog.exceptions import QcogValueError


def _toy(n_per_class=(30, 20, 10)):
    y = np.concatenate([np.full(n, c) for c, n in enumerate(n_per_class)])
    return Dataset(np.arange(len(y)), y, ["a", "b", "c"], "toy")


def test_split_is_a_partition_and_deterministic():
    d = _toy()
    first, again, other = (split_dataset(d, seed=s) for s in (3, 3, 4))
    parts = [first.train.x, first.val.x, first.test.x]
    assert sorted(np.concatenate(parts).tolist()) == list(range(len(d)))
    assert all(
        np.array_equal(a, b) for a, b in zip(parts, [again.train.x, again.val.x, again.test.x])
    )
    assert not np.array_equal(first.train.x, other.train.x)


def test_split_is_stratified():
    s = split_dataset(_toy(), seed=0, val_fraction=0.2, test_fraction=0.1)
    assert np.bincount(s.val.y).tolist() == [6, 4, 2]
    assert np.bincount(s.test.y).tolist() == [3, 2, 1]
    assert np.bincount(s.train.y).tolist() == [21, 14, 7]


def test_split_rejects_too_rare_class_and_bad_fractions():
    with pytest.raises(QcogValueError, match="at least 3"):
        split_dataset(_toy((10, 10, 2)), seed=0)
    with pytest.raises(QcogValueError, match="sum to less than 1"):
        stratified_indices(np.zeros(4, int), (0.6, 0.5), seed=0)


def test_stratified_subset_keeps_proportions():
    sub = stratified_subset(_toy(), 30, seed=1)
    assert np.bincount(sub.y).tolist() == [15, 10, 5]
    with pytest.raises(QcogValueError, match="too small"):
        stratified_subset(_toy(), 5, seed=1)
