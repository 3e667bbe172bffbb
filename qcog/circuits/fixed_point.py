"""Fixed-point amplitude amplification circuits (Yoder, Low and Chuang, PRL 113, 210501 (2014)).

The generalized Grover iterate is ``G(alpha, beta) = -S_s(alpha) S_t(beta)`` with

* ``S_t(beta) = I - (1 - e^{i beta}) P_good``: phase ``e^{i beta}`` on the marked states;
* ``S_s(alpha) = I - (1 - e^{-i alpha}) |s><s|``, ``|s> = H^n |0>``: built as
  ``H^n X^n (multi-controlled phase -alpha on |1..1>) X^n H^n``.

``S_t(beta)`` uses the oracle as a black box (any :class:`qcog.circuits.oracles.Oracle`)
through one flag qubit (qubit ``n``, after the search register, returned to ``|0>``):
``H`` on the flag, the oracle controlled by the flag, ``H`` computes ``f(x)`` into the flag
(phase kickback), ``P(beta)`` on the flag, and the same three steps uncompute it. So each
``S_t`` costs two controlled oracle calls; the controlled oracle is Qiskit's generic
``control()``, transpiled once to cx/rz/sx/x (correct, not optimal).

>>> from qcog.circuits.oracles import marked_oracle
>>> qc = fixed_point_circuit(marked_oracle([3], 3), [1.0], [-1.0])
>>> qc.num_qubits, qc.num_clbits
(4, 3)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qcog.circuits.metrics import to_basis
from qcog.circuits.oracles import Oracle
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit


def controlled_oracle(oracle: Oracle) -> QuantumCircuit:
    """The oracle controlled by qubit 0 (search qubits ``1 .. n``), in cx/rz/sx/x.

    >>> from qcog.circuits.oracles import marked_oracle
    >>> controlled_oracle(marked_oracle([1], 2)).num_qubits
    3
    """
    from qiskit import QuantumCircuit

    if not isinstance(oracle, Oracle):
        raise QcogValueError(f"oracle must be a qcog Oracle, got {type(oracle).__name__}")
    n = oracle.num_qubits
    wrapper = QuantumCircuit(n + 1, name="c_oracle")
    wrapper.append(oracle.circuit(0).to_gate(label="O").control(1), range(n + 1))
    return to_basis(wrapper)


def target_phase(
    oracle: Oracle, beta: float, controlled: QuantumCircuit | None = None
) -> QuantumCircuit:
    """``S_t(beta)`` on ``n`` search qubits plus the flag qubit ``n``.

    Args:
        oracle: the phase oracle.
        beta: the phase put on the marked states.
        controlled: :func:`controlled_oracle` of ``oracle`` if already built.

    >>> from qcog.circuits.oracles import marked_oracle
    >>> target_phase(marked_oracle([1], 2), math.pi).num_qubits
    3
    """
    from qiskit import QuantumCircuit

    n = oracle.num_qubits
    c_oracle = controlled_oracle(oracle) if controlled is None else controlled
    flag, order = n, [n, *range(n)]
    circuit = QuantumCircuit(n + 1, name="S_t")
    for step in ("compute", "phase", "uncompute"):
        if step == "phase":
            circuit.p(beta, flag)
            continue
        circuit.h(flag)
        circuit.compose(c_oracle, order, inplace=True)
        circuit.h(flag)
    return circuit


def source_phase(
    num_qubits: int, alpha: float, total_qubits: int | None = None
) -> QuantumCircuit:
    """``S_s(alpha) = I - (1 - e^{-i alpha}) |s><s|`` with ``|s> = H^n |0>``.

    >>> source_phase(2, math.pi).count_ops()["h"]
    4
    """
    from qiskit import QuantumCircuit

    search = list(range(num_qubits))
    circuit = QuantumCircuit(total_qubits or num_qubits, name="S_s")
    circuit.h(search)
    circuit.x(search)
    if num_qubits == 1:
        circuit.p(-alpha, 0)
    else:
        circuit.mcp(-alpha, search[:-1], search[-1])
    circuit.x(search)
    circuit.h(search)
    return circuit


def fixed_point_circuit(
    oracle: Oracle, alphas: Sequence[float], betas: Sequence[float], measure: bool = True
) -> QuantumCircuit:
    """``G(alpha_l, beta_l) ... G(alpha_1, beta_1) H^n |0>`` on ``n`` search qubits + a flag.

    Args:
        oracle: the phase oracle.
        alphas, betas: the phases, ``G(alpha_1, beta_1)`` applied first.
        measure: measure the search qubits into ``n`` classical bits.

    Returns:
        A plain ``QuantumCircuit`` on ``n + 1`` qubits (the flag ends in ``|0>``),
        global phase included.

    Raises:
        QcogValueError: ``alphas`` and ``betas`` of different lengths.
    """
    from qiskit import ClassicalRegister, QuantumCircuit

    alphas, betas = [float(a) for a in alphas], [float(b) for b in betas]
    if len(alphas) != len(betas):
        raise QcogValueError(
            f"need one beta per alpha, got {len(alphas)} alphas and {len(betas)} betas"
        )
    n = oracle.num_qubits
    c_oracle = controlled_oracle(oracle)
    circuit = QuantumCircuit(n + 1, name=f"fixed_point_{2 * len(alphas) + 1}")
    circuit.h(range(n))
    for alpha, beta in zip(alphas, betas):
        circuit.compose(target_phase(oracle, beta, c_oracle), inplace=True)
        circuit.compose(source_phase(n, alpha, n + 1), inplace=True)
        circuit.global_phase += math.pi  # G = -S_s S_t
    if measure:
        circuit.add_register(ClassicalRegister(n, "c"))
        circuit.measure(range(n), range(n))
    return circuit
