"""The remote path against an HTTP-level fake of IBM Quantum (see fake_ibm_http.py)."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_ibm_http import FAKE_TOKEN

from qcog.circuits.states import ghz_state
from qcog.ibm.jobs import (
    JobCancelledError,
    JobFailedError,
    JobNotFinishedError,
    cancel_job,
    job_result,
    job_status,
    wait_job,
)
from qcog.ibm.polling import JobTimeoutError, PollPolicy, RetryPolicy
from qcog.ibm.submission import submit

FAST = PollPolicy(interval_s=0.0, timeout_s=None, retry=RetryPolicy(attempts=4, backoff_s=0.0))


def NO_SLEEP(seconds):
    return None


def _submit(store, service, **kw):
    return submit(ghz_state(3), "ibm:ibm_fakecity", shots=1000, store=store, service=service, **kw)


def _no_token_anywhere(store, caplog, *texts):
    assert FAKE_TOKEN not in Path(store.path).read_bytes().decode("latin-1")
    assert FAKE_TOKEN not in caplog.text
    for text in texts:
        assert FAKE_TOKEN not in str(text)


def test_queued_running_done_with_result_and_usage(fake_ibm, store, caplog):
    server, service = fake_ibm
    caplog.set_level(logging.DEBUG)
    record = _submit(store, service, tags=["exp-1"])
    assert store.get(record.job_id).status == "queued"  # on record before waiting
    assert ("POST", "/api/v1/jobs") in server.calls
    seen = []
    done = wait_job(record.job_id, store, service, FAST, sleep=NO_SLEEP)
    seen = [s for m, s in server.calls if m == "GET" and s.endswith(record.job_id)]
    assert len(seen) >= 2  # polled through running
    assert (done.status, done.raw_status) == ("done", "DONE")
    assert done.result["pubs"][0]["counts"] == {"000": 480, "111": 520}
    assert done.usage_s == 3.0 and done.tags == ["exp-1"]
    calls_before = len(server.calls)
    again = job_result(record.job_id, store, service)  # served from the store
    assert again.result == done.result and len(server.calls) == calls_before
    _no_token_anywhere(store, caplog, done.to_dict())


def test_error_keeps_the_message_without_the_token(fake_ibm, store, caplog):
    server, service = fake_ibm
    server.script = ["Queued", "Failed"]
    server.reason = f"calibration failed on qubit 3 (client key {FAKE_TOKEN})"
    record = _submit(store, service)
    final = wait_job(record.job_id, store, service, FAST, sleep=NO_SLEEP)
    assert final.status == "error" and "calibration failed on qubit 3" in final.error
    assert FAKE_TOKEN not in final.error and "***" in final.error
    with pytest.raises(JobFailedError, match="calibration failed") as info:
        job_result(record.job_id, store, service)
    _no_token_anywhere(store, caplog, info.value)


def test_cancelled_and_unknown_cancelled_states_are_final(fake_ibm, store):
    server, service = fake_ibm
    server.script = ["Queued", "CANCELLED - BY ADMINISTRATOR"]
    record = _submit(store, service)
    final = wait_job(record.job_id, store, service, FAST, sleep=NO_SLEEP)
    assert (final.status, final.raw_status) == ("cancelled", "CANCELLED - BY ADMINISTRATOR")
    with pytest.raises(JobCancelledError):
        job_result(record.job_id, store, service)


def test_cancel_a_queued_job(fake_ibm, store):
    server, service = fake_ibm
    server.script = ["Queued"]
    record = _submit(store, service)
    assert job_status(record.job_id, store, service).status == "queued"
    with pytest.raises(JobNotFinishedError, match="qcog jobs wait"):
        job_result(record.job_id, store, service)
    assert cancel_job(record.job_id, store, service).status == "cancelled"
    assert ("POST", f"/api/v1/jobs/{record.job_id}/cancel") in server.calls


@pytest.mark.parametrize("failures", [[503, 502, 500], ["reset", "reset", 503]])
def test_transient_failures_are_retried(fake_ibm, store, failures):
    server, service = fake_ibm
    record = _submit(store, service)
    server.failures.extend(failures)
    final = wait_job(record.job_id, store, service, FAST, sleep=NO_SLEEP)
    assert final.status == "done" and not server.failures


def test_persistent_connection_failure_is_a_clear_error(fake_ibm, store, caplog):
    server, service = fake_ibm
    record = _submit(store, service)
    server.failures.extend(["reset"] * 10)
    with pytest.raises(Exception, match="could not look up job .*connection reset") as info:
        job_status(record.job_id, store, service, RetryPolicy(attempts=3, backoff_s=0.0))
    _no_token_anywhere(store, caplog, info.value)


def test_timeout_leaves_the_job_on_record(fake_ibm, store):
    server, service = fake_ibm
    server.script = ["Queued"]
    record = _submit(store, service)
    clock = iter(range(0, 1000, 10)).__next__  # 10 s per status query
    with pytest.raises(JobTimeoutError, match="still queued after 30 s"):
        wait_job(
            record.job_id,
            store,
            service,
            PollPolicy(interval_s=10, timeout_s=30),
            sleep=NO_SLEEP,
            clock=clock,
        )
    assert store.get(record.job_id).status == "queued"


_SUBMITTER = """
import os, sys, time
sys.path.insert(0, {tests!r})
import responses
from fake_ibm_http import FakeIBM, fake_target
import qcog.ibm.submission as sub
from qcog.circuits.states import ghz_state
with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
    server = FakeIBM(rsps, script=["Queued"])
    service = server.service()
    sub.resolve_target = fake_target()
    sub.run_pubs = server.run_pubs(service)
    record = sub.submit(ghz_state(3), "ibm:ibm_fakecity", shots=1000, store={store!r},
                        service=service, wait=True)
"""


def test_process_killed_while_waiting_then_result_recovered(fake_ibm, store, tmp_path):
    server, service = fake_ibm
    script = tmp_path / "submitter.py"
    script.write_text(_SUBMITTER.format(tests=str(Path(__file__).parent), store=str(store.path)))
    env = {**os.environ, "IAM_URL": os.environ["IAM_URL"], "QISKIT_IBM_TOKEN": FAKE_TOKEN}
    proc = subprocess.Popen(
        [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60

    def submitted():  # the record exists from before the POST; wait for the real job id
        return any(r.status != "submitting" for r in store.list_jobs())

    while not submitted() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    time.sleep(0.3)  # it is now polling a job that stays queued
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    (lost,) = store.list_jobs()
    assert lost.status == "queued"
    # The job finished on IBM's side meanwhile; this process knows only the store.
    server.add_job(lost.job_id, ["Completed"], counts=[{"000": 505, "111": 495}])
    recovered = job_result(lost.job_id, store, service)
    assert recovered.status == "done"
    assert recovered.result["pubs"][0]["counts"] == {"000": 505, "111": 495}
    assert FAKE_TOKEN not in (out + err).decode()
