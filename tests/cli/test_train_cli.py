import json

import numpy as np
import pytest

from qcog.cli import main
from qcog.cli.train import parse_blocks
from qcog.exceptions import QcogValueError


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_train_json_then_evaluate(tmp_path, capsys):
    args = [
        "train",
        "cnn",
        "--classical",
        "--epochs",
        "1",
        "--limit",
        "200",
        "--out",
        str(tmp_path),
        "--no-progress",
        "--threads",
        "1",
        "--json",
    ]
    assert main(args) == 0
    trained = _json(capsys)
    assert trained["kind"] == "cnn" and trained["model"] == "classical twin"
    assert trained["epochs_run"] == 1 and trained["checkpoint"].endswith("checkpoint.ckpt")
    assert main(["evaluate", trained["checkpoint"], "--json"]) == 0
    scored = _json(capsys)
    assert scored["test_accuracy"] == pytest.approx(trained["test_accuracy"])
    assert main(["evaluate", trained["checkpoint"]]) == 0
    assert "test: loss" in capsys.readouterr().out


def test_resume_continues_and_text_output(tmp_path, capsys):
    base = [
        "train",
        "quanv",
        "--classical",
        "--limit",
        "200",
        "--out",
        str(tmp_path),
        "--no-progress",
    ]
    assert main(base + ["--epochs", "1", "--json"]) == 0
    capsys.readouterr()
    assert main(base + ["--epochs", "2", "--resume", str(tmp_path / "checkpoint.ckpt")]) == 0
    out = capsys.readouterr().out
    assert "quanv (classical twin" in out and "best epoch" in out
    assert [line.split()[0] for line in out.splitlines()[2:4]] == ["1", "2"]


def test_user_csv_transformer_with_blocks(tmp_path, capsys):
    rows = ["text,label"] + [
        f"{w} {w} day,{lab}" for w, lab in [("good", "pos"), ("bad", "neg")] * 15
    ]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n")
    assert (
        main(
            [
                "train",
                "transformer",
                "--data",
                str(tmp_path / "t.csv"),
                "--blocks",
                "cq",
                "--epochs",
                "1",
                "--out",
                str(tmp_path / "run"),
                "--no-progress",
                "--json",
            ]
        )
        == 0
    )
    r = _json(capsys)
    assert r["model_config"]["blocks"] == [["classical", "quantum"]]
    assert r["data"]["classes"] == ["neg", "pos"]


@pytest.mark.parametrize(
    "files, extra, message",
    [
        ({"e.csv": ""}, ["transformer", "--data", "{d}/e.csv"], "empty"),
        (
            {"c.csv": "sentence,label\na,x\nb,y\n"},
            ["transformer", "--data", "{d}/c.csv"],
            "missing column",
        ),
        ({}, ["cnn", "--data", "{d}/none"], "does not exist"),
        ({}, ["cnn", "--blocks", "qq"], "transformer only"),
        ({}, ["transformer", "--blocks", "qx"], "two letters"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, files, extra, message):
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    args = (
        ["train"]
        + [a.format(d=tmp_path) for a in extra]
        + ["--out", str(tmp_path / "o"), "--no-progress"]
    )
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_wrong_image_shape_in_npz(tmp_path, capsys):
    np.savez(tmp_path / "a.npz", x=np.zeros((4, 3, 8, 8)), y=[0, 1, 0, 1])
    assert (
        main(["train", "cnn", "--data", str(tmp_path / "a.npz"), "--out", str(tmp_path / "o")]) == 2
    )
    assert "grayscale" in capsys.readouterr().err


def test_evaluate_missing_checkpoint(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nope.ckpt")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_parse_blocks():
    assert parse_blocks("qq, cc") == [["quantum", "quantum"], ["classical", "classical"]]
    with pytest.raises(QcogValueError):
        parse_blocks("q")


def test_sequence_kinds_train_evaluate_and_plot_curves(tmp_path, capsys):
    common = ["--epochs", "1", "--no-progress", "--threads", "1"]
    hybrid, twin = tmp_path / "hybrid", tmp_path / "twin"
    assert main(["train", "qlstm", "--data", "bessel:2", "--out", str(hybrid), "--json", *common]) == 0
    trained = _json(capsys)
    assert trained["kind"] == "qlstm" and "test_r2" in trained and trained["model"] == "hybrid"
    assert main(["train", "qlstm", "--data", "bessel:2", "--classical", "--out", str(twin), *common]) == 0
    text = capsys.readouterr().out
    assert "val r2" in text and "test loss" in text and "rmse" in text
    checkpoints = [str(hybrid / "checkpoint.ckpt"), str(twin / "checkpoint.ckpt")]
    png = tmp_path / "curves.png"
    assert main(["curves", *checkpoints, "--out", str(png), "--metric", "val_r2", "--json"]) == 0
    curves = _json(capsys)
    assert png.stat().st_size > 1000 and curves["metrics"] == ["val_r2"]
    assert [r["label"].split(" (")[0] for r in curves["runs"]] == ["qlstm hybrid", "qlstm twin"]
    assert main(["curves", checkpoints[0], "--metric", "val_bleu"]) == 2
    assert "not recorded" in capsys.readouterr().err

    out = tmp_path / "s2s"
    assert main(["train", "seq2seq", "--limit", "40", "--out", str(out), "--json", *common]) == 0
    assert "test_bleu" in _json(capsys)
    assert main(["evaluate", str(out / "checkpoint.ckpt"), "--beam", "2"]) == 0
    assert "bleu" in capsys.readouterr().out


def test_sequence_flags_are_checked(capsys):
    assert main(["train", "cnn", "--method", "lora", "--epochs", "1"]) == 2
    assert "--method applies to adapter only" in capsys.readouterr().err
    assert main(["train", "qlstm", "--data", "dates:en-de", "--epochs", "1"]) == 2
    assert "qlstm takes a series" in capsys.readouterr().err
