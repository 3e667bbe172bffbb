"""qcog: quantum-plus-classical hybrid computing on Qiskit, PennyLane and PyTorch.

``import qcog`` is light: Qiskit, Aer, torch, PennyLane and qiskit-ibm-runtime are
imported by the modules that use them, when they are first used.

>>> import qcog
>>> qcog.__version__
'0.1.0'
"""

from importlib import import_module
from typing import Any

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qcog' has no attribute {name!r}")
