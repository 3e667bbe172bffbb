"""Records left ``submitting`` by a process that died during the runtime call are never dropped."""

import os
import time

import pytest

from qcog.circuits.states import ghz_state
from qcog.ibm.jobs import (
    JobNotFinishedError,
    SubmissionInterruptedError,
    cancel_job,
    job_result,
    job_status,
    refresh_local,
    wait_job,
)
from qcog.ibm.store import JobRecord, circuits_to_qpy, provisional_job_id

DEAD_PID = 2**22 + 12345  # above Linux's largest pid_max: no such process


def _submitting(local: bool, pid: int, created: float = 1_700_000_000.0) -> JobRecord:
    """A provisional record as submit() writes it before calling the runtime."""
    from qcog.ibm.submission import prepare

    circuits = prepare(ghz_state(3), "fake:manila", seed=5).circuits
    return JobRecord(
        job_id=provisional_job_id(),
        backend="fake:manila" if local else "ibm:ibm_fakecity",
        local=local,
        kind="sampler",
        mode="job",
        status="submitting",
        created=created,
        updated=created,
        circuits=circuits_to_qpy(circuits),
        options={"shots": 400, "seed": 5},
        tags=["nightly"],
        raw_status="SUBMITTING",
        pid=pid,
    )


def test_dead_remote_submitter_is_reported_as_interrupted(store):
    lost = _submitting(local=False, pid=DEAD_PID)
    store.add(lost)
    status = job_status(lost.job_id, store=store, service=object())  # no network needed
    assert (status.status, status.raw_status) == ("submitting", "SUBMIT_INTERRUPTED")
    assert status.error.startswith(
        "submission interrupted: it may or may not have reached IBM; `qcog jobs reconcile` "
        f"asks IBM for the job tagged qcog-rec-{lost.job_id} and links it"
    )
    assert (
        "dashboard for jobs created at 2023-11-14T22:13:20Z on ibm_fakecity with tags nightly"
        in (status.error)
    )
    assert [r.job_id for r in store.list_jobs()] == [lost.job_id]  # never dropped
    with pytest.raises(SubmissionInterruptedError, match="may or may not have reached IBM"):
        job_result(lost.job_id, store=store)
    with pytest.raises(SubmissionInterruptedError, match="created at 2023-11-14T22:13:20Z"):
        wait_job(lost.job_id, store=store)
    assert cancel_job(lost.job_id, store=store).status == "cancelled"


def test_live_submitter_keeps_the_record_submitting(store):
    busy = _submitting(local=False, pid=os.getpid(), created=time.time())
    store.add(busy)
    assert job_status(busy.job_id, store=store).raw_status == "SUBMITTING"
    assert refresh_local(store, store.get(busy.job_id)).status == "submitting"
    with pytest.raises(JobNotFinishedError, match="still being submitted"):
        job_result(busy.job_id, store=store)
    with pytest.raises(JobNotFinishedError, match="still being submitted"):
        cancel_job(busy.job_id, store=store)
    from qcog.ibm.polling import JobTimeoutError, PollPolicy

    with pytest.raises(JobTimeoutError, match="still being submitted after 0.05 s"):
        wait_job(busy.job_id, store=store, poll=PollPolicy(interval_s=0.01, timeout_s=0.05))


def test_dead_local_submitter_is_rerun_from_the_store(store):
    from qcog.ibm.submission import submit

    lost = _submitting(local=True, pid=DEAD_PID)
    store.add(lost)
    assert refresh_local(store, lost).raw_status == "INTERRUPTED"  # what `jobs list` shows
    again = wait_job(lost.job_id, store=store)
    reference = submit(ghz_state(3), "fake:manila", shots=400, seed=5, store=store)
    assert again.status == "done" and again.result["rerun_from_store"]
    assert again.result["pubs"][0]["counts"] == reference.result["pubs"][0]["counts"]


def test_refresh_statuses_asks_ibm_only_for_unfinished_remote_jobs(fake_ibm, store):
    from qcog.circuits.states import ghz_state
    from qcog.ibm.jobs import refresh_statuses
    from qcog.ibm.submission import submit

    server, service = fake_ibm
    server.script = ["Completed"]
    finished = submit(ghz_state(2), "ibm:ibm_fakecity", shots=10, store=store, service=service)
    job_status(finished.job_id, store, service)  # now done in the store: never asked again
    server.script = ["Queued", "Running"]
    running = submit(ghz_state(2), "ibm:ibm_fakecity", store=store, service=service)
    before = len(server.calls)
    records, notes = refresh_statuses(store, store.list_jobs(), service)
    assert notes == [] and {r.job_id: r.status for r in records} == {
        running.job_id: "running",
        finished.job_id: "done",
    }
    looked_up = [path for _, path in server.calls[before:]]
    assert looked_up and all(running.job_id in path for path in looked_up)
    server.offline = True
    from qcog.ibm.polling import RetryPolicy

    records, notes = refresh_statuses(store, store.list_jobs(), service, RetryPolicy(1))
    (note,) = notes
    assert note.startswith("statuses of IBM jobs are as last seen: could not look up job")
    assert "IBM Quantum is unreachable" in note and len(records) == 2


def test_waiting_says_what_it_waits_for(fake_ibm, store):
    from qcog.circuits.states import ghz_state
    from qcog.ibm.polling import JobTimeoutError, PollPolicy
    from qcog.ibm.submission import submit

    server, service = fake_ibm
    server.script = ["Queued"] * 4 + ["Running"] * 2 + ["Completed"]
    record = submit(ghz_state(2), "ibm:ibm_fakecity", store=store, service=service)
    lines = []
    clock = iter(range(0, 1000, 10)).__next__
    done = wait_job(
        record.job_id,
        store,
        service,
        PollPolicy(interval_s=10, timeout_s=500),
        sleep=lambda s: None,
        clock=clock,
        progress=lines.append,
    )
    assert done.status == "done"
    what = f"waiting for job {record.job_id} on ibm:ibm_fakecity"
    assert [line.split(":")[-1].split(" after")[0].strip() for line in lines] == [
        "queued",
        "running",
        "done",
    ]
    assert all(line.startswith(what) and line.endswith("(timeout 500 s)") for line in lines)
    server.script = ["Queued"]
    stuck = submit(ghz_state(2), "ibm:ibm_fakecity", store=store, service=service, shots=7)
    with pytest.raises(JobTimeoutError, match=f"gave up waiting for job {stuck.job_id} on "):
        wait_job(
            stuck.job_id,
            store,
            service,
            PollPolicy(interval_s=10, timeout_s=30),
            sleep=lambda s: None,
            clock=iter(range(0, 1000, 10)).__next__,
        )
