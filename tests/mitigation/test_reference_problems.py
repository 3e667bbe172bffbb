"""Reference problems: exact values against numpy diagonalisation; mitigation helps on H2."""

import numpy as np
import pytest

from qcog.mitigation.estimator import mitigated_expectation_values
from qcog.mitigation.options import Mitigation
from qcog.mitigation.reference_problems import ghz_parity, h2_energy, ising_energy


def test_h2_ansatz_reaches_the_exact_ground_energy():
    problem = h2_energy()
    ground = np.linalg.eigvalsh(problem.observable.to_matrix()).min()
    assert problem.exact == pytest.approx(ground, abs=1e-6)
    assert problem.exact == pytest.approx(-1.857275, abs=1e-5)  # published FCI, electronic


def test_ising_ansatz_is_near_the_ground_state_and_above_it():
    problem = ising_energy(4)
    ground = np.linalg.eigvalsh(problem.observable.to_matrix()).min()
    assert ground <= problem.exact < 0.97 * ground


@pytest.mark.parametrize("n, basis, value", [(4, "Z", 1.0), (3, "Z", 0.0), (3, "X", 1.0)])
def test_ghz_parities(n, basis, value):
    assert ghz_parity(n, basis).exact == value


def test_mitigation_brings_the_h2_energy_closer_on_a_fake_device():
    problem = h2_energy()
    errors = {}
    for name in ("none", "both"):
        est = mitigated_expectation_values(problem.circuit, problem.observable, "fake:manila",
                                           shots=8000, seed=6, mitigation=Mitigation.parse(name))
        errors[name] = abs(est.values[0] - problem.exact)
    assert errors["both"] < errors["none"]
