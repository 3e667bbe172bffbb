import numpy as np
import pytest
from qiskit.quantum_info import Operator

from qcog.circuits.qft import qft_circuit
from qcog.exceptions import QcogValueError


def dft(m: int) -> np.ndarray:
    M = 2**m
    return np.exp(2j * np.pi * np.outer(np.arange(M), np.arange(M)) / M) / np.sqrt(M)


def bit_reverse(i: int, m: int) -> int:
    return int(format(i, f"0{m}b")[::-1], 2)


@pytest.mark.parametrize("m", [1, 2, 3, 4, 5])
def test_qft_is_the_dft_and_inverse_its_adjoint(m, tol):
    np.testing.assert_allclose(Operator(qft_circuit(m)).data, dft(m), atol=tol)
    np.testing.assert_allclose(
        Operator(qft_circuit(m, inverse=True)).data, dft(m).conj().T, atol=tol
    )


@pytest.mark.parametrize("m", [2, 3, 4])
def test_without_swaps_the_output_bits_are_reversed(m, tol):
    perm = [bit_reverse(i, m) for i in range(2**m)]
    np.testing.assert_allclose(
        Operator(qft_circuit(m, do_swaps=False)).data, dft(m)[perm], atol=tol
    )


def test_gate_count():
    assert qft_circuit(6, do_swaps=False).count_ops()["cp"] == 15


@pytest.mark.parametrize("bad", [0, -1, 2.0, True])
def test_bad_width(bad):
    with pytest.raises(QcogValueError, match="positive integer"):
        qft_circuit(bad)
