import pytest

from qcog.bench.stats import VERDICTS
from qcog.exceptions import QcogValueError
from qcog.kernels.comparison import compare_kernels


def test_comparison_over_seeds_has_intervals_and_verdicts():
    result = compare_kernels("adhoc", n_qubits=2, seeds=[0, 1], n_train=12, n_test=10,
                             bandwidths=(0.5, 1.0))
    out = result.to_dict()
    assert out["seeds"] == [0, 1] and out["n_train"] == 24 and out["n_test"] == 20
    for model in ("qsvc", "rbf_svc", "random_fourier"):
        assert len(out["accuracies"][model]) == 2
        assert out["accuracy"][model]["low"] <= out["accuracy"][model]["mean"]
    assert {c["verdict"] for c in out["comparisons"].values()} <= set(VERDICTS)
    # ad hoc labels are separable by the ZZ map at bandwidth 1
    assert all(c["bandwidth"] == 1.0 for c in out["chosen"]["qsvc"])
    assert min(out["accuracies"]["qsvc"]) >= 0.9


def test_no_seeds_is_refused():
    with pytest.raises(QcogValueError, match="at least one seed"):
        compare_kernels("iris", seeds=[])
