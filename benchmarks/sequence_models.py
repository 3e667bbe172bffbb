"""Sequence models against their classical counterparts, over seeds, with intervals.

What it measures (everything in this process, one CPU thread; hybrid and classical side
by side on the same seeds, splits, optimiser and epochs; differences are paired by seed,
hybrid minus classical, with 95 % Student-t intervals from :mod:`qcog.bench.stats`):

* QLSTM (``qcog train qlstm``) versus an ``nn.LSTM`` of the same parameter budget on
  two series of the QLSTM paper (damped pendulum, Bessel J_2; score: 100 R^2 on the
  last 15 % of the series) and on binary tweet sentiment (test accuracy in points);
* the hybrid encoder-decoder Transformer (quantum feed-forward blocks in encoder and
  decoder) versus its classical twin on English -> German dates (test BLEU, chrF and
  exact match with greedy decoding; sacrebleu);
* fine-tuning a Transformer pretrained on three-way sentiment (half ``a`` of the
  tweets) for polarity (half ``b``): in full, with ``peft`` LoRA of rank r, with quantum
  adapters of n qubits on the same modules, and with the adapters' classical twin:
  trainable parameters versus test accuracy;
* seconds per training epoch of every model, and the QLSTM's epoch on qcog's torch
  engine versus the same QLSTM (same weights, outputs checked equal) whose gate
  circuits are PennyLane ``qml.qnn.TorchLayer`` s on ``default.qubit``, timed
  interleaved.

Targets (issue 17): every hybrid within 5 points (BLEU for translation) of its twin,
as the mean paired gap; the QLSTM epoch at least 5x faster than on TorchLayer.
Published claims the adapter table is read against: QTHA (arXiv 2503.12790) reports
76 % fewer trainable parameters than LoRA with a lower loss, QPA 52 % of LoRA's
parameters on GPT-2.

Writes ``sequence_models.json``, ``.md`` and ``.png`` into the output folder.

    python benchmarks/sequence_models.py [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parent / "results"
#: Hybrid-versus-twin pairs: name -> (kind, data, score key, points per unit, options).
PAIRS: dict[str, tuple[str, str, str, float, dict[str, Any]]] = {
    "qlstm_oscillation": ("qlstm", "oscillation", "test_r2", 100.0, {"epochs": 30}),
    "qlstm_bessel": ("qlstm", "bessel", "test_r2", 100.0, {"epochs": 30}),
    "qlstm_sentiment": (
        "qlstm",
        "sentiment",
        "test_accuracy",
        100.0,
        {"epochs": 6, "limit": 3000, "batch_size": 32, "data_options": {"max_len": 16}},
    ),
    "seq2seq_dates": (
        "seq2seq", "dates:en-de", "test_bleu", 1.0, {"epochs": 20, "limit": 3000, "lr": 1e-2}
    ),
}
#: Quick mode: fewer epochs and examples (and seeds).
QUICK: dict[str, dict[str, Any]] = {
    "qlstm_oscillation": {"epochs": 8},
    "qlstm_bessel": {"epochs": 8},
    "qlstm_sentiment": {"epochs": 2, "limit": 600},
    "seq2seq_dates": {"epochs": 10, "limit": 1500},
}
#: Fine-tuning methods: (label, model options); widths are LoRA ranks or adapter qubits.
METHODS_FULL = [
    ("full", {"method": "full"}),
    ("lora r=1", {"method": "lora", "rank": 1}),
    ("lora r=2", {"method": "lora", "rank": 2}),
    ("lora r=4", {"method": "lora", "rank": 4}),
    ("quantum adapter n=1", {"method": "adapter", "n_qubits": 1}),
    ("quantum adapter n=2", {"method": "adapter", "n_qubits": 2}),
    ("quantum adapter n=4", {"method": "adapter", "n_qubits": 4}),
    ("classical adapter n=2", {"method": "adapter", "n_qubits": 2, "classical": True}),
]
METHODS_QUICK = [METHODS_FULL[0], METHODS_FULL[2], METHODS_FULL[5], METHODS_FULL[7]]
#: The adapter comparisons reported with intervals: (quantum side, classical side).
ADAPTER_COMPARISONS = [
    ("quantum adapter n=2", "lora r=2"),
    ("quantum adapter n=1", "lora r=2"),
    ("quantum adapter n=2", "classical adapter n=2"),
    ("quantum adapter n=2", "full"),
]
FINETUNE = {"data": "polarity:b", "epochs": 4, "limit": 3000, "lr": 1e-2}
FINETUNE_QUICK = {"epochs": 2, "limit": 1000}
#: Quick mode pretrains a smaller network (its own cache entry).
PRETRAIN_QUICK = {"pretrain_limit": 3000, "pretrain_epochs": 3}
TARGETS = {"gap_points": 5.0, "qlstm_speedup": 5.0}
COMMON = {"progress": False, "threads": 1, "patience": None}


def markdown(result: dict[str, Any]) -> str:
    """The comparisons, the adapter table and the speed check as markdown."""
    from qcog.bench.formats.sequence_models import details

    quick = " (quick run)" if result["quick"] else ""
    return f"# Sequence models vs classical counterparts{quick}\n\n{details(result)}\n"


def run(quick: bool, out_dir: str | Path = DEFAULT_OUT) -> dict[str, Any]:
    """Run every comparison; write JSON, markdown and a plot into ``out_dir``."""
    import torch

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = list(range(2 if quick else 5))
    t0 = time.perf_counter()
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        pairs = [_pair(name, seeds, quick) for name in PAIRS]
        adapters = _adapters(seeds, quick)
        speed = _speed(repeats=2 if quick else 5)
    finally:
        torch.set_num_threads(previous)
    result = {
        "benchmark": "sequence_models",
        "quick": quick,
        "seeds": seeds,
        "threads": 1,
        "seconds": time.perf_counter() - t0,
        "pairs": pairs,
        "adapters": adapters,
        "speed": speed,
        "targets": _targets(pairs, speed),
        "verdicts": verdicts(pairs, adapters, speed),
        "card": card(pairs, adapters, seeds),
    }
    (out_dir / "sequence_models.json").write_text(json.dumps(result, indent=2))
    (out_dir / "sequence_models.md").write_text(markdown(result))
    _plot(result, out_dir / "sequence_models.png")
    return result


def verdicts(pairs: list[dict], adapters: dict, speed: dict) -> list[dict[str, Any]]:
    """Verdict rows: each hybrid vs its twin, quantum adapters vs their classical
    counterparts, and the QLSTM epoch on qcog's engine vs PennyLane TorchLayer."""
    from qcog.bench.verdicts import verdict_row

    command = "qcog bench --only sequence_models"
    rows = [
        verdict_row(f"{p['score'].removeprefix('test_')} ({p['unit']}), {p['kind']} on {p['data']}",
                    p["comparison"], quantum=f"hybrid {p['kind']}",
                    classical="classical twin of the same parameter budget", command=command,
                    note=f"{p['comparison']['difference']['n']} seeds; parameters "
                         f"{p['hybrid']['parameters']} vs {p['twin']['parameters']}")
        for p in pairs
    ]
    rows += [
        verdict_row(f"fine-tuning test accuracy (points), {adapters['data']}, {c['quantum']} vs "
                    f"{c['classical']}", c["comparison"],
                    quantum=c["quantum"], classical=c["classical"], command=command,
                    note=f"{c['comparison']['difference']['n']} seeds", headline=False)
        for c in adapters["comparisons"]
    ]
    rows.append(verdict_row("seconds per QLSTM training epoch, oscillation", speed["vs_torchlayer"],
                            quantum="qcog torch engine", classical="PennyLane TorchLayer",
                            unit="s", versus="peer", command=command,
                            note="same weights, outputs checked equal; interleaved repeats"))
    return rows


