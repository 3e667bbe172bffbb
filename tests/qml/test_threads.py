"""Thread policy: small simulations run on one thread, nothing exceeds the cores, overrides win."""

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml import QuantumLayer
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.qml.threads import (
    WORK_PER_THREAD,
    available_cores,
    intra_op_threads,
    threads_for_work,
    training_threads,
)


@pytest.mark.parametrize(
    ("work", "available", "expected"),
    [(1, 8, 1), (64 * 2**4, 8, 1), (256 * 2**12, 8, 1), (WORK_PER_THREAD - 1, 8, 1),
     (2 * WORK_PER_THREAD, 8, 2), (1000 * WORK_PER_THREAD, 8, 8), (1000 * WORK_PER_THREAD, 1, 1)],
)
def test_threads_grow_with_work_and_never_exceed_the_cores(work, available, expected):
    assert threads_for_work(work, available) == expected
    assert 1 <= threads_for_work(work) <= available_cores()


def _spy(monkeypatch) -> list[int]:
    calls: list[int] = []
    original = torch.set_num_threads

    def record(count):
        calls.append(count)
        original(count)

    monkeypatch.setattr(torch, "set_num_threads", record)
    return calls


def test_a_small_layer_runs_on_one_thread_and_restores_the_setting(monkeypatch):
    layer = QuantumLayer(n_qubits=4, n_layers=2, seed=0)
    x = torch.rand(64, 4)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        calls = _spy(monkeypatch)
        layer(x).sum().backward()  # forward and the evolution's backward both on one thread
        assert calls and set(calls[::2]) == {1} and set(calls[1::2]) == {2}
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_explicit_threads_override_and_none_leaves_torch_alone(monkeypatch):
    layer = QuantumLayer(n_qubits=2, seed=0)
    x = torch.rand(4, 2)
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        calls = _spy(monkeypatch)
        layer.engine = TorchEngine(threads=None)
        layer(x).sum().backward()
        assert calls == []
        layer.engine = TorchEngine(threads=2)
        layer(x)
        assert calls[0] == 2 and torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
    with pytest.raises(QcogValueError, match="threads must be 'auto', None or a positive integer"):
        TorchEngine(threads=0)


def test_training_threads_for_the_hybrid_models():
    from qcog.models.twins import core_layer

    model = torch.nn.Sequential(torch.nn.Linear(64, 8), core_layer(8, 2, quantum=True),
                                torch.nn.Linear(8, 10))
    assert training_threads(model, batch_size=32, available=8) == 1
    wide = torch.nn.Sequential(QuantumLayer(n_qubits=16, seed=0))
    assert training_threads(wide, batch_size=256, available=8) == 8


def test_intra_op_threads_restores_on_error():
    before = torch.get_num_threads()
    with pytest.raises(RuntimeError), intra_op_threads(1):
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before
