"""The repetition code memory experiment, bit-flip or phase-flip, as a Qiskit circuit.

``distance`` data qubits sit at the even positions 0, 2, ..., 2d-2 and ``d - 1``
measure qubits between them. Each round measures the parity of every neighbouring pair
of data qubits into the measure qubit between them (mid-circuit measurement, then
reset); after ``rounds`` rounds the data qubits are measured. The bit-flip code keeps
the logical |0> (Z parities ``Z_k Z_k+1``, corrects X errors); the phase-flip code
keeps |+> (X parities, corrects Z errors) and is the bit-flip code seen through
Hadamards.

Detectors: each parity in round 1 (fixed by the preparation), each parity against the
same parity one round earlier, and the final data readout against the last round. The
logical observable is the last data qubit's outcome.

>>> exp = repetition_code_memory(distance=5, rounds=3, flip="phase")
>>> exp.num_qubits, exp.num_detectors, exp.basis
(9, 16, 'x')
"""

from __future__ import annotations

from qcog.exceptions import QcogValueError
from qcog.qec.memory import ROUND_LABEL, MemoryExperiment, check_code_size

FLIPS = ("bit", "phase")


def repetition_code_memory(distance: int, rounds: int, flip: str = "bit") -> MemoryExperiment:
    """Build the repetition code memory experiment.

    Args:
        distance: number of data qubits, odd and >= 3.
        rounds: parity-measurement rounds, >= 1.
        flip: 'bit' (corrects X errors, Z basis) or 'phase' (corrects Z errors, X basis).

    Returns:
        A :class:`MemoryExperiment` on ``2 * distance - 1`` qubits.

    Raises:
        QcogValueError: even or too small distance, rounds < 1, unknown ``flip``.
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    check_code_size(distance, rounds)
    if flip not in FLIPS:
        raise QcogValueError(f"flip must be 'bit' or 'phase', got {flip!r}")
    phase = flip == "phase"
    data = [2 * k for k in range(distance)]
    ancillas = [2 * k + 1 for k in range(distance - 1)]
    num_bits = rounds * len(ancillas) + distance
    circuit = QuantumCircuit(
        QuantumRegister(2 * distance - 1, "q"), ClassicalRegister(num_bits, "m"),
        name=f"repetition_{flip}_d{distance}_r{rounds}",
    )
    circuit.reset(range(circuit.num_qubits))
    if phase:
        circuit.h(data)  # data in |+>: with the reset, an X-basis preparation
    bit = 0
    rounds_bits = []  # rounds_bits[t][k]: the bit of ancilla k in round t
    for _ in range(rounds):
        circuit.barrier(data, label=ROUND_LABEL)
        if phase:
            circuit.h(ancillas)
        for offset in (0, 1):  # left neighbours, then right neighbours
            for k, anc in enumerate(ancillas):
                pair = (anc, data[k + offset]) if phase else (data[k + offset], anc)
                circuit.cx(*pair)
        if phase:
            circuit.h(ancillas)
        row = []
        for anc in ancillas:
            circuit.measure(anc, bit)
            row.append(bit)
            bit += 1
        circuit.reset(ancillas)
        rounds_bits.append(row)
    if phase:
        circuit.h(data)  # with the measurement, an X-basis readout
    final = []
    for q in data:
        circuit.measure(q, bit)
        final.append(bit)
        bit += 1
    detectors, coords = _detectors(rounds_bits, final)
    return MemoryExperiment(
        circuit=circuit,
        detectors=detectors,
        observable=(final[-1],),
        data_qubits=tuple(data),
        code="repetition",
        distance=distance,
        rounds=rounds,
        basis="x" if phase else "z",
        detector_coords=coords,
        flip=flip,
    )


def _detectors(rounds_bits: list[list[int]], final: list[int]):
    """Round-1 parities, round-to-round changes, and the final readout against the last round."""
    detectors, coords = [], []
    for t, row in enumerate(rounds_bits):
        for k, bit in enumerate(row):
            detectors.append((bit,) if t == 0 else (rounds_bits[t - 1][k], bit))
            coords.append((2 * k + 1, 0, t))
    for k, bit in enumerate(rounds_bits[-1]):
        detectors.append((final[k], final[k + 1], bit))
        coords.append((2 * k + 1, 0, len(rounds_bits)))
    return tuple(detectors), tuple(coords)
