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


def test_cx_table_agrees_with_qiskit_decompositions():
    """Facts as data: every entry of the CX table against Qiskit's own opt-0 decomposition."""
    from qiskit import QuantumCircuit, transpile
    from qiskit.circuit.library import get_standard_gate_name_mapping

    from qcog.circuits.metrics import _CX_OF, IBM_BASIS, cx_count

    gates = get_standard_gate_name_mapping()
    for name, cx in _CX_OF.items():
        gate = gates[name]
        if gate.params:
            gate = gate.__class__(*[0.3] * len(gate.params))
        qc = QuantumCircuit(gate.num_qubits)
        qc.append(gate, range(gate.num_qubits))
        built = transpile(qc, basis_gates=list(IBM_BASIS), optimization_level=0)
        assert built.count_ops().get("cx", 0) == cx == cx_count(qc), name
