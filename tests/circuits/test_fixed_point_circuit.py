import numpy as np
import pytest
from qiskit.quantum_info import Statevector

from qcog.algorithms.fixed_point import schedule, success_probability
from qcog.circuits.fixed_point import fixed_point_circuit, source_phase, target_phase
from qcog.circuits.oracles import expression_oracle, marked_oracle
from qcog.exceptions import QcogValueError


def test_target_phase_puts_beta_on_marked_states_only():
    oracle = marked_oracle([1, 6], 3)
    from qiskit.quantum_info import Operator

    matrix = Operator(target_phase(oracle, 0.7)).data[:8, :8]  # flag |0> block
    expected = np.diag([np.exp(0.7j) if x in (1, 6) else 1 for x in range(8)])
    np.testing.assert_allclose(matrix, expected, atol=1e-9)


def test_source_phase_matches_definition():
    from qiskit.quantum_info import Operator

    s = np.full(4, 0.5)
    expected = np.eye(4) - (1 - np.exp(-0.9j)) * np.outer(s, s)
    np.testing.assert_allclose(Operator(source_phase(2, 0.9)).data, expected, atol=1e-9)


@pytest.mark.parametrize("oracle", [marked_oracle([2, 5, 7], 3), expression_oracle("a & ~b & c")])
def test_circuit_success_matches_closed_form_and_flag_returns(oracle):
    plan = schedule(0.4, 0.1)
    circuit = fixed_point_circuit(oracle, plan.alphas, plan.betas, measure=False)
    probs = Statevector(circuit).probabilities()
    good = [x for x in range(8) if oracle.is_good(x)]
    assert sum(probs[8:]) < 1e-9  # flag qubit back to |0>
    expected = success_probability(len(good) / 8, 0.4, plan.length)
    assert abs(sum(probs[x] for x in good) - expected) < 1e-9


def test_mismatched_phases():
    with pytest.raises(QcogValueError, match="one beta per alpha"):
        fixed_point_circuit(marked_oracle([1], 2), [0.1], [])
