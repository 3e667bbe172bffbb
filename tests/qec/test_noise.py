"""Circuit noise: validation, the uniform model, backend means, and where noise is placed."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.noise import CircuitNoise, noise_schedule
from qcog.qec.repetition import repetition_code_memory
from qcog.qec.surface import rotated_surface_code_memory


@pytest.mark.parametrize("p", [-0.1, 1.01, float("nan"), "0.1", True])
def test_probabilities_outside_zero_one_are_refused(p):
    with pytest.raises(QcogValueError, match="p"):
        CircuitNoise.uniform(p)


@pytest.mark.parametrize("p", [0, 0.0, 1, 1.0])
def test_edge_probabilities_are_accepted(p):
    assert CircuitNoise.uniform(p).measure_flip == float(p)


def test_from_backend_takes_the_targets_mean_errors():
    from qcog.backends import get_backend

    backend = get_backend("fake:manila")
    noise = CircuitNoise.from_backend(backend)
    target = backend.target
    readout = [props.error for props in target["measure"].values()]
    assert noise.measure_flip == pytest.approx(sum(readout) / len(readout))
    assert 0 < noise.gate_1q < noise.gate_2q < 0.1


def test_schedule_counts_noise_per_kind():
    d, rounds = 3, 2
    steps = list(noise_schedule(repetition_code_memory(d, rounds), CircuitNoise.uniform(0.01)))
    kinds = [s.name for s in steps if s.kind == "noise" for _ in s.qubits]  # one per qubit
    ancillas, qubits = d - 1, 2 * d - 1
    assert kinds.count("DEPOLARIZE2") == 2 * rounds * 2 * ancillas  # two qubits per CNOT
    assert kinds.count("DEPOLARIZE1") == rounds * d  # data qubits at each round's start
    # flips: every reset (initial + after each round) and every measurement
    assert kinds.count("X_ERROR") == qubits + 2 * rounds * ancillas + d
    assert not [s for s in noise_schedule(repetition_code_memory(d, 1), CircuitNoise()) if s.kind == "noise"]


def test_x_basis_preparation_and_readout_fold_the_data_hadamards():
    steps = list(noise_schedule(rotated_surface_code_memory(3, 1, "x"), CircuitNoise.uniform(0.01)))
    data = set(range(9))
    resets = [s for s in steps if s.kind == "reset" and s.qubits[0] in data]
    measures = [s for s in steps if s.kind == "measure" and s.qubits[0] in data]
    assert {s.basis for s in resets} == {"x"} and {s.basis for s in measures} == {"x"}
    data_h = [s for s in steps if s.kind == "gate" and s.name == "h" and s.qubits[0] in data]
    assert data_h == []  # the ancillas' Hadamards stay gates with depolarisation
    ancilla_h = [s for s in steps if s.kind == "gate" and s.name == "h"]
    assert len(ancilla_h) == 2 * 4


def test_non_clifford_gate_is_refused():
    from dataclasses import replace

    exp = repetition_code_memory(3, 1)
    circuit = exp.circuit.copy()
    circuit.t(0)
    with pytest.raises(QcogValueError, match="'t' is not a Clifford gate"):
        list(noise_schedule(replace(exp, circuit=circuit), CircuitNoise()))
