"""Training objectives of the sequence models (see :mod:`qcog.training.objectives`).

* :class:`Regression`: mean squared error on real-valued predictions; R^2 and RMSE.
* :class:`TeacherForcing`: an encoder-decoder sees the source and the target shifted
  right (``<bos> y_1 ... y_{T-1}``) and is scored by cross-entropy on the next tokens
  (``y_1 ... y_T``), padding excluded; token accuracy. On the test set it also decodes
  (greedy or beam search) and reports BLEU, chrF and exact match
  (:mod:`qcog.sequence.translation_scores`).

>>> import torch
>>> from torch import nn
>>> r = Regression()
>>> loss, pred, n = r.batch(nn.Identity(), torch.tensor([1.0, 2.0]), torch.tensor([1.0, 4.0]))
>>> float(loss), n
(2.0, 2)
>>> round(r.scores(pred, torch.tensor([1.0, 4.0]))["rmse"], 4)
1.4142
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from qcog.training.objectives import Objective


class Regression(Objective):
    """Mean squared error on predictions ``(B,)`` or ``(B, outputs)``; R^2 and RMSE.

    R^2 is ``1 - SSE / SST`` over the whole split (1: perfect, 0: no better than the
    split's mean); benchmarks report it in points (``100 R^2``).
    """

    metrics = ("r2", "rmse")

    def batch(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, int]:
        pred = model(inputs)
        return nn.functional.mse_loss(pred, target), pred, len(target)

    def scores(self, predictions: torch.Tensor, target: torch.Tensor) -> dict[str, float]:
        pred, truth = predictions.double(), target.double()
        sse = float(((pred - truth) ** 2).sum())
        sst = float(((truth - truth.mean()) ** 2).sum()) if len(truth) else 0.0
        return {
            "r2": 1 - sse / sst if sst > 0 else 0.0,
            "rmse": (sse / max(len(truth), 1)) ** 0.5,
        }


class TeacherForcing(Objective):
    """Next-token cross-entropy of an encoder-decoder given the shifted target.

    Args:
        vocabulary: the shared token list (``<pad>`` at 0, ``<bos>``, ``<eos>``).
        beam_size: beam width for the test-set decoding (1: greedy).
        max_len: longest decoded target, ``<bos>`` and ``<eos>`` included.
    """

    metrics = ("token_accuracy",)

    def __init__(self, vocabulary: list[str], beam_size: int = 1, max_len: int = 32) -> None:
        self.vocabulary = list(vocabulary)
        self.beam_size = beam_size
        self.max_len = max_len

    def batch(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, int]:
        gold = target[:, 1:]  # (B, T-1): what each position must predict
        logits = model(inputs, target[:, :-1])  # (B, T-1, V)
        real = gold != 0
        loss = nn.functional.cross_entropy(logits[real], gold[real])
        pred = logits.argmax(-1).masked_fill(~real, 0)  # (B, T-1), 0 at padding
        return loss, pred, int(real.sum())

    def scores(self, predictions: torch.Tensor, target: torch.Tensor) -> dict[str, float]:
        gold = target[:, 1:]
        real = gold != 0
        correct = int(((predictions == gold) & real).sum())
        return {"token_accuracy": correct / max(int(real.sum()), 1)}

    def test_scores(
        self, model: nn.Module, inputs: torch.Tensor, target: torch.Tensor, device: str = "cpu"
    ) -> dict[str, Any]:
        """Decode the test sources and score the texts: BLEU, chrF, exact match.

        The references are the target ids turned back into text; a target token that is
        not in the vocabulary (never seen in training) reads ``<unk>`` there too.
        """
        from qcog.sequence.decoding import translate
        from qcog.sequence.pairs import ids_to_text
        from qcog.sequence.translation_scores import translation_scores

        hypotheses = translate(model, inputs.to(device), self.max_len, beam_size=self.beam_size)
        texts = [ids_to_text(ids, self.vocabulary) for ids in hypotheses]
        references = [ids_to_text(row.tolist(), self.vocabulary) for row in target]
        scores = translation_scores(texts, references)
        return {**scores, "beam_size": self.beam_size}
