"""Tags on every submission, and filling the store back from IBM by them (fake service)."""

import pytest

import qcog.ibm.submission as submission
from qcog.circuits.states import ghz_state
from qcog.ibm.reconcile import reconcile
from qcog.ibm.service_errors import ServiceUnreachableError
from qcog.ibm.store import JobStore
from qcog.ibm.submission import submit

ISA_FIELDS = ("kind", "fingerprint", "provisional_id", "tags", "backend")


def _submit(store, service, n=3, **kw):
    return submit(ghz_state(n), "ibm:ibm_fakecity", shots=1000, store=store, service=service, **kw)


def test_every_submission_carries_its_hash_record_id_and_kind(fake_ibm, store):
    server, service = fake_ibm
    record = _submit(store, service, tags=["nightly"])
    sent = server.jobs[record.job_id]["tags"]
    assert sent == [
        "nightly",
        "qcog",
        f"qcog-hash-{record.fingerprint}",
        f"qcog-rec-{record.provisional_id}",
        "qcog-kind-sampler",
    ]
    assert record.tags == ["nightly"]  # the record keeps the user's tags


def test_reconcile_refills_a_lost_store_without_resubmitting(fake_ibm, store, tmp_path):
    server, service = fake_ibm
    server.script = ["Completed"]
    done = _submit(store, service, tags=["a"])
    server.script = ["Queued"]
    queued = _submit(store, service, n=2)
    posts = len([c for c in server.calls if c[0] == "POST"])
    fresh = JobStore(tmp_path / "new-machine.sqlite")
    report = reconcile(fresh, service)
    assert (report.found, sorted(report.added), report.results) == (
        2,
        sorted([done.job_id, queued.job_id]),
        [done.job_id],
    )
    assert len([c for c in server.calls if c[0] == "POST"]) == posts  # nothing resubmitted
    for original in (done, queued):
        back = fresh.get(original.job_id)
        assert [getattr(back, f) for f in ISA_FIELDS] == [getattr(original, f) for f in ISA_FIELDS]
        assert back.isa_circuits() == original.isa_circuits()  # from the job's inputs
    assert fresh.get(done.job_id).result["pubs"][0]["counts"] == {"000": 480, "111": 520}
    assert fresh.get(queued.job_id).status == "queued"
    again = reconcile(fresh, service)
    assert again.added == [] and sorted(again.unchanged) == sorted([done.job_id, queued.job_id])


def _interrupting(server, service, reach_ibm: bool):
    """run_pubs that (maybe) reaches IBM, then is interrupted before the job id comes back."""
    real = server.run_pubs(service)

    def run(kind, mode_obj, pubs, options, tags=()):
        if reach_ibm:
            real(kind, mode_obj, pubs, options, tags)
        raise KeyboardInterrupt

    return run


@pytest.mark.parametrize("reach_ibm", [True, False])
def test_reconcile_settles_an_interrupted_submission(fake_ibm, store, monkeypatch, reach_ibm):
    server, service = fake_ibm
    server.script = ["Completed"]
    monkeypatch.setattr(submission, "run_pubs", _interrupting(server, service, reach_ibm))
    with pytest.raises(KeyboardInterrupt):
        _submit(store, service)
    (lost,) = store.list_jobs()
    assert (lost.status, lost.raw_status) == ("submitting", "SUBMIT_INTERRUPTED")
    report = reconcile(store, service)
    if reach_ibm:
        (remote_id,) = server.jobs
        assert report.linked == [f"{lost.job_id} -> {remote_id}"]
        linked = store.get(lost.job_id)  # the provisional id still resolves
        assert linked.job_id == remote_id and linked.status == "done" and linked.result
    else:
        assert report.never_submitted == [lost.job_id] and report.linked == []
        failed = store.get(lost.job_id)
        assert (failed.status, failed.raw_status) == ("error", "SUBMIT_FAILED")
        assert f"no job of this account carries its tag qcog-rec-{lost.job_id}" in failed.error


def test_reconcile_offline_says_unreachable_and_changes_nothing(fake_ibm, store):
    server, service = fake_ibm
    _submit(store, service)
    before = [r.to_dict() for r in store.list_jobs()]
    server.offline = True
    from qcog.ibm.polling import RetryPolicy

    with pytest.raises(ServiceUnreachableError, match="IBM Quantum is unreachable") as info:
        reconcile(store, service, retry=RetryPolicy(attempts=2, backoff_s=0.0))
    assert "check the token" not in str(info.value)
    assert [r.to_dict() for r in store.list_jobs()] == before
