"""Small circuits in real arithmetic, compiled by ``torch.compile`` (opt-in).

On a few qubits and a small batch every tensor operation is tiny, and a step of the
eager engine is mostly the per-operation cost of torch and its autograd. With
``TorchEngine(compile=True)`` (engine spec ``"torch-compiled"``) such a circuit on a CPU
(at most :data:`COMPILE_MAX_AMPLITUDES` amplitudes over the batch: 2**15 in float32,
2**14 in float64) runs instead as one
function per circuit structure, compiled by ``torch.compile`` (TorchInductor) forwards
and backwards into C++ loops: the one-qubit gate matrices built from their angles, the
product state of the prefix, every step gate by gate, and ``<Z>`` readouts. Inductor
generates no code for complex tensors, so the function works on *real pairs*: a complex
tensor is its real and imaginary parts, and :func:`qcog.qml.gates.pair_matrices` builds
the gate matrices without complex numbers. Matrices of other gates (builders,
QubitUnitary) and a prepared state are made eagerly and passed in as real views; other
measurements are read eagerly from the state.

The first call of each structure compiles (10-40 s on this project's 2-core machines;
again for a new dtype and at the first change of batch size, then with dynamic shapes);
Inductor keeps what it compiled on disk, so later processes start faster. It needs a C++
compiler, as ``torch.compile`` does on a CPU. Worth it for training loops of many steps,
not for a few calls. Above :data:`COMPILE_MAX_AMPLITUDES` the eager engine is faster and
is used (measured in ``benchmarks/quantum_layer.py``, column ``x torch-compiled``).

>>> import torch, pennylane as qml
>>> from qcog.qml.engines.plan import compile_plan
>>> from qcog.qml.program import lower, record
>>> def qfunc(inputs):
...     qml.RX(inputs[..., 0], wires=0)
...     qml.CNOT(wires=[0, 1])
...     return qml.probs()
>>> x = torch.tensor([[torch.pi]], dtype=torch.float64)
>>> program = lower(record(qfunc, x), n_wires=2)
>>> plan = compile_plan(program, 1, "cpu", fuse_max_wires=0)
>>> evolution = CompiledEvolution(plan, backend="eager")  # "inductor" compiles to C++
>>> (evolution(program.gates, x, None).T.abs() ** 2).round(decimals=12)  # the state is |11>
tensor([[0., 0., 0., 1.]], dtype=torch.float64)
"""

from __future__ import annotations

import itertools
import types
from collections.abc import Callable

import torch

from qcog.qml.engines.plan import Plan
from qcog.qml.engines.steps import Block, Dense, Diagonal, Permutation
from qcog.qml.gates import GATES, PAIR_GATES, pair_matrices

#: Largest ``batch * 2**n`` run compiled, by real dtype. Measured (StronglyEntanglingLayers,
#: 3 layers, forward+backward, one thread, compiled against eager, 2-core CPU): float32
#: 1.4-2.1x faster up to 2**16 amplitudes against the Kronecker groups, but against the
#: native layer kernel (:mod:`qcog.qml.engines.layer_kernel`, which needs a C compiler as
#: compiling does) 1.14x at 2**15 (7 qubits at batch 256: 2.29 against 2.60 ms), equal at
#: 9 qubits, batch 64, and slower at 2**16 (8 qubits at batch 256: 13.0x against 16.1x
#: default.qubit; 10 at 64: 12.5x against 18.3x); float64 1.6-2.3x faster up to 2**14 (8
#: qubits at batch 64 with the kernel: 16.4x against 12.5x), mixed at 2**15, 0.7x at 2**16.
#: Above, the eager engine passes over the state fewer times than gate-by-gate loops.
COMPILE_MAX_AMPLITUDES = {torch.float32: 2**15, torch.float64: 2**14}

#: From this many amplitudes a one-qubit matrix is applied entry by entry (four products
#: per pair of rows) instead of as one broadcast product and sum, whose reductions Inductor
#: runs slowly on large states (8 qubits, batch 256, float32: 4.1 against 13.8 ms a step);
#: below, the broadcast form is faster (its backward is one reduction per matrix, not
#: one per entry: at 4 qubits, batch 64, 0.98 against 1.03 ms; 6 qubits 1.35 against 1.60).
ENTRYWISE_MIN_AMPLITUDES = 2**15

