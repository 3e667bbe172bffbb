"""Zero-noise extrapolation: from values measured at noise scales >= 1 to the value at 0.

* ``linear``: least-squares line through all points, read at scale 0.
* ``richardson``: the polynomial through all points (degree = points - 1), read at 0;
  exact for noise that is polynomial of that degree, but it amplifies shot noise.
* ``exponential``: ``y = a + b exp(-c s)`` with the asymptote ``a`` fixed (default 0,
  where Pauli expectation values decay under depolarising noise): a straight line
  through ``log |y - a|``. Falls back to ``linear`` when the points lie on both sides of
  the asymptote (the result says so).

>>> round(extrapolate([1, 3, 5], [0.8, 0.6, 0.4], "linear").value, 6)
0.9
>>> round(extrapolate([1, 2, 3], [0.9 ** 1, 0.9 ** 2, 0.9 ** 3], "exponential").value, 6)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcog.exceptions import QcogValueError

METHODS = ("linear", "richardson", "exponential")


@dataclass(frozen=True)
class Extrapolation:
    """The zero-noise value and how it was obtained (``method`` may note a fallback)."""

    value: float
    method: str


def _points(scales, values) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scales, dtype=float)
    y = np.asarray(values, dtype=float)
    if s.shape != y.shape or s.ndim != 1:
        raise QcogValueError("scales and values must be 1-d sequences of the same length")
    if len(set(s.tolist())) < 2:
        raise QcogValueError(f"extrapolation needs at least two distinct noise scales, got {s.tolist()}")
    return s, y


def extrapolate(scales, values, method: str = "linear", asymptote: float = 0.0) -> Extrapolation:
    """Extrapolate ``values`` measured at noise ``scales`` to scale 0.

    Raises:
        QcogValueError: unknown method, or fewer than two distinct scales.
    """
    if method not in METHODS:
        raise QcogValueError(f"extrapolation must be one of {', '.join(METHODS)}, got {method!r}")
    s, y = _points(scales, values)
    if method == "linear":
        _, intercept = np.polyfit(s, y, 1)
        return Extrapolation(float(intercept), "linear")
    if method == "richardson":
        weights = [np.prod([sm / (sm - sj) for sm in s if sm != sj]) for sj in s]
        return Extrapolation(float(np.dot(weights, y)), "richardson")
    shifted = y - asymptote
    if np.any(shifted == 0) or len(set(np.sign(shifted).tolist())) > 1:
        return Extrapolation(extrapolate(s, y, "linear").value, "linear (exponential fallback)")
    _, intercept = np.polyfit(s, np.log(np.abs(shifted)), 1)
    return Extrapolation(float(asymptote + np.sign(shifted[0]) * np.exp(intercept)), "exponential")
