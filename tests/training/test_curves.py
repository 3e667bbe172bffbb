import pytest
import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.training.curves import plot_learning_curves, run_curves
from qcog.training.trainer import TrainConfig, fit


def _run(tmp_path, name, epochs):
    g = torch.Generator().manual_seed(1)
    x, y = torch.rand(40, 3, generator=g), torch.arange(40) % 2
    config = TrainConfig(epochs=epochs, batch_size=8, patience=None, progress=False)
    path = tmp_path / name / "checkpoint.ckpt"
    fit(
        nn.Linear(3, 2),
        (x, y),
        (x, y),
        2,
        config,
        checkpoint=path,
        meta={"kind": "toy", "model_config": {"quantum": name == "hybrid"}},
    )
    return path


def test_curves_of_two_runs_in_one_plot(tmp_path):
    hybrid, twin = _run(tmp_path, "hybrid", 3), _run(tmp_path, "twin", 2)
    assert run_curves(hybrid)["label"] == "toy hybrid (hybrid)"
    out = plot_learning_curves([hybrid, twin], tmp_path / "plots" / "c.png")
    assert out["metrics"] == ["train_loss", "train_accuracy", "val_loss", "val_accuracy", "val_f1"]
    assert [r["epochs"] for r in out["runs"]] == [3, 2]
    assert (tmp_path / "plots" / "c.png").stat().st_size > 1000
    with pytest.raises(QcogValueError, match="not recorded"):
        plot_learning_curves([hybrid], tmp_path / "x.png", ["val_bleu"])
    with pytest.raises(QcogValueError, match="at least one"):
        plot_learning_curves([], tmp_path / "x.png")
