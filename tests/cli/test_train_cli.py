import json

import numpy as np
import pytest

from qcog.cli import main
from qcog.cli.train import parse_blocks
from qcog.exceptions import QcogValueError
from qcog.testing.cli import cli_status


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
    assert "quanv (classical twin" in out and "best epoch" in out and "resumed after epoch 1" in out
    assert out.splitlines()[0].split()[0] == "epoch"
    assert out.splitlines()[1].split()[0] == "2"  # only the new epoch is trained and printed


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


# --- hardening (issue 12): every error class is one line, found before the data load ------

QUICK = ["--classical", "--limit", "200", "--no-progress", "--threads", "1"]


@pytest.fixture
def no_data(monkeypatch):
    """Fail the test if a command loads data before refusing its arguments."""

    def refuse(*args, **kwargs):
        raise AssertionError("data were loaded before the arguments were checked")

    monkeypatch.setattr("qcog.training.experiment.prepare_data", refuse)


def _one_line_error(capsys, argv, message):
    assert cli_status(argv) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--batch-size", "0"], "argument --batch-size: must be an integer >= 1, got '0'"),
        (["--lr", "0"], "argument --lr: must be a number > 0, got '0'"),
        (["--lr", "nan"], "argument --lr: must be a number > 0, got 'nan'"),
        (["--epochs", "0"], "argument --epochs: must be an integer >= 1"),
        (["--threads", "0"], "argument --threads: must be an integer >= 1"),
        (["--seed", "-1"], "argument --seed: must be an integer in 0..4294967295"),
        (["--patience", "-2"], "argument --patience: must be an integer >= 0"),
        (["--qubits", "0"], "argument --qubits: must be an integer >= 1"),
        (["--device", "foo"], "device preference must be 'auto', 'cpu', 'cuda' or 'cuda:<n>'"),
        (["--qubits", "40", "--engine", "torch"], "a 40-qubit quantum layer"),
        (["--quantum-typo"], "unrecognized arguments: --quantum-typo"),
    ],
)
def test_bad_values_refused_before_data(tmp_path, capsys, no_data, extra, message):
    argv = ["train", "cnn", "--out", str(tmp_path / "run"), "--no-progress", *extra]
    _one_line_error(capsys, argv, message)


def test_cuda_without_cuda_is_one_line(tmp_path, capsys, no_data):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    argv = ["train", "cnn", "--device", "cuda", "--out", str(tmp_path / "run")]
    _one_line_error(capsys, argv, "device 'cuda' asked for but torch sees no CUDA GPU")
    _one_line_error(capsys, ["evaluate", str(tmp_path), "--device", "cuda:1"], "cuda")


def test_api_refuses_zero_batch_size_and_lr_instead_of_defaults(no_data):
    from qcog.training.experiment import train_model

    for kwargs, name in (({"batch_size": 0}, "batch_size"), ({"lr": 0.0}, "lr")):
        with pytest.raises(QcogValueError, match=name):
            train_model("cnn", progress=False, **kwargs)


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "truncated or corrupt"),
        (b"PK\x03\x04 half a zip", "truncated or corrupt"),
        (None, "safe loader refused it"),
    ],
)
def test_resume_from_bad_checkpoint(tmp_path, capsys, no_data, content, message):
    path = tmp_path / "checkpoint.ckpt"
    if content is None:
        import torch

        torch.save({"model": QcogValueError("not a tensor")}, path)
    else:
        path.write_bytes(content)
    _one_line_error(capsys, ["train", "cnn", "--resume", str(path)], message)
    assert "weights_only" not in capsys.readouterr().err


def test_resume_from_a_folder_names_the_file(tmp_path, capsys, no_data):
    (tmp_path / "checkpoint.ckpt").write_bytes(b"")
    message = f"is a folder; give the checkpoint file, e.g. {tmp_path / 'checkpoint.ckpt'}"
    _one_line_error(capsys, ["train", "cnn", "--resume", str(tmp_path)], message)


def test_output_paths_that_cannot_be_used(tmp_path, capsys, no_data):
    (tmp_path / "file").write_text("x")
    _one_line_error(capsys, ["train", "cnn", "--out", str(tmp_path / "file")], "is a file")
    under = ["train", "cnn", "--output", str(tmp_path / "file" / "run")]  # --output: an alias
    _one_line_error(capsys, under, "which is a file")


def test_epochs_print_as_they_end_and_metrics_sit_next_to_the_checkpoint(tmp_path, capsys):
    from qcog.training.run_dir import read_metrics

    run = tmp_path / "run"
    assert main(["train", "cnn", "--epochs", "2", "--out", str(run), *QUICK]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["epoch", "train"]
    assert [line.split()[0] for line in lines[1:3]] == ["1", "2"]
    assert any(line.startswith("metrics: ") for line in lines)
    rows = read_metrics(run / "metrics.csv")
    result = json.loads((run / "result.json").read_text())
    assert [r["epoch"] for r in rows] == [1, 2]
    assert [r["val_loss"] for r in rows] == pytest.approx([h["val_loss"] for h in result["history"]])
    assert (run / "checkpoint.ckpt").is_file()


def test_json_mode_prints_epochs_on_stderr(tmp_path, capsys):
    assert main(["train", "cnn", "--epochs", "1", "--out", str(tmp_path), "--json", *QUICK]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["epochs_run"] == 1  # stdout: one JSON object
    assert captured.err.splitlines()[1].split()[0] == "1"


def test_no_overwrite_without_resume_or_force_then_resume_defaults(tmp_path, capsys):
    run = tmp_path / "run"
    assert main(["train", "cnn", "--epochs", "1", "--out", str(run), *QUICK]) == 0
    capsys.readouterr()
    _one_line_error(
        capsys,
        ["train", "cnn", "--epochs", "1", "--out", str(run), *QUICK],
        "already holds a training run (checkpoint.ckpt); continue it with --resume",
    )
    # --resume without --out continues in the checkpoint's folder
    ckpt = str(run / "checkpoint.ckpt")
    assert main(["train", "cnn", "--resume", ckpt, "--epochs", "2", "--json", *QUICK]) == 0
    resumed = json.loads(capsys.readouterr().out)
    assert resumed["checkpoint"] == ckpt and resumed["resumed_from_epoch"] == 1
    assert resumed["epochs_run"] == 2 and resumed["note"] == ""
    # the run has its 2 epochs: nothing left to train
    assert main(["train", "cnn", "--resume", ckpt, "--epochs", "2", *QUICK]) == 0
    assert "note: nothing left to train: the checkpoint has 2 epochs" in capsys.readouterr().out
    # changing the optimiser of a resumed run is refused
    _one_line_error(
        capsys, ["train", "cnn", "--resume", ckpt, "--lr", "0.5"], "lr cannot change when resuming"
    )
    assert main(["train", "cnn", "--epochs", "1", "--out", str(run), "--force", *QUICK]) == 0


def test_resume_of_an_early_stopped_run_says_nothing_left(tmp_path, capsys):
    from qcog.training.checkpoint import load_checkpoint, save_checkpoint

    run = tmp_path / "run"
    assert main(["train", "cnn", "--epochs", "1", "--out", str(run), *QUICK]) == 0
    ckpt = run / "checkpoint.ckpt"
    state = load_checkpoint(ckpt)
    state["stopped_early"] = True
    save_checkpoint(ckpt, state)
    capsys.readouterr()
    assert main(["train", "cnn", "--resume", str(ckpt), "--epochs", "5", "--json", *QUICK]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["note"].startswith("nothing left to train: this run stopped early at epoch 1")
    assert out["epochs_run"] == 1


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
