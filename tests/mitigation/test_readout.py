"""Readout calibration and correction against a numpy Kronecker-product model."""

import itertools

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.mitigation.readout import ReadoutCalibration, calibration_circuits


def _noisy_counts(true_probs: dict, matrices: list, shots: int = 10**6) -> dict:
    """Exact expected counts of outcomes after independent readout confusion."""
    n = len(matrices)
    full = np.array([[1.0]])
    for a in reversed(matrices):  # bit n-1 is the leftmost character
        full = np.kron(full, a)
    p = np.zeros(2**n)
    for key, value in true_probs.items():
        p[int(key, 2)] = value
    measured = full @ p
    return {format(i, f"0{n}b"): round(v * shots) for i, v in enumerate(measured) if v > 0}


def _confusion(p01, p10):
    return np.array([[1 - p01, p10], [p01, 1 - p10]])


def test_calibration_circuits_prepare_zero_and_one_on_the_listed_qubits():
    zero, one = calibration_circuits([2, 4], width=5)
    assert zero.num_qubits == one.num_qubits == 5 and zero.num_clbits == 2
    assert "x" not in zero.count_ops() and one.count_ops()["x"] == 2


def test_correction_recovers_the_true_distribution():
    rates = [(0.02, 0.05), (0.04, 0.08), (0.01, 0.12)]  # bits 0, 1, 2
    matrices = [_confusion(*r) for r in rates]
    zero = _noisy_counts({"000": 1.0}, matrices)
    one = _noisy_counts({"111": 1.0}, matrices)
    cal = ReadoutCalibration.from_counts((7, 8, 9), zero, one)
    assert cal.p01 == pytest.approx([r[0] for r in rates], abs=1e-5)
    assert cal.p10 == pytest.approx([r[1] for r in rates], abs=1e-5)
    truth = {"000": 0.5, "111": 0.3, "101": 0.2}
    corrected = cal.correct_counts(_noisy_counts(truth, matrices), physical=[7, 8, 9])
    for key in ("".join(bits) for bits in itertools.product("01", repeat=3)):
        assert corrected.get(key, 0.0) == pytest.approx(truth.get(key, 0.0), abs=1e-4)
    # parities agree with the corrected distribution: <Z0 Z2> = 0.5 + 0.3... signs by bits
    expected = sum(v * (-1) ** (int(k[2]) + int(k[0])) for k, v in truth.items())
    measured = _noisy_counts(truth, matrices)
    assert cal.expectation(measured, physical=[7, 8, 9], support=[0, 2]) == pytest.approx(expected, abs=1e-4)


def test_random_readout_is_refused():
    cal = ReadoutCalibration.from_counts((0,), {"0": 50, "1": 50}, {"0": 50, "1": 50})
    with pytest.raises(QcogValueError, match="random"):
        cal.weights(0)


def test_dense_correction_has_a_size_limit():
    cal = ReadoutCalibration((0,), np.array([0.01]), np.array([0.01]))
    with pytest.raises(QcogValueError, match="at most"):
        cal.correct_counts({"0" * 17: 1}, physical=list(range(17)))
