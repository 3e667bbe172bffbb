"""Small estimation problems with exact answers, for measuring what mitigation buys.

Each returns an :class:`EstimationProblem`: a state circuit, an observable and the exact
expectation value (statevector), so an estimate's error is known.

* :func:`ghz_parity`: ``<X...X>`` of an n-qubit GHZ state (exactly 1), or ``<Z...Z>``
  (1 for even n, 0 for odd n).
* :func:`ising_energy`: the open transverse-field Ising chain
  ``H = -J sum Z_i Z_i+1 - h sum X_i`` with a two-layer RY/CNOT ansatz at parameters
  minimised on the statevector (near the ground state).
* :func:`h2_energy`: H2 in STO-3G at 0.735 Angstrom, parity mapping with two-qubit
  reduction (the textbook 2-qubit Hamiltonian, electronic energy in Hartree), with the
  one-parameter ansatz ``cos t |01> + sin t |10>`` at its optimum (the exact ground state).

>>> problem = ghz_parity(4)
>>> problem.exact
1.0
>>> round(h2_energy().exact, 4)
-1.8573
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: H2/STO-3G at 0.735 A, parity mapping with two-qubit reduction: (Pauli, coefficient).
H2_TERMS = (
    ("II", -1.052373245772859),
    ("IZ", 0.39793742484318045),
    ("ZI", -0.39793742484318045),
    ("ZZ", -0.01128010425623538),
    ("XX", 0.18093119978423156),
)


@dataclass(frozen=True)
class EstimationProblem:
    """A state circuit, an observable (``SparsePauliOp``) and its exact expectation value."""

    name: str
    circuit: Any
    observable: Any
    exact: float


def _exact(circuit, observable) -> float:
    from qiskit.quantum_info import Statevector

    return float(Statevector(circuit).expectation_value(observable).real)


def ghz_parity(num_qubits: int, basis: str = "Z") -> EstimationProblem:
    """The GHZ state's parity in the X or Z basis (see the module docs)."""
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp

    circuit = QuantumCircuit(num_qubits)
    circuit.h(0)
    for k in range(num_qubits - 1):
        circuit.cx(k, k + 1)
    observable = SparsePauliOp(basis * num_qubits)
    return EstimationProblem(f"GHZ-{num_qubits} <{basis * num_qubits}>", circuit, observable,
                             round(_exact(circuit, observable), 12))


def ising_hamiltonian(num_qubits: int, coupling: float = 1.0, field: float = 0.5):
    """``-J sum Z_i Z_i+1 - h sum X_i`` on an open chain, as a ``SparsePauliOp``."""
    from qiskit.quantum_info import SparsePauliOp

    terms = [("ZZ", [k, k + 1], -coupling) for k in range(num_qubits - 1)]
    terms += [("X", [k], -field) for k in range(num_qubits)]
    return SparsePauliOp.from_sparse_list(terms, num_qubits)


def _ising_ansatz(params, num_qubits: int):
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(num_qubits)
    layers = np.asarray(params).reshape(2, num_qubits)  # (layers, qubits)
    for layer, angles in enumerate(layers):
        for q, angle in enumerate(angles):
            circuit.ry(float(angle), q)
        if layer == 0:
            for q in range(num_qubits - 1):
                circuit.cx(q, q + 1)
    return circuit


def ising_energy(num_qubits: int = 4, coupling: float = 1.0, field: float = 0.5) -> EstimationProblem:
    """The Ising chain's energy for a two-layer ansatz minimised on the statevector."""
    from scipy.optimize import minimize

    hamiltonian = ising_hamiltonian(num_qubits, coupling, field)
    start = np.full(2 * num_qubits, 0.1)
    best = minimize(lambda x: _exact(_ising_ansatz(x, num_qubits), hamiltonian), start, method="BFGS")
    circuit = _ising_ansatz(best.x, num_qubits)
    return EstimationProblem(f"Ising-{num_qubits} energy", circuit, hamiltonian, _exact(circuit, hamiltonian))


def h2_energy() -> EstimationProblem:
    """H2's ground-state energy with the one-parameter ansatz at its optimum."""
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp
    from scipy.optimize import minimize_scalar

    hamiltonian = SparsePauliOp.from_list(list(H2_TERMS))

    def ansatz(theta: float):
        circuit = QuantumCircuit(2)
        circuit.x(0)
        circuit.ry(theta, 1)
        circuit.cx(1, 0)  # cos(theta/2) |01> + sin(theta/2) |10>
        return circuit

    best = minimize_scalar(lambda t: _exact(ansatz(t), hamiltonian), bounds=(-np.pi, np.pi), method="bounded")
    circuit = ansatz(best.x)
    return EstimationProblem("H2 energy (Ha)", circuit, hamiltonian, _exact(circuit, hamiltonian))
