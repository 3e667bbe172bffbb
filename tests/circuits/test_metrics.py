from qiskit import QuantumCircuit

from qcog.circuits import circuit_cost, cost_in_basis, ghz_state


def test_cost_counts_two_qubit_gates_and_ignores_barriers():
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.cx(0, 1)
    qc.barrier()
    qc.cz(1, 2)
    qc.ccx(0, 1, 2)
    qc.measure_all()
    cost = circuit_cost(qc)
    assert cost.twoq_gates == 2
    assert cost.qubits == 3
    assert cost.depth == 4  # h, cx, cz, ccx in sequence; measurements are not gates


def test_cost_in_basis_decomposes_toffoli_into_six_cnots():
    qc = QuantumCircuit(3)
    qc.ccx(0, 1, 2)
    cost = cost_in_basis(qc)
    assert cost.twoq_gates == 6
    assert set(cost.ops) <= {"cx", "rz", "sx", "x"}


def test_ghz_cost_in_basis_keeps_n_minus_1_cnots():
    assert cost_in_basis(ghz_state(9, "log")).twoq_gates == 8
