"""Fixtures for the IBM tests: a job store in tmp_path and the HTTP-level fake IBM service."""

import pytest
from fake_ibm_http import fake_ibm  # noqa: F401  (the fixture)


@pytest.fixture
def store(tmp_path):
    from qcog.ibm.store import JobStore

    return JobStore(tmp_path / "jobs.sqlite")
