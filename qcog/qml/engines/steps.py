"""The steps of a statevector evolution, each with its inverse and its vector-Jacobian product.

Inside an evolution the batched state is kept *batch-last*: ``X`` of shape ``(2**n, B)``
(wire 0 most significant). Then a matrix on a block of wires is one matrix product with
at least ``B`` columns, a permutation of basis states gathers whole rows, and no step
copies the state to reorder it. A step's *operand* is the complex tensor that says what
it does this call - a batched matrix ``(B', d, d)`` or diagonal ``(B', 2**k)`` built
from the gate angles, ``None`` for a fixed permutation - with ``B'`` equal to ``B`` or 1
(then it broadcasts). Every step knows three things:

* ``apply(X, operand, out)``: the new state (written into ``out``, a free buffer of the
  state's shape, where the step can; the caller checks which tensor came back);
* ``inverse(X, operand, out)``: the state before (gates are unitary: ``U^dagger X``);
* ``vjp(h, X_in, operand)``: the gradients of the state before and of the operand, given
  the gradient of the state after. Torch's gradient of ``y = U x`` is ``grad_x = U^H
  grad_y`` and ``grad_U = grad_y x^H``; the steps pass the *conjugate* ``h = conj(grad)``
  instead, for which ``h_x = U^T h_y`` and ``grad_U = conj(h_y x^T)`` - transposes that
  matrix products take as they are, where conjugate transposes of batched products would
  make copies of the state.

:class:`~qcog.qml.engines.evolve.Evolve` runs them forwards and backwards; ``inverse``
lets the backward pass recompute states instead of storing them (the adjoint method).

>>> import torch
>>> x = torch.tensor([[[0, 1], [1, 0]]], dtype=torch.complex128)  # PauliX
>>> Block(1, 2, n=2).apply(torch.tensor([[1], [0], [0], [0]], dtype=torch.complex128), x).T
tensor([[0.+0.j, 1.+0.j, 0.+0.j, 0.+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

import torch

from qcog.qml.engines import layer_kernel


def reduce_batch(t: torch.Tensor, batch: int) -> torch.Tensor:
    """Sum a batch-last gradient over its batch when its input was broadcast (batch 1)."""
    return t.sum(-1, keepdim=True) if batch == 1 and t.shape[-1] != 1 else t


def reduce_operand(t: torch.Tensor, batch: int) -> torch.Tensor:
    """Sum an operand's gradient ``(B, ...)`` over the batch when the operand had batch 1."""
    return t.sum(0, keepdim=True) if batch == 1 and t.shape[0] != 1 else t


def _dagger(matrix: torch.Tensor) -> torch.Tensor:
    return matrix.mH.resolve_conj()


def _widen(x: torch.Tensor, batch: int) -> torch.Tensor:
    """``X`` ``(2**n, 1)`` broadcast to ``batch`` columns (a copy), else ``X`` itself."""
    return x.expand(-1, batch).contiguous() if x.shape[1] != batch else x


def _rows(x: torch.Tensor, index: torch.Tensor, out: torch.Tensor | None = None) -> torch.Tensor:
    """``x[index]`` for a complex ``(2**n, B)`` state, gathered through its real view (on a
    CPU several times faster than ``index_select`` on the complex tensor); into ``out``
    when given."""
    x = x.contiguous()
    real = torch.view_as_real(x).reshape(x.shape[0], -1)
    if out is not None:
        torch.index_select(real, 0, index, out=torch.view_as_real(out).view(x.shape[0], -1))
        return out
    return torch.view_as_complex(torch.index_select(real, 0, index).view(*x.shape, 2))


def _fits(out: torch.Tensor | None, shape: tuple) -> bool:
    return out is not None and tuple(out.shape) == tuple(shape) and out.is_contiguous()


class Permutation:
    """A fixed permutation of basis states: ``new[i] = X[index[i]]`` (whole rows; no operand)."""

    def __init__(self, index: torch.Tensor, inverse: torch.Tensor):
        self.index, self.inverse_index = index, inverse

    def apply(self, x: torch.Tensor, operand: torch.Tensor | None = None,
              out: torch.Tensor | None = None) -> torch.Tensor:
        return _rows(x, self.index, out if _fits(out, x.shape) else None)

    def inverse(self, x: torch.Tensor, operand: torch.Tensor | None = None,
                out: torch.Tensor | None = None) -> torch.Tensor:
        return _rows(x, self.inverse_index, out if _fits(out, x.shape) else None)

    def vjp(self, h: torch.Tensor, x_in: torch.Tensor, operand: torch.Tensor | None = None,
            need_operand: bool = False, out: torch.Tensor | None = None
            ) -> tuple[torch.Tensor, torch.Tensor | None]:
        return reduce_batch(self.inverse(h, out=out), x_in.shape[1]), None


