"""The sparse simulator against Qiskit's Statevector (unitary circuits) and Aer (dynamic ones)."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate
from qiskit.quantum_info import Statevector

from qcog.exceptions import QcogValueError
from qcog.simulators.sparse import simulate
from qcog.testing import assert_counts_match


def random_circuit(n: int, depth: int, seed: int) -> QuantumCircuit:
    rng = np.random.default_rng(seed)
    qc = QuantumCircuit(n)
    gates = [
        lambda q: qc.h(q[0]),
        lambda q: qc.cx(q[0], q[1]),
        lambda q: qc.ccx(*q[:3]),
        lambda q: qc.rz(rng.random(), q[0]),
        lambda q: qc.cp(rng.random(), q[0], q[1]),
        lambda q: qc.ry(rng.random(), q[0]),
        lambda q: qc.cswap(*q[:3]),
        lambda q: qc.sx(q[0]),
        lambda q: qc.ch(q[0], q[1]),
        lambda q: qc.cz(q[0], q[1]),
        lambda q: qc.swap(q[0], q[1]),
        lambda q: qc.u(rng.random(), rng.random(), rng.random(), q[0]),
        lambda q: qc.t(q[0]),
    ]
    for _ in range(depth):
        gates[rng.integers(len(gates))](rng.permutation(n))
    qc.append(QFTGate(3), [0, 1, 2])
    qc.mcx(list(range(n - 1)), n - 1)
    return qc


@pytest.mark.parametrize("seed", range(6))
def test_unitary_circuits_match_statevector(seed):
    qc = random_circuit(5, 40, seed)
    out = simulate(qc).state()
    dense = np.zeros(2**5, dtype=complex)
    for k, v in out.items():
        dense[k] = v
    np.testing.assert_allclose(dense, Statevector(qc).data, atol=1e-10)


def dynamic_circuit() -> QuantumCircuit:
    qc = QuantumCircuit(3, 3)
    qc.h(0)
    qc.ry(1.1, 1)
    qc.cx(0, 2)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
        qc.h(2)
    qc.reset(0)
    qc.h(0)
    qc.measure([0, 1, 2], [0, 1, 2])
    return qc


def test_dynamic_circuit_distribution_matches_aer():
    from qcog.runner import run

    qc = dynamic_circuit()
    aer = run(qc, backend="aer", shots=20000, seed=3).counts
    total = sum(aer.values())
    assert_counts_match(
        simulate(qc, shots=4000, seed=5).counts(), {k: v / total for k, v in aer.items()}
    )


def test_all_shots_in_one_pass_are_independent():
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    result = simulate(qc, shots=2000, seed=1)
    ones = int(result.register_values("c").sum())
    assert 900 < ones < 1100  # 2000 shots, binomial sd 22
    assert result.max_support == 2 * 2000  # both branches of every shot, held at once


def test_limits_and_unsupported_operations():
    with pytest.raises(QcogValueError, match="62 bits"):
        simulate(QuantumCircuit(61), shots=8)
    wide = QuantumCircuit(20)
    wide.h(range(20))
    with pytest.raises(QcogValueError, match="not sparse"):
        simulate(wide, max_support=1000)
    loop = QuantumCircuit(1, 1)
    with loop.for_loop(range(2)):
        loop.x(0)
    with pytest.raises(QcogValueError, match="if_test"):
        simulate(loop)
    with pytest.raises(QcogValueError, match="shots"):
        simulate(QuantumCircuit(1), shots=0)
