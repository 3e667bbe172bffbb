"""The gates qcog's torch engine simulates: one record of facts per gate, kept as data.

Each :class:`GateFact` names a PennyLane operation and says how many wires and
parameters it has, which of three kinds it is (how the engine applies it), how to build
its matrix from batched torch parameters, and how it translates to Qiskit. Matrices
follow PennyLane's convention: the first wire listed is the most significant bit.

Kinds:

* ``"permutation"``: a constant permutation of basis states (X, CNOT, SWAP, ...);
  the engine gathers amplitudes by a cached index and fuses consecutive ones.
* ``"diagonal"``: a diagonal matrix (RZ, CZ, MultiRZ, ...); the engine multiplies.
* ``"dense"``: any other unitary; the engine contracts its matrix with the state.

>>> import torch
>>> GATES["RX"].matrix(torch.tensor([0.0], dtype=torch.float64)).shape
torch.Size([1, 2, 2])
>>> sorted(name for name, fact in GATES.items() if fact.kind == "permutation")[:3]
['CNOT', 'CSWAP', 'PauliX']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch

_S2 = 1 / math.sqrt(2)


def complex_dtype(dtype: torch.dtype) -> torch.dtype:
    """The complex dtype matching a real one (float32 -> complex64, float64 -> complex128)."""
    return torch.complex128 if dtype == torch.float64 else torch.complex64


def _cis(angle: torch.Tensor) -> torch.Tensor:
    """``exp(i * angle)`` for a real tensor, differentiable (cheaper backward than polar)."""
    return torch.complex(torch.cos(angle), torch.sin(angle))


def _const(values: list[list[complex]]) -> Callable[..., torch.Tensor]:
    """A matrix function for a constant gate (ignores its parameters)."""
    import numpy as np

    array = np.asarray(values, dtype=complex)

    def build(like: torch.Tensor) -> torch.Tensor:
        return torch.as_tensor(array, dtype=complex_dtype(like.dtype), device=like.device)[None]

    return build


# One-qubit rotations as their real and imaginary entries ``[m00, m01, m10, m11]``, each
# stacked ``(..., 4)``: the complex matrices below and the real pairs of
# :func:`pair_matrices` are both made from them.
def _rx_parts(theta):
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    z = torch.zeros_like(c)
    return torch.stack([c, z, z, c], dim=-1), torch.stack([z, -s, -s, z], dim=-1)


def _ry_parts(theta):
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    real = torch.stack([c, -s, s, c], dim=-1)
    return real, torch.zeros_like(real)


def _rz_parts(theta):
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    z = torch.zeros_like(c)
    return torch.stack([c, z, z, c], dim=-1), torch.stack([-s, z, z, s], dim=-1)


def _phase_parts(phi):
    one, z = torch.ones_like(phi), torch.zeros_like(phi)
    return torch.stack([one, z, z, torch.cos(phi)], dim=-1), torch.stack([z, z, z, torch.sin(phi)], dim=-1)


def _rot_parts(phi, theta, omega):
    """``RZ(omega) RY(theta) RZ(phi)``, written with few tensor ops (it is the hot path)."""
    half = torch.stack([phi + omega, phi - omega, theta]) * 0.5  # (3, ...)
    cos, sin = torch.cos(half), torch.sin(half)
    x, y = cos[0] * cos[2], cos[1] * sin[2]  # cos(a)c, cos(b)s
    u, v = sin[0] * cos[2], sin[1] * sin[2]  # sin(a)c, sin(b)s
    signs = torch.tensor([[1.0, -1.0, 1.0, 1.0], [-1.0, -1.0, -1.0, 1.0]], dtype=x.dtype,
                         device=x.device)
    return torch.stack([x, y, y, x], dim=-1) * signs[0], torch.stack([u, v, v, u], dim=-1) * signs[1]


def _u3_parts(theta, phi, delta):
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    real = torch.stack([c, -torch.cos(delta) * s, torch.cos(phi) * s, torch.cos(phi + delta) * c], dim=-1)
    imag = torch.stack([torch.zeros_like(c), -torch.sin(delta) * s, torch.sin(phi) * s,
                        torch.sin(phi + delta) * c], dim=-1)
    return real, imag


def _u2_parts(phi, delta):
    return _u3_parts(torch.full_like(phi, math.pi / 2), phi, delta)


def _from_parts(parts: Callable) -> Callable[..., torch.Tensor]:
    """The complex matrix function ``(..., 2, 2)`` of a one-qubit ``*_parts`` function."""

    def build(*params):
        real, imag = parts(*params)
        return torch.complex(real, imag).reshape(*real.shape[:-1], 2, 2)

    build.__name__ = build.__qualname__ = parts.__name__.removesuffix("_parts")
    return build


_PARTS = {"RX": _rx_parts, "RY": _ry_parts, "RZ": _rz_parts, "PhaseShift": _phase_parts,
          "U1": _phase_parts, "U2": _u2_parts, "U3": _u3_parts, "Rot": _rot_parts}
_rx, _ry, _rz, _phase, _rot, _u2, _u3 = (
    _from_parts(_PARTS[name]) for name in ("RX", "RY", "RZ", "PhaseShift", "Rot", "U2", "U3"))


def _controlled(build: Callable[..., torch.Tensor]) -> Callable[..., torch.Tensor]:
    """Controlled version (control = first wire) of a one-qubit matrix function."""

    def controlled(*params):
        u = build(*params)  # (..., 2, 2)
        out = torch.zeros(*u.shape[:-2], 4, 4, dtype=u.dtype, device=u.device)
        out[..., 0, 0] = 1
        out[..., 1, 1] = 1
        out[..., 2:, 2:] = u
        return out

    return controlled


def _ising(pauli: str):
    def build(phi):
        c, s = torch.cos(phi / 2), torch.sin(phi / 2)
        eye = torch.eye(4, dtype=complex_dtype(phi.dtype), device=phi.device)
        p = torch.as_tensor(_PAULI_PAIRS[pauli], dtype=eye.dtype, device=phi.device)
        return c[..., None, None] * eye - 1j * s[..., None, None] * p

    return build


_X = [[0, 1], [1, 0]]
_Y = [[0, -1j], [1j, 0]]
_Z = [[1, 0], [0, -1]]


def _kron2(a, b):
    import numpy as np

    return np.kron(np.asarray(a, dtype=complex), np.asarray(b, dtype=complex))


_PAULI_PAIRS = {"XX": _kron2(_X, _X), "YY": _kron2(_Y, _Y), "ZZ": _kron2(_Z, _Z)}


def _multirz_diagonal(theta, num_wires: int):
    """Diagonal of MultiRZ: ``exp(-i theta/2 * z)`` with ``z = prod of (+1, -1)`` signs."""
    index = torch.arange(2**num_wires, device=theta.device)
    parity = torch.zeros_like(index)
    for bit in range(num_wires):
        parity = parity ^ ((index >> bit) & 1)
    signs = (1 - 2 * parity).to(theta.dtype)  # (2**k,)
    return _cis(-theta[..., None] / 2 * signs)


def _givens(size: int, pair: tuple[int, int]):
    """A real rotation by ``phi/2`` between basis states ``pair`` of a ``size``-dim space.

    ``SingleExcitation`` is the rotation of ``|01>`` and ``|10>`` (indices 1, 2 of 4),
    ``DoubleExcitation`` that of ``|0011>`` and ``|1100>`` (indices 3, 12 of 16): the
    particle-conserving Givens rotations of quantum chemistry ansatzes.
    """
    a, b = pair

    def build(phi):
        c, s = torch.cos(phi / 2), torch.sin(phi / 2)  # (B,)
        eye = torch.eye(size, dtype=complex_dtype(phi.dtype), device=phi.device)
        out = eye.expand(*phi.shape, size, size).clone()  # (B, size, size)
        out[..., a, a] = c.to(out.dtype)
        out[..., b, b] = c.to(out.dtype)
        out[..., a, b] = -s.to(out.dtype)
        out[..., b, a] = s.to(out.dtype)
        return out

    return build


def _diag_matrix(diagonal: torch.Tensor) -> torch.Tensor:
    return torch.diag_embed(diagonal)


@dataclass(frozen=True)
class GateFact:
    """What qcog knows about one gate.

    Attributes:
        name: PennyLane operation name (``op.name``).
        num_wires: wires it acts on (0 means any number, as for MultiRZ).
        num_params: real parameters.
        kind: ``"permutation"``, ``"diagonal"`` or ``"dense"`` (see module docstring).
        matrix: ``f(*params) -> (B, 2**k, 2**k)`` complex, params each ``(B,)`` real;
            constant gates take one tensor only to learn the dtype and device.
        qiskit: the Qiskit ``QuantumCircuit`` method that applies it (same wire order and
            parameter order); ``None`` when :mod:`qcog.qml.export` decomposes it.
    """

    name: str
    num_wires: int
    num_params: int
    kind: str
    matrix: Callable[..., torch.Tensor]
    qiskit: str | None


def _fact(name, wires, params, kind, matrix, qiskit):
    return name, GateFact(name, wires, params, kind, matrix, qiskit)


#: PennyLane operation name -> its facts. The torch engine supports exactly these.
GATES: dict[str, GateFact] = dict(
    [
        _fact("Identity", 1, 0, "diagonal", _const([[1, 0], [0, 1]]), "id"),
        _fact("Hadamard", 1, 0, "dense", _const([[_S2, _S2], [_S2, -_S2]]), "h"),
        _fact("PauliX", 1, 0, "permutation", _const(_X), "x"),
        _fact("PauliY", 1, 0, "dense", _const(_Y), "y"),
        _fact("PauliZ", 1, 0, "diagonal", _const(_Z), "z"),
        _fact("S", 1, 0, "diagonal", _const([[1, 0], [0, 1j]]), "s"),
        _fact("T", 1, 0, "diagonal", _const([[1, 0], [0, complex(_S2, _S2)]]), "t"),
        _fact("SX", 1, 0, "dense", _const([[0.5 + 0.5j, 0.5 - 0.5j], [0.5 - 0.5j, 0.5 + 0.5j]]), "sx"),
        _fact("RX", 1, 1, "dense", _rx, "rx"),
        _fact("RY", 1, 1, "dense", _ry, "ry"),
        _fact("RZ", 1, 1, "diagonal", _rz, "rz"),
        _fact("PhaseShift", 1, 1, "diagonal", _phase, "p"),
        _fact("U1", 1, 1, "diagonal", _phase, "p"),
        _fact("U2", 1, 2, "dense", _u2, None),
        _fact("U3", 1, 3, "dense", _u3, "u"),
        _fact("Rot", 1, 3, "dense", _rot, None),
        _fact("CNOT", 2, 0, "permutation", _const([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]]), "cx"),
        _fact("CY", 2, 0, "dense", _controlled(_const(_Y)), "cy"),
        _fact("CZ", 2, 0, "diagonal", _const([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, -1]]), "cz"),
        _fact("SWAP", 2, 0, "permutation", _const([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]), "swap"),
        _fact("CRX", 2, 1, "dense", _controlled(_rx), "crx"),
        _fact("CRY", 2, 1, "dense", _controlled(_ry), "cry"),
        _fact("CRZ", 2, 1, "dense", _controlled(_rz), "crz"),
        _fact("CRot", 2, 3, "dense", _controlled(_rot), None),
        _fact("ControlledPhaseShift", 2, 1, "diagonal", _controlled(_phase), "cp"),
        _fact("IsingXX", 2, 1, "dense", _ising("XX"), "rxx"),
        _fact("IsingYY", 2, 1, "dense", _ising("YY"), "ryy"),
        _fact("IsingZZ", 2, 1, "diagonal", _ising("ZZ"), "rzz"),
        _fact("SingleExcitation", 2, 1, "dense", _givens(4, (1, 2)), None),
        _fact("DoubleExcitation", 4, 1, "dense", _givens(16, (3, 12)), None),
        _fact("MultiRZ", 0, 1, "diagonal", None, None),  # matrix depends on the width
        _fact("QubitUnitary", 0, 1, "dense", None, None),  # the parameter is the matrix
        _fact("Toffoli", 3, 0, "permutation", None, "ccx"),
        _fact("CSWAP", 3, 0, "permutation", None, "cswap"),
    ]
)


#: Gates that are ``exp(-i theta P / 2)`` in each angle with ``P**2 = 1``: their derivative is
#: a shifted copy, ``dU/dtheta = U(theta + pi) / 2``, so their matrices are one autograd
#: node (:class:`ShiftDerivative`) instead of a dozen small ones. IsingZZ and MultiRZ (whose
#: diagonals are all the engine builds) are differentiated by autograd instead, measured
#: faster: a 6-qubit circuit of
#: MultiRZ, IsingZZ and RY layers (batch 64, float64) 9.6-9.8 against 11.1-11.6 ms a step;
#: QAOA MaxCut energy and gradient (12 qubits, p = 3) 17.4-18.4 against 18.1-18.7 ms.
SHIFT_DERIVATIVE = frozenset({"RX", "RY", "RZ", "Rot", "IsingXX", "IsingYY"})


class ShiftDerivative(torch.autograd.Function):
    """``ShiftDerivative.apply(build, *angles)``: ``build(*angles)`` (a matrix or diagonal of
    a :data:`SHIFT_DERIVATIVE` gate) with the gradient ``Re sum conj(build(.., a + pi, ..) / 2) g``."""

    @staticmethod
    def forward(ctx: Any, build: Callable, *angles: torch.Tensor) -> torch.Tensor:
        ctx.build = build
        ctx.save_for_backward(*angles)
        return build(*angles)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple:
        angles = ctx.saved_tensors
        grads = []
        for k, angle in enumerate(angles):
            if not ctx.needs_input_grad[1 + k]:
                grads.append(None)
                continue
            shifted = list(angles)
            shifted[k] = angle + math.pi
            derivative = ctx.build(*shifted)
            axes = tuple(range(angle.dim(), derivative.dim()))  # the matrix (or diagonal) axes
            grads.append(0.5 * (derivative.conj() * grad).real.sum(axes))
        return (None, *grads)


def packed_matrices(name: str, angles: torch.Tensor) -> torch.Tensor:
    """Matrices ``(..., 2**k, 2**k)`` of gate ``name`` from angles packed as ``(..., params)``.

    Differentiated by autograd through the matrix function. For a bank's stacked angles
    this measured faster than one shift-identity node wherever the batch or the gate was
    not tiny (Rot fwd+bwd, float64, 256 x 12 angles: 542 against 1293 us; RY 1 x 8: 136
    against 174 us) and within 4% where it was not (Rot 1 x 8: 258 against 249 us).
    """
    return GATES[name].matrix(*angles.unbind(-1))


#: One-qubit gates whose matrices :func:`pair_matrices` builds in real arithmetic.
PAIR_GATES = frozenset(_PARTS)


def pair_matrices(name: str, angles: torch.Tensor) -> torch.Tensor:
    """Matrices of one-qubit gate ``name`` as real pairs ``(..., 2, 2, 2)`` (last axis: real,
    imaginary part) from angles packed as ``(..., params)``; ``name`` in :data:`PAIR_GATES`.

    The same entries as ``GATES[name].matrix``, without complex tensors (which
    ``torch.compile`` does not generate code for).

    >>> m = pair_matrices("RX", torch.tensor([[torch.pi]], dtype=torch.float64))
    >>> torch.view_as_complex(m)[0]
    tensor([[6.1232e-17+0.j, 0.0000e+00-1.j],
            [0.0000e+00-1.j, 6.1232e-17+0.j]], dtype=torch.complex128)
    """
    real, imag = _PARTS[name](*angles.unbind(-1))
    return torch.stack([real, imag], dim=-1).reshape(*real.shape[:-1], 2, 2, 2)


def _shifted(build: Callable, params: list[torch.Tensor]) -> torch.Tensor:
    if any(p.requires_grad for p in params) and torch.is_grad_enabled():
        return ShiftDerivative.apply(build, *params)
    return build(*params)


def gate_matrix(
    name: str, params: list[torch.Tensor], num_wires: int, like: torch.Tensor
) -> torch.Tensor:
    """The matrix ``(B, 2**k, 2**k)`` of gate ``name`` on ``num_wires`` wires.

    Args:
        name: a key of :data:`GATES`.
        params: real tensors of shape ``(B,)`` (``B`` may be 1); for QubitUnitary the
            complex matrix ``(B, 2**k, 2**k)``.
        num_wires: the gate's width (matters for MultiRZ).
        like: a real tensor giving the dtype and device of constant gates.
    """
    if name == "MultiRZ":
        return _diag_matrix(gate_diagonal(name, params, num_wires, like))
    if name == "QubitUnitary":
        return params[0]  # already (B, 2**k, 2**k) complex, see qcog.qml.engines.plan.gate_params
    if name in ("Toffoli", "CSWAP"):
        perm = permutation_of(name, list(range(3)), 3)
        eye = torch.eye(8, dtype=complex_dtype(like.dtype), device=like.device)
        return eye[perm][None]
    fact = GATES[name]
    if not fact.num_params:
        return fact.matrix(like)
    return _shifted(fact.matrix, params) if name in SHIFT_DERIVATIVE else fact.matrix(*params)


def gate_diagonal(
    name: str, params: list[torch.Tensor], num_wires: int, like: torch.Tensor
) -> torch.Tensor:
    """The diagonal ``(B, 2**k)`` of a diagonal gate (cheaper than the full matrix)."""
    if name == "MultiRZ":
        return _multirz_diagonal(params[0], num_wires)
    if name in SHIFT_DERIVATIVE:
        matrix = GATES[name].matrix
        return _shifted(lambda *p: torch.diagonal(matrix(*p), dim1=-2, dim2=-1), params)
    return torch.diagonal(gate_matrix(name, params, num_wires, like), dim1=-2, dim2=-1)


def permutation_of(name: str, wires: list[int], n: int) -> list[int]:
    """Index ``p`` with ``new_state[i] = state[p[i]]`` for permutation gate ``name``.

    Basis index bits follow PennyLane: wire 0 is the most significant of ``n`` bits.
    """
    shift = [n - 1 - w for w in wires]

    def bit(i, k):
        return (i >> shift[k]) & 1

    out = []
    for i in range(2**n):
        j = i
        if name == "PauliX":
            j = i ^ (1 << shift[0])
        elif name == "CNOT" and bit(i, 0):
            j = i ^ (1 << shift[1])
        elif name == "Toffoli" and bit(i, 0) and bit(i, 1):
            j = i ^ (1 << shift[2])
        elif name == "SWAP" and bit(i, 0) != bit(i, 1):
            j = i ^ (1 << shift[0]) ^ (1 << shift[1])
        elif name == "CSWAP" and bit(i, 0) and bit(i, 1) != bit(i, 2):
            j = i ^ (1 << shift[1]) ^ (1 << shift[2])
        out.append(j)
    return out
