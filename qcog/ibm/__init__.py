"""IBM Quantum jobs: submit (or rehearse on fake backends), track and recover, nothing lost.

Importing this package is light; qiskit and qiskit-ibm-runtime load on first use.

>>> from qcog.ibm import status
>>> status.normalize_status("QUEUED")
'queued'
"""

from importlib import import_module
from typing import Any

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qcog.ibm' has no attribute {name!r}")
