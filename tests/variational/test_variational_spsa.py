"""SPSA: two evaluations per call, seeded, converges on a smooth bowl."""

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.spsa import spsa_minimize


def bowl(rows):
    return [float(np.sum((np.asarray(r) - [0.5, -1.0, 2.0]) ** 2)) for r in rows]


def test_each_step_is_one_call_with_two_points():
    calls = []

    def evaluate(rows):
        calls.append(len(rows))
        return bowl(rows)

    spsa_minimize(evaluate, [0, 0, 0], OptimizerConfig("spsa", steps=7), seed=3)
    assert calls == [2] * 7 + [1]


def test_converges_and_is_reproducible():
    config = OptimizerConfig("spsa", steps=400)
    theta, trace = spsa_minimize(bowl, [0, 0, 0], config, seed=5)
    again, _ = spsa_minimize(bowl, [0, 0, 0], config, seed=5)
    np.testing.assert_allclose(theta, [0.5, -1.0, 2.0], atol=0.02)
    np.testing.assert_array_equal(theta, again)
    assert trace.energies[-1] < 1e-3 and trace.steps == 400


def test_needs_the_spsa_config():
    with pytest.raises(QcogValueError):
        spsa_minimize(bowl, [0.0], OptimizerConfig("adam"))
