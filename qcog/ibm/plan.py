"""The account's plan and remaining QPU time: mode choice and quota checks before submitting.

IBM Quantum instances have a plan (``open``, ``pay-as-you-go``, ``flex``, ``premium``,
...) and, for most plans, a usage limit per period (the Open Plan: 10 minutes of QPU time
per 28 days). The Open Plan cannot open sessions. :func:`plan_info` reads the active
instance's plan (``service.instances()``) and usage (``service.usage()``);
:func:`choose_mode` replaces a session the plan cannot open by a batch, saying so; and
:func:`check_quota` warns, or refuses, when a job's estimated QPU time exceeds what is
left.

>>> plan = PlanInfo(plan="open", limit_s=600.0, consumed_s=590.0, remaining_s=10.0)
>>> choose_mode("session", plan)[0]
'batch'
>>> check_quota(4.0, plan, "refuse")
[]
>>> check_quota(30.0, plan, "warn")[0][:53]
'this job needs at least 30 s of QPU time (estimated) '
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogError, QcogValueError

#: Plans whose instances cannot open sessions (batch and job mode only).
PLANS_WITHOUT_SESSIONS = frozenset({"open"})
#: What ``on_quota`` accepts: warn and submit, refuse (raise before submitting), or ignore.
QUOTA_POLICIES = ("warn", "refuse", "ignore")


class QuotaExceededError(QcogError):
    """The job would need more QPU time than the instance has left (nothing was sent)."""


@dataclass(frozen=True)
class PlanInfo:
    """The active instance's plan and usage (None where the service did not say).

    Attributes:
        plan: plan name, lower case (``'open'``, ``'premium'``, ...).
        instance: the instance CRN (an identifier, not a secret).
        limit_s: usage limit (or allocation) for the period, in seconds.
        consumed_s: QPU seconds used in the period.
        remaining_s: ``limit_s - consumed_s`` (not below 0).
        limit_reached: the service says the limit is reached.
        period_end: when the usage period ends (as the service writes it).
        error: why plan or usage could not be read (the rest is then partly None).
        unreachable: the error was the network or the service being unreachable.
    """

    plan: str | None = None
    instance: str | None = None
    limit_s: float | None = None
    consumed_s: float | None = None
    remaining_s: float | None = None
    limit_reached: bool = False
    period_end: str | None = None
    error: str | None = None
    unreachable: bool = False

    @property
    def can_open_sessions(self) -> bool | None:
        """False for plans without sessions, True for others, None when the plan is unknown."""
        return None if self.plan is None else self.plan not in PLANS_WITHOUT_SESSIONS

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "can_open_sessions": self.can_open_sessions}

    def describe(self) -> str:
        """One line: plan, and usage left in the period."""
        plan = f"{self.plan} plan" if self.plan else "plan unknown"
        if self.remaining_s is None:
            usage = (
                "no usage limit reported" if self.error is None else f"usage unknown ({self.error})"
            )
        else:
            usage = f"{self.remaining_s:g} s of QPU time left of {self.limit_s:g} s"
            if self.period_end:
                usage += f" (period ends {self.period_end})"
        return f"{plan}, {usage}"


def _seconds(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _plan_name(service) -> str | None:
    active = service.active_instance()
    for instance in service.instances() or ():
        if instance.get("crn") == active:
            plan = instance.get("plan")
            return str(plan).lower() if plan else None
    return None


def plan_info(service) -> PlanInfo:
    """Plan and usage of the service's active instance; never raises for missing parts.

    Args:
        service: a ``QiskitRuntimeService``.

    Returns:
        A :class:`PlanInfo`; fields the service did not give stay None and ``error``
        says why.
    """
    from qcog.ibm.account import redact
    from qcog.ibm.primitives import quiet_deprecations
    from qcog.ibm.service_errors import is_network_error

    errors, plan, instance, usage, unreachable = [], None, None, {}, False
    with quiet_deprecations():
        try:
            instance = service.active_instance()
            plan = _plan_name(service)
        except Exception as exc:
            errors.append(f"plan: {type(exc).__name__}: {redact(exc)}")
            unreachable = unreachable or is_network_error(exc)
        try:
            usage = service.usage() or {}
        except Exception as exc:
            errors.append(f"usage: {type(exc).__name__}: {redact(exc)}")
            unreachable = unreachable or is_network_error(exc)
    limit = _seconds(usage.get("usage_limit_seconds") or usage.get("usage_allocation_seconds"))
    consumed = _seconds(usage.get("usage_consumed_seconds"))
    remaining = _seconds(usage.get("usage_remaining_seconds"))
    if remaining is None and limit is not None:
        remaining = max(0.0, limit - (consumed or 0.0))
    period = usage.get("usage_period") or {}
    return PlanInfo(
        plan=plan,
        instance=instance,
        limit_s=limit,
        consumed_s=consumed,
        remaining_s=remaining,
        limit_reached=bool(usage.get("usage_limit_reached")),
        period_end=period.get("end_time") if isinstance(period, dict) else None,
        error="; ".join(errors) or None,
        unreachable=unreachable,
    )


def choose_mode(requested: str, plan: PlanInfo) -> tuple[str, str | None]:
    """The execution mode to use, and a note when it differs from ``requested``.

    A session on a plan that cannot open sessions becomes a batch: the job's circuits
    are scheduled together as in a session, without the dedicated QPU window.

    >>> choose_mode("session", PlanInfo(plan="premium"))
    ('session', None)
    """
    if requested == "session" and plan.can_open_sessions is False:
        return "batch", (
            f"the {plan.plan} plan cannot open sessions: running in batch mode instead "
            "(the circuits of this job are scheduled together; no dedicated QPU window)"
        )
    return requested, None


def check_quota(estimate_s: float | None, plan: PlanInfo, on_quota: str = "warn") -> list[str]:
    """Compare a job's estimated QPU time with what the instance has left.

    Args:
        estimate_s: the job's estimated QPU seconds (a lower bound; None if unknown).
        plan: from :func:`plan_info`.
        on_quota: ``'warn'`` (return warnings), ``'refuse'`` (raise) or ``'ignore'``.

    Returns:
        Warnings to show (empty when the job fits or nothing is known).

    Raises:
        QuotaExceededError: ``on_quota='refuse'`` and the job does not fit, or the
            limit is already reached.
        QcogValueError: an unknown ``on_quota``.
    """
    if on_quota not in QUOTA_POLICIES:
        raise QcogValueError(
            f"on_quota must be one of {', '.join(QUOTA_POLICIES)}, got {on_quota!r}"
        )
    if on_quota == "ignore":
        return []
    problem = None
    if plan.limit_reached or (plan.remaining_s is not None and plan.remaining_s <= 0):
        problem = (
            f"the instance has no QPU time left this period ({plan.describe()}): the job "
            "would wait in the queue until time is made available"
        )
    elif estimate_s is not None and plan.remaining_s is not None and estimate_s > plan.remaining_s:
        problem = (
            f"this job needs at least {estimate_s:.3g} s of QPU time (estimated) but the "
            f"instance has {plan.remaining_s:g} s left ({plan.describe()}); it would use up "
            "the period's time and may not finish"
        )
    if problem is None:
        if plan.error and plan.remaining_s is None:
            return [f"could not check the remaining QPU time ({plan.error})"]
        return []
    if on_quota == "refuse":
        raise QuotaExceededError(
            f"{problem}. Nothing was submitted: use fewer shots or circuits, wait for the next "
            "period, or submit anyway with on_quota='warn' (CLI: --over-quota warn)"
        )
    return [problem]


def apply_plan(service, mode: str, summary: dict, on_quota: str = "warn") -> str:
    """Plan and quota before a remote submission: returns the mode to use.

    Adds ``plan``, ``mode_note`` and the quota warnings to ``summary`` (an
    :meth:`~qcog.ibm.isa.IsaProgram.summary` with ``estimated_qpu_seconds``).

    Raises:
        QuotaExceededError: ``on_quota='refuse'`` and the job does not fit.
    """
    plan = plan_info(service)
    chosen, note = choose_mode(mode, plan)
    warnings = check_quota(summary["estimated_qpu_seconds"], plan, on_quota)
    summary["plan"] = plan.to_dict()
    summary["mode_note"] = note
    summary["warnings"] = [*summary.get("warnings", []), *warnings]
    return chosen
