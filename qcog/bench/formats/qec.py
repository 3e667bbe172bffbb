"""Report format of ``benchmarks/qec.py``: Aer versus Stim sampling, PyMatching throughput,
agreement with Stim's generated circuits, the surface-code threshold, the mitigation table.

>>> rows = headline({"sampling": [{"code": "surface", "distance": 5,
...     "aer_shots_per_s": {"median": 300.0}, "stim_shots_per_s": {"median": 1.5e6}}]})
>>> rows[0][:3]
['shots/s, surface code d = 5 memory (Aer vs Stim, same noisy circuit)', 300.0, 1500000.0]
"""

from __future__ import annotations

from typing import Any

from qcog.bench.formats.base import BenchmarkFormat, Row
from qcog.bench.markdown import number, table


def _interval(i: dict[str, Any] | None) -> str:
    if not i:
        return "-"
    if i.get("low") is None:
        return number(i["mean"])
    return f"{number(i['mean'])} [{number(i['low'])}, {number(i['high'])}]"


def headline(result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for r in result.get("sampling") or []:
        if r["code"] == "surface" and r["distance"] == 5:
            rows.append([
                "shots/s, surface code d = 5 memory (Aer vs Stim, same noisy circuit)",
                r["aer_shots_per_s"]["median"], r["stim_shots_per_s"]["median"],
                "baseline: Aer stabilizer with the noise as Pauli channels; qcog: Stim export",
            ])
    threshold = result.get("threshold_estimate")
    if threshold:
        per_shot = (result.get("threshold") or {}).get("per_shot_crossing")
        rows.append([
            "surface-code threshold, uniform circuit noise (crossing of the two largest d)",
            None, threshold["mean"],
            f"per round {_interval(threshold)}; per shot {_interval(per_shot)}",
        ])
    for r in result.get("mitigation") or []:
        if r["mitigation"] == "both":
            none = next(x for x in result["mitigation"] if x["problem"] == r["problem"] and x["mitigation"] == "none")
            rows.append([
                f"|error| of {r['problem']} on fake:manila",
                none["abs_error"]["mean"], r["abs_error"]["mean"],
                (f"baseline: no mitigation; qcog: readout + ZNE, {number(r['circuit_overhead'])}x circuits; "
                f"{(r.get('vs_none') or {}).get('verdict', '')}"),
            ])
    return rows


def details(result: dict[str, Any]) -> str:
    parts = []
    sampling = result.get("sampling") or []
    if sampling:
        parts += ["**Sampling the same noisy memory circuits** (shots/s, median)", table(
            ["code", "d", "qubits", "Aer shots/s", "Stim shots/s", "Stim / Aer", "Stim compile (s)"],
            [[r["code"], r["distance"], r["qubits"], r["aer_shots_per_s"]["median"],
              r["stim_shots_per_s"]["median"], r["stim_over_aer"], r["stim_compile_s"]] for r in sampling],
        )]
    decoding = result.get("decoding") or []
    if decoding:
        parts += ["**PyMatching decoding** (surface code, rounds = d, p = 0.005)", table(
            ["d", "detectors", "shots/s", "detection events/s", "decoder build (s)"],
            [[r["distance"], r["detectors"], r["shots_per_s"]["median"], r["events_per_s"]["median"],
              r["decoder_build_s"]] for r in decoding],
        )]
    agreement = result.get("reference_agreement") or []
    if agreement:
        parts += ["**qcog's circuits versus stim.Circuit.generated** (logical error per shot, 95% CI)", table(
            ["code", "basis", "d", "p", "qcog", "Stim generated", "overlap"],
            [[r["code"], r["basis"], r["distance"], r["p"], _interval(r["qcog"]),
              _interval(r["stim_generated"]), r["intervals_overlap"]] for r in agreement],
        )]
    crossings = (result.get("threshold") or {}).get("crossings") or []
    if crossings:
        parts += ["**Surface-code threshold** (logical error per round; bootstrap 95% CI)", table(
            ["distances", "crossing p"],
            [[f"{c['small']} / {c['large']}", _interval(c["p"]) if c["p"] else c["note"]] for c in crossings],
        )]
    mitigation = result.get("mitigation") or []
    if mitigation:
        parts += ["**Mitigation on fake:manila** (|estimate - exact|, mean over seeds, 95% CI)", table(
            ["problem", "mitigation", "|error|", "vs none", "circuits", "shot overhead"],
            [[r["problem"], r["mitigation"], _interval(r["abs_error"]),
              (r.get("vs_none") or {}).get("verdict", "-"), r["circuits"], r["shot_overhead"]]
             for r in mitigation],
        )]
    return "\n\n".join(parts) or "_no numbers in this result_"


FORMAT = BenchmarkFormat(
    title="Error correction and mitigation",
    compares="Aer vs Stim sampling; PyMatching throughput; qcog circuits vs Stim's generated; "
    "surface-code threshold; mitigated vs unmitigated estimates on fake:manila",
    headline=headline,
    details=details,
    order=60,
)
