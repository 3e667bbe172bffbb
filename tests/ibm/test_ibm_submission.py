"""End to end on fake backends: submit -> store -> status -> result, in one and in a new process."""

import json
import math
import os
import subprocess
import sys
from fractions import Fraction

import pytest

from qcog.circuits.states import ghz_state
from qcog.exceptions import CircuitTooLargeError, QcogValueError, UnknownBackendError
from qcog.ibm.isa import NonIsaCircuitError
from qcog.ibm.jobs import job_result, job_status, wait_job
from qcog.ibm.store import JobStore
from qcog.ibm.submission import prepare, submit
from qcog.testing import reference_probabilities


def grover_3q(marked: str = "101"):
    """Two Grover iterations for one marked 3-bit value (ideal success 0.945)."""
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(3, name=f"grover_{marked}")
    qc.h(range(3))
    zeros = [q for q in range(3) if marked[::-1][q] == "0"]
    for _ in range(2):
        if zeros:
            qc.x(zeros)
        qc.h(2), qc.ccx(0, 1, 2), qc.h(2)
        if zeros:
            qc.x(zeros)
        qc.h(range(3)), qc.x(range(3))
        qc.h(2), qc.ccx(0, 1, 2), qc.h(2)
        qc.x(range(3)), qc.h(range(3))
    qc.measure_all()
    return qc


