"""qcog's fast engine: a batched statevector simulator in plain torch.

The whole batch is simulated at once as one complex tensor ``(B, 2**n)``; parameters
that do not depend on the inputs stay unbatched (batch 1) and broadcast. Everything is
torch autograd, so gradients of inputs and weights come for free, on any device and in
float32 or float64 (complex64 / complex128 state). How a gate is applied depends on
its kind (see :mod:`qcog.qml.gates`) and on the circuit:

* a leading run of one-qubit gates on ``|0...0>`` is simulated as a product state
  (``n`` two-vectors, then Kronecker products) - this covers the embeddings;
* runs of permutation gates (CNOT rings) fuse into one cached gather;
* diagonal gates multiply the state by a broadcast diagonal;
* dense gates contract a ``(B, 2**k, 2**k)`` matrix with the state;
* a layer of one-qubit gates on every wire (a template layer) is applied as a few
  Kronecker-product groups of wires, one matmul each (the group size is picked by
  circuit width, :data:`GROUP_SIZES`); other gates are applied one by one;
* all single-wire ``<Z_i>`` share one matmul with a sign table.

PennyLane's wire order is kept: wire 0 is the most significant bit.

>>> import torch, pennylane as qml
>>> def qfunc(inputs):
...     qml.RY(inputs[..., 0], wires=0)
...     return qml.expval(qml.PauliZ(0))
>>> x = torch.tensor([[0.0], [torch.pi]], dtype=torch.float64)
>>> TorchEngine().execute(qfunc, x, {}, n_wires=1)
tensor([ 1., -1.], dtype=torch.float64)
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from qcog.qml.engines.measure import Measurer
from qcog.qml.engines.state_ops import (
    Permute,
    apply_dense,
    apply_diagonal,
    apply_full_layer,
    apply_one,
)
from qcog.qml.gates import GATES, complex_dtype, gate_diagonal, gate_matrix, permutation_of
from qcog.qml.program import Gate, GateLayer, Program, StatePrep, as_batched, lower, record

#: circuit width up to which -> wires fused per Kronecker group in a full layer of
#: one-qubit gates (measured on a 2-core CPU: groups of 3 were best from 4 to 12 qubits;
#: groups of 1 are plain gate-by-gate, a group of n is one dense 2**n matmul).
GROUP_SIZES = {64: 3}


class TorchEngine:
    """Simulate lowered programs with batched torch tensor operations.

    Args:
        group_sizes: overrides :data:`GROUP_SIZES` (width limit -> wires per group).
    """

    name = "torch"

    def __init__(self, group_sizes: dict[int, int] | None = None):
        self.group_sizes = dict(GROUP_SIZES if group_sizes is None else group_sizes)
        self._cache: dict = {}
        self._measurer = Measurer(self._rotate)

    def __getstate__(self):
        return {"group_sizes": self.group_sizes}

    def group_size(self, n: int) -> int:
        """How many wires of a full one-qubit layer are fused into one matrix at width ``n``."""
        for limit in sorted(self.group_sizes):
            if n <= limit:
                return min(n, self.group_sizes[limit])
        return self.group_sizes[max(self.group_sizes)]

    def __setstate__(self, state):
        self.__init__(**state)

    def execute(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                wires: list | None = None) -> torch.Tensor:
        """Record, lower and simulate ``qfunc(inputs, **weights)``.

        Args:
            qfunc: a PennyLane quantum function returning expval/probs measurements.
            inputs: ``(B, features)`` or ``(features,)`` real tensor.
            weights: name -> real tensor.
            n_wires: circuit width.
            wires: wire labels (default ``0 .. n_wires-1``).

        Returns:
            ``(B, outputs)`` (or ``(outputs,)`` unbatched; a single expval gives ``(B,)``).
        """
        return _execute_eager(self, qfunc, inputs, weights, n_wires, wires)

    def statevector(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                    wires: list | None = None) -> torch.Tensor:
        """The final states of ``qfunc(inputs, **weights)``, before any measurement.

        The measurements the quantum function returns are ignored. Differentiable.

        Args:
            qfunc, inputs, weights, n_wires, wires: as for :meth:`execute`.

        Returns:
            ``(B, 2**n_wires)`` complex states (``B = 1`` when nothing depended on a
            batch); wire 0 is the most significant bit, as in PennyLane.

        >>> import torch, pennylane as qml
        >>> def qfunc(inputs):
        ...     qml.Hadamard(wires=0)
        ...     return qml.probs()
        >>> TorchEngine().statevector(qfunc, torch.zeros(1, 1, dtype=torch.float64), {}, 1)
        tensor([[0.7071+0.j, 0.7071+0.j]], dtype=torch.complex128)
        """
        program = lower(record(qfunc, inputs, **weights), n_wires, wires, self._cache)
        like = inputs if inputs.is_floating_point() else inputs.to(torch.get_default_dtype())
        return self._simulate(program, like)

    def run(self, program: Program, like: torch.Tensor) -> torch.Tensor:
        """Simulate ``program``; ``like`` gives the dtype and device (and the batch size)."""
        like = like if like.is_floating_point() else like.to(torch.get_default_dtype())
        psi = self._simulate(program, like)
        outputs = self._measurer.measure_all(psi, program.measurements, program.n_wires)
        if len(outputs) == 1:
            out = outputs[0]
        else:
            out = torch.cat([o.reshape(o.shape[0], -1) for o in outputs], dim=1)
        if like.dim() < 2:
            return out[0]
        if out.shape[0] != like.shape[0]:  # nothing depended on the inputs
            out = out.expand(like.shape[0], *out.shape[1:])
        return out

    # -- simulation -------------------------------------------------------------------
    def _simulate(self, program: Program, like: torch.Tensor) -> torch.Tensor:
        n = program.n_wires
        gates = program.gates
        if gates and isinstance(gates[0], StatePrep):
            psi, position = self._state_prep(gates[0], n, like), 1
        else:
            psi, position = self._product_prefix(gates, n, like)
        return self._apply_gates(psi, gates, position, n, like)

    def _rotate(self, psi: torch.Tensor, gates: list) -> torch.Tensor:
        """Apply lowered ``gates`` to states ``psi`` (the basis change of ``probs(op=...)``)."""
        n = psi.shape[1].bit_length() - 1
        return self._apply_gates(psi, gates, 0, n, torch.view_as_real(psi)[..., 0])

    def _apply_gates(self, psi, gates: list, position: int, n: int, like) -> torch.Tensor:
        while position < len(gates):
            gate = gates[position]
            kind = GATES[gate.name].kind
            if kind == "permutation":
                end = position
                while end < len(gates) and GATES[gates[end].name].kind == "permutation":
                    end += 1
                run = [g for item in gates[position:end] for g in _as_gates(item)]
                psi = Permute.apply(psi, *self._fused_permutation(run, n, psi.device))
                position = end
                continue
            if isinstance(gate, GateLayer):
                matrices = self._layer_matrices(gate, like)  # (B', k, 2, 2)
                if list(gate.wires) == list(range(n)):
                    psi = apply_full_layer(psi, matrices, self.group_size(n))
                else:
                    for i, w in enumerate(gate.wires):
                        psi = apply_one(psi, matrices[:, i], w, n)
            elif kind == "diagonal":
                diagonal = gate_diagonal(gate.name, self._params(gate, like), len(gate.wires), like)
                psi = apply_diagonal(psi, diagonal, gate.wires, n)
            else:
                matrix = gate_matrix(gate.name, self._params(gate, like), len(gate.wires), like)
                psi = apply_dense(psi, matrix, gate.wires, n)
            position += 1
        return psi

    @staticmethod
    def _params(gate: Gate, like: torch.Tensor) -> list[torch.Tensor]:
        return [as_batched(p, like) for p in gate.params]

    @staticmethod
    def _layer_matrices(layer: GateLayer, like: torch.Tensor) -> torch.Tensor:
        """The layer's one-qubit matrices ``(B', k, 2, 2)``, built in one vectorised call."""
        k = len(layer.wires)
        if not layer.params:
            return gate_matrix(layer.name, [], 1, like)[:, None].expand(1, k, 2, 2)
        params = []
        for p in layer.params:
            p = torch.as_tensor(p, device=like.device).to(like.dtype)
            params.append(p.reshape(1, k) if p.dim() < 2 else p)  # (B', k)
        return gate_matrix(layer.name, params, 1, like)

    def _product_prefix(self, gates: list, n: int, like: torch.Tensor):
        """Simulate the leading one-qubit gates as a product state; return (psi, next index)."""
        cdtype = complex_dtype(like.dtype)
        vectors = None  # (B', n, 2) one state per wire; None: all |0>
        position = 0
        while position < len(gates):
            gate = gates[position]
            if isinstance(gate, GateLayer):
                matrices, wires = self._layer_matrices(gate, like), list(gate.wires)
            elif isinstance(gate, Gate) and len(gate.wires) == 1:
                matrices = gate_matrix(gate.name, self._params(gate, like), 1, like)[:, None]
                wires = list(gate.wires)
            else:
                break
            if vectors is None and wires == list(range(n)):
                vectors = matrices[..., :, 0]  # M |0>, (B', n, 2)
            elif wires == list(range(n)):
                vectors = (matrices @ vectors[..., None])[..., 0]  # (B', n, 2)
            else:
                if vectors is None:
                    vectors = torch.zeros(1, n, 2, dtype=cdtype, device=like.device)
                    vectors[:, :, 0] = 1
                index = torch.tensor(wires, device=like.device)
                new = (matrices @ vectors[:, wires, :, None])[..., 0]  # (B', k, 2)
                batch = max(new.shape[0], vectors.shape[0])
                vectors = vectors.expand(batch, n, 2).index_copy(1, index, new.expand(batch, -1, 2))
            position += 1
        if vectors is None:
            psi = torch.zeros(1, 2**n, dtype=cdtype, device=like.device)
            psi[:, 0] = 1
            return psi, position
        psi = vectors[:, 0]
        for w in range(1, n):
            psi = (psi[:, :, None] * vectors[:, w, None, :]).reshape(vectors.shape[0], -1)
        return psi, position

    def _state_prep(self, prep: StatePrep, n: int, like: torch.Tensor) -> torch.Tensor:
        state = prep.state
        if not isinstance(state, torch.Tensor):
            state = torch.as_tensor(state)
        state = state.to(device=like.device, dtype=complex_dtype(like.dtype))
        state = state.reshape(-1, 2 ** len(prep.wires))  # (B, 2**k)
        batch = state.shape[0]
        others = [w for w in range(n) if w not in prep.wires]
        if not others:
            full = state
            order = list(prep.wires)
        else:
            zeros = torch.zeros(2 ** len(others), dtype=state.dtype, device=state.device)
            zeros[0] = 1
            full = (state[:, :, None] * zeros[None, None, :]).reshape(batch, -1)
            order = list(prep.wires) + others
        if order == list(range(n)):
            return full
        tensor = full.reshape(batch, *[2] * n)
        inverse = [order.index(w) for w in range(n)]
        return tensor.permute(0, *[1 + i for i in inverse]).reshape(batch, -1)

    def _fused_permutation(self, gates: list, n: int, device) -> tuple[torch.Tensor, torch.Tensor]:
        key = ("perm", n, tuple((g.name, g.wires) for g in gates), str(device))
        index = self._cache.get(key)
        if index is None:
            total = list(range(2**n))
            for gate in gates:
                p = permutation_of(gate.name, list(gate.wires), n)
                total = [total[j] for j in p]
            index = torch.tensor(total, dtype=torch.long, device=device)
            inverse = torch.empty_like(index)
            inverse[index] = torch.arange(len(total), device=device)
            self._cache[key] = index, inverse
        return self._cache[key]


def _as_gates(item) -> list[Gate]:
    return item.gates() if isinstance(item, GateLayer) else [item]


@torch.compiler.disable
def _execute_eager(engine, qfunc, inputs, weights, n_wires, wires):
    """Record (PennyLane queuing, plain Python) and simulate outside torch.compile's tracer.

    ``torch.compile`` of a model containing the layer compiles the classical parts and
    runs this part eagerly (one graph break), instead of tracing PennyLane's internals.
    """
    program = lower(record(qfunc, inputs, **weights), n_wires, wires, engine._cache)
    return engine.run(program, inputs)
