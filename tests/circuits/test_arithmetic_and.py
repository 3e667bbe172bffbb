"""The 3-CX temporary logical-AND is exact; both uncomputations return the target to 0."""

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit
from qiskit.quantum_info import Operator

from qcog.circuits.arithmetic_and import append_and, append_and_uncompute, logical_and_circuit
from qcog.circuits.metrics import two_qubit_gate_count
from qcog.testing import assert_exact_permutation


def test_compute_is_exact_with_three_cx():
    U = Operator(logical_and_circuit()).data
    for i in range(4):  # target 0: |a, b, 0> -> |a, b, a AND b>, phase exactly 1
        a, b = i & 1, i >> 1
        assert U[i | (a & b) << 2, i] == pytest.approx(1.0, abs=1e-12)
    assert two_qubit_gate_count(logical_and_circuit()) == 3


def test_unitary_uncompute_inverts():
    qc = QuantumCircuit(3)
    append_and(qc, 0, 1, 2)
    append_and_uncompute(qc, 0, 1, 2)
    np.testing.assert_allclose(Operator(qc).data, np.eye(8), atol=1e-12)


def test_measurement_uncompute_is_exact_in_every_branch():
    qc = QuantumCircuit(3)
    qc.add_register(ClassicalRegister(1, "m"))
    append_and(qc, 0, 1, 2)
    append_and_uncompute(qc, 0, 1, 2, qc.clbits[0])
    assert_exact_permutation(qc, {i: i for i in range(4)}, seeds=range(6))
    assert two_qubit_gate_count(qc) == 4  # 3 + the conditional cz
