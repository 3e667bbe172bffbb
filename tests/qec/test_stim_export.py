"""The Stim export: noiseless circuits are deterministic, noise lands where the model says."""

import pytest

from qcog.qec.noise import CircuitNoise
from qcog.qec.repetition import repetition_code_memory
from qcog.qec.stim_export import to_stim
from qcog.qec.surface import rotated_surface_code_memory

BUILDERS = [
    lambda: repetition_code_memory(5, 3, "bit"),
    lambda: repetition_code_memory(5, 3, "phase"),
    lambda: rotated_surface_code_memory(5, 3, "x"),
    lambda: rotated_surface_code_memory(5, 3, "z"),
]


@pytest.mark.parametrize("build", BUILDERS)
def test_noiseless_export_has_deterministic_detectors_and_observable(build):
    exp = build()
    circuit = to_stim(exp)
    assert circuit.num_detectors == exp.num_detectors
    assert circuit.num_measurements == exp.num_measurements
    # Stim refuses a DEM when a detector or the observable is not deterministic
    dem = to_stim(exp, CircuitNoise.uniform(0.001)).detector_error_model()
    assert dem.num_detectors == exp.num_detectors
    events, flips = circuit.compile_detector_sampler(seed=1).sample(50, separate_observables=True)
    assert not events.any() and not flips.any()


def test_measurement_flip_noise_counts_match_the_circuit():
    exp = repetition_code_memory(3, 2)
    text = str(to_stim(exp, CircuitNoise(measure_flip=0.125)))
    # X_ERROR(0.125) once per measurement: 2 rounds x 2 ancillas + 3 data
    targets = sum(len(line.split()) - 1 for line in text.splitlines() if line.startswith("X_ERROR(0.125)"))
    assert targets == 7
