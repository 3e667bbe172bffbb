import torch

from qcog.models.twins import ClassicalTwinLayer, core_layer, count_parameters, seeded


def test_twin_layer_is_tanh_of_affine_map():
    layer = ClassicalTwinLayer(3)
    x = torch.randn(5, 3)
    torch.testing.assert_close(layer(x), torch.tanh(x @ layer.linear.weight.T + layer.linear.bias))


def test_core_layer_quantum_matches_contract_and_is_seeded():
    a, b = core_layer(3, 2, quantum=True, seed=5), core_layer(3, 2, quantum=True, seed=5)
    x = torch.rand(4, 3)
    y = a(x)
    assert y.shape == (4, 3) and bool((y.abs() <= 1).all())
    torch.testing.assert_close(y, b(x))
    assert count_parameters(a) == 3 * 3 * 2  # strongly entangling: 3 angles per qubit per layer


def test_seeded_restores_the_callers_rng():
    torch.manual_seed(0)
    expected = torch.rand(1)
    torch.manual_seed(0)
    with seeded(123):
        torch.rand(5)
    assert torch.equal(torch.rand(1), expected)


def test_count_trainable_only():
    m = torch.nn.Linear(2, 2)
    m.bias.requires_grad_(False)
    assert count_parameters(m) == 6 and count_parameters(m, trainable_only=True) == 4
