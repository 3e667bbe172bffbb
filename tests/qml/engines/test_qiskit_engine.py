"""Qiskit engine: one sampler job per call (batch and all parameter-shift circuits together)."""

import pytest
import torch

from qcog.qml import QuantumLayer


@pytest.mark.parametrize("engine", ["aer", "fake:manila"])
def test_batch_and_gradient_go_in_one_job(engine):
    layer = QuantumLayer(n_qubits=2, n_layers=1, engine=engine, seed=0, shots=500)
    x = torch.rand(3, 2, requires_grad=True)
    calls = []
    original = layer.engine.sample

    def counting(ops, program, values):
        calls.append(values.shape)
        return original(ops, program, values)

    layer.engine.sample = counting
    y = layer(x)
    y.sum().backward()
    k = 2 + 3 * 2  # RX embedding angles + Rot angles (3 per wire)
    assert calls == [(3 * (1 + 2 * k), k)]
    assert layer.engine.jobs == 1
    assert x.grad.shape == (3, 2) and layer.weights.grad.shape == (1, 2, 3)


def test_ibm_path_uses_the_runtime_sampler(monkeypatch):
    """ibm: goes through the same code path; here on a fake device, offline."""
    from qiskit_ibm_runtime.fake_provider import FakeManilaV2

    from qcog.backends import Backend, BackendSpec

    layer = QuantumLayer(n_qubits=2, n_layers=1, engine="fake:manila", seed=0, shots=200)
    layer.engine._backend = Backend(BackendSpec.parse("ibm:fake_manila"), FakeManilaV2(), "QPU")
    assert type(layer.engine.sampler()).__module__.startswith("qiskit_ibm_runtime")
    y = layer(torch.rand(2, 2))
    assert y.shape == (2, 2) and (y.abs() <= 1).all()
