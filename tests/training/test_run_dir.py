"""The run folder: no silent overwrite, problems found early, metrics written as CSV."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.training import run_dir as run_dir_module
from qcog.training.run_dir import METRIC_COLUMNS, RunDir, read_metrics

ROW = {"epoch": 1, "train_loss": 0.5, "train_accuracy": 0.75, "val_loss": 0.625,
       "val_accuracy": 0.5, "val_f1": 0.25, "seconds": 0.125}


def test_new_folder_is_created_with_parents(tmp_path):
    run = RunDir.prepare(tmp_path / "a" / "b")
    assert run.path.is_dir() and run.checkpoint == tmp_path / "a" / "b" / "checkpoint.ckpt"


def test_existing_run_is_not_overwritten(tmp_path):
    (tmp_path / "checkpoint.ckpt").write_bytes(b"x")
    with pytest.raises(QcogValueError, match="already holds a training run.*--resume.*--force"):
        RunDir.prepare(tmp_path)
    assert RunDir.prepare(tmp_path, force=True).path == tmp_path
    assert RunDir.prepare(tmp_path, resume=tmp_path / "checkpoint.ckpt").path == tmp_path


def test_resuming_another_runs_checkpoint_into_a_used_folder_is_refused(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "checkpoint.ckpt").write_bytes(b"x")
    with pytest.raises(QcogValueError, match="already holds"):
        RunDir.prepare(tmp_path / "old", resume=tmp_path / "other" / "checkpoint.ckpt")


def test_a_file_in_the_way(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(QcogValueError, match="output folder .*file is a file"):
        RunDir.prepare(tmp_path / "file")
    with pytest.raises(QcogValueError, match=r"lies under .*file, which is a file"):
        RunDir.prepare(tmp_path / "file" / "run")


def test_unwritable_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(run_dir_module.os, "access", lambda path, mode: False)
    with pytest.raises(QcogValueError, match="is not writable"):
        RunDir.prepare(tmp_path / "run")


def test_metrics_round_trip(tmp_path):
    run = RunDir.prepare(tmp_path)
    run.write_metrics([ROW, {**ROW, "epoch": 2, "extra": "ignored"}])
    lines = run.metrics.read_text().splitlines()
    assert lines[0] == ",".join(METRIC_COLUMNS) and len(lines) == 3
    rows = read_metrics(run.metrics)
    assert rows[0] == ROW and rows[1]["epoch"] == 2


def test_result_json(tmp_path):
    import json

    run = RunDir.prepare(tmp_path)
    run.write_result({"test_accuracy": 0.9, "path": tmp_path})
    assert json.loads(run.result.read_text())["test_accuracy"] == 0.9
