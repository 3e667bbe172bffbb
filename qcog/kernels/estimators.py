"""scikit-learn estimators on a quantum kernel: :class:`QSVC`, :class:`QSVR`, :class:`QKernelRidge`.

Each builds its feature map at ``fit`` (one qubit per feature for the standard maps, or
the :class:`~qcog.kernels.feature_map.FeatureMap` given), computes the training Gram
matrix (exact fidelity or projected kernel, or the shot-based fidelity kernel on a
backend) and fits scikit-learn's own SVC / SVR / KernelRidge on it with
``kernel="precomputed"``. Prediction needs the kernel against the support vectors only.
They pass scikit-learn's ``check_estimator`` (a test runs it), so they work in
pipelines, grid searches and cross-validation.

>>> import numpy as np
>>> from qcog.kernels.adhoc import ad_hoc_data
>>> data = ad_hoc_data(n_train=20, n_test=10, seed=0)
>>> model = QSVC(feature_map="zz").fit(data.x_train, data.y_train)
>>> float(model.score(data.x_test, data.y_test))
1.0
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap

KERNELS = ("fidelity", "projected")


class _QuantumKernelMixin:
    """Feature map, kernel and input checks shared by the estimators.

    scikit-learn reads each estimator's parameters from its ``__init__`` signature, so
    every estimator lists them all; the shared ones are stored here.
    """

    def __init__(self, feature_map, reps, entanglement, bandwidth, kernel, gamma, backend,
                 shots, seed, dtype, device, memory_limit):
        self.feature_map = feature_map
        self.reps = reps
        self.entanglement = entanglement
        self.bandwidth = bandwidth
        self.kernel = kernel
        self.gamma = gamma
        self.backend = backend
        self.shots = shots
        self.seed = seed
        self.dtype = dtype
        self.device = device
        self.memory_limit = memory_limit

    def _feature_map(self, n_features: int) -> FeatureMap:
        if isinstance(self.feature_map, FeatureMap):
            return self.feature_map.replace(bandwidth=self.feature_map.bandwidth * self.bandwidth)
        from qcog.kernels.standard_maps import make_feature_map

        return make_feature_map(self.feature_map, n_features, reps=self.reps,
                                entanglement=self.entanglement, bandwidth=self.bandwidth)

    def _gram(self, x, y=None) -> np.ndarray:
        if self.kernel not in KERNELS:
            raise QcogValueError(f"kernel must be one of {', '.join(KERNELS)}, got {self.kernel!r}")
        fm = self._feature_map(self.n_features_in_)
        if self.kernel == "projected":
            if self.backend != "exact":
                raise QcogValueError("the projected kernel is computed exactly; use backend='exact'")
            from qcog.kernels.projected import projected_kernel

            return projected_kernel(fm, x, y, self.gamma_, self.dtype, self.device)
        if self.backend == "exact":
            from qcog.kernels.fidelity import fidelity_kernel

            return fidelity_kernel(fm, x, y, self.dtype, self.device, self.memory_limit)
        from qcog.kernels.shots import shot_kernel

        return shot_kernel(fm, x, y, backend=self.backend, shots=self.shots,
                           seed=self.seed).matrix

    def _resolve_gamma(self, x) -> None:
        self.gamma_ = self.gamma
        if self.kernel == "projected" and self.gamma == "scale":
            from qcog.kernels.projected import bloch_vectors, resolve_gamma

            fm = self._feature_map(self.n_features_in_)
            projected = bloch_vectors(fm, x, self.dtype, self.device)
            self.gamma_ = resolve_gamma("scale", projected.reshape(len(x), -1))

    def _validated(self, x, y=None, fit: bool = False):
        """scikit-learn's input validation; its ValueErrors become QcogValueErrors."""
        reset = fit
        try:
            if not fit:
                out = validate_data(self, x, reset=reset, ensure_all_finite=False)
            else:
                out = validate_data(self, x, y, reset=reset, ensure_all_finite=False,
                                    y_numeric=isinstance(self, RegressorMixin))
        except ValueError as exc:
            raise QcogValueError(str(exc)) from None
        xs = out if y is None else out[0]
        if not np.isfinite(xs).all():
            raise QcogValueError(
                "X contains NaN or inf; features must be finite (impute or drop those rows)"
            )
        return out

    def _fit_gram(self, x):
        self._resolve_gamma(x)
        return self._gram(x)

    def _support_gram(self, x) -> np.ndarray:
        """Kernel of ``x`` against the training points, computed for support vectors only."""
        check_is_fitted(self)
        x = self._validated(x)
        full = np.zeros((len(x), len(self.x_fit_)))
        support = self._support_indices()
        if len(support):
            full[:, support] = self._gram(x, self.x_fit_[support])
        return full

    def _support_indices(self) -> np.ndarray:
        return np.arange(len(self.x_fit_))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.non_deterministic = self.backend != "exact"
        return tags