def order_finding_7_mod_15():
    """Phase estimation of U|y> = |7y mod 15> on the orbit {1, 7, 4, 13} (order 4).

    The orbit is coded on two work qubits as k (7^k mod 15), where U adds 1 mod 4; three
    counting qubits read phases s/4 as y/8 with y in {0, 2, 4, 6}.
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
    from qiskit.synthesis.qft import synth_qft_full

    count, work, phase = (
        QuantumRegister(3, "count"),
        QuantumRegister(2, "w"),
        ClassicalRegister(3, "phase"),
    )
    qc = QuantumCircuit(count, work, phase, name="order_finding_7_15")
    qc.h(count)
    qc.ccx(count[0], work[0], work[1])  # U: k -> k + 1 (mod 4)
    qc.cx(count[0], work[0])
    qc.cx(count[1], work[1])  # U^2: k -> k + 2; U^4 = I
    qc.compose(synth_qft_full(3, inverse=True, do_swaps=True), count, inplace=True)
    qc.measure(count, phase)
    return qc


def _order_from(y: int, bits: int = 3, N: int = 15, a: int = 7) -> int | None:
    r = Fraction(y, 2**bits).limit_denominator(N).denominator
    return r if pow(a, r, N) == 1 else None


def _fraction(counts, good) -> float:
    return sum(v for k, v in counts.items() if k in good) / sum(counts.values())


def _roundtrip(store, circuit, backend, shots=2000, seed=11):
    record = submit(circuit, backend, shots=shots, seed=seed, store=store)
    assert record.status == "done" and record.local
    assert job_status(record.job_id, store=store).status == "done"
    fetched = job_result(record.job_id, store=store)
    assert fetched.result == record.result
    counts = fetched.result["pubs"][0]["counts"]
    assert sum(counts.values()) == shots
    return record, counts


def _check_ghz(counts):
    ideal = reference_probabilities(ghz_state(3))
    assert {k for k, p in ideal.items() if p > 1e-9} == {"000", "111"}
    assert _fraction(counts, {"000", "111"}) > 0.75  # noise leaks a few percent elsewhere
    assert abs(counts.get("000", 0) - counts.get("111", 0)) / sum(counts.values()) < 0.12


def _check_grover(counts):
    assert max(counts, key=counts.get) == "101"
    assert counts["101"] / sum(counts.values()) > 0.3  # 0.945 ideal, 0.125 by chance


def _check_shor(counts):
    assert _fraction(counts, {"000", "010", "100", "110"}) > 0.6
    nonzero = [y for y in (int(k, 2) for k in counts) if y in (2, 6)]
    assert nonzero and all(_order_from(y) == 4 for y in nonzero)


CASES = [
    (ghz_state(3), _check_ghz),
    (grover_3q(), _check_grover),
    (order_finding_7_mod_15(), _check_shor),
]


@pytest.mark.parametrize("circuit, check", CASES, ids=["ghz", "grover", "shor"])
def test_end_to_end_on_fake_manila(store, circuit, check):
    record, counts = _roundtrip(store, circuit, "fake:manila")
    check(counts)
    assert record.summary["backend"] == "fake:manila"
    assert record.isa_circuits()[0].num_qubits == 5  # the ISA circuit, on the device's qubits


@pytest.mark.slow
@pytest.mark.parametrize("circuit, check", CASES, ids=["ghz", "grover", "shor"])
def test_end_to_end_on_fake_sherbrooke(store, circuit, check):
    record, counts = _roundtrip(store, circuit, "fake:sherbrooke", shots=1000)
    check(counts)
    assert record.isa_circuits()[0].num_qubits == 127


def test_reference_order_finding_circuit_is_exact():
    probs = reference_probabilities(
        order_finding_7_mod_15().remove_final_measurements(inplace=False)
    )
    marginal = {}
    for key, p in probs.items():
        marginal[key[-3:]] = marginal.get(key[-3:], 0.0) + p
    assert {k for k, p in marginal.items() if p > 1e-9} == {"000", "010", "100", "110"}
    assert all(math.isclose(p, 0.25, abs_tol=1e-9) for p in marginal.values() if p > 1e-9)


def test_all_circuits_go_in_one_job(store):
    record = submit([ghz_state(2), ghz_state(3)], "fake:manila", shots=300, seed=1, store=store)
    assert len(store.list_jobs()) == 1 and len(record.result["pubs"]) == 2
    widths = [{len(k) for k in p["counts"]} for p in record.result["pubs"]]
    assert widths == [{2}, {3}]


def test_new_process_reads_the_result_from_the_store(store):
    record = submit(ghz_state(3), "fake:manila", shots=500, seed=3, store=store)
    code = (
        "from qcog.ibm.jobs import job_result\n"
        f"r = job_result({record.job_id!r}, store={str(store.path)!r})\n"
        "print(r.status, sum(r.result['pubs'][0]['counts'].values()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.stdout.split() == ["done", "500"], out.stderr[-2000:]


def test_interrupted_local_job_reruns_from_the_store_with_the_same_counts(store, tmp_path):
    first = submit(ghz_state(3), "fake:manila", shots=400, seed=5, store=store)
    # Simulate a submitter killed before the local result was stored: same row, no result,
    # owned by a process that no longer exists.
    other = JobStore(tmp_path / "other.sqlite")
    lost = store.get(first.job_id)
    lost.result, lost.status, lost.raw_status, lost.pid = None, "running", "RUNNING", 2**22 + 12345
    other.add(lost)
    status = job_status(lost.job_id, store=other)
    assert (status.status, status.raw_status) == ("queued", "INTERRUPTED")
    again = wait_job(lost.job_id, store=other)
    assert again.status == "done" and again.result["rerun_from_store"]
    assert again.result["pubs"][0]["counts"] == first.result["pubs"][0]["counts"]  # same seed


def test_estimator_applies_the_layout_to_observables(store):
    record = submit(
        ghz_state(3), "fake:manila", observables=["ZZI", "XXX"], seed=2, store=store, shots=2000
    )
    assert record.kind == "estimator"
    (pub,) = record.result["pubs"]
    zz, xxx = pub["evs"]
    assert 0.7 < zz <= 1.05 and 0.6 < xxx <= 1.05  # ideal 1 and 1; noise shrinks them


def test_preview_shows_isa_cost_without_submitting(store):
    program = prepare(ghz_state(4), "fake:manila", seed=1)
    summary = program.summary(shots=1000)
    assert summary["circuits"][0]["twoq_gates"] >= 3 and summary["estimated_qpu_seconds"] > 0.25
    assert store.list_jobs() == []


def test_bad_input_is_caught_before_submission(store):
    from qiskit import QuantumCircuit

    non_isa = QuantumCircuit(5)
    non_isa.h(0)
    non_isa.cx(0, 4)
    with pytest.raises(NonIsaCircuitError, match=r"h on qubits \[0\].*cx on qubits \[0, 4\]"):
        submit(non_isa, "fake:manila", transpile=False, store=store)
    with pytest.raises(
        CircuitTooLargeError, match="needs 6 qubits but backend 'fake:manila' has 5"
    ):
        submit(ghz_state(6), "fake:manila", store=store)
    with pytest.raises(UnknownBackendError, match="fake:manila"):
        submit(ghz_state(2), "fake:manilla", store=store)
    with pytest.raises(QcogValueError, match="use qcog.run for Aer"):
        submit(ghz_state(2), "aer", store=store)
    assert store.list_jobs() == []


def test_unknown_ibm_backend_lists_close_matches():
    from qcog.ibm.submission import resolve_target

    class Named:
        def __init__(self, name):
            self.name = name

    class Service:
        def backends(self):
            return [Named("ibm_torino"), Named("ibm_fez"), Named("ibm_marrakesh")]

    with pytest.raises(UnknownBackendError, match="Did you mean ibm_torino"):
        resolve_target("ibm:ibm_torin", service=Service())


def test_package_level_names_are_the_functions():
    import qcog.ibm
    import qcog.ibm.submission  # importing the module must not shadow the function

    assert callable(qcog.ibm.submit) and qcog.ibm.submit is qcog.ibm.submission.submit
    from qcog.ibm import prepare, submit

    assert submit.__name__ == "submit" and prepare.__name__ == "prepare"


# --- the record is on disk before the runtime call (no kill window) ------------------------

FAKE_TOKEN = "qcogFAKEtoken-submit-5e6f7a"


def test_runtime_call_that_raises_leaves_an_error_record_with_the_circuits(store, monkeypatch):
    from qcog.ibm.submission import SubmissionError

    monkeypatch.setenv("QISKIT_IBM_TOKEN", FAKE_TOKEN)

    def refuse(*args, **kwargs):
        raise ConnectionError(f"socket closed while sending token={FAKE_TOKEN}")

    monkeypatch.setattr("qcog.ibm.submission.run_pubs", refuse)
    expected = prepare(ghz_state(3), "fake:manila", seed=4).circuits
    with pytest.raises(SubmissionError, match="did not reach") as info:
        submit(ghz_state(3), "fake:manila", shots=300, seed=4, tags=["t"], store=store)
    (record,) = store.list_jobs()
    assert record.job_id.startswith("pending-") and record.job_id in str(info.value)
    assert (record.status, record.raw_status, record.tags) == ("error", "SUBMIT_FAILED", ["t"])
    assert "ConnectionError: socket closed" in record.error
    assert FAKE_TOKEN not in record.error + str(info.value) + json.dumps(record.to_dict())
    assert record.isa_circuits() == expected  # QPY round trip of what would have been sent
    assert record.options["shots"] == 300 and record.backend == "fake:manila"


def test_failed_local_submission_reruns_from_the_store(store, monkeypatch):
    from qcog.ibm import submission
    from qcog.ibm.submission import SubmissionError

    real_run_pubs = submission.run_pubs
    monkeypatch.setattr(
        submission, "run_pubs", lambda *a, **k: (_ for _ in ()).throw(OSError("boom"))
    )
    with pytest.raises(SubmissionError, match="re-runs it from the stored circuits"):
        submit(ghz_state(3), "fake:manila", shots=400, seed=5, store=store)
    monkeypatch.setattr(submission, "run_pubs", real_run_pubs)
    (failed,) = store.list_jobs()
    again = wait_job(failed.job_id, store=store)
    reference = submit(ghz_state(3), "fake:manila", shots=400, seed=5, store=store)
    assert again.status == "done" and again.error is None and again.result["rerun_from_store"]
    assert again.result["pubs"][0]["counts"] == reference.result["pubs"][0]["counts"]


def test_provisional_record_is_on_disk_during_the_runtime_call(store, monkeypatch):
    from qcog.ibm import submission

    real_run_pubs = submission.run_pubs
    seen = []

    def observing(kind, mode_obj, pubs, options, tags=()):
        (row,) = JobStore(store.path).list_jobs()  # a separate connection, as another process
        seen.append(row)
        assert row.isa_circuits() == [pub[0] for pub in pubs]
        return real_run_pubs(kind, mode_obj, pubs, options, tags)

    monkeypatch.setattr(submission, "run_pubs", observing)
    record = submit(ghz_state(3), "fake:manila", shots=200, seed=6, tags=["x"], store=store)
    (during,) = seen
    assert during.job_id.startswith("pending-") and during.status == "submitting"
    assert (during.raw_status, during.tags, during.pid) == ("SUBMITTING", ["x"], os.getpid())
    assert during.options["shots"] == 200 and during.backend == "fake:manila"
    # (c) after success: one record, the real id, and the provisional id resolves to it
    (after,) = store.list_jobs()
    assert after.job_id == record.job_id != during.job_id
    assert not after.job_id.startswith("pending-") and after.status == "done"
    assert after.provisional_id == during.job_id
    assert store.get(during.job_id).job_id == record.job_id
    assert after.created == during.created and after.isa_circuits() == during.isa_circuits()


def test_resilience_and_precision_are_refused_for_sampler_jobs(store):
    from qcog.ibm.primitives import SubmitOptions

    for options in (SubmitOptions(resilience_level=1), SubmitOptions(precision=0.05)):
        with pytest.raises(QcogValueError, match="apply to estimator jobs only"):
            submit(ghz_state(2), "fake:manila", options=options, store=store)
    assert store.list_jobs() == []


def test_ctrl_c_during_the_runtime_call_marks_the_record_interrupted(store, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("qcog.ibm.submission.run_pubs", interrupt)
    with pytest.raises(KeyboardInterrupt):
        submit(ghz_state(2), "fake:manila", shots=100, seed=1, store=store)
    (record,) = store.list_jobs()
    assert (record.status, record.raw_status) == ("queued", "INTERRUPTED")
    assert record.isa_circuits()[0].num_qubits == 5
