"""IBM Quantum jobs: submit (or rehearse on fake backends), track and recover, nothing lost.

Every submission is on record before it is sent, tagged with its content hash and local
record id (so :func:`reconcile` can fill a lost store back from IBM and the same job is
not submitted twice), checked against the plan and the QPU time left, and kept with the
calibration of the qubits it used; :func:`export_bundle` shares one job with others.

Importing this package is light; qiskit and qiskit-ibm-runtime load on first use.

>>> from qcog.ibm import status
>>> status.normalize_status("QUEUED")
'queued'
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "submit": "qcog.ibm.submission",
    "prepare": "qcog.ibm.submission",
    "preview": "qcog.ibm.submission",
    "DuplicateJobError": "qcog.ibm.duplicates",
    "reconcile": "qcog.ibm.reconcile",
    "export_bundle": "qcog.ibm.bundle",
    "load_bundle": "qcog.ibm.bundle",
    "plan_info": "qcog.ibm.plan",
    "QuotaExceededError": "qcog.ibm.plan",
    "ServiceUnreachableError": "qcog.ibm.service_errors",
    "save_account": "qcog.ibm.account",
    "SubmitOptions": "qcog.ibm.primitives",
    "JobStore": "qcog.ibm.store",
    "JobRecord": "qcog.ibm.store",
    "default_store_path": "qcog.ibm.store",
    "job_status": "qcog.ibm.jobs",
    "wait_job": "qcog.ibm.jobs",
    "job_result": "qcog.ibm.jobs",
    "cancel_job": "qcog.ibm.jobs",
    "export_json": "qcog.ibm.jobs",
    "PollPolicy": "qcog.ibm.polling",
    "RetryPolicy": "qcog.ibm.polling",
    "normalize_status": "qcog.ibm.status",
    "account_info": "qcog.ibm.account",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
