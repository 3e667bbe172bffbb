"""IBM Quantum jobs: submit (or rehearse on fake backends), track and recover, nothing lost.

Importing this package is light; qiskit and qiskit-ibm-runtime load on first use.

>>> from qcog.ibm import status
>>> status.normalize_status("QUEUED")
'queued'
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "submit": "qcog.ibm.submission",
    "prepare": "qcog.ibm.submission",
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
