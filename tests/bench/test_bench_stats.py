"""qcog.bench.stats against synthetic data with known answers."""

import math

import numpy as np
import pytest

from qcog.bench import stats
from qcog.exceptions import QcogValueError


@pytest.mark.parametrize("method", [stats.mean_interval, stats.bootstrap_interval])
def test_interval_covers_the_true_mean_at_its_level(method):
    """Over many synthetic experiments the 95% interval holds the true mean ~95% of the time."""
    rng = np.random.default_rng(0)
    n, trials, true_mean = 20, 400, 0.3
    hits = 0
    for trial in range(trials):
        values = rng.normal(true_mean, 1.0, size=n)
        if method is stats.bootstrap_interval:
            interval = method(values, resamples=2000, seed=trial)
        else:
            interval = method(values)
        hits += interval.low <= true_mean <= interval.high
    coverage = hits / trials
    # binomial sd at p=0.95, 400 trials: 0.011; the bootstrap is a little narrow at n=20
    assert 0.90 <= coverage <= 0.99, coverage


def test_t_interval_matches_the_textbook_formula():
    values = [2.0, 4.0, 4.0, 5.0, 7.0]
    interval = stats.mean_interval(values, confidence=0.9)
    mean, sd = 4.4, math.sqrt(3.3)
    half = 2.131846786326649 * sd / math.sqrt(5)  # t_{0.95, 4}
    assert interval.mean == pytest.approx(mean)
    assert interval.std == pytest.approx(sd)
    assert (interval.low, interval.high) == pytest.approx((mean - half, mean + half))


def test_one_value_has_no_interval_and_no_verdict():
    interval = stats.mean_interval([0.5])
    assert interval.low is None and interval.high is None and interval.n == 1
    assert not interval.excludes(0.0)
    assert "no interval" in str(interval)
    assert stats.compare([0.9], [0.1]).verdict == stats.NO_DIFFERENCE


@pytest.mark.parametrize(
    "low, high, higher_is_better, expected",
    [
        (0.01, 0.03, True, stats.QUANTUM_BETTER),
        (0.01, 0.03, False, stats.CLASSICAL_BETTER),
        (-0.03, -0.01, True, stats.CLASSICAL_BETTER),
        (-0.03, -0.01, False, stats.QUANTUM_BETTER),
        (-0.01, 0.03, True, stats.NO_DIFFERENCE),
        (0.0, 0.03, True, stats.NO_DIFFERENCE),  # touching zero is not excluding it
    ],
)
def test_verdict_only_when_the_interval_excludes_zero(low, high, higher_is_better, expected):
    interval = stats.Interval((low + high) / 2, low, high, 5, 0.01)
    assert stats.verdict(interval, higher_is_better) == expected


def test_pairing_removes_the_shared_seed_effect():
    """Seeds that move both sides together: paired finds the difference, Welch does not."""
    seed_effect = np.array([0.80, 0.90, 0.70, 0.95, 0.85, 0.75])
    classical = seed_effect
    quantum = seed_effect + np.array([0.010, 0.012, 0.011, 0.009, 0.010, 0.011])
    paired = stats.compare(quantum, classical)
    unpaired = stats.compare(quantum, classical, paired=False)
    assert paired.difference.mean == pytest.approx(0.0105)
    assert paired.verdict == stats.QUANTUM_BETTER
    assert unpaired.verdict == stats.NO_DIFFERENCE
    assert unpaired.difference.method == "welch"


