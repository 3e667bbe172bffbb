import pytest
import torch
from torch import nn

from qcog.training.metrics import accuracy, macro_f1
from qcog.training.objectives import Classification, Objective
from qcog.training.trainer import TrainConfig, evaluate, fit


def test_classification_is_cross_entropy_accuracy_and_f1():
    logits = torch.tensor([[2.0, 0.1, 0.3], [0.2, 0.1, 1.5], [0.0, 3.0, 0.1], [1.0, 0.9, 0.0]])
    target = torch.tensor([0, 2, 2, 1])
    loss, pred, count = Classification(3).batch(nn.Identity(), logits, target)
    torch.testing.assert_close(loss, nn.functional.cross_entropy(logits, target))
    assert pred.tolist() == [0, 2, 1, 0] and count == 4
    scores = Classification(3).scores(pred, target)
    assert scores["accuracy"] == accuracy(target.numpy(), pred.numpy()) == 0.5
    assert scores["f1"] == pytest.approx(macro_f1(target.numpy(), pred.numpy(), 3))


class MeanAbsolute(Objective):
    """A toy regression objective: L1 loss, scored by the largest error."""

    metrics = ("max_error",)

    def batch(self, model, inputs, target):
        pred = model(inputs)[:, 0]
        return (pred - target).abs().mean(), pred, len(target)

    def scores(self, predictions, target):
        return {"max_error": float((predictions - target).abs().max())}


def test_fit_and_evaluate_follow_any_objective(tmp_path):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(64, 2, generator=g)
    y = 3 * x[:, 0] - x[:, 1]
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    config = TrainConfig(epochs=3, batch_size=16, lr=0.1, patience=None, progress=False)
    result = fit(model, (x, y), (x, y), 0, config, objective=MeanAbsolute())
    assert set(result.history[0]) == {
        "epoch",
        "train_loss",
        "train_max_error",
        "val_loss",
        "val_max_error",
        "seconds",
    }
    assert result.history[-1]["val_loss"] < result.history[0]["val_loss"]
    scores = evaluate(model, x, y, 0, objective=MeanAbsolute())
    with torch.no_grad():
        expected = (model(x)[:, 0] - y).abs()
    assert scores["loss"] == pytest.approx(float(expected.mean()), rel=1e-5)
    assert scores["max_error"] == pytest.approx(float(expected.max()), rel=1e-5)
