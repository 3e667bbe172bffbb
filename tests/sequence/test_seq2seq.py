import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.models.twins import count_parameters
from qcog.sequence.seq2seq import HybridSeq2Seq, Seq2SeqConfig

SMALL = {"vocab_size": 15, "max_len": 8, "d_model": 8, "n_heads": 2, "d_ff": 16, "n_qubits": 2}
#: Every block quantum, so masking is checked through the quantum attention too.
ALL_QUANTUM = {
    "encoder_blocks": (("quantum", "quantum"),),
    "decoder_blocks": (("quantum", "quantum", "quantum"),),
}


@pytest.fixture(params=[{}, ALL_QUANTUM], ids=["default", "all-quantum"])
def model(request):
    return HybridSeq2Seq(Seq2SeqConfig(**SMALL, **request.param)).eval()


SRC = torch.tensor([[5, 6, 7, 3], [8, 3, 0, 0]])
TGT = torch.tensor([[2, 9, 10, 11], [2, 12, 0, 0]])


def test_shapes(model):
    assert model(SRC, TGT).shape == (2, 4, 15)


def test_causal_mask_hides_later_target_tokens(model):
    logits = model(SRC, TGT)
    changed = TGT.clone()
    changed[:, 2:] = 13  # only positions 2 and 3 change
    other = model(SRC, changed)
    torch.testing.assert_close(other[:, :2], logits[:, :2])
    assert not torch.allclose(other[0, 2:], logits[0, 2:])


def test_source_and_target_padding_change_nothing(model):
    padded_src = torch.cat([SRC, torch.zeros(2, 3, dtype=torch.long)], dim=1)
    padded_tgt = torch.cat([TGT, torch.zeros(2, 2, dtype=torch.long)], dim=1)
    logits = model(SRC, TGT)
    torch.testing.assert_close(model(padded_src, TGT), logits, atol=1e-6, rtol=1e-5)
    torch.testing.assert_close(model(SRC, padded_tgt)[:, :4], logits, atol=1e-6, rtol=1e-5)
    # row 1 alone, without the padding that batching added
    alone = model(SRC[1:, :2], TGT[1:, :2])
    torch.testing.assert_close(alone, logits[1:, :2], atol=1e-6, rtol=1e-5)


def test_hybrid_and_twin_differ_only_in_the_circuits():
    hybrid = HybridSeq2Seq(Seq2SeqConfig(**SMALL))
    twin = HybridSeq2Seq(Seq2SeqConfig(**SMALL, quantum=False))
    assert [n for n, _ in hybrid.named_modules() if "core" not in n] == [
        n for n, _ in twin.named_modules() if "core" not in n
    ]
    # one quantum feed-forward in encoder and decoder: 3*n*L = 6 versus n*n + n = 6
    assert count_parameters(hybrid) == count_parameters(twin)


@pytest.mark.parametrize(
    "src, tgt, match",
    [
        (torch.zeros(2, 9, dtype=torch.long), TGT, "longer than the model's maximum"),
        (SRC, torch.zeros(2, 9, dtype=torch.long), "longer than the model's maximum"),
        (torch.zeros(0, 3, dtype=torch.long), TGT[:0], "empty batch"),
        (SRC, torch.full((2, 3), 15), "outside the model's vocabulary"),
        (SRC.float(), TGT, "integer token ids"),
        (SRC, TGT[:1], "1 target rows for 2 source rows"),
    ],
)
def test_bad_inputs_get_clear_errors(src, tgt, match):
    with pytest.raises(QcogValueError, match=match):
        HybridSeq2Seq(Seq2SeqConfig(**SMALL))(src, tgt)


def test_bad_configs_are_refused():
    with pytest.raises(QcogValueError, match="at least one encoder"):
        HybridSeq2Seq(Seq2SeqConfig(**SMALL, decoder_blocks=()))
    with pytest.raises(QcogValueError, match="decoder block is"):
        HybridSeq2Seq(Seq2SeqConfig(**SMALL, decoder_blocks=(("classical", "quantum"),)))
    with pytest.raises(QcogValueError, match="block kind"):
        HybridSeq2Seq(Seq2SeqConfig(**SMALL, encoder_blocks=(("classic", "quantum"),)))
