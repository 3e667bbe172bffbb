"""``qcog train KIND`` and ``qcog evaluate CKPT``: hybrid models and their classical twins."""

from __future__ import annotations

import argparse
from typing import Any

#: Model kinds (kept here too so the parser does not import torch).
KINDS = ("cnn", "quanv", "transformer", "qlstm", "seq2seq", "adapter")
_BLOCK_LETTERS = {"q": "quantum", "c": "classical"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``train`` and ``evaluate`` commands."""
    from qcog.cli.argtypes import nonnegative_int, positive_float, positive_int, seed

    train = subparsers.add_parser(
        "train",
        help="train a hybrid model (or its classical twin) and print test metrics",
        description="Train a hybrid quantum-classical model on digits / sentiment or your data. "
        "OUT/checkpoint.ckpt and OUT/metrics.csv are written after every epoch, "
        "OUT/result.json at the end; defaults per kind are those of the committed benchmark "
        "(cnn: 40 epochs, patience 10; quanv: 25, 6, 3 layers; transformer: 8, 3).",
    )
    train.add_argument(
        "kind",
        choices=KINDS,
        help="cnn (hybrid LeNet), quanv (quanvolution CNN), "
        "transformer (quantum attention / feed-forward), qlstm (quantum LSTM; twin nn.LSTM), "
        "seq2seq (encoder-decoder translation), adapter (fine-tune a pretrained Transformer "
        "in full, with LoRA or with quantum adapters)",
    )
    train.add_argument(
        "--data",
        default=None,
        help="digits (cnn/quanv default), sentiment (transformer default), an image "
        "folder (one sub-folder per class), an .npz with x,y, or a CSV with "
        "text,label columns; qlstm: oscillation (default), bessel (add :W for a window "
        "of W steps) or text; seq2seq: dates:SRC-TGT (default dates:en-de); adapter: "
        "polarity:b (default), subjectivity:b or text",
    )
    train.add_argument(
        "--epochs", type=positive_int, default=None,
        help="total epochs, counting those of a resumed run (default: per kind)",
    )
    train.add_argument(
        "--qubits",
        type=positive_int,
        default=None,
        help="qubits per quantum layer (cnn: default 8; transformer: 4; quanv: 4 or 9)",
    )
    train.add_argument(
        "--layers", type=positive_int, default=None,
        help="ansatz layers per quantum layer (default: per kind)",
    )
    train.add_argument(
        "--engine",
        default=None,
        help="quantum-layer engine: torch (default), torch-compiled (small circuits compiled: "
             "faster steps after seconds of compiling), default.qubit, lightning.qubit, aer, ...",
    )
    train.add_argument(
        "--classical",
        action="store_true",
        help="train the classical twin (circuits replaced by layers of matched size)",
    )
    train.add_argument(
        "--blocks",
        default=None,
        help="transformer blocks as attention+ffn letters q/c, comma-separated, "
        "e.g. qq,cq (default qq)",
    )
    train.add_argument(
        "--fixed", action="store_true", help="quanv: fixed random filters (not trained)"
    )
    train.add_argument(
        "--method",
        choices=("full", "lora", "adapter"),
        default=None,
        help="adapter: fine-tune everything, LoRA via peft, or quantum adapters (default)",
    )
    train.add_argument(
        "--rank", type=positive_int, default=None, help="adapter --method lora: LoRA rank"
    )
    train.add_argument(
        "--resume", default=None, metavar="CKPT",
        help="continue the run of this checkpoint (its folder is the default --out)",
    )
    train.add_argument(
        "--out",
        "--output",
        dest="out",
        default=None,
        metavar="DIR",
        help="run folder (default runs/KIND-hybrid|classical-seedS, or the checkpoint's "
        "folder with --resume)",
    )
    train.add_argument(
        "--force", action="store_true", help="overwrite a run that is already in the folder"
    )
    train.add_argument(
        "--seed", type=seed, default=0, help="split/initialisation/shuffle seed (default 0)"
    )
    train.add_argument(
        "--batch-size", type=positive_int, default=None,
        help="mini-batch size (default: per kind)",
    )
    train.add_argument(
        "--lr", type=positive_float, default=None, help="Adam learning rate (default: per kind)"
    )
    train.add_argument(
        "--patience",
        type=nonnegative_int,
        default=None,
        help="early stopping after this many epochs without a better validation loss "
        "(0: off; default: per kind)",
    )
    train.add_argument(
        "--limit", type=positive_int, default=None,
        help="use at most N examples (stratified subsample)",
    )
    train.add_argument(
        "--device", default="cpu", help="torch device: cpu (default), cuda, cuda:1, auto"
    )
    train.add_argument(
        "--threads", type=positive_int, default=None,
        help="torch CPU threads while training (default: by work size, 1 for small models)"
    )
    train.add_argument(
        "--no-progress", action="store_true", help="no progress bars (epoch lines still print)"
    )
    train.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    train.set_defaults(handler=run_train)

    evaluate = subparsers.add_parser(
        "evaluate",
        help="score a checkpoint from qcog train",
        description="Rebuild a checkpoint's model and data split and "
        "print loss, accuracy and macro F1.",
    )
    evaluate.add_argument("checkpoint", metavar="CKPT", help="a checkpoint.ckpt from qcog train")
    evaluate.add_argument(
        "--split", choices=("test", "val", "train"), default="test",
        help="which split to score (default test)",
    )
    evaluate.add_argument(
        "--device", default="cpu", help="torch device: cpu (default), cuda, cuda:1, auto"
    )
    evaluate.add_argument(
        "--beam", type=positive_int, default=None,
        help="seq2seq: beam width of the test decoding (default 1: greedy)",
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    evaluate.set_defaults(handler=run_evaluate)


def parse_blocks(text: str) -> list[list[str]]:
    """``"qq,cq"`` -> ``[["quantum", "quantum"], ["classical", "quantum"]]``.

    >>> parse_blocks("qc")
    [['quantum', 'classical']]
    """
    from qcog.exceptions import QcogValueError

    blocks = []
    for item in text.split(","):
        item = item.strip().lower()
        if len(item) != 2 or any(ch not in _BLOCK_LETTERS for ch in item):
            raise QcogValueError(
                f"--blocks item {item!r}: expected two letters q/c (attention, "
                "feed-forward), e.g. qq,cq"
            )
        blocks.append([_BLOCK_LETTERS[ch] for ch in item])
    return blocks


def run_train(args: argparse.Namespace) -> int:
    """Train as ``args`` say; print each epoch as it ends, then the test metrics."""
    from qcog.cli.output import emit
    from qcog.exceptions import QcogValueError
    from qcog.training.experiment import train_model

    options: dict[str, Any] = {}
    if args.blocks:
        if args.kind != "transformer":
            raise QcogValueError("--blocks applies to the transformer only")
        options["blocks"] = parse_blocks(args.blocks)
    if args.fixed:
        if args.kind != "quanv":
            raise QcogValueError("--fixed applies to quanv only")
        options["trainable"] = False
    for flag in ("method", "rank"):
        if getattr(args, flag) is not None:
            if args.kind != "adapter":
                raise QcogValueError(f"--{flag} applies to adapter only")
            options[flag] = getattr(args, flag)
    out = args.out
    if out is None and args.resume is None:
        out = f"runs/{args.kind}-{'classical' if args.classical else 'hybrid'}-seed{args.seed}"
    result = train_model(
        args.kind,
        args.data,
        epochs=args.epochs,
        seed=args.seed,
        classical=args.classical,
        engine=args.engine,
        qubits=args.qubits,
        layers=args.layers,
        out_dir=out,
        resume=args.resume,
        force=args.force,
        device=args.device,
        progress=not args.no_progress,
        batch_size=args.batch_size,
        lr=args.lr,
        patience="default" if args.patience is None else args.patience,
        limit=args.limit,
        threads=args.threads,
        model_options=options,
        on_epoch=_EpochPrinter(to_stderr=args.json),
    )
    emit(result, args.json, _train_text)
    return 0


class _EpochPrinter:
    """Prints the header once, then one line per epoch as it ends (stderr with --json)."""

    def __init__(self, to_stderr: bool) -> None:
        self.to_stderr = to_stderr
        self.started = False

    def __call__(self, row: dict[str, float]) -> None:
        import sys

        from tqdm.auto import tqdm

        stream = sys.stderr if self.to_stderr else sys.stdout
        if not self.started:
            tqdm.write(_epoch_header(row), file=stream)
            self.started = True
        tqdm.write(_epoch_line(row), file=stream)
        stream.flush()


def run_evaluate(args: argparse.Namespace) -> int:
    from qcog.cli.output import emit
    from qcog.training.experiment import evaluate_checkpoint

    result = evaluate_checkpoint(
        args.checkpoint, device=args.device, split=args.split, beam_size=args.beam
    )
    emit(result, args.json, _evaluate_text)
    return 0


def _epoch_columns(row: dict[str, Any]) -> list[str]:
    """The metric columns of an epoch row (they depend on the objective)."""
    return [k for k in row if k not in ("epoch", "seconds")]


def _epoch_header(row: dict[str, Any]) -> str:
    names = " ".join(f"{_short(k):>{max(9, len(_short(k)))}}" for k in _epoch_columns(row))
    return f"{'epoch':>5} {names} {'s':>6}"


def _epoch_line(h: dict[str, Any]) -> str:
    values = " ".join(f"{h[k]:>{max(9, len(_short(k)))}.4f}" for k in _epoch_columns(h))
    return f"{h['epoch']:>5} {values} {h['seconds']:>6.2f}"


def _short(column: str) -> str:
    """``val_accuracy`` -> ``val acc``: column titles that fit."""
    return column.replace("_", " ").replace("accuracy", "acc").replace("token acc", "tok acc")


def _train_text(r: dict[str, Any]) -> str:
    """The summary printed after the epoch lines (which were printed as they ended)."""
    resumed = f"; resumed after epoch {r['resumed_from_epoch']}" if r["resumed_from_epoch"] else ""
    lines = [
        f"{r['kind']} ({r['model']}, engine {r['engine']}) on {_data_text(r['data'])}{resumed}",
        (
            f"best epoch {r['best_epoch']}{' (stopped early)' if r['stopped_early'] else ''}; "
            f"{r['parameters']} parameters ({r['trainable_parameters']} trained); test "
            + _scores_text({m: r[f"test_{m}"] for m in r["score_names"]})
        ),
        f"checkpoint: {r['checkpoint']}",
    ]
    if r.get("metrics"):
        lines.append(f"metrics: {r['metrics']} (every epoch), result: {r['result']}")
    if r.get("note"):
        lines.append(f"note: {r['note']}")
    return "\n".join(lines)


def _evaluate_text(r: dict[str, Any]) -> str:
    s = r["split"]
    return (
        f"{r['kind']} ({r['model']}, {r['parameters']} parameters, {r['epochs_trained']} epochs, "
        f"best {r['best_epoch']}) on {_data_text(r['data'])}\n"
        f"{s}: " + _scores_text({m: r[f"{s}_{m}"] for m in r["score_names"]})
    )


def _scores_text(scores: dict[str, Any]) -> str:
    """``loss 0.1234, accuracy 0.9000, ...`` (the numbers only)."""
    return ", ".join(
        f"{name.replace('_', ' ')} {value:.4f}"
        for name, value in scores.items()
        if isinstance(value, float)
    )


def _data_text(d: dict[str, Any]) -> str:
    tag = " [SYNTHETIC]" if d.get("synthetic") else ""
    sizes = d["sizes"]
    return (
        f"{d['name']}{tag} ({len(d['classes'])} classes; train/val/test "
        f"{sizes['train']}/{sizes['val']}/{sizes['test']})"
    )
