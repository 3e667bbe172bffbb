"""The classical twins of a QSVC: an RBF SVC and random Fourier features, tuned by cross-validation.

Both see the same standardised features as the quantum kernel and choose their
hyper-parameters by stratified five-fold cross-validation on the training part only:

* :func:`fit_rbf_svc`: scikit-learn's SVC with the Gaussian kernel, ``gamma`` and ``C``
  from a grid;
* :func:`fit_random_fourier`: Rahimi and Recht's random Fourier features of the same
  Gaussian kernel (scikit-learn's ``RBFSampler``) followed by a ridge classifier - a
  kernel method whose cost grows linearly with the data.

>>> from qcog.kernels.datasets import load_classification
>>> split = load_classification("iris", 2, seed=0)
>>> model = fit_rbf_svc(split.x_train, split.y_train, seed=0)
>>> float(model.score(split.x_test, split.y_test)) > 0.8
True
"""

from __future__ import annotations

import numpy as np

#: gamma values the RBF twins choose from (features are standardised)
GAMMAS = tuple(float(g) for g in np.logspace(-3, 1, 9))
#: C values every SVM chooses from
CS = (0.1, 1.0, 10.0, 100.0)
#: ridge penalties the random-Fourier-feature twin chooses from
ALPHAS = (0.01, 0.1, 1.0, 10.0)
#: random Fourier features drawn
RFF_COMPONENTS = 256


def one_blas_thread():
    """A context in which BLAS uses one thread: grid searches of many small fits run several
    times faster so on a shared machine (idle BLAS threads spin, waiting for a core)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def cross_validation(seed: int, y: np.ndarray, folds: int = 5):
    """Stratified, shuffled folds (fewer when the smallest class is smaller than ``folds``)."""
    from sklearn.model_selection import StratifiedKFold

    smallest = int(np.bincount(np.unique(y, return_inverse=True)[1]).min())
    return StratifiedKFold(n_splits=max(2, min(folds, smallest)), shuffle=True, random_state=seed)


def fit_rbf_svc(x_train: np.ndarray, y_train: np.ndarray, seed: int = 0):
    """A fitted ``GridSearchCV`` of an RBF SVC over :data:`GAMMAS` x :data:`CS`."""
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    grid = {"gamma": list(GAMMAS), "C": list(CS)}
    with one_blas_thread():
        return GridSearchCV(SVC(kernel="rbf"), grid, cv=cross_validation(seed, y_train)).fit(
            x_train, y_train)


def fit_random_fourier(x_train: np.ndarray, y_train: np.ndarray, seed: int = 0):
    """A fitted ``GridSearchCV`` of random Fourier features + ridge classifier.

    ``gamma`` by the folds, the ridge penalty by efficient leave-one-out inside each fit.
    """
    from sklearn.kernel_approximation import RBFSampler
    from sklearn.linear_model import RidgeClassifierCV
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(RBFSampler(n_components=RFF_COMPONENTS, random_state=seed),
                         RidgeClassifierCV(alphas=ALPHAS))
    grid = {"rbfsampler__gamma": list(GAMMAS)}
    with one_blas_thread():
        return GridSearchCV(pipe, grid, cv=cross_validation(seed, y_train)).fit(x_train, y_train)
