import numpy as np
import pytest

from qcog.testing import assert_counts_match, shot_noise_bound


def test_bound_shrinks_like_one_over_sqrt_shots():
    assert shot_noise_bound(0.5, 400) == pytest.approx(5 * 0.025 + 1 / 400)
    assert shot_noise_bound(0.5, 40_000) < shot_noise_bound(0.5, 400) / 9


def test_deterministic_outcomes_allow_only_one_count():
    assert shot_noise_bound(1.0, 1000) == pytest.approx(0.001)


def test_true_samples_pass_and_biased_samples_fail():
    rng = np.random.default_rng(0)
    shots = 10_000
    good = rng.multinomial(shots, [0.5, 0.5])
    assert_counts_match({"0": int(good[0]), "1": int(good[1])}, {"0": 0.5, "1": 0.5})
    with pytest.raises(AssertionError, match="outcome 0"):
        assert_counts_match({"0": 5300, "1": 4700}, {"0": 0.5, "1": 0.5})


def test_outcomes_of_probability_zero_must_not_occur():
    with pytest.raises(AssertionError, match="outcome 11"):
        assert_counts_match({"00": 990, "11": 10}, {"00": 1.0})
