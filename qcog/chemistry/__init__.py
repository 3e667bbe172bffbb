"""Molecular ground states with VQE: molecules, qubit Hamiltonians, exact references.

Molecules (named or from XYZ) -> Jordan-Wigner qubit Hamiltonians from PennyLane's
built-in Hartree-Fock, with active spaces -> Hartree-Fock and FCI references ->
VQE with excitation or hardware-efficient ansatzes on qcog's torch engine, PennyLane
devices, or (trained parameters, or SPSA) on Aer, ``fake:`` and ``ibm:`` backends.

``import qcog.chemistry`` is light; PennyLane, torch and Qiskit load on first use.

>>> from qcog.chemistry import named_molecule
>>> named_molecule("H2").n_electrons
2
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "Molecule": "qcog.chemistry.molecules",
    "named_molecule": "qcog.chemistry.molecules",
    "NAMED": "qcog.chemistry.molecules",
    "read_xyz": "qcog.chemistry.xyz",
    "MolecularHamiltonian": "qcog.chemistry.hamiltonian",
    "molecular_hamiltonian": "qcog.chemistry.hamiltonian",
    "exact_references": "qcog.chemistry.references",
    "References": "qcog.chemistry.references",
    "excitation_ansatz": "qcog.chemistry.excitations",
    "HardwareEfficientAnsatz": "qcog.chemistry.hardware_efficient",
    "VQEProblem": "qcog.chemistry.vqe",
    "VQEResult": "qcog.chemistry.vqe",
    "bond_scan": "qcog.chemistry.scan",
    "ScanResult": "qcog.chemistry.scan",
    "CHEMICAL_ACCURACY": "qcog.chemistry.vqe",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
