"""Submit circuits to IBM Quantum (or rehearse on a fake backend), with the job on record first.

:func:`prepare` shows what would run (ISA circuits, two-qubit gates, depth, QPU-time
estimate) without submitting. :func:`submit` transpiles, checks, writes the job to the
store under a provisional id (status ``submitting``) BEFORE the runtime call, sends all
circuits as the PUBs of ONE primitive job, then renames the record to the real job id
(or marks it ``error`` if the call raised); for fake backends (qiskit-ibm-runtime's
local testing mode) it stores the result as soon as it is ready.

>>> from qcog.circuits.states import ghz_state
>>> record = submit(ghz_state(3), "fake:manila", shots=200, seed=7)
>>> record.status, sum(record.result["pubs"][0]["counts"].values())
('done', 200)
"""

from __future__ import annotations

import os
import time
from typing import Any

from qcog.exceptions import QcogError, QcogValueError
from qcog.ibm.account import redact, redacted_logs
from qcog.ibm.duplicates import find_duplicate, refuse_duplicate
from qcog.ibm.fingerprint import job_fingerprint, qcog_tags
from qcog.ibm.isa import IsaProgram, prepare_isa
from qcog.ibm.plan import apply_plan
from qcog.ibm.polling import PollPolicy
from qcog.ibm.primitives import MODES, SubmitOptions, open_mode, run_pubs
from qcog.ibm.runtime_messages import collected_runtime_messages
from qcog.ibm.status import SUBMIT_FAILED, SUBMITTING
from qcog.ibm.store import (
    JobRecord,
    JobStore,
    circuits_to_qpy,
    observables_to_data,
    provisional_job_id,
)

ACCEPTED_BACKENDS = "fake:<name> (local rehearsal), ibm:<name> or ibm:least_busy"
#: SubmitOptions fields that only the estimator uses.
ESTIMATOR_ONLY = ("resilience_level", "precision")


class SubmissionError(QcogError):
    """The service refused or failed the submission (the record stays, status ``error``)."""


def resolve_target(backend: str, service=None, min_qubits: int = 1) -> tuple[Any, str, bool]:
    """``(qiskit_backend, name, local)`` for ``fake:NAME``, ``ibm:NAME`` or ``ibm:least_busy``.

    Raises:
        UnknownBackendError: unknown name (close matches listed).
        QcogValueError: a backend kind qcog.ibm does not submit to (aer, auto).
        BackendUnavailableError: no IBM account.
    """
    from qcog.backends import BackendSpec

    spec = BackendSpec.parse(backend)
    if spec.kind == "fake":
        from qcog.backends.fake import fake_backend

        device = fake_backend(spec.name)
        short = type(device).__name__.removeprefix("Fake").removesuffix("V2").lower()
        return device, f"fake:{short}", True
    if spec.kind == "ibm":
        from qcog.backends.ibm import ibm_backend
        from qcog.ibm.account import open_service

        with redacted_logs():
            device = ibm_backend(
                spec.name, service=service or open_service(), min_qubits=min_qubits
            )
        return device, f"ibm:{device.name}", False
    raise QcogValueError(
        f"qcog.ibm submits to {ACCEPTED_BACKENDS}, not {backend!r}; use qcog.run for Aer"
    )


def prepare(
    circuits,
    backend: str = "fake:manila",
    observables=None,
    optimization_level: int = 1,
    seed: int | None = None,
    transpile: bool = True,
    service=None,
    min_qubits: int = 1,
) -> IsaProgram:
    """Transpile to the backend's ISA and report cost, without submitting anything.

    >>> from qcog.circuits.states import ghz_state
    >>> prepare(ghz_state(2), "fake:manila", seed=1).summary(shots=1000)["twoq_gates"]
    1
    """
    with collected_runtime_messages():
        device, name, _ = resolve_target(backend, service, min_qubits)
    return prepare_isa(circuits, device, observables, optimization_level, seed, transpile, name)


def preview(
    circuits,
    backend: str = "fake:manila",
    observables=None,
    options: SubmitOptions | None = None,
    mode: str = "job",
    optimization_level: int = 1,
    seed: int | None = None,
    transpile: bool = True,
    store: JobStore | str | os.PathLike | None = None,
    service=None,
    min_qubits: int = 1,
) -> dict[str, Any]:
    """What :func:`submit` would do, without submitting: cost, warnings, plan, duplicates.

    Returns:
        :meth:`IsaProgram.summary` (circuits, two-qubit gates, depth, QPU-time estimate
        with the estimator's precision, calibration warnings) plus, on IBM backends,
        ``plan`` (plan and usage left), ``mode``/``mode_note`` (the mode that would be
        used), quota warnings, and ``duplicate`` (the job id of the same job submitted
        before, or None). The program itself is under the key ``program`` (not JSON).

    >>> from qcog.circuits.states import ghz_state
    >>> preview(ghz_state(2), "fake:manila", seed=1)["duplicate"] is None
    True
    """
    options = options or SubmitOptions(seed=seed)
    kind = "sampler" if observables is None else "estimator"
    check_options_for(kind, options)
    with collected_runtime_messages() as notes:
        service = service if service is not None or not _is_remote(backend) else _open_service()
        device, name, local = resolve_target(backend, service, min_qubits)
        program = prepare_isa(
            circuits, device, observables, optimization_level, seed, transpile, name
        )
        out = program.summary(options.shots, options.precision, options.resilience_level)
        out.update(mode=mode, mode_note=None, duplicate=None, program=program)
        if not local:
            out["mode"] = apply_plan(service, mode, out, "warn")
            fingerprint = job_fingerprint(
                circuits, name, kind, observables, options.to_dict(), optimization_level, transpile
            )
            store = store if isinstance(store, JobStore) else JobStore(store)
            found = find_duplicate(fingerprint, store, service)
            out["duplicate"] = None if found is None else found[0].job_id
    out["runtime_notes"] = notes
    return out


