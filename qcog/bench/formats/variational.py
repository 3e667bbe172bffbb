"""Report format of ``benchmarks/variational.py``: VQE time to chemical accuracy on qcog's torch
engine next to PennyLane, bond-scan errors against FCI, and QAOA MaxCut ratios next to
Goemans-Williamson and the exact optimum.

>>> result = {"vqe_time_to_accuracy": [{"molecule": "LiH", "qubits": 10, "engines": {
...     "torch": {"cpu_s": {"median": 0.1}}, "default.qubit": {"cpu_s": {"median": 2.0}}},
...     "speedup_default.qubit": {"median": 20.0}}]}
>>> headline(result)[0][:3]
['VQE CPU s to chemical accuracy, LiH 10 qubits', 2.0, 0.1]
"""

from __future__ import annotations

import math
from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, table


def _median(entry: dict | None) -> float | None:
    return None if not entry else entry.get("median")


def _vqe_rows(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for r in result.get("vqe_time_to_accuracy") or []:
        engines = r.get("engines", {})
        note = f"baseline: PennyLane default.qubit; x{number(_median(r.get('speedup_default.qubit')))}"
        if "lightning.qubit" in engines:
            note += (f"; lightning.qubit {number(_median(engines['lightning.qubit'].get('cpu_s')))} s "
                     f"(x{number(_median(r.get('speedup_lightning.qubit')))})")
        rows.append([f"VQE CPU s to chemical accuracy, {r['molecule']} {r['qubits']} qubits",
                     _median(engines.get("default.qubit", {}).get("cpu_s")),
                     _median(engines.get("torch", {}).get("cpu_s")), note])
    return rows


def _qaoa_rows(result: dict[str, Any]) -> list[Row]:
    qaoa = result.get("qaoa") or {}
    rows: list[Row] = []
    overall = [r for r in qaoa.get("rows") or [] if r.get("n") == "all"]
    if overall:
        last = overall[-1]
        rows.append([f"QAOA MaxCut ratio at p={last['p']} (3-regular, n={qaoa.get('sizes')})",
                     last["gw_mean_ratio"]["mean"], last["qaoa_ratio"]["mean"],
                     (f"baseline: Goemans-Williamson (mean over hyperplanes; best of 100: "
                     f"{number(last['gw_best_ratio']['mean'])}); "
                     f"{last['qaoa_vs_gw_mean']['verdict']}")])
    farhi = qaoa.get("farhi")
    if farhi:
        rows.append(["QAOA p=1 smallest ratio on 3-regular graphs", farhi["bound"], farhi["min_ratio"],
                     (f"baseline: Farhi et al.'s guarantee; {farhi['instances']} instances, "
                     f"all above: {number(farhi['all_above_bound'])}")])
    return rows


def _shot_row(shot: dict[str, Any]) -> Row:
    mitigation = shot.get("mitigation", "none")
    where = shot["backend"] + ("" if mitigation == "none" else f", {mitigation} mitigated")
    spread = shot.get("std")
    if isinstance(spread, (int, float)) and math.isfinite(spread):  # NaN: not estimated (mitigated)
        note = f"baseline: FCI; standard error {1000 * spread:.2f} mHa"
    else:
        note = f"baseline: FCI; unmitigated {number(shot.get('unmitigated_error_mha'))} mHa"
    return [f"VQE |E - E_FCI| of H2 with {shot['shots']} shots on {where} (mHa)", 0.0,
            abs(shot["error_mha"]), note]


def headline(result: dict[str, Any]) -> list[Row]:
    rows = _vqe_rows(result)
    for scan in result.get("vqe_scans") or []:
        rows.append([f"VQE max |E - E_FCI| over the {scan['molecule']} bond scan (mHa)", 0.0,
                     scan["max_error_mha"],
                     (f"baseline: FCI of the same Hamiltonian; chemical accuracy 1.6 mHa at all "
                     f"{len(scan['bond_lengths'])} points: {number(scan['all_chemically_accurate'])}")])
    for shot in result.get("vqe_shots") or []:
        if shot["ansatz"] == "doubles":
            rows.append(_shot_row(shot))
    rows += _qaoa_rows(result)
    timing_rows = result.get("qaoa_timing") or []
    if timing_rows:
        t = timing_rows[-1]
        rows.append([f"QAOA CPU s per optimisation, n={t['n']}, p={t['p']}",
                     _median(t.get("default.qubit_s")), _median(t.get("torch_s")),
                     f"baseline: PennyLane default.qubit; x{number(_median(t.get('speedup')))}"])
    return rows


def details(result: dict[str, Any]) -> str:
    parts = [result.get("measures", "")]
    vqe = result.get("vqe_time_to_accuracy") or []
    if vqe:
        header = ["molecule", "qubits", "terms", "parameters", "engine", "CPU s (median)",
                  "wall s", "reached", "evaluation CPU s"]
        body = [[r["molecule"], r["qubits"], r["terms"], r["parameters"], engine,
                 _median(e.get("cpu_s")), _median(e.get("wall_s")), f"{e.get('reached')}/{e.get('runs')}",
                 e.get("evaluation_cpu_s")]
                for r in vqe for engine, e in r.get("engines", {}).items()]
        parts.append("**VQE time to chemical accuracy**\n\n" + table(header, body))
    scans = result.get("vqe_scans") or []
    for scan in scans:
        body = list(zip(scan["bond_lengths"], scan["hf"], scan["fci"], scan["vqe"], scan["errors_mha"]))
        parts.append(f"**{scan['molecule']} bond scan** ({scan['bond']})\n\n"
                     + table(["R (A)", "HF", "FCI", "VQE", "error mHa"], body))
    qaoa = result.get("qaoa") or {}
    if qaoa.get("rows"):
        body = [[r["p"], r["n"], r["instances"], r["qaoa_ratio"]["mean"], r["gw_mean_ratio"]["mean"],
                 r["gw_best_ratio"]["mean"], r["local_search_ratio"]["mean"], r["qaoa_vs_gw_mean"]["verdict"]]
                for r in qaoa["rows"]]
        parts.append("**QAOA MaxCut approximation ratios** (exact optimum = 1)\n\n" + table(
            ["p", "n", "instances", "QAOA", "GW mean", "GW best", "local search", "QAOA vs GW mean"], body))
    timing_rows = result.get("qaoa_timing") or []
    if timing_rows:
        body = [[t["n"], t["p"], _median(t["torch_s"]), _median(t["default.qubit_s"]), _median(t["speedup"])]
                for t in timing_rows]
        parts.append("**QAOA time per optimisation (CPU s)**\n\n"
                     + table(["n", "p", "qcog torch", "default.qubit", "speedup"], body))
    targets = result.get("targets")
    if targets:
        parts.append("Targets: " + ", ".join(f"{k} {number(v)}" for k, v in targets.items()))
    return "\n\n".join(p for p in parts if p)


FORMAT = BenchmarkFormat(
    title="Variational algorithms (VQE, QAOA)",
    compares="VQE time to chemical accuracy vs PennyLane, energies vs FCI; QAOA ratios vs "
             "Goemans-Williamson and the exact optimum",
    headline=headline,
    details=details,
    order=40,
)
