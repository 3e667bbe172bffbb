"""What a training run minimises and reports: the loss and the scores of one kind of task.

The trainer (:func:`qcog.training.trainer.fit`) and :func:`~qcog.training.trainer.evaluate`
work with any object that has the methods of :class:`Objective`. Classification (the
default) is here; the sequence models add regression and teacher-forced translation
objectives in :mod:`qcog.sequence.objectives`.

>>> import torch
>>> from torch import nn
>>> objective = Classification(num_classes=2)
>>> loss, predictions, count = objective.batch(nn.Identity(), torch.eye(2), torch.tensor([0, 0]))
>>> predictions.tolist(), count
([0, 1], 2)
>>> objective.scores(predictions, torch.tensor([0, 0]))
{'accuracy': 0.5, 'f1': 0.3333333333333333}
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from qcog.training.metrics import accuracy, macro_f1


class Objective:
    """The interface of a training objective (subclass it and fill in the three parts).

    Attributes:
        metrics: names of the scores :meth:`scores` returns; the first is the headline
            (``train_<first>`` is recorded every epoch, ``val_<each>`` after validation).
    """

    metrics: tuple[str, ...] = ()

    def batch(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, int]:
        """Run ``model`` on one mini-batch.

        Returns:
            ``(loss, predictions, count)``: the mean loss over the batch's ``count`` loss
            terms (examples, or tokens), and the predictions :meth:`scores` reads.
        """
        raise NotImplementedError

    def scores(self, predictions: torch.Tensor, target: torch.Tensor) -> dict[str, float]:
        """The scores named in :attr:`metrics` from all predictions and targets of a split."""
        raise NotImplementedError

    def test_scores(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor, device: str = "cpu"
    ) -> dict[str, Any]:
        """Extra test-set scores that need more than one forward pass (e.g. decoding)."""
        return {}


class Classification(Objective):
    """Cross-entropy on class logits ``(B, classes)``; accuracy and macro F1.

    Args:
        num_classes: number of classes (for macro F1).
    """

    metrics = ("accuracy", "f1")

    def __init__(self, num_classes: int) -> None:
        self.num_classes = num_classes

    def batch(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, int]:
        logits = model(inputs)
        loss = nn.functional.cross_entropy(logits, target)
        return loss, logits.argmax(1), len(target)

    def scores(self, predictions: torch.Tensor, target: torch.Tensor) -> dict[str, float]:
        truth, pred = target.cpu().numpy(), predictions.cpu().numpy()
        return {"accuracy": accuracy(truth, pred), "f1": macro_f1(truth, pred, self.num_classes)}
