"""Tracking stored jobs across processes: status, wait, result, cancel.

Remote jobs are looked up with ``service.job(job_id)`` (retried with backoff on
transient errors). Local jobs (fake backends, qiskit-ibm-runtime's local testing mode)
cannot be fetched from another process, so their results are stored the moment they
finish; a local job whose submitting process died before that is re-run from the ISA
circuits and options in the store (same seed, same result).

A record still ``submitting`` (written before the runtime call, under a ``pending-...``
id) whose submitting process is gone is never dropped: a local one is re-run like any
interrupted local job; a remote one is reported as an interrupted submission that may or
may not have reached IBM, with the time and backend to look for on the dashboard.

>>> from qcog.ibm.store import JobStore
>>> import tempfile, os
>>> store = JobStore(os.path.join(tempfile.mkdtemp(), "jobs.sqlite"))
>>> try:
...     job_status("no-such-job", store=store)
... except UnknownJobError as exc:
...     print("not in store")
not in store
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogError
from qcog.ibm.account import redact, redacted_logs
from qcog.ibm.polling import (
    JobTimeoutError,
    PollPolicy,
    RetryPolicy,
    poll_until_final,
    with_retries,
)
from qcog.ibm.status import (
    INTERRUPTED,
    SUBMIT_FAILED,
    SUBMIT_INTERRUPTED,
    is_final,
    normalize_status,
    raw_status_text,
)
from qcog.ibm.store import JobRecord, JobStore, UnknownJobError

__all__ = [
    "JobCancelledError",
    "JobFailedError",
    "JobNotFinishedError",
    "SubmissionInterruptedError",
    "UnknownJobError",
    "cancel_job",
    "export_json",
    "job_result",
    "job_status",
    "refresh_local",
    "refresh_statuses",
    "wait_job",
]


#: Seconds ``job.result()`` may wait for a final state (it is only called on final jobs).
RESULT_TIMEOUT_S = 600.0


class JobFailedError(QcogError):
    """The job ended in error; the message is the service's (tokens removed)."""


class JobCancelledError(QcogError):
    """The job was cancelled, so it has no result."""


class JobNotFinishedError(QcogError):
    """The job has no result yet; wait for it."""


class SubmissionInterruptedError(QcogError):
    """The submitting process died during the runtime call; IBM may or may not have the job."""


class Tracker:
    """Store + service + retry policy for one command; opens the service only when needed."""

    def __init__(
        self, store=None, service=None, retry: RetryPolicy = RetryPolicy(), sleep=time.sleep
    ):
        self.store = store if isinstance(store, JobStore) else JobStore(store)
        self._service = service
        self.retry = retry
        self.sleep = sleep

    @property
    def service(self):
        if self._service is None:
            from qcog.ibm.account import open_service

            self._service = open_service()
        return self._service

    def remote_job(self, job_id: str):
        """``service.job(job_id)``, retried on transient errors."""
        return self.call(lambda: self.service.job(job_id), f"look up job {job_id}")

    def call(self, fn: Callable[[], Any], what: str) -> Any:
        """``fn()`` retried on transient errors; failures become one clear qcog error.

        Raises:
            ServiceUnreachableError: the network or the service is unreachable.
            BackendUnavailableError: the service refused the call (message without secrets).
        """
        from qcog.ibm.runtime_messages import collected_runtime_messages
        from qcog.ibm.service_errors import service_error

        with redacted_logs(), collected_runtime_messages():
            try:
                return with_retries(fn, self.retry, self.sleep)
            except QcogError:
                raise
            except Exception as exc:
                hint = "the job stays in the job store; try again later"
                raise service_error(exc, what, hint=hint) from None

    _call = call


def _process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours, or a platform without signal 0
        return True
    return True


def _error_text(job) -> str | None:
    try:
        message = job.error_message()
    except Exception as exc:  # the message itself could not be fetched
        message = f"(error message unavailable: {type(exc).__name__})"
    return None if message is None else redact(message)


def _refresh_remote(tracker: Tracker, record: JobRecord, job=None) -> JobRecord:
    job = job or tracker.remote_job(record.job_id)
    raw = tracker.call(job.status, f"get the status of job {record.job_id}")
    state = normalize_status(raw)
    fields: dict[str, Any] = {"status": state, "raw_status": raw_status_text(raw)}
    if state == "error":
        fields["error"] = _error_text(job)
    tracker.store.update(record.job_id, **fields)
    return tracker.store.get(record.job_id)


