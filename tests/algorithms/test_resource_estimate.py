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
        semiclassical_order_finding_circuit(
            2, N, skip_identity=False, known_input=False, arithmetic="beauregard"
        ),
        optimization_level=0,
    )
    est = estimate_shor_resources(N.bit_length(), arithmetic="beauregard")
    assert (est.qubits, est.twoq_gates, est.depth) == (built.qubits, built.twoq_gates, built.depth)


def test_full_estimate_against_the_built_circuit():
    built = cost_in_basis(
        full_order_finding_circuit(
            2, 5, skip_identity=False, known_input=False, arithmetic="beauregard"
        ),
        optimization_level=0,
    )
    est = estimate_shor_resources(3, method="full", arithmetic="beauregard")
    assert (est.qubits, est.twoq_gates) == (built.qubits, built.twoq_gates)
    assert abs(est.depth - built.depth) <= 0.01 * built.depth


def test_rsa_2048_in_well_under_a_second():
    start = time.perf_counter()
    est = estimate_shor_resources(2048, arithmetic="beauregard")
    lean = estimate_shor_resources(2048)
    assert time.perf_counter() - start < 1.0
    assert est.qubits == 4099 and est.twoq_gates > 10**14 and est.t_count > est.rotations
    assert lean.arithmetic == "windowed" and lean.twoq_gates < est.twoq_gates / 500


@pytest.mark.parametrize("a,N", [(2, 35), (2, 143)])
def test_windowed_estimate_against_the_built_circuit(a, N):
    """The generic circuit (every multiplication present, no known-input shortcut)."""
    from qcog.circuits.metrics import cx_count

    n = N.bit_length()
    est = estimate_shor_resources(n, num_bits=4)
    built = semiclassical_order_finding_circuit(
        a, N, 4, skip_identity=False, known_input=False, window=est.window
    )
    assert est.qubits == built.num_qubits
    assert abs(est.twoq_gates / cx_count(built) - 1) < 0.08


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bits": 1},
        {"bits": 2.0},
        {"bits": 8, "method": "fast"},
        {"bits": 8, "epsilon": 0},
        {"bits": 100_001},
        {"bits": 8, "arithmetic": "magic"},
        {"bits": 8, "window": 9},
    ],
)
def test_bad_input(kwargs):
    with pytest.raises(QcogValueError):
        estimate_shor_resources(**kwargs)
