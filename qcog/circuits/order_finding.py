"""Order-finding circuits for Shor's algorithm: phase estimation of ``U_a |x> = |a x mod N>``.

Two gate-level variants, each with a choice of modular multiplier (no permutation oracles):

- :func:`semiclassical_order_finding_circuit` (hardware-runnable): one control qubit is
  recycled ``t`` times with mid-circuit measurement, reset and classically controlled
  phase corrections (Qiskit dynamic circuits, ``if_test``). Round ``j`` applies
  ``U^(2^(t-1-j))`` and measures bit ``j`` of the phase numerator.
- :func:`full_order_finding_circuit` (textbook): ``t`` counting qubits and an inverse QFT.

Arithmetic (the ``arithmetic`` argument, :data:`ARITHMETICS`):

- ``windowed`` (default, fewest CX): table lookups and ripple-carry modular adders built
  from temporary logical-ANDs, uncomputed by measurement
  (:mod:`qcog.circuits.arithmetic_windowed`); about ``4n + 3`` qubits besides the
  control, and ``2n + 1`` for ``n <= 8``-ish moduli that fit a single window.
- ``beauregard``: Draper/Beauregard Fourier adders on ``2n + 2`` qubits besides the
  control (:mod:`qcog.circuits.arithmetic_modular`), no mid-circuit measurement inside.

The classical register ``phase`` reads ``y`` with phase ``y / 2^t`` (Qiskit's bitstring,
read as a binary number); windowed circuits also have the register ``mbu`` for the
uncomputation outcomes. Two exact simplifications, on by default: a multiplication by
``a^(2^k) mod N = 1`` is the identity and is skipped; the first non-identity
multiplication acts on the known input ``|1>``, so it is a few controlled ``x`` gates that
write ``a^(2^k) mod N`` (a standard trick of compiled Shor circuits that needs no
knowledge of the order). NOTE: a skipped identity means ``a^(2^k) = 1 mod N``, which
already reveals that the order is a power of two (:func:`order_revealed_by_constants`).

>>> qc = semiclassical_order_finding_circuit(7, 15, arithmetic="beauregard")
>>> qc.num_qubits, qc.num_clbits
(11, 8)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from qcog.circuits.arithmetic_modular import _check_modulus, controlled_modular_multiplication
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    from collections.abc import Callable, Sequence

    from qiskit.circuit import ClassicalRegister, QuantumCircuit, Qubit


#: Modular multipliers the gate-level circuits can use, leanest first.
ARITHMETICS = ("windowed", "beauregard")


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


def order_revealed_by_constants(a: int, N: int, num_bits: int | None = None) -> int | None:
    """The order of ``a`` when building the circuit reveals it classically, else None.

    The circuit needs ``a^(2^k) mod N`` for ``k < t``; if one of them is 1, the order
    divides ``2^k``, and the smallest power of two ``r`` with ``a^r = 1`` is found by
    squaring, with no quantum step (as for every base of 15, or ``a = 6`` for 35).

    >>> order_revealed_by_constants(7, 15), order_revealed_by_constants(2, 21)
    (4, None)
    """
    _n, t = _check(a, N, num_bits)
    r, c = 1, a % N
    for _ in range(t):
        if c == 1:
            return r
        c, r = c * c % N, 2 * r
    return None


def _check_arithmetic(arithmetic: str, window: int | None) -> None:
    if arithmetic not in ARITHMETICS:
        raise QcogValueError(
            f"arithmetic must be one of {', '.join(ARITHMETICS)}, got {arithmetic!r}"
        )
    if window is not None and arithmetic != "windowed":
        raise QcogValueError("window applies to arithmetic='windowed' only")


def _check(a: int, N: int, num_bits: int | None) -> tuple[int, int]:
    n = _check_modulus(a, N)
    if math.gcd(a, N) != 1 or a < 2:
        raise QcogValueError(f"a must satisfy 2 <= a < N and gcd(a, N) = 1, got a={a}, N={N}")
    t = default_num_bits(N) if num_bits is None else num_bits
    if isinstance(t, bool) or not isinstance(t, int) or t < 1:
        raise QcogValueError(f"num_bits must be a positive integer, got {num_bits!r}")
    return n, t


class _Multiplier:
    """Appends controlled ``x -> c x mod N`` with the chosen arithmetic to one circuit."""

    def __init__(self, qc, N: int, arithmetic: str, window: int | None, measure_uncompute: bool):
        from qiskit import QuantumRegister

        self.qc, self.N, self.arithmetic = qc, N, arithmetic
        n = N.bit_length()
        self.loaded = False
        if arithmetic == "beauregard":
            self.regs = {
                "x": QuantumRegister(n, "x"),
                "b": QuantumRegister(n + 1, "b"),
                "anc": QuantumRegister(1, "anc"),
            }
            self.mbu = None
        else:
            from qcog.circuits.arithmetic_windowed import _check_window, multiplier_registers

            self.window = _check_window(N, window)
            self.regs, mbu = multiplier_registers(N, self.window)
            self.mbu = mbu if measure_uncompute else None

    def add_registers(self) -> None:
        for reg in self.regs.values():
            self.qc.add_register(reg)

    def add_classical(self) -> None:
        if self.mbu is not None:
            self.qc.add_register(self.mbu)

    @property
    def x(self):
        return self.regs["x"]

    def append(self, control, c: int, known_input: bool) -> None:
        """Controlled multiplication by ``c``; on the known input ``|1>`` just ``cx`` gates."""
        qc, N = self.qc, self.N
        if not self.loaded and known_input:
            diff = 1 ^ c  # the register holds exactly |1>: flip the bits where 1 and c differ
            for i, q in enumerate(self.x):
                if diff >> i & 1:
                    qc.cx(control, q)
        elif self.arithmetic == "beauregard":
            work = [*self.regs["x"], *self.regs["b"], *self.regs["anc"]]
            qc.compose(controlled_modular_multiplication(c, N), [control, *work], inplace=True)
        else:
            from qcog.circuits.arithmetic_windowed import append_windowed_multiplication

            regs = {name: list(reg) for name, reg in self.regs.items()}
            append_windowed_multiplication(qc, c, N, control, regs, self.window, self.mbu)
        self.loaded = True


def semiclassical_order_finding_circuit(
    a: int,
    N: int,
    num_bits: int | None = None,
    skip_identity: bool = True,
    known_input: bool = True,
    arithmetic: str = "windowed",
    window: int | None = None,
    measure_uncompute: bool = True,
) -> QuantumCircuit:
    """Semiclassical (one control qubit) order finding for ``a`` modulo ``N``.

    Args:
        a: base, ``2 <= a < N`` with ``gcd(a, N) = 1``.
        N: modulus, ``N >= 3``.
        num_bits: phase bits ``t`` (default ``2n``).
        skip_identity: skip multiplications by ``a^(2^k) mod N = 1``.
        known_input: write the first multiplication on ``|1>`` with ``cx`` gates.
        arithmetic: 'windowed' (default, fewest CX) or 'beauregard' (``2n + 3`` qubits).
        window: window size for 'windowed' (default: the cheapest, see
            :func:`qcog.circuits.arithmetic_windowed.choose_window`).
        measure_uncompute: 'windowed' only: uncompute ANDs and lookups by measurement.

    Returns:
        A dynamic ``QuantumCircuit`` (registers ``ctrl, x, ...``) with classical register
        ``phase`` of ``t`` bits (and ``mbu`` for windowed arithmetic).

    Raises:
        QcogValueError: bad ``a``, ``N``, ``num_bits``, ``arithmetic`` or ``window``.

    >>> qc = semiclassical_order_finding_circuit(4, 15, 4, arithmetic="beauregard")
    >>> sorted(qc.count_ops().items())[:3]
    [('cx', 2), ('h', 8), ('if_else', 6)]
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    _n, t = _check(a, N, num_bits)
    _check_arithmetic(arithmetic, window)
    ctrl, phase = QuantumRegister(1, "ctrl"), ClassicalRegister(t, "phase")
    qc = QuantumCircuit(ctrl, name=f"order_finding_sc({a},{N})")
    mult = _Multiplier(qc, N, arithmetic, window, measure_uncompute)
    mult.add_registers()
    qc.add_register(phase)
    mult.add_classical()
    qc.x(mult.x[0])

    def multiply(c: int) -> None:
        if c != 1 or not skip_identity:
            mult.append(ctrl[0], c, known_input)

    semiclassical_phase_estimation(qc, ctrl[0], phase, multiplier_constants(a, N, t), multiply)
    return qc


