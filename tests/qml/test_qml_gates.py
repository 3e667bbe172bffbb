"""The gate table: every gate's matrix agrees with PennyLane's matrix, kind facts hold."""

import pennylane as qml
import pytest
import torch

from qcog.qml.gates import (
    GATES,
    PAIR_GATES,
    gate_diagonal,
    gate_matrix,
    pair_matrices,
    permutation_of,
)


@pytest.mark.parametrize("name", sorted(GATES))
def test_gate_facts_match_pennylane(name):
    fact = GATES[name]
    k = fact.num_wires or 3
    params = [0.3 + 0.4 * i for i in range(fact.num_params)]
    like = torch.zeros(1, dtype=torch.float64)
    ours_params = [torch.tensor([p], dtype=torch.float64) for p in params]
    if name == "QubitUnitary":  # the parameter is the matrix itself
        params = [qml.matrix(qml.Rot(0.1, 0.2, 0.3, 0) @ qml.CRX(0.4, [1, 2]), wire_order=range(3))]
        ours_params = [torch.as_tensor(params[0])[None]]
    ours = gate_matrix(name, ours_params, k, like)[0]
    theirs = qml.matrix(getattr(qml, name)(*params, wires=range(k)))
    assert torch.allclose(ours, torch.as_tensor(theirs, dtype=ours.dtype), atol=1e-12)
    if fact.kind == "diagonal":
        assert torch.allclose(ours, torch.diag(torch.diagonal(ours)))
        diag = gate_diagonal(name, ours_params, k, like)
        assert torch.allclose(diag[0], torch.diagonal(ours))
    if fact.kind == "permutation":
        perm = permutation_of(name, list(range(k)), k)
        assert torch.allclose(ours, torch.eye(2**k, dtype=ours.dtype)[perm])


@pytest.mark.parametrize("name", sorted(PAIR_GATES))
def test_pair_matrices_are_the_complex_matrices_as_real_pairs(name):
    count = GATES[name].num_params
    angles = torch.rand(5, 3, count, generator=torch.Generator().manual_seed(7), dtype=torch.float64) * 7
    pairs = pair_matrices(name, angles)
    assert pairs.shape == (5, 3, 2, 2, 2) and not pairs.is_complex()
    expected = GATES[name].matrix(*angles.unbind(-1))
    torch.testing.assert_close(torch.view_as_complex(pairs), expected, atol=1e-15, rtol=0)
    op = getattr(qml, name)(*angles[1, 2].tolist(), wires=0)  # independent: PennyLane's matrix
    torch.testing.assert_close(torch.view_as_complex(pairs)[1, 2],
                               torch.as_tensor(qml.matrix(op)), atol=1e-12, rtol=0)
