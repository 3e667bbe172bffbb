"""Exact gate-by-gate simulation of a ``QuantumCircuit`` that stores only nonzero amplitudes.

The state is a list of basis indices with their amplitudes. Permutation gates (``x``,
``cx``, ``ccx``, ``mcx``, ``swap``, ``cswap``) rewrite indices, diagonal gates multiply
phases, other one-qubit gates (``h``, ``sx``, ``ry``, ...) pair each index with its partner
and may double the support. Mid-circuit measurement and reset collapse the state, and
``if_test`` blocks run on the shots whose classical bits satisfy the condition.

All shots run in ONE pass: the shot number is stored in the index bits above the
circuit's qubits, so ``S`` shots are ``S`` independent states in one sparse vector and each
measurement samples every shot at once. Arithmetic circuits such as Shor's modular
multiplications keep the support at about twice the number of values the work register
holds, so a 40-qubit order-finding circuit with 300,000 gates runs in seconds where a
dense statevector would need 16 TiB. Every gate of the circuit is applied; nothing is
replaced by a shortcut (tests compare with Qiskit's ``Statevector`` and with Aer).

Limits: qubits plus ``log2(shots)`` at most 62 bits; the support is capped
(``max_support``, refused with a clear error before it outgrows memory).

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(2, 2)
>>> _ = qc.h(0); _ = qc.cx(0, 1); _ = qc.measure([0, 1], [0, 1])
>>> result = simulate(qc, shots=100, seed=1)
>>> sorted(result.counts())
['00', '11']
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    import numpy as np
    from qiskit import QuantumCircuit


#: Bits of the 64-bit index available to qubits and the shot number together.
MAX_KEY_BITS = 62
#: Default cap on stored amplitudes over all shots (about 400 MB at 24 bytes each).
DEFAULT_MAX_SUPPORT = 1 << 24
#: Amplitudes below this magnitude are dropped after gates that mix basis states.
PRUNE = 1e-13

_SKIP = {"barrier", "delay", "id", "save_statevector"}
_PERMUTATION = {"x", "cx", "ccx", "mcx", "swap", "cswap"}


@dataclass
class SparseResult:
    """Outcome of :func:`simulate`.

    Attributes:
        clbits: ``(shots, num_clbits)`` array of 0/1, the classical bits of every shot.
        cregs: ``{register name: [clbit index, ...]}`` (bit 0 first).
        keys, amplitudes: the final sparse state (index bits above ``num_qubits`` are the shot).
        num_qubits, shots: circuit width and shots.
        max_support: the largest number of amplitudes held at any point.
        gates: gates applied (per pass, not per shot).
        wall_s: seconds.
    """

    clbits: object
    cregs: dict
    keys: object
    amplitudes: object
    num_qubits: int
    shots: int
    max_support: int
    gates: int
    wall_s: float

    def register_values(self, name: str) -> np.ndarray:
        """The integer value of classical register ``name`` in each shot (numpy array)."""
        import numpy as np

        if name not in self.cregs:
            raise QcogValueError(f"no classical register {name!r}; registers: {list(self.cregs)}")
        bits = self.clbits[:, self.cregs[name]].astype(np.int64)
        return (bits << np.arange(bits.shape[1], dtype=np.int64)).sum(axis=1)

    def counts(self, name: str | None = None) -> dict:
        """Counts as Qiskit prints them: ``{bitstring: count}``; all registers (highest
        first, separated by spaces) or only register ``name``."""
        names = [name] if name else list(self.cregs)[::-1]
        out: dict[str, int] = {}
        for row in self.clbits:
            key = " ".join("".join(str(int(row[i])) for i in self.cregs[n][::-1]) for n in names)
            out[key] = out.get(key, 0) + 1
        return out

    def state(self, shot: int = 0) -> dict[int, complex]:
        """The final state of one shot as ``{basis index: amplitude}``."""

        mine = (self.keys >> self.num_qubits) == shot
        low = self.keys[mine] & ((1 << self.num_qubits) - 1)
        return {int(k): complex(a) for k, a in zip(low, self.amplitudes[mine]) if abs(a) > PRUNE}

    def to_dict(self) -> dict:
        return {
            "num_qubits": self.num_qubits,
            "shots": self.shots,
            "max_support": self.max_support,
            "gates": self.gates,
            "wall_s": self.wall_s,
        }


class _State:
    """Sparse amplitudes of all shots plus their classical bits."""

    def __init__(self, keys, amps, clbits, width, rng, max_support):
        self.keys, self.amps, self.clbits = keys, amps, clbits
        self.width, self.rng, self.max_support = width, rng, max_support
        self.peak, self.gates = len(keys), 0

    def bit(self, q: int):
        return (self.keys >> q) & 1

    def shot(self):
        return self.keys >> self.width

    def check_support(self) -> None:
        self.peak = max(self.peak, len(self.keys))
        if len(self.keys) > self.max_support:
            raise QcogValueError(
                f"the sparse state grew to {len(self.keys):,} amplitudes (limit "
                f"{self.max_support:,}): this circuit is not sparse; run it on Aer instead"
            )

    def subset(self, mask) -> _State:
        sub = _State(
            self.keys[mask], self.amps[mask], self.clbits, self.width, self.rng, self.max_support
        )
        sub.gates = self.gates
        return sub

    def merge(self, mask, sub: _State) -> None:
        import numpy as np

        keep = ~mask
        self.keys = np.concatenate([self.keys[keep], sub.keys])
        self.amps = np.concatenate([self.amps[keep], sub.amps])
        self.gates = sub.gates
        self.peak = max(self.peak, sub.peak)
        self.check_support()


def _controls_on(state: _State, controls: list[int], ctrl_state: int):
    import numpy as np

    on = np.ones(len(state.keys), dtype=bool)
    for i, q in enumerate(controls):
        on &= state.bit(q) == (ctrl_state >> i & 1)
    return on


def _permute(state: _State, name: str, qubits: list[int], ctrl_state: int | None = None) -> None:
    import numpy as np

    one = np.int64(1)
    if name == "swap" or name == "cswap":
        *ctrl, q1, q2 = qubits
        flip = (state.bit(q1) ^ state.bit(q2)).astype(bool)
        if ctrl:
            flip &= _controls_on(state, ctrl, 1 if ctrl_state is None else ctrl_state)
        state.keys = state.keys ^ (flip.astype(np.int64) * ((one << q1) | (one << q2)))
        return
    *ctrl, target = qubits
    if not ctrl:
        state.keys = state.keys ^ (one << target)
        return
    cs = (1 << len(ctrl)) - 1 if ctrl_state is None else ctrl_state
    flip = _controls_on(state, ctrl, cs)
    state.keys = state.keys ^ (flip.astype(np.int64) << target)


def _diagonal(state: _State, phases, qubits: list[int]) -> None:
    """Multiply each amplitude by ``phases[bits of qubits]`` (bit i of the index = qubit i)."""
    import numpy as np

    code = np.zeros(len(state.keys), dtype=np.int64)
    for i, q in enumerate(qubits):
        code |= state.bit(q) << i
    state.amps = state.amps * np.asarray(phases, dtype=complex)[code]


def _one_qubit(state: _State, matrix, q: int, mask=None) -> None:
    """Apply a 2x2 ``matrix`` to qubit ``q`` (on the entries in ``mask`` only, if given)."""
    import numpy as np

    if mask is not None:
        sub = state.subset(mask)
        _one_qubit(sub, matrix, q)
        state.merge(mask, sub)
        return
    m = np.asarray(matrix, dtype=complex)
    if abs(m[0, 1]) < PRUNE and abs(m[1, 0]) < PRUNE:
        _diagonal(state, [m[0, 0], m[1, 1]], [q])
        return
    bit = state.bit(q).astype(bool)
    if abs(m[0, 0]) < PRUNE and abs(m[1, 1]) < PRUNE:
        state.amps = state.amps * np.where(bit, m[0, 1], m[1, 0])
        state.keys = state.keys ^ (np.int64(1) << q)
        return
    base = state.keys & ~(np.int64(1) << q)
    uniq, inverse = np.unique(base, return_inverse=True)
    a0 = np.zeros(len(uniq), dtype=complex)
    a1 = np.zeros(len(uniq), dtype=complex)
    a0[inverse[~bit]] = state.amps[~bit]
    a1[inverse[bit]] = state.amps[bit]
    keys = np.concatenate([uniq, uniq | (np.int64(1) << q)])
    amps = np.concatenate([m[0, 0] * a0 + m[0, 1] * a1, m[1, 0] * a0 + m[1, 1] * a1])
    keep = np.abs(amps) > PRUNE
    state.keys, state.amps = keys[keep], amps[keep]
    state.check_support()


def _measure(state: _State, q: int, clbit: int | None, reset: bool) -> None:
    import numpy as np

    n_shots = state.clbits.shape[0]
    bit = state.bit(q).astype(bool)
    shot = state.shot()
    p = np.abs(state.amps) ** 2
    total = np.bincount(shot, weights=p, minlength=n_shots)
    ones = np.bincount(shot[bit], weights=p[bit], minlength=n_shots)
    draw = state.rng.random(n_shots)  # one draw per shot, used or not: same stream every time
    present = total > 0
    outcome = np.zeros(n_shots, dtype=bool)
    outcome[present] = draw[present] < ones[present] / total[present]
    keep = bit == outcome[shot]
    state.keys, state.amps = state.keys[keep], state.amps[keep]
    kept = np.bincount(state.shot(), weights=np.abs(state.amps) ** 2, minlength=n_shots)
    state.amps = state.amps / np.sqrt(kept[state.shot()])
    if clbit is not None:
        state.clbits[present, clbit] = outcome[present]
    if reset:
        state.keys = state.keys & ~(np.int64(1) << q)


def _register_value(state: _State, bits: list[int]):
    import numpy as np

    value = np.zeros(state.clbits.shape[0], dtype=np.int64)
    for i, b in enumerate(bits):
        value |= state.clbits[:, b].astype(np.int64) << i
    return value


def _condition(state: _State, condition, cmap: list[int], circuit):
    """Per-shot truth of an ``if_test`` condition (tuple form or a classical expression)."""
    import numpy as np
    from qiskit.circuit import ClassicalRegister, Clbit

    if isinstance(condition, tuple):
        target, value = condition
        if isinstance(target, Clbit):
            return state.clbits[:, cmap[circuit.find_bit(target).index]] == int(value)
        bits = [cmap[circuit.find_bit(b).index] for b in target]
        return _register_value(state, bits) == int(value)
    from qiskit.circuit.classical import expr

    def ev(node):
        if isinstance(node, expr.Value):
            return np.full(state.clbits.shape[0], int(node.value), dtype=np.int64)
        if isinstance(node, expr.Var):
            var = node.var
            if isinstance(var, Clbit):
                return state.clbits[:, cmap[circuit.find_bit(var).index]].astype(np.int64)
            if isinstance(var, ClassicalRegister):
                return _register_value(state, [cmap[circuit.find_bit(b).index] for b in var])
        if isinstance(node, expr.Cast):
            return ev(node.operand)
        if isinstance(node, expr.Unary):
            inner = ev(node.operand)
            if node.op in (expr.Unary.Op.LOGIC_NOT,) or node.type.kind is expr.types.Bool:
                return (inner == 0).astype(np.int64)
            return ~inner
        if isinstance(node, expr.Binary):
            left, right = ev(node.left), ev(node.right)
            ops = {
                expr.Binary.Op.BIT_AND: lambda a, b: a & b,
                expr.Binary.Op.BIT_OR: lambda a, b: a | b,
                expr.Binary.Op.BIT_XOR: lambda a, b: a ^ b,
                expr.Binary.Op.LOGIC_AND: lambda a, b: (a != 0) & (b != 0),
                expr.Binary.Op.LOGIC_OR: lambda a, b: (a != 0) | (b != 0),
                expr.Binary.Op.EQUAL: lambda a, b: a == b,
                expr.Binary.Op.NOT_EQUAL: lambda a, b: a != b,
            }
            if node.op in ops:
                return ops[node.op](left, right).astype(np.int64)
        raise QcogValueError(f"the sparse simulator cannot evaluate the condition {node!r}")

    return ev(condition) != 0


def _gate_matrix(op):
    import numpy as np

    try:
        return np.asarray(op.to_matrix(), dtype=complex)
    except Exception:  # noqa: BLE001 - gates without a matrix are decomposed instead
        return None


def _apply(state: _State, circuit, qmap: list[int], cmap: list[int]) -> None:
    """Run ``circuit`` on ``state``; its qubit i is qubit ``qmap[i]``, clbit j is ``cmap[j]``."""
    import cmath

    from qiskit.circuit import ControlledGate, IfElseOp

    if circuit.global_phase:
        state.amps = state.amps * cmath.exp(1j * float(circuit.global_phase))
    for inst in circuit.data:
        op = inst.operation
        name = op.name
        qubits = [qmap[circuit.find_bit(q).index] for q in inst.qubits]
        clbits = [cmap[circuit.find_bit(c).index] for c in inst.clbits]
        state.gates += 1
        if name in _SKIP:
            continue
        if name in ("measure", "reset"):
            _measure(state, qubits[0], clbits[0] if name == "measure" else None, name == "reset")
            continue
        if isinstance(op, IfElseOp):
            truth = _condition(state, op.condition, cmap, circuit)
            for body, want in (
                (op.blocks[0], True),
                (op.blocks[1] if len(op.blocks) > 1 else None, False),
            ):
                if body is None:
                    continue
                mask = truth[state.shot()] == want
                if not mask.any():
                    continue
                sub = state.subset(mask)
                _apply(sub, body, qubits, clbits)
                state.merge(mask, sub)
            continue
        if getattr(op, "blocks", None):
            raise QcogValueError(f"the sparse simulator supports if_test blocks only, not {name!r}")
        if name in _PERMUTATION and not getattr(op, "params", None):
            ctrl_state = getattr(op, "ctrl_state", None)
            if name == "mcx" and len(qubits) != op.num_ctrl_qubits + 1:
                _apply(state, op.definition, qubits, clbits)  # variants with ancilla qubits
            else:
                _permute(state, name, qubits, ctrl_state)
            continue
        if isinstance(op, ControlledGate) and op.base_gate.num_qubits == 1:
            k = op.num_ctrl_qubits
            matrix = _gate_matrix(op.base_gate)
            if matrix is not None and len(qubits) == k + 1:
                on = _controls_on(state, qubits[:k], op.ctrl_state)
                if abs(matrix[0, 1]) < PRUNE and abs(matrix[1, 0]) < PRUNE:
                    import numpy as np

                    t = state.bit(qubits[k])
                    phase = np.where(on, np.where(t == 1, matrix[1, 1], matrix[0, 0]), 1.0)
                    state.amps = state.amps * phase
                else:
                    _one_qubit(state, matrix, qubits[k], mask=on)
                continue
        if op.num_qubits == 1 and not op.num_clbits:
            matrix = _gate_matrix(op)
            if matrix is not None:
                _one_qubit(state, matrix, qubits[0])
                continue
        if op.definition is not None:
            state.gates -= 1
            _apply(state, op.definition, qubits, clbits)
            continue
        raise QcogValueError(
            f"the sparse simulator cannot apply {name!r} (no matrix, no definition)"
        )


def simulate(
    circuit: QuantumCircuit,
    shots: int = 1,
    seed: int | None = None,
    initial: dict[int, complex] | None = None,
    max_support: int = DEFAULT_MAX_SUPPORT,
) -> SparseResult:
    """Simulate ``circuit`` exactly for ``shots`` shots in one pass.

    Args:
        circuit: a ``QuantumCircuit`` (``if_test`` blocks, measure and reset allowed).
        shots: independent runs, simulated together.
        seed: seeds the measurement outcomes.
        initial: start state ``{basis index: amplitude}`` (default ``|0...0>``); normalised.
        max_support: refuse when more amplitudes than this would be stored.

    Returns:
        A :class:`SparseResult` with every shot's classical bits and the final states.

    Raises:
        QcogValueError: bad shots, too many qubits for the index, an unsupported
            operation, or a state that outgrows ``max_support``.
    """
    import numpy as np

    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    width = circuit.num_qubits
    shot_bits = max(1, (shots - 1).bit_length())
    if width + shot_bits > MAX_KEY_BITS:
        raise QcogValueError(
            f"the sparse simulator indexes qubits and shots with {MAX_KEY_BITS} bits; this "
            f"circuit has {width} qubits and {shots} shots ({width + shot_bits} bits)"
        )
    start = time.perf_counter()
    items = sorted((initial or {0: 1.0}).items())
    base_keys = np.array([k for k, _ in items], dtype=np.int64)
    base_amps = np.array([complex(v) for _, v in items], dtype=complex)
    if base_keys.size == 0 or base_keys.min() < 0 or base_keys.max() >= 1 << width:
        raise QcogValueError(f"initial state indices must lie in [0, 2^{width})")
    base_amps /= np.linalg.norm(base_amps)
    if base_keys.size * shots > max_support:
        raise QcogValueError(
            f"{base_keys.size * shots:,} initial amplitudes exceed max_support={max_support:,}"
        )
    shot_ids = np.repeat(np.arange(shots, dtype=np.int64), base_keys.size)
    keys = np.tile(base_keys, shots) | (shot_ids << width)
    state = _State(
        keys,
        np.tile(base_amps, shots),
        np.zeros((shots, circuit.num_clbits), dtype=np.uint8),
        width,
        np.random.default_rng(seed),
        max_support,
    )
    _apply(state, circuit, list(range(width)), list(range(circuit.num_clbits)))
    cregs = {reg.name: [circuit.find_bit(b).index for b in reg] for reg in circuit.cregs}
    return SparseResult(
        clbits=state.clbits,
        cregs=cregs,
        keys=state.keys,
        amplitudes=state.amps,
        num_qubits=width,
        shots=shots,
        max_support=state.peak,
        gates=state.gates,
        wall_s=time.perf_counter() - start,
    )
