import pytest

from qcog.algorithms.grover_theory import rotation_angle
from qcog.algorithms.quantum_counting import (
    BHT_SUCCESS_PROBABILITY,
    bht_error_bound,
    count_solutions,
    estimate_from_outcome,
    phase_distribution,
)
from qcog.circuits.oracles import marked_oracle, predicate_oracle
from qcog.exceptions import QcogValueError


@pytest.mark.parametrize(("n", "m", "t"), [(4, 1, 5), (4, 2, 6), (4, 4, 5), (5, 3, 6)])
def test_bht_bound_holds_with_probability_8_over_pi2(n, m, t):
    probs = phase_distribution(rotation_angle(m, 2**n), t)
    bound = bht_error_bound(m, 2**n, t)
    inside = sum(p for y, p in enumerate(probs) if abs(estimate_from_outcome(y, t, 2**n) - m) < bound)
    assert inside >= BHT_SUCCESS_PROBABILITY


@pytest.mark.parametrize(("m", "t"), [(1, 5), (2, 5), (4, 5)])
def test_estimate_within_bht_bound(m, t):
    oracle = marked_oracle(list(range(3, 3 + m)), 4)
    result = count_solutions(oracle, precision_qubits=t, shots=2000, seed=11)
    bound = bht_error_bound(m, 16, t)
    assert abs(result.estimate - m) < bound
    assert abs(result.weighted_estimate - m) < bound
    assert result.num_solutions == m and result.qubits == t + 4
    assert result.oracle_queries == 2000 * (2**t - 1)
    assert result.twoq_gates > 2**t - 1
    assert abs(sum(result.phase_distribution.values()) - 1) < 1e-9


def test_no_solutions_estimates_zero():
    result = count_solutions(predicate_oracle(lambda x: False, 3), precision_qubits=4, shots=500, seed=2)
    assert result.estimate < 1e-9 and result.weighted_estimate < 1e-9
    assert result.counts == {"0000": 500}


def test_bad_input():
    with pytest.raises(QcogValueError, match="Oracle"):
        count_solutions("not an oracle", 3)
    with pytest.raises(QcogValueError, match="precision_qubits"):
        count_solutions(marked_oracle([1], 2), 0)
