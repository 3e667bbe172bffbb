import time

import pytest

from qcog.algorithms.resource_estimate import estimate_shor_resources
from qcog.circuits.metrics import cost_in_basis
from qcog.circuits.order_finding import (
    full_order_finding_circuit,
    semiclassical_order_finding_circuit,
)
from qcog.exceptions import QcogValueError


@pytest.mark.parametrize("N", [3, 5, 9])
def test_semiclassical_estimate_equals_the_built_circuit(N):
    built = cost_in_basis(
        semiclassical_order_finding_circuit(2, N, skip_identity=False, known_input=False),
        optimization_level=0,
    )
    est = estimate_shor_resources(N.bit_length())
    assert (est.qubits, est.twoq_gates, est.depth) == (built.qubits, built.twoq_gates, built.depth)


def test_full_estimate_against_the_built_circuit():
    built = cost_in_basis(
        full_order_finding_circuit(2, 5, skip_identity=False, known_input=False),
        optimization_level=0,
    )
    est = estimate_shor_resources(3, method="full")
    assert (est.qubits, est.twoq_gates) == (built.qubits, built.twoq_gates)
    assert abs(est.depth - built.depth) <= 0.01 * built.depth


def test_rsa_2048_in_well_under_a_second():
    start = time.perf_counter()
    est = estimate_shor_resources(2048)
    assert time.perf_counter() - start < 1.0
    assert est.qubits == 4099 and est.twoq_gates > 10**14 and est.t_count > est.rotations


@pytest.mark.parametrize(
    "kwargs", [{"bits": 1}, {"bits": 2.0}, {"bits": 8, "method": "fast"}, {"bits": 8, "epsilon": 0}]
)
def test_bad_input(kwargs):
    with pytest.raises(QcogValueError):
        estimate_shor_resources(**kwargs)
