"""The same job is not submitted twice: found in the store, or on IBM by its tag."""

import pytest

from qcog.circuits.states import ghz_state
from qcog.ibm.duplicates import DuplicateJobError, find_duplicate
from qcog.ibm.store import JobStore
from qcog.ibm.submission import submit


def _submit(store, service, shots=1000, **kw):
    return submit(ghz_state(3), "ibm:ibm_fakecity", shots=shots, store=store, service=service, **kw)


def _posts(server):
    return [path for method, path in server.calls if method == "POST" and path.endswith("/jobs")]


def test_resubmitting_the_same_job_is_refused_until_forced(fake_ibm, store):
    server, service = fake_ibm
    first = _submit(store, service)
    with pytest.raises(DuplicateJobError, match=f"job {first.job_id} .*found in the job store"):
        _submit(store, service)
    assert len(_posts(server)) == 1
    try:
        _submit(store, service)
    except DuplicateJobError as error:
        assert error.existing.job_id == first.job_id
    forced = _submit(store, service, force=True)
    assert forced.job_id != first.job_id and len(_posts(server)) == 2
    assert _submit(store, service, shots=999).job_id not in (first.job_id, forced.job_id)


def test_a_lost_store_still_finds_the_job_on_ibm_by_its_tag(fake_ibm, store, tmp_path):
    server, service = fake_ibm
    first = _submit(store, service)
    elsewhere = JobStore(tmp_path / "second-machine.sqlite")
    with pytest.raises(DuplicateJobError, match="found in IBM Quantum") as info:
        _submit(elsewhere, service)
    assert info.value.existing.job_id == first.job_id
    assert [r.job_id for r in elsewhere.list_jobs()] == [first.job_id]  # adopted
    assert len(_posts(server)) == 1


def test_failed_and_cancelled_jobs_are_not_duplicates(fake_ibm, store):
    server, service = fake_ibm
    first = _submit(store, service)
    store.update(first.job_id, status="cancelled")
    server.jobs[first.job_id]["states"].clear()
    server.jobs[first.job_id]["states"].append("Cancelled")
    again = _submit(store, service)
    assert again.job_id != first.job_id


def test_local_rehearsals_are_never_refused(store):
    a = submit(ghz_state(2), "fake:manila", shots=50, seed=1, store=store)
    b = submit(ghz_state(2), "fake:manila", shots=50, seed=1, store=store)
    assert a.job_id != b.job_id and a.fingerprint == b.fingerprint
    assert find_duplicate(a.fingerprint, store)[0].job_id == b.job_id  # newest first
