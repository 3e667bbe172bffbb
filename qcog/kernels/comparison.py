"""QSVC versus its classical twins over several seeds, with confidence intervals and a verdict.

For each seed: draw the data (ad hoc data with a new random labelling, or a new split of
an offline dataset), fit the QSVC with its bandwidth and ``C`` chosen by cross-validation
on precomputed training Gram matrices (one per bandwidth), fit the RBF SVC and the
random-Fourier-feature twin (:mod:`qcog.kernels.twins`), and record test accuracies.
:func:`qcog.bench.stats.compare` turns the paired accuracies into intervals and a verdict
that says "quantum better" or "classical better" only when the interval excludes zero.

>>> result = compare_kernels("adhoc", n_qubits=2, seeds=[0, 1], n_train=10, n_test=10)
>>> sorted(result.accuracies), len(result.accuracies["qsvc"])
(['qsvc', 'random_fourier', 'rbf_svc'], 2)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from qcog.exceptions import QcogValueError

#: bandwidths the QSVC chooses from by cross-validation
BANDWIDTHS = (0.05, 0.1, 0.2, 0.5, 1.0)
CLASSICAL = ("rbf_svc", "random_fourier")


@dataclass
class KernelComparison:
    """Test accuracies per seed of the QSVC and its twins, and the paired comparisons.

    Attributes:
        dataset, n_qubits, feature_map: what was compared.
        seeds: the seeds, in order.
        accuracies: model -> one test accuracy per seed.
        chosen: model -> the hyper-parameters chosen per seed.
        seconds: model -> fit+predict seconds per seed.
        n_train, n_test: points per split (first seed).
    """

    dataset: str
    n_qubits: int
    feature_map: str
    seeds: list[int]
    accuracies: dict[str, list[float]] = field(default_factory=dict)
    chosen: dict[str, list[dict]] = field(default_factory=dict)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    n_train: int = 0
    n_test: int = 0

    def comparisons(self) -> dict[str, Any]:
        """twin -> :class:`qcog.bench.stats.Comparison` of QSVC against it (paired by seed)."""
        from qcog.bench.stats import compare

        return {name: compare(self.accuracies["qsvc"], self.accuracies[name])
                for name in CLASSICAL}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: accuracies with intervals, comparisons with verdicts, choices, times."""
        from qcog.bench.stats import mean_interval

        return {
            "dataset": self.dataset, "n_qubits": self.n_qubits, "feature_map": self.feature_map,
            "seeds": self.seeds, "n_train": self.n_train, "n_test": self.n_test,
            "accuracy": {m: mean_interval(v).to_dict() for m, v in self.accuracies.items()},
            "accuracies": self.accuracies,
            "comparisons": {k: c.to_dict() for k, c in self.comparisons().items()},
            "chosen": self.chosen,
            "seconds": self.seconds,
        }


def _data(dataset: str, n_qubits: int, seed: int, n_train: int, n_test: int,
          max_samples: int | None):
    if dataset == "adhoc":
        from qcog.kernels.adhoc import ad_hoc_data

        d = ad_hoc_data(n_train, n_test, n_qubits, seed=seed)
        return d.x_train, d.y_train, d.x_test, d.y_test
    from qcog.kernels.datasets import load_classification

    s = load_classification(dataset, n_qubits, seed=seed, max_samples=max_samples)
    return s.x_train, s.y_train, s.x_test, s.y_test


