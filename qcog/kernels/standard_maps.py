"""The standard feature maps: Havlicek's ZZ map, the IQP map and the angle map, kept as data.

The ZZ map of Havlicek et al. (Nature 567, 209, 2019) and PennyLane's IQP embedding are
*IQP-type*: each repetition is a layer of Hadamards followed by a diagonal
``D(x) = exp(-i/2 sum_S theta_S(x) Z_S)`` over single wires and wire pairs ``S``. Their
:class:`IQPCircuit` is a PennyLane quantum function (``H``, ``RZ``, ``IsingZZ`` gates)
that every engine and the Qiskit export run, and it also knows the closed form of its
states, ``D(x) H D(x) H ... |0>``: one phase matmul per repetition and a Walsh-Hadamard
transform, which the exact kernel uses. The angle map is a product state of rotations.

============  ====================================  =======================================
name          theta_i(x)                            theta_ij(x) for the entangled pairs
============  ====================================  =======================================
``zz``        ``2 x_i``                             ``2 (pi - x_i)(pi - x_j)`` (Qiskit's
                                                    ``zz_feature_map``, alpha = 2)
``iqp``       ``x_i``                               ``x_i x_j`` (PennyLane ``IQPEmbedding``)
``angle``     ``RY(x_i)`` on each wire, no entanglement
============  ====================================  =======================================

>>> fm = make_feature_map("zz", n_qubits=2)
>>> fm.name, fm.n_qubits, fm.n_features
('zz', 2, 2)
>>> sorted(FEATURE_MAPS)
['angle', 'iqp', 'zz']
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from qcog.exceptions import QcogValueError
from qcog.kernels.feature_map import FeatureMap

ENTANGLEMENTS = ("full", "linear", "circular")


def entangled_pairs(n_qubits: int, entanglement: str = "full") -> tuple[tuple[int, int], ...]:
    """The wire pairs of a ZZ/IQP map: all pairs, a chain, or a ring.

    >>> entangled_pairs(3, "linear")
    ((0, 1), (1, 2))
    """
    if entanglement == "full":
        return tuple(itertools.combinations(range(n_qubits), 2))
    if entanglement == "linear":
        return tuple((i, i + 1) for i in range(n_qubits - 1))
    if entanglement == "circular":
        ring = [(i, i + 1) for i in range(n_qubits - 1)]
        return tuple(ring + [(n_qubits - 1, 0)] if n_qubits > 2 else ring)
    raise QcogValueError(
        f"unknown entanglement {entanglement!r}; accepted: {', '.join(ENTANGLEMENTS)}"
    )


def _join(single, pair_terms):
    """``single (..., n)`` and the pair terms ``[(...)]`` as one ``(..., n + pairs)`` array
    (torch or numpy alike, through PennyLane's array dispatch)."""
    from pennylane import math as qmath

    if not pair_terms:
        return single
    return qmath.concatenate([single, qmath.stack(pair_terms, axis=-1)], axis=-1)


def _zz_angles(x, pairs):
    """ZZ map: ``2 x_i`` and ``2 (pi - x_i)(pi - x_j)``; x is (B, n) -> (B, n + pairs)."""
    a = math.pi - x
    return _join(2 * x, [2 * a[..., i] * a[..., j] for i, j in pairs])


def _iqp_angles(x, pairs):
    """IQP map: ``x_i`` and ``x_i x_j``."""
    return _join(x, [x[..., i] * x[..., j] for i, j in pairs])


#: IQP-type map name -> its angle function ``(x (B, n), pairs) -> theta (B, n + pairs)``.
ANGLES: dict[str, Callable] = {"zz": _zz_angles, "iqp": _iqp_angles}


@dataclass(frozen=True)
class IQPCircuit:
    """An IQP-type feature map as a picklable PennyLane quantum function ``qfunc(inputs)``.

    Attributes:
        kind: a key of :data:`ANGLES` (``"zz"`` or ``"iqp"``).
        n_qubits: wires (= features).
        reps: repetitions of (Hadamard layer, diagonal layer).
        pairs: the entangled wire pairs.
    """

    kind: str
    n_qubits: int
    reps: int
    pairs: tuple[tuple[int, int], ...]

    def angles(self, x):
        """``theta (..., n + len(pairs))``: single-wire angles first, then one per pair."""
        return ANGLES[self.kind](x, self.pairs)

    def __call__(self, inputs):
        import pennylane as qml

        theta = self.angles(inputs)
        n = self.n_qubits
        for _ in range(self.reps):
            for w in range(n):
                qml.Hadamard(wires=w)
            for w in range(n):
                qml.RZ(theta[..., w], wires=w)
            for k, pair in enumerate(self.pairs):
                qml.IsingZZ(theta[..., n + k], wires=list(pair))
        return qml.probs(wires=range(n))

    def states(self, x):
        """The exact states ``(B, 2**n)`` in closed form (wire 0 most significant).

        ``D H D H ... |0>``: ``H^n |0>`` is uniform, each diagonal is ``exp(-i/2 theta @ Z)``
        with a ``(terms, 2**n)`` sign table, each further Hadamard layer a Walsh-Hadamard
        transform.
        """
        from qcog.kernels.walsh import walsh_hadamard, z_word_signs

        words = [(w,) for w in range(self.n_qubits)] + [tuple(p) for p in self.pairs]
        signs = z_word_signs(words, self.n_qubits, x)  # (terms, 2**n)
        phase = self.angles(x) @ signs * -0.5  # (B, 2**n)
        import torch

        diagonal = torch.polar(torch.ones_like(phase), phase)
        psi = diagonal * 2 ** (-self.n_qubits / 2)
        for _ in range(self.reps - 1):
            psi = diagonal * walsh_hadamard(psi, self.n_qubits)
        return psi


@dataclass(frozen=True)
class AngleCircuit:
    """The angle map: one rotation per wire (PennyLane ``AngleEmbedding``), a product state."""

    n_qubits: int
    rotation: str = "Y"

    def __call__(self, inputs):
        import pennylane as qml

        qml.AngleEmbedding(inputs, wires=range(self.n_qubits), rotation=self.rotation)
        return qml.probs(wires=range(self.n_qubits))

    def states(self, x):
        """The product state ``(B, 2**n)`` in closed form (``RY(x)|0> = (cos x/2, sin x/2)``)."""
        import torch

        if self.rotation != "Y":
            raise NotImplementedError("closed form only for RY")  # pragma: no cover
        half = x / 2
        wires = torch.stack([torch.cos(half), torch.sin(half)], dim=-1)  # (B, n, 2)
        psi = wires[:, 0]
        for w in range(1, self.n_qubits):
            psi = (psi[:, :, None] * wires[:, w, None, :]).reshape(len(x), -1)
        from qcog.qml.gates import complex_dtype

        return psi.to(complex_dtype(x.dtype))


def _iqp_map(kind: str) -> Callable[..., FeatureMap]:
    def build(n_qubits: int, reps: int = 2, entanglement: str = "full",
              bandwidth: float = 1.0) -> FeatureMap:
        circuit = IQPCircuit(kind, n_qubits, reps, entangled_pairs(n_qubits, entanglement))
        return FeatureMap(circuit, n_qubits, n_qubits, name=kind, bandwidth=bandwidth)

    return build


def _angle_map(n_qubits: int, reps: int = 1, entanglement: str = "full",
               bandwidth: float = 1.0) -> FeatureMap:
    return FeatureMap(AngleCircuit(n_qubits), n_qubits, n_qubits, name="angle",
                      bandwidth=bandwidth)


#: Standard map name -> builder ``(n_qubits, reps, entanglement, bandwidth) -> FeatureMap``.
FEATURE_MAPS: dict[str, Callable[..., FeatureMap]] = {
    "zz": _iqp_map("zz"),
    "iqp": _iqp_map("iqp"),
    "angle": _angle_map,
}


def make_feature_map(name: str, n_qubits: int, reps: int = 2, entanglement: str = "full",
                     bandwidth: float = 1.0) -> FeatureMap:
    """A standard feature map by name, one qubit per feature.

    Args:
        name: ``"zz"`` (Havlicek), ``"iqp"`` (PennyLane IQPEmbedding) or ``"angle"``.
        n_qubits: qubits = features (>= 1).
        reps: repetitions of the IQP-type layers (ignored by ``"angle"``).
        entanglement: ``"full"``, ``"linear"`` or ``"circular"`` pairs (IQP-type maps).
        bandwidth: features are multiplied by it before they enter the circuit.

    Raises:
        QcogValueError: unknown name or entanglement, bad sizes.

    >>> make_feature_map("iqp", 3, reps=1).qfunc.pairs
    ((0, 1), (0, 2), (1, 2))
    """
    if name not in FEATURE_MAPS:
        raise QcogValueError(
            f"unknown feature map {name!r}; accepted: {', '.join(sorted(FEATURE_MAPS))} "
            "(or a FeatureMap built from your own PennyLane quantum function)"
        )
    if isinstance(n_qubits, bool) or not isinstance(n_qubits, int) or n_qubits < 1:
        raise QcogValueError(f"n_qubits must be a positive integer, got {n_qubits!r}")
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise QcogValueError(f"reps must be a positive integer, got {reps!r}")
    return FEATURE_MAPS[name](n_qubits, reps=reps, entanglement=entanglement,
                              bandwidth=bandwidth)
