"""``qcog curves CKPT [CKPT ...]``: learning curves of training runs in one plot."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``curves`` command."""
    parser = subparsers.add_parser(
        "curves",
        help="plot the learning curves of training runs (e.g. a hybrid and its twin)",
        description="Read the per-epoch history stored in each checkpoint of qcog train and "
        "draw one panel per metric with one line per run into a PNG.",
    )
    parser.add_argument("checkpoints", nargs="+", metavar="CKPT", help="checkpoint files")
    parser.add_argument("--out", "--output", dest="out", default="curves.png",
                        help="PNG to write (default curves.png)")
    parser.add_argument(
        "--metric",
        action="append",
        default=None,
        help="history column to plot (repeatable; default: every shared column)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=run_curves)


def run_curves(args: argparse.Namespace) -> int:
    from qcog.cli.output import emit
    from qcog.training.curves import plot_learning_curves

    result = plot_learning_curves(args.checkpoints, args.out, args.metric)
    emit(result, args.json, _text)
    return 0


def _text(r: dict[str, Any]) -> str:
    runs = "; ".join(
        f"{run['label']}: {run['epochs']} epochs, best {run['best_epoch']}" for run in r["runs"]
    )
    return f"{r['plot']}: {', '.join(r['metrics'])}\n{runs}"