def fit_qsvc_cv(x_train, y_train, feature_map: str, seed: int,
                bandwidths=BANDWIDTHS, reps: int = 2, dtype: str = "float64"):
    """Choose bandwidth and C by cross-validation; return ``(svc, feature_map, choice)``.

    One training Gram matrix per bandwidth; the folds slice it (``kernel="precomputed"``).
    """
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    from qcog.kernels.fidelity import fidelity_kernel
    from qcog.kernels.standard_maps import make_feature_map
    from qcog.kernels.twins import CS, cross_validation, one_blas_thread

    best = None
    for bandwidth in bandwidths:
        fm = make_feature_map(feature_map, x_train.shape[1], reps=reps, bandwidth=bandwidth)
        gram = fidelity_kernel(fm, x_train, dtype=dtype)
        with one_blas_thread():
            search = GridSearchCV(SVC(kernel="precomputed"), {"C": list(CS)},
                                  cv=cross_validation(seed, y_train)).fit(gram, y_train)
        if best is None or search.best_score_ > best[0] + 1e-12:
            best = (search.best_score_, search.best_estimator_, fm,
                    {"bandwidth": bandwidth, **search.best_params_})
    _, svc, fm, choice = best
    return svc, fm, choice


def _run_qsvc(x_tr, y_tr, x_te, y_te, feature_map, seed, bandwidths, reps):
    from qcog.kernels.fidelity import fidelity_kernel

    svc, fm, choice = fit_qsvc_cv(x_tr, y_tr, feature_map, seed, bandwidths, reps)
    accuracy = float((svc.predict(fidelity_kernel(fm, x_te, x_tr)) == y_te).mean())
    return accuracy, choice


def _run_twin(name, x_tr, y_tr, x_te, y_te, seed):
    from qcog.kernels.twins import fit_random_fourier, fit_rbf_svc

    fit = fit_rbf_svc if name == "rbf_svc" else fit_random_fourier
    search = fit(x_tr, y_tr, seed)
    return float(search.score(x_te, y_te)), dict(search.best_params_)


def compare_kernels(dataset: str = "adhoc", n_qubits: int = 2, seeds=range(5),
                    feature_map: str = "zz", n_train: int = 40, n_test: int = 20,
                    bandwidths=BANDWIDTHS, reps: int = 2,
                    max_samples: int | None = None) -> KernelComparison:
    """Compare a QSVC with an RBF SVC and random Fourier features over ``seeds``.

    Args:
        dataset: ``"adhoc"``, ``"iris"``, ``"breast_cancer"`` or ``"digits"``.
        n_qubits: qubits = features (PCA for the offline datasets).
        seeds: one data draw/split per seed (at least one; 5 or more for a claim).
        feature_map: ``"zz"``, ``"iqp"`` or ``"angle"``.
        n_train, n_test: points per class for the ad hoc data.
        bandwidths: the QSVC's bandwidth grid (ad hoc data is generated at bandwidth 1).
        reps: repetitions of the IQP-type maps.
        max_samples: subsample the offline datasets first (quick runs).

    Raises:
        QcogValueError: no seeds, unknown dataset or map.
    """
    seeds = list(seeds)
    if not seeds:
        raise QcogValueError("at least one seed is needed")
    result = KernelComparison(dataset, n_qubits, feature_map, seeds)
    for seed in seeds:
        _compare_seed(result, dataset, n_qubits, seed, feature_map, n_train, n_test,
                      bandwidths, reps, max_samples)
    return result


def _compare_seed(result: KernelComparison, dataset, n_qubits, seed, feature_map, n_train,
                  n_test, bandwidths, reps, max_samples) -> None:
    """Fit and score the QSVC and its twins on one seed's data; append to ``result``."""
    x_tr, y_tr, x_te, y_te = _data(dataset, n_qubits, seed, n_train, n_test, max_samples)
    result.n_train, result.n_test = result.n_train or len(x_tr), result.n_test or len(x_te)
    for name in ("qsvc", *CLASSICAL):
        start = time.perf_counter()
        if name == "qsvc":
            accuracy, choice = _run_qsvc(x_tr, y_tr, x_te, y_te, feature_map, seed,
                                         bandwidths, reps)
        else:
            accuracy, choice = _run_twin(name, x_tr, y_tr, x_te, y_te, seed)
        result.accuracies.setdefault(name, []).append(accuracy)
        result.chosen.setdefault(name, []).append(choice)
        result.seconds.setdefault(name, []).append(time.perf_counter() - start)
