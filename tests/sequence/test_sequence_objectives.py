import torch
from torch import nn

from qcog.sequence.objectives import Regression, TeacherForcing


def test_regression_scores_match_sklearn():
    from sklearn.metrics import mean_squared_error, r2_score

    pred, truth = [0.1, 0.5, 0.9, 0.3], [0.0, 0.6, 1.0, 0.2]
    scores = Regression().scores(torch.tensor(pred), torch.tensor(truth))
    assert abs(scores["r2"] - r2_score(truth, pred)) < 1e-6
    assert abs(scores["rmse"] - mean_squared_error(truth, pred) ** 0.5) < 1e-6


class NextId(nn.Module):
    """A toy 'translator' whose logits favour the decoder-input token plus one (mod 8)."""

    def forward(self, src, tgt_in):
        return nn.functional.one_hot((tgt_in + 1) % 8, 8).float() * 5


def test_teacher_forcing_shifts_the_target_and_ignores_padding():
    target = torch.tensor([[2, 3, 4, 0], [2, 5, 7, 3]])  # <bos> ... <eos>, 0 = <pad>
    objective = TeacherForcing(["<pad>", "<unk>", "<bos>", "<eos>", "a", "b", "c", "d"])
    loss, pred, count = objective.batch(NextId(), torch.zeros(2, 1, dtype=torch.long), target)
    assert count == 5  # real next tokens: 3, 4 | 5, 7, 3
    assert pred.tolist() == [[3, 4, 0], [3, 6, 0]]  # inputs 2,3,(4) | 2,5,7 plus one; 0 at padding
    logits = NextId()(None, target[:, :-1])
    gold, real = target[:, 1:], target[:, 1:] != 0
    torch.testing.assert_close(loss, nn.functional.cross_entropy(logits[real], gold[real]))
    assert objective.scores(pred, target)["token_accuracy"] == 2 / 5
