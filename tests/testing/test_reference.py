"""The numpy reference simulator against Qiskit's Statevector: two implementations agree."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate
from qiskit.quantum_info import Statevector, random_unitary

from qcog.testing.reference import GATES, reference_statevector


def _random_circuit(n, depth, rng):
    qc = QuantumCircuit(n)
    qc.global_phase = rng.uniform(0, 6)
    for _ in range(depth):
        name = rng.choice(sorted(GATES))
        arity = int(np.log2(np.asarray(GATES[name](*[0.3] * _nparams(name))).shape[0]))
        if arity > n:
            continue
        qubits = [int(q) for q in rng.choice(n, size=arity, replace=False)]
        params = [float(rng.uniform(-3, 3)) for _ in range(_nparams(name))]
        getattr(qc, name if name != "id" else "id")(*params, *qubits)
    return qc


def _nparams(name):
    return {"rx": 1, "ry": 1, "rz": 1, "p": 1, "cp": 1, "crx": 1, "cry": 1, "crz": 1, "u": 3}.get(name, 0)


@pytest.mark.parametrize("seed", range(8))
def test_random_circuits_match_qiskit_statevector(seed, tol):
    rng = np.random.default_rng(seed)
    qc = _random_circuit(4, 40, rng)
    assert np.allclose(reference_statevector(qc), Statevector(qc).data, atol=tol)


@pytest.mark.parametrize("name", sorted(GATES))
def test_every_gate_is_unitary_and_matches_qiskit(name, tol):
    params = [0.7, -1.1, 0.4][: _nparams(name)]
    matrix = np.asarray(GATES[name](*params), dtype=complex)
    assert np.allclose(matrix.conj().T @ matrix, np.eye(len(matrix)), atol=tol)
    n = int(np.log2(len(matrix)))
    qc = QuantumCircuit(n)
    getattr(qc, name)(*params, *range(n))
    from qiskit.quantum_info import Operator

    assert np.allclose(Operator(qc).data, matrix, atol=tol)


def test_unknown_gate_is_named():
    qc = QuantumCircuit(2)
    qc.append(UnitaryGate(random_unitary(4, seed=1)), [0, 1])
    with pytest.raises(NotImplementedError, match="'unitary'"):
        reference_statevector(qc)