class Diagonal:
    """A diagonal ``(B', 2**k)`` on ``wires`` (in that order) of ``n``."""

    def __init__(self, wires: tuple[int, ...], n: int):
        self.wires, self.n = tuple(wires), n
        k = len(wires)
        self.order = sorted(range(k), key=lambda i: wires[i])  # gate axes in register order
        self.shape = [2 if w in wires else 1 for w in range(n)]

    def _broadcast(self, d: torch.Tensor) -> torch.Tensor:
        """``(B', 2**k)`` -> ``(2, 1, 2, ..., B')`` broadcastable over the register axes."""
        k = len(self.wires)
        d = d.reshape(d.shape[0], *[2] * k).permute(*[1 + i for i in self.order], 0)
        return d.reshape(*self.shape, d.shape[-1])

    def _times(self, x, d):
        out = x.reshape(*[2] * self.n, x.shape[1]) * self._broadcast(d)
        return out.reshape(-1, out.shape[-1])

    def apply(self, x: torch.Tensor, operand: torch.Tensor,
              out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, operand)

    def inverse(self, x: torch.Tensor, operand: torch.Tensor,
                out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, operand.conj())

    def vjp(self, h: torch.Tensor, x_in: torch.Tensor, operand: torch.Tensor,
            need_operand: bool = True, out: torch.Tensor | None = None
            ) -> tuple[torch.Tensor, torch.Tensor | None]:
        h_in = reduce_batch(self._times(h, operand), x_in.shape[1])
        if not need_operand:
            return h_in, None
        product = (h * x_in).reshape(*[2] * self.n, h.shape[1])
        rest = [w for w in range(self.n) if w not in self.wires]
        summed = product.sum(dim=rest) if rest else product  # gate axes in register order, B
        inverse = [self.order.index(i) for i in range(len(self.wires))]
        summed = summed.permute(len(self.wires), *inverse).reshape(h.shape[1], -1)
        return h_in, reduce_operand(summed, operand.shape[0]).conj()


class Block:
    """A matrix ``(B', d, d)`` on the contiguous wires ``start .. stop - 1`` of ``n``.

    The state is viewed as ``(2**start, d, 2**(n - stop) * B)``: an unbatched matrix is
    one (batched) matrix product with it, and its gradient one more.
    """

    def __init__(self, start: int, stop: int, n: int):
        self.start, self.stop, self.n = start, stop, n
        self.left, self.d = 2**start, 2 ** (stop - start)

    def _times(self, x, matrix, out=None):
        left, d = self.left, self.d
        if matrix.shape[0] == 1:
            view = x.reshape(left, d, -1)
            target = out.view(left, d, -1) if _fits(out, x.shape) else None
            if left == 1:
                product = torch.mm(matrix[0], view[0], out=None if target is None else target[0])
            else:
                product = torch.bmm(matrix[0].expand(left, d, d), view, out=target)
            return product.reshape(-1, x.shape[1])
        batch = matrix.shape[0]
        view = _widen(x, batch).reshape(left, d, -1, batch)
        return torch.einsum("bij,ljrb->lirb", matrix, view).reshape(-1, batch)

    def apply(self, x: torch.Tensor, operand: torch.Tensor,
              out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, operand, out)

    def inverse(self, x: torch.Tensor, operand: torch.Tensor,
                out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, _dagger(operand), out)

    def vjp(self, h: torch.Tensor, x_in: torch.Tensor, operand: torch.Tensor,
            need_operand: bool = True, out: torch.Tensor | None = None
            ) -> tuple[torch.Tensor, torch.Tensor | None]:
        h_in = reduce_batch(self._times(h, operand.mT, out), x_in.shape[1])
        if not need_operand:
            return h_in, None
        batch, left, d = h.shape[1], self.left, self.d
        x = _widen(x_in, batch)
        if operand.shape[0] == 1:  # grad_K = conj(sum over other axes and batch of h x^T)
            g, v = h.reshape(left, d, -1), x.reshape(left, d, -1)
            if left == 1:
                return h_in, (g[0] @ v[0].mT).conj()[None]
            return h_in, torch.bmm(g, v.mT).sum(0, keepdim=True).conj()
        g, v = h.reshape(left, d, -1, batch), x.reshape(left, d, -1, batch)
        return h_in, torch.einsum("lirb,ljrb->bij", g, v).conj()