def card(pairs: list[dict], adapters: dict, seeds: list[int]) -> dict[str, Any]:
    from qcog.bench.card import card_fields

    return card_fields(
        inputs={p["name"]: {"data": p["data"], "sizes": p["sizes"]} for p in pairs},
        parameters={**{p["name"]: p["options"] for p in pairs}, "adapters": adapters["settings"]},
        seeds=seeds,
        counts={p["name"]: {"hybrid_parameters": p["hybrid"]["parameters"],
                            "twin_parameters": p["twin"]["parameters"]} for p in pairs},
    )


def _pair(name: str, seeds: list[int], quick: bool) -> dict[str, Any]:
    """Hybrid and twin of one model kind on one task, every seed."""
    from qcog.bench.stats import compare, timing
    from qcog.training.experiment import train_model

    kind, data, key, points, options = PAIRS[name]
    options = {**options, **(QUICK[name] if quick else {})}
    sides: dict[str, dict[str, Any]] = {}
    for label, classical in (("hybrid", False), ("twin", True)):
        runs = [
            train_model(kind, data, seed=s, classical=classical, **COMMON, **options) for s in seeds
        ]
        headline = next(k for k in runs[0] if k.startswith("val_"))
        sides[label] = {
            "scores": [points * r[key] for r in runs],
            "parameters": runs[0]["parameters"],
            "seconds_per_epoch": timing(
                [h["seconds"] for r in runs for h in r["history"]]
            ).to_dict(),
            "curve_metric": headline,
            "curves": [[h[headline] for h in r["history"]] for r in runs],
            "extra": {
                k: [r[k] for r in runs]
                for k in ("test_chrf", "test_exact_match", "test_rmse", "test_f1")
                if k in runs[0]
            },
        }
        print(
            f"{name:18s} {label:6s} {key} {statistics.fmean(sides[label]['scores']):8.2f} "
            f"params {sides[label]['parameters']}",
            flush=True,
        )
    comparison = compare(sides["hybrid"]["scores"], sides["twin"]["scores"])
    return {
        "name": name,
        "kind": kind,
        "data": data,
        "score": key,
        "unit": "BLEU" if key == "test_bleu" else "points",
        "synthetic": runs[0]["data"]["synthetic"],
        "sizes": runs[0]["data"]["sizes"],
        "options": options,
        "hybrid": sides["hybrid"],
        "twin": sides["twin"],
        "comparison": comparison.to_dict(),
        "within_target": comparison.difference.mean >= -TARGETS["gap_points"],
    }


