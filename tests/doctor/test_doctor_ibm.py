"""The IBM account (never its token), the service against the fake HTTP server, the job store."""

import json
import sys
from pathlib import Path

from qcog.doctor.ibm import (
    account_check,
    check_account,
    check_job_store,
    check_service,
    service_check,
)
from qcog.ibm.plan import plan_info

sys.path.insert(0, str(Path(__file__).parents[1] / "ibm"))
from fake_ibm_http import fake_ibm  # noqa: E402, F401  (the fixture)

TOKEN = "qcogFAKEtoken-doctor-0a1b"


def test_account_from_the_environment_is_described_without_the_token(monkeypatch):
    assert check_account().verdict == "skip"
    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)
    monkeypatch.setenv("QISKIT_IBM_INSTANCE", "crn:v1:abc")
    check = check_account()
    assert check.verdict == "ok" and "instance crn:v1:abc" in check.detail
    assert TOKEN not in json.dumps(check.to_dict())


def test_a_saved_account_readable_by_others_is_a_warning():
    info = {
        "source": "saved account",
        "token": "hidden",
        "channel": "ibm_quantum_platform",
        "instance": None,
        "file": "/home/u/.qiskit/qiskit-ibm.json",
    }
    check = account_check(info, 0o644)
    assert check.verdict == "warn" and check.fix == "chmod 600 /home/u/.qiskit/qiskit-ibm.json"
    assert account_check(info, 0o600).verdict == "ok"
    assert account_check({**info, "token": None}, 0o600).verdict == "fail"


def test_service_reachable_with_plan_and_usage(fake_ibm):  # noqa: F811
    server, service = fake_ibm
    server.plan = "open"
    server.usage = {"usage_consumed_seconds": 120, "usage_limit_seconds": 600}
    check = check_service(offline=False)
    assert check.verdict == "ok" and "open plan, 480 s of QPU time left of 600 s" in check.detail
    server.usage = {
        "usage_consumed_seconds": 600,
        "usage_limit_seconds": 600,
        "usage_limit_reached": True,
    }
    assert check_service(offline=False).verdict == "warn"
    server.offline = True
    down = check_service(offline=False)
    assert down.verdict == "fail" and "IBM Quantum is unreachable" in down.detail
    assert "token was not checked" in down.fix
    assert check_service(offline=True).verdict == "skip"


def test_service_that_cannot_be_opened(monkeypatch):
    from qcog.ibm.service_errors import ServiceUnreachableError

    def offline():
        raise ServiceUnreachableError("could not open the IBM Quantum account: unreachable")

    check = service_check(offline, plan_info)
    assert check.verdict == "fail" and "unreachable" in check.detail


def test_job_store_check(tmp_path, monkeypatch):
    assert check_job_store().detail.startswith("no jobs yet")
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path))
    (tmp_path / "jobs.sqlite").write_bytes(b"garbage" * 100)
    check = check_job_store()
    assert check.verdict == "fail" and "is damaged" in check.detail and "salvage" in check.fix
