"""Chemistry-inspired ansatzes: single and double excitations applied to the Hartree-Fock state.

Each excitation is a particle-conserving Givens rotation (PennyLane's
``SingleExcitation`` / ``DoubleExcitation``, the gates of ``qml.AllSinglesDoubles``), one
angle each: the doubles first, then the singles, as in the UCCSD ansatz's factors. Every
spin-conserving excitation from the occupied to the virtual spin orbitals is included
(``qml.qchem.excitations``). All angles start at zero, i.e. at the Hartree-Fock state.
qcog's torch engine applies both gates natively (one small dense matrix each).

>>> ansatz = excitation_ansatz(2, 4)
>>> ansatz.n_params, ansatz.doubles, ansatz.singles
(3, ((0, 1, 2, 3),), ((0, 2), (1, 3)))
>>> excitation_ansatz(2, 4, kind="doubles").n_params
1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError

#: kind -> what it includes.
KINDS = {"singles_doubles": "all single and double excitations (UCCSD-like)",
         "doubles": "double excitations only"}


@dataclass(frozen=True)
class ExcitationAnsatz:
    """Excitation gates on the Hartree-Fock state; one angle per excitation.

    Attributes:
        n_qubits: qubits (spin orbitals).
        hf_state: the Hartree-Fock occupation, one bit per qubit.
        doubles: ``(i, j, a, b)`` wires of each double excitation.
        singles: ``(i, a)`` wires of each single excitation.
        kind: a key of :data:`KINDS`.
    """

    n_qubits: int
    hf_state: tuple[int, ...]
    doubles: tuple[tuple[int, int, int, int], ...]
    singles: tuple[tuple[int, int], ...]
    kind: str = "singles_doubles"

    @property
    def n_params(self) -> int:
        return len(self.doubles) + len(self.singles)

    def apply(self, theta: Any) -> None:
        """Queue the Hartree-Fock state and the excitations with angles ``theta``."""
        import numpy as np
        import pennylane as qml

        qml.BasisState(np.array(self.hf_state), wires=range(self.n_qubits))
        for k, wires in enumerate(self.doubles):
            qml.DoubleExcitation(theta[k], wires=list(wires))
        offset = len(self.doubles)
        for k, wires in enumerate(self.singles):
            qml.SingleExcitation(theta[offset + k], wires=list(wires))

    def initial(self, seed: int | None = None) -> list[float]:
        """All zeros: the Hartree-Fock state (``seed`` is not used)."""
        return [0.0] * self.n_params

    def describe(self) -> dict:
        return {"ansatz": self.kind, "parameters": self.n_params, "doubles": len(self.doubles),
                "singles": len(self.singles)}


def excitation_ansatz(electrons: int, n_qubits: int, kind: str = "singles_doubles") -> ExcitationAnsatz:
    """The excitation ansatz of ``electrons`` in ``n_qubits`` spin orbitals.

    Raises:
        QcogValueError: unknown kind; an odd electron count (the closed-shell
            Hartree-Fock reference has paired spins); no room for excitations.
    """
    import pennylane as qml

    if kind not in KINDS:
        raise QcogValueError(f"ansatz kind {kind!r} is not known; accepted: {', '.join(KINDS)}")
    if electrons % 2:
        raise QcogValueError(
            f"{electrons} active electrons (odd): the excitation ansatz starts from a closed-shell "
            "Hartree-Fock state and needs an even number; change the charge or the active space"
        )
    if not 0 < electrons < n_qubits:
        raise QcogValueError(
            f"{electrons} electrons in {n_qubits} spin orbitals leave no excitations; need "
            f"0 < electrons < {n_qubits}"
        )
    singles, doubles = qml.qchem.excitations(electrons, n_qubits)
    hf = tuple(int(b) for b in qml.qchem.hf_state(electrons, n_qubits))
    singles = () if kind == "doubles" else tuple(tuple(int(w) for w in s) for s in singles)
    return ExcitationAnsatz(n_qubits, hf, tuple(tuple(int(w) for w in d) for d in doubles),
                            singles, kind)