def interrupted_message(record: JobRecord) -> str:
    """What to tell the user about a remote submission whose process died mid-call."""
    from qcog.ibm.fingerprint import RECORD_PREFIX

    device = record.backend.removeprefix("ibm:")
    tags = f" with tags {', '.join(record.tags)}" if record.tags else ""
    return (
        "submission interrupted: it may or may not have reached IBM; `qcog jobs reconcile` "
        f"asks IBM for the job tagged {RECORD_PREFIX}{record.job_id} and links it (or "
        f"records that it never arrived); or check the IBM Quantum dashboard for jobs created "
        f"at {record.to_dict()['created_utc']} on {device}{tags}. The ISA circuits, options "
        f"and tags are kept in the job store as {record.job_id}"
    )


def _refresh_submitting(tracker: Tracker, record: JobRecord) -> JobRecord:
    """A ``submitting`` record whose submitter is gone: mark it interrupted (no network)."""
    if (
        record.status != "submitting"
        or record.raw_status == SUBMIT_INTERRUPTED
        or _process_alive(record.pid)
    ):
        return record
    if record.local:  # it never left this machine: re-run it like any interrupted local job
        tracker.store.update(record.job_id, status="queued", raw_status=INTERRUPTED)
    else:
        tracker.store.update(
            record.job_id, raw_status=SUBMIT_INTERRUPTED, error=interrupted_message(record)
        )
    return tracker.store.get(record.job_id)


def _still_submitting_error(record: JobRecord) -> QcogError:
    if record.raw_status == SUBMIT_INTERRUPTED:
        return SubmissionInterruptedError(record.error or interrupted_message(record))
    return JobNotFinishedError(
        f"job {record.job_id} is still being submitted (process {record.pid}); "
        f"it has no IBM job id yet: try `qcog jobs status {record.job_id}` in a moment"
    )


def _await_submission(tracker: Tracker, job_id: str, poll: PollPolicy, sleep, clock) -> JobRecord:
    """Wait while another live process is submitting the job; return the renamed record."""
    start = clock()
    while True:
        record = _refresh_submitting(tracker, tracker.store.get(job_id))
        if record.status != "submitting":
            return record
        if record.raw_status == SUBMIT_INTERRUPTED:
            raise _still_submitting_error(record)
        if poll.timeout_s is not None and clock() - start + poll.interval_s > poll.timeout_s:
            raise JobTimeoutError(
                f"job {job_id} is still being submitted after {poll.timeout_s:g} s; "
                f"check it later with `qcog jobs status {job_id}`"
            )
        sleep(poll.interval_s)


def _refresh_local(tracker: Tracker, record: JobRecord) -> JobRecord:
    if record.result is not None or is_final(record.status) or _process_alive(record.pid):
        return record
    tracker.store.update(record.job_id, status="queued", raw_status=INTERRUPTED)
    return tracker.store.get(record.job_id)


def refresh_local(store: JobStore, record: JobRecord) -> JobRecord:
    """Bring a job's status up to date without any network (is its submitter alive?).

    Covers local jobs and records still ``submitting``; other remote jobs are unchanged.
    """
    tracker = Tracker(store)
    if record.status == "submitting":
        record = _refresh_submitting(tracker, record)
    return _refresh_local(tracker, record) if record.local else record


def job_status(
    job_id: str, store=None, service=None, retry: RetryPolicy = RetryPolicy()
) -> JobRecord:
    """The job's record with its status brought up to date (final states are not re-queried).

    A local job whose submitting process ended before it finished shows ``queued`` with
    raw status ``INTERRUPTED``; :func:`wait_job` re-runs it from the store. A remote job
    still ``submitting`` whose process is gone gets raw status ``SUBMIT_INTERRUPTED`` and
    an ``error`` text saying when and where to look for it on the IBM dashboard.

    Raises:
        UnknownJobError: the id is not in the store.
        QcogError: the service could not be reached after retries.
    """
    tracker = Tracker(store, service, retry)
    record = tracker.store.get(job_id)
    if record.status == "submitting":
        record = _refresh_submitting(tracker, record)
        if record.status == "submitting":
            return record
    if is_final(record.status):
        return record
    if record.local:
        return _refresh_local(tracker, record)
    return _refresh_remote(tracker, record)


def _store_result(
    tracker: Tracker, record: JobRecord, result: dict, usage_s: float | None
) -> JobRecord:
    tracker.store.update(
        record.job_id, status="done", raw_status="DONE", result=result, usage_s=usage_s, error=None
    )
    return tracker.store.get(record.job_id)


