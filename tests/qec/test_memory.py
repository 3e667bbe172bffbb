"""Memory experiment records: size checks and detector/observable parities."""

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.qec.memory import check_basis, check_code_size, parity_matrix
from qcog.qec.repetition import repetition_code_memory


@pytest.mark.parametrize(
    "distance, rounds, fragment",
    [(4, 3, "odd integer"), (1, 3, ">= 3"), (2, 1, "odd"), (3, 0, "rounds"), (3.0, 3, "odd integer"),
     (True, 3, "odd integer"), (5, -2, "rounds")],
)
def test_bad_sizes_are_refused_with_what_is_accepted(distance, rounds, fragment):
    with pytest.raises(QcogValueError, match=fragment):
        check_code_size(distance, rounds)


def test_basis_accepts_x_and_z_only():
    assert check_basis("X") == "x"
    with pytest.raises(QcogValueError, match="'x' or 'z'"):
        check_basis("y")


def test_parity_matrix_rows():
    assert parity_matrix(((0, 2), (1,)), 3).tolist() == [[1, 0, 1], [0, 1, 0]]


def test_detection_events_and_observable_from_records():
    exp = repetition_code_memory(3, 1)  # bits: ancillas 0, 1; data 2, 3, 4
    records = np.array([
        [0, 0, 0, 0, 0],  # nothing happened
        [0, 0, 0, 0, 1],  # last data qubit flipped before readout
        [1, 0, 0, 0, 0],  # first ancilla misread
    ])
    events = exp.detection_events(records)
    # detectors: round 1 (a0), (a1); final (d0 d1 a0), (d1 d2 a1)
    assert events.astype(int).tolist() == [[0, 0, 0, 0], [0, 0, 0, 1], [1, 0, 1, 0]]
    assert exp.observable_flips(records).tolist() == [False, True, False]
