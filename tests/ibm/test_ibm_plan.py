"""Plan and quota: the mode the plan allows, and QPU time left, against the fake service."""

import json

import pytest

from qcog.circuits.states import ghz_state
from qcog.ibm.plan import PlanInfo, QuotaExceededError, check_quota, choose_mode, plan_info
from qcog.ibm.submission import submit


def _submit(store, service, **kw):
    return submit(ghz_state(3), "ibm:ibm_fakecity", store=store, service=service, **kw)


def _posts(server):
    return [path for method, path in server.calls if method == "POST" and path.endswith("/jobs")]


def test_plan_info_reads_plan_and_usage(fake_ibm):
    server, service = fake_ibm
    server.plan = "open"
    server.usage = {"usage_consumed_seconds": 420, "usage_limit_seconds": 600}
    plan = plan_info(service)
    assert (plan.plan, plan.limit_s, plan.consumed_s, plan.remaining_s) == ("open", 600, 420, 180)
    assert plan.can_open_sessions is False and plan.error is None
    assert ("GET", "/api/v1/instances/usage") in server.calls


def test_a_plan_without_usage_limit_is_not_checked(fake_ibm):
    server, service = fake_ibm
    server.usage = {"usage_consumed_seconds": 1234}  # pay-as-you-go: no limit
    plan = plan_info(service)
    assert plan.remaining_s is None and check_quota(1e6, plan, "refuse") == []


def test_open_plan_turns_a_session_into_a_batch_and_says_so(fake_ibm, store):
    server, service = fake_ibm
    server.plan = "open"
    record = _submit(store, service, shots=100, mode="session")
    assert record.mode == "batch"
    assert "the open plan cannot open sessions" in record.summary["mode_note"]
    assert record.summary["plan"]["plan"] == "open"
    server.plan = "premium"
    other = _submit(store, service, shots=101, mode="session")
    assert other.mode == "session" and other.summary["mode_note"] is None


def test_quota_refusal_sends_and_stores_nothing(fake_ibm, store):
    server, service = fake_ibm
    server.usage = {"usage_consumed_seconds": 599, "usage_limit_seconds": 600}
    with pytest.raises(QuotaExceededError, match="has 1 s left") as info:
        _submit(store, service, shots=100_000, on_quota="refuse")
    assert "Nothing was submitted" in str(info.value)
    assert _posts(server) == [] and store.list_jobs() == []


def test_quota_warning_is_kept_with_the_job(fake_ibm, store):
    server, service = fake_ibm
    server.usage = {"usage_consumed_seconds": 599, "usage_limit_seconds": 600}
    record = _submit(store, service, shots=100_000)  # on_quota='warn' by default
    assert len(_posts(server)) == 1
    (warning,) = record.summary["warnings"]
    estimate = record.summary["estimated_qpu_seconds"]
    assert estimate > 1 and f"needs at least {estimate:.3g} s" in warning


def test_limit_reached_is_refused_even_for_a_tiny_job():
    plan = PlanInfo(plan="open", limit_s=600, consumed_s=600, remaining_s=0, limit_reached=True)
    with pytest.raises(QuotaExceededError, match="no QPU time left"):
        check_quota(0.001, plan, "refuse")
    assert check_quota(0.001, plan, "ignore") == []
    assert "no QPU time left" in check_quota(0.001, plan, "warn")[0]


def test_unknown_usage_is_said_not_hidden():
    plan = PlanInfo(error="usage: ConnectionError: down", unreachable=True)
    (warning,) = check_quota(1.0, plan, "refuse")
    assert "could not check the remaining QPU time" in warning
    assert choose_mode("session", plan) == ("session", None)  # plan unknown: as asked
    json.dumps(plan.to_dict())
