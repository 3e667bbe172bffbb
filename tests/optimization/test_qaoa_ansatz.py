"""The QAOA circuit against theory: Farhi et al.'s p = 1 value on 3-regular triangle-free graphs."""

import math

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.optimization.maxcut import maxcut_problem
from qcog.optimization.qaoa_ansatz import QAOAAnsatz, coupling_scale
from qcog.variational.ansatz import energy_layer, no_inputs

pytestmark = pytest.mark.usefixtures("one_torch_thread")

#: Expected cut per edge of p = 1 QAOA at its optimal angles on 3-regular triangle-free graphs.
FARHI_EDGE_VALUE = 0.5 + 1 / (3 * math.sqrt(3))  # 0.69245


@pytest.mark.parametrize("spec", ["petersen", "cycle:8"])
def test_p1_expected_cut_matches_the_analytic_formula(spec):
    # <C>/|E| = 1/2 + sin(4 beta) sin(gamma) cos(gamma)**(d - 1) / 2 on d-regular triangle-free graphs
    problem = maxcut_problem(spec)
    d = 3 if spec == "petersen" else 2
    gamma, beta = 0.37, 0.21
    layer = energy_layer(QAOAAnsatz(problem, 1), problem.operator(), "torch", theta=[gamma, beta])
    with torch.no_grad():
        cut = -float(layer(no_inputs()))
    edges = problem.graph.number_of_edges()
    theory = 0.5 + 0.5 * math.sin(4 * beta) * math.sin(gamma) * math.cos(gamma) ** (d - 1)
    assert cut / edges == pytest.approx(theory, abs=1e-10)


def test_farhi_optimal_angles_give_0_6925_per_edge():
    problem = maxcut_problem("petersen")
    theta = [math.atan(1 / math.sqrt(2)), math.pi / 8]
    layer = energy_layer(QAOAAnsatz(problem, 1), problem.operator(), "torch", theta=theta)
    with torch.no_grad():
        assert -float(layer(no_inputs())) / 15 == pytest.approx(FARHI_EDGE_VALUE, abs=1e-10)


def test_parameters_and_scale():
    ansatz = QAOAAnsatz(maxcut_problem("cycle:5"), 3)
    assert ansatz.split([1, 2, 3, 4, 5, 6]) == ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    assert coupling_scale(ansatz.problem) == 2.0
    assert len(ansatz.initial()) == 6


def test_depth_must_be_positive():
    with pytest.raises(QcogValueError):
        QAOAAnsatz(maxcut_problem("cycle:5"), 0)