class QSVC(_QuantumKernelMixin, ClassifierMixin, BaseEstimator):
    """Support-vector classifier on a quantum kernel.

    Args:
        feature_map: ``"zz"``, ``"iqp"``, ``"angle"`` (one qubit per feature) or a
            :class:`~qcog.kernels.feature_map.FeatureMap`.
        reps: repetitions of the ZZ/IQP layers.
        entanglement: ``"full"``, ``"linear"`` or ``"circular"`` pairs.
        bandwidth: features are multiplied by it first (small values widen the kernel).
        kernel: ``"fidelity"`` or ``"projected"``.
        gamma: width of the projected kernel (number or ``"scale"``).
        C: SVM regularisation.
        class_weight: as for scikit-learn's SVC.
        backend: ``"exact"`` (statevectors), or ``"aer"``, ``"fake:NAME"``, ``"ibm:NAME"``
            (shot-based compute-uncompute circuits; see :mod:`qcog.kernels.shots`).
        shots: shots per kernel entry on a backend.
        seed: simulator/transpiler seed on a backend.
        dtype: ``"float64"`` or ``"float32"`` states.
        device: ``"cpu"`` or ``"cuda"``.
        memory_limit: bytes the Gram matrix may use (default: half the available memory).
    """

    def __init__(self, feature_map="zz", reps: int = 2, entanglement: str = "full",
                 bandwidth: float = 1.0, kernel: str = "fidelity", gamma="scale",
                 C: float = 1.0, class_weight=None, backend: str = "exact", shots: int = 1024, seed: int | None = None,
                 dtype: str = "float64", device: str = "cpu", memory_limit: int | None = None):
        super().__init__(feature_map, reps, entanglement, bandwidth, kernel, gamma, backend,
                         shots, seed, dtype, device, memory_limit)
        self.C = C
        self.class_weight = class_weight

    def fit(self, X, y) -> QSVC:
        """Fit on ``X`` ``(n_samples, n_features)`` and labels ``y``.

        Raises:
            QcogValueError: NaN/inf features, fewer than two classes (an empty class),
                features the map does not take, a Gram matrix too large for memory.
        """
        from sklearn.svm import SVC

        x, y = self._validated(X, y, fit=True)
        check_classification_targets(y)
        classes = np.unique(y)
        if len(classes) < 2:
            raise QcogValueError(
                f"y has only one class ({classes.tolist()}, {len(y)} samples): every other "
                "class is empty; a classifier needs samples of at least two classes"
            )
        self.svc_ = SVC(kernel="precomputed", C=self.C, class_weight=self.class_weight,
                        random_state=self.seed)
        self.svc_.fit(self._fit_gram(x), y)
        self.x_fit_ = x
        self.classes_ = self.svc_.classes_
        return self

    def _support_indices(self) -> np.ndarray:
        return self.svc_.support_

    def decision_function(self, X) -> np.ndarray:
        """Signed distances to the separating hyperplane(s), as scikit-learn's SVC gives them."""
        gram = self._support_gram(X)
        return self.svc_.decision_function(gram)

    def predict(self, X) -> np.ndarray:
        """Predicted labels."""
        gram = self._support_gram(X)
        return self.svc_.predict(gram)


class QSVR(_QuantumKernelMixin, RegressorMixin, BaseEstimator):
    """Support-vector regression on a quantum kernel.

    Args:
        epsilon: width of the SVR's insensitive tube; the others as for :class:`QSVC`.
    """

    def __init__(self, feature_map="zz", reps: int = 2, entanglement: str = "full",
                 bandwidth: float = 1.0, kernel: str = "fidelity", gamma="scale",
                 C: float = 1.0, epsilon: float = 0.1, backend: str = "exact",
                 shots: int = 1024, seed: int | None = None, dtype: str = "float64",
                 device: str = "cpu", memory_limit: int | None = None):
        super().__init__(feature_map, reps, entanglement, bandwidth, kernel, gamma, backend,
                         shots, seed, dtype, device, memory_limit)
        self.C = C
        self.epsilon = epsilon

    def fit(self, X, y) -> QSVR:
        """Fit on ``X`` ``(n_samples, n_features)`` and real targets ``y``."""
        from sklearn.svm import SVR

        x, y = self._validated(X, y, fit=True)
        self.svr_ = SVR(kernel="precomputed", C=self.C, epsilon=self.epsilon)
        self.svr_.fit(self._fit_gram(x), y)
        self.x_fit_ = x
        return self

    def _support_indices(self) -> np.ndarray:
        return self.svr_.support_

    def predict(self, X) -> np.ndarray:
        """Predicted targets."""
        gram = self._support_gram(X)
        return self.svr_.predict(gram)


class QKernelRidge(_QuantumKernelMixin, RegressorMixin, BaseEstimator):
    """Kernel ridge regression on a quantum kernel (closed form, no support-vector sparsity).

    Args:
        alpha: ridge regularisation; the others as for :class:`QSVC`.
    """

    def __init__(self, feature_map="zz", reps: int = 2, entanglement: str = "full",
                 bandwidth: float = 1.0, kernel: str = "fidelity", gamma="scale",
                 alpha: float = 1.0, backend: str = "exact", shots: int = 1024,
                 seed: int | None = None, dtype: str = "float64", device: str = "cpu",
                 memory_limit: int | None = None):
        super().__init__(feature_map, reps, entanglement, bandwidth, kernel, gamma, backend,
                         shots, seed, dtype, device, memory_limit)
        self.alpha = alpha

    def fit(self, X, y) -> QKernelRidge:
        """Fit on ``X`` ``(n_samples, n_features)`` and real targets ``y``."""
        from sklearn.kernel_ridge import KernelRidge

        x, y = self._validated(X, y, fit=True)
        self.ridge_ = KernelRidge(kernel="precomputed", alpha=self.alpha)
        self.ridge_.fit(self._fit_gram(x), y)
        self.x_fit_ = x
        return self

    def predict(self, X) -> np.ndarray:
        """Predicted targets."""
        gram = self._support_gram(X)
        return self.ridge_.predict(gram)