_NAMES = itertools.count()


def compiles(batch: int, n: int, dtype: torch.dtype) -> bool:
    """Whether ``batch`` states of ``n`` qubits in ``dtype`` are small enough to run compiled
    (:data:`COMPILE_MAX_AMPLITUDES`).

    >>> compiles(64, 8, torch.float64), compiles(256, 8, torch.float64)
    (True, False)
    """
    return batch * 2**n <= COMPILE_MAX_AMPLITUDES.get(dtype, 0)


def _cmul(a: tuple, b: tuple) -> tuple:
    """The product of complex numbers given as (real, imaginary) tensors."""
    return a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]


def _apply_matrix(state: tuple, m: torch.Tensor, left: int) -> tuple:
    """A pair matrix ``m`` ``(B', d, d, 2)`` applied to the block of ``d`` rows of the state
    ``(2**n, B)`` viewed as ``(left, d, right, B)`` (broadcast over ``B' = 1``).

    ``out[l, i, r, b] = sum over j of m[b, i, j] x[l, j, r, b]``: as a broadcast product
    and one sum (the backward pass of an unbatched matrix is then one reduction per part,
    not one per entry), or for a one-qubit matrix on a state of at least
    :data:`ENTRYWISE_MIN_AMPLITUDES` entry by entry.
    """
    d, batch = m.shape[1], state[0].shape[-1]
    if d == 2 and state[0].numel() >= ENTRYWISE_MIN_AMPLITUDES:  # entry by entry
        m00, m01, m10, m11 = [(m[:, i, j, 0], m[:, i, j, 1]) for i in range(2) for j in range(2)]
        view = [part.reshape(left, 2, -1, batch) for part in state]
        a, b = (view[0][:, 0], view[1][:, 0]), (view[0][:, 1], view[1][:, 1])
        top = [p + q for p, q in zip(_cmul(m00, a), _cmul(m01, b))]
        bottom = [p + q for p, q in zip(_cmul(m10, a), _cmul(m11, b))]
        return tuple(torch.stack([top[k], bottom[k]], dim=1).reshape(-1, top[k].shape[-1])
                     for k in range(2))
    mt = m.permute(1, 2, 3, 0)[None, :, :, None]  # (1, d, d, 1, 2, B')
    x = [part.reshape(left, 1, d, -1, batch) for part in state]  # (left, 1, d, right, B)
    product = _cmul((mt[..., 0, :], mt[..., 1, :]), (x[0], x[1]))
    return tuple(p.sum(2).reshape(-1, p.shape[-1]) for p in product)


def _initial(plan: Plan, banks: list) -> tuple:
    """The product state of the prefix gates on ``|0...0>``, a pair ``(2**n, B')``."""
    like = next(b for b in banks if b is not None)
    zero = torch.tensor([[1.0], [0.0]], dtype=like.dtype, device=like.device)  # |0>, (2, 1)
    state = None
    for wire_gates in plan.initial:
        column = (zero, torch.zeros_like(zero))
        for bank, slot in wire_gates:
            column = _apply_matrix(column, banks[bank][:, slot], 1)
        if state is None:
            state = column
            continue
        product = _cmul((state[0][:, None], state[1][:, None]), (column[0][None], column[1][None]))
        state = tuple(p.reshape(-1, p.shape[-1]) for p in product)
    return state


