"""One set of job states for IBM Quantum and local (fake-backend) jobs.

qiskit-ibm-runtime reports ``INITIALIZING``, ``QUEUED``, ``RUNNING``, ``DONE``,
``ERROR``, ``CANCELLED`` (as strings for remote jobs, as ``JobStatus`` members for
local ones), the REST API adds ``COMPLETED``, ``FAILED`` and ``CANCELLED - RAN TOO
LONG``, and new states appear over time. :func:`normalize_status` maps all of them
to ``queued``, ``running``, ``done``, ``error`` or ``cancelled``; any state that starts
with ``CANCELLED`` is final. qcog adds one state of its own, ``submitting``: the job is
in the local store (circuits, options, tags) but IBM has not yet returned a job id.

>>> normalize_status("COMPLETED"), normalize_status("CANCELLED - BY ADMIN")
('done', 'cancelled')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit.providers import JobStatus

#: Normalised states, and the final ones among them. ``submitting`` is qcog's own: the
#: record is on disk under a provisional id while the runtime call is in flight.
STATES = ("submitting", "queued", "running", "done", "error", "cancelled")
FINAL_STATES = frozenset({"done", "error", "cancelled"})

#: Known raw states (upper case) -> normalised state.
RAW_STATES = {
    "SUBMITTING": "submitting",  # qcog's provisional record (see SUBMITTING below)
    "INITIALIZING": "queued",
    "VALIDATING": "queued",
    "QUEUED": "queued",
    "PENDING": "queued",
    "RUNNING": "running",
    "DONE": "done",
    "COMPLETED": "done",
    "ERROR": "error",
    "FAILED": "error",
    "CANCELLED": "cancelled",
    "CANCELLED - RAN TOO LONG": "error",
}

#: qcog's own raw states, never reported by IBM: the record is on disk and the runtime
#: call is in flight; the call raised; its process died during the call (remote); a
#: local job's process died before its result was stored.
SUBMITTING = "SUBMITTING"
SUBMIT_FAILED = "SUBMIT_FAILED"
SUBMIT_INTERRUPTED = "SUBMIT_INTERRUPTED"
INTERRUPTED = "INTERRUPTED"

#: One-line notes for listings, per qcog raw state.
QCOG_RAW_NOTES = {
    SUBMITTING: "no IBM job id yet (submission in flight)",
    SUBMIT_FAILED: "submission failed: it did not reach IBM",
    SUBMIT_INTERRUPTED: "submission interrupted: check the IBM dashboard",
    INTERRUPTED: "interrupted: `qcog jobs wait` re-runs it",
}

#: Prefixes for raw states not in the table, checked in order (``CANCELLED...`` first).
RAW_PREFIXES = (
    ("CANCEL", "cancelled"),
    ("FAIL", "error"),
    ("ERROR", "error"),
    ("COMPLETE", "done"),
    ("DONE", "done"),
    ("RUN", "running"),
)


def raw_status_text(raw: str | JobStatus) -> str:
    """The raw state as upper-case text (accepts strings and ``JobStatus`` members)."""
    name = getattr(raw, "name", raw)
    return str(name).strip().upper()


def normalize_status(raw: str | JobStatus) -> str:
    """Map a raw job state to one of :data:`STATES`.

    Unknown states that start with ``CANCEL`` are ``cancelled`` (final); other unknown
    states count as ``queued`` (not final, so polling goes on until the timeout).
    """
    text = raw_status_text(raw)
    if text in RAW_STATES:
        return RAW_STATES[text]
    for prefix, state in RAW_PREFIXES:
        if text.startswith(prefix):
            return state
    return "queued"


def is_final(state: str) -> bool:
    """Whether a normalised state will not change any more."""
    return state in FINAL_STATES
