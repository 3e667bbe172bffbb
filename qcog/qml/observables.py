"""PennyLane observables lowered to data a statevector engine applies: Pauli sums as bit masks.

An observable ``O`` becomes a small tree whose value applied to a state is ``O |psi>``:

* :class:`PauliTerms` - ``sum_t c_t P_t``, every Pauli word as two bit masks (``x``: wires
  carrying X or Y, ``z``: wires carrying Z or Y) and its number of Y's. Anything with a
  Pauli representation lands here (Pauli words, products repeating a wire, ``Sum``,
  ``SProd``, ``LinearCombination``/``qml.Hamiltonian``), so thousands of terms are one
  record, not thousands of objects;
* :class:`MatrixTerm` - a matrix on a few wires (``Hermitian``, ``Hadamard``,
  ``Projector``), or only its diagonal when the observable is diagonal;
* :class:`Scaled`, :class:`SumOf`, :class:`ProductOf` - the arithmetic around the others.

Bit convention: engine wire ``w`` of ``n`` is bit ``n - 1 - w`` of a basis index (wire 0
most significant, as in PennyLane). A word acts on basis states as
``P |j> = i**ny * (-1)**popcount(j & z) |j ^ x>``.

>>> import pennylane as qml
>>> terms = lower_observable(qml.prod(qml.Z(0), qml.Z(1), qml.Z(0)), {0: 0, 1: 1}, 2)
>>> terms.x.tolist(), terms.z.tolist(), [float(c) for c in terms.coeffs]
([0], [1], [1.0])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.exceptions import QcogValueError

#: Widest observable given as a dense matrix (2**12 x 2**12 complex numbers, 256 MiB).
MAX_MATRIX_WIRES = 12


@dataclass(eq=False)
class PauliTerms:
    """``sum_t coeffs[t] * P_t`` on ``n`` wires.

    Attributes:
        n: number of wires of the circuit.
        x: ``(T,)`` int64 bit masks of the wires carrying X or Y.
        z: ``(T,)`` int64 bit masks of the wires carrying Z or Y.
        ny: ``(T,)`` number of Y's of each word modulo 4 (the word's phase is ``i**ny``).
        coeffs: ``T`` real coefficients: floats, or 0-dim torch tensors (trainable).
        cache: tables an engine derived from these terms (only when the coefficients are
            constants), keyed by the engine.
    """

    n: int
    x: np.ndarray
    z: np.ndarray
    ny: np.ndarray
    coeffs: list
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def constant(self) -> bool:
        """Whether every coefficient is a plain number (tables may then be cached)."""
        return not any(_is_tensor(c) for c in self.coeffs)

    def word(self, wires: tuple[int, ...]) -> str | None:
        """The single Pauli word with coefficient 1 as letters over ``wires``, else None."""
        if len(self.coeffs) != 1 or not self.constant or float(self.coeffs[0]) != 1.0:
            return None
        x, z = int(self.x[0]), int(self.z[0])
        letters = []
        for w in wires:
            bit = 1 << (self.n - 1 - w)
            letters.append("IZXY"[(2 if x & bit else 0) + (1 if z & bit else 0)])
            x, z = x & ~bit, z & ~bit
        return "".join(letters) if x == z == 0 else None


@dataclass(eq=False)
class MatrixTerm:
    """A matrix on ``wires`` (their order is the matrix's, first wire most significant).

    Attributes:
        wires: engine wire indices.
        matrix: ``(2**k, 2**k)`` complex (numpy or torch), or its diagonal ``(2**k,)``
            when ``diagonal`` is true.
        diagonal: whether ``matrix`` holds only the diagonal.
    """

    wires: tuple[int, ...]
    matrix: Any
    diagonal: bool = False


@dataclass(eq=False)
class Scaled:
    """``coeff * base`` (``coeff`` a number or a 0-dim torch tensor)."""

    coeff: Any
    base: Any


@dataclass(eq=False)
class SumOf:
    """The sum of ``parts`` (at most one :class:`PauliTerms` among them)."""

    parts: list


@dataclass(eq=False)
class ProductOf:
    """The operator product ``factors[0] @ factors[1] @ ...`` (the last acts first)."""

    factors: list


#: A lowered observable (the tree of the module docstring).
Observable = PauliTerms | MatrixTerm | Scaled | SumOf | ProductOf


def _is_tensor(value) -> bool:
    return type(value).__module__.startswith("torch")


def _real(value):
    """A coefficient as a real number or real torch tensor; refuses imaginary parts."""
    if _is_tensor(value):
        if value.is_complex():
            if bool((value.imag != 0).any()):
                raise QcogValueError("the observable is not Hermitian (complex coefficient)")
            return value.real
        return value
    value = complex(value)
    if value.imag != 0:
        raise QcogValueError(f"the observable is not Hermitian (coefficient {value})")
    return value.real


def pauli_terms(sentence: Any, wire: dict, n: int) -> PauliTerms:
    """A PennyLane ``PauliSentence`` as :class:`PauliTerms` on engine wires."""
    size = len(sentence)
    x, z, ny = np.zeros(size, np.int64), np.zeros(size, np.int64), np.zeros(size, np.int64)
    coeffs = []
    for t, (word, coeff) in enumerate(sentence.items()):
        for label, letter in word.items():
            bit = 1 << (n - 1 - wire[label])
            if letter in "XY":
                x[t] |= bit
            if letter in "ZY":
                z[t] |= bit
            ny[t] += letter == "Y"
        coeffs.append(_real(coeff))
    return PauliTerms(n, x, z, ny % 4, coeffs)


def _merge(parts: list, n: int) -> list:
    """Concatenate the :class:`PauliTerms` among ``parts`` into one (grouping is per record)."""
    paulis = [p for p in parts if isinstance(p, PauliTerms)]
    if len(paulis) < 2:
        return parts
    merged = PauliTerms(n, np.concatenate([p.x for p in paulis]), np.concatenate([p.z for p in paulis]),
                        np.concatenate([p.ny for p in paulis]), [c for p in paulis for c in p.coeffs])
    return [merged] + [p for p in parts if not isinstance(p, PauliTerms)]


def _scaled_pauli(coeff, base: PauliTerms) -> PauliTerms:
    return PauliTerms(base.n, base.x, base.z, base.ny, [coeff * c for c in base.coeffs])


def _matrix_term(obs, wire: dict) -> MatrixTerm:
    import pennylane as qml

    wires = tuple(wire[w] for w in obs.wires)
    if len(wires) > MAX_MATRIX_WIRES:
        raise QcogValueError(
            f"observable {obs.name} on {len(wires)} wires is too wide to apply as a matrix "
            f"(at most {MAX_MATRIX_WIRES}); write it as a sum of Pauli words"
        )
    if obs.has_diagonalizing_gates and not obs.diagonalizing_gates():
        return MatrixTerm(wires, obs.eigvals(), diagonal=True)  # already diagonal
    return MatrixTerm(wires, qml.matrix(obs, wire_order=obs.wires))


def lower_observable(obs: Any, wire: dict, n: int) -> Observable:
    """Lower a PennyLane observable to the tree described in the module docstring.

    Args:
        obs: a PennyLane operator used as an observable.
        wire: wire label -> engine wire index.
        n: number of wires of the circuit.

    Returns:
        a :class:`PauliTerms`, :class:`MatrixTerm`, :class:`Scaled`, :class:`SumOf` or
        :class:`ProductOf`.

    Raises:
        QcogValueError: a non-Hermitian coefficient, or a matrix observable wider than
            :data:`MAX_MATRIX_WIRES`.
    """
    from pennylane.ops.op_math import Prod, SProd, Sum

    sentence = obs.pauli_rep
    if sentence is not None:
        return pauli_terms(sentence, wire, n)
    if isinstance(obs, SProd):
        base = lower_observable(obs.base, wire, n)
        coeff = _real(obs.scalar)
        return _scaled_pauli(coeff, base) if isinstance(base, PauliTerms) else Scaled(coeff, base)
    if isinstance(obs, Sum):
        return SumOf(_merge([lower_observable(op, wire, n) for op in obs.operands], n))
    if isinstance(obs, Prod):
        return ProductOf([lower_observable(op, wire, n) for op in obs.operands])
    return _matrix_term(obs, wire)
