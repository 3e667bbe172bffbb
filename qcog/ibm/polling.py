"""Retries with backoff on transient network/HTTP errors, and polling until a final state.

Both take ``sleep`` and ``clock`` callables so tests run without waiting.

>>> calls = []
>>> def flaky():
...     calls.append(1)
...     if len(calls) < 3:
...         raise ConnectionError("connection reset")
...     return "ok"
>>> with_retries(flaky, RetryPolicy(attempts=4, backoff_s=0.0))
'ok'
>>> len(calls)
3
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogError

#: HTTP status codes worth retrying: rate limiting and server-side trouble.
TRANSIENT_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})


_STATUS_IN_TEXT = re.compile(r"\b(4\d\d|5\d\d) (?:Server|Client) Error\b")
_NETWORK_IN_TEXT = re.compile(
    r"connection (?:reset|aborted|refused|error)|timed out|max retries exceeded|"
    r"temporarily unavailable|maintenance mode",
    re.IGNORECASE,
)


#: How long a wait lasts unless told otherwise (seconds).
DEFAULT_TIMEOUT_S = 3600.0


class JobTimeoutError(QcogError, TimeoutError):
    """The job did not reach a final state within the timeout; it is still on record."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a call that failed for a transient reason.

    Attributes:
        attempts: total tries (>= 1).
        backoff_s: wait before the second try; doubled each further try.
        max_backoff_s: cap on one wait.
    """

    attempts: int = 5
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed tries."""
        return min(self.max_backoff_s, self.backoff_s * 2 ** (failures - 1))


def http_status_of(exc: BaseException) -> int | None:
    """The HTTP status code an exception carries (qiskit-ibm-runtime or requests), if any."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        if candidate is None:
            continue
        code = getattr(candidate, "status_code", None)
        response = getattr(candidate, "response", None)
        if code is None and response is not None:
            code = getattr(response, "status_code", None)
        if isinstance(code, int) and code >= 100:  # -1 means 'unknown' in qiskit-ibm-runtime
            return code
    return None


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` looks like a network hiccup or a retryable HTTP status.

    qiskit-ibm-runtime sometimes re-raises HTTP errors without their status code
    (``IBMRuntimeError("Failed to retrieve job: '503 Server Error...'")``), so its
    messages are read too.
    """
    code = http_status_of(exc)
    if code is not None:
        return code in TRANSIENT_HTTP
    if type(exc).__module__.startswith(("qiskit_ibm_runtime", "requests")):
        found = _STATUS_IN_TEXT.search(str(exc))
        if found:
            return int(found.group(1)) in TRANSIENT_HTTP
        if _NETWORK_IN_TEXT.search(str(exc)):
            return True
    if isinstance(exc, (ConnectionError, TimeoutError)) and not isinstance(exc, QcogError):
        return True
    try:
        import requests

        return isinstance(exc, (requests.ConnectionError, requests.Timeout))
    except ImportError:  # pragma: no cover - requests comes with qiskit-ibm-runtime
        return False


def with_retries(
    call: Callable[[], Any],
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Call ``call()``; on a transient error wait (exponential backoff) and try again.

    Raises:
        The last exception when every attempt failed, or at once when it is not transient.
    """
    failures = 0
    while True:
        try:
            return call()
        except Exception as exc:
            failures += 1
            if failures >= policy.attempts or not is_transient(exc):
                raise
            sleep(policy.delay(failures))


@dataclass(frozen=True)
class PollPolicy:
    """How to wait for a job: seconds between status checks and the overall timeout.

    Attributes:
        interval_s: seconds between two status queries.
        timeout_s: give up after this many seconds (default one hour; None: wait for ever).
            The job stays on record when a wait gives up: wait again later.
        retry: retry policy for each status query.
    """

    interval_s: float = 5.0
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    retry: RetryPolicy = RetryPolicy()


def poll_until_final(
    get_state: Callable[[], str],
    policy: PollPolicy = PollPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_state: Callable[[str], None] | None = None,
    what: str = "the job",
    job_id: str = "ID",
) -> str:
    """Query ``get_state()`` (a normalised state) until it is final; return that state.

    Args:
        on_state: called with each state seen (to report progress).
        what: what is waited for, for the timeout message (``"job d1 on ibm:x"``).
        job_id: the id the message tells the user to check later.

    Raises:
        JobTimeoutError: ``policy.timeout_s`` passed first.
    """
    from qcog.ibm.status import is_final

    start = clock()
    while True:
        state = with_retries(get_state, policy.retry, sleep)
        if on_state is not None:
            on_state(state)
        if is_final(state):
            return state
        if policy.timeout_s is not None and clock() - start + policy.interval_s > policy.timeout_s:
            raise JobTimeoutError(
                f"gave up waiting for {what}: still {state} after {policy.timeout_s:g} s; it "
                f"stays in the job store: check it later with `qcog jobs status {job_id}` or "
                f"`qcog jobs wait {job_id}`"
            )
        sleep(policy.interval_s)
