"""The repetition code: structure, noiseless runs, and Stim's own generated circuit."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.noise import CircuitNoise
from qcog.qec.reference import stim_reference_circuit
from qcog.qec.repetition import repetition_code_memory
from qcog.qec.stim_export import to_stim


@pytest.mark.parametrize("distance, rounds", [(3, 1), (3, 3), (5, 4), (7, 2)])
def test_same_detector_error_model_as_stims_generated_circuit(distance, rounds, dem_form):
    import stim

    noise = CircuitNoise(gate_1q=0.01, gate_2q=0.02, data_idle=0.03, measure_flip=0.04, reset_flip=0.05)
    ours = to_stim(repetition_code_memory(distance, rounds), noise)
    reference = stim.Circuit.generated(  # one value per noise kind, as in ours
        "repetition_code:memory", distance=distance, rounds=rounds,
        after_clifford_depolarization=0.02, before_round_data_depolarization=0.03,
        before_measure_flip_probability=0.04, after_reset_flip_probability=0.05,
    )
    assert len(dem_form(ours)) > 4 * rounds
    assert dem_form(ours) == dem_form(reference)


def test_reference_helper_matches_uniform_noise(dem_form):
    ours = to_stim(repetition_code_memory(3, 4), CircuitNoise.uniform(0.01))
    assert dem_form(ours) == dem_form(stim_reference_circuit("repetition", 3, 4, 0.01))


@pytest.mark.parametrize("flip", ["bit", "phase"])
def test_noiseless_circuit_fires_no_detector_on_aer(flip):
    exp = repetition_code_memory(3, 2, flip=flip)
    records = sample_records(exp, shots=200)
    assert not exp.detection_events(records).any()
    assert not exp.observable_flips(records).any()


def sample_records(experiment, shots: int, seed: int = 5):
    """Noiseless measurement records from Aer (Stim would report flips relative to a
    noiseless reference run, which hides a deliberately inserted gate)."""
    from qcog.qec.experiment import records_from_counts
    from qcog.runner import run

    counts = run(experiment.circuit, backend="aer", shots=shots, seed=seed).counts
    return records_from_counts(counts, experiment.num_measurements)


def with_gate(experiment, gate: str, qubit: int, before_round: int):
    """The experiment with ``gate`` on ``qubit`` just before round ``before_round`` (1-based)."""
    from dataclasses import replace

    from qiskit.circuit import CircuitInstruction
    from qiskit.circuit.library import XGate, ZGate

    circuit = experiment.circuit.copy()
    barriers = [k for k, inst in enumerate(circuit.data) if inst.operation.name == "barrier"]
    operation = {"x": XGate(), "z": ZGate()}[gate]
    circuit.data.insert(barriers[before_round - 1], CircuitInstruction(operation, (circuit.qubits[qubit],)))
    return replace(experiment, circuit=circuit)


@pytest.mark.parametrize("flip, caught, missed", [("bit", "x", "z"), ("phase", "z", "x")])
def test_each_flavour_detects_its_error_and_not_the_other(flip, caught, missed):
    """One data error between rounds: the code's own kind fires two detectors, the other none."""
    exp = repetition_code_memory(5, 3, flip=flip)
    for gate, fired in ((caught, 2), (missed, 0)):
        probe = with_gate(exp, gate, qubit=4, before_round=2)
        events = probe.detection_events(sample_records(probe, shots=20))
        assert events.sum(axis=1).tolist() == [fired] * 20, (flip, gate)


def test_unknown_flip_is_refused():
    with pytest.raises(QcogValueError, match="'bit' or 'phase'"):
        repetition_code_memory(3, 3, flip="both")
