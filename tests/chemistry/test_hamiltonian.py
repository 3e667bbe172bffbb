"""Qubit Hamiltonians: HF energy agrees with PennyLane's SCF; active spaces and odd electrons."""

import numpy as np
import pennylane as qml
import pytest

from qcog.chemistry.hamiltonian import check_active_space, molecular_hamiltonian
from qcog.chemistry.molecules import Molecule, named_molecule
from qcog.chemistry.references import exact_references
from qcog.exceptions import QcogValueError


def test_h2_sizes(h2):
    assert (h2.n_qubits, h2.n_terms, h2.hf_state) == (4, 15, (1, 1, 0, 0))
    assert h2.sparse_pauli_op().num_qubits == 4


def test_hf_diagonal_element_equals_the_self_consistent_field_energy(lih):
    # Independent: PennyLane's SCF total energy vs <HF|H|HF> of our active-space qubit operator.
    mol = lih.molecule
    pl = qml.qchem.Molecule(list(mol.symbols), np.array(mol.coordinates),
                            unit="angstrom")
    scf = float(qml.qchem.hf_energy(pl)())
    assert exact_references(lih).hf_energy == pytest.approx(scf, abs=1e-8)
    assert (lih.n_qubits, lih.active_electrons, sum(lih.hf_state)) == (10, 2, 2)


def test_odd_electrons_are_refused_with_the_fix():
    radical = Molecule(("Li", "H"), ((0, 0, 0), (0, 0, 1.6)), charge=1)
    with pytest.raises(QcogValueError, match="odd.*change the charge"):
        molecular_hamiltonian(radical)


@pytest.mark.parametrize("active, match", [((3, 5), "even"), ((6, 5), "between"),
                                           ((2, 1), "more than 1"), ((2, 6), "at most 5")])
def test_bad_active_spaces(active, match):
    with pytest.raises(QcogValueError, match=match):
        check_active_space(4, 6, *active)


def test_active_space_defaults_to_everything_above_the_core():
    h = molecular_hamiltonian(named_molecule("H2"), active_electrons=2)
    assert h.active_orbitals == 2
