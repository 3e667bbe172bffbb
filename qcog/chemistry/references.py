"""Exact references in the same run: the Hartree-Fock energy and FCI of the qubit Hamiltonian.

FCI is the lowest eigenvalue of the SAME qubit Hamiltonian that VQE minimises,
restricted to the basis states with the molecule's number of active electrons and its
spin projection (``S_z`` of the Hartree-Fock state): a sparse matrix of that sector
(Qiskit builds the Pauli sum's sparse matrix), diagonalised densely when small and by
Lanczos (``scipy.sparse.linalg.eigsh``) otherwise. The Hartree-Fock energy is the
diagonal element of the Hartree-Fock basis state.

>>> from qcog.chemistry.hamiltonian import molecular_hamiltonian
>>> from qcog.chemistry.molecules import named_molecule
>>> refs = exact_references(molecular_hamiltonian(named_molecule("H2")))
>>> round(refs.hf_energy, 5), round(refs.fci_energy, 5), refs.sector_dimension
(-1.11668, -1.13727, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from qcog.chemistry.hamiltonian import MolecularHamiltonian

from dataclasses import asdict, dataclass
from typing import Any

#: Sectors up to this dimension are diagonalised densely.
DENSE_MAX = 200


@dataclass(frozen=True)
class References:
    """Exact energies (hartree) of one qubit Hamiltonian.

    Attributes:
        hf_energy: ``<HF|H|HF>``.
        fci_energy: the lowest eigenvalue in the electron-number and ``S_z`` sector of HF.
        sector_dimension: the size of that sector.
    """

    hf_energy: float
    fci_energy: float
    sector_dimension: int

    @property
    def correlation_energy(self) -> float:
        return self.fci_energy - self.hf_energy

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "correlation_energy": self.correlation_energy}


def sector_indices(n_qubits: int, hf_state: Sequence[int]) -> np.ndarray:
    """Basis indices (Qiskit order: bit ``w`` is qubit ``w``) with HF's electron count and S_z.

    >>> sector_indices(4, (1, 1, 0, 0)).tolist()  # one up and one down electron in 2 orbitals
    [3, 6, 9, 12]
    """
    import numpy as np

    index = np.arange(2**n_qubits)
    bits = (index[:, None] >> np.arange(n_qubits)) & 1  # (2**n, n): bit w = qubit w
    up, down = bits[:, 0::2].sum(axis=1), bits[:, 1::2].sum(axis=1)
    hf = np.asarray(hf_state)
    keep = (up == hf[0::2].sum()) & (down == hf[1::2].sum())
    return index[keep]


def exact_references(hamiltonian: MolecularHamiltonian) -> References:
    """Hartree-Fock and FCI energies of a :class:`~qcog.chemistry.hamiltonian.MolecularHamiltonian`.

    Raises:
        SizeLimitError: the Hilbert space is too large to index here (refused before building it).
    """
    import numpy as np
    from scipy.sparse.linalg import eigsh

    from qcog.limits import check_statevector

    n = hamiltonian.n_qubits
    op = hamiltonian.sparse_pauli_op()
    # Per basis state: the sector's bit table (n int64) and index arrays, and in the sparse
    # matrix one complex entry and one int32 column per distinct X/Y pattern of the terms.
    patterns = len({row.tobytes() for row in op.paulis.x})
    check_statevector(n, what=f"FCI of {n} qubits", fix="use a smaller active space",
                      copies=1, extra_per_amplitude=8 * n + 64 + 20 * patterns)
    sector = sector_indices(n, hamiltonian.hf_state)
    full = op.to_matrix(sparse=True)
    block = full[sector][:, sector].real
    hf_index = int(sum(bit << w for w, bit in enumerate(hamiltonian.hf_state)))
    hf_energy = float(full[hf_index, hf_index].real)
    if len(sector) <= DENSE_MAX:
        fci = float(np.linalg.eigvalsh(block.toarray())[0])
    else:
        fci = float(eigsh(block, k=1, which="SA", tol=1e-12)[0][0])
    return References(hf_energy, fci, len(sector))
