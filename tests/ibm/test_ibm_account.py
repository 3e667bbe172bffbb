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


def test_saved_account_file_is_readable_by_its_owner_only(monkeypatch, tmp_path):
    import os
    import stat

    from qcog.ibm.account import save_account, saved_account, saved_account_mode

    monkeypatch.setenv("HOME", str(tmp_path))
    old = os.umask(0o022)  # the usual umask: files readable by everyone
    try:
        path = save_account(TOKEN, instance="crn:v1:test-instance")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 == saved_account_mode()
    assert stat.S_IMODE(os.stat(tmp_path / ".qiskit").st_mode) == 0o700
    assert saved_account() == {
        "name": "default-ibm-quantum-platform",
        "channel": "ibm_quantum_platform",
        "instance": "crn:v1:test-instance",
        "has_token": True,
    }
    info = account_info()
    assert (info["source"], info["instance"], info["token"]) == (
        "saved account",
        "crn:v1:test-instance",
        "hidden",
    )
    assert TOKEN not in json.dumps(info)
    with pytest.raises(Exception, match="--overwrite"):
        save_account("another-token-123456")
    os.chmod(path, 0o644)  # an older file, readable by all, is tightened on the next save
    save_account("another-token-123456", overwrite=True)
    assert saved_account_mode() == 0o600
