"""Report format of ``benchmarks/quantum_layer.py``: qcog's torch engine next to PennyLane's
``default.qubit`` (backprop) and its peers; demo circuits, threads, memory, Hamiltonians.

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


def _spread(r: dict[str, Any]) -> str:
    s = r.get("ratio_spread")
    return f" (IQR {number(s['q1'])}-{number(s['q3'])})" if s else ""


def _headline_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Batch 64, float32 rows (all rows of results without batch/dtype)."""
    return [r for r in result.get("rows") or []
            if r.get("batch", 64) == 64 and r.get("dtype", "float32") == "float32"]


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    device = result.get("device", "cpu")
    for r in _headline_rows(result):
        note = f"baseline: PennyLane default.qubit; x{number(r.get('ratio_default.qubit'))}{_spread(r)}"
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
    for r in result.get("demos") or []:
        if r.get("batch") == 64:
            seconds = r["seconds"]
            rows.append([f"demo circuit {r['demo']} ({r['qubits']} qubits), ms per step, batch 64",
                         1e3 * seconds["default.qubit"]["median"], 1e3 * seconds["qcog"]["median"],
                         f"baseline: TorchLayer default.qubit; x{number(r['ratio_default.qubit'])}"])
    for r in result.get("hamiltonian") or []:
        seconds = r["seconds"]
        rows.append([f"energy + gradient, {r['hamiltonian']} ({r['terms']} terms), ms",
                     1e3 * seconds["default.qubit"]["median"], 1e3 * seconds["qcog"]["median"],
                     f"baseline: default.qubit; x{number(r['ratio_default.qubit'])}"])
    return rows


def _throughput(result: dict[str, Any]) -> str:
    rows = result.get("rows") or []
    extended = any("batch" in r for r in rows)
    compiled = any("ratio_compiled" in r for r in rows)
    header = ["qubits", "layers", *(["batch", "dtype"] if extended else []),
              *[f"{e} samples/s" for e in ENGINES], "x default.qubit",
              *(["IQR"] if extended else ["x lightning.qubit"]),
              *(["x torch-compiled", "IQR", "compile s"] if compiled else [])]
    body = []
    for r in rows:
        spread = r.get("ratio_spread") or {}
        line = [r.get("qubits"), r.get("layers"),
                *([r.get("batch"), r.get("dtype")] if extended else []),
                *[r.get(e) for e in ENGINES], r.get("ratio_default.qubit"),
                *([_iqr(spread)] if extended else [r.get("ratio_lightning.qubit")])]
        if compiled:
            line += _compiled_cells(r)
        body.append(line)
    parts = [table(header, body)]
    if compiled:
        parts.append("x torch-compiled: the same layer on the `\"torch-compiled\"` engine, in the "
                     "same interleaving; \"eager\" where the work is above its compile limit "
                     "(that engine then runs qcog's eager path: the ratio is qcog's); compile s: its "
                     "first call, which compiles (seconds when Inductor's on-disk cache already "
                     "holds the code from an earlier run, 10-60 s without).")
    return "\n\n".join(parts)


def _iqr(spread: dict[str, Any]) -> str:
    return f"{number(spread.get('q1'))}-{number(spread.get('q3'))}"


def _compiled_cells(r: dict[str, Any]) -> list:
    """``[x torch-compiled, IQR, compile seconds]`` of a row or demo row."""
    if "compile_seconds" not in r:
        return [r.get("ratio_compiled"), "eager", None]
    return [r["ratio_compiled"], _iqr(r.get("ratio_compiled_spread") or {}), r["compile_seconds"]]


