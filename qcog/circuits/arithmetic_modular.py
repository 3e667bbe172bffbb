"""Beauregard's modular arithmetic from Fourier adders: modular adder, multiply-add and
the in-place controlled modular multiplication ``|x> -> |a x mod N>`` used by Shor.

For an ``n``-bit modulus ``N`` the multiplier works on ``2n + 2`` qubits besides its
control: the input ``x`` (``n`` qubits), an accumulator ``b`` of ``n + 1`` qubits (it
holds values below ``2N``) and one ancilla that flags an overflow; ``b`` and the ancilla
return to 0 (Beauregard, quant-ph/0205095).

Qubit layouts (qubit 0 first):

- :func:`phi_add_mod`: ``[controls..., b_0 .. b_n, anc]`` with ``b`` in Fourier space
  (swap-free QFT of :mod:`qcog.circuits.qft`);
- :func:`multiply_add_mod`, :func:`controlled_modular_multiplication`:
  ``[c, x_0 .. x_{n-1}, b_0 .. b_n, anc]`` in the computational basis.

Every gate is a one- or two-qubit gate except the ``ccx`` inside controlled swaps.

>>> from qiskit.quantum_info import Statevector
>>> qc = controlled_modular_multiplication(7, 15)       # |c=1, x=2> -> |c=1, x=14>
>>> out = Statevector.from_int(1 + (2 << 1), 2**11).evolve(qc)
>>> (int(out.probabilities().argmax()) >> 1) & 0b1111
14
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.circuits.arithmetic_fourier import phi_add
from qcog.circuits.qft import qft_circuit
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    from qiskit import QuantumCircuit


def _check_modulus(a: int, N: int) -> int:
    """Validate ``0 <= a < N``, ``N >= 2``; return ``n = N.bit_length()``."""
    for name, value in (("a", a), ("N", N)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise QcogValueError(f"{name} must be an integer, got {value!r}")
    if N < 2 or not 0 <= a < N:
        raise QcogValueError(f"need N >= 2 and 0 <= a < N, got a={a}, N={N}")
    return N.bit_length()


def phi_add_mod(a: int, N: int, num_controls: int = 2) -> QuantumCircuit:
    """Doubly controlled ``b -> (b + a) mod N`` on a Fourier-space register (Beauregard's
    ``phiADD(a)MOD(N)``).

    Args:
        a: constant, ``0 <= a < N``.
        N: modulus, ``N >= 2``.
        num_controls: 0, 1 or 2 controls (Shor uses 2).

    Returns:
        A circuit on ``num_controls + (n + 1) + 1`` qubits; valid for inputs ``b < N``
        with the ancilla at 0, which it returns to 0. With ``n`` the bit length of ``N``
        and ``m = n + 1``, two controls cost ``4 m^2 + 16 m + 8`` CX after decomposition.

    Raises:
        QcogValueError: ``a`` or ``N`` out of range.

    >>> phi_add_mod(2, 5).num_qubits
    7
    """
    n = _check_modulus(a, N)
    from qiskit import QuantumCircuit

    m = n + 1
    k = num_controls
    ctrl = list(range(k))
    b = list(range(k, k + m))
    anc = k + m
    qft, iqft = qft_circuit(m, do_swaps=False), qft_circuit(m, inverse=True, do_swaps=False)
    qc = QuantumCircuit(k + m + 1, name=f"phi_add_mod({a},{N})")
    qc.compose(phi_add(a, m, k), ctrl + b, inplace=True)
    qc.compose(phi_add(-N, m), b, inplace=True)
    qc.compose(iqft, b, inplace=True)
    qc.cx(b[-1], anc)  # b + a - N < 0  <=>  top bit set
    qc.compose(qft, b, inplace=True)
    qc.compose(phi_add(N, m, 1), [anc] + b, inplace=True)
    qc.compose(phi_add(-a, m, k), ctrl + b, inplace=True)
    qc.compose(iqft, b, inplace=True)
    qc.x(b[-1])
    qc.cx(b[-1], anc)  # uncompute the flag: (b + a) mod N >= a  <=>  no overflow
    qc.x(b[-1])
    qc.compose(qft, b, inplace=True)
    qc.compose(phi_add(a, m, k), ctrl + b, inplace=True)
    return qc


def multiply_add_mod(a: int, N: int) -> QuantumCircuit:
    """Controlled ``b -> (b + a x) mod N`` (Beauregard's ``CMULT(a)MOD(N)``).

    Args:
        a: constant, ``0 <= a < N``.
        N: modulus, ``N >= 2``.

    Returns:
        A circuit on ``2n + 3`` qubits ``[c, x, b, anc]``; valid for ``b < N``.

    Raises:
        QcogValueError: ``a`` or ``N`` out of range.

    >>> multiply_add_mod(3, 7).num_qubits
    9
    """
    n = _check_modulus(a, N)
    from qiskit import QuantumCircuit

    m = n + 1
    x = list(range(1, n + 1))
    b = list(range(n + 1, n + 1 + m))
    anc = n + 1 + m
    qc = QuantumCircuit(2 * n + 3, name=f"cmult({a},{N})")
    qc.compose(qft_circuit(m, do_swaps=False), b, inplace=True)
    for i in range(n):
        qc.compose(phi_add_mod(a * 2**i % N, N), [0, x[i]] + b + [anc], inplace=True)
    qc.compose(qft_circuit(m, inverse=True, do_swaps=False), b, inplace=True)
    return qc


def controlled_swap(qc: QuantumCircuit, control: int, q1: int, q2: int) -> None:
    """Append a Fredkin gate as ``cx, ccx, cx`` (8 CX after decomposition)."""
    qc.cx(q2, q1)
    qc.ccx(control, q1, q2)
    qc.cx(q2, q1)


def controlled_modular_multiplication(a: int, N: int) -> QuantumCircuit:
    """In-place controlled ``|x> -> |a x mod N>`` for ``gcd(a, N) = 1``.

    ``CMULT(a)``, a controlled swap of ``x`` and ``b``, then ``CMULT(a^-1)`` inverted.

    Args:
        a: multiplier coprime to ``N``, ``0 < a < N``.
        N: modulus, ``N >= 2``.

    Returns:
        A circuit on ``2n + 3`` qubits ``[c, x, b, anc]``; for ``x < N`` and ``b = anc = 0``
        it maps ``|c, x> -> |c, a^c x mod N>`` and leaves ``b, anc`` at 0.

    Raises:
        QcogValueError: ``a`` out of range or not coprime to ``N``.

    >>> dict(controlled_modular_multiplication(2, 3).count_ops())["ccx"]
    2
    """
    import math

    n = _check_modulus(a, N)
    if math.gcd(a, N) != 1:
        raise QcogValueError(f"a={a} is not coprime to N={N}; the multiplication is not invertible")
    qc = multiply_add_mod(a, N)
    qc.name = f"cmul({a},{N})"
    for i in range(n):
        controlled_swap(qc, 0, 1 + i, n + 1 + i)
    qc.compose(multiply_add_mod(pow(a, -1, N), N).inverse(), range(2 * n + 3), inplace=True)
    return qc
