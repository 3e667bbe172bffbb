"""The content hash of a submission, and the tags that carry it."""

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter

from qcog.circuits.states import ghz_state
from qcog.ibm.fingerprint import job_fingerprint, parse_tags, qcog_tags, user_tags

OPTIONS = {"shots": 1000, "seed": None}


def _rotation(angle: float) -> QuantumCircuit:
    theta = Parameter("theta")  # a new Parameter object (new UUID) on every call
    qc = QuantumCircuit(2)
    qc.rx(theta, 0)
    qc.cx(0, 1)
    qc.measure_all()
    return qc.assign_parameters({theta: angle})


def test_the_same_job_built_twice_hashes_alike():
    a = job_fingerprint([_rotation(0.3), ghz_state(3)], "ibm:ibm_x", "sampler", None, OPTIONS)
    b = job_fingerprint([_rotation(0.3), ghz_state(3)], "ibm:ibm_x", "sampler", None, OPTIONS)
    assert a == b and len(a) == 16 and int(a, 16) >= 0


@pytest.mark.parametrize(
    "change",
    [
        {"circuits": [_rotation(0.31), ghz_state(3)]},
        {"circuits": [ghz_state(3), _rotation(0.3)]},  # order matters: PUB i is circuit i
        {"backend": "ibm:ibm_y"},
        {"kind": "estimator", "observables": [["ZZ"], ["ZZZ"]]},
        {"options": {"shots": 1001, "seed": None}},
        {"optimization_level": 3},
    ],
)
def test_any_change_changes_the_hash(change):
    base = dict(
        circuits=[_rotation(0.3), ghz_state(3)],
        backend="ibm:ibm_x",
        kind="sampler",
        observables=None,
        options=OPTIONS,
    )
    assert job_fingerprint(**base) != job_fingerprint(**{**base, **change})


def test_equal_observables_written_differently_hash_alike():
    from qiskit.quantum_info import SparsePauliOp

    a = job_fingerprint(ghz_state(2), "b", "estimator", ["ZZ"], OPTIONS)
    b = job_fingerprint(ghz_state(2), "b", "estimator", [SparsePauliOp("ZZ")], OPTIONS)
    c = job_fingerprint(ghz_state(2), "b", "estimator", ["XX"], OPTIONS)
    assert a == b != c


def test_tags_round_trip_and_keep_the_users_own():
    tags = ["nightly", *qcog_tags("0123456789abcdef", "pending-42", "estimator")]
    parsed = parse_tags(tags)
    assert (parsed.fingerprint, parsed.record_id, parsed.kind) == (
        "0123456789abcdef",
        "pending-42",
        "estimator",
    )
    assert user_tags(tags) == ["nightly"] and "qcog" in tags
    assert parse_tags(None) == parse_tags([])
