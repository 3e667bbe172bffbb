"""Jordan-Wigner qubit Hamiltonians of molecules, from PennyLane's built-in Hartree-Fock.

PennyLane's differentiable Hartree-Fock (``method="dhf"``, no PySCF or OpenFermion
needed) computes the integrals; core orbitals outside the active space are frozen at
Hartree-Fock and folded into the constant. Qubit ``2k`` is spatial orbital ``k`` with spin
up, qubit ``2k + 1`` with spin down (PennyLane's interleaved order).

Closed shells only: an odd electron count (a radical, e.g. neutral LiH with charge 1) is
refused with the fix, and so is an active space that does not fit the molecule.

>>> from qcog.chemistry.molecules import named_molecule
>>> h = molecular_hamiltonian(named_molecule("H2"))
>>> h.n_qubits, h.n_terms, h.hf_state
(4, 15, (1, 1, 0, 0))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qcog.chemistry.molecules import Molecule
from qcog.exceptions import QcogValueError


@dataclass
class MolecularHamiltonian:
    """A molecule's qubit Hamiltonian in an active space.

    Attributes:
        molecule: the molecule.
        operator: the PennyLane Pauli sum (``qml.Hamiltonian``), in hartree, with the
            nuclear repulsion and frozen-core energy in its identity term.
        n_qubits: qubits (two per active spatial orbital).
        active_electrons: electrons in the active space.
        active_orbitals: active spatial orbitals.
        hf_state: occupation of each qubit in the Hartree-Fock state.
    """

    molecule: Molecule
    operator: Any = field(repr=False)
    n_qubits: int
    active_electrons: int
    active_orbitals: int
    hf_state: tuple[int, ...]
    _qiskit: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def n_terms(self) -> int:
        """Pauli terms of the qubit Hamiltonian."""
        return len(self.operator.terms()[0])

    def sparse_pauli_op(self) -> Any:
        """The Hamiltonian as a Qiskit ``SparsePauliOp`` (wire ``w`` on qubit ``w``), kept once built."""
        if self._qiskit is None:
            from qcog.variational.observables import to_sparse_pauli_op

            self._qiskit = to_sparse_pauli_op(self.operator, self.n_qubits)
        return self._qiskit

    def to_dict(self) -> dict[str, Any]:
        return {"molecule": self.molecule.to_dict(), "qubits": self.n_qubits,
                "terms": self.n_terms, "active_electrons": self.active_electrons,
                "active_orbitals": self.active_orbitals, "hf_state": list(self.hf_state)}


def _pennylane_molecule(molecule: Molecule):
    import numpy as np
    import pennylane as qml

    coordinates = np.array(molecule.coordinates, dtype=float).reshape(-1)
    return qml.qchem.Molecule(list(molecule.symbols), coordinates, charge=molecule.charge,
                              mult=1, basis_name=molecule.basis, unit="angstrom")


def check_active_space(electrons: int, orbitals: int, active_electrons: int,
                       active_orbitals: int) -> None:
    """Refuse an active space that does not fit ``electrons`` in ``orbitals`` spatial orbitals.

    Raises:
        QcogValueError: naming what is wrong and what fits.

    >>> check_active_space(4, 6, 2, 5)
    >>> check_active_space(4, 6, 3, 5)
    Traceback (most recent call last):
    ...
    qcog.exceptions.QcogValueError: active electrons must be even, between 2 and 4 (the core is doubly occupied), got 3
    """
    if electrons % 2:
        raise QcogValueError(
            f"the molecule has {electrons} electrons (odd, an open shell); qcog's built-in "
            "closed-shell Hartree-Fock and the excitation ansatzes need an even number: change "
            "the charge by one"
        )
    if active_electrons % 2 or not 2 <= active_electrons <= electrons:
        raise QcogValueError(
            f"active electrons must be even, between 2 and {electrons} (the core is doubly "
            f"occupied), got {active_electrons}"
        )
    core = (electrons - active_electrons) // 2
    if not active_electrons // 2 < active_orbitals <= orbitals - core:
        raise QcogValueError(
            f"active orbitals must be more than {active_electrons // 2} (the occupied ones) and at "
            f"most {orbitals - core} ({orbitals} orbitals, {core} frozen core), got {active_orbitals}"
        )


def molecular_hamiltonian(molecule: Molecule, active_electrons: int | None = None,
                          active_orbitals: int | None = None) -> MolecularHamiltonian:
    """Build ``molecule``'s qubit Hamiltonian (Jordan-Wigner) in an active space.

    Args:
        molecule: the molecule (closed shell: an even number of electrons).
        active_electrons: electrons in the active space (default: all).
        active_orbitals: active spatial orbitals (default: all above the frozen core).

    Raises:
        QcogValueError: an odd electron count or an active space that does not fit.
    """
    import numpy as np
    import pennylane as qml

    pl_molecule = _pennylane_molecule(molecule)
    electrons, orbitals = molecule.n_electrons, int(pl_molecule.n_orbitals)
    active_electrons = electrons if active_electrons is None else int(active_electrons)
    if active_orbitals is None:
        active_orbitals = orbitals - (electrons - active_electrons) // 2
    check_active_space(electrons, orbitals, active_electrons, int(active_orbitals))
    operator, n_qubits = qml.qchem.molecular_hamiltonian(
        pl_molecule, method="dhf", active_electrons=active_electrons,
        active_orbitals=int(active_orbitals))
    coeffs, ops = operator.terms()
    operator = qml.Hamiltonian(np.asarray([float(c) for c in coeffs]), list(ops))
    hf = tuple(int(b) for b in qml.qchem.hf_state(active_electrons, n_qubits))
    return MolecularHamiltonian(molecule, operator, int(n_qubits), active_electrons,
                                int(active_orbitals), hf)
