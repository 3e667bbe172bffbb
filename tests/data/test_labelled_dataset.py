import numpy as np
import pytest

from qcog.data.dataset import Dataset, encode_labels
from qcog.exceptions import QcogValueError


def test_encode_labels_sorts_integer_like_labels_numerically():
    y, classes = encode_labels(["10", "2", "2", "1"], "t")
    assert classes == ["1", "2", "10"]
    assert y.tolist() == [2, 1, 1, 0]


@pytest.mark.parametrize(
    "labels, message",
    [
        ([], "no examples"),
        (["a", "a", "a"], "only one class"),
        (["a", "", "b"], "empty label"),
    ],
)
def test_encode_labels_rejects_bad_labels(labels, message):
    with pytest.raises(QcogValueError, match=message):
        encode_labels(labels, "t")


def test_subset_keeps_classes_and_provenance():
    d = Dataset(np.arange(4), np.array([0, 1, 0, 1]), ["a", "b"], "toy", meta={"source": "s"})
    part = d.subset(np.array([1, 3]))
    assert part.x.tolist() == [1, 3] and part.classes == ["a", "b"] and part.meta == {"source": "s"}
