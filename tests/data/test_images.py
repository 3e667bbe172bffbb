import numpy as np
import pytest

from qcog.data.images import images_from_arrays, load_image_arrays, load_image_folder, load_images
from qcog.exceptions import QcogValueError


def _write_pngs(root, shapes_by_class):
    from PIL import Image

    rng = np.random.default_rng(0)
    for label, shapes in shapes_by_class.items():
        (root / label).mkdir(parents=True)
        for i, shape in enumerate(shapes):
            Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8)).save(
                root / label / f"{i}.png"
            )


def test_folder_images_are_read_with_class_names_and_scaled(tmp_path):
    _write_pngs(tmp_path, {"cat": [(8, 8)] * 2, "dog": [(8, 8)] * 3})
    d = load_images(tmp_path)
    assert d.x.shape == (5, 1, 8, 8) and d.classes == ["cat", "dog"]
    assert d.y.tolist() == [0, 0, 1, 1, 1]
    assert 0 <= d.x.min() and d.x.max() == 1.0


def test_folder_with_image_of_other_size_is_rejected(tmp_path):
    _write_pngs(tmp_path, {"a": [(8, 8)], "b": [(8, 8), (6, 8)]})
    with pytest.raises(QcogValueError, match="6x8 pixels, expected 8x8"):
        load_image_folder(tmp_path)


def test_required_shape_is_checked(tmp_path):
    with pytest.raises(QcogValueError, match="expects 8x8"):
        images_from_arrays(np.zeros((2, 6, 6)), [0, 1], shape=(8, 8))


@pytest.mark.parametrize(
    "x, y, message",
    [
        (np.zeros((2, 3, 8, 8)), [0, 1], "grayscale"),
        (np.zeros((3, 8, 8)), [0, 1], "3 images but 2 labels"),
        (np.zeros((2, 8, 8)), [1, 1], "only one class"),
        (-np.ones((2, 8, 8)), [0, 1], "non-negative"),
    ],
)
def test_bad_arrays_are_rejected(x, y, message):
    with pytest.raises(QcogValueError, match=message):
        images_from_arrays(x, y)


def test_npz_arrays_round_trip_and_missing_keys(tmp_path):
    x = np.arange(4 * 64).reshape(4, 8, 8)
    np.savez(tmp_path / "ok.npz", images=x, labels=np.array(["a", "b", "a", "b"]))
    d = load_image_arrays(tmp_path / "ok.npz")
    np.testing.assert_allclose(d.x[:, 0], x / x.max())
    np.savez(tmp_path / "bad.npz", pixels=x)
    with pytest.raises(QcogValueError, match="expected 'x'"):
        load_images(tmp_path / "bad.npz")
    with pytest.raises(FileNotFoundError):
        load_images(tmp_path / "missing.npz")


def test_empty_folder_is_rejected(tmp_path):
    with pytest.raises(QcogValueError, match="no images found"):
        load_image_folder(tmp_path)
