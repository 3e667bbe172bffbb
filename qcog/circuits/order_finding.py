"""Order-finding circuits for Shor's algorithm: phase estimation of ``U_a |x> = |a x mod N>``.

Two gate-level variants, both built from the modular multipliers of
:mod:`qcog.circuits.arithmetic_modular` (no permutation oracles):

- :func:`semiclassical_order_finding_circuit` (hardware-runnable, ``2n + 3`` qubits): one
  control qubit is recycled ``t`` times with mid-circuit measurement, reset and
  classically controlled phase corrections (Qiskit dynamic circuits, ``if_test``).
  Round ``j`` applies ``U^(2^(t-1-j))`` and measures bit ``j`` of the phase numerator.
- :func:`full_order_finding_circuit` (textbook, ``t + 2n + 2`` qubits): ``t`` counting
  qubits and an inverse QFT.

In both, the classical register ``phase`` reads ``y`` with phase ``y / 2^t`` (Qiskit's
bitstring, read as a binary number). Two exact simplifications, on by default: a
multiplication by ``a^(2^k) mod N = 1`` is the identity and is skipped; the first
non-identity multiplication acts on the known input ``|1>``, so it is a few controlled
``x`` gates that write ``a^(2^k) mod N`` (a standard trick of compiled Shor circuits that
needs no knowledge of the order).

>>> qc = semiclassical_order_finding_circuit(7, 15)
>>> qc.num_qubits, qc.num_clbits
(11, 8)
"""

from __future__ import annotations

import math

from qcog.circuits.arithmetic_modular import _check_modulus, controlled_modular_multiplication
from qcog.exceptions import QcogValueError


def default_num_bits(N: int) -> int:
    """Phase bits ``t = 2n`` for an ``n``-bit ``N``: enough to read any order ``r < N``.

    >>> default_num_bits(15)
    8
    """
    return 2 * N.bit_length()


def multiplier_constants(a: int, N: int, num_bits: int) -> list[int]:
    """``a^(2^k) mod N`` for ``k = 0 .. num_bits-1`` by repeated squaring.

    >>> multiplier_constants(7, 15, 4)
    [7, 4, 1, 1]
    """
    out, c = [], a % N
    for _ in range(num_bits):
        out.append(c)
        c = c * c % N
    return out


def _check(a: int, N: int, num_bits: int | None) -> tuple[int, int]:
    n = _check_modulus(a, N)
    if math.gcd(a, N) != 1 or a < 2:
        raise QcogValueError(f"a must satisfy 2 <= a < N and gcd(a, N) = 1, got a={a}, N={N}")
    t = default_num_bits(N) if num_bits is None else num_bits
    if isinstance(t, bool) or not isinstance(t, int) or t < 1:
        raise QcogValueError(f"num_bits must be a positive integer, got {num_bits!r}")
    return n, t


def _append_multiplication(qc, c: int, N: int, control, work, loaded: bool, known_input: bool):
    """Append controlled ``x -> c x mod N``; return whether the work register left ``|1>``."""
    n = N.bit_length()
    if not loaded and known_input:
        diff = 1 ^ c  # the register holds exactly |1>: flip the bits where 1 and c differ
        for i in range(n):
            if diff >> i & 1:
                qc.cx(control, work[i])
        return True
    qc.compose(controlled_modular_multiplication(c, N), [control, *work], inplace=True)
    return True


