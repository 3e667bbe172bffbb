"""Fill the job store back from IBM Quantum: after a crash, a lost store or on a second machine.

Every qcog submission is tagged (see :mod:`qcog.ibm.fingerprint`). :func:`reconcile`
asks the service for this account's jobs tagged ``qcog`` and, without resubmitting
anything:

* adds the jobs the store does not know (a lost store, another machine), with their
  ISA circuits taken from the job's inputs when the service returns them;
* links a submission that was interrupted before IBM returned its id (``pending-...``,
  ``SUBMIT_INTERRUPTED``) to the job carrying its ``qcog-rec-`` tag, or, when no job
  carries it, records that the submission never reached IBM;
* brings statuses up to date and fetches the results of finished jobs.

>>> ReconcileReport().summary_line()
'IBM Quantum lists 0 qcog job(s): 0 added, 0 linked, 0 updated, 0 result(s) fetched'
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.ibm.fingerprint import QCOG_TAG, RECORD_PREFIX, parse_tags
from qcog.ibm.polling import RetryPolicy
from qcog.ibm.status import SUBMIT_FAILED, SUBMIT_INTERRUPTED, normalize_status, raw_status_text
from qcog.ibm.store import JobRecord, JobStore, UnknownJobError, circuits_to_qpy

#: Primitive (program) ids of the runtime -> qcog's job kind, when no kind tag says it.
PROGRAM_KINDS = {"sampler": "sampler", "estimator": "estimator"}


@dataclass
class ReconcileReport:
    """What :func:`reconcile` did, job ids per outcome.

    Attributes:
        found: qcog jobs the service lists for this account (up to the limit).
        added: jobs the store did not have, now recorded.
        linked: interrupted submissions matched to their IBM job (``pending -> id``).
        never_submitted: interrupted submissions no IBM job carries: they never arrived.
        updated: jobs whose status changed.
        results: jobs whose result was fetched and stored.
        unchanged: jobs already up to date.
        errors: one line per job that could not be brought up to date.
    """

    found: int = 0
    added: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    never_submitted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary_line(self) -> str:
        line = (
            f"IBM Quantum lists {self.found} qcog job(s): {len(self.added)} added, "
            f"{len(self.linked)} linked, {len(self.updated)} updated, "
            f"{len(self.results)} result(s) fetched"
        )
        if self.never_submitted:
            line += f", {len(self.never_submitted)} interrupted submission(s) never reached IBM"
        if self.errors:
            line += f", {len(self.errors)} error(s)"
        return line


def _created(job) -> float:
    try:
        stamp = job.creation_date
    except Exception:  # the date is informative only
        stamp = None
    return stamp.timestamp() if stamp is not None else time.time()


def _backend_name(job) -> str:
    try:
        backend = job.backend()
    except Exception:  # a retired backend or a failed look-up: keep the job anyway
        backend = None
    name = getattr(backend, "name", None)
    return f"ibm:{name}" if name else "ibm:unknown"


def _input_circuits(job) -> list:
    """The circuits in the job's inputs (QuantumCircuits anywhere in the params)."""
    from qiskit import QuantumCircuit

    found: list = []

    def walk(value: Any) -> None:
        if isinstance(value, QuantumCircuit):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    try:
        walk(job.inputs)
    except Exception:  # inputs may be withheld or undecodable: the record says so
        return []
    return found


def _new_record(job, raw: str) -> JobRecord:
    """A store record for a job the store never saw, from what the service says."""
    tags = parse_tags(job.tags)
    circuits = _input_circuits(job)
    created = _created(job)
    kind = tags.kind or PROGRAM_KINDS.get(getattr(job, "primitive_id", ""), "sampler")
    return JobRecord(
        job_id=job.job_id(),
        backend=_backend_name(job),
        local=False,
        kind=kind,
        mode="unknown",
        status=normalize_status(raw),
        raw_status=raw_status_text(raw),
        created=created,
        updated=time.time(),
        circuits=circuits_to_qpy(circuits),
        tags=list(tags.user_tags),
        summary={
            "recovered_by": "qcog jobs reconcile",
            "circuits_recovered": len(circuits),
            "note": "options and observables are not recorded for a job recovered from IBM",
        },
        provisional_id=tags.record_id,
        fingerprint=tags.fingerprint,
    )


