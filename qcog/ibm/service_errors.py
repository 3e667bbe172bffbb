"""What a failed call to IBM Quantum means: network down, token refused, or something else.

qiskit-ibm-runtime wraps a network failure into its own errors (``InvalidAccountError:
Unable to retrieve instances. Please check that you are using a valid API token``), so
an offline laptop is told to check its token. :func:`service_error` reads the whole
chain of causes and says which it is: :class:`ServiceUnreachableError` when the network
or the service cannot be reached, a rejected-credentials message for HTTP 401/403, the
redacted original otherwise. Tokens never appear in the messages.

>>> import requests
>>> try:
...     raise RuntimeError("Unable to retrieve instances") from requests.ConnectionError("DNS")
... except RuntimeError as exc:
...     print(type(service_error(exc, "open the IBM Quantum account")).__name__)
ServiceUnreachableError
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

from qcog.exceptions import BackendUnavailableError, QcogError

_NETWORK_TEXT = re.compile(
    r"connection (?:reset|aborted|refused|error)|timed out|max retries exceeded|"
    r"name or service not known|temporary failure in name resolution|nodename nor servname|"
    r"network is unreachable|no route to host|failed to establish a new connection|"
    r"failed to resolve|getaddrinfo failed|ssl.*eof",
    re.IGNORECASE,
)
#: HTTP statuses that mean the credentials (token, instance) were refused.
AUTH_HTTP = frozenset({401, 403})


class ServiceUnreachableError(BackendUnavailableError):
    """The network or IBM Quantum could not be reached (the token was not the problem)."""


class CredentialsRejectedError(BackendUnavailableError):
    """IBM Quantum answered and refused the token or the instance."""


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it was raised from or during, each once."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _http_status(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    response = getattr(exc, "response", None)
    if code is None and response is not None:
        code = getattr(response, "status_code", None)
    return code if isinstance(code, int) and code >= 100 else None


def network_cause(exc: BaseException) -> BaseException | None:
    """The innermost exception along the chain that says the network is unreachable."""
    network_types: tuple[type, ...] = (ConnectionError, TimeoutError, socket.gaierror)
    try:
        import requests

        network_types += (requests.ConnectionError, requests.Timeout)
    except ImportError:  # pragma: no cover - requests comes with qiskit-ibm-runtime
        pass
    found = None
    for cause in causes(exc):
        if isinstance(cause, QcogError):
            continue
        if isinstance(cause, network_types) or _NETWORK_TEXT.search(str(cause)):
            found = cause
    return found


def is_network_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or any of its causes) says the network or the service is unreachable."""
    return network_cause(exc) is not None


def http_status(exc: BaseException) -> int | None:
    """The first HTTP status code along the chain of causes."""
    for cause in causes(exc):
        code = _http_status(cause)
        if code is not None:
            return code
    return None


def service_error(
    exc: BaseException,
    what: str,
    source: str = "",
    hint: str = "check the token, instance and channel",
) -> QcogError:
    """The qcog error to raise when ``what`` failed with ``exc`` (message without secrets).

    Args:
        exc: what the runtime raised.
        what: the action, e.g. ``"open the IBM Quantum account"``.
        source: where the account came from (``"the environment"``), for the message.
        hint: what to check when the failure is neither the network nor the credentials.
    """
    from qcog.ibm.account import redact

    where = f" from {source}" if source else ""
    if is_network_error(exc):
        cause = network_cause(exc)
        detail = " ".join(f"{type(cause).__name__}: {redact(cause)}".split())[:200]
        return ServiceUnreachableError(
            f"could not {what}{where}: IBM Quantum is unreachable ({detail}): no network, a "
            "proxy or firewall in the way, or the service is down; the token was not checked. "
            "Check the connection (and HTTPS_PROXY) and try again"
        )
    if http_status(exc) in AUTH_HTTP:
        return CredentialsRejectedError(
            f"could not {what}{where}: IBM Quantum refused the credentials (HTTP "
            f"{http_status(exc)}); check the token (QISKIT_IBM_TOKEN), the instance "
            "(QISKIT_IBM_INSTANCE) and the channel"
        )
    return BackendUnavailableError(
        f"could not {what}{where} ({type(exc).__name__}: {redact(exc)}); {hint}"
    )
