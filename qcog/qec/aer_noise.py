"""The memory experiment with its circuit-level noise written into the Qiskit circuit for Aer.

Each noise step of :func:`qcog.qec.noise.noise_schedule` becomes an Aer Pauli channel
instruction at its place in the circuit, so Aer's stabilizer simulator samples exactly
the noise that the Stim export carries (Stim's ``DEPOLARIZE1(p)``: X, Y, Z each with
probability p/3; ``DEPOLARIZE2(p)``: each of the 15 non-identity two-qubit Paulis with
p/15).

>>> from qcog.qec.noise import CircuitNoise
>>> from qcog.qec.repetition import repetition_code_memory
>>> noisy = noisy_circuit(repetition_code_memory(3, 1), CircuitNoise.uniform(0.01))
>>> noisy.count_ops()["quantum_channel"]
19
"""

from __future__ import annotations

import itertools

from qcog.qec.memory import MemoryExperiment
from qcog.qec.noise import CircuitNoise, noise_schedule


def pauli_channel(name: str, p: float):
    """The Aer ``QuantumError`` for a Stim noise channel ``name`` with probability ``p``."""
    from qiskit_aer.noise import pauli_error

    if name == "X_ERROR":
        terms = [("X", p)]
    elif name == "Z_ERROR":
        terms = [("Z", p)]
    elif name == "DEPOLARIZE1":
        terms = [(pauli, p / 3) for pauli in "XYZ"]
    else:  # DEPOLARIZE2
        labels = ["".join(pair) for pair in itertools.product("IXYZ", repeat=2)][1:]
        terms = [(label, p / 15) for label in labels]
    width = len(terms[0][0])
    return pauli_error([*terms, ("I" * width, 1 - p)])


def noisy_circuit(experiment: MemoryExperiment, noise: CircuitNoise):
    """The experiment's circuit with ``noise`` as Aer Pauli channels (run it on Aer only).

    Returns:
        A new ``QuantumCircuit`` with the same qubits, classical bits and measurements.
    """
    from qiskit import QuantumCircuit

    source = experiment.circuit
    out = QuantumCircuit(*source.qregs, *source.cregs, name=f"{source.name}_noisy")
    channels = {}  # (name, p, width) -> instruction, built once each
    for step in noise_schedule(experiment, noise):
        qubits = list(step.qubits)
        if step.kind == "noise":
            for target in _split(step.name, qubits):
                key = (step.name, step.p)
                if key not in channels:
                    channels[key] = pauli_channel(step.name, step.p).to_instruction()
                out.append(channels[key], target)
        elif step.kind == "gate":
            getattr(out, step.name)(*qubits)
        elif step.kind == "reset":
            out.reset(qubits)
            if step.basis == "x":
                out.h(qubits)
        else:
            if step.basis == "x":
                out.h(qubits)
            out.measure(qubits, list(step.clbits))
    return out


def _split(name: str, qubits: list[int]) -> list[list[int]]:
    """One target per qubit (or per pair, for two-qubit channels)."""
    width = 2 if name == "DEPOLARIZE2" else 1
    return [qubits[k : k + width] for k in range(0, len(qubits), width)]
