"""The ratio definition: 1 at the optimum, cut / max cut for MaxCut; no brute force when large."""

import pytest

from qcog.optimization.baselines import classical_baselines
from qcog.optimization.maxcut import maxcut_problem


def test_ratio_is_cut_over_max_cut():
    b = classical_baselines(maxcut_problem("petersen"), seed=0)
    assert b.ratio(-12) == 1.0 and b.ratio(-9) == pytest.approx(9 / 12) and b.ratio(0) == 0
    out = b.to_dict()
    assert out["ratio_reference"] == "exact" and 0.878 <= out["gw"]["mean_ratio"] <= 1


def test_without_brute_force_the_best_heuristic_is_the_reference():
    b = classical_baselines(maxcut_problem("cycle:6"), seed=0, exact_max=4)
    assert b.exact is None and b.to_dict()["ratio_reference"] == "best heuristic"
    assert b.best_energy == -6
