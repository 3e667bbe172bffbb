"""Windowed controlled modular multiplication ``|c, x> -> |c, (a^c x) mod N>`` from table
lookups and ripple-carry modular adders (Gidney, "Windowed quantum arithmetic",
arXiv:1905.07682; Gidney and Ekera, arXiv:1905.09749, section 2.4).

The input ``x`` is cut into windows of ``w`` bits. The multiply-add ``b += c a x mod N``
looks up ``T = c a x_i 2^(w i) mod N`` for each window ``x_i`` (one lookup of ``2^w``
classically computed entries, see :mod:`qcog.circuits.arithmetic_lookup`) and adds it
into ``b`` with a modular adder (:mod:`qcog.circuits.arithmetic_ripple`); ``b`` starts at
0, so the first window is written straight into ``b`` without an adder. A controlled swap
exchanges ``x`` and ``b``, and a second pass adds ``-c a^-1 y_i 2^(w i) mod N`` for the
windows of the new ``x = y``; what remains in ``b`` is a function of the first window
alone and is cleared by measurement (no adder). Nothing here knows the order of ``a``.

Flags and carries are uncomputed by measurement (classical register ``mbu``), or, with
``measure_uncompute=False``, unitarily (more CX, no mid-circuit measurement).

Qubits: ``ctrl (1), x (n), b (n, or n + 1 with adders), t (n), anc, flag``; a single
window (``w = n``) needs neither ``t``, ``flag`` nor the adder's ancillas.

>>> from qcog.simulators.sparse import simulate
>>> qc = windowed_modular_multiplication(7, 15)     # |c=1, x=2> -> |c=1, x=14>
>>> out = simulate(qc, initial={1 | 2 << 1: 1}).state()
>>> [(k >> 1) & 0b1111 for k in out]
[14]
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qcog.circuits.arithmetic_and import append_and, append_and_uncompute
from qcog.circuits.arithmetic_lookup import append_lookup, append_unlookup
from qcog.circuits.arithmetic_ripple import append_add_mod
from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    from qiskit.circuit import ClassicalRegister, QuantumCircuit, QuantumRegister, Qubit


#: Largest window considered (a lookup walks 2^w addresses).
MAX_WINDOW = 8


@dataclass(frozen=True)
class WindowedLayout:
    """Register sizes of the windowed multiplier for an ``n``-bit modulus and window ``w``."""

    n: int
    window: int

    @property
    def windows(self) -> list[range]:
        return [range(j, min(j + self.window, self.n)) for j in range(0, self.n, self.window)]

    @property
    def adders(self) -> bool:
        return len(self.windows) > 1

    @property
    def b_size(self) -> int:
        return self.n + 1 if self.adders else self.n

    @property
    def t_size(self) -> int:
        return self.n if self.adders else 0

    @property
    def anc_size(self) -> int:
        return max(self.window, self.n if self.adders else 1)

    @property
    def flag_size(self) -> int:
        return 1 if self.adders else 0

    @property
    def mbu_size(self) -> int:
        return self.n + 1

    @property
    def work_qubits(self) -> int:
        """Qubits besides the control."""
        return self.n + self.b_size + self.t_size + self.anc_size + self.flag_size


def _check_window(N: int, window: int | None) -> int:
    n = N.bit_length()
    if window is None:
        return choose_window(N)
    if (
        isinstance(window, bool)
        or not isinstance(window, int)
        or not 1 <= window <= min(n, MAX_WINDOW)
    ):
        raise QcogValueError(
            f"window must be an integer in [1, {min(n, MAX_WINDOW)}] for a {n}-bit N, got {window!r}"
        )
    return window


def _tables(a: int, N: int, layout: WindowedLayout, sign: int) -> list[list[int]]:
    """Entries ``sign * a * v * 2^start mod N`` for each window (``v`` over its values)."""
    return [[sign * a * v * (1 << w.start) % N for v in range(1 << len(w))] for w in layout.windows]


def _cswap(qc, ctrl, x, b, anc, mbu) -> None:
    """Controlled swap of ``x`` and ``b`` through one AND per bit (7 CX per bit at most)."""
    for xq, bq in zip(x, b):
        qc.cx(bq, xq)
        append_and(qc, ctrl, xq, anc)
        qc.cx(anc, bq)
        append_and_uncompute(qc, ctrl, xq, anc, mbu)
        qc.cx(bq, xq)


def append_windowed_multiplication(
    qc: QuantumCircuit,
    a: int,
    N: int,
    ctrl: Qubit,
    regs: dict[str, list[Qubit]],
    window: int,
    mbu: ClassicalRegister | None,
) -> None:
    """Append controlled ``x -> a x mod N`` on the registers of ``regs`` (keys ``x, b, t,
    anc, flag``; lists of qubits) with window ``window``; ``mbu`` is a classical register of
    ``n + 1`` bits, or None for unitary uncomputation."""
    n = N.bit_length()
    layout = WindowedLayout(n, window)
    x, b, t, anc = regs["x"], regs["b"], regs.get("t", []), regs["anc"]
    flag = regs["flag"][0] if layout.adders else None
    mbu_bit = None if mbu is None else mbu[n]
    a_inv = pow(a, -1, N)
    for sign, base, first in ((1, a, True), (-1, a_inv, False)):
        tables = _tables(base, N, layout, sign)
        windows = layout.windows
        if first:
            append_lookup(qc, tables[0], [x[i] for i in windows[0]], b[:n], anc, ctrl, mbu_bit)
        for table, w in zip(tables[1:], windows[1:]):
            address = [x[i] for i in w]
            append_lookup(qc, table, address, t, anc, ctrl, mbu_bit)
            append_add_mod(qc, t, b, N, anc, flag, mbu_bit)
            _clear(qc, table, address, t, anc, ctrl, mbu, mbu_bit)
        if first:
            _cswap(qc, ctrl, x, b[:n], anc[0], mbu_bit)
        else:
            inverse_first = [a_inv * v * (1 << windows[0].start) % N for v in range(len(tables[0]))]
            _clear(qc, inverse_first, [x[i] for i in windows[0]], b[:n], anc, ctrl, mbu, mbu_bit)


def _clear(qc, table, address, target, anc, ctrl, mbu, mbu_bit) -> None:
    """Clear ``target = table[address]``: by measurement, or by looking it up again."""
    if mbu is None:
        append_lookup(qc, table, address, target, anc, ctrl, None)
    else:
        append_unlookup(qc, table, address, target, anc, mbu[: len(target)], ctrl, mbu_bit)


def multiplier_registers(
    N: int, window: int
) -> tuple[dict[str, QuantumRegister], ClassicalRegister]:
    """The quantum registers ``x, b, t, anc, flag`` (empty ones left out) and the
    ``mbu`` classical register for the windowed multiplier of an ``n``-bit ``N``."""
    from qiskit import ClassicalRegister, QuantumRegister

    layout = WindowedLayout(N.bit_length(), window)
    sizes = {
        "x": layout.n,
        "b": layout.b_size,
        "t": layout.t_size,
        "anc": layout.anc_size,
        "flag": layout.flag_size,
    }
    qregs = {name: QuantumRegister(size, name) for name, size in sizes.items() if size}
    return qregs, ClassicalRegister(layout.mbu_size, "mbu")


def windowed_modular_multiplication(
    a: int, N: int, window: int | None = None, measure_uncompute: bool = True
) -> QuantumCircuit:
    """Controlled ``|x> -> |a x mod N>`` for ``gcd(a, N) = 1`` (plain circuit).

    Args:
        a: multiplier, ``0 < a < N``, coprime to ``N``.
        N: modulus, ``N >= 3``.
        window: window size in ``[1, min(n, 8)]`` (default: :func:`choose_window`).
        measure_uncompute: uncompute by measurement (fewest CX) or unitarily.

    Returns:
        A circuit on ``[ctrl, x (n), b, t, anc, flag]`` (qubit 0 is the control, qubits
        ``1..n`` hold ``x``); for ``x < N`` and the other registers at 0 it maps
        ``|c, x> -> |c, a^c x mod N>`` and returns every other qubit to 0.

    Raises:
        QcogValueError: ``a`` or ``N`` out of range, not coprime, or a bad window.
    """
    from qiskit import QuantumCircuit, QuantumRegister

    from qcog.circuits.arithmetic_modular import _check_modulus

    _check_modulus(a, N)
    if N < 3 or math.gcd(a, N) != 1 or a == 0:
        raise QcogValueError(f"need N >= 3 and a coprime to N with 0 < a < N, got a={a}, N={N}")
    w = _check_window(N, window)
    qregs, mbu = multiplier_registers(N, w)
    ctrl = QuantumRegister(1, "ctrl")
    qc = QuantumCircuit(ctrl, *qregs.values(), name=f"cmul_w{w}({a},{N})")
    if measure_uncompute:
        qc.add_register(mbu)
    regs = {name: list(reg) for name, reg in qregs.items()}
    append_windowed_multiplication(qc, a, N, ctrl[0], regs, w, mbu if measure_uncompute else None)
    return qc


def multiplication_cx(a: int, N: int, window: int, measure_uncompute: bool = True) -> int:
    """CX count (two-qubit gates, conditional blocks included) of one windowed multiplication.

    >>> multiplication_cx(7, 15, 4)
    165
    """
    from qcog.circuits.metrics import two_qubit_gate_count

    return two_qubit_gate_count(windowed_modular_multiplication(a, N, window, measure_uncompute))


@functools.lru_cache(maxsize=64)
def choose_window(N: int) -> int:
    """The window with the fewest CX for modulus ``N`` (each candidate ``w <= 8`` is built
    for the smallest base coprime to ``N`` and counted; about 1 s for 8-bit ``N``).

    >>> choose_window(15), choose_window(143)
    (4, 4)
    """
    n = N.bit_length()
    a = next(v for v in range(2, N) if math.gcd(v, N) == 1)
    costs = {w: multiplication_cx(a, N, w) for w in range(1, min(n, MAX_WINDOW) + 1)}
    return min(costs, key=lambda w: (costs[w], w))
