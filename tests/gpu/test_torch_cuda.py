"""The quantum layer's torch engine on CUDA agrees with the CPU; hybrid models train on CUDA.

Run on a CUDA machine: ``QCOG_RUN_GPU=1 pytest -m gpu tests/gpu`` (or ``bash benchmarks/gpu_check.sh``).
"""

import copy

import pytest

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.gpu


@pytest.fixture(scope="module", autouse=True)
def _cuda():
    if not torch.cuda.is_available():
        pytest.fail(f"torch {torch.__version__} sees no CUDA GPU (CUDA build: {torch.version.cuda})")


@pytest.mark.parametrize("n_qubits, n_layers, dtype, atol", [(4, 2, torch.float64, 1e-12),
                                                             (10, 3, torch.float64, 1e-12),
                                                             (10, 3, torch.float32, 1e-5)])
def test_quantum_layer_on_cuda_equals_cpu(n_qubits, n_layers, dtype, atol):
    from qcog.qml import QuantumLayer

    cpu = QuantumLayer(n_qubits=n_qubits, n_layers=n_layers, seed=7, dtype=dtype)
    gpu = copy.deepcopy(cpu).to("cuda")
    x = torch.rand(32, n_qubits, generator=torch.Generator().manual_seed(1), dtype=dtype) * 3
    x_gpu = x.to("cuda").clone().requires_grad_(True)
    x = x.clone().requires_grad_(True)
    y_cpu, y_gpu = cpu(x), gpu(x_gpu)
    assert y_gpu.device.type == "cuda"
    assert torch.allclose(y_gpu.cpu(), y_cpu, atol=atol, rtol=0)
    (y_cpu ** 2).sum().backward()
    (y_gpu ** 2).sum().backward()
    assert torch.allclose(x_gpu.grad.cpu(), x.grad, atol=10 * atol, rtol=0)
    for p_cpu, p_gpu in zip(cpu.parameters(), gpu.parameters()):
        assert torch.allclose(p_gpu.grad.cpu(), p_cpu.grad, atol=10 * atol, rtol=0)


def test_hybrid_cnn_trains_on_cuda_like_on_cpu():
    """Same seed, same data: the CUDA run's losses follow the CPU run's (float32 kernels)."""
    from qcog.training.experiment import train_model

    runs = {device: train_model("cnn", epochs=2, limit=240, device=device, progress=False, seed=3)
            for device in ("cpu", "cuda")}
    cpu, gpu = (runs[d]["history"] for d in ("cpu", "cuda"))
    assert runs["cuda"]["model"] != "classical twin"
    for row_cpu, row_gpu in zip(cpu, gpu):
        assert row_gpu["train_loss"] == pytest.approx(row_cpu["train_loss"], rel=1e-3, abs=1e-4)
    assert gpu[-1]["train_loss"] < gpu[0]["train_loss"]


def ddp_hybrid():
    from qcog.qml import QuantumLayer

    return torch.nn.Sequential(torch.nn.Linear(3, 4), QuantumLayer(n_qubits=4, n_layers=1, seed=3,
                                                                   dtype=torch.float64),
                               torch.nn.Linear(4, 1)).double()


def test_ddp_on_cuda_matches_one_process():
    from torch.utils.data import TensorDataset

    from qcog.distributed.ddp import DDPConfig, train_ddp, train_single

    world = min(2, torch.cuda.device_count())
    x = torch.rand(16, 3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    data = TensorDataset(x, torch.sin(x.sum(1, keepdim=True)))
    config = DDPConfig(world_size=world, epochs=2, batch_size=4, lr=0.1, seed=2, device="cuda")
    ddp = train_ddp(ddp_hybrid, data, config)
    single = train_single(ddp_hybrid, data, config)
    assert ddp.backend == "nccl"
    assert ddp.max_parameter_spread() == 0.0
    assert ddp.losses[0] == pytest.approx(single.losses[0], abs=1e-9)
