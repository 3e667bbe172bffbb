"""Table lookup (QROM) by unary iteration, and its uncomputation by measurement.

``append_lookup`` XORs ``table[address]`` into a target register, optionally only when a
control qubit is 1 (Babbush et al., arXiv:1805.03662, Fig. 7): a walk over the binary
tree of address values computes one "this address" flag per node with a temporary
logical-AND (``2^w - 1`` ANDs for ``w`` address bits, each uncomputed by measurement), and
at each leaf writes the table entry with CX gates from the flag. Sibling leaves share the
bits they have in common (written once from their parent's flag).

``append_unlookup`` clears a target that holds ``table[address]`` without writing the
table again: measure the target in the X basis (outcome ``m``), reset it, and undo the
phase ``(-1)^(m . table[address])`` that measurement left, by a phase walk over the same
tree where the last address bit is handled by one conditional ``cz`` (Berry et al.,
arXiv:1902.02134, Appendix C). About half the CX of the lookup; no table writes.

Conventions: address qubits bit 0 first; ``flags`` holds ``w`` ancillas in ``|0>``;
``mbu`` one classical bit; ``mbu_target`` a classical register as wide as the target.

>>> from qcog.simulators.sparse import simulate
>>> qc = lookup_circuit([3, 0, 2, 1], address_bits=2, target_bits=2)
>>> out = simulate(qc, initial={0b10: 1}).state()      # address 2 -> target 2
>>> [(k >> 2) & 0b11 for k in out]
[2]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.circuits.arithmetic_and import append_and, append_and_uncompute

if TYPE_CHECKING:  # for annotations only
    from collections.abc import Sequence

    from qiskit.circuit import ClassicalRegister, Clbit, QuantumCircuit, Qubit


def _write(qc, flag, value: int, target) -> None:
    for j, q in enumerate(target):
        if value >> j & 1:
            qc.cx(flag, q)


def _walk(qc, ctrl, address, k0: int, flags, mbu, leaf, pair) -> None:
    """Visit every address value below the node ``ctrl`` (1 iff the path so far matches).

    ``address`` lists the remaining bits, most significant first; ``leaf(flag, k)`` acts
    on a single value, ``pair(ctrl, bit, k)`` on the two leaves below the last bit (or
    None to treat them one by one).
    """
    if not address:
        leaf(ctrl, k0)
        return
    bit, rest = address[0], address[1:]
    half = 1 << len(rest)
    if not rest and pair is not None and ctrl is not None:
        pair(ctrl, bit, k0)
        return
    f = flags[len(rest)]
    if ctrl is None:  # f = NOT bit
        qc.cx(bit, f)
        qc.x(f)
    else:  # f = ctrl AND NOT bit
        qc.x(bit)
        append_and(qc, ctrl, bit, f)
        qc.x(bit)
    _walk(qc, f, rest, k0, flags, mbu, leaf, pair)
    if ctrl is None:
        qc.x(f)  # f = bit
    else:
        qc.cx(ctrl, f)  # f = ctrl AND bit
    _walk(qc, f, rest, k0 + half, flags, mbu, leaf, pair)
    if ctrl is None:
        qc.cx(bit, f)
    else:
        append_and_uncompute(qc, ctrl, bit, f, mbu)


def append_lookup(
    qc: QuantumCircuit,
    table: Sequence[int],
    address: Sequence[Qubit],
    target: Sequence[Qubit],
    flags: Sequence[Qubit],
    ctrl: Qubit | None = None,
    mbu: Clbit | None = None,
) -> None:
    """``target ^= table[address]`` (only where ``ctrl`` is 1, if given).

    Args:
        qc: circuit, changed in place.
        table: ``2^w`` non-negative ints (entries beyond ``len(table)`` count as 0).
        address: ``w`` qubits, bit 0 first.
        target: qubits receiving the entry, bit 0 first.
        flags: ``w`` ancillas in ``|0>`` (returned to ``|0>``).
        ctrl: optional control qubit.
        mbu: classical bit for measurement-based uncomputation of the flags (None: unitary).
    """
    entries = list(table) + [0] * ((1 << len(address)) - len(table))

    def leaf(flag, k):
        if flag is None:  # no address bits and no control
            for j, q in enumerate(target):
                if entries[k] >> j & 1:
                    qc.x(q)
        else:
            _write(qc, flag, entries[k], target)

    def pair(ctrl_q, bit, k):
        left, right = entries[k], entries[k + 1]
        common = left & right
        _write(qc, ctrl_q, common, target)
        if left == common and right == common:
            return
        f = flags[0]
        qc.x(bit)
        append_and(qc, ctrl_q, bit, f)
        qc.x(bit)
        _write(qc, f, left ^ common, target)
        qc.cx(ctrl_q, f)
        _write(qc, f, right ^ common, target)
        append_and_uncompute(qc, ctrl_q, bit, f, mbu)

    _walk(qc, ctrl, list(reversed(address)), 0, flags, mbu, leaf, pair)


def _parity_condition(mbu_target, value: int):
    """The classical expression ``XOR of mbu_target[j] for the set bits j of value``."""
    from qiskit.circuit.classical import expr

    bits = [mbu_target[j] for j in range(len(mbu_target)) if value >> j & 1]
    if not bits:
        return None
    cond = expr.lift(bits[0])
    for b in bits[1:]:
        cond = expr.bit_xor(cond, b)
    return cond


def append_unlookup(
    qc: QuantumCircuit,
    table: Sequence[int],
    address: Sequence[Qubit],
    target: Sequence[Qubit],
    flags: Sequence[Qubit],
    mbu_target: ClassicalRegister,
    ctrl: Qubit | None = None,
    mbu: Clbit | None = None,
) -> None:
    """Clear ``target`` that holds ``table[address]`` (0 where ``ctrl`` is 0) by measurement.

    Args:
        table, address, flags, ctrl, mbu: as in :func:`append_lookup`.
        target: qubits holding the entry; measured and reset to ``|0>``.
        mbu_target: a classical register at least as wide as ``target``.
    """
    entries = list(table) + [0] * ((1 << len(address)) - len(table))
    for j, q in enumerate(target):
        qc.h(q)
        qc.measure(q, mbu_target[j])
        with qc.if_test((mbu_target[j], 1)):
            qc.x(q)
    width = len(target)
    mask = (1 << width) - 1

    def phase(flag, k):
        cond = _parity_condition(mbu_target, entries[k] & mask)
        if cond is None:
            return
        if flag is None:
            return  # no control and no address: a global phase of the shot, unobservable
        with qc.if_test(cond):
            qc.z(flag)

    def pair(ctrl_q, bit, k):
        # phase (-1)^(ctrl (P_L (1 - bit) + P_R bit)) = Z(ctrl)^P_L CZ(ctrl, bit)^(P_L xor P_R)
        left, right = entries[k] & mask, entries[k + 1] & mask
        cond_left = _parity_condition(mbu_target, left)
        if cond_left is not None:
            with qc.if_test(cond_left):
                qc.z(ctrl_q)
        cond_diff = _parity_condition(mbu_target, left ^ right)
        if cond_diff is not None:
            with qc.if_test(cond_diff):
                qc.cz(ctrl_q, bit)

    _walk(qc, ctrl, list(reversed(address)), 0, flags, mbu, phase, pair)


def lookup_circuit(
    table: Sequence[int], address_bits: int, target_bits: int, controlled: bool = False
) -> QuantumCircuit:
    """A plain circuit ``target ^= table[address]``: qubits ``[ctrl?] address, target, flags``
    (address bit 0 first); one classical bit ``mbu`` for the flags' uncomputation."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    regs = [QuantumRegister(1, "ctrl")] if controlled else []
    addr = QuantumRegister(address_bits, "address") if address_bits else None
    tgt, flags = (
        QuantumRegister(target_bits, "target"),
        QuantumRegister(max(1, address_bits), "flag"),
    )
    mbu = ClassicalRegister(1, "mbu")
    qc = QuantumCircuit(*regs, *([addr] if addr else []), tgt, flags, mbu, name="lookup")
    ctrl = regs[0][0] if controlled else None
    append_lookup(qc, table, list(addr or []), list(tgt), list(flags), ctrl, mbu[0])
    return qc
