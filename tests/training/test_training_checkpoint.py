import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.training.checkpoint import REQUIRED_KEYS, load_checkpoint, save_checkpoint


def _state():
    return {
        "epoch": 2,
        "model_state": {"w": torch.arange(3.0)},
        "optimizer_state": {"lr": 0.1},
        "best_state": {"w": torch.ones(3)},
        "history": [{"epoch": 1, "val_loss": 0.5}],
        "train_config": {"epochs": 3},
        "seed": 7,
        "rng": {"torch": torch.get_rng_state()},
        "meta": {"kind": "cnn", "model_config": {"channels": [6, 16]}},
    }


def test_round_trip_keeps_tensors_and_values(tmp_path):
    path = save_checkpoint(tmp_path / "sub" / "c.ckpt", _state())
    back = load_checkpoint(path)
    assert set(REQUIRED_KEYS) <= set(back)
    assert torch.equal(back["model_state"]["w"], torch.arange(3.0))
    assert torch.equal(back["rng"]["torch"], _state()["rng"]["torch"])
    assert back["meta"] == _state()["meta"] and back["seed"] == 7
    assert not (tmp_path / "sub" / "c.ckpt.tmp").exists()


def test_missing_keys_foreign_and_corrupt_files(tmp_path):
    with pytest.raises(QcogValueError, match="lacks"):
        save_checkpoint(tmp_path / "x.ckpt", {"epoch": 1})
    torch.save({"weights": 1}, tmp_path / "foreign.ckpt")
    with pytest.raises(QcogValueError, match="not a qcog checkpoint"):
        load_checkpoint(tmp_path / "foreign.ckpt")
    (tmp_path / "junk.ckpt").write_bytes(b"not a checkpoint")
    with pytest.raises(QcogValueError, match="not a readable"):
        load_checkpoint(tmp_path / "junk.ckpt")
    with pytest.raises(FileNotFoundError):
        load_checkpoint(tmp_path / "none.ckpt")
