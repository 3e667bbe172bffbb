"""Grover circuits: diffuser, one iteration, and the full search circuit.

The search register is qubits ``0 .. n-1`` (qubit ``i`` is bit ``i`` of a value); helper
qubits, when asked for, follow it and stay ``|0>``. One iteration is ``D . O`` with the
oracle ``O`` and the diffuser ``D = A (2|0><0| - I) A^dagger`` (``A`` the state
preparation, Hadamards by default), global phase included, so the circuits are exact
unitaries that the reference simulator can check.

>>> from qcog.circuits.oracles import marked_oracle
>>> qc = grover_circuit(marked_oracle([3], 3), iterations=2)
>>> qc.num_qubits, qc.count_ops()["measure"]
(3, 3)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from qcog.circuits.mcx import phase_flip
from qcog.circuits.oracles import Oracle, resolve_helpers
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit


def preparation(
    num_qubits: int, state_preparation: QuantumCircuit | None = None
) -> QuantumCircuit:
    """The state preparation ``A``: the user's circuit (checked) or Hadamards.

    Raises:
        QcogValueError: ``state_preparation`` is not a circuit on exactly ``n`` qubits.

    >>> preparation(2).count_ops()["h"]
    2
    """
    from qiskit import QuantumCircuit

    if state_preparation is None:
        prep = QuantumCircuit(num_qubits, name="H")
        prep.h(range(num_qubits))
        return prep
    if not isinstance(state_preparation, QuantumCircuit):
        raise QcogValueError(
            f"state_preparation must be a QuantumCircuit, got {type(state_preparation).__name__}"
        )
    if state_preparation.num_qubits != num_qubits or state_preparation.num_clbits:
        raise QcogValueError(
            f"state_preparation must act on exactly the {num_qubits} search qubits and measure "
            f"nothing; it has {state_preparation.num_qubits} qubits, {state_preparation.num_clbits} clbits"
        )
    return state_preparation


def diffuser(
    num_qubits: int, helpers: int = 0, state_preparation: QuantumCircuit | None = None
) -> QuantumCircuit:
    """``2|psi><psi| - I`` with ``|psi> = A|0>`` on ``n`` qubits plus ``helpers`` helpers.

    >>> diffuser(2).count_ops()["cz"]
    1
    """
    from qiskit import QuantumCircuit

    prep = preparation(num_qubits, state_preparation)
    search = list(range(num_qubits))
    circuit = QuantumCircuit(num_qubits + helpers, name="diffuser")
    circuit.compose(prep.inverse(), search, inplace=True)
    phase_flip(circuit, search, value=0)  # I - 2|0><0|
    circuit.compose(prep, search, inplace=True)
    circuit.global_phase += math.pi  # -(I - 2|psi><psi|) = 2|psi><psi| - I
    return circuit


def grover_iteration(
    oracle: Oracle,
    helpers: int | str = "auto",
    state_preparation: QuantumCircuit | None = None,
) -> QuantumCircuit:
    """One Grover iteration ``D . O`` on ``n`` search qubits plus helpers.

    >>> from qcog.circuits.oracles import marked_oracle
    >>> grover_iteration(marked_oracle([5], 6)).num_qubits
    7
    """
    count = resolve_helpers(helpers, oracle.num_qubits)
    circuit = oracle.circuit(count)
    circuit.name = "grover_iteration"
    circuit.compose(diffuser(oracle.num_qubits, count, state_preparation), inplace=True)
    return circuit


def custom_iteration(
    grover_operator: QuantumCircuit, num_qubits: int, helpers: int = 0
) -> QuantumCircuit:
    """A user's Grover operator ``Q`` on the ``n`` search qubits, widened by ``helpers``.

    Raises:
        QcogValueError: not a ``QuantumCircuit`` on exactly the ``n`` search qubits, or one
            that measures.

    >>> from qiskit import QuantumCircuit
    >>> custom_iteration(QuantumCircuit(2), 2, helpers=1).num_qubits
    3
    """
    from qiskit import QuantumCircuit

    if not isinstance(grover_operator, QuantumCircuit):
        raise QcogValueError(
            f"grover_operator must be a QuantumCircuit, got {type(grover_operator).__name__}"
        )
    if grover_operator.num_qubits != num_qubits or grover_operator.num_clbits:
        raise QcogValueError(
            f"grover_operator must act on exactly the {num_qubits} search qubits and measure "
            f"nothing; it has {grover_operator.num_qubits} qubits, "
            f"{grover_operator.num_clbits} clbits"
        )
    circuit = QuantumCircuit(num_qubits + helpers, name="grover_operator")
    circuit.compose(grover_operator, range(num_qubits), inplace=True)
    return circuit


def grover_circuit(
    oracle: Oracle,
    iterations: int,
    helpers: int | str = 0,
    state_preparation: QuantumCircuit | None = None,
    measure: bool = True,
    grover_operator: QuantumCircuit | None = None,
) -> QuantumCircuit:
    """``A``, then ``iterations`` Grover iterations, then (optionally) measurement.

    Args:
        oracle: the phase oracle (:mod:`qcog.circuits.oracles`).
        iterations: ``k >= 0``.
        helpers: helper qubits after the search register ('auto', or a count). The
            default 0 suits simulators that apply multi-controlled gates natively; use
            'auto' for the circuit a device would run.
        state_preparation: ``A`` on the ``n`` search qubits (default: Hadamards).
        measure: measure the search qubits into ``n`` classical bits.
        grover_operator: a user's iterate ``Q`` on the ``n`` search qubits, used instead
            of ``D . O`` (as qiskit-algorithms' ``AmplificationProblem(grover_operator=)``).

    Raises:
        QcogValueError: a negative or non-integer iteration count, a bad ``A`` or ``Q``.
    """
    from qiskit import ClassicalRegister, QuantumCircuit

    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 0:
        raise QcogValueError(f"iterations must be an integer >= 0, got {iterations!r}")
    n = oracle.num_qubits
    count = resolve_helpers(helpers, n)
    search = list(range(n))
    circuit = QuantumCircuit(n + count, name=f"grover_{iterations}")
    circuit.compose(preparation(n, state_preparation), search, inplace=True)
    step = (
        grover_iteration(oracle, count, state_preparation)
        if grover_operator is None
        else custom_iteration(grover_operator, n, count)
    )
    for _ in range(iterations):
        circuit.compose(step, inplace=True)
    if measure:
        circuit.add_register(ClassicalRegister(n, "c"))
        circuit.measure(search, search)
    return circuit
