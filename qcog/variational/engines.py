"""Where a variational circuit runs: exact engines, or shot-based backends (local or runtime).

Exact engines compute energies and gradients exactly (qcog's torch engine, PennyLane
devices); shot-based backends are Qiskit backend specs: Aer runs locally, ``fake:`` and
``ibm:`` run through qiskit-ibm-runtime and qcog's job store.

>>> is_exact("torch"), is_exact("fake:manila")
(True, False)
>>> shot_backend_kind("aer", shots=100)
'local'
>>> shot_backend_kind("default.qubit", shots=100)
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: 'default.qubit' is an exact engine; shot-based runs use aer, aer-gpu, fake:<name> or ibm:<name>
"""

from __future__ import annotations

from qcog.exceptions import QcogValueError

#: Engines that compute energies exactly (and differentiate them).
EXACT_ENGINES = ("torch", "torch-compiled", "default.qubit", "lightning.qubit", "lightning.gpu", "lightning.kokkos")
#: Backend spec kinds simulated in this process.
LOCAL_KINDS = ("aer", "aer-gpu", "auto")


def is_exact(backend: str) -> bool:
    """True for an exact engine (see :data:`EXACT_ENGINES`)."""
    return backend in EXACT_ENGINES


def shot_backend_kind(backend: str, shots: int) -> str:
    """``"local"`` (Aer) or ``"runtime"`` (``fake:``/``ibm:``) for a shot-based backend spec.

    Raises:
        QcogValueError: ``shots`` is not a positive integer, or ``backend`` is an exact engine.
        UnknownBackendError: not a backend spec.
    """
    from qcog.backends import BackendSpec

    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if is_exact(backend):
        raise QcogValueError(
            f"{backend!r} is an exact engine; shot-based runs use aer, aer-gpu, fake:<name> or ibm:<name>"
        )
    return "local" if BackendSpec.parse(backend).kind in LOCAL_KINDS else "runtime"
