import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.kernels.alignment import (
    kernel_target_alignment,
    target_matrix,
    train_alignment,
    trainable_feature_map,
)
from qcog.kernels.standard_maps import make_feature_map


def test_alignment_formula_against_a_direct_computation():
    rng = np.random.default_rng(0)
    a = rng.uniform(size=(5, 5))
    gram = a @ a.T
    y = np.array([1, -1, 1, 1, -1])
    outer = np.outer(y, y)
    expected = (gram * outer).sum() / (np.linalg.norm(gram) * np.linalg.norm(outer))
    assert kernel_target_alignment(gram, y) == pytest.approx(expected, abs=1e-12)


def test_multiclass_target_and_errors():
    assert target_matrix([0, 1, 2])[0].tolist() == [1.0, -0.5, -0.5]
    with pytest.raises(QcogValueError, match="at least two classes"):
        kernel_target_alignment(np.eye(2), [1, 1])
    with pytest.raises(QcogValueError, match="does not match"):
        kernel_target_alignment(np.eye(3), [0, 1])
    with pytest.raises(QcogValueError, match="no weights to train"):
        train_alignment(make_feature_map("zz", 2), np.zeros((4, 2)), [0, 1, 0, 1])


def test_training_raises_the_alignment_and_is_seeded():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(24, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)  # an XOR-like labelling
    fm = trainable_feature_map(2, n_layers=2, seed=0)
    first = train_alignment(fm, x, y, steps=6, lr=0.15, batch=12, seed=5)
    again = train_alignment(fm, x, y, steps=6, lr=0.15, batch=12, seed=5)
    assert first.final_alignment > first.initial_alignment + 0.05
    assert first.history == again.history
    assert not np.allclose(first.feature_map.weights["weights"].numpy(), fm.weights["weights"])
