import numpy as np
import pytest
from sklearn import metrics as skm

from qcog.training.metrics import accuracy, confusion_matrix, macro_f1


@pytest.mark.parametrize("seed", range(5))
def test_metrics_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    y_pred[y_pred == 3] = 2  # class 3 never predicted: F1 = 0 for it
    assert accuracy(y_true, y_pred) == pytest.approx(skm.accuracy_score(y_true, y_pred))
    assert macro_f1(y_true, y_pred, 4) == pytest.approx(
        skm.f1_score(y_true, y_pred, average="macro")
    )
    np.testing.assert_array_equal(
        confusion_matrix(y_true, y_pred, 4), skm.confusion_matrix(y_true, y_pred, labels=range(4))
    )


def test_perfect_and_empty():
    y = np.array([0, 1, 2])
    assert accuracy(y, y) == 1.0 and macro_f1(y, y, 5) == 1.0
    assert accuracy(np.array([]), np.array([])) == 0.0
