import numpy as np

from qcog.data.digits import load_digits_dataset


def test_digits_match_sklearn_pixels_and_labels():
    from sklearn.datasets import load_digits

    d, ref = load_digits_dataset(), load_digits()
    assert d.x.dtype == np.float32 and d.x.shape == (1797, 1, 8, 8)
    np.testing.assert_allclose(d.x[:, 0] * 16, ref.images)
    assert np.array_equal(d.y, ref.target) and d.classes == [str(i) for i in range(10)]
    assert not d.synthetic
