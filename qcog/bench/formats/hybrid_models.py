"""Report format of ``benchmarks/hybrid_models.py``: each hybrid model next to its classical
twin of matched size (test accuracy, parameters, seconds per epoch).

>>> rows = headline({"rows": [
...     {"experiment": "cnn", "data": "digits", "model": "hybrid", "test_accuracy": 0.96,
...      "parameters": 3426, "seconds_per_epoch": 2.0},
...     {"experiment": "cnn", "data": "digits", "model": "classical twin", "test_accuracy": 0.97,
...      "parameters": 3422, "seconds_per_epoch": 0.5}]})
>>> rows[0][:3]
['test accuracy, cnn on digits', 0.97, 0.96]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row, rows_where
from qcog.bench.markdown import number, records_table

COLUMNS = (
    "experiment",
    "data",
    "model",
    "test_accuracy",
    "test_f1",
    "parameters",
    "seconds_per_epoch",
    "epochs_run",
    "best_epoch",
)


def _experiments(result: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(r.get("experiment") for r in result.get("rows") or []))


def headline(result: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    rows = result.get("rows") or []
    for name in _experiments(result):
        hybrid = rows_where(rows, experiment=name, model="hybrid")
        twin = rows_where(rows, experiment=name, model="classical twin")
        data = (hybrid or twin).get("data", "?") + (
            " (synthetic)" if (hybrid or twin).get("synthetic") else ""
        )
        out.append(
            [
                f"test accuracy, {name} on {data}",
                twin.get("test_accuracy"),
                hybrid.get("test_accuracy"),
                (
                    f"classical twin vs hybrid; parameters {number(twin.get('parameters'))} vs "
                    f"{number(hybrid.get('parameters'))}; s/epoch {number(twin.get('seconds_per_epoch'))} vs "
                    f"{number(hybrid.get('seconds_per_epoch'))}"
                ),
            ]
        )
    return out


def details(result: dict[str, Any]) -> str:
    parts = [
        (
            f"Same seed ({number(result.get('seed'))}), split, optimiser and epochs for hybrid and twin; "
            f"{number(result.get('threads'))} CPU thread(s)."
        )
    ]
    parts.append(records_table(result.get("rows") or [], COLUMNS))
    targets = result.get("targets") or {}
    if targets:
        parts.append(
            f"- hybrid CNN test accuracy {number(targets.get('cnn_hybrid_accuracy'))} (target >= 0.95): "
            f"**{'met' if targets.get('cnn_target_met') else 'not met'}**\n"
            f"- hybrid Transformer {number(targets.get('transformer_gap_points'))} points below its twin "
            f"(target <= 5): **{'met' if targets.get('transformer_target_met') else 'not met'}**"
        )
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Hybrid models vs classical twins",
    compares="test accuracy, parameters and time per epoch: classical twin vs hybrid model",
    headline=headline,
    details=details,
    order=40,
)