def finish_local(
    store: JobStore, record: JobRecord, job, poll: PollPolicy = PollPolicy()
) -> JobRecord:
    """Wait for a local job (in this process) and store its result or its error."""
    from qcog.ibm.primitives import result_records

    try:
        primitive_result = job.result()
    except Exception as exc:
        store.update(record.job_id, status="error", raw_status="ERROR", error=redact(exc))
        raise JobFailedError(f"local job {record.job_id} failed: {redact(exc)}") from None
    result = result_records(record.kind, primitive_result)
    result["local_job_id"] = job.job_id()
    store.update(
        record.job_id, status="done", raw_status="DONE", result=result, usage_s=0.0, error=None
    )
    return store.get(record.job_id)


def _rerun_local(tracker: Tracker, record: JobRecord, poll: PollPolicy) -> JobRecord:
    """Run an interrupted local job again from its stored ISA circuits and options."""
    from qcog.backends.fake import fake_backend
    from qcog.ibm.primitives import SubmitOptions, open_mode, run_pubs
    from qcog.ibm.store import observables_from_data

    backend = fake_backend(record.backend.removeprefix("fake:"))
    circuits = record.isa_circuits()
    observables = observables_from_data(record.observables)
    pubs = [(c,) for c in circuits] if observables is None else list(zip(circuits, observables))
    options = SubmitOptions(**record.options)
    job = run_pubs(record.kind, open_mode("job", backend), pubs, options, record.tags)
    tracker.store.update(record.job_id, status="running", raw_status="RUNNING", pid=os.getpid())
    done = finish_local(tracker.store, record, job, poll)
    result = dict(done.result or {})
    result["rerun_from_store"] = True
    tracker.store.update(record.job_id, result=result)
    return tracker.store.get(record.job_id)


def _fetch_remote_result(tracker: Tracker, record: JobRecord, job) -> JobRecord:
    from qcog.ibm.primitives import quiet_deprecations, result_records

    def fetch():
        with quiet_deprecations():  # the job is final: result() only downloads it
            return job.result(timeout=RESULT_TIMEOUT_S)

    primitive_result = tracker.call(fetch, f"fetch the result of job {record.job_id}")
    result = result_records(record.kind, primitive_result)
    try:
        usage = float(with_retries(job.usage, tracker.retry, tracker.sleep))
    except Exception:  # usage is informative only
        usage = None
    return _store_result(tracker, record, result, usage)


def wait_job(
    job_id: str,
    store=None,
    service=None,
    poll: PollPolicy = PollPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    progress: Callable[[str], None] | None = None,
) -> JobRecord:
    """Poll until the job is final, then store and return its record (with the result if done).

    A record still ``submitting`` is waited for while its submitter lives; a local job
    whose submission failed or was interrupted is re-run from the stored circuits.

    Args:
        progress: called with a one-line message whenever the job's state changes
            (what is waited for, its state, the time waited and the timeout).

    Raises:
        JobTimeoutError: not final within ``poll.timeout_s`` (the record stays in the store).
        SubmissionInterruptedError: the remote submission was interrupted (no job id).
    """
    tracker = Tracker(store, service, poll.retry, sleep)
    record = tracker.store.get(job_id)
    if record.status == "submitting":
        record = _await_submission(tracker, job_id, poll, sleep, clock)
    job_id = record.job_id  # the real id once the submission has returned
    if record.result is not None:
        return record
    if record.local:
        record = _refresh_local(tracker, record)
        if record.raw_status in (INTERRUPTED, SUBMIT_FAILED):
            return _rerun_local(tracker, record, poll)
        if is_final(record.status):
            return record

        def local_state() -> str:
            return tracker.store.get(job_id).status

        what = f"job {job_id} on {record.backend}"
        on_state = _progress_reporter(what, poll, clock, progress)
        poll_until_final(local_state, poll, sleep, clock, on_state, what, job_id)
        return tracker.store.get(job_id)
    job = tracker.remote_job(job_id)
    current = {"record": record}

    def remote_state() -> str:
        current["record"] = _refresh_remote(tracker, current["record"], job)
        return current["record"].status

    what = f"job {job_id} on {record.backend}"
    on_state = _progress_reporter(what, poll, clock, progress)
    state = poll_until_final(remote_state, poll, sleep, clock, on_state, what, job_id)
    if state == "done":
        return _fetch_remote_result(tracker, current["record"], job)
    return current["record"]


