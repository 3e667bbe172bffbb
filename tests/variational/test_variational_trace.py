"""Trace: the first evaluation at or below the target is timed; steps count."""

from qcog.variational.trace import Trace


def test_time_to_target_is_the_first_evaluation_reaching_it():
    trace = Trace(target=-1.0)
    for energy, t in [(0.0, 0.1), (-0.9, 0.2), (-1.1, 0.3), (-1.2, 0.4)]:
        trace.record(energy, t)
    assert trace.time_to_target_s == 0.3
    assert trace.evaluations_to_target == 3
    assert trace.reached_target


def test_no_target_is_never_reached():
    trace = Trace()
    trace.record(-100.0, 1.0)
    assert not trace.reached_target
    assert trace.to_dict()["time_to_target_s"] is None


def test_steps_do_not_count_the_initial_energy():
    trace = Trace()
    assert trace.steps == 0
    for e in (1.0, 0.5, 0.25):
        trace.end_step(e)
    assert trace.steps == 2