def submit(
    circuits,
    backend: str,
    shots: int = 1024,
    observables=None,
    mode: str = "job",
    options: SubmitOptions | None = None,
    tags: list[str] | tuple[str, ...] = (),
    optimization_level: int = 1,
    seed: int | None = None,
    transpile: bool = True,
    wait: bool = False,
    poll: PollPolicy = PollPolicy(),
    store: JobStore | str | os.PathLike | None = None,
    service=None,
    min_qubits: int = 1,
    force: bool = False,
    on_quota: str = "warn",
    progress=None,
) -> JobRecord:
    """Submit ``circuits`` as one sampler (or estimator) job and record it in the job store.

    Before anything is sent to IBM Quantum: the circuits are transpiled and checked,
    the job's content hash is looked up (in the store, then on the service by tag) so the
    same job is not submitted twice, the plan decides whether a session can be opened,
    and the estimated QPU time is compared with what the instance has left. The job
    carries the tags ``qcog``, ``qcog-hash-<hash>``, ``qcog-rec-<record id>`` and
    ``qcog-kind-<kind>`` besides ``tags`` (see :mod:`qcog.ibm.reconcile`); the record
    keeps the calibration of the qubits and couplers used.

    Args:
        circuits: a ``QuantumCircuit`` or a list of them (all go in ONE job as PUBs).
        backend: ``fake:NAME`` (local rehearsal), ``ibm:NAME`` or ``ibm:least_busy``.
        shots: shots per circuit (ignored when ``options`` is given).
        observables: None to sample; one observable per circuit for the estimator.
        mode: 'job', 'batch' or 'session' (a session becomes a batch on plans without
            sessions, and the record's summary says so).
        options: full :class:`SubmitOptions` (DD, twirling, resilience, precision).
        tags: job tags, stored and sent to IBM.
        optimization_level: preset pass-manager level 0-3.
        seed: transpiler seed, and simulator seed on fake backends.
        transpile: False if the circuits are already ISA (they are checked anyway).
        wait: for IBM jobs, poll until final and fetch the result before returning.
        poll: polling interval/timeout for ``wait``.
        store: a :class:`JobStore`, a path to one, or None for the default.
        service: a ``QiskitRuntimeService`` (default: the configured account).
        min_qubits: for ``ibm:least_busy``.
        force: submit even when the same job was submitted before (IBM backends; local
            rehearsals on fake backends are never refused).
        on_quota: when the estimated QPU time exceeds what the instance has left:
            ``'warn'`` (default; the warning is in ``record.summary['warnings']``),
            ``'refuse'`` (raise, nothing sent) or ``'ignore'``.
        progress: with ``wait``, called with a line whenever the job's state changes.

    Returns:
        The stored :class:`JobRecord` (for fake backends, with its result).

    Raises:
        NonIsaCircuitError, CircuitTooLargeError: before anything is sent.
        QcogValueError: resilience level or precision given for a sampler job.
        DuplicateJobError: the same job exists (``error.existing`` is its record).
        QuotaExceededError: ``on_quota='refuse'`` and the job does not fit.
        SubmissionError: the service refused the job (message without secrets); the
            record stays in the store with status ``error`` and the ISA circuits.
    """
    from qcog.ibm.plan import QUOTA_POLICIES

    options = options or SubmitOptions(shots=shots, seed=seed)
    kind = "sampler" if observables is None else "estimator"
    check_options_for(kind, options)
    if mode not in MODES:
        raise QcogValueError(f"unknown mode {mode!r}; accepted: {', '.join(MODES)}")
    if on_quota not in QUOTA_POLICIES:
        raise QcogValueError(
            f"unknown on_quota {on_quota!r}; accepted: {', '.join(QUOTA_POLICIES)}"
        )
    store = store if isinstance(store, JobStore) else JobStore(store)
    with collected_runtime_messages() as runtime_notes:
        service = service if service is not None or not _is_remote(backend) else _open_service()
        device, name, local = resolve_target(backend, service, min_qubits)
        program = prepare_isa(
            circuits, device, observables, optimization_level, seed, transpile, name
        )
        fingerprint = job_fingerprint(
            circuits, name, kind, observables, options.to_dict(), optimization_level, transpile
        )
        if not local and not force:
            refuse_duplicate(fingerprint, store, service)
        summary = program.summary(options.shots, options.precision, options.resilience_level)
        if not local:
            mode = apply_plan(service, mode, summary, on_quota)
    isa_obs = None if observables is None else [item.observable for item in program.items]
    pubs = (
        [(c,) for c in program.circuits]
        if isa_obs is None
        else list(zip(program.circuits, isa_obs))
    )
    draft = _provisional(name, local, kind, mode, program, isa_obs, options, tags)
    draft.fingerprint, draft.summary = fingerprint, {**summary, "runtime_notes": runtime_notes}
    job_tags = [*tags, *qcog_tags(fingerprint, draft.job_id, kind)]
    store.add(draft)  # on disk BEFORE the runtime call: a kill now loses nothing
    with redacted_logs(), collected_runtime_messages():
        try:
            mode_obj = open_mode(mode, device)
            job = run_pubs(kind, mode_obj, pubs, options, job_tags)
            job_id = str(job.job_id())
        except Exception as exc:
            raise _failed(store, draft, exc) from None
        except BaseException:  # Ctrl-C mid-call (the process may live on, e.g. a notebook)
            _interrupted(store, draft)
            raise
    session_id = getattr(mode_obj, "session_id", None) if mode != "job" else None
    store.rename(
        draft.job_id,
        job_id,
        status="running" if local else "queued",
        raw_status="RUNNING" if local else "QUEUED",
        session_id=session_id,
    )
    record = store.get(job_id)
    if mode != "job" and not local:
        _close_quietly(mode_obj)
    if local:
        from qcog.ibm.jobs import finish_local

        return finish_local(store, record, job, poll)
    if wait:
        from qcog.ibm.jobs import wait_job

        return wait_job(record.job_id, store, service, poll, progress=progress)
    return record


