"""Images from the user: class folders of image files, ``.npz`` arrays, or numpy arrays."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qcog.data.dataset import Dataset, encode_labels
from qcog.exceptions import QcogValueError

#: Image file suffixes read from class folders (via Pillow).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".pgm")


def images_from_arrays(
    x: Any, y: Sequence[Any], name: str = "arrays", shape: tuple[int, int] | None = None
) -> Dataset:
    """A dataset from an image array and labels.

    Args:
        x: images ``(N, H, W)`` or ``(N, 1, H, W)`` (grayscale), any numeric dtype;
            scaled to [0, 1] by the array's maximum when that exceeds 1.
        y: one label per image (strings or integers).
        name: dataset name for messages.
        shape: required ``(H, W)``, if any.

    Returns:
        The dataset, images float32 ``(N, 1, H, W)``.

    Raises:
        QcogValueError: wrong number of dimensions, negative pixels, image count that
            differs from the label count, wrong ``(H, W)``, fewer than two classes.

    >>> d = images_from_arrays(np.ones((4, 8, 8)) * 255, [0, 1, 0, 1])
    >>> d.x.shape, float(d.x.max())
    ((4, 1, 8, 8), 1.0)
    """
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 3:
        x = x[:, None]  # (N, 1, H, W)
    if x.ndim != 4 or x.shape[1] != 1:
        raise QcogValueError(
            f"{name}: images have shape {x.shape}; expected (N, H, W) or "
            "(N, 1, H, W) grayscale images"
        )
    if len(x) != len(y):
        raise QcogValueError(
            f"{name}: {len(x)} images but {len(y)} labels; give one label per image"
        )
    if shape is not None and tuple(x.shape[2:]) != tuple(shape):
        raise QcogValueError(
            f"{name}: images are {x.shape[2]}x{x.shape[3]} pixels; this model "
            f"expects {shape[0]}x{shape[1]}"
        )
    if x.size and (not np.isfinite(x).all() or x.min() < 0):
        raise QcogValueError(f"{name}: pixel values must be finite and non-negative")
    labels, classes = encode_labels(list(y), name)
    peak = float(x.max()) if x.size else 1.0
    if peak > 1:
        x = x / peak
    return Dataset(x, labels, classes, name, meta={"source": name, "scale": max(peak, 1.0)})


def load_image_folder(path: str | Path, shape: tuple[int, int] | None = None) -> Dataset:
    """Grayscale images from ``path/<class name>/<image file>`` (needs Pillow).

    Args:
        path: a folder with one sub-folder per class.
        shape: required ``(H, W)``; by default all images must share the first one's size.

    Returns:
        The dataset (see :func:`images_from_arrays`).

    Raises:
        FileNotFoundError: no such folder.
        QcogValueError: no class folders or images, unreadable files, images of
            different or wrong sizes, one class only.
    """
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"image folder {root} does not exist")
    from PIL import Image

    images, labels = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for file in sorted(f for f in folder.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES):
            try:
                with Image.open(file) as img:
                    pixels = np.asarray(img.convert("L"), dtype=np.float32)
            except OSError as exc:
                raise QcogValueError(f"{file}: not a readable image ({exc})") from exc
            expected = shape or (images[0].shape if images else pixels.shape)
            if pixels.shape != tuple(expected):
                raise QcogValueError(
                    f"{file}: image is {pixels.shape[0]}x{pixels.shape[1]} pixels, "
                    f"expected {expected[0]}x{expected[1]} like the others; resize "
                    "all images to one size"
                )
            images.append(pixels)
            labels.append(folder.name)
    if not images:
        raise QcogValueError(
            f"{root}: no images found; expected {root}/<class>/<file> with "
            f"suffix {', '.join(IMAGE_SUFFIXES)}"
        )
    return images_from_arrays(np.stack(images), labels, name=str(root), shape=shape)


def load_image_arrays(path: str | Path, shape: tuple[int, int] | None = None) -> Dataset:
    """Images and labels from a ``.npz`` file with arrays ``x`` and ``y``.

    ``images``/``labels`` are accepted as the array names too.

    Raises:
        FileNotFoundError: no such file.
        QcogValueError: missing arrays, or bad arrays (see :func:`images_from_arrays`).
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"image array file {file} does not exist")
    try:
        arrays = np.load(file, allow_pickle=False)
    except (ValueError, OSError) as exc:
        raise QcogValueError(f"{file}: not a readable .npz file ({exc})") from exc
    if not hasattr(arrays, "files"):
        raise QcogValueError(
            f"{file}: a single array has no labels; save images and labels with "
            "numpy.savez(path, x=images, y=labels)"
        )
    x_key = next((k for k in ("x", "images") if k in arrays.files), None)
    y_key = next((k for k in ("y", "labels") if k in arrays.files), None)
    if x_key is None or y_key is None:
        raise QcogValueError(
            f"{file}: has arrays {arrays.files}; expected 'x' (images) and 'y' "
            "(labels), e.g. numpy.savez(path, x=images, y=labels)"
        )
    return images_from_arrays(arrays[x_key], arrays[y_key].tolist(), name=str(file), shape=shape)


def load_images(path: str | Path, shape: tuple[int, int] | None = None) -> Dataset:
    """Images from a class folder or an ``.npz`` file (chosen by what ``path`` is)."""
    path = Path(path)
    if path.suffix.lower() == ".npz":
        return load_image_arrays(path, shape)
    if path.is_dir() or not path.exists():
        return load_image_folder(path, shape)
    raise QcogValueError(f"{path}: expected a folder of class sub-folders or an .npz file")
