"""Each fit recovers the zero-noise value of data it models exactly."""

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.mitigation.extrapolation import extrapolate


def test_linear_recovers_a_line_and_averages_noise():
    s = np.array([1.0, 2.0, 3.0, 4.0])
    assert extrapolate(s, 0.9 - 0.1 * s, "linear").value == pytest.approx(0.9)


def test_richardson_recovers_a_quadratic_exactly():
    s = np.array([1.0, 3.0, 5.0])
    y = 0.8 - 0.05 * s + 0.004 * s**2
    assert extrapolate(s, y, "richardson").value == pytest.approx(0.8, abs=1e-12)


@pytest.mark.parametrize("sign", [1, -1])
def test_exponential_recovers_a_decay_and_its_sign(sign):
    s = np.array([1.0, 3.0, 5.0])
    y = sign * 0.95 * np.exp(-0.2 * s)
    fit = extrapolate(s, y, "exponential")
    assert fit.value == pytest.approx(sign * 0.95) and fit.method == "exponential"


def test_exponential_falls_back_to_linear_across_the_asymptote():
    fit = extrapolate([1, 3, 5], [0.2, 0.0, -0.2], "exponential")
    assert fit.method.startswith("linear") and fit.value == pytest.approx(0.3)


@pytest.mark.parametrize("scales, values, method, fragment", [
    ([1, 1], [0.5, 0.4], "linear", "two distinct"),
    ([1, 3], [0.5], "linear", "same length"),
    ([1, 3], [0.5, 0.4], "cubic", "one of"),
])
def test_bad_input_is_refused(scales, values, method, fragment):
    with pytest.raises(QcogValueError, match=fragment):
        extrapolate(scales, values, method)
