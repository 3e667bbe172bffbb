"""qiskit-ibm-runtime's log lines and warnings are collected, not printed to stderr."""

import logging
import warnings

from qcog.ibm.runtime_messages import RUNTIME_LOGGER, collected_runtime_messages


class _Seen(logging.Handler):
    """Stands for the stderr handler qiskit-ibm-runtime installs on its logger."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_runtime_log_lines_and_warnings_become_notes(capfd, monkeypatch):
    import qiskit_ibm_runtime  # noqa: F401  (installs the runtime's own stderr handler)

    monkeypatch.setenv("QISKIT_IBM_TOKEN", "qcogFAKEtoken-notes-77aa")
    logger = logging.getLogger(RUNTIME_LOGGER)
    seen = _Seen()
    logger.addHandler(seen)
    handlers = list(logger.handlers)
    with collected_runtime_messages() as notes:
        logging.getLogger(f"{RUNTIME_LOGGER}.qiskit_runtime_service").warning(
            "Loading account with the given token qcogFAKEtoken-notes-77aa."
        )
        logging.getLogger(f"{RUNTIME_LOGGER}.x").info("not shown: below WARNING")
        warnings.warn("instance usage limit reached", UserWarning)
        warnings.warn("SamplerV2 is deprecated", DeprecationWarning)
        warnings.warn("instance usage limit reached", UserWarning)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == "" and seen.lines == []
    assert notes == ["Loading account with the given token ***.", "instance usage limit reached"]
    assert logger.handlers == handlers  # restored
    logging.getLogger(f"{RUNTIME_LOGGER}.y").warning("after the block")
    logger.removeHandler(seen)
    assert seen.lines == ["after the block"]


def test_offline_cli_error_is_one_line_without_runtime_noise(monkeypatch, capfd):
    import responses

    from qcog.cli import main

    monkeypatch.setenv("QISKIT_IBM_TOKEN", "qcogFAKEtoken-cli-offline-91")
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        assert main(["ibm", "submit", "--ghz", "2", "--backend", "ibm:ibm_torino"]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "IBM Quantum is unreachable" in err
    assert "WARNING" not in err and "Loading account" not in err
