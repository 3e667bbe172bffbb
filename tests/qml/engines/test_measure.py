"""Every measurement form on the torch engine agrees with PennyLane default.qubit, gradients too.

The first two tests are the silent wrong answers of issue 13: ``probs(op=...)`` ignored
the observable's basis, and products repeating a wire were collapsed wrongly.
"""

import numpy as np
import pennylane as qml
import pytest
import torch

from qcog.qml.engines.pennylane_engine import PennyLaneEngine
from qcog.qml.engines.torch_engine import TorchEngine

HERMITIAN = np.array([[1.0, 2.0 - 1.0j], [2.0 + 1.0j, -0.5]])


def _circuit(measure, n=3):
    def qfunc(inputs, weights):
        for w in range(n):
            qml.RY(inputs[..., w], wires=w)
        qml.StronglyEntanglingLayers(weights, wires=range(n))
        return measure()

    return qfunc


def _compare(measure, n=3, tol=1e-10):
    """Outputs and input/weight gradients of both engines; returns the torch engine's outputs."""
    g = torch.Generator().manual_seed(7)
    results = []
    for engine in (TorchEngine(), PennyLaneEngine("default.qubit")):
        x = (torch.rand(4, n, generator=g, dtype=torch.float64) * 3).requires_grad_(True)
        w = torch.rand(2, n, 3, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
        w.requires_grad_(True)
        out = engine.execute(_circuit(measure, n), x, {"weights": w}, n)
        grads = torch.autograd.grad(out.sum(), (x, w))
        results.append((out.detach(), grads))
        g = torch.Generator().manual_seed(7)
    (ours, our_grads), (theirs, their_grads) = results
    assert ours.shape == theirs.shape
    assert torch.allclose(ours, theirs, atol=tol), (ours, theirs)
    for a, b in zip(our_grads, their_grads):
        assert torch.allclose(a, b, atol=tol)
    return ours


def test_probs_of_an_observable_use_its_eigenbasis():
    def qfunc(inputs):
        qml.RY(0.3, wires=0)
        return qml.probs(op=qml.PauliX(0))

    out = TorchEngine().execute(qfunc, torch.zeros(1, 1, dtype=torch.float64), {}, 1)
    expected = [(1 + np.sin(0.3)) / 2, (1 - np.sin(0.3)) / 2]  # not the Z basis [0.978, 0.022]
    assert np.allclose(out[0].numpy(), expected, atol=1e-12)


@pytest.mark.parametrize(
    "measure",
    [
        lambda: qml.probs(op=qml.PauliY(0) @ qml.PauliX(1)),
        lambda: qml.probs(op=qml.Hadamard(2)),
        lambda: qml.probs(op=qml.Hermitian(HERMITIAN, wires=1)),
        lambda: [qml.probs(op=qml.PauliX(0)), qml.probs(wires=[2, 0])],
    ],
    ids=["YX", "Hadamard", "Hermitian", "with-plain-probs"],
)
def test_probs_of_observables_match_default_qubit(measure):
    _compare(measure)


def test_products_repeating_a_wire():
    out = _compare(lambda: [qml.expval(qml.Z(0) @ qml.Z(0)),
                            qml.expval(qml.prod(qml.Z(0), qml.Z(1), qml.Z(0)))])
    assert torch.allclose(out[:, 0], torch.ones(4, dtype=torch.float64))


LIH_LIKE = qml.Hamiltonian(
    [-0.3, 0.17, 0.12, -0.05, 0.045, 0.2],
    [qml.I(0), qml.Z(0), qml.Z(0) @ qml.Z(1), qml.Y(0) @ qml.X(1) @ qml.Y(2),
     qml.X(0) @ qml.X(2), qml.Z(2)],
)


@pytest.mark.parametrize(
    "measure",
    [
        lambda: qml.expval(LIH_LIKE),
        lambda: qml.var(LIH_LIKE),
        lambda: qml.expval(qml.sum(qml.X(0), qml.s_prod(0.5, qml.Y(1) @ qml.Z(2)))),
        lambda: qml.expval(qml.s_prod(-2.0, qml.X(1))),
        lambda: qml.expval(qml.Hadamard(1)),
        lambda: qml.var(qml.Hadamard(0) @ qml.Z(2)),
        lambda: qml.expval(qml.Projector([1, 0], wires=[0, 2])),
        lambda: qml.var(qml.Projector(np.array([0.6, 0.8j]), wires=[1])),
        lambda: qml.expval(qml.Hermitian(HERMITIAN, wires=2) @ qml.X(0)),
        lambda: qml.expval(qml.prod(qml.X(0), qml.sum(qml.Z(1), qml.Hermitian(HERMITIAN, 2)))),
        lambda: qml.var(0.5 * qml.X(0) + qml.Hermitian(HERMITIAN, wires=1)),
        lambda: [qml.expval(qml.Z(0)), qml.var(qml.Z(1)), qml.expval(qml.X(2) @ qml.Y(0))],
    ],
    ids=["hamiltonian", "var-hamiltonian", "sum-sprod", "sprod", "hadamard", "var-prod",
         "projector-basis", "var-projector-state", "hermitian-prod", "nested",
         "var-mixed-sum", "several"],
)
def test_observables_match_default_qubit(measure):
    _compare(measure)


def test_lowered_hamiltonian_is_reused_between_calls():
    engine = TorchEngine()
    qfunc = _circuit(lambda: qml.expval(LIH_LIKE))
    x, w = torch.rand(2, 3), {"weights": torch.rand(2, 3, 3)}
    engine.execute(qfunc, x, w, 3)
    first = [v for k, v in engine._cache.items() if k[0] == "observable"]
    engine.execute(qfunc, x, w, 3)
    again = [v for k, v in engine._cache.items() if k[0] == "observable"]
    assert len(first) == 1 and again[0][1] is first[0][1]
