"""Submit circuits to IBM Quantum (or rehearse on a fake backend), with the job on record first.

:func:`prepare` shows what would run (ISA circuits, two-qubit gates, depth, QPU-time
estimate) without submitting. :func:`submit` transpiles, checks, sends all circuits as
the PUBs of ONE primitive job, writes the job to the store before waiting, and for
fake backends (qiskit-ibm-runtime's local testing mode) stores the result as soon as it
is ready.

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
from qcog.ibm.isa import IsaProgram, prepare_isa
from qcog.ibm.polling import PollPolicy
from qcog.ibm.primitives import KINDS, SubmitOptions, open_mode, run_pubs
from qcog.ibm.store import JobRecord, JobStore, circuits_to_qpy, observables_to_data

ACCEPTED_BACKENDS = "fake:<name> (local rehearsal), ibm:<name> or ibm:least_busy"


class SubmissionError(QcogError):
    """The service refused or failed the submission (nothing was stored)."""


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
    device, name, _ = resolve_target(backend, service, min_qubits)
    return prepare_isa(circuits, device, observables, optimization_level, seed, transpile, name)


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
) -> JobRecord:
    """Submit ``circuits`` as one sampler (or estimator) job and record it in the job store.

    Args:
        circuits: a ``QuantumCircuit`` or a list of them (all go in ONE job as PUBs).
        backend: ``fake:NAME`` (local rehearsal), ``ibm:NAME`` or ``ibm:least_busy``.
        shots: shots per circuit (ignored when ``options`` is given).
        observables: None to sample; one observable per circuit for the estimator.
        mode: 'job', 'batch' or 'session'.
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

    Returns:
        The stored :class:`JobRecord` (for fake backends, with its result).

    Raises:
        NonIsaCircuitError, CircuitTooLargeError: before anything is sent.
        SubmissionError: the service refused the job (message without secrets).
    """
    options = options or SubmitOptions(shots=shots, seed=seed)
    kind = "sampler" if observables is None else "estimator"
    assert kind in KINDS
    store = store if isinstance(store, JobStore) else JobStore(store)
    device, name, local = resolve_target(backend, service, min_qubits)
    program = prepare_isa(circuits, device, observables, optimization_level, seed, transpile, name)
    isa_obs = None if observables is None else [item.observable for item in program.items]
    pubs = (
        [(c,) for c in program.circuits]
        if isa_obs is None
        else list(zip(program.circuits, isa_obs))
    )
    with redacted_logs():
        try:
            mode_obj = open_mode(mode, device)
            job = run_pubs(kind, mode_obj, pubs, options, list(tags))
        except QcogError:
            raise
        except Exception as exc:
            raise SubmissionError(
                f"{name} refused the job: {type(exc).__name__}: {redact(exc)}"
            ) from None
    record = _record(job, name, local, kind, mode, mode_obj, program, isa_obs, options, tags)
    store.add(record)  # on disk before anyone waits
    if mode != "job" and not local:
        _close_quietly(mode_obj)
    if local:
        from qcog.ibm.jobs import finish_local

        return finish_local(store, record, job, poll)
    if wait:
        from qcog.ibm.jobs import wait_job

        return wait_job(record.job_id, store, service, poll)
    return record


def _record(job, name, local, kind, mode, mode_obj, program, isa_obs, options, tags) -> JobRecord:
    now = time.time()
    session_id = getattr(mode_obj, "session_id", None) if mode != "job" else None
    return JobRecord(
        job_id=str(job.job_id()),
        backend=name,
        local=local,
        kind=kind,
        mode=mode,
        status="running" if local else "queued",
        created=now,
        updated=now,
        circuits=circuits_to_qpy(program.circuits),
        options=options.to_dict(),
        tags=list(tags),
        summary=program.summary(options.shots),
        observables=observables_to_data(isa_obs),
        session_id=session_id,
        raw_status="RUNNING" if local else "QUEUED",
        pid=os.getpid(),
    )


def _close_quietly(mode_obj) -> None:
    """Close a batch/session: it accepts no more jobs, the submitted one still runs."""
    try:
        mode_obj.close()
    except Exception:  # closing is a courtesy to the queue; the job is already on record
        pass
