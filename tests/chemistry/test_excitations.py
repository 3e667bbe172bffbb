"""Excitation ansatz: counts, Hartree-Fock at zero, particle number conserved."""

import numpy as np
import pytest

from qcog.chemistry.excitations import excitation_ansatz
from qcog.exceptions import QcogValueError
from qcog.variational.ansatz import probabilities


@pytest.mark.parametrize("electrons, qubits, kind, doubles, singles", [
    (2, 4, "singles_doubles", 1, 2), (2, 10, "singles_doubles", 16, 8), (2, 10, "doubles", 16, 0),
    (4, 8, "singles_doubles", 18, 8)])
def test_counts(electrons, qubits, kind, doubles, singles):
    ansatz = excitation_ansatz(electrons, qubits, kind)
    assert (len(ansatz.doubles), len(ansatz.singles)) == (doubles, singles)
    assert ansatz.n_params == doubles + singles == len(ansatz.initial())


def test_zero_angles_give_the_hartree_fock_state_and_angles_keep_the_electron_count():
    ansatz = excitation_ansatz(2, 6)
    probs = probabilities(ansatz, ansatz.initial())
    assert probs[int("110000", 2)] == pytest.approx(1.0)
    theta = np.random.default_rng(2).normal(size=ansatz.n_params)
    probs = probabilities(ansatz, theta)
    electrons = np.array([(k).bit_count() for k in range(64)])
    assert probs[electrons != 2].sum() == pytest.approx(0.0, abs=1e-12)
    assert probs.max() < 0.99


@pytest.mark.parametrize("args, match", [((3, 6), "odd"), ((6, 6), "no excitations"),
                                         ((2, 4, "uccsdt"), "not known")])
def test_bad_requests(args, match):
    with pytest.raises(QcogValueError, match=match):
        excitation_ansatz(*args)