def _progress_reporter(
    what: str, poll: PollPolicy, clock: Callable[[], float], progress
) -> Callable[[str], None] | None:
    """An ``on_state`` callback that reports each change of state through ``progress``."""
    if progress is None:
        return None
    start, last = clock(), {"state": None}
    limit = "no time limit" if poll.timeout_s is None else f"timeout {poll.timeout_s:g} s"

    def on_state(state: str) -> None:
        if state != last["state"]:
            last["state"] = state
            waited = clock() - start
            progress(f"waiting for {what}: {state} after {waited:.0f} s ({limit})")

    return on_state


def refresh_statuses(
    store: JobStore, records: list[JobRecord], service=None, retry: RetryPolicy = RetryPolicy()
) -> tuple[list[JobRecord], list[str]]:
    """Ask IBM for the status of every remote job in ``records`` that is not final.

    Local jobs and interrupted submissions are brought up to date without the network.
    A failure does not stop the listing: the record stays as last seen and a note says why.

    Returns:
        ``(records, notes)``: the records, refreshed where possible, and one note per
        failure (the first network failure stops further queries).
    """
    tracker = Tracker(store, service, retry)
    out, notes = [], []
    for record in records:
        record = refresh_local(store, record)
        if record.local or is_final(record.status) or record.status == "submitting" or notes:
            out.append(record)
            continue
        try:
            record = _refresh_remote(tracker, record)
        except QcogError as exc:
            notes.append(f"statuses of IBM jobs are as last seen: {exc}")
        out.append(record)
    return out, notes


def job_result(
    job_id: str,
    store=None,
    service=None,
    wait: bool = False,
    poll: PollPolicy = PollPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str], None] | None = None,
) -> JobRecord:
    """The job's record with its result: from the store, else fetched once and stored.

    Args:
        wait: poll until the job is final instead of failing when it is not.
        progress: for ``wait``: called with a line whenever the job's state changes.

    Raises:
        JobFailedError: the job ended in error (with the service's message).
        JobCancelledError: the job was cancelled.
        JobNotFinishedError: the job is still queued or running (and ``wait`` is False).
        SubmissionInterruptedError: the remote submission was interrupted (no job id).
    """
    tracker = Tracker(store, service, poll.retry, sleep)
    record = tracker.store.get(job_id)
    if record.status == "submitting":
        record = _refresh_submitting(tracker, record)
        if record.status == "submitting" and not wait:
            raise _still_submitting_error(record)
    job_id = record.job_id
    if record.result is None:
        if wait or (record.local and _refresh_local(tracker, record).raw_status == INTERRUPTED):
            record = wait_job(job_id, tracker.store, service, poll, sleep, progress=progress)
        elif not record.local:
            job = tracker.remote_job(job_id)
            record = _refresh_remote(tracker, record, job)
            if record.status == "done":
                record = _fetch_remote_result(tracker, record, job)
    if record.result is not None:
        return record
    if record.status == "error":
        raise JobFailedError(f"job {record.job_id} failed: {record.error or 'no message'}")
    if record.status == "cancelled":
        raise JobCancelledError(f"job {record.job_id} was cancelled; it has no result")
    raise JobNotFinishedError(
        f"job {record.job_id} is {record.status}; wait for it with `qcog jobs wait {record.job_id}`"
    )


def cancel_job(
    job_id: str, store=None, service=None, retry: RetryPolicy = RetryPolicy()
) -> JobRecord:
    """Cancel a queued or running job; a final job is left as it is.

    Local jobs cannot be stopped from another process: an unfinished one is marked
    cancelled in the store (so it will not be re-run). So is an interrupted submission
    (it has no IBM job id: if it reached IBM, cancel it on the dashboard).

    Raises:
        JobNotFinishedError: another live process is submitting the job right now.
    """
    tracker = Tracker(store, service, retry)
    record = _refresh_submitting(tracker, tracker.store.get(job_id))
    if is_final(record.status):
        return record
    if record.status == "submitting" and record.raw_status != SUBMIT_INTERRUPTED:
        raise _still_submitting_error(record)
    if record.local or record.status == "submitting":  # no IBM job id to cancel
        tracker.store.update(record.job_id, status="cancelled", raw_status="CANCELLED")
        return tracker.store.get(record.job_id)
    job = tracker.remote_job(job_id)
    tracker.call(job.cancel, f"cancel job {job_id}")
    return _refresh_remote(tracker, record, job)


def export_json(record: JobRecord, path: str | os.PathLike) -> Path:
    """Write the record (with its result) as JSON to ``path``; return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record.to_dict(), indent=2, sort_keys=True), encoding="utf-8")
    return target
