import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.kernels.datasets import DATASETS, load_classification


@pytest.mark.parametrize("name", list(DATASETS))
def test_offline_datasets_are_reduced_and_standardised_on_the_training_part(name):
    split = load_classification(name, n_features=3, seed=1, max_samples=120)
    assert split.x_train.shape[1] == split.x_test.shape[1] == 3
    np.testing.assert_allclose(split.x_train.mean(axis=0), 0, atol=1e-10)
    np.testing.assert_allclose(split.x_train.std(axis=0), 1, atol=1e-10)
    assert len(split.x_train) + len(split.x_test) == 120
    assert set(np.unique(split.y_test)) <= set(np.unique(split.y_train))


def test_seeded_splits_and_errors():
    a, b = load_classification("iris", 2, seed=3), load_classification("iris", 2, seed=3)
    assert np.array_equal(a.x_test, b.x_test)
    assert not np.array_equal(a.x_test, load_classification("iris", 2, seed=4).x_test)
    with pytest.raises(QcogValueError, match="accepted: iris, breast_cancer, digits"):
        load_classification("mnist", 2)
    with pytest.raises(QcogValueError, match="iris has 4 features"):
        load_classification("iris", 5)