def _adapters(seeds: list[int], quick: bool) -> dict[str, Any]:
    """The fine-tuning table: trainable parameters versus test accuracy, per method."""
    from qcog.bench.stats import compare, mean_interval, timing
    from qcog.training.experiment import train_model

    finetune = {**FINETUNE, **(FINETUNE_QUICK if quick else {})}
    pretrain = PRETRAIN_QUICK if quick else {}
    rows = []
    for label, options in METHODS_QUICK if quick else METHODS_FULL:
        options = dict(options)
        classical = options.pop("classical", False)
        runs = [
            train_model(
                "adapter",
                finetune["data"],
                seed=s,
                classical=classical,
                epochs=finetune["epochs"],
                limit=finetune["limit"],
                lr=finetune["lr"],
                model_options={**options, **pretrain},
                **COMMON,
            )
            for s in seeds
        ]
        scores = [100 * r["test_accuracy"] for r in runs]
        rows.append(
            {
                "method": label,
                "options": options,
                "trainable_parameters": runs[0]["trainable_parameters"],
                "parameters": runs[0]["parameters"],
                "scores": scores,
                "accuracy": mean_interval(scores).to_dict(),
                "seconds_per_epoch": timing(
                    [h["seconds"] for r in runs for h in r["history"]]
                ).to_dict(),
            }
        )
        print(
            f"adapters {label:22s} trainable {rows[-1]['trainable_parameters']:6d} "
            f"accuracy {statistics.fmean(scores):.2f}",
            flush=True,
        )
    by_label = {r["method"]: r for r in rows}
    comparisons = [
        {
            "quantum": q,
            "classical": c,
            "comparison": compare(by_label[q]["scores"], by_label[c]["scores"]).to_dict(),
        }
        for q, c in ADAPTER_COMPARISONS
        if q in by_label and c in by_label
    ]
    return {
        "data": finetune["data"],
        "settings": {**finetune, **pretrain},
        "rows": rows,
        "comparisons": comparisons,
    }


def _speed(repeats: int) -> dict[str, Any]:
    """One QLSTM training epoch: qcog's torch engine versus PennyLane TorchLayer circuits."""
    import copy

    import torch

    from qcog.bench.stats import compare_timings, timing, timing_ratio
    from qcog.models.registry import build_model
    from qcog.sequence.data import prepare_qlstm_data
    from qcog.training.experiment import DataSpec

    prepared = prepare_qlstm_data(DataSpec("oscillation"))
    x, y = prepared.tensors["train"]
    fast = build_model("qlstm", {**prepared.model_fields, "seed": 0})
    slow = copy.deepcopy(fast)
    for cell in slow.core.cells:
        cell.circuits = TorchLayerBank(cell.circuits)
    with torch.no_grad():
        difference = float((fast(x[:32]) - slow(x[:32])).abs().max())
    seconds: dict[str, list[float]] = {"torch": [], "torchlayer": []}
    for _ in range(repeats):  # interleaved, so both see the same machine load
        for name, model in (("torch", fast), ("torchlayer", slow)):
            seconds[name].append(_epoch_seconds(model, x, y))
    ratio = timing_ratio(seconds["torchlayer"], seconds["torch"])
    return {
        "task": "one training epoch of the qlstm on the oscillation series "
        f"({len(y)} windows, batch 16, Adam)",
        "max_output_difference": difference,
        "torch_engine": timing(seconds["torch"]).to_dict(),
        "pennylane_torchlayer": timing(seconds["torchlayer"]).to_dict(),
        "speedup": ratio.to_dict(),
        "vs_torchlayer": compare_timings(seconds["torch"], seconds["torchlayer"]).to_dict(),
    }


