"""Fixtures for the IBM tests: a job store in tmp_path and the HTTP-level fake IBM service."""

import pytest


@pytest.fixture
def store(tmp_path):
    from qcog.ibm.store import JobStore

    return JobStore(tmp_path / "jobs.sqlite")


@pytest.fixture
def fake_ibm(monkeypatch):
    """(FakeIBM server, real QiskitRuntimeService talking to it); submit patched to use them."""
    from fake_ibm_http import patched_fake_ibm

    with patched_fake_ibm(monkeypatch) as pair:
        yield pair
