"""Independent references and statistical checks that qcog's tests (and yours) use."""

from qcog.testing.permutation import assert_exact_permutation
from qcog.testing.reference import reference_probabilities, reference_statevector
from qcog.testing.statistics import assert_counts_match, shot_noise_bound

__all__ = [
    "assert_counts_match",
    "assert_exact_permutation",
    "reference_probabilities",
    "reference_statevector",
    "shot_noise_bound",
]
