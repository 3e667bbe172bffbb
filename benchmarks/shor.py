"""Benchmark: Shor's algorithm in qcog (gate level and the simulation-only fast path) next to
classical factoring (trial division, Pollard rho) on the same N, and the CX count of the
N = 15 order-finding circuit next to published anchors.

What it measures, in one run on this machine:
- for each N (odd semiprimes): wall time, qubits, two-qubit gates, depth and attempts of
  ``factor(N, force_quantum=True)`` with method 'semiclassical' on Aer CPU and with the
  'fast' permutation simulator; wall time of trial division and Pollard rho;
- the largest N each path factored within its budget (10 minutes in the full run);
- CX after transpiling the N = 15 circuit to cx/rz/sx/x, vs the removed qiskit Shor
  (12,468 CX) and Qrisp (2,872 CX). Target: below 12,468.

Run: ``python benchmarks/shor.py [--quick] [--out DIR]`` (writes shor.json and shor.png).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ANCHORS_CX_N15 = {"qiskit Shor (removed)": 12468, "Qrisp": 2872}
GATE_LEVEL_N = [
    15,
    21,
    33,
    35,
    39,
    51,
    55,
    57,
    65,
    69,
    77,
    85,
    87,
    91,
    95,
    119,
    133,
    143,
    187,
    221,
    247,
]
FAST_N = [15, 21, 35, 91, 143, 1147, 3599, 10403, 39203, 164009, 1022117, 4028033, 16777207]


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def classical_row(N: int) -> dict:
    from qcog.algorithms.classical_factoring import pollard_rho, trial_division

    d1, t1 = _timed(lambda: trial_division(N))
    d2, t2 = _timed(lambda: pollard_rho(N, seed=1))
    assert N % d1 == 0 and N % d2 == 0
    return {"trial_division_s": t1, "pollard_rho_s": t2}


def shor_row(N: int, method: str, shots: int, seed: int) -> dict:
    from qcog.algorithms.shor import factor

    result, wall = _timed(
        lambda: factor(N, method=method, backend="aer", shots=shots, seed=seed, force_quantum=True)
    )
    ok = result.factors is not None and result.factors[0] * result.factors[-1] == N
    return {
        "N": N,
        "bits": N.bit_length(),
        "method": method,
        "factored": ok,
        "factors": result.factors,
        "a": result.a,
        "order": result.order,
        "wall_s": wall,
        "qubits": result.qubits,
        "twoq_gates": result.twoq_gates,
        "depth": result.depth,
        "attempts": len(result.attempts),
        "simulation_only": result.simulation_only,
        **classical_row(N),
    }


def sweep(values, method: str, shots: int, budget_s: float) -> list[dict]:
    rows, spent = [], 0.0
    for N in values:
        row = shor_row(N, method, shots, seed=N)
        rows.append(row)
        spent += row["wall_s"]
        print(
            f"{method:>13} N={N:>9} {row['wall_s']:8.2f} s  qubits={row['qubits']} 2q={row['twoq_gates']} "
            f"attempts={row['attempts']} factors={row['factors']}",
            flush=True,
        )
        if spent + 3 * row["wall_s"] > budget_s:  # the next N would likely not fit
            break
    return rows


def gate_counts_n15() -> dict:
    from qcog.algorithms.resource_estimate import estimate_shor_resources
    from qcog.circuits.metrics import cost_in_basis
    from qcog.circuits.order_finding import (
        full_order_finding_circuit,
        semiclassical_order_finding_circuit,
    )

    out = {"anchors_cx": ANCHORS_CX_N15}
    for name, qc in {
        "semiclassical a=7": semiclassical_order_finding_circuit(7, 15),
        "semiclassical a=2": semiclassical_order_finding_circuit(2, 15),
        "full a=7": full_order_finding_circuit(7, 15),
        "semiclassical a=7 without shortcuts": semiclassical_order_finding_circuit(
            7, 15, skip_identity=False, known_input=False
        ),
    }.items():
        for level in (1, 3):
            cost = cost_in_basis(qc, optimization_level=level)
            out[f"{name} (opt {level})"] = {
                "qubits": cost.qubits,
                "cx": cost.twoq_gates,
                "depth": cost.depth,
            }
    out["estimate n=4 generic (opt 0)"] = estimate_shor_resources(4).to_dict()
    return out


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    for key, label in (
        ("gate_level", "Shor gate level (Aer CPU)"),
        ("fast", "Shor fast path (simulation only)"),
    ):
        rows = [r for r in results[key] if r["factored"]]
        ax1.plot([r["N"] for r in rows], [r["wall_s"] for r in rows], "o-", label=label)
    rows = results["gate_level"] + results["fast"]
    rows = sorted({r["N"]: r for r in rows}.values(), key=lambda r: r["N"])
    ax1.plot(
        [r["N"] for r in rows], [r["trial_division_s"] for r in rows], "s--", label="trial division"
    )
    ax1.plot([r["N"] for r in rows], [r["pollard_rho_s"] for r in rows], "^--", label="Pollard rho")
    ax1.set(
        xscale="log",
        yscale="log",
        xlabel="N",
        ylabel="wall time (s)",
        title="Factoring N on this machine",
    )
    ax1.legend(fontsize=8)
    counts = results["gate_counts_n15"]
    names = list(counts["anchors_cx"]) + ["qcog semiclassical a=7", "qcog full a=7"]
    values = list(counts["anchors_cx"].values()) + [
        counts["semiclassical a=7 (opt 3)"]["cx"],
        counts["full a=7 (opt 3)"]["cx"],
    ]
    ax2.barh(names, values, color=["grey", "grey", "tab:blue", "tab:cyan"])
    for i, v in enumerate(values):
        ax2.text(v, i, f" {v:,}", va="center")
    ax2.set(xlabel="CX after transpiling to cx/rz/sx/x", title="Order finding for N = 15")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def run(quick: bool, out_dir) -> dict:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    budget = 90.0 if quick else 600.0
    start = time.perf_counter()
    results = {
        "quick": quick,
        "budget_s_per_path": budget,
        "gate_counts_n15": gate_counts_n15(),
        "gate_level": sweep(
            GATE_LEVEL_N[:2] if quick else GATE_LEVEL_N, "semiclassical", 8, budget
        ),
        "fast": sweep(FAST_N[:8] if quick else FAST_N, "fast", 4, budget / 3 if quick else budget),
    }
    for key in ("gate_level", "fast"):
        done = [r["N"] for r in results[key] if r["factored"]]
        results[f"largest_N_{key}"] = max(done) if done else None
    cx = results["gate_counts_n15"]["semiclassical a=7 (opt 3)"]["cx"]
    results["n15_cx_below_qiskit"] = cx < ANCHORS_CX_N15["qiskit Shor (removed)"]
    results["n15_cx_below_qrisp"] = cx < ANCHORS_CX_N15["Qrisp"]
    results["wall_s"] = time.perf_counter() - start
    (out_dir / "shor.json").write_text(json.dumps(results, indent=2, default=str))
    plot(results, out_dir / "shor.png")
    print(f"N=15 CX (semiclassical a=7, opt 3): {cx} vs anchors {ANCHORS_CX_N15}")
    print(
        f"largest N: gate level {results['largest_N_gate_level']}, fast {results['largest_N_fast']}"
    )
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 1-2 minute subset")
    parser.add_argument(
        "--out", default=str(Path(__file__).parent / "results"), help="output folder"
    )
    args = parser.parse_args(argv)
    run(args.quick, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
