"""The quantum Fourier transform as a plain circuit of ``h`` and ``cp`` gates.

Convention (Qiskit's): with ``do_swaps=True`` the circuit maps the basis state
``|x>`` of ``m`` qubits to ``2^{-m/2} sum_y exp(2 pi i x y / 2^m) |y>`` (qubit 0 is the
least significant bit). Without the final swaps the output bits come out in reverse
order: qubit ``j`` holds bit ``m-1-j`` of ``y``. The Fourier adders of
:mod:`qcog.circuits.arithmetic_fourier` use the swap-free form.

>>> qc = qft_circuit(3)
>>> dict(qc.count_ops())
{'h': 3, 'cp': 3, 'swap': 1}
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit


def qft_circuit(
    num_qubits: int, inverse: bool = False, do_swaps: bool = True
) -> QuantumCircuit:
    """Build the (inverse) quantum Fourier transform on ``num_qubits`` qubits.

    Args:
        num_qubits: register width, >= 1.
        inverse: build the inverse transform (the adjoint circuit).
        do_swaps: end with the swaps that restore the bit order; without them qubit
            ``j`` holds bit ``num_qubits-1-j`` of the Fourier index.

    Returns:
        A ``QuantumCircuit`` of ``h`` and ``cp`` gates (and ``swap`` gates if asked),
        ``num_qubits*(num_qubits-1)/2`` controlled phases in all.

    Raises:
        QcogValueError: ``num_qubits`` is not a positive integer.

    >>> qft_circuit(2, inverse=True).count_ops()["cp"]
    1
    """
    from qiskit import QuantumCircuit

    if isinstance(num_qubits, bool) or not isinstance(num_qubits, int) or num_qubits < 1:
        raise QcogValueError(f"num_qubits must be a positive integer, got {num_qubits!r}")
    qc = QuantumCircuit(num_qubits, name="iqft" if inverse else "qft")
    for j in reversed(range(num_qubits)):
        qc.h(j)
        for k in reversed(range(j)):
            qc.cp(math.pi / 2 ** (j - k), k, j)
    if do_swaps:
        for j in range(num_qubits // 2):
            qc.swap(j, num_qubits - 1 - j)
    return qc.inverse() if inverse else qc
