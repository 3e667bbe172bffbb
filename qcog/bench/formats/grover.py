"""Report format of ``benchmarks/grover.py``: queries versus classical search, gates and time
versus qiskit-algorithms, and the largest n searched on Aer.

The verdicts (queries over seeds, interleaved timings) are rendered generically from the
benchmark's verdict rows; the headline rows here are the exact numbers: theoretical
queries and two-qubit gate counts, with where the gate lead comes from.

>>> rows = headline({"queries": {"rows": [{"n": 20, "classical_expected": 524288.5,
...     "grover_expected_until_verified": 804.0}]}, "comparison": {}, "largest_n": {}})
>>> rows[0][:3]
['oracle queries, n = 20, one marked value (theory)', 524288.5, 804.0]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row, rows_where
from qcog.bench.markdown import records_table, summary, table

QUERY_COLUMNS = (
    "n",
    "classical_expected",
    "classical_measured",
    "grover_iterations",
    "grover_success_probability",
    "grover_expected_until_verified",
    "measured_success_probability",
    "measured_expected_until_verified",
    "bbht_oracle_queries",
)
GATE_COLUMNS = (
    "n",
    "iterations",
    "theirs_twoq_per_iteration",
    "theirs_idle_qubit_twoq_per_iteration",
    "ours_twoq_per_iteration",
    "gate_ratio",
)


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    queries = (result.get("queries") or {}).get("rows") or []
    if queries:
        last = queries[-1]
        rows.append(
            [
                f"oracle queries, n = {last['n']}, one marked value (theory)",
                last.get("classical_expected"),
                last.get("grover_expected_until_verified"),
                "classical (N+1)/2 vs Grover k/p until a verified hit; measured values: verdicts",
            ]
        )
    at10 = rows_where((result.get("comparison") or {}).get("rows") or [], n=10)
    if at10:
        rows.append(
            [
                "2q gates per Grover iteration, n = 10 (cx/rz/sx/x)",
                at10.get("theirs_twoq_per_iteration"),
                at10.get("ours_twoq_per_iteration"),
                (
                    "baseline: qiskit-algorithms' usual set-up (no helper qubit); given one idle "
                    f"qubit it needs {at10.get('theirs_idle_qubit_twoq_per_iteration')}: qcog's "
                    "lead is its one clean helper qubit, not a better circuit"
                ),
            ]
        )
    return rows


def _timing_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            r["n"],
            summary(r.get("theirs_time_s")),
            summary(r.get("ours_time_s")),
            summary((r.get("time") or {}).get("ratio")),
            (r.get("time") or {})
            .get("verdict", "-")
            .replace("quantum", "qcog")
            .replace("classical", "qiskit-algorithms"),
        ]
        for r in rows
    ]


def details(result: dict[str, Any]) -> str:
    queries = result.get("queries") or {}
    parts = [
        (
            "**Oracle queries, one marked value**: classical expected (N+1)/2 and Grover's k/p in "
            f"theory; measured on Aer over {len(queries.get('seeds') or [])} seeds "
            f"({queries.get('shots_per_seed')} shots per seed; classical random search simulated "
            "with as many trials), mean [95% CI]"
        ),
        records_table(queries.get("rows") or [], QUERY_COLUMNS),
    ]
    comparison = result.get("comparison") or {}
    if "rows" in comparison:
        parts.append(
            "**Against qiskit-algorithms' Grover**: two-qubit gates per iteration after "
            "transpiling to cx/rz/sx/x (exact), for its usual set-up, for the same operator "
            "given one idle qubit, and for qcog (one helper qubit)"
        )
        parts.append(records_table(comparison["rows"], GATE_COLUMNS))
        parts.append(
            f"End-to-end time on Aer ({comparison.get('shots')} shots, "
            f"{comparison.get('repeats')} repeats interleaved, order alternating): median (IQR), "
            "and the time ratio qcog / qiskit-algorithms with its 95% interval"
        )
        parts.append(
            table(
                ["n", "qiskit-algorithms (s)", "qcog (s)", "ratio [95% CI]", "verdict"],
                _timing_rows(comparison["rows"]),
            )
        )
    elif comparison.get("skipped"):
        parts.append(f"_Comparison skipped: {comparison['skipped']}_")
    largest = result.get("largest_n") or {}
    configs = largest.get("configs") or []
    if configs:
        parts.append(
            f"**Largest n within {largest.get('limit_s')} s** on Aer {largest.get('device', 'CPU')} "
            "(one run per n: a capability, not a verdict)"
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
