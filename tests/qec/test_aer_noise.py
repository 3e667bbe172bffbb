"""Aer with the noise written into the circuit samples the same experiment as Stim."""

import numpy as np
import pytest

from qcog.qec.aer_noise import noisy_circuit, pauli_channel
from qcog.qec.experiment import MemoryProblem, run_memory
from qcog.qec.noise import CircuitNoise
from qcog.qec.repetition import repetition_code_memory


@pytest.mark.parametrize("name, width, identity", [
    ("X_ERROR", 1, 0.9), ("Z_ERROR", 1, 0.9), ("DEPOLARIZE1", 1, 0.9), ("DEPOLARIZE2", 2, 0.9),
])
def test_channels_are_stims(name, width, identity):
    error = pauli_channel(name, 0.1)
    assert error.num_qubits == width
    probabilities = dict(zip((str(op[0]) if isinstance(op, tuple) else str(op) for op in error.circuits),
                             error.probabilities))
    assert sum(error.probabilities) == pytest.approx(1)
    assert max(error.probabilities) == pytest.approx(identity)
    assert len(probabilities) == {"X_ERROR": 2, "Z_ERROR": 2, "DEPOLARIZE1": 4, "DEPOLARIZE2": 16}[name]


def test_noisy_circuit_keeps_measurements_and_adds_channels():
    exp = repetition_code_memory(3, 2)
    noisy = noisy_circuit(exp, CircuitNoise.uniform(0.01))
    assert noisy.count_ops()["measure"] == exp.circuit.count_ops()["measure"]
    assert noisy.count_ops()["quantum_channel"] > 0
    assert noisy.num_clbits == exp.num_measurements


@pytest.mark.parametrize("problem, shots", [
    (MemoryProblem("repetition", 3, 3, p=0.03), 3000),
    (MemoryProblem("repetition", 3, 2, p=0.03, basis="x"), 3000),
    (MemoryProblem("surface", 3, 2, p=0.008), 1500),
])
def test_aer_and_stim_give_the_same_logical_error_rate(problem, shots):
    """Issue check (2): the Qiskit circuit sampled on Aer and decoded agrees with Stim."""
    aer = run_memory(problem, shots=shots, seed=3, sampler="aer")
    stim = run_memory(problem, shots=200_000, seed=4, sampler="stim")
    a, s = aer.logical_error_rate.mean, stim.logical_error_rate.mean
    sigma = np.sqrt(a * (1 - a) / shots + s * (1 - s) / 200_000)
    assert 0.005 < s < 0.3
    assert abs(a - s) < 4.5 * sigma, (a, s, sigma)
