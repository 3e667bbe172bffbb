"""The runtime mapping sets options that qiskit-ibm-runtime's own estimator accepts."""

import warnings

import pytest

from qcog.mitigation.options import Mitigation
from qcog.mitigation.runtime import runtime_options


def _apply(options, paths: dict) -> None:
    for path, value in paths.items():
        *parents, last = path.split(".")
        node = options
        for part in parents:
            node = getattr(node, part)
        setattr(node, last, value)  # the runtime validates every value


@pytest.mark.parametrize("name, extrapolation", [
    ("readout", "linear"), ("zne", "linear"), ("both", "exponential"), ("zne", "richardson"),
])
def test_runtime_estimator_accepts_the_mapped_options(name, extrapolation):
    from qiskit_ibm_runtime.options import EstimatorOptions

    mitigation = Mitigation.parse(name, scales="1,2,3", extrapolation=extrapolation)
    paths = runtime_options(mitigation)
    options = EstimatorOptions()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _apply(options, paths)
    assert options.resilience_level == 0
    assert options.resilience.measure_mitigation is (True if mitigation.readout else options.resilience.measure_mitigation)
    if mitigation.zne:
        assert options.resilience.zne_mitigation is True
        assert list(options.resilience.zne.noise_factors) == [1.0, 2.0, 3.0]
        expected = {"linear": "linear", "exponential": "exponential", "richardson": "polynomial_degree_2"}
        assert options.resilience.zne.extrapolator == expected[extrapolation]


def test_no_mitigation_turns_the_runtimes_default_off():
    assert runtime_options(Mitigation()) == {"resilience_level": 0}
