"""DDP over 2 CPU processes (gloo): ranks stay in sync and match one process on the same data.

The model is hybrid: Linear(3->4) -> QuantumLayer(4 qubits, torch engine) -> Linear(4->1),
all in float64 (a classical Linear-tanh-Linear stands in if qcog.qml is missing).
"""

import functools

import pytest
import torch
from torch.utils.data import TensorDataset

from qcog.distributed.ddp import DDPConfig, train_ddp, train_single
from qcog.exceptions import QcogValueError


def hybrid_model(quantum: bool = True) -> torch.nn.Module:
    try:
        from qcog.qml import QuantumLayer

        core = QuantumLayer(n_qubits=4, n_layers=1, seed=3, dtype=torch.float64) if quantum else None
    except ImportError:
        core = None
    core = core if core is not None else torch.nn.Tanh()
    return torch.nn.Sequential(torch.nn.Linear(3, 4), core, torch.nn.Linear(4, 1)).double()


def _data(n=24, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 3, generator=g, dtype=torch.float64) * 2 - 1
    y = torch.sin(x.sum(dim=1, keepdim=True))
    return TensorDataset(x, y)


@pytest.fixture(scope="module")
def runs():
    """Spawned ranks: forking this test process (which has run threaded torch code and may
    hold a Dask client's threads) can deadlock, as ddp.DDPConfig warns."""
    config = DDPConfig(world_size=2, epochs=3, batch_size=4, lr=0.1, seed=5)
    data = _data()
    single = train_single(hybrid_model, data, config)
    return train_ddp(hybrid_model, data, config), single


def test_ranks_stay_in_sync(runs):
    ddp, _ = runs
    assert ddp.world_size == 2 and ddp.backend == "gloo"
    assert ddp.max_parameter_spread() == 0.0
    assert ddp.losses[0] == ddp.losses[1]


def test_ddp_matches_one_process_on_the_same_global_batches(runs):
    ddp, single = runs
    for rank_losses in ddp.losses:
        assert rank_losses == pytest.approx(single.losses[0], abs=1e-10)
    for name, value in single.parameters[0].items():
        assert torch.allclose(ddp.parameters[0][name], value, atol=1e-10, rtol=0), name
    assert single.losses[0][-1] < single.losses[0][0]  # it trained


def test_the_model_is_hybrid(runs):
    pytest.importorskip("qcog.qml.layer")
    ddp, _ = runs
    assert any(name.startswith("1.") for name in ddp.parameters[0])  # the quantum layer's weights


def test_another_global_batch_gives_another_result(runs):
    """The comparison above can fail: a different batch size changes the trajectory."""
    _, single = runs
    other = train_single(hybrid_model, _data(), DDPConfig(world_size=2, epochs=3, batch_size=3,
                                                          lr=0.1, seed=5))
    assert other.losses[0][-1] != pytest.approx(single.losses[0][-1], abs=1e-6)


def test_spawned_ranks_match_too():
    """The default start method (spawn, as CUDA needs), with the classical model to keep it short."""
    classical = functools.partial(hybrid_model, quantum=False)
    config = DDPConfig(world_size=2, epochs=2, batch_size=2, lr=0.1, seed=1)
    ddp = train_ddp(classical, _data(n=8), config)
    single = train_single(classical, _data(n=8), config)
    assert ddp.max_parameter_spread() == 0.0
    assert ddp.losses[1] == pytest.approx(single.losses[0], abs=1e-10)


@pytest.mark.parametrize(
    "kwargs, word",
    [({"world_size": 0}, "world_size"), ({"loss": "hinge"}, "loss"), ({"optimizer": "lbfgs"}, "optimizer"),
     ({"device": "tpu"}, "device"), ({"backend": "nccl"}, "nccl"), ({"batch_size": 2.5}, "batch_size"),
     ({"start_method": "forkserver"}, "start_method"), ({"device": "cuda", "start_method": "fork"}, "spawn")],
)
def test_bad_configs_are_refused(kwargs, word):
    with pytest.raises(QcogValueError, match=word):
        DDPConfig(**kwargs)


def test_uneven_data_is_refused():
    with pytest.raises(QcogValueError, match="multiple of world_size"):
        train_ddp(functools.partial(hybrid_model, quantum=False), _data(n=7), DDPConfig(world_size=2))
