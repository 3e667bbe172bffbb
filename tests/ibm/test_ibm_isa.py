"""The QPU-time estimate: shots, the estimator's precision, measurement bases, ZNE."""

import math

import pytest
from qiskit.quantum_info import SparsePauliOp

from qcog.backends.fake import fake_backend
from qcog.circuits.states import ghz_state
from qcog.ibm.isa import estimator_shots, measurement_bases, prepare_isa


@pytest.mark.parametrize(
    "labels, bases",
    [
        (["ZZ"], 1),
        (["ZZ", "ZI", "IZ"], 1),  # one Z-basis measurement serves all three
        (["ZZ", "ZI", "XX"], 2),
        (["ZZ", "XX", "YY"], 3),
        (["XI", "IZ"], 1),  # qubit-wise commuting: measure X on one, Z on the other
        (["II"], 1),
        (["II", "XX"], 1),  # the identity needs no measurement of its own
    ],
)
def test_measurement_bases_are_qubit_wise_commuting_groups(labels, bases):
    assert measurement_bases([SparsePauliOp(label) for label in labels]) == bases


def test_precision_sets_the_estimator_shots():
    assert estimator_shots(0.1) == 100 and estimator_shots(0.015625) == 4096
    assert estimator_shots(0.03) == math.ceil(1 / 0.03**2)


def test_estimate_counts_precision_bases_and_zne():
    program = prepare_isa([ghz_state(2)], fake_backend("manila"), [["ZZ", "ZI", "XX"]], seed=1)
    (item,) = program.items
    per_shot = item.duration_s + program.rep_delay_s
    assert program.estimated_qpu_seconds(1000) == pytest.approx(2 * 1000 * per_shot)
    with_precision = program.estimated_qpu_seconds(1000, precision=0.01)
    assert with_precision == pytest.approx(2 * 10_000 * per_shot)
    zne = program.estimated_qpu_seconds(1000, precision=0.01, resilience_level=2)
    assert zne == pytest.approx(3 * with_precision)
    summary = program.summary(1000, precision=0.01)
    assert summary["circuits"][0]["executions"] == 2
    assert "ceil(1/precision^2) = 10000 shots" in summary["estimate_note"]


def test_sampler_estimate_ignores_precision():
    program = prepare_isa([ghz_state(3)], fake_backend("manila"), seed=1)
    (item,) = program.items
    expected = 500 * (item.duration_s + program.rep_delay_s)
    assert program.estimated_qpu_seconds(500, precision=0.01) == pytest.approx(expected)
