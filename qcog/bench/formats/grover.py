"""Report format of ``benchmarks/grover.py``: queries versus classical search, gates versus
qiskit-algorithms, and the largest n searched on Aer.

>>> rows = headline({"queries": [{"n": 20, "classical_expected": 524288.5,
...     "grover_expected_until_verified": 804.0}], "comparison": {}, "largest_n": {}})
>>> rows[0][:3]
['oracle queries, n = 20, one marked value', 524288.5, 804.0]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row, ratio, rows_where
from qcog.bench.markdown import records_table, table

QUERY_COLUMNS = (
    "n",
    "classical_expected",
    "grover_iterations",
    "grover_success_probability",
    "grover_expected_until_verified",
    "measured_success_probability",
    "measured_expected_until_verified",
    "bbht_mean_oracle_queries",
)
COMPARISON_COLUMNS = (
    "n",
    "iterations",
    "theirs_twoq_per_iteration",
    "ours_twoq_per_iteration",
    "gate_ratio",
    "theirs_time_s",
    "ours_time_s",
    "time_ratio",
    "ours_measured_success",
)


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    queries = result.get("queries") or []
    if queries:
        last = queries[-1]
        rows.append(
            [
                f"oracle queries, n = {last['n']}, one marked value",
                last.get("classical_expected"),
                last.get("grover_expected_until_verified"),
                "classical (N+1)/2 vs Grover k/p until a verified hit (theory)",
            ]
        )
        measured = [r for r in queries if "measured_expected_until_verified" in r]
        if measured:
            m = measured[-1]
            rows.append(
                [
                    f"oracle queries, n = {m['n']}, measured on Aer",
                    m.get("classical_expected"),
                    m.get("measured_expected_until_verified"),
                    f"measured success probability {m.get('measured_success_probability', 0):.3f}",
                ]
            )
    comparison = result.get("comparison") or {}
    at10 = rows_where(comparison.get("rows") or [], n=10)
    if at10:
        rows.append(
            [
                "2q gates per Grover iteration, n = 10",
                at10.get("theirs_twoq_per_iteration"),
                at10.get("ours_twoq_per_iteration"),
                f"baseline: qiskit-algorithms; ratio {at10.get('gate_ratio', 0):.3f} (target <= 0.2)",
            ]
        )
        rows.append(
            [
                "end-to-end time on Aer, n = 10 (s)",
                at10.get("theirs_time_s"),
                at10.get("ours_time_s"),
                f"baseline: qiskit-algorithms; ratio {ratio(at10.get('ours_time_s'), at10.get('theirs_time_s')) or 0:.2f}",
            ]
        )
    largest = result.get("largest_n") or {}
    if largest.get("largest_n"):
        rows.append(
            [
                f"largest n searched on Aer {largest.get('device', 'CPU')} within {largest.get('limit_s')} s",
                None,
                largest.get("largest_n"),
                "one marked value, optimal iterations",
            ]
        )
    return rows


def details(result: dict[str, Any]) -> str:
    parts = ["**Oracle queries, one marked value** (classical expected (N+1)/2 vs Grover)"]
    parts.append(records_table(result.get("queries") or [], QUERY_COLUMNS))
    comparison = result.get("comparison") or {}
    if "rows" in comparison:
        parts.append("**Against qiskit-algorithms' Grover** (same problems, shots and iterations)")
        parts.append(records_table(comparison["rows"], COMPARISON_COLUMNS))
        parts.append(
            table(
                ["gate ratio at n = 10", "target met", "time ratio (geomean)", "time ratio (max)"],
                [
                    [
                        comparison.get("gate_ratio_at_10"),
                        comparison.get("gate_target_met"),
                        comparison.get("time_ratio_geomean"),
                        comparison.get("time_ratio_max"),
                    ]
                ],
            )
        )
    elif comparison.get("skipped"):
        parts.append(f"_Comparison skipped: {comparison['skipped']}_")
    largest = result.get("largest_n") or {}
    configs = largest.get("configs") or []
    if configs:
        parts.append(
            f"**Largest n within {largest.get('limit_s')} s** on Aer {largest.get('device', 'CPU')}"
        )
        parts.append(
            table(
                ["configuration", "largest n", "largest n's time (s)"],
                [
                    [
                        c.get("label"),
                        c.get("largest_n"),
                        rows_where(c.get("rows") or [], n=c.get("largest_n")).get("wall_s"),
                    ]
                    for c in configs
                ],
            )
        )
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Grover search",
    compares="oracle queries: classical search vs Grover; gates and time: qiskit-algorithms vs qcog",
    headline=headline,
    details=details,
    order=10,
)
