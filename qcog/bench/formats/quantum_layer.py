"""Report format of ``benchmarks/quantum_layer.py``: samples/s of qcog's torch engine next to
PennyLane's ``default.qubit`` (backprop) and ``lightning.qubit`` (adjoint).

>>> rows = headline({"rows": [{"qubits": 4, "layers": 2, "qcog": 50000.0,
...     "default.qubit": 5000.0, "ratio_default.qubit": 10.0}]})
>>> rows[0][:3]
['layer samples/s, 4 qubits / 2 layers (cpu)', 5000.0, 50000.0]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, table

ENGINES = ("qcog", "default.qubit", "lightning.qubit")


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    device = result.get("device", "cpu")
    for r in result.get("rows") or []:
        note = f"baseline: PennyLane default.qubit; x{number(r.get('ratio_default.qubit'))}"
        if "lightning.qubit" in r:
            note += f"; lightning.qubit {number(r['lightning.qubit'])}/s"
        rows.append(
            [
                f"layer samples/s, {r.get('qubits')} qubits / {r.get('layers')} layers ({device})",
                r.get("default.qubit"),
                r.get("qcog"),
                note,
            ]
        )
    return rows


def details(result: dict[str, Any]) -> str:
    parts = [
        (
            f"{result.get('measures', 'samples/s, forward+backward')}; device {result.get('device', '-')}, "
            f"torch threads {result.get('torch_threads', '-')}."
        )
    ]
    header = [
        "qubits",
        "layers",
        *[f"{e} samples/s" for e in ENGINES],
        "x default.qubit",
        "x lightning.qubit",
    ]
    body = [
        [
            r.get("qubits"),
            r.get("layers"),
            *[r.get(e) for e in ENGINES],
            r.get("ratio_default.qubit"),
            r.get("ratio_lightning.qubit"),
        ]
        for r in result.get("rows") or []
    ]
    parts.append(table(header, body))
    if "target" in result:
        parts.append(
            f"Target: {result['target']}: **{'met' if result.get('target_met') else 'not met'}** "
            f"(smallest ratio {number(result.get('min_ratio_default_qubit'))}x)."
        )
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Quantum layer (PennyLane bridge)",
    compares="samples/s of a variational layer, forward+backward: PennyLane devices vs qcog's torch engine",
    headline=headline,
    details=details,
    order=30,
)
