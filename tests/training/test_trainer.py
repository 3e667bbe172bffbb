import pytest
import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.cnn import CNNConfig, HybridCNN
from qcog.training.checkpoint import load_checkpoint
from qcog.training.trainer import TrainConfig, evaluate, fit


def _data(n, seed):
    """Two Gaussian blobs in 8x8 images (test data for the loop only)."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % 2
    x = torch.rand(n, 1, 8, 8, generator=g) * 0.5
    x[y == 1, :, :4] += 0.5
    return x, y


def _model():
    return HybridCNN(CNNConfig(num_classes=2, n_qubits=2, n_layers=1, seed=4))


def _run(tmp_path, **kw):
    cfg = TrainConfig(
        epochs=3, batch_size=16, lr=1e-2, patience=None, seed=9, progress=False, threads=1
    )
    model = _model()
    result = fit(model, _data(64, 0), _data(32, 1), 2, cfg, **kw)
    return model, result


def _strip(history):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history]


def test_resume_gives_exactly_the_uninterrupted_run(tmp_path):
    full_model, full = _run(tmp_path, checkpoint=tmp_path / "full.ckpt")
    # same run stopped after epoch 1 ...
    cfg = TrainConfig(
        epochs=1, batch_size=16, lr=1e-2, patience=None, seed=9, progress=False, threads=1
    )
    fit(_model(), _data(64, 0), _data(32, 1), 2, cfg, checkpoint=tmp_path / "part.ckpt")
    # ... and resumed in a fresh model up to epoch 3, after the global RNG was disturbed
    torch.manual_seed(12345)
    cfg.epochs = 3
    resumed_model = _model()
    resumed = fit(
        resumed_model,
        _data(64, 0),
        _data(32, 1),
        2,
        cfg,
        checkpoint=tmp_path / "part.ckpt",
        resume=tmp_path / "part.ckpt",
    )
    assert resumed.resumed_from_epoch == 1
    assert _strip(resumed.history) == _strip(full.history)
    assert resumed.best_epoch == full.best_epoch
    for (name, a), b in zip(full_model.state_dict().items(), resumed_model.state_dict().values()):
        assert torch.equal(a, b), name
    final_full, final_resumed = (load_checkpoint(tmp_path / f) for f in ("full.ckpt", "part.ckpt"))
    for key, value in final_full["optimizer_state"]["state"][0].items():
        assert torch.equal(
            torch.as_tensor(value),
            torch.as_tensor(final_resumed["optimizer_state"]["state"][0][key]),
        )
    assert torch.equal(final_full["rng"]["torch"], final_resumed["rng"]["torch"])


def test_training_learns_and_keeps_best_weights():
    model = nn.Sequential(nn.Flatten(), nn.Linear(64, 2))
    cfg = TrainConfig(epochs=4, batch_size=8, lr=5e-2, patience=None, seed=0, progress=False)
    result = fit(model, _data(64, 0), _data(32, 1), 2, cfg)
    assert result.epochs_run == 4
    best = result.history[result.best_epoch - 1]
    assert best["val_loss"] == min(row["val_loss"] for row in result.history)
    scores = evaluate(model, *_data(32, 1), 2)
    assert scores["loss"] == pytest.approx(best["val_loss"], rel=1e-5)
    assert scores["accuracy"] > 0.8


def test_early_stopping_stops_after_patience():
    class Stuck(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.zeros(1))

        def forward(self, x):
            return torch.zeros(len(x), 2) + 0 * self.w

    cfg = TrainConfig(epochs=10, patience=2, progress=False)
    result = fit(Stuck(), _data(8, 0), _data(8, 1), 2, cfg)
    assert result.stopped_early and result.epochs_run == 3 and result.best_epoch == 1


def test_bad_settings():
    with pytest.raises(QcogValueError, match="must not be empty"):
        fit(
            _model(),
            (torch.zeros(0, 1, 8, 8), torch.zeros(0, dtype=torch.long)),
            _data(4, 0),
            2,
            TrainConfig(progress=False),
        )
    with pytest.raises(QcogValueError, match="epochs"):
        fit(_model(), _data(4, 0), _data(4, 0), 2, TrainConfig(epochs=0, progress=False))
