"""Report format of ``benchmarks/kernels.py``: Gram-matrix seconds of qcog next to Qiskit
Machine Learning and PennyLane, and QSVC accuracy next to its classical twins.

>>> rows = headline({"gram_rows": [{"qubits": 10, "points": 500, "qcog": {"median": 0.05},
...     "qiskit-ml": {"median": 20.0}, "ratio_qiskit-ml": {"median": 400.0}}],
...     "accuracy": {"table": []}})
>>> rows[0][:3]
['Gram matrix seconds, 500 points, 10 qubits', 20.0, 0.05]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, table

IMPLEMENTATIONS = ("qcog", "qcog_float32", "qcog engine", "qiskit-ml", "pennylane default.qubit",
                   "pennylane lightning.qubit")


def _median(row: dict[str, Any], name: str) -> Any:
    value = row.get(name)
    return value.get("median") if isinstance(value, dict) else None


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for r in result.get("gram_rows") or []:
        baseline = "qiskit-ml" if "qiskit-ml" in r else "pennylane default.qubit"
        ratio = _median(r, "ratio_qiskit-ml")
        extrapolated = "extrapolated_from_points" in (r.get(baseline) or {}) or \
            "extrapolated_from_pairs" in (r.get(baseline) or {})
        note = f"baseline: {baseline}{' (extrapolated)' if extrapolated else ''}"
        if ratio is not None:
            note += f"; x{number(ratio)}"
        rows.append([f"Gram matrix seconds, {r.get('points')} points, {r.get('qubits')} qubits",
                     _median(r, baseline), _median(r, "qcog"), note])
    for r in (result.get("accuracy") or {}).get("table", []):
        acc = r.get("accuracy", {})
        verdict = (r.get("comparisons", {}).get("rbf_svc") or {}).get("verdict")
        rows.append([f"test accuracy, {r.get('dataset')} ({r.get('n_qubits')} qubits)",
                     (acc.get("rbf_svc") or {}).get("mean"), (acc.get("qsvc") or {}).get("mean"),
                     f"RBF SVC vs QSVC over {len(r.get('seeds', []))} seeds: {verdict}"])
    return rows


def details(result: dict[str, Any]) -> str:
    parts = [(f"{result.get('measures', '')}; torch threads {result.get('torch_threads', '-')}, "
             f"load average {result.get('load_average_1min', '-')}.")]
    body = [[r.get("qubits"), r.get("points"), *[_median(r, n) for n in IMPLEMENTATIONS],
             _median(r, "ratio_qiskit-ml"), _median(r, "ratio_qiskit-ml_cpu")]
            for r in result.get("gram_rows") or []]
    parts.append(table(["qubits", "points", *[f"{n} s" for n in IMPLEMENTATIONS],
                        "x qiskit-ml (wall)", "x qiskit-ml (cpu)"], body))
    acc_rows = []
    for r in ((result.get("accuracy") or {}).get("table", [])
              + (result.get("accuracy") or {}).get("versus_qubits", [])):
        acc = r.get("accuracy", {})
        verdicts = r.get("comparisons", {})
        acc_rows.append([r.get("dataset"), r.get("n_qubits"), len(r.get("seeds", [])),
                         *[(acc.get(m) or {}).get("mean") for m in ("qsvc", "rbf_svc",
                                                                    "random_fourier")],
                         (verdicts.get("rbf_svc") or {}).get("verdict"),
                         (verdicts.get("random_fourier") or {}).get("verdict")])
    parts.append(table(["dataset", "qubits", "seeds", "QSVC", "RBF SVC", "random Fourier",
                        "QSVC vs RBF", "QSVC vs RFF"], acc_rows))
    targets = result.get("targets") or {}
    if targets:
        parts.append(
            f"- {targets.get('gram')}: {number(targets.get('gram_2000_10q_seconds'))} s "
            f"(float32 {number(targets.get('gram_2000_10q_seconds_float32'))} s): "
            f"**{'met' if targets.get('gram_2000_10q_target_met') else 'not met'}**\n"
            f"- {targets.get('ratio')}: smallest ratio {number(targets.get('min_ratio_qiskit_ml_500'))}"
            f" (CPU time {number(targets.get('min_ratio_qiskit_ml_500_cpu'))}): "
            f"**{'met' if targets.get('ratio_target_met') else 'not met'}**")
    if result.get("skipped_peers"):
        parts.append(f"Skipped peers: {result['skipped_peers']}")
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Quantum kernels (QSVC)",
    compares="Gram-matrix seconds vs Qiskit Machine Learning and PennyLane; QSVC vs RBF SVC and "
             "random Fourier features accuracy",
    headline=headline,
    details=details,
    order=35,
)
