"""Never submit the same job twice: look for its content hash in the store, then on IBM.

A job is "the same" when its circuits (as written), observables, options, transpiler
settings and backend hash alike (:func:`qcog.ibm.fingerprint.job_fingerprint`). Failed
and cancelled jobs do not count; an interrupted submission counts only if IBM has it.

>>> import os, tempfile
>>> from qcog.ibm.store import JobStore
>>> store = JobStore(os.path.join(tempfile.mkdtemp(), "jobs.sqlite"))
>>> find_duplicate("0123456789abcdef", store) is None
True
"""

from __future__ import annotations

from qcog.exceptions import QcogError
from qcog.ibm.store import JobRecord, JobStore


class DuplicateJobError(QcogError):
    """The same circuits, observables and options were submitted to this backend before.

    Attributes:
        existing: the store's record of that job (added from IBM if only IBM had it).
    """

    def __init__(self, message: str, existing: JobRecord) -> None:
        super().__init__(message)
        self.existing = existing


def find_duplicate(fingerprint: str, store: JobStore, service=None) -> tuple[JobRecord, str] | None:
    """A live or finished job with this fingerprint: from the store, else from IBM by tag.

    Failed and cancelled jobs do not count, nor interrupted submissions (IBM is asked
    about those). A job found only on IBM is added to the store.

    Args:
        fingerprint: from :func:`qcog.ibm.fingerprint.job_fingerprint`.
        store: the job store.
        service: a ``QiskitRuntimeService`` to ask by tag (None: the store only).

    Returns:
        ``(record, where)`` (``where`` is ``'the job store'`` or ``'IBM Quantum'``), or None.
    """
    from qcog.ibm.status import SUBMIT_INTERRUPTED

    for record in store.find_fingerprint(fingerprint):
        if record.status in ("error", "cancelled") or record.raw_status == SUBMIT_INTERRUPTED:
            continue
        return record, "the job store"
    if service is None:
        return None
    from qcog.ibm.fingerprint import hash_tag
    from qcog.ibm.jobs import Tracker
    from qcog.ibm.reconcile import ReconcileReport, adopt_job

    tracker = Tracker(store, service)
    tag = hash_tag(fingerprint)
    jobs = tracker.call(
        lambda: service.jobs(job_tags=[tag], limit=5), f"look for jobs tagged {tag}"
    )
    for job in jobs:
        record = adopt_job(tracker, job, ReconcileReport(), fetch_results=False)
        if record.status not in ("error", "cancelled"):
            return record, "IBM Quantum"
    return None


def refuse_duplicate(fingerprint: str, store: JobStore, service=None) -> None:
    """Raise :class:`DuplicateJobError` when :func:`find_duplicate` finds the job.

    Raises:
        DuplicateJobError: saying which job, where it was found, and how to read it or
            submit again anyway.
    """
    found = find_duplicate(fingerprint, store, service)
    if found is None:
        return
    record, where = found
    created = record.to_dict()["created_utc"]
    raise DuplicateJobError(
        f"the same circuits, observables and options were already submitted to "
        f"{record.backend}: job {record.job_id} ({record.status}, created {created}, found in "
        f"{where} by its content hash {fingerprint}); read it with `qcog jobs result "
        f"{record.job_id}` (Python: qcog.ibm.job_result), or submit again with --force "
        "(Python: force=True)",
        record,
    )
