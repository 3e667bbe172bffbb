"""Initial angles: the ramp is linear, INTERP keeps the endpoints' trend, random is seeded."""

import pytest

from qcog.optimization.schedules import RAMP_DT, interpolate, ramp, random_start


def test_ramp_rises_in_gamma_and_falls_in_beta():
    theta = ramp(4)
    gammas, betas = theta[:4], theta[4:]
    assert gammas == sorted(gammas) and betas == sorted(betas, reverse=True)
    assert gammas[0] + betas[0] == pytest.approx(RAMP_DT)


def test_interp_of_a_linear_schedule_is_linear():
    # INTERP maps a ramp sampled at p points to the same ramp at p + 1 points (up to the ends).
    out = interpolate([1.0, 2.0], [2.0, 1.0])
    assert out == pytest.approx([1.0, 1.5, 2.0, 2.0, 1.5, 1.0])


def test_random_start_is_seeded():
    assert random_start(3, seed=1) == random_start(3, seed=1) != random_start(3, seed=2)
