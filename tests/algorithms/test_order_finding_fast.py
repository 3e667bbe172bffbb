import pytest

from qcog.algorithms.order_finding import ideal_phase_distribution
from qcog.algorithms.order_finding_fast import sample_permutation_phases
from qcog.exceptions import QcogValueError
from qcog.testing import assert_counts_match


@pytest.mark.parametrize("a,N,t", [(7, 15, 8), (2, 21, 10), (2, 35, 8), (5, 33, 6)])
def test_samples_follow_the_ideal_distribution(a, N, t):
    counts = sample_permutation_phases(a, N, t, shots=1500, seed=5)
    probs = ideal_phase_distribution(a, N, t)
    assert_counts_match(
        {str(y): c for y, c in counts.items()},
        {str(y): float(p) for y, p in enumerate(probs) if p > 1e-12},
    )


def test_bad_input():
    with pytest.raises(QcogValueError, match="24 bits"):
        sample_permutation_phases(2, 2**25 + 1)
    with pytest.raises(QcogValueError, match="shots"):
        sample_permutation_phases(2, 15, shots=0)
