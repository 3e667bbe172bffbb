"""QuantumLayer: the contract other models rely on, training on every engine, serialization."""

import copy
import io
import pickle

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml import QuantumLayer


def test_contract_shapes_range_and_parameters():
    layer = QuantumLayer(n_qubits=4, n_layers=2, embedding="angle", ansatz="strongly_entangling",
                         engine="torch", seed=0, dtype=torch.float32)
    x = torch.rand(7, 4)
    y = layer(x)
    assert y.shape == (7, 4) and y.dtype == torch.float32
    assert (y.abs() <= 1 + 1e-6).all()
    assert (layer.n_qubits, layer.n_layers) == (4, 2)
    assert [name for name, _ in layer.named_parameters()] == ["weights"]
    assert layer.weights.shape == (2, 4, 3)


def test_seeded_initialisation_is_reproducible_and_dtype_independent():
    a = QuantumLayer(n_qubits=3, n_layers=2, seed=11, dtype=torch.float64)
    b = QuantumLayer(n_qubits=3, n_layers=2, seed=11, dtype=torch.float32)
    c = QuantumLayer(n_qubits=3, n_layers=2, seed=12)
    assert torch.allclose(a.weights.float(), b.weights)
    assert not torch.allclose(b.weights, c.weights)
    zeros = QuantumLayer(n_qubits=3, n_layers=1, init="zeros")
    # zero weights: Rot = identity, CNOT ring permutes |0..0> to itself; RX(0) embedding
    assert torch.allclose(zeros(torch.zeros(2, 3)), torch.ones(2, 3))


def test_leading_batch_dims_and_unbatched_input():
    layer = QuantumLayer(n_qubits=2, n_layers=1, dtype=torch.float64)
    x = torch.rand(2, 3, 2, dtype=torch.float64)
    assert layer(x).shape == (2, 3, 2)
    assert torch.allclose(layer(x[0, 0]), layer(x)[0, 0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_qubits": 0}, "n_qubits must be a positive integer"),
        ({"n_qubits": 2, "embedding": "nope"}, "unknown embedding 'nope'; accepted: amplitude"),
        ({"n_qubits": 2, "ansatz": "nope"}, "unknown ansatz 'nope'"),
        ({"n_qubits": 2, "engine": "nope"}, "unknown engine 'nope'"),
        ({"n_qubits": 2, "dtype": torch.int64}, "dtype must be torch.float32 or torch.float64"),
        ({"n_qubits": 2, "init": "nope"}, "init must be one of"),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        QuantumLayer(**kwargs)


def test_too_many_features_is_a_clear_error():
    layer = QuantumLayer(n_qubits=2)
    with pytest.raises(QcogValueError, match="inputs have 3 features but embedding 'angle' on 2"):
        layer(torch.zeros(1, 3))


def _train(layer, steps=4):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), layer, torch.nn.Linear(2, 1))
    x = torch.rand(4, 3, generator=torch.Generator().manual_seed(1))
    target = torch.tensor([[1.0], [-1.0]] * 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), target)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


@pytest.mark.parametrize("engine", ["torch", "default.qubit", "lightning.qubit", "aer"])
def test_small_model_trains_on_every_engine(engine):
    layer = QuantumLayer(n_qubits=2, n_layers=1, engine=engine, seed=0, shots=2000)
    losses = _train(layer)
    assert losses[-1] < losses[0], losses


def test_state_dict_round_trip_and_pickle():
    layer = QuantumLayer(n_qubits=3, n_layers=2, seed=4, dtype=torch.float64)
    x = torch.rand(4, 3, dtype=torch.float64)
    buffer = io.BytesIO()
    torch.save(layer.state_dict(), buffer)
    other = QuantumLayer(n_qubits=3, n_layers=2, seed=99, dtype=torch.float64)
    assert not torch.allclose(other(x), layer(x))
    buffer.seek(0)
    other.load_state_dict(torch.load(buffer))
    assert torch.allclose(other(x), layer(x), atol=1e-12)
    restored = pickle.loads(pickle.dumps(layer))
    assert torch.allclose(restored(x), layer(x), atol=1e-12)


