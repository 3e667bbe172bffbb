"""Learning curves of training runs, read from their checkpoints (hybrid and twin side by side).

Every checkpoint keeps the per-epoch history of its run (losses and the objective's
scores), so curves of runs trained at different times, or still training, can be drawn
together: one panel per metric, one line per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError


def run_curves(path: str | Path) -> dict[str, Any]:
    """The history and a label (``kind hybrid|twin (folder)``) of one checkpoint.

    Raises:
        FileNotFoundError / QcogValueError: missing or foreign checkpoint.
    """
    from qcog.training.checkpoint import load_checkpoint

    ckpt = load_checkpoint(path)
    meta = ckpt["meta"]
    quantum = meta.get("model_config", {}).get("quantum")
    label = f"{meta.get('kind', '?')} {'hybrid' if quantum else 'twin'} ({Path(path).parent.name})"
    return {
        "checkpoint": str(path),
        "label": label,
        "epochs": int(ckpt["epoch"]),
        "best_epoch": int(ckpt["best_epoch"]),
        "history": list(ckpt["history"]),
    }


def plot_learning_curves(
    checkpoints: list[str | Path], out: str | Path, metrics: list[str] | None = None
) -> dict[str, Any]:
    """Plot the learning curves of several runs into one PNG.

    Args:
        checkpoints: checkpoint files (e.g. a hybrid's and its twin's).
        out: the PNG to write (parents are created).
        metrics: history columns to plot (default: every column the runs share, except
            ``epoch`` and ``seconds``).

    Returns:
        ``{"plot": path, "metrics": [...], "runs": [label, epochs, best epoch, ...]}``.

    Raises:
        QcogValueError: no checkpoints, or a metric no run recorded.
    """
    if not checkpoints:
        raise QcogValueError("give at least one checkpoint")
    runs = [run_curves(p) for p in checkpoints]
    shared = (
        [k for k in runs[0]["history"][0] if k not in ("epoch", "seconds")]
        if runs[0]["history"]
        else []
    )
    shared = [k for k in shared if all(r["history"] and k in r["history"][0] for r in runs)]
    metrics = list(metrics or shared)
    missing = [m for m in metrics if m not in shared]
    if missing or not metrics:
        raise QcogValueError(
            f"metric(s) {missing or metrics} not recorded by every run; found {shared}"
        )
    _plot(runs, metrics, Path(out))
    summary = [{k: v for k, v in r.items() if k != "history"} for r in runs]
    return {"plot": str(out), "metrics": metrics, "runs": summary}


def _plot(runs: list[dict[str, Any]], metrics: list[str], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(metrics), figsize=(4 * len(metrics), 3.2), squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        for run in runs:
            epochs = [h["epoch"] for h in run["history"]]
            ax.plot(epochs, [h[metric] for h in run["history"]], marker=".", label=run["label"])
        ax.set(xlabel="epoch", title=metric.replace("_", " "))
    axes[0][0].legend(fontsize="small")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
