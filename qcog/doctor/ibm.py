"""IBM Quantum: where the account comes from (never the token), whether the service answers,
the plan and QPU time left, and the local job store.

>>> account_check({"source": None}, None).verdict
'skip'
"""

from __future__ import annotations

from typing import Any

from qcog.doctor.report import Check

SAVE_HINT = (
    "qcog ibm account --save --instance CRN   (reads QISKIT_IBM_TOKEN or asks for the key; "
    "writes ~/.qiskit/qiskit-ibm.json readable by you only)"
)


def account_check(info: dict[str, Any], file_mode: int | None) -> Check:
    """The ``ibm-account`` verdict from :func:`qcog.ibm.account.account_info` and the file mode."""
    source = info.get("source")
    if source is None:
        return Check("ibm-account", "skip", "no IBM Quantum account configured", SAVE_HINT)
    where = f"from the {source}" + (f" ({info['file']})" if info.get("file") else "")
    detail = (
        f"account {where}: channel {info.get('channel') or 'default'}, instance "
        f"{info.get('instance') or 'chosen by the service'}, token "
        f"{info.get('token') or 'missing'}"
    )
    if info.get("token") is None:
        return Check("ibm-account", "fail", detail, SAVE_HINT)
    if source == "saved account" and file_mode is not None and file_mode & 0o077:
        return Check(
            "ibm-account",
            "warn",
            f"{detail}; the file is readable by other users (mode {file_mode:o})",
            f"chmod 600 {info['file']}",
        )
    return Check("ibm-account", "ok", detail)


def service_check(open_service, plan_info) -> Check:
    """The ``ibm-service`` verdict: open the account and read the plan and usage."""
    from qcog.ibm.service_errors import CredentialsRejectedError, ServiceUnreachableError

    try:
        service = open_service()
        plan = plan_info(service)
    except ServiceUnreachableError as exc:
        return Check("ibm-service", "fail", str(exc), "check the network (and HTTPS_PROXY)")
    except CredentialsRejectedError as exc:
        return Check("ibm-service", "fail", str(exc), SAVE_HINT)
    except Exception as exc:  # any other failure is the finding
        return Check("ibm-service", "fail", f"{type(exc).__name__}: {exc}", SAVE_HINT)
    if plan.unreachable:
        return Check(
            "ibm-service",
            "fail",
            f"IBM Quantum is unreachable: {plan.error}",
            "check the network (and HTTPS_PROXY); the token was not checked",
        )
    if plan.error:
        return Check("ibm-service", "warn", f"reachable, but {plan.describe()}")
    if plan.limit_reached or (plan.remaining_s is not None and plan.remaining_s <= 0):
        return Check(
            "ibm-service",
            "warn",
            f"reachable; {plan.describe()}: jobs will wait until time is available",
            "wait for the next usage period, or use another instance (QISKIT_IBM_INSTANCE)",
        )
    return Check("ibm-service", "ok", f"reachable; {plan.describe()}")


def check_account() -> Check:
    """The ``ibm-account`` check on this machine (reads no token)."""
    from qcog.ibm.account import account_info, saved_account_mode

    return account_check(account_info(), saved_account_mode())


def check_service(offline: bool) -> Check:
    """The ``ibm-service`` check: skipped offline or without an account."""
    from qcog.backends.ibm import account_source

    if account_source() is None:
        return Check("ibm-service", "skip", "not checked: no IBM Quantum account")
    if offline:
        return Check("ibm-service", "skip", "not checked (--offline)")
    import qcog.ibm.account
    from qcog.ibm.plan import plan_info

    return service_check(qcog.ibm.account.open_service, plan_info)


def check_job_store() -> Check:
    """The ``job-store`` check: the default store opens and every row reads."""
    from qcog.ibm.store import JobStore, JobStoreError, default_store_path

    try:
        path = default_store_path()
        if not path.exists():
            return Check("job-store", "ok", f"no jobs yet (the store will be {path})")
        store = JobStore(path)
        listing = store.scan()
    except JobStoreError as exc:
        text = str(exc)
        detail, _, fix = text.partition("; ")
        return Check("job-store", "fail", detail, fix or None)
    if listing.unreadable:
        return Check(
            "job-store",
            "warn",
            f"{len(listing.records)} job(s) in {store.path}; {len(listing.unreadable)} row(s) "
            f"cannot be read: {listing.unreadable[0]}",
        )
    return Check("job-store", "ok", f"{len(listing.records)} job(s) in {store.path}")
