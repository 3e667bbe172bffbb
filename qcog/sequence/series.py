"""Function-approximation series of the kind in the QLSTM paper, cut into windows.

Chen, Yoo and Fang (2020) train their QLSTM to predict the next value of a series from
the previous few: a damped oscillator, a Bessel function and others. Two of those,
generated here (so the data are synthetic, and marked so):

* ``oscillation``: the angle of a damped pendulum, ``theta'' + (b/m) theta' +
  (g/L) sin(theta) = 0`` with ``g = 9.81, L = 5, b = 0.15, m = 1``, ``theta(0) = 0``,
  ``theta'(0) = 1`` rad/s, solved with SciPy's ``solve_ivp`` on ``t = 0..30`` s;
* ``bessel``: the Bessel function of the first kind ``J_2(x)``, ``x = 0..30``.

Each series has 300 points, scaled to [-1, 1] by the largest magnitude of its training
part. A window of ``w`` values (``w = 4`` as in the paper; ``"bessel:8"`` picks 8) is
one input, the value after it the target. The split is chronological: the first 70 %
of windows train, the next 15 % validate and the last 15 % test, so the test measures
extrapolation in time, never interpolation between training points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qcog.exceptions import QcogValueError

#: Points per series.
POINTS = 300
#: Input window when the source name gives none (the paper's 4).
DEFAULT_WINDOW = 4


def _pendulum(t: np.ndarray) -> np.ndarray:
    from scipy.integrate import solve_ivp

    g, length, b, m = 9.81, 5.0, 0.15, 1.0

    def rhs(_, y):
        theta, omega = y
        return [omega, -(b / m) * omega - (g / length) * np.sin(theta)]

    sol = solve_ivp(rhs, (t[0], t[-1]), [0.0, 1.0], t_eval=t, rtol=1e-9, atol=1e-9)
    return sol.y[0]


def _bessel(x: np.ndarray) -> np.ndarray:
    from scipy.special import jv

    return jv(2, x)


@dataclass(frozen=True)
class SeriesFact:
    """One named series: how its values are made and what they are."""

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    start: float
    stop: float
    description: str


#: The series ``--data`` can name (optionally ``name:window``).
SERIES: dict[str, SeriesFact] = {
    s.name: s
    for s in (
        SeriesFact(
            "oscillation",
            _pendulum,
            0.0,
            30.0,
            "damped pendulum theta(t), g=9.81, L=5, b=0.15, m=1, theta'(0)=1 rad/s "
            "(scipy solve_ivp), as in Chen, Yoo and Fang 2020",
        ),
        SeriesFact(
            "bessel", _bessel, 0.0, 30.0, "Bessel function J_2(x) on [0, 30] (scipy.special.jv)"
        ),
    )
}


def parse_series(source: str) -> tuple[SeriesFact, int] | None:
    """``"bessel:8"`` -> (the bessel record, window 8); None if ``source`` names no series.

    Raises:
        QcogValueError: a bad window.

    >>> fact, window = parse_series("oscillation")
    >>> fact.name, window
    ('oscillation', 4)
    >>> parse_series("sentiment") is None
    True
    """
    name, _, window = source.partition(":")
    if name not in SERIES:
        return None
    if window and (not window.isdigit() or not 1 <= int(window) <= POINTS // 4):
        raise QcogValueError(
            f"series window {window!r} in {source!r} must be an integer from 1 to {POINTS // 4}"
        )
    return SERIES[name], int(window) if window else DEFAULT_WINDOW


def series_windows(source: str, fractions: tuple[float, float] = (0.15, 0.15)) -> dict:
    """Windows and next values of a named series, split chronologically and scaled.

    Args:
        source: a key of :data:`SERIES`, optionally ``:window``.
        fractions: validation and test fractions (the rest, first in time, trains).

    Returns:
        ``{"train"|"val"|"test": (x (N, w) float32, y (N,) float32), "scale": float,
        "window": int, "fact": SeriesFact}``.

    Raises:
        QcogValueError: unknown series, bad window or fractions.

    >>> parts = series_windows("bessel")
    >>> parts["train"][0].shape, parts["test"][0].shape
    ((208, 4), (44, 4))
    """
    parsed = parse_series(source)
    if parsed is None:
        raise QcogValueError(f"unknown series {source!r}; choose one of {sorted(SERIES)}")
    fact, window = parsed
    val_fraction, test_fraction = fractions
    if not (0 < val_fraction < 1 and 0 < test_fraction < 1 and val_fraction + test_fraction < 1):
        raise QcogValueError(f"split fractions {fractions} must lie in (0, 1) and sum below 1")
    values = fact.function(np.linspace(fact.start, fact.stop, POINTS))
    windows = np.lib.stride_tricks.sliding_window_view(values, window + 1)  # (N, w+1)
    n = len(windows)
    n_test, n_val = round(test_fraction * n), round(val_fraction * n)
    cuts = {
        "train": (0, n - n_val - n_test),
        "val": (n - n_val - n_test, n - n_test),
        "test": (n - n_test, n),
    }
    train_end = cuts["train"][1] + window  # values seen by training windows and targets
    scale = float(np.abs(values[:train_end]).max())
    parts = {
        name: (
            (windows[a:b, :window] / scale).astype(np.float32),
            (windows[a:b, window] / scale).astype(np.float32),
        )
        for name, (a, b) in cuts.items()
    }
    return {**parts, "scale": scale, "window": window, "fact": fact}
