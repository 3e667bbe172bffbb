import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.sequence.series import POINTS, SERIES, parse_series, series_windows


def _rk4_pendulum(t):
    """A second solver: classical Runge-Kutta with 20 sub-steps per sample."""
    g, length, b, m = 9.81, 5.0, 0.15, 1.0

    def f(y):
        return np.array([y[1], -(b / m) * y[1] - (g / length) * np.sin(y[0])])

    y, out = np.array([0.0, 1.0]), [0.0]
    for dt in np.diff(t):
        h = dt / 20
        for _ in range(20):
            k1 = f(y)
            k2 = f(y + h / 2 * k1)
            k3 = f(y + h / 2 * k2)
            k4 = f(y + h * k3)
            y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(y[0])
    return np.array(out)


def _bessel_j2_series(x):
    """J_2(x) = sum_m (-1)^m / (m! (m+2)!) (x/2)^(2m+2), enough terms for x <= 30."""
    from math import factorial

    return sum(
        (-1) ** m / (factorial(m) * factorial(m + 2)) * (x / 2) ** (2 * m + 2) for m in range(60)
    )


def test_series_match_independent_computations():
    t = np.linspace(0, 30, POINTS)
    np.testing.assert_allclose(SERIES["oscillation"].function(t), _rk4_pendulum(t), atol=1e-6)
    x = np.linspace(0, 12, 50)  # the power series stays accurate in float64 here
    np.testing.assert_allclose(SERIES["bessel"].function(x), _bessel_j2_series(x), atol=1e-9)


def test_windows_are_chronological_and_targets_are_the_next_value():
    parts = series_windows("bessel:6")
    assert parts["window"] == 6
    values = SERIES["bessel"].function(np.linspace(0, 30, POINTS)) / parts["scale"]
    x = np.concatenate([parts[k][0] for k in ("train", "val", "test")])
    y = np.concatenate([parts[k][1] for k in ("train", "val", "test")])
    assert len(x) == POINTS - 6
    for i in (0, 100, len(x) - 1):  # window i holds values i..i+5, its target is value i+6
        np.testing.assert_allclose(x[i], values[i : i + 6], rtol=1e-6)
        np.testing.assert_allclose(y[i], values[i + 6], rtol=1e-6)
    assert np.abs(parts["train"][0]).max() <= 1.0 + 1e-6  # scaled by the training part


def test_bad_series_names_and_windows():
    assert parse_series("sentiment") is None
    with pytest.raises(QcogValueError, match="window"):
        parse_series("bessel:0")
    with pytest.raises(QcogValueError, match="unknown series"):
        series_windows("sine")
