"""One set of job states for IBM Quantum and local (fake-backend) jobs.

qiskit-ibm-runtime reports ``INITIALIZING``, ``QUEUED``, ``RUNNING``, ``DONE``,
``ERROR``, ``CANCELLED`` (as strings for remote jobs, as ``JobStatus`` members for
local ones), the REST API adds ``COMPLETED``, ``FAILED`` and ``CANCELLED - RAN TOO
LONG``, and new states appear over time. :func:`normalize_status` maps all of them
to ``queued``, ``running``, ``done``, ``error`` or ``cancelled``; any state that starts
with ``CANCELLED`` is final.

>>> normalize_status("COMPLETED"), normalize_status("CANCELLED - BY ADMIN")
('done', 'cancelled')
"""

from __future__ import annotations

#: Normalised states, and the final ones among them.
STATES = ("queued", "running", "done", "error", "cancelled")
FINAL_STATES = frozenset({"done", "error", "cancelled"})

#: Known raw states (upper case) -> normalised state.
RAW_STATES = {
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

#: Prefixes for raw states not in the table, checked in order (``CANCELLED...`` first).
RAW_PREFIXES = (
    ("CANCEL", "cancelled"),
    ("FAIL", "error"),
    ("ERROR", "error"),
    ("COMPLETE", "done"),
    ("DONE", "done"),
    ("RUN", "running"),
)


def raw_status_text(raw) -> str:
    """The raw state as upper-case text (accepts strings and ``JobStatus`` members)."""
    name = getattr(raw, "name", raw)
    return str(name).strip().upper()


def normalize_status(raw) -> str:
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
