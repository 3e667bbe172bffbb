import math

import numpy as np
import pytest
from qiskit.quantum_info import Statevector

from qcog.algorithms.grover_theory import rotation_angle
from qcog.algorithms.quantum_counting import phase_distribution
from qcog.circuits.oracles import marked_oracle, predicate_oracle
from qcog.circuits.quantum_counting import counting_circuit
from qcog.exceptions import QcogValueError

CASES = [(4, 0, 5), (4, 1, 5), (4, 2, 5), (4, 4, 5), (3, 3, 6)]


@pytest.mark.parametrize(("n", "m", "t"), CASES)
def test_exact_phase_distribution_matches_textbook(n, m, t):
    oracle = predicate_oracle(lambda x, m=m: x < m, n)
    circuit = counting_circuit(oracle, t, measure=False)
    probs = Statevector(circuit).probabilities(list(range(t)))
    expected = phase_distribution(rotation_angle(m, 2**n), t)
    np.testing.assert_allclose(probs, expected, atol=1e-9)


def test_search_register_unmeasured_and_layout():
    circuit = counting_circuit(marked_oracle([1], 2), 3)
    assert circuit.num_qubits == 5 and circuit.num_clbits == 3
    measured = [circuit.find_bit(i.qubits[0]).index for i in circuit.data if i.operation.name == "measure"]
    assert measured == [0, 1, 2]


@pytest.mark.parametrize("bad", [0, 13, 2.0, True])
def test_bad_precision(bad):
    with pytest.raises(QcogValueError, match="precision_qubits"):
        counting_circuit(marked_oracle([1], 2), bad)


def test_textbook_formula_sums_to_one():
    assert math.isclose(sum(phase_distribution(0.3, 6)), 1.0, rel_tol=1e-12)
