"""Goemans-Williamson: the SDP bound is below the optimum; rounding keeps the 0.878 guarantee."""

import pytest

from qcog.optimization.brute_force import brute_force
from qcog.optimization.goemans_williamson import goemans_williamson
from qcog.optimization.ising import from_qubo
from qcog.optimization.maxcut import maxcut_problem


@pytest.mark.parametrize("spec", ["regular:3:12:1", "er:10:0.5:2", "petersen"])
def test_bound_and_guarantee_on_maxcut(spec):
    problem = maxcut_problem(spec)
    exact = brute_force(problem)
    gw = goemans_williamson(problem, rounds=200, seed=0)
    assert gw.sdp_bound <= exact.min_energy + 1e-6
    assert gw.best_energy >= exact.min_energy
    # expected cut >= 0.878 of the SDP value >= 0.878 of the max cut (mean over 200 planes)
    assert -gw.mean_energy >= 0.878 * -gw.sdp_bound - 0.3
    assert problem.energy(gw.bits) == gw.best_energy


def test_fields_use_a_reference_spin():
    problem = from_qubo([[-1, 2, 0], [0, -1, 2], [0, 0, -1]])
    exact = brute_force(problem)
    gw = goemans_williamson(problem, rounds=100, seed=1)
    assert gw.sdp_bound <= exact.min_energy + 1e-6
    assert gw.best_energy == pytest.approx(exact.min_energy)  # x = 101
    assert gw.bits == (1, 0, 1)


def test_seeded():
    problem = maxcut_problem("er:10:0.5:2")
    a, b = goemans_williamson(problem, seed=3), goemans_williamson(problem, seed=3)
    assert (a.best_energy, a.mean_energy) == (b.best_energy, b.mean_energy)
