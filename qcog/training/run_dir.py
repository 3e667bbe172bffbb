"""The run folder of a training run: its checkpoint, per-epoch metrics and final result.

``OUT/checkpoint.ckpt`` is written after every epoch (:mod:`qcog.training.checkpoint`),
``OUT/metrics.csv`` is rewritten with the whole history after every epoch, and
``OUT/result.json`` holds the final report. A folder that already holds a run is not
overwritten unless the run is resumed from it or ``force`` is given; problems with the
folder (a file in the way, no write permission) are found before any data is loaded.

>>> import tempfile
>>> run = RunDir.prepare(tempfile.mkdtemp())
>>> run.checkpoint.name, run.metrics.name
('checkpoint.ckpt', 'metrics.csv')
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError

CHECKPOINT_NAME = "checkpoint.ckpt"
METRICS_NAME = "metrics.csv"
RESULT_NAME = "result.json"
#: Columns of metrics.csv, in order (one row per epoch).
METRIC_COLUMNS = (
    "epoch",
    "train_loss",
    "train_accuracy",
    "val_loss",
    "val_accuracy",
    "val_f1",
    "seconds",
)


@dataclass(frozen=True)
class RunDir:
    """A checked, writable run folder."""

    path: Path

    @property
    def checkpoint(self) -> Path:
        return self.path / CHECKPOINT_NAME

    @property
    def metrics(self) -> Path:
        return self.path / METRICS_NAME

    @property
    def result(self) -> Path:
        return self.path / RESULT_NAME

    @classmethod
    def prepare(
        cls, path: str | Path, resume: str | Path | None = None, force: bool = False
    ) -> RunDir:
        """Create (or reuse) the folder, refusing to overwrite another run.

        Args:
            path: the run folder.
            resume: the checkpoint being resumed; its own folder may be reused.
            force: overwrite a run that is already in ``path``.

        Raises:
            QcogValueError: ``path`` is a file or lies under one, cannot be written, or
                holds another run (and neither ``resume`` points into it nor ``force``).
        """
        folder = Path(path)
        _make_writable_folder(folder)
        run = cls(folder)
        same = resume is not None and _same_file(Path(resume), run.checkpoint)
        if run.checkpoint.exists() and not same and not force:
            raise QcogValueError(
                f"{folder} already holds a training run ({CHECKPOINT_NAME}); continue it with "
                f"--resume {run.checkpoint}, overwrite it with --force, or choose another --out"
            )
        return run

    def write_metrics(self, history: list[dict[str, Any]]) -> Path:
        """Rewrite ``metrics.csv`` with every epoch so far (atomically).

        The columns are those of the history rows (:data:`METRIC_COLUMNS` for
        classification; other training objectives record other scores).
        """
        tmp = self.metrics.with_name(METRICS_NAME + ".tmp")
        columns = list(history[0]) if history else list(METRIC_COLUMNS)
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(history)
        os.replace(tmp, self.metrics)
        return self.metrics

    def write_result(self, report: dict[str, Any]) -> Path:
        """Write the final report as ``result.json``."""
        self.result.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        return self.result


def read_metrics(path: str | Path) -> list[dict[str, float]]:
    """The rows of a ``metrics.csv`` as numbers (``epoch`` as int).

    >>> import tempfile
    >>> run = RunDir.prepare(tempfile.mkdtemp())
    >>> _ = run.write_metrics([{"epoch": 1, "train_loss": 0.5, "train_accuracy": 0.8,
    ...     "val_loss": 0.6, "val_accuracy": 0.7, "val_f1": 0.7, "seconds": 0.1}])
    >>> read_metrics(run.metrics)[0]["val_loss"]
    0.6
    """
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            {k: int(v) if k == "epoch" else float(v) for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


def _make_writable_folder(folder: Path) -> None:
    """Create ``folder``; name the path and the fix when that cannot be done."""
    if folder.exists() and not folder.is_dir():
        raise QcogValueError(f"output folder {folder} is a file; choose a folder with --out")
    blocker = next((p for p in folder.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise QcogValueError(
            f"output folder {folder} lies under {blocker}, which is a file; choose another --out"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QcogValueError(
            f"cannot create output folder {folder}: {exc.strerror}; choose another --out"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise QcogValueError(
            f"output folder {folder} is not writable (permission denied); choose another --out"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
