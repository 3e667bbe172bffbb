import numpy as np

from qcog.kernels.datasets import load_classification
from qcog.kernels.twins import GAMMAS, cross_validation, fit_random_fourier, fit_rbf_svc


def test_twins_choose_from_their_grids_and_classify_iris():
    split = load_classification("iris", 2, seed=0)
    rbf = fit_rbf_svc(split.x_train, split.y_train, seed=0)
    rff = fit_random_fourier(split.x_train, split.y_train, seed=0)
    assert rbf.best_params_["gamma"] in GAMMAS
    assert rff.best_params_["rbfsampler__gamma"] in GAMMAS
    assert rbf.score(split.x_test, split.y_test) > 0.8
    assert rff.score(split.x_test, split.y_test) > 0.8


def test_folds_shrink_for_tiny_classes():
    assert cross_validation(0, np.array([0, 0, 0, 1, 1, 1])).get_n_splits() == 3
    assert cross_validation(0, np.array([0] * 20 + [1] * 20)).get_n_splits() == 5
