"""Minimum-weight perfect matching decoding (PyMatching) from a Stim detector error model.

The decoder's graph comes from the noisy Stim circuit's detector error model (DEM):
every error mechanism the noise model allows, with its probability as the edge weight
``log((1 - p) / p)``, and whether it flips the logical observable. Decoding a shot's
detection events predicts whether the observable was flipped; the shot is a logical
error when the prediction differs from what was measured.

>>> from qcog.qec.noise import CircuitNoise
>>> from qcog.qec.repetition import repetition_code_memory
>>> from qcog.qec.stim_export import to_stim
>>> decoder = matching_decoder(to_stim(repetition_code_memory(5, 1), CircuitNoise.uniform(0.01)))
>>> import numpy as np
>>> events = np.zeros((1, 8), dtype=bool); events[0, 7] = True  # last data qubit flipped
>>> predict(decoder, events).tolist()
[True]
"""

from __future__ import annotations

import numpy as np


def detector_error_model(stim_circuit):
    """The circuit's DEM, with errors decomposed into graph-like (matchable) pieces."""
    return stim_circuit.detector_error_model(decompose_errors=True)


def matching_decoder(stim_circuit):
    """A ``pymatching.Matching`` for the noisy ``stim_circuit``'s detector error model."""
    import pymatching

    return pymatching.Matching.from_detector_error_model(detector_error_model(stim_circuit))


def predict(decoder, detection_events) -> np.ndarray:
    """Predicted flips of observable 0 for ``detection_events`` ``(shots, detectors)``.

    Returns:
        A boolean array ``(shots,)``.
    """
    events = np.asarray(detection_events, dtype=np.uint8)  # (shots, detectors)
    if events.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    return decoder.decode_batch(events)[:, 0].astype(bool)


def count_logical_errors(decoder, detection_events, observable_flips) -> int:
    """Shots whose predicted observable flip differs from the measured one."""
    predicted = predict(decoder, detection_events)
    return int(np.count_nonzero(predicted != np.asarray(observable_flips, dtype=bool)))
