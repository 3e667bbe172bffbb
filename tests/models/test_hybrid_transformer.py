import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.models.attention import QuantumSelfAttention, SelfAttention
from qcog.models.feedforward import FeedForward, QuantumFeedForward
from qcog.models.transformer import HybridTransformer, TransformerConfig


def test_blocks_are_switchable_one_by_one():
    cfg = TransformerConfig(
        vocab_size=30, blocks=(("quantum", "classical"), ("classical", "quantum"))
    )
    model = HybridTransformer(cfg)
    kinds = [(type(b.attention), type(b.feed_forward)) for b in model.blocks]
    assert kinds == [(QuantumSelfAttention, FeedForward), (SelfAttention, QuantumFeedForward)]
    assert model(torch.tensor([[2, 5, 6, 0, 0]])).shape == (1, 2)


def test_padding_tokens_do_not_change_logits():
    model = HybridTransformer(TransformerConfig(vocab_size=30, max_len=8)).eval()
    short = torch.tensor([[2, 7, 9]])
    padded = torch.tensor([[2, 7, 9, 0, 0, 0]])
    torch.testing.assert_close(model(short), model(padded))


def test_unknown_block_kind():
    with pytest.raises(QcogValueError, match="not one of"):
        HybridTransformer(TransformerConfig(vocab_size=10, blocks=(("quantumish", "classical"),)))
