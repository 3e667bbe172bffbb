import itertools
import math

import pytest
import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.sequence.decoding import beam_search, greedy_decode, translate
from qcog.sequence.pairs import BOS_ID, EOS_ID
from qcog.sequence.seq2seq import HybridSeq2Seq, Seq2SeqConfig


class TableModel(nn.Module):
    """A 'decoder' whose next-token log-probabilities are a fixed table of the prefix."""

    def __init__(self, table, vocab=6):
        super().__init__()
        self.table, self.vocab = table, vocab

    def encode(self, src):
        return torch.zeros(len(src), 1, 1), torch.ones(len(src), 1, dtype=torch.bool)

    def decode(self, ys, memory, mask):
        rows = []
        for prefix in ys.tolist():
            probs = self.table.get(tuple(t for t in prefix[1:] if t), {EOS_ID: 1.0})
            row = torch.full((self.vocab,), 1e-9)
            for token, p in probs.items():
                row[token] = p
            rows.append(row.log())
        return torch.stack(rows)[:, None, :].expand(len(ys), ys.shape[1], self.vocab)


def test_beam_search_escapes_the_greedy_trap():
    # greedy takes 4 (p=0.6) and then faces a flat choice; 5 then <eos> is more likely overall
    table = {(): {4: 0.6, 5: 0.4}, (4,): {4: 0.3, 5: 0.35, EOS_ID: 0.35}, (5,): {EOS_ID: 1.0}}
    model = TableModel(table)
    src = torch.zeros(1, 2, dtype=torch.long)
    assert greedy_decode(model, src, max_len=4)[0][0] == 4
    assert beam_search(model, src, max_len=4, beam_size=2) == [[5]]


def _small_model(seed):
    cfg = Seq2SeqConfig(
        vocab_size=7, max_len=5, d_model=8, n_heads=2, d_ff=8, n_qubits=2, quantum=False, seed=seed
    )
    return HybridSeq2Seq(cfg).eval()


def _log_probability(model, src, tokens, max_len):
    """Log probability of a hypothesis (ended by <eos> unless it hit the length cap)."""
    full = [BOS_ID, *tokens] + ([EOS_ID] if len(tokens) < max_len - 1 else [])
    with torch.no_grad():
        logp = model(src, torch.tensor([full[:-1]])).log_softmax(-1)[0]
    return sum(float(logp[i, t]) for i, t in enumerate(full[1:]))


@pytest.mark.parametrize("seed", [0, 1])
def test_wide_beam_is_exact_search_and_one_beam_is_greedy(seed):
    model, max_len = _small_model(seed), 4
    src = torch.tensor([[4, 5, 3]])
    words = [1, 4, 5, 6]  # every token but <pad>, <bos> and <eos>
    hypotheses = [list(h) for n in range(max_len) for h in itertools.product(words, repeat=n)]
    scores = {tuple(h): _log_probability(model, src, h, max_len) for h in hypotheses}
    best = list(max(scores, key=scores.get))
    assert beam_search(model, src, max_len, beam_size=len(words) ** (max_len - 1)) == [best]
    assert beam_search(model, src, max_len, beam_size=1) == greedy_decode(model, src, max_len)


def test_batched_decoding_equals_row_by_row():
    model = _small_model(3)
    src = torch.tensor([[4, 5, 3], [6, 3, 0], [5, 5, 3]])
    for beam in (1, 3):
        together = translate(model, src, 5, beam_size=beam, batch_size=2)
        alone = [translate(model, row[None, : int((row != 0).sum())], 5, beam)[0] for row in src]
        assert together == alone
        assert all(len(h) <= 4 and BOS_ID not in h and EOS_ID not in h for h in together)


def test_length_penalty_prefers_longer_hypotheses():
    table = {(): {4: 0.5, EOS_ID: 0.5}, (4,): {4: 0.9, EOS_ID: 0.1}, (4, 4): {EOS_ID: 1.0}}
    model, src = TableModel(table), torch.zeros(1, 1, dtype=torch.long)
    assert beam_search(model, src, 5, beam_size=3, length_penalty=0.0) == [[]]
    # <eos> alone: log 0.5 over 1 token; 4 4 <eos>: log(0.45) over 3 tokens
    assert math.log(0.45) / 3 > math.log(0.5)
    assert beam_search(model, src, 5, beam_size=3, length_penalty=1.0) == [[4, 4]]


def test_bad_decoding_arguments():
    with pytest.raises(QcogValueError, match="beam_size"):
        beam_search(_small_model(0), torch.tensor([[4, 3]]), 4, beam_size=0)
