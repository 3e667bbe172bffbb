"""Report format of ``benchmarks/sequence_models.py``: QLSTM vs nn.LSTM, hybrid vs classical
translation, quantum adapters vs LoRA vs full fine-tuning, QLSTM speed vs PennyLane.

>>> pair = {"name": "qlstm_bessel", "data": "bessel", "score": "test_r2", "unit": "points",
...         "comparison": {"quantum": {"mean": 99.0}, "classical": {"mean": 95.0},
...                        "difference": {"mean": 4.0, "low": 1.0, "high": 7.0, "n": 5},
...                        "verdict": "quantum better"},
...         "hybrid": {"parameters": 355}, "twin": {"parameters": 361}}
>>> headline({"pairs": [pair], "adapters": {"rows": [], "comparisons": []}})[0][:3]
['test_r2 (points), qlstm_bessel on bessel', '95.00', '99.00']
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row


def _points(x: float) -> str:
    """Scores in points with two decimals: R² of 99.93 and 99.98 must not both read 100."""
    return f"{x:.2f}"


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for p in result.get("pairs") or []:
        c = p["comparison"]
        rows.append(
            [
                f"{p['score']} ({p['unit']}), {p['name']} on {p['data']}",
                _points(c["classical"]["mean"]),
                _points(c["quantum"]["mean"]),
                (
                    f"twin vs hybrid, {c['difference'].get('n')} seeds; hybrid - twin "
                    f"{_interval(c['difference'], True)}: {c['verdict']}; parameters "
                    f"{p['twin']['parameters']} vs {p['hybrid']['parameters']}"
                ),
            ]
        )
    adapters = result.get("adapters") or {}
    by_method = {r["method"]: r for r in adapters.get("rows", [])}
    for c in adapters.get("comparisons", []):
        q, k = by_method[c["quantum"]], by_method[c["classical"]]
        d = c["comparison"]
        rows.append(
            [
                f"test accuracy (points), {c['quantum']} vs {c['classical']}",
                _points(d["classical"]["mean"]),
                _points(d["quantum"]["mean"]),
                (
                    f"trainable parameters {k['trainable_parameters']} vs {q['trainable_parameters']}; "
                    f"difference {_interval(d['difference'], True)}: {d['verdict']}"
                ),
            ]
        )
    speed = result.get("speed")
    if speed:
        rows.append(
            [
                "QLSTM seconds per epoch (PennyLane TorchLayer vs qcog torch engine)",
                speed["pennylane_torchlayer"]["median"],
                speed["torch_engine"]["median"],
                f"speed-up {speed['speedup']['median']:.1f}x (target >= 5x)",
            ]
        )
    return rows


def _interval(d: dict[str, Any], signed: bool = False) -> str:
    fmt = "{:+.2f}" if signed else "{:.2f}"
    if d.get("low") is None:
        return f"{fmt.format(d['mean'])} (n={d['n']})"
    return f"{fmt.format(d['mean'])} [{fmt.format(d['low'])}, {fmt.format(d['high'])}]"


def details(result: dict[str, Any]) -> str:
    """The comparisons, the adapter table, the speed check and the targets as markdown."""
    parts = [
        section(result)
        for section, key in (
            (_pairs_section, "pairs"),
            (_adapters_section, "adapters"),
            (_speed_section, "speed"),
            (_targets_section, "targets"),
        )
        if result.get(key)
    ]
    return "\n\n".join(parts) or "_no results_"


def _pairs_section(result: dict[str, Any]) -> str:
    lines = [
        (
            f"{len(result.get('seeds', []))} seeds, one CPU thread; means with 95 % t intervals; "
            "differences hybrid minus classical, paired by seed."
        ),
        "",
        (
            "| task | score | hybrid | twin | hybrid - twin | verdict | parameters (hybrid / twin) "
            "| s/epoch (hybrid / twin) |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in result["pairs"]:
        c = p["comparison"]
        lines.append(
            f"| {p['name']} ({p['data']}{', synthetic' if p['synthetic'] else ''}) | "
            f"{p['score']} ({p['unit']}) | {_interval(c['quantum'])} | {_interval(c['classical'])} "
            f"| {_interval(c['difference'], True)} | {c['verdict']} | "
            f"{p['hybrid']['parameters']} / {p['twin']['parameters']} | "
            f"{p['hybrid']['seconds_per_epoch']['median']:.2f} / "
            f"{p['twin']['seconds_per_epoch']['median']:.2f} |"
        )
    return "\n".join(lines)


def _adapters_section(result: dict[str, Any]) -> str:
    a = result["adapters"]
    lines = [
        f"**Fine-tuning on {a['data']}** (pretrained on three-way sentiment, other tweets)",
        "",
        "| method | trainable parameters | test accuracy (points) | s/epoch |",
        "|---|---|---|---|",
    ]
    for r in a["rows"]:
        lines.append(
            f"| {r['method']} | {r['trainable_parameters']} | {_interval(r['accuracy'])} "
            f"| {r['seconds_per_epoch']['median']:.2f} |"
        )
    lines += ["", "| quantum | classical | difference (points) | verdict |", "|---|---|---|---|"]
    for c in a["comparisons"]:
        d = c["comparison"]
        lines.append(
            f"| {c['quantum']} | {c['classical']} | {_interval(d['difference'], True)} "
            f"| {d['verdict']} |"
        )
    return "\n".join(lines)


def _speed_section(result: dict[str, Any]) -> str:
    s = result["speed"]
    return (
        "**QLSTM epoch: torch engine vs PennyLane TorchLayer (default.qubit)**: "
        f"{s['task']}; outputs agree to {s['max_output_difference']:.1e}. Torch engine "
        f"{s['torch_engine']['median']:.2f} s, TorchLayer {s['pennylane_torchlayer']['median']:.2f} s "
        f"(medians of {s['torch_engine']['n']} interleaved repeats): **{s['speedup']['median']:.1f}x** "
        f"(quartiles {s['speedup']['q1']:.1f}-{s['speedup']['q3']:.1f})."
    )


def _targets_section(result: dict[str, Any]) -> str:
    t = result["targets"]
    lines = [
        f"- {name}: hybrid - twin {gap:+.2f} (target >= -{t['gap_points']:g}): "
        f"**{'met' if t['gaps_met'][name] else 'not met'}**"
        for name, gap in t["gaps"].items()
    ]
    lines.append(
        f"- QLSTM speed-up {t['qlstm_speedup']:.1f}x (target >= "
        f"{t['qlstm_speedup_target']:g}x): **{'met' if t['qlstm_speedup_met'] else 'not met'}**"
    )
    return "\n".join(lines)


FORMAT = BenchmarkFormat(
    title="Sequence models vs classical counterparts",
    compares="QLSTM vs nn.LSTM, hybrid vs classical translation, quantum adapters vs LoRA, "
    "over seeds with intervals; QLSTM speed vs PennyLane TorchLayer",
    headline=headline,
    details=details,
    order=45,
)
