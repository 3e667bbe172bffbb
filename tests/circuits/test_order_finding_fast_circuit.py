import numpy as np
import pytest

from qcog.algorithms.order_finding import ideal_phase_distribution
from qcog.circuits.order_finding_fast import (
    controlled_permutation_matrix,
    permutation_order_finding_circuit,
)
from qcog.exceptions import QcogValueError
from qcog.testing import assert_counts_match


def test_permutation_matrix_is_controlled_multiplication():
    m = controlled_permutation_matrix(2, 5)
    for x in range(8):
        for c in (0, 1):
            src = c | x << 1
            dst = c | ((2 * x % 5) if c and x < 5 else x) << 1
            assert m[dst, src] == 1
    assert np.allclose(m @ m.T, np.eye(16))


def test_aer_run_matches_theory():
    from qcog.runner import run

    t = 10
    counts = run(
        permutation_order_finding_circuit(2, 21, t), backend="aer", shots=400, seed=2
    ).counts
    probs = ideal_phase_distribution(2, 21, t)
    assert_counts_match(
        counts, {format(y, f"0{t}b"): float(p) for y, p in enumerate(probs) if p > 1e-12}
    )


def test_too_large():
    with pytest.raises(QcogValueError, match="10 bits"):
        permutation_order_finding_circuit(2, 2049)
