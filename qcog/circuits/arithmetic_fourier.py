"""Draper's Fourier-space adder of a classical constant (the building block of Beauregard's
modular arithmetic), with zero, one or two quantum controls.

A register ``b`` of ``m`` qubits in Fourier space (after :func:`qcog.circuits.qft.qft_circuit`
without swaps) is shifted by a constant ``c`` with one phase gate per qubit: qubit ``j``
gets ``exp(2 pi i c / 2^{j+1})``. The sum is modulo ``2^m``; subtracting is adding
``-c``. Every gate is a one- or two-qubit gate:

- no control: ``m`` single-qubit ``p`` gates, no two-qubit gate;
- one control: ``m`` ``cp`` gates (2 CX each);
- two controls ``c1, c2``: ``ccp(t) = cp(t/2; c1) cp(t/2; c2) cp(-t/2; c1 xor c2)``, the
  parity computed once for all targets: ``3m`` ``cp`` + 2 ``cx`` = ``6m + 2`` CX.

>>> from qiskit.quantum_info import Statevector
>>> from qcog.circuits.qft import qft_circuit
>>> qc = qft_circuit(3, do_swaps=False).compose(phi_add(5, 3)).compose(qft_circuit(3, inverse=True, do_swaps=False))
>>> int(Statevector.from_int(2, 8).evolve(qc).probabilities().argmax())  # 2 + 5
7
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    from qiskit import QuantumCircuit


def fourier_add_angles(value: int, num_qubits: int) -> list[float]:
    """Phase angles, one per qubit, that add ``value`` to a swap-free Fourier register.

    Args:
        value: the integer to add (negative to subtract); taken modulo ``2**num_qubits``.
        num_qubits: register width ``m``.

    Returns:
        ``[2 pi value / 2^(j+1) mod 2 pi for j in range(m)]`` (angles in ``(-pi, pi]``).

    >>> [round(t, 4) for t in fourier_add_angles(1, 2)]
    [3.1416, 1.5708]
    """
    if num_qubits < 1:
        raise QcogValueError(f"num_qubits must be >= 1, got {num_qubits}")
    value %= 2**num_qubits
    angles = []
    for j in range(num_qubits):
        frac = (value % 2 ** (j + 1)) / 2 ** (j + 1)  # exact fraction of a full turn
        angles.append(2 * math.pi * (frac - 1 if frac > 0.5 else frac))
    return angles


def phi_add(value: int, num_qubits: int, num_controls: int = 0) -> QuantumCircuit:
    """Circuit adding the constant ``value`` to a Fourier-space register.

    Args:
        value: the constant (negative subtracts), modulo ``2**num_qubits``.
        num_qubits: width ``m`` of the Fourier register.
        num_controls: 0, 1 or 2 control qubits.

    Returns:
        A circuit on ``num_controls + num_qubits`` qubits: the controls first, then the
        register (its qubit 0 first). Zero angles are kept, so the gate count is the
        same for every ``value`` (the transpiler drops identities).

    Raises:
        QcogValueError: ``num_controls`` not in 0, 1, 2.

    >>> dict(phi_add(3, 4, num_controls=2).count_ops())
    {'cp': 12, 'cx': 2}
    """
    from qiskit import QuantumCircuit

    if num_controls not in (0, 1, 2):
        raise QcogValueError(f"num_controls must be 0, 1 or 2, got {num_controls!r}")
    angles = fourier_add_angles(value, num_qubits)
    qc = QuantumCircuit(num_controls + num_qubits, name=f"phi_add({value})")
    targets = range(num_controls, num_controls + num_qubits)
    if num_controls == 0:
        for t, angle in zip(targets, angles):
            qc.p(angle, t)
    elif num_controls == 1:
        for t, angle in zip(targets, angles):
            qc.cp(angle, 0, t)
    else:
        for t, angle in zip(targets, angles):
            qc.cp(angle / 2, 0, t)
        for t, angle in zip(targets, angles):
            qc.cp(angle / 2, 1, t)
        qc.cx(0, 1)
        for t, angle in zip(targets, angles):
            qc.cp(-angle / 2, 1, t)
        qc.cx(0, 1)
    return qc
