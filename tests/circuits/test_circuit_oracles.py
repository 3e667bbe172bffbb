"""Oracles from circuits and statevectors: checks in every accepted form, diagonals read exactly."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import PhaseOracleGate
from qiskit.quantum_info import Operator, Statevector

from qcog.circuits.circuit_oracles import DIAGONAL_MAX_QUBITS, circuit_oracle, good_state_check
from qcog.exceptions import QcogValueError


def _good(oracle):
    return [x for x in range(2**oracle.num_qubits) if oracle.is_good(x)]


def test_statevector_oracle_marks_its_states_and_is_a_phase_flip():
    state = Statevector(np.array([0, 1, 0, 0, 0, 0, 1, 0]) / np.sqrt(2))
    oracle = circuit_oracle(state)
    assert oracle.solutions == (1, 6) and _good(oracle) == [1, 6]
    diagonal = np.diag(Operator(oracle.circuit(helpers=0)).data).real
    assert np.allclose(diagonal, [1, -1, 1, 1, 1, 1, -1, 1])


@pytest.mark.parametrize(
    "check,good",
    [
        (["011", "110"], [3, 6]),
        ("110", [6]),
        ([3, "110"], [3, 6]),
        (5, [5]),
        (lambda bits: bits.endswith("11"), [3, 7]),  # qubit 0 is the rightmost character
        (Statevector.from_label("101"), [5]),
    ],
)
def test_every_form_of_is_good_state(check, good):
    verify, solutions = good_state_check(check, 3)
    assert [x for x in range(8) if verify(x)] == good
    assert solutions is None if callable(check) else solutions == tuple(good)


@pytest.mark.parametrize(
    "check,message",
    [
        (["0110"], "exactly 3 characters"),
        ([9], "out of range"),
        (Statevector.from_label("10"), "2-qubit Statevector"),
        (3.5, "is_good_state must be"),
    ],
)
def test_bad_checks(check, message):
    with pytest.raises(QcogValueError, match=message):
        good_state_check(check, 3)


def test_diagonal_of_a_circuit_without_check():
    oracle = QuantumCircuit(3)
    oracle.x(1)
    oracle.cz(1, 2)  # -1 where qubit 1 is 0 and qubit 2 is 1
    oracle.x(1)
    oracle.z(0)  # -1 where qubit 0 is 1
    got = circuit_oracle(oracle)
    expected = [x for x in range(8) if ((x >> 2 & 1) and not (x >> 1 & 1)) ^ (x & 1)]
    assert list(got.solutions) == expected


def test_global_phase_counts():
    oracle = QuantumCircuit(2, global_phase=np.pi)  # -1 everywhere: every state is good
    oracle.cz(0, 1)  # ... except 11, flipped back
    assert circuit_oracle(oracle).solutions == (0, 1, 2)


@pytest.mark.parametrize("make", [lambda qc: qc.h(0), lambda qc: qc.x(0), lambda qc: qc.t(0)])
def test_not_a_phase_oracle_needs_a_check(make):
    circuit = QuantumCircuit(2)
    make(circuit)
    with pytest.raises(QcogValueError, match="not a phase oracle"):
        circuit_oracle(circuit)
    assert circuit_oracle(circuit, is_good_state=["11"]).solutions == (3,)


def test_wide_circuit_needs_a_check():
    with pytest.raises(QcogValueError, match="give is_good_state"):
        circuit_oracle(QuantumCircuit(DIAGONAL_MAX_QUBITS + 1))


def test_gate_oracle_and_measuring_circuit():
    gate = PhaseOracleGate("a & ~b")
    assert circuit_oracle(gate).solutions == (1,)  # a on qubit 0
    measured = QuantumCircuit(1, 1)
    measured.measure(0, 0)
    with pytest.raises(QcogValueError, match="must not measure"):
        circuit_oracle(measured, is_good_state=["1"])
    with pytest.raises(QcogValueError, match="QuantumCircuit, a Gate or a Statevector"):
        circuit_oracle("x & y")
