"""Oracles given as circuits or statevectors, with an ``is_good_state`` check.

For code written against qiskit-algorithms' ``AmplificationProblem(oracle,
is_good_state=...)``: the oracle is a phase-oracle ``QuantumCircuit`` (or a Qiskit
``Gate``), or a ``Statevector`` whose non-zero amplitudes are the states to mark; the
check is

* a callable taking a bitstring (qubit 0 rightmost, as Qiskit prints counts),
* bitstrings or integer values (qcog's one meaning of an integer: the value ``x``; write
  qiskit-algorithms' bit-position lists such as ``[1]`` as a callable,
  ``lambda b: b[1] == "1"``),
* or a ``Statevector`` whose non-zero amplitudes are the good states.

Without a check, a ``Statevector`` oracle marks its own states, a ``PhaseOracle``
circuit uses its ``evaluate_bitstring``, and any other circuit is read exactly: its
diagonal is computed by simulating it once (up to :data:`DIAGONAL_MAX_QUBITS` qubits)
and the states with phase -1 are good; a circuit that is not a diagonal +-1 phase
oracle is refused.

>>> from qiskit import QuantumCircuit
>>> cz = QuantumCircuit(2)
>>> _ = cz.cz(0, 1)
>>> circuit_oracle(cz, is_good_state=["11"]).solutions
(3,)
>>> circuit_oracle(cz).solutions  # read from the circuit's diagonal
(3,)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qcog.circuits.oracles import MAX_QUBITS, Oracle, _append_flips, _parse_marked_value
from qcog.exceptions import QcogValueError

#: Largest circuit whose diagonal is read by simulation when no check is given.
DIAGONAL_MAX_QUBITS = 20
_TOLERANCE = 1e-8


def circuit_oracle(
    oracle: Any, is_good_state: Any = None, name: str | None = None
) -> Oracle:
    """A qcog :class:`~qcog.circuits.oracles.Oracle` from a circuit or a statevector.

    Args:
        oracle: a phase-oracle ``QuantumCircuit`` / ``Gate`` on the search qubits, or a
            ``Statevector`` whose non-zero amplitudes are marked.
        is_good_state: the classical check (see the module docstring); None: derived
            from the oracle.
        name: shown in the result's description.

    Returns:
        The oracle; ``solutions`` is known when the check is a list, a statevector, or
        read from the oracle (so Grover picks the optimal iteration count).

    Raises:
        QcogValueError: not a circuit/gate/statevector, measurements in the circuit, a
            check of the wrong width, or no check for a circuit that is not a diagonal
            phase oracle (or too wide to read).
    """
    from qiskit import QuantumCircuit
    from qiskit.circuit import Instruction
    from qiskit.quantum_info import Statevector

    if isinstance(oracle, Statevector):
        marked = _nonzero_states(oracle)
        n = _width(oracle.num_qubits)
        append = _append_flips(marked, n)
        label = name or "statevector"
    elif isinstance(oracle, (QuantumCircuit, Instruction)):
        circuit = _as_circuit(oracle)
        n = _width(circuit.num_qubits)
        append = _compose(circuit)
        label = name or circuit.name
        marked = None if is_good_state is not None else _implicit_good_states(oracle, circuit)
    else:
        raise QcogValueError(
            "oracle must be a QuantumCircuit, a Gate or a Statevector (or a qcog Oracle), "
            f"got {type(oracle).__name__}"
        )
    verify, solutions = (
        _from_values(marked) if is_good_state is None else good_state_check(is_good_state, n)
    )
    return Oracle(
        kind="circuit",
        num_qubits=n,
        description=f"circuit {label} ({n} qubits)",
        verify=verify,
        append=append,
        solutions=solutions,
    )


def good_state_check(
    is_good_state: Any, num_qubits: int
) -> tuple[Callable[[int], bool], tuple[int, ...] | None]:
    """``(check of a value, the good values when the check lists them)``.

    Raises:
        QcogValueError: a check that is none of the accepted forms, or of another width.

    >>> check, good = good_state_check(["01", 3], 2)
    >>> check(1), check(2), good
    (True, False, (1, 3))
    """
    from qiskit.quantum_info import Statevector

    if isinstance(is_good_state, Statevector):
        if is_good_state.num_qubits != num_qubits:
            raise QcogValueError(
                f"is_good_state is a {is_good_state.num_qubits}-qubit Statevector; the oracle "
                f"has {num_qubits} qubits"
            )
        return _from_values(_nonzero_states(is_good_state))
    if callable(is_good_state):
        width = num_qubits

        def check(x: int) -> bool:
            return bool(is_good_state(format(x, f"0{width}b")))

        return check, None
    items = [is_good_state] if isinstance(is_good_state, (str, int)) else is_good_state
    try:
        values = tuple(sorted({_parse_marked_value(v, num_qubits) for v in items}))
    except TypeError:
        raise QcogValueError(
            "is_good_state must be a callable on bitstrings, bitstrings or integer values, or "
            f"a Statevector; got {type(is_good_state).__name__}"
        ) from None
    return _from_values(values)


def _from_values(values: tuple[int, ...]) -> tuple[Callable[[int], bool], tuple[int, ...]]:
    good = frozenset(values)
    return good.__contains__, tuple(values)


def _width(num_qubits: int) -> int:
    if not 1 <= num_qubits <= MAX_QUBITS:
        raise QcogValueError(
            f"the oracle acts on {num_qubits} qubits; qcog searches 1..{MAX_QUBITS} qubits"
        )
    return num_qubits


def _as_circuit(oracle: Any):
    """The oracle as a circuit without classical bits."""
    from qiskit import QuantumCircuit

    if isinstance(oracle, QuantumCircuit):
        if oracle.num_clbits or any(i.operation.name == "measure" for i in oracle.data):
            raise QcogValueError(
                "the oracle circuit must not measure: a phase oracle only flips signs"
            )
        return oracle
    circuit = QuantumCircuit(oracle.num_qubits, name=getattr(oracle, "name", "oracle"))
    circuit.append(oracle, range(oracle.num_qubits))
    return circuit


def _compose(circuit) -> Callable:
    def append(target, qubits):
        target.compose(circuit, qubits, inplace=True)

    return append


def _nonzero_states(state) -> tuple[int, ...]:
    import numpy as np

    return tuple(int(x) for x in np.flatnonzero(np.abs(state.data) > _TOLERANCE))


def _implicit_good_states(oracle: Any, circuit) -> tuple[int, ...]:
    """Good states of a circuit without a check: PhaseOracle's own, or its diagonal's -1s."""
    n = circuit.num_qubits
    if hasattr(oracle, "evaluate_bitstring"):
        if n > DIAGONAL_MAX_QUBITS:
            raise QcogValueError(
                f"a {n}-qubit oracle without is_good_state: give is_good_state (a callable "
                f"on bitstrings) for oracles wider than {DIAGONAL_MAX_QUBITS} qubits"
            )
        return tuple(x for x in range(2**n) if oracle.evaluate_bitstring(format(x, f"0{n}b")))
    return _diagonal_minus_ones(circuit)


def _diagonal_minus_ones(circuit) -> tuple[int, ...]:
    """The states a diagonal +-1 phase oracle flips, read from two exact simulations.

    A diagonal ``U`` maps the uniform state to ``d / sqrt(N)`` and any state ``psi`` to
    ``d * psi``; checking the second on a random-phase state rules out non-diagonal
    circuits.
    """
    import numpy as np
    from qiskit.quantum_info import Statevector

    from qcog.limits import check_statevector

    n = circuit.num_qubits
    if n > DIAGONAL_MAX_QUBITS:
        raise QcogValueError(
            f"a {n}-qubit oracle circuit without is_good_state: give is_good_state (a "
            f"callable on bitstrings) for oracles wider than {DIAGONAL_MAX_QUBITS} qubits"
        )
    check_statevector(n, "reading the oracle's diagonal", "give is_good_state", copies=6)
    size = 2**n
    diagonal = Statevector(np.full(size, size**-0.5, dtype=complex)).evolve(circuit).data
    diagonal = diagonal * size**0.5
    phases = np.exp(2j * np.pi * np.random.default_rng(7).random(size)) / size**0.5
    moved = Statevector(phases).evolve(circuit).data
    real_signs = np.allclose(diagonal.imag, 0, atol=1e-6) and np.allclose(
        np.abs(diagonal.real), 1, atol=1e-6
    )
    if not real_signs or not np.allclose(moved, diagonal * phases, atol=1e-6):
        raise QcogValueError(
            f"oracle circuit {circuit.name!r} is not a phase oracle (a diagonal of +1/-1), so "
            "its good states cannot be read from it; give is_good_state"
        )
    return tuple(int(x) for x in np.flatnonzero(diagonal.real < 0))
