"""Fixtures for the IBM tests: a job store in tmp_path and the HTTP-level fake IBM service."""

import pytest


@pytest.fixture
def store(tmp_path):
    from qcog.ibm.store import JobStore

    return JobStore(tmp_path / "jobs.sqlite")


@pytest.fixture
def fake_ibm(monkeypatch):
    """(FakeIBM server, real QiskitRuntimeService talking to it); submit patched to use them."""
    import responses
    from fake_ibm_http import FAKE_TOKEN, IAM, FakeIBM, fake_target

    monkeypatch.setenv("IAM_URL", IAM)
    monkeypatch.setenv("QISKIT_IBM_TOKEN", FAKE_TOKEN)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        server = FakeIBM(rsps)
        service = server.service()
        monkeypatch.setattr("qcog.ibm.submission.resolve_target", fake_target())
        monkeypatch.setattr("qcog.ibm.submission.run_pubs", server.run_pubs(service))
        monkeypatch.setattr("qcog.ibm.account.open_service", lambda: service)
        yield server, service
