"""Ripple-carry arithmetic from temporary logical-ANDs (Gidney, arXiv:1709.06648): adders,
constant adders, a comparator and the modular adder Shor's windowed multiplier uses.

Carries ``c_{i+1} = MAJ(a_i, b_i, c_i) = c_i XOR ((a_i XOR c_i) AND (b_i XOR c_i))`` are
computed into ancillas on the way up and uncomputed by measurement on the way down
(:mod:`qcog.circuits.arithmetic_and`), so an ``n``-bit adder costs about ``10 n`` CX and
``n - 1`` ANDs. A classical addend needs no register: its bits select ``AND`` (bit 0) or
``OR`` (bit 1) of the carry and ``b_i``, about ``5 n`` CX.

Conventions: registers are lists of qubits, bit 0 first; ``b`` has one more qubit than the
addend (``b[n]``, the top bit, receives the carry: sums are modulo ``2^(n+1)``);
``anc`` holds ``n`` ancillas in ``|0>`` (returned to ``|0>``); ``mbu`` is the classical bit
for measurement-based uncomputation, or None to uncompute unitarily (no measurement).

>>> from qcog.simulators.sparse import simulate
>>> qc = adder_circuit(3)                  # qubits: a (3), b (4), anc (3)
>>> out = simulate(qc, initial={5 | 6 << 3: 1}).state()   # a = 5, b = 6
>>> [(k >> 3) & 0b1111 for k in out]       # b = 11
[11]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.circuits.arithmetic_and import append_and, append_and_uncompute

if TYPE_CHECKING:  # for annotations only
    from collections.abc import Sequence

    from qiskit.circuit import Clbit, QuantumCircuit, Qubit


def _xor_and_into(qc, x, y, target, spare, mbu, target_zero: bool) -> None:
    """``target ^= x AND y``: directly when ``target`` is ``|0>``, else through ``spare``."""
    if target_zero:
        append_and(qc, x, y, target)
        return
    append_and(qc, x, y, spare)
    qc.cx(spare, target)
    append_and_uncompute(qc, x, y, spare, mbu)


def _carries_up(qc, a, b, anc, out, mbu, out_zero: bool) -> list:
    """Compute the carries of ``b + a`` (``a_i, b_i`` become ``a_i, b_i XOR c_i``); the carry
    out of the top bit is XORed into ``out``. Returns ``c`` (``c[i]`` carries into bit i)."""
    n = len(a)
    c = [None, *anc[: n - 1]]  # c[i]: carry into bit i (None: known 0)
    for i in range(n):
        if c[i] is not None:
            qc.cx(c[i], a[i])
            qc.cx(c[i], b[i])
        target = c[i + 1] if i < n - 1 else out
        if i < n - 1:
            append_and(qc, a[i], b[i], target)
        else:
            _xor_and_into(qc, a[i], b[i], out, anc[n - 1], mbu, out_zero)
        if c[i] is not None:
            qc.cx(c[i], target)
    return c


def _carries_down(qc, a, b, c, mbu, sums: bool) -> None:
    """Uncompute the carries of :func:`_carries_up`; restore ``a`` and leave in ``b`` the
    sum bits (``sums``) or its input (a comparison)."""
    for i in reversed(range(len(a))):
        if i < len(a) - 1:
            if c[i] is not None:
                qc.cx(c[i], c[i + 1])
            append_and_uncompute(qc, a[i], b[i], c[i + 1], mbu)
        if c[i] is not None:
            qc.cx(c[i], a[i])
        if sums:
            qc.cx(a[i], b[i])
        elif c[i] is not None:
            qc.cx(c[i], b[i])


def append_add(
    qc: QuantumCircuit,
    a: Sequence[Qubit],
    b: Sequence[Qubit],
    anc: Sequence[Qubit],
    mbu: Clbit | None = None,
    top_zero: bool = False,
) -> None:
    """``b += a`` modulo ``2^(n+1)`` for ``n = len(a)``, ``len(b) = n + 1``; ``a`` unchanged.

    ``top_zero``: ``b[n]`` is known to be 0 on input (saves the spare-ancilla detour).
    """
    n = len(a)
    c = _carries_up(qc, a, b, anc, b[n], mbu, top_zero)
    _carries_down(qc, a, b[:n], c, mbu, sums=True)


def append_subtract(
    qc: QuantumCircuit,
    a: Sequence[Qubit],
    b: Sequence[Qubit],
    anc: Sequence[Qubit],
    mbu: Clbit | None = None,
) -> None:
    """``b -= a`` modulo ``2^(n+1)`` (``b - a = NOT(NOT b + a)``)."""
    qc.x(b)
    append_add(qc, a, b, anc, mbu)
    qc.x(b)


def _const_carry(qc, k_bit: int, b_i, c_i, out, ctrl, mbu, undo: bool):
    """Compute (or, ``undo``, uncompute) the carry ``out`` out of bit ``i`` of ``b + k``.

    Returns the qubit that holds the carry (``out``, an alias, or None for a known 0).
    """
    if not k_bit:  # MAJ(0, b, c) = b AND c
        if c_i is None:
            return None
        (append_and_uncompute if undo else append_and)(qc, b_i, c_i, out, *([mbu] if undo else []))
        return out
    if ctrl is None:  # MAJ(1, b, c) = b OR c = NOT(NOT b AND NOT c)
        if c_i is None:
            return b_i  # the carry out of bit 0 is b_0 itself: alias, no gate
        if undo:
            qc.x(out)
        qc.x([b_i, c_i])
        (append_and_uncompute if undo else append_and)(qc, b_i, c_i, out, *([mbu] if undo else []))
        qc.x([b_i, c_i])
        if not undo:
            qc.x(out)
        return out
    if c_i is None:  # MAJ(ctrl, b, 0) = ctrl AND b
        (append_and_uncompute if undo else append_and)(qc, ctrl, b_i, out, *([mbu] if undo else []))
        return out
    # MAJ(q, b, c) = c XOR ((q XOR c) AND (b XOR c)); b_i already holds b XOR c here
    if undo:
        qc.cx(c_i, out)
    qc.cx(ctrl, c_i)
    (append_and_uncompute if undo else append_and)(qc, c_i, b_i, out, *([mbu] if undo else []))
    qc.cx(ctrl, c_i)
    if not undo:
        qc.cx(c_i, out)
    return out


def append_add_const(
    qc: QuantumCircuit,
    k: int,
    b: Sequence[Qubit],
    anc: Sequence[Qubit],
    mbu: Clbit | None = None,
    ctrl: Qubit | None = None,
) -> None:
    """``b += k`` (or ``b += ctrl * k``) modulo ``2^m``, ``m = len(b)``, ``k`` a Python int.

    Negative ``k`` subtracts. ``anc`` needs ``m - 1`` ancillas in ``|0>``.
    """
    m = len(b)
    n = m - 1
    k %= 1 << m
    kb = [k >> i & 1 for i in range(m)]
    c = [None] * (n + 1)  # c[i]: qubit holding the carry into bit i
    for i in range(n):
        if ctrl is not None and kb[i] and c[i] is not None:
            qc.cx(c[i], b[i])  # b_i -> b_i XOR c_i, undone by the sum below
        target = anc[i] if i < n - 1 else anc[n - 1]
        c[i + 1] = _const_carry(qc, kb[i], b[i], c[i], target, ctrl, mbu, undo=False)
    if c[n] is not None:  # top bit: b_n ^= k_n (ctrl) XOR c_n
        qc.cx(c[n], b[n])
    _add_bit(qc, kb[n], b[n], ctrl)
    for i in reversed(range(n)):
        if c[i + 1] is not None and c[i + 1] is not b[i]:
            _const_carry(qc, kb[i], b[i], c[i], c[i + 1], ctrl, mbu, undo=True)
        if ctrl is not None and kb[i] and c[i] is not None:
            qc.cx(ctrl, b[i])  # b XOR c -> b XOR c XOR q: the sum bit
        else:
            _add_bit(qc, kb[i], b[i], ctrl)
            if c[i] is not None:
                qc.cx(c[i], b[i])


def _add_bit(qc, k_bit: int, qubit, ctrl) -> None:
    if k_bit:
        if ctrl is None:
            qc.x(qubit)
        else:
            qc.cx(ctrl, qubit)


def append_less_than(
    qc: QuantumCircuit,
    r: Sequence[Qubit],
    t: Sequence[Qubit],
    flag: Qubit,
    anc: Sequence[Qubit],
    mbu: Clbit | None = None,
) -> None:
    """``flag ^= [r < t]`` for ``n``-qubit registers ``r``, ``t`` (both unchanged).

    ``r < t`` exactly when ``(2^n - 1 - r) + t`` carries out of ``n`` bits: the carry chain
    of an adder without its sums. ``anc`` needs ``n`` ancillas.
    """
    qc.x(r)
    c = _carries_up(qc, t, r, anc, flag, mbu, out_zero=False)
    _carries_down(qc, t, r, c, mbu, sums=False)
    qc.x(r)


def append_add_mod(
    qc: QuantumCircuit,
    t: Sequence[Qubit],
    b: Sequence[Qubit],
    N: int,
    anc: Sequence[Qubit],
    flag: Qubit,
    mbu: Clbit | None = None,
) -> None:
    """``b = (b + t) mod N`` for ``b, t < N``; ``b`` has ``n + 1`` qubits (``b[n] = 0`` in and
    out), ``t`` has ``n``; ``flag`` and ``anc`` (``n`` ancillas) start and end in ``|0>``.

    Add, subtract ``N``, copy the sign to ``flag``, add ``N`` back if it was negative, then
    clear ``flag`` with the comparison ``result < t`` (Beauregard's pattern, ripple-carry).
    """
    n = len(t)
    append_add(qc, t, b, anc, mbu, top_zero=True)
    append_add_const(qc, -N, b, anc, mbu)
    qc.cx(b[n], flag)
    append_add_const(qc, N, b, anc, mbu, ctrl=flag)
    append_less_than(qc, b[:n], t, flag, anc, mbu)
    qc.x(flag)


def adder_circuit(n: int, measure_uncompute: bool = True) -> QuantumCircuit:
    """``b += a``: qubits ``a`` (n), ``b`` (n + 1), ``anc`` (n); one classical bit if
    ``measure_uncompute``."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    a, b, anc = QuantumRegister(n, "a"), QuantumRegister(n + 1, "b"), QuantumRegister(n, "anc")
    qc = QuantumCircuit(a, b, anc, name=f"add{n}")
    mbu = None
    if measure_uncompute:
        reg = ClassicalRegister(1, "mbu")
        qc.add_register(reg)
        mbu = reg[0]
    append_add(qc, list(a), list(b), list(anc), mbu)
    return qc
