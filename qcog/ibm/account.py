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


def _saved_accounts() -> dict[str, Any]:
    try:
        with open(saved_account_file(), encoding="utf-8") as handle:
            accounts = json.load(handle)
    except (OSError, ValueError):
        return {}
    return accounts if isinstance(accounts, dict) else {}


def saved_account() -> dict[str, Any] | None:
    """The saved account qiskit-ibm-runtime would use, without its token (None if none).

    The default account is the entry marked ``is_default_account``, else the channel's
    default name (``default-ibm-quantum-platform``), else the only entry.
    """
    accounts = {k: v for k, v in _saved_accounts().items() if isinstance(v, dict)}
    if not accounts:
        return None
    chosen = next((k for k, v in accounts.items() if v.get("is_default_account")), None)
    for name in ("default-ibm-quantum-platform", "default-ibm-cloud", "default"):
        chosen = chosen or (name if name in accounts else None)
    chosen = chosen or next(iter(accounts))
    entry = accounts[chosen]
    return {
        "name": chosen,
        "channel": entry.get("channel"),
        "instance": entry.get("instance"),
        "has_token": bool(entry.get("token")),
    }


def saved_account_mode() -> int | None:
    """Permission bits of the saved account file (None if there is none)."""
    try:
        return os.stat(saved_account_file()).st_mode & 0o777
    except OSError:
        return None


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
        saved = saved_account() or {}
        info.update(
            token="hidden" if saved.get("has_token") else None,
            channel=saved.get("channel"),
            instance=saved.get("instance"),
            file=saved_account_file(),
        )
    return info


def save_account(
    token: str,
    instance: str | None = None,
    channel: str = "ibm_quantum_platform",
    overwrite: bool = False,
) -> str:
    """Save the account as qiskit-ibm-runtime does, in a file only its owner can read.

    ``QiskitRuntimeService.save_account`` creates ``~/.qiskit/qiskit-ibm.json`` with the
    process's umask (often readable by every user of the machine); this writes it with
    mode 600 (and its folder 700) and saves it as the default account.

    Args:
        token: the API key (never printed, logged or returned).
        instance: the instance CRN or name (None: the service picks one).
        channel: ``ibm_quantum_platform`` (default) or ``ibm_cloud``.
        overwrite: replace a saved account of the same name.

    Returns:
        The path of the account file.

    Raises:
        QcogValueError: an empty token, or an account already saved (without ``overwrite``).
    """
    from qcog.exceptions import QcogValueError

    if not token or not token.strip():
        raise QcogValueError("the token is empty; copy the API key from quantum.cloud.ibm.com")
    path = saved_account_file()
    folder = os.path.dirname(path)
    previous = os.umask(0o077)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not os.path.exists(path):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("{}")
        os.chmod(path, 0o600)
        from qiskit_ibm_runtime import QiskitRuntimeService

        with redacted_logs([token]):
            try:
                QiskitRuntimeService.save_account(
                    filename=path,
                    token=token.strip(),
                    instance=instance,
                    channel=channel,
                    overwrite=overwrite,
                    set_as_default=True,
                )
            except Exception as exc:
                hint = " (add --overwrite to replace it)" if "already" in str(exc) else ""
                raise QcogValueError(
                    f"could not save the account: {redact(exc, [token])}{hint}"
                ) from None
        os.chmod(path, 0o600)
    finally:
        os.umask(previous)
    return path


def open_service():
    """A ``QiskitRuntimeService`` for the configured account, with secrets kept out of logs.

    Raises:
        BackendUnavailableError: no account, or it could not be opened (no token shown);
            :class:`~qcog.ibm.service_errors.ServiceUnreachableError` when the network
            or the service is unreachable.
    """
    from qcog.backends.ibm import runtime_service

    with redacted_logs():
        try:
            return runtime_service()
        except BackendUnavailableError as exc:
            raise type(exc)(redact(exc)) from None