def _evolve_pairs(plan: Plan, names: tuple, dtype: torch.dtype, x0: torch.Tensor | None,
                  banks: list, indices: list, operands: list, readout: torch.Tensor | None
                  ) -> torch.Tensor:
    """The final state ``(2**n, B, 2)`` (real pairs) of ``plan``, or with ``readout`` (sign
    columns ``(2**n, k)``) the expectation values ``|psi|**2 @ readout`` ``(B, k)``;
    ``banks[i]`` is angles when ``names[i]`` is set (its gate name; ``banks[i][indices[i]]``
    when an index is given), else a pair matrix tensor."""
    banks = [b if b is None or name is None else
             pair_matrices(name, b if index is None else b[index].to(dtype))
             for name, b, index in zip(names, banks, indices)]
    state = (x0[..., 0], x0[..., 1]) if x0 is not None else _initial(plan, banks)
    for step, source in plan.steps:
        if isinstance(step, Permutation):
            state = (state[0][step.index], state[1][step.index])
            continue
        if source[0] == "operand":
            m = operands[source[1]]
        else:
            m = banks[source[1]][:, source[2][0]]
        if isinstance(step, Block):
            state = _apply_matrix(state, m, step.left)
        elif isinstance(step, Diagonal):
            d = step._broadcast(m[..., 0]), step._broadcast(m[..., 1])
            batch = state[0].shape[-1]
            x = tuple(part.reshape(*[2] * plan.n, batch) for part in state)
            state = tuple(p.reshape(-1, p.shape[-1]) for p in _cmul(x, d))
        elif isinstance(step, Dense):
            front = tuple(step._front(part) for part in state)  # (2**k, rest, B)
            rows, rest = front[0].shape[:2]
            out = _apply_matrix(tuple(f.reshape(rows * rest, -1) for f in front), m, 1)
            state = tuple(step._back(o.reshape(rows, rest, -1)) for o in out)
        else:  # a step kind this module does not know: a programming error
            raise TypeError(f"no real-pair rule for step {type(step).__name__}")
    if readout is not None:
        return (state[0].square() + state[1].square()).mT @ readout
    return torch.stack(state, dim=-1)


def _own_function(plan: Plan, names: tuple) -> Callable:
    """``_evolve_pairs`` bound to ``plan``, as a function with a code object of its own.

    Dynamo keeps compiled graphs per code object, with a small limit of recompilations;
    one code object per plan keeps each structure's graphs apart instead of making every
    circuit a recompilation of one function.
    """
    def evolve(dtype, x0, banks, indices, operands, readout):
        return _evolve_pairs(plan, names, dtype, x0, banks, indices, operands, readout)

    code = evolve.__code__.replace(co_name=f"qcog_evolution_{next(_NAMES)}")
    return types.FunctionType(code, evolve.__globals__, code.co_name, None, evolve.__closure__)


class CompiledEvolution:
    """The evolution of one :class:`~qcog.qml.engines.plan.Plan` (compiled with group size 1
    and no fusion) as a compiled function of real tensors.

    Args:
        plan: the circuit structure.
        backend: ``torch.compile`` backend (``"inductor"``; ``"eager"`` only traces).
    """

    def __init__(self, plan: Plan, backend: str = "inductor"):
        used = plan.evolved[0]
        self.plan = plan
        self.names = tuple(bank.name if i in used and bank.name in PAIR_GATES
                           and GATES[bank.name].num_params else None
                           for i, bank in enumerate(plan.banks))
        self.function = torch.compile(_own_function(plan, self.names), backend=backend)

    def __call__(self, gates: list, like: torch.Tensor, x0: torch.Tensor | None,
                 readout: torch.Tensor | None = None) -> torch.Tensor:
        """The final complex states ``(2**n, B)`` (batch-last) of this call's ``gates``, or
        with ``readout`` the real ``|psi|**2 @ readout`` ``(B, k)``.

        Args:
            gates: the lowered program's gates.
            like: a real tensor giving dtype and device.
            x0: the initial complex state ``(2**n, B')`` when not the prefix's product state.
            readout: sign columns ``(2**n, k)``
                (:meth:`~qcog.qml.engines.measure.Measurer.z_readout`), or None.
        """
        plan, used = self.plan, self.plan.evolved[0]
        banks, indices = [], []
        for i, bank in enumerate(plan.banks):
            source, index = None, None
            if i in used and self.names[i] is not None:
                source, index = bank.angle_source(gates, like)
            elif i in used:
                source = torch.view_as_real(bank.matrices(gates, like))
            banks.append(source)
            indices.append(index)
        operands = [torch.view_as_real(build(gates[position], like).contiguous())
                    for position, build in plan.builders]
        x0 = None if x0 is None else torch.view_as_real(x0.contiguous())
        out = self.function(like.dtype, x0, banks, indices, operands, readout)
        return out if readout is not None else torch.view_as_complex(out)
