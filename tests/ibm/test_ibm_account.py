"""The account: its source, and the token kept out of output, logs and exceptions."""

import json
import logging

import pytest

from qcog.exceptions import BackendUnavailableError
from qcog.ibm.account import account_info, known_secrets, open_service, redact, redacted_logs

TOKEN = "qcogFAKEtoken-account-5e1d"


def test_no_account_is_a_clear_error():
    assert account_info() == {"source": None, "token": None, "channel": None, "instance": None}
    with pytest.raises(BackendUnavailableError, match="QISKIT_IBM_TOKEN.*save_account"):
        open_service()


def test_environment_account_never_shows_the_token(monkeypatch):
    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)
    monkeypatch.setenv("QISKIT_IBM_INSTANCE", "crn:v1:test-instance")
    info = account_info()
    assert info == {
        "source": "environment",
        "token": "hidden",
        "channel": "ibm_quantum_platform",
        "instance": "crn:v1:test-instance",
    }
    assert TOKEN not in json.dumps(info)


def test_saved_account_token_is_known_and_redacted(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".qiskit").mkdir()
    (tmp_path / ".qiskit" / "qiskit-ibm.json").write_text(json.dumps({"default": {"token": TOKEN}}))
    assert account_info()["source"] == "saved account" and TOKEN in known_secrets()
    assert redact(f"bad key {TOKEN}!") == "bad key ***!"


def test_log_records_are_scrubbed_for_every_logger(monkeypatch, caplog):
    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)
    caplog.set_level(logging.DEBUG)
    with redacted_logs():
        logging.getLogger("qiskit_ibm_runtime.api.session").debug("headers: apikey=%s", TOKEN)
        logging.getLogger("urllib3").warning(f"retrying with {TOKEN}")
    logging.getLogger("after").info("outside: %s", "fine")
    assert (
        TOKEN not in caplog.text
        and caplog.text.count("***") == 2
        and "outside: fine" in caplog.text
    )


def test_service_failures_do_not_echo_the_token(monkeypatch):
    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)

    def broken():
        raise BackendUnavailableError(f"could not open account with {TOKEN}")

    monkeypatch.setattr("qcog.backends.ibm.runtime_service", broken)
    with pytest.raises(BackendUnavailableError) as info:
        open_service()
    assert TOKEN not in str(info.value) and "***" in str(info.value)
