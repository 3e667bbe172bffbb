import math

import pytest
from qiskit.quantum_info import Statevector

from qcog.algorithms.fixed_point import (
    chebyshev,
    fixed_point_search,
    schedule,
    sequence_length,
    success_probability,
)
from qcog.algorithms.grover_theory import optimal_iterations, rotation_angle
from qcog.algorithms.grover_theory import success_probability as grover_probability
from qcog.circuits.fixed_point import fixed_point_circuit
from qcog.circuits.oracles import marked_oracle
from qcog.exceptions import QcogValueError

DELTA, W, N_QUBITS = 0.3, 1 / 32, 5


def test_no_overshoot_for_every_m_from_1_to_12():
    plan = schedule(DELTA, W)
    assert plan.lambda_min <= W
    grover_k = optimal_iterations(rotation_angle(1, 32))  # tuned for the lower bound M = 1
    grover_misses = []
    for m in range(1, 13):
        oracle = marked_oracle(list(range(m)), N_QUBITS)
        probs = Statevector(fixed_point_circuit(oracle, plan.alphas, plan.betas, measure=False)).probabilities()
        p = sum(probs[:m])
        assert p >= 1 - DELTA**2 - 1e-9
        assert abs(p - success_probability(m / 32, DELTA, plan.length)) < 1e-9
        if grover_probability(grover_k, rotation_angle(m, 32)) < 1 - DELTA**2:
            grover_misses.append(m)
    assert len(grover_misses) >= 6  # standard Grover overshoots for most M


def test_closed_form_is_a_fixed_point_above_w():
    plan = schedule(0.1, 0.05)
    for k in range(1, 200):
        lam = plan.lambda_min + (1 - plan.lambda_min) * k / 200
        assert success_probability(lam, 0.1, plan.length) >= 1 - 0.01 - 1e-12


@pytest.mark.parametrize(("delta", "w"), [(0.1, 1 / 32), (0.3, 0.01), (0.5, 0.2), (0.05, 0.5)])
def test_length_is_smallest_odd_that_reaches_w(delta, w):
    length = sequence_length(delta, w)
    assert length % 2 == 1
    gamma = lambda L: 1 / chebyshev(1 / L, 1 / delta)
    assert 1 - gamma(length) ** 2 <= w + 1e-12
    if length > 2:
        assert 1 - gamma(length - 2) ** 2 > w


def test_search_finds_marked_values():
    oracle = marked_oracle([3, 17, 30], N_QUBITS)
    result = fixed_point_search(oracle, delta=DELTA, lambda_min=W, shots=1000, seed=4)
    assert result.found == ["00011", "10001", "11110"]
    assert result.measured_success_probability > result.guaranteed_probability - 5 * math.sqrt(0.25 / 1000)
    assert result.oracle_queries == 1000 * (result.length - 1)
    assert result.qubits == 6 and result.twoq_gates > 0


@pytest.mark.parametrize(("delta", "w"), [(0, 0.1), (1, 0.1), (0.1, 0), (0.1, 1.5), ("x", 0.1)])
def test_bad_parameters(delta, w):
    with pytest.raises(QcogValueError, match="must be a number in"):
        schedule(delta, w)
