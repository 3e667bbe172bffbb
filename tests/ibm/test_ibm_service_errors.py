"""An unreachable service is named as such, never as a token problem (no network used)."""

import pytest
import requests
import responses

from qcog.exceptions import BackendUnavailableError
from qcog.ibm.service_errors import (
    CredentialsRejectedError,
    ServiceUnreachableError,
    is_network_error,
    service_error,
)

TOKEN = "qcogFAKEtoken-offline-3c4d"


def test_opening_the_account_offline_says_unreachable(monkeypatch):
    from qcog.backends.ibm import runtime_service

    monkeypatch.setenv("QISKIT_IBM_TOKEN", TOKEN)
    with responses.RequestsMock(assert_all_requests_are_fired=False):  # every request fails
        with pytest.raises(ServiceUnreachableError) as info:
            runtime_service()
    message = str(info.value)
    assert "IBM Quantum is unreachable" in message and "the token was not checked" in message
    assert "check the token" not in message and TOKEN not in message and "\n" not in message


def test_job_lookups_offline_say_unreachable(fake_ibm, store):
    from qcog.circuits.states import ghz_state
    from qcog.ibm.jobs import job_status
    from qcog.ibm.polling import RetryPolicy
    from qcog.ibm.submission import submit

    server, service = fake_ibm
    record = submit(ghz_state(2), "ibm:ibm_fakecity", store=store, service=service)
    server.offline = True
    with pytest.raises(ServiceUnreachableError, match=f"could not look up job {record.job_id}"):
        job_status(record.job_id, store, service, RetryPolicy(attempts=2, backoff_s=0.0))
    assert store.get(record.job_id).status == "queued"


def _chained(outer: Exception, inner: Exception) -> Exception:
    try:
        try:
            raise inner
        except Exception as cause:
            raise outer from cause
    except Exception as exc:
        return exc


@pytest.mark.parametrize(
    "exc, kind",
    [
        (
            _chained(RuntimeError("Unable to retrieve instances"), requests.ConnectionError()),
            ServiceUnreachableError,
        ),
        (
            _chained(RuntimeError("wrapped"), TimeoutError("read timed out")),
            ServiceUnreachableError,
        ),
        (
            RuntimeError(
                "Failed to establish a new connection: [Errno -2] Name or service not known"
            ),
            ServiceUnreachableError,
        ),
        (
            requests.HTTPError(response=type("R", (), {"status_code": 401})()),
            CredentialsRejectedError,
        ),
        (ValueError("instance crn:v1:x is not valid"), BackendUnavailableError),
    ],
)
def test_service_errors_are_classified_by_their_causes(exc, kind):
    error = service_error(exc, "open the IBM Quantum account")
    assert type(error) is kind
    assert is_network_error(exc) == (kind is ServiceUnreachableError)
