import math

import torch

from qcog.models.feedforward import FeedForward, QuantumFeedForward


def test_quantum_feed_forward_is_tokenwise():
    ff = QuantumFeedForward(6, n_qubits=3, seed=0)
    x = torch.randn(2, 4, 6)
    out = ff(x)
    token = x[1, 2:3]
    expected = ff.decode(ff.core(math.pi * torch.tanh(ff.encode(token))))
    torch.testing.assert_close(out[1, 2:3], expected)


def test_classical_feed_forward_size():
    assert sum(p.numel() for p in FeedForward(8, 16).parameters()) == 8 * 16 + 16 + 16 * 8 + 8
