"""An ansatz with given parameters as bound Qiskit circuits (through :mod:`qcog.qml.export`).

The ansatz is recorded and lowered exactly as the torch engine runs it, then translated
gate by gate by qcog's own PennyLane -> Qiskit export, so the circuits sent to Aer,
``fake:`` and ``ibm:`` backends are the trained circuit (PennyLane wire ``w`` on qubit ``w``).

>>> import pennylane as qml
>>> class OneRotation:
...     n_qubits, n_params = 1, 1
...     def apply(self, theta):
...         qml.RY(theta[0], wires=0)
>>> [c.count_ops()["ry"] for c in bound_circuits(OneRotation(), [[0.1], [0.2]])]
[1, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

from qcog.variational.ansatz import Ansatz, no_inputs, probs_qfunc


def bound_circuits(ansatz: Ansatz, rows: Sequence[Sequence[float]]) -> list:
    """One ``QuantumCircuit`` (no measurements) per parameter vector in ``rows``.

    Args:
        ansatz: see :class:`qcog.variational.ansatz.Ansatz`.
        rows: parameter vectors, each of length ``ansatz.n_params``.
    """
    import torch

    from qcog.qml.export import angle_matrix, build_circuit, qiskit_ops
    from qcog.qml.program import lower, record

    qfunc = probs_qfunc(ansatz)
    x = no_inputs()
    circuits = []
    for row in rows:
        theta = torch.as_tensor(list(row), dtype=torch.float64)
        ops = qiskit_ops(lower(record(qfunc, x, theta=theta), ansatz.n_qubits))
        angles = angle_matrix(ops, 1, x)[0].numpy()
        circuits.append(build_circuit(ops, ansatz.n_qubits, angles))
    return circuits
