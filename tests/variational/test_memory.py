"""The local memory guard refuses before allocating and says what to change."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.variational.memory import check_statevector_memory


def test_fits_returns_the_estimate():
    assert check_statevector_memory(10, copies=2, what="x", fix="y", limit=2**20) == 16 * 2 * 1024


def test_too_large_is_refused_with_the_fix():
    with pytest.raises(QcogValueError, match="use fewer qubits"):
        check_statevector_memory(30, copies=1, what="QAOA", fix="use fewer qubits", limit=2**30)
