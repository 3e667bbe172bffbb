"""Ising problems: minimise ``E(s) = offset + sum_i h_i s_i + sum_{i<j} J_ij s_i s_j`` over spins.

Every combinatorial problem qcog's QAOA solves is one of these: MaxCut
(:mod:`qcog.optimization.maxcut`) and QUBO (``min x^T Q x`` over bits, :func:`from_qubo`)
are translated into it. A solution is a tuple of bits ``x_i``; the spin is
``s_i = 1 - 2 x_i``, the eigenvalue of ``Z`` on qubit ``i`` (bit 0 is ``|0>``).

>>> problem = IsingProblem(3, h={0: 1.0}, J={(0, 1): 2.0}, offset=0.5)
>>> problem.energy((1, 0, 0))  # s = (-1, 1, 1): 0.5 - 1 - 2
-2.5
>>> from_qubo([[1, -2], [0, 1]]).energy((1, 1))  # x^T Q x = 1 - 2 + 1
0.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class IsingProblem:
    """An Ising energy over ``n`` spins.

    Attributes:
        n: variables (qubits).
        h: linear fields ``{i: h_i}``.
        J: couplings ``{(i, j): J_ij}`` with ``i < j``.
        offset: a constant.
        name: a label for reports.
        graph: for MaxCut, the networkx graph (else None).
    """

    n: int
    h: Mapping[int, float] = field(default_factory=dict)
    J: Mapping[tuple[int, int], float] = field(default_factory=dict)
    offset: float = 0.0
    name: str = "ising"
    graph: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise QcogValueError(f"an Ising problem needs at least one variable, got n={self.n!r}")
        h, J = {}, {}
        for i, value in dict(self.h).items():
            h[self._index(i)] = h.get(self._index(i), 0.0) + _number(value, f"h[{i}]")
        for pair, value in dict(self.J).items():
            i, j = sorted((self._index(pair[0]), self._index(pair[1])))
            if i == j:
                raise QcogValueError(f"coupling {pair} joins a variable to itself; put it in h or the offset")
            J[(i, j)] = J.get((i, j), 0.0) + _number(value, f"J[{pair}]")
        object.__setattr__(self, "h", {i: v for i, v in sorted(h.items()) if v != 0})
        object.__setattr__(self, "J", {k: v for k, v in sorted(J.items()) if v != 0})
        object.__setattr__(self, "offset", _number(self.offset, "offset"))
        if not self.h and not self.J:
            raise QcogValueError("the problem has no fields and no couplings: nothing to optimise")

    def _index(self, i) -> int:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < self.n:
            raise QcogValueError(f"variable {i!r} is not an integer in 0..{self.n - 1}")
        return i

    def energy(self, bits: Sequence[int]) -> float:
        """``E`` of one solution (bits ``x_i``, spins ``1 - 2 x_i``), computed term by term."""
        if len(bits) != self.n:
            raise QcogValueError(f"a solution needs {self.n} bits, got {len(bits)}")
        s = [1 - 2 * int(b) for b in bits]
        return (self.offset + sum(v * s[i] for i, v in self.h.items())
                + sum(v * s[i] * s[j] for (i, j), v in self.J.items()))

    def energies(self, bits: Any) -> np.ndarray:
        """``E`` of many solutions at once: ``bits`` of shape ``(m, n)`` -> ``(m,)``."""
        import numpy as np

        s = 1.0 - 2.0 * np.asarray(bits, dtype=float)  # (m, n)
        out = np.full(s.shape[0], self.offset)
        for i, v in self.h.items():
            out += v * s[:, i]
        for (i, j), v in self.J.items():
            out += v * s[:, i] * s[:, j]
        return out

    def operator(self) -> Any:
        """The PennyLane Pauli sum ``offset + sum h_i Z_i + sum J_ij Z_i Z_j`` (its ``<.>`` is ``<E>``)."""
        import pennylane as qml

        coeffs = list(self.h.values()) + list(self.J.values())
        ops = [qml.PauliZ(i) for i in self.h] + [qml.PauliZ(i) @ qml.PauliZ(j) for i, j in self.J]
        if self.offset:
            coeffs.append(self.offset)
            ops.append(qml.Identity(0))
        return qml.Hamiltonian(coeffs, ops)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "h": {str(k): v for k, v in self.h.items()},
                "J": [[i, j, v] for (i, j), v in self.J.items()], "offset": self.offset}


def _number(value, what: str) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise QcogValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(out):
        raise QcogValueError(f"{what} must be finite, got {value!r}")
    return out


def from_ising(h: Mapping | Sequence, J: Mapping | Sequence, offset: float = 0.0,
               n: int | None = None, name: str = "ising") -> IsingProblem:
    """An :class:`IsingProblem` from fields and couplings as dicts, lists or a matrix.

    Args:
        h: ``{i: h_i}`` or a list of ``h_i``.
        J: ``{(i, j): J_ij}`` or a square matrix (its upper and lower triangles add up;
            the diagonal must be zero).
        offset: a constant.
        n: variables (default: the largest index + 1).

    >>> from_ising([0.5, 0], [[0, 1], [0, 0]]).J
    {(0, 1): 1.0}
    """
    fields = dict(enumerate(h)) if not isinstance(h, Mapping) else dict(h)
    if isinstance(J, Mapping):
        couplings = dict(J)
    else:
        couplings = {}
        for i, row in enumerate(J):
            for j, value in enumerate(row):
                if i == j and value:
                    raise QcogValueError("the coupling matrix has a non-zero diagonal; s_i**2 = 1 belongs in the offset")
                if i != j and value:
                    couplings[(i, j)] = couplings.get((i, j), 0.0) + float(value)
    indices = list(fields) + [k for pair in couplings for k in pair]
    if n is None:
        n = max((i for i in indices if isinstance(i, int)), default=-1) + 1
    return IsingProblem(n, fields, couplings, offset, name)


def from_qubo(Q: Mapping | Sequence, offset: float = 0.0, name: str = "qubo") -> IsingProblem:
    """The Ising form of ``min x^T Q x + offset`` over bits ``x`` (``x_i = (1 - s_i) / 2``).

    Args:
        Q: a square matrix, or ``{(i, j): Q_ij}`` (``(i, i)`` entries are linear terms).
        offset: a constant.

    Raises:
        QcogValueError: a matrix that is not square, non-numeric entries, nothing to optimise.
    """
    entries: dict[tuple[int, int], float] = {}
    if isinstance(Q, Mapping):
        entries = {tuple(k): float(v) for k, v in Q.items()}
    else:
        rows = [list(r) for r in Q]
        if any(len(r) != len(rows) for r in rows):
            raise QcogValueError("the QUBO matrix must be square")
        entries = {(i, j): _number(v, f"Q[{i}][{j}]") for i, r in enumerate(rows)
                   for j, v in enumerate(r) if v}
    n = max((max(k) for k in entries), default=-1) + 1
    h: dict[int, float] = {}
    J: dict[tuple[int, int], float] = {}
    constant = float(offset)
    for (i, j), q in entries.items():
        if i == j:  # q x_i = q (1 - s_i) / 2
            constant += q / 2
            h[i] = h.get(i, 0.0) - q / 2
        else:  # q x_i x_j = q (1 - s_i - s_j + s_i s_j) / 4
            constant += q / 4
            h[i] = h.get(i, 0.0) - q / 4
            h[j] = h.get(j, 0.0) - q / 4
            key = (min(i, j), max(i, j))
            J[key] = J.get(key, 0.0) + q / 4
    return IsingProblem(max(n, 1), h, J, constant, name)
