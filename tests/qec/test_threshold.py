"""Threshold crossings: synthetic curves with a known crossing, a real sweep, bad input."""

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.threshold import estimate_crossing, plot_threshold, threshold_sweep


def _synthetic(p_th: float, distances, ps, shots: int):
    """Expected logical errors of the textbook law e = 0.1 (p / p_th) ** ((d + 1) / 2), one round."""
    return {d: np.round(shots * 0.1 * (np.asarray(ps) / p_th) ** ((d + 1) / 2)).astype(int)
            for d in distances}


def test_crossing_of_textbook_curves_is_found_with_an_interval_that_holds_it():
    ps, shots = np.geomspace(0.004, 0.02, 9), 10**6
    errors = _synthetic(0.01, (3, 5), ps, shots)
    ones = np.ones(len(ps), dtype=int)
    crossing = estimate_crossing(ps, (errors[3], ones), (errors[5], ones), shots, seed=1)
    assert crossing.mean == pytest.approx(0.01, rel=0.03)
    assert crossing.low <= 0.01 <= crossing.high


def test_no_crossing_inside_the_range_gives_none():
    ps, shots = np.geomspace(0.001, 0.004, 5), 10**6
    errors = _synthetic(0.01, (3, 5), ps, shots)
    ones = np.ones(len(ps), dtype=int)
    assert estimate_crossing(ps, (errors[3], ones), (errors[5], ones), shots) is None


def test_surface_code_sweep_finds_its_threshold_and_plots(tmp_path):
    sweep = threshold_sweep("surface", [3, 5], [0.004, 0.007, 0.01, 0.014, 0.02], shots=6000, seed=3)
    assert len(sweep.results) == 10
    assert 0.006 < sweep.threshold.mean < 0.018
    p, mean, low, high = sweep.curve(3)
    assert list(p) == sorted(p) and (low <= mean).all() and (mean <= high).all()
    plot_threshold(sweep, tmp_path / "threshold.png")
    assert (tmp_path / "threshold.png").stat().st_size > 10_000
    assert sweep.to_dict()["crossings"][0]["small"] == 3


@pytest.mark.parametrize("distances, ps", [([3], [0.01, 0.02]), ([3, 5], [0.01]), ([3, 4], [0.01, 0.02])])
def test_bad_sweeps_are_refused(distances, ps):
    with pytest.raises(QcogValueError):
        threshold_sweep("surface", distances, ps, shots=10)