def _epoch_seconds(model, x, y, batch_size: int = 16) -> float:
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    start = time.perf_counter()
    for i in range(0, len(y), batch_size):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x[i : i + batch_size]), y[i : i + batch_size])
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def TorchLayerBank(bank):
    """The circuits of a :class:`qcog.sequence.circuit_bank.CircuitBank` as PennyLane
    ``TorchLayer`` s on ``default.qubit`` (same template, same weights)."""
    import pennylane as qml
    import torch

    n = bank.n_qubits
    device = qml.device("default.qubit", wires=n)

    @qml.qnode(device, interface="torch", diff_method="backprop")
    def circuit(inputs, weights):
        qml.AngleEmbedding(inputs, wires=range(n), rotation="X")
        qml.StronglyEntanglingLayers(weights, wires=range(n))
        return [qml.expval(qml.PauliZ(w)) for w in range(n)]

    class Bank(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList()
            for c in bank.circuits:
                layer = qml.qnn.TorchLayer(circuit, {"weights": tuple(c.weights.shape)})
                with torch.no_grad():
                    layer.weights.copy_(c.weights)
                self.layers.append(layer)

        def forward(self, angles):
            return torch.stack([layer(angles) for layer in self.layers]).to(angles.dtype)

    return Bank()


def _targets(pairs: list[dict[str, Any]], speed: dict[str, Any]) -> dict[str, Any]:
    gaps = {p["name"]: p["comparison"]["difference"]["mean"] for p in pairs}
    return {
        "gap_points": TARGETS["gap_points"],
        "gaps": gaps,
        "gaps_met": {name: gap >= -TARGETS["gap_points"] for name, gap in gaps.items()},
        "qlstm_speedup": speed["speedup"]["median"],
        "qlstm_speedup_target": TARGETS["qlstm_speedup"],
        "qlstm_speedup_met": speed["speedup"]["median"] >= TARGETS["qlstm_speedup"],
    }


def _plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    pairs = result["pairs"]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7))
    for ax, p in zip(axes.flat, pairs):
        for label, color in (("hybrid", "C0"), ("twin", "C1")):
            curves = np.array(p[label]["curves"])  # (seeds, epochs)
            epochs = np.arange(1, curves.shape[1] + 1)
            mean, low, high = curves.mean(0), curves.min(0), curves.max(0)
            ax.plot(epochs, mean, color=color, label=f"{label} (mean of {len(curves)} seeds)")
            ax.fill_between(epochs, low, high, color=color, alpha=0.2)
        ax.set(title=p["name"], xlabel="epoch", ylabel=p["hybrid"]["curve_metric"])
        ax.legend(fontsize="small")
    ax = axes.flat[len(pairs)]
    for r in result["adapters"]["rows"]:
        acc = r["accuracy"]
        err = 0 if acc["low"] is None else acc["mean"] - acc["low"]
        ax.errorbar(
            r["trainable_parameters"], acc["mean"], yerr=err, fmt="o", capsize=3, label=r["method"]
        )
    ax.set(
        xscale="log",
        xlabel="trainable parameters",
        ylabel="test accuracy (points)",
        title=f"fine-tuning on {result['adapters']['data']}",
    )
    ax.legend(fontsize="x-small")
    ax = axes.flat[len(pairs) + 1]
    s = result["speed"]
    names, timings = ["qcog torch", "TorchLayer"], [s["torch_engine"], s["pennylane_torchlayer"]]
    ax.bar(
        names,
        [t["median"] for t in timings],
        yerr=[[t["median"] - t["q1"] for t in timings], [t["q3"] - t["median"] for t in timings]],
        color=["C0", "C3"],
        capsize=4,
    )
    ax.set(ylabel="seconds per epoch", title=f"QLSTM epoch: {s['speedup']['median']:.1f}x")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 seeds, small data (a few minutes)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder")
    args = parser.parse_args(argv)
    print(markdown(run(args.quick, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
