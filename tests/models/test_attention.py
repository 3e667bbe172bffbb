import math

import torch
from torch.nn import functional as F

from qcog.models.attention import QuantumSelfAttention, SelfAttention


def test_classical_attention_matches_torch_sdpa():
    att = SelfAttention(8, n_heads=2)
    x = torch.randn(3, 5, 8)
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]], dtype=torch.bool)
    q, k, v = att.qkv(x).split(8, dim=-1)
    heads = [z.view(3, 5, 2, 4).transpose(1, 2) for z in (q, k, v)]
    ref = F.scaled_dot_product_attention(*heads, attn_mask=mask[:, None, None, :])
    expected = att.out(ref.transpose(1, 2).reshape(3, 5, 8))
    torch.testing.assert_close(att(x, mask), expected)


def test_quantum_attention_matches_gaussian_kernel_loop():
    att = QuantumSelfAttention(6, n_qubits=3, n_layers=1, seed=1)
    x = torch.randn(2, 4, 6)
    mask = torch.tensor([[1, 1, 1, 0], [1, 1, 1, 1]], dtype=torch.bool)
    with torch.no_grad():
        out = att(x, mask)
        _check_rows(att, x, mask, out)


def _check_rows(att, x, mask, out):
    for b in range(2):
        angles = math.pi * torch.tanh(att.encode(x[b]))  # (T, n)
        q, k, v = att.query(angles), att.key(angles), att.value(angles)
        for i in range(4):
            keep = [j for j in range(4) if mask[b, j]]
            w = torch.tensor([math.exp(-float(((q[i] - k[j]) ** 2).sum())) for j in keep])
            mixed = sum(wj / w.sum() * v[j] for wj, j in zip(w, keep))
            torch.testing.assert_close(out[b, i], att.out(mixed), atol=1e-5, rtol=1e-4)


def test_padding_does_not_change_real_tokens():
    att = QuantumSelfAttention(6, n_qubits=3, seed=0)
    x = torch.randn(1, 3, 6)
    padded = torch.cat([x, torch.randn(1, 2, 6)], dim=1)
    mask = torch.tensor([[1, 1, 1, 0, 0]], dtype=torch.bool)
    torch.testing.assert_close(att(padded, mask)[:, :3], att(x, torch.ones(1, 3, dtype=torch.bool)))
