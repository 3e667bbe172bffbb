"""Status normalisation: every known raw state, unknown ones, and JobStatus members."""

import pytest

from qcog.ibm.status import FINAL_STATES, RAW_STATES, STATES, is_final, normalize_status


@pytest.mark.parametrize("raw, state", sorted(RAW_STATES.items()))
def test_known_raw_states(raw, state):
    assert normalize_status(raw) == state
    assert normalize_status(raw.lower()) == state
    assert state in STATES


@pytest.mark.parametrize(
    "raw, state",
    [
        ("CANCELLED - BY ADMINISTRATOR", "cancelled"),
        ("Cancelled: quota", "cancelled"),
        ("FAILED_VALIDATION", "error"),
        ("RUNNING: OPTIMIZING_HARDWARE", "running"),
        ("SCHEDULED", "queued"),
        ("", "queued"),
    ],
)
def test_unknown_raw_states(raw, state):
    assert normalize_status(raw) == state


def test_jobstatus_members_and_finality():
    from qiskit.providers import JobStatus

    assert [
        normalize_status(s)
        for s in (
            JobStatus.QUEUED,
            JobStatus.RUNNING,
            JobStatus.DONE,
            JobStatus.ERROR,
            JobStatus.CANCELLED,
        )
    ] == ["queued", "running", "done", "error", "cancelled"]
    assert {s for s in STATES if is_final(s)} == FINAL_STATES == {"done", "error", "cancelled"}