def semiclassical_order_finding_circuit(
    a: int,
    N: int,
    num_bits: int | None = None,
    skip_identity: bool = True,
    known_input: bool = True,
):
    """Semiclassical (one control qubit) order finding for ``a`` modulo ``N``.

    Args:
        a: base, ``2 <= a < N`` with ``gcd(a, N) = 1``.
        N: modulus, ``N >= 3``.
        num_bits: phase bits ``t`` (default ``2n``).
        skip_identity: skip multiplications by ``a^(2^k) mod N = 1``.
        known_input: write the first multiplication on ``|1>`` with ``cx`` gates.

    Returns:
        A dynamic ``QuantumCircuit`` on ``2n + 3`` qubits (registers ``ctrl, x, b, anc``)
        with classical register ``phase`` of ``t`` bits.

    Raises:
        QcogValueError: bad ``a``, ``N`` or ``num_bits``.

    >>> sorted(semiclassical_order_finding_circuit(4, 15, 4).count_ops().items())[:3]
    [('cx', 2), ('h', 8), ('if_else', 6)]
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    n, t = _check(a, N, num_bits)
    ctrl, x = QuantumRegister(1, "ctrl"), QuantumRegister(n, "x")
    b, anc, phase = (
        QuantumRegister(n + 1, "b"),
        QuantumRegister(1, "anc"),
        ClassicalRegister(t, "phase"),
    )
    qc = QuantumCircuit(ctrl, x, b, anc, phase, name=f"order_finding_sc({a},{N})")
    work = list(x) + list(b) + list(anc)
    qc.x(x[0])
    loaded = False

    def multiply(c: int) -> None:
        nonlocal loaded
        if c != 1 or not skip_identity:
            loaded = _append_multiplication(qc, c, N, ctrl[0], work, loaded, known_input)

    semiclassical_phase_estimation(qc, ctrl[0], phase, multiplier_constants(a, N, t), multiply)
    return qc


def semiclassical_phase_estimation(qc, control, phase, constants, multiply) -> None:
    """Append one-control-qubit phase estimation (Griffiths-Niu) to ``qc``, in place.

    For ``j = 0 .. t-1`` the control is reset (after the first round), put in ``|+>``,
    controls ``multiply(c)`` with ``c = constants[t-1-j]`` (the highest power first),
    gets the phase corrections ``-π/2^(j-l)`` conditioned on the earlier outcomes
    ``phase[l]``, and is measured into ``phase[j]``.

    Args:
        qc: the circuit, containing ``control`` and the classical register ``phase``.
        control: the control qubit.
        phase: classical register of ``t`` bits.
        constants: ``t`` multiplier constants, lowest power first.
        multiply: ``multiply(c)`` appends the multiplication by ``c`` controlled by ``control``.
    """
    for j, c in enumerate(reversed(constants)):
        if j:
            qc.reset(control)
        qc.h(control)
        multiply(c)
        for l in range(j):
            with qc.if_test((phase[l], 1)):
                qc.p(-math.pi / 2 ** (j - l), control)
        qc.h(control)
        qc.measure(control, phase[j])


def full_order_finding_circuit(
    a: int,
    N: int,
    num_bits: int | None = None,
    skip_identity: bool = True,
    known_input: bool = True,
    measure: bool = True,
):
    """Textbook order finding with ``t`` counting qubits and an inverse QFT.

    Args:
        a, N, num_bits, skip_identity, known_input: as in
            :func:`semiclassical_order_finding_circuit`.
        measure: measure the counting register into ``phase`` (False: leave it for a
            statevector).

    Returns:
        A ``QuantumCircuit`` on ``t + 2n + 2`` qubits (registers ``count, x, b, anc``);
        counting qubit ``k`` controls ``U^(2^k)``.

    Raises:
        QcogValueError: bad ``a``, ``N`` or ``num_bits``.

    >>> full_order_finding_circuit(7, 15).num_qubits
    18
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    from qcog.circuits.qft import qft_circuit

    n, t = _check(a, N, num_bits)
    count, x = QuantumRegister(t, "count"), QuantumRegister(n, "x")
    b, anc = QuantumRegister(n + 1, "b"), QuantumRegister(1, "anc")
    qc = QuantumCircuit(count, x, b, anc, name=f"order_finding_full({a},{N})")
    work = list(x) + list(b) + list(anc)
    qc.x(x[0])
    qc.h(count)
    loaded = False
    constants = multiplier_constants(a, N, t)
    for k in reversed(range(t)):
        if constants[k] != 1 or not skip_identity:
            loaded = _append_multiplication(
                qc, constants[k], N, count[k], work, loaded, known_input
            )
    qc.compose(qft_circuit(t, inverse=True), count, inplace=True)
    if measure:
        phase = ClassicalRegister(t, "phase")
        qc.add_register(phase)
        qc.measure(count, phase)
    return qc
