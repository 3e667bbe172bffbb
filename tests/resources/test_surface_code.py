import pytest

from qcog.exceptions import QcogValueError
from qcog.resources.ccz_factory import CCZFactory
from qcog.resources.surface_code import (
    PhysicalAssumptions,
    code_distance,
    logical_error_per_round,
    physical_qubits_per_patch,
)


def test_tenfold_suppression_per_two_distance_steps_at_1e_3():
    a = PhysicalAssumptions()
    assert logical_error_per_round(7, a) == pytest.approx(1e-5)
    assert logical_error_per_round(31, a) == pytest.approx(1e-17)
    assert physical_qubits_per_patch(27) == 1568


def test_distance_grows_with_the_volume_and_shrinks_with_the_budget():
    a = PhysicalAssumptions()
    assert code_distance(1e10, 0.1, a) < code_distance(1e14, 0.1, a)
    assert code_distance(1e10, 0.5, a) <= code_distance(1e10, 0.001, a)
    d = code_distance(1e12, 0.01, a)
    assert 1e12 * logical_error_per_round(d, a) <= 0.01 < 1e12 * logical_error_per_round(d - 2, a)


def test_factory_footprints_and_errors_match_gidney_ekera():
    # the GE2019 ancillary tests' values (spreadsheet of Gidney-Fowler 2019)
    assert [
        (CCZFactory(d1, d2).width, CCZFactory(d1, d2).height)
        for d1, d2 in [(15, 25), (15, 27), (17, 27), (17, 29), (17, 31)]
    ] == [(14, 8), (13, 7), (15, 8), (14, 8), (13, 7)]
    a = PhysicalAssumptions()
    assert 4e11 <= 1 / CCZFactory(17, 27).error_per_state(a) <= 6e11
    assert 9e12 <= 1 / CCZFactory(19, 31).error_per_state(a) <= 11e12


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"physical_error": 0.01}, "threshold"),
        ({"physical_error": 0.05}, "threshold"),
        ({"cycle_time_us": 0}, "cycle_time_us"),
        ({"reaction_time_us": -1}, "reaction_time_us"),
        ({"physical_error": float("nan")}, "physical_error"),
    ],
)
def test_inconsistent_assumptions_are_refused(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        PhysicalAssumptions(**kwargs)


def test_unreachable_budget():
    with pytest.raises(QcogValueError):
        code_distance(1e300, 0.1, PhysicalAssumptions())
