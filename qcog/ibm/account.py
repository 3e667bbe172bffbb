"""The IBM Quantum account: where it comes from, and keeping its token out of every output.

The token comes from ``QISKIT_IBM_TOKEN`` (with ``QISKIT_IBM_INSTANCE`` and
``QISKIT_IBM_CHANNEL``) or from an account saved with
``QiskitRuntimeService.save_account``. qcog never prints, logs, stores or raises it:
:func:`redact` scrubs text, :func:`redacted_logs` scrubs every log record made while
it is active, and :func:`open_service` turns failures into messages without it.

>>> redact("token=abcd1234efgh in a message", ["abcd1234efgh"])
'token=*** in a message'
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from qcog.exceptions import BackendUnavailableError

#: What replaces a secret in text.
MASK = "***"
_MIN_SECRET = 6  # shorter strings would mask ordinary words


def saved_account_file() -> str:
    """Path of the file ``QiskitRuntimeService.save_account`` writes."""
    return os.path.join(os.path.expanduser("~"), ".qiskit", "qiskit-ibm.json")


def known_secrets() -> list[str]:
    """Tokens that must never be shown: the environment's and the saved accounts'."""
    secrets = [os.environ.get("QISKIT_IBM_TOKEN", "")]
    try:
        with open(saved_account_file(), encoding="utf-8") as handle:
            accounts = json.load(handle)
        secrets += [str(a.get("token", "")) for a in accounts.values() if isinstance(a, dict)]
    except (OSError, ValueError, AttributeError):
        pass
    return [s for s in secrets if len(s) >= _MIN_SECRET]


def redact(text: Any, secrets: Iterable[str] | None = None) -> str:
    """``str(text)`` with every known secret replaced by ``***``."""
    out = str(text)
    for secret in known_secrets() if secrets is None else secrets:
        if secret and len(secret) >= _MIN_SECRET:
            out = out.replace(secret, MASK)
    return out


@contextlib.contextmanager
def redacted_logs(secrets: Iterable[str] | None = None) -> Iterator[None]:
    """Scrub secrets from every log record created inside the ``with`` block.

    Wraps the log-record factory (so records of every logger, including
    qiskit-ibm-runtime's and requests', are covered) and restores it afterwards.
    """
    hidden = list(known_secrets() if secrets is None else secrets)
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if hidden:
            record.msg = redact(record.getMessage(), hidden)
            record.args = ()
            if record.exc_text:
                record.exc_text = redact(record.exc_text, hidden)
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous)


def account_info() -> dict[str, Any]:
    """Where the account comes from and its channel/instance; the token only as 'hidden'.

    >>> account_info()["source"] is None  # tests run without an account
    True
    """
    from qcog.backends.ibm import account_source

    source = account_source()
    info: dict[str, Any] = {"source": source, "token": None, "channel": None, "instance": None}
    if source == "environment":
        info.update(
            token="hidden",
            channel=os.environ.get("QISKIT_IBM_CHANNEL", "ibm_quantum_platform"),
            instance=os.environ.get("QISKIT_IBM_INSTANCE") or None,
        )
    elif source == "saved account":
        info["token"] = "hidden"
    return info


def open_service():
    """A ``QiskitRuntimeService`` for the configured account, with secrets kept out of logs.

    Raises:
        BackendUnavailableError: no account, or it could not be opened (no token shown).
    """
    from qcog.backends.ibm import runtime_service

    with redacted_logs():
        try:
            return runtime_service()
        except BackendUnavailableError as exc:
            raise BackendUnavailableError(redact(exc)) from None
