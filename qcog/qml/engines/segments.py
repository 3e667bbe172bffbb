"""Runs of batch-independent steps of a narrow circuit, fused into one unitary per call.

On a few qubits a call costs what it launches - a torch operation costs microseconds
whatever its size - not what it computes. A run of consecutive steps whose matrices do
not depend on the batch (weights, constant gates, fixed permutations) is therefore
replaced by one full-width step whose matrix, the ordered product of the run, is built
each call in a number of operations that does not grow with the run:

* every one-qubit matrix of a bank used in the run is embedded in the full ``2**n``
  space by one gather (:func:`embedding_index`);
* permutations are constant matrices, other gates are applied to the identity;
* the ordered product is a pairwise tree of batched matrix products
  (:func:`ordered_product`: ``log2`` of the run's length).

Autograd differentiates the product; the evolution sees one matrix product per run. The
product costs ``steps * 8**n`` operations where the steps cost ``steps * B * 2**n``, so
fusing is limited to :data:`FUSE_MAX_WIRES`.

>>> import torch
>>> x = torch.tensor([[0, 1], [1, 0]], dtype=torch.complex128)
>>> z = torch.tensor([[1, 0], [0, -1]], dtype=torch.complex128)
>>> ordered_product(torch.stack([x, z]))[0].real  # Z X: X first
tensor([[ 0.,  1.],
        [-1.,  0.]], dtype=torch.float64)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

#: Widest circuit whose batch-independent runs are fused. Measured on a 2-core CPU
#: (StronglyEntanglingLayers, forward+backward, batch 64 and 256, float32 and float64):
#: fused/unfused step time 0.92-0.93 at 3 qubits, 0.80-0.90 at 4, 0.84-0.92 at 5, but
#: 1.4-2.3 at 6, where the 64x64 products cost more than the launches they save.
FUSE_MAX_WIRES = 5


def ordered_product(matrices: torch.Tensor) -> torch.Tensor:
    """``M[S-1] @ ... @ M[1] @ M[0]`` of ``(S, d, d)`` matrices applied in order, as ``(1, d, d)``.

    Pairs are multiplied level by level, one batched product per level.
    """
    while matrices.shape[0] > 1:
        count = matrices.shape[0]
        pairs = torch.matmul(matrices[1:count:2], matrices[0:count - 1:2])  # later @ earlier
        matrices = torch.cat([pairs, matrices[count - 1:]]) if count % 2 else pairs
    return matrices


def embedding_index(slots: list[int], wires: list[int], n: int) -> torch.Tensor:
    """Gather index that embeds one-qubit matrices in the ``2**n`` space.

    For a bank's matrices flattened as ``(size * 4,)``, entry ``[i, r, c]`` of the index is
    the position in that flat tensor of entry ``(r, c)`` of the matrix of slot ``slots[i]``
    acting on wire ``wires[i]`` (wire 0 most significant) and the identity on the others,
    or -1 where that matrix is zero; callers point the -1 entries at a zero they append.
    """
    d = 2**n
    basis = torch.arange(d)
    out = []
    for slot, wire in zip(slots, wires):
        shift = n - 1 - wire
        bit = (basis >> shift) & 1
        rest = basis & ~(1 << shift)
        same = rest[:, None] == rest[None, :]
        entry = slot * 4 + 2 * bit[:, None] + bit[None, :]
        out.append(torch.where(same, entry, -1))
    return torch.stack(out)


@dataclass
class Segment:
    """One fused run: its factors in application order and how each call builds them.

    Attributes:
        n: circuit width.
        factors: ``("bank", bank, slot, wire)``, ``("permutation", step)`` or
            ``("operand", k, step)`` in the order they act.
        sizes: the number of matrices of each bank the factors read.
    """

    n: int
    factors: list
    sizes: dict
    _compiled: dict = field(default_factory=dict, repr=False)

    def _compile(self, dtype: torch.dtype, device: torch.device) -> dict:
        """Per dtype and device: gather indices, constant permutation matrices, the order."""
        key = (dtype, device)
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        identity = torch.eye(2**self.n, dtype=dtype, device=device)
        gathers, position, places = [], 0, {}
        for bank in sorted(self.sizes):
            members = [(i, f) for i, f in enumerate(self.factors) if f[0] == "bank" and f[1] == bank]
            index = embedding_index([f[2] for _, f in members], [f[3] for _, f in members], self.n)
            index = torch.where(index < 0, self.sizes[bank] * 4, index).to(device)
            gathers.append((bank, index.reshape(-1), len(members)))
            for j, (i, _) in enumerate(members):
                places[i] = position + j
            position += len(members)
        perms = [(i, f[1]) for i, f in enumerate(self.factors) if f[0] == "permutation"]
        constants = None
        if perms:
            constants = torch.stack([step.apply(identity) for _, step in perms])  # columns: images
            for j, (i, _) in enumerate(perms):
                places[i] = position + j
            position += len(perms)
        operands = [(i, f[1], f[2]) for i, f in enumerate(self.factors) if f[0] == "operand"]
        for j, (i, _, _) in enumerate(operands):
            places[i] = position + j
        order = torch.tensor([places[i] for i in range(len(self.factors))], device=device)
        compiled = {"gathers": gathers, "constants": constants, "operands": operands,
                    "order": order, "identity": identity,
                    "in_order": bool((order == torch.arange(len(order), device=device)).all())}
        self._compiled[key] = compiled
        return compiled

    def matrix(self, banks: list, operands: list) -> torch.Tensor:
        """This call's ``(1, 2**n, 2**n)`` product of the run (differentiable)."""
        like = next(t for t in (*banks, *operands) if t is not None)
        c = self._compile(like.dtype, like.device)
        d = 2**self.n
        pieces = []
        for bank, index, count in c["gathers"]:
            flat = banks[bank].reshape(-1)
            flat = torch.cat([flat, flat.new_zeros(1)])
            pieces.append(flat[index].reshape(count, d, d))
        if c["constants"] is not None:
            pieces.append(c["constants"])
        for _, k, step in c["operands"]:
            pieces.append(step.apply(c["identity"], operands[k])[None])
        stacked = pieces[0] if len(pieces) == 1 else torch.cat(pieces)
        if not c["in_order"]:
            stacked = stacked[c["order"]]
        return ordered_product(stacked)