def semiclassical_phase_estimation(
    qc: QuantumCircuit,
    control: Qubit,
    phase: ClassicalRegister,
    constants: Sequence[int],
    multiply: Callable[[int], None],
) -> None:
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
    arithmetic: str = "windowed",
    window: int | None = None,
    measure_uncompute: bool = True,
) -> QuantumCircuit:
    """Textbook order finding with ``t`` counting qubits and an inverse QFT.

    Args:
        a, N, num_bits, skip_identity, known_input, arithmetic, window, measure_uncompute:
            as in :func:`semiclassical_order_finding_circuit`.
        measure: measure the counting register into ``phase`` (False: leave it for a
            statevector).

    Returns:
        A ``QuantumCircuit`` with registers ``count`` (``t`` qubits, qubits ``0..t-1``),
        ``x`` and the multiplier's work registers; counting qubit ``k`` controls
        ``U^(2^k)``. Beauregard arithmetic: ``t + 2n + 2`` qubits.

    Raises:
        QcogValueError: bad ``a``, ``N``, ``num_bits``, ``arithmetic`` or ``window``.

    >>> full_order_finding_circuit(7, 15, arithmetic="beauregard").num_qubits
    18
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    from qcog.circuits.qft import qft_circuit

    _n, t = _check(a, N, num_bits)
    _check_arithmetic(arithmetic, window)
    count = QuantumRegister(t, "count")
    qc = QuantumCircuit(count, name=f"order_finding_full({a},{N})")
    mult = _Multiplier(qc, N, arithmetic, window, measure_uncompute)
    mult.add_registers()
    mult.add_classical()
    qc.x(mult.x[0])
    qc.h(count)
    constants = multiplier_constants(a, N, t)
    for k in reversed(range(t)):
        if constants[k] != 1 or not skip_identity:
            mult.append(count[k], constants[k], known_input)
    qc.compose(qft_circuit(t, inverse=True), count, inplace=True)
    if measure:
        phase = ClassicalRegister(t, "phase")
        qc.add_register(phase)
        qc.measure(count, phase)
    return qc
