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


def test_configure_applies_them_to_the_runtime_estimator_qcog_submits_with():
    from qiskit_ibm_runtime.fake_provider import FakeManilaV2

    from qcog.ibm.primitives import SubmitOptions, configure, primitive_class, quiet_deprecations

    mitigation = runtime_options(Mitigation.parse("both", scales="1,2,3", extrapolation="exponential"))
    with quiet_deprecations():
        estimator = primitive_class("estimator")(mode=FakeManilaV2())
        configure(estimator, "estimator", SubmitOptions(mitigation=mitigation), [])
    resilience = estimator.options.resilience
    assert estimator.options.resilience_level == 0
    assert resilience.measure_mitigation is True and resilience.zne_mitigation is True
    assert list(resilience.zne.noise_factors) == [1.0, 2.0, 3.0]


def test_ibm_submit_records_the_mapped_options(monkeypatch, tmp_path, capsys):
    import json

    from qcog.cli import main

    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "store"))
    argv = ["ibm", "submit", "--ghz", "3", "--backend", "fake:manila", "--observable", "ZZI",
            "--mitigation", "readout", "--seed", "2", "--json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "done"
    assert out["options"]["mitigation"] == {"resilience_level": 0, "resilience.measure_mitigation": True}
    assert main([*argv[:-3], "--resilience-level", "1"]) == 2
    assert "not both" in capsys.readouterr().err
