import torch

from qcog.sequence.circuit_bank import CircuitBank


def test_circuit_bank_batched_equals_one_call_per_circuit():
    bank = CircuitBank(4, n_qubits=3, n_layers=2, seed=2)
    angles = torch.randn(5, 3, requires_grad=True)
    batched = bank(angles)
    separate = torch.stack([c(angles) for c in bank.circuits])
    torch.testing.assert_close(batched, separate, atol=1e-6, rtol=1e-5)
    (g_batched,) = torch.autograd.grad(batched.square().sum(), angles)
    (g_separate,) = torch.autograd.grad(separate.square().sum(), angles)
    torch.testing.assert_close(g_batched, g_separate, atol=1e-5, rtol=1e-4)


def test_other_engines_run_one_circuit_after_another():
    bank = CircuitBank(2, n_qubits=2, seed=4, engine="default.qubit")
    fast = CircuitBank(2, n_qubits=2, seed=4)
    angles = torch.randn(3, 2)
    torch.testing.assert_close(bank(angles), fast(angles), atol=1e-5, rtol=1e-4)
