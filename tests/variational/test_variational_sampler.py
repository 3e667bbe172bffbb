"""Sampling bound circuits: Aer through qcog.run, fake backends through the job store."""

import pytest
from qiskit import QuantumCircuit

from qcog.exceptions import QcogValueError
from qcog.ibm.store import JobStore
from qcog.variational.sampler import bits_of, sample_counts


def _x_on(qubits, n=3):
    qc = QuantumCircuit(n)
    for q in qubits:
        qc.x(q)
    return qc


def test_aer_counts_are_deterministic_for_basis_states():
    result = sample_counts([_x_on([0]), _x_on([1, 2])], "aer", shots=50, seed=1)
    assert [list(c) for c in result.counts] == [["001"], ["110"]]
    assert [bits_of(k) for c in result.counts for k in c] == [(1, 0, 0), (0, 1, 1)]


def test_fake_backend_samples_in_one_stored_job(tmp_path):
    store = JobStore(tmp_path / "jobs.sqlite")
    result = sample_counts([_x_on([0]), _x_on([2])], "fake:manila", shots=400, seed=2, store=store)
    (record,) = store.list_jobs()
    assert record.job_id == result.job_id and record.kind == "sampler"
    assert max(result.counts[0], key=result.counts[0].get) == "001"
    assert sum(result.counts[1].values()) == 400


def test_exact_engine_names_are_refused():
    with pytest.raises(QcogValueError, match="exact engine"):
        sample_counts([_x_on([0])], "default.qubit")


def test_ibm_backend_goes_through_the_job_store(monkeypatch, tmp_path):
    # the real runtime client against qcog's fake IBM HTTP server (no network)
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "ibm"))
    from fake_ibm_http import patched_fake_ibm

    from qcog.ibm.polling import PollPolicy

    store = JobStore(tmp_path / "jobs.sqlite")
    with patched_fake_ibm(monkeypatch) as (server, _service):
        result = sample_counts([_x_on([0, 1, 2])], "ibm:ibm_fakecity", shots=1000, store=store,
                               poll=PollPolicy(interval_s=0.01))
    (record,) = store.list_jobs()
    assert len([p for m, p in server.calls if m == "POST" and p.endswith("/jobs")]) == 1
    assert result.job_id == record.job_id and record.status == "done" and not record.local
    assert result.counts == [{"000": 480, "111": 520}]  # what the fake server answers
    assert result.backend == "ibm:ibm_fakecity"