def test_compare_reports_both_sides_and_serialises():
    c = stats.compare([1.0, 2.0, 3.0], [1.0, 1.0, 1.0])
    d = c.to_dict()
    assert d["quantum"]["mean"] == pytest.approx(2.0)
    assert d["classical"]["mean"] == pytest.approx(1.0)
    assert d["difference"]["mean"] == pytest.approx(1.0)
    assert d["verdict"] in stats.VERDICTS
    assert "->" in str(c)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: stats.mean_interval([]), "empty"),
        (lambda: stats.mean_interval([1.0, float("nan")]), "non-finite"),
        (lambda: stats.mean_interval([1.0, 2.0], confidence=1.5), "confidence"),
        (lambda: stats.compare([1.0, 2.0], [1.0]), "one value per seed"),
        (lambda: stats.timing([-1.0]), "non-negative"),
        (lambda: stats.timing_ratio([1.0], [0.0]), "positive"),
        (lambda: stats.over_seeds(lambda s: s, [1, 1]), "distinct"),
        (lambda: stats.time_repeats(lambda: None, repeats=0), "repeats"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(QcogValueError, match=message):
        call()


def test_timing_is_median_and_quartiles():
    t = stats.timing([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (t.median, t.q1, t.q3, t.min, t.max, t.n) == (3.0, 2.0, 4.0, 1.0, 5.0, 5)


def test_timing_ratio_uses_per_repeat_ratios():
    r = stats.timing_ratio([2.0, 4.0, 6.0], [1.0, 2.0, 2.0])
    assert r.n == 3 and r.median == pytest.approx(2.0) and r.max == pytest.approx(3.0)


def test_ratio_of_constant_ratios_is_exact():
    r = stats.ratio_interval([2.0, 4.0, 6.0], [1.0, 2.0, 3.0])
    assert (r.mean, r.low, r.high) == pytest.approx((2.0, 2.0, 2.0))


def test_ratio_interval_covers_the_true_ratio_at_its_level():
    """Log-normal timings with a true slow-down of 1.5: the interval holds 1.5 ~95% of the time."""
    rng = np.random.default_rng(1)
    hits, trials = 0, 400
    for _ in range(trials):
        load = rng.lognormal(0.0, 0.5, size=8)  # machine load shared by both sides of a repeat
        a = 1.5 * load * rng.lognormal(0.0, 0.1, size=8)
        b = load * rng.lognormal(0.0, 0.1, size=8)
        r = stats.ratio_interval(a, b)
        hits += r.low <= 1.5 <= r.high
    assert 0.90 <= hits / trials <= 0.99


def test_paired_ratio_sees_through_shared_load_that_hides_it_unpaired():
    load = np.array([1.0, 3.0, 0.5, 2.0, 5.0, 1.5])
    slow, fast = 1.2 * load, load * np.array([1.0, 1.01, 0.99, 1.0, 1.02, 0.98])
    paired = stats.compare_timings(slow, fast)
    unpaired = stats.compare_timings(slow, fast, paired=False)
    assert paired.verdict == stats.CLASSICAL_BETTER  # quantum (first) side is slower
    assert unpaired.verdict == stats.NO_DIFFERENCE
    assert paired.ratio.mean == pytest.approx(1.2, rel=0.02)
    assert paired.quantum.median == pytest.approx(np.median(slow))


def test_timing_comparison_serialises_with_a_ratio_not_a_difference():
    d = stats.compare_timings([1.0, 1.1, 0.9], [2.0, 2.2, 1.8]).to_dict()
    assert set(d) >= {"quantum", "classical", "ratio", "verdict", "p_value", "higher_is_better"}
    assert d["quantum"]["median"] == pytest.approx(1.0) and d["higher_is_better"] is False
    assert d["verdict"] == stats.QUANTUM_BETTER


@pytest.mark.parametrize("paired", [True, False])
def test_p_value_agrees_with_the_interval(paired):
    """p < 0.05 exactly when the 95% interval excludes zero, and it matches scipy's t-tests."""
    from scipy.stats import ttest_ind, ttest_rel

    rng = np.random.default_rng(3)
    for shift in (0.0, 0.3, 1.0):
        q, c = rng.normal(shift, 1.0, 12), rng.normal(0.0, 1.0, 12)
        comparison = stats.compare(q, c, paired=paired)
        reference = ttest_rel(q, c) if paired else ttest_ind(q, c, equal_var=False)
        assert comparison.p_value == pytest.approx(reference.pvalue, rel=1e-6)
        assert (comparison.p_value < 0.05) == comparison.difference.excludes(0.0)


def test_welch_from_summaries_matches_the_raw_data():
    from scipy.stats import ttest_ind

    rng = np.random.default_rng(4)
    new, old = rng.normal(1.0, 1.0, 9), rng.normal(0.0, 2.0, 7)
    from_raw = stats.compare(new, old, paired=False).difference
    summary = stats.welch_from_summaries(stats.mean_interval(new), stats.mean_interval(old))
    assert (summary.low, summary.high) == pytest.approx((from_raw.low, from_raw.high))
    assert (ttest_ind(new, old, equal_var=False).pvalue < 0.05) == summary.excludes(0.0)


@pytest.mark.parametrize(
    "p_values, expected",
    [
        ([0.01, 0.02, 0.03], [True, True, True]),  # 0.01<=0.05/3, 0.02<=0.05/2, 0.03<=0.05
        ([0.01, 0.04, 0.03], [True, False, False]),  # 0.03 > 0.05/2 stops the step-down
        ([0.2, None, 0.001], [False, None, True]),
        ([], []),
    ],
)
def test_holm_step_down(p_values, expected):
    assert stats.holm(p_values) == expected


def test_holm_keeps_the_family_wise_error_under_alpha():
    """Twenty true nulls (uniform p-values): uncorrected, some verdict is wrong in
    1 - 0.95**20 = 64% of the families; with Holm in at most 5%."""
    rng = np.random.default_rng(5)
    families = rng.uniform(size=(2000, 20))
    any_uncorrected = np.mean([any(p < 0.05) for p in families])
    any_holm = np.mean([any(stats.holm(list(p))) for p in families])
    assert any_uncorrected == pytest.approx(0.64, abs=0.04)
    assert any_holm <= 0.06


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: stats.ratio_interval([1.0, 2.0], [1.0]), "one value per repeat"),
        (lambda: stats.ratio_interval([1.0], [0.0]), "positive"),
        (lambda: stats.compare_timings([-1.0], [1.0]), "positive"),
    ],
)
def test_ratios_refuse_bad_input(call, message):
    with pytest.raises(QcogValueError, match=message):
        call()
