"""Independent references and statistical checks that qcog's tests (and yours) use."""

from qcog.testing.reference import reference_probabilities, reference_statevector
from qcog.testing.statistics import assert_counts_match, shot_noise_bound

__all__ = [
    "assert_counts_match",
    "reference_probabilities",
    "reference_statevector",
    "shot_noise_bound",
]
