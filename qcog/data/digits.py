"""scikit-learn's 8x8 handwritten digits, as a qcog image dataset."""

from __future__ import annotations

import numpy as np

from qcog.data.dataset import Dataset


def load_digits_dataset() -> Dataset:
    """The 1,797 8x8 digit images that ship with scikit-learn (UCI optdigits test set).

    Returns:
        Images ``(1797, 1, 8, 8)`` float32 scaled to [0, 1] (pixel values 0..16 / 16),
        labels 0..9, classes ``"0"`` .. ``"9"``.

    >>> d = load_digits_dataset()
    >>> d.x.shape, d.num_classes, float(d.x.max())
    ((1797, 1, 8, 8), 10, 1.0)
    """
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = (bunch.images.astype(np.float32) / 16.0)[:, None]  # (N, 1, 8, 8)
    return Dataset(
        x,
        bunch.target.astype(np.int64),
        [str(i) for i in range(10)],
        "digits",
        meta={
            "source": "sklearn.datasets.load_digits (UCI optdigits)",
            "licence": "CC BY 4.0 (UCI ML repository)",
        },
    )