class Dense:
    """A matrix ``(B', 2**k, 2**k)`` on any ``wires`` (first wire most significant) of ``n``."""

    def __init__(self, wires: tuple[int, ...], n: int):
        self.wires, self.n = tuple(wires), n
        rest = [w for w in range(n) if w not in wires]
        self.perm = list(wires) + rest + [n]
        self.unperm = [self.perm.index(i) for i in range(n + 1)]

    def _front(self, x):  # (2**k, rest, B)
        view = x.reshape(*[2] * self.n, x.shape[1]).permute(self.perm)
        return view.reshape(2 ** len(self.wires), -1, x.shape[1])

    def _back(self, view):
        out = view.reshape(*[2] * self.n, view.shape[-1]).permute(self.unperm)
        return out.reshape(-1, view.shape[-1])

    def _times(self, x, matrix):
        if matrix.shape[0] == 1:
            front = self._front(x)
            out = (matrix[0] @ front.reshape(front.shape[0], -1)).reshape(front.shape)
            return self._back(out)
        front = self._front(_widen(x, matrix.shape[0]))
        return self._back(torch.einsum("bij,jrb->irb", matrix, front))

    def apply(self, x: torch.Tensor, operand: torch.Tensor,
              out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, operand)

    def inverse(self, x: torch.Tensor, operand: torch.Tensor,
                out: torch.Tensor | None = None) -> torch.Tensor:
        return self._times(x, _dagger(operand))

    def vjp(self, h: torch.Tensor, x_in: torch.Tensor, operand: torch.Tensor,
            need_operand: bool = True, out: torch.Tensor | None = None
            ) -> tuple[torch.Tensor, torch.Tensor | None]:
        h_in = reduce_batch(self._times(h, operand.mT), x_in.shape[1])
        if not need_operand:
            return h_in, None
        g, v = self._front(h), self._front(_widen(x_in, h.shape[1]))
        if operand.shape[0] == 1:
            size = g.shape[0]
            return h_in, (g.reshape(size, -1) @ v.reshape(size, -1).mT).conj()[None]
        return h_in, torch.einsum("irb,jrb->bij", g, v).conj()


class Layer:
    """Batch-independent one-qubit matrices ``(1, n, 2, 2)`` on every wire of ``n``, applied
    in one pass over the state by the native kernel (:mod:`qcog.qml.engines.layer_kernel`;
    CPU, where :func:`~qcog.qml.engines.layer_kernel.available`), with the
    :class:`Permutation` steps of rows (CNOT rings) just before and after it in the same
    pass. Its operand's gradient comes from the state after it (or its input) alone: no
    intermediate states."""

    def __init__(self, n: int):
        self.n = n
        self.before: Permutation | None = None
        self.after: Permutation | None = None
        self.tiles = layer_kernel.Tiles()

    @staticmethod
    def _rows(permutation: Permutation | None, inverse: bool = False) -> torch.Tensor | None:
        if permutation is None:
            return None
        return permutation.inverse_index if inverse else permutation.index

    @staticmethod
    def _out(out: torch.Tensor | None, x: torch.Tensor) -> torch.Tensor:
        return out if _fits(out, x.shape) and out.data_ptr() != x.data_ptr() else torch.empty_like(x)

    def apply(self, x: torch.Tensor, operand: torch.Tensor,
              out: torch.Tensor | None = None) -> torch.Tensor:
        x = x.contiguous()
        return layer_kernel.forward(x, operand[0], self._out(out, x), self.tiles,
                                    before=self._rows(self.before), after=self._rows(self.after))

    def inverse(self, x: torch.Tensor, operand: torch.Tensor,
                out: torch.Tensor | None = None) -> torch.Tensor:
        x = x.contiguous()
        return layer_kernel.forward(x, operand[0].mH, self._out(out, x), self.tiles,
                                    before=self._rows(self.after, inverse=True),
                                    after=self._rows(self.before, inverse=True))

    def vjp(self, h: torch.Tensor, x_in: torch.Tensor, operand: torch.Tensor,
            need_operand: bool = True, out: torch.Tensor | None = None,
            x_out: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor | None]:
        """As the other steps' ``vjp``; with ``x_out``, the state after the step, the kernel
        reads it instead of recomputing it from ``x_in``."""
        h = h.contiguous()
        from_output = x_out is not None and x_out.shape == h.shape
        x = (x_out if from_output else _widen(x_in, h.shape[1])).contiguous()
        x_rows = self._rows(self.after, inverse=True) if from_output else self._rows(self.before)
        h_in, grad = layer_kernel.backward(h, x, operand[0], self._out(out, h), self.tiles,
                                           from_output, x_rows=x_rows,
                                           h_rows=self._rows(self.after, inverse=True),
                                           out_rows=self._rows(self.before, inverse=True))
        return reduce_batch(h_in, x_in.shape[1]), grad[None] if need_operand else None
