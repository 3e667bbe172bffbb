"""Circuit-level noise for memory experiments, and where it strikes in a circuit.

:class:`CircuitNoise` holds the four probabilities of the standard circuit-level model
(the ones ``stim.Circuit.generated`` takes): depolarisation after every Clifford gate,
depolarisation of the data qubits at the start of each round, a flip before every
measurement and after every reset. :func:`noise_schedule` walks a
:class:`~qcog.qec.memory.MemoryExperiment`'s circuit and yields the operations with the
noise placed between them; the Stim export and the Aer noisy circuit both read it, so
the two simulate the same noise.

A Hadamard on a data qubit right after its reset, or right before its measurement, is
the basis change of an X-basis preparation or readout (Stim's ``RX`` and ``MX``): it
takes the reset or measurement flip (a Z flip), not gate depolarisation.

>>> CircuitNoise.uniform(0.001).gate_1q
0.001
>>> CircuitNoise.uniform(1.5)
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: p (the physical error probability) must be in [0, 1], got 1.5
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.qec.memory import ROUND_LABEL, MemoryExperiment

#: Qiskit gate name -> (Stim gate name, number of qubits). Clifford gates only.
CLIFFORD_GATES = {
    "id": ("I", 1), "x": ("X", 1), "y": ("Y", 1), "z": ("Z", 1), "h": ("H", 1),
    "s": ("S", 1), "sdg": ("S_DAG", 1), "sx": ("SQRT_X", 1), "sxdg": ("SQRT_X_DAG", 1),
    "cx": ("CX", 2), "cz": ("CZ", 2), "cy": ("CY", 2), "swap": ("SWAP", 2),
}


def check_probability(p: float, name: str = "p") -> float:
    """Return ``p`` as a float if it lies in [0, 1]; raise :class:`QcogValueError` else."""
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p):
        raise QcogValueError(f"{name} must be a probability in [0, 1], got {p!r}")
    if not 0 <= p <= 1:
        raise QcogValueError(f"{name} must be in [0, 1], got {p}")
    return float(p)


@dataclass(frozen=True)
class CircuitNoise:
    """Circuit-level Pauli noise.

    Attributes:
        gate_1q: depolarising probability after each one-qubit Clifford gate.
        gate_2q: two-qubit depolarising probability after each two-qubit gate.
        data_idle: depolarising probability on each data qubit at the start of a round.
        measure_flip: probability that a measurement reports the wrong outcome.
        reset_flip: probability that a reset leaves the qubit flipped.
    """

    gate_1q: float = 0.0
    gate_2q: float = 0.0
    data_idle: float = 0.0
    measure_flip: float = 0.0
    reset_flip: float = 0.0

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            check_probability(value, name)

    @classmethod
    def uniform(cls, p: float) -> CircuitNoise:
        """Uniform circuit-level depolarising noise: every probability equals ``p``.

        This is Stim's ``after_clifford_depolarization = before_round_data_depolarization
        = before_measure_flip_probability = after_reset_flip_probability = p``.
        """
        p = check_probability(p, "p (the physical error probability)")
        return cls(p, p, p, p, p)

    @classmethod
    def from_backend(cls, backend) -> CircuitNoise:
        """Mean error rates of a backend's target (one- and two-qubit gates, readout).

        Used as the decoder's prior when sampling on a ``fake:`` backend, whose noise is
        not uniform: the model is an average, not the device's full noise.
        """
        target = backend.target
        means = {}
        for kind, names in (("1q", ("sx", "x")), ("2q", ("cx", "ecr", "cz")), ("m", ("measure",))):
            errors = [
                props.error
                for name in names if name in target.operation_names
                for props in target[name].values()
                if props is not None and props.error is not None
            ]
            means[kind] = min(1.0, sum(errors) / len(errors)) if errors else 0.0
        return cls(means["1q"], means["2q"], means["1q"], means["m"], means["m"])

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Step:
    """One item of a noisy circuit.

    ``kind`` is 'gate' (``name`` a Qiskit gate), 'reset' / 'measure' (``basis`` 'z' or
    'x', ``clbits`` for measurements), or 'noise' (``name`` one of 'DEPOLARIZE1',
    'DEPOLARIZE2', 'X_ERROR', 'Z_ERROR' with probability ``p``). Noise steps with
    ``p == 0`` are left out.
    """

    kind: str
    name: str
    qubits: tuple[int, ...]
    p: float = 0.0
    basis: str = "z"
    clbits: tuple[int, ...] = ()


def _basis_changes(experiment: MemoryExperiment) -> tuple[set[int], set[int], set[int]]:
    """Instruction indices: (folded Hadamards, X-basis resets, X-basis measurements).

    A Hadamard on a data qubit right after its reset, or right before its measurement.
    """
    circuit = experiment.circuit
    data = set(experiment.data_qubits)
    index_of = {bit: k for k, bit in enumerate(circuit.qubits)}
    last: dict[int, tuple[int, str]] = {}  # qubit -> (index, name) of the previous op on it
    folded, x_resets, x_measures = set(), set(), set()
    for index, inst in enumerate(circuit.data):
        name = inst.operation.name
        if name == "barrier":
            continue
        for qubit in (index_of[q] for q in inst.qubits):
            previous = last.get(qubit)
            if qubit in data and previous is not None:
                if name == "h" and previous[1] == "reset":
                    folded.add(index)
                    x_resets.add(previous[0])
                if name == "measure" and previous[1] == "h":
                    folded.add(previous[0])
                    x_measures.add(index)
            last[qubit] = (index, name)
    return folded, x_resets, x_measures


def _noise(name: str, p: float, qubits: tuple[int, ...]) -> list[Step]:
    return [Step("noise", name, qubits, p)] if p > 0 else []


def noise_schedule(experiment: MemoryExperiment, noise: CircuitNoise) -> Iterator[Step]:
    """The experiment's circuit, one qubit-level step at a time, with ``noise`` placed in it.

    Raises:
        QcogValueError: for a gate that is not a Clifford gate Stim can simulate.
    """
    circuit = experiment.circuit
    folded, x_resets, x_measures = _basis_changes(experiment)
    qubit_index = {bit: k for k, bit in enumerate(circuit.qubits)}
    clbit_index = {bit: k for k, bit in enumerate(circuit.clbits)}
    for index, inst in enumerate(circuit.data):
        op = inst.operation
        qubits = tuple(qubit_index[q] for q in inst.qubits)
        if op.name == "barrier":
            if op.label == ROUND_LABEL:
                yield from _noise("DEPOLARIZE1", noise.data_idle, qubits)
        elif index in folded:
            continue  # part of the neighbouring X-basis reset or measurement
        elif op.name == "reset":
            basis = "x" if index in x_resets else "z"
            yield Step("reset", "reset", qubits, basis=basis)
            yield from _noise("Z_ERROR" if basis == "x" else "X_ERROR", noise.reset_flip, qubits)
        elif op.name == "measure":
            basis = "x" if index in x_measures else "z"
            yield from _noise("Z_ERROR" if basis == "x" else "X_ERROR", noise.measure_flip, qubits)
            clbits = tuple(clbit_index[c] for c in inst.clbits)
            yield Step("measure", "measure", qubits, basis=basis, clbits=clbits)
        elif op.name in CLIFFORD_GATES:
            yield Step("gate", op.name, qubits)
            two = CLIFFORD_GATES[op.name][1] == 2
            yield from _noise(
                "DEPOLARIZE2" if two else "DEPOLARIZE1", noise.gate_2q if two else noise.gate_1q, qubits
            )
        else:
            raise QcogValueError(
                f"gate {op.name!r} is not a Clifford gate this noise model covers; "
                f"accepted: {', '.join(sorted(CLIFFORD_GATES))}, measure, reset, barrier"
            )
