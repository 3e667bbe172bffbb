"""Report format of ``benchmarks/shor.py``: Shor at gate level (sparse simulator) and on the
simulation-only fast path next to trial division and Pollard rho, order-finding CX next to
Qrisp measured in the same run, and the resource models at 2048 bits.

>>> rows = headline({"gate_level": [{"N": 221, "factored": True, "wall_s": 9.0,
...     "pollard_rho_s": 1e-5, "qubits": 35, "cx_count": 12000}], "fast": []})
>>> rows[0][:3]
['time to factor N = 221, gate level, sparse simulator (s, one run)', 1e-05, 9.0]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, records_table, table

ROW_COLUMNS = (
    "N",
    "bits",
    "factored",
    "factors",
    "a",
    "order",
    "wall_s",
    "qubits",
    "cx_count",
    "attempts",
    "trial_division_s",
    "pollard_rho_s",
)


def _largest_factored(rows: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in rows if r.get("factored")]
    return max(done, key=lambda r: r["N"]) if done else {}


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for key, label in (
        ("gate_level", "gate level, sparse simulator"),
        ("fast", "fast path, simulation only"),
    ):
        best = _largest_factored(result.get(key) or [])
        if best:
            note = "classical: Pollard rho"
            if best.get("qubits") is not None:
                note += f"; {best['qubits']} qubits"
            if best.get("cx_count") is not None:
                note += f", {number(best['cx_count'])} CX"
            rows.append(
                [
                    f"time to factor N = {best['N']}, {label} (s, one run)",
                    best.get("pollard_rho_s"),
                    best.get("wall_s"),
                    note,
                ]
            )
    for row in (result.get("gate_counts") or {}).get("rows") or []:
        qrisp = row.get("qrisp") or {}
        rows.append(
            [
                f"CX of order finding for N = {row['N']} (cx/rz/sx/x)",
                qrisp.get("cx_opt1"),
                (row.get("qcog_windowed") or {}).get("cx_opt1"),
                "baseline: Qrisp, same run"
                if "cx_opt1" in qrisp
                else f"Qrisp: {qrisp.get('skipped')}",
            ]
        )
    record = result.get("record")
    if record:
        rows.append(
            [
                f"record fast path: {record['bits']}-bit N = {record['N']} (s, one run)",
                record.get("pollard_rho_s"),
                record.get("wall_s"),
                (
                    f"load {number(record['load_before']['load1'])} on "
                    f"{record['load_before']['cpus']} CPUs; factored: {record.get('factored')}"
                ),
            ]
        )
    return rows


def details(result: dict[str, Any]) -> str:
    parts = [
        (
            f"Largest N factored within the budget ({number(result.get('budget_s_per_path'))} s per path, "
            f"only runs where the quantum part found the order): gate level "
            f"**{number(result.get('largest_N_gate_level'))}**, fast path (simulation only) "
            f"**{number(result.get('largest_N_fast'))}**."
        )
    ]
    for key, label in (
        ("gate_level", "Gate level (semiclassical, windowed arithmetic, sparse simulator)"),
        ("fast", "Fast path (simulation only)"),
    ):
        if result.get(key):
            parts += [
                f"**{label}** next to classical factoring of the same N",
                records_table(result[key], ROW_COLUMNS),
            ]
    counts = (result.get("gate_counts") or {}).get("rows") or []
    if counts:
        parts += [
            (
                "**Order finding CX**, transpiled to cx/rz/sx/x (optimization level 1, conditional "
                "blocks included), qcog and Qrisp built in the same run"
            ),
            table(
                ["N", "a", "qcog windowed", "qcog Beauregard", "Qrisp", "below Qrisp"],
                [
                    [
                        r["N"],
                        r["a"],
                        r["qcog_windowed"]["cx_opt1"],
                        (r.get("qcog_beauregard") or {}).get("cx_opt1"),
                        (r.get("qrisp") or {}).get("cx_opt1"),
                        r.get("below_qrisp"),
                    ]
                    for r in counts
                ],
            ),
        ]
    from qcog.resources.compare import COLUMNS

    models = (result.get("estimates") or {}).get("compare_2048")
    if models:
        parts += [
            "**Resources at 2048 bits** (physical assumptions: 1e-3 gate error, 1 us cycle, 10 us reaction)",
            records_table(models, COLUMNS),
        ]
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Shor factoring",
    compares="factoring time: trial division / Pollard rho vs Shor (gate level, fast path); CX vs Qrisp; resource models",
    headline=headline,
    details=details,
    order=20,
)
