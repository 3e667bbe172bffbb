"""Hamiltonians shared by the chemistry tests (building one runs Hartree-Fock)."""

import pytest

from qcog.chemistry.hamiltonian import molecular_hamiltonian
from qcog.chemistry.molecules import named_molecule


@pytest.fixture(scope="session")
def h2():
    return molecular_hamiltonian(named_molecule("H2"))


@pytest.fixture(scope="session")
def lih():
    """LiH at 1.6 A in its default active space (2 electrons in 5 orbitals, 10 qubits)."""
    return molecular_hamiltonian(named_molecule("LiH", 1.6), 2, 5)
