import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.models.twins import count_parameters
from qcog.sequence.recurrent import RecurrentConfig, RecurrentModel, twin_hidden_size


@pytest.mark.parametrize(
    "fields",
    [{}, {"hidden_size": 6, "num_layers": 2}, {"vocab_size": 50, "num_classes": 3}],
)
def test_twin_is_the_lstm_closest_in_size(fields):
    hybrid = RecurrentModel(RecurrentConfig(**fields))
    twin = RecurrentModel(RecurrentConfig(**fields, quantum=False))
    assert isinstance(twin.core, torch.nn.LSTM)
    best = abs(count_parameters(twin) - count_parameters(hybrid))
    for other in (twin.hidden_size - 1, twin.hidden_size + 1):  # neighbours are no closer
        sizes = RecurrentModel(RecurrentConfig(**fields, quantum=False))
        sizes.core = torch.nn.LSTM(sizes.core.input_size, other, sizes.core.num_layers)
        sizes.head = torch.nn.Linear(other, sizes.head.out_features)
        assert abs(count_parameters(sizes) - count_parameters(hybrid)) >= best
    assert twin.hidden_size == twin_hidden_size(RecurrentConfig(**fields))


def test_padding_does_not_change_text_predictions():
    model = RecurrentModel(RecurrentConfig(vocab_size=20, num_classes=2, n_qubits=2, n_layers=1))
    ids = torch.tensor([[2, 5, 7, 9], [2, 11, 0, 0]])
    padded = torch.cat([ids, torch.zeros(2, 3, dtype=torch.long)], dim=1)
    torch.testing.assert_close(model(padded), model(ids))
    torch.testing.assert_close(model(ids[1:, :2]), model(ids)[1:])


def test_series_inputs_with_or_without_a_feature_axis():
    model = RecurrentModel(RecurrentConfig(n_qubits=2, n_layers=1))
    x = torch.rand(3, 4)
    torch.testing.assert_close(model(x), model(x[..., None]))
    assert model(x).shape == (3,)
    two = RecurrentModel(RecurrentConfig(n_qubits=2, n_layers=1, outputs=2, quantum=False))
    assert two(x).shape == (3, 2)


@pytest.mark.parametrize(
    "fields, x, match",
    [
        ({}, torch.rand(2, 40), "longer than the model's maximum"),
        ({}, torch.rand(0, 4), "non-empty batch"),
        ({}, torch.ones(2, 4, dtype=torch.long), "real-valued"),
        ({"vocab_size": 9, "num_classes": 2}, torch.rand(2, 4), "token ids"),
    ],
)
def test_bad_inputs(fields, x, match):
    with pytest.raises(QcogValueError, match=match):
        RecurrentModel(RecurrentConfig(**fields, n_qubits=2, n_layers=1))(x)
