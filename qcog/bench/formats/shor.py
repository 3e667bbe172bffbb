"""Report format of ``benchmarks/shor.py``: Shor (gate level on Aer, and the simulation-only
fast path) next to trial division and Pollard rho, and the N = 15 CX count next to anchors.

>>> rows = headline({"gate_level": [{"N": 21, "factored": True, "wall_s": 9.0,
...     "pollard_rho_s": 1e-5, "qubits": 13, "twoq_gates": 12000}], "fast": []})
>>> rows[0][:3]
['time to factor N = 21, gate level on Aer (s)', 1e-05, 9.0]
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
    "twoq_gates",
    "depth",
    "attempts",
    "trial_division_s",
    "pollard_rho_s",
)
N15_KEY = "semiclassical a=7 (opt 3)"
QISKIT_ANCHOR = "qiskit Shor (removed)"


def _largest_factored(rows: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in rows if r.get("factored")]
    return max(done, key=lambda r: r["N"]) if done else {}


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for key, label in (("gate_level", "gate level on Aer"), ("fast", "fast path, simulation only")):
        best = _largest_factored(result.get(key) or [])
        if best:
            note = "classical: Pollard rho"
            if best.get("qubits") is not None:
                note += f"; {best['qubits']} qubits"
            if best.get("twoq_gates") is not None:
                note += f", {number(best['twoq_gates'])} 2q gates"
            rows.append(
                [
                    f"time to factor N = {best['N']}, {label} (s)",
                    best.get("pollard_rho_s"),
                    best.get("wall_s"),
                    note,
                ]
            )
    counts = (result.get("gate_counts_n15") or {}).get(N15_KEY)
    anchors = (result.get("gate_counts_n15") or {}).get("anchors_cx") or {}
    if counts:
        rows.append(
            [
                "CX of order finding for N = 15 (cx/rz/sx/x)",
                anchors.get(QISKIT_ANCHOR),
                counts.get("cx"),
                "baseline: the removed qiskit Shor; Qrisp " + number(anchors.get("Qrisp")),
            ]
        )
    return rows


def details(result: dict[str, Any]) -> str:
    budget = result.get("budget_s_per_path")
    parts = [
        (
            f"Largest N factored within the budget ({number(budget)} s per path): gate level "
            f"**{number(result.get('largest_N_gate_level'))}**, fast path (simulation only) "
            f"**{number(result.get('largest_N_fast'))}**."
        )
    ]
    for key, label in (
        ("gate_level", "Gate level (semiclassical, Aer CPU)"),
        ("fast", "Fast path (simulation only)"),
    ):
        if result.get(key):
            parts += [
                f"**{label}** next to classical factoring of the same N",
                records_table(result[key], ROW_COLUMNS),
            ]
    counts = result.get("gate_counts_n15") or {}
    circuits = [
        [name, c.get("qubits"), c.get("cx"), c.get("depth")]
        for name, c in counts.items()
        if "cx" in c
    ]
    if circuits:
        anchors = counts.get("anchors_cx") or {}
        circuits += [[f"anchor: {name}", None, cx, None] for name, cx in anchors.items()]
        parts += [
            "**Order finding for N = 15**, transpiled to cx/rz/sx/x",
            table(["circuit", "qubits", "CX", "depth"], circuits),
        ]
        parts.append(
            f"Below the qiskit anchor: {number(result.get('n15_cx_below_qiskit'))}; "
            f"below Qrisp: {number(result.get('n15_cx_below_qrisp'))}."
        )
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Shor factoring",
    compares="factoring time: trial division / Pollard rho vs Shor (gate level, fast path); CX vs published anchors",
    headline=headline,
    details=details,
    order=20,
)
