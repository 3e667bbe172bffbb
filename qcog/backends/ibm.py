"""Resolving ``ibm:<name>`` and ``ibm:least_busy`` through qiskit-ibm-runtime.

Credentials come from ``QISKIT_IBM_TOKEN`` (with ``QISKIT_IBM_INSTANCE`` and
``QISKIT_IBM_CHANNEL``) or from an account saved with
``QiskitRuntimeService.save_account``; they are never printed or stored by qcog.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from qcog.exceptions import BackendUnavailableError, UnknownBackendError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit.providers import BackendV2
    from qiskit_ibm_runtime import QiskitRuntimeService

NO_ACCOUNT = (
    "no IBM Quantum account is configured: set QISKIT_IBM_TOKEN (and QISKIT_IBM_INSTANCE) "
    "in the environment, or save one with "
    "QiskitRuntimeService.save_account(token=..., instance=..., set_as_default=True)"
)


def account_source() -> str | None:
    """Where an account would come from: 'environment', 'saved account' or None.

    Looks only at whether credentials exist; never reads or returns the token.
    """
    if os.environ.get("QISKIT_IBM_TOKEN"):
        return "environment"
    from qcog.ibm.account import saved_account_file

    return "saved account" if os.path.exists(saved_account_file()) else None


def runtime_service() -> QiskitRuntimeService:
    """Open a ``QiskitRuntimeService`` from the environment or the saved account."""
    source = account_source()
    if source is None:
        raise BackendUnavailableError(NO_ACCOUNT)
    from qiskit_ibm_runtime import QiskitRuntimeService

    kwargs = {}
    if source == "environment":
        kwargs = {
            "token": os.environ["QISKIT_IBM_TOKEN"],
            "channel": os.environ.get("QISKIT_IBM_CHANNEL", "ibm_quantum_platform"),
        }
        if os.environ.get("QISKIT_IBM_INSTANCE"):
            kwargs["instance"] = os.environ["QISKIT_IBM_INSTANCE"]
    from qcog.ibm.runtime_messages import collected_runtime_messages
    from qcog.ibm.service_errors import service_error

    try:
        with collected_runtime_messages():  # its start-up log lines are not for the user
            return QiskitRuntimeService(**kwargs)
    except Exception as exc:
        raise service_error(exc, "open the IBM Quantum account", f"the {source}") from None


def ibm_backend(
    name: str, service: QiskitRuntimeService | None = None, min_qubits: int = 1
) -> BackendV2:
    """Return the IBM backend ``name``, or the least busy one when name is 'least_busy'.

    Raises:
        UnknownBackendError: no such backend for this account (close names suggested).
        ServiceUnreachableError: the network or the service is unreachable.
    """
    from qcog.ibm.runtime_messages import collected_runtime_messages
    from qcog.ibm.service_errors import service_error

    service = service or runtime_service()
    try:
        with collected_runtime_messages():
            if name == "least_busy":
                return service.least_busy(
                    operational=True, simulator=False, min_num_qubits=min_qubits
                )
            available = [b.name for b in service.backends()]
            if name in available:
                return service.backend(name)
    except Exception as exc:
        hint = "check the backend name and that this instance has access to it"
        raise service_error(exc, f"look up the IBM backend {name!r}", hint=hint) from None
    import difflib

    close = difflib.get_close_matches(name, available, n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UnknownBackendError(
        f"no IBM backend {name!r} for this account.{hint} Available: {', '.join(available)}"
    )
