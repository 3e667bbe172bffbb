"""Binomial intervals against SciPy's exact test; the per-round conversion against its formula."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.rates import binomial_interval, per_round, per_round_interval


@pytest.mark.parametrize("errors, shots", [(0, 100), (1, 100), (37, 1000), (100, 100), (5, 7)])
def test_clopper_pearson_matches_scipy(errors, shots):
    from scipy.stats import binomtest

    expected = binomtest(errors, shots).proportion_ci(confidence_level=0.95, method="exact")
    interval = binomial_interval(errors, shots)
    assert interval.low == pytest.approx(expected.low, abs=1e-12)
    assert interval.high == pytest.approx(expected.high, abs=1e-12)
    assert interval.mean == errors / shots


@pytest.mark.parametrize("errors, shots", [(-1, 10), (11, 10), (0, 0)])
def test_impossible_counts_are_refused(errors, shots):
    with pytest.raises(QcogValueError):
        binomial_interval(errors, shots)


@pytest.mark.parametrize("e, rounds", [(0.01, 1), (0.01, 7), (0.2, 3), (0.0, 5)])
def test_per_round_inverts_the_odd_number_of_failures_formula(e, rounds):
    total = (1 - (1 - 2 * e) ** rounds) / 2
    assert per_round(total, rounds) == pytest.approx(e, abs=1e-12)
    assert per_round(0.5, rounds) == 0.5


def test_per_round_interval_maps_both_ends():
    interval = per_round_interval(binomial_interval(30, 1000), 5)
    assert interval.low < interval.mean < interval.high < 0.03