def test_same_weights_run_on_another_engine():
    layer = QuantumLayer(n_qubits=3, n_layers=2, seed=2, dtype=torch.float64)
    x = torch.rand(3, 3, dtype=torch.float64)
    y = layer(x)
    other = copy.deepcopy(layer).set_engine("default.qubit")
    assert torch.allclose(other(x), y, atol=1e-10)


def test_runs_under_data_parallel_on_cpu():
    layer = QuantumLayer(n_qubits=2, n_layers=1, seed=0, dtype=torch.float64)
    x = torch.rand(4, 2, dtype=torch.float64)
    parallel = torch.nn.DataParallel(layer)
    y = parallel(x)
    y.sum().backward()
    assert torch.allclose(y, layer(x)) and layer.weights.grad is not None


def test_runs_under_torch_compile():
    layer = QuantumLayer(n_qubits=2, n_layers=1, seed=0, dtype=torch.float64)
    x = torch.rand(4, 2, dtype=torch.float64, requires_grad=True)
    compiled = torch.compile(layer)
    y = compiled(x)
    y.sum().backward()
    assert torch.allclose(y, layer(x), atol=1e-10)
    assert x.grad is not None and torch.isfinite(x.grad).all()


def test_user_qfunc_with_weight_shapes():
    import pennylane as qml

    def qfunc(inputs, a, b):
        qml.RY(inputs[..., 0], wires=0)
        qml.CRX(a, wires=[0, 1])  # "a": 1 is a scalar, as in TorchLayer
        qml.RZ(b[0, 0], wires=1)
        qml.Hadamard(wires=1)
        return qml.expval(qml.PauliZ(0) @ qml.PauliZ(1))

    layer = QuantumLayer(qfunc=qfunc, weight_shapes={"a": 1, "b": (1, 1)}, n_qubits=2,
                         dtype=torch.float64, seed=0)
    ref = copy.deepcopy(layer).set_engine("default.qubit")
    x = torch.rand(5, 1, dtype=torch.float64)
    assert layer(x).shape == (5,)
    assert torch.allclose(layer(x), ref(x), atol=1e-10)


def test_unsupported_operation_is_named():
    import pennylane as qml

    def qfunc(inputs):
        qml.QubitUnitary(torch.eye(2), wires=0)
        return qml.sample(qml.PauliZ(0))

    layer = QuantumLayer(qfunc=qfunc, weight_shapes={}, n_qubits=1)
    with pytest.raises(QcogValueError, match="SampleMP"):
        layer(torch.zeros(1, 1))


def test_import_qcog_does_not_import_qcog_qml():
    import subprocess
    import sys

    code = "import sys, qcog; print('qcog.qml' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.gpu
def test_cuda_matches_cpu():
    layer = QuantumLayer(n_qubits=4, n_layers=2, seed=0, dtype=torch.float64)
    x = torch.rand(8, 4, dtype=torch.float64)
    expected = layer(x)
    gpu = copy.deepcopy(layer).to("cuda")
    y = gpu(x.to("cuda"))
    y.sum().backward()
    assert y.device.type == "cuda" and gpu.weights.grad.device.type == "cuda"
    assert torch.allclose(y.cpu(), expected, atol=1e-10)


def test_wide_layers_read_z_from_marginals_without_a_sign_table(monkeypatch):
    """Above SIGN_TABLE_MAX_QUBITS the engine sums marginals; both agree with default.qubit."""
    from qcog.qml.engines import measure

    x = torch.rand(3, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(4))
    reference = QuantumLayer(n_qubits=5, n_layers=2, seed=3, dtype=torch.float64, engine="default.qubit")(x)
    layer = QuantumLayer(n_qubits=5, n_layers=2, seed=3, dtype=torch.float64)
    monkeypatch.setattr(measure, "SIGN_TABLE_MAX_QUBITS", 2)
    marginal = layer(x)
    assert torch.allclose(marginal, reference, atol=1e-10)
    assert not layer.engine._measurer._signs  # no (2**n, n) table built
