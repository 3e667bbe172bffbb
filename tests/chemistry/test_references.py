"""FCI of the sector against an independent full diagonalisation (PennyLane's sparse matrix)."""

import numpy as np
import pytest
from scipy.sparse.linalg import eigsh

from qcog.chemistry.hamiltonian import molecular_hamiltonian
from qcog.chemistry.molecules import named_molecule
from qcog.chemistry.references import exact_references, sector_indices


def test_h2_fci_is_the_ground_state_of_pennylanes_matrix(h2):
    full = h2.operator.sparse_matrix(wire_order=range(4)).toarray()
    assert exact_references(h2).fci_energy == pytest.approx(np.linalg.eigvalsh(full)[0], abs=1e-10)


def test_lih_sector_fci_and_hf_against_pennylanes_matrix():
    lih = molecular_hamiltonian(named_molecule("LiH", 1.6), 2, 3)  # 6 qubits
    refs = exact_references(lih)
    matrix = lih.operator.sparse_matrix(wire_order=range(6))  # wire 0 most significant
    # the sector in PennyLane's order, built independently: bit-string occupations
    n = lih.n_qubits
    keep = [k for k in range(2**n)
            if sum(int(b) for b in format(k, f"0{n}b")[0::2]) == 1
            and sum(int(b) for b in format(k, f"0{n}b")[1::2]) == 1]
    block = matrix[keep][:, keep]
    assert refs.sector_dimension == len(keep) == 9
    assert refs.fci_energy == pytest.approx(np.linalg.eigvalsh(block.toarray())[0], abs=1e-10)
    hf = int("".join(map(str, lih.hf_state)), 2)
    assert refs.hf_energy == pytest.approx(matrix[hf, hf].real, abs=1e-10)
    assert refs.fci_energy >= eigsh(matrix, k=1, which="SA")[0][0] - 1e-9
    assert refs.correlation_energy < 0


@pytest.mark.parametrize("n, hf, size", [(4, (1, 1, 0, 0), 4), (8, (1, 1, 1, 1, 0, 0, 0, 0), 36),
                                         (6, (1, 1, 0, 0, 0, 0), 9)])
def test_sector_sizes_are_binomials(n, hf, size):
    assert len(sector_indices(n, hf)) == size


def test_too_large_is_refused_before_building_the_matrix(h2, monkeypatch):
    from qcog.exceptions import SizeLimitError

    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1000")
    with pytest.raises(SizeLimitError, match="smaller active space"):
        exact_references(h2)
