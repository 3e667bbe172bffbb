"""Where circuits run: backend specs, resolution, Aer CPU/GPU, fake and IBM backends.

>>> from qcog.backends import get_backend
>>> get_backend("fake:manila").num_qubits
5
"""

from qcog.backends.backend import Backend, get_backend
from qcog.backends.spec import BackendSpec

__all__ = ["Backend", "BackendSpec", "get_backend"]