def _sections(result: dict[str, Any]) -> list[str]:
    parts = []
    if result.get("demos"):
        compiled = any("ratio_compiled" in r for r in result["demos"])
        body = [[r["demo"], r["qubits"], r["batch"], 1e3 * r["seconds"]["qcog"]["median"],
                 1e3 * r["seconds"]["default.qubit"]["median"], r["ratio_default.qubit"],
                 *(_compiled_cells(r) if compiled else [])] for r in result["demos"]]
        parts.append(table(["demo", "qubits", "batch", "qcog ms", "default.qubit ms", "x",
                            *(["x torch-compiled", "IQR", "compile s"] if compiled else [])], body))
        verdict = f"Demo target: {result.get('demo_target')}: " \
                  f"**{'met' if result.get('demo_target_met') else 'not met'}**"
        if "demo_target_met_compiled" in result:
            verdict += (f"; with torch-compiled: "
                        f"**{'met' if result['demo_target_met_compiled'] else 'not met'}**")
        parts.append(verdict + ".")
    if result.get("floor"):
        kinds = ("hand-written", "recording only", "qcog", "default.qubit")
        body = [[r["circuit"], r["batch"], *[1e3 * r["seconds"][k]["median"] for k in kinds],
                 r["ratio_default.qubit"]["hand-written"], r["ratio_default.qubit"]["qcog"]]
                for r in result["floor"]]
        parts.append(table(["circuit", "batch", *[f"{k} ms" for k in kinds],
                            "x hand-written", "x qcog"], body))
        parts.append("The hand-written programs are plain torch for that one circuit (no "
                     "recording, no lowering): what an eager torch engine can reach there.")
    peers = result.get("peers") or {}
    for r in peers.get("rows", []):
        ratios = {k[len("ratio_"):]: v for k, v in r.items() if k.startswith("ratio_")}
        parts.append(f"Peers at {r['qubits']}q/{r['layers']}L, batch 64 (times qcog's speed): "
                     + ", ".join(f"{k} x{number(v)}" for k, v in ratios.items()) + ".")
    if peers.get("notes"):
        parts.append("; ".join(f"{k}: {v}" for k, v in peers["notes"].items()) + ".")
    if result.get("threads"):
        body = [[r["qubits"], r["batch"], *[1e3 * r["seconds"][k]["median"]
                                            for k in ("1 thread", "2 threads", "auto")],
                 r["auto_threads"]] for r in result["threads"]]
        parts.append(table(["qubits", "batch", "1 thread ms", "2 threads ms", "auto ms",
                            "auto picks"], body))
    if result.get("memory"):
        body = [[r["qubits"], r["batch"], r["engine"],
                 r["step_bytes"] / 2**20 if r.get("status") == "ok" else None,
                 r.get("reason", r.get("error", ""))] for r in result["memory"]]
        parts.append(table(["qubits", "batch", "engine", "step peak MiB", "note"], body))
    if result.get("hamiltonian"):
        body = [[r["hamiltonian"], r["terms"], 1e3 * r["seconds"]["qcog"]["median"],
                 1e3 * r["seconds"]["default.qubit"]["median"], r["ratio_default.qubit"],
                 r["gradient_difference"]] for r in result["hamiltonian"]]
        parts.append(table(["Hamiltonian", "terms", "qcog ms", "default.qubit ms", "x",
                            "max |grad diff|"], body))
    return parts


def details(result: dict[str, Any]) -> str:
    parts = [
        (
            f"{result.get('measures', 'samples/s, forward+backward')}; device {result.get('device', '-')}, "
            f"torch threads {result.get('torch_threads', '-')}."
        ),
        _throughput(result),
    ]
    if "target" in result:
        parts.append(
            f"Target: {result['target']}: **{'met' if result.get('target_met') else 'not met'}** "
            f"(smallest ratio {number(result.get('min_ratio_default_qubit'))}x)"
            + (f"; with the torch-compiled engine: "
               f"**{'met' if result['target_met_compiled'] else 'not met'}** "
               f"(smallest ratio {number(result.get('min_ratio_compiled'))}x)"
               if "target_met_compiled" in result else "") + "."
        )
    parts += _sections(result)
    return "\n\n".join(parts)


FORMAT = BenchmarkFormat(
    title="Quantum layer (PennyLane bridge)",
    compares="samples/s of a variational layer, forward+backward: PennyLane devices vs qcog's torch engine",
    headline=headline,
    details=details,
    order=30,
)
