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


class _Opaque:
    """Any class: torch.save pickles it, the safe loader refuses it."""


def test_truncated_file_is_named_truncated(tmp_path):
    path = save_checkpoint(tmp_path / "c.ckpt", _state())
    data = path.read_bytes()
    for cut in (0, 100, len(data) // 2, len(data) - 10):
        path.write_bytes(data[:cut])
        with pytest.raises(QcogValueError, match="truncated or corrupt") as info:
            load_checkpoint(path)
        assert str(path) in str(info.value)


def test_file_with_arbitrary_objects_is_refused_without_unsafe_advice(tmp_path):
    path = tmp_path / "evil.ckpt"
    torch.save({**_state(), "format": "qcog-checkpoint/1", "payload": _Opaque()}, path)
    with pytest.raises(QcogValueError, match="safe loader refused it") as info:
        load_checkpoint(path)
    message = str(info.value)
    assert "weights_only" not in message and "arbitrary code" not in message.lower()
    assert "\n" not in message


def test_folder_and_incomplete_checkpoint(tmp_path):
    save_checkpoint(tmp_path / "checkpoint.ckpt", _state())
    with pytest.raises(QcogValueError, match="is a folder; give the checkpoint file, e.g."):
        load_checkpoint(tmp_path)
    partial = {k: v for k, v in _state().items() if k != "rng"}
    torch.save({"format": "qcog-checkpoint/1", **partial}, tmp_path / "partial.ckpt")
    with pytest.raises(QcogValueError, match=r"incomplete qcog checkpoint, it lacks \['rng'\]"):
        load_checkpoint(tmp_path / "partial.ckpt")
