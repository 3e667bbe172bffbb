"""Report format of ``benchmarks/hybrid_models.py``: each hybrid model next to its classical
twin of matched size and a strong cheap classical baseline, over seeds.

Accuracy verdicts come from the benchmark's verdict rows; the headline rows here are the
exact parameter counts that make the twin a fair match.

>>> rows = headline({"experiments": [{"experiment": "cnn", "data": "digits",
...     "parameters": {"hybrid": 3646, "twin": 3670}}]})
>>> rows[0][:3]
['trainable parameters, cnn on digits', 3670, 3646]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, summary, table


def headline(result: dict[str, Any]) -> list[Row]:
    return [
        [
            f"trainable parameters, {e['experiment']} on {e['data']}",
            e["parameters"]["twin"],
            e["parameters"]["hybrid"],
            (
                "classical twin vs hybrid: the twin replaces each circuit by a classical layer "
                "of matched size"
            ),
        ]
        for e in result.get("experiments") or []
    ]


def _rows(experiments: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for e in experiments:
        t = e.get("time_per_epoch") or {}
        out.append(
            [
                e["experiment"],
                e["data"] + (" (synthetic)" if e.get("synthetic") else ""),
                len(e.get("seeds") or []),
                (e.get("sizes") or {}).get("test"),
                summary(e["accuracy"]["hybrid"]),
                summary(e["accuracy"]["twin"]),
                summary(e["accuracy"]["baseline"]),
                summary(t.get("quantum")),
                summary(t.get("classical")),
            ]
        )
    return out


def details(result: dict[str, Any]) -> str:
    experiments = result.get("experiments") or []
    parts = [
        (
            "Per seed: one split, initialisation and shuffling shared by the hybrid and its "
            f"twin; {number(result.get('threads'))} CPU thread(s). Accuracies: mean [95% CI] over "
            "seeds; seconds per epoch: median (IQR) over seeds. Baselines: "
            + "; ".join(dict.fromkeys(e["baseline"] for e in experiments))
            + "."
        ),
        table(
            [
                "experiment",
                "data",
                "seeds",
                "test examples",
                "hybrid accuracy",
                "twin accuracy",
                "baseline accuracy",
                "hybrid s/epoch",
                "twin s/epoch",
            ],
            _rows(experiments),
        ),
    ]
    targets = result.get("targets") or {}
    if targets:
        gap = targets.get("transformer_gap_points") or {}
        parts.append(
            f"- hybrid CNN mean test accuracy {summary(targets.get('cnn_hybrid_accuracy'))} "
            f"(target >= 0.95): **{'met' if targets.get('cnn_target_met') else 'not met'}**\n"
            f"- hybrid Transformer {number(gap.get('mean'))} points below its twin on average "
            f"[{number(gap.get('high'))}, {number(gap.get('low'))}] (target <= 5): "
            f"**{'met' if targets.get('transformer_target_met') else 'not met'}**"
        )
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Hybrid models vs classical twins",
    compares="test accuracy over seeds: hybrid vs parameter-matched twin vs a strong cheap baseline",
    headline=headline,
    details=details,
    order=40,
)
