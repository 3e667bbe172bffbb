import math

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

from qcog.exceptions import QcogValueError
from qcog.sequence.qlstm import QLSTM, lstm_parameter_count, qlstm_parameter_count


def _pennylane_gates(cell, angles):
    """The four gate circuits on PennyLane's default.qubit, one QNode call per circuit."""
    import pennylane as qml

    n = angles.shape[-1]
    dev = qml.device("default.qubit", wires=n)

    @qml.qnode(dev, interface="torch")
    def circuit(inputs, weights):
        qml.AngleEmbedding(inputs, wires=range(n), rotation="X")
        qml.StronglyEntanglingLayers(weights, wires=range(n))
        return [qml.expval(qml.PauliZ(w)) for w in range(n)]

    return torch.stack(
        [
            torch.stack([torch.stack(circuit(a, c.weights)) for a in angles])
            for c in cell.circuits.circuits
        ]
    ).float()  # (4, B, n)


def _reference_step(cell, x, h, c):
    """One QLSTM step written out from the paper's equations, circuits on PennyLane."""
    v = torch.cat([x, h], dim=-1)
    angles = math.pi * torch.tanh(v @ cell.encode_weight.T + cell.encode_bias)
    z = _pennylane_gates(cell, angles.double())
    gate = [z[k] @ cell.decode_weight[k] + cell.decode_bias[k] for k in range(4)]
    f, i, g, o = (
        torch.sigmoid(gate[0]),
        torch.sigmoid(gate[1]),
        torch.tanh(gate[2]),
        torch.sigmoid(gate[3]),
    )
    c = f * c + i * g
    return o * torch.tanh(c), c


def test_qlstm_matches_the_paper_equations_on_pennylane():
    lstm = QLSTM(2, 3, n_qubits=3, n_qlayers=2, seed=5)
    x = torch.randn(3, 2, 2)  # (T, B, H_in)
    with torch.no_grad():
        out, (h_n, c_n) = lstm(x)
        h, c = torch.zeros(2, 3), torch.zeros(2, 3)
        for t in range(3):
            h, c = _reference_step(lstm.cells[0], x[t], h, c)
            torch.testing.assert_close(out[t], h, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(h_n[0], h, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(c_n[0], c, atol=1e-5, rtol=1e-4)


def test_any_engine_gives_the_same_outputs():
    fast = QLSTM(2, 3, n_qubits=2, seed=1)
    pennylane = QLSTM(2, 3, n_qubits=2, seed=1, engine="default.qubit")
    x = torch.randn(3, 2, 2)
    torch.testing.assert_close(fast(x)[0], pennylane(x)[0], atol=1e-5, rtol=1e-4)


def test_shapes_follow_nn_lstm():
    for batch_first in (False, True):
        q = QLSTM(3, 4, num_layers=2, batch_first=batch_first, n_qubits=2)
        ref = nn.LSTM(3, 4, num_layers=2, batch_first=batch_first)
        x = torch.randn(5, 2, 3)
        hx = (torch.zeros(2, 5 if batch_first else 2, 4),) * 2
        for args in ((x,), (x, hx)):
            (out, (h, c)), (out_ref, (h_ref, _)) = q(*args), ref(*args)
            assert out.shape == out_ref.shape and h.shape == h_ref.shape == c.shape
    q, ref = QLSTM(3, 4, n_qubits=2), nn.LSTM(3, 4)
    unbatched = torch.randn(6, 3)
    assert q(unbatched)[0].shape == ref(unbatched)[0].shape == (6, 4)
    assert q(unbatched)[1][0].shape == ref(unbatched)[1][0].shape == (1, 4)


def test_packed_sequences_equal_each_sequence_run_alone():
    q = QLSTM(2, 3, num_layers=2, n_qubits=2, seed=3)
    seqs = [torch.randn(n, 2) for n in (2, 5, 3)]
    out, (h, c) = q(pack_sequence(seqs, enforce_sorted=False))
    padded, lengths = pad_packed_sequence(out, batch_first=True)
    assert lengths.tolist() == [2, 5, 3]
    for i, s in enumerate(seqs):
        alone, (h1, c1) = q(s)
        torch.testing.assert_close(padded[i, : len(s)], alone, atol=1e-6, rtol=1e-5)
        assert padded[i, len(s) :].abs().max() == 0 if len(s) < 5 else True
        torch.testing.assert_close(h[:, i], h1, atol=1e-6, rtol=1e-5)
        torch.testing.assert_close(c[:, i], c1, atol=1e-6, rtol=1e-5)


def test_a_few_steps_fit_a_sine():
    torch.manual_seed(0)
    t = torch.linspace(0, 6, 40)
    windows = torch.sin(t).unfold(0, 5, 1)  # (36, 5)
    x, y = windows[:, :4, None], windows[:, 4]
    q = QLSTM(1, 4, batch_first=True, n_qubits=2)
    head = nn.Linear(4, 1)
    opt = torch.optim.Adam([*q.parameters(), *head.parameters()], lr=0.05)
    losses = []
    for _ in range(25):
        opt.zero_grad()
        loss = ((head(q(x)[1][0][-1])[:, 0] - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.25 * losses[0]


def test_parameter_counts_match_the_modules():
    q = QLSTM(3, 5, num_layers=2, n_qubits=2, n_qlayers=3)
    assert sum(p.numel() for p in q.parameters()) == qlstm_parameter_count(3, 5, 2, 2, 3)
    ref = nn.LSTM(3, 5, num_layers=2)
    assert sum(p.numel() for p in ref.parameters()) == lstm_parameter_count(3, 5, 2)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"bidirectional": True}, "bidirectional"),
        ({"proj_size": 2}, "proj_size"),
        ({"num_layers": 0}, "num_layers"),
        ({"dropout": 1.0}, "dropout"),
    ],
)
def test_unsupported_options_are_refused(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        QLSTM(2, 3, **kwargs)


def test_bad_inputs_are_refused():
    q = QLSTM(2, 3, n_qubits=2)
    with pytest.raises(QcogValueError, match="input features"):
        q(torch.randn(4, 1, 5))
    with pytest.raises(QcogValueError, match="empty batch"):
        q(torch.randn(4, 0, 2))
    with pytest.raises(QcogValueError, match="h_0 has shape"):
        q(torch.randn(4, 1, 2), (torch.zeros(2, 1, 3), torch.zeros(2, 1, 3)))
    with pytest.raises(QcogValueError, match="PackedSequence"):
        q(torch.randn(2))
