"""qcog: quantum-plus-classical hybrid computing on Qiskit, PennyLane and PyTorch.

``import qcog`` is light: Qiskit, Aer, torch, PennyLane and qiskit-ibm-runtime are
imported by the modules that use them, when they are first used.

>>> import qcog
>>> qcog.__version__
'0.1.0'
"""

from qcog.lazy_exports import lazy_getattr

__version__ = "0.1.0"

# Public names, resolved lazily so that ``import qcog`` stays cheap.
_LAZY = {
    "run": "qcog.runner",
    "RunResult": "qcog.result",
    "get_backend": "qcog.backends",
    "Backend": "qcog.backends",
    "BackendSpec": "qcog.backends",
}

__all__ = ["__version__", *_LAZY]

__getattr__ = lazy_getattr(__name__, _LAZY)
