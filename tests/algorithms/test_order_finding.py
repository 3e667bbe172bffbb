import numpy as np
import pytest

from qcog.algorithms.order_finding import (
    ideal_phase_distribution,
    required_qubits,
    run_order_finding,
)
from qcog.exceptions import CircuitTooLargeError, QcogValueError


@pytest.mark.parametrize("a,N,r", [(7, 15, 4), (4, 15, 2), (2, 33, 10)])
def test_ideal_distribution_peaks_at_s_over_r(a, N, r, tol):
    t = 8
    probs = ideal_phase_distribution(a, N, t)
    assert probs.sum() == pytest.approx(1.0, abs=tol)
    if 2**t % r == 0:  # exact peaks, each 1/r
        expected = np.zeros(2**t)
        expected[:: 2**t // r] = 1 / r
        np.testing.assert_allclose(probs, expected, atol=tol)
    else:  # most weight within 1/2^t of some s/r
        near = sum(probs[round(s * 2**t / r) % 2**t] for s in range(r))
        assert near > 4 / np.pi**2


def test_required_qubits_table():
    table = [required_qubits(255, m, "beauregard") for m in ("semiclassical", "full", "fast")]
    assert table == [19, 34, 9]
    assert required_qubits(15) == 13 and required_qubits(4095) == 4 * 12 + 3
    with pytest.raises(QcogValueError, match="method"):
        required_qubits(15, "magic")


def test_too_large_for_the_backend_names_qubits_fast_and_estimate():
    with pytest.raises(CircuitTooLargeError) as info:
        run_order_finding(7, 15, backend="fake:manila")
    message = str(info.value)
    assert (
        "needs 13 qubits" in message and "fast" in message and "shor-estimate --bits 4" in message
    )


def test_hint_never_offers_a_fast_path_that_cannot_hold_n():
    from qcog.algorithms.order_finding import too_large_hint

    assert "fast" in too_large_hint(10403)
    assert "fast" not in too_large_hint(2**70 + 1) and "shor-estimate --bits 71" in too_large_hint(
        2**70 + 1
    )


def test_sparse_run_reports_basis_and_cx():
    run = run_order_finding(2, 21, shots=16, seed=3)
    assert run.backend == "sparse-statevector" and run.arithmetic == "windowed"
    assert run.cx_count == run.twoq_gates > 0 and "cx, cz" in run.twoq_basis
    assert sum(run.counts.values()) == 16


def test_aer_run_parses_only_the_phase_register():
    run = run_order_finding(7, 15, backend="aer", shots=32, seed=3)
    assert set(run.counts) <= {0, 64, 128, 192} and sum(run.counts.values()) == 32
    assert run.twoq_basis.startswith("aer target") and run.cx_count > 0


def test_fast_path_is_refused_on_devices():
    with pytest.raises(QcogValueError, match="simulation only"):
        run_order_finding(7, 15, method="fast", backend="fake:manila")


def test_fast_run_is_labelled():
    run = run_order_finding(7, 15, method="fast", shots=20, seed=1)
    assert run.simulation_only and run.backend == "permutation-simulator"
    assert run.metadata["device"] == "cpu" and run.metadata["dtype"] == "complex64"
    assert set(run.counts) <= {0, 64, 128, 192} and sum(run.counts.values()) == 20
