"""The labelled-data container every qcog loader returns, and its validation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.exceptions import QcogValueError


@dataclass
class Dataset:
    """Labelled examples with their class names and provenance.

    Attributes:
        x: inputs; images as float32 ``(N, C, H, W)`` in [0, 1], text as an object array
            of strings ``(N,)``.
        y: integer class indices ``(N,)`` into ``classes``.
        classes: class names, index ``i`` is the name of class ``i``.
        name: short name of the source ("digits", "sentiment", a path).
        synthetic: True only for generated data; reported wherever the data are used.
        meta: provenance (source, licence, filters applied).

    >>> d = Dataset(np.zeros((2, 1, 2, 2), np.float32), np.array([0, 1]), ["a", "b"], "toy")
    >>> len(d), d.num_classes
    (2, 2)
    """

    x: np.ndarray
    y: np.ndarray
    classes: list[str]
    name: str
    synthetic: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.y)

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def subset(self, indices: np.ndarray) -> Dataset:
        """The examples at ``indices`` (same classes, name and provenance)."""
        return Dataset(
            self.x[indices],
            self.y[indices],
            list(self.classes),
            self.name,
            self.synthetic,
            dict(self.meta),
        )


def encode_labels(labels: Sequence[Any], source: str) -> tuple[np.ndarray, list[str]]:
    """Map raw labels to class indices (classes sorted by name).

    Args:
        labels: one label per example (strings or integers).
        source: where the labels came from, for error messages.

    Returns:
        ``(y, classes)``: int64 indices and the sorted class names.

    Raises:
        QcogValueError: no labels, or fewer than two distinct classes.

    >>> encode_labels(["pos", "neg", "pos"], "demo")
    (array([1, 0, 1]), ['neg', 'pos'])
    """
    raw = [str(label).strip() for label in labels]
    if not raw:
        raise QcogValueError(
            f"{source}: no examples found; a dataset needs labelled examples "
            "of at least two classes"
        )
    if any(label == "" for label in raw):
        raise QcogValueError(
            f"{source}: {sum(1 for r in raw if r == '')} example(s) have an empty "
            "label; every example needs a label"
        )
    classes = sorted(set(raw), key=_natural_key)
    if len(classes) < 2:
        raise QcogValueError(
            f"{source}: only one class ({classes[0]!r}) found; classification "
            "needs examples of at least two classes"
        )
    index = {name: i for i, name in enumerate(classes)}
    return np.array([index[label] for label in raw], dtype=np.int64), classes


def _natural_key(label: str) -> tuple:
    """Sort integer-like labels numerically ("2" before "10"), others by name."""
    return (0, int(label), "") if label.lstrip("-").isdigit() else (1, 0, label)
