import numpy as np
import torch

from qcog.kernels.walsh import walsh_hadamard, z_word_signs


def test_walsh_hadamard_is_the_kronecker_product_of_hadamards():
    n = 3
    h = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    dense = np.kron(np.kron(h, h), h)
    psi = torch.randn(4, 2**n, dtype=torch.complex128, generator=torch.Generator().manual_seed(1))
    np.testing.assert_allclose(walsh_hadamard(psi, n).numpy(), psi.numpy() @ dense.T, atol=1e-12)


def test_z_word_signs_follow_pennylane_bit_order():
    signs = z_word_signs([(0,), (2,), (0, 1)], 3, torch.zeros(1, dtype=torch.float64)).numpy()
    for index in range(8):
        bits = [(index >> (2 - w)) & 1 for w in range(3)]  # wire 0 most significant
        expected = [(-1) ** bits[0], (-1) ** bits[2], (-1) ** (bits[0] + bits[1])]
        assert signs[:, index].tolist() == expected
    assert z_word_signs([], 2, torch.zeros(1)).shape == (0, 4)
