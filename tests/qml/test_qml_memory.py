"""Quantum-layer memory estimates and the refusals that use them (nothing large is allocated)."""

import math

import pytest
import torch

from qcog.exceptions import SizeLimitError
from qcog.qml import QuantumLayer
from qcog.qml.memory import check_layer_memory, layer_memory_bytes


def test_torch_engine_estimate_formula():
    n, layers, batch = 12, 2, 16
    copies = layers * math.ceil(n / 4) + 3
    expected = copies * batch * 2**n * 8 + 64 * 2**n
    assert layer_memory_bytes(n, layers, batch) == expected


def test_estimate_grows_with_batch_layers_and_precision():
    base = layer_memory_bytes(10, 2, batch=4)
    assert layer_memory_bytes(10, 2, batch=8) > base
    assert layer_memory_bytes(10, 4, batch=4) > base
    assert layer_memory_bytes(10, 2, batch=4, precision="double") > base
    assert layer_memory_bytes(10, 2, batch=4, training=False) < base


def test_one_circuit_at_a_time_engines_ignore_the_batch():
    assert layer_memory_bytes(10, 2, batch=1, engine="aer") == layer_memory_bytes(
        10, 2, batch=512, engine="aer"
    )


def test_refusal_message_and_qubits_that_fit():
    with pytest.raises(SizeLimitError) as info:
        check_layer_memory(30, 2, batch=16, limit=2**30)
    message = str(info.value)
    assert message.startswith("a 30-qubit quantum layer (engine torch, batch 16, training) needs")
    assert "1.0 GiB given" in message and "use fewer qubits or a smaller batch" in message
    fits = int(message.split("(about ")[1].split(" qubits fit")[0])
    assert layer_memory_bytes(fits, 2, 16) <= 2**30 < layer_memory_bytes(fits + 1, 2, 16)


def test_layer_of_40_qubits_is_refused_at_construction():
    with pytest.raises(SizeLimitError, match="a 40-qubit quantum layer"):
        QuantumLayer(n_qubits=40, n_layers=2)


def test_forward_checks_the_real_batch_before_simulating(monkeypatch):
    layer = QuantumLayer(n_qubits=12, n_layers=1, seed=0)
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "64MiB")
    calls = []
    monkeypatch.setattr(layer.engine, "execute", lambda *a, **k: calls.append(a))
    with pytest.raises(SizeLimitError, match="batch 4096, training"):
        layer(torch.zeros(4096, 12))
    assert calls == []  # refused before the engine ran
    with torch.no_grad(), pytest.raises(SizeLimitError, match="no gradients"):
        layer(torch.zeros(8192, 12))


def test_small_batches_pass_without_reading_the_memory(monkeypatch):
    layer = QuantumLayer(n_qubits=3, n_layers=1, seed=0, dtype=torch.float64)
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1")  # would refuse anything it checked
    assert layer(torch.zeros(5, 3, dtype=torch.float64)).shape == (5, 3)


def test_wide_torch_layers_are_estimated_with_adjoint_gradients():
    """Above the backprop limit the engine recomputes states; 20 qubits at batch 16 fit."""
    from qcog.qml.memory import _TORCH_ADJOINT_COPIES

    state = 16 * 2**20 * 8
    assert layer_memory_bytes(20, 3, batch=16) == _TORCH_ADJOINT_COPIES * state + 64 * 2**20
    assert layer_memory_bytes(20, 3, batch=16) < 2 * 2**30
