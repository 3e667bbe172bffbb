"""Memory problems run end to end: Stim, Aer, a fake backend, counts from elsewhere, bad input."""

import numpy as np
import pytest

from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.qec.experiment import MemoryProblem, decode_counts, records_from_counts, run_memory
from qcog.qec.noise import CircuitNoise
from qcog.qec.reference import stim_reference_circuit


@pytest.mark.parametrize("kwargs, fragment", [
    ({"code": "toric", "distance": 3, "rounds": 3}, "code must be"),
    ({"code": "surface", "distance": 4, "rounds": 3}, "odd integer"),
    ({"code": "surface", "distance": 1, "rounds": 3}, ">= 3"),
    ({"code": "surface", "distance": 3, "rounds": 0}, "rounds"),
    ({"code": "surface", "distance": 3, "rounds": 3, "p": 1.5}, r"\[0, 1\]"),
    ({"code": "surface", "distance": 3, "rounds": 3, "p": -0.01}, r"\[0, 1\]"),
    ({"code": "repetition", "distance": 3, "rounds": 3, "basis": "y"}, "'x' or 'z'"),
])
def test_bad_problems_are_refused(kwargs, fragment):
    with pytest.raises(QcogValueError, match=fragment):
        MemoryProblem(**kwargs)


@pytest.mark.parametrize("shots", [0, -5, 2.5, True])
def test_bad_shots_are_refused(shots):
    with pytest.raises(QcogValueError, match="shots"):
        run_memory(MemoryProblem("repetition", 3, 3), shots=shots)


def test_shots_that_would_not_fit_memory_are_refused_before_sampling():
    with pytest.raises(QcogValueError, match="needs .* GiB"):
        run_memory(MemoryProblem("surface", 25, 25), shots=10**12, sampler="aer")


def test_zero_noise_means_zero_logical_errors_and_p_one_half_fails_often():
    assert run_memory(MemoryProblem("surface", 3, 3, p=0.0), shots=500, seed=1).logical_errors == 0
    noisy = run_memory(MemoryProblem("repetition", 3, 3, p=0.5), shots=2000, seed=1)
    assert 0.3 < noisy.logical_error_rate.mean < 0.7


@pytest.mark.parametrize("code, basis", [("repetition", "z"), ("surface", "x"), ("surface", "z")])
def test_logical_error_rate_agrees_with_stims_generated_circuit(code, basis):
    """Issue check (1): qcog's circuit and Stim's generated one, same d, rounds and noise,
    sampled and decoded the same way; the 95% intervals must overlap."""
    from qcog.qec.decoding import count_logical_errors, matching_decoder
    from qcog.qec.rates import binomial_interval

    shots, p = 60_000, 0.02 if code == "repetition" else 0.005
    ours = run_memory(MemoryProblem(code, 5, 5, p=p, basis=basis), shots=shots, seed=21)
    reference = stim_reference_circuit(code, 5, 5, p, basis)
    events, flips = reference.compile_detector_sampler(seed=22).sample(shots, separate_observables=True)
    theirs = binomial_interval(count_logical_errors(matching_decoder(reference), events, flips[:, 0]), shots)
    mine = ours.logical_error_rate
    assert mine.mean > 0.001 and theirs.mean > 0.001
    assert mine.low <= theirs.high and theirs.low <= mine.high, (mine, theirs)


def test_logical_error_rate_falls_with_distance_below_threshold():
    rates = [run_memory(MemoryProblem("surface", d, d, p=0.002), shots=20_000, seed=d).per_round
             for d in (3, 5)]
    assert rates[1].high < rates[0].low


def test_fake_backend_run_decodes_with_the_backends_mean_noise():
    result = run_memory(MemoryProblem("repetition", 3, 2), shots=500, seed=5, sampler="fake:manila")
    assert result.sampler == "fake:manila"
    assert result.decoder_noise.gate_2q > 0
    assert 0 <= result.logical_error_rate.mean < 0.2
    assert result.to_dict()["experiment"]["qubits"] == 5


def test_ibm_backend_points_to_the_job_store(monkeypatch):
    class FakeIBM:
        spec = type("Spec", (), {"kind": "ibm"})()

    monkeypatch.setattr("qcog.backends.get_backend", lambda spec, **kw: FakeIBM())
    with pytest.raises(BackendUnavailableError, match="qcog.ibm.submit"):
        run_memory(MemoryProblem("repetition", 3, 1), shots=10, sampler="ibm:some_device")


def test_records_from_counts_orders_bits_as_qiskit_writes_them():
    records = records_from_counts({"001": 2, "1 10": 1}, 3)
    assert records.tolist() == [[1, 0, 0], [1, 0, 0], [0, 1, 1]]
    with pytest.raises(QcogValueError, match="has 2 bits; expected 3"):
        records_from_counts({"01": 1}, 3)


def test_decode_counts_from_a_job_result():
    """Counts as an IBM job would return them: one error-free outcome and one with the last
    data qubit flipped before readout (a logical error only if the decoder misses it)."""
    from qcog.qec.repetition import repetition_code_memory

    exp = repetition_code_memory(3, 1)  # bits: ancillas 0, 1; data 2, 3, 4
    counts = {"00000": 90, "10000": 10}  # bit 4 (leftmost) flipped: corrected, no logical error
    rate = decode_counts(exp, counts, CircuitNoise.uniform(0.01))
    assert rate.n == 100 and rate.mean == 0.0
    # data 1 and 2 flipped (bits 3, 4): only the first final detector fires, the decoder
    # blames data 0 alone, and the observable (data 2) stays wrong: a logical error
    counts = {"11000": 7, "00000": 3}
    rate = decode_counts(exp, counts, CircuitNoise.uniform(0.01))
    assert rate.mean == pytest.approx(0.7)
    assert np.isclose(rate.high, 0.93, atol=0.02)
