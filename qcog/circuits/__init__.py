"""Circuit builders: functions that return plain ``QuantumCircuit`` objects."""

from qcog.circuits.metrics import CircuitCost, circuit_cost, cost_in_basis, two_qubit_gate_count
from qcog.circuits.states import basis_state, bell_state, ghz_state, uniform_superposition

__all__ = [
    "CircuitCost",
    "basis_state",
    "bell_state",
    "circuit_cost",
    "cost_in_basis",
    "ghz_state",
    "two_qubit_gate_count",
    "uniform_superposition",
]