def _is_remote(backend: str) -> bool:
    from qcog.backends import BackendSpec

    return BackendSpec.parse(backend).kind == "ibm"


def _open_service():
    import qcog.ibm.account

    return qcog.ibm.account.open_service()


def check_options_for(kind: str, options: SubmitOptions) -> None:
    """Refuse estimator-only options (resilience level, precision) on a sampler job.

    Raises:
        QcogValueError: ``resilience_level`` or ``precision`` set for ``kind='sampler'``.
    """
    given = [name for name in ESTIMATOR_ONLY if getattr(options, name) is not None]
    if kind == "sampler" and given:
        raise QcogValueError(
            f"{' and '.join(given)} apply to estimator jobs only; this is a sampler job "
            "(give observables to run the estimator, or leave them unset)"
        )


def _provisional(name, local, kind, mode, program, isa_obs, options, tags) -> JobRecord:
    """The record written before the runtime call, under a local ``pending-...`` id."""
    now = time.time()
    return JobRecord(
        job_id=provisional_job_id(),
        backend=name,
        local=local,
        kind=kind,
        mode=mode,
        status="submitting",
        created=now,
        updated=now,
        circuits=circuits_to_qpy(program.circuits),
        options=options.to_dict(),
        tags=list(tags),
        summary=program.summary(options.shots, options.precision, options.resilience_level),
        observables=observables_to_data(isa_obs),
        raw_status=SUBMITTING,
        pid=os.getpid(),
        calibration=program.calibration,
    )


def _failed(store: JobStore, draft: JobRecord, exc: Exception) -> SubmissionError:
    """Mark the provisional record ``error`` (message without secrets); the error to raise."""
    what = "the local rehearsal" if draft.local else "IBM Quantum"
    detail = f"{type(exc).__name__}: {redact(exc)}"
    message = (
        f"submission to {draft.backend} failed before {what} returned a job id, so it did "
        f"not reach {what}: {detail}. The ISA circuits, options and tags are kept in the "
        f"job store as {draft.job_id}"
    )
    if draft.local:
        message += f"; `qcog jobs wait {draft.job_id}` re-runs it from the stored circuits"
    store.update(draft.job_id, status="error", raw_status=SUBMIT_FAILED, error=message)
    return SubmissionError(message)


def _interrupted(store: JobStore, draft: JobRecord) -> None:
    """Mark a submission stopped mid-call as interrupted (a local one can be re-run)."""
    from qcog.ibm.jobs import interrupted_message
    from qcog.ibm.status import INTERRUPTED, SUBMIT_INTERRUPTED

    if draft.local:
        store.update(draft.job_id, status="queued", raw_status=INTERRUPTED)
    else:
        store.update(draft.job_id, raw_status=SUBMIT_INTERRUPTED, error=interrupted_message(draft))


def _close_quietly(mode_obj) -> None:
    """Close a batch/session: it accepts no more jobs, the submitted one still runs."""
    try:
        mode_obj.close()
    except Exception:  # closing is a courtesy to the queue; the job is already on record
        pass
