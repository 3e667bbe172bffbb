"""Every check ``qcog doctor`` runs, in order, and :func:`run_doctor` that runs them.

>>> report = run_doctor(offline=True, only=("ibm-account",))
>>> [c.name for c in report.checks]
['ibm-account']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from qcog.doctor.report import Check, DoctorReport


class _Context:
    """Facts several checks share, each gathered once."""

    def __init__(self, offline: bool) -> None:
        self.offline = offline
        self._gpu = None
        self.aer_owner: Check | None = None

    @property
    def gpu(self):
        if self._gpu is None:
            from qcog.doctor.cuda import gpu_facts

            self._gpu = gpu_facts()
        return self._gpu


def _aer_package(ctx: _Context) -> list[Check]:
    from qcog.doctor.aer_packages import check_aer_package

    ctx.aer_owner = check_aer_package()
    return [ctx.aer_owner]


def _aer_gpu(ctx: _Context) -> list[Check]:
    from qcog.backends.aer import gpu_status
    from qcog.doctor.cuda import aer_gpu_check

    return [aer_gpu_check(gpu_status(), ctx.gpu, ctx.aer_owner)]


def _torch(ctx: _Context) -> list[Check]:
    from qcog.doctor.torch_cuda import check_torch_cuda

    return [check_torch_cuda(ctx.gpu)]


def _pennylane(ctx: _Context) -> list[Check]:
    from qcog.doctor.pennylane_devices import check_devices

    return check_devices(gpu_present=bool(ctx.gpu.devices))


def _ibm_account(ctx: _Context) -> list[Check]:
    from qcog.doctor.ibm import check_account

    return [check_account()]


def _ibm_service(ctx: _Context) -> list[Check]:
    from qcog.doctor.ibm import check_service

    return [check_service(ctx.offline)]


def _job_store(ctx: _Context) -> list[Check]:
    from qcog.doctor.ibm import check_job_store

    return [check_job_store()]


#: (name, what it checks, function) in the order they run (later ones reuse earlier facts).
CHECKS: tuple[tuple[str, str, Callable[[_Context], list[Check]]], ...] = (
    ("aer-package", "which of qiskit-aer / qiskit-aer-gpu owns qiskit_aer", _aer_package),
    ("aer-gpu", "Aer runs a circuit on the GPU, or why not", _aer_gpu),
    ("torch-cuda", "torch's CUDA build and devices", _torch),
    ("lightning", "PennyLane lightning.qubit and lightning.gpu", _pennylane),
    ("ibm-account", "IBM Quantum account source, channel, instance", _ibm_account),
    ("ibm-service", "IBM Quantum answers; plan and QPU time left", _ibm_service),
    ("job-store", "the local job store opens and reads", _job_store),
)


def run_doctor(offline: bool = False, only: Iterable[str] | None = None) -> DoctorReport:
    """Run the checks of :data:`CHECKS` (all, or those named in ``only``).

    Args:
        offline: do not contact IBM Quantum.
        only: names of checks to run.

    Returns:
        A :class:`~qcog.doctor.report.DoctorReport`; a check that crashes is reported as
        ``fail`` with its error, the others still run.
    """
    wanted = None if only is None else set(only)
    ctx = _Context(offline)
    checks: list[Check] = []
    for name, _, run in CHECKS:
        if wanted is not None and name not in wanted:
            continue
        try:
            checks.extend(run(ctx))
        except Exception as exc:  # a broken check must not hide the others
            checks.append(
                Check(name, "fail", f"the check itself failed: {type(exc).__name__}: {exc}")
            )
    return DoctorReport(checks)
