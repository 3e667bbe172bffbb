"""``qcog doctor``: is this installation ready, and if not, what exactly to do.

Each check gives a verdict (``ok``, ``warn``, ``fail`` or ``skip`` for an optional part
that is not set up) with what it found and the exact fix: which of ``qiskit-aer`` and
``qiskit-aer-gpu`` owns the ``qiskit_aer`` module, whether Aer really runs a circuit on the
GPU and why not (driver, CUDA runtime, compute capability, cuQuantum, nvJitLink), torch's
CUDA, PennyLane's lightning devices, the IBM Quantum account (source, channel,
instance; never the token), whether the service answers, and the local job store.

>>> from qcog.doctor.report import Check, DoctorReport
>>> DoctorReport([Check("x", "ok", "fine"), Check("y", "warn", "hm", "do this")]).verdict
'warn'
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "run_doctor": "qcog.doctor.checks",
    "CHECKS": "qcog.doctor.checks",
    "Check": "qcog.doctor.report",
    "DoctorReport": "qcog.doctor.report",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
