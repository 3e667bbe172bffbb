import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.sequence.finetune import FineTuneConfig, FineTuneModel

SMALL = {"vocab_size": 40, "max_len": 8}


def _pretrained():
    model = FineTuneModel(FineTuneConfig(**SMALL, method="full", num_classes=3, seed=7))
    return model.state_dict()


@pytest.mark.parametrize("method", ["full", "lora", "adapter"])
def test_pretrained_weights_land_in_the_base_and_the_head_is_new(method):
    state = _pretrained()
    model = FineTuneModel(FineTuneConfig(**SMALL, method=method, n_qubits=2, rank=2))
    head_before = {k: v.clone() for k, v in model.base_model().head.state_dict().items()}
    model.load_pretrained(state)
    base = model.base_model()
    torch.testing.assert_close(base.tokens.weight, state["net.tokens.weight"])
    qkv = base.blocks[0].attention.qkv
    weight = qkv.weight if method == "full" else qkv.base_layer.weight
    torch.testing.assert_close(weight, state["net.blocks.0.attention.qkv.weight"])
    for key, value in base.head.state_dict().items():
        if key in head_before:
            torch.testing.assert_close(value, head_before[key])  # 2 classes, not the 3 pretrained


def test_methods_train_what_they_should():
    counts = {
        m: FineTuneModel(
            FineTuneConfig(**SMALL, method=m, n_qubits=2, rank=2)
        ).trainable_parameters()
        for m in ("full", "lora", "adapter")
    }
    assert counts["lora"] == 2 * (64 + 32 + 48 + 48) + 34
    assert counts["adapter"] == counts["lora"] + 4 * 6  # plus each circuit's 3 n L weights
    from qcog.models.transformer import HybridTransformer, TransformerConfig

    plain = HybridTransformer(TransformerConfig(**SMALL, blocks=(("classical", "classical"),)))
    assert counts["full"] == sum(p.numel() for p in plain.parameters())
    assert FineTuneConfig(method="lora").quantum is False  # only the adapter is hybrid


def test_mismatched_pretraining_and_bad_inputs():
    model = FineTuneModel(FineTuneConfig(vocab_size=41, max_len=8, method="lora", rank=1))
    with pytest.raises(QcogValueError, match="does not fit"):
        model.load_pretrained(_pretrained())
    with pytest.raises(QcogValueError, match="not one of"):
        FineTuneModel(FineTuneConfig(**SMALL, method="prefix"))
    with pytest.raises(QcogValueError, match="classical blocks"):
        FineTuneModel(FineTuneConfig(**SMALL, blocks=(("quantum", "classical"),)))
    with pytest.raises(QcogValueError, match="longer than the model's maximum"):
        model(torch.ones(1, 9, dtype=torch.long))
    with pytest.raises(QcogValueError, match="non-empty batch"):
        model(torch.ones(0, 3, dtype=torch.long))
