"""BBHT's loop with an exact classical sampler: finds verified solutions fast, stops at M=0."""

import math

import numpy as np
import pytest

from qcog.algorithms.grover_bbht import bbht_search
from qcog.algorithms.grover_theory import bbht_rounds_after_cap, rotation_angle, success_probability


def exact_sampler(size: int, good: list[int]):
    """Samples Grover's output distribution exactly: sin^2((2k+1)theta) spread over good values."""
    theta = rotation_angle(len(good), size)
    bad = sorted(set(range(size)) - set(good))

    def sample(k, shots, seed):
        rng = np.random.default_rng(seed)
        p = success_probability(k, theta) if good else 0.0
        out = {}
        for _ in range(shots):
            pool = good if rng.random() < p else bad
            value = int(pool[rng.integers(len(pool))])
            out[value] = out.get(value, 0) + 1
        return out

    return sample


@pytest.mark.parametrize("size,m", [(1024, 1), (1024, 4), (4096, 1)])
def test_expected_iterations_within_bbht_bound(size, m):
    good = list(range(0, size, size // m))[:m]
    iterations = []
    for seed in range(150):
        outcome = bbht_search(
            exact_sampler(size, good), good.__contains__, size, np.random.default_rng(seed)
        )
        assert outcome.stopped == "found" and set(outcome.found) <= set(good)
        iterations.append(outcome.iterations)
    # BBHT (Theorem 3): expected iterations <= (9/4) sqrt(N/M) for 1 <= M <= 3N/4.
    assert np.mean(iterations) <= 9 / 4 * math.sqrt(size / m)


def test_no_solution_ends_not_found_after_the_bound():
    size, checked = 256, []
    outcome = bbht_search(
        exact_sampler(size, []),
        lambda x: checked.append(x) or False,
        size,
        np.random.default_rng(0),
        shots=2,
    )
    assert outcome.stopped == "bound" and outcome.found == ()
    assert outcome.rounds_after_cap == bbht_rounds_after_cap(0.01)
    assert outcome.rounds[-1].range == pytest.approx(math.sqrt(size))
    assert len(checked) == len(set(checked)) == outcome.classical_checks  # each value checked once
    assert outcome.oracle_queries == sum(2 * r.iterations for r in outcome.rounds)


def test_many_solutions_found_in_first_rounds():
    size = 64
    good = list(range(60))  # M > 3N/4: uniform samples (j = 0) already succeed
    outcome = bbht_search(
        exact_sampler(size, good), good.__contains__, size, np.random.default_rng(5), shots=4
    )
    assert (
        outcome.stopped == "found"
        and outcome.rounds[0].iterations == 0
        and len(outcome.rounds) <= 2
    )


def test_growth_rate_and_range_cap_are_settable():
    size = 1024
    outcome = bbht_search(
        exact_sampler(size, []), lambda x: False, size, np.random.default_rng(0),
        growth_rate=2.0, max_range=8, max_rounds=12,
    )
    ranges = [r.range for r in outcome.rounds]
    assert ranges[:4] == [1.0, 2.0, 4.0, 8.0] and max(ranges) == 8
    assert all(r.iterations < 8 for r in outcome.rounds)
    assert outcome.stopped in ("bound", "max_rounds")


@pytest.mark.parametrize("kwargs", [{"growth_rate": 1.0}, {"growth_rate": True}, {"max_range": 0.5}])
def test_bad_growth_settings(kwargs):
    from qcog.exceptions import QcogValueError

    with pytest.raises(QcogValueError):
        bbht_search(exact_sampler(16, [3]), lambda x: x == 3, 16, np.random.default_rng(0), **kwargs)


def test_schedule_search_stops_at_first_verified_round_and_at_its_limits():
    from qcog.algorithms.grover_bbht import schedule_search

    size, good = 64, [17]
    sampler = exact_sampler(size, good)
    outcome = schedule_search(sampler, good.__contains__, [0, 0, 6], np.random.default_rng(1), 8)
    assert outcome.stopped == "found" and outcome.last.iterations == 6  # p(6) ~ 0.997
    nothing = schedule_search(exact_sampler(size, []), lambda x: False, iter(lambda: 1, None),
                              np.random.default_rng(1), 1, max_rounds=5)
    assert nothing.stopped == "max_rounds" and len(nothing.rounds) == 5
    capped = schedule_search(sampler, lambda x: False, [1, 2, 9], np.random.default_rng(1),
                             max_iterations=4)
    assert capped.stopped == "max_iterations" and [r.iterations for r in capped.rounds] == [1, 2]