def _local_record(store: JobStore, job) -> JobRecord | None:
    """The store's record of ``job``: by its id, else by the record id in its tags."""
    for key in (job.job_id(), parse_tags(job.tags).record_id):
        if not key:
            continue
        try:
            return store.get(key)
        except UnknownJobError:
            continue
    return None


def adopt_job(tracker, job, report: ReconcileReport, fetch_results: bool = True) -> JobRecord:
    """Bring one remote job into the store (add, link or update it); return its record.

    Args:
        tracker: a :class:`qcog.ibm.jobs.Tracker` (store, service, retries).
        job: the runtime job (``RuntimeJobV2``).
        report: where the outcome is noted.
        fetch_results: also fetch and store the result of a finished job.
    """
    from qcog.ibm.jobs import _fetch_remote_result, _refresh_remote

    store = tracker.store
    job_id = job.job_id()
    record = _local_record(store, job)
    outcome = None
    if record is None:
        raw = tracker.call(job.status, f"get the status of job {job_id}")
        store.add(_new_record(job, raw))
        report.added.append(job_id)
        outcome, record = "added", store.get(job_id)
    elif record.job_id != job_id:  # an interrupted submission that did reach IBM
        store.rename(record.job_id, job_id, status="queued", raw_status="QUEUED", error=None)
        report.linked.append(f"{record.job_id} -> {job_id}")
        outcome, record = "linked", store.get(job_id)
    before = record.status
    if outcome != "added" and record.status not in ("done", "error", "cancelled"):
        record = _refresh_remote(tracker, record, job)
    fetched = fetch_results and record.status == "done" and record.result is None
    if fetched:
        record = _fetch_remote_result(tracker, record, job)
        report.results.append(job_id)
    if outcome is None and record.status != before:
        report.updated.append(job_id)
    elif outcome is None and not fetched:
        report.unchanged.append(job_id)
    return record


def _settle_interrupted(tracker, report: ReconcileReport, fetch_results: bool) -> None:
    """Ask IBM, by record tag, about every interrupted submission still in the store."""
    for record in tracker.store.list_jobs(status="submitting"):
        if record.raw_status != SUBMIT_INTERRUPTED or record.local:
            continue
        tag = RECORD_PREFIX + record.job_id

        def query(tag: str = tag) -> list:
            return tracker.service.jobs(job_tags=[tag], limit=1)

        try:
            jobs = tracker.call(query, f"look for the job tagged {tag}")
        except Exception as exc:
            report.errors.append(f"{record.job_id}: {exc}")
            continue
        if jobs:
            adopt_job(tracker, jobs[0], report, fetch_results)
            continue
        tracker.store.update(
            record.job_id,
            status="error",
            raw_status=SUBMIT_FAILED,
            error=(
                "the submission never reached IBM Quantum: no job of this account carries its "
                f"tag {tag} (checked by `qcog jobs reconcile` at "
                f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}); the ISA circuits "
                "and options are kept here: submit them again"
            ),
        )
        report.never_submitted.append(record.job_id)


def reconcile(
    store=None,
    service=None,
    limit: int | None = 200,
    fetch_results: bool = True,
    retry: RetryPolicy = RetryPolicy(),
) -> ReconcileReport:
    """Fill the store back from the service's list of this account's qcog jobs.

    Nothing is submitted. Jobs are matched by IBM job id, then by the ``qcog-rec-`` tag
    (the provisional id they were submitted under).

    Args:
        store: a :class:`~qcog.ibm.store.JobStore`, a path, or None for the default.
        service: a ``QiskitRuntimeService`` (default: the configured account).
        limit: newest jobs to ask for (None: all of them).
        fetch_results: fetch and store results of finished jobs that have none.
        retry: retry policy for each call to the service.

    Returns:
        A :class:`ReconcileReport`.

    Raises:
        ServiceUnreachableError: the service could not be reached (nothing changed).
    """
    from qcog.ibm.jobs import Tracker

    tracker = Tracker(store, service, retry)

    def listing() -> list:
        return tracker.service.jobs(job_tags=[QCOG_TAG], limit=limit)

    jobs = tracker.call(listing, "list this account's qcog jobs")
    report = ReconcileReport(found=len(jobs))
    for job in jobs:
        try:
            adopt_job(tracker, job, report, fetch_results)
        except Exception as exc:  # one bad job does not stop the others
            report.errors.append(f"{job.job_id()}: {type(exc).__name__}: {exc}")
    _settle_interrupted(tracker, report, fetch_results)
    return report
