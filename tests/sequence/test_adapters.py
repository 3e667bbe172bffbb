import pytest
import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.transformer import HybridTransformer, TransformerConfig
from qcog.sequence.adapters import (
    AdapterLinear,
    adapter_parameter_count,
    add_adapters,
    add_lora,
    matching_modules,
)

TARGETS = ("qkv", "out", "net.0", "net.2")


def _base(seed=0):
    cfg = TransformerConfig(
        vocab_size=30, blocks=(("classical", "classical"),), quantum=False, seed=seed
    )
    return HybridTransformer(cfg)


def _trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


IDS = torch.tensor([[2, 5, 9, 0], [2, 7, 0, 0]])


@pytest.mark.parametrize("quantum", [True, False])
def test_adapters_start_at_the_pretrained_function_and_train_only_themselves(quantum):
    reference = _base()
    model = add_adapters(_base(), TARGETS, n_qubits=2, quantum=quantum, trainable=("head",))
    torch.testing.assert_close(model(IDS), reference(IDS))
    per_circuit = 3 * 2 if quantum else 2 * 2 + 2  # strongly entangling 3nL, twin n^2 + n
    expected = 2 * (64 + 32 + 48 + 48) + 4 * per_circuit + 34  # + head 16*2+2
    assert _trainable(model) == expected
    if quantum:
        assert adapter_parameter_count(_base(), TARGETS, 2, "adapter") + 34 == expected
    model(IDS).sum().backward()
    frozen = model.blocks[0].attention.qkv.base_layer.weight
    assert frozen.grad is None and not frozen.requires_grad
    assert model.blocks[0].attention.qkv.down.weight.grad is not None


def test_quantum_adapter_count_formula():
    model = add_adapters(_base(), TARGETS, n_qubits=3, n_layers=2, trainable=("head",))
    assert _trainable(model) == adapter_parameter_count(_base(), TARGETS, 3, "adapter", 2) + 34


def test_lora_through_peft_starts_at_the_base_and_has_rank_r_parameters():
    reference = _base()
    model = add_lora(_base(), TARGETS, rank=2, trainable=("head",))
    torch.testing.assert_close(model(IDS), reference(IDS))
    assert _trainable(model) == adapter_parameter_count(_base(), TARGETS, 2, "lora") + 34


def test_adapter_linear_learns_while_the_base_stays():
    torch.manual_seed(0)  # the base layer's initialisation and the data
    layer = AdapterLinear(nn.Linear(3, 2), n_qubits=2, seed=1)
    before = layer.base_layer.weight.clone()
    opt = torch.optim.Adam([p for p in layer.parameters() if p.requires_grad], lr=0.05)
    x, y = torch.rand(8, 3), torch.rand(8, 2)
    losses = []
    for _ in range(20):
        opt.zero_grad()
        loss = ((layer(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]
    assert torch.equal(layer.base_layer.weight, before)


def test_targets_must_name_linear_modules():
    with pytest.raises(QcogValueError, match="no module"):
        matching_modules(_base(), ("query",))
    with pytest.raises(QcogValueError, match="wrap nn.Linear only"):
        matching_modules(_base(), ("norm1",))
    with pytest.raises(QcogValueError, match="'lora' or 'adapter'"):
        adapter_parameter_count(_base(), TARGETS, 2, "prefix")
