"""The primitives adapter: newest classes, options applied, no deprecation warnings, records."""

import warnings

import pytest

from qcog.backends.fake import fake_backend
from qcog.circuits.states import ghz_state
from qcog.exceptions import QcogValueError
from qcog.ibm.isa import prepare_isa
from qcog.ibm.primitives import (
    SubmitOptions,
    configure,
    open_mode,
    primitive_class,
    result_records,
    run_pubs,
)


def test_newest_classes_are_used():
    assert primitive_class("sampler").__module__.startswith("qiskit_ibm_runtime.executor_sampler")
    assert primitive_class("estimator").__module__.startswith(
        "qiskit_ibm_runtime.executor_estimator"
    )
    with pytest.raises(QcogValueError, match="sampler, estimator"):
        primitive_class("executor")


def test_options_reach_the_primitive():
    backend = fake_backend("manila")
    sampler = primitive_class("sampler")(mode=backend)
    configure(
        sampler,
        "sampler",
        SubmitOptions(
            shots=321, dynamical_decoupling=True, dd_sequence="XY4", twirling=True, seed=9
        ),
        ["a"],
    )
    o = sampler.options
    assert (
        o.default_shots,
        o.dynamical_decoupling.enable,
        o.dynamical_decoupling.sequence_type,
    ) == (321, True, "XY4")
    assert (o.twirling.enable_gates, o.twirling.enable_measure, o.simulator.seed_simulator) == (
        True,
        True,
        9,
    )
    assert o.environment.job_tags == ["a"]
    estimator = primitive_class("estimator")(mode=backend)
    configure(estimator, "estimator", SubmitOptions(precision=0.02, resilience_level=2), [])
    assert (estimator.options.default_precision, estimator.options.resilience_level) == (0.02, 2)


@pytest.mark.parametrize(
    "bad", [{"shots": 0}, {"precision": 2.0}, {"dd_sequence": "YY"}, {"resilience_level": 3}]
)
def test_bad_options(bad):
    with pytest.raises(QcogValueError):
        SubmitOptions(**bad)


@pytest.mark.parametrize("mode", ["job", "batch", "session"])
def test_one_job_per_call_in_every_mode_without_deprecation_warnings(mode):
    backend = fake_backend("manila")
    program = prepare_isa([ghz_state(2), ghz_state(3)], backend, seed=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        job = run_pubs(
            "sampler",
            open_mode(mode, backend),
            [(c,) for c in program.circuits],
            SubmitOptions(shots=128, seed=4),
        )
        records = result_records("sampler", job.result())
    assert not [
        w
        for w in caught
        if issubclass(w.category, DeprecationWarning) or "deprecat" in str(w.message)
    ]
    assert [p["shots"] for p in records["pubs"]] == [128, 128]
    assert set(records["pubs"][0]["registers"]) == {"meas"}
