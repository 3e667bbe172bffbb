"""PyMatching on hand-made detection events of the distance-5 bit-flip repetition code."""

import numpy as np
import pytest

from qcog.qec.decoding import count_logical_errors, matching_decoder, predict
from qcog.qec.noise import CircuitNoise
from qcog.qec.repetition import repetition_code_memory
from qcog.qec.stim_export import to_stim


@pytest.fixture(scope="module")
def decoder():
    # one round: detectors 0-3 compare round 1 with the preparation, 4-7 the final readout
    # (detector 4 + k: data k and k + 1 against ancilla k); the observable is data qubit 4
    return matching_decoder(to_stim(repetition_code_memory(5, 1), CircuitNoise.uniform(0.01)))


def events(*fired):
    row = np.zeros(8, dtype=bool)
    row[list(fired)] = True
    return row


# (data qubits flipped just before the final readout, detectors that fire, observable flipped)
PATTERNS = [
    ((), (), False),
    ((0,), (4,), False),
    ((4,), (7,), True),
    ((2,), (5, 6), False),
    ((3, 4), (6,), True),  # two flips to the right boundary beat three to the left
    ((0, 1), (5,), False),
    ((1, 3), (4, 5, 6, 7), False),
]


@pytest.mark.parametrize("flipped, fired, observable", PATTERNS)
def test_corrects_up_to_two_data_errors(decoder, flipped, fired, observable):
    assert predict(decoder, events(*fired)[None, :]).tolist() == [observable]


def test_three_errors_on_distance_five_fool_the_decoder(decoder):
    # data 2, 3, 4 flipped: only detector 5 fires; the lighter explanation is data 0, 1, 2
    assert predict(decoder, events(5)[None, :]).tolist() == [False]  # truth: flipped


def test_measurement_error_in_round_one_is_not_a_data_error(decoder):
    # ancilla 1 misread in round 1: detectors 1 (round 1) and 5 (final vs round 1) fire
    assert predict(decoder, events(1, 5)[None, :]).tolist() == [False]


def test_batch_and_count(decoder):
    batch = np.array([events(), events(7), events(6)])
    assert predict(decoder, batch).tolist() == [False, True, True]
    assert count_logical_errors(decoder, batch, [False, False, True]) == 1
    assert predict(decoder, np.zeros((0, 8), dtype=bool)).shape == (0,)
