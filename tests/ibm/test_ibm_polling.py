"""Retries with exponential backoff, transient-error detection, polling with a timeout."""

import pytest

from qcog.ibm.polling import (
    JobTimeoutError,
    PollPolicy,
    RetryPolicy,
    is_transient,
    poll_until_final,
    with_retries,
)


class HttpError(Exception):
    def __init__(self, code):
        super().__init__(f"HTTP {code}")
        self.status_code = code


def test_backoff_doubles_up_to_the_cap():
    policy = RetryPolicy(attempts=6, backoff_s=0.5, max_backoff_s=3.0)
    assert [policy.delay(k) for k in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_retries_transient_then_succeeds_with_backoff():
    waits, outcomes = [], [HttpError(503), HttpError(429), "ok"]

    def call():
        out = outcomes.pop(0)
        if isinstance(out, Exception):
            raise out
        return out

    assert with_retries(call, RetryPolicy(attempts=5, backoff_s=1.0), waits.append) == "ok"
    assert waits == [1.0, 2.0]


@pytest.mark.parametrize("exc", [HttpError(404), HttpError(401), ValueError("bad input")])
def test_non_transient_errors_are_raised_at_once(exc):
    calls = []

    def call():
        calls.append(1)
        raise exc

    with pytest.raises(type(exc)):
        with_retries(call, RetryPolicy(attempts=5, backoff_s=0), lambda s: None)
    assert len(calls) == 1


def test_gives_up_after_the_last_attempt():
    calls = []

    def call():
        calls.append(1)
        raise ConnectionError("reset")

    with pytest.raises(ConnectionError):
        with_retries(call, RetryPolicy(attempts=3, backoff_s=0), lambda s: None)
    assert len(calls) == 3


def test_runtime_errors_without_status_code_are_read_from_their_text():
    from qiskit_ibm_runtime.api.exceptions import RequestsApiError
    from qiskit_ibm_runtime.exceptions import IBMRuntimeError

    maintenance = RequestsApiError("... maintenance mode ... 503 Server Error: Service Unavailable")
    assert maintenance.status_code == -1 and is_transient(maintenance)
    assert is_transient(IBMRuntimeError("Failed to retrieve job: 'connection reset by peer'"))
    assert not is_transient(IBMRuntimeError("Failed to retrieve job: 404 Client Error: Not Found"))
    assert not is_transient(RequestsApiError("Forbidden", 403))


def test_poll_until_final_and_timeout():
    states = iter(["queued", "running", "done"])
    seen, waits = [], []
    assert (
        poll_until_final(
            lambda: next(states), PollPolicy(interval_s=2.0), waits.append, on_state=seen.append
        )
        == "done"
    )
    assert seen == ["queued", "running", "done"] and waits == [2.0, 2.0]
    clock = iter([0.0, 0.0, 5.0, 10.0]).__next__
    with pytest.raises(JobTimeoutError, match="still running after 8 s"):
        poll_until_final(
            lambda: "running", PollPolicy(interval_s=5.0, timeout_s=8.0), lambda s: None, clock
        )
